//! Splitting an article into blocks and sentences.
//!
//! # Why a hand-written splitter
//!
//! The `sentencex` crate (checked at 0.1.33) does give byte offsets, but it
//! needs Rust 1.91 / edition 2024 (this crate promises 1.80), pulls in
//! `strum` and friends, and knows nothing about news layout: it cannot tell
//! a caption glued to its "Pictured:" credit, a dateline prefix, a bullet
//! marker or a tweet embed from prose. Those decisions need the block
//! structure anyway, and the remaining sentence rules (abbreviations,
//! initials, closing quotes after the stop, ellipses) fit in a page, so the
//! splitter below works per block on exact byte offsets and never allocates
//! per character.
//!
//! # Layout heuristics
//!
//! Every non-empty line is a block (or two, when a dateline prefix is split
//! off). A line is classified from its own shape (word count, final
//! punctuation, share of capitalised content words, list marker, URLs and
//! `(@handle)` patterns, date shape) and from its neighbours (the text line
//! before a "— Name (@handle) date" attribution is the embedded post; the
//! list after a "Sources" / "Related" / "Read more" heading is a link list;
//! a line without final punctuation before any prose is a headline).

use super::{Block, BlockKind, Document, Sentence};
use regex::Regex;
use std::sync::LazyLock;

/// Splits `text` into blocks and sentences, every span an exact, trimmed,
/// non-empty byte range of `text`.
///
/// Blocks are in text order and disjoint; each sentence lies inside its
/// block. A bullet block spans the whole line including its marker, while
/// its sentences start after the marker. A dateline prefix ("Lima \[Peru\],
/// April 28 ...", "LONDON (Reuters) - ...") becomes its own
/// [`BlockKind::Dateline`] block and the prose after it a paragraph.
pub fn segment(text: &str) -> Document {
    let lines = lines(text);
    let kinds = classify(text, &lines);
    let mut doc = Document::default();
    for (line, kind) in lines.iter().zip(kinds) {
        let (start, end) = (line.start, line.end);
        let mut body_start = start;
        if kind == BlockKind::Paragraph {
            if let Some(len) = dateline_prefix(&text[start..end]) {
                let d_end = start + text[start..start + len].trim_end().len();
                doc.blocks.push(Block {
                    kind: BlockKind::Dateline,
                    start,
                    end: d_end,
                });
                let block = doc.blocks.len() - 1;
                doc.sentences.push(Sentence {
                    start,
                    end: d_end,
                    block,
                });
                body_start = start + len;
                body_start +=
                    text[body_start..end].len() - text[body_start..end].trim_start().len();
            }
        }
        if body_start >= end {
            continue;
        }
        doc.blocks.push(Block {
            kind,
            start: body_start,
            end,
        });
        let block = doc.blocks.len() - 1;
        let mut s_start = body_start;
        if kind == BlockKind::Bullet || kind == BlockKind::Boilerplate {
            s_start += bullet_marker_len(&text[body_start..end]);
        }
        if s_start >= end {
            // A bare marker: the block is its own sentence.
            s_start = body_start;
        }
        split_sentences(text, s_start, end, kind, block, &mut doc.sentences);
    }
    doc
}

/// A trimmed non-empty line: `text[start..end]`.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    /// Whether a blank line (or the start of the text) precedes it.
    after_blank: bool,
}

/// The non-empty lines of `text`, with hard-wrapped prose joined: a line
/// continues into the next one (no blank line between) when
///
/// * it does not end like a sentence and the next starts with a lower-case
///   letter, or
/// * the text is hard-wrapped (wire copy, e-mail, plain-text exports; see
///   [`wrap_width`]) and the line is full (reaches three quarters of the
///   wrap width: a heading, a paragraph's last line or a table row ends
///   short), unless the next line is indented further (a paragraph's first
///   line, as in Reuters copy) or starts with a list marker.
///
/// A joined line spans the original bytes, inner line breaks included, so
/// every offset stays exact; sentence splitting treats the breaks as
/// spaces.
fn lines(text: &str) -> Vec<Line> {
    let raw = raw_lines(text);
    let width = wrap_width(&raw);
    let mut out: Vec<Line> = Vec::new();
    let mut prev: Option<&RawLine> = None;
    for line in &raw {
        let s = &text[line.start..line.end];
        let continues = match (prev, out.last()) {
            (Some(p), Some(last)) if !line.after_blank => {
                let lower = s.chars().next().is_some_and(char::is_lowercase)
                    && !ends_with_stop(&text[last.start..last.end]);
                let wrapped = width.is_some_and(|w| {
                    is_full(p.columns, w) && line.indent <= p.indent && bullet_marker_len(s) == 0
                });
                lower || wrapped
            }
            _ => false,
        };
        match out.last_mut() {
            Some(last) if continues => last.end = line.end,
            _ => out.push(Line {
                start: line.start,
                end: line.end,
                after_blank: line.after_blank,
            }),
        }
        prev = Some(line);
    }
    out
}

/// One non-empty line as found in the text.
#[derive(Debug, Clone, Copy)]
struct RawLine {
    /// Trimmed: `text[start..end]`.
    start: usize,
    end: usize,
    /// Leading whitespace, in characters.
    indent: usize,
    /// Width from the line's start to its last non-space, in characters.
    columns: usize,
    /// Whether a blank line (or the start of the text) precedes it.
    after_blank: bool,
}

