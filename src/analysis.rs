//! The whole pipeline over a corpus: segment, extract claims, match, group.

use crate::claims::{self, Claim};
use crate::corpus::{Article, Corpus, LoadWarning};
use crate::matching::copies::Copies;
use crate::matching::features::{compare_dates, compare_figures};
use crate::matching::{
    self, Explanation, Fact, FactRelation, Feature, Match, MatchConfig, Relation,
};
use crate::text::{self, Document};
use std::borrow::Cow;
use std::ops::Range;

/// How a claim stands against the other sources, for highlighting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClaimStatus {
    /// Another source states the same, with the same figures.
    Corroborated,
    /// Another source states the same quantity with different figures, or
    /// the same event on another date.
    Differs,
    /// Another source states the opposite ("confirmed" vs "denied").
    Contradicts,
    /// Only related statements elsewhere, or none.
    SingleSource,
}

/// What one source says about one fact: a cell of the stories matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FactCell {
    /// The source does not report the fact.
    Absent,
    /// The source reports it (its first claim of the fact), as the others do.
    Reports(usize),
    /// The source reports it with figures or dates that differ from
    /// another source's.
    Differs(usize),
    /// The source states the opposite of another source.
    Contradicts(usize),
}

impl FactCell {
    /// The claim standing for the source, if it reports the fact.
    pub fn claim(self) -> Option<usize> {
        match self {
            FactCell::Absent => None,
            FactCell::Reports(c) | FactCell::Differs(c) | FactCell::Contradicts(c) => Some(c),
        }
    }
}

/// How many of an article's claims have each [`ClaimStatus`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatusCounts {
    /// Reported the same way by another source.
    pub corroborated: usize,
    /// Figures or dates differ elsewhere.
    pub differs: usize,
    /// Contradicted elsewhere.
    pub contradicts: usize,
    /// Reported by this source only.
    pub single: usize,
}

/// Everything the export and the terminal browser show, computed once.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Analysis {
    /// Articles in load order.
    pub articles: Vec<Article>,
    /// Layout of each article (same index as `articles`).
    pub documents: Vec<Document>,
    /// Every claim; each article's claims are contiguous and in text order.
    pub claims: Vec<Claim>,
    /// The range of `claims` belonging to each article.
    pub article_claims: Vec<Range<usize>>,
    /// For each claim, its best match in each other article, best first.
    pub matches: Vec<Vec<Match>>,
    /// For each claim, where its best match in an article does not differ in
    /// figures, a match there that does (so "14,000 vs more than 10,000" is
    /// not hidden behind an agreement on "3,000"), best first.
    pub differing: Vec<Vec<Match>>,
    /// Facts, most-reported first.
    pub facts: Vec<Fact>,
    /// For each claim, the index of its fact.
    pub claim_fact: Vec<usize>,
    /// The same sentence in several articles of a story: only each group's
    /// first member has matches of its own in `matches` and `differing`;
    /// the others are answered through it, and agree with each other.
    pub copies: Copies,
    /// Problems met while loading.
    pub warnings: Vec<LoadWarning>,
}

impl Analysis {
    /// Runs the pipeline with the default matcher settings.
    pub fn build(corpus: Corpus) -> Analysis {
        Analysis::build_with(corpus, &MatchConfig::default())
    }

    /// Runs the pipeline with the given matcher settings.
    pub fn build_with(corpus: Corpus, config: &MatchConfig) -> Analysis {
        Analysis::build_with_progress(corpus, config, &|_| {})
    }

