//! Attribution: who asserts a claim ("French officials believe", "the
//! agency said", ", Sky News reported.", "according to ..."), and the name
//! helpers shared with quote speakers.
//!
//! Sources are kept as printed in the sentence ("Chile’s disaster agency
//! chief Ana Ruiz", "a Reuters investigation"), so that a reader sees
//! exactly whom the outlet cites. Speakers of quotes are names: leading
//! titles and nationality words are dropped ("German Chancellor Olaf
//! Scholz" → "Olaf Scholz"; titles, demonyms and abbreviated places from
//! the lexicon) and bare surnames are expanded to the most recent full
//! name in the text ("Scholz" → "Olaf Scholz").

use crate::lexicon::{lexicon, PlaceForm};
use crate::text::normalize::{is_institution_word, is_title as is_title_phrase};
use regex::Regex;
use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Whether a word names a nationality or place in a form that describes
/// rather than names ("French", "Brazilian", "US", "U.S."): dropped from the front of a speaker's name.
fn is_nationality(w: &str) -> bool {
    starts_upper(w)
        && lexicon()
            .place(w)
            .is_some_and(|p| matches!(p.form, PlaceForm::Demonym | PlaceForm::Abbreviation))
}

/// The number of leading words of `words` that form a demonym of two or
/// three words ("South African", "New Zealander"), or 0.
fn nationality_phrase(words: &[&str]) -> usize {
    (2..=3)
        .rev()
        .find(|&n| {
            words.get(..n).is_some_and(|w| {
                w.iter().all(|w| starts_upper(w))
                    && lexicon()
                        .place(&w.join(" "))
                        .is_some_and(|p| p.form == PlaceForm::Demonym)
            })
        })
        .unwrap_or(0)
}

/// Leading words dropped from a speaker's name while at least two words
/// remain: titles and their modifiers (the lexicon's), nationality words,
/// and the portfolio words of ministers ("Defense", "Foreign").
fn is_title(w: &str) -> bool {
    is_title_phrase(w, true)
        || is_nationality(w)
        || matches!(
            w,
            "Defense"
                | "Defence"
                | "Foreign"
                | "Interior"
                | "Finance"
                | "Head"
                | "Prime"
                | "Supreme"
        )
}

/// Capitalised words that do not start a name: pronouns, determiners,
/// prepositions and sentence adverbs, labels of pictures and sources, and
/// weekday and month names (the lexicon's).
fn is_not_name(w: &str) -> bool {
    matches!(
        w,
        "It" | "This"
            | "That"
            | "These"
            | "Those"
            | "The"
            | "A"
            | "An"
            | "However"
            | "In"
            | "On"
            | "At"
            | "But"
            | "And"
            | "Meanwhile"
            | "According"
            | "After"
            | "Since"
            | "Back"
            | "Despite"
            | "While"
            | "When"
            | "Earlier"
            | "Later"
            | "Last"
            | "For"
            | "From"
            | "With"
            | "Some"
            | "Many"
            | "Both"
            | "Their"
            | "His"
            | "Her"
            | "Its"
            | "Our"
            | "He"
            | "She"
            | "They"
            | "We"
            | "I"
            | "As"
            | "If"
            | "Also"
            | "Then"
            | "Now"
            | "Shortly"
            | "Pictured"
            | "Photo"
            | "Image"
            | "Sources"
            | "Source"
    ) || is_calendar_word(w)
}

/// A capitalised weekday or month name ("Monday", "March", "Sept.").
fn is_calendar_word(w: &str) -> bool {
    starts_upper(w) && lexicon().calendar(&w.to_lowercase()).is_some()
}

/// Last words of organisations, whose leading "US" or "French" is part of
/// the name ("the US State Department").
fn is_org_word(w: &str) -> bool {
    matches!(w, "Forces" | "Media" | "News")
        || (starts_upper(w) && is_institution_word(&w.to_lowercase()))
}

