//! Dates mentioned in a sentence, resolved against the article's date.
//!
//! Fully stated dates ("June 19, 2024", "27 December 2024", "June 2024",
//! "2024") are resolved on their own. Partial and relative ones ("April 28",
//! "in March", "last July", "last year", "earlier this year", "on Monday",
//! "three years ago", "today") are resolved only when the article's date is
//! known; otherwise they are kept with [`DatePrecision::Unresolved`] and no
//! date, never guessed.

use super::{DateMention, DatePrecision};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;
use std::sync::LazyLock;

const M: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)";
const FULL_M: &str =
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)";
const WD: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const NUMW: &str =
    r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let pat = format!(
        r"\b(?:(?P<m1>{M}) (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y1>\d{{4}})|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<m2>{M}),? (?P<y2>\d{{4}})|(?P<m3>{M}),? (?P<y3>\d{{4}})|(?P<m4>{M}) (?P<d4>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d5>\d{{1,2}})(?:st|nd|rd|th)? (?P<m5>{M})|(?P<rel>(?:[Ee]arlier|[Ll]ater) this|[Ll]ast|[Tt]his|[Nn]ext) (?P<ru>year|month|week|summer|winter|spring|autumn|fall)|(?P<ago>{NUMW}) (?P<au>years?|months?|weeks?|days?) ago|(?P<mpre>[Ll]ast |[Nn]ext |[Ee]arly |[Ll]ate |[Mm]id-)?(?P<m6>{FULL_M})|(?P<wpre>[Ll]ast |[Tt]his |[Nn]ext |[Ee]arlier |[Ll]ate |[Ee]arly )?(?P<wd>{WD})|(?P<today>[Tt]oday|[Yy]esterday|[Tt]onight)|(?P<y7>(?:19|20)\d{{2}}))\b"
    );
    Regex::new(&pat).expect("valid regex")
});

fn month_num(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.');
    let key = n.get(..3)?;
    Some(match key {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    })
}

fn weekday(name: &str) -> Option<Weekday> {
    name.parse::<Weekday>().ok()
}

fn small_number(w: &str) -> Option<i64> {
    Some(match w.to_ascii_lowercase().as_str() {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        d => return d.parse().ok(),
    })
}

/// The first day of the month `back` months before the month of `d`.
fn month_start_back(d: NaiveDate, back: i32) -> Option<NaiveDate> {
    let idx = d.year() * 12 + d.month0() as i32 - back;
    NaiveDate::from_ymd_opt(idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1, 1)
}

fn year_start(y: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, 1, 1)
}

/// Words before a bare month name that make it a date ("in March",
/// "between January and February").
fn month_context(before: &str) -> bool {
    let w = before
        .trim_end()
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        w.as_str(),
        "in" | "since"
            | "by"
            | "until"
            | "from"
            | "between"
            | "and"
            | "of"
            | "during"
            | "to"
            | "through"
            | "before"
            | "after"
            | "early"
            | "late"
            | "mid"
            | "or"
            | "last"
            | "next"
    )
}

