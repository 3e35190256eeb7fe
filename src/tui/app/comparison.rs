//! The comparison pane's layout: the selected claim, who asserts it, and
//! for every other source its best matching sentence with a badge, the
//! score, shared terms highlighted and differing figures side by side.
//!
//! Laid out once per (claim, width) and kept in the app state, so that
//! moving between sources and scrolling never rebuild it. Its lines carry
//! [`Role`]s, not styles. A claim with thousands of other sources lists the
//! first [`MAX_SOURCES`] (differences first) and counts the rest, so the
//! layout costs memory in proportion to what can be shown.

use crate::tui::role::Role;
use crate::tui::wrap::{wrap_pieces, Pieces};
use crosscheck::analysis::ClaimStatus;
use crosscheck::matching::{Match, Relation};
use crosscheck::text::normalize::tokenize;
use crosscheck::verdicts::Verdict;
use crosscheck::Analysis;
use std::collections::{HashMap, HashSet};

/// Badge for a source that reports nothing matching.
pub const NOT_REPORTED: &str = "NOT REPORTED";

/// Most other sources listed in full; the rest are counted by relation.
pub const MAX_SOURCES: usize = 200;

/// One other source's entry in the comparison pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The entry's first line in the pane's content.
    pub line: usize,
    /// One past its last line.
    pub end: usize,
    /// The other source (article index).
    pub source: usize,
    /// Its matching claim, if it reports one.
    pub claim: Option<usize>,
}

/// The pane's content for one claim at one width.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ComparisonLayout {
    /// The claim laid out (`None`: the article has no claims).
    pub claim: Option<usize>,
    /// The width it was wrapped to.
    pub width: u16,
    /// Display lines.
    pub lines: Vec<Pieces<Role>>,
    /// The other sources' entries, in content order.
    pub entries: Vec<Entry>,
}

/// The comparison pane's state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ComparisonState {
    /// The selected claim laid out at the pane's width.
    pub layout: ComparisonLayout,
    /// First line shown.
    pub scroll: usize,
    /// Selected entry (Enter jumps to its claim; `v` opens it side by side).
    pub sel: usize,
}

impl ComparisonState {
    /// The selected entry, if any.
    pub fn selected(&self) -> Option<Entry> {
        self.layout.entries.get(self.sel).copied()
    }
}

/// Order of another source from its relation to the claim (and whether a
/// secondary match there differs): contradiction and differing figures
/// first, then agreement, relation, and no match.
fn rank(relation: Option<Relation>, differing: bool) -> u8 {
    if differing {
        return 0;
    }
    match relation {
        Some(Relation::Contradicts) => 0,
        Some(Relation::Differs) => 1,
        Some(Relation::Agrees) => 2,
        Some(Relation::Related) => 3,
        None => 4,
    }
}

/// The header of a claim's status ("≠ FIGURES DIFFER").
pub fn status_header(status: ClaimStatus) -> &'static str {
    match status {
        ClaimStatus::Corroborated => "REPORTED ELSEWHERE",
        ClaimStatus::Differs => "FIGURES DIFFER",
        ClaimStatus::Contradicts => "CONTRADICTED",
        ClaimStatus::SingleSource => "SINGLE SOURCE",
    }
}

/// Marker of a claim status, for gutters, counts and legends.
pub fn status_marker(s: ClaimStatus) -> &'static str {
    match s {
        ClaimStatus::Corroborated => "=",
        ClaimStatus::Differs => "≠",
        ClaimStatus::Contradicts => "✗",
        ClaimStatus::SingleSource => "·",
    }
}

