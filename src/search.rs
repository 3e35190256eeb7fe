//! Search over every claim and article title: the browser's `/` finder and
//! `crosscheck search`, with fzf's query syntax.
//!
//! # Query syntax
//!
//! A query is terms separated by spaces; an entry is listed when it matches
//! every term. A plain term matches fuzzily (see the ranking below);
//! `'term` matches exactly (a substring), `^term` at the start, `term$` at
//! the end, `^term$` the whole text, and `!term` (also `!^term`, `!term$`)
//! excludes the entries that contain it. Lower-case terms ignore case, a
//! term with a capital letter matches case exactly (smart case, as in
//! fzf). [`SearchIndex::search`] lists every entry, titles first, in order,
//! for an empty query.
//!
//! # Ranking
//!
//! Each term is ranked by how a person reads it:
//!
//! 1. the term as a **whole word** ("cocoa" in "Bahia cocoa zone"),
//! 2. the **start of a word** ("coco" in "cocoa"),
//! 3. **inside a word** ("ocoa" in "cocoa"),
//! 4. a **scattered** subsequence ("nkorea" in "N. Korea"), listed only
//!    when it is compact: at most [`MAX_GAPS`] characters lie between its
//!    first and last, or, across words, at most [`MAX_GAPS`] letters and
//!    digits and [`MAX_GAPS`] other characters ("jvdam" in "Jan Van Dam");
//!    a subsequence strewn over a whole sentence is noise.
//!
//! Exact terms rank the same way by where they match (`^` and `$` terms
//! match at one place only). Within a rank an earlier match wins (and a
//! scattered one by its fuzzy score); then the entry's order (titles before
//! claims, text order).
//!
//! Scattered matches are scored by `nucleo-matcher` (fzf's algorithm):
//! `benches/search.rs` measured it beside `fuzzy-matcher` (see the README).
//!
//! # Incremental search
//!
//! [`Session`] remembers the entries listed for the previous queries; a
//! query whose every term implies a term of an earlier one (the next
//! keystroke: a longer term, an added term, `'` before a term) is only
//! tried on that query's hits, so typing narrows an ever smaller set. This
//! is exact: an entry not listed for a query is not listed for a query that
//! implies it (a longer fuzzy term spans at least one more character, so a
//! broken gap rule stays broken; an exact match is a fuzzy one; an added
//! term only adds conditions). A changed negated term (`!r` to `!ru`) lists
//! more, not fewer, so it starts afresh. The scan runs on all cores.

use crate::analysis::Analysis;
use memchr::memmem;
use nucleo_matcher::{Config, Matcher, Utf32Str};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;

/// A scattered match is listed only when at most this many characters lie
/// between its first and last matched character ("nkorea" in "North
/// Korea" skips five).
pub const MAX_GAPS: usize = 5;

/// Occurrences of a term examined in one text for its best rank (a letter
/// occurs hundreds of times in a long text; the rank of the first few
/// decides).
const MAX_OCCURRENCES: usize = 16;

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

/// One searchable text, as [`Catalog::entry`] returns it: an article's
/// title or a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry<'a> {
    /// What it is.
    pub target: Target,
    /// Index of its article in [`Catalog::sources`].
    pub article: usize,
    /// The claim's id (`<article id>/<n>`), or the article's id for a title.
    pub id: &'a str,
    /// The text searched and shown.
    pub text: &'a str,
}

/// Strings packed end to end, with where each ends: one allocation for
/// a hundred thousand texts, read from the cache in one piece.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Packed {
    text: String,
    ends: Vec<u32>,
}

