//! The reader's wrapped-line layout of one article at one width, computed
//! once per (article, width) and kept until either changes.

use crate::tui::sanitize;
use crosscheck::text::BlockKind;
use crosscheck::Analysis;
use std::ops::Range;

/// One display line of the reader.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReaderLine {
    /// Layout role of the block the line belongs to (`None` for blank
    /// separator lines).
    pub kind: Option<BlockKind>,
    /// Text drawn before the words ("  " continuing a bullet, "│ " for a
    /// caption).
    pub prefix: &'static str,
    /// Byte ranges of the article text shown, drawn separated by one space.
    pub words: Vec<Range<usize>>,
    /// The claim (global index) that starts on this line, for the gutter.
    pub claim_start: Option<usize>,
}

/// The reader pane's state: the layout of the selected article at the
/// pane's width, and the first line shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReaderState {
    /// The selected article laid out.
    pub layout: ReaderLayout,
    /// First line shown.
    pub scroll: usize,
}

/// The reader's layout of one article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReaderLayout {
    /// The article laid out.
    pub article: usize,
    /// The text width it was wrapped to.
    pub width: u16,
    /// Display lines.
    pub lines: Vec<ReaderLine>,
    /// For each claim of the article (in order), its first and last line.
    pub claim_lines: Vec<(usize, usize)>,
}

/// Width of a piece of text as drawn.
fn piece_width(s: &str) -> usize {
    sanitize::width(s)
}

impl ReaderLayout {
    /// Lays article `article` out for `width` text columns.
    pub fn build(analysis: &Analysis, article: usize, width: u16) -> ReaderLayout {
        let mut out = ReaderLayout {
            article,
            width,
            ..ReaderLayout::default()
        };
        let (Some(a), Some(doc)) = (
            analysis.articles.get(article),
            analysis.documents.get(article),
        ) else {
            return out;
        };
        let text = a.text.as_str();
        let width = usize::from(width).max(1);
        for (bi, block) in doc.blocks.iter().enumerate() {
            let Some(btext) = text.get(block.start..block.end) else {
                continue;
            };
            let prev_bullet = bi > 0 && doc.blocks[bi - 1].kind == BlockKind::Bullet;
            if bi > 0 && !(prev_bullet && block.kind == BlockKind::Bullet) {
                out.lines.push(ReaderLine::default());
            }
            let (first_prefix, cont_prefix): (&'static str, &'static str) = match block.kind {
                BlockKind::Caption => ("│ ", "│ "),
                BlockKind::Bullet if is_bulleted(btext) => ("", "  "),
                BlockKind::Bullet => ("• ", "  "),
                _ => ("", ""),
            };
            let mut line = ReaderLine {
                kind: Some(block.kind),
                prefix: first_prefix,
                ..ReaderLine::default()
            };
            let mut used = piece_width(first_prefix);
            for w in words(btext) {
                let mut range = (block.start + w.start)..(block.start + w.end);
                loop {
                    let word = &text[range.clone()];
                    let ww = piece_width(word);
                    let sep = usize::from(!line.words.is_empty());
                    if used + sep + ww <= width {
                        used += sep + ww;
                        line.words.push(range);
                        break;
                    }
                    if !line.words.is_empty() {
                        out.lines.push(std::mem::take(&mut line));
                        line.kind = Some(block.kind);
                        line.prefix = cont_prefix;
                        used = piece_width(cont_prefix);
                        continue;
                    }
                    // A word longer than the line: cut it at a char boundary.
                    let room = width.saturating_sub(used).max(1);
                    let cut = cut_at_width(word, room);
                    if cut == 0 || cut >= word.len() {
                        line.words.push(range);
                        break;
                    }
                    line.words.push(range.start..range.start + cut);
                    out.lines.push(std::mem::take(&mut line));
                    line.kind = Some(block.kind);
                    line.prefix = cont_prefix;
                    used = piece_width(cont_prefix);
                    range = (range.start + cut)..range.end;
                }
            }
            if !line.words.is_empty() {
                out.lines.push(line);
            }
        }
        // Claims: first and last line of each, and the gutter marks.
        let claims = analysis.claims_of(article);
        let base = analysis.claim_range(article).start;
        out.claim_lines = vec![(0, 0); claims.len()];
        let mut found = vec![false; claims.len()];
        for (li, l) in out.lines.iter_mut().enumerate() {
            for w in &l.words {
                // Claims are in text order; find those overlapping this word.
                let first = claims.partition_point(|c| c.end <= w.start);
                for (ci, c) in claims.iter().enumerate().skip(first) {
                    if c.start >= w.end {
                        break;
                    }
                    if found[ci] {
                        out.claim_lines[ci].1 = li;
                    } else {
                        found[ci] = true;
                        out.claim_lines[ci] = (li, li);
                        if l.claim_start.is_none() {
                            l.claim_start = Some(base + ci);
                        }
                    }
                }
            }
        }
        out
    }

