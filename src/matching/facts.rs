//! Grouping claims that state the same fact into [`Fact`]s.
//!
//! Claims are clustered by average linkage over their same-fact matches,
//! so that one loose match cannot chain two facts together the way
//! connected components would.

use super::cluster::average_linkage;
use super::copies::Copies;
use super::{Fact, FactRelation, Match, Relation};
use crate::claims::Claim;
use std::collections::BTreeMap;

/// Groups claims into facts, sorted by number of sources (then text order);
/// returns the facts and each claim's fact index.
///
/// Claims are clustered by average linkage at `linkage` over their
/// same-fact matches (`agrees`, `differs`, `contradicts`); copies of a
/// sentence join their group's first member. The facts are then the one
/// source of truth: a match that links two different facts is demoted to
/// `related` (and a differing match across facts dropped), so that the
/// comparison, the stories matrix and the counts never disagree.
pub fn group_facts(
    claims: &[Claim],
    matches: &mut [Vec<Match>],
    differing: &mut [Vec<Match>],
    copies: &Copies,
    linkage: f32,
) -> (Vec<Fact>, Vec<usize>) {
    let mut edges = Vec::new();
    for (a, ms) in matches.iter().enumerate() {
        for m in ms.iter().filter(|m| m.relation != Relation::Related) {
            edges.push((a, m.claim, m.score));
        }
    }
    let mut cluster = average_linkage(claims.len(), &edges, linkage);
    // A group's first member comes first (claims are in article order), so
    // its cluster is final when its copies take it.
    for c in 0..cluster.len() {
        let rep = copies.representative(c);
        if rep != c {
            cluster[c] = cluster[rep];
        }
    }
    for (a, ms) in matches.iter_mut().enumerate() {
        for m in ms.iter_mut() {
            if m.relation != Relation::Related && cluster[a] != cluster[m.claim] {
                m.relation = Relation::Related;
            }
        }
    }
    for (a, ds) in differing.iter_mut().enumerate() {
        ds.retain(|m| cluster[a] == cluster[m.claim]);
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (c, &id) in cluster.iter().enumerate() {
        groups.entry(id).or_default().push(c);
    }
    let mut facts: Vec<Fact> = groups
        .into_values()
        .map(|mut members| {
            members.sort_unstable();
            let mut arts: Vec<usize> = members.iter().map(|&c| claims[c].article).collect();
            arts.sort_unstable();
            arts.dedup();
            let has = |rel: Relation| {
                members.iter().any(|&c| {
                    matches[c]
                        .iter()
                        .any(|m| m.relation == rel && members.binary_search(&m.claim).is_ok())
                })
            };
            let relation = if arts.len() < 2 {
                FactRelation::Single
            } else if has(Relation::Contradicts) {
                FactRelation::Contradicts
            } else if has(Relation::Differs) || members.iter().any(|&c| !differing[c].is_empty()) {
                FactRelation::Differs
            } else {
                FactRelation::Agrees
            };
            let label = label_for(claims, matches, &members, relation);
            Fact {
                id: String::new(),
                label,
                claims: members,
                articles: arts,
                relation,
            }
        })
        .collect();
    facts.sort_by(|a, b| {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then(a.claims[0].cmp(&b.claims[0]))
    });
    let mut claim_fact = vec![0; claims.len()];
    for (i, f) in facts.iter_mut().enumerate() {
        f.id = format!("F{}", i + 1);
        for &c in &f.claims {
            claim_fact[c] = i;
        }
    }
    (facts, claim_fact)
}

/// Most words a label takes from its claim.
const LABEL_WORDS: usize = 12;

/// A short label: the most central claim (highest summed match score inside
/// the group), without a leading "According to X," or trailing ", X said.",
/// cut to a dozen words; for differing figures, the figures side by side.
fn label_for(
    claims: &[Claim],
    matches: &[Vec<Match>],
    members: &[usize],
    relation: FactRelation,
) -> String {
    let centrality = |c: usize| -> f32 {
        matches[c]
            .iter()
            .filter(|m| members.binary_search(&m.claim).is_ok())
            .map(|m| m.score)
            .sum()
    };
    let Some(&rep) = members.iter().max_by(|&&a, &&b| {
        centrality(a)
            .total_cmp(&centrality(b))
            .then(claims[b].text.len().cmp(&claims[a].text.len()))
    }) else {
        return String::new();
    };
    let mut label = shorten(&claims[rep].text);
    if relation == FactRelation::Differs {
        let mut figures: Vec<&str> = Vec::new();
        for &c in members {
            for f in &claims[c].figures {
                let t = f.text.as_str();
                let comparable = claims[rep].figures.iter().any(|r| {
                    crate::claims::figures::comparable_units(r.unit.as_deref(), f.unit.as_deref())
                });
                if comparable && !figures.contains(&t) {
                    figures.push(t);
                }
            }
        }
        if figures.len() > 1 {
            label = format!("{label} [{}]", figures.join(" / "));
        }
    }
    label
}

/// Drops a leading "According to X," and a trailing ", X reported." from a
/// claim and keeps its first [`LABEL_WORDS`] words.
fn shorten(text: &str) -> String {
    let mut t = text.trim();
    if let Some(rest) = t.strip_prefix("According to ") {
        if let Some(i) = rest.find(", ") {
            t = &rest[i + 2..];
        }
    }
    let t = t.trim_end_matches(['.', '’', '”', '"', '\'']);
    let words: Vec<&str> = t.split_whitespace().collect();
    let mut out = if words.len() <= LABEL_WORDS {
        words.join(" ")
    } else {
        format!("{} …", words[..LABEL_WORDS].join(" "))
    };
    if let Some(first) = out.chars().next() {
        if first.is_lowercase() {
            out = first.to_uppercase().chain(out.chars().skip(1)).collect();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_drops_attribution_lead_in_and_cuts() {
        assert_eq!(
            shorten("According to the KCNA, Kim hailed the troops."),
            "Kim hailed the troops"
        );
        let long = "one two three four five six seven eight nine ten eleven twelve thirteen";
        assert!(shorten(long).ends_with("twelve …"));
    }
}
