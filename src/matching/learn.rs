//! Learning the weights of a [`Model`] from labelled pairs, by L2-regularised
//! logistic regression (batch gradient descent on standardised features).
//! Small and deterministic: a few thousand pairs train in well under a second.

use super::features::{Model, FEATURE_NAMES};

const N: usize = FEATURE_NAMES.len();

/// Fits a model to `(features, label)` pairs; features listed in `frozen`
/// keep weight 0 (e.g. `mutual_best` for context-free pairs).
pub fn fit(samples: &[([f32; N], bool)], l2: f32, frozen: &[usize]) -> Model {
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
            let err = p - f64::from(u8::from(*y));
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

    #[test]
    fn learns_a_separable_feature() {
        let mut samples = Vec::new();
        for i in 0..200 {
            let mut x = [0f32; N];
            x[0] = (i % 10) as f32 / 10.0;
            samples.push((x, x[0] > 0.45));
        }
        let m = fit(&samples, 0.0, &[]);
        assert!(m.weights[0] > 1.0, "{m:?}");
        let (lo, _) = m.score(&[0.0; N]);
        let mut hi_x = [0f32; N];
        hi_x[0] = 0.9;
        let (hi, _) = m.score(&hi_x);
        assert!(hi > 0.5 && lo < 0.5);
    }
}
