//! Figures: numbers with their qualifier and the thing counted, as intervals.
//!
//! A figure is read from a sentence's words: an optional qualifier ("as many
//! as", "at least", "around", "between"), the number (digits with thousands
//! separators, a range "11,000-12,000", "$20 billion", "10%", or a spelled
//! number such as "two" or "dozens"), and the thing counted, normalised to a
//! small vocabulary so that different outlets' figures compare: `troops`,
//! `people`, `killed`, `injured`, `casualties`, `prisoners`, `usd`, `eur`,
//! `gbp`, `percent`, weapons (`shells`, `missiles`, `artillery systems`, ...)
//! and durations (`days`, `months`, `years`, ...). A rate ("5000 soldiers a
//! week") gets the unit `"<unit> per week"`.
//!
//! Intervals: `Exact` and `About` have `low == high == value` (an
//! approximate figure keeps its printed value; the qualifier says it is
//! approximate); `AtLeast`/`MoreThan` have only `low`; `AtMost`/`LessThan`
//! only `high`; `Range` has both. Vague plurals ("dozens", "thousands",
//! "millions of") are `AtLeast` twice their base (24, 2,000, 2,000,000).
//!
//! Not figures: years ("2024", unless a counted noun follows), days of a date
//! ("June 19", "27 December"), times, model names ("D-30"), ordinals.

use super::{Figure, Qualifier};
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
        out.push(Token {
            start: rs + lead,
            end: rs + lead + core.len(),
            core,
            lower: core.to_lowercase().replace('’', "'"),
            brk_after,
            dash_after: false,
        });
    }
    out
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<cur>[$€£])?(?P<a>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:[-–](?:[$€£])?(?P<b>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?))?(?P<sc>bn|m|k)?(?P<pct>%)?$",
    )
    .expect("valid regex")
});

/// A cheap test before tokenising: a digit or a spelled-out number word.
static MAY_HAVE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|dozens?|scores|hundreds|thousands|millions|billions)\b")
        .expect("valid regex")
});

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
];

fn is_month(word: &str) -> bool {
    MONTHS.contains(&word.trim_end_matches('.'))
}

/// The normalised unit of a counted noun, if it is in the vocabulary.
fn unit_of(lower: &str) -> Option<&'static str> {
    Some(match lower {
        "troops" | "troop" | "soldiers" | "soldier" | "servicemen" | "serviceman"
        | "servicemembers" | "service-members" | "forces" | "personnel" | "fighters"
        | "fighter" | "combatants" | "mercenaries" | "marines" | "reservists" | "recruits"
        | "conscripts" => "troops",
        "people" | "persons" | "men" | "women" | "civilians" | "residents" | "refugees"
        | "children" => "people",
        "dead" | "killed" | "deaths" | "fatalities" => "killed",
        "injured" | "wounded" | "injuries" => "injured",
        "casualties" => "casualties",
        "prisoners" | "pows" | "captives" | "hostages" => "prisoners",
        "dollars" => "usd",
        "euros" => "eur",
        "shells" | "rounds" => "shells",
        "missiles" | "missile" => "missiles",
        "drones" | "drone" => "drones",
        "tanks" | "tank" => "tanks",
        "rockets" => "rockets",
        "howitzers" | "artillery" => "artillery systems",
        "aircraft" | "jets" | "planes" => "aircraft",
        "percent" => "percent",
        "years" | "year" => "years",
        "months" | "month" => "months",
        "weeks" | "week" => "weeks",
        "days" | "day" => "days",
        "hours" | "hour" => "hours",
        "km" | "kilometres" | "kilometers" => "km",
        "miles" => "miles",
        "tonnes" | "tons" => "tonnes",
        _ => return None,
    })
}

/// Words that end the search for the counted noun.
fn is_boundary(lower: &str) -> bool {
    matches!(
        lower,
        "were"
            | "was"
            | "are"
            | "is"
            | "have"
            | "has"
            | "had"
            | "be"
            | "been"
            | "to"
            | "in"
            | "on"
            | "at"
            | "for"
            | "from"
            | "by"
            | "with"
            | "that"
            | "which"
            | "who"
            | "the"
            | "since"
            | "after"
            | "before"
            | "during"
            | "into"
            | "than"
            | "as"
            | "a"
            | "an"
            | "per"
            | "while"
            | "but"
            | "if"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
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
    )
}

