//! The load warnings overlay: one line per skipped file or record.

use super::{overlay_block, wrap::wrap, Styles};
use crate::app::{layout, App};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

/// Draws the warnings overlay over `area`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let s = Styles::new(&app.theme);
    let popup = layout::popup(area, 80, 60, 30, 6);
    let title = format!("Load warnings ({})", app.analysis.warnings.len());
    let inner = overlay_block(buf, popup, &title, &s);
    let lines: Vec<Line> = app
        .analysis
        .warnings
        .iter()
        .skip(app.warnings_scroll)
        .flat_map(|w| wrap(vec![(format!("⚠ {w}"), Style::new())], inner.width, "  "))
        .take(usize::from(inner.height))
        .collect();
    Paragraph::new(lines).render(inner, buf);
}
