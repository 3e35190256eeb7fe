//! The finder's state: the query being typed, its hits, the selected hit
//! and a preview of that hit's comparison; and the results of the last
//! search jumped from, for `n` and `N`.

use super::comparison::ComparisonLayout;
use super::text_input::TextInput;
use crosscheck::search::{Hit, SearchIndex};

/// The open search popup.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchState {
    /// The query.
    pub input: TextInput,
    /// Hits for the query (every entry for an empty query).
    pub hits: Vec<Hit>,
    /// Selected hit.
    pub sel: usize,
    /// The selected hit's comparison, laid out for the preview.
    pub preview: ComparisonLayout,
}

impl SearchState {
    /// The popup on an empty query: every entry listed.
    pub fn open(index: &SearchIndex) -> SearchState {
        SearchState {
            hits: index.search(""),
            ..SearchState::default()
        }
    }

    /// Runs the query again after an edit.
    pub fn refresh(&mut self, index: &SearchIndex) {
        self.hits = index.search(&self.input.text());
        self.sel = 0;
    }
}

/// The results of the last search jumped from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Results {
    /// The hits.
    pub hits: Vec<Hit>,
    /// The one shown last.
    pub pos: usize,
}
