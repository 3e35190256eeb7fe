//! Why same-story article pairs of the `allsides_neus` training split keep no match
//! (training data only: validation stories are never read).
//!
//! `cargo run --release --example neus_misses [-- -v]`
//!
//! With the training stories in one story, for every pair of articles of
//! one story with no match between them, the pair of their claims
//! the corpus model scores highest: is it stopped by the event gate, or by
//! the match threshold? Prints the counts, the mean article similarity of
//! the gated pairs beside that of the cross-story pairs matched, and, with
//! `-v`, a sample of the pairs below the threshold.

use crosscheck::evaluation::datasets;
use crosscheck::matching::matcher::{best_candidates, Context};
use crosscheck::matching::{MatchConfig, Relation};
use crosscheck::Analysis;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

fn main() {
    let verbose = std::env::args().any(|a| a == "-v");
    let dir = Path::new("../shared/data/allsides_neus");
    let (c, events) = match datasets::neus(dir, |id| !datasets::neus_validation(id)) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let config = MatchConfig::default();
    let params = &config.params;
    let an = Analysis::build_with(c, &config);
    let cx = Context::build(&an.articles, &an.claims, params);
    // Ranking the candidates settles each article's nearest (the gate's
    // `article_nearness`).
    let _ = best_candidates(&an.articles, &an.claims, &config, &cx);
    let mut matched: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (c, claim) in an.claims.iter().enumerate() {
        for m in an.matches_of(c).filter(|m| m.relation != Relation::Related) {
            let (a, b) = (claim.article, m.article);
            matched.insert((a.min(b), a.max(b)));
        }
    }
    let mut by_event: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        by_event.entry(e.as_str()).or_default().push(i);
    }
    let (mut pairs, mut missed, mut gated, mut below) = (0, 0, 0, 0);
    let mut probabilities = Vec::new();
    let mut gated_similarity: Vec<f32> = Vec::new();
    let mut shown = 0;
    for arts in by_event.values() {
        for (k, &x) in arts.iter().enumerate() {
            for &y in &arts[k + 1..] {
                pairs += 1;
                if matched.contains(&(x.min(y), x.max(y))) {
                    continue;
                }
                missed += 1;
                // The best-scoring claim pair of the two articles.
                let best = an.article_claims[x]
                    .clone()
                    .flat_map(|a| an.article_claims[y].clone().map(move |b| (a, b)))
                    .map(|(a, b)| {
                        let v = cx.pair(&an.claims, a, b, params);
                        let p = params.corpus.probability(&v.values);
                        let open = cx.gated(&an.claims, (a, b), &v.values, params);
                        (p, open, a, b)
                    })
                    .max_by(|p, q| p.0.total_cmp(&q.0));
                let Some((p, open, a, b)) = best else {
                    continue;
                };
                probabilities.push(p);
                if !open {
                    gated += 1;
                    gated_similarity.push(cx.vectors.similarity(x, y));
                } else if p < params.match_threshold {
                    below += 1;
                }
                if verbose && shown < 25 && open && p < params.match_threshold {
                    shown += 1;
                    println!(
                        "p={p:.2}\n  A: {}\n  B: {}",
                        an.claims[a].text, an.claims[b].text
                    );
                }
            }
        }
    }
    // Cross-story article pairs with a match (false links), for contrast.
    let cross_similarity: Vec<f32> = matched
        .iter()
        .filter(|&&(x, y)| events[x] != events[y])
        .map(|&(x, y)| cx.vectors.similarity(x, y))
        .collect();
    let mean = |s: &[f32]| s.iter().sum::<f32>() / s.len().max(1) as f32;
    println!(
        "mean article similarity: same-story pairs gated {:.3} ({}), cross-story pairs matched {:.3} ({})",
        mean(&gated_similarity),
        gated_similarity.len(),
        mean(&cross_similarity),
        cross_similarity.len()
    );
    probabilities.sort_by(f32::total_cmp);
    let median = probabilities
        .get(probabilities.len() / 2)
        .copied()
        .unwrap_or(0.0);
    println!(
        "same-story article pairs {pairs}, without a match {missed}: best claim pair gated {gated}, \
         below the match threshold {below} (median best score {median:.2}, threshold {:.2})",
        params.match_threshold
    );
}
