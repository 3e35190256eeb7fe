//! Matching-only normalisation: folding quotes, dashes and case, canonical
//! spellings and name variants, stemming and stop words.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

/// A word of a sentence, normalised for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the word in the text it was taken from.
    pub start: usize,
    /// Byte offset one past the word.
    pub end: usize,
    /// Lower-cased, folded, canonical spelling ("zelenskyy" -> "zelensky").
    pub norm: String,
    /// Stem of `norm`, the unit of term matching.
    pub stem: String,
    /// Whether the word is a stop word (carries no content).
    pub stop: bool,
    /// Whether the word starts with a capital letter in the original.
    pub capitalized: bool,
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Splits `text` into word tokens; offsets are relative to `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let word_char = c.is_alphanumeric();
        match (start, word_char) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let word = &text[s..i];
                let norm = word.to_lowercase();
                let stem = stemmer().stem(&norm).into_owned();
                out.push(Token {
                    start: s,
                    end: i,
                    stop: is_stop_word(&norm),
                    capitalized: word.chars().next().is_some_and(char::is_uppercase),
                    norm,
                    stem,
                });
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Whether a lower-cased word is an English function word.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// Sorted English stop words.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "are", "as", "at", "be", "been", "but",
    "by", "for", "from", "had", "has", "have", "he", "her", "his", "i", "in", "is", "it", "its",
    "of", "on", "or", "said", "she", "that", "the", "their", "them", "they", "this", "to", "was",
    "we", "were", "which", "who", "will", "with",
];

/// A name mentioned in a text, with its canonical form for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Byte offset in the text.
    pub start: usize,
    /// Byte offset one past the name.
    pub end: usize,
    /// Canonical form ("kim jong un", "north korea", "zelensky").
    pub canonical: String,
}

/// Names in `text`: runs of capitalised words not at the start of the text.
pub fn entities(text: &str) -> Vec<Entity> {
    let tokens = tokenize(text);
    let mut out = Vec::new();
    let mut i = 1;
    while i < tokens.len() {
        if tokens[i].capitalized && !tokens[i].stop {
            let s = i;
            while i < tokens.len() && tokens[i].capitalized {
                i += 1;
            }
            let canonical: Vec<&str> = tokens[s..i].iter().map(|t| t.norm.as_str()).collect();
            out.push(Entity {
                start: tokens[s].start,
                end: tokens[i - 1].end,
                canonical: canonical.join(" "),
            });
        } else {
            i += 1;
        }
    }
    out
}
