//! Fits every model and threshold of matching on training data and writes
//! `data/model.toml`.
//!
//! `cargo run --release --example train [-- --dry-run | --dump FILE]`
//!
//! Training data (never the evaluation sets: not `tests/gold/seeds.toml`,
//! not `tests/gold/basil_validation.toml` or its events, not the MSRP test
//! split, not ECB+):
//!
//! * the `pairs` model: MSRP train, plus STS-B train news pairs (similarity
//!   at least 3.5 is "same", at most 2 is "not"; pairs sharing a sentence
//!   with the MSRP test split are dropped);
//! * the `link` and `corpus` models: the claims' candidates in
//!   - BASIL with every event except the validation ones loaded as one
//!     story: pairs of gold claims (`tests/gold/basil_train.toml`) are
//!     labelled by their gold facts, candidates between articles of
//!     different events are negatives;
//!   - the gold events each as their own story;
//!   - the contrast pairs' training split (`tests/gold/contrast.toml`),
//!     each pair as its own two articles and all pooled;
//! * the event gate: also the `allsides_neus` excerpts (three in four stories,
//!   `datasets::neus_validation` holds the rest out) in one story, labelled
//!   by story: many events of one kind, the hard negatives;
//! * thresholds: a grid, scored by running the whole pipeline on the same
//!   training sets (F1 on the gold pairs, with at most 10% of matches
//!   linking different events, the contrast pairs right, few matches
//!   between sentences of different contrast pairs loaded together, and on
//!   `allsides_neus` matches within their event and same-event articles matched);
//!   the match threshold (and the `pairs` threshold, by MSRP train
//!   accuracy) is taken in the middle of the best plateau, each grid point
//!   averaged with its neighbours, not at a one-step peak;
//! * the weight of a name in the article vectors (`name_boost`): a grid,
//!   scored by how well the gate fitted on each separates its training
//!   samples (balanced log-loss), before the passes;
//! * whether the `link` and `corpus` models use the surface features
//!   (`bleu_min` ... `char_fourgrams`): both are fitted, and the same
//!   objective keeps one.
//!
//! Training never starts from the shipped `data/model.toml`: it starts from
//! fixed settings (the pairs model ranking candidates, a gate passing
//! everything) and refits the gate and the claim models in passes, each on
//! the candidates the last one ranks, until the objective stops rising. So
//! the same data always gives the same file.

use crosscheck::analysis::Analysis;
use crosscheck::claims::Claim;
use crosscheck::corpus::{Article, Corpus};
use crosscheck::evaluation::contrast::{self, ContrastPair, ContrastSet};
use crosscheck::evaluation::datasets::{self, BasilStories, LabelledPair};
use crosscheck::evaluation::events::event_scores;
use crosscheck::evaluation::{evaluate, gold_claims, Gold};
use crosscheck::matching::features::{
    pair_features, ARTICLE_FEATURES, CONTEXT_FEATURES, FACT_SUPPORT, N_FEATURES, SURFACE_FEATURES,
};
use crosscheck::matching::group_facts;
use crosscheck::matching::learn::{fit, fit_weighted};
use crosscheck::matching::matcher::{best_candidates, candidates, decide, Candidate, Context};
use crosscheck::matching::profile::Idf;
use crosscheck::matching::{MatchConfig, Model, Params};
use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;
use std::path::Path;

const SHARED: &str = "../shared/data";
const L2: f32 = 0.01;
/// One cross-event negative in this many is kept for fitting.
const CROSS_EVENT_KEEP: usize = 20;
/// One `allsides_neus` cross-event negative in this many is kept for fitting the
/// gate: they are the hard ones (events of one kind), so more are kept.
const NEUS_CROSS_EVENT_KEEP: usize = 4;
/// How many samples one contrast pair's candidate counts as.
const CONTRAST_WEIGHT: usize = 5;
type Sample = ([f32; N_FEATURES], bool);

/// A training corpus: the analysis (claims), and how to label a pair.
struct Labeller {
    an: Analysis,
    /// Each article's event, where known.
    events: Vec<Option<String>>,
    /// Gold facts as claim sets.
    facts: Vec<BTreeSet<usize>>,
    /// Articles whose shared facts the gold lists exhaustively.
    gold_articles: HashSet<usize>,
}

