//! Search over every claim and article title: the `/` finder and
//! `crosscheck search`.
//!
//! # Ranking
//!
//! A query is split at spaces into terms, and an entry is listed when it
//! matches every term. Each term is ranked by how a person reads it:
//!
//! 1. the term as a **whole word** ("cocoa" in "Bahia cocoa zone"),
//! 2. the **start of a word** ("coco" in "cocoa"),
//! 3. **inside a word** ("ocoa" in "cocoa"),
//! 4. a **scattered** subsequence ("bhcoc" in "Bahia cocoa"), listed only
//!    when its characters lie within [`SCATTER_SPAN`] times the term's
//!    length (a subsequence strewn over a whole sentence is noise).
//!
//! Within a rank an earlier match wins (and a scattered one by its fuzzy
//! score); then the shorter entry, then the entry's order (titles before
//! claims, text order). Lower-case terms ignore case, a term with a capital
//! letter matches case exactly (smart case, as in fzf).
//!
//! Scattered matches are scored by `nucleo-matcher` (fzf's algorithm):
//! `benches/search.rs` measured it beside `fuzzy-matcher` (see the README).
//!
//! # Incremental search
//!
//! [`Session`] remembers the entries that matched the previous query as
//! subsequences; a query that extends it (the next keystroke) is only tried
//! on those, so typing narrows an ever smaller set.

use crate::analysis::Analysis;
use memchr::memmem;
use nucleo_matcher::{Config, Matcher, Utf32Str};
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;

/// A scattered match is listed only when its characters span at most this
/// many times the term's length.
pub const SCATTER_SPAN: usize = 3;

/// Score of a whole-word match of one term, before its position bonus.
const WHOLE_WORD: i64 = 3000;
/// Score of a match at the start of a word.
const WORD_START: i64 = 2000;
/// Score of a match inside a word.
const INSIDE_WORD: i64 = 1000;
/// The largest bonus for an early match (one point less per character).
const POSITION_BONUS: i64 = 500;

/// What a search hit points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Target {
    /// An article, by index.
    Article(usize),
    /// A claim, by index.
    Claim(usize),
}

/// One ranked hit, with the matched character positions of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// What was found.
    pub target: Target,
    /// Match quality; higher is better.
    pub score: i64,
    /// Char indices of the matched characters in the entry's text,
    /// ascending.
    pub positions: Vec<usize>,
}

/// An article as search results name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The article's id.
    pub id: String,
    /// Its story.
    pub story: String,
}

/// One searchable text: an article's title or a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// What it is.
    pub target: Target,
    /// Index of its article in [`Catalog::sources`].
    pub article: usize,
    /// The claim's id (`<article id>/<n>`), or the article's id for a title.
    pub id: String,
    /// The text searched and shown.
    pub text: String,
}

/// Everything search needs, without the rest of the analysis: what the
/// cache keeps apart so that `crosscheck search` reads only this.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    /// Every article (id and story), in load order.
    pub sources: Vec<Source>,
    /// Titles first (in article order), then claims (in claim order).
    pub entries: Vec<Entry>,
}

impl Catalog {
    /// The titles and claims of `analysis`.
    pub fn new(analysis: &Analysis) -> Catalog {
        let sources = analysis
            .articles
            .iter()
            .map(|a| Source {
                id: a.id.clone(),
                story: a.story.clone(),
            })
            .collect();
        let mut entries = Vec::with_capacity(analysis.articles.len() + analysis.claims.len());
        for (i, a) in analysis.articles.iter().enumerate() {
            entries.push(Entry {
                target: Target::Article(i),
                article: i,
                id: a.id.clone(),
                text: a.display_title(),
            });
        }
        for (i, c) in analysis.claims.iter().enumerate() {
            entries.push(Entry {
                target: Target::Claim(i),
                article: c.article,
                id: c.id.clone(),
                text: c.text.clone(),
            });
        }
        Catalog { sources, entries }
    }
}

/// An entry's text prepared for matching.
#[derive(Debug, Clone)]
struct Prepared {
    /// Lower-cased character by character (so char indices are those of
    /// the text).
    folded: String,
    /// Whether the text is ASCII (then byte and char indices agree).
    ascii: bool,
}

fn fold(s: &str) -> String {
    s.chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect()
}

/// The searchable entries, prepared once.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    catalog: Catalog,
    prepared: Vec<Prepared>,
}

