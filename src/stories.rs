//! Grouping articles into stories, so that a month of wire copy or a
//! scraped corpus is compared story by story rather than all against all.
//!
//! Only articles without a story of their own (their `story` is
//! [`DEFAULT_STORY`], the loader's value when the input names none) are
//! grouped; a story the user gave always wins and is never changed.
//!
//! # How
//!
//! 1. Every article becomes a sparse TF-IDF vector over its words and
//!    figures (stop words dropped; headline words counted
//!    [`StoryConfig::title_weight`] times and the lead's
//!    [`StoryConfig::lead_weight`] times), with the smoothed IDF
//!    `ln(1 + N / df)`, which stays positive in a corpus of five articles.
//!    Terms of one article only are left out: they can match nothing.
//!    Copies (articles with the same vector and date: one text carried by
//!    several outlets) are taken as one unit from here on.
//! 2. **Candidates** come from an inverted index over each article's
//!    [`StoryConfig::index_terms`] most telling terms; a key chosen by more
//!    than [`StoryConfig::max_postings`] articles is dropped. So each
//!    article is compared with at most `index_terms × max_postings` others,
//!    never with all: the work and memory grow with the corpus, not its
//!    square.
//! 3. A candidate pair dated more than [`StoryConfig::window_days`] apart is
//!    dropped (articles without a date are never dropped for their date);
//!    the others get their cosine similarity.
//! 4. **Average linkage** over that sparse graph (a pair never compared
//!    counts as similarity 0): two groups merge while the mean similarity of
//!    all their cross pairs is at least [`StoryConfig::threshold`]. Unlike
//!    single linkage, a chain of wire items that each resemble the next
//!    (daily market reports, earnings notices) does not grow into a giant.
//!
//! The weights and the threshold are fitted on BASIL (events of 2010-2014;
//! 2015-2019 held out) by `examples/stories.rs` and stored in
//! `data/stories.toml`: first without dates, so that the words alone must
//! tell the events apart (as on a busy wire day), then the date window.
//!
//! Each new story is named by a readable label: the headline of its earliest
//! article, or its three most telling terms when no article has a headline
//! (made unique with " (2)", " (3)" where needed).

use crate::corpus::{Article, DEFAULT_STORY};
use crate::text::normalize::is_stop_word;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::sync::LazyLock;

/// The fitted settings shipped with the program (`data/stories.toml`).
const FITTED: &str = include_str!("../data/stories.toml");

/// Longest story label, in characters.
const MAX_LABEL_CHARS: usize = 80;

/// Settings of the story grouping. [`StoryConfig::default`] is the fitted
/// set from `data/stories.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryConfig {
    /// Lowest mean similarity between two groups that merges them.
    pub threshold: f32,
    /// Articles dated further apart than this many days are never one
    /// story.
    pub window_days: i64,
    /// How many times a headline word counts against a body word.
    pub title_weight: f32,
    /// How many of the body's first words (stop words not counted) form the
    /// lead, where news states its event; 0: no lead.
    pub lead_words: usize,
    /// How many times a lead word counts against a later body word.
    pub lead_weight: f32,
    /// Index keys per article (its most telling terms); speed, not quality.
    pub index_terms: usize,
    /// A term held by more articles than this is no index key; speed, not
    /// quality.
    pub max_postings: usize,
}

impl StoryConfig {
    /// Parses a `stories.toml`.
    pub fn parse(text: &str) -> Result<StoryConfig, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }
}

impl Default for StoryConfig {
    fn default() -> Self {
        static CONFIG: LazyLock<StoryConfig> = LazyLock::new(|| {
            StoryConfig::parse(FITTED).expect("data/stories.toml is valid (checked by a test)")
        });
        CONFIG.clone()
    }
}

/// A story of the corpus: its name and its articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    /// The `story` its articles carry: the user's, or a grouped story's
    /// label.
    pub name: String,
    /// Indices of its articles, ascending.
    pub articles: Vec<usize>,
}

