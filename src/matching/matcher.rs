//! Matching every claim against the other articles of its story.
//!
//! 1. [`best_candidates`]: each claim's best few candidates in each other
//!    article (inverted-index candidates ranked by the link model), with
//!    the context features `mutual_best`, `margin` and `article_support`
//!    (other strong mutual links between the same two articles); the event
//!    gate (how alike the two articles are as a whole and next to each
//!    one's nearest, their dates, and that support) drops candidates from
//!    articles about another event;
//! 2. [`candidates`]: those links are clustered (average linkage) into
//!    candidate facts, every candidate gets `fact_support` (how well it
//!    matches the rest of the claim's cluster), and cluster members join the
//!    candidates;
//! 3. [`match_claims`] scores the candidates with the corpus model and keeps,
//!    per article, the best one at or above the threshold that shares an
//!    anchor, with its relation; where that one agrees on one figure, a
//!    candidate differing on another is kept beside it (`differing`).
//!    Matches are then made mutual: when a claim's match in another article
//!    has no match back in the claim's article, it gets the claim.

use super::cluster::average_linkage;
use super::context::ArticleVectors;
use super::copies::Copies;
use super::features::{
    compare_dates, compare_figures, explained_words, features, polarity_words, FeatureVector,
    Params, ARTICLE_DATE_GAP, ARTICLE_NEARNESS, ARTICLE_SIMILARITY, ARTICLE_SUPPORT,
    ARTICLE_UNDATED, FACT_SUPPORT, MARGIN, MUTUAL_BEST, N_FEATURES, RELATED_WORDS, SUBJECT_CLASH,
};
use super::index::Index;
use super::profile::{Idf, Profile};
use super::{Explanation, Match, Relation};
use crate::claims::Claim;
use crate::corpus::Article;
use crate::text::normalize::{NameTable, StoryNames};
use std::collections::HashMap;
use std::sync::Arc;

/// Models, thresholds and bounds of the corpus matcher.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchConfig {
    /// The fitted models and thresholds (`data/model.toml`).
    pub params: Params,
    /// Candidates fully scored per claim (across all other articles): a
    /// bound on work, not a fitted number.
    pub candidates: usize,
    /// Index keys held by more than this share of claims are not used to
    /// generate candidates (a bound on work).
    pub max_key_share: f32,
}

impl Default for MatchConfig {
    fn default() -> Self {
        MatchConfig {
            params: Params::trained().clone(),
            candidates: 64,
            max_key_share: 0.25,
        }
    }
}

/// Candidates kept per other article for the final decision: the link
/// model's best few (a bound on work, not a fitted number).
const PER_ARTICLE: usize = 3;

/// Strong mutual links between two articles that make `article_support`
/// reach 1.
const SUPPORT_SATURATION: f32 = 4.0;

/// Fewest claims an article needs for the event gate to judge it: with one,
/// the article similarity is the pair's own similarity, no context.
const GATE_MIN_CLAIMS: usize = 2;

/// A candidate counterpart of a claim in one other article, with all its
/// features.
#[derive(Debug, Clone, Copy)]
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

/// What the stages share: term weights, profiles, article vectors and the
/// groups of copies.
pub struct Context {
    /// Term weights over all claims.
    pub idf: Idf,
    /// One profile per claim.
    pub profiles: Vec<Profile>,
    /// Article term vectors.
    pub vectors: ArticleVectors,
    /// The same sentence in several articles of a story: only the first of
    /// each group is scored.
    pub copies: Copies,
    /// Each article's date, where it states one.
    pub dates: Vec<Option<chrono::NaiveDate>>,
    /// Each article's number of claims.
    pub claim_counts: Vec<usize>,
}

impl Context {
    /// Profiles every claim whose article shares its story with another
    /// (the others are never compared), and every article.
    pub fn build(articles: &[Article], claims: &[Claim], params: &Params) -> Context {
        Context::build_reporting(articles, claims, params, &|_| {})
    }

