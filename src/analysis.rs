//! The whole pipeline over a corpus: segment, extract claims, match, group.

use crate::claims::{self, Claim};
use crate::corpus::{Article, Corpus, LoadWarning};
use crate::matching::{self, Fact, FactRelation, Match, MatchConfig, Relation};
use crate::text::{self, Document};
use std::ops::Range;

/// How a claim stands against the other sources, for highlighting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClaimStatus {
    /// Another source states the same, with the same figures.
    Corroborated,
    /// Another source states the same quantity with different figures.
    Differs,
    /// Only related statements elsewhere, or none.
    SingleSource,
}

/// Everything the export and the terminal browser show, computed once.
#[derive(Debug, Clone, Default)]
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
        let Corpus {
            articles, warnings, ..
        } = corpus;
        let documents: Vec<Document> = articles.iter().map(|a| text::segment(&a.text)).collect();
        let mut claims = Vec::new();
        let mut article_claims = Vec::with_capacity(articles.len());
        for (i, (a, d)) in articles.iter().zip(&documents).enumerate() {
            let start = claims.len();
            claims.extend(claims::extract(i, a, d));
            article_claims.push(start..claims.len());
        }
        let matching::matcher::Matched {
            best: matches,
            differing,
        } = matching::match_claims(&articles, &claims, config);
        let (facts, claim_fact) = matching::group_facts(&articles, &claims, &matches);
        Analysis {
            articles,
            documents,
            claims,
            article_claims,
            matches,
            differing,
            facts,
            claim_fact,
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

    /// How claim `i` stands against the other sources.
    pub fn status(&self, claim: usize) -> ClaimStatus {
        let ms = self.matches.get(claim).map(Vec::as_slice).unwrap_or(&[]);
        let differs_elsewhere = self.differing.get(claim).is_some_and(|d| !d.is_empty());
        if differs_elsewhere || ms.iter().any(|m| m.relation == Relation::Differs) {
            ClaimStatus::Differs
        } else if ms.iter().any(|m| m.relation == Relation::Agrees) {
            ClaimStatus::Corroborated
        } else {
            ClaimStatus::SingleSource
        }
    }

    /// A match of claim `claim` in article `article` whose figures differ,
    /// where the best match there agrees on something else.
    pub fn differing_in(&self, claim: usize, article: usize) -> Option<&Match> {
        self.differing
            .get(claim)?
            .iter()
            .find(|m| m.article == article)
    }

    /// The best match of claim `claim` in article `article`, if any.
    pub fn match_in(&self, claim: usize, article: usize) -> Option<&Match> {
        self.matches
            .get(claim)?
            .iter()
            .find(|m| m.article == article)
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

    /// Counts of an article's claims by status: (corroborated, differs, single).
    pub fn status_counts(&self, article: usize) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        if let Some(r) = self.article_claims.get(article) {
            for c in r.clone() {
                match self.status(c) {
                    ClaimStatus::Corroborated => counts.0 += 1,
                    ClaimStatus::Differs => counts.1 += 1,
                    ClaimStatus::SingleSource => counts.2 += 1,
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
}
