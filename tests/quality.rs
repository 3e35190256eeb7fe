//! Matching quality on the bundled articles, against the hand-made gold in
//! `tests/gold/seeds.toml`, and the specific behaviours the product promises:
//! clashing figures come out as `differs`, look-alikes are not matched,
//! headings and labels are not claims.

use crosscheck::evaluation::{evaluate, Gold};
use crosscheck::matching::Relation;
use crosscheck::{corpus, Analysis};

fn analysis() -> Analysis {
    Analysis::build(corpus::bundled())
}

fn claim_with(an: &Analysis, article_prefix: &str, needle: &str) -> usize {
    an.claims
        .iter()
        .position(|c| {
            an.articles[c.article].id.starts_with(article_prefix) && c.text.contains(needle)
        })
        .unwrap_or_else(|| panic!("no claim in {article_prefix} contains {needle:?}"))
}

#[test]
fn precision_and_recall_on_the_seed_gold() {
    let gold = Gold::parse(include_str!("gold/seeds.toml")).expect("gold parses");
    assert!(gold.fact.len() >= 15);
    let s = evaluate(&analysis(), &gold);
    assert!(
        s.missing.is_empty(),
        "gold sentences that are not claims: {:?}",
        s.missing
    );
    assert!(
        s.non_claims_as_claims.is_empty(),
        "headings/labels made claims: {:?}",
        s.non_claims_as_claims
    );
    // Measured: precision 0.898, recall 0.644 (see README); floors leave a
    // little room for harmless changes.
    assert!(s.precision() >= 0.85, "precision {:.3}", s.precision());
    assert!(s.recall() >= 0.60, "recall {:.3}", s.recall());
    assert_eq!(
        s.differs_right, s.differs_found,
        "differing figures not marked differs"
    );
}

#[test]
fn clashing_troop_numbers_differ() {
    let an = analysis();
    let fourteen = claim_with(&an, "000", "as many as 14,000 troops to the frontlines");
    for (prefix, needle) in [
        ("001", "11,000-12,000"),
        ("002", "more than 10,000"),
        ("004", "more than 11,000"),
    ] {
        let other = claim_with(&an, prefix, needle);
        let m = an
            .match_in(fourteen, an.claims[other].article)
            .unwrap_or_else(|| panic!("14,000 has no match in {prefix}"));
        assert_eq!(m.claim, other, "14,000 matched the wrong claim in {prefix}");
        assert_eq!(m.relation, Relation::Differs, "14,000 vs {needle}");
        assert!(
            m.why.figures.iter().any(|f| !f.same && f.compatible),
            "{:?}",
            m.why.figures
        );
    }
}

#[test]
fn casualty_figures_differ() {
    let an = analysis();
    let thousand = claim_with(
        &an,
        "001",
        "at least 1,000 North Korean soldiers were killed",
    );
    let four = claim_with(&an, "004", "around 4,000 of them");
    let m = an
        .match_in(thousand, an.claims[four].article)
        .expect("a match in 004");
    assert_eq!(m.claim, four);
    assert_eq!(m.relation, Relation::Differs);
}

#[test]
fn look_alikes_are_not_matched() {
    let an = analysis();
    let package = claim_with(&an, "000", "the most significant direct military package");
    let involvement = claim_with(
        &an,
        "001",
        "the most significant North Korean military involvement",
    );
    assert!(
        an.matches[package].iter().all(|m| m.claim != involvement),
        "{:?}",
        an.matches[package]
    );
    assert!(an.matches[involvement].iter().all(|m| m.claim != package));
}

#[test]
fn facts_group_the_troop_numbers_as_differing() {
    let an = analysis();
    let fourteen = claim_with(&an, "000", "as many as 14,000 troops to the frontlines");
    let fact = &an.facts[an.claim_fact[fourteen]];
    assert_eq!(fact.relation, crosscheck::matching::FactRelation::Differs);
    assert!(fact.articles.len() >= 4, "{fact:?}");
}
