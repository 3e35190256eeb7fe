//! The finder over every claim and article title (the browser's `/`), with
//! fzf's query syntax.
//!
//! A query is terms separated by spaces; an entry must match every term.
//! A plain term matches fuzzily (its characters in order); `'term` matches
//! exactly (a substring), `^term` at the start, `term$` at the end, and
//! `!term` (also `!^term`, `!term$`) excludes the entries that contain it.
//! Matching ignores case unless the term has an upper-case letter. An empty
//! query lists every entry, titles first, in order.

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
    /// Char indices of the matched characters in the entry's text, sorted.
    pub positions: Vec<usize>,
}

/// The searchable entries, built once at load: every title, then every
/// claim.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    entries: Vec<(Target, String)>,
    articles: usize,
}

/// How one term of a query matches.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Fuzzy,
    Exact,
    Prefix,
    Suffix,
    Whole,
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    text: String,
    kind: Kind,
    negated: bool,
}

/// Splits a query into terms (fzf syntax; see the module docs).
fn parse(query: &str) -> Vec<Term> {
    query
        .split_whitespace()
        .filter_map(|raw| {
            let (negated, rest) = match raw.strip_prefix('!') {
                Some(r) => (true, r),
                None => (false, raw),
            };
            let (kind, text) = if let Some(r) = rest.strip_prefix('\'') {
                (Kind::Exact, r)
            } else if let Some(r) = rest.strip_prefix('^') {
                match r.strip_suffix('$') {
                    Some(w) if !w.is_empty() => (Kind::Whole, w),
                    _ => (Kind::Prefix, r),
                }
            } else if let Some(r) = rest.strip_suffix('$').filter(|r| !r.is_empty()) {
                (Kind::Suffix, r)
            } else if negated {
                // fzf: a negated plain term is an exact non-match.
                (Kind::Exact, rest)
            } else {
                (Kind::Fuzzy, rest)
            };
            (!text.is_empty()).then(|| Term {
                text: text.to_string(),
                kind,
                negated,
            })
        })
        .collect()
}

/// Folds a character for case-insensitive comparison.
fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Where `term` matches `text` without fuzziness: the char positions of
/// the match, if any.
fn exact_match(text: &[char], term: &Term) -> Option<Vec<usize>> {
    let sensitive = term.text.chars().any(char::is_uppercase);
    let eq = |a: char, b: char| {
        if sensitive {
            a == b
        } else {
            fold(a) == fold(b)
        }
    };
    let pat: Vec<char> = term.text.chars().collect();
    let n = pat.len();
    if n > text.len() {
        return None;
    }
    let at = |i: usize| text[i..i + n].iter().zip(&pat).all(|(&a, &b)| eq(a, b));
    let start = match term.kind {
        Kind::Prefix => at(0).then_some(0),
        Kind::Suffix => at(text.len() - n).then_some(text.len() - n),
        Kind::Whole => (n == text.len() && at(0)).then_some(0),
        Kind::Exact | Kind::Fuzzy => (0..=text.len() - n).find(|&i| at(i)),
    }?;
    Some((start..start + n).collect())
}

impl SearchIndex {
    /// Every article title and every claim of `analysis`.
    pub fn new(analysis: &Analysis) -> Self {
        let mut entries = Vec::with_capacity(analysis.articles.len() + analysis.claims.len());
        for (i, a) in analysis.articles.iter().enumerate() {
            entries.push((Target::Article(i), a.display_title()));
        }
        for (i, c) in analysis.claims.iter().enumerate() {
            entries.push((Target::Claim(i), c.text.clone()));
        }
        SearchIndex {
            entries,
            articles: analysis.articles.len(),
        }
    }

    /// The text of an entry.
    pub fn text(&self, target: Target) -> Option<&str> {
        let i = match target {
            Target::Article(a) => (a < self.articles).then_some(a)?,
            Target::Claim(c) => self.articles.checked_add(c)?,
        };
        self.entries
            .get(i)
            .filter(|e| e.0 == target)
            .map(|e| e.1.as_str())
    }

