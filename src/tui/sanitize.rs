//! Making untrusted text safe to draw: control characters (ESC, CSI, OSC,
//! BEL...) are shown visibly in caret notation (`^[`) instead of reaching the
//! terminal, and widths are measured the way they are drawn.
//!
//! Sanitising never changes the text it is given: the article text and its
//! byte offsets (claims, figures, quotes) stay exact, and only the strings
//! built for display are sanitised.

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;

pub use crosscheck::text::display::{is_unsafe, sanitize};

/// Display width of `s` once sanitised.
pub fn width(s: &str) -> usize {
    drawn_width(&sanitize(s))
}

/// Columns `s` takes when drawn, measured the way ratatui's buffer draws
/// it: grapheme by grapheme, each its cell width, graphemes holding a
/// control character or of no width taking none. (Measuring the whole
/// string at once can differ: `unicode-width` counts the lam-alef ligature
/// `لا` as one column and some emoji sequences as two, which the buffer
/// draws as two and four.)
pub fn drawn_width(s: &str) -> usize {
    s.graphemes(true).map(grapheme_width).sum()
}

fn grapheme_width(g: &str) -> usize {
    if g.contains(char::is_control) {
        0
    } else {
        usize::from(g.cell_width())
    }
}

/// The longest prefix of `s` (already sanitised) that fits `cols` columns,
/// cut between graphemes, and the rest; the prefix is empty only when the
/// first grapheme does not fit.
pub fn split_at_width(s: &str, cols: usize) -> (&str, &str) {
    let mut w = 0;
    for (i, g) in s.grapheme_indices(true) {
        let gw = grapheme_width(g);
        if w + gw > cols {
            return s.split_at(i);
        }
        w += gw;
    }
    (s, "")
}

/// Byte length of the longest prefix of raw text `s` whose sanitised form
/// fits `cols` columns, cut between graphemes (at least one grapheme).
pub fn raw_prefix_fitting(s: &str, cols: usize) -> usize {
    let mut w = 0;
    for (i, g) in s.grapheme_indices(true) {
        let gw = width(g);
        if w + gw > cols {
            return if i == 0 { g.len() } else { i };
        }
        w += gw;
    }
    s.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn escapes_become_visible() {
        assert_eq!(sanitize("a\u{1b}[31mb"), "a^[[31mb");
        assert_eq!(sanitize("x\u{1b}]52;c;AAAA\u{7}"), "x^[]52;c;AAAA^G");
        assert_eq!(sanitize("\u{1b}]0;title\u{7}"), "^[]0;title^G");
        assert_eq!(sanitize("\u{1b}[2J"), "^[[2J");
        assert_eq!(sanitize("\u{9b}2J"), "<U+009B>2J");
        assert_eq!(sanitize("\u{9d}0;t\u{9c}"), "<U+009D>0;t<U+009C>");
        assert_eq!(sanitize("tab\there\r\nnel\u{85}x"), "tab here  nel x");
        assert_eq!(sanitize("\u{7f}\u{0}"), "^?^@");
        assert_eq!(sanitize("a\u{202e}b\u{2066}c"), "a<U+202E>b<U+2066>c");
        assert!(matches!(sanitize("plain"), Cow::Borrowed(_)));
        // Right-to-left text and marks, combining marks, CJK and emoji are
        // text, not controls.
        for s in ["שלום עולם", "مرحبا\u{200f}", "e\u{301}", "日本語", "👩‍👩‍👧 ✈️"]
        {
            assert!(matches!(sanitize(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn nothing_unsafe_survives() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        let s = sanitize(&all);
        assert!(!s.chars().any(is_unsafe));
        assert!(!s.chars().any(char::is_control));
    }

    #[test]
    fn widths() {
        assert_eq!(width("日本"), 4);
        assert_eq!(width("\u{1b}"), 2);
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(width("\u{202e}"), 8);
        // As the buffer draws them.
        assert_eq!(width("لا"), 2);
        assert_eq!(width("✈\u{fe0f}"), 2);
        assert_eq!(width("👩\u{200d}👩\u{200d}👧"), 2);
        assert_eq!(width("🇺🇦"), 2);
    }

    #[test]
    fn splits_between_graphemes() {
        assert_eq!(
            split_at_width("e\u{301}e\u{301}", 1),
            ("e\u{301}", "e\u{301}")
        );
        assert_eq!(split_at_width("日本", 3), ("日", "本"));
        assert_eq!(split_at_width("日本", 1), ("", "日本"));
        assert_eq!(raw_prefix_fitting("日本", 1), "日".len());
        assert_eq!(raw_prefix_fitting("a\u{1b}b", 2), 1);
        assert_eq!(raw_prefix_fitting("a\u{1b}b", 3), 2);
        let fam = "👩\u{200d}👩\u{200d}👧";
        assert_eq!(raw_prefix_fitting(&format!("{fam}{fam}"), 3), fam.len());
    }
}