impl Labeller {
    fn new(an: Analysis, events: Vec<Option<String>>, gold: Option<&Gold>) -> Labeller {
        let (facts, gold_articles) = match gold {
            Some(g) => {
                let (facts, _) = gold_claims(&an, g);
                let ids: HashSet<&str> = g
                    .fact
                    .iter()
                    .flat_map(|f| f.sentences.iter().map(|s| s.0.as_str()))
                    .collect();
                let arts = an
                    .articles
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| ids.iter().any(|p| a.id.starts_with(p)))
                    .map(|(i, _)| i)
                    .collect();
                (facts, arts)
            }
            None => (Vec::new(), HashSet::new()),
        };
        Labeller {
            an,
            events,
            facts,
            gold_articles,
        }
    }

    /// Whether the two claims' articles cover one event (unknown events
    /// count as one).
    fn same_event(&self, a: usize, b: usize) -> bool {
        let ev = |c: usize| {
            self.events
                .get(self.an.claims[c].article)
                .cloned()
                .flatten()
        };
        match (ev(a), ev(b)) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        }
    }

    /// Each article's event, unknown ones as "" (as `event_scores` takes
    /// them).
    fn event_names(&self) -> Vec<String> {
        self.events
            .iter()
            .map(|e| e.clone().unwrap_or_default())
            .collect()
    }

    /// The label of the pair, if known.
    fn label(&self, a: usize, b: usize) -> Option<bool> {
        let (ca, cb) = (&self.an.claims[a], &self.an.claims[b]);
        let (ea, eb) = (
            self.events.get(ca.article).cloned().flatten(),
            self.events.get(cb.article).cloned().flatten(),
        );
        if let (Some(x), Some(y)) = (&ea, &eb) {
            if x != y {
                return Some(false);
            }
        }
        if self.gold_articles.contains(&ca.article) && self.gold_articles.contains(&cb.article) {
            return Some(self.facts.iter().any(|f| f.contains(&a) && f.contains(&b)));
        }
        None
    }
}

fn contrast_corpus(pairs: &[&ContrastPair]) -> (Corpus, Vec<Option<String>>) {
    let mut arts = Vec::new();
    let mut events = Vec::new();
    for (i, p) in pairs.iter().enumerate() {
        for (side, text) in [("a", &p.a), ("b", &p.b)] {
            let mut a = Article::new(format!("p{i}{side}"), text.as_str());
            a.story = "pooled".into();
            arts.push(a);
            // Different pairs are different events; within a pair the
            // label is the expectation, handled by `contrast_samples`.
            events.push(Some(format!("p{i}")));
        }
    }
    (Corpus::from_articles(arts), events)
}

/// Samples of the contrast pairs: every candidate between the two articles
/// of a pair is labelled by the pair's expectation (the sentences are
/// single claims).
fn contrast_samples(
    pairs: &[&ContrastPair],
    rows: &[Vec<Candidate>],
    claims: &[Claim],
) -> Vec<Sample> {
    let mut out = Vec::new();
    for (a, row) in rows.iter().enumerate() {
        for c in row {
            let (pa, pb) = (claims[a].article / 2, claims[c.other].article / 2);
            let y = pa == pb && pairs.get(pa).is_some_and(|p| p.expected != "none");
            out.push((c.vector.values, y));
        }
    }
    out
}

fn zeroed(mut data: Vec<Sample>, ks: &[usize]) -> Vec<Sample> {
    for (x, _) in &mut data {
        for &k in ks {
            x[k] = 0.0;
        }
    }
    data
}

struct TrainSet {
    basil_one: Option<Labeller>,
    basil_events: Option<Labeller>,
    /// `allsides_neus` training stories in one story: events of one kind.
    neus: Option<Labeller>,
    contrast: Vec<ContrastPair>,
    basil_gold: Option<Gold>,
}

fn rows_of(l: &Labeller, config: &MatchConfig, full: bool) -> Vec<Vec<Candidate>> {
    let cx = Context::build(&l.an.articles, &l.an.claims, &config.params);
    if full {
        candidates(&l.an.articles, &l.an.claims, config, &cx)
    } else {
        best_candidates(&l.an.articles, &l.an.claims, config, &cx)
    }
}

/// Labelled candidates for the claim-level models: pairs within one
/// event only (telling events apart is the gate's work), from the gold
/// events and the contrast pairs.
fn corpus_samples(set: &TrainSet, config: &MatchConfig, full: bool) -> Vec<Sample> {
    let mut out = Vec::new();
    for l in [&set.basil_one, &set.basil_events].into_iter().flatten() {
        let rows = rows_of(l, config, full);
        for (a, row) in rows.iter().enumerate() {
            for c in row {
                if l.same_event(a, c.other) {
                    if let Some(y) = l.label(a, c.other) {
                        out.push((c.vector.values, y));
                    }
                }
            }
        }
    }
    let pairs: Vec<&ContrastPair> = set.contrast.iter().collect();
    for p in &pairs {
        let (c, _) = contrast_corpus(std::slice::from_ref(p));
        let an = Analysis::build_with(c, config);
        let cx = Context::build(&an.articles, &an.claims, &config.params);
        let rows = if full {
            candidates(&an.articles, &an.claims, config, &cx)
        } else {
            best_candidates(&an.articles, &an.claims, config, &cx)
        };
        // Each contrast pair tests one behaviour and they are few: each
        // counts as several samples.
        for _ in 0..CONTRAST_WEIGHT {
            out.extend(contrast_samples(std::slice::from_ref(p), &rows, &an.claims));
        }
    }
    out
}

