//! The matcher's view of general lexical knowledge: which words are one
//! class ("killed", "died", "dead"), which are opposites ("confirm",
//! "deny"), which words negate, and how common a word is in news at large.
//!
//! One narrow adapter, so that the features depend on these questions and
//! not on how the knowledge is stored.

use super::synonyms::canonical;

/// Words that negate what follows them in their clause. Grammar, not
/// knowledge of any story.
const NEGATIONS: &[&str] = &[
    "cannot", "never", "no", "nor", "not", "n't", "neither", "none", "nobody", "nothing",
    "without",
];

/// The key a content stem is matched on: its synonym class where it has
/// one, else the stem itself.
pub fn class_of(stem: &str) -> &str {
    canonical(stem)
}

/// Whether `norm` (a folded word) negates what follows.
pub fn is_negation(norm: &str) -> bool {
    NEGATIONS.contains(&norm) || norm.ends_with("n't")
}

/// Class keys opposite in meaning to the class of `stem` ("deny" for
/// "confirm"), as stems of their class heads.
pub fn antonyms_of(_stem: &str) -> Vec<String> {
    Vec::new()
}

/// The number of documents of the background news corpus, and how many of
/// them contain the stem (`None`: not in the background statistics).
pub fn background_df(_stem: &str) -> Option<u32> {
    None
}

/// Documents in the background news corpus (0: no background statistics).
pub fn background_docs() -> u32 {
    0
}