    /// The first and last line of claim `claim` (global index), if laid out.
    pub fn lines_of(&self, analysis: &Analysis, claim: usize) -> Option<(usize, usize)> {
        let r = analysis.claim_range(self.article);
        if !r.contains(&claim) {
            return None;
        }
        self.claim_lines.get(claim - r.start).copied()
    }
}

/// Whether a bullet's text carries its own marker ("- ", "* ", "• ").
fn is_bulleted(s: &str) -> bool {
    ["- ", "* ", "• ", "– "].iter().any(|m| s.starts_with(m))
}

/// Byte ranges of the whitespace-separated words of `s`.
fn words(s: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = None;
    s.char_indices()
        .chain(std::iter::once((s.len(), ' ')))
        .filter_map(move |(i, c)| match (start, c.is_whitespace()) {
            (None, false) => {
                start = Some(i);
                None
            }
            (Some(st), true) => {
                start = None;
                Some(st..i)
            }
            _ => None,
        })
}

/// Byte length of the longest prefix of `s` that fits `cols` columns (at
/// least one grapheme).
fn cut_at_width(s: &str, cols: usize) -> usize {
    sanitize::raw_prefix_fitting(s, cols)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck::{Article, Corpus};

    fn analysis(texts: &[&str]) -> Analysis {
        Analysis::build(Corpus::from_articles(
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| Article::new(format!("a{i}"), *t)),
        ))
    }

    #[test]
    fn wraps_within_width_for_any_width() {
        let a = analysis(&[
            "Heading\n\nA paragraph with 14,000 troops and \u{1b}[31m escapes, 日本語のテキスト and a verylongwordthatneverends.\n\n- a bullet point that wraps around\n",
        ]);
        for width in 1..60u16 {
            let l = ReaderLayout::build(&a, 0, width);
            for line in &l.lines {
                let mut w = piece_width(line.prefix);
                for (i, r) in line.words.iter().enumerate() {
                    w += piece_width(&a.articles[0].text[r.clone()]) + usize::from(i > 0);
                }
                // A single char wider than the line may overflow; nothing else.
                assert!(
                    w <= usize::from(width).max(2) + 2,
                    "width {width}: {line:?}"
                );
            }
        }
    }

    #[test]
    fn claims_map_to_lines() {
        let a = analysis(&["Officials said 14,000 troops were deployed in October. Another 3,000 were sent to Kursk in January, officials said."]);
        let l = ReaderLayout::build(&a, 0, 20);
        for (ci, &(first, last)) in l.claim_lines.iter().enumerate() {
            assert!(first <= last && last < l.lines.len(), "claim {ci}");
        }
        assert_eq!(l.claim_lines.len(), a.claims_of(0).len());
    }

    #[test]
    fn out_of_range_article_is_empty() {
        let a = analysis(&["Text."]);
        assert!(ReaderLayout::build(&a, 9, 40).lines.is_empty());
    }
}
