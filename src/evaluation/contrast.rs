//! Contrast pairs: short sentence pairs written to test one behaviour each
//! (differing figures in other words, other dates, paraphrases with the same
//! figures, negation, another subject in the same frame, a shared name or
//! figure only, same topic but another fact), with the expected outcome.
//! Each pair is analysed as its own two-article set, and all pairs pooled
//! in one story.

use crate::analysis::Analysis;
use crate::corpus::{Article, Corpus};
use crate::matching::{MatchConfig, Relation};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A contrast file: `[[pair]]` tables.
#[derive(Debug, Clone, Deserialize)]
pub struct ContrastSet {
    /// The pairs.
    pub pair: Vec<ContrastPair>,
}

/// One pair and what the matcher must say about it.
#[derive(Debug, Clone, Deserialize)]
pub struct ContrastPair {
    /// What it tests ("negation", "different dates", ...).
    pub category: String,
    /// `train` or `validation`.
    pub split: String,
    /// First sentence (article A).
    pub a: String,
    /// Second sentence (article B).
    pub b: String,
    /// `agrees`, `differs`, `contradicts`, or `none` (not the same fact).
    pub expected: String,
    /// Why, for readers.
    #[serde(default)]
    pub note: Option<String>,
}

impl ContrastSet {
    /// Parses a contrast file.
    pub fn parse(text: &str) -> Result<ContrastSet, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }
}

/// What the matcher said about a pair: the relation of A's first claim's
/// match in B, or `none`.
pub fn outcome_name(r: Option<Relation>) -> &'static str {
    match r {
        Some(Relation::Agrees) => "agrees",
        Some(Relation::Differs) => "differs",
        Some(Relation::Contradicts) => "contradicts",
        Some(Relation::Related) | None => "none",
    }
}

/// The outcome for one pair in `an`, whose articles `a` and `b` hold it:
/// the strongest same-fact relation between any claim of A and B (both
/// directions), `none` if there is none.
fn pair_outcome(an: &Analysis, a: usize, b: usize) -> &'static str {
    let mut best: Option<(f32, Relation)> = None;
    for (x, y) in [(a, b), (b, a)] {
        for c in an.article_claims.get(x).cloned().unwrap_or_default() {
            if let Some(m) = an.match_in(c, y) {
                if m.relation != Relation::Related && best.is_none_or(|(s, _)| m.score > s) {
                    best = Some((m.score, m.relation));
                }
            }
        }
    }
    outcome_name(best.map(|b| b.1))
}

/// Results of one run over a set of pairs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContrastScores {
    /// Per category: (right, total).
    pub by_category: BTreeMap<String, (usize, usize)>,
    /// Pairs that came out wrong: (category, a, b, expected, got).
    pub wrong: Vec<(String, String, String, String, String)>,
    /// In the pooled run: claims matched (agrees/differs/contradicts) to a
    /// sentence of another pair.
    pub cross_pair_matches: usize,
}

impl ContrastScores {
    /// Pairs right and in all.
    pub fn totals(&self) -> (usize, usize) {
        self.by_category
            .values()
            .fold((0, 0), |(r, t), (a, b)| (r + a, t + b))
    }

    /// Share of pairs right.
    pub fn accuracy(&self) -> f64 {
        let (r, t) = self.totals();
        if t == 0 {
            1.0
        } else {
            r as f64 / t as f64
        }
    }

    fn record(&mut self, p: &ContrastPair, got: &str) {
        let e = self.by_category.entry(p.category.clone()).or_default();
        e.1 += 1;
        if got == p.expected {
            e.0 += 1;
        } else {
            self.wrong.push((
                p.category.clone(),
                p.a.clone(),
                p.b.clone(),
                p.expected.clone(),
                got.to_string(),
            ));
        }
    }
}

fn article(id: String, text: &str, story: &str) -> Article {
    let mut a = Article::new(id, text);
    a.story = story.to_string();
    a
}

/// Each pair as its own two-article set.
pub fn separate(pairs: &[&ContrastPair], config: &MatchConfig) -> ContrastScores {
    let mut s = ContrastScores::default();
    for p in pairs {
        let corpus = Corpus::from_articles([
            article("a".into(), &p.a, "pair"),
            article("b".into(), &p.b, "pair"),
        ]);
        let an = Analysis::build_with(corpus, config);
        s.record(p, pair_outcome(&an, 0, 1));
    }
    s
}

/// All pairs pooled in one story (articles `2i` and `2i + 1` hold pair `i`).
pub fn pooled(pairs: &[&ContrastPair], config: &MatchConfig) -> ContrastScores {
    let articles = pairs.iter().enumerate().flat_map(|(i, p)| {
        [
            article(format!("p{i}a"), &p.a, "pooled"),
            article(format!("p{i}b"), &p.b, "pooled"),
        ]
    });
    let an = Analysis::build_with(Corpus::from_articles(articles), config);
    let mut s = ContrastScores::default();
    for (i, p) in pairs.iter().enumerate() {
        s.record(p, pair_outcome(&an, 2 * i, 2 * i + 1));
    }
    for (c, claim) in an.claims.iter().enumerate() {
        for m in an.matches_of(c) {
            if m.relation != Relation::Related && m.article / 2 != claim.article / 2 {
                s.cross_pair_matches += 1;
            }
        }
    }
    s
}
