//! Learns the `crosscheck pairs` model (`Model::PAIRS`) on the MSRP training
//! split and prints it as Rust, with train accuracy/F1 at the chosen threshold.
//!
//! `cargo run --release --example train_pairs [-- PATH_TO_TRAIN_FILE]`
//! (default `../shared/data/msrp/msr_paraphrase_train.txt`). Never point it
//! at the test split.

use crosscheck::matching::features::{
    pair_features, sigmoid, Idf, CONTEXT_FEATURES, FEATURE_NAMES,
};
use crosscheck::matching::learn::fit;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/msrp/msr_paraphrase_train.txt".into());
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let rows: Vec<(bool, String, String)> = text
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() == 5).then(|| (f[0] == "1", f[3].to_string(), f[4].to_string()))
        })
        .collect();
    let idf = Idf::from_texts(rows.iter().flat_map(|r| [r.1.as_str(), r.2.as_str()]));
    let samples: Vec<_> = rows
        .iter()
        .map(|(y, a, b)| (pair_features(a, b, &idf).values, *y))
        .collect();
    let model = fit(&samples, 0.001, &CONTEXT_FEATURES, false);
    // Threshold on train: best accuracy.
    let mut best = (0.0, 0.5);
    for t in (20..80).map(|t| t as f32 / 100.0) {
        let (acc, _) = metrics(&samples, &model, t);
        if acc > best.0 {
            best = (acc, t);
        }
    }
    let (acc, f1) = metrics(&samples, &model, best.1);
    println!(
        "// MSRP train ({} pairs): accuracy {acc:.4}, F1 {f1:.4} at threshold {:.2}",
        rows.len(),
        best.1
    );
    println!(
        "pub const PAIRS: Model = Model {{\n    bias: {:.4},\n    weights: [",
        model.bias
    );
    for (n, w) in FEATURE_NAMES.iter().zip(model.weights) {
        println!("        {w:.4}, // {n}");
    }
    println!(
        "    ],\n}};\npub const PAIRS_THRESHOLD: f32 = {:.2};",
        best.1
    );
}

fn metrics(
    samples: &[([f32; FEATURE_NAMES.len()], bool)],
    m: &crosscheck::matching::Model,
    t: f32,
) -> (f64, f64) {
    let (mut tp, mut fp, mut tn, mut fn_) = (0, 0, 0, 0);
    for (x, y) in samples {
        let z = m.bias + x.iter().zip(&m.weights).map(|(a, b)| a * b).sum::<f32>();
        match (sigmoid(z) >= t, *y) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, false) => tn += 1,
            (false, true) => fn_ += 1,
        }
    }
    let acc = f64::from(tp + tn) / samples.len() as f64;
    let f1 = 2.0 * f64::from(tp) / f64::from(2 * tp + fp + fn_);
    (acc, f1)
}
