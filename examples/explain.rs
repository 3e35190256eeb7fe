//! Why two sentences are (or are not) matched: loads them as two articles
//! and prints every candidate's features and scores.
//!
//! `cargo run --release --example explain -- "first sentence" "second sentence"`

use crosscheck::corpus::{Article, Corpus};
use crosscheck::matching::features::FEATURE_NAMES;
use crosscheck::matching::matcher::{candidates, Context};
use crosscheck::matching::MatchConfig;
use crosscheck::Analysis;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(a), Some(b)) = (args.first(), args.get(1)) else {
        eprintln!("usage: explain SENTENCE_A SENTENCE_B");
        std::process::exit(1);
    };
    let corpus =
        Corpus::from_articles([Article::new("a", a.as_str()), Article::new("b", b.as_str())]);
    let config = MatchConfig::default();
    let an = Analysis::build_with(corpus, &config);
    let p = &config.params;
    let cx = Context::build(&an.articles, &an.claims, p);
    for (c, row) in candidates(&an.articles, &an.claims, &config, &cx)
        .iter()
        .enumerate()
    {
        for cand in row {
            println!(
                "claim {c} -> {}: corpus {:.3} (threshold {:.2}), link {:.3}, gate {:.3} (threshold {:.2}), polarity {:?} (frame {}), figures {:?}, dates {:?}",
                cand.other,
                p.corpus.probability(&cand.vector.values),
                p.match_threshold,
                p.link.probability(&cand.vector.values),
                p.gate.probability(&cand.vector.values),
                p.gate_threshold,
                cand.vector.polarity,
                p.polarity_frame,
                cand.vector.figures,
                cand.vector.dates
            );
            for (n, v) in FEATURE_NAMES.iter().zip(cand.vector.values) {
                if v != 0.0 {
                    println!("  {n:<20} {v:.3}");
                }
            }
        }
    }
    for (c, cl) in an.claims.iter().enumerate() {
        println!(
            "claim {c}: {:?} figures {:?}",
            cl.text,
            cl.figures
                .iter()
                .map(|f| (&f.text, f.low, f.unit.as_deref()))
                .collect::<Vec<_>>()
        );
        for m in an.matches_of(c) {
            println!(
                "  match -> {} {:?} {:.3}: {}",
                m.claim,
                m.relation,
                m.score,
                m.why.summary()
            );
        }
    }
}