    /// Number of entries (titles and claims).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there is nothing to search.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Hits for `query`, best first (ties in entry order). An empty query
    /// lists every entry in order.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let terms = parse(query);
        let matcher = SkimMatcherV2::default().smart_case();
        let mut hits: Vec<(usize, Hit)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, (target, text))| {
                let chars: Vec<char> = text.chars().collect();
                let mut score = 0i64;
                let mut positions = Vec::new();
                for t in &terms {
                    let found = if t.kind == Kind::Fuzzy {
                        matcher.fuzzy_indices(text, &t.text)
                    } else {
                        exact_match(&chars, t)
                            .map(|p| (i64::try_from(p.len()).unwrap_or(i64::MAX / 16) * 16, p))
                    };
                    match (found, t.negated) {
                        (Some(_), true) | (None, false) => return None,
                        (None, true) => {}
                        (Some((s, p)), false) => {
                            score += s;
                            positions.extend(p);
                        }
                    }
                }
                positions.sort_unstable();
                positions.dedup();
                Some((
                    i,
                    Hit {
                        target: *target,
                        score,
                        positions,
                    },
                ))
            })
            .collect();
        hits.sort_by(|a, b| b.1.score.cmp(&a.1.score).then(a.0.cmp(&b.0)));
        hits.into_iter().map(|h| h.1).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Article, Corpus};

    fn index() -> (Analysis, SearchIndex) {
        let mut a = Article::new(
            "a",
            "Officials said 14,000 troops were deployed to Kursk. Kim Jong Un praised the soldiers.",
        );
        a.title = Some("North Korea confirms troops".into());
        let b = Article::new("b", "Russia denied that 11,000 troops were in Kursk.");
        let an = Analysis::build(Corpus::from_articles([a, b]));
        let idx = SearchIndex::new(&an);
        (an, idx)
    }

    fn texts<'a>(idx: &'a SearchIndex, hits: &[Hit]) -> Vec<&'a str> {
        hits.iter().filter_map(|h| idx.text(h.target)).collect()
    }

    #[test]
    fn an_empty_query_lists_everything_in_order() {
        let (an, idx) = index();
        let hits = idx.search("");
        assert_eq!(hits.len(), an.articles.len() + an.claims.len());
        assert_eq!(hits[0].target, Target::Article(0));
        assert_eq!(hits, idx.search("   "));
    }

    #[test]
    fn fzf_syntax() {
        let (_, idx) = index();
        let all = |q: &str| texts(&idx, &idx.search(q));
        // Fuzzy: characters in order.
        assert!(all("kjun").iter().any(|t| t.contains("Kim Jong Un")));
        // Exact: a substring only.
        assert!(all("'kjun").is_empty());
        assert!(all("'14,000").iter().all(|t| t.contains("14,000")));
        // Prefix, suffix, whole.
        assert!(all("^russia").iter().all(|t| t.starts_with("Russia")));
        assert!(!all("^russia").is_empty());
        assert!(all("kursk.$").iter().all(|t| t.ends_with("Kursk.")));
        assert_eq!(
            all("^north korea confirms troops$"),
            vec!["North Korea confirms troops"]
        );
        // Negation, and several terms (all must match).
        let t = all("troops !russia");
        assert!(
            !t.is_empty() && t.iter().all(|t| !t.contains("Russia")),
            "{t:?}"
        );
        let t = all("'troops 'kursk");
        assert!(
            t.iter()
                .all(|t| t.contains("troops") && t.contains("Kursk")),
            "{t:?}"
        );
        // Smart case: an upper-case letter makes a term case-sensitive.
        assert!(all("'kursk").len() >= 2);
        assert!(all("'KURSK").is_empty());
        // Only a negation: everything else.
        assert!(!all("!zzz").is_empty());
    }

    #[test]
    fn positions_point_at_the_matched_characters() {
        let (_, idx) = index();
        for h in idx.search("'Kursk 14") {
            let text: Vec<char> = idx.text(h.target).unwrap().chars().collect();
            let shown: String = h.positions.iter().map(|&p| text[p]).collect();
            assert!(shown.contains("Kursk"), "{shown}");
        }
    }
}
