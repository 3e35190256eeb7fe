//! The browser's colours, each overridable by name in the config file's
//! `[colors]`, and the monochrome theme `NO_COLOR` asks for.

use ratatui::style::Color;
use strum::{EnumString, IntoStaticStr, VariantArray};

/// The colour slots, by their config-file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumString, IntoStaticStr, VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Slot {
    /// Claims other sources report the same way.
    Corroborated,
    /// Claims whose figures differ elsewhere.
    Differs,
    /// Claims another source contradicts.
    Contradicts,
    /// Single-source claims.
    Single,
    /// Shared terms, search matches.
    Highlight,
    /// Titles, the focused pane's border.
    Accent,
    /// Metadata, captions, hints.
    Dim,
    /// Verdict markers.
    Verdict,
}

/// Colours of the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Claims other sources report the same way.
    pub corroborated: Color,
    /// Claims whose figures differ elsewhere.
    pub differs: Color,
    /// Claims another source contradicts.
    pub contradicts: Color,
    /// Claims no other source reports.
    pub single: Color,
    /// Shared terms in a matched sentence, matched characters in search.
    pub highlight: Color,
    /// Focused pane border, titles.
    pub accent: Color,
    /// Secondary text (metadata, captions, boilerplate).
    pub dim: Color,
    /// Verdict markers and notes.
    pub verdict: Color,
    /// Whether colours are used at all (off with `NO_COLOR`).
    pub color: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            corroborated: Color::Green,
            differs: Color::Red,
            contradicts: Color::Magenta,
            single: Color::Reset,
            highlight: Color::Cyan,
            accent: Color::Blue,
            dim: Color::DarkGray,
            verdict: Color::Yellow,
            color: true,
        }
    }
}

impl Theme {
    /// The colour in `slot`, to be set from the config file.
    pub fn slot_mut(&mut self, slot: Slot) -> &mut Color {
        match slot {
            Slot::Corroborated => &mut self.corroborated,
            Slot::Differs => &mut self.differs,
            Slot::Contradicts => &mut self.contradicts,
            Slot::Single => &mut self.single,
            Slot::Highlight => &mut self.highlight,
            Slot::Accent => &mut self.accent,
            Slot::Dim => &mut self.dim,
            Slot::Verdict => &mut self.verdict,
        }
    }

    /// The theme without colours: bold, underline, reverse video and text
    /// badges carry all meaning.
    pub fn monochrome() -> Theme {
        Theme {
            corroborated: Color::Reset,
            differs: Color::Reset,
            contradicts: Color::Reset,
            single: Color::Reset,
            highlight: Color::Reset,
            accent: Color::Reset,
            dim: Color::Reset,
            verdict: Color::Reset,
            color: false,
        }
    }

    /// `c`, or no colour at all when colours are off.
    pub fn fg(&self, c: Color) -> Option<Color> {
        (self.color && c != Color::Reset).then_some(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_slot_has_a_name_and_a_colour() {
        for &slot in Slot::VARIANTS {
            let name: &str = slot.into();
            assert_eq!(name.parse::<Slot>(), Ok(slot));
            let mut t = Theme::default();
            *t.slot_mut(slot) = Color::Indexed(200);
            assert_ne!(t, Theme::default(), "{name}");
        }
    }
}
