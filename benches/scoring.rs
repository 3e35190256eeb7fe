//! Scoring speed of the matcher (plain harness: `cargo bench --bench
//! scoring`): the pair features and the corpus model's score for one
//! candidate pair, median over batches of pairs of the bundled articles'
//! claims (every pair of claims of different articles).

use crosscheck::matching::features::features;
use crosscheck::matching::matcher::Context;
use crosscheck::matching::Params;
use crosscheck::{corpus, Analysis};
use std::time::Instant;

fn main() {
    let an = Analysis::build(corpus::bundled());
    let params = Params::trained();
    let cx = Context::build(&an.articles, &an.claims, params);
    let pairs: Vec<(usize, usize)> = (0..an.claims.len())
        .flat_map(|a| (0..an.claims.len()).map(move |b| (a, b)))
        .filter(|&(a, b)| an.claims[a].article != an.claims[b].article)
        .collect();
    let mut per_pair = Vec::new();
    for _ in 0..21 {
        let t = Instant::now();
        let mut sum = 0.0f32;
        for &(a, b) in &pairs {
            let v = features(&cx.profiles[a], &cx.profiles[b], params);
            sum += params.corpus.probability(&v.values);
        }
        std::hint::black_box(sum);
        per_pair.push(t.elapsed().as_secs_f64() / pairs.len() as f64);
    }
    per_pair.sort_by(f64::total_cmp);
    println!(
        "pair features + score: median {:.2} µs per pair over {} pairs of the bundled claims (21 batches; min {:.2}, max {:.2})",
        per_pair[10] * 1e6,
        pairs.len(),
        per_pair[0] * 1e6,
        per_pair[20] * 1e6
    );
}