/// Samples for the event gate: every candidate pair (ungated) of BASIL in
/// one story, of the `allsides_neus` training stories in one story and of
/// the pooled contrast pairs, labelled by whether the two articles cover
/// one event; and the features of the gold counterparts among them.
fn gate_samples(set: &TrainSet, config: &MatchConfig) -> (Vec<Sample>, Vec<[f32; N_FEATURES]>) {
    let open = MatchConfig {
        params: Params {
            gate_threshold: 0.0,
            ..config.params.clone()
        },
        ..config.clone()
    };
    let mut out = Vec::new();
    let mut gold_positive = Vec::new();
    for (l, keep) in [
        (&set.basil_one, CROSS_EVENT_KEEP),
        (&set.neus, NEUS_CROSS_EVENT_KEEP),
    ] {
        let Some(l) = l else { continue };
        for (a, row) in rows_of(l, &open, false).iter().enumerate() {
            for c in row {
                let same = l.same_event(a, c.other);
                // One cross-event pair in `keep`, the same ones every pass.
                if !same && (a * 31 + c.other) % keep != 0 {
                    continue;
                }
                out.push((c.vector.values, same));
                if same && l.label(a, c.other) == Some(true) {
                    gold_positive.push(c.vector.values);
                }
            }
        }
    }
    let pairs: Vec<&ContrastPair> = set.contrast.iter().collect();
    let (c, _) = contrast_corpus(&pairs);
    let an = Analysis::build_with(c, &open);
    let cx = Context::build(&an.articles, &an.claims, &open.params);
    for (a, row) in best_candidates(&an.articles, &an.claims, &open, &cx)
        .iter()
        .enumerate()
    {
        for c in row
            .iter()
            .filter(|c| cx.gate_applies(&an.claims, a, c.other))
        {
            out.push((
                c.vector.values,
                an.claims[a].article / 2 == an.claims[c.other].article / 2,
            ));
        }
    }
    (out, gold_positive)
}

/// Candidates of a training corpus under one link configuration, ready
/// for decisions at many thresholds.
struct Prepared<'a> {
    labeller: &'a Labeller,
    cx: Context,
    rows: Vec<Vec<Candidate>>,
}

fn prepare<'a>(l: &'a Labeller, config: &MatchConfig) -> Prepared<'a> {
    let cx = Context::build(&l.an.articles, &l.an.claims, &config.params);
    let rows = candidates(&l.an.articles, &l.an.claims, config, &cx);
    Prepared {
        labeller: l,
        cx,
        rows,
    }
}

/// The analysis with the decisions taken under `params`.
fn decided(p: &Prepared, params: &Params) -> Analysis {
    let mut an = p.labeller.an.clone();
    let mut m = decide(&an.claims, &p.rows, params, &p.cx);
    let (facts, claim_fact) = group_facts(
        &an.claims,
        &mut m.best,
        &mut m.differing,
        &m.copies,
        params.fact_linkage,
    );
    an.matches = m.best;
    an.differing = m.differing;
    an.copies = m.copies;
    an.facts = facts;
    an.claim_fact = claim_fact;
    an
}

/// The harmonic mean of two shares (0 when both are 0).
fn f1(p: f64, r: f64) -> f64 {
    2.0 * p * r / (p + r).max(1e-9)
}