fn raw_lines(text: &str) -> Vec<RawLine> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut after_blank = true;
    for raw in text.split_inclusive('\n') {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            after_blank = true;
        } else {
            let lead = raw.len() - raw.trim_start().len();
            let indent = raw[..lead].chars().count();
            out.push(RawLine {
                start: offset + lead,
                end: offset + lead + trimmed.len(),
                indent,
                columns: indent + trimmed.chars().count(),
                after_blank,
            });
            after_blank = false;
        }
        offset += raw.len();
    }
    out
}

/// Widest line of a hard-wrapped text, in characters.
const MAX_WRAP_COLUMNS: usize = 100;

/// Fewest full lines running on into the next for a text to count as
/// hard-wrapped.
const MIN_WRAPPED_LINES: usize = 2;

/// Whether a line `columns` wide is full at wrap width `width`: it reaches
/// three quarters of it. Wrapping leaves a line short of the width by at
/// most the next word (wire copy is not even that tight: Reuters lines of
/// 56 columns are followed by 3-letter words at a width of 63).
fn is_full(columns: usize, width: usize) -> bool {
    columns * 4 >= width * 3
}

/// The column at which the text was hard-wrapped, if it was: the width
/// that nine lines in ten keep within (one long URL or table row does not
/// move it), at most [`MAX_WRAP_COLUMNS`], with at least
/// [`MIN_WRAPPED_LINES`] full lines (see [`is_full`]) that run on into the
/// next line (a list of short lines is no wrapped text). A text of one line
/// per paragraph has paragraphs far wider than that and is never taken for
/// wrapped.
fn wrap_width(lines: &[RawLine]) -> Option<usize> {
    if lines.len() <= MIN_WRAPPED_LINES {
        return None;
    }
    let mut widths: Vec<usize> = lines.iter().map(|l| l.columns).collect();
    widths.sort_unstable();
    let width = widths[(widths.len() * 9).div_ceil(10) - 1];
    if width > MAX_WRAP_COLUMNS {
        return None;
    }
    let full = lines
        .windows(2)
        .filter(|w| !w[1].after_blank && is_full(w[0].columns, width))
        .count();
    (full >= MIN_WRAPPED_LINES).then_some(width)
}

/// Length in bytes of a list marker ("- ", "• ", "* ", "– ") at the start.
fn bullet_marker_len(line: &str) -> usize {
    for m in ["- ", "• ", "* ", "– ", "— ", "· ", "▪ "] {
        if let Some(rest) = line.strip_prefix(m) {
            return line.len() - rest.trim_start().len();
        }
    }
    0
}

/// Whether `s` ends like a sentence: a stop, possibly followed by closing
/// quotes or brackets.
fn ends_with_stop(s: &str) -> bool {
    let t = s.trim_end_matches(is_closer);
    t.ends_with(['.', '!', '?', '…', ':', ';'])
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '’' | '”' | '»' | ')' | ']' | '›')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '‘' | '“' | '«' | '(' | '[' | '‹')
}

/// Small function words that do not count against title case.
fn is_minor_word(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "a" | "an"
            | "and"
            | "as"
            | "at"
            | "but"
            | "by"
            | "for"
            | "from"
            | "in"
            | "into"
            | "of"
            | "on"
            | "or"
            | "the"
            | "to"
            | "vs"
            | "with"
    )
}

/// Share of capitalised words among the non-minor words of a line.
fn title_ratio(line: &str) -> f32 {
    let mut content = 0u32;
    let mut caps = 0u32;
    for w in line.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() || is_minor_word(w) {
            continue;
        }
        content += 1;
        if w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        {
            caps += 1;
        }
    }
    if content == 0 {
        0.0
    } else {
        caps as f32 / content as f32
    }
}

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:https?://|www\.|pic\.twitter\.com/|\bt\.co/)\S+").expect("valid regex")
});

static HANDLE_ATTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    // ASCII handles and `[^\n]` rather than `\w`/`.`: the same lines, but
    // Unicode classes under counted repetition cost ~15 ms to compile.
    Regex::new(r"^[—–-]+\s*[^\n]{0,80}?\(@[A-Za-z0-9_]{1,30}\)").expect("valid regex")
});

static HANDLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(@[A-Za-z0-9_]{1,30}\)").expect("valid regex"));

/// An embedded post's attribution line: "— Name (@handle) April 28, 2025".
fn is_attribution(line: &str) -> bool {
    HANDLE_ATTRIBUTION.is_match(line)
        || (line.split_whitespace().count() <= 12 && HANDLE.is_match(line))
}

const MONTHS: &str = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let day = "(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?,?\\s+)?";
    let time = r"(?:\s*(?:,|at|-|–|\|)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?)?";
    let pattern = format!(
        r"(?i)^(?:(?:published|updated|last updated|posted|first published)(?:\s+on)?:?\s*)?{day}(?:{m}\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+{m},?(?:\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}){time}\.?$",
        m = MONTHS
    );
    Regex::new(&pattern).expect("valid regex")
});

/// Longest dateline prefix accepted ("FLINT, Mich., Oct. 4 (UPI) —" is 28).
const MAX_DATELINE_BYTES: usize = 120;

