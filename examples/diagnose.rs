//! Where recall is lost on a gold file: are the gold counterparts among the
//! candidates at all, and what do their features look like?
//!
//! `cargo run --release --example diagnose -- tests/gold/basil_train.toml [one] [misses]`
//!
//! It also counts the counterparts whose claim is matched in their article
//! but shown as related, or matched to another claim there. With `misses`,
//! every gold counterpart among the candidates that scores below the match
//! threshold is printed (once per pair) with its probability, every
//! other claim matched instead with its relation and score, and every
//! counterpart that is not among the claim's candidates at all (NOCAND).
//! It also prints how many counterparts any matcher giving each claim one
//! counterpart per article could find (a claim stating two facts whose
//! counterparts there are different sentences can find only one).

use crosscheck::evaluation::datasets::{self, BasilStories};
use crosscheck::evaluation::{gold_claims, Gold};
use crosscheck::matching::features::FEATURE_NAMES;
use crosscheck::matching::matcher::{candidates, Context};
use crosscheck::matching::{MatchConfig, Relation};
use crosscheck::Analysis;
use std::collections::BTreeSet;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let file = args
        .get(1)
        .map_or("tests/gold/basil_train.toml", String::as_str);
    let one = args.iter().any(|a| a == "one");
    let list = args.iter().any(|a| a == "misses");
    let gold = Gold::parse(&std::fs::read_to_string(file).expect("gold")).expect("parses");
    let events = gold.basil_events();
    let (c, _) = datasets::basil(
        Path::new("../shared/data/basil"),
        if one {
            BasilStories::One
        } else {
            BasilStories::ByEvent
        },
        |e| one || events.contains(e),
    )
    .expect("basil");
    let config = MatchConfig::default();
    let an = Analysis::build_with(c, &config);
    let (facts, _) = gold_claims(&an, &gold);
    let cx = Context::build(&an.articles, &an.claims, &config.params);
    let rows = candidates(&an.articles, &an.claims, &config, &cx);
    let (mut total, mut in_cands, mut passing) = (0u32, 0u32, 0u32);
    // Where the counterpart is matched but shown as related (another
    // subject in the frame, far figures, or two facts), or another claim of
    // the article is matched instead.
    let (mut as_related, mut other_claim) = (0u32, 0u32);
    let mut sums = [0f64; FEATURE_NAMES.len()];
    for f in &facts {
        for &claim in f {
            let sources: BTreeSet<usize> = f.iter().map(|&x| an.claims[x].article).collect();
            for art in sources {
                if art == an.claims[claim].article {
                    continue;
                }
                total += 1;
                match an.match_in(claim, art) {
                    Some(m) if f.contains(&m.claim) && m.relation == Relation::Related => {
                        as_related += 1;
                    }
                    Some(m) if !f.contains(&m.claim) => {
                        other_claim += 1;
                        if list {
                            println!(
                                "OTHER {:?} {:.2}\n  A: {}\n  B: {}",
                                m.relation, m.score, an.claims[claim].text, an.claims[m.claim].text
                            );
                        }
                    }
                    _ => {}
                }
                let hit = rows[claim]
                    .iter()
                    .find(|c| c.article == art && f.contains(&c.other));
                if hit.is_none() && list {
                    let other = f.iter().find(|&&x| an.claims[x].article == art);
                    if let Some(&o) = other {
                        println!(
                            "NOCAND ({} candidates)\n  A: {}\n  B: {}",
                            rows[claim].len(),
                            an.claims[claim].text,
                            an.claims[o].text
                        );
                    }
                }
                if let Some(h) = hit {
                    in_cands += 1;
                    for (k, v) in h.vector.values.iter().enumerate() {
                        sums[k] += f64::from(*v);
                    }
                    let p = config.params.corpus.probability(&h.vector.values);
                    if p >= config.params.match_threshold {
                        passing += 1;
                    } else if list && claim < h.other {
                        println!(
                            "MISS p={p:.2}\n  A: {}\n  B: {}",
                            an.claims[claim].text, an.claims[h.other].text
                        );
                    }
                }
            }
        }
    }
    // The most a matcher giving each claim one counterpart per article can
    // find: per (claim, article), the facts of the claim one counterpart
    // there can serve at once.
    let mut reachable = 0usize;
    let gold_set: BTreeSet<usize> = facts.iter().flatten().copied().collect();
    for &claim in &gold_set {
        let mine: Vec<&BTreeSet<usize>> = facts.iter().filter(|f| f.contains(&claim)).collect();
        let others: BTreeSet<usize> = mine
            .iter()
            .flat_map(|f| f.iter().map(|&x| an.claims[x].article))
            .filter(|&a| a != an.claims[claim].article)
            .collect();
        for art in others {
            let best = mine
                .iter()
                .flat_map(|f| f.iter().copied())
                .filter(|&m| an.claims[m].article == art)
                .map(|m| mine.iter().filter(|f| f.contains(&m)).count())
                .max()
                .unwrap_or(0);
            reachable += best;
        }
    }
    println!(
        "gold counterparts {total}: reachable with one counterpart per article {reachable}; among candidates {in_cands}, passing the threshold {passing}"
    );
    println!(
        "matched but shown as related {as_related}; another claim of the article matched instead {other_claim}"
    );
    println!("mean features of the gold counterparts found among candidates:");
    for (n, s) in FEATURE_NAMES.iter().zip(sums) {
        println!("  {n:<20} {:.3}", s / f64::from(in_cands.max(1)));
    }
}
