//! Claim profiles and the named features of a pair of claims.
//!
//! A pair's score is `sigmoid(bias + Σ weight·value)` over the features
//! below; every term of that sum is kept in the [`Explanation`] so a user can
//! see why two claims were matched.

use super::{Feature, FigureComparison};
use crate::claims::figures::{comparable_units, find_figures};
use crate::claims::Figure;
use crate::text::normalize::{entities, tokenize};
use std::collections::{HashMap, HashSet};

/// Document frequencies of stems over a set of sentences, for IDF weights.
#[derive(Debug, Clone, Default)]
pub struct Idf {
    df: HashMap<String, u32>,
    n: u32,
}

impl Idf {
    /// Counts each sentence's distinct content stems.
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Idf {
        let mut idf = Idf::default();
        for t in texts {
            idf.n += 1;
            let stems: HashSet<String> = tokenize(t)
                .into_iter()
                .filter(|t| !t.stop)
                .map(|t| t.stem)
                .collect();
            for s in stems {
                *idf.df.entry(s).or_insert(0) += 1;
            }
        }
        idf
    }

    /// Number of sentences containing `stem`.
    pub fn df(&self, stem: &str) -> u32 {
        self.df.get(stem).copied().unwrap_or(0)
    }

    /// Smoothed inverse document frequency, at least 0.1.
    pub fn weight(&self, stem: &str) -> f32 {
        let n = self.n.max(1) as f32;
        let df = self.df(stem) as f32;
        ((n + 1.0) / (df + 1.0)).ln().max(0.1)
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
    /// Content stems with their IDF weights, sorted by stem, distinct.
    pub terms: Vec<(String, f32)>,
    /// A surface form per stem (the first occurrence, lower-cased).
    pub surface: HashMap<String, String>,
    /// Consecutive content-stem pairs.
    pub bigrams: HashSet<(String, String)>,
    /// Canonical names mentioned.
    pub entities: Vec<String>,
    /// Figures stated.
    pub figures: Vec<Figure>,
    /// Sum of term weights.
    pub mass: f32,
}

impl Profile {
    /// Builds the profile of `text` with `figures` already extracted.
    pub fn new(text: &str, figures: Vec<Figure>, idf: &Idf) -> Profile {
        let tokens = tokenize(text);
        let mut seen = HashSet::new();
        let mut terms = Vec::new();
        let mut surface = HashMap::new();
        let mut bigrams = HashSet::new();
        let mut prev: Option<String> = None;
        for t in tokens.iter().filter(|t| !t.stop) {
            if let Some(p) = prev.take() {
                bigrams.insert((p, t.stem.clone()));
            }
            prev = Some(t.stem.clone());
            if seen.insert(t.stem.clone()) {
                terms.push((t.stem.clone(), idf.weight(&t.stem)));
                surface.insert(t.stem.clone(), t.norm.clone());
            }
        }
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        let mass = terms.iter().map(|t| t.1).sum();
        let mut ents: Vec<String> = entities(text).into_iter().map(|e| e.canonical).collect();
        ents.sort();
        ents.dedup();
        Profile {
            terms,
            surface,
            bigrams,
            entities: ents,
            figures,
            mass,
        }
    }
}

/// Feature weights and bias of the pair model.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    /// Log-odds with every feature at zero.
    pub bias: f32,
    /// `(feature name, weight)`.
    pub weights: Vec<(&'static str, f32)>,
}

impl Weights {
    fn get(&self, name: &str) -> f32 {
        self.weights
            .iter()
            .find(|w| w.0 == name)
            .map_or(0.0, |w| w.1)
    }
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            bias: -6.0,
            weights: vec![
                ("term_overlap", 6.0),
                ("min_coverage", 3.0),
                ("bigram_overlap", 2.0),
                ("entity_overlap", 1.0),
                ("same_figure", 2.0),
                ("same_quantity", 1.5),
                ("length_ratio", 0.5),
            ],
        }
    }
}

/// A scored pair with its explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct PairScore {
    /// 0-1.
    pub score: f32,
    /// Every feature's value and contribution, largest contribution first.
    pub features: Vec<Feature>,
    /// Shared content words (surface forms of `a`).
    pub shared_terms: Vec<String>,
    /// Shared canonical names.
    pub shared_entities: Vec<String>,
    /// Figures of `a` and `b` about comparable quantities.
    pub figures: Vec<FigureComparison>,
}

