//! Fits the corpus matcher's model (`Model::CORPUS`) on the hand-made gold
//! of the bundled articles (`tests/gold/seeds.toml`) and prints it as Rust,
//! with the quality it reaches at a range of thresholds.
//!
//! `cargo run --release --example tune_corpus`
//!
//! Labels: a pair of claims from two articles is positive when both state one
//! gold fact, negative when one is a gold claim and the other states none of
//! its facts. Pairs of two non-gold claims are left out (unknown).

use crosscheck::evaluation::{evaluate, gold_claims, Gold};
use crosscheck::matching::features::{features, Idf, Profile, FEATURE_NAMES};
use crosscheck::matching::learn::fit;
use crosscheck::matching::{MatchConfig, Model};
use crosscheck::{corpus, Analysis};

fn main() {
    let gold = Gold::parse(include_str!("../tests/gold/seeds.toml")).expect("gold parses");
    let base = Analysis::build(corpus::bundled());
    let (facts, _) = gold_claims(&base, &gold);
    let claims = &base.claims;
    let idf = Idf::from_texts(claims.iter().map(|c| c.text.as_str()));
    let profiles: Vec<Profile> = claims
        .iter()
        .map(|c| Profile::new(&c.text, c.figures.clone(), &idf))
        .collect();
    let in_gold = |c: usize| facts.iter().any(|f| f.contains(&c));
    let same = |a: usize, b: usize| facts.iter().any(|f| f.contains(&a) && f.contains(&b));

    let mutual = FEATURE_NAMES.len() - 1;
    let mut samples = Vec::new();
    for a in 0..claims.len() {
        for b in 0..claims.len() {
            if claims[a].article == claims[b].article || !(in_gold(a) || in_gold(b)) {
                continue;
            }
            samples.push((
                a,
                b,
                features(&profiles[a], &profiles[b]).values,
                same(a, b),
            ));
        }
    }
    // Stage 1 without mutual_best, to find each claim's best per article.
    let stage1 = fit(
        &samples.iter().map(|s| (s.2, s.3)).collect::<Vec<_>>(),
        0.01,
        &[mutual],
    );
    let mut best = std::collections::HashMap::new();
    for (a, b, x, _) in &samples {
        let s = stage1.score(x).0;
        let key = (*a, claims[*b].article);
        let e = best.entry(key).or_insert((*b, s));
        if s > e.1 {
            *e = (*b, s);
        }
    }
    let data: Vec<_> = samples
        .iter()
        .map(|(a, b, x, y)| {
            let mut x = *x;
            let ab = best.get(&(*a, claims[*b].article)).map(|e| e.0) == Some(*b);
            let ba = best.get(&(*b, claims[*a].article)).map(|e| e.0) == Some(*a);
            x[mutual] = f32::from(u8::from(ab && ba));
            (x, *y)
        })
        .collect();
    let positives = data.iter().filter(|d| d.1).count();
    println!("// {} pairs, {} positive", data.len(), positives);
    let model = fit(&data, 0.01, &[]);
    println!(
        "pub const CORPUS: Model = Model {{\n    bias: {:.3},\n    weights: [",
        model.bias
    );
    for (n, w) in FEATURE_NAMES.iter().zip(model.weights) {
        println!("        {w:.3}, // {n}");
    }
    println!("    ],\n}};");
    for t in [0.3, 0.4, 0.5, 0.6, 0.7, 0.8] {
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
    }
    let _ = Model::CORPUS;
}