/// A ranked entry: its index in [`SearchIndex::entries`] and its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranked {
    /// Index of the entry.
    pub entry: usize,
    /// Match quality; higher is better.
    pub score: i64,
}

impl SearchIndex {
    /// Every article title and every claim of `analysis`.
    pub fn new(analysis: &Analysis) -> Self {
        SearchIndex::from_catalog(Catalog::new(analysis))
    }

    /// An index over `catalog`'s entries.
    pub fn from_catalog(catalog: Catalog) -> Self {
        let prepared = catalog
            .entries
            .iter()
            .map(|e| Prepared {
                folded: fold(&e.text),
                ascii: e.text.is_ascii(),
            })
            .collect();
        SearchIndex { catalog, prepared }
    }

    /// The entries, in index order.
    pub fn entries(&self) -> &[Entry] {
        &self.catalog.entries
    }

    /// The articles the entries belong to.
    pub fn sources(&self) -> &[Source] {
        &self.catalog.sources
    }

    /// The text of an entry.
    pub fn text(&self, target: Target) -> Option<&str> {
        let i = match target {
            Target::Article(a) => a,
            Target::Claim(c) => self.catalog.sources.len() + c,
        };
        self.catalog
            .entries
            .get(i)
            .filter(|e| e.target == target)
            .or_else(|| self.catalog.entries.iter().find(|e| e.target == target))
            .map(|e| e.text.as_str())
    }

    /// Hits for `query`, best first, with their matched positions; empty
    /// for an empty query.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let mut session = Session::new();
        let ranked = session.search(self, query);
        ranked
            .iter()
            .map(|r| session.hit(self, query, *r))
            .collect()
    }
}

/// How one term matched one entry.
#[derive(Debug, Clone, Copy)]
enum TermMatch {
    /// Listed, with this score.
    Listed(i64),
    /// A subsequence too scattered to list (kept for narrowing).
    Unlisted,
    /// No match at all.
    None,
}

/// One term of a query, prepared.
struct Term {
    /// As typed (case-sensitive terms) or lower-cased.
    text: String,
    chars: Vec<char>,
    case_sensitive: bool,
}

impl Term {
    fn parse(query: &str) -> Vec<Term> {
        query
            .split_whitespace()
            .map(|t| {
                let case_sensitive = t.chars().any(char::is_uppercase);
                let text = if case_sensitive {
                    t.to_string()
                } else {
                    fold(t)
                };
                Term {
                    chars: text.chars().collect(),
                    text,
                    case_sensitive,
                }
            })
            .collect()
    }
}

/// An incremental search: each query that extends the previous one is
/// tried only on the previous query's matches. The browser keeps one per
/// search popup and calls [`Session::search`] at every keystroke.
pub struct Session {
    /// Queries searched, each with the entries matching it as
    /// subsequences; each query extends the one before.
    stack: Vec<(String, Vec<u32>)>,
    insensitive: Matcher,
    sensitive: Matcher,
    buf: Vec<char>,
    needle_buf: Vec<char>,
    indices: Vec<u32>,
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

impl Session {
    /// A session with no query yet.
    pub fn new() -> Session {
        let mut exact = Config::DEFAULT;
        exact.ignore_case = false;
        exact.normalize = false;
        let mut folded = Config::DEFAULT;
        folded.normalize = false;
        Session {
            stack: Vec::new(),
            insensitive: Matcher::new(folded),
            sensitive: Matcher::new(exact),
            buf: Vec::new(),
            needle_buf: Vec::new(),
            indices: Vec::new(),
        }
    }