/// The quality of `params` on the training sets: (objective, report).
fn score(
    set: &TrainSet,
    one: Option<&Prepared>,
    events: Option<&Prepared>,
    neus: Option<&Prepared>,
    params: &Params,
    config: &MatchConfig,
) -> (f64, String) {
    let mut report = String::new();
    let mut objective = 0.0;
    if let Some(p) = neus {
        let an = decided(p, params);
        let e = event_scores(&an, &p.labeller.event_names());
        let _ = write!(report, "neus one story: {e}; ");
        // Matches that stay within their event, and same-event article
        // pairs that keep one, alike (F1), half as much as BASIL.
        objective += 0.5 * f1(1.0 - e.cross_event_rate(), e.coverage());
    }
    if let (Some(p), Some(gold)) = (events, &set.basil_gold) {
        let s = evaluate(&decided(p, params), gold);
        let _ = write!(report, "basil by event: {s}; ");
        // Precision and recall alike (F1), less the share of found
        // counterparts wrongly shown as contradicting.
        objective += f1(s.precision(), s.recall());
        objective -= s.false_contradicts as f64 / s.found.max(1) as f64;
    }
    if let (Some(p), Some(gold)) = (one, &set.basil_gold) {
        let an = decided(p, params);
        let s = evaluate(&an, gold);
        let e = event_scores(&an, &p.labeller.event_names());
        let _ = write!(report, "basil one story: {s}; {e}; ");
        objective -= s.false_contradicts as f64 / s.found.max(1) as f64;
        if e.cross_event_rate() > 0.12 {
            objective -= 2.0 * (e.cross_event_rate() - 0.12);
        }
        if e.coverage() < 0.90 {
            objective -= 2.0 * (0.90 - e.coverage());
        }
    }
    if !set.contrast.is_empty() {
        let pairs: Vec<&ContrastPair> = set.contrast.iter().collect();
        let c = MatchConfig {
            params: params.clone(),
            ..config.clone()
        };
        let sep = contrast::separate(&pairs, &c);
        let pool = contrast::pooled(&pairs, &c);
        // Matches between sentences of two different pairs (pooled) link
        // different facts: false matches, as a share of the sentences.
        let cross = pool.cross_pair_matches as f64 / (2 * pairs.len()) as f64;
        let _ = write!(
            report,
            "contrast separate {:.3} pooled {:.3} cross-pair {cross:.3}",
            sep.accuracy(),
            pool.accuracy()
        );
        // Both ways of loading the pairs count alike, and as much as BASIL;
        // the pooled false matches cost as much as the pooled errors.
        objective += 0.5 * (sep.accuracy() + pool.accuracy() - cross);
    }
    (objective, report)
}

fn pairs_training() -> Vec<LabelledPair> {
    let msrp = Path::new(SHARED).join("msrp");
    let mut pairs = datasets::msrp(&msrp.join("msr_paraphrase_train.txt")).unwrap_or_default();
    let test: HashSet<String> = datasets::msrp(&msrp.join("msr_paraphrase_test.txt"))
        .unwrap_or_default()
        .into_iter()
        .flat_map(|p| [p.a, p.b])
        .collect();
    let sts = datasets::stsb(&Path::new(SHARED).join("stsb/sts-train.csv")).unwrap_or_default();
    for p in sts {
        if p.genre != "main-news" || test.contains(&p.a) || test.contains(&p.b) {
            continue;
        }
        if p.score >= 3.5 || p.score <= 2.0 {
            pairs.push(LabelledPair {
                same: p.score >= 3.5,
                a: p.a,
                b: p.b,
            });
        }
    }
    pairs
}

fn accuracy(samples: &[Sample], m: &Model, t: f32) -> f64 {
    let right = samples
        .iter()
        .filter(|(x, y)| (m.probability(x) >= t) == *y)
        .count();
    right as f64 / samples.len().max(1) as f64
}

