//! The fuzzy search popup: query, ranked hits with matched characters
//! highlighted.

use super::{overlay_block, wrap::fit, Styles};
use crate::app::{layout, list_offset, App};
use crosscheck::search::Target;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

/// Draws the search popup over `area`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let s = Styles::new(&app.theme);
    let popup = layout::popup(area, 80, 70, 30, 8);
    let inner = overlay_block(buf, popup, "Search claims and titles", &s);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let mut lines: Vec<Line> = vec![fit(
        vec![
            ("/ ".into(), s.title()),
            (app.query.clone(), Style::new().add_modifier(Modifier::BOLD)),
            ("█".into(), Style::new()),
        ],
        inner.width,
    )];
    let count = if app.query.is_empty() {
        "type to search every claim and article title · Enter jump · Esc cancel".to_string()
    } else {
        format!("{} results", app.hits.len())
    };
    lines.push(fit(vec![(count, s.dim())], inner.width));
    let visible = usize::from(inner.height).saturating_sub(2);
    let off = list_offset(app.hit, app.hits.len(), visible);
    for (i, hit) in app.hits.iter().enumerate().skip(off).take(visible) {
        let (tag, text) = match hit.target {
            Target::Article(a) => (format!("title src {} ", a + 1), app.index.text(hit.target)),
            Target::Claim(c) => {
                let art = app.analysis.claims.get(c).map_or(0, |c| c.article);
                (
                    format!("claim src {:<2} ", art + 1),
                    app.index.text(hit.target),
                )
            }
        };
        let text = text.unwrap_or("");
        let sel = i == app.hit;
        let base = if sel {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let mut pieces = vec![
            (if sel { "▶ " } else { "  " }.to_string(), base),
            (tag, s.dim().patch(base)),
        ];
        // Start shortly before the first match when it would be cut off.
        let room = usize::from(inner.width).saturating_sub(14);
        let first = hit.positions.first().copied().unwrap_or(0);
        let skip = if first + 8 > room {
            first.saturating_sub(room / 3)
        } else {
            0
        };
        if skip > 0 {
            pieces.push(("…".into(), base));
        }
        let mut run = String::new();
        let mut run_hl = false;
        for (ci, ch) in text.chars().enumerate().skip(skip) {
            let hl = hit.positions.binary_search(&ci).is_ok();
            if hl != run_hl && !run.is_empty() {
                let st = if run_hl {
                    s.highlight().patch(base)
                } else {
                    base
                };
                pieces.push((std::mem::take(&mut run), st));
            }
            run_hl = hl;
            run.push(ch);
        }
        if !run.is_empty() {
            let st = if run_hl {
                s.highlight().patch(base)
            } else {
                base
            };
            pieces.push((run, st));
        }
        lines.push(fit(pieces, inner.width));
    }
    Paragraph::new(lines).render(inner, buf);
}
