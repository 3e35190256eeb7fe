//! The comparison pane: the selected claim, who asserts it, and for every
//! other source its best matching sentence with a badge, the score, shared
//! terms highlighted and differing figures side by side.

use super::wrap::wrap;
use super::{focused, status_marker, Styles};
use crate::app::{layout, App, Pane};
use crosscheck::analysis::ClaimStatus;
use crosscheck::text::normalize::tokenize;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};
use std::collections::HashSet;

/// Badge for a source that reports nothing matching.
pub const NOT_REPORTED: &str = "NOT REPORTED";

/// One other source's entry in the comparison pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The entry's first line in the pane's content.
    pub line: usize,
    /// The other source (article index).
    pub source: usize,
    /// Its matching claim, if it reports one.
    pub claim: Option<usize>,
}

/// The pane's lines for `app` wrapped to `width` columns.
pub fn content(app: &App, width: u16) -> Vec<Line<'static>> {
    content_and_entries(app, width).0
}

/// The other sources' entries, in content order, at the current size.
pub fn entries(app: &App) -> Vec<Entry> {
    content_and_entries(app, pane_width(app)).1
}

/// The pane's lines for `app` wrapped to `width` columns, and where each
/// other source's entry starts.
pub fn content_and_entries(app: &App, width: u16) -> (Vec<Line<'static>>, Vec<Entry>) {
    let s = Styles::new(&app.theme);
    let a = &app.analysis;
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    let push = |pieces: Vec<(String, Style)>, indent: &str, out: &mut Vec<Line<'static>>| {
        out.extend(wrap(pieces, width, indent));
    };
    let Some(ci) = app.claim else {
        push(
            vec![("This article has no claims to compare.".into(), s.dim())],
            "",
            &mut out,
        );
        return (out, entries);
    };
    let Some(claim) = a.claims.get(ci) else {
        return (out, entries);
    };
    let status = a.status(ci);
    let (mark, label) = status_marker(status);
    let badge = match status {
        ClaimStatus::Corroborated => "REPORTED ELSEWHERE",
        ClaimStatus::Differs => "FIGURES DIFFER",
        ClaimStatus::Contradicts => "CONTRADICTED",
        ClaimStatus::SingleSource => "SINGLE SOURCE",
    };
    push(
        vec![
            (
                format!("{mark} {badge}"),
                s.claim(status).add_modifier(Modifier::BOLD),
            ),
            (format!(" ({label})"), s.dim()),
        ],
        "",
        &mut out,
    );
    // The claim, figures bold, quotes italic.
    let text = &claim.text;
    let mut pieces = Vec::new();
    let mut last = 0;
    let mut marks: Vec<(usize, usize, Modifier)> = claim
        .figures
        .iter()
        .map(|f| (f.start, f.end, Modifier::BOLD))
        .chain(
            claim
                .quotes
                .iter()
                .map(|q| (q.start, q.end, Modifier::ITALIC)),
        )
        .filter_map(|(st, en, m)| {
            let st = st.checked_sub(claim.start)?.min(text.len());
            let en = en.checked_sub(claim.start)?.min(text.len());
            (text.is_char_boundary(st) && text.is_char_boundary(en) && st < en)
                .then_some((st, en, m))
        })
        .collect();
    marks.sort_by_key(|m| (m.0, m.1));
    for (st, en, m) in marks {
        if st < last {
            continue;
        }
        pieces.push((text[last..st].to_string(), Style::new()));
        pieces.push((text[st..en].to_string(), Style::new().add_modifier(m)));
        last = en;
    }
    pieces.push((text[last..].to_string(), Style::new()));
    push(pieces, "", &mut out);
    out.push(Line::default());
    let who = match &claim.attributed_to {
        Some(w) => vec![
            ("Asserted by: ".into(), s.dim()),
            (w.clone(), Style::new().add_modifier(Modifier::BOLD)),
        ],
        None => vec![("Asserted by: not stated in the text".into(), s.dim())],
    };
    push(who, "  ", &mut out);
    for q in &claim.quotes {
        if let Some(sp) = &q.speaker {
            push(
                vec![
                    ("Quote by: ".into(), s.dim()),
                    (sp.clone(), Style::new().add_modifier(Modifier::BOLD)),
                ],
                "  ",
                &mut out,
            );
        }
    }
    // Differences first: sources whose figures differ, then agreeing, then
    // related ones, then those that do not report the claim.
    let mut others = a.other_sources(claim.article);
    others.sort_by_key(|&j| source_rank(a, ci, j));
    figures_at_a_glance(a, ci, &others, &s, width, &mut out);
    out.push(Line::default());
    push(
        vec![(format!("Other sources ({})", others.len()), s.title())],
        "",
        &mut out,
    );
    for j in others {
        out.push(Line::default());
        let Some(art) = a.articles.get(j) else {
            continue;
        };
        // Where a secondary match differs in figures, it leads.
        let secondary = a.differing_in(ci, j);
        let m = secondary.clone().or_else(|| a.match_in(ci, j));
        // The selected entry (Enter jumps to its claim) is reversed while
        // the pane has the focus.
        let mut head_style = Style::new().add_modifier(Modifier::BOLD);
        if entries.len() == app.comparison_sel && focused(app, Pane::Comparison) {
            head_style = head_style.add_modifier(Modifier::REVERSED);
        }
        entries.push(Entry {
            line: out.len(),
            source: j,
            claim: m.as_ref().map(|m| m.claim),
        });
        let mut head = vec![(format!("{} {}", j + 1, art.display_title()), head_style)];
        let meta: Vec<String> = art
            .outlet
            .iter()
            .cloned()
            .chain(art.date.map(|d| d.to_string()))
            .collect();
        if !meta.is_empty() {
            head.push((format!(" · {}", meta.join(" · ")), s.dim()));
        }
        push(head, "  ", &mut out);
        let Some(m) = m else {
            push(
                vec![
                    (
                        format!("[{NOT_REPORTED}]"),
                        s.relation(None).add_modifier(Modifier::BOLD),
                    ),
                    (" no matching sentence".into(), s.dim()),
                ],
                "  ",
                &mut out,
            );
            continue;
        };
        match_block(a, &m, "", &s, width, &mut out);
        if secondary.is_some() {
            if let Some(best) = a.match_in(ci, j) {
                match_block(a, &best, "also ", &s, width, &mut out);
            }
        }
    }
    (out, entries)
}