/// Lays out the comparison of `claim` at `width` columns; `marks` are the
/// verdicts by claim.
pub fn build(
    a: &Analysis,
    marks: &HashMap<usize, (Verdict, String)>,
    claim: Option<usize>,
    width: u16,
) -> ComparisonLayout {
    let mut out = ComparisonLayout {
        claim,
        width,
        ..ComparisonLayout::default()
    };
    let lines = &mut out.lines;
    let push = |pieces: Pieces<Role>, indent: &str, lines: &mut Vec<Pieces<Role>>| {
        lines.extend(wrap_pieces(pieces, width, indent));
    };
    let Some((ci, cl)) = claim.and_then(|c| a.claims.get(c).map(|cl| (c, cl))) else {
        push(
            vec![("This article has no claims to compare.".into(), Role::Dim)],
            "",
            lines,
        );
        return out;
    };
    let status = a.status(ci);
    push(
        vec![(
            format!("{} {}", status_marker(status), status_header(status)),
            Role::Status(status),
        )],
        "",
        lines,
    );
    // The claim, figures strong, quotes marked.
    let text = &cl.text;
    let mut marked: Vec<(usize, usize, Role)> = cl
        .figures
        .iter()
        .map(|f| (f.start, f.end, Role::Strong))
        .chain(cl.quotes.iter().map(|q| (q.start, q.end, Role::Quote)))
        .filter_map(|(st, en, r)| {
            let st = st.checked_sub(cl.start)?.min(text.len());
            let en = en.checked_sub(cl.start)?.min(text.len());
            (text.is_char_boundary(st) && text.is_char_boundary(en) && st < en)
                .then_some((st, en, r))
        })
        .collect();
    marked.sort_by_key(|m| (m.0, m.1));
    let mut pieces = Vec::new();
    let mut last = 0;
    for (st, en, r) in marked {
        if st < last {
            continue;
        }
        pieces.push((text[last..st].to_string(), Role::Plain));
        pieces.push((text[st..en].to_string(), r));
        last = en;
    }
    pieces.push((text[last..].to_string(), Role::Plain));
    push(pieces, "", lines);
    lines.push(Vec::new());
    let who = match &cl.attributed_to {
        Some(w) => vec![
            ("Asserted by: ".into(), Role::Dim),
            (w.clone(), Role::Strong),
        ],
        None => vec![("Asserted by: not stated in the text".into(), Role::Dim)],
    };
    push(who, "  ", lines);
    for q in &cl.quotes {
        if let Some(sp) = &q.speaker {
            push(
                vec![("Quote by: ".into(), Role::Dim), (sp.clone(), Role::Strong)],
                "  ",
                lines,
            );
        }
    }
    if let Some((v, note)) = marks.get(&ci) {
        let mut p = vec![
            ("Your verdict: ".into(), Role::Dim),
            (format!("{} {}", v.marker(), v.label()), Role::Mark),
        ];
        if !note.is_empty() {
            p.push((format!(" — {note}"), Role::Plain));
        }
        push(p, "  ", lines);
    }
    // Differences first, then agreement, relation, no match.
    let mut ranked: Vec<(u8, usize)> = a
        .source_relations(ci)
        .into_iter()
        .map(|(j, r, d)| (rank(r, d), j))
        .collect();
    ranked.sort_unstable();
    let total = ranked.len();
    let hidden: Vec<(u8, usize)> = ranked.split_off(ranked.len().min(MAX_SOURCES));
    let differing: Vec<usize> = ranked
        .iter()
        .take_while(|&&(r, _)| r <= 1)
        .map(|&(_, j)| j)
        .collect();
    let shown: Vec<usize> = ranked.iter().map(|&(_, j)| j).collect();
    figures_at_a_glance(a, ci, &differing, width, lines);
    lines.push(Vec::new());
    push(
        vec![(format!("Other sources ({total})"), Role::Header)],
        "",
        lines,
    );
    for &j in &shown {
        lines.push(Vec::new());
        let Some(art) = a.articles.get(j) else {
            continue;
        };
        // Where a secondary match differs in figures, it leads.
        let secondary = a.differing_in(ci, j);
        let m = secondary.clone().or_else(|| a.match_in(ci, j));
        if let Some(prev) = out.entries.last_mut() {
            prev.end = lines.len();
        }
        out.entries.push(Entry {
            line: lines.len(),
            end: lines.len(),
            source: j,
            claim: m.as_ref().map(|m| m.claim),
        });
        let mut head = vec![(
            format!("{} {}", j + 1, art.display_title()),
            Role::SourceHead,
        )];
        let meta: Vec<String> = art
            .outlet
            .iter()
            .cloned()
            .chain(art.date.map(|d| d.to_string()))
            .collect();
        if !meta.is_empty() {
            head.push((format!(" · {}", meta.join(" · ")), Role::Dim));
        }
        if let Some((v, _)) = m.as_ref().and_then(|m| marks.get(&m.claim)) {
            head.push((format!(" {}", v.marker()), Role::Mark));
        }
        push(head, "  ", lines);
        let Some(m) = m else {
            push(
                vec![
                    (format!("[{NOT_REPORTED}]"), Role::Badge(None)),
                    (" no matching sentence".into(), Role::Dim),
                ],
                "  ",
                lines,
            );
            continue;
        };
        match_block(a, &m, "", width, lines);
        if secondary.is_some() {
            if let Some(best) = a.match_in(ci, j) {
                match_block(a, &best, "also ", width, lines);
            }
        }
    }
    if let Some(prev) = out.entries.last_mut() {
        prev.end = lines.len();
    }
    if !hidden.is_empty() {
        let mut by_rank = [0usize; 5];
        for &(r, _) in &hidden {
            by_rank[usize::from(r).min(4)] += 1;
        }
        let names = ["differ", "differ", "agree", "related", "not reported"];
        let parts: Vec<String> = by_rank
            .iter()
            .zip(names)
            .filter(|(n, _)| **n > 0)
            .map(|(n, w)| format!("{n} {w}"))
            .collect();
        lines.push(Vec::new());
        push(
            vec![(
                format!(
                    "… and {} more sources not listed ({}); the stories matrix (s) shows them all",
                    hidden.len(),
                    parts.join(", ")
                ),
                Role::Dim,
            )],
            "  ",
            lines,
        );
    }
    out
}

