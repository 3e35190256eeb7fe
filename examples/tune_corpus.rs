//! Fits the corpus matcher's model (`Model::CORPUS`) on the hand-made gold
//! of the bundled articles (`tests/gold/seeds.toml`) and prints it as Rust,
//! with the quality it reaches at a range of thresholds.
//!
//! `cargo run --release --example tune_corpus [-- -v]`
//!
//! Training pairs are what the matcher decides on: each gold claim's best
//! candidate in each other article. Positive when both state one gold fact.
//! Context features come from a first-stage model fitted without them.

use crosscheck::evaluation::{evaluate, gold_claims, Gold};
use crosscheck::matching::features::CONTEXT_FEATURES;
use crosscheck::matching::learn::fit;
use crosscheck::matching::matcher::best_candidates;
use crosscheck::matching::{MatchConfig, Model};
use crosscheck::{corpus, Analysis};

fn main() {
    let verbose = std::env::args().any(|a| a == "-v");
    let gold = Gold::parse(include_str!("../tests/gold/seeds.toml")).expect("gold parses");
    let base = Analysis::build(corpus::bundled());
    let (facts, _) = gold_claims(&base, &gold);
    let claims = &base.claims;
    let in_gold = |c: usize| facts.iter().any(|f| f.contains(&c));
    let same = |a: usize, b: usize| facts.iter().any(|f| f.contains(&a) && f.contains(&b));

    let samples = |model: &Model| {
        let config = MatchConfig {
            model: model.clone(),
            candidates: 1000,
            ..MatchConfig::default()
        };
        let rows = best_candidates(&base.articles, claims, &config);
        let mut out = Vec::new();
        for (a, row) in rows.iter().enumerate() {
            if !in_gold(a) {
                continue;
            }
            for c in row {
                out.push((c.vector.values, same(a, c.other)));
            }
        }
        out
    };
    // Stage 1: pair features only; stage 2: with context features.
    let lexical: Vec<_> = samples(&Model::CORPUS)
        .into_iter()
        .map(|(mut x, y)| {
            for k in CONTEXT_FEATURES {
                x[k] = 0.0;
            }
            (x, y)
        })
        .collect();
    let stage1 = fit(&lexical, 0.01, &CONTEXT_FEATURES);
    let data = samples(&stage1);
    let positives = data.iter().filter(|d| d.1).count();
    println!("// {} pairs, {} positive", data.len(), positives);
    let model = fit(&data, 0.01, &[]);
    println!(
        "pub const CORPUS: Model = Model {{\n    bias: {:.3},\n    weights: [",
        model.bias
    );
    for (n, w) in crosscheck::matching::features::FEATURE_NAMES
        .iter()
        .zip(model.weights)
    {
        println!("        {w:.3}, // {n}");
    }
    println!("    ],\n}};");
    for t in [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8] {
        let config = MatchConfig {
            model: model.clone(),
            min_score: t,
            same_score: t,
            ..MatchConfig::default()
        };
        let an = Analysis::build_with(corpus::bundled(), &config);
        let s = evaluate(&an, &gold);
        println!(
            "threshold {t:.2}: precision {:.3} ({}/{})  recall {:.3} ({}/{})  differs {}/{}",
            s.precision(),
            s.correct,
            s.matches,
            s.recall(),
            s.found,
            s.counterparts,
            s.differs_right,
            s.differs_found
        );
        if verbose && (t - 0.5).abs() < 1e-6 {
            for (a, b) in &s.wrong {
                println!("WRONG\n  {a}\n  -> {b}");
            }
            for (a, art) in &s.missed {
                println!("MISSED in {art}\n  {a}");
            }
        }
    }
}