static DATELINE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    // Place (one to four capitalised words, or ALL CAPS), optional
    // "[Region]" / "(Region)" or ", State", then a date, an agency in
    // brackets, or both, and a dash or plain space before the prose.
    let place = r"(?:[A-Z][\p{L}.'’-]*(?:\s+[A-Z][\p{L}.'’-]*){0,3})";
    // No counted repetition of Unicode classes here ([^\])]{2,40} alone
    // cost ~25 ms to compile at start-up): lengths are checked in code.
    let region = r"(?:\s*[\[(][^\])\n]{2,}[\])]|,\s+[A-Z][\p{L}]*\.?(?:\s+[A-Z][\p{L}]*\.?)?)?";
    let date = format!(r",?\s+{m}\s+\d{{1,2}}(?:,\s*\d{{4}})?", m = MONTHS);
    let known_agency = r"\((?:AP|AFP|Reuters|Xinhua|ANI|Yonhap|IANS|PTI|Bloomberg|UPI|dpa|TASS|Kyodo|CNN|BBC|AA)\)";
    let any_agency = r"\([A-Z][\w&. ]+\)";
    let pattern = format!(
        r"^(?:{place}{region}{date}\s*(?:{known_agency}\s*[-–—:]?\s+|{any_agency}\s*[-–—:]\s+|[-–—:]\s+|\s+)|{place}{region}\s*(?:{known_agency}\s*[-–—:]?\s+|{any_agency}\s*[-–—:]\s+)|[A-Z]{{3,}}(?:[ ,][A-Z]{{2,}}){{0,2}}\s*[-–—]\s+)"
    );
    Regex::new(&pattern).expect("valid regex")
});

/// Length of a dateline prefix at the start of a prose line, if any. The
/// prose after it must start with a capital letter (or opening quote).
fn dateline_prefix(line: &str) -> Option<usize> {
    let m = DATELINE_PREFIX.find(line)?;
    // A dateline is short: place, region, date, agency.
    if m.end() > MAX_DATELINE_BYTES {
        return None;
    }
    let first_word = line.split_whitespace().next().unwrap_or_default();
    let first_word = first_word.trim_end_matches(',');
    if is_minor_word(first_word) || is_sentence_opener(first_word) || is_month(first_word) {
        return None;
    }
    let rest = &line[m.end()..];
    let first = rest.chars().next()?;
    if !(first.is_uppercase() || is_opener(first)) {
        return None;
    }
    // Keep the prose substantial: a dateline heads a paragraph.
    if rest.split_whitespace().count() < 4 {
        return None;
    }
    Some(m.end())
}

fn is_month(w: &str) -> bool {
    static MONTH: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!("^{MONTHS}$")).expect("valid regex"));
    MONTH.is_match(w)
}

/// Headings that introduce link lists rather than content.
fn is_link_list_heading(line: &str) -> bool {
    let l = line.trim_end_matches([':', '.']).trim().to_lowercase();
    matches!(
        l.as_str(),
        "sources"
            | "source"
            | "references"
            | "related"
            | "related articles"
            | "related stories"
            | "related news"
            | "related topics"
            | "related content"
            | "related coverage"
            | "read more"
            | "read also"
            | "read next"
            | "also read"
            | "see also"
            | "more on this story"
            | "more stories"
            | "more news"
            | "further reading"
            | "recommended"
            | "you may also like"
            | "most read"
            | "trending"
            | "latest news"
            | "top stories"
            | "tags"
            | "topics"
    )
}

static BOILER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:advertisement|advert|sponsored|share(?: this)?(?: article| story)?|share on \w+|follow us\b.*|sign up\b.*|subscribe\b.*|click here\b.*|read more\b.*|image (?:source|caption)\b.*|getty images|copyright\b.*|©.*|all rights reserved\.?|(?:photo|image|video|picture)(?: credit)?:\s*\S[^\n]{0,60}|related:.*|watch:.*|listen:.*)$",
    )
    .expect("valid regex")
});

static CODE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[.#@]?[\w-]+(?:\s*[,>]\s*[.#]?[\w-]+)*\s*\{.*|\}|[\w-]+\s*:\s*[^ ]+;|<[^>]+>.*</[^>]+>|<[^>]+/?>)$")
        .expect("valid regex")
});