/// Finds the dates in `sentence`, whose first byte is at `base` in the
/// article text, resolving relative ones against `article_date` if known.
pub fn find_dates(
    sentence: &str,
    base: usize,
    article_date: Option<NaiveDate>,
) -> Vec<DateMention> {
    let mut out = Vec::new();
    for c in DATE.captures_iter(sentence) {
        let Some(whole) = c.get(0) else { continue };
        let mut start = whole.start();
        let end = whole.end();
        let g = |n: &str| c.name(n).map(|m| m.as_str());
        let num = |n: &str| g(n).and_then(|s| s.parse::<i64>().ok());
        let mut resolved: Option<(NaiveDate, DatePrecision)> = None;
        let mut keep = true;
        if let (Some(m), Some(d), Some(y)) = (
            g("m1").or(g("m2")).and_then(month_num),
            num("d1").or(num("d2")),
            num("y1").or(num("y2")),
        ) {
            resolved = u32::try_from(d)
                .ok()
                .zip(i32::try_from(y).ok())
                .and_then(|(d, y)| NaiveDate::from_ymd_opt(y, m, d))
                .map(|d| (d, DatePrecision::Day));
            keep = resolved.is_some();
        } else if let (Some(m), Some(y)) = (g("m3").and_then(month_num), num("y3")) {
            resolved = i32::try_from(y)
                .ok()
                .and_then(|y| NaiveDate::from_ymd_opt(y, m, 1))
                .map(|d| (d, DatePrecision::Month));
            keep = resolved.is_some();
        } else if let (Some(m), Some(d)) = (
            g("m4").or(g("m5")).and_then(month_num),
            num("d4").or(num("d5")),
        ) {
            keep = (1..=31).contains(&d);
            if let Some(a) = article_date {
                let day = u32::try_from(d).unwrap_or(0);
                resolved = NaiveDate::from_ymd_opt(a.year(), m, day)
                    .map(|x| {
                        if x > a + Duration::days(31) {
                            NaiveDate::from_ymd_opt(a.year() - 1, m, day).unwrap_or(x)
                        } else {
                            x
                        }
                    })
                    .map(|x| (x, DatePrecision::Day));
            }
        } else if let (Some(rel), Some(ru)) = (g("rel"), g("ru")) {
            let rel = rel.to_ascii_lowercase();
            let shift: i32 = match rel.as_str() {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            if let Some(a) = article_date {
                resolved = match ru {
                    "year" => year_start(a.year() + shift).map(|d| (d, DatePrecision::Year)),
                    "month" => month_start_back(a, -shift).map(|d| (d, DatePrecision::Month)),
                    _ => None,
                };
            }
        } else if let (Some(n), Some(au)) = (g("ago").and_then(small_number), g("au")) {
            if let Some(a) = article_date {
                let n32 = i32::try_from(n).unwrap_or(0);
                resolved = if au.starts_with("year") {
                    year_start(a.year() - n32).map(|d| (d, DatePrecision::Year))
                } else if au.starts_with("month") {
                    month_start_back(a, n32).map(|d| (d, DatePrecision::Month))
                } else if au.starts_with("week") {
                    Some((a - Duration::weeks(n), DatePrecision::Day))
                } else {
                    Some((a - Duration::days(n), DatePrecision::Day))
                };
            }
        } else if let Some(m) = g("m6").and_then(month_num) {
            let pre = g("mpre").map(|p| p.trim().to_ascii_lowercase());
            let before = sentence.get(..whole.start()).unwrap_or("");
            keep = pre.is_some() || month_context(before);
            if keep {
                if let Some(a) = article_date {
                    let y = match pre.as_deref() {
                        Some("last") if m >= a.month() => a.year() - 1,
                        Some("next") if m <= a.month() => a.year() + 1,
                        Some("next") => a.year(),
                        _ if m > a.month() => a.year() - 1,
                        _ => a.year(),
                    };
                    resolved = NaiveDate::from_ymd_opt(y, m, 1).map(|d| (d, DatePrecision::Month));
                }
            }
        } else if let Some(wd) = g("wd").and_then(weekday) {
            let pre = g("wpre").map(|p| p.trim().to_ascii_lowercase());
            if let Some(a) = article_date {
                let back = (7 + a.weekday().num_days_from_monday() as i64
                    - wd.num_days_from_monday() as i64)
                    % 7;
                let back = match pre.as_deref() {
                    Some("last") if back == 0 => 7,
                    Some("next") => -((7 - back) % 7),
                    _ => back,
                };
                resolved = Some((a - Duration::days(back), DatePrecision::Day));
            }
        } else if let Some(t) = g("today") {
            if let Some(a) = article_date {
                let d = if t.eq_ignore_ascii_case("yesterday") {
                    a - Duration::days(1)
                } else {
                    a
                };
                resolved = Some((d, DatePrecision::Day));
            }
        } else if let Some(y) = num("y7") {
            // A year alone, unless it is a decade ("1990s") or a count
            // ("2000 workers" is left to figures).
            let after = sentence.get(end..).unwrap_or("");
            let before = sentence.get(..whole.start()).unwrap_or("");
            keep = !after.starts_with(|c: char| c == 's' || c == '-' || c.is_alphanumeric())
                && !before
                    .ends_with(|c: char| matches!(c, '-' | '/' | '$' | '#') || c.is_alphanumeric());
            let next_word = after
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            keep &= !super::figures::counts_after_year(
                next_word.trim_end_matches(|c: char| !c.is_alphanumeric()),
            );
            resolved = i32::try_from(y)
                .ok()
                .and_then(year_start)
                .map(|d| (d, DatePrecision::Year));
        }
        if !keep {
            continue;
        }
        if let Some(p) = c.name("mpre").or(c.name("wpre")) {
            start = p.start();
        }
        let Some(text) = sentence.get(start..end) else {
            continue;
        };
        let text = text.trim().to_string();
        let (date, precision) = match resolved {
            Some((d, p)) if p != DatePrecision::Unresolved => (Some(d), p),
            _ => (None, DatePrecision::Unresolved),
        };
        out.push(DateMention {
            start: base + start,
            end: base + start + text.len(),
            text,
            date,
            precision,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    fn one(s: &str, text: &str, at: Option<NaiveDate>) -> DateMention {
        let found = find_dates(s, 10, at);
        let m = found
            .iter()
            .find(|m| m.text == text)
            .unwrap_or_else(|| panic!("no date {text:?} in {found:#?}"))
            .clone();
        assert_eq!(&s[m.start - 10..m.end - 10], m.text);
        m
    }

    #[test]
    fn full_dates_resolve_alone() {
        let m = one(
            "in Pyongyang, North Korea, on June 19, 2024",
            "June 19, 2024",
            None,
        );
        assert_eq!((m.date, m.precision), (d(2024, 6, 19), DatePrecision::Day));
        let m = one(
            "confirmed the NIS on 27 December 2024",
            "27 December 2024",
            None,
        );
        assert_eq!((m.date, m.precision), (d(2024, 12, 27), DatePrecision::Day));
        let m = one("Apr 28, 2025", "Apr 28, 2025", None);
        assert_eq!(m.date, d(2025, 4, 28));
        let m = one("Ukraine January 11, 2025", "January 11, 2025", None);
        assert_eq!(m.date, d(2025, 1, 11));
        let m = one(
            "during Putin’s visit to Pyongyang in June 2024, committing",
            "June 2024",
            None,
        );
        assert_eq!((m.date, m.precision), (d(2024, 6, 1), DatePrecision::Month));
        let m = one("Since October 2024, more than", "October 2024", None);
        assert_eq!(m.precision, DatePrecision::Month);
        let m = one("the war that began in 2022 has", "2022", None);
        assert_eq!((m.date, m.precision), (d(2022, 1, 1), DatePrecision::Year));
    }

    #[test]
    fn partial_dates_need_the_article_date() {
        let at = d(2025, 4, 28);
        for (s, text, want, p) in [
            (
                "Yonhap reported on April 28.",
                "April 28",
                d(2025, 4, 28),
                DatePrecision::Day,
            ),
            (
                "on April 26, praised",
                "April 26",
                d(2025, 4, 26),
                DatePrecision::Day,
            ),
            (
                "North Korea on Monday, for the first time",
                "Monday",
                d(2025, 4, 28),
                DatePrecision::Day,
            ),
            (
                "said in a statement on Sunday evening",
                "Sunday",
                d(2025, 4, 27),
                DatePrecision::Day,
            ),
            (
                "a surprise offensive last year.",
                "last year",
                d(2024, 1, 1),
                DatePrecision::Year,
            ),
            (
                "deployed to Kursk earlier this year.",
                "earlier this year",
                d(2025, 1, 1),
                DatePrecision::Year,
            ),
            (
                "since last July, just as",
                "last July",
                d(2024, 7, 1),
                DatePrecision::Month,
            ),
            (
                "In March, officials said",
                "March",
                d(2025, 3, 1),
                DatePrecision::Month,
            ),
            (
                "Last month North Korean leader",
                "Last month",
                d(2025, 3, 1),
                DatePrecision::Month,
            ),
            (
                "invasion three years ago.",
                "three years ago",
                d(2022, 1, 1),
                DatePrecision::Year,
            ),
            (
                "he took to Telegram today to",
                "today",
                d(2025, 4, 28),
                DatePrecision::Day,
            ),
        ] {
            let m = one(s, text, at);
            assert_eq!((m.date, m.precision), (want, p), "{s}");
            let m = one(s, text, None);
            assert_eq!(
                (m.date, m.precision),
                (None, DatePrecision::Unresolved),
                "{s}"
            );
        }
    }

    #[test]
    fn not_dates() {
        for s in [
            "He will march on.",
            "more than 10,000 troops and 2000 troops",
            "2000 workers, 2000 vehicles and 2000 killed",
            "a D-2024 howitzer",
            "the 1990s",
        ] {
            let found = find_dates(s, 0, d(2025, 4, 28));
            assert!(found.is_empty(), "{s}: {found:#?}");
        }
        // "May" needs context to be a month.
        assert!(find_dates("They may act in May.", 0, None)
            .iter()
            .any(|m| m.text == "May"));
        assert!(find_dates("The May meeting", 0, None).is_empty());
        // A year before a noun that is not a count stays a year.
        assert!(find_dates("the 2024 elections", 0, None)
            .iter()
            .any(|m| m.text == "2024"));
    }
}
