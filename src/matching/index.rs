//! Candidate generation: an inverted index over claims' rare terms and
//! compared quantities, so that each claim is scored against a handful of
//! candidates per article rather than against every claim.

use super::features::{Idf, Profile};
use std::collections::HashMap;

/// Postings from a key (a content stem, or `#unit` for a counted quantity)
/// to the claims that have it.
#[derive(Debug, Default)]
pub struct Index {
    postings: HashMap<String, Vec<usize>>,
    /// Keys held by more claims than this are too common to select on.
    max_postings: usize,
}

impl Index {
    /// Indexes the profiles; `max_share` bounds the fraction of claims a key
    /// may appear in and still be used to generate candidates.
    pub fn build(profiles: &[Profile], _idf: &Idf, max_share: f32) -> Index {
        let mut postings: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in profiles.iter().enumerate() {
            for key in keys(p) {
                postings.entry(key).or_default().push(i);
            }
        }
        let max_postings = ((profiles.len() as f32 * max_share).ceil() as usize).max(8);
        Index {
            postings,
            max_postings,
        }
    }

    /// Claims sharing at least one selective key with `p`, with the summed
    /// weight of the shared keys, best first; `keep` filters candidates.
    pub fn candidates(&self, p: &Profile, keep: impl Fn(usize) -> bool) -> Vec<(usize, f32)> {
        let mut acc: HashMap<usize, f32> = HashMap::new();
        for (key, weight) in weighted_keys(p) {
            let Some(list) = self.postings.get(&key) else {
                continue;
            };
            if list.len() > self.max_postings {
                continue;
            }
            for &c in list {
                if keep(c) {
                    *acc.entry(c).or_insert(0.0) += weight;
                }
            }
        }
        let mut out: Vec<(usize, f32)> = acc.into_iter().collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }
}

fn keys(p: &Profile) -> Vec<String> {
    weighted_keys(p).into_iter().map(|(k, _)| k).collect()
}

fn weighted_keys(p: &Profile) -> Vec<(String, f32)> {
    let mut out: Vec<(String, f32)> = p.terms.iter().map(|(s, w)| (s.clone(), *w)).collect();
    for f in &p.figures {
        if let Some(u) = &f.unit {
            out.push((format!("#{u}"), 2.0));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.dedup_by(|a, b| a.0 == b.0);
    out
}