/// One match of another source: its badge and score (after `lead`, e.g.
/// "also "), the matched sentence with shared terms highlighted, the figures
/// compared side by side and the shared terms.
fn match_block(
    a: &crosscheck::Analysis,
    m: &crosscheck::matching::Match,
    lead: &str,
    s: &Styles,
    width: u16,
    out: &mut Vec<Line<'static>>,
) {
    let push = |pieces: Vec<(String, Style)>, indent: &str, out: &mut Vec<Line<'static>>| {
        out.extend(wrap(pieces, width, indent));
    };
    push(
        vec![
            (
                format!("{lead}[{}]", m.relation.badge()),
                s.relation(Some(m.relation)),
            ),
            (format!(" score {:.2}", m.score), s.dim()),
        ],
        "  ",
        out,
    );
    // The matched sentence with shared terms highlighted.
    let theirs = a.claims.get(m.claim).map_or("", |c| c.text.as_str());
    let shared: HashSet<String> = m
        .why
        .shared_terms
        .iter()
        .chain(&m.why.shared_entities)
        .flat_map(|t| tokenize(t))
        .filter(|t| !t.stop)
        .map(|t| t.stem)
        .collect();
    let mut pieces = vec![("│".to_string(), s.dim()), (" ".to_string(), Style::new())];
    let mut last = 0;
    for t in tokenize(theirs) {
        if t.stop || !shared.contains(&t.stem) {
            continue;
        }
        pieces.push((theirs[last..t.start].to_string(), Style::new()));
        pieces.push((theirs[t.start..t.end].to_string(), s.highlight()));
        last = t.end;
    }
    pieces.push((theirs[last..].to_string(), Style::new()));
    push(pieces, "│ ", out);
    for f in &m.why.figures {
        let verdict = f.describe();
        let verdict = verdict
            .rsplit_once(": ")
            .map_or(String::new(), |(_, v)| v.to_string());
        let vstyle = if f.same {
            s.relation(Some(crosscheck::matching::Relation::Agrees))
        } else {
            s.relation(Some(crosscheck::matching::Relation::Differs))
                .remove_modifier(Modifier::REVERSED)
        };
        push(
            vec![
                ("  ".into(), Style::new()),
                (f.ours.clone(), Style::new().add_modifier(Modifier::BOLD)),
                (" vs ".into(), s.dim()),
                (f.theirs.clone(), Style::new().add_modifier(Modifier::BOLD)),
                (": ".into(), s.dim()),
                (verdict, vstyle),
            ],
            "    ",
            out,
        );
    }
    let verdicts = m
        .why
        .dates
        .iter()
        .map(|d| (d.describe(), d.same))
        .chain(m.why.polarity.iter().map(|p| (p.describe(), false)));
    for (text, same) in verdicts {
        let style = if same {
            s.relation(Some(crosscheck::matching::Relation::Agrees))
        } else {
            s.relation(Some(crosscheck::matching::Relation::Differs))
                .remove_modifier(Modifier::REVERSED)
        };
        push(
            vec![("  ".into(), Style::new()), (text, style)],
            "    ",
            out,
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
                ("  shared: ".into(), s.dim()),
                (terms.join(", "), s.highlight()),
            ],
            "    ",
            out,
        );
    }
}

