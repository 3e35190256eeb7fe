//! Two articles side by side, aligned on their matched claims: every claim
//! of the left article in its order, its counterpart in the right one on
//! the same row, and the right claims that have none in between, each just
//! after the right claim before it. Each claim shows its number in its
//! article, so where the right article tells things in another order the
//! numbers say so.

use crate::tui::role::Role;
use crate::tui::wrap::{wrap_pieces, Pieces};
use crosscheck::matching::Relation;
use crosscheck::Analysis;

/// One row: a claim of each side (or of one), and how they relate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Claim of the left article.
    pub left: Option<usize>,
    /// Claim of the right article.
    pub right: Option<usize>,
    /// How the right claim relates to the left one, when aligned.
    pub relation: Option<Relation>,
    /// Figures of the left claim that differ from the right one's.
    pub ours: Vec<String>,
    /// Figures of the right claim that differ from the left one's.
    pub theirs: Vec<String>,
    /// Where the counterpart of a claim shown alone is (out of order).
    pub note: Option<String>,
}

/// The rows laid out at one width: per display line, the left part, the
/// middle marker and the right part; and each row's first and last line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SideLayout {
    /// Total width laid out for.
    pub width: u16,
    /// Width of each side.
    pub column: u16,
    /// Display lines: left, middle marker, right.
    pub lines: Vec<(Pieces<Role>, &'static str, Pieces<Role>)>,
    /// Per row, its first and last display line.
    pub rows: Vec<(usize, usize)>,
}

/// The side-by-side view.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SideBySideState {
    /// Left article.
    pub left: usize,
    /// Right article.
    pub right: usize,
    /// The aligned rows.
    pub rows: Vec<Row>,
    /// Selected row.
    pub sel: usize,
    /// First display line shown.
    pub scroll: usize,
    /// The rows laid out at the current width.
    pub layout: SideLayout,
}

/// The aligned rows of articles `left` and `right`.
pub fn align(a: &Analysis, left: usize, right: usize) -> Vec<Row> {
    struct Pair {
        l: usize,
        r: usize,
        score: f32,
        relation: Relation,
        ours: Vec<String>,
        theirs: Vec<String>,
    }
    let lr = a.claim_range(left);
    let rr = a.claim_range(right);
    // Each left claim's counterpart on the right (a differing one leads, as
    // in the comparison pane); related statements are not counterparts.
    let mut pairs: Vec<Pair> = lr
        .clone()
        .filter_map(|l| {
            let m = a.differing_in(l, right).or_else(|| a.match_in(l, right))?;
            if m.relation == Relation::Related || !rr.contains(&m.claim) {
                return None;
            }
            let differing = m.why.figures.iter().filter(|f| !f.same);
            Some(Pair {
                l,
                r: m.claim,
                score: m.score,
                relation: m.relation,
                ours: differing.clone().map(|f| f.ours.clone()).collect(),
                theirs: differing.map(|f| f.theirs.clone()).collect(),
            })
        })
        .collect();
    // One left claim per right claim: the best scoring; the others say
    // where their counterpart is.
    pairs.sort_by(|x, y| x.r.cmp(&y.r).then(y.score.total_cmp(&x.score)));
    let mut kept: Vec<Pair> = Vec::new();
    let mut notes: Vec<(usize, String)> = Vec::new();
    for p in pairs {
        match kept.last() {
            Some(k) if k.r == p.r => notes.push((
                p.l,
                format!(
                    "its counterpart, right claim {}, is on the row of left claim {}",
                    p.r - rr.start + 1,
                    k.l - lr.start + 1
                ),
            )),
            _ => kept.push(p),
        }
    }
    // A row per left claim, in its order, with its counterpart.
    let mut rows: Vec<Row> = lr
        .clone()
        .map(|l| Row {
            left: Some(l),
            right: None,
            relation: None,
            ours: Vec::new(),
            theirs: Vec::new(),
            note: notes.iter().find(|n| n.0 == l).map(|n| n.1.clone()),
        })
        .collect();
    for p in kept {
        let row = &mut rows[p.l - lr.start];
        row.right = Some(p.r);
        row.relation = Some(p.relation);
        row.ours = p.ours;
        row.theirs = p.theirs;
    }
    // Each right claim without a counterpart goes just after the row of the
    // right claim before it, so that the right side keeps its order where
    // the pairs allow.
    let mut anchor: Option<usize> = None;
    for r in rr {
        if let Some(i) = rows.iter().position(|row| row.right == Some(r)) {
            anchor = Some(i);
            continue;
        }
        let at = anchor.map_or(0, |i| i + 1);
        rows.insert(
            at,
            Row {
                left: None,
                right: Some(r),
                relation: None,
                ours: Vec::new(),
                theirs: Vec::new(),
                note: None,
            },
        );
        anchor = Some(at);
    }
    rows
}

