//! Making untrusted text safe to draw: control characters (ESC, CSI, OSC,
//! BEL...) are shown visibly in caret notation (`^[`) instead of reaching the
//! terminal, and widths are measured the way they are drawn.

use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// Whether `c` must not reach the terminal as is.
fn is_control(c: char) -> bool {
    c.is_control()
}

/// The visible form of `s`: tabs, newlines and other whitespace controls
/// become spaces, C0 controls and DEL caret notation (`^[`), C1 controls
/// `<U+009B>`-style escapes.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' => out.push(' '),
            '\u{0}'..='\u{1f}' => {
                out.push('^');
                out.push((c as u8 ^ 0x40) as char);
            }
            '\u{7f}' => out.push_str("^?"),
            c if is_control(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Display width of `s` once sanitised.
pub fn width(s: &str) -> usize {
    sanitize(s).width()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_become_visible() {
        assert_eq!(sanitize("a\u{1b}[31mb"), "a^[[31mb");
        assert_eq!(sanitize("x\u{1b}]52;c;AAAA\u{7}"), "x^[]52;c;AAAA^G");
        assert_eq!(sanitize("\u{9b}2J"), "<U+009B>2J");
        assert_eq!(sanitize("tab\there"), "tab here");
        assert_eq!(sanitize("\u{7f}"), "^?");
        assert!(matches!(sanitize("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn widths() {
        assert_eq!(width("日本"), 4);
        assert_eq!(width("\u{1b}"), 2);
    }
}