/// One past the last title before the last word ("Secretary of State",
/// "Attorney General", "Mr."; the lexicon's titles and abbreviations, not
/// modifiers such as "Deputy"), if any.
fn last_person_title_end(words: &[&str]) -> Option<usize> {
    let most = lexicon().max_title_words().max(1);
    let mut end = None;
    for j in 0..words.len() {
        if !starts_upper(words[j]) {
            continue;
        }
        for n in (1..=most.min(words.len() - j)).rev() {
            let e = j + n;
            if e < words.len()
                && starts_upper(words[e - 1])
                && is_title_phrase(&words[j..e].join(" "), false)
            {
                end = Some(end.map_or(e, |x: usize| x.max(e)));
                break;
            }
        }
    }
    end
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn has_quote_mark(w: &str) -> bool {
    w.starts_with(['‘', '“', '"', '’', '”']) || w.ends_with(['‘', '“', '"', '’', '”'])
}

/// Cleans a run of capitalised words into a name: punctuation trimmed,
/// leading titles and nationality words dropped (while two words remain), a
/// leading "The" lower-cased. `None` if nothing name-like remains.
pub(crate) fn clean_name(run: &str) -> Option<String> {
    let run = run.trim().trim_matches(|c: char| {
        matches!(
            c,
            ',' | '.' | ':' | ';' | '(' | ')' | '‘' | '’' | '“' | '”' | '"'
        )
    });
    let mut words: Vec<&str> = run.split_whitespace().collect();
    // "Federal Aviation Administration (FAA)": the acronym in brackets goes.
    if words.len() > 1 && words.last().is_some_and(|w| w.starts_with('(')) {
        words.pop();
    }
    let mut det = false;
    if words.first().is_some_and(|w| *w == "The" || *w == "the") {
        det = true;
        words.remove(0);
    }
    // "Later Scholz", "On Friday Scholz": sentence words, not the name.
    while words.len() > 1 && is_not_name(words[0]) {
        words.remove(0);
    }
    let org = words.last().is_some_and(|w| is_org_word(w));
    // "House Judiciary Committee Chairman Jerrold Nadler", "California
    // Attorney General Xavier Becerra", "Mr. Smith": the words after the
    // last personal title.
    if !org && !det {
        if let Some(end) = last_person_title_end(&words) {
            words.drain(..end);
        }
    }
    loop {
        let demonym = nationality_phrase(&words);
        match words.as_slice() {
            _ if org => break,
            [w, rest @ ..] if rest.len() >= 2 && is_title(w) => {
                words.remove(0);
            }
            _ if demonym > 0 && words.len() >= demonym + 2 => {
                words.drain(..demonym);
            }
            _ => break,
        }
    }
    if words.is_empty()
        || words.iter().all(|w| is_title(w))
        || nationality_phrase(&words) == words.len()
    {
        return None;
    }
    if words.len() == 1 {
        let w = words[0];
        if is_not_name(w) || w.chars().count() < 2 || w.ends_with("ing") {
            return None;
        }
    }
    if !words.iter().any(|w| starts_upper(w)) {
        return None;
    }
    let name = words.join(" ");
    Some(if det { format!("the {name}") } else { name })
}

/// Adverbs and auxiliaries between a subject and its verb.
fn is_filler(w: &str) -> bool {
    matches!(
        w,
        "also"
            | "previously"
            | "explicitly"
            | "specifically"
            | "publicly"
            | "officially"
            | "initially"
            | "repeatedly"
            | "reportedly"
            | "has"
            | "have"
            | "had"
            | "was"
            | "were"
            | "is"
            | "are"
            | "quoted"
            | "then"
            | "later"
            | "earlier"
            | "now"
            | "once"
            | "just"
            | "further"
            | "separately"
            | "personally"
            | "squarely"
            | "similarly"
    )
}

/// The name (or pronoun, lower-cased) that ends `s`, the text just before a
/// speech verb: "Ana Ruiz, the Chilean chief of civil defense," → "Ana
/// Ruiz"; "German ‘party leader’ Olaf Scholz was quoted" → "Olaf Scholz";
/// "... they" → "they".
pub(crate) fn name_before(s: &str) -> Option<String> {
    let mut words: Vec<&str> = s.split_whitespace().collect();
    while words.last().is_some_and(|w| is_filler(w)) {
        words.pop();
    }
    let last = *words.last()?;
    let lw = last.to_lowercase();
    if matches!(lw.as_str(), "he" | "she" | "they" | "it") {
        return Some(lw);
    }
    // Appositive: "Name, the Chilean chief of civil defense,"
    if last.ends_with(',') {
        let n = words.len();
        let prev_comma = words[..n - 1].iter().rposition(|w| w.ends_with(','))?;
        let first_of_segment = words.get(prev_comma + 1)?;
        if starts_upper(first_of_segment) && !matches!(*first_of_segment, "The") {
            return None;
        }
        if n - 1 - prev_comma > 10 {
            return None;
        }
        words.truncate(prev_comma + 1);
        if let Some(w) = words.last_mut() {
            *w = w.trim_end_matches(',');
        }
    }
    let n = words.len();
    let mut i = n;
    while i > 0 {
        let w = words[i - 1];
        let inner_punct = i < n && w.ends_with([',', '.', ':', ';', ')']);
        if !starts_upper(w) || has_quote_mark(w) || inner_punct {
            break;
        }
        i -= 1;
    }
    if i == n {
        return None;
    }
    if i > 0 && words[i - 1] == "the" {
        i -= 1;
    }
    // A sentence-initial "The" belongs to the name ("The FAA insisted").
    let run = words[i..].join(" ");
    match clean_name(&run) {
        Some(n) => Some(n),
        // A role without a name ("The US President") refers back like "he".
        None if words[i..].iter().any(|w| is_title(w)) && words[i].eq_ignore_ascii_case("the") => {
            Some("he".to_string())
        }
        None => None,
    }
}

/// Whether `word` is printed somewhere in `text` after a lower-case word or
/// a comma, so that it is a name and not just a capitalised sentence start.
pub(crate) fn capitalised_mid_sentence(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text.get(..i).unwrap_or("");
        let after = text.get(i + word.len()..).unwrap_or("");
        let whole = !after.starts_with(char::is_alphanumeric);
        let mut rev = before.chars().rev();
        whole && rev.next() == Some(' ') && rev.next().is_some_and(|c| c.is_lowercase() || c == ',')
    })
}

