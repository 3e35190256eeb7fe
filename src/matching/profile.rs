//! What matching needs to know about one claim, computed once: its weighted
//! content terms, words, names, figures, dates and polarity, all as sorted
//! integer keys so that comparing two profiles allocates nothing.

use super::lexical;
use super::surface::Surface;
use crate::claims::quotes::is_speech_verb;
use crate::claims::{Claim, DateMention, DatePrecision, Figure};
use crate::lexicon::lexicon;
use crate::text::normalize::{entities_of_tokens, tokenize, Entity, NameTable, Token};
use crate::text::phrases::content_tokens;
use chrono::{Datelike, NaiveDate};
use std::collections::{HashMap, HashSet};

/// A stable 64-bit key for a string (FNV-1a), so that profiles compare
/// sorted integers instead of strings.
pub fn key(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn pair_key(a: u64, b: u64) -> u64 {
    a.rotate_left(17) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// A content word's matching key: its synonym class, else its stem.
pub fn term_key(t: &Token) -> u64 {
    lexical::term_key(&t.stem)
}

/// Inverse document frequencies of matching keys, blended from the loaded
/// sentences and, where available, a large background news corpus, so that
/// weights mean something even on two short articles.
#[derive(Debug, Clone, Default)]
pub struct Idf {
    df: HashMap<u64, u32>,
    background: HashMap<u64, u32>,
    n: u32,
    background_n: u32,
    /// Weight of the background statistics in the blend, 0 to 1.
    background_share: f32,
}

impl Idf {
    /// Counts each sentence's distinct content keys; the background
    /// statistics (if any) are blended in with `background_share`.
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Idf {
        let mut idf = Idf::default();
        for t in texts {
            idf.count(t);
        }
        idf.background_n = lexical::background_docs();
        idf
    }

    /// [`Idf::from_texts`] over a slice, counted on every core: the same
    /// statistics, in a fraction of the time on large corpora.
    pub fn from_texts_parallel(texts: &[&str]) -> Idf {
        use rayon::prelude::*;
        let mut idf = texts
            .par_chunks(2048)
            .map(|chunk| {
                let mut part = Idf::default();
                for t in chunk {
                    part.count(t);
                }
                part
            })
            .reduce(Idf::default, |mut a, b| {
                a.n += b.n;
                for (k, d) in b.df {
                    *a.df.entry(k).or_insert(0) += d;
                }
                a.background.extend(b.background);
                a
            });
        idf.background_n = lexical::background_docs();
        idf
    }

    /// Counts one sentence's distinct content keys.
    fn count(&mut self, text: &str) {
        self.n += 1;
        let mut keys = HashSet::new();
        for tok in content_tokens(text).iter().filter(|t| !t.stop) {
            let k = term_key(tok);
            if keys.insert(k) {
                *self.df.entry(k).or_insert(0) += 1;
                if let Some(b) = lexical::background_df(&tok.stem) {
                    self.background.insert(k, b);
                }
            }
        }
    }

    /// Sets how much the background statistics count (0 to 1).
    pub fn with_background_share(mut self, share: f32) -> Idf {
        self.background_share = share.clamp(0.0, 1.0);
        self
    }

    /// Number of sentences containing the key `k`.
    pub fn df(&self, k: u64) -> u32 {
        self.df.get(&k).copied().unwrap_or(0)
    }

    /// Smoothed inverse document frequency, at least 0.1: the local one,
    /// blended with the background one where there are background
    /// statistics.
    pub fn weight(&self, k: u64) -> f32 {
        let n = self.n.max(1) as f32;
        let local = ((n + 1.0) / (self.df(k) as f32 + 0.5)).ln().max(0.1);
        if self.background_n == 0 || self.background_share == 0.0 {
            return local;
        }
        let bn = self.background_n as f32;
        let bdf = self.background.get(&k).copied().unwrap_or(0) as f32;
        let background = ((bn + 1.0) / (bdf + 0.5)).ln().max(0.1);
        // The background scale is larger (more documents); bring it to the
        // local one's range before blending.
        let scale = (n + 1.0).ln().max(1.0) / (bn + 1.0).ln().max(1.0);
        let s = self.background_share;
        (s * background * scale + (1.0 - s) * local).max(0.1)
    }

    /// Number of sentences counted.
    pub fn len(&self) -> u32 {
        self.n
    }

    /// Whether no sentence was counted.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }
}

/// A date as matching compares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKey {
    /// A calendar day.
    Day(NaiveDate),
    /// A month of a year.
    Month(i32, u32),
    /// A year.
    Year(i32),
    /// A weekday with no article date to resolve it (0 = Monday).
    Weekday(u32),
    /// A month named without a year and no article date (1-12).
    MonthName(u32),
    /// A day of a month without a year and no article date ("September
    /// 24").
    MonthDay(u32, u32),
}

impl DateKey {
    /// The key of a date mention, if it says anything comparable.
    pub fn of(m: &DateMention) -> Option<DateKey> {
        match (m.date, m.precision) {
            (Some(d), DatePrecision::Day) => Some(DateKey::Day(d)),
            (Some(d), DatePrecision::Month) => Some(DateKey::Month(d.year(), d.month())),
            (Some(d), DatePrecision::Year) => Some(DateKey::Year(d.year())),
            _ => {
                let words: Vec<&str> = m
                    .text
                    .split_whitespace()
                    .map(|w| w.trim_end_matches(['.', ',']))
                    .collect();
                let month = words
                    .iter()
                    .find_map(|w| w.parse::<chrono::Month>().ok())
                    .map(|mo| mo.number_from_month());
                let day = words.iter().find_map(|w| {
                    w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
                        .parse::<u32>()
                        .ok()
                        .filter(|d| (1..=31).contains(d))
                });
                if let Some(w) = words.iter().find_map(|w| w.parse::<chrono::Weekday>().ok()) {
                    return Some(DateKey::Weekday(w.num_days_from_monday()));
                }
                match (month, day) {
                    (Some(mo), Some(d)) => Some(DateKey::MonthDay(mo, d)),
                    (Some(mo), None) => Some(DateKey::MonthName(mo)),
                    _ => None,
                }
            }
        }
    }

    /// Whether the two can be compared at all, and if so whether they can
    /// be the same time (one containing the other counts).
    pub fn compare(self, other: DateKey) -> Option<bool> {
        use DateKey::*;
        Some(match (self, other) {
            (Day(a), Day(b)) => a == b,
            (Day(d), Month(y, m)) | (Month(y, m), Day(d)) => d.year() == y && d.month() == m,
            (Day(d), Year(y)) | (Year(y), Day(d)) => d.year() == y,
            (Month(a, b), Month(c, d)) => (a, b) == (c, d),
            (Month(y, _), Year(z)) | (Year(z), Month(y, _)) => y == z,
            (Year(a), Year(b)) => a == b,
            (Weekday(a), Weekday(b)) => a == b,
            (Weekday(w), Day(d)) | (Day(d), Weekday(w)) => d.weekday().num_days_from_monday() == w,
            (MonthName(a), MonthName(b)) => a == b,
            (MonthName(m), Month(_, n)) | (Month(_, n), MonthName(m)) => m == n,
            (MonthName(m), Day(d)) | (Day(d), MonthName(m)) => d.month() == m,
            (MonthDay(m, x), MonthDay(n, y)) => (m, x) == (n, y),
            (MonthDay(m, x), Day(d)) | (Day(d), MonthDay(m, x)) => (d.month(), d.day()) == (m, x),
            (MonthDay(m, _), Month(_, n) | MonthName(n))
            | (Month(_, n) | MonthName(n), MonthDay(m, _)) => m == n,
            _ => return None,
        })
    }
}

/// What matching needs to know about one claim, computed once.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    /// Content keys (synonym class or stem) with their IDF weights, sorted
    /// by key, distinct.
    pub terms: Vec<(u64, f32)>,
    /// Keys of consecutive content-key pairs, sorted, distinct.
    pub bigrams: Vec<u64>,
    /// Keys of all word stems, stop words included, sorted, distinct.
    pub words: Vec<u64>,
    /// Identity keys of the names mentioned, sorted, distinct.
    pub entities: Vec<u64>,
    /// Second keys of names known by their initials too ("WHO" for "World
    /// Health Organization"), sorted: they match the other side's keys,
    /// never its aliases.
    pub entity_aliases: Vec<u64>,
    /// Identity key of the name that opens the sentence (the likely
    /// subject), if one does.
    pub lead_entity: Option<u64>,
    /// Term key of the sentence's first content word when it is
    /// capitalised (a name, or the head of one: "Apple reported ...",
    /// "Kenya's central bank ..."), the likely subject.
    pub lead_word: Option<u64>,
    /// Figures stated.
    pub figures: Vec<Figure>,
    /// Bare numbers stated (years and counts alike), as keys, sorted.
    pub numbers: Vec<u64>,
    /// Content keys inside the claim's direct quotes, sorted, distinct.
    pub quoted: Vec<u64>,
    /// Dates stated.
    pub dates: Vec<DateKey>,
    /// Content keys under a negation ("did not *confirm*"), sorted.
    pub negated: Vec<u64>,
    /// (content key, an opposite word), for content words that have
    /// opposites, sorted.
    pub opposites: Vec<(u64, lexical::OppositeKey)>,
    /// Content keys of words used as part of a name ("North" in "North
    /// Korea", "Germany" opening a sentence), sorted: such a word is never
    /// the opposite of another, and the rest of the claim is its frame.
    pub named: Vec<u64>,
    /// Content keys of words modifying a time noun ("last" in "last
    /// summer"), sorted: they date the claim and are never opposites.
    pub timed: Vec<u64>,
    /// Content keys of speech verbs ("said", "insisted") and of titles
    /// before a name ("President" Xi), sorted: who reports a fact, how, and
    /// how a person is styled are not part of the fact's frame.
    pub reporting: Vec<u64>,
    /// Content keys of verbs, not speech verbs or names, sorted: what the
    /// claim says happened ("resigned", "sold").
    pub verbs: Vec<u64>,
    /// (content key, key of a related word, cosine) for content words,
    /// not names, that have related words ("buy": "acquire"), sorted by
    /// content key, closest first.
    pub related: Vec<(u64, u64, f32)>,
    /// Sum of term weights.
    pub mass: f32,
    /// The hashed wording, for how alike the two read on the surface; empty
    /// where no model in use needs it (`Params::claim_surface`).
    pub surface: Surface,
    /// A key of the words in order (case and punctuation aside): equal for
    /// the same sentence printed by several outlets.
    pub text_key: u64,
}