/// Middle marker of a row.
fn marker(r: Option<Relation>) -> &'static str {
    match r {
        Some(Relation::Agrees) => "=",
        Some(Relation::Differs) => "≠",
        Some(Relation::Contradicts) => "✗",
        Some(Relation::Related) => "~",
        None => " ",
    }
}

/// A claim's text as pieces: figures strong, those in `differing` marked
/// as differing.
fn claim_pieces(a: &Analysis, claim: usize, differing: &[String]) -> Pieces<Role> {
    let Some(cl) = a.claims.get(claim) else {
        return Vec::new();
    };
    let text = &cl.text;
    let mut pieces = Vec::new();
    let mut last = 0;
    for f in &cl.figures {
        let (Some(st), Some(en)) = (f.start.checked_sub(cl.start), f.end.checked_sub(cl.start))
        else {
            continue;
        };
        if st < last || en > text.len() || !text.is_char_boundary(st) || !text.is_char_boundary(en)
        {
            continue;
        }
        let role = if differing.iter().any(|d| d == &f.text) {
            Role::DifferingFigure
        } else {
            Role::Strong
        };
        pieces.push((text[last..st].to_string(), Role::Plain));
        pieces.push((text[st..en].to_string(), role));
        last = en;
    }
    pieces.push((text[last..].to_string(), Role::Plain));
    pieces
}

impl SideBySideState {
    /// Articles `left` and `right` side by side, on the row of claim `at`
    /// where given.
    pub fn open(a: &Analysis, left: usize, right: usize, at: Option<usize>) -> SideBySideState {
        let rows = align(a, left, right);
        let sel = at
            .and_then(|c| rows.iter().position(|r| r.left == Some(c)))
            .unwrap_or(0);
        SideBySideState {
            left,
            right,
            rows,
            sel,
            scroll: 0,
            layout: SideLayout::default(),
        }
    }

    /// Lays the rows out for `width` columns, unless already done.
    pub fn ensure_layout(&mut self, a: &Analysis, width: u16) {
        let laid_out = self.layout.rows.len() == self.rows.len();
        if self.layout.width == width && laid_out {
            return;
        }
        let column = width.saturating_sub(3) / 2;
        let mut layout = SideLayout {
            width,
            column,
            ..SideLayout::default()
        };
        let lr = a.claim_range(self.left);
        let rr = a.claim_range(self.right);
        for row in &self.rows {
            let side =
                |claim: Option<usize>, range: &std::ops::Range<usize>, differing: &[String]| {
                    let Some(c) = claim else {
                        return Vec::new();
                    };
                    let mut p = vec![(format!("{} ", c - range.start + 1), Role::Dim)];
                    p.extend(claim_pieces(a, c, differing));
                    let mut lines = wrap_pieces(p, column.max(1), "   ");
                    if claim.is_some() && row.note.is_some() && row.relation.is_none() {
                        if let Some(n) = &row.note {
                            lines.extend(wrap_pieces(
                                vec![(format!("({n})"), Role::Dim)],
                                column.max(1),
                                "",
                            ));
                        }
                    }
                    lines
                };
            let left = side(row.left, &lr, &row.ours);
            let right = side(row.right, &rr, &row.theirs);
            let first = layout.lines.len();
            let n = left.len().max(right.len()).max(1);
            let mut left = left.into_iter();
            let mut right = right.into_iter();
            for i in 0..n {
                let mark = if i == 0 { marker(row.relation) } else { " " };
                layout.lines.push((
                    left.next().unwrap_or_default(),
                    mark,
                    right.next().unwrap_or_default(),
                ));
            }
            layout.rows.push((first, layout.lines.len() - 1));
            layout.lines.push((Vec::new(), " ", Vec::new()));
        }
        self.layout = layout;
    }