/// The subject of a sentence that starts with a name followed by a
/// lower-case word ("Scholz congratulated ...", "The FAA insisted ..."), or
/// a pronoun subject lower-cased ("They reaffirmed" → "they").
pub(crate) fn subject_at_start(sentence: &str) -> Option<String> {
    // Only the first words matter; a sentence may be megabytes long.
    let words: Vec<&str> = sentence.split_whitespace().take(64).collect();
    let first = *words.first()?;
    if matches!(first, "He" | "She" | "They" | "It") {
        return Some(first.to_lowercase());
    }
    let mut i = 0;
    while i < words.len() && starts_upper(words[i]) && !has_quote_mark(words[i]) {
        let punct = words[i].ends_with([',', '.', ':', ';']);
        i += 1;
        if punct {
            return None;
        }
    }
    let next = words.get(i)?;
    if i == 0
        || !next.chars().next().is_some_and(char::is_lowercase)
        || matches!(
            *next,
            "of" | "in" | "on" | "at" | "for" | "from" | "with" | "and" | "to" | "by" | "as"
        )
    {
        return None;
    }
    clean_name(&words[..i].join(" "))
}

static NAME_RUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)+").expect("valid regex"));

/// The full names (two to four words, titles dropped) printed in a text,
/// with their byte offsets, for [`expand_name_in`].
pub(crate) fn full_names(text: &str) -> Names {
    let list: Vec<(usize, String)> = NAME_RUN
        .find_iter(text)
        .filter_map(|m| clean_name(m.as_str()).map(|n| (m.start(), n)))
        .filter(|(_, n)| {
            // Not an organisation with an article, not a place ("Plaza de
            // Mayo Square").
            n.contains(' ')
                && !n.starts_with("the ")
                && !n.split_whitespace().any(is_not_name)
                && !n
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| is_institution_word(&w.to_lowercase()))
                && n.split_whitespace().count() <= 4
        })
        .collect();
    let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, (_, n)) in list.iter().enumerate() {
        let mut keys: Vec<&str> = Vec::new();
        for w in n.split_whitespace() {
            keys.push(w);
            // "Jean" in "Jean-Luc": every part before a hyphen.
            keys.extend(w.match_indices('-').map(|(p, _)| &w[..p]));
        }
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            by_word.entry(k.to_string()).or_default().push(i);
        }
    }
    Names {
        list,
        by_word,
        with_the: RefCell::new(HashMap::new()),
        mid_sentence: OnceCell::new(),
    }
}