/// Fits the link and corpus models (with the features in `frozen` kept at
/// 0) and chooses the thresholds on a grid by the training objective; the
/// best parameters, their objective and report.
fn fit_claim_models(
    set: &TrainSet,
    config: &mut MatchConfig,
    frozen: &[usize],
) -> Option<(f64, Params, String)> {
    // Link model: claim-level features and the link-stage context (no
    // article features: the gate has them), twice (the second time on the
    // candidates the first one ranks).
    let mut claim_level = ARTICLE_FEATURES.to_vec();
    claim_level.push(FACT_SUPPORT);
    claim_level.extend_from_slice(frozen);
    for round in 0..2 {
        let data = zeroed(corpus_samples(set, config, false), &claim_level);
        let pos = data.iter().filter(|s| s.1).count();
        config.params.link = fit(&data, L2, &claim_level, true);
        println!(
            "link round {round}: {} samples ({pos} positive)",
            data.len()
        );
    }
    // Thresholds and the corpus model, on a grid: candidates once per link
    // threshold, decisions at every match threshold.
    let mut best: Option<(f64, Params, String)> = None;
    for (link_t, close) in [0.4, 0.5, 0.6]
        .into_iter()
        .flat_map(|l| [(l, 1.5), (l, 2.5)])
    {
        config.params.link_threshold = link_t;
        config.params.close_factor = close;
        let data = zeroed(corpus_samples(set, config, true), &ARTICLE_FEATURES);
        let mut corpus_frozen = ARTICLE_FEATURES.to_vec();
        corpus_frozen.extend_from_slice(frozen);
        config.params.corpus = fit(&data, L2, &corpus_frozen, true);
        let one = set.basil_one.as_ref().map(|l| prepare(l, config));
        let events = set.basil_events.as_ref().map(|l| prepare(l, config));
        let neus = set.neus.as_ref().map(|l| prepare(l, config));
        // The match threshold first (fact linkage as before), then the
        // fact linkage at the best match threshold.
        // Every setting tried is scored on the training sets and printed.
        let run = |p: Params| {
            let (obj, report) = score(
                set,
                one.as_ref(),
                events.as_ref(),
                neus.as_ref(),
                &p,
                config,
            );
            println!(
                "link {link_t:.2} close {close:.1} match {:.2} facts {:.2}: {obj:.3}  {report}",
                p.match_threshold, p.fact_linkage
            );
            (obj, p, report)
        };
        let try_params = |p: Params, here: &mut Option<(f64, Params, String)>| {
            let tried = run(p);
            if here.as_ref().is_none_or(|b| tried.0 > b.0) {
                *here = Some(tried);
            }
        };
        // The match threshold in the middle of the best plateau: each
        // setting's objective averaged with its neighbours'.
        let mut swept: Vec<(f64, Params, String)> = (3..18)
            .map(|t| {
                let mut p = config.params.clone();
                p.match_threshold = t as f32 * 0.05;
                p.differing_threshold = p.match_threshold * 0.5;
                run(p)
            })
            .collect();
        let objectives: Vec<f64> = swept.iter().map(|s| s.0).collect();
        let mut here =
            (!swept.is_empty()).then(|| swept.swap_remove(plateau(&objectives, MATCH_PLATEAU)));
        if let Some((_, top, _)) = here.clone() {
            for linkage in [0.15, 0.2, 0.4, 0.5] {
                let mut p = top.clone();
                p.fact_linkage = linkage;
                try_params(p, &mut here);
            }
        }
        // The frame a contradiction needs: the most words either side says
        // and the other does not, besides the clashing ones (1000: any).
        if let Some((_, top, _)) = here.clone() {
            for frame in [0.0, 1.0, 2.0, 3.0, 4.0, 6.0, 1000.0] {
                let mut p = top.clone();
                p.polarity_frame = frame;
                try_params(p, &mut here);
            }
        }
        if let Some(h) = here {
            if best.as_ref().is_none_or(|b| h.0 > b.0) {
                best = Some(h);
            }
        }
    }
    best
}

/// Grid steps either side averaged when choosing the pairs threshold
/// (steps of 0.01).
const PAIRS_PLATEAU: usize = 3;
/// Grid steps either side averaged when choosing the match threshold
/// (steps of 0.05).
const MATCH_PLATEAU: usize = 1;

/// The index of the best point of `curve` smoothed over `radius` points
/// either side (fewer at the ends): a setting whose neighbours do well too,
/// so that a refit on slightly other data chooses about the same.
fn plateau(curve: &[f64], radius: usize) -> usize {
    let smoothed = |i: usize| {
        let window = &curve[i.saturating_sub(radius)..(i + radius + 1).min(curve.len())];
        window.iter().sum::<f64>() / window.len() as f64
    };
    (0..curve.len())
        .max_by(|&a, &b| smoothed(a).total_cmp(&smoothed(b)).then(b.cmp(&a)))
        .unwrap_or(0)
}

/// Name weights tried for the article vectors.
const NAME_BOOSTS: [f32; 7] = [0.0, 0.5, 1.0, 2.0, 3.0, 4.0, 6.0];

/// The weight of a name in the article vectors, which the gate's article
/// features are built on: the grid point (middle of the best plateau) at
/// which the gate fitted on its training samples separates same-event from
/// cross-event pairs best (least balanced log-loss; the samples are the
/// same at every point, only their article features change).
fn fit_name_boost(set: &TrainSet, config: &MatchConfig) -> f32 {
    let article_only = not_article_features();
    let curve: Vec<f64> = NAME_BOOSTS
        .iter()
        .map(|&boost| {
            let mut config = config.clone();
            config.params.name_boost = boost;
            let (data, _) = gate_samples(set, &config);
            let gate = fit(&data, L2, &article_only, true);
            let loss = balanced_log_loss(&data, &gate);
            println!("name boost {boost:.1}: gate log-loss {loss:.4}");
            -loss
        })
        .collect();
    NAME_BOOSTS[plateau(&curve, NAME_PLATEAU)]
}

