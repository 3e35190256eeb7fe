//! Matching every claim against the other articles of its story.

use super::features::{compare, Idf, Profile, Weights};
use super::index::Index;
use super::{Explanation, Match, Relation};
use crate::claims::Claim;
use crate::corpus::Article;

/// Thresholds and weights of the corpus matcher.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchConfig {
    /// Pair model weights.
    pub weights: Weights,
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
            weights: Weights::default(),
            min_score: 0.5,
            same_score: 0.6,
            candidates_per_article: 5,
            max_key_share: 0.2,
        }
    }
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

    let mut all = Vec::with_capacity(claims.len());
    for (ci, claim) in claims.iter().enumerate() {
        let cands = index.candidates(&profiles[ci], |other| {
            claims[other].article != claim.article && story(&claims[other]) == story(claim)
        });
        // Keep the top candidates per article.
        let mut per_article: std::collections::HashMap<usize, Vec<usize>> = Default::default();
        for (other, _) in cands {
            let list = per_article.entry(claims[other].article).or_default();
            if list.len() < config.candidates_per_article {
                list.push(other);
            }
        }
        let mut matches = Vec::new();
        for (article, list) in per_article {
            let best = list
                .into_iter()
                .map(|o| (o, compare(&profiles[ci], &profiles[o], &config.weights)))
                .max_by(|a, b| a.1.score.total_cmp(&b.1.score).then(b.0.cmp(&a.0)));
            let Some((other, ps)) = best else { continue };
            if ps.score < config.min_score {
                continue;
            }
            let relation = if ps.score < config.same_score {
                Relation::Related
            } else if ps.figures.iter().any(|f| !f.same) && !ps.figures.iter().any(|f| f.same) {
                Relation::Differs
            } else {
                Relation::Agrees
            };
            matches.push(Match {
                claim: other,
                article,
                score: ps.score,
                relation,
                why: Explanation {
                    features: ps.features,
                    shared_terms: ps.shared_terms,
                    shared_entities: ps.shared_entities,
                    figures: ps.figures,
                },
            });
        }
        matches.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.article.cmp(&b.article)));
        all.push(matches);
    }
    all
}
