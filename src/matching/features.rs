//! Claim profiles, the named features of a pair of claims, and the linear
//! model that turns them into a score.
//!
//! A pair's score is `sigmoid(bias + Σ weightᵢ·featureᵢ)`: every term of
//! that sum is kept in the [`Explanation`](super::Explanation), so a user can
//! see exactly why two claims were matched, and the weights can be learned
//! ([`super::learn`]) from labelled pairs.

use super::synonyms::canonical;
use super::{Feature, FigureComparison};
use crate::claims::figures::{comparable_units, find_figures};
use crate::claims::{Claim, Figure};
use crate::text::normalize::{entities, tokenize};
use std::collections::{HashMap, HashSet};

/// A stable 64-bit key for a stem (FNV-1a), so that profiles compare sorted
/// integers instead of strings.
pub fn key(stem: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in stem.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn pair_key(a: u64, b: u64) -> u64 {
    a.rotate_left(17) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The canonical stems of a text's content words and of all its words.
fn stems(text: &str) -> impl Iterator<Item = (bool, String, String)> {
    tokenize(text)
        .into_iter()
        .map(|t| (t.stop, canonical(&t.stem).to_string(), t.norm))
}

/// Document frequencies of stems over a set of sentences, for IDF weights.
#[derive(Debug, Clone, Default)]
pub struct Idf {
    df: HashMap<u64, u32>,
    n: u32,
}

impl Idf {
    /// Counts each sentence's distinct content stems.
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Idf {
        let mut idf = Idf::default();
        for t in texts {
            idf.n += 1;
            let keys: HashSet<u64> = stems(t).filter(|s| !s.0).map(|s| key(&s.1)).collect();
            for k in keys {
                *idf.df.entry(k).or_insert(0) += 1;
            }
        }
        idf
    }

    /// Number of sentences containing the stem with key `k`.
    pub fn df(&self, k: u64) -> u32 {
        self.df.get(&k).copied().unwrap_or(0)
    }

    /// Smoothed inverse document frequency, at least 0.1.
    pub fn weight(&self, k: u64) -> f32 {
        let n = self.n.max(1) as f32;
        let df = self.df(k) as f32;
        ((n + 1.0) / (df + 0.5)).ln().max(0.1)
    }

    /// Number of sentences counted.
    pub fn len(&self) -> u32 {
        self.n
    }

    /// Whether no sentence was counted.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }
}

/// What matching needs to know about one claim, computed once.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    /// Content-stem keys with their IDF weights, sorted by key, distinct.
    pub terms: Vec<(u64, f32)>,
    /// The surface form (lower-cased) of each entry of `terms`.
    pub surface: Vec<String>,
    /// Keys of consecutive content-stem pairs, sorted, distinct.
    pub bigrams: Vec<u64>,
    /// Keys of all word stems, stop words included, sorted, distinct.
    pub words: Vec<u64>,
    /// Identity keys of the names mentioned, sorted, distinct.
    pub entities: Vec<String>,
    /// Identity keys of the names mentioned, in text order.
    pub entities_in_order: Vec<String>,
    /// Figures stated.
    pub figures: Vec<Figure>,
    /// Bare numbers stated (years and counts alike), as printed digits.
    pub numbers: Vec<String>,
    /// Content-stem keys inside the claim's direct quotes, sorted, distinct.
    pub quoted: Vec<u64>,
    /// Sum of term weights.
    pub mass: f32,
}

impl Profile {
    /// The profile of a claim, with its figures and direct quotes.
    pub fn of_claim(claim: &Claim, idf: &Idf) -> Profile {
        let mut p = Profile::new(&claim.text, claim.figures.clone(), idf);
        let mut quoted: Vec<u64> = claim
            .quotes
            .iter()
            .filter(|q| !q.scare)
            .flat_map(|q| {
                stems(&q.text)
                    .filter(|s| !s.0)
                    .map(|s| key(&s.1))
                    .collect::<Vec<_>>()
            })
            .collect();
        quoted.sort_unstable();
        quoted.dedup();
        p.quoted = quoted;
        p
    }

    /// Builds the profile of `text` with `figures` already extracted (and no
    /// quotes).
    pub fn new(text: &str, figures: Vec<Figure>, idf: &Idf) -> Profile {
        let mut terms: Vec<(u64, f32, String)> = Vec::new();
        let mut bigrams = Vec::new();
        let mut words = Vec::new();
        let mut numbers = Vec::new();
        let mut prev: Option<u64> = None;
        for (stop, stem, norm) in stems(text) {
            let k = key(&stem);
            words.push(k);
            if norm.chars().all(|c| c.is_ascii_digit()) {
                numbers.push(norm.clone());
            }
            if stop {
                continue;
            }
            if let Some(p) = prev {
                bigrams.push(pair_key(p, k));
            }
            prev = Some(k);
            terms.push((k, idf.weight(k), norm));
        }
        terms.sort_by_key(|t| t.0);
        terms.dedup_by_key(|t| t.0);
        for v in [&mut bigrams, &mut words] {
            v.sort_unstable();
            v.dedup();
        }
        let mass = terms.iter().map(|t| t.1).sum();
        let entities_in_order: Vec<String> = entities(text).into_iter().map(|e| e.key).collect();
        let mut ents = entities_in_order.clone();
        ents.sort();
        ents.dedup();
        numbers.sort();
        numbers.dedup();
        let surface = terms.iter().map(|t| t.2.clone()).collect();
        let terms = terms.into_iter().map(|t| (t.0, t.1)).collect();
        Profile {
            terms,
            surface,
            bigrams,
            words,
            entities: ents,
            entities_in_order,
            figures,
            numbers,
            quoted: Vec::new(),
            mass,
        }
    }
}

/// How many keys two sorted, distinct lists share.
fn shared_count(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Names of the pair features, in the order of [`FeatureVector`] values.
/// The last three are context features, filled in by the corpus matcher.
pub const FEATURE_NAMES: [&str; 16] = [
    "term_overlap",
    "min_coverage",
    "bigram_overlap",
    "word_overlap",
    "entity_overlap",
    "same_figure",
    "close_figure",
    "figure_conflict",
    "number_mismatch",
    "length_ratio",
    "quote_overlap",
    "lead_entity",
    "entity_disjoint",
    "mutual_best",
    "margin",
    "fact_support",
];

/// Index of `quote_overlap`: shared words inside direct quotes.
pub const QUOTE_OVERLAP: usize = 10;
/// Index of `mutual_best`: 1 when each claim is the other's best candidate
/// in the other's article.
pub const MUTUAL_BEST: usize = 13;
/// Index of `margin`: how far the best candidate in an article scores above
/// the second best there (without context features).
pub const MARGIN: usize = 14;
/// Index of `fact_support`: the mean link score between the candidate and
/// the other claims of the claim's fact cluster.
pub const FACT_SUPPORT: usize = 15;
/// Features that need other pairs to compute; zero for free-standing pairs.
pub const CONTEXT_FEATURES: [usize; 3] = [MUTUAL_BEST, MARGIN, FACT_SUPPORT];

/// Index of a feature in [`FEATURE_NAMES`].
pub fn feature_index(name: &str) -> Option<usize> {
    FEATURE_NAMES.iter().position(|n| *n == name)
}

/// The raw feature values of a pair, with what explains them.
#[derive(Debug, Clone, PartialEq)]
pub struct FeatureVector {
    /// One value per [`FEATURE_NAMES`] entry.
    pub values: [f32; FEATURE_NAMES.len()],
    /// Shared content words (surface forms of the first claim), rarest first.
    pub shared_terms: Vec<String>,
    /// Shared canonical names.
    pub shared_entities: Vec<String>,
    /// Figures about comparable quantities.
    pub figures: Vec<FigureComparison>,
}

/// Computes the features of the pair `(a, b)`; the context features are left
/// 0 for the matcher to fill in.
pub fn features(a: &Profile, b: &Profile) -> FeatureVector {
    let (mut i, mut j) = (0, 0);
    let mut shared_mass = 0.0;
    let mut shared = Vec::new();
    while i < a.terms.len() && j < b.terms.len() {
        match a.terms[i].0.cmp(&b.terms[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared_mass += a.terms[i].1;
                shared.push((i, a.terms[i].1));
                i += 1;
                j += 1;
            }
        }
    }
    let ratio = |num: f32, den: f32| if den > 0.0 { num / den } else { 0.0 };
    let term_overlap = ratio(2.0 * shared_mass, a.mass + b.mass);
    let min_coverage = ratio(shared_mass, a.mass.min(b.mass));
    let shared_bigrams = shared_count(&a.bigrams, &b.bigrams) as f32;
    let bigram_overlap = ratio(
        2.0 * shared_bigrams,
        (a.bigrams.len() + b.bigrams.len()) as f32,
    );
    let shared_words = shared_count(&a.words, &b.words) as f32;
    let word_overlap = ratio(2.0 * shared_words, (a.words.len() + b.words.len()) as f32);
    let shared_entities: Vec<String> = a
        .entities
        .iter()
        .filter(|e| b.entities.contains(e))
        .cloned()
        .collect();
    let entity_overlap = ratio(
        shared_entities.len() as f32,
        a.entities.len().min(b.entities.len()) as f32,
    );
    let figures = compare_figures(&a.figures, &b.figures);
    let flag = |b: bool| f32::from(u8::from(b));
    let same_figure = flag(figures.iter().any(|f| f.same));
    let close_figure = flag(!figures.iter().any(|f| f.same) && figures.iter().any(|f| f.close));
    let figure_conflict = flag(!figures.is_empty() && !figures.iter().any(|f| f.same || f.close));
    let entity_disjoint =
        flag(!a.entities.is_empty() && !b.entities.is_empty() && shared_entities.is_empty());
    let lead_entity = flag(
        a.entities_in_order
            .first()
            .is_some_and(|e| b.entities_in_order.first() == Some(e)),
    );
    let number_mismatch = if !a.numbers.is_empty() && !b.numbers.is_empty() {
        let shared = a.numbers.iter().filter(|n| b.numbers.contains(n)).count() as f32;
        1.0 - shared / a.numbers.len().max(b.numbers.len()) as f32
    } else {
        0.0
    };
    let quote_overlap = ratio(
        2.0 * shared_count(&a.quoted, &b.quoted) as f32,
        (a.quoted.len() + b.quoted.len()) as f32,
    );
    let (la, lb) = (a.terms.len() as f32, b.terms.len() as f32);
    let length_ratio = ratio(la.min(lb), la.max(lb));
    shared.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    let shared_terms = shared
        .into_iter()
        .map(|(i, _)| a.surface[i].clone())
        .collect();
    FeatureVector {
        values: [
            term_overlap,
            min_coverage,
            bigram_overlap,
            word_overlap,
            entity_overlap,
            same_figure,
            close_figure,
            figure_conflict,
            number_mismatch,
            length_ratio,
            quote_overlap,
            lead_entity,
            entity_disjoint,
            0.0,
            0.0,
            0.0,
        ],
        shared_terms,
        shared_entities,
        figures,
    }
}

/// A linear model over the pair features: log-odds = bias + Σ w·x.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Log-odds with every feature at zero.
    pub bias: f32,
    /// One weight per [`FEATURE_NAMES`] entry.
    pub weights: [f32; FEATURE_NAMES.len()],
}

impl Model {
    /// Weights for sentence pairs without context (`crosscheck pairs`),
    /// learned by logistic regression on the MSRP training split
    /// (`cargo run --release --example train_pairs`).
    pub const PAIRS: Model = Model {
        bias: -5.1651,
        weights: [
            6.3133,  // term_overlap
            -1.6738, // min_coverage
            -3.0928, // bigram_overlap
            6.4451,  // word_overlap
            -0.2667, // entity_overlap
            -0.1402, // same_figure
            0.2696,  // close_figure
            -0.0689, // figure_conflict
            -0.5267, // number_mismatch
            0.4779,  // length_ratio
            0.0000,  // quote_overlap
            -0.1043, // lead_entity
            -0.2242, // entity_disjoint
            0.0000,  // mutual_best
            0.0000,  // margin
            0.0000,  // fact_support
        ],
    };

    /// Weights for ranking candidates and linking claims into fact clusters
    /// (no `fact_support`), learned on the hand-made gold of the bundled
    /// articles with signs kept (`cargo run --release --example tune_corpus`).
    pub const LINK: Model = Model {
        bias: -6.686,
        weights: [
            6.030,  // term_overlap
            3.248,  // min_coverage
            0.000,  // bigram_overlap
            1.278,  // word_overlap
            1.150,  // entity_overlap
            4.573,  // same_figure
            3.073,  // close_figure
            -2.793, // figure_conflict
            0.000,  // number_mismatch
            2.087,  // length_ratio
            5.087,  // quote_overlap
            0.352,  // lead_entity
            0.000,  // entity_disjoint
            0.616,  // mutual_best
            2.659,  // margin
            0.000,  // fact_support
        ],
    };

    /// Weights for the final decision on a claim's counterpart in another
    /// article of its story, learned like [`Model::LINK`] with
    /// `fact_support` (thresholds: link 0.6, match 0.5).
    pub const CORPUS: Model = Model {
        bias: -5.796,
        weights: [
            4.990, // term_overlap
            3.059, // min_coverage
            0.000, // bigram_overlap
            1.033, // word_overlap
            0.421, // entity_overlap
            2.376, // same_figure
            2.410, // close_figure
            0.000, // figure_conflict
            0.000, // number_mismatch
            1.910, // length_ratio
            5.300, // quote_overlap
            0.812, // lead_entity
            0.000, // entity_disjoint
            0.663, // mutual_best
            2.671, // margin
            2.170, // fact_support
        ],
    };

    /// The score (0-1) and each feature's contribution, largest first.
    pub fn score(&self, values: &[f32; FEATURE_NAMES.len()]) -> (f32, Vec<Feature>) {
        let mut features: Vec<Feature> = FEATURE_NAMES
            .iter()
            .zip(values)
            .zip(&self.weights)
            .map(|((&name, &value), &w)| Feature {
                name,
                value,
                contribution: w * value,
            })
            .collect();
        let logit = self.bias + features.iter().map(|f| f.contribution).sum::<f32>();
        features.retain(|f| f.contribution != 0.0);
        features.sort_by(|x, y| y.contribution.abs().total_cmp(&x.contribution.abs()));
        (sigmoid(logit), features)
    }
}

/// Compares every figure of `a` with every comparable figure of `b`.
pub fn compare_figures(a: &[Figure], b: &[Figure]) -> Vec<FigureComparison> {
    let mut out = Vec::new();
    for fa in a {
        for fb in b {
            if !comparable_units(fa.unit.as_deref(), fb.unit.as_deref()) {
                continue;
            }
            let same = fa.low == fb.low && fa.high == fb.high && fa.qualifier == fb.qualifier;
            // Different but comparable measures (a death toll and a toll of
            // killed or injured) are compatible when the narrower can fit
            // inside the wider; the same measure, when the plausible ranges
            // of the two statements overlap.
            let compatible = if fa.unit == fb.unit {
                let ((la, ha), (lb, hb)) = (plausible_range(fa), plausible_range(fb));
                la.max(lb) <= ha.min(hb)
            } else {
                true
            };
            out.push(FigureComparison {
                ours: fa.text.clone(),
                theirs: fb.text.clone(),
                unit: fa.unit.clone().or_else(|| fb.unit.clone()),
                same,
                compatible,
                close: compatible || within_factor(fa, fb, 1.5),
            });
        }
    }
    out
}

/// The values a figure plausibly means, as a closed interval: news writing
/// uses one-sided bounds as estimates ("as many as 14,000" is not a claim
/// that 3,000 is possible), so they are read as within a factor of two of
/// the bound, and "about" as within 10%.
fn plausible_range(f: &Figure) -> (f64, f64) {
    use crate::claims::Qualifier::*;
    let (lo, hi) = (
        f.low.unwrap_or(f64::NEG_INFINITY),
        f.high.unwrap_or(f64::INFINITY),
    );
    match f.qualifier {
        AtMost | LessThan if hi.is_finite() => (hi / 2.0, hi),
        AtLeast | MoreThan if lo.is_finite() => (lo, lo * 2.0),
        About if lo.is_finite() && hi.is_finite() => (lo * 0.9, hi * 1.1),
        _ => (lo, hi),
    }
}

/// Whether the two figures' central values are within `factor` of each
/// other (so they plausibly estimate the same quantity).
fn within_factor(a: &Figure, b: &Figure, factor: f64) -> bool {
    let mid = |f: &Figure| match (f.low, f.high) {
        (Some(l), Some(h)) => Some((l + h) / 2.0),
        (Some(v), None) | (None, Some(v)) => Some(v),
        (None, None) => None,
    };
    match (mid(a), mid(b)) {
        (Some(x), Some(y)) if x > 0.0 && y > 0.0 => x.max(y) / x.min(y) <= factor,
        _ => false,
    }
}

/// The logistic function.
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// A scored pair of free-standing sentences.
#[derive(Debug, Clone, PartialEq)]
pub struct PairScore {
    /// 0-1.
    pub score: f32,
    /// Contributions, largest first.
    pub features: Vec<Feature>,
    /// The raw features and what explains them.
    pub vector: FeatureVector,
}

/// Scores two free-standing sentences (the `pairs` command) with IDF from
/// `idf` and the [`Model::PAIRS`] weights.
pub fn pair_score(a: &str, b: &str, idf: &Idf) -> PairScore {
    let vector = pair_features(a, b, idf);
    let (score, features) = Model::PAIRS.score(&vector.values);
    PairScore {
        score,
        features,
        vector,
    }
}

/// The features of two free-standing sentences.
pub fn pair_features(a: &str, b: &str, idf: &Idf) -> FeatureVector {
    let pa = Profile::new(a, find_figures(a, 0), idf);
    let pb = Profile::new(b, find_figures(b, 0), idf);
    features(&pa, &pb)
}
