//! Matching every claim against the other articles of its story.
//!
//! Two stages: [`best_candidates`] finds each claim's best candidate in each
//! other article (inverted-index candidates, scored on the pair features)
//! and fills in the context features (`mutual_best`, `margin`);
//! [`match_claims`] scores those with the full model and keeps the ones
//! above the threshold, with their relation.

use super::features::{features, FeatureVector, Idf, Model, Profile, MARGIN, MUTUAL_BEST};
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

/// The best-scoring candidate of one claim in one other article, with all
/// features (context included).
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The candidate claim.
    pub other: usize,
    /// Its article.
    pub article: usize,
    /// Its features against the claim.
    pub vector: FeatureVector,
}

/// For each claim, its best candidate in each other article of its story
/// (sorted by article), ranked by `config.model` without context features.
pub fn best_candidates(
    articles: &[Article],
    claims: &[Claim],
    config: &MatchConfig,
) -> Vec<Vec<Candidate>> {
    let idf = Idf::from_texts(claims.iter().map(|c| c.text.as_str()));
    let profiles: Vec<Profile> = claims.iter().map(|c| Profile::of_claim(c, &idf)).collect();
    let model = &config.model;

    // One index per story: only claims of the same story are compared.
    let mut stories: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in claims.iter().enumerate() {
        let story = articles.get(c.article).map_or("", |a| a.story.as_str());
        stories.entry(story).or_default().push(i);
    }

    let mut rows: Vec<Vec<Candidate>> = (0..claims.len()).map(|_| Vec::new()).collect();
    for members in stories.values() {
        let index = Index::build(members.iter().map(|&i| &profiles[i]), config.max_key_share);
        for &ci in members {
            let claim = &claims[ci];
            let cands = index.candidates(&profiles[ci], config.candidates, |local| {
                claims[members[local]].article != claim.article
            });
            // Per article: (best, its score, its features, second-best score).
            let mut per_article: HashMap<usize, (usize, f32, FeatureVector, f32)> = HashMap::new();
            for (local, _) in cands {
                let other = members[local];
                let vector = features(&profiles[ci], &profiles[other]);
                let score = model.score(&vector.values).0;
                let article = claims[other].article;
                match per_article.get_mut(&article) {
                    None => {
                        per_article.insert(article, (other, score, vector, 0.0));
                    }
                    Some(e) if score > e.1 => *e = (other, score, vector, e.1),
                    Some(e) => e.3 = e.3.max(score),
                }
            }
            let mut row: Vec<Candidate> = per_article
                .into_iter()
                .map(|(article, (other, score, mut vector, second))| {
                    vector.values[MARGIN] = score - second;
                    Candidate {
                        other,
                        article,
                        vector,
                    }
                })
                .collect();
            row.sort_by_key(|b| b.article);
            rows[ci] = row;
        }
    }
    // Mutual best: the candidate's own best in this claim's article is it.
    let mutual: Vec<Vec<bool>> = rows
        .iter()
        .enumerate()
        .map(|(ci, row)| {
            row.iter()
                .map(|b| {
                    rows[b.other]
                        .iter()
                        .find(|r| r.article == claims[ci].article)
                        .is_some_and(|r| r.other == ci)
                })
                .collect()
        })
        .collect();
    for (row, flags) in rows.iter_mut().zip(mutual) {
        for (b, m) in row.iter_mut().zip(flags) {
            b.vector.values[MUTUAL_BEST] = f32::from(u8::from(m));
        }
    }
    rows
}

/// For each claim, the best counterpart in each other article of its story
/// that passes the threshold, best first.
pub fn match_claims(
    articles: &[Article],
    claims: &[Claim],
    config: &MatchConfig,
) -> Vec<Vec<Match>> {
    let rows = best_candidates(articles, claims, config);
    rows.into_iter()
        .map(|row| {
            let mut matches: Vec<Match> = row
                .into_iter()
                .filter_map(|b| {
                    let (score, contributions) = config.model.score(&b.vector.values);
                    if score < config.min_score {
                        return None;
                    }
                    let figures = b.vector.figures;
                    let relation = if score < config.same_score {
                        Relation::Related
                    } else if !figures.is_empty() && !figures.iter().any(|f| f.same) {
                        Relation::Differs
                    } else {
                        Relation::Agrees
                    };
                    Some(Match {
                        claim: b.other,
                        article: b.article,
                        score,
                        relation,
                        why: Explanation {
                            features: contributions,
                            shared_terms: b.vector.shared_terms,
                            shared_entities: b.vector.shared_entities,
                            figures,
                        },
                    })
                })
                .collect();
            matches.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.article.cmp(&b.article)));
            matches
        })
        .collect()
}