    /// Runs the pipeline with the given matcher settings, reporting each
    /// step (and every hundredth of the articles analysed) to `progress`,
    /// which may be called from worker threads.
    pub fn build_with_progress(
        corpus: Corpus,
        config: &MatchConfig,
        progress: crate::progress::Callback<'_>,
    ) -> Analysis {
        use crate::progress::Stage;
        use rayon::prelude::*;
        let Corpus {
            mut articles,
            warnings,
            ..
        } = corpus;
        let tracker = crate::progress::Tracker::new(progress, articles.len());
        tracker.stage(Stage::Grouping, articles.len());
        let stories =
            crate::stories::assign(&mut articles, &crate::stories::StoryConfig::default());
        tracker.stories(stories);
        tracker.finish_stage();
        tracker.stage(Stage::Segmenting, articles.len());
        // Articles are segmented and their claims extracted in parallel.
        let (documents, per_article): (Vec<Document>, Vec<Vec<Claim>>) = articles
            .par_iter()
            .enumerate()
            .map(|(i, a)| {
                let d = text::segment(&a.text);
                let c = claims::extract(i, a, &d);
                tracker.tick(c.len());
                (d, c)
            })
            .unzip();
        let mut claims = Vec::with_capacity(per_article.iter().map(Vec::len).sum());
        let mut article_claims = Vec::with_capacity(articles.len());
        for c in per_article {
            let start = claims.len();
            claims.extend(c);
            article_claims.push(start..claims.len());
        }
        // Two units per claim: its profile, then its candidates scored.
        tracker.stage(Stage::Matching, 2 * claims.len());
        let matching::matcher::Matched {
            best: mut matches,
            mut differing,
            copies,
        } = matching::matcher::match_claims_reporting(&articles, &claims, config, &|n| {
            tracker.advance(n);
        });
        tracker.finish_stage();
        tracker.stage(Stage::Facts, claims.len());
        let (facts, claim_fact) = matching::group_facts(
            &claims,
            &mut matches,
            &mut differing,
            &copies,
            config.params.fact_linkage,
        );
        tracker.stage(Stage::Done, 0);
        Analysis {
            articles,
            documents,
            claims,
            article_claims,
            matches,
            differing,
            facts,
            claim_fact,
            copies,
            warnings,
        }
    }

    /// The claims of article `i`.
    pub fn claims_of(&self, article: usize) -> &[Claim] {
        self.article_claims
            .get(article)
            .and_then(|r| self.claims.get(r.clone()))
            .unwrap_or(&[])
    }

    /// How claim `i` stands against the other sources: a contradiction
    /// outranks a difference, which outranks an agreement.
    pub fn status(&self, claim: usize) -> ClaimStatus {
        let rep = self.copies.representative(claim);
        let ms = self.matches.get(rep).map(Vec::as_slice).unwrap_or(&[]);
        let differs_elsewhere = self.differing.get(rep).is_some_and(|d| !d.is_empty());
        if ms.iter().any(|m| m.relation == Relation::Contradicts) {
            ClaimStatus::Contradicts
        } else if differs_elsewhere || ms.iter().any(|m| m.relation == Relation::Differs) {
            ClaimStatus::Differs
        } else if self.copies.article_count(claim) > 1
            || ms.iter().any(|m| m.relation == Relation::Agrees)
        {
            ClaimStatus::Corroborated
        } else {
            ClaimStatus::SingleSource
        }
    }

