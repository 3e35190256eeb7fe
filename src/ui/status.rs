//! The status bar: focused pane, counts, load warnings, a message, and key
//! hints generated from the keymap.

use super::sanitize::width as drawn_width;
use super::{wrap::fit, Styles};
use crate::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Paragraph, Widget};

/// Draws the status bar in `area` (one line).
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let s = Styles::new(&app.theme);
    let a = &app.analysis;
    let place = app.overlay.map_or(app.focus.name(), |o| o.name());
    let mut pieces = vec![(
        format!(" {place} "),
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
    )];
    pieces.push((
        format!(
            " {} articles · {} claims · {} shared facts ",
            a.articles.len(),
            a.claims.len(),
            a.shared_facts().count()
        ),
        s.dim(),
    ));
    if !a.warnings.is_empty() {
        let key = app
            .keymap
            .bindings
            .iter()
            .find(|b| b.action == crate::app::Action::Warnings)
            .and_then(|b| b.keys.first())
            .map_or(String::new(), |k| format!(" ({k})"));
        pieces.push((
            format!(" ⚠ {} load warnings{key} ", a.warnings.len()),
            Style::new().add_modifier(Modifier::BOLD),
        ));
    }
    if let Some(m) = &app.message {
        pieces.push((format!(" {m} "), Style::new().add_modifier(Modifier::BOLD)));
    }
    let used: usize = pieces.iter().map(|p| drawn_width(&p.0)).sum();
    let hints: Vec<String> = app
        .keymap
        .hints(app.context())
        .into_iter()
        .map(|(k, h)| format!("{k} {h}"))
        .collect();
    let hints = hints.join("  ");
    let room = usize::from(area.width).saturating_sub(used + 1);
    if room >= 10 {
        let pad = room.saturating_sub(drawn_width(&hints));
        pieces.push((" ".repeat(pad + 1), Style::new()));
        pieces.push((hints, s.dim()));
    }
    Paragraph::new(fit(pieces, area.width)).render(area, buf);
}
