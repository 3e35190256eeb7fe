//! The cache's serialisation format (plain harness: `cargo bench --bench
//! cache`): postcard (used), bincode 2 and JSON, writing and reading the
//! whole analysis of the first four Reuters-21578 files
//! (`../shared/data/reuters21578`; skipped when absent). Medians of five
//! runs, and the size.

#[path = "common/reuters.rs"]
mod reuters;

use crosscheck::{Analysis, Corpus};
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut runs = Vec::new();
    let mut out = None;
    for _ in 0..5 {
        let t = Instant::now();
        out = Some(std::hint::black_box(f()));
        runs.push(t.elapsed());
    }
    (median(runs), out.expect("five runs"))
}

fn row(name: &str, write: Duration, read: Duration, bytes: usize) {
    println!(
        "{name:<10} write {:>8.1} ms   read {:>8.1} ms   {:>6.1} MB",
        write.as_secs_f64() * 1e3,
        read.as_secs_f64() * 1e3,
        bytes as f64 / 1e6
    );
}

fn main() {
    let articles = reuters::articles(4);
    if articles.is_empty() {
        println!("cache bench: ../shared/data/reuters21578 not found, skipped");
        return;
    }
    let an = Analysis::build(Corpus::from_articles(articles));
    println!(
        "analysis of {} Reuters-21578 articles, {} claims (medians of 5 runs)",
        an.articles.len(),
        an.claims.len()
    );
    let (w, bytes) = time(|| postcard::to_stdvec(&an).expect("postcard"));
    let (r, back) = time(|| postcard::from_bytes::<Analysis>(&bytes).expect("postcard"));
    assert_eq!(back.claims.len(), an.claims.len());
    row("postcard", w, r, bytes.len());

    let config = bincode::config::standard();
    let (w, bytes) = time(|| bincode::serde::encode_to_vec(&an, config).expect("bincode"));
    let (r, back) = time(|| {
        bincode::serde::decode_from_slice::<Analysis, _>(&bytes, config)
            .expect("bincode")
            .0
    });
    assert_eq!(back.claims.len(), an.claims.len());
    row("bincode 2", w, r, bytes.len());

    let (w, bytes) = time(|| serde_json::to_vec(&an).expect("json"));
    let (r, back) = time(|| serde_json::from_slice::<Analysis>(&bytes).expect("json"));
    assert_eq!(back.claims.len(), an.claims.len());
    row("JSON", w, r, bytes.len());

    let (build, _) = time(|| {
        Analysis::build(Corpus::from_articles(an.articles.iter().cloned().map(
            |mut a| {
                a.story = crosscheck::corpus::DEFAULT_STORY.to_string();
                a
            },
        )))
    });
    println!(
        "(building the analysis itself: {:.0} ms)",
        build.as_secs_f64() * 1e3
    );
}