/// A text's full names, indexed by word so that expanding a name does not
/// rescan the text or the list (an article may be megabytes long).
#[derive(Debug, Default)]
pub(crate) struct Names {
    /// `(byte offset, name)` in text order.
    list: Vec<(usize, String)>,
    /// For each word of a name (and each part before a hyphen), the indices
    /// into `list` of the names containing it, ascending.
    by_word: HashMap<String, Vec<usize>>,
    /// Memo: whether the text writes an acronym with an article.
    with_the: RefCell<HashMap<String, bool>>,
    /// Capitalised words printed after a lower-case word or a comma, built
    /// on first use.
    mid_sentence: OnceCell<HashSet<String>>,
}

/// Longest word [`Names::capitalised_mid_sentence`] answers from its set.
const MAX_INDEXED_WORD: usize = 64;

impl Names {
    /// [`capitalised_mid_sentence`] without rescanning `text` (the text the
    /// names came from) for every word: capitalised words up to 64 bytes
    /// are looked up in a set built by one pass over the text.
    pub(crate) fn capitalised_mid_sentence(&self, text: &str, word: &str) -> bool {
        let indexed = word.len() <= MAX_INDEXED_WORD
            && word.chars().next().is_some_and(char::is_uppercase)
            && !word.contains(char::is_whitespace);
        if !indexed {
            return capitalised_mid_sentence(text, word);
        }
        self.mid_sentence
            .get_or_init(|| mid_sentence_words(text))
            .contains(word)
    }
}

/// Every run of non-space characters (up to [`MAX_INDEXED_WORD`] bytes)
/// that starts with a capital letter right after "<lower-case letter or
/// comma><space>" and ends before a non-alphanumeric character or the end:
/// exactly the words [`capitalised_mid_sentence`] would find.
fn mid_sentence_words(text: &str) -> HashSet<String> {
    let mut set = HashSet::new();
    let mut prev2: Option<char> = None;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let after_lower = prev == Some(' ') && prev2.is_some_and(|p| p.is_lowercase() || p == ',');
        prev2 = prev;
        prev = Some(c);
        if !(after_lower && c.is_uppercase()) {
            continue;
        }
        let rest = text.get(i..).unwrap_or("");
        let mut ended = true;
        for (j, d) in rest.char_indices().skip(1) {
            if j > MAX_INDEXED_WORD {
                ended = false;
                break;
            }
            if !d.is_alphanumeric() {
                set.insert(rest[..j].to_string());
            }
            if d.is_whitespace() {
                ended = false;
                break;
            }
        }
        if ended && rest.len() <= MAX_INDEXED_WORD {
            set.insert(rest.to_string());
        }
    }
    set
}

/// Expands a one-word name ("Scholz", "Lee") to the most recent longer name
/// containing it in `text` before `pos` (else anywhere in `text`):
/// "Olaf Scholz", "Lee Jae-myung". Other names are returned unchanged.
#[cfg(test)]
pub(crate) fn expand_name(text: &str, pos: usize, name: &str) -> String {
    expand_name_in(text, &full_names(text), pos, name)
}

/// [`expand_name`] with the text's [`full_names`] computed once.
pub(crate) fn expand_name_in(text: &str, names: &Names, pos: usize, name: &str) -> String {
    if name.contains(' ') {
        return name.to_string();
    }
    // An acronym the text also writes with an article: "FAA" → "the FAA".
    if name.chars().all(|c| !c.is_lowercase()) {
        let mut memo = names.with_the.borrow_mut();
        let with = *memo.entry(name.to_string()).or_insert_with(|| {
            text.contains(&format!("the {name}")) || text.contains(&format!("The {name}"))
        });
        return if with {
            format!("the {name}")
        } else {
            name.to_string()
        };
    }
    let Some(hits) = names.by_word.get(name) else {
        return name.to_string();
    };
    let before = hits.partition_point(|&i| names.list.get(i).is_some_and(|(at, _)| *at < pos));
    before
        .checked_sub(1)
        .and_then(|k| hits.get(k))
        .or_else(|| hits.first())
        .and_then(|&i| names.list.get(i))
        .map_or_else(|| name.to_string(), |(_, n)| n.clone())
}

static ACCORDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\baccording to (?P<src>[^,.;:“”\n]{2,120})").expect("valid regex")
});

static EVIDENTIAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:(?P<t1>believe|believes|estimate|estimates|said|says|say|reported|found|finds|stated|states|insisted|insists|declared|indicate|indicates|indicated|suggest|suggests|suggested|told|wrote)|(?P<t2>confirmed|confirms|announced|claimed|claims|alleged|alleges|estimated))\b")
        .expect("valid regex")
});

