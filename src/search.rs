//! Fuzzy search over every claim and article title (the `/` finder).

use crate::analysis::Analysis;
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;

/// What a search hit points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// An article, by index.
    Article(usize),
    /// A claim, by index.
    Claim(usize),
}

/// One ranked hit, with the matched character positions of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// What was found.
    pub target: Target,
    /// Match quality; higher is better.
    pub score: i64,
    /// Char indices of the matched characters in the entry's text.
    pub positions: Vec<usize>,
}

/// The searchable entries, built once at load.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    entries: Vec<(Target, String)>,
}

impl SearchIndex {
    /// Every article title and every claim of `analysis`.
    pub fn new(analysis: &Analysis) -> Self {
        let mut entries = Vec::new();
        for (i, a) in analysis.articles.iter().enumerate() {
            entries.push((Target::Article(i), a.display_title()));
        }
        for (i, c) in analysis.claims.iter().enumerate() {
            entries.push((Target::Claim(i), c.text.clone()));
        }
        SearchIndex { entries }
    }

    /// The text of an entry.
    pub fn text(&self, target: Target) -> Option<&str> {
        self.entries
            .iter()
            .find(|e| e.0 == target)
            .map(|e| e.1.as_str())
    }

    /// Hits for `query`, best first (ties in text order); empty for an empty
    /// query.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        if query.trim().is_empty() {
            return Vec::new();
        }
        let matcher = SkimMatcherV2::default().smart_case();
        let mut hits: Vec<(usize, Hit)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, (target, text))| {
                matcher
                    .fuzzy_indices(text, query)
                    .map(|(score, positions)| {
                        (
                            i,
                            Hit {
                                target: *target,
                                score,
                                positions,
                            },
                        )
                    })
            })
            .collect();
        hits.sort_by(|a, b| b.1.score.cmp(&a.1.score).then(a.0.cmp(&b.0)));
        hits.into_iter().map(|h| h.1).collect()
    }
}