/// Grid steps either side averaged when choosing the name weight.
const NAME_PLATEAU: usize = 1;

/// Every feature but the article ones (what the gate does not use).
fn not_article_features() -> Vec<usize> {
    (0..N_FEATURES)
        .filter(|k| !ARTICLE_FEATURES.contains(k))
        .collect()
}

/// Mean log-loss of `model` on `samples`, each class weighing half (as the
/// gate is fitted).
fn balanced_log_loss(samples: &[Sample], model: &Model) -> f64 {
    let mut sum = [0.0f64; 2];
    let mut n = [0usize; 2];
    for (x, y) in samples {
        let p = f64::from(model.probability(x)).clamp(1e-9, 1.0 - 1e-9);
        let k = usize::from(*y);
        sum[k] -= if *y { p.ln() } else { (1.0 - p).ln() };
        n[k] += 1;
    }
    (0..2)
        .filter(|&k| n[k] > 0)
        .map(|k| sum[k] / n[k] as f64)
        .sum::<f64>()
        / 2.0
}

/// Most passes of fitting the gate and the claim models.
const MAX_PASSES: usize = 4;

/// One pass: the event gate, then the claim-level models and thresholds
/// with and without the surface features; the better by the objective.
fn fit_pass(set: &TrainSet, mut config: MatchConfig) -> Option<(f64, Params, String)> {
    // The event gate: article similarity and support only, on same- vs
    // different-event candidates; its threshold keeps 98% of the gold
    // counterparts' pairs.
    let article_only = not_article_features();
    let (data, gold_positive) = gate_samples(set, &config);
    config.params.gate = fit(&data, L2, &article_only, true);
    let mut scores: Vec<f32> = gold_positive
        .iter()
        .map(|x| config.params.gate.probability(x))
        .collect();
    scores.sort_by(f32::total_cmp);
    config.params.gate_threshold = scores
        .get(scores.len() / 50)
        .copied()
        .unwrap_or(0.5)
        .min(0.5);
    println!(
        "gate: {} samples ({} same event); threshold {:.3} keeps 98% of {} gold pairs",
        data.len(),
        data.iter().filter(|s| s.1).count(),
        config.params.gate_threshold,
        scores.len()
    );
    // The claim-level models, with and without the surface features
    // (wording carried over): which the corpus matcher does better with is
    // decided by the training objective, like every threshold.
    let mut best: Option<(f64, Params, String)> = None;
    for surface in [true, false] {
        let frozen: &[usize] = if surface { &[] } else { &SURFACE_FEATURES };
        let mut config = config.clone();
        config.params.claim_surface = surface;
        if let Some(h) = fit_claim_models(set, &mut config, frozen) {
            println!("surface features {surface}: objective {:.3}", h.0);
            if best.as_ref().is_none_or(|b| h.0 > b.0) {
                best = Some(h);
            }
        }
    }
    best
}

/// The settings training starts from: the shipped file's shape with every
/// model zeroed (the gate passing everything) and the thresholds at the
/// middle of their grids.
fn bootstrap_params() -> Params {
    let zero = Model {
        bias: 0.0,
        weights: [0.0; N_FEATURES],
    };
    Params {
        gate: Model {
            bias: 10.0,
            ..zero.clone()
        },
        gate_threshold: 0.5,
        pairs: zero.clone(),
        pairs_threshold: 0.5,
        link: zero.clone(),
        link_threshold: 0.5,
        corpus: zero,
        match_threshold: 0.7,
        differing_threshold: 0.35,
        close_factor: 1.5,
        background_share: 0.5,
        fact_linkage: 0.2,
        polarity_frame: 0.0,
        claim_surface: false,
        name_boost: 2.0,
    }
}

