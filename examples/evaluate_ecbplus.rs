//! Final evaluation on ECB+ (held out: never used to fit anything).
//!
//! ```sh
//! python3 scripts/ecbplus_to_jsonl.py --pairs /tmp/ecb/pairs.tsv \
//!     --sentences /tmp/ecb/sentences.tsv > /tmp/ecb/ecb.jsonl
//! cargo run --release --example evaluate_ecbplus -- /tmp/ecb
//! ```
//!
//! Each topic is one story holding both of its sub-topics (two events of
//! the same type). Over the annotated sentences (ECB+'s coreference
//! sentences), a match between two sentences of different documents is
//! right when they mention a coreferent event (the converter's gold pairs).
//!
//! * precision: matches between annotated sentences that are gold pairs;
//! * recall: for each annotated sentence and each other document holding a
//!   gold partner of it, whether its match in that document is a partner;
//! * cross-event false-match rate: of all matches (any claims) that are not
//!   gold pairs, the share linking documents of different sub-topics,
//!   over all matches.

use crosscheck::corpus::load_paths;
use crosscheck::matching::Relation;
use crosscheck::Analysis;
use std::collections::{HashMap, HashSet};
use std::path::Path;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "/tmp/ecb".into());
    let dir = Path::new(&dir);
    let corpus = load_paths(&[dir.join("ecb.jsonl")]);
    if corpus.articles.is_empty() {
        eprintln!(
            "no articles in {}/ecb.jsonl (run the converter first)",
            dir.display()
        );
        std::process::exit(2);
    }
    // Events per article from the JSONL's `event` field.
    let mut event_of: HashMap<String, String> = HashMap::new();
    if let Ok(text) = std::fs::read_to_string(dir.join("ecb.jsonl")) {
        for line in text.lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                if let (Some(id), Some(ev)) = (v["id"].as_str(), v["event"].as_str()) {
                    event_of.insert(id.to_string(), ev.to_string());
                }
            }
        }
    }
    let t = std::time::Instant::now();
    let an = Analysis::build(corpus);
    let elapsed = t.elapsed().as_secs_f64();
    let article_index: HashMap<&str, usize> = an
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    // Annotated sentences -> their claims.
    let locate = |id: &str, text: &str| -> Vec<usize> {
        let Some(&a) = article_index.get(id) else {
            return Vec::new();
        };
        let Some(pos) = an.articles[a].text.find(text) else {
            return Vec::new();
        };
        let end = pos + text.len();
        an.article_claims[a]
            .clone()
            .filter(|&c| an.claims[c].start < end && pos < an.claims[c].end)
            .collect()
    };
    let sentences = std::fs::read_to_string(dir.join("sentences.tsv")).unwrap_or_default();
    let mut annotated: HashSet<usize> = HashSet::new();
    for line in sentences.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() >= 6 {
            annotated.extend(locate(f[2], f[5]));
        }
    }
    let pairs = std::fs::read_to_string(dir.join("pairs.tsv")).unwrap_or_default();
    let mut gold: HashSet<(usize, usize)> = HashSet::new();
    for line in pairs.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 8 {
            continue;
        }
        for a in locate(f[1], f[6]) {
            for b in locate(f[3], f[7]) {
                gold.insert((a.min(b), a.max(b)));
            }
        }
    }
    let is_gold = |a: usize, b: usize| gold.contains(&(a.min(b), a.max(b)));
    let event = |c: usize| event_of.get(&an.articles[an.claims[c].article].id);

    let (mut predicted, mut right) = (0usize, 0usize);
    let (mut all, mut cross) = (0usize, 0usize);
    for c in 0..an.claims.len() {
        for m in an.matches_of(c) {
            if m.relation == Relation::Related {
                continue;
            }
            all += 1;
            if !is_gold(c, m.claim) && event(c) != event(m.claim) {
                cross += 1;
            }
            if annotated.contains(&c) && annotated.contains(&m.claim) {
                predicted += 1;
                if is_gold(c, m.claim) {
                    right += 1;
                }
            }
        }
    }
    // Recall: per annotated claim and other article with a gold partner.
    let mut partners: HashMap<(usize, usize), HashSet<usize>> = HashMap::new();
    for &(a, b) in &gold {
        partners
            .entry((a, an.claims[b].article))
            .or_default()
            .insert(b);
        partners
            .entry((b, an.claims[a].article))
            .or_default()
            .insert(a);
    }
    let mut found = 0usize;
    for (&(c, art), set) in &partners {
        if an.match_in(c, art).is_some_and(|m| set.contains(&m.claim)) {
            found += 1;
        }
    }
    let precision = right as f64 / predicted.max(1) as f64;
    let recall = found as f64 / partners.len().max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(1e-9);
    println!(
        "ECB+ ({} documents, {} claims, {} annotated, {} gold pairs; analysis {elapsed:.1} s)",
        an.articles.len(),
        an.claims.len(),
        annotated.len(),
        gold.len()
    );
    println!(
        "precision {precision:.3} ({right}/{predicted})  recall {recall:.3} ({found}/{})  F1 {f1:.3}",
        partners.len()
    );
    println!(
        "cross-event false-match rate {:.3} ({cross}/{all})",
        cross as f64 / all.max(1) as f64
    );
}
