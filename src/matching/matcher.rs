//! Matching every claim against the other articles of its story.
//!
//! Three steps:
//! 1. [`best_candidates`]: each claim's best candidate in each other article
//!    (inverted-index candidates ranked by the link model), with the context
//!    features `mutual_best` and `margin`;
//! 2. those links are clustered (average linkage) into candidate facts, and
//!    every candidate gets `fact_support`: how well it matches the rest of
//!    the claim's cluster; cluster members join the candidates;
//! 3. [`match_claims`] scores the candidates with the full model and keeps,
//!    per article, the best one at or above the threshold that shares an
//!    anchor, with its relation; where that one agrees on one figure, a
//!    candidate differing on another is kept beside it (`differing`).

use super::cluster::average_linkage;
use super::features::{
    features, FeatureVector, Idf, Model, Profile, FACT_SUPPORT, MARGIN, MUTUAL_BEST, QUOTE_OVERLAP,
};
use super::index::Index;
use super::{Explanation, Match, Relation};
use crate::claims::Claim;
use crate::corpus::Article;
use std::collections::HashMap;

/// Models and thresholds of the corpus matcher.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchConfig {
    /// Ranks candidates and links claims into fact clusters.
    pub link_model: Model,
    /// Average link score at which clusters merge.
    pub link_threshold: f32,
    /// Scores the final candidates (with `fact_support`).
    pub model: Model,
    /// A counterpart is reported only at or above this score.
    pub min_score: f32,
    /// At or above this score the two claims state the same thing (agrees or
    /// differs); below it, `related`.
    pub same_score: f32,
    /// A lower bar for the secondary `differing` matches: a candidate that
    /// states the same quantity with a close but different figure is shown
    /// beside the best match from this score on.
    pub differing_min_score: f32,
    /// Candidates fully scored per claim (across all other articles).
    pub candidates: usize,
    /// Index keys held by more than this share of claims are not used to
    /// generate candidates.
    pub max_key_share: f32,
}

impl Default for MatchConfig {
    fn default() -> Self {
        MatchConfig {
            link_model: Model::LINK,
            link_threshold: 0.6,
            model: Model::CORPUS,
            min_score: 0.5,
            same_score: 0.5,
            differing_min_score: 0.25,
            candidates: 64,
            max_key_share: 0.25,
        }
    }
}

/// A candidate counterpart of a claim in one other article, with all its
/// features.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The candidate claim.
    pub other: usize,
    /// Its article.
    pub article: usize,
    /// Its features against the claim.
    pub vector: FeatureVector,
    /// Not the best candidate in its article but the best one stating the
    /// same quantity with a different figure, kept so that a differing
    /// figure is not hidden behind a better match on another point.
    pub alternative: bool,
}

/// A candidate claim with its link score and features.
type Scored = (usize, f32, FeatureVector);

/// Whether a comparison of figures makes the pair `differs`: a comparable
/// quantity with a close but different figure, and no identical one.
fn figures_differ(v: &FeatureVector) -> bool {
    !v.figures.iter().any(|f| f.same) && v.figures.iter().any(|f| f.close)
}

/// Profiles of all claims, with IDF over the claims.
fn profiles(claims: &[Claim]) -> Vec<Profile> {
    let idf = Idf::from_texts(claims.iter().map(|c| c.text.as_str()));
    claims.iter().map(|c| Profile::of_claim(c, &idf)).collect()
}

/// Step 1: for each claim, its best candidate in each other article of its
/// story (sorted by article), ranked by `config.link_model` on the pair
/// features, with `mutual_best` and `margin` filled in.
pub fn best_candidates(
    articles: &[Article],
    claims: &[Claim],
    config: &MatchConfig,
) -> Vec<Vec<Candidate>> {
    best_with(articles, claims, config, &profiles(claims))
}