/// The layout role of each line.
fn classify(text: &str, lines: &[Line]) -> Vec<BlockKind> {
    let mut kinds = Vec::with_capacity(lines.len());
    let mut seen_prose = false;
    let mut in_link_list = false;
    for (i, line) in lines.iter().enumerate() {
        let s = &text[line.start..line.end];
        let marker = bullet_marker_len(s);
        let body = &s[marker..];
        let words = body.split_whitespace().count();
        let stop = ends_with_stop(body);
        let kind = if in_link_list && (marker > 0 || (!stop && words <= 25)) {
            BlockKind::Boilerplate
        } else if marker == 0 && is_link_list_heading(body) {
            in_link_list = true;
            BlockKind::Boilerplate
        } else if is_attribution(s)
            || BOILER_LINE.is_match(s)
            || URL.find(body).is_some_and(|m| {
                // A post or link line: a short line the URL ends, or a line
                // that is mostly URL.
                (words <= 30 && body[m.end()..].trim().is_empty()) || m.len() * 2 > body.len()
            })
            || !body.chars().any(char::is_alphabetic)
            || CODE_LINE.is_match(body)
        {
            BlockKind::Boilerplate
        } else if DATE_LINE.is_match(body) {
            BlockKind::Dateline
        } else if marker > 0 {
            let dash = s.chars().next().unwrap_or(' ');
            if body.trim_end_matches('.').trim_end().ends_with(dash) && words <= 12 {
                // "– Old hands –": a section heading between dashes.
                BlockKind::Heading
            } else if words <= 3 && !stop {
                // "- Category", "- Latest news": navigation labels.
                BlockKind::Boilerplate
            } else {
                BlockKind::Bullet
            }
        } else if !stop {
            let ratio = title_ratio(body);
            let before_prose = !seen_prose;
            let short_capitalised =
                words <= 4 && body.chars().next().is_some_and(char::is_uppercase);
            let title_case = (ratio >= 0.75 && words <= 6) || (ratio >= 0.9 && words <= 16);
            let headline = before_prose && words <= 25;
            if short_capitalised || title_case || headline {
                BlockKind::Heading
            } else {
                BlockKind::Caption
            }
        } else if body.ends_with('?') && words <= 10 && (title_ratio(body) >= 0.75 || words <= 5) {
            BlockKind::Heading
        } else {
            BlockKind::Paragraph
        };
        if in_link_list && kind != BlockKind::Boilerplate {
            in_link_list = false;
        }
        if kind == BlockKind::Paragraph || kind == BlockKind::Bullet {
            seen_prose = true;
        }
        kinds.push(kind);
        // An attribution line "— Name (@handle) date" marks the line before
        // it as the embedded post's text.
        if i > 0 && kind == BlockKind::Boilerplate && is_attribution(s) && !line.after_blank {
            let prev = &lines[i - 1];
            if text[prev.start..prev.end].split_whitespace().count() <= 60 {
                if let Some(k) = kinds.get_mut(i - 1) {
                    *k = BlockKind::Boilerplate;
                }
            }
        }
    }
    kinds
}

/// Abbreviations after which a full stop never ends a sentence (titles
/// before a name).
fn is_title_abbrev(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "prof"
            | "gen"
            | "lt"
            | "col"
            | "maj"
            | "capt"
            | "cpt"
            | "sgt"
            | "cpl"
            | "adm"
            | "cmdr"
            | "sen"
            | "rep"
            | "gov"
            | "pres"
            | "rev"
            | "hon"
            | "st"
            | "ft"
            | "mt"
            | "messrs"
            | "supt"
            | "insp"
            | "det"
            | "fr"
    )
}

/// Abbreviations that usually do not end a sentence but can: the stop is a
/// boundary only before a typical sentence opener.
fn is_soft_abbrev(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "no"
            | "nos"
            | "vs"
            | "v"
            | "etc"
            | "approx"
            | "est"
            | "jr"
            | "sr"
            | "inc"
            | "ltd"
            | "co"
            | "corp"
            | "dept"
            | "govt"
            | "vol"
            | "fig"
            | "ed"
            | "al"
            | "op"
            | "cf"
            | "ca"
    )
}

/// Words that typically open a sentence; used to decide ambiguous stops.
fn is_sentence_opener(w: &str) -> bool {
    matches!(
        w,
        "The"
            | "A"
            | "An"
            | "It"
            | "He"
            | "She"
            | "They"
            | "We"
            | "I"
            | "You"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "There"
            | "But"
            | "And"
            | "In"
            | "On"
            | "At"
            | "As"
            | "If"
            | "When"
            | "While"
            | "After"
            | "Before"
            | "Its"
            | "His"
            | "Her"
            | "Their"
            | "Our"
            | "However"
            | "Meanwhile"
            | "Earlier"
            | "Later"
            | "Last"
            | "Some"
            | "Many"
            | "According"
            | "Since"
            | "So"
            | "Yet"
            | "Still"
            | "Now"
            | "Then"
            | "Officials"
    )
}

/// Appends the sentences of `text[start..end]` (one block) to `out`.
fn split_sentences(
    text: &str,
    start: usize,
    end: usize,
    kind: BlockKind,
    block: usize,
    out: &mut Vec<Sentence>,
) {
    let body = &text[start..end];
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (sentence end, next start), relative
    if !matches!(kind, BlockKind::Heading | BlockKind::Dateline) {
        find_stops(body, &mut cuts);
        if matches!(kind, BlockKind::Caption | BlockKind::Paragraph) {
            find_caption_labels(body, &mut cuts);
        }
    }
    cuts.sort_unstable();
    let mut s = 0;
    for (e, next) in cuts {
        if e <= s || next < e {
            continue;
        }
        push_trimmed(body, s, e, start, block, out);
        s = next;
    }
    push_trimmed(body, s, body.len(), start, block, out);
}

fn push_trimmed(
    body: &str,
    s: usize,
    e: usize,
    base: usize,
    block: usize,
    out: &mut Vec<Sentence>,
) {
    let Some(piece) = body.get(s..e) else {
        return;
    };
    let lead = piece.len() - piece.trim_start().len();
    let t = piece.trim();
    if t.is_empty() {
        return;
    }
    let st = base + s + lead;
    out.push(Sentence {
        start: st,
        end: st + t.len(),
        block,
    });
}

