//! Matching across events: with articles about many events loaded as one
//! story, how many matches link articles about *different* events (each is
//! a false "same fact"), and how many same-event article pairs keep at
//! least one match (so the true counterparts are still found).

use crate::analysis::Analysis;
use crate::matching::Relation;
use std::collections::{BTreeSet, HashMap};

/// Cross-event figures of one analysis.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventScores {
    /// Directed matches stating the same fact (`agrees`, `differs`,
    /// `contradicts`), claim to its best counterpart per article.
    pub matches: usize,
    /// Of those, matches between articles of different events.
    pub cross_event: usize,
    /// Unordered pairs of distinct articles of the same event.
    pub same_event_pairs: usize,
    /// Of those, pairs with at least one match between them.
    pub same_event_pairs_matched: usize,
}

impl EventScores {
    /// Share of matches that link different events (0 when there are none).
    pub fn cross_event_rate(&self) -> f64 {
        if self.matches == 0 {
            0.0
        } else {
            self.cross_event as f64 / self.matches as f64
        }
    }

    /// Share of same-event article pairs that keep a match.
    pub fn coverage(&self) -> f64 {
        if self.same_event_pairs == 0 {
            1.0
        } else {
            self.same_event_pairs_matched as f64 / self.same_event_pairs as f64
        }
    }
}

impl std::fmt::Display for EventScores {
    /// `cross-event 0.123 (12/97)  same-event pairs matched 0.95 (285/300)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "cross-event {:.3} ({}/{})  same-event pairs matched {:.3} ({}/{})",
            self.cross_event_rate(),
            self.cross_event,
            self.matches,
            self.coverage(),
            self.same_event_pairs_matched,
            self.same_event_pairs
        )
    }
}

/// Scores `an`, whose article `i` reports event `events[i]`.
pub fn event_scores(an: &Analysis, events: &[String]) -> EventScores {
    let mut s = EventScores::default();
    let mut matched: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (c, claim) in an.claims.iter().enumerate() {
        let a = claim.article;
        for m in an.matches_of(c) {
            if m.relation == Relation::Related {
                continue;
            }
            s.matches += 1;
            if events.get(a) != events.get(m.article) {
                s.cross_event += 1;
            } else {
                matched.insert((a.min(m.article), a.max(m.article)));
            }
        }
    }
    let mut by_event: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, e) in events.iter().enumerate().take(an.articles.len()) {
        by_event.entry(e.as_str()).or_default().push(i);
    }
    for arts in by_event.values() {
        for (k, &x) in arts.iter().enumerate() {
            for &y in &arts[k + 1..] {
                s.same_event_pairs += 1;
                if matched.contains(&(x.min(y), x.max(y))) {
                    s.same_event_pairs_matched += 1;
                }
            }
        }
    }
    s
}