impl Packed {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        // Past 4 GiB of text the ends saturate and the texts read empty.
        self.ends
            .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }

    /// Pushes `s` lower-cased as [`fold`] does; an ASCII text (`ascii`)
    /// is lower-cased in place, with no string of its own.
    fn push_folded(&mut self, s: &str, ascii: bool) {
        if !ascii {
            return self.push(&fold(s));
        }
        let from = self.text.len();
        self.text.push_str(s);
        if let Some(added) = self.text.get_mut(from..) {
            added.make_ascii_lowercase();
        }
        self.ends
            .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }

    fn get(&self, i: usize) -> &str {
        let start = i
            .checked_sub(1)
            .and_then(|j| self.ends.get(j))
            .map_or(0, |&e| e as usize);
        let end = self.ends.get(i).map_or(start, |&e| e as usize);
        self.text.get(start..end).unwrap_or("")
    }

    /// Whether every end lies on a character boundary, in order (a cache
    /// file is checked before it is used).
    fn is_valid(&self) -> bool {
        let mut last = 0;
        self.ends.iter().all(|&e| {
            let ok = e as usize >= last && self.text.is_char_boundary(e as usize);
            last = e as usize;
            ok
        }) && self
            .ends
            .last()
            .is_none_or(|&e| e as usize <= self.text.len())
    }
}

/// Everything search needs, without the rest of the analysis: what the
/// cache keeps apart so that `crosscheck search` reads only this.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    /// Every article (id and story), in load order.
    pub sources: Vec<Source>,
    /// Per entry: what it is and its article's index; titles first (in
    /// article order), then claims (in claim order).
    targets: Vec<(Target, u32)>,
    ids: Packed,
    texts: Packed,
}

impl Catalog {
    /// The titles and claims of `analysis`.
    pub fn new(analysis: &Analysis) -> Catalog {
        let mut c = Catalog {
            sources: analysis
                .articles
                .iter()
                .map(|a| Source {
                    id: a.id.clone(),
                    story: a.story.clone(),
                })
                .collect(),
            ..Catalog::default()
        };
        for (i, a) in analysis.articles.iter().enumerate() {
            c.push(Target::Article(i), i, &a.id, &a.display_title());
        }
        for (i, cl) in analysis.claims.iter().enumerate() {
            c.push(Target::Claim(i), cl.article, &cl.id, &cl.text);
        }
        c
    }

    /// A catalog of these articles and no entry yet.
    pub fn with_sources(sources: Vec<Source>) -> Catalog {
        Catalog {
            sources,
            ..Catalog::default()
        }
    }

    /// Adds an entry.
    pub fn push(&mut self, target: Target, article: usize, id: &str, text: &str) {
        self.targets.push((target, entry_u32(article)));
        self.ids.push(id);
        self.texts.push(text);
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// Entry `i` (empty strings for an index out of range).
    pub fn entry(&self, i: usize) -> Entry<'_> {
        let (target, article) = self
            .targets
            .get(i)
            .copied()
            .unwrap_or((Target::Article(0), 0));
        Entry {
            target,
            article: article as usize,
            id: self.ids.get(i),
            text: self.texts.get(i),
        }
    }

    /// Whether the parts agree (a catalog read from a file is checked
    /// before it is used).
    pub fn is_valid(&self) -> bool {
        self.ids.ends.len() == self.targets.len()
            && self.texts.ends.len() == self.targets.len()
            && self.ids.is_valid()
            && self.texts.is_valid()
            && self
                .targets
                .iter()
                .all(|&(_, a)| (a as usize) < self.sources.len())
    }
}

fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect()
}

