//! The stories matrix's state: facts (rows) by sources (columns) of one
//! story.
//!
//! Built when the matrix is opened, never at start-up, and only as the
//! order of its rows and columns: each cell is asked of the engine
//! ([`Analysis::fact_cell`]) when it is drawn, so the matrix costs memory in
//! proportion to its facts plus its sources, not their product, and 20,000
//! sources of one story can be browsed.

use super::filter::MatrixSort;
use crosscheck::matching::FactRelation;
use crosscheck::Analysis;

/// The open stories matrix.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MatrixState {
    /// Fact indices, in row order.
    pub rows: Vec<usize>,
    /// Article indices of the story, in column order.
    pub columns: Vec<usize>,
    /// Row order.
    pub sort: MatrixSort,
    /// Selected row (index into `rows`).
    pub row: usize,
    /// Selected column (index into `columns`).
    pub col: usize,
}

fn relation_rank(r: FactRelation) -> u8 {
    match r {
        FactRelation::Contradicts => 0,
        FactRelation::Differs => 1,
        FactRelation::Agrees => 2,
        FactRelation::Single => 3,
    }
}

impl MatrixState {
    /// The matrix of the story of article `article`, on fact `fact` and that
    /// article's column where given.
    pub fn open(
        a: &Analysis,
        article: usize,
        fact: Option<usize>,
        sort: MatrixSort,
    ) -> MatrixState {
        let story = a.articles.get(article).map(|x| x.story.as_str());
        let columns: Vec<usize> = (0..a.articles.len())
            .filter(|&j| Some(a.articles[j].story.as_str()) == story)
            .collect();
        let rows: Vec<usize> = (0..a.facts.len())
            .filter(|&f| {
                a.facts[f]
                    .articles
                    .first()
                    .is_some_and(|&j| Some(a.articles[j].story.as_str()) == story)
            })
            .collect();
        let mut m = MatrixState {
            rows,
            columns,
            sort,
            row: 0,
            col: 0,
        };
        m.sort_rows(a);
        if let Some(f) = fact {
            m.row = m.rows.iter().position(|&r| r == f).unwrap_or(0);
        }
        m.col = m.columns.iter().position(|&c| c == article).unwrap_or(0);
        m
    }

    /// Sorts the rows by `self.sort`, keeping the selected fact selected.
    pub fn sort_rows(&mut self, a: &Analysis) {
        let selected = self.rows.get(self.row).copied();
        let coverage = |f: usize| a.facts[f].articles.len();
        match self.sort {
            MatrixSort::Coverage => self
                .rows
                .sort_by_key(|&f| (std::cmp::Reverse(coverage(f)), f)),
            MatrixSort::Differences => self.rows.sort_by_key(|&f| {
                (
                    relation_rank(a.facts[f].relation),
                    std::cmp::Reverse(coverage(f)),
                    f,
                )
            }),
        }
        if let Some(s) = selected {
            self.row = self.rows.iter().position(|&r| r == s).unwrap_or(0);
        }
    }

    /// The selected fact.
    pub fn fact(&self) -> Option<usize> {
        self.rows.get(self.row).copied()
    }

    /// The selected source.
    pub fn source(&self) -> Option<usize> {
        self.columns.get(self.col).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_on_the_fact_and_sorts() {
        let a = Analysis::build(crosscheck::corpus::bundled());
        let claim = 5;
        let fact = a.claim_fact[claim];
        let article = a.claims[claim].article;
        let mut m = MatrixState::open(&a, article, Some(fact), MatrixSort::Coverage);
        assert_eq!(m.rows.len(), a.facts.len());
        assert_eq!(m.fact(), Some(fact));
        assert_eq!(m.source(), Some(article));
        for w in m.rows.windows(2) {
            assert!(a.facts[w[0]].articles.len() >= a.facts[w[1]].articles.len());
        }
        m.sort = MatrixSort::Differences;
        m.sort_rows(&a);
        assert_eq!(m.fact(), Some(fact), "the selection follows the fact");
        let ranks: Vec<u8> = m
            .rows
            .iter()
            .map(|&f| relation_rank(a.facts[f].relation))
            .collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]));
    }
}
