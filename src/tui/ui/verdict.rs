//! The verdict popup: the claim, the verdicts to choose from, the note.

use super::overlay_block;
use super::style::Styles;
use crate::tui::app::verdict::VerdictEdit;
use crate::tui::app::{layout, App};
use crate::tui::wrap::{fit, wrap};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

/// Draws the verdict popup over `area`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, v: &VerdictEdit) {
    let s = Styles::new(&app.theme);
    let popup = layout::verdict_popup(area);
    let inner = overlay_block(
        buf,
        popup,
        "Verdict (↑/↓ choose, type a note, Enter saves, Esc cancels)",
        s,
    );
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let mut lines: Vec<Line> = Vec::new();
    let text = app
        .analysis()
        .claims
        .get(v.claim)
        .map_or("", |c| c.text.as_str());
    let quoted = wrap(
        vec![(
            text.to_string(),
            Style::new().add_modifier(Modifier::ITALIC),
        )],
        inner.width,
        "",
    );
    let room = usize::from(inner.height).saturating_sub(VerdictEdit::choices().len() + 3);
    let cut = quoted.len() > room;
    lines.extend(quoted.into_iter().take(room.max(1)));
    if cut {
        lines.push(fit(vec![("…".into(), s.dim())], inner.width));
    }
    lines.push(Line::default());
    for (i, choice) in VerdictEdit::choices().iter().enumerate() {
        let sel = i == v.choice;
        let (marker, label) = match choice {
            Some(verdict) => (verdict.marker().to_string(), verdict.label()),
            None => (" ".into(), "no verdict (clear)"),
        };
        let base = if sel {
            Styles::selected()
        } else {
            Style::new()
        };
        lines.push(fit(
            vec![
                (if sel { "▶ " } else { "  " }.into(), base),
                (marker, s.mark().patch(base)),
                (format!(" {label}"), base),
            ],
            inner.width,
        ));
    }
    let note = v.note.text();
    let cursor = v.note.cursor();
    let (before, after): (String, String) = (
        note.chars().take(cursor).collect(),
        note.chars().skip(cursor).collect(),
    );
    lines.push(fit(
        vec![
            ("Note: ".into(), s.title()),
            (before, Style::new()),
            ("▏".into(), s.title()),
            (after, Style::new()),
        ],
        inner.width,
    ));
    Paragraph::new(lines).render(inner, buf);
}
