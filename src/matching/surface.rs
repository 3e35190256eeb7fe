//! How alike two claims read on the surface: shared word sequences (BLEU's
//! n-gram precisions), word order (longest common subsequence) and shared
//! character sequences.
//!
//! The term features weigh content words as bags; paraphrase corpora show
//! that how much of the wording carries over, stop words, order and word
//! forms included, tells a restatement from a related sentence that reuses
//! the names ("Shares of X rose 3%" / "X said its shares would rise").
//! Everything is hashed once per claim into small sorted lists, so that
//! comparing two claims is a few merges and allocates nothing.

use super::profile::{for_each_shared, key};
use crate::text::normalize::Token;

/// Words of a claim that count (the first ones): bounds the memory and the
/// word-order work for pathological one-sentence inputs; news sentences are
/// far shorter.
pub const MAX_WORDS: usize = 96;
/// Characters of a claim that count, for the same reason.
pub const MAX_CHARS: usize = 768;
/// Longest word sequence compared (BLEU's usual 4).
const MAX_N: usize = 4;

/// The hashed surface of one claim.
#[derive(Debug, Clone, Default)]
pub struct Surface {
    /// Each word's stem hash, in order (the first [`MAX_WORDS`]).
    sequence: Vec<u32>,
    /// Hashes of every 1- to 4-word sequence, its length in the top two
    /// bits, sorted, repeats kept.
    ngrams: Vec<u32>,
    /// Hashes of every 3- and 4-character sequence of the lower-cased text
    /// (spaces collapsed), its length in the top bit, sorted, repeats kept.
    chars: Vec<u16>,
}

/// How alike two surfaces are; every value is 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SurfaceOverlap {
    /// BLEU-style score, the lower of the two directions: the geometric
    /// mean of the 1- to 4-word sequence precisions (add-one smoothed).
    pub bleu_min: f32,
    /// The same, the higher of the two directions.
    pub bleu_max: f32,
    /// Longest common subsequence of the words, as a share of the longer.
    pub word_order: f32,
    /// Shared 3-character sequences, as a share of the larger count.
    pub char_trigrams: f32,
    /// Shared 4-character sequences, as a share of the larger count.
    pub char_fourgrams: f32,
}

fn mix(h: u32, x: u32) -> u32 {
    (h ^ x).wrapping_mul(0x0100_0193)
}

impl Surface {
    /// The surface of `text`, whose words are `tokens`.
    pub fn of(text: &str, tokens: &[Token]) -> Surface {
        let sequence: Vec<u32> = tokens
            .iter()
            .take(MAX_WORDS)
            // The low half of a 64-bit FNV-1a key; collisions only blur
            // the overlap a little.
            .map(|t| key(&t.stem) as u32)
            .collect();
        let mut ngrams = Vec::with_capacity(sequence.len() * MAX_N);
        for n in 1..=MAX_N {
            for w in sequence.windows(n) {
                let h = w.iter().fold(0x811c_9dc5, |h, &x| mix(h, x));
                ngrams.push((h & 0x3fff_ffff) | ((n as u32 - 1) << 30));
            }
        }
        ngrams.sort_unstable();
        let mut folded: Vec<char> = Vec::with_capacity(text.len().min(MAX_CHARS));
        for c in text.chars() {
            if folded.len() == MAX_CHARS {
                break;
            }
            if c.is_whitespace() {
                if folded.last().is_some_and(|&l| l != ' ') {
                    folded.push(' ');
                }
            } else {
                folded.extend(c.to_lowercase());
            }
        }
        let mut chars = Vec::with_capacity(2 * folded.len());
        for (n, tag) in [(3, 0u16), (4, 0x8000)] {
            for w in folded.windows(n) {
                let h = w.iter().fold(0x811c_9dc5, |h, &c| mix(h, c as u32));
                chars.push(((h ^ (h >> 16)) as u16 & 0x7fff) | tag);
            }
        }
        chars.sort_unstable();
        Surface {
            sequence,
            ngrams,
            chars,
        }
    }

