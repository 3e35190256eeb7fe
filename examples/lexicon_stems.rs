//! Prints the English Snowball stem of every word read from standard input,
//! one `word<TAB>stem` line per input line, with the `rust-stemmers` crate
//! the engine uses. The lexicon build scripts (`scripts/build_lexicon.py`,
//! `scripts/build_background_df.py`) run it so that the stems they write into
//! `data/lexicon/` are exactly the engine's.
//!
//! `printf 'killed\nadded\n' | cargo run --example lexicon_stems`

use rust_stemmers::{Algorithm, Stemmer};
use std::io::{BufRead, BufWriter, Write};

fn main() -> std::io::Result<()> {
    let stemmer = Stemmer::create(Algorithm::English);
    let stdin = std::io::stdin();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let word = line?;
        writeln!(out, "{word}\t{}", stemmer.stem(&word))?;
    }
    out.flush()
}