    /// [`Context::build`], telling `done` of each claim profiled.
    pub fn build_reporting(
        articles: &[Article],
        claims: &[Claim],
        params: &Params,
        done: Done<'_>,
    ) -> Context {
        use rayon::prelude::*;
        let texts: Vec<&str> = claims.iter().map(|c| c.text.as_str()).collect();
        let idf = Idf::from_texts_parallel(&texts).with_background_share(params.background_share);
        // An article alone in its story has nothing to be compared with
        // (most of a wire corpus): its claims get empty profiles.
        let mut story_sizes: HashMap<&str, usize> = HashMap::new();
        for a in articles {
            *story_sizes.entry(a.story.as_str()).or_insert(0) += 1;
        }
        let compared = |article: usize| {
            articles
                .get(article)
                .is_some_and(|a| story_sizes.get(a.story.as_str()).is_some_and(|&n| n > 1))
        };
        // Each article's full names, so that a bare "Kim" or "Scholz" in a
        // claim is the person the article named before it; and, through
        // its story's full names, a bare name the article never prints in
        // full ("President Xi" where another article says "Xi Jinping").
        let tables: Vec<Option<NameTable>> = articles
            .par_iter()
            .enumerate()
            .map(|(i, a)| compared(i).then(|| NameTable::of_text(&a.text)))
            .collect();
        let mut by_story: HashMap<&str, Vec<&NameTable>> = HashMap::new();
        for (a, t) in articles.iter().zip(&tables) {
            if let Some(t) = t {
                by_story.entry(a.story.as_str()).or_default().push(t);
            }
        }
        let story_names: HashMap<&str, Arc<StoryNames>> = by_story
            .into_iter()
            .map(|(story, ts)| (story, Arc::new(StoryNames::of_tables(ts))))
            .collect();
        let tables: Vec<Option<NameTable>> = tables
            .into_iter()
            .zip(articles)
            .map(|(t, a)| Some(t?.with_story(Arc::clone(story_names.get(a.story.as_str())?))))
            .collect();
        // Claims come article by article: the runs of an article's claims
        // are profiled on every core, in order.
        let idf_ref = &idf;
        let profiles: Vec<Profile> = claims
            .par_chunk_by(|a, b| a.article == b.article)
            .flat_map_iter(|run| {
                done(run.len());
                let table = run
                    .first()
                    .and_then(|c| tables.get(c.article))
                    .and_then(Option::as_ref);
                match table {
                    Some(table) => run
                        .iter()
                        .map(|c| Profile::of_claim(c, idf_ref, Some(table), params.claim_surface))
                        .collect::<Vec<_>>(),
                    None => vec![Profile::default(); run.len()],
                }
            })
            .collect();
        let article_of: Vec<usize> = claims.iter().map(|c| c.article).collect();
        let vectors =
            ArticleVectors::build(articles.len(), &profiles, &article_of, params.name_boost);
        let mut stories: HashMap<&str, u32> = HashMap::new();
        let keys: Vec<(u32, u64)> = claims
            .iter()
            .zip(&profiles)
            .map(|(c, p)| {
                let story = articles.get(c.article).map_or("", |a| a.story.as_str());
                let next = u32::try_from(stories.len()).unwrap_or(u32::MAX);
                (*stories.entry(story).or_insert(next), p.text_key)
            })
            .collect();
        let copies = Copies::find(&keys, &article_of);
        let mut claim_counts = vec![0; articles.len()];
        for &a in &article_of {
            if let Some(n) = claim_counts.get_mut(a) {
                *n += 1;
            }
        }
        Context {
            idf,
            profiles,
            vectors,
            copies,
            dates: articles.iter().map(|a| a.date).collect(),
            claim_counts,
        }
    }

    /// Whether the event gate judges the pair of claims `a` and `b`. The
    /// gate weighs the two articles as a whole; an article of one claim has
    /// no context beyond the pair (its article similarity is the claims'
    /// own), so there the gate abstains and the pair is judged on its own
    /// features.
    pub fn gate_applies(&self, claims: &[Claim], a: usize, b: usize) -> bool {
        let context = |c: usize| {
            claims
                .get(c)
                .and_then(|c| self.claim_counts.get(c.article))
                .is_some_and(|&n| n >= GATE_MIN_CLAIMS)
        };
        context(a) && context(b)
    }

