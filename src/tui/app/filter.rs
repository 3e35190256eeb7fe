//! Claim filters and sort orders: which claims the reader steps through
//! and the article list shows, and in what order articles and matrix rows
//! come.

use crosscheck::analysis::{ClaimStatus, StatusCounts};

/// Which claims the reader steps through and the article list counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Filter {
    /// Every claim.
    #[default]
    All,
    /// Claims whose figures or dates differ elsewhere.
    Differs,
    /// Claims another source contradicts.
    Contradicts,
    /// Claims no other source reports.
    Single,
    /// Claims other sources report the same way.
    Reported,
    /// Claims with a verdict.
    Marked,
}

impl Filter {
    /// Every filter, in the order `f` cycles through them.
    pub const ALL: [Filter; 6] = [
        Filter::All,
        Filter::Differs,
        Filter::Contradicts,
        Filter::Single,
        Filter::Reported,
        Filter::Marked,
    ];

    /// The next filter (`forward`) or the previous one.
    pub fn cycle(self, forward: bool) -> Filter {
        let i = Filter::ALL.iter().position(|&f| f == self).unwrap_or(0);
        let n = Filter::ALL.len();
        Filter::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }

    /// Words for the status bar and the panes ("differs").
    pub fn label(self) -> &'static str {
        match self {
            Filter::All => "all claims",
            Filter::Differs => "differs",
            Filter::Contradicts => "contradicts",
            Filter::Single => "single source",
            Filter::Reported => "reported elsewhere",
            Filter::Marked => "marked",
        }
    }

    /// Its name in the session file.
    pub fn key(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::Differs => "differs",
            Filter::Contradicts => "contradicts",
            Filter::Single => "single",
            Filter::Reported => "reported",
            Filter::Marked => "marked",
        }
    }

    /// The filter named `key` in the session file.
    pub fn from_key(key: &str) -> Option<Filter> {
        Filter::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Whether a claim with `status` (and a verdict if `marked`) passes.
    pub fn passes(self, status: ClaimStatus, marked: bool) -> bool {
        match self {
            Filter::All => true,
            Filter::Differs => status == ClaimStatus::Differs,
            Filter::Contradicts => status == ClaimStatus::Contradicts,
            Filter::Single => status == ClaimStatus::SingleSource,
            Filter::Reported => status == ClaimStatus::Corroborated,
            Filter::Marked => marked,
        }
    }

    /// How many of an article's claims pass, from its status counts and its
    /// number of claims with a verdict.
    pub fn count(self, claims: usize, counts: &StatusCounts, marked: usize) -> usize {
        match self {
            Filter::All => claims,
            Filter::Differs => counts.differs,
            Filter::Contradicts => counts.contradicts,
            Filter::Single => counts.single,
            Filter::Reported => counts.corroborated,
            Filter::Marked => marked,
        }
    }
}

/// The order of the article list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ArticleSort {
    /// As loaded.
    #[default]
    Loaded,
    /// By date, oldest first; undated last.
    Date,
    /// By outlet name; articles without one last.
    Outlet,
    /// Most claims that differ or are contradicted first.
    Differing,
}

impl ArticleSort {
    /// Every order, in the order `O` cycles through them.
    pub const ALL: [ArticleSort; 4] = [
        ArticleSort::Loaded,
        ArticleSort::Date,
        ArticleSort::Outlet,
        ArticleSort::Differing,
    ];

    /// The next order.
    pub fn next(self) -> ArticleSort {
        let i = ArticleSort::ALL
            .iter()
            .position(|&s| s == self)
            .unwrap_or(0);
        ArticleSort::ALL[(i + 1) % ArticleSort::ALL.len()]
    }

    /// Words for the pane title and messages.
    pub fn label(self) -> &'static str {
        match self {
            ArticleSort::Loaded => "as loaded",
            ArticleSort::Date => "by date",
            ArticleSort::Outlet => "by outlet",
            ArticleSort::Differing => "most differing first",
        }
    }

    /// Its name in the session file.
    pub fn key(self) -> &'static str {
        match self {
            ArticleSort::Loaded => "loaded",
            ArticleSort::Date => "date",
            ArticleSort::Outlet => "outlet",
            ArticleSort::Differing => "differing",
        }
    }

    /// The order named `key` in the session file.
    pub fn from_key(key: &str) -> Option<ArticleSort> {
        ArticleSort::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// The order of the stories matrix's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum MatrixSort {
    /// Facts reported by the most sources first.
    #[default]
    Coverage,
    /// Contradicted facts, then differing ones, then the rest; by coverage
    /// within each.
    Differences,
}

impl MatrixSort {
    /// The other order.
    pub fn next(self) -> MatrixSort {
        match self {
            MatrixSort::Coverage => MatrixSort::Differences,
            MatrixSort::Differences => MatrixSort::Coverage,
        }
    }

    /// Words for the matrix title.
    pub fn label(self) -> &'static str {
        match self {
            MatrixSort::Coverage => "most sources first",
            MatrixSort::Differences => "differences first",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_visit_every_value_and_return() {
        let mut f = Filter::All;
        for _ in 0..Filter::ALL.len() {
            f = f.cycle(true);
        }
        assert_eq!(f, Filter::All);
        assert_eq!(Filter::All.cycle(false), Filter::Marked);
        assert_eq!(Filter::Marked.cycle(true), Filter::All);
        for f in Filter::ALL {
            assert_eq!(Filter::from_key(f.key()), Some(f));
        }
        for s in ArticleSort::ALL {
            assert_eq!(ArticleSort::from_key(s.key()), Some(s));
        }
        assert_eq!(ArticleSort::Differing.next(), ArticleSort::Loaded);
    }

    #[test]
    fn passes_matches_count() {
        let counts = StatusCounts {
            corroborated: 1,
            differs: 2,
            contradicts: 3,
            single: 4,
        };
        let statuses = [
            (ClaimStatus::Corroborated, 1),
            (ClaimStatus::Differs, 2),
            (ClaimStatus::Contradicts, 3),
            (ClaimStatus::SingleSource, 4),
        ];
        for f in Filter::ALL {
            let passing: usize = statuses
                .iter()
                .filter(|(s, _)| f.passes(*s, false))
                .map(|(_, n)| n)
                .sum();
            if f != Filter::Marked {
                assert_eq!(passing, f.count(10, &counts, 0), "{f:?}");
            }
        }
        assert!(Filter::Marked.passes(ClaimStatus::Differs, true));
        assert!(!Filter::Marked.passes(ClaimStatus::Differs, false));
    }
}
