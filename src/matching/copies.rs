//! Copies: the same sentence in several articles of a story (wire copy run
//! by many outlets). Matching scores one representative of each group; the
//! others are matched through it, and the copies themselves agree by
//! construction. So a sentence printed by thousands of outlets costs memory
//! in proportion to the outlets, not to their square.

use std::collections::HashMap;

/// Marks a claim in no group of copies.
const NONE: u32 = u32::MAX;

/// Groups of claims with the same words in at least two articles of one
/// story.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Copies {
    /// Per claim: its group, or [`NONE`].
    group_of: Vec<u32>,
    /// Per group: its members sorted by (article, claim); the first is the
    /// representative.
    groups: Vec<Vec<usize>>,
    /// Per group: the article of each member, parallel to `groups`.
    articles: Vec<Vec<usize>>,
    /// Per group: how many distinct articles print it.
    spread: Vec<usize>,
}

impl Copies {
    /// Groups claims by `(story, words)` keys; `article_of[i]` is claim
    /// `i`'s article. Only keys held in two or more articles make a group.
    pub fn find(keys: &[(u32, u64)], article_of: &[usize]) -> Copies {
        let mut by_key: HashMap<(u32, u64), Vec<usize>> = HashMap::new();
        for (i, k) in keys.iter().enumerate() {
            by_key.entry(*k).or_default().push(i);
        }
        let mut groups: Vec<Vec<usize>> = by_key
            .into_values()
            .filter(|m| {
                let first = article_of.get(m[0]);
                m.iter().any(|&c| article_of.get(c) != first)
            })
            .collect();
        for g in &mut groups {
            g.sort_by_key(|&c| (article_of.get(c).copied().unwrap_or(usize::MAX), c));
        }
        groups.sort_by_key(|g| g[0]);
        let mut group_of = vec![NONE; keys.len()];
        for (gi, g) in groups.iter().enumerate() {
            for &c in g {
                group_of[c] = u32::try_from(gi).unwrap_or(NONE);
            }
        }
        let articles: Vec<Vec<usize>> = groups
            .iter()
            .map(|g| {
                g.iter()
                    .map(|&c| article_of.get(c).copied().unwrap_or(usize::MAX))
                    .collect()
            })
            .collect();
        let spread = articles
            .iter()
            .map(|a| 1 + a.windows(2).filter(|w| w[0] != w[1]).count())
            .collect();
        Copies {
            group_of,
            groups,
            articles,
            spread,
        }
    }

    /// The members of claim `c`'s group (itself included), if it has one.
    pub fn group(&self, c: usize) -> Option<&[usize]> {
        let g = *self.group_of.get(c)?;
        (g != NONE).then(|| self.groups[g as usize].as_slice())
    }

    /// The claim matched on behalf of `c`: its group's representative, or
    /// itself.
    pub fn representative(&self, c: usize) -> usize {
        self.group(c).map_or(c, |g| g[0])
    }

    /// Whether `c` is a copy matched through another claim (not scored
    /// itself).
    pub fn is_extra(&self, c: usize) -> bool {
        self.representative(c) != c
    }

    /// The first member of `c`'s group in article `article`, if any.
    pub fn member_in(&self, c: usize, article: usize) -> Option<usize> {
        let g = *self.group_of.get(c)?;
        if g == NONE {
            return None;
        }
        let arts = &self.articles[g as usize];
        let i = arts.partition_point(|&a| a < article);
        (arts.get(i) == Some(&article)).then(|| self.groups[g as usize][i])
    }

    /// The members of `c`'s group outside article `home`, one per article
    /// (the first there), in article order.
    pub fn in_other_articles(&self, c: usize, home: usize) -> impl Iterator<Item = usize> + '_ {
        let g = self.group_of.get(c).copied().unwrap_or(NONE);
        let (members, arts): (&[usize], &[usize]) = if g == NONE {
            (&[], &[])
        } else {
            (&self.groups[g as usize], &self.articles[g as usize])
        };
        members
            .iter()
            .zip(arts)
            .enumerate()
            .filter(move |&(i, (_, &a))| a != home && (i == 0 || arts[i - 1] != a))
            .map(|(_, (&m, _))| m)
    }

    /// How many distinct articles print `c`'s sentence (0 when only its
    /// own does).
    pub fn article_count(&self, c: usize) -> usize {
        let g = self.group_of.get(c).copied().unwrap_or(NONE);
        if g == NONE {
            return 0;
        }
        self.spread[g as usize]
    }

    /// Every group (members sorted by article; the first is the
    /// representative).
    pub fn groups(&self) -> &[Vec<usize>] {
        &self.groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_across_articles_group_and_answer_by_article() {
        // Claims 0..5 in articles 0, 0, 1, 2, 2; claims 0, 2, 3 share words,
        // 1 and 4 share words within... article 0 and 2.
        let keys = [(0, 7), (0, 9), (0, 7), (0, 7), (0, 9)];
        let articles = [0, 0, 1, 2, 2];
        let c = Copies::find(&keys, &articles);
        assert_eq!(c.groups().len(), 2);
        assert_eq!(c.group(2), Some(&[0, 2, 3][..]));
        assert_eq!(c.representative(3), 0);
        assert!(c.is_extra(3) && !c.is_extra(0));
        assert_eq!(c.member_in(0, 2), Some(3));
        assert_eq!(c.member_in(0, 5), None);
        assert_eq!(c.in_other_articles(2, 1).collect::<Vec<_>>(), vec![0, 3]);
        assert_eq!(c.article_count(4), 2);
    }

    #[test]
    fn the_same_words_in_one_article_or_another_story_are_not_copies() {
        let keys = [(0, 7), (0, 7), (1, 7)];
        let articles = [0, 0, 1];
        let c = Copies::find(&keys, &articles);
        assert!(c.groups().is_empty());
        assert_eq!(c.group(0), None);
        assert_eq!(c.representative(1), 1);
    }
}
