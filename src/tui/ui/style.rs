//! Styles from the theme and the roles of laid-out text.
//!
//! Meaning never rests on colour alone, and each kind of emphasis has its
//! own attribute, so that with `NO_COLOR` they stay apart: the selection
//! alone is in reverse video, badges are bold, section headers bold and
//! underlined, shared terms underlined, figures bold, quotes italic.

use crate::tui::role::Role;
use crate::tui::theme::Theme;
use crosscheck::analysis::ClaimStatus;
use crosscheck::matching::Relation;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType};

/// Styles derived from a theme.
#[derive(Debug, Clone, Copy)]
pub struct Styles<'a> {
    theme: &'a Theme,
}

impl<'a> Styles<'a> {
    /// Styles for `theme`.
    pub fn new(theme: &'a Theme) -> Self {
        Styles { theme }
    }

    fn fg(self, c: Color) -> Style {
        match self.theme.fg(c) {
            Some(c) => Style::new().fg(c),
            None => Style::new(),
        }
    }

    fn status_color(self, s: ClaimStatus) -> Color {
        match s {
            ClaimStatus::Corroborated => self.theme.corroborated,
            ClaimStatus::Differs => self.theme.differs,
            ClaimStatus::Contradicts => self.theme.contradicts,
            ClaimStatus::SingleSource => self.theme.single,
        }
    }

    /// A claim's text in the reader, by status.
    pub fn claim(self, s: ClaimStatus) -> Style {
        let base = self.fg(self.status_color(s));
        match s {
            ClaimStatus::Corroborated => base.add_modifier(Modifier::UNDERLINED),
            ClaimStatus::Differs | ClaimStatus::Contradicts => {
                base.add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
            }
            ClaimStatus::SingleSource => base,
        }
    }

    /// A status marker (gutter, counts, legend).
    pub fn marker(self, s: ClaimStatus) -> Style {
        let base = self.fg(self.status_color(s));
        match s {
            ClaimStatus::Differs | ClaimStatus::Contradicts => base.add_modifier(Modifier::BOLD),
            _ => base,
        }
    }

    /// A relation badge: bold, coloured, never reversed.
    pub fn badge(self, r: Option<Relation>) -> Style {
        match r {
            Some(Relation::Agrees) => self.fg(self.theme.corroborated),
            Some(Relation::Differs) => self.fg(self.theme.differs),
            Some(Relation::Contradicts) => self.fg(self.theme.contradicts),
            Some(Relation::Related) => self.fg(self.theme.accent),
            None => self.dim(),
        }
        .add_modifier(Modifier::BOLD)
    }

    /// A section header: bold and underlined.
    pub fn header(self) -> Style {
        self.fg(self.theme.accent)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Shared terms, search matches: underlined.
    pub fn highlight(self) -> Style {
        self.fg(self.theme.highlight)
            .add_modifier(Modifier::UNDERLINED)
    }

    /// Secondary text.
    pub fn dim(self) -> Style {
        if self.theme.color {
            self.fg(self.theme.dim)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    /// Titles of panes and overlays.
    pub fn title(self) -> Style {
        self.fg(self.theme.accent).add_modifier(Modifier::BOLD)
    }

    /// The selection: reverse video, and nothing else is.
    pub fn selected() -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// A verdict marker or note.
    pub fn mark(self) -> Style {
        self.fg(self.theme.verdict).add_modifier(Modifier::BOLD)
    }

    /// The style of laid-out text with role `r`.
    pub fn role(self, r: Role) -> Style {
        match r {
            Role::Plain => Style::new(),
            Role::Strong | Role::SourceHead => Style::new().add_modifier(Modifier::BOLD),
            Role::Quote => Style::new().add_modifier(Modifier::ITALIC),
            Role::Dim => self.dim(),
            Role::Header => self.header(),
            Role::Status(s) => self.marker(s).add_modifier(Modifier::BOLD),
            Role::Badge(r) => self.badge(r),
            Role::Verdict(true) => self.fg(self.theme.corroborated),
            Role::Verdict(false) => self.fg(self.theme.differs).add_modifier(Modifier::BOLD),
            Role::DifferingFigure => self
                .fg(self.theme.differs)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Role::Highlight => self.highlight(),
            Role::Mark => self.mark(),
        }
    }

    /// A pane's border block, marked when focused.
    pub fn pane_block(self, title: &str, focused: bool) -> Block<'static> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_colour_the_selection_badges_and_headers_stay_apart() {
        let t = Theme::monochrome();
        let s = Styles::new(&t);
        let sel = Styles::selected();
        let badge = s.badge(Some(Relation::Differs));
        let header = s.header();
        assert_ne!(sel, badge);
        assert_ne!(sel, header);
        assert_ne!(badge, header);
        for other in [
            badge,
            header,
            s.highlight(),
            s.role(Role::Status(ClaimStatus::Differs)),
        ] {
            assert!(
                !other.add_modifier.contains(Modifier::REVERSED),
                "{other:?}"
            );
        }
        assert!(s.role(Role::Strong).fg.is_none() && t.fg(Color::Red).is_none());
    }
}
