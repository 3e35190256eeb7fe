//! Search per keystroke at 100,000+ texts (plain harness:
//! `cargo bench --bench search`).
//!
//! The texts are the titles and the sentences of Reuters-21578
//! (`../shared/data/reuters21578`, read from the SGML here; skipped when the
//! folder is absent), about the number of claims a month of wire copy
//! gives. Queries are typed a character at a time; every prefix is one
//! keystroke. Each engine runs every keystroke of every query five times;
//! reported are the median and the 90th percentile per keystroke:
//!
//! * `fuzzy-matcher` (`SkimMatcherV2`, the finder's former engine) and
//!   `nucleo-matcher` (fzf's algorithm), each scoring every text at every
//!   keystroke (a fuzzy score only, no ranking beyond it);
//! * crosscheck's search (`src/search.rs`: whole words, word starts,
//!   insides, compact scattered matches), from scratch at every keystroke
//!   and incrementally (a [`Session`] narrowing the previous keystroke's
//!   matches), as the browser calls it.

use crosscheck::search::{Catalog, SearchIndex, Session, Source, Target};
use crosscheck::text::segment;
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::time::{Duration, Instant};

const QUERIES: [&str; 6] = [
    "cocoa",
    "opec output",
    "bundesbank",
    "north sea oil",
    "dlrs per share",
    "zenchiku",
];

const REPEATS: usize = 5;

#[path = "common/reuters.rs"]
mod reuters;

/// Titles and sentences of every Reuters-21578 article with a body.
fn reuters_texts() -> Vec<String> {
    let mut out = Vec::new();
    for a in reuters::articles(22) {
        if let Some(t) = &a.title {
            out.push(t.clone());
        }
        let d = segment(&a.text);
        for s in &d.sentences {
            out.push(
                a.text[s.start..s.end]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
    }
    out
}

/// The `pct`-th percentile of `times` (nearest rank, rounded half up).
fn percentile(times: &[Duration], pct: usize) -> Duration {
    let mut v = times.to_vec();
    v.sort();
    v[(v.len().saturating_sub(1) * pct + 50) / 100]
}

fn report(name: &str, times: &[Duration]) {
    println!(
        "{name:<42} median {:>7.2} ms   p90 {:>7.2} ms   ({} keystrokes)",
        percentile(times, 50).as_secs_f64() * 1e3,
        percentile(times, 90).as_secs_f64() * 1e3,
        times.len()
    );
}

/// Every prefix of every query, `REPEATS` times, then the whole query
/// with a trailing space; `f(query)` per keystroke.
fn keystrokes(mut f: impl FnMut(&str) -> usize) -> Vec<Duration> {
    let mut times = Vec::new();
    for _ in 0..REPEATS {
        for q in QUERIES {
            let typed: Vec<String> = (1..=q.chars().count())
                .map(|n| q.chars().take(n).collect())
                .collect();
            for prefix in &typed {
                let t = Instant::now();
                std::hint::black_box(f(prefix));
                times.push(t.elapsed());
            }
        }
    }
    times
}

fn main() {
    let texts = reuters_texts();
    if texts.is_empty() {
        println!("search bench: ../shared/data/reuters21578 not found, skipped");
        return;
    }
    println!(
        "search over {} Reuters-21578 titles and sentences, {} queries typed a key at a time",
        texts.len(),
        QUERIES.len()
    );

    let skim = SkimMatcherV2::default().smart_case();
    report(
        "fuzzy-matcher (skim v2), full scan",
        &keystrokes(|q| {
            texts
                .iter()
                .filter(|t| skim.fuzzy_match(t, q).is_some())
                .count()
        }),
    );

    let mut nucleo = Matcher::new(Config::DEFAULT);
    let haystacks: Vec<nucleo_matcher::Utf32String> =
        texts.iter().map(|t| t.as_str().into()).collect();
    let mut needle_buf = Vec::new();
    report(
        "nucleo-matcher, full scan",
        &keystrokes(|q| {
            let needle = Utf32Str::new(q, &mut needle_buf);
            haystacks
                .iter()
                .filter(|h| nucleo.fuzzy_match(h.slice(..), needle).is_some())
                .count()
        }),
    );
    let mut catalog = Catalog::with_sources(vec![Source {
        id: "reuters".into(),
        story: "reuters".into(),
    }]);
    for (i, t) in texts.iter().enumerate() {
        catalog.push(Target::Claim(i), 0, &i.to_string(), t);
    }
    let index = SearchIndex::from_catalog(catalog);
    report(
        "crosscheck search, from scratch",
        &keystrokes(|q| Session::new().search(&index, q).len()),
    );
    // As the browser calls it: one session, each keystroke narrowing the
    // last (a new query starts over by itself).
    let mut session = Session::new();
    report(
        "crosscheck search, incremental (Session)",
        &keystrokes(|q| session.search(&index, q).len()),
    );
    if std::env::var_os("SEARCH_BENCH_DETAIL").is_some() {
        for q in QUERIES {
            let mut s = Session::new();
            for n in 1..=q.chars().count() {
                let p: String = q.chars().take(n).collect();
                let t = Instant::now();
                let hits = s.search(&index, &p).len();
                println!(
                    "  {p:<16} {:>7.2} ms  {hits} hits",
                    t.elapsed().as_secs_f64() * 1e3
                );
            }
        }
    }
}
