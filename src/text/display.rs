//! Making untrusted text safe to show on a terminal or in a report:
//! control characters (ESC, CSI, OSC, BEL...) are rendered visibly in caret
//! notation (`^[`) instead of reaching the terminal. Used by the terminal
//! browser, the warnings printed on stderr and the Markdown export.
//!
//! Sanitising never changes the text it is given: only the strings built
//! for display are sanitised, so article offsets stay exact.

use std::borrow::Cow;

/// Whether `c` must not reach the terminal as is: C0 and C1 controls, DEL,
/// line and paragraph separators, and the bidirectional embedding, override
/// and isolate characters (which can make a terminal show text in another
/// order than it is stored).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// The visible form of `s`: tabs, newlines and other whitespace controls
/// become spaces, C0 controls and DEL caret notation (`^[`, `^?`), C1
/// controls and bidi overrides `<U+009B>`-style escapes.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                out.push(' ')
            }
            '\u{0}'..='\u{1f}' => {
                out.push('^');
                out.push((c as u8 ^ 0x40) as char);
            }
            '\u{7f}' => out.push_str("^?"),
            c if is_unsafe(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}
