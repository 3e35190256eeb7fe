//! What the user can ask of the browser.
//!
//! [`Action`] is everything a key can be bound to; its config-file names
//! are derived from the variant names (`HalfPageDown` is `half_page_down`)
//! by strum, so there is no hand-kept table to fall out of step. [`Input`]
//! adds what comes from the mouse, the terminal and typing, which no key
//! table names.

use strum::{EnumString, IntoStaticStr, VariantArray};

/// Everything a key can be bound to. The config file names an action by
/// its `snake_case` name ([`Action::name`]).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    EnumString,
    IntoStaticStr,
    VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    /// Next item (reader: next claim; lists: next row).
    Down,
    /// Previous item.
    Up,
    /// First item.
    Top,
    /// Last item.
    Bottom,
    /// A page down.
    PageDown,
    /// A page up.
    PageUp,
    /// Half a page down.
    HalfPageDown,
    /// Half a page up.
    HalfPageUp,
    /// Previous column (stories matrix).
    Left,
    /// Next column (stories matrix).
    Right,
    /// Focus the next pane.
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Focus the articles pane.
    FocusArticles,
    /// Focus the reader.
    FocusReader,
    /// Focus the comparison pane.
    FocusComparison,
    /// Open or jump to what is selected (in a popup: confirm).
    Open,
    /// Return to where the last jump came from.
    JumpBack,
    /// Redo a jump undone with [`Action::JumpBack`].
    JumpForward,
    /// The next claim that differs or is contradicted, across the story.
    NextDiffers,
    /// The previous claim that differs or is contradicted.
    PrevDiffers,
    /// The next claim filter (all, differs, contradicts, ...).
    Filter,
    /// The previous claim filter.
    FilterBack,
    /// The next sort order (articles; matrix rows).
    Sort,
    /// Open the fuzzy finder.
    Search,
    /// Jump to the next search result.
    NextResult,
    /// Jump to the previous search result.
    PrevResult,
    /// Open the stories matrix on the selected claim's fact.
    Matrix,
    /// Open the selected article and the comparison's source side by side.
    SideBySide,
    /// Mark the selected claim with a verdict and a note.
    Verdict,
    /// Toggle the help overlay.
    Help,
    /// Open the list of load warnings.
    Warnings,
    /// Back to the list of stories (when the corpus holds several).
    Stories,
    /// Close the topmost view (cancel a popup).
    Close,
    /// Copy the selected claim with its source.
    Copy,
    /// Open the article's URL.
    OpenUrl,
    /// Quit.
    Quit,
    /// Move the text cursor one character left.
    CursorLeft,
    /// Move the text cursor one character right.
    CursorRight,
    /// Move the text cursor to the start of the field.
    LineStart,
    /// Move the text cursor to the end of the field.
    LineEnd,
    /// Delete the character before the cursor.
    DeleteBack,
    /// Delete the character under the cursor.
    DeleteForward,
    /// Delete the word before the cursor.
    DeleteWord,
    /// Delete everything before the cursor.
    ClearLine,
}

impl Action {
    /// The action's name in the config file (`snake_case`).
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The action named `name` in the config file.
    pub fn from_name(name: &str) -> Option<Action> {
        name.parse().ok()
    }

    /// Every action, in declaration order.
    pub fn all() -> &'static [Action] {
        Action::VARIANTS
    }
}

/// One thing that happened, ready for `update`: a bound action, or an
/// input no key table names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A key bound to an action.
    Action(Action),
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// Left click at a cell.
    Click(u16, u16),
    /// Wheel up over a cell.
    ScrollUp(u16, u16),
    /// Wheel down over a cell.
    ScrollDown(u16, u16),
    /// A character typed into a text field.
    Type(char),
    /// Text pasted into a text field.
    Paste(String),
}

impl From<Action> for Input {
    fn from(a: Action) -> Input {
        Input::Action(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_snake_case() {
        for &a in Action::all() {
            let name = a.name();
            assert_eq!(Action::from_name(name), Some(a), "{name}");
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name}"
            );
        }
        assert_eq!(Action::HalfPageDown.name(), "half_page_down");
        assert_eq!(Action::from_name("serch"), None);
    }
}
