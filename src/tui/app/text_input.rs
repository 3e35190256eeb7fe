//! A one-line text field with a cursor and the usual editing keys
//! (readline's Ctrl-W, Ctrl-U, Ctrl-A, Ctrl-E, arrows, Home and End), for
//! the search query and the verdict note.

use crate::tui::action::Action;
use crate::tui::sanitize::is_unsafe;

/// A text field: its text and a cursor (a char index).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextInput {
    chars: Vec<char>,
    cursor: usize,
}

impl TextInput {
    /// A field holding `text`, the cursor at its end.
    pub fn with_text(text: &str) -> TextInput {
        let chars: Vec<char> = text.chars().filter(|&c| !is_unsafe(c)).collect();
        let cursor = chars.len();
        TextInput { chars, cursor }
    }

    /// The text.
    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    /// The cursor, in chars from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Inserts `c` at the cursor (control characters never enter).
    pub fn insert(&mut self, c: char) {
        if is_unsafe(c) {
            return;
        }
        self.chars.insert(self.cursor, c);
        self.cursor += 1;
    }

    /// Inserts pasted text, control characters and line breaks left out.
    pub fn paste(&mut self, s: &str) {
        for c in s.chars() {
            self.insert(if c == '\n' || c == '\t' { ' ' } else { c });
        }
    }

    /// Applies an editing action; whether the text changed.
    pub fn edit(&mut self, action: Action) -> bool {
        let before = self.chars.len();
        match action {
            Action::CursorLeft => self.cursor = self.cursor.saturating_sub(1),
            Action::CursorRight => self.cursor = (self.cursor + 1).min(self.chars.len()),
            Action::LineStart => self.cursor = 0,
            Action::LineEnd => self.cursor = self.chars.len(),
            Action::DeleteBack if self.cursor > 0 => {
                self.cursor -= 1;
                self.chars.remove(self.cursor);
            }
            Action::DeleteForward if self.cursor < self.chars.len() => {
                self.chars.remove(self.cursor);
            }
            Action::DeleteWord => {
                // Spaces before the cursor, then the word before them.
                let mut start = self.cursor;
                while start > 0 && self.chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                while start > 0 && !self.chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                self.chars.drain(start..self.cursor);
                self.cursor = start;
            }
            Action::ClearLine => {
                self.chars.drain(..self.cursor);
                self.cursor = 0;
            }
            _ => {}
        }
        self.chars.len() != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(text: &str, cursor: usize) -> TextInput {
        let mut f = TextInput::with_text(text);
        f.cursor = cursor;
        f
    }

    #[test]
    fn editing_keys() {
        let mut f = TextInput::default();
        for c in "troops kursk".chars() {
            f.insert(c);
        }
        assert!(f.edit(Action::DeleteWord));
        assert_eq!(f.text(), "troops ");
        f.edit(Action::LineStart);
        f.insert('\'');
        assert_eq!((f.text().as_str(), f.cursor()), ("'troops ", 1));
        f.edit(Action::CursorRight);
        f.edit(Action::CursorLeft);
        f.edit(Action::CursorLeft);
        assert_eq!(f.cursor(), 0);
        assert!(f.edit(Action::DeleteForward));
        assert_eq!(f.text(), "troops ");
        f.edit(Action::LineEnd);
        assert!(f.edit(Action::DeleteBack));
        assert_eq!(f.text(), "troops");
        let mut f = field("14,000 troops", 7);
        assert!(f.edit(Action::ClearLine));
        assert_eq!((f.text().as_str(), f.cursor()), ("troops", 0));
        assert!(!f.edit(Action::DeleteBack), "nothing before the cursor");
        let mut f = field("a  b  ", 6);
        f.edit(Action::DeleteWord);
        assert_eq!(f.text(), "a  ");
    }

    #[test]
    fn control_characters_never_enter() {
        let mut f = TextInput::default();
        f.insert('\u{1b}');
        f.paste("a\u{1b}]0;x\u{7}b\nc");
        assert_eq!(f.text(), "a]0;xb c");
        assert_eq!(TextInput::with_text("x\u{9b}y").text(), "xy");
    }
}