fn best_with(
    articles: &[Article],
    claims: &[Claim],
    config: &MatchConfig,
    profiles: &[Profile],
) -> Vec<Vec<Candidate>> {
    let model = &config.link_model;
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
            // Per article and figure of this claim: the best candidate whose
            // figure for the same quantity is close but different.
            let mut differing: HashMap<(usize, String), Scored> = HashMap::new();
            for (local, _) in cands {
                let other = members[local];
                let vector = features(&profiles[ci], &profiles[other]);
                let score = model.score(&vector.values).0;
                let article = claims[other].article;
                for f in vector.figures.iter().filter(|f| f.close && !f.same) {
                    let key = (article, f.ours.clone());
                    if differing.get(&key).is_none_or(|d| score > d.1) {
                        differing.insert(key, (other, score, vector.clone()));
                    }
                }
                match per_article.get_mut(&article) {
                    None => {
                        per_article.insert(article, (other, score, vector, 0.0));
                    }
                    Some(e) if score > e.1 => *e = (other, score, vector, e.1),
                    Some(e) => e.3 = e.3.max(score),
                }
            }
            let mut row: Vec<Candidate> = Vec::new();
            for (article, (other, score, mut vector, second)) in per_article {
                vector.values[MARGIN] = score - second;
                row.push(Candidate {
                    other,
                    article,
                    vector,
                    alternative: false,
                });
            }
            let mut alternatives: Vec<_> = differing.into_iter().collect();
            alternatives.sort_by(|a, b| a.0.cmp(&b.0));
            for ((article, _), (alt, _, vector)) in alternatives {
                if !row.iter().any(|c| c.other == alt) {
                    row.push(Candidate {
                        other: alt,
                        article,
                        vector,
                        alternative: true,
                    });
                }
            }
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
                        .find(|r| r.article == claims[ci].article && !r.alternative)
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

/// Steps 1 and 2: every claim's candidates per other article (its best
/// candidate there and the members of its fact cluster there), each with all
/// features including `fact_support`.
pub fn candidates(
    articles: &[Article],
    claims: &[Claim],
    config: &MatchConfig,
) -> Vec<Vec<Candidate>> {
    let profiles = profiles(claims);
    let rows = best_with(articles, claims, config, &profiles);
    let mut link: HashMap<(usize, usize), f32> = HashMap::new();
    for (a, row) in rows.iter().enumerate() {
        for c in row {
            let s = config.link_model.score(&c.vector.values).0;
            let e = link.entry((a.min(c.other), a.max(c.other))).or_insert(0.0);
            *e = e.max(s);
        }
    }
    let edges: Vec<(usize, usize, f32)> = link.iter().map(|(&(a, b), &s)| (a, b, s)).collect();
    let cluster = average_linkage(claims.len(), &edges, config.link_threshold);
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for (c, &id) in cluster.iter().enumerate() {
        members.entry(id).or_default().push(c);
    }
    // Links of each claim, to compute support from the candidate's side in
    // time proportional to its links rather than to the cluster's size.
    let mut adjacency: Vec<Vec<(usize, f32)>> = vec![Vec::new(); claims.len()];
    for (&(a, b), &s) in &link {
        adjacency[a].push((b, s));
        adjacency[b].push((a, s));
    }
    for list in &mut adjacency {
        list.sort_by_key(|e| e.0);
    }
    let support = |a: usize, b: usize| {
        let mates = members[&cluster[a]]
            .len()
            .saturating_sub(1 + usize::from(cluster[b] == cluster[a]));
        if mates == 0 {
            return 0.0;
        }
        let sum: f32 = adjacency[b]
            .iter()
            .filter(|&&(c, _)| c != a && c != b && cluster[c] == cluster[a])
            .map(|&(_, s)| s)
            .sum();
        sum / mates as f32
    };
    rows.into_iter()
        .enumerate()
        .map(|(a, row)| {
            let mut out: Vec<Candidate> = Vec::with_capacity(row.len());
            for mut c in row {
                c.vector.values[FACT_SUPPORT] = support(a, c.other);
                out.push(c);
            }
            // Cluster mates join as candidates: per other article, the one
            // best supported by the rest of the cluster (cheap to rank from
            // the links), so the extra work is bounded by the articles.
            let mut mates: HashMap<usize, (usize, f32)> = HashMap::new();
            for &b in &members[&cluster[a]] {
                if claims[b].article == claims[a].article || out.iter().any(|c| c.other == b) {
                    continue;
                }
                let sup = support(a, b);
                let article = claims[b].article;
                if mates.get(&article).is_none_or(|m| sup > m.1) {
                    mates.insert(article, (b, sup));
                }
            }
            let mut mates: Vec<(usize, (usize, f32))> = mates.into_iter().collect();
            mates.sort_by_key(|m| m.0);
            for (article, (b, sup)) in mates {
                let mut vector = features(&profiles[a], &profiles[b]);
                vector.values[FACT_SUPPORT] = sup;
                out.push(Candidate {
                    other: b,
                    article,
                    vector,
                    alternative: false,
                });
            }
            out
        })
        .collect()
}

/// Whether two claims share an anchor: a name, a comparable figure or
/// quoted words. Claims that share only common words ("the most significant
/// ... since the war") are look-alikes, not the same fact.
fn anchored(v: &FeatureVector) -> bool {
    !v.shared_entities.is_empty() || !v.figures.is_empty() || v.values[QUOTE_OVERLAP] > 0.0
}

/// The matcher's output, per claim.
#[derive(Debug, Clone, Default)]
pub struct Matched {
    /// Per claim: its best counterpart in each other article of its story
    /// that passes the threshold and shares an anchor, best first.
    pub best: Vec<Vec<Match>>,
    /// Per claim: in articles where the best counterpart does not differ in
    /// figures, a passing counterpart that does (same quantity, different
    /// figure), best first.
    pub differing: Vec<Vec<Match>>,
}

/// The relation of a passing pair: identical figures agree, close but
/// different figures differ, only far-apart figures (another quantity of the
/// same kind) make it merely related.
fn relation(score: f32, v: &FeatureVector, config: &MatchConfig) -> Relation {
    if score < config.same_score {
        Relation::Related
    } else if figures_differ(v) {
        Relation::Differs
    } else if !v.figures.is_empty() && !v.figures.iter().any(|f| f.same) {
        Relation::Related
    } else {
        Relation::Agrees
    }
}

fn to_match(
    score: f32,
    c: Candidate,
    contributions: Vec<super::Feature>,
    config: &MatchConfig,
) -> Match {
    let relation = relation(score, &c.vector, config);
    Match {
        claim: c.other,
        article: c.article,
        score,
        relation,
        why: Explanation {
            features: contributions,
            shared_terms: c.vector.shared_terms,
            shared_entities: c.vector.shared_entities,
            figures: c.vector.figures,
            ..Explanation::default()
        },
    }
}

/// Matches every claim: its best counterpart per other article, and the
/// counterparts whose figures differ where the best one's do not.
pub fn match_claims(articles: &[Article], claims: &[Claim], config: &MatchConfig) -> Matched {
    let mut out = Matched::default();
    for row in candidates(articles, claims, config) {
        let scored: Vec<(f32, Candidate, Vec<super::Feature>)> = row
            .into_iter()
            .map(|c| {
                let (score, contributions) = config.model.score(&c.vector.values);
                (score, c, contributions)
            })
            .filter(|(score, c, _)| *score >= config.differing_min_score && anchored(&c.vector))
            .collect();
        let mut best: HashMap<usize, usize> = HashMap::new();
        for (i, (score, c, _)) in scored.iter().enumerate() {
            if *score < config.min_score {
                continue;
            }
            if best.get(&c.article).is_none_or(|&b| *score > scored[b].0) {
                best.insert(c.article, i);
            }
        }
        // Where the best match does not differ, the best candidate whose
        // figures differ on a figure the best match does not agree on.
        let mut differing: HashMap<usize, usize> = HashMap::new();
        for (i, (score, c, _)) in scored.iter().enumerate() {
            let Some(&b) = best.get(&c.article) else {
                continue;
            };
            let (b_score, b_cand, _) = &scored[b];
            if b == i || relation(*b_score, &b_cand.vector, config) == Relation::Differs {
                continue;
            }
            let agreed: Vec<&str> = b_cand
                .vector
                .figures
                .iter()
                .filter(|f| f.same)
                .map(|f| f.ours.as_str())
                .collect();
            let new_difference = c
                .vector
                .figures
                .iter()
                .any(|f| f.close && !f.same && !agreed.contains(&f.ours.as_str()));
            if figures_differ(&c.vector)
                && new_difference
                && differing
                    .get(&c.article)
                    .is_none_or(|&d| *score > scored[d].0)
            {
                differing.insert(c.article, i);
            }
        }
        let pick = |ids: Vec<usize>| -> Vec<Match> {
            let mut list: Vec<Match> = ids
                .into_iter()
                .map(|i| {
                    let (score, c, f) = &scored[i];
                    let mut m = to_match(*score, c.clone(), f.clone(), config);
                    if figures_differ(&c.vector) {
                        // Secondary matches are about the figure, whatever
                        // their score.
                        m.relation = Relation::Differs;
                    }
                    m
                })
                .collect();
            list.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.article.cmp(&b.article)));
            list
        };
        out.best.push(pick(best.into_values().collect()));
        out.differing.push(pick(differing.into_values().collect()));
    }
    out
}