    /// Whether the event gate lets the pair of claims `a` and `b` (with
    /// features `values`) through: it abstains where
    /// [`Context::gate_applies`] says so.
    pub fn gated(
        &self,
        claims: &[Claim],
        (a, b): (usize, usize),
        values: &[f32; N_FEATURES],
        params: &Params,
    ) -> bool {
        !self.gate_applies(claims, a, b) || params.gated(values)
    }

    /// The pair features of claims `a` and `b` with the article similarity
    /// filled in.
    pub fn pair(&self, claims: &[Claim], a: usize, b: usize, params: &Params) -> FeatureVector {
        let mut v = features(&self.profiles[a], &self.profiles[b], params);
        let (x, y) = (claims[a].article, claims[b].article);
        v.values[ARTICLE_SIMILARITY] = self.vectors.similarity(x, y);
        v.values[ARTICLE_NEARNESS] = self.vectors.nearness(x, y);
        match (
            self.dates.get(x).copied().flatten(),
            self.dates.get(y).copied().flatten(),
        ) {
            (Some(d), Some(e)) => {
                v.values[ARTICLE_DATE_GAP] =
                    ((d - e).num_days().unsigned_abs().min(30) as f32) / 30.0;
            }
            _ => v.values[ARTICLE_UNDATED] = 1.0,
        }
        v
    }
}

/// Whether a comparison of figures makes the pair `differs`: a comparable
/// quantity with a close but different figure, and no identical one.
fn figures_differ(v: &FeatureVector) -> bool {
    !v.figures.same && v.figures.close_different
}

/// Step 1: for each claim, its best candidate in each other article of its
/// story (sorted by article), ranked by the link model, with
/// `mutual_best`, `margin` and `article_support` filled in.
pub fn best_candidates(
    articles: &[Article],
    claims: &[Claim],
    config: &MatchConfig,
    cx: &Context,
) -> Vec<Vec<Candidate>> {
    best_candidates_reporting(articles, claims, config, cx, &|_| {})
}

