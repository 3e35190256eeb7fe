//! Display data computed once at load from the [`Analysis`]: the article
//! list rows and the stories matrix.

use crosscheck::Analysis;

/// The display form of untrusted text (control characters made visible),
/// computed once at load.
fn shown(s: &str) -> String {
    crate::ui::sanitize::sanitize(s).into_owned()
}

/// One row of the articles pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleRow {
    /// Title, or the first words of the text.
    pub title: String,
    /// "outlet · date", only what the article states; may be empty.
    pub meta: String,
    /// Number of claims.
    pub claims: usize,
    /// Claims another source reports the same way.
    pub corroborated: usize,
    /// Claims whose figures differ in another source.
    pub differs: usize,
}

impl ArticleRow {
    /// Rows for every article of `analysis`.
    pub fn all(analysis: &Analysis) -> Vec<ArticleRow> {
        analysis
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let counts = analysis.status_counts(i);
                let (corroborated, differs) =
                    (counts.corroborated, counts.differs + counts.contradicts);
                let mut meta = Vec::new();
                if let Some(o) = &a.outlet {
                    meta.push(shown(o));
                }
                if let Some(d) = a.date {
                    meta.push(d.format("%Y-%m-%d").to_string());
                }
                ArticleRow {
                    title: shown(&a.display_title()),
                    meta: meta.join(" · "),
                    claims: analysis.claims_of(i).len(),
                    corroborated,
                    differs,
                }
            })
            .collect()
    }
}

/// A cell of the stories matrix: what one source says about one fact, as
/// the engine decides it (the one source of truth for the matrix, the
/// article counts and the reader's markers).
pub use crosscheck::analysis::FactCell as Cell;

/// One row of the stories matrix: a fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixRow {
    /// Index into `Analysis::facts`.
    pub fact: usize,
    /// "F1".
    pub id: String,
    /// Short label of the fact.
    pub label: String,
    /// One cell per source column.
    pub cells: Vec<Cell>,
    /// Number of sources reporting it.
    pub coverage: usize,
}

/// The stories matrix: facts by sources, most covered first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Matrix {
    /// Rows, by coverage (descending), then fact order.
    pub rows: Vec<MatrixRow>,
}

impl Matrix {
    /// The matrix of every fact of `analysis`, one column per article.
    pub fn build(analysis: &Analysis) -> Matrix {
        let n = analysis.articles.len();
        let mut rows: Vec<MatrixRow> = analysis
            .facts
            .iter()
            .enumerate()
            .map(|(fi, f)| {
                let cells: Vec<Cell> = (0..n).map(|j| analysis.fact_cell(fi, j)).collect();
                let coverage = cells.iter().filter(|c| **c != Cell::Absent).count();
                MatrixRow {
                    fact: fi,
                    id: f.id.clone(),
                    label: shown(&f.label),
                    cells,
                    coverage,
                }
            })
            .collect();
        rows.sort_by(|a, b| b.coverage.cmp(&a.coverage).then(a.fact.cmp(&b.fact)));
        Matrix { rows }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_rows_and_matrix_are_consistent() {
        let a = Analysis::build(crosscheck::corpus::bundled());
        let rows = ArticleRow::all(&a);
        assert_eq!(rows.len(), a.articles.len());
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(r.claims, a.claims_of(i).len());
            assert!(r.corroborated + r.differs <= r.claims);
        }
        let m = Matrix::build(&a);
        assert_eq!(m.rows.len(), a.facts.len());
        for w in m.rows.windows(2) {
            assert!(w[0].coverage >= w[1].coverage);
        }
        for r in &m.rows {
            assert!(r.coverage >= 1);
            for (col, cell) in r.cells.iter().enumerate() {
                if let Some(c) = cell.claim() {
                    assert_eq!(a.claims[c].article, col);
                }
            }
        }
    }
}