/// Whether `t` is the number of one of `figures` (its digits, number words,
/// magnitudes, currency or percent sign), not what the figure counts.
fn is_figure_number(t: &Token, figures: &[Figure], offset: usize) -> bool {
    let (start, end) = (t.start + offset, t.end + offset);
    if !figures.iter().any(|f| f.start <= start && end <= f.end) {
        return false;
    }
    let lex = crate::lexicon::lexicon();
    // "11000", "3.5", "3bn"; not "48-page", whose noun is what is counted.
    let digits = t.norm.trim_end_matches(|c: char| c.is_alphabetic());
    let suffix = &t.norm[digits.len()..];
    let numeric = digits.bytes().any(|b| b.is_ascii_digit())
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || b".,-/%".contains(&b))
        && (suffix.is_empty() || lex.magnitude(suffix).is_some());
    numeric
        || lex.number(&t.norm).is_some()
        || lex.magnitude(&t.norm).is_some()
        || lex.is_percent(&t.norm)
        || lex.currency(&t.norm).is_some()
}

/// Content words after a negation that it governs (to the clause's end).
const NEGATION_SCOPE: usize = 2;

impl Profile {
    /// The profile of a claim, with its figures, dates and direct quotes;
    /// with its article's names (`table`), a bare surname or first name
    /// counts as the full name mentioned before it in the article; the
    /// surface is hashed only with `surface` (the claim models use it).
    pub fn of_claim(claim: &Claim, idf: &Idf, table: Option<&NameTable>, surface: bool) -> Profile {
        let tokens = content_tokens(&claim.text);
        let found = entities_of_tokens(&claim.text, &tokens, claim.start, table);
        let mut p = Profile::build(
            &claim.text,
            &tokens,
            claim.figures.clone(),
            claim.start,
            idf,
            &found,
            surface,
        );
        let mut quoted: Vec<u64> = claim
            .quotes
            .iter()
            .filter(|q| !q.scare)
            .flat_map(|q| {
                tokenize(&q.text)
                    .iter()
                    .filter(|t| !t.stop)
                    .map(term_key)
                    .collect::<Vec<_>>()
            })
            .collect();
        quoted.sort_unstable();
        quoted.dedup();
        p.quoted = quoted;
        p.dates = claim.dates.iter().filter_map(DateKey::of).collect();
        p
    }

