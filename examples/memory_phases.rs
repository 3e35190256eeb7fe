//! Where the memory goes: runs the export pipeline phase by phase on the
//! given paths under a counting allocator and prints, after each phase, the
//! bytes still allocated and the peak so far (in MB and as a multiple of
//! the input size).
//!
//! ```sh
//! cargo run --release --example memory_phases -- big.txt
//! ```

use crosscheck::{claims, corpus, export, matching, text};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator, counting live and peak bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grow(n: usize) {
    let live = LIVE.fetch_add(n, Ordering::Relaxed) + n;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

// SAFETY: every call is forwarded to `System` unchanged; only counters are
// updated besides.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Old and new block are both alive while the bytes are copied.
        grow(new_size);
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args_os().skip(1).map(Into::into).collect();
    let input: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let mb = |b: usize| b as f64 / 1e6;
    let report = |phase: &str| {
        let (live, peak) = (LIVE.load(Ordering::Relaxed), PEAK.load(Ordering::Relaxed));
        println!(
            "{phase:<22} live {:>9.1} MB  peak {:>9.1} MB  ({:.1}x input)",
            mb(live),
            mb(peak),
            peak as f64 / input.max(1) as f64
        );
    };
    println!("input {:.1} MB", input as f64 / 1e6);
    let corpus = corpus::load_paths(&paths);
    report("load");
    let articles = corpus.articles;
    let documents: Vec<_> = articles.iter().map(|a| text::segment(&a.text)).collect();
    report("segment");
    let mut all = Vec::new();
    for (i, (a, d)) in articles.iter().zip(&documents).enumerate() {
        all.extend(claims::extract(i, a, d));
    }
    report("claims");
    println!("  ({} claims)", all.len());
    let config = matching::MatchConfig::default();
    let mut matched = matching::match_claims(&articles, &all, &config);
    report("match");
    let facts = matching::group_facts(
        &all,
        &mut matched.best,
        &mut matched.differing,
        &matched.copies,
        config.params.fact_linkage,
    );
    report("facts");
    drop((documents, all, matched, facts));
    let analysis = crosscheck::Analysis::build(crosscheck::Corpus::from_articles(articles));
    report("Analysis::build again");
    let doc = export::to_doc(&analysis);
    report("export::to_doc");
    drop(doc);
    let json = export::to_json(&analysis);
    report("export::to_json");
    println!("  (JSON {:.1} MB)", mb(json.len()));
}