fn is_death(lower: &str) -> bool {
    matches!(
        lower,
        "killed" | "dead" | "died" | "dying" | "slain" | "perished" | "die"
    )
}

fn is_hurt(lower: &str) -> bool {
    matches!(lower, "injured" | "wounded" | "hurt")
}

/// Spelled-out numbers: `(value, vague)`; vague ones ("dozens") mean at
/// least twice the base.
fn spelled(lower: &str) -> Option<(f64, bool)> {
    Some(match lower {
        "one" => (1.0, false),
        "two" => (2.0, false),
        "three" => (3.0, false),
        "four" => (4.0, false),
        "five" => (5.0, false),
        "six" => (6.0, false),
        "seven" => (7.0, false),
        "eight" => (8.0, false),
        "nine" => (9.0, false),
        "ten" => (10.0, false),
        "eleven" => (11.0, false),
        "twelve" => (12.0, false),
        "fifteen" => (15.0, false),
        "twenty" => (20.0, false),
        "thirty" => (30.0, false),
        "forty" => (40.0, false),
        "fifty" => (50.0, false),
        "hundred" => (100.0, false),
        "dozen" => (12.0, false),
        "dozens" => (24.0, true),
        "scores" => (40.0, true),
        "hundreds" => (200.0, true),
        "thousands" => (2_000.0, true),
        "millions" => (2_000_000.0, true),
        "billions" => (2_000_000_000.0, true),
        _ => return None,
    })
}

