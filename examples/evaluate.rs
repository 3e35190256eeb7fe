//! Every quality figure of the matcher in one run, on data the weights
//! never saw unless marked "train".
//!
//! `cargo run --release --example evaluate [-- --final] [-- -v]`
//!
//! * seeds: the bundled articles against `tests/gold/seeds.toml`;
//! * BASIL gold (`tests/gold/basil_{train,validation}.toml`), each event its
//!   own story, and all 300 articles in one story (cross-event matches);
//! * `allsides_neus` excerpts, training and validation stories each in one
//!   story (cross-event matches between events of one kind);
//! * contrast pairs (`tests/gold/contrast.toml`), separate and pooled; the
//!   sealed test split with `--final` only, its errors never listed;
//! * MSRP train; with `--final` also MSRP test (evaluation only).

use crosscheck::evaluation::contrast::{self, ContrastSet};
use crosscheck::evaluation::datasets::{self, BasilStories};
use crosscheck::evaluation::events::event_scores;
use crosscheck::evaluation::{evaluate, Gold};
use crosscheck::matching::features::{pair_score, pairs_idf};
use crosscheck::matching::{MatchConfig, Params, Relation};
use crosscheck::{corpus, Analysis};
use std::path::Path;
use std::time::Instant;

const SHARED: &str = "../shared/data";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let final_eval = args.iter().any(|a| a == "--final");
    let verbose = args.iter().any(|a| a == "-v");
    let config = MatchConfig::default();

    let t = Instant::now();
    let gold = Gold::parse(include_str!("../tests/gold/seeds.toml")).expect("seed gold parses");
    let s = evaluate(&Analysis::build_with(corpus::bundled(), &config), &gold);
    println!("seeds gold            {s}");
    if verbose {
        for (a, b) in &s.wrong {
            println!("  WRONG  {a}\n      -> {b}");
        }
        for (a, art) in &s.missed {
            println!("  MISSED in {art}: {a}");
        }
    }

    let basil = Path::new(SHARED).join("basil");
    for (name, file) in [
        ("basil gold train     ", "tests/gold/basil_train.toml"),
        ("basil gold validation", "tests/gold/basil_validation.toml"),
    ] {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        let gold = Gold::parse(&text).expect("gold parses");
        let events = gold.basil_events();
        let (c, _) = datasets::basil(&basil, BasilStories::ByEvent, |e| events.contains(e))
            .expect("BASIL loads");
        let s = evaluate(&Analysis::build_with(c, &config), &gold);
        println!("{name} {s}");
        if verbose {
            for (a, b) in &s.wrong {
                println!("  WRONG  {a}\n      -> {b}");
            }
            for (a, art) in &s.missed {
                println!("  MISSED in {art}: {a}");
            }
        }
    }
    if let Ok((c, events)) = datasets::basil(&basil, BasilStories::One, |_| true) {
        let t = Instant::now();
        let an = Analysis::build_with(c, &config);
        println!(
            "basil one story       {}  ({:.1} s)",
            event_scores(&an, &events),
            t.elapsed().as_secs_f64()
        );
    }
    // AllSides / NeuS stories in one story: many events of one kind.
    let neus = Path::new(SHARED).join("allsides_neus");
    for (name, validation) in [
        ("neus one story train  ", false),
        ("neus one story valid. ", true),
    ] {
        if let Ok((c, events)) =
            datasets::neus(&neus, |id| datasets::neus_validation(id) == validation)
        {
            let an = Analysis::build_with(c, &config);
            println!("{name} {}", event_scores(&an, &events));
            if verbose && !validation {
                // A sample of the training split's matches across events.
                let cross = an.claims.iter().enumerate().flat_map(|(i, claim)| {
                    an.matches_of(i)
                        .filter(|m| {
                            m.relation != Relation::Related
                                && events[claim.article] != events[m.article]
                        })
                        .map(move |m| (i, m.claim))
                });
                for (a, b) in cross.step_by(97).take(12) {
                    println!(
                        "  ACROSS {}\n      -> {}",
                        an.claims[a].text, an.claims[b].text
                    );
                }
            }
        }
    }

    if let Ok(text) = std::fs::read_to_string("tests/gold/contrast.toml") {
        let set = ContrastSet::parse(&text).expect("contrast parses");
        // The sealed test split is reported with `--final` only, and its
        // errors are never listed: no rule may be fitted to them.
        let splits: &[&str] = if final_eval {
            &["train", "validation", "test"]
        } else {
            &["train", "validation"]
        };
        for &split in splits {
            let pairs: Vec<_> = set.pair.iter().filter(|p| p.split == split).collect();
            let sep = contrast::separate(&pairs, &config);
            let pool = contrast::pooled(&pairs, &config);
            println!(
                "contrast {split:<10}   separate {:.3} ({}/{})  pooled {:.3} ({}/{}, {} cross-pair matches)",
                sep.accuracy(),
                sep.totals().0,
                sep.totals().1,
                pool.accuracy(),
                pool.totals().0,
                pool.totals().1,
                pool.cross_pair_matches
            );
            for (cat, (r, n)) in &sep.by_category {
                println!("    {cat:<40} {r}/{n}");
            }
            if verbose && split != "test" {
                for (cat, a, b, e, g) in &sep.wrong {
                    println!("  WRONG [{cat}] expected {e}, got {g}\n    {a}\n    {b}");
                }
                for (cat, a, b, e, g) in &pool.wrong {
                    println!("  WRONG POOLED [{cat}] expected {e}, got {g}\n    {a}\n    {b}");
                }
            }
        }
    }

    let msrp = Path::new(SHARED).join("msrp");
    let mut splits = vec!["train"];
    if final_eval {
        splits.push("test");
    }
    for split in splits {
        let Ok(pairs) = datasets::msrp(&msrp.join(format!("msr_paraphrase_{split}.txt"))) else {
            continue;
        };
        let idf = pairs_idf(pairs.iter().flat_map(|p| [p.a.as_str(), p.b.as_str()]));
        let (mut tp, mut fp, mut tn, mut fn_) = (0u32, 0u32, 0u32, 0u32);
        for p in &pairs {
            let yes = pair_score(&p.a, &p.b, &idf).score >= Params::trained().pairs_threshold;
            match (yes, p.same) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, false) => tn += 1,
                (false, true) => fn_ += 1,
            }
        }
        let acc = f64::from(tp + tn) / pairs.len() as f64;
        let f1 = 2.0 * f64::from(tp) / f64::from(2 * tp + fp + fn_);
        println!(
            "msrp {split:<5}            accuracy {acc:.3}  F1 {f1:.3}  ({} pairs)",
            pairs.len()
        );
    }
    println!("({:.1} s in all)", t.elapsed().as_secs_f64());
}