/// "Figures elsewhere": one line per figure another source states
/// differently for the same quantity, so the differences show at a glance
/// before the sources' full entries.
fn figures_at_a_glance(
    a: &crosscheck::Analysis,
    claim: usize,
    others: &[usize],
    s: &Styles,
    width: u16,
    out: &mut Vec<Line<'static>>,
) {
    let mut lines: Vec<Vec<(String, Style)>> = Vec::new();
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
                    (
                        format!("  {} ", j + 1),
                        Style::new().add_modifier(Modifier::BOLD),
                    ),
                    (f.ours.clone(), Style::new().add_modifier(Modifier::BOLD)),
                    (" vs ".into(), s.dim()),
                    (f.theirs.clone(), Style::new().add_modifier(Modifier::BOLD)),
                    (format!(": {verdict}"), s.dim()),
                ];
                if !lines.contains(&line) {
                    lines.push(line);
                }
            }
        }
    }
    if lines.is_empty() {
        return;
    }
    out.push(Line::default());
    out.extend(wrap(
        vec![(
            "Figures elsewhere (differ)".to_string(),
            s.relation(Some(crosscheck::matching::Relation::Differs)),
        )],
        width,
        "",
    ));
    for l in lines {
        out.extend(wrap(l, width, "      "));
    }
}

/// Order of another source in the comparison: differing figures first, then
/// agreement, relation, and no match.
fn source_rank(a: &crosscheck::Analysis, claim: usize, source: usize) -> u8 {
    use crosscheck::matching::Relation;
    if a.differing_in(claim, source).is_some() {
        return 0;
    }
    match a.match_in(claim, source).map(|m| m.relation) {
        Some(Relation::Contradicts | Relation::Differs) => 0,
        Some(Relation::Agrees) => 1,
        Some(Relation::Related) => 2,
        None => 3,
    }
}

/// Text columns of the pane at the current size.
pub fn pane_width(app: &App) -> u16 {
    app.areas()
        .comparison
        .map_or(40, |r| layout::inner(r).width)
}

/// Draws the comparison pane in `area`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let s = Styles::new(&app.theme);
    let title = match app.claim.and_then(|c| app.analysis.claims.get(c)) {
        Some(c) => format!("Comparison: claim {}", super::sanitize::sanitize(&c.id)),
        None => "Comparison".into(),
    };
    let block = s.pane_block(title, focused(app, Pane::Comparison));
    let inner = layout::inner(area);
    block.render(area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let lines = content(app, inner.width);
    let max = lines.len().saturating_sub(usize::from(inner.height));
    let scroll = app.comparison_scroll.min(max);
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .collect();
    Paragraph::new(visible).render(inner, buf);
}