/// A speech verb after the statement, its source after it ("..., said
/// Governor Tom Reyes.", "“...,” says Anna Berg, an economist").
static INVERTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:,|[”"’])\s+(?:said|says|added|wrote|explained|told reporters)\s+(?P<src>(?:the\s+)?[A-Z][^,.;:“”"\n]{1,60})"#)
        .expect("valid regex")
});

static BY_AGENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:reported|stated|announced|confirmed|cited|quoted) by (?P<src>(?:the )?[A-Z][^,.;:“”\n]{1,60})")
        .expect("valid regex")
});

/// Words that mark a subject as a source even without a capital letter.
fn is_source_noun(w: &str) -> bool {
    matches!(
        w.trim_end_matches(['’', '\'', 's']),
        "official"
            | "intelligence"
            | "media"
            | "report"
            | "source"
            | "analyst"
            | "agency"
            | "agencie"
            | "investigation"
            | "ministry"
            | "government"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "observer"
            | "expert"
            | "commander"
            | "military"
            | "army"
            | "police"
            | "authoritie"
            | "statement"
            | "study"
            | "analyse"
            | "analysi"
            | "survey"
            | "leader"
            | "diplomat"
            | "researcher"
            | "outlet"
            | "mayor"
            | "lawyer"
            | "attorney"
            | "network"
            | "governor"
            | "senator"
            | "lawmaker"
            | "campaign"
            | "poll"
            | "ruling"
            | "court"
            | "judge"
            | "prosecutor"
            | "aide"
            | "adviser"
            | "advisor"
            | "economist"
            | "president"
            | "minister"
            | "secretary"
            | "general"
            | "representative"
            | "newspaper"
            | "department"
            | "committee"
            | "council"
            | "company"
            | "witnesse"
            | "resident"
            | "activist"
            | "critic"
            | "scientist"
            | "researche"
            | "document"
            | "filing"
            | "paper"
    )
}

/// Who asserts `sentence`, as printed: "according to X", or the subject of
/// an evidential verb ("Ukrainian officials believe", ", Sky News
/// reported."), the leftmost one found. Pronoun subjects give `None` (a quote
/// speaker may then stand in).
pub fn find_attribution(sentence: &str) -> Option<String> {
    // (tier, position, source); tier 0 beats tier 1, then leftmost wins.
    let mut best: Option<(u8, usize, String)> = None;
    fn offer(best: &mut Option<(u8, usize, String)>, tier: u8, pos: usize, src: String) {
        if best.as_ref().is_none_or(|b| (tier, pos) < (b.0, b.1)) {
            *best = Some((tier, pos, src));
        }
    }
    if let Some(c) = ACCORDING.captures(sentence) {
        if let Some(m) = c.name("src") {
            let src = m.as_str();
            let src = src.split(" that ").next().unwrap_or(src);
            let words: Vec<&str> = src.split_whitespace().take(10).collect();
            // "according to an order given by ..." names no source.
            let sourced = words
                .iter()
                .take(3)
                .any(|w| starts_upper(w) || is_source_noun(&w.to_lowercase()))
                || words.first().is_some_and(|w| *w == "the");
            if sourced && !words.is_empty() {
                offer(&mut best, 0, m.start(), words.join(" "));
            }
        }
    }
    if let Some(m) = BY_AGENT.captures(sentence).and_then(|c| c.name("src")) {
        let words: Vec<&str> = m.as_str().split_whitespace().take(8).collect();
        offer(&mut best, 0, m.start(), words.join(" "));
    }
    if let Some(m) = INVERTED.captures(sentence).and_then(|c| c.name("src")) {
        if let Some(src) = leading_name(m.as_str()) {
            offer(&mut best, 0, m.start(), src);
        }
    }
    for c in EVIDENTIAL.captures_iter(sentence) {
        let Some(v) = c.get(0) else { continue };
        let tier = if c.name("t1").is_some() { 0 } else { 1 };
        if best
            .as_ref()
            .is_some_and(|b| (tier, v.start()) >= (b.0, b.1))
        {
            continue;
        }
        let before = sentence.get(..v.start()).unwrap_or("");
        // Passive "is believed to", "was estimated at": no source here.
        let prev_word = before.split_whitespace().next_back().unwrap_or("");
        if matches!(
            prev_word,
            "is" | "are" | "was" | "were" | "been" | "be" | "being"
        ) {
            continue;
        }
        let clause_start = before.rfind([',', ';', ':', '(', '—', '–']).map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
        let clause_start = before
            .get(clause_start..)
            .and_then(|c| c.rfind(" that ").map(|p| clause_start + p + 6))
            .unwrap_or(clause_start);
        let clause = before.get(clause_start..).unwrap_or("");
        let mut words: Vec<&str> = clause.split_whitespace().collect();
        while words.last().is_some_and(|w| {
            is_filler(w) || matches!(*w, "not" | "never" | "also" | "long") || w.ends_with("ly")
        }) {
            words.pop();
        }
        // "Alan Cole, an economist at the Tax Foundation, said": the name
        // before the appositive.
        if words.is_empty() && before.trim_end().ends_with(',') {
            if let Some(n) = name_before(before) {
                if !matches!(n.as_str(), "he" | "she" | "they" | "it") {
                    offer(&mut best, tier, v.start(), n);
                }
            }
            continue;
        }
        while words.first().is_some_and(|w| {
            matches!(
                *w,
                "as" | "when" | "while" | "because" | "if" | "since" | "although" | "though" | "so"
            )
        }) {
            words.remove(0);
        }
        while words.first().is_some_and(|w| is_leading_drop(w)) {
            words.remove(0);
        }
        if words.is_empty() || words.len() > 9 {
            continue;
        }
        let first = words[0].to_lowercase().replace('’', "'");
        let first = first.split('\'').next().unwrap_or("");
        if matches!(
            first,
            "he" | "she" | "they" | "it" | "we" | "i" | "this" | "that" | "who" | "which" | "you"
        ) {
            continue;
        }
        if words
            .iter()
            .any(|w| w.chars().any(|c| c.is_ascii_digit()) || has_quote_mark(w))
        {
            continue;
        }
        let named = words
            .iter()
            .enumerate()
            .any(|(i, w)| starts_upper(w) && (i > 0 || !is_not_name(w)));
        let sourced = words.iter().any(|w| is_source_noun(&w.to_lowercase()));
        if named || sourced {
            offer(&mut best, tier, v.start(), words.join(" "));
        }
    }
    // A sentence-initial "The" is not part of the source's name.
    best.map(|b| match b.2.strip_prefix("The ") {
        Some(rest) => canonical_source(&format!("the {rest}")),
        None => canonical_source(&b.2),
    })
}