/// The stories of `articles` by their `story` field, in order of first
/// appearance.
pub fn list(articles: &[Article]) -> Vec<Story> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut out: Vec<Story> = Vec::new();
    for (i, a) in articles.iter().enumerate() {
        let k = *index.entry(a.story.as_str()).or_insert_with(|| {
            out.push(Story {
                name: a.story.clone(),
                articles: Vec::new(),
            });
            out.len() - 1
        });
        out[k].articles.push(i);
    }
    out
}

/// Whether the article carries no story of its own.
pub fn is_storyless(article: &Article) -> bool {
    article.story == DEFAULT_STORY
}

/// Groups the articles without a story into stories and sets their `story`
/// to the group's label; articles with a story keep it. Returns the number
/// of stories formed.
pub fn assign(articles: &mut [Article], config: &StoryConfig) -> usize {
    let (groups, vectors) = grouped(articles, config);
    let mut taken: HashSet<String> = articles
        .iter()
        .filter(|a| !is_storyless(a))
        .map(|a| a.story.clone())
        .collect();
    let labels: Vec<String> = groups
        .iter()
        .map(|g| unique(&label(articles, vectors.as_ref(), config, g), &mut taken))
        .collect();
    for (g, name) in groups.iter().zip(labels) {
        for &i in g {
            articles[i].story.clone_from(&name);
        }
    }
    groups.len()
}

/// The stories formed from the articles without a story: groups of article
/// indices, each ascending, ordered by their first article.
pub fn group(articles: &[Article], config: &StoryConfig) -> Vec<Vec<usize>> {
    grouped(articles, config).0
}

/// [`group`], and the vectors it used (none when there was nothing to
/// compare).
fn grouped(articles: &[Article], config: &StoryConfig) -> (Vec<Vec<usize>>, Option<Vectors>) {
    let members: Vec<usize> = (0..articles.len())
        .filter(|&i| is_storyless(&articles[i]))
        .collect();
    if members.len() < 2 {
        return (members.into_iter().map(|i| vec![i]).collect(), None);
    }
    let vectors = Vectors::new(articles, config);
    // Copies (one text carried by several outlets) are one unit from here:
    // they are one story whatever else they resemble, and a story carried
    // by more outlets than an index key may hold is still found.
    let (units, unit_of, sizes) = copies(articles, &vectors, &members);
    let edges = candidate_edges(articles, &vectors, &units, config);
    let roots = average_linkage(&sizes, &units, edges, config.threshold);
    let mut by_root: HashMap<usize, usize> = HashMap::new();
    let mut out: Vec<Vec<usize>> = Vec::new();
    for &i in &members {
        let g = *by_root.entry(roots[unit_of[i]]).or_insert_with(|| {
            out.push(Vec::new());
            out.len() - 1
        });
        out[g].push(i);
    }
    (out, Some(vectors))
}

/// The members as units of grouping: an article stands for itself and for
/// its later copies, the members with the same vector and the same date
/// (or none). Two such articles have similarity 1, so average linkage
/// would put them together first if it compared them; taking them as one
/// unit (of their number, for the means) before any candidate is sought
/// only makes sure that it does. Articles whose vector is empty (no term
/// shared with another article) are never copies.
///
/// Returns the units (their first article, ascending), each article's unit
/// (itself when it is none's copy) and each article's weight (its number of
/// copies for a unit, else 1).
fn copies(
    articles: &[Article],
    vectors: &Vectors,
    members: &[usize],
) -> (Vec<usize>, Vec<usize>, Vec<u32>) {
    use std::hash::{Hash, Hasher};
    let mut unit_of: Vec<usize> = (0..articles.len()).collect();
    let mut sizes: Vec<u32> = vec![1; articles.len()];
    let mut units = Vec::with_capacity(members.len());
    // Units by the hash of their vector and date; equal hashes are compared
    // in full.
    let mut seen: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for &i in members {
        let row = &vectors.rows[i];
        if row.is_empty() {
            units.push(i);
            continue;
        }
        let mut h = rustc_hash::FxHasher::default();
        for (t, w) in row {
            (t, w.to_bits()).hash(&mut h);
        }
        articles[i].date.hash(&mut h);
        let same = seen.entry(h.finish()).or_default();
        let first = same
            .iter()
            .copied()
            .find(|&u| vectors.rows[u] == *row && articles[u].date == articles[i].date);
        if let Some(u) = first {
            unit_of[i] = u;
            sizes[u] = sizes[u].saturating_add(1);
        } else {
            same.push(i);
            units.push(i);
        }
    }
    (units, unit_of, sizes)
}

