//! Drawing: a pure function of `&App`, one module per pane and view.

mod articles;
mod comparison;
mod help;
mod loading;
mod matrix;
mod reader;
mod search;
mod side_by_side;
mod status;
mod stories;
pub mod style;
mod verdict;
mod warnings;

#[cfg(test)]
mod story_list_tests;
#[cfg(test)]
mod tests;

use super::app::{layout, App, Layer, Pane};
use super::role::Role;
use super::sanitize;
use super::wrap::Pieces;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};
use ratatui::Frame;
use style::Styles;

pub use loading::draw as draw_loading;

/// Draws the whole screen for `app`.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let areas = app.areas();
    if areas.too_small || area.width < layout::MIN_WIDTH || area.height < layout::MIN_HEIGHT {
        let note = Paragraph::new(format!(
            "terminal too small: {}x{}, need {}x{}",
            area.width,
            area.height,
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT
        ))
        .wrap(Wrap { trim: true });
        frame.render_widget(note, area);
        return;
    }
    let buf = frame.buffer_mut();
    if app.story_list.shown {
        stories::draw(buf, layout::body(area), app);
    } else {
        if let Some(r) = areas.articles {
            articles::draw(buf, r, app);
        }
        if let Some(r) = areas.reader {
            reader::draw(buf, r, app);
        }
        if let Some(r) = areas.comparison {
            comparison::draw(buf, r, app);
        }
    }
    status::draw(buf, areas.status, app);
    for layer in &app.layers {
        match layer {
            Layer::Search(s) => search::draw(buf, area, app, s),
            Layer::Verdict(v) => verdict::draw(buf, area, app, v),
            Layer::Matrix(m) => matrix::draw(buf, area, app, m),
            Layer::SideBySide(s) => side_by_side::draw(buf, area, app, s),
            Layer::Help(scroll) => help::draw(buf, area, app, *scroll),
            Layer::Warnings(scroll) => warnings::draw(buf, area, app, *scroll),
        }
    }
    scrub(frame.buffer_mut());
}

/// Last line of defence: no control character drawn by any widget reaches
/// the terminal (each cell's symbol is checked).
fn scrub(buf: &mut Buffer) {
    for cell in &mut buf.content {
        if cell.symbol().chars().any(sanitize::is_unsafe) {
            let shown = sanitize::sanitize(cell.symbol())
                .chars()
                .next()
                .unwrap_or('?');
            cell.set_char(shown);
        }
    }
}

/// Laid-out pieces as a styled line.
fn styled(pieces: &Pieces<Role>, s: Styles) -> Line<'static> {
    Line::from(
        pieces
            .iter()
            .map(|(t, r)| Span::styled(t.clone(), s.role(*r)))
            .collect::<Vec<_>>(),
    )
}

/// Clears `area` and draws a bordered overlay box, returning its inside.
fn overlay_block(buf: &mut Buffer, area: Rect, title: &str, styles: Styles) -> Rect {
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(Line::styled(format!(" {title} "), styles.title()));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// Whether `pane` has the focus (and no layer takes the keys).
fn focused(app: &App, pane: Pane) -> bool {
    app.panes.focus == pane && app.layers.is_empty() && !app.story_list.shown
}
