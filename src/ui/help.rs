//! The help overlay, generated from the keymap table.

use super::{overlay_block, wrap::fit, Styles};
use crate::app::{layout, App};
use crate::keymap::{Context, Keymap};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

/// The help text: one section per context, one line per binding.
pub fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let s = Styles::new(&app.theme);
    let mut out = Vec::new();
    for ctx in Context::ALL {
        out.push(fit(vec![(ctx.title().to_string(), s.title())], width));
        for b in app.keymap.in_context(ctx) {
            out.push(fit(
                vec![
                    (
                        format!("  {:<16} ", Keymap::keys_label(b)),
                        Style::new().add_modifier(ratatui::style::Modifier::BOLD),
                    ),
                    (b.description.to_string(), Style::new()),
                ],
                width,
            ));
        }
        out.push(Line::default());
    }
    out.push(fit(
        vec![("Mouse: click selects, wheel scrolls.".into(), s.dim())],
        width,
    ));
    let path =
        crate::config::path().map_or("(no config directory)".into(), |p| p.display().to_string());
    out.push(fit(
        vec![(
            format!("Keys and colours can be changed in {path}"),
            s.dim(),
        )],
        width,
    ));
    out
}

/// Draws the help overlay over `area`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let s = Styles::new(&app.theme);
    let pct = if area.width < 100 { 96 } else { 70 };
    let popup = layout::popup(area, pct, 85, 40, 10);
    let inner = overlay_block(buf, popup, "Keys (Esc closes, j/k scroll)", &s);
    let all = lines(app, inner.width);
    let scroll = app
        .help_scroll
        .min(all.len().saturating_sub(usize::from(inner.height)));
    let visible: Vec<Line> = all.into_iter().skip(scroll).collect();
    Paragraph::new(visible).render(inner, buf);
}
