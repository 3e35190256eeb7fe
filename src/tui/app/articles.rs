//! The article list: one row per article, computed once at load (a
//! constant amount of text per article), and the list's order under the
//! current sort and filter.

use super::filter::{ArticleSort, Filter};
use crate::tui::sanitize::sanitize;
use crosscheck::analysis::StatusCounts;
use crosscheck::Analysis;
use std::collections::HashMap;

/// One row of the articles pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleRow {
    /// Title, or the first words of the text (display form).
    pub title: String,
    /// "outlet · date", only what the article states; may be empty.
    pub meta: String,
    /// Outlet (display form), for sorting.
    pub outlet: Option<String>,
    /// Date, for sorting.
    pub date: Option<chrono::NaiveDate>,
    /// Number of claims.
    pub claims: usize,
    /// Claims by status.
    pub counts: StatusCounts,
}

impl ArticleRow {
    /// Rows for every article of `analysis`.
    pub fn all(analysis: &Analysis) -> Vec<ArticleRow> {
        analysis
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let outlet = a.outlet.as_deref().map(|o| sanitize(o).into_owned());
                let mut meta = Vec::new();
                meta.extend(outlet.clone());
                if let Some(d) = a.date {
                    meta.push(d.format("%Y-%m-%d").to_string());
                }
                ArticleRow {
                    title: sanitize(&a.display_title()).into_owned(),
                    meta: meta.join(" · "),
                    outlet,
                    date: a.date,
                    claims: analysis.claims_of(i).len(),
                    counts: analysis.status_counts(i),
                }
            })
            .collect()
    }

    /// Claims that differ or are contradicted elsewhere.
    pub fn differing(&self) -> usize {
        self.counts.differs + self.counts.contradicts
    }
}

/// The articles listed under `filter` (those with at least one passing
/// claim; every article under [`Filter::All`]) in `sort` order. `marked`
/// counts each article's claims with a verdict.
pub fn order(
    rows: &[ArticleRow],
    sort: ArticleSort,
    filter: Filter,
    marked: &HashMap<usize, usize>,
) -> Vec<usize> {
    let mut out: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            filter == Filter::All
                || filter.count(
                    rows[i].claims,
                    &rows[i].counts,
                    marked.get(&i).copied().unwrap_or(0),
                ) > 0
        })
        .collect();
    match sort {
        ArticleSort::Loaded => {}
        ArticleSort::Date => out.sort_by_key(|&i| (rows[i].date.is_none(), rows[i].date, i)),
        ArticleSort::Outlet => out.sort_by(|&a, &b| {
            let key = |i: usize| rows[i].outlet.as_ref().map(|o| o.to_lowercase());
            (key(a).is_none(), key(a), a).cmp(&(key(b).is_none(), key(b), b))
        }),
        ArticleSort::Differing => {
            out.sort_by_key(|&i| (std::cmp::Reverse(rows[i].differing()), i));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck::{Article, Corpus};

    fn rows() -> Vec<ArticleRow> {
        let mut a = Article::new("a", "Officials said 14,000 troops were deployed to Kursk.");
        a.outlet = Some("Zeta".into());
        a.date = chrono::NaiveDate::from_ymd_opt(2025, 4, 28);
        let mut b = Article::new("b", "Officials said 11,000 troops were deployed to Kursk.");
        b.outlet = Some("alpha".into());
        b.date = chrono::NaiveDate::from_ymd_opt(2025, 4, 27);
        let c = Article::new("c", "The weather was fine.");
        ArticleRow::all(&Analysis::build(Corpus::from_articles([a, b, c])))
    }

    #[test]
    fn sorts_and_filters() {
        let r = rows();
        let none = HashMap::new();
        assert_eq!(
            order(&r, ArticleSort::Loaded, Filter::All, &none),
            vec![0, 1, 2]
        );
        assert_eq!(
            order(&r, ArticleSort::Date, Filter::All, &none),
            vec![1, 0, 2]
        );
        assert_eq!(
            order(&r, ArticleSort::Outlet, Filter::All, &none),
            vec![1, 0, 2]
        );
        let marked = HashMap::from([(2, 1)]);
        assert_eq!(
            order(&r, ArticleSort::Loaded, Filter::Marked, &marked),
            vec![2]
        );
        let differing = order(&r, ArticleSort::Differing, Filter::All, &none);
        for w in differing.windows(2) {
            assert!(r[w[0]].differing() >= r[w[1]].differing());
        }
        for i in order(&r, ArticleSort::Loaded, Filter::Single, &none) {
            assert!(r[i].counts.single > 0);
        }
    }
}
