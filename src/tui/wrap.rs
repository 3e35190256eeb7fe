//! Word-wrapping styled text to a width, measured as the terminal draws
//! it, so that line counts are known before drawing (for scrolling).
//!
//! The pieces carry any style type: ratatui styles for drawing, or the
//! semantic [`Role`](super::role::Role)s of the layouts kept in the app
//! state, which the views turn into styles.

use super::sanitize::{drawn_width, sanitize, split_at_width};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

/// One display line: styled pieces.
pub type Pieces<S> = Vec<(String, S)>;

/// Wraps one logical line of styled pieces to `width` columns (ratatui
/// lines); continuation lines start with `indent`. Text is sanitised.
/// Always at least one line.
pub fn wrap(pieces: Vec<(String, Style)>, width: u16, indent: &str) -> Vec<Line<'static>> {
    wrap_pieces(pieces, width, indent)
        .into_iter()
        .map(|l| {
            Line::from(
                l.into_iter()
                    .map(|(t, s)| Span::styled(t, s))
                    .collect::<Vec<_>>(),
            )
        })
        .collect()
}

/// Wraps one logical line of pieces styled with any `S` to `width`
/// columns; continuation lines start with `indent` (in the default style).
/// Text is sanitised. Always at least one line.
pub fn wrap_pieces<S: Copy + PartialEq + Default>(
    pieces: Vec<(String, S)>,
    width: u16,
    indent: &str,
) -> Vec<Pieces<S>> {
    let width = usize::from(width).max(1);
    // Words: runs of non-space pieces, which may mix styles ("14,000" + ",").
    let mut words: Vec<Pieces<S>> = Vec::new();
    let mut in_word = false;
    for (text, style) in pieces {
        let text = sanitize(&text).into_owned();
        for (is_space, part) in split_spaces(&text) {
            if is_space {
                in_word = false;
            } else {
                if !in_word {
                    words.push(Vec::new());
                    in_word = true;
                }
                if let Some(w) = words.last_mut() {
                    w.push((part.to_string(), style));
                }
            }
        }
    }
    // No indent when it would leave no room for a wide character.
    let indent = if width >= drawn_width(indent) + 2 {
        indent
    } else {
        ""
    };
    let indent_w = drawn_width(indent);
    let indent = indent.to_string();
    let mut lines: Vec<Pieces<S>> = Vec::new();
    let mut cur: Pieces<S> = Vec::new();
    let mut used = 0usize;
    let mut first = true;
    for word in words {
        let ww: usize = word.iter().map(|(t, _)| drawn_width(t)).sum();
        let sep = usize::from(used > if first { 0 } else { indent_w });
        if used + sep + ww > width && used > if first { 0 } else { indent_w } {
            lines.push(std::mem::take(&mut cur));
            first = false;
            cur.push((indent.clone(), S::default()));
            used = indent_w;
        } else if sep == 1 {
            let style = word.first().map(|p| p.1).unwrap_or_default();
            let prev_style = cur.last().map(|s| s.1).unwrap_or_default();
            // A space inside one styled run keeps its style (underlines).
            cur.push((
                " ".to_string(),
                if style == prev_style {
                    style
                } else {
                    S::default()
                },
            ));
            used += 1;
        }
        for (text, style) in word {
            let mut rest = text.as_str();
            while !rest.is_empty() {
                let room = width.saturating_sub(used);
                let (mut head, mut tail) = split_at_width(rest, room);
                if head.is_empty() && used == 0 {
                    // A char wider than the whole line: draw it anyway.
                    let n = rest.graphemes(true).next().map_or(0, str::len);
                    (head, tail) = rest.split_at(n);
                }
                if head.is_empty() {
                    lines.push(std::mem::take(&mut cur));
                    first = false;
                    cur.push((indent.clone(), S::default()));
                    used = indent_w;
                    continue;
                }
                used += drawn_width(head);
                cur.push((head.to_string(), style));
                rest = tail;
                if !rest.is_empty() {
                    lines.push(std::mem::take(&mut cur));
                    first = false;
                    cur.push((indent.clone(), S::default()));
                    used = indent_w;
                }
            }
        }
    }
    lines.push(cur);
    lines
}

/// Splits `s` into runs of spaces and non-spaces.
fn split_spaces(s: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut kind = None;
    for (i, c) in s.char_indices() {
        let sp = c.is_whitespace();
        if kind.is_some_and(|k| k != sp) {
            out.push((kind.unwrap_or(false), &s[start..i]));
            start = i;
        }
        kind = Some(sp);
    }
    if let Some(k) = kind {
        out.push((k, &s[start..]));
    }
    out
}

/// Cuts styled pieces to one line of at most `width` columns (with `…`).
pub fn fit(pieces: Vec<(String, Style)>, width: u16) -> Line<'static> {
    Line::from(
        fit_pieces(pieces, width)
            .into_iter()
            .map(|(t, s)| Span::styled(t, s))
            .collect::<Vec<_>>(),
    )
}

/// Cuts pieces styled with any `S` to at most `width` columns (with `…`).
pub fn fit_pieces<S: Copy>(pieces: Vec<(String, S)>, width: u16) -> Pieces<S> {
    let width = usize::from(width);
    let mut used = 0;
    let mut spans = Vec::new();
    for (text, style) in pieces {
        let text = sanitize(&text).into_owned();
        let w = drawn_width(&text);
        if used + w <= width {
            used += w;
            spans.push((text, style));
            continue;
        }
        let room = width.saturating_sub(used).saturating_sub(1);
        let (head, _) = split_at_width(&text, room);
        let head = if drawn_width(head) > room { "" } else { head };
        spans.push((head.to_string(), style));
        if width > used {
            spans.push(("…".to_string(), style));
        }
        break;
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(l: &Line) -> String {
        l.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn wraps_words_and_fits_width() {
        let lines = wrap(
            vec![("one two three four five".into(), Style::default())],
            9,
            "  ",
        );
        let t: Vec<String> = lines.iter().map(text).collect();
        assert_eq!(t, vec!["one two", "  three", "  four", "  five"]);
        for w in 1..30 {
            for l in wrap(
                vec![(
                    "日本語 supercalifragilistic \u{1b}[0m x".into(),
                    Style::default(),
                )],
                w,
                "  ",
            ) {
                assert!(
                    drawn_width(&text(&l)) <= usize::from(w).max(2),
                    "{w}: {:?}",
                    text(&l)
                );
            }
        }
    }

    #[test]
    fn fit_truncates() {
        assert_eq!(
            text(&fit(vec![("abcdef".into(), Style::default())], 4)),
            "abc…"
        );
        assert_eq!(text(&fit(vec![("ab".into(), Style::default())], 4)), "ab");
        assert!(drawn_width(&text(&fit(vec![("日本".into(), Style::default())], 2))) <= 2);
        assert_eq!(text(&fit(vec![("لالالا".into(), Style::default())], 4)), "لال…");
    }
}