    /// The entries matching `query`, best first (see the module's ranking);
    /// empty for an empty query.
    pub fn search(&mut self, index: &SearchIndex, query: &str) -> Vec<Ranked> {
        let terms = Term::parse(query);
        if terms.is_empty() {
            self.stack.clear();
            return Vec::new();
        }
        // Back to the longest earlier query that this one extends.
        while self
            .stack
            .last()
            .is_some_and(|(q, _)| !query.starts_with(q.as_str()))
        {
            self.stack.pop();
        }
        let mut candidates = Vec::new();
        let mut ranked = Vec::new();
        let pool: Box<dyn Iterator<Item = u32>> = match self.stack.last() {
            Some((_, c)) => Box::new(c.clone().into_iter()),
            None => Box::new(0..index.catalog.entries.len() as u32),
        };
        for e in pool {
            let mut total = 0;
            let mut listed = true;
            let mut matched = true;
            for t in &terms {
                match self.match_term(index, e as usize, t, false) {
                    TermMatch::Listed(s) => total += s,
                    TermMatch::Unlisted => listed = false,
                    TermMatch::None => {
                        matched = false;
                        break;
                    }
                }
            }
            if matched {
                candidates.push(e);
                if listed {
                    ranked.push(Ranked {
                        entry: e as usize,
                        score: total,
                    });
                }
            }
        }
        self.stack.push((query.to_string(), candidates));
        let len = |r: &Ranked| index.catalog.entries[r.entry].text.len();
        ranked.sort_unstable_by_key(|r| (Reverse(r.score), len(r), r.entry));
        ranked
    }

    /// `ranked` as a [`Hit`] with the matched character positions.
    pub fn hit(&mut self, index: &SearchIndex, query: &str, ranked: Ranked) -> Hit {
        let mut positions = Vec::new();
        for t in Term::parse(query) {
            if let Some(p) = self.positions(index, ranked.entry, &t) {
                positions.extend(p);
            }
        }
        positions.sort_unstable();
        positions.dedup();
        Hit {
            target: index.catalog.entries[ranked.entry].target,
            score: ranked.score,
            positions,
        }
    }

    fn positions(&mut self, index: &SearchIndex, e: usize, t: &Term) -> Option<Vec<usize>> {
        let entry = &index.catalog.entries[e];
        let hay = if t.case_sensitive {
            entry.text.as_str()
        } else {
            index.prepared[e].folded.as_str()
        };
        if let Some((byte, _)) = best_substring(hay, &t.text) {
            let start = hay[..byte].chars().count();
            return Some((start..start + t.chars.len()).collect());
        }
        match self.match_term(index, e, t, true) {
            TermMatch::Listed(_) => Some(self.indices.iter().map(|&i| i as usize).collect()),
            _ => None,
        }
    }