/// The searchable entries, prepared once: the catalog, and every text
/// lower-cased character by character (so char indices are those of the
/// text), packed the same way.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    catalog: Catalog,
    folded: Packed,
    /// Per entry: whether its text is ASCII (byte and char indices agree).
    ascii: Vec<bool>,
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
        let n = catalog.len();
        let ascii: Vec<bool> = (0..n).map(|i| catalog.texts.get(i).is_ascii()).collect();
        let folded = if ascii.iter().all(|&a| a) {
            Packed {
                text: catalog.texts.text.to_ascii_lowercase(),
                ends: catalog.texts.ends.clone(),
            }
        } else {
            // One allocation: lower-casing keeps most texts' length.
            let mut p = Packed {
                text: String::with_capacity(
                    catalog.texts.text.len() + catalog.texts.text.len() / 64,
                ),
                ends: Vec::with_capacity(n),
            };
            for (i, &is_ascii) in ascii.iter().enumerate() {
                p.push_folded(catalog.texts.get(i), is_ascii);
            }
            p
        };
        SearchIndex {
            catalog,
            folded,
            ascii,
        }
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.catalog.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.catalog.is_empty()
    }

    /// Entry `i`.
    pub fn entry(&self, i: usize) -> Entry<'_> {
        self.catalog.entry(i)
    }

    /// The articles the entries belong to.
    pub fn sources(&self) -> &[Source] {
        &self.catalog.sources
    }

    /// The text of an entry.
    pub fn text(&self, target: Target) -> Option<&str> {
        let guess = match target {
            Target::Article(a) => a,
            Target::Claim(c) => self.catalog.sources.len() + c,
        };
        let i = if self
            .catalog
            .targets
            .get(guess)
            .is_some_and(|t| t.0 == target)
        {
            guess
        } else {
            self.catalog.targets.iter().position(|t| t.0 == target)?
        };
        Some(self.catalog.texts.get(i))
    }

    /// The text matched for entry `i` under `t`'s case rule.
    fn haystack(&self, i: usize, t: &Term) -> &str {
        if t.case_sensitive {
            self.catalog.texts.get(i)
        } else {
            self.folded.get(i)
        }
    }

    /// Hits for `query`, best first, with their matched positions. An
    /// empty query (or one of bare `'`, `^`, `!`) lists every entry in
    /// order: the browser's finder opens on everything.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let mut session = Session::new();
        if Term::parse(query).is_empty() {
            return (0..self.len())
                .map(|i| Hit {
                    target: self.entry(i).target,
                    score: 0,
                    positions: Vec::new(),
                })
                .collect();
        }
        let ranked = session.search(self, query);
        ranked
            .iter()
            .map(|r| session.hit(self, query, *r))
            .collect()
    }
}

/// How one term of a query matches (fzf's syntax).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `term`: fuzzily, see the module's ranking.
    Fuzzy,
    /// `'term`: a substring.
    Exact,
    /// `^term`: at the start.
    Prefix,
    /// `term$`: at the end.
    Suffix,
    /// `^term$`: the whole text.
    Whole,
}

/// One term of a query, prepared.
struct Term {
    /// As typed (case-sensitive terms) or lower-cased.
    text: String,
    chars: Vec<char>,
    case_sensitive: bool,
    kind: Kind,
    /// `!term`: the entries that match are left out.
    negated: bool,
    /// A substring searcher for `text`, built once per query.
    finder: memmem::Finder<'static>,
}

impl Term {
    /// Splits a query into terms (fzf syntax; see the module docs); a term
    /// left empty by its marks (`'`, `^`, `!`) is dropped.
    fn parse(query: &str) -> Vec<Term> {
        query
            .split_whitespace()
            .filter_map(|raw| {
                let (negated, rest) = match raw.strip_prefix('!') {
                    Some(r) => (true, r),
                    None => (false, raw),
                };
                let (kind, t) = if let Some(r) = rest.strip_prefix('\'') {
                    (Kind::Exact, r)
                } else if let Some(r) = rest.strip_prefix('^') {
                    match r.strip_suffix('$') {
                        Some(w) if !w.is_empty() => (Kind::Whole, w),
                        _ => (Kind::Prefix, r),
                    }
                } else if let Some(r) = rest.strip_suffix('$').filter(|r| !r.is_empty()) {
                    (Kind::Suffix, r)
                } else if negated {
                    // fzf: a negated plain term is an exact non-match.
                    (Kind::Exact, rest)
                } else {
                    (Kind::Fuzzy, rest)
                };
                if t.is_empty() {
                    return None;
                }
                let case_sensitive = t.chars().any(char::is_uppercase);
                let text = if case_sensitive {
                    t.to_string()
                } else {
                    fold(t)
                };
                Some(Term {
                    chars: text.chars().collect(),
                    finder: memmem::Finder::new(text.as_bytes()).into_owned(),
                    text,
                    case_sensitive,
                    kind,
                    negated,
                })
            })
            .collect()
    }

    /// The term without its searcher, to remember a query by.
    fn key(&self) -> TermKey {
        TermKey {
            text: self.text.clone(),
            case_sensitive: self.case_sensitive,
            kind: self.kind,
            negated: self.negated,
        }
    }
}

/// A term as [`Session`] remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TermKey {
    text: String,
    case_sensitive: bool,
    kind: Kind,
    negated: bool,
}

