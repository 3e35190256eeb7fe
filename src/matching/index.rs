//! Candidate generation: an inverted index over claims' selective terms and
//! counted quantities, so that each claim is scored against a bounded number
//! of candidates rather than against every claim.
//!
//! Keys held by more than `max(64, 4·√n)` of a story's `n` claims are not
//! used to select candidates (they say little and would make the work
//! quadratic), and only the best
//! [`MatchConfig::candidates`](super::MatchConfig) candidates by summed key
//! weight are scored in full: at most `O(n·√n)` posting visits and `O(n)`
//! pair scorings per story.

use super::profile::{key, Profile};
use std::collections::HashMap;

/// Postings from a key (a content-stem key, or a counted quantity's key) to
/// the claims (local indices) that have it.
#[derive(Debug, Default)]
pub struct Index {
    postings: HashMap<u64, Vec<u32>>,
    max_postings: usize,
}

impl Index {
    /// Indexes the profiles. A key selects candidates only while at most
    /// `max_share` of the claims (and never more than `max(64, 4·√n)`) hold it.
    pub fn build<'a>(profiles: impl IntoIterator<Item = &'a Profile>, max_share: f32) -> Index {
        let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
        let mut n = 0usize;
        for (i, p) in profiles.into_iter().enumerate() {
            n += 1;
            for (k, _) in weighted_keys(p) {
                postings.entry(k).or_default().push(i as u32);
            }
        }
        let by_share = (n as f32 * max_share).ceil() as usize;
        let by_sqrt = ((n as f64).sqrt() * 4.0) as usize;
        let max_postings = by_share.min(by_sqrt.max(64)).max(8);
        Index {
            postings,
            max_postings,
        }
    }

    /// Up to `limit` claims sharing selective keys with `p`, by summed key
    /// weight, best first; `keep` filters them (local indices).
    pub fn candidates(
        &self,
        p: &Profile,
        limit: usize,
        keep: impl Fn(usize) -> bool,
    ) -> Vec<(usize, f32)> {
        let mut acc: HashMap<u32, f32> = HashMap::new();
        for (k, weight) in weighted_keys(p) {
            let Some(list) = self.postings.get(&k) else {
                continue;
            };
            if list.len() > self.max_postings {
                continue;
            }
            for &c in list {
                if keep(c as usize) {
                    *acc.entry(c).or_insert(0.0) += weight;
                }
            }
        }
        let mut out: Vec<(usize, f32)> = acc.into_iter().map(|(c, w)| (c as usize, w)).collect();
        let order = |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        // Select the best `limit` in linear time, then sort only those.
        if out.len() > limit && limit > 0 {
            out.select_nth_unstable_by(limit - 1, order);
        }
        out.truncate(limit);
        out.sort_by(order);
        out
    }
}

/// The keys of a profile with their selection weights: content terms by IDF,
/// counted quantities (`#troops`) with a fixed weight.
fn weighted_keys(p: &Profile) -> Vec<(u64, f32)> {
    let mut out: Vec<(u64, f32)> = p.terms.clone();
    for f in &p.figures {
        if let Some(u) = &f.unit {
            out.push((key(&format!("#{u}")), 2.0));
        }
    }
    out.sort_by_key(|k| k.0);
    out.dedup_by_key(|k| k.0);
    out
}
