//! The learned models and thresholds of matching, read from data.
//!
//! Every weight and threshold is fitted by `examples/train.rs` on training
//! data and written to `data/model.toml`, which is compiled in and parsed
//! once. Nothing here is a hand-set number: a model is a bias plus one
//! weight per named feature.

use super::features::{FEATURE_NAMES, N_FEATURES};
use super::Feature;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A linear model over the pair features: log-odds = bias + Σ w·x.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Log-odds with every feature at zero.
    pub bias: f32,
    /// One weight per [`FEATURE_NAMES`] entry.
    pub weights: [f32; N_FEATURES],
}

impl Model {
    /// The score (0-1) and each feature's contribution, largest first.
    pub fn score(&self, values: &[f32; N_FEATURES]) -> (f32, Vec<Feature>) {
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

    /// The score alone (0-1), without the explanation: the hot path.
    pub fn probability(&self, values: &[f32; N_FEATURES]) -> f32 {
        let mut z = self.bias;
        for (w, x) in self.weights.iter().zip(values) {
            z += w * x;
        }
        sigmoid(z)
    }

    fn from_table(name: &str, t: &BTreeMap<String, f32>) -> Result<Model, String> {
        let mut weights = [0.0; N_FEATURES];
        let mut bias = None;
        for (k, &v) in t {
            if k == "bias" {
                bias = Some(v);
            } else if let Some(i) = FEATURE_NAMES.iter().position(|n| n == k) {
                weights[i] = v;
            } else {
                return Err(format!("model '{name}': unknown feature '{k}'"));
            }
        }
        let bias = bias.ok_or_else(|| format!("model '{name}': no bias"))?;
        Ok(Model { bias, weights })
    }

    /// The model as a TOML table body (`bias = ...` and one line per
    /// feature), as the training script writes it.
    pub fn to_toml(&self) -> String {
        let mut s = format!("bias = {:.4}\n", self.bias);
        for (n, w) in FEATURE_NAMES.iter().zip(self.weights) {
            s.push_str(&format!("{n} = {w:.4}\n"));
        }
        s
    }
}

/// The logistic function.
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// Every fitted number of matching: four models and their thresholds.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// The event gate: whether two claims' articles cover one event at all
    /// (from how alike the articles are and how many other strong links
    /// they share). Two articles about different events rarely state the
    /// same fact, so a pair failing the gate is never matched.
    pub gate: Model,
    /// The gate passes at or above this score.
    pub gate_threshold: f32,
    /// Free-standing sentence pairs (`crosscheck pairs`), no context.
    pub pairs: Model,
    /// `pairs` says "same" at or above this score.
    pub pairs_threshold: f32,
    /// Ranks candidates and links claims into fact clusters.
    pub link: Model,
    /// Average link score at which clusters merge.
    pub link_threshold: f32,
    /// The final decision on a claim's counterpart (with all context).
    pub corpus: Model,
    /// A counterpart is reported at or above this score.
    pub match_threshold: f32,
    /// A lower bar for a secondary match whose figures differ.
    pub differing_threshold: f32,
    /// Two comparable figures whose central values are within this factor
    /// state one quantity differently; further apart, they are different
    /// quantities of the same kind.
    pub close_factor: f64,
    /// How much the background news statistics count in term weights.
    pub background_share: f32,
    /// Average match score (missing matches count 0) at which groups of
    /// matched claims merge into one fact.
    pub fact_linkage: f32,
    /// Most words, besides the clashing ones, that either side of a pair
    /// with opposite polarity may say and the other not, for the pair to
    /// contradict (see `FeatureVector::polarity`).
    pub polarity_frame: f32,
    /// Whether the claim-level models (link, corpus) use the surface
    /// features (`bleu_min` ... `char_fourgrams`); where they do not, the
    /// corpus matcher skips computing them. The trainer decides.
    pub claim_surface: bool,
    /// How much a name counts in an article's term vector, against a
    /// content word of weight 1 (names say most about which event an
    /// article covers); the trainer chooses it by how well the event gate
    /// built on those vectors separates its training samples.
    pub name_boost: f32,
}

#[derive(Deserialize)]
struct File {
    thresholds: BTreeMap<String, f64>,
    gate: BTreeMap<String, f32>,
    pairs: BTreeMap<String, f32>,
    link: BTreeMap<String, f32>,
    corpus: BTreeMap<String, f32>,
}