    /// Builds the profile of `text` with `figures` already extracted from it
    /// at offset 0 (no quotes, and dates only as the text states them).
    pub fn new(text: &str, figures: Vec<Figure>, idf: &Idf) -> Profile {
        let tokens = content_tokens(text);
        let found = entities_of_tokens(text, &tokens, 0, None);
        Profile::build(text, &tokens, figures, 0, idf, &found, true)
    }

    /// The profile of `text`, whose figures' offsets count from `offset`
    /// (the claim's start in its article).
    #[allow(clippy::too_many_arguments)]
    fn build(
        text: &str,
        tokens: &[Token],
        mut figures: Vec<Figure>,
        offset: usize,
        idf: &Idf,
        found: &[Entity],
        surface: bool,
    ) -> Profile {
        figures.truncate(crate::claims::MAX_FIGURES);
        let mut terms: Vec<(u64, f32)> = Vec::new();
        let mut bigrams = Vec::new();
        let mut words = Vec::with_capacity(tokens.len());
        let mut numbers = Vec::new();
        let mut negated = Vec::new();
        let mut opposites = Vec::new();
        let mut named = Vec::new();
        let mut related = Vec::new();
        let mut timed = Vec::new();
        let mut reporting = Vec::new();
        let mut verbs = Vec::new();
        let lex = lexicon();
        let mut prev: Option<u64> = None;
        let mut text_key: u64 = 0xcbf2_9ce4_8422_2325;
        let mut scope = 0usize;
        let mut skip_particle = false;
        let mut last_end = 0usize;
        let capitalised = |i: usize| {
            tokens
                .get(i)
                .and_then(|t| text.get(t.start..t.end))
                .and_then(|w| w.chars().next())
                .is_some_and(char::is_uppercase)
        };
        for (i, t) in tokens.iter().enumerate() {
            // A clause break ends a negation's scope.
            if text
                .get(last_end..t.start)
                .is_some_and(|gap| gap.contains([',', ';', ':', '.', '—', '(']))
            {
                scope = 0;
            }
            last_end = t.end;
            text_key = (text_key ^ key(&t.norm)).wrapping_mul(0x0100_0000_01b3);
            words.push(key(&t.stem));
            if t.norm.bytes().all(|b| b.is_ascii_digit()) {
                numbers.push(key(&t.norm));
            }
            if skip_particle {
                // The second word of a two-word cue ("ruled *out*").
                skip_particle = false;
                continue;
            }
            if lexical::is_negation(&t.norm) {
                scope = NEGATION_SCOPE;
                continue;
            }
            // A two-word cue, its words in one clause ("ruled out arson",
            // "called off the strike").
            if let Some(next) = tokens.get(i + 1) {
                if text
                    .get(t.end..next.start)
                    .is_some_and(|gap| gap.trim().is_empty())
                    && lexical::is_negation(&format!("{} {}", t.norm, next.norm))
                {
                    scope = NEGATION_SCOPE;
                    skip_particle = true;
                    continue;
                }
            }
            // The number of a figure ("2", "million", "fifteen hundred") is
            // compared as a figure, with what it counts; as a word it would
            // make any two claims stating the same amount look alike.
            if is_figure_number(t, &figures, offset) {
                words.pop();
                continue;
            }
            if t.stop {
                continue;
            }
            let k = term_key(t);
            // A word of a name ("North" in "North Korea"), capitalised
            // inside the sentence or opening it before another capitalised
            // word, carries no polarity: it is never negated ("neither
            // Moscow nor Kyiv confirmed" negates the verb) nor an opposite.
            // Weekdays and months are capitalised but name no one: they
            // are dates, compared as dates.
            let in_name = !is_calendar_word(t)
                && ((capitalised(i) && (i > 0 || capitalised(i + 1)))
                    || found.iter().any(|e| e.start <= t.start && t.end <= e.end));
            if scope > 0 {
                if !in_name {
                    negated.push(k);
                }
                scope -= 1;
            }
            if in_name && t.capitalized && lex.is_title(&t.norm) {
                // A title before a name ("President Xi", "Mr. Moon")
                // describes the person; like a speech verb, it is how the
                // fact is told, not a name of its own.
                reporting.push(k);
            } else if in_name {
                named.push(k);
            } else {
                if is_speech_verb(&t.norm) {
                    reporting.push(k);
                } else if lexical::is_verb(&t.norm) {
                    verbs.push(k);
                }
                // A word before a time noun ("last summer", "the first
                // time", "next week") dates the claim; it says nothing of
                // its polarity.
                if tokens.get(i + 1).is_some_and(is_time_noun) {
                    timed.push(k);
                } else {
                    for o in lexical::opposite_keys(&t.stem) {
                        opposites.push((k, o));
                    }
                }
                for (r, c) in lexical::related_keys(&t.stem) {
                    related.push((k, r, c));
                }
            }
            if let Some(p) = prev {
                bigrams.push(pair_key(p, k));
            }
            prev = Some(k);
            terms.push((k, idf.weight(k)));
        }
        terms.sort_by_key(|t| t.0);
        terms.dedup_by_key(|t| t.0);
        for v in [
            &mut bigrams,
            &mut words,
            &mut numbers,
            &mut negated,
            &mut named,
            &mut timed,
            &mut reporting,
            &mut verbs,
        ] {
            v.sort_unstable();
            v.dedup();
        }
        opposites.sort_unstable();
        opposites.dedup();
        related.sort_by(|x: &(u64, u64, f32), y| x.0.cmp(&y.0).then(y.2.total_cmp(&x.2)));
        related.dedup_by_key(|r| (r.0, r.1));
        let mass = terms.iter().map(|t| t.1).sum();
        // The subject, roughly: a name opening the sentence (after a
        // leading article or other stop word at most).
        let first = tokens.iter().find(|t| !t.stop);
        let opening = first.map(|t| t.start);
        // A title opening the sentence ("President Xi said ...") is not
        // the subject's name: the word after it is.
        let lead_word = tokens
            .iter()
            .skip_while(|t| t.stop)
            .find(|t| !(t.capitalized && lex.is_title(&t.norm)))
            .filter(|t| {
                t.capitalized && t.norm.chars().any(char::is_alphabetic) && !is_calendar_word(t)
            })
            .map(term_key);
        let lead_entity = found
            .first()
            .filter(|e| Some(e.start) == opening)
            .map(|e| key(&e.key));
        let mut ents: Vec<u64> = found.iter().map(|e| key(&e.key)).collect();
        ents.sort_unstable();
        ents.dedup();
        let mut aliases: Vec<u64> = found
            .iter()
            .filter_map(|e| e.alias.as_deref())
            .map(key)
            .collect();
        aliases.sort_unstable();
        aliases.dedup();
        Profile {
            terms,
            bigrams,
            words,
            entities: ents,
            entity_aliases: aliases,
            lead_entity,
            lead_word,
            figures,
            numbers,
            quoted: Vec::new(),
            dates: Vec::new(),
            negated,
            opposites,
            named,
            timed,
            reporting,
            verbs,
            related,
            mass,
            text_key,
            surface: if surface {
                Surface::of(text, tokens)
            } else {
                Surface::default()
            },
        }
    }
}