/// [`best_candidates`], telling `done` of each claim scored (copies, never
/// scored, count at once).
fn best_candidates_reporting(
    articles: &[Article],
    claims: &[Claim],
    config: &MatchConfig,
    cx: &Context,
    done: Done<'_>,
) -> Vec<Vec<Candidate>> {
    let params = &config.params;
    let model = &params.link;
    // One index per story: only claims of the same story are compared.
    let mut stories: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut extra = 0;
    for (i, c) in claims.iter().enumerate() {
        // Copies are matched through their group's first member.
        if cx.copies.is_extra(i) {
            extra += 1;
            continue;
        }
        let story = articles.get(c.article).map_or("", |a| a.story.as_str());
        stories.entry(story).or_default().push(i);
    }
    done(extra);
    let mut stories: Vec<(&str, Vec<usize>)> = stories.into_iter().collect();
    stories.sort_by(|a, b| a.0.cmp(b.0));
    let mut rows: Vec<Vec<Candidate>> = (0..claims.len()).map(|_| Vec::new()).collect();
    // Stories, and the claims of one story, are scored on every core; each
    // claim's row depends on nothing but the profiles and the index.
    use rayon::prelude::*;
    let found: Vec<(usize, Vec<Candidate>, f32)> = stories
        .par_iter()
        .flat_map(|(_, members)| {
            let index = Index::build(
                members.iter().map(|&i| &cx.profiles[i]),
                config.max_key_share,
            );
            members
                .par_iter()
                .map(move |&ci| {
                    done(1);
                    let claim = &claims[ci];
                    let cands = index.candidates(&cx.profiles[ci], config.candidates, |local| {
                        claims[members[local]].article != claim.article
                    });
                    // The claim's article's nearest among the articles its
                    // candidates come from (what `article_nearness` needs).
                    let mut near_articles: Vec<usize> = cands
                        .iter()
                        .map(|&(local, _)| claims[members[local]].article)
                        .collect();
                    near_articles.sort_unstable();
                    near_articles.dedup();
                    let nearest = near_articles
                        .into_iter()
                        .map(|a| cx.vectors.similarity(claim.article, a))
                        .fold(0.0f32, f32::max);
                    // Per article: the best few candidates (score, claim, features).
                    let mut per_article: HashMap<usize, Vec<(f32, usize, FeatureVector)>> =
                        HashMap::new();
                    // Per article: the best candidate whose figures for the same
                    // quantity are close but different.
                    let mut differing: HashMap<usize, (usize, f32, FeatureVector)> = HashMap::new();
                    for (local, _) in cands {
                        let other = members[local];
                        let vector = cx.pair(claims, ci, other, params);
                        let score = model.probability(&vector.values);
                        let article = claims[other].article;
                        if figures_differ(&vector)
                            && differing.get(&article).is_none_or(|d| score > d.1)
                        {
                            differing.insert(article, (other, score, vector));
                        }
                        per_article
                            .entry(article)
                            .or_default()
                            .push((score, other, vector));
                    }
                    let mut row: Vec<Candidate> = Vec::new();
                    for (article, mut list) in per_article {
                        list.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
                        let top = list.first().map_or(0.0, |t| t.0);
                        let second = list.get(1).map_or(0.0, |t| t.0);
                        for (rank, (score, other, mut vector)) in
                            list.into_iter().take(PER_ARTICLE).enumerate()
                        {
                            // Above the best other candidate there (negative for all
                            // but the best).
                            vector.values[MARGIN] = score - if rank == 0 { second } else { top };
                            row.push(Candidate {
                                other,
                                article,
                                vector,
                                alternative: false,
                            });
                        }
                    }
                    for (article, (alt, _, vector)) in differing {
                        if !row.iter().any(|c| c.other == alt) {
                            row.push(Candidate {
                                other: alt,
                                article,
                                vector,
                                alternative: true,
                            });
                        }
                    }
                    // Per article, the best candidate first.
                    row.sort_by(|x, y| {
                        x.article
                            .cmp(&y.article)
                            .then(x.alternative.cmp(&y.alternative))
                            .then(y.vector.values[MARGIN].total_cmp(&x.vector.values[MARGIN]))
                    });
                    (ci, row, nearest)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut nearest = vec![0.0f32; articles.len()];
    for (ci, row, near) in found {
        if let Some(n) = nearest.get_mut(claims[ci].article) {
            *n = n.max(near);
        }
        rows[ci] = row;
    }
    // Every article's nearest is known only now: the pairs' nearness too.
    cx.vectors.set_nearest(nearest);
    for (ci, row) in rows.iter_mut().enumerate() {
        for c in row.iter_mut() {
            c.vector.values[ARTICLE_NEARNESS] = cx.vectors.nearness(claims[ci].article, c.article);
        }
    }
    // Mutual best: the candidate's own best in this claim's article is it.
    let best_in = |row: &[Candidate], article: usize| {
        row.iter()
            .find(|r| r.article == article && !r.alternative)
            .map(|r| r.other)
    };
    let mutual: Vec<Vec<bool>> = rows
        .iter()
        .enumerate()
        .map(|(ci, row)| {
            row.iter()
                .map(|b| {
                    best_in(row, b.article) == Some(b.other)
                        && best_in(&rows[b.other], claims[ci].article) == Some(ci)
                })
                .collect()
        })
        .collect();
    for (row, flags) in rows.iter_mut().zip(mutual) {
        for (b, m) in row.iter_mut().zip(flags) {
            b.vector.values[MUTUAL_BEST] = f32::from(u8::from(m));
        }
    }
    // Article support: strong mutual links between the two articles other
    // than this one. Two articles about one event share several facts; two
    // about different events rarely share even one.
    let mut strong: HashMap<(usize, usize), u32> = HashMap::new();
    let is_strong = |ci: usize, c: &Candidate| {
        !c.alternative
            && c.vector.values[MUTUAL_BEST] > 0.0
            && ci < c.other
            && model.probability(&c.vector.values) >= params.link_threshold
    };
    for (ci, row) in rows.iter().enumerate() {
        for c in row.iter().filter(|c| is_strong(ci, c)) {
            let a = claims[ci].article;
            *strong
                .entry((a.min(c.article), a.max(c.article)))
                .or_insert(0) += 1;
        }
    }
    for (ci, row) in rows.iter_mut().enumerate() {
        let a = claims[ci].article;
        for c in row.iter_mut() {
            let pair = (a.min(c.article), a.max(c.article));
            let mut n = strong.get(&pair).copied().unwrap_or(0) as f32;
            let own = !c.alternative
                && c.vector.values[MUTUAL_BEST] > 0.0
                && model.probability(&c.vector.values) >= params.link_threshold;
            if own {
                n -= 1.0;
            }
            c.vector.values[ARTICLE_SUPPORT] = (n.max(0.0) / SUPPORT_SATURATION).min(1.0);
        }
    }
    // The event gate: candidates from an article about another event go.
    for (ci, row) in rows.iter_mut().enumerate() {
        row.retain(|c| cx.gated(claims, (ci, c.other), &c.vector.values, params));
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
    cx: &Context,
) -> Vec<Vec<Candidate>> {
    candidates_reporting(articles, claims, config, cx, &|_| {})
}

/// [`candidates`], telling `done` of each claim's candidates scored.
fn candidates_reporting(
    articles: &[Article],
    claims: &[Claim],
    config: &MatchConfig,
    cx: &Context,
    done: Done<'_>,
) -> Vec<Vec<Candidate>> {
    let params = &config.params;
    let rows = best_candidates_reporting(articles, claims, config, cx, done);
    let mut link: HashMap<(usize, usize), f32> = HashMap::new();
    for (a, row) in rows.iter().enumerate() {
        for c in row {
            let s = params.link.probability(&c.vector.values);
            let e = link.entry((a.min(c.other), a.max(c.other))).or_insert(0.0);
            *e = e.max(s);
        }
    }
    let mut edges: Vec<(usize, usize, f32)> = link.iter().map(|(&(a, b), &s)| (a, b, s)).collect();
    edges.sort_by_key(|e| (e.0, e.1));
    let cluster = average_linkage(claims.len(), &edges, params.link_threshold);
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for (c, &id) in cluster.iter().enumerate() {
        members.entry(id).or_default().push(c);
    }
    // Links of each claim, to compute support from the candidate's side in
    // time proportional to its links rather than to the cluster's size.
    let mut adjacency: Vec<Vec<(usize, f32)>> = vec![Vec::new(); claims.len()];
    for &(a, b, s) in &edges {
        adjacency[a].push((b, s));
        adjacency[b].push((a, s));
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
                let mut vector = cx.pair(claims, a, b, params);
                vector.values[FACT_SUPPORT] = sup;
                if !cx.gated(claims, (a, b), &vector.values, params) {
                    continue;
                }
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
    /// The same sentence in several articles: only each group's first
    /// member has matches of its own; the others share them.
    pub copies: Copies,
}

/// The relation of a passing pair: another subject in the same frame is
/// only related; opposite polarity contradicts in the same frame (in
/// sentences that differ beyond it the clashing words are mostly said of
/// different things: "Brat's victory over Cantor" / "Cantor was defeated");
/// close but different figures, or other dates, differ; only far-apart
/// figures (another quantity of the same kind) make it merely related;
/// otherwise the two agree.
pub fn relation(v: &FeatureVector, params: &Params) -> Relation {
    if v.values[SUBJECT_CLASH] > 0.0 {
        // Another subject or place in the same frame is another fact,
        // however alike the words: related, never agrees.
        Relation::Related
    } else if v
        .polarity
        .is_some_and(|change| f32::from(change) <= params.polarity_frame)
    {
        Relation::Contradicts
    } else if figures_differ(v) || v.dates.conflict {
        Relation::Differs
    } else if v.figures.comparable && !v.figures.same {
        Relation::Related
    } else {
        Relation::Agrees
    }
}

/// A match with its explanation, built only for the matches kept.
fn to_match(
    claims: &[Claim],
    from: usize,
    c: &Candidate,
    score: f32,
    params: &Params,
    cx: &Context,
) -> Match {
    let (_, contributions) = params.corpus.score(&c.vector.values);
    let (a, b) = (&claims[from], &claims[c.other]);
    let (shared_terms, shared_entities, related_terms) = explained_words(
        &a.text,
        &b.text,
        &cx.idf,
        c.vector.values[RELATED_WORDS] > 0.0,
    );
    let relation = relation(&c.vector, params);
    Match {
        claim: c.other,
        article: c.article,
        score,
        relation,
        why: Explanation {
            features: contributions,
            shared_terms,
            shared_entities,
            related_terms,
            figures: compare_figures(&a.figures, &b.figures, params.close_factor),
            dates: compare_dates(&a.dates, &b.dates),
            polarity: if relation == Relation::Contradicts {
                polarity_words(&a.text, &b.text)
            } else {
                None
            },
        },
    }
}

/// Matches every claim: its best counterpart per other article, and the
/// counterparts whose figures differ where the best one's do not.
pub fn match_claims(articles: &[Article], claims: &[Claim], config: &MatchConfig) -> Matched {
    match_claims_reporting(articles, claims, config, &|_| {})
}

/// [`match_claims`], telling `done` of its progress (from worker threads
/// too): two units per claim, one when its profile is built and one when
/// its candidates are scored, the bulk of the work.
pub fn match_claims_reporting(
    articles: &[Article],
    claims: &[Claim],
    config: &MatchConfig,
    done: Done<'_>,
) -> Matched {
    let cx = Context::build_reporting(articles, claims, &config.params, done);
    let rows = candidates_reporting(articles, claims, config, &cx, done);
    decide(claims, &rows, &config.params, &cx)
}

/// A progress callback of matching: `n` more units done.
pub type Done<'a> = &'a (dyn Fn(usize) + Sync);

/// Step 3: the decision on scored candidates (separate so that thresholds
/// can be tried on one set of candidates).
pub fn decide(claims: &[Claim], rows: &[Vec<Candidate>], params: &Params, cx: &Context) -> Matched {
    // Per claim: (article, candidate index, score) of the chosen ones.
    let mut best: Vec<Vec<(usize, Candidate, f32)>> = Vec::with_capacity(rows.len());
    let mut differing: Vec<Vec<(usize, Candidate, f32)>> = Vec::with_capacity(rows.len());
    for (ci, row) in rows.iter().enumerate() {
        let scored: Vec<(f32, &Candidate)> = row
            .iter()
            .map(|c| (params.corpus.probability(&c.vector.values), c))
            .filter(|(s, _)| *s >= params.differing_threshold)
            .collect();
        let mut by_article: HashMap<usize, (f32, &Candidate)> = HashMap::new();
        for &(s, c) in scored.iter().filter(|(s, _)| *s >= params.match_threshold) {
            if by_article.get(&c.article).is_none_or(|b| s > b.0) {
                by_article.insert(c.article, (s, c));
            }
        }
        // Where the best match does not differ, the best candidate whose
        // figures differ on a figure the best match does not agree on.
        let mut diff: HashMap<usize, (f32, &Candidate)> = HashMap::new();
        for &(s, c) in &scored {
            let Some(&(_, b)) = by_article.get(&c.article) else {
                continue;
            };
            if b.other == c.other || relation(&b.vector, params) == Relation::Differs {
                continue;
            }
            if !figures_differ(&c.vector) {
                continue;
            }
            let agreed: Vec<String> = compare_figures(
                &claims[ci].figures,
                &claims[b.other].figures,
                params.close_factor,
            )
            .into_iter()
            .filter(|f| f.same)
            .map(|f| f.ours)
            .collect();
            let new_difference = compare_figures(
                &claims[ci].figures,
                &claims[c.other].figures,
                params.close_factor,
            )
            .iter()
            .any(|f| f.close && !f.same && !agreed.contains(&f.ours));
            if new_difference && diff.get(&c.article).is_none_or(|d| s > d.0) {
                diff.insert(c.article, (s, c));
            }
        }
        let mut kept: Vec<(usize, Candidate, f32)> = by_article
            .into_iter()
            .map(|(a, (s, c))| (a, *c, s))
            .collect();
        kept.sort_by_key(|k| k.0);
        best.push(kept);
        let mut d: Vec<(usize, Candidate, f32)> =
            diff.into_iter().map(|(a, (s, c))| (a, *c, s)).collect();
        d.sort_by_key(|k| k.0);
        differing.push(d);
    }
    // Mutual: a claim's match in another article has a match back in the
    // claim's article (the claim itself when it has none there).
    let mut additions: Vec<(usize, (usize, Candidate, f32))> = Vec::new();
    // (claim, article) of every addition, so that the check stays linear.
    let mut added: std::collections::HashSet<(usize, usize)> = std::collections::HashSet::new();
    for (ci, list) in best.iter().enumerate() {
        let home = claims[ci].article;
        for (_, c, s) in list {
            let back = best[c.other].iter().any(|(a, _, _)| *a == home)
                || added.contains(&(c.other, home));
            if !back {
                added.insert((c.other, home));
                let mut v = cx.pair(claims, c.other, ci, params);
                for k in [MUTUAL_BEST, MARGIN, ARTICLE_SUPPORT, FACT_SUPPORT] {
                    v.values[k] = c.vector.values[k];
                }
                additions.push((
                    c.other,
                    (
                        home,
                        Candidate {
                            other: ci,
                            article: home,
                            vector: v,
                            alternative: false,
                        },
                        *s,
                    ),
                ));
            }
        }
    }
    for (o, entry) in additions {
        best[o].push(entry);
    }
    // Explanations re-read the two texts: built on every core.
    let build = |lists: Vec<Vec<(usize, Candidate, f32)>>, secondary: bool| -> Vec<Vec<Match>> {
        use rayon::prelude::*;
        lists
            .into_par_iter()
            .enumerate()
            .map(|(ci, list)| {
                let mut ms: Vec<Match> = list
                    .iter()
                    .map(|(_, c, s)| {
                        let mut m = to_match(claims, ci, c, *s, params, cx);
                        if secondary {
                            // Secondary matches are about the figure.
                            m.relation = Relation::Differs;
                        }
                        m
                    })
                    .collect();
                ms.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.article.cmp(&b.article)));
                ms
            })
            .collect()
    };
    Matched {
        best: build(best, false),
        differing: build(differing, true),
        copies: cx.copies.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::Analysis;

    /// Two articles of two claims each (enough for the event gate), dated
    /// as given: the features of the first candidate pair.
    fn pair_of_articles(dates: [Option<&str>; 2]) -> FeatureVector {
        let texts = [
            "The court in Lyon ruled on Monday that the chemical plant must close. The owners said they would appeal the ruling.",
            "Judges in Lyon ordered the chemical plant to close on Monday. The plant employs 300 people.",
        ];
        let articles = texts.iter().zip(dates).enumerate().map(|(i, (t, d))| {
            let mut a = Article::new(format!("a{i}"), *t);
            a.date = d.and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            a.story = "one".to_string();
            a
        });
        let config = MatchConfig::default();
        let an = Analysis::build_with(Corpus::from_articles(articles), &config);
        let cx = Context::build(&an.articles, &an.claims, &config.params);
        let rows = best_candidates(&an.articles, &an.claims, &config, &cx);
        rows.iter()
            .flatten()
            .next()
            .map(|c| c.vector)
            .expect("the two rulings are candidates")
    }

    #[test]
    fn article_dates_and_nearness_are_context_features() {
        let v = pair_of_articles([Some("2024-03-04"), Some("2024-03-10")]);
        assert_eq!(v.values[ARTICLE_UNDATED], 0.0);
        assert!((v.values[ARTICLE_DATE_GAP] - 6.0 / 30.0).abs() < 1e-6);
        // Each article's nearest is the other.
        assert!((v.values[ARTICLE_NEARNESS] - 1.0).abs() < 1e-6, "{v:?}");
        // An undated article: no gap, and the feature says why.
        let v = pair_of_articles([Some("2024-03-04"), None]);
        assert_eq!(v.values[ARTICLE_UNDATED], 1.0);
        assert_eq!(v.values[ARTICLE_DATE_GAP], 0.0);
    }
}