/// One match of another source: its badge and score (after `lead`, e.g.
/// "also "), the matched sentence with shared terms highlighted, the figures
/// and dates compared side by side and the shared terms.
fn match_block(a: &Analysis, m: &Match, lead: &str, width: u16, lines: &mut Vec<Pieces<Role>>) {
    let push = |pieces: Pieces<Role>, indent: &str, lines: &mut Vec<Pieces<Role>>| {
        lines.extend(wrap_pieces(pieces, width, indent));
    };
    push(
        vec![
            (
                format!("{lead}[{}]", m.relation.badge()),
                Role::Badge(Some(m.relation)),
            ),
            (format!(" score {:.2}", m.score), Role::Dim),
        ],
        "  ",
        lines,
    );
    // The matched sentence with shared terms highlighted.
    let theirs = a.claims.get(m.claim).map_or("", |c| c.text.as_str());
    let shared: HashSet<std::sync::Arc<str>> = m
        .why
        .shared_terms
        .iter()
        .chain(&m.why.shared_entities)
        .chain(m.why.related_terms.iter().map(|(_, theirs)| theirs))
        .flat_map(|t| tokenize(t))
        .filter(|t| !t.stop)
        .map(|t| t.stem)
        .collect();
    let mut pieces = vec![("│".to_string(), Role::Dim), (" ".to_string(), Role::Plain)];
    let mut last = 0;
    for t in tokenize(theirs) {
        if t.stop || !shared.contains(&t.stem) || t.start < last {
            continue;
        }
        pieces.push((theirs[last..t.start].to_string(), Role::Plain));
        pieces.push((theirs[t.start..t.end].to_string(), Role::Highlight));
        last = t.end;
    }
    pieces.push((theirs[last..].to_string(), Role::Plain));
    push(pieces, "│ ", lines);
    for f in &m.why.figures {
        let verdict = if f.same {
            "same figure"
        } else if f.compatible {
            "ranges compatible"
        } else {
            "ranges incompatible"
        };
        push(
            vec![
                ("  ".into(), Role::Plain),
                (f.ours.clone(), Role::Strong),
                (" vs ".into(), Role::Dim),
                (f.theirs.clone(), Role::Strong),
                (": ".into(), Role::Dim),
                (verdict.into(), Role::Verdict(f.same)),
            ],
            "    ",
            lines,
        );
    }
    for d in &m.why.dates {
        let verdict = if d.same { "same date" } else { "dates differ" };
        push(
            vec![
                ("  ".into(), Role::Plain),
                (d.ours.clone(), Role::Strong),
                (" vs ".into(), Role::Dim),
                (d.theirs.clone(), Role::Strong),
                (": ".into(), Role::Dim),
                (verdict.into(), Role::Verdict(d.same)),
            ],
            "    ",
            lines,
        );
    }
    if let Some(p) = &m.why.polarity {
        push(
            vec![
                ("  ".into(), Role::Plain),
                (p.ours.clone(), Role::Strong),
                (" vs ".into(), Role::Dim),
                (p.theirs.clone(), Role::Strong),
                (": ".into(), Role::Dim),
                ("opposite".into(), Role::Verdict(false)),
            ],
            "    ",
            lines,
        );
    }
    let mut terms: Vec<String> = Vec::new();
    for t in m.why.shared_entities.iter().chain(&m.why.shared_terms) {
        if !terms.iter().any(|x| x.eq_ignore_ascii_case(t)) {
            terms.push(t.clone());
        }
    }
    if !terms.is_empty() {
        push(
            vec![
                ("  shared: ".into(), Role::Dim),
                (terms.join(", "), Role::Highlight),
            ],
            "    ",
            lines,
        );
    }
    // Words said differently but close in meaning ("bought" / "acquired"):
    // what the `related_words` feature counted.
    if !m.why.related_terms.is_empty() {
        let pairs: Vec<String> = m
            .why
            .related_terms
            .iter()
            .map(|(ours, theirs)| format!("{ours} ~ {theirs}"))
            .collect();
        push(
            vec![
                ("  related: ".into(), Role::Dim),
                (pairs.join(", "), Role::Highlight),
            ],
            "    ",
            lines,
        );
    }
}

