//! Learning the weights of a [`Model`] from labelled pairs, by L2-regularised
//! logistic regression (batch gradient descent on standardised features).
//! Small and deterministic: a few thousand pairs train in well under a second.

use super::features::{Model, FEATURE_NAMES};

const N: usize = FEATURE_NAMES.len();

/// The sign each feature's weight must keep: similarity evidence (shared
/// terms, names, figures, dates, context) can only raise a score,
/// disagreement (`figure_conflict`, `number_mismatch`, `entity_disjoint`,
/// `subject_clash`) only lower it; 0 leaves it free (`length_ratio`, and
/// the polarity and date clashes, which may mark the same fact reported
/// differently as well as another fact).
pub const SIGNS: [i8; N] = [
    1,  // term_overlap
    1,  // min_coverage
    1,  // bigram_overlap
    1,  // word_overlap
    1,  // entity_overlap
    1,  // same_figure
    1,  // figure_specificity
    1,  // close_figure
    -1, // figure_conflict
    -1, // number_mismatch
    0,  // length_ratio
    1,  // quote_overlap
    1,  // lead_entity
    -1, // entity_disjoint
    -1, // subject_clash
    1,  // same_date
    0,  // date_conflict
    0,  // opposite_words
    0,  // negation_mismatch
    1,  // anchor
    -1, // entity_swap
    1,  // shared_weight
    1,  // max_coverage
    -1, // unshared_terms
    1,  // related_words
    -1, // predicate_clash
    -1, // figures_apart
    1,  // bleu_min
    1,  // bleu_max
    1,  // word_order
    1,  // char_trigrams
    1,  // char_fourgrams
    1,  // article_similarity
    1,  // article_nearness
    -1, // article_date_gap
    -1, // article_undated
    1,  // article_support
    1,  // mutual_best
    1,  // margin
    1,  // fact_support
];

/// Fits a model to `(features, label)` pairs, each class weighing half; features listed in `frozen`
/// keep weight 0 (e.g. the context features for free-standing pairs). With
/// `signed`, every weight keeps the sign [`SIGNS`] gives its feature, so that
/// a shared phrase never counts against a match in an explanation shown to
/// users (projected gradient descent).
pub fn fit(samples: &[([f32; N], bool)], l2: f32, frozen: &[usize], signed: bool) -> Model {
    fit_weighted(samples, l2, frozen, signed, true)
}

/// [`fit`], with the classes weighing half each (`balanced`) or as often as
/// they occur (for data whose proportions are those of use, such as a
/// paraphrase corpus scored by accuracy).
pub fn fit_weighted(
    samples: &[([f32; N], bool)],
    l2: f32,
    frozen: &[usize],
    signed: bool,
    balanced: bool,
) -> Model {
    if samples.is_empty() {
        return Model {
            bias: 0.0,
            weights: [0.0; N],
        };
    }
    // Standardise so one learning rate suits every feature.
    let n = samples.len() as f64;
    let mut mean = [0f64; N];
    let mut sd = [0f64; N];
    for (x, _) in samples {
        for k in 0..N {
            mean[k] += f64::from(x[k]) / n;
        }
    }
    for (x, _) in samples {
        for k in 0..N {
            sd[k] += (f64::from(x[k]) - mean[k]).powi(2) / n;
        }
    }
    for s in &mut sd {
        *s = s.sqrt().max(1e-6);
    }
    // Each class weighs half: the few positives of a corpus (claims stating
    // the same fact) count as much as its many negatives, so the weights
    // learn what separates them rather than the classes' proportions.
    let positives = samples.iter().filter(|s| s.1).count().max(1) as f64;
    let negatives = samples.iter().filter(|s| !s.1).count().max(1) as f64;
    let class_weight = |y: bool| {
        if !balanced {
            1.0
        } else if y {
            n / (2.0 * positives)
        } else {
            n / (2.0 * negatives)
        }
    };
    let mut w = [0f64; N];
    let mut b = 0f64;
    let rate = 0.5;
    for _ in 0..3000 {
        let mut gw = [0f64; N];
        let mut gb = 0f64;
        for (x, y) in samples {
            let mut z = b;
            for k in 0..N {
                z += w[k] * (f64::from(x[k]) - mean[k]) / sd[k];
            }
            let p = 1.0 / (1.0 + (-z).exp());
            let err = (p - f64::from(u8::from(*y))) * class_weight(*y);
            gb += err / n;
            for k in 0..N {
                gw[k] += err * (f64::from(x[k]) - mean[k]) / sd[k] / n;
            }
        }
        b -= rate * gb;
        for k in 0..N {
            if frozen.contains(&k) {
                continue;
            }
            w[k] -= rate * (gw[k] + f64::from(l2) * w[k]);
            if signed {
                w[k] = match SIGNS[k] {
                    1 => w[k].max(0.0),
                    -1 => w[k].min(0.0),
                    _ => w[k],
                };
            }
        }
    }
    // Back to the raw feature scale.
    let mut weights = [0f32; N];
    let mut bias = b;
    for k in 0..N {
        weights[k] = (w[k] / sd[k]) as f32;
        bias -= w[k] * mean[k] / sd[k];
    }
    Model {
        bias: bias as f32,
        weights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::features::FIGURE_CONFLICT;

    fn samples() -> Vec<([f32; N], bool)> {
        (0..200)
            .map(|i| {
                let mut x = [0f32; N];
                x[0] = (i % 10) as f32 / 10.0;
                // figure_conflict, correlated with a positive label here.
                x[FIGURE_CONFLICT] = x[0];
                (x, x[0] > 0.45)
            })
            .collect()
    }

    #[test]
    fn learns_a_separable_feature() {
        let m = fit(&samples(), 0.0, &[], true);
        assert!(m.weights[0] > 1.0, "{m:?}");
        let mut lo = [0f32; N];
        lo[0] = 0.1;
        lo[FIGURE_CONFLICT] = 0.1;
        let mut hi = [0f32; N];
        hi[0] = 0.9;
        hi[FIGURE_CONFLICT] = 0.9;
        assert!(m.score(&hi).0 > 0.5 && m.score(&lo).0 < 0.5, "{m:?}");
    }

    #[test]
    fn signs_are_kept_only_when_asked() {
        assert!(fit(&samples(), 0.0, &[], true).weights[FIGURE_CONFLICT] <= 0.0);
        let free = fit(&samples(), 0.0, &[], false);
        assert!(free.weights[FIGURE_CONFLICT] > 0.0, "{free:?}");
    }

    #[test]
    fn frozen_features_keep_weight_zero() {
        let m = fit(&samples(), 0.0, &[0], false);
        assert_eq!(m.weights[0], 0.0);
    }
}