/// `--dump FILE`: writes the claim-level samples the shipped model's
/// candidates give, for experiments outside the trainer (model classes, new
/// data): one line per sample, tab-separated: its group (the BASIL event,
/// `contrast<i>`, `msrp` or `sts`), the features, the label; and
/// FILE.texts, the two claims and the label of each BASIL sample, in the
/// same order.
fn dump_samples(set: &TrainSet, pairs: &[LabelledPair], n_msrp: usize, path: &str) {
    let shipped = MatchConfig::default();
    let mut out = String::new();
    let mut texts = String::new();
    let mut put = |group: &str, x: &[f32; N_FEATURES], y: bool| {
        let _ = write!(out, "{group}");
        for v in x {
            let _ = write!(out, "\t{v}");
        }
        let _ = writeln!(out, "\t{}", u8::from(y));
    };
    for l in [&set.basil_one, &set.basil_events].into_iter().flatten() {
        let rows = rows_of(l, &shipped, true);
        for (a, row) in rows.iter().enumerate() {
            for c in row {
                if l.same_event(a, c.other) {
                    if let Some(y) = l.label(a, c.other) {
                        let ev = l.events[l.an.claims[a].article].clone();
                        put(&ev.unwrap_or_default(), &c.vector.values, y);
                        let clean = |t: &str| t.replace(['\t', '\n'], " ");
                        let _ = writeln!(
                            texts,
                            "{}\t{}\t{}",
                            clean(&l.an.claims[a].text),
                            clean(&l.an.claims[c.other].text),
                            u8::from(y)
                        );
                    }
                }
            }
        }
    }
    for (i, p) in set.contrast.iter().enumerate() {
        let (c, _) = contrast_corpus(std::slice::from_ref(&p));
        let an = Analysis::build_with(c, &shipped);
        let cx = Context::build(&an.articles, &an.claims, &shipped.params);
        let rows = candidates(&an.articles, &an.claims, &shipped, &cx);
        for (x, y) in contrast_samples(std::slice::from_ref(&p), &rows, &an.claims) {
            put(&format!("contrast{i}"), &x, y);
        }
    }
    // Free-standing paraphrase pairs, each as its own two articles.
    for (i, p) in pairs.iter().enumerate() {
        let group = if i < n_msrp { "msrp" } else { "sts" };
        let art = |id: &str, text: &str| {
            let mut a = Article::new(id.to_string(), text);
            a.story = "pair".into();
            a
        };
        let an = Analysis::build_with(
            Corpus::from_articles([art("a", &p.a), art("b", &p.b)]),
            &shipped,
        );
        if an.claims.len() != 2 {
            continue;
        }
        let cx = Context::build(&an.articles, &an.claims, &shipped.params);
        for row in candidates(&an.articles, &an.claims, &shipped, &cx) {
            for c in row {
                put(group, &c.vector.values, p.same);
            }
        }
    }
    for (file, text) in [(path.to_string(), out), (format!("{path}.texts"), texts)] {
        if let Err(e) = std::fs::write(&file, text) {
            eprintln!("train: cannot write {file}: {e}");
            std::process::exit(1);
        }
    }
}

fn dump_path() -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    let at = args.iter().position(|a| a == "--dump")?;
    args.get(at + 1).cloned()
}