fn scale(lower: &str) -> Option<f64> {
    Some(match lower {
        "thousand" => 1e3,
        "million" | "mln" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
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
    currency: Option<&'static str>,
    percent: bool,
    /// Index of the last token of the number (scale word included).
    last: usize,
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
        let currency = c.name("cur").map(|m| match m.as_str() {
            "€" => "eur",
            "£" => "gbp",
            _ => "usd",
        });
        let mut mult = match c.name("sc").map(|m| m.as_str()) {
            Some("bn") => 1e9,
            Some("m") => 1e6,
            Some("k") => 1e3,
            _ => 1.0,
        };
        if mult != 1.0 && currency.is_none() {
            return None;
        }
        let mut last = i;
        if !t.brk_after {
            if let Some(s) = toks.get(i + 1).and_then(|n| scale(&n.lower)) {
                mult *= s;
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
            last,
        });
    }
    // "a dozen"
    let (v, vague) = spelled(&t.lower)?;
    let mut last = i;
    let mut value = v;
    if !t.brk_after && !vague {
        if let Some(s) = toks.get(i + 1).and_then(|n| scale(&n.lower)) {
            value *= s;
            last = i + 1;
        }
    }
    // "thousands of" / "tens of thousands" are handled as vague plurals.
    Some(RawNumber {
        low: value,
        high: None,
        vague,
        spelled: true,
        currency: None,
        percent: false,
        last,
    })
}

/// Whether the sentence is about troops, for figures that do not name what
/// they count ("3,000 to replace previous losses", "3,000 were deployed").
fn troop_context(toks: &[Token<'_>]) -> bool {
    toks.iter().any(|t| {
        unit_of(&t.lower) == Some("troops")
            || t.lower.starts_with("deploy")
            || t.lower == "reinforcements"
    })
}

/// Finds the figures in `sentence`, whose first byte is at `base` in the
/// article text.
pub fn find_figures(sentence: &str, base: usize) -> Vec<Figure> {
    if !MAY_HAVE_NUMBER.is_match(sentence) {
        return Vec::new();
    }
    let toks = tokenize(sentence);
    let mut out = Vec::new();
    let mut troopish: Option<bool> = None;
    let mut i = 0;
    while i < toks.len() {
        let Some(num) = read_number(&toks, i) else {
            i += 1;
            continue;
        };
        if let Some(f) = build_figure(sentence, base, &toks, i, num, &mut troopish) {
            let next = f.1;
            out.push(f.0);
            i = next.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// Builds the figure whose number starts at token `i`; returns it with the
/// index of the first token after it.
fn build_figure(
    sentence: &str,
    base: usize,
    toks: &[Token<'_>],
    i: usize,
    mut num: RawNumber,
    troopish: &mut Option<bool>,
) -> Option<(Figure, usize)> {
    let t = &toks[i];
    let prev = i.checked_sub(1).map(|p| &toks[p]);
    let next = toks.get(num.last + 1);
    let plain_int = !num.spelled
        && num.currency.is_none()
        && !num.percent
        && num.high.is_none()
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
    let counted_next = !t.brk_after && next.is_some_and(|n| unit_of(&n.lower).is_some());
    if plain_int
        && !t.brk_after
        && next.is_some_and(|n| matches!(n.lower.as_str(), "am" | "pm" | "a.m" | "p.m" | "gmt"))
    {
        return None;
    }
    // Years, unless a counted noun follows ("2000 troops").
    if plain_int && t.core.len() == 4 && (1800.0..=2100.0).contains(&num.low) && !counted_next {
        return None;
    }

    // Range written with a separate word: "11,000 to 12,000", "between 11,000
    // and 12,000", "11,000 - 12,000".
    let mut last = num.last;
    let mut qual_before = qualifier_before(toks, i);
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
    let mut first_num = i;
    if num.vague && !toks[last].brk_after {
        let of = toks.get(last + 1).is_some_and(|t| t.lower == "of");
        let big = toks
            .get(last + 2)
            .and_then(|t| spelled(&t.lower))
            .filter(|b| b.1);
        if let (true, Some((b, _))) = (of, big) {
            num.low *= b / 2.0;
            last += 2;
        }
    }
    if i >= 2 && toks[i - 1].lower == "of" && toks[i - 2].lower == "tens" && num.vague {
        num.low *= 10.0;
        first_num = i - 2;
        qual_before = qualifier_before(toks, first_num);
    }
    num.last = last;

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

    // The thing counted.
    let mut unit: Option<String> = None;
    let mut end_tok = last;
    if num.percent {
        unit = Some("percent".into());
    } else if let Some(c) = num.currency {
        unit = Some(c.into());
    }
    let mut pronoun_of = false;
    if unit.is_none() && !toks[last].brk_after {
        let mut k = last + 1;
        let mut steps = 0;
        while k < toks.len() && steps < 6 {
            let w = &toks[k];
            if w.lower == "of" && k == last + 1 {
                // "millions of shells", "4,000 of them"
                if let Some(n) = toks.get(k + 1) {
                    if matches!(n.lower.as_str(), "them" | "whom" | "those") {
                        pronoun_of = true;
                        end_tok = k + 1;
                        break;
                    }
                }
                if w.brk_after {
                    break;
                }
                k += 1;
                continue;
            }
            if w.lower == "percent"
                || (w.lower == "per" && toks.get(k + 1).is_some_and(|n| n.lower == "cent"))
            {
                unit = Some("percent".into());
                end_tok = if w.lower == "per" { k + 1 } else { k };
                break;
            }
            if let Some(u) = unit_of(&w.lower) {
                unit = Some(u.to_string());
                end_tok = k;
                // "artillery systems", "artillery pieces"
                if u == "artillery systems"
                    && !w.brk_after
                    && toks
                        .get(k + 1)
                        .is_some_and(|n| matches!(n.lower.as_str(), "systems" | "pieces" | "guns"))
                {
                    end_tok = k + 1;
                }
                break;
            }
            if w.lower == "systems" {
                let head = toks[k - 1]
                    .lower
                    .rsplit('-')
                    .next()
                    .unwrap_or("")
                    .to_string();
                let u = match head.as_str() {
                    "artillery" => "artillery systems".to_string(),
                    "" => "systems".to_string(),
                    h if k - 1 > last => format!("{h} systems"),
                    _ => "systems".to_string(),
                };
                unit = Some(u);
                end_tok = k;
                break;
            }
            if is_boundary(&w.lower) || w.core.chars().any(|c| c.is_ascii_digit()) {
                break;
            }
            // Only one word may be skipped for a spelled number ("two North
            // Korean soldiers" needs two), so keep the limit modest.
            if w.brk_after {
                break;
            }
            steps += 1;
            k += 1;
        }
    }
    // Spelled numbers need a counted noun to be worth keeping.
    if num.spelled && unit.is_none() {
        return None;
    }
    // A count of people followed by a death-toll word is a death toll.
    let people_like = matches!(unit.as_deref(), Some("troops" | "people")) || pronoun_of;
    if people_like && !toks[end_tok].brk_after {
        let mut k = end_tok + 1;
        let mut steps = 0;
        while k < toks.len() && steps < 7 {
            let w = &toks[k];
            if is_death(&w.lower) {
                let mut u = "killed";
                let mut e = k;
                if !w.brk_after
                    && toks
                        .get(k + 1)
                        .is_some_and(|n| n.lower == "or" || n.lower == "and")
                    && toks.get(k + 2).is_some_and(|n| is_hurt(&n.lower))
                {
                    u = "casualties";
                    e = k + 2;
                }
                unit = Some(u.into());
                end_tok = e;
                break;
            }
            if !is_toll_filler(&w.lower) || w.brk_after {
                break;
            }
            steps += 1;
            k += 1;
        }
    }
    if unit.is_none() && !num.spelled && num.currency.is_none() && num.low >= 2.0 {
        let after = toks.get(last + 1);
        let bare = toks[last].brk_after
            || pronoun_of
            || after.is_none()
            || after.is_some_and(|a| is_boundary(&a.lower) || is_toll_filler(&a.lower));
        if bare && *troopish.get_or_insert_with(|| troop_context(toks)) {
            unit = Some("troops".into());
        }
    }
    // Rates: "5000 soldiers a week".
    if let Some(u) = unit.clone() {
        if !toks[end_tok].brk_after {
            let a = toks.get(end_tok + 1).map(|t| t.lower.as_str());
            let p = toks.get(end_tok + 2).map(|t| t.lower.as_str());
            if matches!(a, Some("a" | "per" | "each" | "every"))
                && matches!(p, Some("day" | "week" | "month" | "year"))
            {
                let period = p.unwrap_or("week").to_string();
                let mut u2 = u;
                // a death-toll verb may follow the rate: "are dying"
                let mut e = end_tok + 2;
                if u2 == "troops" || u2 == "people" {
                    let mut k = end_tok + 3;
                    while k < toks.len() && k < end_tok + 6 {
                        if is_death(&toks[k].lower) {
                            u2 = "killed".into();
                            e = k;
                            break;
                        }
                        if !is_toll_filler(&toks[k].lower) || toks[k].brk_after {
                            break;
                        }
                        k += 1;
                    }
                }
                unit = Some(format!("{u2} per {period}"));
                end_tok = e;
            }
        }
    }
    let (low, high) = match qualifier {
        Qualifier::Exact | Qualifier::About => (Some(num.low), Some(num.low)),
        Qualifier::AtLeast | Qualifier::MoreThan => (Some(num.low), None),
        Qualifier::AtMost | Qualifier::LessThan => (None, Some(num.low)),
        Qualifier::Range => (Some(num.low), num.high.or(Some(num.low))),
    };
    let s = toks[first].start;
    let e = toks[end_tok].end;
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
        end_tok + 1,
    ))
}

/// Whether figures counting `a` and `b` measure the same quantity, so that
/// different numbers mean the sources differ. A death toll (`killed`) and a
/// killed-or-injured toll (`casualties`) count overlapping quantities and
/// are reported as comparable.
pub fn comparable_units(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            a == b || matches!((a, b), ("killed", "casualties") | ("casualties", "killed"))
        }
        _ => false,
    }
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

    #[test]
    fn qualified_counts_of_troops() {
        let s = "Ukrainian officials believe the hermetic kingdom has deployed as many as 14,000 troops, which includes 3,000 to replace previous losses, Sky News reported.";
        check(
            s,
            "as many as 14,000 troops",
            None,
            Some(14000.0),
            Qualifier::AtMost,
            "troops",
        );
        check(
            s,
            "3,000",
            Some(3000.0),
            Some(3000.0),
            Qualifier::Exact,
            "troops",
        );
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
        let s = "South Korean media reported earlier this year that more than 11,000 North Korean troops were fighting in the western Russian region of Kursk.";
        check(
            s,
            "more than 11,000 North Korean troops",
            Some(11000.0),
            None,
            Qualifier::MoreThan,
            "troops",
        );
        let s = "South Korean intelligence estimates an additional 3,000 were deployed to Kursk earlier this year.";
        check(
            s,
            "3,000",
            Some(3000.0),
            Some(3000.0),
            Qualifier::Exact,
            "troops",
        );
        let s = "Ukrainian forces captured two North Korean soldiers alive in January.";
        check(
            s,
            "two North Korean soldiers",
            Some(2.0),
            Some(2.0),
            Qualifier::Exact,
            "troops",
        );
    }

    #[test]
    fn ranges() {
        for (s, text) in [
            ("North Korea has publicly acknowledged deploying 11,000-12,000 troops to support Russian forces.", "11,000-12,000 troops"),
            ("The total North Korean deployment was estimated at between 11,000-12,000 troops, operating primarily under Russian command.", "between 11,000-12,000 troops"),
            ("The deployment was put at between 11,000 and 12,000 troops.", "between 11,000 and 12,000 troops"),
            ("Officials said 11,000 to 12,000 soldiers had arrived.", "11,000 to 12,000 soldiers"),
            ("An additional 11,000-12,000 highly motivated and well-prepared soldiers who are conducting offensive actions.", "11,000-12,000 highly motivated and well-prepared soldiers"),
        ] {
            check(s, text, Some(11000.0), Some(12000.0), Qualifier::Range, "troops");
        }
        // Without a counted noun the range keeps no unit.
        let f = fig("between 11,000 and 12,000", "between 11,000 and 12,000");
        assert_eq!(
            (f.low, f.high, f.qualifier),
            (Some(11000.0), Some(12000.0), Qualifier::Range)
        );
    }

    #[test]
    fn death_tolls_and_casualties() {
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
            "months",
        );
        let s = "Intelligence reports from Western sources indicate that at least 1,000 North Korean troops were killed in action over just three months.";
        check(
            s,
            "at least 1,000 North Korean troops were killed",
            Some(1000.0),
            None,
            Qualifier::AtLeast,
            "killed",
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
        check(
            s,
            "dozens injured",
            Some(24.0),
            None,
            Qualifier::AtLeast,
            "injured",
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
        // Fighting is not dying.
        let s = "reports that thousands of North Korean soldiers were fighting — and dying — on Russian soil.";
        check(
            s,
            "thousands of North Korean soldiers",
            Some(2000.0),
            None,
            Qualifier::AtLeast,
            "troops",
        );
    }

    #[test]
    fn money_weapons_percent() {
        let s = "North Korea has earned more than $20 billion through military cooperation with Russia.";
        check(
            s,
            "more than $20 billion",
            Some(2e10),
            None,
            Qualifier::MoreThan,
            "usd",
        );
        check(
            "It earned $20 billion.",
            "$20 billion",
            Some(2e10),
            Some(2e10),
            Qualifier::Exact,
            "usd",
        );
        let s = "The DPRK has also provided ballistic missiles, 120 long-range artillery systems and 120 multiple-launch rocket systems, Budanov said.";
        check(
            s,
            "120 long-range artillery systems",
            Some(120.0),
            Some(120.0),
            Qualifier::Exact,
            "artillery systems",
        );
        check(
            s,
            "120 multiple-launch rocket systems",
            Some(120.0),
            Some(120.0),
            Qualifier::Exact,
            "rocket systems",
        );
        let s = "North Korea has also reportedly supplied millions of shells to Russia.";
        check(
            s,
            "millions of shells",
            Some(2e6),
            None,
            Qualifier::AtLeast,
            "shells",
        );
        check(
            "Turnout was about 45% in the north.",
            "about 45%",
            Some(45.0),
            Some(45.0),
            Qualifier::About,
            "percent",
        );
        check(
            "Prices rose 3.5 percent last year.",
            "3.5 percent",
            Some(3.5),
            Some(3.5),
            Qualifier::Exact,
            "percent",
        );
        check(
            "Fewer than 200 civilians left.",
            "Fewer than 200 civilians",
            None,
            Some(200.0),
            Qualifier::LessThan,
            "people",
        );
        check(
            "up to 500 drones were launched",
            "up to 500 drones",
            None,
            Some(500.0),
            Qualifier::AtMost,
            "drones",
        );
        check(
            "nearly 300 soldiers",
            "nearly 300 soldiers",
            Some(300.0),
            Some(300.0),
            Qualifier::About,
            "troops",
        );
        check(
            "to celebrate 100 years since the birth",
            "100 years",
            Some(100.0),
            Some(100.0),
            Qualifier::Exact,
            "years",
        );
    }

    #[test]
    fn not_figures() {
        for s in [
            "Putin and Kim exchange documents in Pyongyang, North Korea, on June 19, 2024",
            "confirmed South Korea’s National Intelligence Service on 27 December 2024",
            "Ukrainian servicemen fire a D-30 howitzer towards Russian troops in Zaporizhzhia region, Ukraine January 11, 2025",
            "A North Korean soldier held after being captured by the Ukrainian army on January 11",
            "Seoul [South Korea], April 28 North Korea on Monday, for the first time, confirmed it",
            "Putin’s visit to Pyongyang in June 2024, committing both countries",
            "The first North Korean prisoner of war was captured at 10:30 on Friday.",
            "The two countries’ leaders met for the first time.",
            "https://t.co/7nejek4blU Military.com (@Militarydotcom) April 28, 2025",
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
            "“12,000 ’ troops",
            "Ünïcödé 5 сол 3,000 — 4,000",
            "1,000,000,000,000,000,000,000 troops",
            "as many as",
            "12-",
            "12–15 %",
            "dozens",
            "a 5 a week",
            "$1bn",
            "10 am",
            "4,000 of",
            "2000 troops",
        ];
        for s in inputs {
            for f in find_figures(s, 7) {
                assert_eq!(s.get(f.start - 7..f.end - 7), Some(f.text.as_str()), "{s}");
            }
        }
        check(
            "2000 troops were sent",
            "2000 troops",
            Some(2000.0),
            Some(2000.0),
            Qualifier::Exact,
            "troops",
        );
    }

    #[test]
    fn reversed_pairs_are_not_ranges() {
        // Found by the figures fuzz target: low 2024 > high 0.
        assert!(find_figures("January 5, 2024-0", 0).is_empty());
        assert!(find_figures("They won 3-1 on Sunday", 0).is_empty());
        check(
            "11,000-12,000 troops",
            "11,000-12,000 troops",
            Some(11000.0),
            Some(12000.0),
            Qualifier::Range,
            "troops",
        );
    }

    #[test]
    fn spaced_ranges_and_big_vague_numbers() {
        check(
            "some 11,000 - 12,000 troops",
            "some 11,000 - 12,000 troops",
            Some(11000.0),
            Some(12000.0),
            Qualifier::Range,
            "troops",
        );
        check(
            "tens of thousands of people fled",
            "tens of thousands of people",
            Some(20000.0),
            None,
            Qualifier::AtLeast,
            "people",
        );
        check(
            "hundreds of thousands of shells",
            "hundreds of thousands of shells",
            Some(200000.0),
            None,
            Qualifier::AtLeast,
            "shells",
        );
        check(
            "more than tens of thousands of troops",
            "more than tens of thousands of troops",
            Some(20000.0),
            None,
            Qualifier::MoreThan,
            "troops",
        );
    }

    #[test]
    fn units_compare() {
        assert!(comparable_units(Some("troops"), Some("troops")));
        assert!(comparable_units(Some("killed"), Some("casualties")));
        assert!(comparable_units(Some("casualties"), Some("killed")));
        assert!(!comparable_units(Some("troops"), Some("killed")));
        assert!(!comparable_units(None, Some("troops")));
        assert!(!comparable_units(None, None));
    }
}
