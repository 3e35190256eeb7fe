//! Measures how long parsing the compiled-in lexicon takes (what the first
//! call of `crosscheck::lexicon::lexicon()` costs) and how long lookups take.
//! Prints the median, minimum and maximum of 21 runs.
//!
//! `cargo run --release --example lexicon_bench`

use crosscheck::lexicon::{stem, Lexicon, Sources};
use std::hint::black_box;
use std::time::{Duration, Instant};

const RUNS: usize = 21;

fn summary(mut times: Vec<Duration>) -> (Duration, Duration, Duration) {
    times.sort();
    (times[times.len() / 2], times[0], times[times.len() - 1])
}

fn main() {
    let sources = Sources::compiled_in();
    let bytes: usize = [
        sources.countries,
        sources.titles,
        sources.stopwords,
        sources.spelling,
        sources.synonyms,
        sources.antonyms,
        sources.negation,
        sources.noun_classes,
        sources.numbers,
        sources.currencies,
        sources.calendar,
        sources.background_df,
    ]
    .iter()
    .map(|s| s.len())
    .sum();
    let mut parse = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        let lex = Lexicon::parse(&sources).expect("compiled-in tables parse");
        parse.push(t.elapsed());
        black_box(lex);
    }
    let (median, min, max) = summary(parse);
    println!("tables: {bytes} bytes compiled in");
    println!("parse: median {median:?} (min {min:?}, max {max:?}) over {RUNS} runs");

    // Lookups: a mix of words, phrases and stems, as the engine asks them.
    let lex = crosscheck::lexicon::lexicon();
    let words = [
        "the",
        "killed",
        "earthquake",
        "moscow",
        "tuesday",
        "percent",
        "troops",
        "said",
        "confirmed",
        "denied",
        "$",
        "bn",
        "government",
        "people",
        "colour",
        "u.s.",
    ];
    let stems: Vec<String> = words.iter().map(|w| stem(w)).collect();
    let mut look = Vec::with_capacity(RUNS);
    let rounds = 10_000;
    for _ in 0..RUNS {
        let t = Instant::now();
        let mut hits = 0usize;
        for _ in 0..rounds {
            for (w, s) in words.iter().zip(&stems) {
                hits += usize::from(lex.is_stop(w));
                hits += usize::from(lex.synonym_class(s).is_some());
                hits += usize::from(lex.background_df(s).is_some());
                hits += usize::from(lex.place(w).is_some());
                hits += usize::from(lex.currency(w).is_some());
            }
        }
        let lookups = rounds * u32::try_from(words.len()).unwrap_or(u32::MAX) * 5;
        look.push(t.elapsed() / lookups);
        black_box(hits);
    }
    let (median, min, max) = summary(look);
    println!("lookup: median {median:?} (min {min:?}, max {max:?}) per call over {RUNS} runs");
}
