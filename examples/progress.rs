//! Prints the progress reports of an analysis, one line per step, with the
//! time each step took: what `export`'s progress bar shows, and where the
//! time goes.
//!
//! `cargo run --release --example progress -- PATHS...`

use crosscheck::matching::MatchConfig;
use crosscheck::progress::{Progress, Stage};
use crosscheck::{corpus, Analysis};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let t = Instant::now();
    let corpus = if paths.is_empty() {
        corpus::bundled()
    } else {
        corpus::load_paths(&paths)
    };
    println!(
        "{:<20} {:>8.2} s  {} articles",
        Stage::Reading.describe(),
        t.elapsed().as_secs_f64(),
        corpus.articles.len()
    );
    let last: Mutex<Option<(Stage, Duration)>> = Mutex::new(None);
    let report = |p: Progress| {
        let Ok(mut last) = last.lock() else { return };
        if last.is_some_and(|(s, _)| s == p.stage) {
            return;
        }
        if let Some((s, started)) = *last {
            println!(
                "{:<20} {:>8.2} s  {} claims, {} stories",
                s.describe(),
                p.elapsed.saturating_sub(started).as_secs_f64(),
                p.claims,
                p.stories
            );
        }
        *last = Some((p.stage, p.elapsed));
    };
    let an = Analysis::build_with_progress(corpus, &MatchConfig::default(), &report);
    println!("{} facts", an.facts.len());
}
