//! The help overlay: the keys in effect and the legend, from
//! `app::help::lines`.

use super::overlay_block;
use super::style::Styles;
use crate::tui::action::Action;
use crate::tui::app::{help, layout, App};
use crate::tui::keymap::Context;
use crate::tui::wrap::fit_pieces;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// Draws the help overlay over `area`, from line `scroll`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, scroll: usize) {
    let s = Styles::new(&app.theme);
    let popup = layout::help_popup(area);
    let path = crate::tui::config::path();
    let all = help::lines(&app.keymap, path.as_deref(), app.data.many_stories());
    let key = |a| app.keymap.key_for(Context::Lists, a).unwrap_or_default();
    let title = format!(
        "Keys and legend ({} closes, {}/{} scroll)",
        key(Action::Close),
        key(Action::Down),
        key(Action::Up)
    );
    let inner = overlay_block(buf, popup, &title, s);
    let max = all.len().saturating_sub(usize::from(inner.height));
    let visible: Vec<Line> = all
        .into_iter()
        .skip(scroll.min(max))
        .take(usize::from(inner.height))
        .map(|l| {
            Line::from(
                fit_pieces(l, inner.width)
                    .into_iter()
                    .map(|(t, r)| Span::styled(t, s.role(r)))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    Paragraph::new(visible).render(inner, buf);
}
