//! What a piece of laid-out text is, as opposed to how it looks.
//!
//! Layouts kept in the app state (the comparison pane, side by side) are
//! lines of `(text, Role)`; the views turn roles into styles with the theme
//! (`ui::style`). So the state holds no colours and a theme or `NO_COLOR`
//! change never needs a new layout.

use crosscheck::analysis::ClaimStatus;
use crosscheck::matching::Relation;

/// The meaning of a piece of laid-out text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Role {
    /// Ordinary text.
    #[default]
    Plain,
    /// Emphasised text (a figure, a name).
    Strong,
    /// A quotation.
    Quote,
    /// Secondary text: metadata, labels, explanations.
    Dim,
    /// A section header ("Other sources (4)", "Figures elsewhere").
    Header,
    /// The status badge of a claim ("≠ FIGURES DIFFER").
    Status(ClaimStatus),
    /// A relation badge (`[AGREES]`); `None` is `[NOT REPORTED]`.
    Badge(Option<Relation>),
    /// A figure or date comparison's verdict: `true` when they agree.
    Verdict(bool),
    /// A figure that differs from the other side's (side by side).
    DifferingFigure,
    /// Words both claims share, characters a search matched.
    Highlight,
    /// The heading of another source's entry (reversed when selected).
    SourceHead,
    /// A user's verdict marker or note.
    Mark,
}
