//! Syndicated copy: the same sentence printed by many outlets. Every copy
//! agrees with every other, the fact lists every source, and what the
//! analysis stores grows with the sources, not with their square.

use crosscheck::analysis::ClaimStatus;
use crosscheck::corpus::{Article, Corpus};
use crosscheck::matching::{FactRelation, Relation};
use crosscheck::Analysis;

fn wire_copies(n: usize) -> Corpus {
    let mut articles: Vec<Article> = (0..n)
        .map(|i| {
            Article::new(
                format!("outlet{i:05}"),
                "Officials said 1,000 workers arrived in the port city on Monday.",
            )
        })
        .collect();
    articles.push(Article::new(
        "other",
        "The port authority said the harbour would reopen on Friday after repairs.",
    ));
    Corpus::from_articles(articles)
}

#[test]
fn every_copy_agrees_with_every_other_and_storage_stays_linear() {
    let n = 2_000;
    let an = Analysis::build(wire_copies(n));
    assert_eq!(an.claims.len(), n + 1);
    // Stored matches: only the group's first member may have any.
    let stored: usize = an.matches.iter().map(Vec::len).sum();
    assert!(stored <= 2, "stored {stored} matches");
    for c in [0, 1, n / 2, n - 1] {
        assert_eq!(an.status(c), ClaimStatus::Corroborated);
        assert_eq!(an.match_count(c), n - 1);
        let first: Vec<_> = an.matches_of(c).take(3).collect();
        assert_eq!(first.len(), 3);
        for m in &first {
            assert_eq!(m.relation, Relation::Agrees);
            assert_ne!(m.article, an.claims[c].article);
            assert_eq!(an.claims[m.claim].text, an.claims[c].text);
        }
        // Any other article answers with its copy.
        let other = (an.claims[c].article + 7) % n;
        let m = an.match_in(c, other).expect("a copy there");
        assert_eq!(an.claims[m.claim].article, other);
    }
    // One fact with every outlet.
    let f = &an.facts[an.claim_fact[0]];
    assert_eq!(f.articles.len(), n);
    assert_eq!(f.relation, FactRelation::Agrees);
    assert_eq!(an.claim_fact[n - 1], an.claim_fact[0]);
    // The different sentence is not a copy.
    assert_eq!(an.status(n), ClaimStatus::SingleSource);
}

#[test]
fn the_export_lists_a_bounded_number_of_matches_per_claim() {
    let an = Analysis::build(wire_copies(150));
    let json = crosscheck::export::to_json(&an);
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let claim = &v["claims"][0];
    let listed = claim["matches"].as_array().map_or(0, Vec::len);
    assert_eq!(listed, crosscheck::export::MAX_EXPORTED_MATCHES);
    assert_eq!(claim["more_matches"], 149 - listed);
    assert!(v["claims"][150].get("more_matches").is_none());
}
