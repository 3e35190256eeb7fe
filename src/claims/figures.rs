//! Figures: numbers with their qualifier and the thing counted, as intervals.
//!
//! A figure is read from a sentence's words: an optional qualifier ("as many
//! as", "at least", "around", "between"), the number, and what it counts.
//! Numbers are digits with thousands separators, a range ("11,000-12,000",
//! "5 to 7"), money ("$3bn", "US$3 billion", "3 billion dollars", "€5m"),
//! a percentage ("10%", "3.5 per cent"), percentage or basis points ("half
//! a percentage point" = "50 basis points" = 0.5 points), or number words
//! from the lexicon ("Twenty-five", "fifteen hundred", "a dozen", "half
//! of" = 50 percent, "a tenth of" = 10 percent, "thousands").
//!
//! The thing counted is the noun after the number, through up to a few
//! modifiers ("4,300 stores", "1.6 million women", "3,000 heavily armed
//! police officers"), named by its synonym class in the lexicon where the
//! class is the same kind of noun, else by its singular ("cars" and
//! "automobiles" are `car`, "pupils" and "students" are `student`,
//! "replacements" is `replacement`); a noun before it stays in the unit
//! ("120 rocket systems" is `rocket system`). Tolls are special: a count of
//! people (a noun for a person or a group) with a death word after or
//! before it ("killing at least 45 people", "45 people were killed", "left
//! 12 dead", "38 died") is `killed`, with an injury word `injured`, with
//! both ("killed or injured") `casualties`. Money is the ISO 4217 code in
//! lower case (`usd`), percentages `percent`, points `percentage points`.
//! A rate ("5,000 workers a week") gets the unit `"<unit> per week"`. A
//! number with no counted noun has no unit.
//!
//! Intervals: `Exact` and `About` have `low == high == value` (an
//! approximate figure keeps its printed value; the qualifier says it is
//! approximate); `AtLeast`/`MoreThan` have only `low`; `AtMost`/`LessThan`
//! only `high`; `Range` has both. Vague plurals ("dozens", "thousands",
//! "millions of") are `AtLeast` twice their base (24, 2,000, 2,000,000) and
//! flagged [`Figure::vague`]: never compared with an exact number.
//!
//! Not figures: years ("2024", unless a count of people or things
//! follows), days of a date ("June 19", "27 December"), times, model names
//! ("A-320"), ordinals, and number words that count nothing.

use super::{Figure, Qualifier};
use crate::lexicon::{lexicon, CalendarKind, NounClass, NumberKind, Toll};
use regex::Regex;
use std::sync::LazyLock;

/// A word of a sentence with its byte span (relative to the sentence).
#[derive(Debug, Clone)]
pub(crate) struct Token<'a> {
    /// Byte offset of the core (punctuation stripped) in the sentence.
    pub start: usize,
    /// Byte offset one past the core.
    pub end: usize,
    /// The core, punctuation and quotation marks stripped.
    pub core: &'a str,
    /// The core in lower case, curly apostrophes made straight.
    pub lower: String,
    /// Whether punctuation that ends a phrase (comma, full stop, colon,
    /// dash, bracket) follows the core.
    pub brk_after: bool,
    /// Whether the break after the core is a free-standing dash
    /// ("11,000 - 12,000").
    pub dash_after: bool,
    /// Whether the word is a possessive ("countries’", "firm's").
    pub possessive: bool,
}

const LEAD: &[char] = &['‘', '“', '"', '\'', '(', '[', '{', '«', '…'];
const TRAIL: &[char] = &[
    ',', '.', ';', ':', '!', '?', '’', '”', '"', '\'', ')', ']', '}', '»', '…',
];

/// Splits `s` into whitespace-separated words with exact byte spans; a dash
/// standing alone becomes a break on the previous word.
pub(crate) fn tokenize(s: &str) -> Vec<Token<'_>> {
    let mut out: Vec<Token<'_>> = Vec::new();
    let mut pos = 0;
    for raw in s.split_whitespace() {
        // split_whitespace yields subslices in order; find this one's offset.
        let Some(rel) = s.get(pos..).and_then(|rest| rest.find(raw)) else {
            continue;
        };
        let rs = pos + rel;
        pos = rs + raw.len();
        let inner = raw.trim_start_matches(LEAD);
        let lead = raw.len() - inner.len();
        let core = inner.trim_end_matches(TRAIL);
        let trail = &inner[core.len()..];
        if core.is_empty() || core.chars().all(|c| matches!(c, '-' | '–' | '—')) {
            if let Some(last) = out.last_mut() {
                last.brk_after = true;
                last.dash_after = !core.is_empty() && core.chars().count() == 1;
            }
            continue;
        }
        let brk_after = trail
            .chars()
            .any(|c| matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '…'));
        let lower = core.to_lowercase().replace('’', "'");
        let possessive =
            lower.ends_with("'s") || (trail.starts_with(['’', '\'']) && lower.ends_with('s'));
        out.push(Token {
            start: rs + lead,
            end: rs + lead + core.len(),
            core,
            lower,
            brk_after,
            dash_after: false,
            possessive,
        });
    }
    out
}

/// A number in digits: an optional currency symbol (with up to three
/// capitals before it: "US$", "HK$"), the number, an optional second number
/// after a dash (a range), an optional magnitude suffix ("bn", "m", "k")
/// and percent sign.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<cur>[A-Z]{0,3}\p{Sc})?(?P<a>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:[-–](?:[A-Z]{0,3}\p{Sc})?(?P<b>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?))?(?P<sc>[a-z]{1,3})?(?P<pct>%)?$",
    )
    .expect("valid regex")
});

/// Whether a sentence may hold a figure: a digit, or a number word of the
/// lexicon. A cheap test before tokenising.
fn may_have_number(s: &str) -> bool {
    if s.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    let lex = lexicon();
    s.split(|c: char| !c.is_alphabetic()).any(|w| {
        w.len() >= 3
            && w.len() <= 12
            && lex.number(&w.to_lowercase()).is_some_and(|n| {
                matches!(
                    n.kind,
                    NumberKind::Cardinal
                        | NumberKind::Vague
                        | NumberKind::Fraction
                        | NumberKind::Magnitude
                        | NumberKind::Ordinal
                )
            })
    })
}

/// A month name ("June", "Dec."); a month that is also a word ("May",
/// "March") only when capitalised.
fn is_month(word: &str) -> bool {
    lexicon().calendar(&word.to_lowercase()).is_some_and(|c| {
        c.kind == CalendarKind::Month
            && (!c.common_word || word.chars().next().is_some_and(char::is_uppercase))
    })
}

/// Words that end the search for the counted noun: function words the
/// lexicon lists as stop words, and a few more.
fn is_boundary(lower: &str) -> bool {
    lexicon().is_stop(lower)
        || matches!(
            lower,
            "will"
                | "would"
                | "could"
                | "can"
                | "may"
                | "might"
                | "per"
                | "since"
                | "said"
                | "says"
        )
}

/// Words allowed between a counted noun and a death-toll word ("soldiers
/// were reportedly killed", "of them were believed to have been killed").
fn is_toll_filler(lower: &str) -> bool {
    matches!(
        lower,
        "were"
            | "was"
            | "are"
            | "is"
            | "have"
            | "has"
            | "had"
            | "been"
            | "be"
            | "being"
            | "reportedly"
            | "believed"
            | "thought"
            | "feared"
            | "estimated"
            | "said"
            | "to"
            | "allegedly"
            | "later"
            | "also"
            | "all"
            | "already"
            | "now"
            | "confirmed"
            | "presumed"
            | "reported"
    )
}

/// The synonym class of a word form, by the lexicon.
fn class_of(lower: &str) -> Option<u32> {
    lexicon().word_class(lower)
}

/// Whether a word says someone died: the lexicon's class of "killed"
/// (kill, die, dead, death, perish, ...), a verb for a way of dying or
/// killing ("drowned", "executed"), or "fatalities", "slain".
fn is_death(lower: &str) -> bool {
    static KILL: LazyLock<Option<u32>> = LazyLock::new(|| class_of("killed"));
    (KILL.is_some() && class_of(lower) == *KILL)
        || lexicon().toll(lower) == Some(Toll::Death)
        || matches!(lower, "fatalities" | "fatality" | "slain")
}