/// Whether `t` is a weekday or a month that is no ordinary English word
/// ("Friday", "December"; not "May", "March" or "Sun", which may be names).
fn is_calendar_word(t: &Token) -> bool {
    crate::lexicon::lexicon()
        .calendar(&t.norm)
        .is_some_and(|c| !c.common_word)
}

/// Whether a token names a stretch of time: a weekday or month, a noun
/// whose first WordNet sense is a time ("summer", "week", "year"), or
/// "time" itself ("for the first time").
fn is_time_noun(t: &Token) -> bool {
    let lex = crate::lexicon::lexicon();
    &*t.norm == "time"
        || lex.calendar(&t.norm).is_some()
        || lex.noun_class(&t.norm) == Some(crate::lexicon::NounClass::Time)
}

/// How many keys two sorted, distinct lists share.
pub fn shared_count(a: &[u64], b: &[u64]) -> usize {
    let mut n = 0;
    for_each_shared(a, b, |_| n += 1);
    n
}

/// Calls `hit` once for each element of the multiset intersection of two
/// sorted lists (for distinct lists, each shared key once); no allocation.
pub fn for_each_shared<T: Ord + Copy>(a: &[T], b: &[T], mut hit: impl FnMut(T)) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                hit(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
}

/// Whether the sorted list holds `k`.
pub fn holds(list: &[u64], k: u64) -> bool {
    list.binary_search(&k).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> DateKey {
        DateKey::Day(NaiveDate::from_ymd_opt(y, m, d).expect("valid date"))
    }

    #[test]
    fn dates_compare_by_what_both_state() {
        assert_eq!(day(2024, 3, 5).compare(day(2024, 3, 5)), Some(true));
        assert_eq!(day(2024, 3, 5).compare(day(2024, 3, 8)), Some(false));
        assert_eq!(day(2024, 3, 5).compare(DateKey::Month(2024, 3)), Some(true));
        assert_eq!(
            DateKey::Year(2019).compare(DateKey::Year(2021)),
            Some(false)
        );
        assert_eq!(
            DateKey::Weekday(1).compare(DateKey::Weekday(4)),
            Some(false)
        );
        // 2024-03-05 was a Tuesday.
        assert_eq!(DateKey::Weekday(1).compare(day(2024, 3, 5)), Some(true));
        assert_eq!(DateKey::Weekday(1).compare(DateKey::Year(2024)), None);
        assert_eq!(
            DateKey::MonthDay(9, 24).compare(DateKey::MonthDay(9, 30)),
            Some(false)
        );
        assert_eq!(
            DateKey::MonthDay(9, 24).compare(day(2023, 9, 24)),
            Some(true)
        );
    }

    #[test]
    fn negation_marks_the_words_it_governs() {
        let idf = Idf::from_texts(["The minister will not attend the summit, aides said."]);
        let p = Profile::new(
            "The minister will not attend the summit, aides said.",
            Vec::new(),
            &idf,
        );
        let attend = tokenize("attend")[0].clone();
        let aides = tokenize("aides")[0].clone();
        assert!(holds(&p.negated, term_key(&attend)));
        assert!(!holds(&p.negated, term_key(&aides)));
    }

    #[test]
    fn a_phrasal_verb_negates_its_object() {
        let key_of = |w: &str| term_key(&tokenize(w)[0]);
        let idf = Idf::default();
        let p = Profile::new(
            "Investigators ruled out arson as the cause of the fire.",
            Vec::new(),
            &idf,
        );
        assert!(holds(&p.negated, key_of("arson")), "{:?}", p.negated);
        assert!(!holds(&p.negated, key_of("fire")));
        let p = Profile::new("The union called off the strike.", Vec::new(), &idf);
        assert!(holds(&p.negated, key_of("strike")));
        // The words apart, or the passive: no cue.
        let p = Profile::new("The strike was called off.", Vec::new(), &idf);
        assert!(p.negated.is_empty(), "{:?}", p.negated);
        let p = Profile::new(
            "The court ruled, out of caution, that the strike may go on.",
            Vec::new(),
            &idf,
        );
        assert!(p.negated.is_empty(), "{:?}", p.negated);
    }
}