/// "Figures elsewhere": one line per figure another source (of `others`,
/// those that differ) states differently for the same quantity, so the
/// differences show at a glance before the sources' full entries.
fn figures_at_a_glance(
    a: &Analysis,
    claim: usize,
    others: &[usize],
    width: u16,
    lines: &mut Vec<Pieces<Role>>,
) {
    let mut found: Vec<Pieces<Role>> = Vec::new();
    for &j in others {
        for m in a
            .differing_in(claim, j)
            .into_iter()
            .chain(a.match_in(claim, j))
        {
            for f in m.why.figures.iter().filter(|f| f.close && !f.same) {
                let verdict = if f.compatible {
                    "compatible"
                } else {
                    "incompatible"
                };
                let line = vec![
                    (format!("  {} ", j + 1), Role::Strong),
                    (f.ours.clone(), Role::Strong),
                    (" vs ".into(), Role::Dim),
                    (f.theirs.clone(), Role::Strong),
                    (": ".into(), Role::Dim),
                    (verdict.into(), Role::Verdict(false)),
                ];
                if !found.contains(&line) {
                    found.push(line);
                }
            }
        }
    }
    if found.is_empty() {
        return;
    }
    lines.push(Vec::new());
    lines.extend(wrap_pieces(
        vec![("Figures elsewhere".to_string(), Role::Header)],
        width,
        "",
    ));
    for l in found {
        lines.extend(wrap_pieces(l, width, "      "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck::{Article, Corpus};

    #[test]
    fn entries_cover_their_lines_and_differences_come_first() {
        let a = Analysis::build(crosscheck::corpus::bundled());
        for c in 0..a.claims.len() {
            let l = build(&a, &HashMap::new(), Some(c), 40);
            assert_eq!(l.entries.len(), a.other_sources(a.claims[c].article).len());
            for w in l.entries.windows(2) {
                assert!(w[0].line < w[0].end && w[0].end == w[1].line);
            }
            if let Some(e) = l.entries.last() {
                assert_eq!(e.end, l.lines.len());
            }
            let rel = a.source_relations(c);
            let ranks: Vec<u8> = l
                .entries
                .iter()
                .map(|e| {
                    let &(_, r, d) = rel.iter().find(|x| x.0 == e.source).unwrap();
                    rank(r, d)
                })
                .collect();
            assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
        }
    }

    #[test]
    fn many_sources_are_capped_and_counted() {
        let articles = (0..MAX_SOURCES + 30).map(|i| {
            Article::new(
                format!("a{i}"),
                "Officials said 1,000 troops arrived in Kursk on Monday.",
            )
        });
        let a = Analysis::build(Corpus::from_articles(articles));
        let l = build(&a, &HashMap::new(), Some(0), 60);
        assert_eq!(l.entries.len(), MAX_SOURCES);
        let text: String = l
            .lines
            .iter()
            .flat_map(|p| p.iter().map(|(t, _)| t.as_str()))
            .collect();
        assert!(text.contains("… and 29 more sources"), "{text}");
    }

    #[test]
    fn related_words_are_listed_under_the_match() {
        let articles = [
            "The brewer agreed to buy the bottling plant in Ghent for $40 million.",
            "The brewer agreed to acquire the bottling plant in Ghent for $40 million.",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut a = Article::new(format!("a{i}"), *t);
            a.story = "s".into();
            a
        });
        let a = Analysis::build(Corpus::from_articles(articles));
        let l = build(&a, &HashMap::new(), Some(0), 80);
        let text: String = l
            .lines
            .iter()
            .map(|p| p.iter().map(|(t, _)| t.as_str()).collect::<String>() + "\n")
            .collect();
        assert!(text.contains("related: buy ~ acquire"), "{text}");
    }

    #[test]
    fn a_header_says_its_status_once() {
        let a = Analysis::build(crosscheck::corpus::bundled());
        for c in 0..a.claims.len() {
            let l = build(&a, &HashMap::new(), Some(c), 60);
            let head: String = l.lines[0].iter().map(|(t, _)| t.as_str()).collect();
            assert!(!head.contains('('), "{head}");
        }
    }
}
