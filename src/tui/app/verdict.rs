//! The verdict popup's state: which claim, the verdict chosen (or none, to
//! clear it) and the note being typed.

use super::text_input::TextInput;
use crosscheck::verdicts::Verdict;

/// The verdict popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerdictEdit {
    /// The claim being marked.
    pub claim: usize,
    /// Index into [`VerdictEdit::choices`].
    pub choice: usize,
    /// The note.
    pub note: TextInput,
}

impl VerdictEdit {
    /// The choices offered: every verdict, then "no verdict" (clears it).
    pub fn choices() -> [Option<Verdict>; 5] {
        [
            Some(Verdict::ALL[0]),
            Some(Verdict::ALL[1]),
            Some(Verdict::ALL[2]),
            Some(Verdict::ALL[3]),
            None,
        ]
    }

    /// The popup for `claim`, on its current verdict and note if it has one.
    pub fn new(claim: usize, current: Option<&(Verdict, String)>) -> VerdictEdit {
        let choice = current
            .and_then(|(v, _)| VerdictEdit::choices().iter().position(|c| *c == Some(*v)))
            .unwrap_or(0);
        VerdictEdit {
            claim,
            choice,
            note: TextInput::with_text(current.map_or("", |(_, n)| n.as_str())),
        }
    }

    /// The verdict chosen (`None`: clear it).
    pub fn chosen(&self) -> Option<Verdict> {
        VerdictEdit::choices().get(self.choice).copied().flatten()
    }
}