/// Sentence boundaries at stops: `(end of sentence, start of next)`.
fn find_stops(body: &str, cuts: &mut Vec<(usize, usize)>) {
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let n = chars.len();
    let mut i = 0;
    while i < n {
        let (pos, c) = chars[i];
        let is_dots = c == '.' && i + 2 < n && chars[i + 1].1 == '.' && chars[i + 2].1 == '.';
        if !matches!(c, '.' | '!' | '?' | '…') {
            i += 1;
            continue;
        }
        let ellipsis = c == '…' || is_dots;
        // Consume the run of stops and closing quotes/brackets.
        let mut j = i + 1;
        while j < n && (matches!(chars[j].1, '.' | '!' | '?' | '…') || is_closer(chars[j].1)) {
            j += 1;
        }
        let sent_end = if j < n { chars[j].0 } else { body.len() };
        // A boundary needs whitespace after it.
        if j >= n || !chars[j].1.is_whitespace() {
            i = j;
            continue;
        }
        let mut k = j;
        while k < n && chars[k].1.is_whitespace() {
            k += 1;
        }
        if k >= n {
            i = j;
            continue;
        }
        let next_start = chars[k].0;
        let next_word = word_at(body, next_start);
        let first = chars[k].1;
        let opens = first.is_uppercase()
            || first.is_ascii_digit()
            || matches!(first, '$' | '£' | '€')
            || (is_opener(first)
                && chars
                    .get(k + 1)
                    .is_some_and(|&(_, c2)| c2.is_uppercase() || c2.is_ascii_digit()));
        if !opens {
            i = j;
            continue;
        }
        let boundary = if ellipsis {
            is_sentence_opener(next_word)
        } else if c == '.' {
            let prev = word_before(body, pos);
            period_ends_sentence(prev, next_word, first)
        } else {
            true
        };
        if boundary {
            cuts.push((sent_end, next_start));
        }
        i = j;
    }
}

/// The word (letters, digits, inner dots) ending right before byte `pos`.
fn word_before(body: &str, pos: usize) -> &str {
    let head = &body[..pos];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

/// The word starting at byte `pos`, without leading quotes.
fn word_at(body: &str, pos: usize) -> &str {
    let rest = body[pos..].trim_start_matches(is_opener);
    let end = rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(rest.len(), |(i, _)| i);
    &rest[..end]
}

/// Whether a full stop after `prev` ends the sentence, given the next word.
fn period_ends_sentence(prev: &str, next_word: &str, next_first: char) -> bool {
    if prev.is_empty() {
        return true;
    }
    if is_title_abbrev(prev) {
        return false;
    }
    let opener = is_sentence_opener(next_word);
    if prev == "No" || prev == "Nos" {
        return !next_first.is_ascii_digit() && opener;
    }
    if is_soft_abbrev(prev) {
        return opener && !next_first.is_ascii_digit();
    }
    // Dotted acronyms (U.N., U.S., e.g.) and initials (John F. Kennedy).
    let dotted = prev.contains('.');
    let mut cs = prev.chars();
    let initial = matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase());
    if dotted || initial {
        return opener;
    }
    true
}

static CAPTION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[\p{L}\p{N})\]]\s+((?:Pictured|Above|Below|Left|Right|Top|Bottom|Inset|Main picture|Main image|File photo|Photo|Picture)(?:\s*\([^)]{1,30}\))?\s*:)",
    )
    .expect("valid regex")
});

