//! The story list's state: which story is selected, in which order the
//! stories are listed, and whether the list is shown.

use crosscheck::story_summary::StorySummary;

/// The story list's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StorySort {
    /// As loaded (order of first appearance).
    #[default]
    Loaded,
    /// Most sources first: the stories several outlets cover.
    Sources,
    /// Most facts that differ first, then most sources.
    Differing,
}

impl StorySort {
    /// The next order (`O`).
    pub fn next(self) -> StorySort {
        match self {
            StorySort::Loaded => StorySort::Sources,
            StorySort::Sources => StorySort::Differing,
            StorySort::Differing => StorySort::Loaded,
        }
    }

    /// Shown in the list's title and the status message.
    pub fn label(self) -> &'static str {
        match self {
            StorySort::Loaded => "as loaded",
            StorySort::Sources => "most sources first",
            StorySort::Differing => "most differing first",
        }
    }
}

/// The list of stories in front of the panes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoryList {
    /// Whether it is shown (else the panes are).
    pub shown: bool,
    /// The selected story (index into the stories, not into `order`).
    pub sel: usize,
    /// Story indices in list order.
    pub order: Vec<usize>,
    /// The order in effect.
    pub sort: StorySort,
}

impl StoryList {
    /// The list of `stories` as loaded, shown when there are several.
    pub fn new(stories: &[StorySummary]) -> StoryList {
        StoryList {
            shown: stories.len() > 1,
            sel: 0,
            order: (0..stories.len()).collect(),
            sort: StorySort::Loaded,
        }
    }

    /// The selected story's row in the list.
    pub fn position(&self) -> usize {
        self.order.iter().position(|&k| k == self.sel).unwrap_or(0)
    }

    /// Selects the story on row `row` (clamped to the list).
    pub fn select_row(&mut self, row: usize) {
        if let Some(&k) = self.order.get(row.min(self.order.len().saturating_sub(1))) {
            self.sel = k;
        }
    }

    /// Re-sorts the list by `sort`, keeping the selected story selected.
    pub fn sort_by(&mut self, sort: StorySort, stories: &[StorySummary]) {
        self.sort = sort;
        self.order = (0..stories.len()).collect();
        match sort {
            StorySort::Loaded => {}
            StorySort::Sources => self
                .order
                .sort_by_key(|&k| (std::cmp::Reverse(stories[k].articles.len()), k)),
            StorySort::Differing => self.order.sort_by_key(|&k| {
                (
                    std::cmp::Reverse(stories[k].differs),
                    std::cmp::Reverse(stories[k].articles.len()),
                    k,
                )
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(sources: usize, differs: usize) -> StorySummary {
        StorySummary {
            name: String::new(),
            articles: (0..sources).collect(),
            agrees: 0,
            differs,
            contradicts: 0,
            single: 0,
        }
    }

    #[test]
    fn sorts_and_keeps_the_selection() {
        let stories = [story(1, 0), story(3, 1), story(2, 4)];
        let mut l = StoryList::new(&stories);
        assert!(l.shown);
        assert_eq!(l.order, vec![0, 1, 2]);
        l.select_row(2);
        assert_eq!(l.sel, 2);
        l.sort_by(StorySort::Sources, &stories);
        assert_eq!(l.order, vec![1, 2, 0]);
        assert_eq!((l.sel, l.position()), (2, 1));
        l.sort_by(l.sort.next(), &stories);
        assert_eq!(l.sort, StorySort::Differing);
        assert_eq!(l.order, vec![2, 1, 0]);
        assert_eq!(l.position(), 0);
        l.select_row(99);
        assert_eq!(l.sel, 0, "the last row");
        assert!(!StoryList::new(&stories[..1]).shown);
    }
}
