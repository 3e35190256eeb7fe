//! The jump list: where each jump (Enter to a source's claim, a search
//! hit, the matrix, next-differs) came from, so that `Ctrl-o` returns there
//! and `L` goes forward again, as in vim.

use super::Pane;

/// A place in the panes: article, claim and focused pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Article index.
    pub article: usize,
    /// Claim index, if the article has claims.
    pub claim: Option<usize>,
    /// Focused pane.
    pub focus: Pane,
}

/// Most positions kept each way.
pub const MAX_JUMPS: usize = 100;

/// Places to go back and forward to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JumpList {
    back: Vec<Position>,
    forward: Vec<Position>,
}

impl JumpList {
    /// Records a jump away from `from`: a new branch, so nothing is left to
    /// go forward to.
    pub fn record(&mut self, from: Position) {
        if self.back.last() != Some(&from) {
            self.back.push(from);
        }
        if self.back.len() > MAX_JUMPS {
            self.back.remove(0);
        }
        self.forward.clear();
    }

    /// Where to go back to from `current`, if anywhere.
    pub fn back(&mut self, current: Position) -> Option<Position> {
        let to = self.back.pop()?;
        self.forward.push(current);
        Some(to)
    }

    /// Where to go forward to from `current`, if anywhere.
    pub fn forward(&mut self, current: Position) -> Option<Position> {
        let to = self.forward.pop()?;
        self.back.push(current);
        Some(to)
    }

    /// Positions to go back to.
    #[cfg(test)]
    pub fn back_len(&self) -> usize {
        self.back.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(article: usize) -> Position {
        Position {
            article,
            claim: Some(article * 10),
            focus: Pane::Reader,
        }
    }

    #[test]
    fn back_and_forward_like_vim() {
        let mut j = JumpList::default();
        assert_eq!(j.back(at(0)), None);
        j.record(at(0)); // jump 0 -> 1
        j.record(at(1)); // jump 1 -> 2
        assert_eq!(j.back(at(2)), Some(at(1)));
        assert_eq!(j.back(at(1)), Some(at(0)));
        assert_eq!(j.back(at(0)), None);
        assert_eq!(j.forward(at(0)), Some(at(1)));
        assert_eq!(j.forward(at(1)), Some(at(2)));
        assert_eq!(j.forward(at(2)), None);
        // A new jump after going back drops the forward branch.
        assert_eq!(j.back(at(2)), Some(at(1)));
        j.record(at(1));
        assert_eq!(j.forward(at(3)), None);
        for i in 0..MAX_JUMPS + 10 {
            j.record(at(i + 100));
        }
        assert_eq!(j.back_len(), MAX_JUMPS);
    }
}
