//! Drawing: a pure function of `&App`, one function per pane and overlay.

mod articles;
pub mod comparison;
mod help;
mod matrix;
mod reader;
pub mod sanitize;
mod search;
mod status;
mod warnings;
pub mod wrap;

#[cfg(test)]
mod tests;

use crate::app::{layout, App, Overlay, Pane};
use crate::config::Theme;
use crosscheck::analysis::ClaimStatus;
use crosscheck::matching::Relation;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};
use ratatui::Frame;

/// Draws the whole screen for `app`.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let areas = layout::areas(area, app.focus, app.rows.len());
    if areas.too_small {
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
    if let Some(r) = areas.articles {
        articles::draw(buf, r, app);
    }
    if let Some(r) = areas.reader {
        reader::draw(buf, r, app);
    }
    if let Some(r) = areas.comparison {
        comparison::draw(buf, r, app);
    }
    status::draw(buf, areas.status, app);
    match app.overlay {
        Some(Overlay::Search) => search::draw(buf, area, app),
        Some(Overlay::Help) => help::draw(buf, area, app),
        Some(Overlay::Matrix) => matrix::draw(buf, area, app),
        Some(Overlay::Warnings) => warnings::draw(buf, area, app),
        None => {}
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

/// Styles derived from the theme; meaning never rests on colour alone.
pub struct Styles<'a> {
    theme: &'a Theme,
}

impl<'a> Styles<'a> {
    /// Styles for `theme`.
    pub fn new(theme: &'a Theme) -> Self {
        Styles { theme }
    }

    fn fg(&self, c: ratatui::style::Color) -> Style {
        match self.theme.fg(c) {
            Some(c) => Style::new().fg(c),
            None => Style::new(),
        }
    }

    /// A claim's text by status.
    pub fn claim(&self, s: ClaimStatus) -> Style {
        match s {
            ClaimStatus::Corroborated => self
                .fg(self.theme.corroborated)
                .add_modifier(Modifier::UNDERLINED),
            ClaimStatus::Differs | ClaimStatus::Contradicts => self
                .fg(self.theme.differs)
                .add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            ClaimStatus::SingleSource => self.fg(self.theme.single),
        }
    }

    /// A relation badge.
    pub fn relation(&self, r: Option<Relation>) -> Style {
        match r {
            Some(Relation::Agrees) => self
                .fg(self.theme.corroborated)
                .add_modifier(Modifier::BOLD),
            Some(Relation::Differs | Relation::Contradicts) => self
                .fg(self.theme.differs)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED),
            Some(Relation::Related) => self.fg(self.theme.accent).add_modifier(Modifier::BOLD),
            None => self.dim(),
        }
    }

    /// Highlighted characters (shared terms, fuzzy matches).
    pub fn highlight(&self) -> Style {
        self.fg(self.theme.highlight)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Secondary text.
    pub fn dim(&self) -> Style {
        if self.theme.color {
            self.fg(self.theme.dim)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    /// Titles and headings.
    pub fn title(&self) -> Style {
        self.fg(self.theme.accent).add_modifier(Modifier::BOLD)
    }

    /// A pane's border block, marked when focused.
    pub fn pane_block(&self, title: String, focused: bool) -> Block<'static> {
        let title = if focused {
            format!("▶ {title} ")
        } else {
            format!(" {title} ")
        };
        let block = Block::bordered().title(Line::styled(title, self.title()));
        if focused {
            block
                .border_type(BorderType::Thick)
                .border_style(self.fg(self.theme.accent))
        } else {
            block.border_style(self.dim())
        }
    }
}

/// Marker and label of a claim status, for gutters and legends.
pub fn status_marker(s: ClaimStatus) -> (&'static str, &'static str) {
    match s {
        ClaimStatus::Corroborated => ("=", "reported by other sources"),
        ClaimStatus::Differs => ("≠", "figures differ"),
        ClaimStatus::Contradicts => ("✗", "contradicted"),
        ClaimStatus::SingleSource => ("·", "single source"),
    }
}

/// Clears `area` and draws a bordered overlay box, returning its inside.
fn overlay_block(buf: &mut Buffer, area: Rect, title: &str, styles: &Styles) -> Rect {
    use ratatui::widgets::Widget;
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(Line::styled(format!(" {title} "), styles.title()));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// Whether `pane` has the focus (and no overlay takes the keys).
fn focused(app: &App, pane: Pane) -> bool {
    app.focus == pane && app.overlay.is_none()
}