impl TermKey {
    /// Whether every entry matching `self` matches `earlier` (so that
    /// `earlier`'s hits can be narrowed instead of searching afresh).
    fn implies(&self, earlier: &TermKey) -> bool {
        if self == earlier {
            return true;
        }
        if self.negated || earlier.negated {
            // `!ru` leaves out fewer entries than `!r`.
            return false;
        }
        // This term's text as `earlier` compares it: folded for a term that
        // ignores case (folding keeps every character's place).
        let text = match (earlier.case_sensitive, self.case_sensitive) {
            (false, _) => fold(&self.text),
            (true, true) => self.text.clone(),
            (true, false) => return false,
        };
        let p = earlier.text.as_str();
        match (earlier.kind, self.kind) {
            // A longer fuzzy term: its match without the added characters
            // keeps within the gap rule.
            (Kind::Fuzzy, Kind::Fuzzy) | (Kind::Prefix, Kind::Prefix | Kind::Whole) => {
                text.starts_with(p)
            }
            // Any exact match is listed by a fuzzy term.
            (Kind::Fuzzy | Kind::Exact, _) => text.contains(p),
            (Kind::Suffix, Kind::Suffix | Kind::Whole) => text.ends_with(p),
            (Kind::Whole, Kind::Whole) => text == p,
            _ => false,
        }
    }
}

/// Whether every entry matching all of `terms` matches all of `earlier`.
fn narrows(terms: &[TermKey], earlier: &[TermKey]) -> bool {
    earlier.iter().all(|e| terms.iter().any(|t| t.implies(e)))
}

/// An incremental search: a query that implies an earlier one (the next
/// keystroke) is tried only on that query's hits. Keep one per search
/// popup and call [`Session::search`] at every keystroke.
#[derive(Default)]
pub struct Session {
    /// Queries searched, each with its hits (entry indices, ascending);
    /// each query implies the one before.
    stack: Vec<(Vec<TermKey>, Vec<u32>)>,
    scratch: Scratch,
}

/// Matchers and buffers for scattered matches (one per worker thread).
struct Scratch {
    insensitive: Matcher,
    sensitive: Matcher,
    buf: Vec<char>,
    needle_buf: Vec<char>,
    indices: Vec<u32>,
}

impl Default for Scratch {
    fn default() -> Self {
        let mut exact = Config::DEFAULT;
        exact.ignore_case = false;
        exact.normalize = false;
        let mut folded = Config::DEFAULT;
        folded.normalize = false;
        Scratch {
            insensitive: Matcher::new(folded),
            sensitive: Matcher::new(exact),
            buf: Vec::new(),
            needle_buf: Vec::new(),
            indices: Vec::new(),
        }
    }
}

/// An entry index as the session stores it (the catalog's entries are
/// counted in `u32`, see [`Packed`]).
fn entry_u32(e: usize) -> u32 {
    u32::try_from(e).unwrap_or(u32::MAX)
}

impl Session {
    /// A session with no query yet.
    pub fn new() -> Session {
        Session::default()
    }

    /// The entries matching `query`, best first (see the module's ranking);
    /// empty for an empty query.
    pub fn search(&mut self, index: &SearchIndex, query: &str) -> Vec<Ranked> {
        let terms = Term::parse(query);
        if terms.is_empty() {
            self.stack.clear();
            return Vec::new();
        }
        let keys: Vec<TermKey> = terms.iter().map(Term::key).collect();
        // Back to the latest earlier query that this one implies.
        while self
            .stack
            .last()
            .is_some_and(|(earlier, _)| !narrows(&keys, earlier))
        {
            self.stack.pop();
        }
        let score = |scratch: &mut Scratch, e: u32| {
            let mut total = 0;
            for t in &terms {
                match (scratch.match_term(index, e as usize, t, false), t.negated) {
                    (Some(_), true) | (None, false) => return None,
                    (None, true) => {}
                    (Some(s), false) => total += s,
                }
            }
            Some(Ranked {
                entry: e as usize,
                score: total,
            })
        };
        let mut ranked: Vec<Ranked> = match self.stack.last() {
            Some((_, pool)) => pool
                .par_iter()
                .with_min_len(1024)
                .map_init(Scratch::default, |s, &e| score(s, e))
                .flatten_iter()
                .collect(),
            None => (0..entry_u32(index.len()))
                .into_par_iter()
                .with_min_len(1024)
                .map_init(Scratch::default, score)
                .flatten_iter()
                .collect(),
        };
        self.stack
            .push((keys, ranked.iter().map(|r| entry_u32(r.entry)).collect()));
        ranked.par_sort_unstable_by_key(|r| (Reverse(r.score), r.entry));
        ranked
    }

