//! Matching every claim against the other articles of its story.

use super::features::{features, FeatureVector, Idf, Model, Profile};
use super::index::Index;
use super::{Explanation, Match, Relation};
use crate::claims::Claim;
use crate::corpus::Article;
use std::collections::HashMap;

/// Thresholds and weights of the corpus matcher.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchConfig {
    /// Pair model.
    pub model: Model,
    /// A counterpart is reported only at or above this score.
    pub min_score: f32,
    /// At or above this score the two claims state the same thing (agrees or
    /// differs); below it, `related`.
    pub same_score: f32,
    /// Candidates fully scored per other article.
    pub candidates_per_article: usize,
    /// Index keys held by more than this share of claims are not used to
    /// generate candidates.
    pub max_key_share: f32,
}

impl Default for MatchConfig {
    fn default() -> Self {
        MatchConfig {
            model: Model::CORPUS,
            min_score: 0.5,
            same_score: 0.6,
            candidates_per_article: 8,
            max_key_share: 0.25,
        }
    }
}

/// The best-scoring candidate of one claim in one other article.
struct Best {
    other: usize,
    article: usize,
    vector: FeatureVector,
}

/// For each claim, the best counterpart in each other article of its story,
/// best first.
pub fn match_claims(
    articles: &[Article],
    claims: &[Claim],
    config: &MatchConfig,
) -> Vec<Vec<Match>> {
    let idf = Idf::from_texts(claims.iter().map(|c| c.text.as_str()));
    let profiles: Vec<Profile> = claims
        .iter()
        .map(|c| Profile::new(&c.text, c.figures.clone(), &idf))
        .collect();
    let index = Index::build(&profiles, &idf, config.max_key_share);
    let story = |c: &Claim| articles.get(c.article).map(|a| a.story.as_str());
    let model = &config.model;

    // Pass 1: each claim's best candidate per other article, on the features
    // that do not depend on other pairs.
    let mut bests: Vec<Vec<Best>> = Vec::with_capacity(claims.len());
    for (ci, claim) in claims.iter().enumerate() {
        let cands = index.candidates(&profiles[ci], |other| {
            claims[other].article != claim.article && story(&claims[other]) == story(claim)
        });
        let mut per_article: HashMap<usize, Vec<usize>> = HashMap::new();
        for (other, _) in cands {
            let list = per_article.entry(claims[other].article).or_default();
            if list.len() < config.candidates_per_article {
                list.push(other);
            }
        }
        let mut row: Vec<Best> = per_article
            .into_iter()
            .filter_map(|(article, list)| {
                list.into_iter()
                    .map(|o| (o, features(&profiles[ci], &profiles[o])))
                    .map(|(o, v)| (o, model.score(&v.values).0, v))
                    .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                    .map(|(other, _, vector)| Best {
                        other,
                        article,
                        vector,
                    })
            })
            .collect();
        row.sort_by_key(|b| b.article);
        bests.push(row);
    }

    // Pass 2: mark mutual best pairs, score, decide the relation.
    let best_of = |c: usize, article: usize| -> Option<usize> {
        bests[c]
            .iter()
            .find(|b| b.article == article)
            .map(|b| b.other)
    };
    let mut all = Vec::with_capacity(claims.len());
    for (ci, row) in bests.iter().enumerate() {
        let mut matches = Vec::new();
        for b in row {
            let mut values = b.vector.values;
            if best_of(b.other, claims[ci].article) == Some(ci) {
                values[super::features::FEATURE_NAMES.len() - 1] = 1.0;
            }
            let (score, contributions) = model.score(&values);
            if score < config.min_score {
                continue;
            }
            let figures = &b.vector.figures;
            let relation = if score < config.same_score {
                Relation::Related
            } else if !figures.is_empty() && !figures.iter().any(|f| f.same) {
                Relation::Differs
            } else {
                Relation::Agrees
            };
            matches.push(Match {
                claim: b.other,
                article: b.article,
                score,
                relation,
                why: Explanation {
                    features: contributions,
                    shared_terms: b.vector.shared_terms.clone(),
                    shared_entities: b.vector.shared_entities.clone(),
                    figures: figures.clone(),
                },
            });
        }
        matches.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.article.cmp(&b.article)));
        all.push(matches);
    }
    all
}