/// Sparse, L2-normalised TF-IDF vectors of every article over the terms
/// that at least two articles hold (a term of one article only can match
/// nothing; counted, it would only lower a long article's similarities),
/// and the document frequencies.
struct Vectors {
    /// Per article: `(term, weight)` sorted by term.
    rows: Vec<Vec<(u32, f32)>>,
    /// Per term: how many articles hold it.
    df: Vec<u32>,
    /// Term ids.
    ids: FxHashMap<String, u32>,
}

impl Vectors {
    fn new(articles: &[Article], config: &StoryConfig) -> Vectors {
        let counts: Vec<Vec<(String, f32)>> = articles
            .par_iter()
            .map(|a| term_counts(a, config))
            .collect();
        let mut ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut df: Vec<u32> = Vec::new();
        let mut raw: Vec<Vec<(u32, f32)>> = Vec::with_capacity(counts.len());
        for doc in counts {
            let mut row = Vec::with_capacity(doc.len());
            for (t, c) in doc {
                let next = small(df.len());
                let id = *ids.entry(t).or_insert(next);
                if id == next {
                    df.push(0);
                }
                df[id as usize] += 1;
                row.push((id, c));
            }
            raw.push(row);
        }
        let n = articles.len() as f32;
        let rows = raw
            .into_par_iter()
            .map(|mut row| {
                row.retain(|&(t, _)| df[t as usize] >= 2);
                for (t, w) in &mut row {
                    *w = (1.0 + w.max(1.0).ln()) * idf(n, df[*t as usize]);
                }
                let norm = row.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
                if norm > 0.0 {
                    for (_, w) in &mut row {
                        *w /= norm;
                    }
                }
                row.sort_unstable_by_key(|&(t, _)| t);
                row
            })
            .collect();
        Vectors { rows, df, ids }
    }

    /// The document frequency of `term` (0 when no article holds it).
    fn df_of(&self, term: &str) -> u32 {
        self.ids.get(term).map_or(0, |&id| self.df[id as usize])
    }