    /// `ranked` as a [`Hit`] with the matched character positions.
    pub fn hit(&mut self, index: &SearchIndex, query: &str, ranked: Ranked) -> Hit {
        let mut positions = Vec::new();
        for t in Term::parse(query).iter().filter(|t| !t.negated) {
            if let Some(p) = self.scratch.positions(index, ranked.entry, t) {
                positions.extend(p);
            }
        }
        positions.sort_unstable();
        positions.dedup();
        Hit {
            target: index.entry(ranked.entry).target,
            score: ranked.score,
            positions,
        }
    }
}

impl Scratch {
    fn positions(&mut self, index: &SearchIndex, e: usize, t: &Term) -> Option<Vec<usize>> {
        let hay = index.haystack(e, t);
        if let Some((byte, _)) = fixed_match(hay, t) {
            let start = hay[..byte].chars().count();
            return Some((start..start + t.chars.len()).collect());
        }
        self.match_term(index, e, t, true)?;
        Some(self.indices.iter().map(|&i| i as usize).collect())
    }

    /// The score of term `t` in entry `e`, if it matches (a negated term's
    /// score is only its match; with `keep_indices`, a scattered match's
    /// char indices are left in `self.indices`).
    fn match_term(
        &mut self,
        index: &SearchIndex,
        e: usize,
        t: &Term,
        keep_indices: bool,
    ) -> Option<i64> {
        let hay = index.haystack(e, t);
        let ascii = index.ascii.get(e).copied().unwrap_or(false);
        if let Some((byte, tier)) = fixed_match(hay, t) {
            let pos = if ascii {
                byte
            } else {
                hay[..byte].chars().count()
            };
            return Some(
                tier + POSITION_BONUS - i64::try_from(pos).unwrap_or(i64::MAX).min(POSITION_BONUS),
            );
        }
        if t.kind != Kind::Fuzzy {
            return None;
        }
        let limit = t.chars.len() + MAX_GAPS;
        let bytes = ascii && t.text.is_ascii();
        // A text that does not hold the term's characters in order at all
        // (most of them) is left after one pass; a compact window is sought
        // in the others.
        let (start, end) = if bytes {
            let (h, n) = (hay.as_bytes(), t.text.as_bytes());
            if !is_subsequence(h, n) {
                return None;
            }
            scattered(h, n, limit).or_else(|| across_words(h, n))?
        } else {
            self.buf.clear();
            self.buf.extend(hay.chars());
            if !is_subsequence(&self.buf, &t.chars) {
                return None;
            }
            scattered(&self.buf, &t.chars, limit).or_else(|| across_words(&self.buf, &t.chars))?
        };
        // Scored (and its characters found) by nucleo within the window.
        let matcher = if t.case_sensitive {
            &mut self.sensitive
        } else {
            &mut self.insensitive
        };
        let haystack = if bytes {
            Utf32Str::Ascii(&hay.as_bytes()[start..end])
        } else {
            Utf32Str::Unicode(&self.buf[start..end])
        };
        let needle = Utf32Str::new(&t.text, &mut self.needle_buf);
        self.indices.clear();
        let score = matcher
            .fuzzy_indices(haystack, needle, &mut self.indices)
            .unwrap_or(0);
        if keep_indices {
            let offset = entry_u32(start);
            for i in &mut self.indices {
                *i += offset;
            }
        } else {
            self.indices.clear();
        }
        Some(i64::from(score).min(INSIDE_WORD - 1))
    }
}

/// Whether `hay` holds `needle`'s elements in order.
fn is_subsequence<T: Unit>(hay: &[T], needle: &[T]) -> bool {
    let mut i = 0;
    for &c in needle {
        match hay.get(i..).and_then(|rest| T::find(rest, c)) {
            Some(p) => i += p + 1,
            None => return false,
        }
    }
    true
}

