//! The matcher's view of general lexical knowledge ([`crate::lexicon`]):
//! which words are one class ("killed", "died", "dead"), which are
//! opposites ("confirm", "deny"), which words negate, and how common a word
//! is in news at large.
//!
//! One narrow adapter, so that the features depend on these questions and
//! not on how the knowledge is stored; everything is keyed by the 64-bit
//! keys profiles compare.

use super::profile::key;
use crate::lexicon::{lexicon, TermKey};

/// The 64-bit key of a term key: a class is keyed apart from every stem.
fn hashed(k: TermKey<'_>) -> u64 {
    match k {
        TermKey::Stem(s) => key(s),
        TermKey::Class(c) => {
            (u64::from(c) ^ 0x00c1_a55e_5000_0000).wrapping_mul(0x9e37_79b9_7f4a_7c15)
        }
    }
}

/// The key a content stem is matched on: its synonym class where it has
/// one, else the stem itself.
pub fn term_key(stem: &str) -> u64 {
    hashed(lexicon().term_key(stem))
}

/// A word opposite in meaning, as profiles compare it: its matching key,
/// and the key of the stem it must have where the pair holds for one stem
/// only (0: any word of the class).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OppositeKey {
    /// The key the opposite word is matched on.
    pub term: u64,
    /// The key of its stem, or 0 where any word of the class is one.
    pub stem: u64,
}

/// The words opposite in meaning to `stem` ("deny" for "confirm").
pub fn opposite_keys(stem: &str) -> Vec<OppositeKey> {
    lexicon()
        .opposites(stem)
        .into_iter()
        .map(|o| OppositeKey {
            term: hashed(o.key),
            stem: o.stem.map_or(0, key),
        })
        .collect()
}

/// Keys of the words related to `stem` ("acquire" for "buy": close in news
/// use and in WordNet, but not synonyms), with their cosine; a related word
/// in `stem`'s own synonym class is left out.
pub fn related_keys(stem: &str) -> Vec<(u64, f32)> {
    let own = term_key(stem);
    lexicon()
        .related(stem)
        .iter()
        .map(|&(s, c)| (term_key(s), c))
        .filter(|&(k, _)| k != own)
        .collect()
}

/// Whether `norm` (a folded word) is a verb wherever news uses it.
pub fn is_verb(norm: &str) -> bool {
    lexicon().is_verb(norm)
}

/// Whether `norm` (a folded word) negates what follows.
pub fn is_negation(norm: &str) -> bool {
    lexicon().is_negation(norm)
}

/// How many documents of the background news corpus contain the stem.
pub fn background_df(stem: &str) -> Option<u32> {
    lexicon().background_df(stem)
}

/// Documents in the background news corpus.
pub fn background_docs() -> u32 {
    lexicon().background_docs()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::stem;

    #[test]
    fn classes_opposites_and_negation() {
        assert_eq!(term_key(&stem("killed")), term_key(&stem("died")));
        assert_ne!(term_key(&stem("killed")), term_key(&stem("elected")));
        let deny = term_key(&stem("denied"));
        assert!(opposite_keys(&stem("confirmed"))
            .iter()
            .any(|o| o.term == deny));
        // A stem opposite is keyed as the other claim's profile keys it:
        // "wrong" by its class (with "incorrect"), not by its stem.
        // A pair that holds for two stems only names the stem: "lead" is
        // the opposite of "following", "leader" (of its class) is not.
        let wrong = term_key(&stem("wrong"));
        let right = opposite_keys(&stem("right"));
        assert!(right
            .iter()
            .any(|o| o.term == wrong && o.stem == key(&stem("wrong"))));
        assert!(right.iter().all(|o| o.term != term_key(&stem("right"))));
        assert!(is_negation("not") && is_negation("never") && !is_negation("now"));
        let acquire = term_key(&stem("acquire"));
        assert!(related_keys(&stem("buy"))
            .iter()
            .any(|&(k, c)| k == acquire && c > 0.0));
        assert!(related_keys(&stem("the")).is_empty());
        assert!(background_docs() > 10_000);
        assert!(background_df(&stem("government")) > background_df(&stem("earthquake")));
    }
}