/// Boundaries before caption labels glued to the previous caption
/// ("... to reach the village Pictured: rescuers at the scene ...").
fn find_caption_labels(body: &str, cuts: &mut Vec<(usize, usize)>) {
    for caps in CAPTION_LABEL.captures_iter(body) {
        let (Some(all), Some(label)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let end = body[..label.start()].trim_end().len();
        if end > all.start() {
            cuts.push((end, label.start()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A000: &str = include_str!("../../data/articles/000_17eb8960eab48163.txt");
    const A001: &str = include_str!("../../data/articles/001_8ebb7f63f9c61a6b.txt");
    const A002: &str = include_str!("../../data/articles/002_fe29721971e4e166.txt");
    const A003: &str = include_str!("../../data/articles/003_c2ed4b80ef03a61d.txt");
    const A004: &str = include_str!("../../data/articles/004_6567a31e3247bcbb.txt");
    const SEEDS: [&str; 5] = [A000, A001, A002, A003, A004];

    fn sentences(text: &str) -> Vec<&str> {
        segment(text)
            .sentences
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    /// Checks the layout invariants on one text.
    fn check_invariants(text: &str) {
        let d = segment(text);
        let mut last = 0;
        for b in &d.blocks {
            assert!(b.start >= last && b.start < b.end, "block order {b:?}");
            let slice = &text[b.start..b.end];
            assert_eq!(slice, slice.trim(), "block not trimmed {b:?}");
            last = b.end;
        }
        let mut last = 0;
        for s in &d.sentences {
            assert!(s.start >= last && s.start < s.end, "sentence order {s:?}");
            let slice = &text[s.start..s.end];
            assert_eq!(slice, slice.trim(), "sentence not trimmed {s:?}");
            let b = &d.blocks[s.block];
            assert!(b.start <= s.start && s.end <= b.end, "outside block {s:?}");
            last = s.end;
        }
        // Every block has at least one sentence.
        for i in 0..d.blocks.len() {
            assert!(d.sentences.iter().any(|s| s.block == i), "empty block {i}");
        }
    }

    fn kind_of_line(text: &str, line_start: &str) -> BlockKind {
        let d = segment(text);
        let b = d
            .blocks
            .iter()
            .find(|b| text[b.start..b.end].starts_with(line_start))
            .unwrap_or_else(|| panic!("no block starting {line_start:?}"));
        b.kind
    }

    fn has_sentence(text: &str, s: &str) -> bool {
        sentences(text).contains(&s)
    }

    #[test]
    fn invariants_on_all_seeds() {
        for t in SEEDS {
            check_invariants(t);
            assert!(segment(t).sentences.len() >= 12);
        }
    }

    #[test]
    fn invariants_on_awkward_input() {
        for t in [
            "",
            "\n\n",
            "\r\nOne. Two.\r\nThree",
            "- ",
            "“",
            "Seoul, April 28 ",
            "...",
            "A… B. C? ‘D!’ é. Ü",
            "x.\u{2019}\u{201d} Y",
            "Pictured: x",
            "   \t  Mr. X.   ",
        ] {
            check_invariants(t);
        }
    }

    #[test]
    fn invariants_on_random_tricky_text() {
        // A fixed LCG over an alphabet of the characters the rules look at.
        const PIECES: &[&str] = &[
            "a",
            "B",
            " ",
            " ",
            "\n",
            "\r\n",
            ".",
            "?",
            "!",
            "…",
            "...",
            "’",
            "”",
            "“",
            "‘",
            "\"",
            "'",
            "(",
            ")",
            "[",
            "]",
            "- ",
            "— ",
            "U.S.",
            "Mr.",
            "No. 5",
            "3.5",
            "11,000",
            "é",
            "Ü",
            "北",
            "Pictured: ",
            "Seoul, April 28 ",
            "LONDON — ",
            "(@x) ",
            "https://t.co/x",
            "Sources\n",
            "Apr 28, 2025\n",
            ":",
            "\u{a0}",
            "\t",
            "Kim Jong-un",
            "DPRK",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..400 {
            let mut t = String::new();
            let len = (state % 60) as usize;
            for _ in 0..len {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                t.push_str(PIECES[(state >> 33) as usize % PIECES.len()]);
            }
            check_invariants(&t);
            for tok in crate::text::normalize::tokenize(&t) {
                assert!(t.get(tok.start..tok.end).is_some_and(|w| !w.is_empty()));
            }
            for e in crate::text::normalize::entities(&t) {
                assert!(t.get(e.start..e.end).is_some_and(|w| !w.is_empty()));
            }
        }
    }

    #[test]
    fn invariants_on_shared_news_text() {
        let Ok(dirs) = std::fs::read_dir("../shared/data/bbc") else {
            return;
        };
        let mut n = 0;
        for dir in dirs.flatten() {
            let Ok(files) = std::fs::read_dir(dir.path()) else {
                continue;
            };
            for f in files.flatten().take(40) {
                if let Ok(t) = std::fs::read_to_string(f.path()) {
                    check_invariants(&t);
                    n += 1;
                }
            }
        }
        assert!(n == 0 || n >= 40);
    }

    #[test]
    fn crlf_leading_blank_and_no_final_newline() {
        let t = "\r\nHeadline Here\r\nFirst sentence here. Second one follows.\r\n";
        let s = sentences(t);
        assert_eq!(
            s,
            vec![
                "Headline Here",
                "First sentence here.",
                "Second one follows."
            ]
        );
        assert_eq!(kind_of_line(t, "Headline"), BlockKind::Heading);
        assert_eq!(
            sentences("Intro here.\nWe went home. Then we slept"),
            vec!["Intro here.", "We went home.", "Then we slept"]
        );
    }

    #[test]
    fn hard_wrapped_prose_is_one_block() {
        let t = "Intro line here.\nDonald Trump regularly\nincites political violence, critics\nsay. He denies it.\n";
        let d = segment(t);
        assert_eq!(d.blocks.len(), 2);
        assert_eq!(
            sentences(t),
            vec![
                "Intro line here.",
                "Donald Trump regularly\nincites political violence, critics\nsay.",
                "He denies it."
            ]
        );
    }

    /// Wire copy as Reuters-21578 prints it: wrapped near 63 columns, each
    /// paragraph's first line indented.
    const WIRE: &str = "CLEVELAND, Feb 26 - Standard Oil Co and BP North America\nInc said they plan to form a venture to manage the money market\nborrowing and investment activities of both companies.\n    BP North America is a subsidiary of British Petroleum Co\nPlc <BP>, which also owns a 55 pct interest in Standard Oil.\n    The venture will be called BP/Standard Financial Trading\nand will be operated by Standard Oil under the oversight of a\njoint management committee.\n\n Reuter\n";

    #[test]
    fn hard_wrapped_wire_copy_is_joined_into_paragraphs() {
        check_invariants(WIRE);
        let d = segment(WIRE);
        let blocks: Vec<(BlockKind, &str)> = d
            .blocks
            .iter()
            .map(|b| (b.kind, &WIRE[b.start..b.end]))
            .collect();
        assert_eq!(blocks[0], (BlockKind::Dateline, "CLEVELAND, Feb 26 -"));
        assert_eq!(blocks[1].0, BlockKind::Paragraph);
        assert!(blocks[1]
            .1
            .starts_with("Standard Oil Co and BP North America\nInc said"));
        assert!(blocks[1].1.ends_with("both companies."));
        assert!(
            blocks[2].1.starts_with("BP North America is")
                && blocks[2].1.ends_with("Standard Oil.")
        );
        assert!(blocks[3].1.ends_with("joint management committee."));
        assert_eq!(blocks.len(), 5, "{blocks:?}");
        assert_eq!(
            sentences(WIRE)[3],
            "The venture will be called BP/Standard Financial Trading\nand will be operated by Standard Oil under the oversight of a\njoint management committee."
        );
    }

    #[test]
    fn wrapped_text_keeps_tables_bullets_and_headings_apart() {
        // Short table rows never run on, even in wrapped copy.
        let t = "NEW YORK, March 3 - Acme Corp said first quarter earnings rose\nsharply on higher sales of its industrial products and lower costs\nat its plants in the Midwest, the company said in a statement.\n    Shr 12 cts vs 10 cts\n    Net 1.2 mln vs 1.0 mln\n    Revs 25.3 mln vs 22.1 mln\n";
        check_invariants(t);
        assert!(has_sentence(t, "Shr 12 cts vs 10 cts"));
        assert!(has_sentence(t, "Net 1.2 mln vs 1.0 mln"));
        // A wrapped e-mail with a heading and a list.
        let t = "Meeting Notes\nThe committee met on Tuesday to review the budget for the coming\nyear and agreed on three changes to the spending plan that was\nput forward by the finance office in March of this year:\n- cut travel costs by a tenth across all of the departments\n- freeze new hiring in the administrative offices until June\n- review the contracts with the outside suppliers this autumn\n";
        check_invariants(t);
        assert_eq!(kind_of_line(t, "Meeting Notes"), BlockKind::Heading);
        assert!(
            sentences(t)[1].starts_with("The committee met")
                && sentences(t)[1].ends_with("in March of this year:")
        );
        assert_eq!(kind_of_line(t, "- cut travel"), BlockKind::Bullet);
        assert_eq!(kind_of_line(t, "- freeze new"), BlockKind::Bullet);
        assert!(has_sentence(
            t,
            "review the contracts with the outside suppliers this autumn"
        ));
    }

    #[test]
    fn unwrapped_text_is_not_joined() {
        // One line per paragraph (the bundled articles, most web text): a
        // short line before a long one is its own block.
        let t = "North Korea confirms troops\nNorth Korea has confirmed for the first time that it has troops fighting alongside the Russians in Ukraine, state media said on Monday.\nThe statement came after Moscow said that its forces had retaken the Kursk region.\n";
        assert_eq!(segment(t).blocks.len(), 3);
        assert_eq!(kind_of_line(t, "North Korea confirms"), BlockKind::Heading);
        // A short list of lines is no wrapped text.
        let t = "Alpha\nBravo\nCharlie\nDelta\n";
        assert_eq!(segment(t).blocks.len(), 4);
    }

    #[test]
    fn code_urls_and_dashed_headings() {
        let t = "Body text here.\n.image-wrap {\n}\n– Old hands –\nMore text follows here.\nRead the report: http://example.com/x\n";
        assert_eq!(kind_of_line(t, ".image-wrap"), BlockKind::Boilerplate);
        assert_eq!(kind_of_line(t, "}"), BlockKind::Boilerplate);
        assert_eq!(kind_of_line(t, "– Old hands"), BlockKind::Heading);
        assert_eq!(kind_of_line(t, "Read the report"), BlockKind::Boilerplate);
    }

    #[test]
    fn seed_headings() {
        assert_eq!(kind_of_line(A001, "Key Takeaways"), BlockKind::Heading);
        assert_eq!(
            kind_of_line(A001, "Casualties and Military Performance"),
            BlockKind::Heading
        );
        assert_eq!(
            kind_of_line(A001, "North Korea’s Official Acknowledgment"),
            BlockKind::Heading
        );
        assert_eq!(
            kind_of_line(A003, "North Korea confirms for first time"),
            BlockKind::Heading
        );
        assert_eq!(
            kind_of_line(A002, "North Korea Officially Confirms"),
            BlockKind::Heading
        );
    }

    #[test]
    fn seed_bullets_and_labels() {
        assert_eq!(
            kind_of_line(A001, "- North Korea has publicly acknowledged"),
            BlockKind::Bullet
        );
        assert_eq!(kind_of_line(A002, "- Category"), BlockKind::Boilerplate);
        assert_eq!(kind_of_line(A002, "- Latest news"), BlockKind::Boilerplate);
        // The bullet's sentence starts after the marker.
        assert!(has_sentence(
            A001,
            "Western intelligence reports suggested at least 1,000 North Korean soldiers were killed in just three months of combat operations."
        ));
    }

    #[test]
    fn seed_tweet_and_sources_are_boilerplate() {
        assert_eq!(
            kind_of_line(A001, "Putin Thanks North Korea"),
            BlockKind::Boilerplate
        );
        assert_eq!(
            kind_of_line(A001, "— Military.com (@Militarydotcom)"),
            BlockKind::Boilerplate
        );
        assert_eq!(kind_of_line(A001, "Sources"), BlockKind::Boilerplate);
        assert_eq!(
            kind_of_line(A001, "- N Korea confirms it sent troops"),
            BlockKind::Boilerplate
        );
        assert_eq!(
            kind_of_line(A001, "- Seoul labels North Korea’s role"),
            BlockKind::Boilerplate
        );
    }

    #[test]
    fn seed_captions() {
        assert_eq!(
            kind_of_line(A000, "Russian President Vladimir Putin, left,"),
            BlockKind::Caption
        );
        assert_eq!(
            kind_of_line(A000, "President Donald Trump and Ukraine’s"),
            BlockKind::Caption
        );
        assert_eq!(
            kind_of_line(A000, "Macabre image reportedly show"),
            BlockKind::Caption
        );
        assert!(has_sentence(
            A000,
            "Ukrainian officials believe the hermetic kingdom has deployed as many as 14,000 troops to the frontlines to fight against them"
        ));
        assert!(sentences(A000)
            .iter()
            .any(|s| s.starts_with("Pictured: North Korean soldiers march")
                && s.ends_with("on April 15, 2012")));
    }

    #[test]
    fn seed_datelines() {
        assert_eq!(kind_of_line(A003, "Apr 28, 2025"), BlockKind::Dateline);
        assert_eq!(
            kind_of_line(A003, "Seoul [South Korea], April 28"),
            BlockKind::Dateline
        );
        assert!(sentences(A003)
            .iter()
            .any(|s| s.starts_with("North Korea on Monday, for the first time, confirmed")));
        let d = segment(A003);
        let db = d
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Dateline && A003[b.start..b.end].starts_with("Seoul"));
        assert_eq!(
            db.map(|b| &A003[b.start..b.end]),
            Some("Seoul [South Korea], April 28")
        );
        let t = "FLINT, Mich., Oct. 4 (UPI) — Former President Bill Clinton criticized the law.";
        assert_eq!(
            sentences(t),
            vec![
                "FLINT, Mich., Oct. 4 (UPI) —",
                "Former President Bill Clinton criticized the law."
            ]
        );
        let t = "WASHINGTON — Michael Steele drew fierce criticism on Friday.";
        assert_eq!(kind_of_line(t, "WASHINGTON"), BlockKind::Dateline);
        let t = "LONDON (Reuters) - The government said on Monday it would act.";
        assert_eq!(kind_of_line(t, "LONDON"), BlockKind::Dateline);
        assert_eq!(
            sentences(t),
            vec![
                "LONDON (Reuters) -",
                "The government said on Monday it would act."
            ]
        );
        // Not a dateline: a sentence that opens with a date.
        let t = "On April 28 North Korea confirmed the deployment of its troops.";
        assert_eq!(sentences(t), vec![t]);
        assert_eq!(kind_of_line(t, "On April"), BlockKind::Paragraph);
    }

    #[test]
    fn seed_quotes_close_their_sentence() {
        assert!(sentences(A000)
            .iter()
            .any(|s| s.ends_with("of the motherland.’")));
        assert!(sentences(A000)
            .iter()
            .any(|s| s.ends_with("“Secondary Sanctions?”.’")
                && s.starts_with("The US President said")));
        assert!(has_sentence(A001, "They rely on their numbers.”"));
        assert!(has_sentence(A001, "They operate based on Soviet tactics."));
        assert!(sentences(A001)
            .iter()
            .any(|s| s.ends_with("U.N. Security Council resolutions.”")));
        // The ellipsis inside Gerasimov's quote is no boundary.
        assert!(sentences(A004).iter().any(|s| s
            .starts_with("“I would like to separately note the participation … of military")
            && s.ends_with("in a report Saturday.")));
    }

    #[test]
    fn abbreviations_and_initials() {
        assert_eq!(
            sentences("Mr. Smith met Dr. Jones at St. Paul's. They talked."),
            vec!["Mr. Smith met Dr. Jones at St. Paul's.", "They talked."]
        );
        assert_eq!(
            sentences("Gen. Syrskyi spoke on Jan. 5 at the U.N. Security Council. It ended."),
            vec![
                "Gen. Syrskyi spoke on Jan. 5 at the U.N. Security Council.",
                "It ended."
            ]
        );
        assert_eq!(
            sentences("The U.S. The next sentence."),
            vec!["The U.S.", "The next sentence."]
        );
        assert_eq!(
            sentences("John F. Kennedy lived at No. 10 once. He left."),
            vec!["John F. Kennedy lived at No. 10 once.", "He left."]
        );
    }

    #[test]
    fn numbers_are_not_boundaries() {
        let t = "They sent 11,000-12,000 troops and $20 billion. Growth was 3.5 percent on 27 December 2024. Done.";
        assert_eq!(
            sentences(t),
            vec![
                "They sent 11,000-12,000 troops and $20 billion.",
                "Growth was 3.5 percent on 27 December 2024.",
                "Done."
            ]
        );
    }

    #[test]
    fn quotes_and_ellipses() {
        assert_eq!(
            sentences("He said: “It is over.” Then he left."),
            vec!["He said: “It is over.”", "Then he left."]
        );
        assert_eq!(
            sentences("“Why?” he asked. Nobody knew."),
            vec!["“Why?” he asked.", "Nobody knew."]
        );
        assert_eq!(
            sentences("We wait... and see. Fine."),
            vec!["We wait... and see.", "Fine."]
        );
        assert_eq!(
            sentences("She asked “Banking” or “Sanctions?”.’ Next one."),
            vec!["She asked “Banking” or “Sanctions?”.’", "Next one."]
        );
    }
}