/// The narrowest window `(start, end)` of `hay` of at most `limit`
/// elements that holds `needle` as a subsequence, if there is one.
fn scattered<T: Unit>(hay: &[T], needle: &[T], limit: usize) -> Option<(usize, usize)> {
    let (&first, rest) = needle.split_first()?;
    let mut best: Option<(usize, usize)> = None;
    let mut s = 0;
    while let Some(p) = T::find(&hay[s..], first) {
        let start = s + p;
        let mut i = start + 1;
        let mut found = true;
        for &c in rest {
            let room = (start + limit).min(hay.len()).saturating_sub(i);
            if let Some(q) = T::find(&hay[i..i + room], c) {
                i += q + 1;
            } else {
                found = false;
                break;
            }
        }
        if found && best.is_none_or(|(a, b)| i - start < b - a) {
            best = Some((start, i));
        }
        s = start + 1;
    }
    best
}

/// The narrowest window `(start, end)` of `hay` that holds `needle` as a
/// subsequence leaving out at most [`MAX_GAPS`] letters and digits and
/// [`MAX_GAPS`] other characters: a match across words ("jvdam" in "Jan
/// Van Dam" leaves out four letters and two spaces).
fn across_words<T: Unit>(hay: &[T], needle: &[T]) -> Option<(usize, usize)> {
    let (&first, rest) = needle.split_first()?;
    let mut best: Option<(usize, usize)> = None;
    let mut s = 0;
    'starts: while let Some(p) = T::find(&hay[s..], first) {
        let start = s + p;
        s = start + 1;
        let (mut i, mut words, mut others) = (start + 1, 0, 0);
        for &c in rest {
            // The earliest next match leaves out the least.
            loop {
                // Past the end: later starts match no earlier, so none can.
                let Some(&h) = hay.get(i) else {
                    return best;
                };
                i += 1;
                if h == c {
                    break;
                }
                let left_out = if h.is_word() { &mut words } else { &mut others };
                *left_out += 1;
                if *left_out > MAX_GAPS {
                    continue 'starts;
                }
            }
        }
        if best.is_none_or(|(a, b)| i - start < b - a) {
            best = Some((start, i));
        }
    }
    best
}

/// A unit of text to match: a byte of ASCII text or a character.
trait Unit: Copy + PartialEq {
    /// Index of the first `c` in `hay`.
    fn find(hay: &[Self], c: Self) -> Option<usize>;

    /// Whether it is a letter or a digit.
    fn is_word(self) -> bool;
}

impl Unit for u8 {
    fn find(hay: &[u8], c: u8) -> Option<usize> {
        memchr::memchr(c, hay)
    }

    fn is_word(self) -> bool {
        self.is_ascii_alphanumeric()
    }
}

impl Unit for char {
    fn find(hay: &[char], c: char) -> Option<usize> {
        hay.iter().position(|&h| h == c)
    }

    fn is_word(self) -> bool {
        self.is_alphanumeric()
    }
}

/// Where term `t` matches `hay` as a whole (not scattered), as `(byte
/// offset, rank score)`: for a fuzzy or exact term its best substring (see
/// [`best_substring`]), for `^`, `$` and `^...$` terms their one place.
fn fixed_match(hay: &str, t: &Term) -> Option<(usize, i64)> {
    let len = t.text.len();
    match t.kind {
        Kind::Fuzzy | Kind::Exact => best_substring(hay, &t.finder),
        Kind::Prefix => hay
            .starts_with(t.text.as_str())
            .then(|| (0, tier(hay, 0, len))),
        Kind::Suffix => {
            let start = hay.len().checked_sub(len)?;
            (hay.is_char_boundary(start) && hay.ends_with(t.text.as_str()))
                .then(|| (start, tier(hay, start, len)))
        }
        Kind::Whole => (hay == t.text).then_some((0, WHOLE_WORD)),
    }
}

