//! Article context: how alike two articles are as a whole.
//!
//! Two articles about different events rarely state the same fact, even
//! when two of their sentences look alike ("... killed 12 people on
//! Tuesday"). Each article gets one weighted term vector (the sum of its
//! claims' content terms and names, each mention of a name weighing the
//! trained [`Params::name_boost`](super::Params::name_boost)); the cosine of
//! two vectors is the `article_similarity` feature. Vectors are built once,
//! in time linear in the text; cosines are computed only for article pairs
//! that candidates bring together, and cached.
//!
//! Among many articles about many events, an article's fellow coverage is
//! its nearest: `article_nearness` is the pair's cosine as a share of the
//! best cosine either article has with any article its claims' candidates
//! come from (1 for an article's nearest). Events of one kind ("a court
//! ruled", "the virus spread") look alike as a whole; the coverage of one
//! event looks most alike.

use super::profile::Profile;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// One unit-length sparse term vector per article.
#[derive(Debug, Default)]
pub struct ArticleVectors {
    vectors: Vec<Vec<(u64, f32)>>,
    cache: Mutex<HashMap<(u32, u32), f32>>,
    /// Per article, its best cosine with an article its claims' candidates
    /// come from: set once candidates are generated.
    nearest: OnceLock<Vec<f32>>,
}

/// Terms kept per article vector (the heaviest): bounds the cost of a
/// cosine on very long articles.
const MAX_TERMS: usize = 400;

impl ArticleVectors {
    /// Builds the vectors of `n_articles` articles from their claims'
    /// profiles (`article_of[i]` is claim `i`'s article), each mention of a
    /// name adding `name_boost`.
    pub fn build(
        n_articles: usize,
        profiles: &[Profile],
        article_of: &[usize],
        name_boost: f32,
    ) -> ArticleVectors {
        let mut acc: Vec<HashMap<u64, f32>> = vec![HashMap::new(); n_articles];
        for (p, &a) in profiles.iter().zip(article_of) {
            let Some(v) = acc.get_mut(a) else { continue };
            for &(k, w) in &p.terms {
                *v.entry(k).or_insert(0.0) += w;
            }
            for &e in &p.entities {
                // Names are keyed apart from terms (a different key space).
                *v.entry(e ^ 0x5bd1_e995_0000_0001).or_insert(0.0) += name_boost;
            }
        }
        let vectors = acc
            .into_iter()
            .map(|m| {
                let mut v: Vec<(u64, f32)> = m.into_iter().collect();
                if v.len() > MAX_TERMS {
                    v.select_nth_unstable_by(MAX_TERMS - 1, |a, b| b.1.total_cmp(&a.1));
                    v.truncate(MAX_TERMS);
                }
                v.sort_unstable_by_key(|t| t.0);
                let norm = v.iter().map(|t| t.1 * t.1).sum::<f32>().sqrt();
                if norm > 0.0 {
                    for t in &mut v {
                        t.1 /= norm;
                    }
                }
                v
            })
            .collect();
        ArticleVectors {
            vectors,
            cache: Mutex::new(HashMap::new()),
            nearest: OnceLock::new(),
        }
    }

    /// Records each article's best cosine with the articles candidates
    /// brought it together with (`best[a]`); only the first call counts
    /// (candidates do not depend on the models).
    pub fn set_nearest(&self, best: Vec<f32>) {
        let _ = self.nearest.set(best);
    }

    /// `article_nearness` of articles `a` and `b`: their cosine as a share
    /// of the better of the two articles' best cosines (0 to 1; 0 before
    /// [`ArticleVectors::set_nearest`]).
    pub fn nearness(&self, a: usize, b: usize) -> f32 {
        let Some(best) = self.nearest.get() else {
            return 0.0;
        };
        let top = best
            .get(a)
            .copied()
            .unwrap_or(0.0)
            .max(best.get(b).copied().unwrap_or(0.0));
        if top > 0.0 {
            (self.similarity(a, b) / top).min(1.0)
        } else {
            0.0
        }
    }

    /// Cosine similarity of articles `a` and `b` (0 to 1).
    pub fn similarity(&self, a: usize, b: usize) -> f32 {
        let k = (a.min(b) as u32, a.max(b) as u32);
        if let Ok(c) = self.cache.lock() {
            if let Some(&s) = c.get(&k) {
                return s;
            }
        }
        let s = match (self.vectors.get(a), self.vectors.get(b)) {
            (Some(x), Some(y)) => dot(x, y),
            _ => 0.0,
        };
        if let Ok(mut c) = self.cache.lock() {
            c.insert(k, s);
        }
        s
    }
}

fn dot(a: &[(u64, f32)], b: &[(u64, f32)]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::profile::Idf;

    /// One profile per text, with term weights over these texts.
    fn profiles_of(texts: &[&str]) -> Vec<Profile> {
        let idf = Idf::from_texts(texts.iter().copied());
        texts
            .iter()
            .map(|t| Profile::new(t, Vec::new(), &idf))
            .collect()
    }

    #[test]
    fn same_event_articles_are_closer_than_different_events() {
        let texts = [
            "The earthquake struck the coastal city on Tuesday, killing 45 people.",
            "Rescuers searched collapsed buildings in the coastal city after the quake.",
            "At least 52 people were killed when the earthquake hit the coastal city.",
            "The central bank raised its key interest rate by half a point.",
        ];
        let profiles = profiles_of(&texts);
        // Articles: 0 = texts 0 and 1, 1 = text 2, 2 = text 3.
        let v = ArticleVectors::build(3, &profiles, &[0, 0, 1, 2], 2.0);
        assert!(v.similarity(0, 1) > v.similarity(0, 2));
        assert!((v.similarity(0, 1) - v.similarity(1, 0)).abs() < 1e-6);
        assert!(v.similarity(0, 2) < 0.05);
    }

    #[test]
    fn nearness_is_relative_to_each_articles_nearest() {
        let texts = [
            "The court in Lyon ruled the factory must close.",
            "Judges in Lyon ordered the factory to close.",
            "The court in Lyon fined the bakery.",
        ];
        let profiles = profiles_of(&texts);
        let v = ArticleVectors::build(3, &profiles, &[0, 1, 2], 2.0);
        assert_eq!(v.nearness(0, 1), 0.0, "unknown before candidates");
        let best = (0..3)
            .map(|a| {
                (0..3)
                    .filter(|&b| b != a)
                    .map(|b| v.similarity(a, b))
                    .fold(0.0, f32::max)
            })
            .collect();
        v.set_nearest(best);
        let (near, far) = (v.nearness(0, 1), v.nearness(0, 2));
        assert!(near > far, "{near} {far}");
        assert!((0.0..=1.0).contains(&far));
    }
}