/// The name opening `run`: its capitalised words (with "the" first and
/// "of" between them), up to the first other word; `None` when it opens
/// with a weekday or month ("said Tuesday") or names nothing.
fn leading_name(run: &str) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    for (i, w) in run.split_whitespace().enumerate() {
        let joins = (i == 0 && w == "the") || (i > 0 && matches!(w, "of" | "de" | "van" | "von"));
        if !(joins || starts_upper(w)) || is_calendar_word(w) || words.len() >= 8 {
            break;
        }
        words.push(w);
    }
    while words
        .last()
        .is_some_and(|w| matches!(*w, "the" | "of" | "de" | "van" | "von"))
    {
        words.pop();
    }
    words
        .iter()
        .any(|w| starts_upper(w))
        .then(|| words.join(" "))
}

/// A source described by its role and then named is given by its name, as
/// quote speakers are: "Ukraine’s military intelligence chief Kyrylo
/// Budanov" → "Kyrylo Budanov", "South Korean media outlet Yonhap" →
/// "Yonhap". Sources without a trailing name ("Ukrainian officials", "a
/// Reuters investigation", "State media in North Korea", "the US State
/// Department") are kept as printed.
fn canonical_source(src: &str) -> String {
    let words: Vec<&str> = src.split_whitespace().collect();
    let run_start = words
        .iter()
        .rposition(|w| !starts_upper(w) && !w.starts_with('('))
        .map_or(0, |p| p + 1);
    if run_start == 0 || run_start >= words.len() {
        return src.to_string();
    }
    let descriptor = words[run_start - 1];
    if matches!(
        descriptor,
        "the" | "a" | "an" | "in" | "of" | "from" | "at" | "for" | "and" | "to" | "by" | "with"
    ) {
        return src.to_string();
    }
    clean_name(&words[run_start..].join(" ")).unwrap_or_else(|| src.to_string())
}

