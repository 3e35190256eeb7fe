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
    /// Candidates fully scored per claim (across all other articles).
    pub candidates: usize,
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
            candidates: 64,
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
    let model = &config.model;

    // One index per story: only claims of the same story are compared.
    let mut stories: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in claims.iter().enumerate() {
        let story = articles.get(c.article).map_or("", |a| a.story.as_str());
        stories.entry(story).or_default().push(i);
    }

    // Pass 1: each claim's best candidate per other article, on the features
    // that do not depend on other pairs.
    let mut bests: Vec<Vec<Best>> = (0..claims.len()).map(|_| Vec::new()).collect();
    for members in stories.values() {
        let index = Index::build(members.iter().map(|&i| &profiles[i]), config.max_key_share);
        for &ci in members {
            let claim = &claims[ci];
            let cands = index.candidates(&profiles[ci], config.candidates, |local| {
                claims[members[local]].article != claim.article
            });
            let mut per_article: HashMap<usize, (usize, f32, FeatureVector)> = HashMap::new();
            for (local, _) in cands {
                let other = members[local];
                let vector = features(&profiles[ci], &profiles[other]);
                let score = model.score(&vector.values).0;
                let article = claims[other].article;
                let better = per_article.get(&article).is_none_or(|b| score > b.1);
                if better {
                    per_article.insert(article, (other, score, vector));
                }
            }
            let mut row: Vec<Best> = per_article
                .into_iter()
                .map(|(article, (other, _, vector))| Best {
                    other,
                    article,
                    vector,
                })
                .collect();
            row.sort_by_key(|b| b.article);
            bests[ci] = row;
        }
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
