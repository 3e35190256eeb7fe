//! The articles pane: title, outlet and date where known, claim counts.

use super::{focused, wrap::fit, Styles};
use crate::app::{layout, lines_per_article, list_offset, App, Pane};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

/// Draws the articles pane in `area`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let s = Styles::new(&app.theme);
    let title = format!("Articles ({})", app.rows.len());
    let block = s.pane_block(title, focused(app, Pane::Articles));
    let inner = layout::inner(area);
    block.render(area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let per_item = lines_per_article(inner.height, app.rows.len());
    let visible = usize::from(inner.height) / per_item;
    let off = list_offset(app.article, app.rows.len(), visible);
    let mut lines: Vec<Line> = Vec::new();
    for (i, row) in app.rows.iter().enumerate().skip(off).take(visible) {
        let selected = i == app.article;
        let mark = if selected { "▶ " } else { "  " };
        let mut title_style = ratatui::style::Style::new().add_modifier(Modifier::BOLD);
        if selected {
            title_style = title_style.add_modifier(Modifier::REVERSED);
        }
        let counts = format!("{}c ={} ≠{} ", row.claims, row.corroborated, row.differs);
        let mut pieces = vec![(format!("{mark}{} ", i + 1), title_style)];
        if per_item == 1 {
            // One line per article: the counts go first so they stay visible.
            pieces.push((counts, s.dim()));
        }
        pieces.push((row.title.clone(), title_style));
        lines.push(fit(pieces, inner.width));
        if per_item == 2 {
            let mut pieces = vec![("  ".to_string(), s.dim())];
            if !row.meta.is_empty() {
                pieces.push((format!("{} · ", row.meta), s.dim()));
            }
            pieces.push((format!("{} claims", row.claims), s.dim()));
            pieces.push((
                format!(" · ={}", row.corroborated),
                s.claim(crosscheck::analysis::ClaimStatus::Corroborated),
            ));
            pieces.push((
                format!(" ≠{}", row.differs),
                s.claim(crosscheck::analysis::ClaimStatus::Differs),
            ));
            lines.push(fit(pieces, inner.width));
        }
    }
    Paragraph::new(lines).render(inner, buf);
}