    /// Compares two surfaces; no allocation.
    pub fn compare(&self, other: &Surface) -> SurfaceOverlap {
        let mut shared = [0u32; MAX_N];
        for_each_shared(&self.ngrams, &other.ngrams, |g| {
            shared[(g >> 30) as usize] += 1
        });
        let bleu = |len: usize| {
            if self.sequence.is_empty() || other.sequence.is_empty() {
                return 0.0;
            }
            let logs: f32 = (0..MAX_N)
                .map(|k| {
                    let total = len.saturating_sub(k) as f32;
                    ((shared[k] as f32 + 1.0) / (total + 1.0)).ln()
                })
                .sum();
            (logs / MAX_N as f32).exp()
        };
        let (x, y) = (bleu(self.sequence.len()), bleu(other.sequence.len()));
        let mut shared_chars = [0u32; 2];
        for_each_shared(&self.chars, &other.chars, |g| {
            shared_chars[usize::from(g >> 15)] += 1;
        });
        // Sorted with the length in the top bit: the trigrams come first.
        let counts = |s: &Surface, k: usize| {
            let trigrams = s.chars.partition_point(|&g| g < 0x8000);
            if k == 0 {
                trigrams
            } else {
                s.chars.len() - trigrams
            }
        };
        let share = |k: usize| {
            let most = counts(self, k).max(counts(other, k));
            if most == 0 {
                0.0
            } else {
                shared_chars[k] as f32 / most as f32
            }
        };
        let longer = self.sequence.len().max(other.sequence.len());
        SurfaceOverlap {
            bleu_min: x.min(y),
            bleu_max: x.max(y),
            word_order: if longer == 0 {
                0.0
            } else {
                common_subsequence(&self.sequence, &other.sequence) as f32 / longer as f32
            },
            char_trigrams: share(0),
            char_fourgrams: share(1),
        }
    }
}

/// Length of the longest common subsequence, in one row of a fixed-size
/// table (both sides hold at most [`MAX_WORDS`]).
fn common_subsequence(a: &[u32], b: &[u32]) -> usize {
    let mut row = [0u16; MAX_WORDS + 1];
    let b = &b[..b.len().min(MAX_WORDS)];
    for &x in a.iter().take(MAX_WORDS) {
        let mut diagonal = 0u16;
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    usize::from(row[b.len()])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::tokenize;

    fn surface(t: &str) -> Surface {
        Surface::of(t, &tokenize(t))
    }

    #[test]
    fn the_same_sentence_overlaps_fully() {
        let a = surface("The central bank raised its key rate by half a point on Tuesday.");
        let o = a.compare(&a);
        assert!((o.bleu_min - 1.0).abs() < 1e-6, "{o:?}");
        assert!((o.word_order - 1.0).abs() < 1e-6);
        assert!((o.char_trigrams - 1.0).abs() < 1e-6);
        assert!((o.char_fourgrams - 1.0).abs() < 1e-6);
    }

    #[test]
    fn a_restatement_overlaps_more_than_a_sentence_reusing_the_names() {
        let a = surface(
            "Shares of Nordwind Air fell 12 percent on Monday after the airline cut its forecast.",
        );
        let close =
            surface("Nordwind Air's shares fell 12 percent on Monday after it cut its forecast.");
        let other = surface("Nordwind Air said on Monday it would open three routes to Lisbon.");
        let (c, o) = (a.compare(&close), a.compare(&other));
        assert!(c.bleu_min > o.bleu_min, "{c:?} {o:?}");
        assert!(c.word_order > o.word_order);
        assert!(c.char_fourgrams > o.char_fourgrams);
    }

    #[test]
    fn word_order_counts_the_longest_common_subsequence() {
        assert_eq!(common_subsequence(&[1, 2, 3, 4], &[1, 3, 4, 2]), 3);
        assert_eq!(common_subsequence(&[], &[1]), 0);
        let a = surface("the rebels took the town");
        let b = surface("the town took the rebels");
        let o = a.compare(&b);
        // Same words, other order: the word sequences and order tell.
        assert!(o.word_order < 1.0 && o.bleu_max < 1.0, "{o:?}");
    }

    #[test]
    fn empty_and_huge_inputs_are_bounded() {
        let empty = surface("");
        assert_eq!(empty.compare(&empty), SurfaceOverlap::default());
        let huge = "word ".repeat(100_000);
        let h = surface(&huge);
        assert!(h.sequence.len() <= MAX_WORDS);
        assert!(h.chars.len() <= 2 * MAX_CHARS);
        let o = h.compare(&surface("word word word"));
        assert!(o.word_order > 0.0 && o.word_order <= 1.0);
    }
}