/// The rank of a match of `len` bytes at byte `start` of `hay`: a whole
/// word, the start of a word, or inside a word.
fn tier(hay: &str, start: usize, len: usize) -> i64 {
    let end = start + len;
    let starts_word = !hay[..start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    let ends_word = !hay[end..].chars().next().is_some_and(char::is_alphanumeric);
    match (starts_word, ends_word) {
        (true, true) => WHOLE_WORD,
        (true, false) => WORD_START,
        _ => INSIDE_WORD,
    }
}

/// The best of the first [`MAX_OCCURRENCES`] occurrences of the finder's
/// needle in `hay` as `(byte offset, rank score)`: a whole word before a
/// word start before the inside of a word, the earliest of equals.
fn best_substring(hay: &str, finder: &memmem::Finder<'_>) -> Option<(usize, i64)> {
    let len = finder.needle().len();
    if len == 0 || len > hay.len() {
        return None;
    }
    let mut best: Option<(usize, i64)> = None;
    for start in finder.find_iter(hay.as_bytes()).take(MAX_OCCURRENCES) {
        let tier = tier(hay, start, len);
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
        let mut c = Catalog {
            sources: vec![Source {
                id: "a".into(),
                story: "s".into(),
            }],
            ..Catalog::default()
        };
        for (i, t) in texts.iter().enumerate() {
            c.push(Target::Claim(i), 0, &format!("a/{}", i + 1), t);
        }
        assert!(c.is_valid());
        SearchIndex::from_catalog(c)
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
        // Equal ranks (whole words at the same place) keep the entries' order.
        assert_eq!(&r[..3], &[2, 3, 4], "{r:?}");
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
    fn narrowest_scattered_window() {
        let w = |h: &str, n: &str, l: usize| scattered(h.as_bytes(), n.as_bytes(), l);
        assert_eq!(w("abc", "abd", 9), None);
        assert_eq!(w("a..b..ab", "ab", 9), Some((6, 8)));
        assert_eq!(w("a....b", "ab", 3), None);
        assert_eq!(w("xaxbxc", "abc", 5), Some((1, 6)));
        let chars: Vec<char> = "é..ü".chars().collect();
        assert_eq!(scattered(&chars, &['é', 'ü'], 4), Some((0, 4)));
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

    // The finder's query syntax, from the browser's finder.

    fn analysed() -> (Analysis, SearchIndex) {
        use crate::{Article, Corpus};
        let mut a = Article::new(
            "a",
            "Officials said 14,000 troops were deployed to Kursk. Kim Jong Un praised the soldiers.",
        );
        a.title = Some("North Korea confirms troops".into());
        let b = Article::new("b", "Russia denied that 11,000 troops were in Kursk.");
        let an = Analysis::build(Corpus::from_articles([a, b]));
        let idx = SearchIndex::new(&an);
        (an, idx)
    }

    fn texts<'a>(idx: &'a SearchIndex, hits: &[Hit]) -> Vec<&'a str> {
        hits.iter().filter_map(|h| idx.text(h.target)).collect()
    }

    #[test]
    fn an_empty_query_lists_everything_in_order() {
        let (an, idx) = analysed();
        let hits = idx.search("");
        assert_eq!(hits.len(), an.articles.len() + an.claims.len());
        assert_eq!(hits[0].target, Target::Article(0));
        assert_eq!(hits, idx.search("   "));
    }

    #[test]
    fn fzf_syntax() {
        let (_, idx) = analysed();
        let all = |q: &str| texts(&idx, &idx.search(q));
        // Fuzzy: characters in order.
        assert!(all("kjun").iter().any(|t| t.contains("Kim Jong Un")));
        // Exact: a substring only.
        assert!(all("'kjun").is_empty());
        assert!(all("'14,000").iter().all(|t| t.contains("14,000")));
        // Prefix, suffix, whole.
        assert!(all("^russia").iter().all(|t| t.starts_with("Russia")));
        assert!(!all("^russia").is_empty());
        assert!(all("kursk.$").iter().all(|t| t.ends_with("Kursk.")));
        assert_eq!(
            all("^north korea confirms troops$"),
            vec!["North Korea confirms troops"]
        );
        // Negation, and several terms (all must match).
        let t = all("troops !russia");
        assert!(
            !t.is_empty() && t.iter().all(|t| !t.contains("Russia")),
            "{t:?}"
        );
        let t = all("'troops 'kursk");
        assert!(
            t.iter()
                .all(|t| t.contains("troops") && t.contains("Kursk")),
            "{t:?}"
        );
        // Smart case: an upper-case letter makes a term case-sensitive.
        assert!(all("'kursk").len() >= 2);
        assert!(all("'KURSK").is_empty());
        // Only a negation: everything else.
        assert!(!all("!zzz").is_empty());
    }

    #[test]
    fn positions_point_at_the_matched_characters() {
        let (_, idx) = analysed();
        for h in idx.search("'Kursk 14") {
            let text: Vec<char> = idx.text(h.target).unwrap().chars().collect();
            let shown: String = h.positions.iter().map(|&p| text[p]).collect();
            assert!(shown.contains("Kursk"), "{shown}");
        }
    }

    #[test]
    fn a_match_across_words_leaves_out_a_few_letters_and_spaces_only() {
        let ix = index(&[
            "Kim Jong Un praised the soldiers",
            "kept in jail until noon",
            "N. Korea",
        ]);
        // K(im) J(ong) Un: five letters and two spaces left out.
        assert_eq!(order(&ix, "kjun"), vec![0]);
        let hit = &ix.search("kjun")[0];
        assert_eq!(hit.positions, vec![0, 4, 9, 10]);
        // Six letters left out: not listed.
        assert!(
            order(&ix, "kjn").iter().all(|&e| e != 1),
            "{:?}",
            order(&ix, "kjn")
        );
        assert_eq!(across_words(b"k in jail until", b"kjn"), None);
        assert_eq!(across_words(b"k. . . . . .j", b"kj"), None);
        assert_eq!(across_words(b"xk. j", b"kj"), Some((1, 5)));
        assert_eq!(order(&ix, "nkorea"), vec![2]);
    }

    #[test]
    fn exact_prefix_suffix_and_whole_terms_rank_by_place() {
        let ix = index(&["cocoa prices", "prices of cocoa", "cocoa", "hot cocoanut"]);
        // Equal ranks keep the entries' order.
        assert_eq!(order(&ix, "^cocoa"), vec![0, 2]);
        assert_eq!(order(&ix, "cocoa$"), vec![2, 1]);
        assert_eq!(order(&ix, "^cocoa$"), vec![2]);
        assert_eq!(order(&ix, "'cocoa"), vec![0, 2, 1, 3]);
        assert_eq!(order(&ix, "cocoa !prices"), vec![2, 3]);
    }

    #[test]
    fn narrowing_with_fzf_syntax_gives_the_same_results_as_a_fresh_search() {
        let texts: Vec<String> = (0..300)
            .map(|i| {
                format!(
                    "{} claim {i} about cocoa {} and {}{}",
                    ["Russia", "Kursk", "oil"][i % 3],
                    i * 7 % 13,
                    ["oil", "coal", "corn"][i % 3],
                    if i % 5 == 0 { " US$ prices" } else { "" }
                )
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let ix = index(&refs);
        let mut s = Session::new();
        // Each query typed a key at a time, in one session: a negated term
        // grows (lists more), `$` comes and goes, `'` and `^` are added.
        for query in [
            "cocoa !co",
            "cocoa !corn",
            "coal$",
            "corn$x",
            "oil$p",
            "^russia 1",
            "'cocoa 'Kursk",
            "cocoa oil$",
            "!c",
        ] {
            let mut typed = String::new();
            for c in query.chars() {
                typed.push(c);
                let inc = s.search(&ix, &typed);
                let fresh = Session::new().search(&ix, &typed);
                assert_eq!(inc, fresh, "after {typed:?}");
            }
        }
    }

    #[test]
    fn a_term_implies_the_terms_it_narrows() {
        let key = |q: &str| Term::parse(q).remove(0).key();
        let implies = |later: &str, earlier: &str| key(later).implies(&key(earlier));
        assert!(implies("coc", "co"));
        assert!(implies("'coc", "co"));
        assert!(implies("^coc", "'oc"));
        assert!(implies("coC", "co"));
        assert!(implies("^co$", "^co"));
        assert!(implies("^co$", "co$"));
        assert!(!implies("co", "coc"));
        assert!(!implies("!cor", "!co"));
        assert!(!implies("co$x", "co$"));
        assert!(!implies("co", "Co"));
        assert!(!implies("'co", "^co"));
    }
}