impl Params {
    /// Parses a model file (the format `examples/train.rs` writes).
    pub fn parse(text: &str) -> Result<Params, String> {
        let f: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let t = |k: &str| {
            f.thresholds
                .get(k)
                .copied()
                .ok_or_else(|| format!("no threshold '{k}'"))
        };
        Ok(Params {
            gate: Model::from_table("gate", &f.gate)?,
            gate_threshold: t("gate")? as f32,
            pairs: Model::from_table("pairs", &f.pairs)?,
            pairs_threshold: t("pairs")? as f32,
            link: Model::from_table("link", &f.link)?,
            link_threshold: t("link")? as f32,
            corpus: Model::from_table("corpus", &f.corpus)?,
            match_threshold: t("match")? as f32,
            differing_threshold: t("differing")? as f32,
            close_factor: t("close_factor")?,
            background_share: t("background_share")? as f32,
            fact_linkage: t("fact_linkage")? as f32,
            polarity_frame: t("polarity_frame")? as f32,
            claim_surface: t("claim_surface")? != 0.0,
            name_boost: t("name_boost")? as f32,
        })
    }

    /// The file body for these parameters, after a header of comments.
    pub fn to_toml(&self, header: &str) -> String {
        let mut s = String::new();
        for line in header.lines() {
            s.push_str("# ");
            s.push_str(line);
            s.push('\n');
        }
        s.push_str("\n[thresholds]\n");
        s.push_str(&format!("gate = {:.4}\n", self.gate_threshold));
        s.push_str(&format!("pairs = {:.4}\n", self.pairs_threshold));
        s.push_str(&format!("link = {:.4}\n", self.link_threshold));
        s.push_str(&format!("match = {:.4}\n", self.match_threshold));
        s.push_str(&format!("differing = {:.4}\n", self.differing_threshold));
        s.push_str(&format!("close_factor = {:.4}\n", self.close_factor));
        s.push_str(&format!(
            "background_share = {:.4}\n",
            self.background_share
        ));
        s.push_str(&format!("fact_linkage = {:.4}\n", self.fact_linkage));
        s.push_str(&format!("polarity_frame = {:.4}\n", self.polarity_frame));
        s.push_str(&format!(
            "claim_surface = {}\n",
            u8::from(self.claim_surface)
        ));
        s.push_str(&format!("name_boost = {:.4}\n", self.name_boost));
        for (name, m) in [
            ("gate", &self.gate),
            ("pairs", &self.pairs),
            ("link", &self.link),
            ("corpus", &self.corpus),
        ] {
            s.push_str(&format!("\n[{name}]\n{}", m.to_toml()));
        }
        s
    }

    /// Whether a candidate pair passes the event gate.
    pub fn gated(&self, values: &[f32; N_FEATURES]) -> bool {
        self.gate.probability(values) >= self.gate_threshold
    }

    /// The parameters trained by `examples/train.rs`, compiled in from
    /// `data/model.toml`.
    pub fn trained() -> &'static Params {
        static TRAINED: OnceLock<Params> = OnceLock::new();
        TRAINED.get_or_init(|| {
            // The file is part of the build and checked by a test; a broken
            // one is a build defect, not bad input.
            Params::parse(include_str!("../../data/model.toml"))
                .unwrap_or_else(|e| panic!("data/model.toml: {e}"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_parses_and_names_every_feature() {
        let text = include_str!("../../data/model.toml");
        let p = Params::parse(text).expect("data/model.toml parses");
        for section in ["[gate]", "[pairs]", "[link]", "[corpus]"] {
            let body = text
                .split(section)
                .nth(1)
                .expect("section present")
                .split("\n[")
                .next()
                .unwrap_or("");
            for n in FEATURE_NAMES {
                assert!(
                    body.lines().any(|l| l.starts_with(&format!("{n} ="))),
                    "{section} lacks {n}"
                );
            }
        }
        assert!(p.match_threshold > 0.0 && p.match_threshold < 1.0);
    }

    #[test]
    fn round_trips_through_toml() {
        let p = Params::trained().clone();
        let again = Params::parse(&p.to_toml("test")).expect("parses");
        assert_eq!(again.pairs.weights.len(), N_FEATURES);
        assert!((again.link_threshold - p.link_threshold).abs() < 1e-3);
    }

    #[test]
    fn unknown_features_are_errors() {
        let mut t = BTreeMap::new();
        t.insert("bias".to_string(), 0.0);
        t.insert("no_such_feature".to_string(), 1.0);
        assert!(Model::from_table("x", &t).is_err());
    }
}
