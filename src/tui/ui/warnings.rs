//! The load warnings overlay: one line per skipped file or record.

use super::overlay_block;
use super::style::Styles;
use crate::tui::app::{layout, App};
use crate::tui::wrap::wrap;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

/// Draws the warnings overlay over `area`, from warning `scroll`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, scroll: usize) {
    let s = Styles::new(&app.theme);
    let popup = layout::warnings_popup(area);
    let warnings = &app.analysis().warnings;
    let title = format!("Load warnings ({})", warnings.len());
    let inner = overlay_block(buf, popup, &title, s);
    let lines: Vec<Line> = warnings
        .iter()
        .skip(scroll)
        .flat_map(|w| wrap(vec![(format!("⚠ {w}"), Style::new())], inner.width, "  "))
        .take(usize::from(inner.height))
        .collect();
    Paragraph::new(lines).render(inner, buf);
}
