//! The reader: the article wrapped to the pane, blocks kept distinct, claims
//! marked by status (gutter marker and style) and verdict, figures bold,
//! quotes italic, the selected claim reversed; claims the filter leaves out
//! dimmed. The legend on the bottom border shrinks to the width.

use super::focused;
use super::style::Styles;
use crate::tui::app::comparison::status_marker;
use crate::tui::app::filter::Filter;
use crate::tui::app::{layout, App, Pane};
use crate::tui::sanitize::{drawn_width, sanitize};
use crosscheck::analysis::ClaimStatus;
use crosscheck::text::BlockKind;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use std::ops::Range;

/// The legend for the bottom border, as rich as fits in `width` columns.
pub fn legend(app: &App, width: u16) -> Line<'static> {
    let s = Styles::new(&app.theme);
    let a = app.analysis();
    let range = a.claim_range(app.panes.article);
    let mut pos = app.panes.claim.filter(|c| range.contains(c)).map_or_else(
        || format!(" {} claims ", range.len()),
        |c| format!(" claim {}/{} ", c - range.start + 1, range.len()),
    );
    if app.panes.filter != Filter::All {
        let n = range.clone().filter(|&c| app.passes(c)).count();
        pos = format!("{pos}· {n} {} ", app.panes.filter.label());
    }
    let markers = [
        (ClaimStatus::Corroborated, "reported", "rep"),
        (ClaimStatus::Differs, "differs", "diff"),
        (ClaimStatus::Contradicts, "contradicted", "contra"),
        (ClaimStatus::SingleSource, "single", "single"),
    ];
    let full = |long: bool, styles: bool| {
        let mut spans = vec![Span::styled(pos.clone(), s.dim())];
        for (st, l, short) in markers {
            spans.push(Span::styled(status_marker(st).to_string(), s.marker(st)));
            spans.push(Span::styled(
                format!(" {}  ", if long { l } else { short }),
                s.dim(),
            ));
        }
        if styles {
            spans.push(Span::styled(
                "bold",
                Style::new().add_modifier(Modifier::BOLD),
            ));
            spans.push(Span::styled(" figure  ", s.dim()));
            spans.push(Span::styled(
                "italic",
                Style::new().add_modifier(Modifier::ITALIC),
            ));
            spans.push(Span::styled(" quote ", s.dim()));
        }
        Line::from(spans)
    };
    let room = usize::from(width).saturating_sub(2);
    for (long, styles) in [(true, true), (true, false), (false, false)] {
        let l = full(long, styles);
        if l.spans
            .iter()
            .map(|sp| drawn_width(&sp.content))
            .sum::<usize>()
            <= room
        {
            return l;
        }
    }
    if drawn_width(&pos) <= room {
        Line::from(Span::styled(pos, s.dim()))
    } else {
        Line::default()
    }
}

/// Draws the reader pane in `area`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let s = Styles::new(&app.theme);
    let row = app.data.rows.get(app.panes.article);
    let title = format!(
        "Reader: {}",
        row.map_or(String::new(), |r| sanitize(&r.title).into_owned())
    );
    let block = s
        .pane_block(&title, focused(app, Pane::Reader))
        .title_bottom(legend(app, area.width));
    let inner = layout::inner(area);
    block.render(area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let gutter = usize::from(layout::GUTTER).min(usize::from(inner.width));
    let lines = lines(
        app,
        app.panes.reader.scroll,
        usize::from(inner.height),
        gutter,
    );
    Paragraph::new(lines).render(inner, buf);
}

/// The reader's display lines `first..first + count` of the selected
/// article's layout, each with a `gutter`-column gutter (status marker,
/// verdict marker).
pub fn lines(app: &App, first: usize, count: usize, gutter: usize) -> Vec<Line<'static>> {
    let s = Styles::new(&app.theme);
    let a = app.analysis();
    let claims = a.claims_of(app.panes.article);
    let base = a.claim_range(app.panes.article).start;
    let Some(article) = a.articles.get(app.panes.article) else {
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
    let passing: Vec<bool> = (0..claims.len()).map(|i| app.passes(base + i)).collect();
    let selected = app
        .panes
        .claim
        .and_then(|c| c.checked_sub(base))
        .filter(|&c| c < claims.len());
    // The style of the text at byte `p`, and the claim (local index) there.
    let style_at = |p: usize| -> (Style, Option<usize>) {
        let ci = claims.partition_point(|c| c.end <= p);
        let claim = (ci < claims.len() && claims[ci].start <= p).then_some(ci);
        let mut st = claim.map_or(Style::new(), |c| {
            if passing[c] {
                s.claim(statuses[c])
            } else {
                s.dim()
            }
        });
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
    app.panes
        .reader
        .layout
        .lines
        .iter()
        .skip(first)
        .take(count)
        .map(|l| {
            let mut spans = Vec::new();
            match l.claim_start {
                Some(c) => {
                    let st = a.status(c);
                    let local = c - base;
                    let mut style = if passing.get(local).copied().unwrap_or(true) {
                        s.marker(st)
                    } else {
                        s.dim()
                    };
                    if Some(c) == app.panes.claim {
                        style = style.patch(Styles::selected());
                    }
                    let mark = app.verdicts.marks.get(&c).map(|(v, _)| v.marker());
                    let g: String = format!("{}{} ", status_marker(st), mark.unwrap_or(' '))
                        .chars()
                        .take(gutter)
                        .collect();
                    let mut chars = g.chars();
                    spans.push(Span::styled(
                        chars.next().map(String::from).unwrap_or_default(),
                        style,
                    ));
                    let rest: String = chars.collect();
                    if !rest.is_empty() {
                        let mut it = rest.chars();
                        spans.push(Span::styled(
                            it.next().map(String::from).unwrap_or_default(),
                            s.mark(),
                        ));
                        spans.push(Span::raw(it.collect::<String>()));
                    }
                }
                None => spans.push(Span::raw(" ".repeat(gutter))),
            }
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