    /// Selects row `i` and scrolls it into view in `height` lines.
    pub fn select(&mut self, i: usize, height: usize) {
        let Some(&(first, last)) = self.layout.rows.get(i) else {
            return;
        };
        self.sel = i;
        let height = height.max(1);
        if first < self.scroll {
            self.scroll = first;
        } else if last >= self.scroll + height {
            self.scroll = first.min(last + 1 - height);
        }
    }

    /// Selects row `i` and shows it at the top (after a jump to it).
    pub fn select_at_top(&mut self, i: usize, height: usize) {
        let Some(&(first, _)) = self.layout.rows.get(i) else {
            return;
        };
        self.sel = i;
        let max = self.layout.lines.len().saturating_sub(height.max(1));
        self.scroll = first.min(max);
    }

    /// The claim the selected row stands for (left, else right).
    pub fn claim(&self) -> Option<usize> {
        self.rows.get(self.sel).and_then(|r| r.left.or(r.right))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck::{Article, Corpus};

    #[test]
    fn every_claim_appears_once_and_counterparts_share_a_row() {
        let a = Analysis::build(crosscheck::corpus::bundled());
        for left in 0..a.articles.len() {
            for right in a.other_sources(left) {
                let rows = align(&a, left, right);
                let l: Vec<usize> = rows.iter().filter_map(|r| r.left).collect();
                let mut r: Vec<usize> = rows.iter().filter_map(|r| r.right).collect();
                assert_eq!(l, a.claim_range(left).collect::<Vec<_>>(), "left in order");
                r.sort_unstable();
                assert_eq!(
                    r,
                    a.claim_range(right).collect::<Vec<_>>(),
                    "right, each once"
                );
                // A right claim alone follows the right claim before it.
                for (i, row) in rows.iter().enumerate() {
                    if let (None, Some(rc)) = (row.left, row.right) {
                        let prev = rows[..i].iter().rev().find_map(|x| x.right);
                        if let Some(p) = prev {
                            assert!(p < rc || rc == a.claim_range(right).start, "{p} then {rc}");
                        }
                    }
                }
                for row in &rows {
                    if row.relation.is_some() {
                        let m = a
                            .differing_in(row.left.unwrap(), right)
                            .or_else(|| a.match_in(row.left.unwrap(), right))
                            .unwrap();
                        assert_eq!(Some(m.claim), row.right);
                    }
                }
            }
        }
    }

    #[test]
    fn differing_figures_are_aligned_and_marked() {
        let a = Analysis::build(Corpus::from_articles([
            Article::new(
                "a",
                "The weather was fine. Ukrainian officials said North Korea deployed as many as 14,000 troops to Kursk.",
            ),
            Article::new(
                "b",
                "Officials said North Korea deployed 11,000-12,000 troops to Kursk. Nothing else happened in Kursk that day.",
            ),
        ]));
        let mut s = SideBySideState::open(&a, 0, 1, None);
        let row = s
            .rows
            .iter()
            .find(|r| r.relation.is_some())
            .expect("an aligned row");
        assert_eq!(row.relation, Some(Relation::Differs));
        assert!(!row.ours.is_empty() && !row.theirs.is_empty());
        s.ensure_layout(&a, 80);
        let roles: Vec<Role> = s
            .layout
            .lines
            .iter()
            .flat_map(|(l, _, r)| l.iter().chain(r).map(|p| p.1))
            .collect();
        assert!(roles.contains(&Role::DifferingFigure));
        assert_eq!(s.layout.rows.len(), s.rows.len());
    }
}
