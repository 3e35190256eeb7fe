//! Measuring matching quality against hand-made gold facts.
//!
//! A gold file (TOML, see `tests/gold/seeds.toml`) lists facts as the
//! sentences that state them, each named by an article-id prefix and a
//! substring unique in that article. [`evaluate`] maps those sentences to
//! claims and scores the analysis's matches: precision (matches from gold
//! claims that land on a claim of the same fact), recall (cross-source
//! counterparts found), and whether differing figures come out as `differs`.

pub mod contrast;
pub mod datasets;
pub mod events;

use crate::analysis::Analysis;
use crate::matching::Relation;
use serde::Deserialize;
use std::collections::BTreeSet;

/// A gold file.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    /// Lines that must never be claims.
    #[serde(default)]
    pub non_claims: NonClaims,
    /// Facts with the sentences stating them.
    #[serde(default)]
    pub fact: Vec<GoldFact>,
}

/// Lines that must never be claims (headings, labels, boilerplate).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NonClaims {
    /// `[article id prefix, substring]`.
    pub lines: Vec<(String, String)>,
}

/// One gold fact.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldFact {
    /// Short description.
    pub label: String,
    /// `"agrees"` or `"differs"` (figures differ across sources).
    pub relation: String,
    /// `[article id prefix, substring]` of every sentence stating it.
    pub sentences: Vec<(String, String)>,
    /// Article id prefixes that do not report it.
    #[serde(default)]
    pub absent: Vec<String>,
}

/// Quality figures of one analysis against one gold file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    /// Matches reported for gold claims.
    pub matches: usize,
    /// Of those, matches landing on a claim of a shared gold fact.
    pub correct: usize,
    /// Cross-source counterparts in the gold.
    pub counterparts: usize,
    /// Of those, found as the claim's match in that article.
    pub found: usize,
    /// Pairs of claims of a `differs` fact with different figures, found.
    pub differs_found: usize,
    /// Of the found `differs` pairs, how many carry the `differs` relation.
    pub differs_right: usize,
    /// Found counterparts of an `agrees` or `differs` fact that carry the
    /// `contradicts` relation (the sources do not contradict each other).
    pub false_contradicts: usize,
    /// Non-claim lines that were wrongly made claims.
    pub non_claims_as_claims: Vec<String>,
    /// Gold sentences that could not be located in the text, or that are not
    /// claims.
    pub missing: Vec<String>,
    /// Wrong matches, for inspection: (claim text, matched text).
    pub wrong: Vec<(String, String)>,
    /// Missed counterparts, for inspection: (claim text, wanted article id).
    pub missed: Vec<(String, String)>,
}

impl Scores {
    /// Share of reported matches that are right (1 when none were reported).
    pub fn precision(&self) -> f64 {
        if self.matches == 0 {
            1.0
        } else {
            self.correct as f64 / self.matches as f64
        }
    }

    /// Share of gold counterparts found.
    pub fn recall(&self) -> f64 {
        if self.counterparts == 0 {
            1.0
        } else {
            self.found as f64 / self.counterparts as f64
        }
    }
}

impl std::fmt::Display for Scores {
    /// `precision 0.898 (115/128)  recall 0.644 (121/188)  differs 18/18`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "precision {:.3} ({}/{})  recall {:.3} ({}/{})  differs {}/{}  false contradicts {}",
            self.precision(),
            self.correct,
            self.matches,
            self.recall(),
            self.found,
            self.counterparts,
            self.differs_right,
            self.differs_found,
            self.false_contradicts
        )
    }
}

impl Gold {
    /// Parses a gold file.
    pub fn parse(text: &str) -> Result<Gold, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    /// The BASIL events a gold file covers: its article ids are
    /// `<event>_<n>` (`scripts/basil_to_jsonl.py`).
    pub fn basil_events(&self) -> BTreeSet<String> {
        self.fact
            .iter()
            .flat_map(|f| f.sentences.iter())
            .filter_map(|s| s.0.rsplit_once('_').map(|(e, _)| e.to_string()))
            .collect()
    }
}

/// The claims overlapping the named sentence, or `None` if it is not found.
fn locate(an: &Analysis, prefix: &str, needle: &str) -> Option<(usize, Vec<usize>)> {
    let article = an.articles.iter().position(|a| a.id.starts_with(prefix))?;
    let pos = an.articles[article].text.find(needle)?;
    let end = pos + needle.len();
    let claims = an
        .article_claims
        .get(article)?
        .clone()
        .filter(|&c| an.claims[c].start < end && pos < an.claims[c].end)
        .collect();
    Some((article, claims))
}

/// The claims of each gold fact (same order as `gold.fact`), and the gold
/// sentences that are not found or are not claims.
pub fn gold_claims(an: &Analysis, gold: &Gold) -> (Vec<BTreeSet<usize>>, Vec<String>) {
    let mut fact_claims = Vec::new();
    let mut missing = Vec::new();
    for f in &gold.fact {
        let mut set = BTreeSet::new();
        for (prefix, s) in &f.sentences {
            match locate(an, prefix, s) {
                Some((_, claims)) if !claims.is_empty() => set.extend(claims),
                _ => missing.push(format!("{prefix}: {s}")),
            }
        }
        fact_claims.push(set);
    }
    (fact_claims, missing)
}

/// Scores `an` against `gold`.
pub fn evaluate(an: &Analysis, gold: &Gold) -> Scores {
    let mut scores = Scores::default();
    for (prefix, line) in &gold.non_claims.lines {
        if let Some((_, claims)) = locate(an, prefix, line) {
            if !claims.is_empty() {
                scores
                    .non_claims_as_claims
                    .push(format!("{prefix}: {line}"));
            }
        }
    }
    let (fact_claims, missing) = gold_claims(an, gold);
    scores.missing = missing;
    let same_fact =
        |a: usize, b: usize| fact_claims.iter().any(|s| s.contains(&a) && s.contains(&b));
    let gold_claims: BTreeSet<usize> = fact_claims.iter().flatten().copied().collect();

    for &c in &gold_claims {
        for m in an.matches_of(c).filter(|m| m.relation != Relation::Related) {
            scores.matches += 1;
            if same_fact(c, m.claim) {
                scores.correct += 1;
            } else {
                scores
                    .wrong
                    .push((an.claims[c].text.clone(), an.claims[m.claim].text.clone()));
            }
        }
    }
    for (f, set) in gold.fact.iter().zip(&fact_claims) {
        let articles: BTreeSet<usize> = set.iter().map(|&c| an.claims[c].article).collect();
        for &c in set {
            for &a in &articles {
                if a == an.claims[c].article {
                    continue;
                }
                scores.counterparts += 1;
                match an.match_in(c, a) {
                    Some(m) if set.contains(&m.claim) && m.relation != Relation::Related => {
                        scores.found += 1;
                        if f.relation != "contradicts" && m.relation == Relation::Contradicts {
                            scores.false_contradicts += 1;
                        }
                        if f.relation == "differs" {
                            let differ = an.claims[c].figures.iter().any(|x| {
                                an.claims[m.claim]
                                    .figures
                                    .iter()
                                    .any(|y| x.low != y.low || x.high != y.high)
                            });
                            if differ {
                                scores.differs_found += 1;
                                if m.relation == Relation::Differs {
                                    scores.differs_right += 1;
                                }
                            }
                        }
                    }
                    _ => scores
                        .missed
                        .push((an.claims[c].text.clone(), an.articles[a].id.clone())),
                }
            }
        }
    }
    scores
}
