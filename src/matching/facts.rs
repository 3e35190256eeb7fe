//! Grouping claims that state the same fact into [`Fact`]s.

use super::{Fact, FactRelation, Match, Relation};
use crate::claims::Claim;
use crate::corpus::Article;

/// Groups claims joined by `agrees`/`differs` matches (union-find) into
/// facts, sorted by number of sources; returns the facts and each claim's
/// fact index.
pub fn group_facts(
    _articles: &[Article],
    claims: &[Claim],
    matches: &[Vec<Match>],
) -> (Vec<Fact>, Vec<usize>) {
    let mut parent: Vec<usize> = (0..claims.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let mut differs = vec![false; claims.len()];
    for (a, ms) in matches.iter().enumerate() {
        for m in ms {
            if m.relation == Relation::Related {
                continue;
            }
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, m.claim));
            if ra != rb {
                parent[ra] = rb;
            }
            if m.relation == Relation::Differs {
                differs[a] = true;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for c in 0..claims.len() {
        let r = find(&mut parent, c);
        groups.entry(r).or_default().push(c);
    }
    let mut facts: Vec<Fact> = groups
        .into_values()
        .map(|members| {
            let mut arts: Vec<usize> = members.iter().map(|&c| claims[c].article).collect();
            arts.sort_unstable();
            arts.dedup();
            let relation = if arts.len() < 2 {
                FactRelation::Single
            } else if members.iter().any(|&c| differs[c]) {
                FactRelation::Differs
            } else {
                FactRelation::Agrees
            };
            let label = label_for(claims, &members);
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

/// A short label: the first words of the group's shortest claim.
fn label_for(claims: &[Claim], members: &[usize]) -> String {
    let Some(rep) = members
        .iter()
        .map(|&c| &claims[c])
        .min_by_key(|c| c.text.len())
    else {
        return String::new();
    };
    let words: Vec<&str> = rep.text.split_whitespace().collect();
    if words.len() <= 12 {
        words.join(" ")
    } else {
        format!("{} …", words[..12].join(" "))
    }
}