fn main() {
    let dry = std::env::args().any(|a| a == "--dry-run");
    // Training starts from fixed settings, never from the shipped model, so
    // that it is reproducible: the same data gives the same file (starting
    // from the last fit made refits alternate between near-tied settings).
    let mut params = bootstrap_params();

    // 1. The pairs model.
    let pairs = pairs_training();
    let n_msrp = datasets::msrp(&Path::new(SHARED).join("msrp/msr_paraphrase_train.txt"))
        .map_or(0, |p| p.len());
    let idf = Idf::from_texts(pairs.iter().flat_map(|p| [p.a.as_str(), p.b.as_str()]))
        .with_background_share(params.background_share);
    // (`pairs_idf`, which the `pairs` command and the evaluation use, blends
    // the same way with the trained share.)
    let samples: Vec<Sample> = pairs
        .iter()
        .map(|p| (pair_features(&p.a, &p.b, &idf, &params).values, p.same))
        .collect();
    // Accuracy is what `pairs` is judged by: the classes as they occur.
    params.pairs = fit_weighted(&samples, 0.001, &CONTEXT_FEATURES, false, false);
    let msrp_samples = &samples[..n_msrp.min(samples.len())];
    let grid: Vec<f32> = (20..80).map(|t| t as f32 / 100.0).collect();
    let curve: Vec<f64> = grid
        .iter()
        .map(|&t| accuracy(msrp_samples, &params.pairs, t))
        .collect();
    // The middle of the best plateau, not its highest point: a peak one
    // grid step wide is noise of the training sample.
    let at = plateau(&curve, PAIRS_PLATEAU);
    let best = (curve[at], grid[at]);
    params.pairs_threshold = best.1;
    println!(
        "pairs: {} training pairs ({} MSRP train); MSRP train accuracy {:.3} at {:.2}",
        samples.len(),
        n_msrp,
        best.0,
        best.1
    );

    // 2. The corpus models.
    let train_gold = std::fs::read_to_string("tests/gold/basil_train.toml")
        .ok()
        .map(|t| Gold::parse(&t).expect("basil_train.toml parses"));
    let held_out: BTreeSet<String> = std::fs::read_to_string("tests/gold/basil_validation.toml")
        .ok()
        .map(|t| {
            Gold::parse(&t)
                .expect("basil_validation.toml parses")
                .basil_events()
        })
        .unwrap_or_default();
    let contrast: Vec<ContrastPair> = std::fs::read_to_string("tests/gold/contrast.toml")
        .ok()
        .map(|t| ContrastSet::parse(&t).expect("contrast.toml parses").pair)
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.split == "train")
        .collect();
    let basil_dir = Path::new(SHARED).join("basil");
    let load = |stories: BasilStories, keep: &dyn Fn(&str) -> bool, config: &MatchConfig| {
        datasets::basil(&basil_dir, stories, keep)
            .ok()
            .map(|(c, ev)| {
                let an = Analysis::build_with(c, config);
                (an, ev.into_iter().map(Some).collect::<Vec<_>>())
            })
    };
    // Until the claim models are fitted, the pairs model ranks candidates
    // and decides, and the gate lets every pair through.
    params.link = params.pairs.clone();
    params.corpus = params.pairs.clone();
    let mut bootstrap = MatchConfig {
        params: params.clone(),
        ..MatchConfig::default()
    };
    let train_events = train_gold
        .as_ref()
        .map(Gold::basil_events)
        .unwrap_or_default();
    let mut set = TrainSet {
        basil_one: load(BasilStories::One, &|e| !held_out.contains(e), &bootstrap)
            .map(|(an, ev)| Labeller::new(an, ev, train_gold.as_ref())),
        basil_events: load(
            BasilStories::ByEvent,
            &|e| train_events.contains(e),
            &bootstrap,
        )
        .map(|(an, ev)| Labeller::new(an, ev, train_gold.as_ref())),
        neus: datasets::neus(&Path::new(SHARED).join("allsides_neus"), |id| {
            !datasets::neus_validation(id)
        })
        .ok()
        .map(|(c, ev)| {
            let an = Analysis::build_with(c, &bootstrap);
            Labeller::new(an, ev.into_iter().map(Some).collect(), None)
        }),
        contrast,
        basil_gold: train_gold.clone(),
    };
    if train_gold.is_none() {
        set.basil_events = None;
    }
    println!(
        "corpus: BASIL one story {} articles (held out: {} validation events), gold events {}, NeuS {} articles, contrast pairs {}",
        set.basil_one.as_ref().map_or(0, |l| l.an.articles.len()),
        held_out.len(),
        train_events.len(),
        set.neus.as_ref().map_or(0, |l| l.an.articles.len()),
        set.contrast.len()
    );
    if let Some(path) = dump_path() {
        dump_samples(&set, &pairs, n_msrp, &path);
        return;
    }
    // The name weight of the article vectors first, on the candidates the
    // pairs model ranks: the gate's article features are built on them.
    bootstrap.params.name_boost = fit_name_boost(&set, &bootstrap);
    println!("name boost: {:.1}", bootstrap.params.name_boost);
    // Passes: each fits the gate and the claim models on the candidates the
    // previous pass's models rank (the first, the pairs model's), until
    // the objective stops rising.
    let mut config = bootstrap;
    let mut best: Option<(f64, Params, String)> = None;
    for pass in 1..=MAX_PASSES {
        let Some(fitted) = fit_pass(&set, config.clone()) else {
            break;
        };
        println!("pass {pass}: objective {:.3}", fitted.0);
        if best.as_ref().is_some_and(|b| fitted.0 <= b.0 + 0.001) {
            break;
        }
        config.params = fitted.1.clone();
        best = Some(fitted);
    }
    let Some((obj, params, report)) = best else {
        eprintln!("train: no training data");
        std::process::exit(1);
    };
    println!("chosen: objective {obj:.3}: {report}");
    let header = format!(
        "Written by `cargo run --release --example train`; do not edit by hand.\n\
         Trained on: MSRP train and STS-B train news pairs (pairs model);\n\
         BASIL with every event but the validation ones in one story, labelled by\n\
         tests/gold/basil_train.toml and by event; AllSides / NeuS training stories\n\
         in one story, labelled by story; the contrast pairs' training split.\n\
         Training-set quality of the chosen thresholds: {report}"
    );
    let text = params.to_toml(&header);
    if dry {
        println!("{text}");
    } else if let Err(e) = std::fs::write("data/model.toml", text) {
        eprintln!("train: data/model.toml: {e}");
        std::process::exit(1);
    } else {
        println!("wrote data/model.toml");
    }
}