/// Words dropped from the start of a source: bullet marks, conjunctions,
/// sentence adverbs and time phrases ("On Friday", "In March"; weekday and
/// month names from the lexicon, but not "May", also a name).
fn is_leading_drop(w: &str) -> bool {
    matches!(
        w,
        "-" | "•"
            | "*"
            | "and"
            | "but"
            | "And"
            | "But"
            | "However"
            | "Meanwhile"
            | "Earlier"
            | "Later"
            | "On"
            | "In"
            | "At"
            | "Since"
            | "Back"
            | "Last"
            | "night"
            | "evening"
            | "morning"
    ) || (starts_upper(w)
        && lexicon().calendar(&w.to_lowercase()).is_some_and(|c| {
            !c.common_word || c.kind == crate::lexicon::CalendarKind::Month && w != "May"
        }))
}

static HEDGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:reportedly|allegedly|purportedly|apparently|is believed|are believed|was believed|were believed|is thought|are thought|unconfirmed|unverified|appeared to|appears to)\b")
        .expect("valid regex")
});

/// Whether `sentence` hedges its claim ("reportedly", "allegedly", "is
/// believed to"), with or without naming a source.
pub fn is_hedged(sentence: &str) -> bool {
    HEDGE.is_match(sentence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_as_printed() {
        for (s, want) in [
            ("Ukrainian officials believe the hermetic kingdom has deployed as many as 14,000 troops, which includes 3,000 to replace previous losses, Sky News reported.", "Ukrainian officials"),
            ("Ukrainian officials believe the hermetic kingdom has deployed as many as 14,000 troops to the frontlines", "Ukrainian officials"),
            ("North Korea has also reportedly supplied millions of shells to Russia, a Reuters investigation found.", "a Reuters investigation"),
            ("The DPRK has also provided ballistic missiles, Ukraine’s military intelligence chief Kyrylo Budanov said.", "Kyrylo Budanov"),
            ("South Korean intelligence estimates an additional 3,000 were deployed to Kursk earlier this year.", "South Korean intelligence"),
            ("According to the KCNA, Kim hailed North Korean troops.", "the KCNA"),
            ("North Korean units participated in the operation, the KCNA said.", "the KCNA"),
            ("North Korea has officially confirmed it sent troops, South Korean media outlet Yonhap reported on April 28.", "Yonhap"),
            ("State media in North Korea said fighters had made an ‘important contribution’.", "State media in North Korea"),
            ("Meanwhile, the US State Department said in a statement on Sunday evening that", "the US State Department"),
            ("The announcement, reported by Yonhap News Agency, claims North Korean forces helped.", "Yonhap News Agency"),
            ("- Western intelligence reports suggested at least 1,000 North Korean soldiers were killed.", "Western intelligence reports"),
            ("On Friday Ukrainian president Volodymyr Zelensky claimed a North Korean missile was used.", "Volodymyr Zelensky"),
            ("In March, South Korean officials reported that North Korea had sent an additional 3,000 troops.", "South Korean officials"),
            ("Moscow has claimed it has regained control of the Kursk region.", "Moscow"),
            ("The bridge would reopen in May, said Governor Tom Reyes.", "Governor Tom Reyes"),
            ("The vote was close, officials said Tuesday.", "officials"),
            ("“We are not leaving,” said Anna Berg, who runs the bakery.", "Anna Berg"),
            ("Prices rose again in March, says the Office of Statistics in its report.", "the Office of Statistics"),
        ] {
            assert_eq!(find_attribution(s).as_deref(), Some(want), "{s}");
        }
    }

    #[test]
    fn no_source() {
        for s in [
            "Moscow is reportedly supplying Pyongyang with badly needed economic assistance.",
            "Ukraine has denied the claim.",
            "The total North Korean deployment was estimated at between 11,000-12,000 troops.",
            "He also said that a monument will be erected soon.",
            "That would represent the most significant direct military package.",
            "soldiers were deployed “according to an order given by the North Korean leader Kim Jong Un.",
        ] {
            assert_eq!(find_attribution(s), None, "{s}");
        }
        assert!(is_hedged("Moscow is reportedly supplying Pyongyang"));
        assert!(is_hedged("who is believed to have been held"));
        assert!(!is_hedged("Ukraine has denied the claim."));
    }

    #[test]
    fn names() {
        assert_eq!(
            clean_name("President Vladimir Putin").as_deref(),
            Some("Vladimir Putin")
        );
        assert_eq!(
            clean_name("Ukrainian Commander-in-Chief General Oleksandr Syrskyi").as_deref(),
            Some("Oleksandr Syrskyi")
        );
        assert_eq!(clean_name("The KCNA").as_deref(), Some("the KCNA"));
        assert_eq!(
            clean_name("the US State Department").as_deref(),
            Some("the US State Department")
        );
        assert_eq!(clean_name("North Korea").as_deref(), Some("North Korea"));
        assert_eq!(clean_name("North Korean"), None);
        assert_eq!(clean_name("However"), None);
        assert_eq!(
            name_before("North Korean ‘supreme leader’ Kim Jong Un was quoted ").as_deref(),
            Some("Kim Jong Un")
        );
        assert_eq!(
            name_before("Valery Gerasimov, the Russian chief of general staff, ").as_deref(),
            Some("Valery Gerasimov")
        );
        assert_eq!(
            name_before("In a brief statement, they ").as_deref(),
            Some("they")
        );
        let t = "US president Donald Trump spoke. Later Trump said more.";
        assert_eq!(expand_name(t, t.len(), "Trump"), "Donald Trump");
        assert_eq!(expand_name(t, t.len(), "KCNA"), "KCNA");
        assert_eq!(expand_name("as the KCNA said", 0, "KCNA"), "the KCNA");
        let t = "Kim Jong-un spoke. Later Kim Yo-jong said so. Then Kim left.";
        assert_eq!(expand_name(t, t.len(), "Kim"), "Kim Yo-jong");
        assert_eq!(expand_name(t, 5, "Kim"), "Kim Jong-un");
        assert_eq!(expand_name(t, t.len(), "Yo"), "Kim Yo-jong");
        assert_eq!(expand_name(t, t.len(), "Lee"), "Lee");
    }

    #[test]
    fn titles_and_nationalities_from_the_lexicon() {
        for (run, want) in [
            ("German Chancellor Olaf Scholz", Some("Olaf Scholz")),
            ("Chancellor Olaf Scholz", Some("Olaf Scholz")),
            ("Prime Minister Keir Starmer", Some("Keir Starmer")),
            ("Lt. Gen. Ana Ruiz", Some("Ana Ruiz")),
            (
                "South African President Cyril Ramaphosa",
                Some("Cyril Ramaphosa"),
            ),
            (
                "Brazilian Foreign Minister Mauro Vieira",
                Some("Mauro Vieira"),
            ),
            ("U.S. Secretary of State Marco Rubio", Some("Marco Rubio")),
            (
                "the French Foreign Ministry",
                Some("the French Foreign Ministry"),
            ),
            ("South Africa", Some("South Africa")),
            ("South African", None),
            ("Brazilian", None),
            ("On Friday", None),
        ] {
            assert_eq!(clean_name(run).as_deref(), want, "{run}");
        }
        for (s, want) in [
            (
                "French officials believe the quake killed 45 people.",
                "French officials",
            ),
            (
                "The quake killed 45 people, Chile’s disaster agency chief Ana Ruiz said.",
                "Ana Ruiz",
            ),
            (
                "On Tuesday German chancellor Olaf Scholz said the talks had failed.",
                "Olaf Scholz",
            ),
            (
                "On Tuesday Chancellor Olaf Scholz said the talks had failed.",
                "Chancellor Olaf Scholz",
            ),
            ("Paris has claimed the vote was fair.", "Paris"),
            ("The airline grounded its fleet, the FAA said.", "the FAA"),
        ] {
            assert_eq!(find_attribution(s).as_deref(), Some(want), "{s}");
        }
        let t = "German Chancellor Olaf Scholz spoke. Later Scholz said more.";
        assert_eq!(expand_name(t, t.len(), "Scholz"), "Olaf Scholz");
    }

    #[test]
    fn indexed_mid_sentence_words_agree_with_the_scan() {
        let t = "Putin spoke. Pressure mounted, Putin said, and then O’Brien-Smith \
                 left; met Kim. A Ukrainian-born x Zelensky’s aide, Ünal";
        let names = full_names(t);
        for w in [
            "Putin",
            "Pressure",
            "O’Brien-Smith",
            "O’Brien",
            "O",
            "Kim",
            "Zelensky",
            "Zelensky’s",
            "Ünal",
            "Ukrainian",
            "A",
            "Lee",
            "",
        ] {
            assert_eq!(
                names.capitalised_mid_sentence(t, w),
                capitalised_mid_sentence(t, w),
                "{w}"
            );
        }
    }
}
