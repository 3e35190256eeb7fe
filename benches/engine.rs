//! Engine benchmarks (plain harness: `cargo bench --bench engine`).
//!
//! Reports medians over repeated runs:
//! - the whole pipeline on the bundled articles (start-up work of the app);
//! - the pipeline on growing slices of the BBC corpus
//!   (`../shared/data/bbc/`, 2,225 articles, loaded as one story so every
//!   claim is a candidate for every other: the worst case for matching): the time ratio between sizes
//!   shows how matching scales (quadratic would be 4x per doubling);
//! - fuzzy search over every claim, per keystroke.

use crosscheck::corpus::{self, Article};
use crosscheck::search::SearchIndex;
use crosscheck::{Analysis, Corpus};
use std::path::Path;
use std::time::{Duration, Instant};

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut out = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(f());
        out.push(t.elapsed());
    }
    median(out)
}

fn bbc_articles() -> Vec<Article> {
    let root = Path::new("../shared/data/bbc");
    if !root.is_dir() {
        return Vec::new();
    }
    // The BBC files are named 001.txt... in each of five folders: load each
    // folder on its own and qualify the ids, so none is dropped as a
    // duplicate.
    let mut articles = Vec::new();
    for section in ["business", "entertainment", "politics", "sport", "tech"] {
        let c = corpus::load_paths(&[root.join(section)]);
        for mut a in c.articles {
            a.id = format!("{section}/{}", a.id);
            a.story = "bbc".into();
            articles.push(a);
        }
    }
    articles
}

fn main() {
    let bundled = time(21, || Analysis::build(corpus::bundled()));
    println!(
        "pipeline, bundled 5 articles: median {:.2} ms (21 runs)",
        bundled.as_secs_f64() * 1e3
    );

    let an = Analysis::build(corpus::bundled());
    let index = SearchIndex::new(&an);
    let search = time(101, || index.search("14,000"));
    println!(
        "fuzzy search '14,000' over {} claims: median {:.3} ms (101 runs)",
        an.claims.len(),
        search.as_secs_f64() * 1e3
    );

    let bbc = bbc_articles();
    if bbc.is_empty() {
        println!("../shared/data/bbc not found: scaling benchmark skipped");
        return;
    }
    let mut last: Option<(usize, Duration)> = None;
    for n in [250, 500, 1000, 2000] {
        let slice: Vec<Article> = bbc.iter().take(n).cloned().collect();
        let runs = if n >= 1000 { 3 } else { 5 };
        let t = time(runs, || {
            Analysis::build(Corpus::from_articles(slice.clone()))
        });
        let claims = Analysis::build(Corpus::from_articles(slice.clone()))
            .claims
            .len();
        let ratio = last.map(|(_, d)| t.as_secs_f64() / d.as_secs_f64());
        println!(
            "pipeline, BBC {n} articles ({claims} claims, one story): median {:.0} ms ({runs} runs){}",
            t.as_secs_f64() * 1e3,
            ratio.map_or(String::new(), |r| format!(", {r:.2}x the previous size"))
        );
        last = Some((n, t));
    }
}