    /// How term `t` matches entry `e` (with `keep_indices`, the scattered
    /// match's char indices are left in `self.indices`).
    fn match_term(
        &mut self,
        index: &SearchIndex,
        e: usize,
        t: &Term,
        keep_indices: bool,
    ) -> TermMatch {
        let entry = &index.catalog.entries[e];
        let prep = &index.prepared[e];
        let hay = if t.case_sensitive {
            entry.text.as_str()
        } else {
            prep.folded.as_str()
        };
        if let Some((byte, tier)) = best_substring(hay, &t.text) {
            let pos = if prep.ascii {
                byte
            } else {
                hay[..byte].chars().count()
            };
            return TermMatch::Listed(
                tier + (POSITION_BONUS - pos.min(POSITION_BONUS as usize) as i64),
            );
        }
        let matcher = if t.case_sensitive {
            &mut self.sensitive
        } else {
            &mut self.insensitive
        };
        let haystack = Utf32Str::new(hay, &mut self.buf);
        let needle = Utf32Str::new(&t.text, &mut self.needle_buf);
        self.indices.clear();
        let Some(score) = matcher.fuzzy_indices(haystack, needle, &mut self.indices) else {
            return TermMatch::None;
        };
        let span = match (self.indices.first(), self.indices.last()) {
            (Some(&a), Some(&b)) => (b - a) as usize + 1,
            _ => 0,
        };
        if !keep_indices {
            self.indices.clear();
        }
        if span <= SCATTER_SPAN * t.chars.len() {
            TermMatch::Listed(i64::from(score).min(INSIDE_WORD - 1))
        } else {
            TermMatch::Unlisted
        }
    }
}

/// The best occurrence of `needle` in `hay` as `(byte offset, rank score)`:
/// a whole word before a word start before the inside of a word, the
/// earliest of equals.
fn best_substring(hay: &str, needle: &str) -> Option<(usize, i64)> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    let mut best: Option<(usize, i64)> = None;
    for start in memmem::find_iter(hay.as_bytes(), needle.as_bytes()) {
        let end = start + needle.len();
        let starts_word = !hay[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let ends_word = !hay[end..].chars().next().is_some_and(char::is_alphanumeric);
        let tier = match (starts_word, ends_word) {
            (true, true) => WHOLE_WORD,
            (true, false) => WORD_START,
            _ => INSIDE_WORD,
        };
        if best.is_none_or(|(_, t)| tier > t) {
            best = Some((start, tier));
            if tier == WHOLE_WORD {
                break;
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(texts: &[&str]) -> SearchIndex {
        SearchIndex::from_catalog(Catalog {
            sources: vec![Source {
                id: "a".into(),
                story: "s".into(),
            }],
            entries: texts
                .iter()
                .enumerate()
                .map(|(i, t)| Entry {
                    target: Target::Claim(i),
                    article: 0,
                    id: format!("a/{}", i + 1),
                    text: t.to_string(),
                })
                .collect(),
        })
    }

    fn order(ix: &SearchIndex, q: &str) -> Vec<usize> {
        Session::new()
            .search(ix, q)
            .iter()
            .map(|r| r.entry)
            .collect()
    }

    #[test]
    fn whole_words_then_word_starts_then_insides_then_scattered() {
        let ix = index(&[
            "the cocoanut grove",                 // word start
            "a chocolate cake",                   // inside? no: "coco" absent
            "hot cocoa prices rose",              // whole word
            "the Cocoa exchange",                 // whole word, folded
            "crop of coffee and cocoa",           // whole word, later
            "bacon, coconut and a cola",          // word start "coco"nut? no
            "apricocoa",                          // inside
            "cold october conditions of acreage", // scattered, too spread
        ]);
        let r = order(&ix, "cocoa");
        assert_eq!(&r[..3], &[3, 2, 4], "{r:?}");
        assert_eq!(r[3], 0);
        assert_eq!(r[4], 6);
        assert!(
            !r.contains(&7),
            "spread-out subsequences are not listed: {r:?}"
        );
    }

    #[test]
    fn scattered_hits_within_the_span_are_listed_last() {
        let ix = index(&[
            "North Korea sent troops",
            "the nkorea file",
            "n. korea",
            "nothing to report from the korea desk",
        ]);
        let r = order(&ix, "nkorea");
        assert_eq!(r, vec![1, 2, 0], "{r:?}");
    }

    #[test]
    fn every_term_must_match_and_case_is_smart() {
        let ix = index(&["Bahia cocoa review", "cocoa in Ghana", "bahia beaches"]);
        assert_eq!(order(&ix, "cocoa bahia"), vec![0]);
        assert_eq!(order(&ix, "Bahia"), vec![0]);
        assert_eq!(order(&ix, "bahia").len(), 2);
        assert!(order(&ix, "   ").is_empty());
    }

    #[test]
    fn narrowing_gives_the_same_results_as_a_fresh_search() {
        let texts: Vec<String> = (0..300)
            .map(|i| {
                format!(
                    "claim {i} about cocoa {} and {}",
                    i * 7 % 13,
                    ["oil", "coal", "corn"][i % 3]
                )
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let ix = index(&refs);
        let mut s = Session::new();
        let mut typed = String::new();
        for c in "cocoa 1 co".chars().chain("\u{8}\u{8}rn".chars()) {
            if c == '\u{8}' {
                typed.pop();
            } else {
                typed.push(c);
            }
            let inc = s.search(&ix, &typed);
            let fresh = Session::new().search(&ix, &typed);
            assert_eq!(inc, fresh, "after {typed:?}");
        }
    }

    #[test]
    fn hits_carry_char_positions() {
        let ix = index(&["Kim Jong Un visited Pyongyang’s cocoa fair"]);
        let hits = ix.search("cocoa");
        assert_eq!(hits.len(), 1);
        let start = "Kim Jong Un visited Pyongyang’s ".chars().count();
        assert_eq!(hits[0].positions, (start..start + 5).collect::<Vec<_>>());
        let hits = ix.search("kjun");
        assert!(hits.is_empty() || hits[0].positions.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(
            ix.text(Target::Claim(0)),
            Some("Kim Jong Un visited Pyongyang’s cocoa fair")
        );
    }

    #[test]
    fn the_bundled_claims_are_found() {
        let an = Analysis::build(crate::corpus::bundled());
        let ix = SearchIndex::new(&an);
        let hits = ix.search("14,000");
        assert!(!hits.is_empty());
        let Target::Claim(c) = hits[0].target else {
            panic!("a claim first")
        };
        assert!(an.claims[c].text.contains("14,000"));
        assert!(ix.search("zzzzqqq").is_empty());
    }
}
