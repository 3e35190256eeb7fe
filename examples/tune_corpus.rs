//! Fits the corpus matcher's models (`Model::LINK` and `Model::CORPUS`) on
//! the hand-made gold of the bundled articles (`tests/gold/seeds.toml`) and
//! prints them as Rust, with the quality reached at a range of thresholds.
//!
//! `cargo run --release --example tune_corpus [-- -v]`
//!
//! Training pairs are what the matcher decides on: each gold claim's
//! candidates in each other article, positive when both state one gold fact.
//! Stage 1 fits the pair features, stage 2 adds `mutual_best` and `margin`
//! (computed under stage 1): that is the link model; stage 3 adds
//! `fact_support` (computed from clusters under the link model).

use crosscheck::evaluation::{evaluate, gold_claims, Gold};
use crosscheck::matching::features::{CONTEXT_FEATURES, FACT_SUPPORT, FEATURE_NAMES};
use crosscheck::matching::learn::fit;
use crosscheck::matching::matcher::{best_candidates, candidates};
use crosscheck::matching::{MatchConfig, Model};
use crosscheck::{corpus, Analysis};

const L2: f32 = 0.01;

fn print_model(name: &str, m: &Model) {
    println!(
        "pub const {name}: Model = Model {{\n    bias: {:.3},\n    weights: [",
        m.bias
    );
    for (n, w) in FEATURE_NAMES.iter().zip(m.weights) {
        println!("        {w:.3}, // {n}");
    }
    println!("    ],\n}};");
}

fn main() {
    let verbose = std::env::args().any(|a| a == "-v");
    let gold = Gold::parse(include_str!("../tests/gold/seeds.toml")).expect("gold parses");
    let base = Analysis::build(corpus::bundled());
    let (facts, _) = gold_claims(&base, &gold);
    let claims = &base.claims;
    let in_gold = |c: usize| facts.iter().any(|f| f.contains(&c));
    let same = |a: usize, b: usize| facts.iter().any(|f| f.contains(&a) && f.contains(&b));
    let label = |rows: Vec<Vec<crosscheck::matching::matcher::Candidate>>| {
        let mut out = Vec::new();
        for (a, row) in rows.iter().enumerate() {
            if in_gold(a) {
                out.extend(row.iter().map(|c| (c.vector.values, same(a, c.other))));
            }
        }
        out
    };
    let config = |link: &Model, t: f32| MatchConfig {
        link_model: link.clone(),
        link_threshold: t,
        candidates: 1000,
        ..MatchConfig::default()
    };

    let zeroed = |data: Vec<([f32; FEATURE_NAMES.len()], bool)>, ks: &[usize]| -> Vec<_> {
        data.into_iter()
            .map(|(mut x, y)| {
                for &k in ks {
                    x[k] = 0.0;
                }
                (x, y)
            })
            .collect()
    };
    // Baseline for calibration: IDF-weighted term overlap alone, no context.
    for t in [0.2, 0.3, 0.4, 0.5, 0.6] {
        let mut weights = [0.0; FEATURE_NAMES.len()];
        weights[0] = 20.0;
        let m = Model {
            bias: -20.0 * t,
            weights,
        };
        let c = MatchConfig {
            link_model: m.clone(),
            link_threshold: 2.0,
            model: m,
            min_score: 0.5,
            same_score: 0.5,
            ..MatchConfig::default()
        };
        let s = evaluate(&Analysis::build_with(corpus::bundled(), &c), &gold);
        println!(
            "baseline term_overlap >= {t:.2}: precision {:.3}  recall {:.3}",
            s.precision(),
            s.recall()
        );
    }
    let stage1 = fit(
        &zeroed(
            label(best_candidates(
                &base.articles,
                claims,
                &config(&Model::LINK, 0.5),
            )),
            &CONTEXT_FEATURES,
        ),
        L2,
        &CONTEXT_FEATURES,
        true,
    );
    let link = fit(
        &zeroed(
            label(best_candidates(
                &base.articles,
                claims,
                &config(&stage1, 0.5),
            )),
            &[FACT_SUPPORT],
        ),
        L2,
        &[FACT_SUPPORT],
        true,
    );
    print_model("LINK", &link);
    let mut best = (f64::MIN, 0.0, 0.0, Model::CORPUS);
    for link_t in [0.4, 0.5, 0.6, 0.7] {
        let data = label(candidates(&base.articles, claims, &config(&link, link_t)));
        let model = fit(&data, L2, &[], true);
        for t in [0.3, 0.4, 0.5, 0.6, 0.7] {
            let c = MatchConfig {
                min_score: t,
                same_score: t,
                model: model.clone(),
                ..config(&link, link_t)
            };
            let an = Analysis::build_with(corpus::bundled(), &c);
            let s = evaluate(&an, &gold);
            println!("link {link_t:.2} threshold {t:.2}: {s}");
            // The most recall at a precision of at least 0.85.
            let objective = if s.precision() >= 0.85 {
                s.recall() + 0.01 * s.precision()
            } else {
                s.precision() - 1.0
            };
            if objective > best.0 {
                best = (objective, link_t, t, model.clone());
            }
        }
    }
    println!(
        "// best: link_threshold {:.2}, min_score {:.2}",
        best.1, best.2
    );
    print_model("CORPUS", &best.3);
    if verbose {
        let c = MatchConfig {
            min_score: best.2,
            same_score: best.2,
            model: best.3.clone(),
            ..config(&link, best.1)
        };
        let s = evaluate(&Analysis::build_with(corpus::bundled(), &c), &gold);
        for (a, b) in &s.wrong {
            println!("WRONG\n  {a}\n  -> {b}");
        }
        for (a, art) in &s.missed {
            println!("MISSED in {art}\n  {a}");
        }
    }
}