    /// The cosine similarity of articles `first` and `second` (their rows
    /// are normalised: the dot product of two sorted sparse rows).
    fn cosine(&self, first: usize, second: usize) -> f32 {
        let (left, right) = (&self.rows[first], &self.rows[second]);
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        while i < left.len() && j < right.len() {
            match left[i].0.cmp(&right[j].0) {
                Ordering::Less => i += 1,
                Ordering::Greater => j += 1,
                Ordering::Equal => {
                    sum += left[i].1 * right[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }
}

/// The words and figures of an article with their weighted counts
/// (headline and lead words weighted), stop words dropped, sorted by term.
fn term_counts(article: &Article, config: &StoryConfig) -> Vec<(String, f32)> {
    // Stop words are looked up once per distinct word (kept with a
    // negative count).
    let mut counts: FxHashMap<String, f32> = FxHashMap::default();
    let mut add = |t: &str, w: f32| -> bool {
        match counts.get_mut(t) {
            Some(c) if *c < 0.0 => false,
            Some(c) => {
                *c += w;
                true
            }
            None if is_stop_word(t) => {
                counts.insert(t.to_owned(), -1.0);
                false
            }
            None => {
                counts.insert(t.to_owned(), w);
                true
            }
        }
    };
    let mut n = 0;
    for_each_term(&article.text, |t| {
        let w = if n < config.lead_words {
            config.lead_weight
        } else {
            1.0
        };
        if add(t, w) {
            n += 1;
        }
    });
    if let Some(title) = &article.title {
        for_each_term(title, |t| {
            add(t, config.title_weight);
        });
    }
    let mut out: Vec<(String, f32)> = counts.into_iter().filter(|(_, c)| *c > 0.0).collect();
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The smoothed inverse document frequency `ln(1 + n / df)`: positive even
/// for a term every article holds, so that five articles about one story
/// still resemble each other.
fn idf(n: f32, df: u32) -> f32 {
    (1.0 + n / df.max(1) as f32).ln()
}

/// Calls `f` with each lower-cased word of two letters or more (a
/// possessive "'s" dropped) and each figure ("155,221", "5.93") of `text`,
/// stop words included (the caller drops them).
fn for_each_term(text: &str, mut f: impl FnMut(&str)) {
    let mut rest = text;
    let mut buf = String::new();
    while let Some(start) = rest.find(|c: char| c.is_alphanumeric()) {
        rest = &rest[start..];
        let Some(first) = rest.chars().next() else {
            break;
        };
        let end = if first.is_numeric() {
            figure_len(rest)
        } else {
            word_len(rest)
        };
        let tok = &rest[..end];
        rest = &rest[end..];
        buf.clear();
        if tok.is_ascii() {
            buf.push_str(tok);
            buf.make_ascii_lowercase();
        } else {
            for c in tok.chars().flat_map(char::to_lowercase) {
                buf.push(if c == '’' { '\'' } else { c });
            }
        }
        if buf.ends_with("'s") {
            buf.truncate(buf.len() - 2);
        }
        let w = buf.trim_matches('\'');
        // A lone letter ("U.S." gives "u" and "s") tells nothing.
        let mut chars = w.chars();
        let lone_letter =
            matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic());
        if !w.is_empty() && !lone_letter {
            f(w);
        }
    }
}

/// The terms of `text` (see [`for_each_term`]) without stop words.
#[cfg(test)]
fn terms_of(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_term(text, |t| {
        if !is_stop_word(t) {
            out.push(t.to_string());
        }
    });
    out
}

/// Length of the word at the start of `s`: letters and digits, and
/// apostrophes between them.
fn word_len(s: &str) -> usize {
    let mut end = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner_apostrophe =
            matches!(c, '\'' | '’') && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner_apostrophe {
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// Length of the figure at the start of `s`: digits, with `,` and `.`
/// between digits.
fn figure_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut end = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            i += 1;
            end = i;
        } else if matches!(b[i], b',' | b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
        } else {
            break;
        }
    }
    // A non-ASCII digit (Arabic-Indic, ...) stands alone.
    if end == 0 {
        s.chars().next().map_or(0, char::len_utf8)
    } else {
        end
    }
}

/// A similarity between two articles (`a < b`).
#[derive(Debug, Clone, Copy)]
struct Edge {
    a: u32,
    b: u32,
    sim: f32,
}

/// Pairs of `members` that share an index key and fall within the date
/// window, with their cosine similarity (pairs with none left out).
fn candidate_edges(
    articles: &[Article],
    vectors: &Vectors,
    members: &[usize],
    config: &StoryConfig,
) -> Vec<Edge> {
    let mut postings: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    let keys: Vec<Vec<u32>> = members
        .par_iter()
        .map(|&i| {
            let mut row: Vec<(u32, f32)> = vectors.rows[i]
                .iter()
                .copied()
                .filter(|&(t, _)| vectors.df[t as usize] >= 2)
                .collect();
            row.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            row.truncate(config.index_terms);
            row.into_iter().map(|(t, _)| t).collect()
        })
        .collect();
    for (k, &i) in keys.iter().zip(members) {
        for &t in k {
            postings.entry(t).or_default().push(small(i));
        }
    }
    postings.retain(|_, p| p.len() >= 2 && p.len() <= config.max_postings);
    let window = config.window_days;
    let mut edges: Vec<Edge> = keys
        .par_iter()
        .zip(members.par_iter())
        .flat_map_iter(|(k, &i)| {
            let mut seen: FxHashSet<u32> = FxHashSet::default();
            let mut out = Vec::new();
            for t in k {
                let Some(p) = postings.get(t) else { continue };
                for &j in p {
                    let j_us = j as usize;
                    if j_us <= i || !seen.insert(j) {
                        continue;
                    }
                    if let (Some(d1), Some(d2)) = (articles[i].date, articles[j_us].date) {
                        if (d1 - d2).num_days().abs() > window {
                            continue;
                        }
                    }
                    let sim = vectors.cosine(i, j_us);
                    if sim > 0.0 {
                        out.push(Edge {
                            a: small(i),
                            b: j,
                            sim,
                        });
                    }
                }
            }
            out
        })
        .collect();
    edges.sort_unstable_by_key(|e| (e.a, e.b));
    edges
}

/// A merge candidate in the heap: the mean similarity of two groups when it
/// was computed (an upper bound once either group has grown).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Candidate {
    mean: f32,
    a: u32,
    b: u32,
}

impl Eq for Candidate {}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.mean
            .total_cmp(&other.mean)
            .then(other.a.cmp(&self.a))
            .then(other.b.cmp(&self.b))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Average-linkage clustering of `members` over the sparse `edges`, each
/// member standing for `sizes[i]` articles (see [`copies`]); returns for
/// every article index the representative of its group (articles not in
/// `members` are their own).
fn average_linkage(
    sizes: &[u32],
    members: &[usize],
    edges: Vec<Edge>,
    threshold: f32,
) -> Vec<usize> {
    let n = sizes.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut size: Vec<u32> = sizes.to_vec();
    let mut alive: Vec<bool> = vec![false; n];
    for &i in members {
        alive[i] = true;
    }
    // Per group: the summed similarity to each neighbouring group.
    let mut links: Vec<FxHashMap<u32, f32>> = vec![FxHashMap::default(); n];
    let mut heap = BinaryHeap::new();
    for e in edges {
        // The summed similarity of every pair of the two units' articles.
        let sum = e.sim * size[e.a as usize] as f32 * size[e.b as usize] as f32;
        links[e.a as usize].insert(e.b, sum);
        links[e.b as usize].insert(e.a, sum);
        if e.sim >= threshold {
            heap.push(Candidate {
                mean: e.sim,
                a: e.a,
                b: e.b,
            });
        }
    }
    while let Some(c) = heap.pop() {
        let (a, b) = (c.a as usize, c.b as usize);
        if !alive[a] || !alive[b] {
            continue;
        }
        let Some(&sum) = links[a].get(&c.b) else {
            continue;
        };
        let mean = sum / (size[a] as f32 * size[b] as f32);
        if mean < c.mean {
            // Stale: a group has grown since; requeue at its current mean.
            if mean >= threshold {
                heap.push(Candidate { mean, ..c });
            }
            continue;
        }
        // Merge the group with fewer links into the other.
        let (keep, gone) =
            if links[a].len() > links[b].len() || (links[a].len() == links[b].len() && a < b) {
                (a, b)
            } else {
                (b, a)
            };
        alive[gone] = false;
        parent[gone] = keep;
        size[keep] += size[gone];
        let moved = std::mem::take(&mut links[gone]);
        links[keep].remove(&small(gone));
        let mut touched: Vec<u32> = Vec::with_capacity(moved.len());
        for (k, s) in moved {
            let k_us = k as usize;
            if k_us == keep {
                continue;
            }
            links[k_us].remove(&small(gone));
            *links[keep].entry(k).or_insert(0.0) += s;
            *links[k_us].entry(small(keep)).or_insert(0.0) += s;
            touched.push(k);
        }
        touched.sort_unstable();
        for k in touched {
            let sum = links[keep][&k];
            let mean = sum / (size[keep] as f32 * size[k as usize] as f32);
            if mean >= threshold {
                let (low, high) = (keep.min(k as usize), keep.max(k as usize));
                heap.push(Candidate {
                    mean,
                    a: small(low),
                    b: small(high),
                });
            }
        }
    }
    (0..n).map(|i| root(&parent, i)).collect()
}

/// An article or term index as stored in postings, edges and links: `u32`
/// halves their memory, and a corpus holds far fewer than 2^32 articles or
/// terms (it saturates rather than wraps).
fn small(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

fn root(parent: &[usize], mut i: usize) -> usize {
    while parent[i] != i {
        i = parent[i];
    }
    i
}

/// A readable label for a group: its earliest article's headline (undated
/// articles count as latest, ties go to load order), else its three most
/// telling terms.
fn label(
    articles: &[Article],
    vectors: Option<&Vectors>,
    config: &StoryConfig,
    group: &[usize],
) -> String {
    let earliest = group
        .iter()
        .copied()
        .filter(|&i| {
            articles[i]
                .title
                .as_deref()
                .is_some_and(|t| !t.trim().is_empty())
        })
        .min_by_key(|&i| (articles[i].date.is_none(), articles[i].date, i));
    if let Some(i) = earliest {
        return tidy(articles[i].title.as_deref().unwrap_or_default());
    }
    let n = articles.len() as f32;
    let mut weight: HashMap<String, f32> = HashMap::new();
    for &i in group {
        for (t, c) in term_counts(&articles[i], config) {
            let df = vectors.map_or(1, |v| v.df_of(&t));
            *weight.entry(t).or_insert(0.0) += (1.0 + c.max(1.0).ln()) * idf(n, df);
        }
    }
    let mut top: Vec<(String, f32)> = weight.into_iter().collect();
    top.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    let words: Vec<&str> = top.iter().take(3).map(|(t, _)| t.as_str()).collect();
    if words.is_empty() {
        return tidy(&articles[group[0]].display_title());
    }
    tidy(&words.join(", "))
}

/// One line of visible text: runs of whitespace and control characters
/// become one space, cut at [`MAX_LABEL_CHARS`].
fn tidy(s: &str) -> String {
    let mut out = String::new();
    for w in s
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    match out.char_indices().nth(MAX_LABEL_CHARS) {
        Some((cut, _)) => {
            out.truncate(cut);
            out.push('…');
            out
        }
        None if out.is_empty() => "untitled".to_string(),
        None => out,
    }
}

/// `name`, or `name (2)`, `name (3)`, ... whichever is not taken yet.
fn unique(name: &str, taken: &mut HashSet<String>) -> String {
    let mut candidate = name.to_string();
    let mut n = 2;
    while candidate == DEFAULT_STORY || taken.contains(&candidate) {
        candidate = format!("{name} ({n})");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn art(id: &str, date: &str, title: &str, text: &str) -> Article {
        let mut a = Article::new(id, text);
        a.title = Some(title.to_string());
        a.date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
        a
    }

    /// Two events, three outlets each, interleaved in load order.
    fn two_events() -> Vec<Article> {
        vec![
            art("quake-a", "2024-03-02", "Earthquake of magnitude 6.8 strikes Kermadec Islands",
                "An earthquake of magnitude 6.8 struck near the Kermadec Islands on Saturday, the geological survey said. Tsunami sirens sounded in Tonga and residents of Nukualofa moved to higher ground. No damage was reported."),
            art("strike-a", "2024-03-03", "Dockworkers at Rotterdam walk out over pay",
                "Dockworkers at the port of Rotterdam walked out on Sunday in a dispute over pay, halting container traffic. The union FNV said 4,200 workers joined the strike. Terminal operators called the action disproportionate."),
            art("quake-b", "2024-03-02", "Tsunami warning lifted after Kermadec quake",
                "Authorities lifted a tsunami warning for Tonga hours after a magnitude 6.8 earthquake near the Kermadec Islands. Sirens had sounded in Nukualofa. The survey put the depth of the quake at 10 km."),
            art("strike-b", "2024-03-04", "Rotterdam port strike halts containers",
                "A strike by dockworkers halted container handling at Rotterdam for a second day. FNV, the union, said more than 4,200 members stopped work over pay. Operators said ships were diverted to Antwerp."),
            art("quake-c", "2024-03-03", "Kermadec Islands quake rattles Tonga",
                "A strong quake of magnitude 6.8 shook the Kermadec Islands region, sending Tonga residents in Nukualofa to higher ground as tsunami sirens wailed. The survey reported no casualties."),
            art("strike-c", "2024-03-03", "Union says 4,200 Rotterdam dockworkers on strike",
                "The FNV union said 4,200 dockworkers in Rotterdam stopped work on Sunday over pay, and terminal operators warned of delays to container ships. Talks are to resume on Tuesday."),
        ]
    }

    fn config() -> StoryConfig {
        StoryConfig::default()
    }

    #[test]
    fn fitted_config_parses() {
        let c = StoryConfig::parse(FITTED).expect("valid");
        assert!(c.threshold > 0.0 && c.threshold < 1.0);
        assert!(c.window_days >= 0 && c.index_terms > 0 && c.max_postings >= 2);
        assert!(StoryConfig::parse("threshold = 0.1\n").is_err());
    }

    #[test]
    fn two_events_three_outlets_each() {
        let mut arts = two_events();
        let groups = group(&arts, &config());
        assert_eq!(groups, vec![vec![0, 2, 4], vec![1, 3, 5]]);
        assert_eq!(assign(&mut arts, &config()), 2);
        assert_eq!(
            arts[0].story,
            "Earthquake of magnitude 6.8 strikes Kermadec Islands"
        );
        assert_eq!(arts[2].story, arts[0].story);
        assert_eq!(arts[4].story, arts[0].story);
        // The earliest article's headline names the story.
        assert_eq!(arts[1].story, "Dockworkers at Rotterdam walk out over pay");
        assert_eq!(arts[3].story, arts[1].story);
        let l = list(&arts);
        assert_eq!(l.len(), 2);
        assert_eq!(l[1].articles, vec![1, 3, 5]);
    }

    #[test]
    fn a_user_given_story_wins() {
        let mut arts = two_events();
        arts[2].story = "my own".to_string();
        arts[3].story = "my own".to_string();
        assign(&mut arts, &config());
        assert_eq!(arts[2].story, "my own");
        assert_eq!(arts[3].story, "my own");
        assert_eq!(arts[0].story, arts[4].story);
        assert_eq!(arts[1].story, arts[5].story);
        assert_ne!(arts[0].story, arts[1].story);
        assert!(!list(&arts).iter().any(|s| s.name == DEFAULT_STORY));
    }

    #[test]
    fn far_apart_dates_are_never_one_story() {
        let mut arts = two_events();
        arts[4].date = NaiveDate::from_ymd_opt(2025, 3, 3);
        let groups = group(&arts, &config());
        assert!(groups.contains(&vec![4]), "{groups:?}");
        assert!(groups.contains(&vec![0, 2]), "{groups:?}");
    }

    #[test]
    fn the_seeds_stay_one_story() {
        let mut arts = crate::corpus::bundled().articles;
        for a in &mut arts {
            a.story = DEFAULT_STORY.to_string();
        }
        let groups = group(&arts, &config());
        assert_eq!(groups, vec![(0..arts.len()).collect::<Vec<_>>()]);
        // Alongside unrelated events too.
        let mut more = arts.clone();
        more.extend(two_events());
        let groups = group(&more, &config());
        assert!(
            groups.contains(&(0..arts.len()).collect::<Vec<_>>()),
            "{groups:?}"
        );
    }

    #[test]
    fn labels_are_readable_and_unique() {
        let mut arts = vec![
            art(
                "a",
                "2024-01-01",
                "Same\u{1b}[2J  headline\n",
                "Alpha beta gamma delta.",
            ),
            art(
                "b",
                "2025-06-01",
                "Same\u{1b}[2J  headline\n",
                "Epsilon zeta eta theta.",
            ),
        ];
        arts[0].title = Some("Same\u{1b}[2J  headline\n".to_string());
        assign(&mut arts, &config());
        assert_eq!(arts[0].story, "Same [2J headline");
        assert_eq!(arts[1].story, "Same [2J headline (2)");
        // No headline: the most telling terms.
        let mut arts = vec![Article::new(
            "x",
            "Kermadec quake. Kermadec tsunami sirens.",
        )];
        assign(&mut arts, &config());
        assert_eq!(arts[0].story, "kermadec, quake, sirens");
        // Nothing to say: still a name, never the default story.
        let mut arts = vec![Article::new("x", "..."), Article::new("y", "!!")];
        assign(&mut arts, &config());
        assert!(arts
            .iter()
            .all(|a| a.story != DEFAULT_STORY && !a.story.is_empty()));
    }

    #[test]
    fn terms_and_figures() {
        let t: Vec<String> = terms_of("Kim's 155,221 bags, at 5.93 mln; the U.S. Nukuʻalofa ’twas");
        assert_eq!(
            t,
            [
                "kim",
                "155,221",
                "bags",
                "5.93",
                "mln",
                "nukuʻalofa",
                "twas"
            ]
        );
    }

    #[test]
    fn copies_carried_by_more_outlets_than_a_key_may_hold_are_one_story() {
        let c = config();
        let n = c.max_postings + 30;
        let mut arts: Vec<Article> = (0..n)
            .map(|i| {
                Article::new(
                    format!("copy{i}"),
                    "Officials said 1,000 troops arrived in Kursk on Monday.",
                )
            })
            .collect();
        arts.extend(two_events());
        let groups = group(&arts, &c);
        assert_eq!(groups[0], (0..n).collect::<Vec<_>>(), "{groups:?}");
        // The other events are grouped as before.
        assert_eq!(groups.len(), 3, "{groups:?}");
        // A copy dated another day is not a copy (it may still be grouped
        // by similarity, within the date window).
        let mut dated = arts[0].clone();
        dated.date = NaiveDate::from_ymd_opt(2020, 1, 1);
        let (_, unit_of, sizes) = {
            let mut more = arts.clone();
            more.push(dated);
            let v = Vectors::new(&more, &c);
            let members: Vec<usize> = (0..more.len()).collect();
            copies(&more, &v, &members)
        };
        assert_eq!(sizes[0] as usize, n);
        assert_eq!(unit_of[arts.len()], arts.len());
    }

    #[test]
    fn articles_sharing_no_term_are_never_copies() {
        let arts = vec![
            Article::new("x", "Zanzibar quoits."),
            Article::new("y", "Alpine yodelling."),
        ];
        let v = Vectors::new(&arts, &config());
        assert!(v.rows.iter().all(Vec::is_empty));
        let (units, _, _) = copies(&arts, &v, &[0, 1]);
        assert_eq!(units, vec![0, 1]);
        assert_eq!(group(&arts, &config()).len(), 2);
    }

    #[test]
    fn linkage_does_not_chain() {
        // A chain a-b-c-d where only neighbours resemble each other: single
        // linkage would make one group, average linkage does not.
        let edges = vec![
            Edge {
                a: 0,
                b: 1,
                sim: 0.5,
            },
            Edge {
                a: 1,
                b: 2,
                sim: 0.5,
            },
            Edge {
                a: 2,
                b: 3,
                sim: 0.5,
            },
        ];
        let roots = average_linkage(&[1; 4], &[0, 1, 2, 3], edges, 0.3);
        assert_eq!(roots[0], roots[1]);
        assert_eq!(roots[2], roots[3]);
        assert_ne!(roots[1], roots[2]);
    }
}