/// Scores a pair of profiles with the given weights.
pub fn compare(a: &Profile, b: &Profile, w: &Weights) -> PairScore {
    // Shared terms by merging the two sorted lists.
    let (mut i, mut j) = (0, 0);
    let mut shared_mass = 0.0;
    let mut shared = Vec::new();
    while i < a.terms.len() && j < b.terms.len() {
        match a.terms[i].0.cmp(&b.terms[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared_mass += a.terms[i].1;
                shared.push((a.terms[i].0.clone(), a.terms[i].1));
                i += 1;
                j += 1;
            }
        }
    }
    let total = a.mass + b.mass;
    let term_overlap = if total > 0.0 {
        2.0 * shared_mass / total
    } else {
        0.0
    };
    let min_mass = a.mass.min(b.mass);
    let min_coverage = if min_mass > 0.0 {
        shared_mass / min_mass
    } else {
        0.0
    };
    let shared_bigrams = a.bigrams.intersection(&b.bigrams).count() as f32;
    let bigram_total = (a.bigrams.len() + b.bigrams.len()) as f32;
    let bigram_overlap = if bigram_total > 0.0 {
        2.0 * shared_bigrams / bigram_total
    } else {
        0.0
    };
    let shared_entities: Vec<String> = a
        .entities
        .iter()
        .filter(|e| b.entities.contains(e))
        .cloned()
        .collect();
    let entity_min = a.entities.len().min(b.entities.len());
    let entity_overlap = if entity_min > 0 {
        shared_entities.len() as f32 / entity_min as f32
    } else {
        0.0
    };
    let figures = compare_figures(&a.figures, &b.figures);
    let same_figure = if figures.iter().any(|f| f.same) {
        1.0
    } else {
        0.0
    };
    let same_quantity = if figures.is_empty() { 0.0 } else { 1.0 };
    let (la, lb) = (a.terms.len() as f32, b.terms.len() as f32);
    let length_ratio = if la.max(lb) > 0.0 {
        la.min(lb) / la.max(lb)
    } else {
        0.0
    };

    let values = [
        ("term_overlap", term_overlap),
        ("min_coverage", min_coverage),
        ("bigram_overlap", bigram_overlap),
        ("entity_overlap", entity_overlap),
        ("same_figure", same_figure),
        ("same_quantity", same_quantity),
        ("length_ratio", length_ratio),
    ];
    let mut features: Vec<Feature> = values
        .iter()
        .map(|&(name, value)| Feature {
            name,
            value,
            contribution: w.get(name) * value,
        })
        .collect();
    let logit = w.bias + features.iter().map(|f| f.contribution).sum::<f32>();
    features.sort_by(|x, y| y.contribution.abs().total_cmp(&x.contribution.abs()));
    shared.sort_by(|x, y| y.1.total_cmp(&x.1));
    let shared_terms = shared
        .into_iter()
        .map(|(stem, _)| a.surface.get(&stem).cloned().unwrap_or(stem))
        .collect();
    PairScore {
        score: sigmoid(logit),
        features,
        shared_terms,
        shared_entities,
        figures,
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
            let lo = fa
                .low
                .unwrap_or(f64::NEG_INFINITY)
                .max(fb.low.unwrap_or(f64::NEG_INFINITY));
            let hi = fa
                .high
                .unwrap_or(f64::INFINITY)
                .min(fb.high.unwrap_or(f64::INFINITY));
            out.push(FigureComparison {
                ours: fa.text.clone(),
                theirs: fb.text.clone(),
                unit: fa.unit.clone().or_else(|| fb.unit.clone()),
                same,
                compatible: lo <= hi,
            });
        }
    }
    out
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// Scores two free-standing sentences (the `pairs` command), with IDF from
/// `idf` and the default weights.
pub fn pair_score(a: &str, b: &str, idf: &Idf) -> PairScore {
    let pa = Profile::new(a, find_figures(a, 0), idf);
    let pb = Profile::new(b, find_figures(b, 0), idf);
    compare(&pa, &pb, &Weights::default())
}
