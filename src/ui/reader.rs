//! The reader: the article wrapped to the pane, blocks kept distinct, claims
//! marked by status (gutter marker and style), figures bold, quotes italic,
//! the selected claim reversed.

use super::{focused, sanitize::sanitize, status_marker, Styles};
use crate::app::{layout, App, Pane};
use crosscheck::analysis::ClaimStatus;
use crosscheck::text::BlockKind;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use std::ops::Range;

/// Draws the reader pane in `area`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let s = Styles::new(&app.theme);
    let a = &app.analysis;
    let row = app.rows.get(app.article);
    let title = format!(
        "Reader: {}",
        row.map_or(String::new(), |r| sanitize(&r.title).into_owned())
    );
    let claims = a.claims_of(app.article);
    let base = a.article_claims.get(app.article).map_or(0, |r| r.start);
    let pos = app
        .claim
        .filter(|c| *c >= base && *c < base + claims.len())
        .map(|c| format!(" claim {}/{} ", c - base + 1, claims.len()))
        .unwrap_or_else(|| format!(" {} claims ", claims.len()));
    let legend = Line::from(vec![
        Span::styled(pos, s.dim()),
        Span::styled("=", s.claim(ClaimStatus::Corroborated)),
        Span::styled(" reported  ", s.dim()),
        Span::styled("≠", s.claim(ClaimStatus::Differs)),
        Span::styled(" differs  ", s.dim()),
        Span::styled("·", s.claim(ClaimStatus::SingleSource)),
        Span::styled(" single  ", s.dim()),
        Span::styled("bold", Style::new().add_modifier(Modifier::BOLD)),
        Span::styled(" figure  ", s.dim()),
        Span::styled("italic", Style::new().add_modifier(Modifier::ITALIC)),
        Span::styled(" quote ", s.dim()),
    ]);
    let block = s
        .pane_block(title, focused(app, Pane::Reader))
        .title_bottom(legend);
    let inner = layout::inner(area);
    block.render(area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let gutter = usize::from(layout::GUTTER).min(usize::from(inner.width));
    let lines = lines(app, app.reader_scroll, usize::from(inner.height), gutter);
    Paragraph::new(lines).render(inner, buf);
}

/// The reader's display lines `first..first + count` of the selected
/// article's layout, each with a `gutter`-column gutter.
pub fn lines(app: &App, first: usize, count: usize, gutter: usize) -> Vec<Line<'static>> {
    let s = Styles::new(&app.theme);
    let a = &app.analysis;
    let claims = a.claims_of(app.article);
    let base = a.article_claims.get(app.article).map_or(0, |r| r.start);
    let Some(article) = a.articles.get(app.article) else {
        return Vec::new();
    };
    let text = article.text.as_str();
    let figures: Vec<Range<usize>> = claims
        .iter()
        .flat_map(|c| c.figures.iter().map(|f| f.start..f.end))
        .collect();
    let quotes: Vec<Range<usize>> = claims
        .iter()
        .flat_map(|c| c.quotes.iter().map(|q| q.start..q.end))
        .collect();
    let statuses: Vec<ClaimStatus> = (0..claims.len()).map(|i| a.status(base + i)).collect();
    let selected = app
        .claim
        .and_then(|c| c.checked_sub(base))
        .filter(|&c| c < claims.len());
    // The style of the text at byte `p`, and the claim (local index) there.
    let style_at = |p: usize| -> (Style, Option<usize>) {
        let ci = claims.partition_point(|c| c.end <= p);
        let claim = (ci < claims.len() && claims[ci].start <= p).then_some(ci);
        let mut st = claim.map_or(Style::new(), |c| s.claim(statuses[c]));
        if figures.iter().any(|r| r.contains(&p)) {
            st = st.add_modifier(Modifier::BOLD);
        }
        if quotes.iter().any(|r| r.contains(&p)) {
            st = st.add_modifier(Modifier::ITALIC);
        }
        if claim.is_some() && claim == selected {
            st = st.add_modifier(Modifier::REVERSED);
        }
        (st, claim)
    };
    app.reader
        .lines
        .iter()
        .skip(first)
        .take(count)
        .map(|l| {
            let mut spans = Vec::new();
            let (mark, mstyle) = match l.claim_start {
                Some(c) => {
                    let st = a.status(c);
                    let mut style = s.claim(st).remove_modifier(Modifier::UNDERLINED);
                    if Some(c) == app.claim {
                        style = style.add_modifier(Modifier::REVERSED);
                    }
                    (status_marker(st).0, style)
                }
                None => (" ", Style::new()),
            };
            let g: String = format!("{mark} ").chars().take(gutter).collect();
            spans.push(Span::styled(g, mstyle));
            let block_style = match l.kind {
                Some(BlockKind::Heading) => s.title(),
                Some(BlockKind::Caption) => s.dim().add_modifier(Modifier::ITALIC),
                Some(BlockKind::Dateline | BlockKind::Boilerplate) => s.dim(),
                _ => Style::new(),
            };
            if !l.prefix.is_empty() {
                spans.push(Span::styled(l.prefix, s.dim()));
            }
            let mut prev: Option<(usize, Option<usize>)> = None;
            for w in &l.words {
                if let Some((end, claim)) = prev {
                    // Keep a claim's underline across the space.
                    let next_claim = style_at(w.start).1;
                    let st = if claim.is_some() && claim == next_claim {
                        style_at(end.saturating_sub(1))
                            .0
                            .remove_modifier(Modifier::BOLD | Modifier::ITALIC)
                    } else {
                        Style::new()
                    };
                    spans.push(Span::styled(" ", block_style.patch(st)));
                }
                push_word(&mut spans, text, w.clone(), block_style, &style_at);
                prev = Some((w.end, style_at(w.end.saturating_sub(1)).1));
            }
            Line::from(spans)
        })
        .collect()
}

/// Pushes the word `text[range]`, split into runs of equal style.
fn push_word(
    spans: &mut Vec<Span<'static>>,
    text: &str,
    range: Range<usize>,
    base: Style,
    style_at: &dyn Fn(usize) -> (Style, Option<usize>),
) {
    let Some(word) = text.get(range.clone()) else {
        return;
    };
    let mut run_start = 0;
    let mut run_style: Option<Style> = None;
    for (i, _) in word.char_indices() {
        let st = base.patch(style_at(range.start + i).0);
        if run_style.is_some_and(|r| r != st) {
            spans.push(Span::styled(
                sanitize(&word[run_start..i]).into_owned(),
                run_style.unwrap_or_default(),
            ));
            run_start = i;
        }
        run_style = Some(st);
    }
    if run_start < word.len() {
        spans.push(Span::styled(
            sanitize(&word[run_start..]).into_owned(),
            run_style.unwrap_or_default(),
        ));
    }
}
