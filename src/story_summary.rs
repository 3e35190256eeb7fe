//! One line per story for a list of stories: its label, its sources and
//! how its facts stand (shared, differing, single-source), computed once
//! from an [`Analysis`] so that a browser over thousands of stories never
//! counts them again.

use crate::matching::FactRelation;
use crate::stories;
use crate::Analysis;

/// A story with the counts a list of stories shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorySummary {
    /// The story's label (its articles' `story`).
    pub name: String,
    /// Indices of its articles (its sources), ascending.
    pub articles: Vec<usize>,
    /// Facts reported alike by several sources.
    pub agrees: usize,
    /// Facts whose figures or dates differ between sources (contradictions
    /// included).
    pub differs: usize,
    /// Of those, facts where one source states the opposite of another.
    pub contradicts: usize,
    /// Facts reported by one source only.
    pub single: usize,
}

impl StorySummary {
    /// Number of facts of the story.
    pub fn facts(&self) -> usize {
        self.agrees + self.differs + self.single
    }
}

/// Every story of `analysis` in order of first appearance, with its
/// counts. A fact belongs to the story of its first article (facts never
/// span stories: claims are matched within their story only).
pub fn summarize(analysis: &Analysis) -> Vec<StorySummary> {
    let list = stories::list(&analysis.articles);
    let mut story_of = vec![0usize; analysis.articles.len()];
    let mut out: Vec<StorySummary> = list
        .into_iter()
        .enumerate()
        .map(|(k, s)| {
            for &i in &s.articles {
                if let Some(slot) = story_of.get_mut(i) {
                    *slot = k;
                }
            }
            StorySummary {
                name: s.name,
                articles: s.articles,
                agrees: 0,
                differs: 0,
                contradicts: 0,
                single: 0,
            }
        })
        .collect();
    for f in &analysis.facts {
        let Some(s) = f
            .articles
            .first()
            .and_then(|&a| story_of.get(a))
            .and_then(|&k| out.get_mut(k))
        else {
            continue;
        };
        match f.relation {
            FactRelation::Agrees => s.agrees += 1,
            FactRelation::Differs => s.differs += 1,
            FactRelation::Contradicts => {
                s.differs += 1;
                s.contradicts += 1;
            }
            FactRelation::Single => s.single += 1,
        }
    }
    out
}

/// For each article, the index of its story in `summaries`.
pub fn story_of_articles(summaries: &[StorySummary], articles: usize) -> Vec<usize> {
    let mut out = vec![0; articles];
    for (k, s) in summaries.iter().enumerate() {
        for &i in &s.articles {
            if let Some(slot) = out.get_mut(i) {
                *slot = k;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Article, Corpus};

    fn article(id: &str, story: &str, text: &str) -> Article {
        let mut a = Article::new(id, text);
        a.story = story.into();
        a
    }

    #[test]
    fn counts_each_storys_facts() {
        let corpus = Corpus::from_articles([
            article(
                "a",
                "bridge",
                "The council said the bridge will cost 40 million dollars. The mayor opened the meeting.",
            ),
            article(
                "b",
                "bridge",
                "The council said the bridge will cost 55 million dollars. Workers start in May.",
            ),
            article(
                "c",
                "harvest",
                "Farmers reported a record wheat harvest of 12 million tonnes.",
            ),
        ]);
        let a = Analysis::build(corpus);
        let s = summarize(&a);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].name, "bridge");
        assert_eq!(s[0].articles, vec![0, 1]);
        assert_eq!(s[1].name, "harvest");
        assert_eq!(s[1].articles, vec![2]);
        // Every fact is counted once, in its own story.
        let total: usize = s.iter().map(StorySummary::facts).sum();
        assert_eq!(total, a.facts.len());
        // A story of one source has only single-source facts.
        assert_eq!(s[1].agrees + s[1].differs, 0);
        assert!(s[1].single > 0);
        // Each story's counts are those of the facts of its articles.
        for (k, story) in s.iter().enumerate() {
            let mine = a
                .facts
                .iter()
                .filter(|f| f.articles.iter().all(|x| story.articles.contains(x)))
                .count();
            assert_eq!(story.facts(), mine, "story {k}");
            assert!(story.contradicts <= story.differs);
        }
        assert_eq!(story_of_articles(&s, 3), vec![0, 0, 1]);
    }

    #[test]
    fn counts_by_relation() {
        let a = Analysis::build(crate::corpus::bundled());
        let s = summarize(&a);
        assert_eq!(s.len(), 1, "the bundled articles are one story");
        let by = |r: FactRelation| a.facts.iter().filter(|f| f.relation == r).count();
        assert_eq!(s[0].agrees, by(FactRelation::Agrees));
        assert_eq!(s[0].contradicts, by(FactRelation::Contradicts));
        assert_eq!(
            s[0].differs,
            by(FactRelation::Differs) + by(FactRelation::Contradicts)
        );
        assert_eq!(s[0].single, by(FactRelation::Single));
        assert_eq!(s[0].articles.len(), a.articles.len());
    }

    #[test]
    fn empty_analysis_has_no_story() {
        assert!(summarize(&Analysis::default()).is_empty());
        assert!(story_of_articles(&[], 0).is_empty());
    }
}