    /// A match of claim `claim` in article `article` whose figures differ,
    /// where the best match there agrees on something else.
    ///
    /// Matches are returned as [`Cow`] so that they may be derived on demand
    /// (a fact reported by thousands of sources is not stored as thousands
    /// of matches per claim); callers read them through `Deref`.
    pub fn differing_in(&self, claim: usize, article: usize) -> Option<Cow<'_, Match>> {
        if self.copies.member_in(claim, article).is_some() {
            return None;
        }
        self.differing
            .get(self.copies.representative(claim))?
            .iter()
            .find(|m| m.article == article)
            .map(Cow::Borrowed)
    }

    /// The best match of claim `claim` in article `article`, if any (see
    /// [`Analysis::differing_in`] on why it is a [`Cow`]): the same
    /// sentence printed there, else the best counterpart.
    pub fn match_in(&self, claim: usize, article: usize) -> Option<Cow<'_, Match>> {
        if self.claims.get(claim)?.article == article {
            return None;
        }
        if let Some(copy) = self.copies.member_in(claim, article) {
            return Some(Cow::Owned(self.copy_match(claim, copy)));
        }
        self.matches
            .get(self.copies.representative(claim))?
            .iter()
            .find(|m| m.article == article)
            .map(Cow::Borrowed)
    }

    /// Claim `claim`'s best match in each other article that has one: the
    /// same sentence printed elsewhere first (in article order), then the
    /// best counterparts, best first (see [`Analysis::differing_in`] on why
    /// they are [`Cow`]s). Lazy: a sentence printed by thousands of outlets
    /// is answered one source at a time.
    pub fn matches_of(&self, claim: usize) -> impl Iterator<Item = Cow<'_, Match>> + '_ {
        let home = self.claims.get(claim).map_or(usize::MAX, |c| c.article);
        let rep = self.copies.representative(claim);
        let copies = self
            .copies
            .in_other_articles(claim, home)
            .map(move |m| Cow::Owned(self.copy_match(claim, m)));
        let matched = self
            .matches
            .get(rep)
            .into_iter()
            .flatten()
            .filter(move |m| m.article != home && self.copies.member_in(claim, m.article).is_none())
            .map(Cow::Borrowed);
        copies.chain(matched)
    }

    /// How many other articles claim `claim` has a match in (what
    /// [`Analysis::matches_of`] yields), counted without building them.
    pub fn match_count(&self, claim: usize) -> usize {
        let rep = self.copies.representative(claim);
        let home = self.claims.get(claim).map_or(usize::MAX, |c| c.article);
        let copies = self.copies.article_count(claim).saturating_sub(1);
        let matched = self
            .matches
            .get(rep)
            .into_iter()
            .flatten()
            .filter(|m| m.article != home && self.copies.member_in(claim, m.article).is_none())
            .count();
        copies + matched
    }

    /// The match of a claim with a copy of it in another article: the same
    /// words, so the same figures and dates; it agrees.
    fn copy_match(&self, claim: usize, copy: usize) -> Match {
        let (a, b) = (&self.claims[claim], &self.claims[copy]);
        let close = matching::Params::trained().close_factor;
        Match {
            claim: copy,
            article: b.article,
            score: 1.0,
            relation: Relation::Agrees,
            why: Explanation {
                features: vec![Feature {
                    name: "same_sentence",
                    value: 1.0,
                    contribution: 0.0,
                }],
                figures: compare_figures(&a.figures, &b.figures, close),
                dates: compare_dates(&a.dates, &b.dates),
                ..Explanation::default()
            },
        }
    }

    /// What article `article` says about fact `fact`: the one source of truth
    /// for the stories matrix, the article counts and the reader's markers.
    pub fn fact_cell(&self, fact: usize, article: usize) -> FactCell {
        let Some(f) = self.facts.get(fact) else {
            return FactCell::Absent;
        };
        let Some(&c) = f
            .claims
            .iter()
            .find(|&&c| self.claims.get(c).is_some_and(|cl| cl.article == article))
        else {
            return FactCell::Absent;
        };
        let in_fact = |rel: Relation| {
            f.claims.iter().any(|&d| {
                self.claims.get(d).is_some_and(|cl| cl.article == article)
                    && self.matches.get(d).is_some_and(|ms| {
                        ms.iter()
                            .any(|m| m.relation == rel && f.claims.contains(&m.claim))
                    })
            })
        };
        if f.relation == FactRelation::Contradicts && in_fact(Relation::Contradicts) {
            FactCell::Contradicts(c)
        } else if in_fact(Relation::Differs)
            || (f.relation == FactRelation::Differs && self.status(c) == ClaimStatus::Differs)
        {
            FactCell::Differs(c)
        } else {
            FactCell::Reports(c)
        }
    }

    /// Indices of the articles of the same story as article `article`, other
    /// than itself: the sources a claim is compared against.
    pub fn other_sources(&self, article: usize) -> Vec<usize> {
        let Some(story) = self.articles.get(article).map(|a| &a.story) else {
            return Vec::new();
        };
        (0..self.articles.len())
            .filter(|&j| j != article && &self.articles[j].story == story)
            .collect()
    }

    /// Counts of an article's claims by status.
    pub fn status_counts(&self, article: usize) -> StatusCounts {
        let mut counts = StatusCounts::default();
        if let Some(r) = self.article_claims.get(article) {
            for c in r.clone() {
                match self.status(c) {
                    ClaimStatus::Corroborated => counts.corroborated += 1,
                    ClaimStatus::Differs => counts.differs += 1,
                    ClaimStatus::Contradicts => counts.contradicts += 1,
                    ClaimStatus::SingleSource => counts.single += 1,
                }
            }
        }
        counts
    }

    /// Facts reported by more than one source.
    pub fn shared_facts(&self) -> impl Iterator<Item = &Fact> {
        self.facts
            .iter()
            .filter(|f| f.relation != FactRelation::Single)
    }

    /// How every other source of claim `claim`'s story relates to it, in one
    /// pass: per article of the story but the claim's own, the relation of
    /// its best match there (`None`: no match) and whether a match there
    /// differs in figures where the best one does not. For ranking thousands
    /// of sources without building each match's explanation.
    pub fn source_relations(&self, claim: usize) -> Vec<(usize, Option<Relation>, bool)> {
        let Some(cl) = self.claims.get(claim) else {
            return Vec::new();
        };
        let rep = self.copies.representative(claim);
        let mut best: std::collections::HashMap<usize, Relation> = Default::default();
        for m in self.matches.get(rep).into_iter().flatten() {
            best.entry(m.article).or_insert(m.relation);
        }
        let differing: std::collections::HashSet<usize> = self
            .differing
            .get(rep)
            .into_iter()
            .flatten()
            .map(|m| m.article)
            .collect();
        self.other_sources(cl.article)
            .into_iter()
            .map(|j| {
                if self.copies.member_in(claim, j).is_some() {
                    (j, Some(Relation::Agrees), false)
                } else {
                    (j, best.get(&j).copied(), differing.contains(&j))
                }
            })
            .collect()
    }

    /// The indices in `claims` of article `article`'s claims (empty for an
    /// unknown article).
    pub fn claim_range(&self, article: usize) -> Range<usize> {
        self.article_claims.get(article).cloned().unwrap_or(0..0)
    }

    /// An analysis assembled from given parts instead of computed: the
    /// corpus, its claims (grouped by article, in text order), each claim's
    /// matches (one list per claim) and the facts. For fixtures whose output
    /// must not change when the matcher does (the browser's snapshot
    /// tests). A claim in no fact gets a single-source fact of its own.
    pub fn from_parts(
        corpus: Corpus,
        claims: Vec<Claim>,
        matches: Vec<Vec<Match>>,
        mut facts: Vec<Fact>,
    ) -> Analysis {
        let Corpus {
            articles, warnings, ..
        } = corpus;
        let documents: Vec<Document> = articles.iter().map(|a| text::segment(&a.text)).collect();
        let article_claims = (0..articles.len())
            .map(|i| {
                let start = claims.partition_point(|c| c.article < i);
                let end = claims.partition_point(|c| c.article <= i);
                start..end
            })
            .collect();
        let mut claim_fact = vec![usize::MAX; claims.len()];
        for (fi, f) in facts.iter().enumerate() {
            for &c in &f.claims {
                if let Some(slot) = claim_fact.get_mut(c) {
                    *slot = fi;
                }
            }
        }
        for (c, slot) in claim_fact.iter_mut().enumerate() {
            if *slot == usize::MAX {
                *slot = facts.len();
                facts.push(Fact {
                    id: format!("F{}", facts.len() + 1),
                    label: claims[c].text.chars().take(60).collect(),
                    claims: vec![c],
                    articles: vec![claims[c].article],
                    relation: FactRelation::Single,
                });
            }
        }
        let mut matches = matches;
        matches.resize(claims.len(), Vec::new());
        Analysis {
            differing: vec![Vec::new(); claims.len()],
            articles,
            documents,
            claims,
            article_claims,
            matches,
            facts,
            claim_fact,
            copies: Copies::default(),
            warnings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::{Progress, Stage};
    use std::sync::Mutex;

    #[test]
    fn matching_reports_its_progress_as_it_goes() {
        // A loading bar must move while claims are matched, not sweep from
        // start to end: the step reports units between its start and end.
        let seen = Mutex::new(Vec::new());
        let cb = |p: Progress| seen.lock().expect("lock").push(p);
        let an =
            Analysis::build_with_progress(crate::corpus::bundled(), &MatchConfig::default(), &cb);
        let matching: Vec<Progress> = seen
            .into_inner()
            .expect("lock")
            .into_iter()
            .filter(|p| p.stage == Stage::Matching)
            .collect();
        let total = 2 * an.claims.len();
        assert!(matching.iter().all(|p| p.total == total));
        assert!(matching.iter().any(|p| p.done > 0 && p.done < total));
        assert_eq!(matching.last().map(|p| p.done), Some(total));
    }
}
