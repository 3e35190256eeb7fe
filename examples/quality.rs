//! Prints matching quality on the bundled articles against the hand-made
//! gold in `tests/gold/seeds.toml`, with the wrong and missed matches.
//!
//! `cargo run --release --example quality [-- --verbose]`

use crosscheck::evaluation::{evaluate, Gold};
use crosscheck::{corpus, Analysis};

fn main() {
    let verbose = std::env::args().any(|a| a == "--verbose" || a == "-v");
    let gold_text = include_str!("../tests/gold/seeds.toml");
    let gold = match Gold::parse(gold_text) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("tests/gold/seeds.toml: {e}");
            std::process::exit(1);
        }
    };
    // Optional overrides for exploring thresholds:
    // CROSSCHECK_LINK=0.6 CROSSCHECK_MIN=0.5 cargo run --example quality
    let mut config = crosscheck::matching::MatchConfig::default();
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<f32>().ok());
    if let Some(v) = env("CROSSCHECK_LINK") {
        config.link_threshold = v;
    }
    if let Some(v) = env("CROSSCHECK_MIN") {
        config.min_score = v;
        config.same_score = v;
    }
    let an = Analysis::build_with(corpus::bundled(), &config);
    let s = evaluate(&an, &gold);
    println!(
        "claims {}  facts {} ({} shared)",
        an.claims.len(),
        an.facts.len(),
        an.shared_facts().count()
    );
    println!("{s}");
    for m in &s.missing {
        println!("MISSING  {m}");
    }
    for m in &s.non_claims_as_claims {
        println!("NONCLAIM {m}");
    }
    if verbose {
        for (a, b) in &s.wrong {
            println!("WRONG\n  {a}\n  -> {b}");
        }
        for (a, art) in &s.missed {
            println!("MISSED in {art}\n  {a}");
        }
    }
}