/// Whether a word says someone was hurt: the lexicon's classes of
/// "injured" (hurt, injure, wound) and "injuries", or a verb for a way of
/// hurting ("maimed", "stabbed").
fn is_hurt(lower: &str) -> bool {
    static HURT: LazyLock<[Option<u32>; 2]> =
        LazyLock::new(|| [class_of("injured"), class_of("injuries")]);
    let c = class_of(lower);
    (c.is_some() && HURT.contains(&c)) || lexicon().toll(lower) == Some(Toll::Injury)
}

/// Whether a noun counts people: its first WordNet sense is a person or a
/// group of people.
fn is_people_noun(lower: &str) -> bool {
    let lex = lexicon();
    let class = lex
        .noun_class(lower)
        .or_else(|| lex.noun_class(&singular(lower)));
    matches!(class, Some(NounClass::Person | NounClass::Group))
        || matches!(lower, "person" | "persons")
}

/// The singular of a plural noun ("stores" -> "store", "women" -> "woman",
/// "companies" -> "company"), checked against the lexicon's nouns where
/// the rules offer several; other words unchanged.
pub(crate) fn singular(lower: &str) -> String {
    const IRREGULAR: &[(&str, &str)] = &[
        ("children", "child"),
        ("feet", "foot"),
        ("geese", "goose"),
        ("men", "man"),
        ("mice", "mouse"),
        ("people", "people"),
        ("teeth", "tooth"),
        ("women", "woman"),
    ];
    if let Some((_, s)) = IRREGULAR.iter().find(|(p, _)| *p == lower) {
        return (*s).to_string();
    }
    if let Some(base) = lower.strip_suffix("men") {
        if !base.is_empty() {
            return format!("{base}man");
        }
    }
    let lex = lexicon();
    let known = |w: &str| lex.noun_class(w).is_some();
    let mut candidates: Vec<String> = Vec::new();
    if let Some(b) = lower.strip_suffix("ies").filter(|b| b.len() >= 2) {
        candidates.push(format!("{b}y"));
    }
    if let Some(b) = lower.strip_suffix("ves").filter(|b| b.len() >= 2) {
        candidates.push(format!("{b}f"));
        candidates.push(format!("{b}fe"));
    }
    if let Some(b) = lower.strip_suffix("es").filter(|b| b.len() >= 2) {
        candidates.push(b.to_string());
    }
    if let Some(b) = lower.strip_suffix('s') {
        if !b.is_empty()
            && !lower.ends_with("ss")
            && !lower.ends_with("us")
            && !lower.ends_with("is")
        {
            candidates.push(b.to_string());
        }
    }
    if let Some(c) = candidates.iter().find(|c| known(c)) {
        return c.clone();
    }
    if known(lower) && !lower.ends_with('s') {
        return lower.to_string();
    }
    // No noun known: the plainest rule.
    candidates
        .into_iter()
        .next_back()
        .unwrap_or_else(|| lower.to_string())
}

/// Whether a noun is written in the plural ("stores", "women", "people").
fn is_plural(lower: &str) -> bool {
    singular(lower) != lower || lower == "people"
}

/// The unit label of a counted noun: its synonym class's label when that
/// label is the same kind of noun (a person and a group of people count
/// alike: "pupils" -> `student`), else the noun's singular.
pub(crate) fn noun_label(lower: &str) -> String {
    let lex = lexicon();
    let lemma = singular(lower);
    let own = lex.noun_class(lower).or_else(|| lex.noun_class(&lemma));
    let class = lex.word_class(lower).or_else(|| lex.word_class(&lemma));
    // A label of one letter ("s" for seconds, "m" for metres) reads badly.
    if let Some(label) = class
        .and_then(|c| lex.class_label(c))
        .filter(|l| l.len() >= 2)
    {
        let theirs = lex.noun_class(label);
        let people = |c: Option<NounClass>| matches!(c, Some(NounClass::Person | NounClass::Group));
        if own.is_some() && (own == theirs || (people(own) && people(theirs))) {
            return label.to_string();
        }
    }
    lemma
}

/// Whether a year-like number ("2000") counts the next word instead: a
/// plural noun for people, things or amounts ("2000 workers", "2000
/// vehicles"), or a death word ("2000 killed"); not "2024 elections".
pub(crate) fn counts_after_year(lower: &str) -> bool {
    if is_death(lower) || is_hurt(lower) {
        return true;
    }
    let lex = lexicon();
    let class = lex.noun_class(lower);
    is_plural(lower)
        && matches!(
            class,
            Some(
                NounClass::Person
                    | NounClass::Group
                    | NounClass::Artifact
                    | NounClass::Animal
                    | NounClass::Quantity
                    | NounClass::Possession
            )
        )
}

fn parse_num(s: &str) -> Option<f64> {
    s.replace(',', "")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// Qualifier phrases, matched on the lower-case words just before a number.
const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["as", "many", "as"], Qualifier::AtMost),
    (&["as", "much", "as"], Qualifier::AtMost),
    (&["up", "to"], Qualifier::AtMost),
    (&["at", "most"], Qualifier::AtMost),
    (&["no", "more", "than"], Qualifier::AtMost),
    (&["not", "more", "than"], Qualifier::AtMost),
    (&["at", "least"], Qualifier::AtLeast),
    (&["no", "fewer", "than"], Qualifier::AtLeast),
    (&["no", "less", "than"], Qualifier::AtLeast),
    (&["a", "minimum", "of"], Qualifier::AtLeast),
    (&["more", "than"], Qualifier::MoreThan),
    (&["greater", "than"], Qualifier::MoreThan),
    (&["upwards", "of"], Qualifier::MoreThan),
    (&["in", "excess", "of"], Qualifier::MoreThan),
    (&["over"], Qualifier::MoreThan),
    (&["above"], Qualifier::MoreThan),
    (&["fewer", "than"], Qualifier::LessThan),
    (&["less", "than"], Qualifier::LessThan),
    (&["under"], Qualifier::LessThan),
    (&["below"], Qualifier::LessThan),
    (&["an", "estimated"], Qualifier::About),
    (&["close", "to"], Qualifier::About),
    (&["about"], Qualifier::About),
    (&["around"], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["nearly"], Qualifier::About),
    (&["almost"], Qualifier::About),
    (&["some"], Qualifier::About),
    (&["estimated"], Qualifier::About),
    (&["circa"], Qualifier::About),
    (&["between"], Qualifier::Range),
];

