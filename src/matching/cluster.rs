//! Average-linkage clustering of claims into candidate facts.
//!
//! Two claims of different articles are linked by their pair score. Clusters
//! merge, best first, while the average score over all their cross pairs
//! (missing links count 0) stays at or above a threshold. A claim's cluster
//! then lends support to matches that the pair score alone misses: if three
//! outlets' versions of a fact match each other, the fourth outlet's version
//! that matches two of them is likely the same fact too.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

/// A candidate merge in the heap; stale when either cluster has changed.
#[derive(Debug, PartialEq)]
struct Merge {
    linkage: f32,
    a: usize,
    b: usize,
    version_a: u32,
    version_b: u32,
}

impl Eq for Merge {}

impl Ord for Merge {
    fn cmp(&self, other: &Self) -> Ordering {
        self.linkage
            .total_cmp(&other.linkage)
            .then_with(|| other.a.cmp(&self.a))
            .then_with(|| other.b.cmp(&self.b))
    }
}

impl PartialOrd for Merge {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Most claims in one cluster: a fact is stated a handful of times per
/// article, and the bound keeps every merge, and everything computed per
/// cluster member, cheap on stories of any size.
pub const MAX_CLUSTER: usize = 64;

/// Clusters `n` items linked by `edges` (`(a, b, score)`, any order,
/// duplicates keep the maximum) with average linkage at `threshold`; no
/// cluster grows past [`MAX_CLUSTER`] items. Returns each item's cluster id
/// (ids are item indices of a member).
pub fn average_linkage(n: usize, edges: &[(usize, usize, f32)], threshold: f32) -> Vec<usize> {
    // Symmetric link sums between current clusters.
    let mut links: Vec<HashMap<usize, f32>> = vec![HashMap::new(); n];
    for &(a, b, s) in edges {
        if a == b || a >= n || b >= n {
            continue;
        }
        let e = links[a].entry(b).or_insert(0.0);
        *e = e.max(s);
        let e = links[b].entry(a).or_insert(0.0);
        *e = e.max(s);
    }
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut version = vec![0u32; n];
    let mut alive = vec![true; n];
    let mut heap = BinaryHeap::new();
    let linkage = |sum: f32, x: usize, y: usize, members: &[Vec<usize>]| {
        sum / (members[x].len() * members[y].len()) as f32
    };
    for (a, row) in links.iter().enumerate() {
        for (&b, &s) in row {
            if a < b && s >= threshold {
                heap.push(Merge {
                    linkage: s,
                    a,
                    b,
                    version_a: 0,
                    version_b: 0,
                });
            }
        }
    }
    while let Some(m) = heap.pop() {
        if m.linkage < threshold {
            break;
        }
        if !alive[m.a] || !alive[m.b] || version[m.a] != m.version_a || version[m.b] != m.version_b
        {
            continue;
        }
        if members[m.a].len() + members[m.b].len() > MAX_CLUSTER {
            continue;
        }
        // Merge the smaller cluster into the larger one.
        let (keep, gone) = if members[m.a].len() >= members[m.b].len() {
            (m.a, m.b)
        } else {
            (m.b, m.a)
        };
        alive[gone] = false;
        let moved = std::mem::take(&mut members[gone]);
        members[keep].extend(moved);
        version[keep] += 1;
        let gone_links = std::mem::take(&mut links[gone]);
        links[keep].remove(&gone);
        for (c, s) in gone_links {
            if c == keep {
                continue;
            }
            *links[keep].entry(c).or_insert(0.0) += s;
            links[c].remove(&gone);
            let total = links[keep][&c];
            links[c].insert(keep, total);
        }
        for (&c, &sum) in &links[keep] {
            if !alive[c] {
                continue;
            }
            let l = linkage(sum, keep, c, &members);
            if l >= threshold {
                let (a, b) = (keep.min(c), keep.max(c));
                heap.push(Merge {
                    linkage: l,
                    a,
                    b,
                    version_a: version[a],
                    version_b: version[b],
                });
            }
        }
    }
    let mut cluster = vec![0; n];
    for (id, ms) in members.iter().enumerate() {
        for &m in ms {
            cluster[m] = id;
        }
    }
    cluster
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_a_clique_and_keeps_a_weak_link_out() {
        // 0-1-2 strongly linked; 3 weakly linked to 2 only.
        let edges = [(0, 1, 0.9), (1, 2, 0.8), (0, 2, 0.7), (2, 3, 0.6)];
        let c = average_linkage(4, &edges, 0.5);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        // 3's average link to {0,1,2} is 0.6/3 = 0.2 < 0.5.
        assert_ne!(c[3], c[0]);
    }

    #[test]
    fn clusters_stop_growing_at_the_bound() {
        let n = MAX_CLUSTER * 2;
        let mut edges = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                edges.push((a, b, 0.9));
            }
        }
        let c = average_linkage(n, &edges, 0.5);
        let mut sizes = std::collections::HashMap::new();
        for id in c {
            *sizes.entry(id).or_insert(0) += 1;
        }
        assert!(sizes.values().all(|&s| s <= MAX_CLUSTER), "{sizes:?}");
    }

    #[test]
    fn no_edges_no_merges() {
        let c = average_linkage(3, &[], 0.5);
        assert_eq!(c, vec![0, 1, 2]);
    }

    #[test]
    fn chain_does_not_merge_end_to_end() {
        let edges = [(0, 1, 0.9), (1, 2, 0.9), (2, 3, 0.9), (3, 4, 0.9)];
        let c = average_linkage(5, &edges, 0.6);
        assert_ne!(c[0], c[4]);
    }
}