/// The qualifier phrase ending just before token `i`: `(qualifier, index of
/// its first word)`.
fn qualifier_before(toks: &[Token<'_>], i: usize) -> Option<(Qualifier, usize)> {
    for (words, q) in QUALIFIERS {
        let n = words.len();
        if i < n {
            continue;
        }
        let first = i - n;
        let matches = words
            .iter()
            .enumerate()
            .all(|(k, w)| toks[first + k].lower == *w && !toks[first + k].brk_after);
        if matches {
            return Some((*q, first));
        }
    }
    None
}

/// A number found at a token, before qualifier and unit.
struct RawNumber {
    low: f64,
    high: Option<f64>,
    vague: bool,
    spelled: bool,
    /// The money unit (ISO code in lower case, or the symbol as printed).
    currency: Option<String>,
    percent: bool,
    /// A fraction ("half", "a tenth", "two thirds"): of something, a
    /// percentage; before "a million" or "a percentage point", a factor.
    fraction: bool,
    /// Index of the first token of the number ("a" of "a dozen").
    first: usize,
    /// Index of the last token of the number (magnitude word included).
    last: usize,
}

/// The money unit of a currency symbol, code or name: its ISO 4217 code
/// in lower case ("$", "US$", "dollars" -> `usd`), or the symbol itself
/// when several currencies share it equally ("¥").
fn currency_label(phrase: &str) -> Option<String> {
    let lex = lexicon();
    lex.currency(phrase)
        .map(str::to_ascii_lowercase)
        .or_else(|| {
            lex.currency_codes(phrase)
                .next()
                .map(|_| phrase.to_string())
        })
}

/// The currency named at `toks[k..]` ("dollars", "US dollars", "euros",
/// "USD"): its unit and the index of its last token.
fn currency_after(toks: &[Token<'_>], k: usize) -> Option<(String, usize)> {
    let lex = lexicon();
    let most = lex.max_currency_words().max(1);
    for n in (1..=most).rev() {
        let Some(words) = toks.get(k..k + n) else {
            continue;
        };
        if words[..n - 1].iter().any(|w| w.brk_after) {
            continue;
        }
        let phrase = words.iter().map(|w| w.core).collect::<Vec<_>>().join(" ");
        if let Some(c) = currency_label(&phrase) {
            return Some((c, k + n - 1));
        }
    }
    // "US dollars", "Canadian dollars": a place word, then the currency.
    let first = toks.get(k)?;
    if !first.brk_after
        && first.core.chars().next().is_some_and(char::is_uppercase)
        && lex.place(first.core).is_some()
    {
        let word = toks.get(k + 1)?;
        let c = currency_label(&word.lower)?;
        return Some((c, k + 1));
    }
    None
}

/// A magnitude word at token `k` ("million", "bn", "thousand").
fn magnitude_at(toks: &[Token<'_>], k: usize) -> Option<f64> {
    lexicon().magnitude(&toks.get(k)?.lower)
}

fn read_number(toks: &[Token<'_>], i: usize) -> Option<RawNumber> {
    let t = toks.get(i)?;
    if let Some(c) = NUMBER.captures(t.core) {
        let a = parse_num(c.name("a")?.as_str())?;
        let b = c.name("b").and_then(|m| parse_num(m.as_str()));
        // "2024-0", "3-1": a reversed pair is a score or a code, not a range.
        if b.is_some_and(|b| b < a) {
            return None;
        }
        let mut currency = match c.name("cur") {
            Some(m) => Some(currency_label(m.as_str())?),
            None => None,
        };
        let mut mult = 1.0;
        let mut last = i;
        if let Some(sc) = c.name("sc") {
            // "$3bn", "€5m"; without money "5m" may be metres, "5th" an
            // ordinal: not figures.
            mult = lexicon().magnitude(sc.as_str())?;
            if currency.is_none() {
                let (c, e) = (!t.brk_after)
                    .then(|| currency_after(toks, i + 1))
                    .flatten()?;
                currency = Some(c);
                last = e;
            }
        } else if !t.brk_after {
            if let Some(m) = magnitude_at(toks, i + 1) {
                mult = m;
                last = i + 1;
            }
        }
        return Some(RawNumber {
            low: a * mult,
            high: b.map(|b| b * mult),
            vague: false,
            spelled: false,
            currency,
            percent: c.name("pct").is_some(),
            fraction: false,
            first: i,
            last,
        });
    }
    spelled_number(toks, i)
}

/// A number in words at token `i`: "Twenty-five", "twenty five", "fifteen
/// hundred", "a dozen", "a million", "thousands", "half", "a tenth", "two
/// thirds".
fn spelled_number(toks: &[Token<'_>], i: usize) -> Option<RawNumber> {
    let lex = lexicon();
    let t = toks.get(i)?;
    let article = i
        .checked_sub(1)
        .and_then(|p| toks.get(p))
        .filter(|p| !p.brk_after && matches!(p.lower.as_str(), "a" | "an" | "one"));
    let raw = |low: f64, last: usize, vague: bool, fraction: bool, first: usize| RawNumber {
        low,
        high: None,
        vague,
        spelled: true,
        currency: None,
        percent: false,
        fraction,
        first,
        last,
    };
    // Two-word cardinals written apart ("twenty five").
    let mut word = lex.number(&t.lower);
    let mut last = i;
    if !t.brk_after {
        if let Some(n) = toks.get(i + 1) {
            let two = lex
                .number(&format!("{} {}", t.lower, n.lower))
                .filter(|w| w.kind == NumberKind::Cardinal);
            if two.is_some() {
                word = two;
                last = i + 1;
            }
        }
    }
    // "two-thirds", "three-quarters": a cardinal and a fraction in one word.
    if word.is_none() {
        let (a, b) = t.lower.split_once('-')?;
        let n = lex.number(a).filter(|w| w.kind == NumberKind::Cardinal)?;
        let f = lex.number(b).filter(|w| w.kind == NumberKind::Fraction)?;
        return Some(raw(n.value * f.value, i, false, true, i));
    }
    let word = word?;
    match word.kind {
        NumberKind::Cardinal => {
            let mut value = word.value;
            let mut first = i;
            // "a dozen"
            if word.value > 1.0 && article.is_some_and(|a| a.lower != "one") {
                first = i - 1;
            }
            // "two thirds", "three quarters"
            if !toks[last].brk_after {
                if let Some(f) = toks
                    .get(last + 1)
                    .and_then(|n| lex.number(&n.lower))
                    .filter(|f| f.kind == NumberKind::Fraction)
                {
                    return Some(raw(value * f.value, last + 1, false, true, first));
                }
            }
            // "fifteen hundred", "two hundred thousand"
            for _ in 0..2 {
                if toks[last].brk_after {
                    break;
                }
                match magnitude_at(toks, last + 1) {
                    Some(m) => {
                        value *= m;
                        last += 1;
                    }
                    None => break,
                }
            }
            Some(raw(value, last, false, false, first))
        }
        // "a hundred", "a million"
        NumberKind::Magnitude => {
            let a = article?;
            let _ = a;
            Some(raw(word.value, i, false, false, i - 1))
        }
        NumberKind::Vague => Some(raw(word.value * 2.0, i, true, false, i)),
        NumberKind::Fraction => {
            let first = if article.is_some() { i - 1 } else { i };
            Some(raw(word.value, i, false, true, first))
        }
        // "a tenth", "one fifth"
        NumberKind::Ordinal if word.value >= 3.0 => {
            article?;
            Some(raw(1.0 / word.value, i, false, true, i - 1))
        }
        _ => None,
    }
}

/// Finds the figures in `sentence`, whose first byte is at `base` in the
/// article text.
pub fn find_figures(sentence: &str, base: usize) -> Vec<Figure> {
    if !may_have_number(sentence) {
        return Vec::new();
    }
    let toks = tokenize(sentence);
    let mut out: Vec<Figure> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(num) = read_number(&toks, i) else {
            i += 1;
            continue;
        };
        if let Some((f, next)) = build_figure(sentence, base, &toks, i, num) {
            // A figure never starts inside the one before ("a" of "a
            // dozen" already taken).
            if out.last().is_none_or(|p| p.end <= f.start) {
                out.push(f);
            }
            i = next.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// What a figure counts, once found.
struct Counted {
    unit: String,
    /// Index of the last token of the counted phrase.
    end: usize,
    /// It counts people (a noun for a person or a group).
    people: bool,
}

/// Whether token `k` is a lower-case noun the lexicon knows, or a word it
/// does not know that looks like a plural ("climbers").
fn is_noun_at(toks: &[Token<'_>], k: usize) -> bool {
    let Some(w) = toks.get(k) else {
        return false;
    };
    let lex = lexicon();
    let lw = w.lower.as_str();
    if w.core.chars().next().is_some_and(char::is_uppercase)
        || w.core.contains(['-', '–'])
        || w.core.chars().any(|c| c.is_ascii_digit())
        || is_boundary(lw)
    {
        return false;
    }
    lex.noun_class(lw).is_some()
        || (lex.word_class(lw).is_none()
            && lw.len() > 3
            && lw.ends_with('s')
            && !lw.ends_with("ss")
            && lw.chars().all(char::is_alphabetic))
}

/// The counted noun after the number, from token `from`: the first plural
/// noun (or a noun before a break or a non-noun) through up to five
/// modifiers (adjectives, demonyms, compounds: "3,000 heavily armed
/// police officers", "120 rocket systems").
fn counted_noun(toks: &[Token<'_>], from: usize) -> Option<Counted> {
    let mut k = from;
    let mut compound: Option<usize> = None;
    let mut steps = 0;
    while k < toks.len() && steps < 6 {
        let w = &toks[k];
        let lw = w.lower.as_str();
        if w.core.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        // "motivated and well-prepared soldiers": joined modifiers.
        if matches!(lw, "and" | "or")
            && steps > 0
            && compound.is_none()
            && toks
                .get(k + 1)
                .is_some_and(|n| !n.core.chars().any(|c| c.is_ascii_digit()))
        {
            k += 1;
            steps += 1;
            continue;
        }
        if is_boundary(lw) {
            return None;
        }
        let at_end = w.brk_after
            || toks.get(k + 1).is_none_or(|n| {
                is_boundary(&n.lower) || n.core.chars().any(|c| c.is_ascii_digit())
            });
        let noun = is_noun_at(toks, k);
        // A capitalised or hyphenated plural ending the phrase counts too
        // ("two Canadians", "12 F-16s").
        let proper_plural = !noun && at_end && lw.ends_with('s') && singular(lw) != lw;
        if noun || proper_plural {
            if w.possessive {
                // "the two countries’ leaders": a determiner, not a count.
                return None;
            }
            // A plural ends the phrase; a singular before another noun is
            // part of a compound ("police officers", "rocket systems"), and
            // so is a plural before another plural ("measles cases", "arms
            // sales": nouns whose only form ends in "s").
            let next_plural = !w.brk_after
                && is_noun_at(toks, k + 1)
                && toks.get(k + 1).is_some_and(|n| is_plural(&n.lower));
            if (is_plural(lw) && !next_plural) || at_end || !is_noun_at(toks, k + 1) {
                let mut unit = noun_label(lw);
                if unit == "casualty" {
                    unit = "casualties".into();
                }
                if let Some(m) = compound {
                    // A plural modifier is kept as printed ("measles case").
                    let modifier = &toks[m].lower;
                    let modifier = if is_plural(modifier) {
                        modifier.to_string()
                    } else {
                        singular(modifier)
                    };
                    unit = format!("{modifier} {unit}");
                }
                return Some(Counted {
                    unit,
                    end: k,
                    people: is_people_noun(lw),
                });
            }
            compound = Some(k);
        } else {
            compound = None;
        }
        if w.brk_after {
            return None;
        }
        k += 1;
        steps += 1;
    }
    None
}

/// The toll word after a count of people at `end`, through filler words
/// ("were reportedly killed", "were believed to have been killed or
/// injured"): (unit, index of its last word).
fn toll_after(toks: &[Token<'_>], end: usize) -> Option<(&'static str, usize)> {
    if toks.get(end)?.brk_after {
        return None;
    }
    let mut k = end + 1;
    let mut steps = 0;
    while k < toks.len() && steps < 7 {
        let w = &toks[k];
        let death = is_death(&w.lower);
        if death || is_hurt(&w.lower) {
            // "killed or injured", "wounded and killed"
            let both = !w.brk_after
                && toks
                    .get(k + 1)
                    .is_some_and(|n| n.lower == "or" || n.lower == "and")
                && toks.get(k + 2).is_some_and(|n| {
                    if death {
                        is_hurt(&n.lower)
                    } else {
                        is_death(&n.lower)
                    }
                });
            return Some(match (both, death) {
                (true, _) => ("casualties", k + 2),
                (false, true) => ("killed", k),
                (false, false) => ("injured", k),
            });
        }
        if !is_toll_filler(&w.lower) || w.brk_after {
            return None;
        }
        steps += 1;
        k += 1;
    }
    None
}

/// The toll a bare number gives after "death toll" or "casualty toll"
/// earlier in its clause ("the death toll from the quake has reached 104").
fn toll_before(toks: &[Token<'_>], first: usize) -> Option<&'static str> {
    let from = first.saturating_sub(12);
    for j in (from..first).rev() {
        let w = &toks[j];
        if w.core.chars().any(|c| c.is_ascii_digit()) || (w.brk_after && j + 1 < first) {
            return None;
        }
        if matches!(w.lower.as_str(), "toll" | "tolls") {
            let before = j.checked_sub(1).map(|p| toks[p].lower.as_str());
            return match before {
                Some(b) if is_death(b) => Some("killed"),
                Some("casualty" | "casualties") => Some("casualties"),
                Some(b) if is_hurt(b) => Some("injured"),
                _ => None,
            };
        }
    }
    None
}

/// Builds the figure whose number starts at token `i`; returns it with the
/// index of the first token after it.
fn build_figure(
    sentence: &str,
    base: usize,
    toks: &[Token<'_>],
    i: usize,
    mut num: RawNumber,
) -> Option<(Figure, usize)> {
    let t = &toks[i];
    let prev = i.checked_sub(1).map(|p| &toks[p]);
    let next = toks.get(num.last + 1);
    let plain_int = !num.spelled
        && num.currency.is_none()
        && !num.percent
        && num.high.is_none()
        && num.last == i
        && !t.core.contains(['.', ',']);
    // Days of dates: "June 19", "27 December".
    if plain_int
        && num.low <= 31.0
        && (prev.is_some_and(|p| !p.brk_after && is_month(p.core))
            || (!t.brk_after && next.is_some_and(|n| is_month(n.core))))
    {
        return None;
    }
    // Times: "10 am".
    if plain_int
        && !t.brk_after
        && next.is_some_and(|n| matches!(n.lower.as_str(), "am" | "pm" | "a.m" | "p.m" | "gmt"))
    {
        return None;
    }
    // Years, unless people or things are counted ("2000 workers").
    if plain_int
        && t.core.len() == 4
        && (1800.0..=2100.0).contains(&num.low)
        && (t.brk_after || !next.is_some_and(|n| counts_after_year(&n.lower)))
    {
        return None;
    }

    // Range written with a separate word: "11,000 to 12,000", "between 11,000
    // and 12,000", "11,000 - 12,000".
    let mut last = num.last;
    let mut qual_before = qualifier_before(toks, num.first);
    if num.high.is_none() && !num.spelled && !toks[last].brk_after {
        if let Some(link) = toks.get(last + 1) {
            let between = matches!(qual_before, Some((Qualifier::Range, _)));
            let ok_link = link.lower == "to" || (between && link.lower == "and");
            if ok_link && !link.brk_after {
                if let Some(b) = read_number(toks, last + 2).filter(|b| !b.spelled) {
                    if b.low > num.low {
                        num.high = Some(b.low);
                        if num.currency.is_none() {
                            num.currency = b.currency;
                        }
                        num.percent |= b.percent;
                        last = b.last;
                    }
                }
            }
        }
    }
    // "11,000 - 12,000": a free-standing dash between two numbers.
    if num.high.is_none() && !num.spelled && toks[last].dash_after {
        if let Some(b) = read_number(toks, last + 1).filter(|b| !b.spelled && b.low > num.low) {
            num.high = Some(b.low);
            num.percent |= b.percent;
            last = b.last;
        }
    }
    // "tens of thousands", "hundreds of thousands".
    let mut first_num = num.first;
    if num.vague && !toks[last].brk_after {
        let of = toks.get(last + 1).is_some_and(|t| t.lower == "of");
        let big = toks
            .get(last + 2)
            .and_then(|t| lexicon().number(&t.lower))
            .filter(|b| b.kind == NumberKind::Vague);
        if let (true, Some(b)) = (of, big) {
            num.low *= b.value;
            last += 2;
        }
    }
    if i >= 2 && toks[i - 1].lower == "of" && toks[i - 2].lower == "tens" && num.vague {
        num.low *= 10.0;
        first_num = i - 2;
        qual_before = qualifier_before(toks, first_num);
    }
    // "USD 5 million": a currency code before the number.
    if num.currency.is_none() && first_num == i {
        if let Some(p) = prev.filter(|p| !p.brk_after && p.core.len() >= 3) {
            if p.core.chars().all(|c| c.is_ascii_uppercase()) {
                if let Some(c) = currency_label(p.core) {
                    num.currency = Some(c);
                    first_num = i - 1;
                    qual_before = qualifier_before(toks, first_num);
                }
            }
        }
    }

    let (mut qualifier, first) = match qual_before {
        // A range stays a range, whatever word comes before it ("some
        // 11,000-12,000", "between 11,000 and 12,000").
        Some((_, f)) if num.high.is_some() => (Qualifier::Range, f),
        Some((Qualifier::Range, _)) | None => {
            if num.high.is_some() {
                (Qualifier::Range, first_num)
            } else {
                (Qualifier::Exact, first_num)
            }
        }
        Some((q, f)) => (q, f),
    };
    if num.vague && qualifier == Qualifier::Exact {
        qualifier = Qualifier::AtLeast;
    }

    // Percent, points, a fraction of something, money.
    let mut unit: Option<String> = None;
    let mut end_tok = last;
    let mut scale = 1.0;
    let lex = lexicon();
    let phrase_at = |k: usize, n: usize| -> Option<String> {
        let words = toks.get(k..k + n)?;
        if words[..n - 1].iter().any(|w| w.brk_after) {
            return None;
        }
        Some(
            words
                .iter()
                .map(|w| w.lower.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        )
    };
    // After a fraction, "a" before a magnitude or points ("half a million",
    // "half a percentage point", "a quarter of a percentage point").
    let mut after = last + 1;
    let of_a = num.fraction
        && toks
            .get(after)
            .is_some_and(|w| w.lower == "of" && !w.brk_after)
        && toks
            .get(after + 1)
            .is_some_and(|w| matches!(w.lower.as_str(), "a" | "an"))
        && (magnitude_at(toks, after + 2).is_some()
            || [1, 2].iter().any(|&n| {
                phrase_at(after + 2, n)
                    .and_then(|p| lex.number(&p))
                    .is_some_and(|w| w.kind == NumberKind::Points)
            }));
    if of_a {
        after += 1;
    }
    if num.fraction
        && !toks[last].brk_after
        && toks
            .get(after)
            .is_some_and(|w| matches!(w.lower.as_str(), "a" | "an"))
    {
        if let Some(m) = magnitude_at(toks, after + 1) {
            num.low *= m;
            num.fraction = false;
            last = after + 1;
            end_tok = last;
            after = last + 1;
        } else {
            after += 1;
        }
    }
    if num.percent {
        unit = Some("percent".into());
    } else if let Some(c) = num.currency.clone() {
        unit = Some(c);
    } else if !toks[last].brk_after {
        for n in [2, 1] {
            let Some(p) = phrase_at(after, n) else {
                continue;
            };
            match lex.number(&p) {
                Some(w) if w.kind == NumberKind::Percent => {
                    unit = Some("percent".into());
                }
                Some(w) if w.kind == NumberKind::Points => {
                    unit = Some("percentage points".into());
                    scale = w.value;
                }
                _ => continue,
            }
            end_tok = after + n - 1;
            break;
        }
        if unit.is_none() && !num.fraction {
            if let Some((c, e)) = currency_after(toks, after) {
                unit = Some(c);
                end_tok = e;
            }
        }
    }
    if unit.is_none() && num.fraction {
        // "half of adults", "a tenth of its workforce", "half the vote".
        let of = toks.get(after).is_some_and(|w| {
            matches!(
                w.lower.as_str(),
                "of" | "the" | "its" | "their" | "his" | "her" | "our" | "all"
            )
        });
        if !of || toks[last].brk_after {
            return None;
        }
        unit = Some("percent".into());
        scale = 100.0;
        // The figure ends at the fraction; what it is a share of follows.
        end_tok = last;
    }
    num.low *= scale;
    num.high = num.high.map(|h| h * scale);

    // The thing counted.
    let mut people = false;
    let mut pronoun_of = false;
    // "3,000 more workers": the noun after "more".
    let more_after = unit.is_none()
        && !toks[last].brk_after
        && toks.get(last + 1).is_some_and(|w| w.lower == "more");
    if unit.is_none() && !toks[last].brk_after {
        let mut k = last + 1 + usize::from(more_after);
        if let Some(w) = toks.get(k) {
            if is_death(&w.lower) || is_hurt(&w.lower) {
                // "left 12 dead", "dozens injured", "45 deaths"
                let (u, e) = toll_after(toks, k - 1).unwrap_or(("killed", k));
                unit = Some(u.into());
                end_tok = e;
            } else if w.lower == "of" && !w.brk_after {
                // "4,000 of them", "millions of shells"
                if toks
                    .get(k + 1)
                    .is_some_and(|n| matches!(n.lower.as_str(), "them" | "whom" | "those" | "us"))
                {
                    pronoun_of = true;
                    end_tok = k + 1;
                } else {
                    k += 1;
                    if toks
                        .get(k)
                        .is_some_and(|n| matches!(n.lower.as_str(), "the" | "its" | "their"))
                    {
                        k += 1;
                    }
                }
            }
        }
        if unit.is_none() && !pronoun_of {
            if let Some(c) = counted_noun(toks, k) {
                unit = Some(c.unit);
                end_tok = c.end;
                people = c.people;
            }
        }
    }
    // A count of people, or a bare number, with a toll word after it ("45
    // people were killed", "two were injured"), or after a toll verb
    // ("killing at least 45 people", "killed 42").
    if people || pronoun_of || unit.is_none() {
        if let Some((u, e)) = toll_after(toks, end_tok) {
            unit = Some(u.into());
            end_tok = e;
        }
    }
    if (people || pronoun_of || unit.is_none())
        && !matches!(unit.as_deref(), Some("killed" | "injured" | "casualties"))
        && !num.fraction
    {
        if let Some(p) = first
            .checked_sub(1)
            .and_then(|p| toks.get(p))
            .filter(|p| !p.brk_after)
        {
            if is_death(&p.lower) {
                unit = Some("killed".into());
            } else if is_hurt(&p.lower) {
                unit = Some("injured".into());
            }
        }
    }
    // "The death toll has risen to 104": a bare number after a toll.
    if unit.is_none() && !num.fraction {
        unit = toll_before(toks, first).map(str::to_string);
    }
    // Number words need a counted noun to be worth keeping ("one" a toll).
    if num.spelled && unit.is_none() {
        return None;
    }
    let toll = matches!(unit.as_deref(), Some("killed" | "injured" | "casualties"));
    // "the two countries", "both nations": a definite reference to things
    // named before, not a count.
    if num.spelled
        && !num.fraction
        && !toll
        && first
            .checked_sub(1)
            .and_then(|p| toks.get(p))
            .is_some_and(|p| matches!(p.lower.as_str(), "the" | "these" | "those" | "both"))
    {
        return None;
    }
    if num.spelled
        && num.low == 1.0
        && !num.fraction
        && !matches!(unit.as_deref(), Some("killed" | "injured" | "casualties"))
    {
        return None;
    }
    // Rates: "5,000 workers a week".
    if let Some(u) = unit.clone() {
        if !toks[end_tok].brk_after {
            let a = toks.get(end_tok + 1).map(|t| t.lower.as_str());
            let p = toks.get(end_tok + 2).map(|t| t.lower.as_str());
            let period = p.filter(|p| {
                !p.ends_with('s') && lex.noun_class(p) == Some(NounClass::Time) && is_period(p)
            });
            if matches!(a, Some("a" | "per" | "each" | "every")) {
                if let Some(period) = period {
                    let mut u2 = u;
                    let mut e = end_tok + 2;
                    // A toll verb may follow the rate: "are dying".
                    if people {
                        if let Some((toll, te)) = toll_after(toks, end_tok + 2) {
                            u2 = toll.into();
                            e = te;
                        }
                    }
                    unit = Some(format!("{u2} per {}", noun_label(period)));
                    end_tok = e;
                }
            }
        }
    }
    let (low, high) = match qualifier {
        Qualifier::Exact | Qualifier::About => (Some(num.low), Some(num.low)),
        Qualifier::AtLeast | Qualifier::MoreThan => (Some(num.low), None),
        Qualifier::AtMost | Qualifier::LessThan => (None, Some(num.low)),
        Qualifier::Range => (Some(num.low), num.high.or(Some(num.low))),
    };
    if [low, high].iter().flatten().any(|v| !v.is_finite()) {
        return None;
    }
    let s = toks[first].start;
    let e = toks[end_tok.max(last)].end;
    let text = sentence.get(s..e)?.to_string();
    Some((
        Figure {
            text,
            start: base + s,
            end: base + e,
            low,
            high,
            qualifier,
            unit,
            vague: num.vague,
        },
        end_tok.max(last) + 1,
    ))
}

/// Gives a bare number (one with no counted noun) the unit of the count it
/// continues, where the noun is left out: the last figure before it in
/// the same sentence that counts something ("as many as 14,000 workers,
/// which includes 3,000 hired last year"), or, when the number says it adds
/// to an earlier count ("an additional 3,000", "another 3,000", "3,000
/// more"), `previous`, the unit of the last such figure before the
/// sentence in its paragraph. Tolls, rates, money and percentages are not
/// carried over. `figures` are those [`find_figures`] found in `sentence`,
/// which starts at byte `base` of the article.
pub fn resolve_ellipsis(
    sentence: &str,
    base: usize,
    figures: &mut [Figure],
    previous: Option<&str>,
) {
    let mut last: Option<String> = None;
    for f in figures.iter_mut() {
        if f.unit.is_none() {
            let before = sentence
                .get(..f.start.saturating_sub(base))
                .unwrap_or("")
                .trim_end();
            let word_before = before
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("")
                .to_lowercase();
            let after = sentence.get(f.end.saturating_sub(base)..).unwrap_or("");
            let word_after = after
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty())
                .unwrap_or("")
                .to_lowercase();
            let adds = is_additional(&word_before) || word_after == "more";
            let base_unit = last
                .clone()
                .or_else(|| previous.filter(|_| adds).map(str::to_string));
            f.unit = base_unit;
        }
        if let Some(u) = f.unit.as_deref().filter(|u| carries_over(u)) {
            last = Some(u.to_string());
        }
    }
}

/// Whether a unit names a counted noun that an ellipsis may leave out (not
/// a toll, a rate, money or a percentage).
pub fn carries_over(unit: &str) -> bool {
    !matches!(
        unit,
        "killed" | "injured" | "casualties" | "percent" | "percentage points"
    ) && !unit.contains(" per ")
        && unit.chars().any(char::is_lowercase)
        && lexicon().currency(&unit.to_ascii_uppercase()).is_none()
}

/// Whether a time noun is a period a rate is given per ("a week").
fn is_period(w: &str) -> bool {
    matches!(
        w,
        "second" | "minute" | "hour" | "day" | "week" | "month" | "year"
    )
}

/// Whether figures counting `a` and `b` measure the same quantity, so that
/// different numbers mean the sources differ: the same unit, or a death or
/// injury toll and a toll of both (`casualties`), which overlap, or nouns
/// counting one kind of thing: synonyms ("troops" / "soldiers"), or one a
/// kind of the other in WordNet ("cars" / "vehicles", "workers" /
/// "people"). A unit with a noun before it counts a part ("electric car"
/// of "car"): it does not compare with the whole.
pub fn comparable_units(a: Option<&str>, b: Option<&str>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    let one_word = |u: &str| !u.contains(' ');
    a == b
        || matches!(
            (a, b),
            ("killed" | "injured", "casualties") | ("casualties", "killed" | "injured")
        )
        || (one_word(a) && one_word(b) && same_kind(a, b))
}

/// Whether two one-word units count one kind of thing (see
/// [`comparable_units`]).
fn same_kind(a: &str, b: &str) -> bool {
    let lex = lexicon();
    let class = |w: &str| lex.noun_class(w).and(lex.word_class(w));
    lex.same_kind_of_count(a, b) || class(a).is_some_and(|c| class(b) == Some(c))
}

/// Whether a word before a number says the count adds to an earlier one.
fn is_additional(lower: &str) -> bool {
    matches!(lower, "additional" | "another" | "further" | "extra")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The figure of `s` whose text is `text`; checks its offsets.
    fn fig(s: &str, text: &str) -> Figure {
        let base = 100;
        let figs = find_figures(s, base);
        let f = figs
            .iter()
            .find(|f| f.text == text)
            .unwrap_or_else(|| panic!("no figure {text:?} in {figs:#?}"))
            .clone();
        assert_eq!(&s[f.start - base..f.end - base], f.text);
        f
    }

    fn check(s: &str, text: &str, low: Option<f64>, high: Option<f64>, q: Qualifier, unit: &str) {
        let f = fig(s, text);
        assert_eq!((f.low, f.high, f.qualifier), (low, high, q), "{text}");
        assert_eq!(f.unit.as_deref(), Some(unit), "{text}");
    }

    /// `(value, unit)` of the only figure of `s`, for exact figures.
    fn only(s: &str) -> (f64, String) {
        let figs = find_figures(s, 0);
        assert_eq!(figs.len(), 1, "{s}: {figs:#?}");
        let f = &figs[0];
        assert_eq!(f.low, f.high, "{s}: {f:?}");
        (
            f.low.unwrap_or(f64::NAN),
            f.unit.clone().unwrap_or_default(),
        )
    }

    fn same(a: &str, b: &str) {
        let (fa, fb) = (only(a), only(b));
        assert!((fa.0 - fb.0).abs() < 1e-9, "{a} / {b}: {fa:?} {fb:?}");
        assert_eq!(fa.1, fb.1, "{a} / {b}");
    }

    #[test]
    fn death_and_injury_tolls() {
        let q = "The earthquake struck on Tuesday, killing at least 45 people.";
        check(
            q,
            "at least 45 people",
            Some(45.0),
            None,
            Qualifier::AtLeast,
            "killed",
        );
        let q = "At least 52 people were killed when the earthquake hit.";
        check(
            q,
            "At least 52 people were killed",
            Some(52.0),
            None,
            Qualifier::AtLeast,
            "killed",
        );
        same(
            "The gunman killed 42 people.",
            "Officials said 42 people died.",
        );
        // A way of dying or hurting states the toll (WordNet troponyms).
        same(
            "Seven fishermen drowned off the coast.",
            "Seven fishermen were killed when their boat sank.",
        );
        same(
            "Police said four people were stabbed at the station.",
            "Four people were injured at the station, police said.",
        );
        same(
            "The blast left 12 dead.",
            "12 people were killed in the blast.",
        );
        same(
            "38 people died in the fire.",
            "The fire killed 38 residents, officials said.",
        );
        same(
            "Twenty-five people were injured in the crash.",
            "25 people were hurt in the crash.",
        );
        let s = "The storm killed 12 and injured 40.";
        check(s, "12", Some(12.0), Some(12.0), Qualifier::Exact, "killed");
        check(s, "40", Some(40.0), Some(40.0), Qualifier::Exact, "injured");
        let s = "One miner was killed and two were injured.";
        check(
            s,
            "One miner was killed",
            Some(1.0),
            Some(1.0),
            Qualifier::Exact,
            "killed",
        );
        check(
            s,
            "two were injured",
            Some(2.0),
            Some(2.0),
            Qualifier::Exact,
            "injured",
        );
        let s = "Around 300 miners were killed or injured in the collapse.";
        check(
            s,
            "Around 300 miners were killed or injured",
            Some(300.0),
            Some(300.0),
            Qualifier::About,
            "casualties",
        );
        let s = "The blast left 12 dead and dozens injured.";
        let f = fig(s, "dozens injured");
        assert!(f.vague && f.unit.as_deref() == Some("injured"));
        check(
            s,
            "dozens injured",
            Some(24.0),
            None,
            Qualifier::AtLeast,
            "injured",
        );
        // Counting things is no toll, nor is fighting.
        assert_eq!(only("The quake destroyed 300 homes.").1, "home");
        let s = "Hundreds of rescuers were digging — and sweating — all night.";
        assert_eq!(
            fig(s, "Hundreds of rescuers").unit.as_deref(),
            Some("rescuer")
        );
    }

    #[test]
    fn counted_nouns_through_modifiers() {
        assert_eq!(only("The retailer will close 4,300 stores.").1, "store");
        assert_eq!(only("About 1.6 million women lost their jobs.").1, "woman");
        assert_eq!(
            only("Some 3,000 Canadian firefighters arrived.").1,
            "firefighter"
        );
        assert_eq!(
            only("3,000 heavily armed and well-trained police officers were deployed.").1,
            "police officer"
        );
        assert_eq!(only("The band sold 12 million records.").1, "record");
        // A noun printed only in the plural, before the counted noun.
        assert_eq!(
            only("Officials reported 5,600 measles cases this year.").1,
            "measles case"
        );
        assert_eq!(only("The firm reported 40 arms sales.").1, "arms sale");
        check(
            "The army fielded 120 long-range artillery systems.",
            "120 long-range artillery systems",
            Some(120.0),
            Some(120.0),
            Qualifier::Exact,
            "artillery system",
        );
        // Synonyms share a unit, other nouns do not.
        assert_eq!(only("A total of 300 soldiers were sent.").1, "troops");
        assert_eq!(only("A total of 300 troops were sent.").1, "troops");
        assert_eq!(
            only("A total of 300 replacements were sent.").1,
            "replacement"
        );
        assert_eq!(
            only("The plant built 9,000 cars.").1,
            only("The plant built 9,000 automobiles.").1
        );
        // Plural forms of the lexicon's nouns and words it does not know.
        assert_eq!(only("A dozen climbers were rescued.").1, "climber");
        assert_eq!(only("It has 30 companies.").1, "company");
        let s = "He ran 200 metres in 35 seconds flat.";
        assert_eq!(fig(s, "200 metres").unit.as_deref(), Some("metre"));
        assert_eq!(fig(s, "35 seconds").unit.as_deref(), Some("second"));
        // A bare number counts nothing.
        let f = fig("Of those, 3,000 were sent home.", "3,000");
        assert_eq!(f.unit, None);
        // A possessive is a determiner, not a count.
        assert!(find_figures("The two countries’ leaders met.", 0).is_empty());
        // A definite reference is no count either; digits are.
        assert!(find_figures("a pact between the two nations", 0).is_empty());
        assert_eq!(only("the 45 victims were named").1, "victim");
    }

    #[test]
    fn ellipsis_takes_the_unit_it_continues() {
        let s =
            "The firm hired as many as 14,000 workers, which includes 3,000 to replace retirees.";
        let mut figs = find_figures(s, 0);
        resolve_ellipsis(s, 0, &mut figs, None);
        assert_eq!(figs[1].text, "3,000");
        assert_eq!(figs[1].unit.as_deref(), Some("worker"));
        // Across sentences only when the number says it adds to a count.
        for (s, want) in [
            ("An additional 3,000 were hired in May.", Some("worker")),
            ("Another 3,000 were hired in May.", Some("worker")),
            ("Some 3,000 more were hired in May.", Some("worker")),
            ("About 3,000 were hired in May.", None),
        ] {
            let mut figs = find_figures(s, 10);
            resolve_ellipsis(s, 10, &mut figs, Some("worker"));
            assert_eq!(figs[0].unit.as_deref(), want, "{s}");
        }
        // Tolls, money and percentages are not carried over.
        for unit in ["killed", "usd", "percent", "car per year"] {
            assert!(!carries_over(unit), "{unit}");
        }
        let s = "The quake killed 45 people, and 300 remain missing.";
        let mut figs = find_figures(s, 0);
        resolve_ellipsis(s, 0, &mut figs, None);
        assert_eq!(figs[1].unit, None);
    }

    #[test]
    fn added_counts_and_tolls_named_before() {
        assert_eq!(only("The hospital hired 300 more nurses.").1, "nurse");
        // Tolls stay tolls.
        assert_eq!(only("Another 12 people were killed on Friday.").1, "killed");
        same(
            "The death toll from the ferry disaster has reached 104, officials said.",
            "Officials said 104 people were killed in the ferry disaster.",
        );
        assert_eq!(only("The casualty toll rose to 300.").1, "casualties");
        assert_eq!(only("The toll road cost 300 million dollars.").1, "usd");
    }

    #[test]
    fn number_words() {
        same(
            "Twenty-five people were injured.",
            "25 people were injured.",
        );
        same(
            "twenty five people were injured.",
            "25 people were injured.",
        );
        same(
            "Fifteen hundred workers walked out.",
            "1,500 workers walked out.",
        );
        same(
            "A dozen climbers were rescued.",
            "12 climbers were rescued.",
        );
        same("It sold a million tickets.", "It sold 1,000,000 tickets.");
        same(
            "It sold half a million tickets.",
            "It sold 500,000 tickets.",
        );
        // "one" alone counts only a toll; number words need a counted noun.
        assert!(find_figures("He was one of the founders.", 0).is_empty());
        assert!(find_figures("She has one daughter.", 0).is_empty());
        assert!(find_figures("Five said so.", 0).is_empty());
    }

    #[test]
    fn fractions_percent_and_points() {
        same(
            "Half of adults say they worry.",
            "50 percent of adults say they worry.",
        );
        same(
            "Half of adults say they worry.",
            "50% of adults say they worry.",
        );
        same(
            "The firm cut a tenth of its workforce.",
            "The firm cut 10 per cent of its workforce.",
        );
        same(
            "Two-thirds of voters agreed.",
            "Two thirds of voters agreed.",
        );
        let (v, u) = only("A quarter of the staff left.");
        assert_eq!((v, u.as_str()), (25.0, "percent"));
        same(
            "The bank raised rates by a quarter of a percentage point.",
            "The bank raised rates by 0.25 percentage points.",
        );
        same(
            "It sold a quarter of a million copies.",
            "It sold 250,000 copies.",
        );
        same(
            "The bank raised its key rate by half a percentage point.",
            "The bank lifted its benchmark rate by 0.5 percentage points.",
        );
        same(
            "The bank raised its key rate by half a percentage point.",
            "The bank raised rates by 50 basis points.",
        );
        same(
            "Prices rose 3.5 percent last year.",
            "Prices rose 3.5% last year.",
        );
        same("Turnout was 45 pct.", "Turnout was 45 percent.");
        check(
            "Turnout was about 45% in the north.",
            "about 45%",
            Some(45.0),
            Some(45.0),
            Qualifier::About,
            "percent",
        );
    }

    #[test]
    fn money() {
        same(
            "The deal is worth $3bn.",
            "The deal is worth 3 billion dollars.",
        );
        same("The deal is worth $3bn.", "The deal is worth US$3 billion.");
        same(
            "The deal is worth $3bn.",
            "The deal is worth USD 3 billion.",
        );
        same(
            "The deal is worth $3bn.",
            "The deal is worth 3 billion US dollars.",
        );
        same("It cost €5m.", "It cost 5 million euros.");
        assert_eq!(only("It cost £4.2 million.").1, "gbp");
        check(
            "Apple reported quarterly revenue of more than $90 billion.",
            "more than $90 billion",
            Some(9e10),
            None,
            Qualifier::MoreThan,
            "usd",
        );
        // A magnitude suffix without money is no figure ("5m" may be metres).
        assert!(find_figures("The wall is 5m high.", 0).is_empty());
    }

    #[test]
    fn cars_are_counted_as_vehicles() {
        // A car is a kind of vehicle (WordNet), so the counts compare.
        let a = only("Sales reached 120 thousand vehicles.");
        let b = only("Sales reached about 120,000 cars.");
        assert_eq!(a.0, b.0);
        assert_eq!((a.1.as_str(), b.1.as_str()), ("vehicle", "car"));
        assert!(comparable_units(Some(&a.1), Some(&b.1)));
        // Neither is a kind of the other: not one quantity.
        let c = only("Sales reached 120,000 homes.");
        assert!(!comparable_units(Some(&a.1), Some(&c.1)));
    }

    #[test]
    fn vague_amounts() {
        for (s, text, low) in [
            (
                "Thousands of protesters marched.",
                "Thousands of protesters",
                2000.0,
            ),
            ("Dozens of shops closed.", "Dozens of shops", 24.0),
            (
                "hundreds of thousands of people fled",
                "hundreds of thousands of people",
                200_000.0,
            ),
            (
                "tens of thousands of people fled",
                "tens of thousands of people",
                20_000.0,
            ),
            ("millions of shells were fired", "millions of shells", 2e6),
        ] {
            let f = fig(s, text);
            assert!(f.vague, "{s}");
            assert_eq!(
                (f.low, f.high, f.qualifier),
                (Some(low), None, Qualifier::AtLeast),
                "{s}"
            );
        }
        assert!(!fig("Some 2,000 people fled.", "Some 2,000 people").vague);
        let f = fig(
            "more than tens of thousands of fans",
            "more than tens of thousands of fans",
        );
        assert_eq!((f.low, f.qualifier), (Some(20000.0), Qualifier::MoreThan));
    }

    #[test]
    fn rates() {
        check(
            "The plant makes about 120,000 cars a year.",
            "about 120,000 cars a year",
            Some(120_000.0),
            Some(120_000.0),
            Qualifier::About,
            "car per year",
        );
        check(
            "Officials say 5000 migrants a week are dying at sea.",
            "5000 migrants a week are dying",
            Some(5000.0),
            Some(5000.0),
            Qualifier::Exact,
            "killed per week",
        );
    }

    #[test]
    fn years_are_figures_only_when_counting() {
        assert!(find_figures("In 2024 elections were held.", 0).is_empty());
        assert!(find_figures("Since 2019 prices have doubled.", 0).is_empty());
        assert!(find_figures("the 2024 Olympics", 0).is_empty());
        check(
            "2000 workers struck",
            "2000 workers",
            Some(2000.0),
            Some(2000.0),
            Qualifier::Exact,
            "worker",
        );
        check(
            "2000 killed",
            "2000 killed",
            Some(2000.0),
            Some(2000.0),
            Qualifier::Exact,
            "killed",
        );
        assert!(counts_after_year("workers") && counts_after_year("vehicles"));
        assert!(!counts_after_year("elections") && !counts_after_year("levels"));
    }

    #[test]
    fn ranges() {
        for (s, text) in [
            (
                "Officials counted 11,000-12,000 fans.",
                "11,000-12,000 fans",
            ),
            (
                "The crowd was estimated at between 11,000-12,000 fans.",
                "between 11,000-12,000 fans",
            ),
            (
                "The crowd was put at between 11,000 and 12,000 fans.",
                "between 11,000 and 12,000 fans",
            ),
            (
                "Officials said 11,000 to 12,000 fans had arrived.",
                "11,000 to 12,000 fans",
            ),
            ("some 11,000 - 12,000 fans", "some 11,000 - 12,000 fans"),
            (
                "Officials said 11,000-12,000 highly motivated and well-prepared fans sang.",
                "11,000-12,000 highly motivated and well-prepared fans",
            ),
        ] {
            check(
                s,
                text,
                Some(11000.0),
                Some(12000.0),
                Qualifier::Range,
                "fan",
            );
        }
        // Without a counted noun the range keeps no unit.
        let f = fig("between 11,000 and 12,000", "between 11,000 and 12,000");
        assert_eq!(
            (f.low, f.high, f.qualifier, f.unit),
            (Some(11000.0), Some(12000.0), Qualifier::Range, None)
        );
    }

    #[test]
    fn qualifiers() {
        for (s, text, low, high, q) in [
            (
                "as many as 14,000 fans",
                "as many as 14,000 fans",
                None,
                Some(14000.0),
                Qualifier::AtMost,
            ),
            (
                "up to 500 drones were launched",
                "up to 500 drones",
                None,
                Some(500.0),
                Qualifier::AtMost,
            ),
            (
                "Fewer than 200 civilians left.",
                "Fewer than 200 civilians",
                None,
                Some(200.0),
                Qualifier::LessThan,
            ),
            (
                "nearly 300 nurses",
                "nearly 300 nurses",
                Some(300.0),
                Some(300.0),
                Qualifier::About,
            ),
            (
                "more than 10,000 nurses",
                "more than 10,000 nurses",
                Some(10000.0),
                None,
                Qualifier::MoreThan,
            ),
        ] {
            let f = fig(s, text);
            assert_eq!((f.low, f.high, f.qualifier), (low, high, q), "{s}");
        }
    }

    #[test]
    fn seed_sentences_still_read() {
        // Fixtures from the bundled story, as regression tests.
        let s = "Ukrainian officials believe the hermetic kingdom has deployed as many as 14,000 troops, which includes 3,000 to replace previous losses, Sky News reported.";
        check(
            s,
            "as many as 14,000 troops",
            None,
            Some(14000.0),
            Qualifier::AtMost,
            "troops",
        );
        assert_eq!(fig(s, "3,000").unit, None);
        let s = "Since October 2024, more than 10,000 North Korean troops have reportedly been sent to the Russian frontlines.";
        check(
            s,
            "more than 10,000 North Korean troops",
            Some(10000.0),
            None,
            Qualifier::MoreThan,
            "troops",
        );
        assert_eq!(find_figures(s, 0).len(), 1, "the year is not a figure");
        let s = "Western intelligence reports suggested at least 1,000 North Korean soldiers were killed in just three months of combat operations.";
        check(
            s,
            "at least 1,000 North Korean soldiers were killed",
            Some(1000.0),
            None,
            Qualifier::AtLeast,
            "killed",
        );
        check(
            s,
            "three months",
            Some(3.0),
            Some(3.0),
            Qualifier::Exact,
            "month",
        );
        let s = "In March, South Korean officials reported that between January and February, North Korea had sent an additional 3,000 troops to Russia after around 4,000 of them were “believed to have been killed or injured” due to inexperience in drone warfare.";
        check(
            s,
            "3,000 troops",
            Some(3000.0),
            Some(3000.0),
            Qualifier::Exact,
            "troops",
        );
        check(
            s,
            "around 4,000 of them were “believed to have been killed or injured",
            Some(4000.0),
            Some(4000.0),
            Qualifier::About,
            "casualties",
        );
        let s = "a devastating overnight attack that left 12 dead and dozens injured also contained American components.";
        check(
            s,
            "12 dead",
            Some(12.0),
            Some(12.0),
            Qualifier::Exact,
            "killed",
        );
        let s = "‘Vladimir, STOP! 5000 soldiers a week are dying. Lets get the Peace Deal DONE!’";
        check(
            s,
            "5000 soldiers a week are dying",
            Some(5000.0),
            Some(5000.0),
            Qualifier::Exact,
            "killed per week",
        );
        let s = "reports that thousands of North Korean soldiers were fighting — and dying — on Russian soil.";
        check(
            s,
            "thousands of North Korean soldiers",
            Some(2000.0),
            None,
            Qualifier::AtLeast,
            "troops",
        );
        let s = "North Korea has earned more than $20 billion through military cooperation with Russia.";
        check(
            s,
            "more than $20 billion",
            Some(2e10),
            None,
            Qualifier::MoreThan,
            "usd",
        );
        let s = "The DPRK has also provided ballistic missiles, 120 long-range artillery systems and 120 multiple-launch rocket systems, Budanov said.";
        check(
            s,
            "120 multiple-launch rocket systems",
            Some(120.0),
            Some(120.0),
            Qualifier::Exact,
            "rocket system",
        );
        let a = fig(s, "120 long-range artillery systems").unit;
        let b = fig(s, "120 multiple-launch rocket systems").unit;
        assert!(!comparable_units(a.as_deref(), b.as_deref()));
    }

    #[test]
    fn not_figures() {
        for s in [
            "The leaders met in Paris, France, on June 19, 2024",
            "confirmed the ministry on 27 December 2024",
            "Soldiers fire an A-320 towards the hills, January 11, 2025",
            "A climber rescued on January 11",
            "Tokyo, April 28 The government on Monday, for the first time, confirmed it",
            "the visit in June 2024, committing both countries",
            "The suspect was arrested at 10:30 on Friday.",
            "The two countries’ leaders met for the first time.",
            "https://t.co/7nejek4blU News (@news) April 28, 2025",
        ] {
            let figs = find_figures(s, 0);
            assert!(figs.is_empty(), "{s}: {figs:#?}");
        }
    }

    #[test]
    fn never_panics_and_offsets_are_exact() {
        let inputs = [
            "",
            "1",
            "$",
            "- 5",
            "between 5 and",
            "“12,000 ’ fans",
            "Ünïcödé 5 сол 3,000 — 4,000",
            "1,000,000,000,000,000,000,000 fans",
            "as many as",
            "12-",
            "12–15 %",
            "dozens",
            "a 5 a week",
            "$1bn",
            "10 am",
            "4,000 of",
            "2000 fans",
            "half",
            "a tenth",
            "half a",
            "two-thirds",
            "US$",
            "¥5 and € and 5 €",
            "twenty five hundred thousand million",
            "a a a dozen",
            "1e308 1e308 million billion trillion",
        ];
        for s in inputs {
            for f in find_figures(s, 7) {
                assert_eq!(s.get(f.start - 7..f.end - 7), Some(f.text.as_str()), "{s}");
                for v in [f.low, f.high].into_iter().flatten() {
                    assert!(v.is_finite(), "{s}");
                }
            }
        }
    }

    #[test]
    fn reversed_pairs_are_not_ranges() {
        // Found by the figures fuzz target: low 2024 > high 0.
        assert!(find_figures("January 5, 2024-0", 0).is_empty());
        assert!(find_figures("They won 3-1 on Sunday", 0).is_empty());
    }

    #[test]
    fn units_compare() {
        assert!(comparable_units(Some("troops"), Some("troops")));
        assert!(comparable_units(Some("killed"), Some("casualties")));
        assert!(comparable_units(Some("casualties"), Some("injured")));
        assert!(!comparable_units(Some("killed"), Some("injured")));
        assert!(!comparable_units(Some("troops"), Some("killed")));
        assert!(comparable_units(Some("car"), Some("vehicle")));
        assert!(comparable_units(Some("vehicle"), Some("car")));
        assert!(comparable_units(Some("worker"), Some("people")));
        assert!(comparable_units(Some("troops"), Some("soldier")));
        assert!(!comparable_units(Some("soldier"), Some("civilian")));
        assert!(!comparable_units(Some("car"), Some("people")));
        assert!(!comparable_units(Some("house"), Some("car")));
        assert!(!comparable_units(Some("troops"), Some("replacement")));
        assert!(!comparable_units(Some("police officer"), Some("officer")));
        assert!(!comparable_units(Some("electric car"), Some("car")));
        assert!(!comparable_units(
            Some("rocket system"),
            Some("artillery system")
        ));
        assert!(!comparable_units(Some("killed per week"), Some("week")));
        assert!(!comparable_units(None, Some("troops")));
        assert!(!comparable_units(None, None));
    }
}
