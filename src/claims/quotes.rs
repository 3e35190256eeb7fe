//! Direct quotes over the whole article text, with their speakers.
//!
//! Quotation marks ‘ ’, “ ” and " are paired over the whole text, so a quote
//! may span sentences; a quote left open at the end of a paragraph continues
//! if the next paragraph opens with the same mark (the newspaper convention
//! for long quotes), and otherwise ends with its paragraph. A ’ between
//! letters ("Chile’s", "doesn’t") is an apostrophe, as is a ’ after a word
//! when no ‘ is open ("Francis’ funeral"); the ASCII ' is never a quote mark.
//! Quotes may nest (“Banking” inside a speaker's ‘...’).
//!
//! Speakers come from the words around the quote: `‘...,’ he wrote`,
//! `“...,” the FAA said`, `X said: ‘...’`, `X told Y: ‘...’`, `X was quoted
//! saying`, `X described the deployment as “...”`, `..., adding: “...”`.
//! Pronouns and bare surnames are resolved to the most recent full name in
//! the text before.

use super::attribution::{expand_name_in, full_names, name_before, subject_at_start};
use super::Quote;
use crate::text::Document;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Longest quote, in bytes: a longer "quote" is a stray or unpaired mark
/// running over a huge paragraph, not a quotation (and keeping it would make
/// every claim under it carry megabytes of text).
pub const MAX_QUOTE_BYTES: usize = 8 * 1024;

/// How far before and after a quote its speaker is looked for, in bytes: a
/// lead-in ("X said:") or a tag ("..., he said") is short, and a bounded
/// window keeps a single enormous line from making every quote rescan it.
const SPEAKER_WINDOW: usize = 1024;

/// `text[..pos]` cut to its last `max` bytes (at a character boundary).
fn tail(text: &str, pos: usize, max: usize) -> usize {
    let mut from = pos.saturating_sub(max);
    while from < pos && !text.is_char_boundary(from) {
        from += 1;
    }
    from
}

/// A quote span before speaker detection.
#[derive(Debug, Clone)]
struct Span {
    open: usize,
    start: usize,
    end: usize,
    close_end: usize,
    depth: usize,
}

fn is_open_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(p) => {
            p.is_whitespace()
                || matches!(
                    p,
                    '(' | '[' | '{' | '—' | '–' | '-' | '‘' | '“' | '"' | ':' | '/' | '…'
                )
        }
    }
}

/// Finds the quoted spans of `text` (without speakers), in order of their
/// opening mark.
fn spans(text: &str) -> Vec<Span> {
    // Byte positions throughout: no per-character table of the whole text
    // (16 bytes a character, 1.6 GB for a 100 MB article).
    let mut out = Vec::new();
    // (mark, byte offset of the opener)
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut skip: Option<usize> = None;
    let close = |entry: (char, usize), end: usize, close_end: usize, depth: usize| {
        let start = entry.1 + entry.0.len_utf8();
        Span {
            open: entry.1,
            start,
            end: end.max(start),
            close_end,
            depth,
        }
    };
    // End of an unclosed quote: before the whitespace that ends its part.
    let trimmed_end = |entry: (char, usize), at: usize| {
        let from = entry.1 + entry.0.len_utf8();
        from + text.get(from..at).map_or(0, |t| t.trim_end().len())
    };
    let mut prev: Option<char> = None;
    for (k, c) in text.char_indices() {
        let p = prev;
        prev = Some(c);
        if Some(k) == skip {
            continue;
        }
        let after = k + c.len_utf8();
        let next = text.get(after..).and_then(|t| t.chars().next());
        let next_ok = next.is_some_and(|n| !n.is_whitespace());
        match c {
            '“' if next_ok => stack.push((c, k)),
            '‘' if next_ok && is_open_context(p) => stack.push((c, k)),
            '”' | '’' => {
                let opener = if c == '”' { '“' } else { '‘' };
                if c == '’'
                    && p.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric)
                {
                    continue;
                }
                if let Some(pos) = stack.iter().rposition(|e| e.0 == opener) {
                    let entry = stack[pos];
                    stack.truncate(pos);
                    out.push(close(entry, k, after, pos));
                }
            }
            '"' => {
                if stack.last().is_some_and(|e| e.0 == '"') {
                    if let Some(entry) = stack.pop() {
                        out.push(close(entry, k, after, stack.len()));
                    }
                } else if next_ok && is_open_context(p) {
                    stack.push((c, k));
                } else if let Some(pos) = stack.iter().rposition(|e| e.0 == '"') {
                    let entry = stack[pos];
                    stack.truncate(pos);
                    out.push(close(entry, k, after, pos));
                }
            }
            '\n' if !stack.is_empty() => {
                // Next non-blank character after the paragraph break.
                let rest = text.get(after..).unwrap_or("");
                let next_mark = rest
                    .char_indices()
                    .find(|&(_, ch)| !ch.is_whitespace())
                    .map(|(j, ch)| (after + j, ch));
                let outer = stack[0];
                match next_mark {
                    Some((j, ch)) if ch == outer.0 => {
                        stack.truncate(1);
                        skip = Some(j);
                    }
                    _ => {
                        // Unclosed: the quote ends with its paragraph.
                        let e = trimmed_end(outer, k);
                        out.push(close(outer, e, e, 0));
                        stack.clear();
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(&outer) = stack.first() {
        let e = trimmed_end(outer, text.len());
        out.push(close(outer, e, e, 0));
    }
    out.retain(|s| {
        s.end - s.start <= MAX_QUOTE_BYTES
            && text
                .get(s.start..s.end)
                .is_some_and(|t| !t.trim().is_empty())
    });
    out.sort_by_key(|s| (s.open, s.depth));
    out
}

/// Whether a quote is a scare quote or short quoted phrase: at most three
/// words, not ending like a sentence or clause ("heroism", "by the order",
/// "not happy"; but not "A good meeting,").
pub fn is_scare(quoted: &str) -> bool {
    let t = quoted.trim();
    t.split_whitespace().count() <= 3 && !t.ends_with(['.', ',', '!', '?', '…'])
}

const SPEECH_VERBS: &str = r"went on to say|pointed out|chimed in|shot back|concluded|responded|recalled|conceded|admitted|complained|predicted|cautioned|emphasized|stressed|contended|maintained|observed|said|says|say|saying|told|tells|telling|stated|states|stating|wrote|writes|writing|added|adds|adding|urged|urges|described|describes|describing|called|calls|calling|labeled|labelled|labels|labelling|labeling|claimed|claims|insisted|insists|declared|declares|announced|warned|acknowledged|praised|praising|questioned|asked|noted|reported|reports|confirmed|accused|vowed|hailed|posted|explained|continued|argued|replied|remarked|tweeted|congratulated|thanked";

/// Whether a lower-case word is one of the one-word speech verbs that
/// attribute quotes ("said", "insisted", "confirmed"): matching leaves them
/// out of a claim's frame, since who reports a fact, and how, is not the fact.
pub fn is_speech_verb(word: &str) -> bool {
    static WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
        SPEECH_VERBS
            .split('|')
            .filter(|w| !w.contains(' '))
            .collect()
    });
    WORDS.contains(word)
}

static AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[,!?]?\s*(?:(?P<pro>he|she|they|it)|(?P<name>(?:the |The )?[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*)*))(?:, [^,“”‘’]{{1,80}},)?\s+(?:also |then |later |previously |had |has )?(?:{SPEECH_VERBS})\b|^[,!?]?\s*(?:said|added|wrote|says) (?P<name2>(?:the )?[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*)*)"
    ))
    .expect("valid regex")
});

static VERB: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b(?:{SPEECH_VERBS})\b")).expect("valid regex"));

/// Start of the sentence of `doc` containing byte `pos`, else the start of
/// its line.
fn sentence_start(text: &str, doc: &Document, pos: usize) -> usize {
    sentence_index(doc, pos)
        .and_then(|i| doc.sentences.get(i))
        .map(|s| s.start)
        .unwrap_or_else(|| {
            text.get(..pos)
                .and_then(|t| t.rfind('\n'))
                .map_or(0, |p| p + 1)
        })
}

/// Index of the sentence containing `pos`, if any.
fn sentence_index(doc: &Document, pos: usize) -> Option<usize> {
    // Sentences are in text order and do not overlap.
    let i = doc.sentences.partition_point(|s| s.start <= pos);
    i.checked_sub(1)
        .filter(|&i| doc.sentences.get(i).is_some_and(|s| pos < s.end))
}

/// The subject of the nearest of the (up to three) sentences before `pos`
/// that starts with a name followed by a verb ("Chile’s National
/// Disaster Service confirmed ...").
fn recent_subject(text: &str, doc: &Document, pos: usize) -> Option<String> {
    let si = sentence_index(doc, pos)?;
    (si.saturating_sub(3)..si)
        .rev()
        .filter_map(|i| doc.sentences.get(i))
        .find_map(|s| text.get(s.start..s.end).and_then(subject_at_start))
}

/// Finds the quotes of the whole article text with their speakers, in text
/// order (an enclosing quote before the quotes nested in it).
pub fn find_quotes(text: &str, doc: &Document) -> Vec<Quote> {
    let spans = spans(text);
    if spans.is_empty() {
        return Vec::new();
    }
    let names = full_names(text);
    let mut out: Vec<Quote> = Vec::with_capacity(spans.len());
    let mut prev_speaker: Option<(usize, String)> = None; // (close_end, speaker)
    for (qi, sp) in spans.iter().enumerate() {
        let quoted = text.get(sp.start..sp.end).unwrap_or("");
        let sent_start = sentence_start(text, doc, sp.open);
        // An enclosing quote gives its speaker to the quotes inside it.
        let outer = (qi.saturating_sub(32)..qi).rev().find(|&o| {
            spans.get(o).is_some_and(|o| {
                o.open < sp.open && sp.close_end <= o.close_end && o.depth < sp.depth
            })
        });
        let mut speaker: Option<String> = None;
        if let Some(o) = outer {
            speaker = out.get(o).and_then(|q| q.speaker.clone());
        }
        // The previous quote, if it closed in this same sentence.
        let prev_same = qi
            .checked_sub(1)
            .and_then(|p| spans.get(p))
            .filter(|p| p.close_end > sent_start && p.close_end <= sp.open)
            .map(|p| (p.close_end, out.get(qi - 1).and_then(|q| q.speaker.clone())));
        let mut before_start = prev_same.as_ref().map_or(sent_start, |p| p.0);
        // A quote opening the paragraph after "..., tweeting:" takes its
        // lead-in from the end of the previous paragraph.
        if text
            .get(before_start..sp.open)
            .is_some_and(|b| b.trim().is_empty())
        {
            let head = text.get(..sp.open).unwrap_or("").trim_end();
            if head.ends_with(':') {
                let from = tail(text, head.len(), SPEAKER_WINDOW);
                before_start = head
                    .get(from..)
                    .and_then(|h| h.rfind('\n'))
                    .map_or(from, |p| from + p + 1);
            }
        }
        let before_start = before_start.max(tail(text, sp.open, SPEAKER_WINDOW));
        let before = text.get(before_start..sp.open).unwrap_or("");
        // After the quote, up to the end of its paragraph (or the window).
        let window_end = {
            let mut e = (sp.close_end + SPEAKER_WINDOW).min(text.len());
            while e < text.len() && !text.is_char_boundary(e) {
                e += 1;
            }
            e
        };
        let after_end = text
            .get(sp.close_end..window_end)
            .and_then(|t| t.find('\n'))
            .map_or(window_end, |p| sp.close_end + p);
        let after = text.get(sp.close_end..after_end).unwrap_or("");
        let mut pronoun = None;
        if speaker.is_none() {
            if let Some(c) = AFTER.captures(after) {
                if let Some(n) = c.name("name").or(c.name("name2")) {
                    speaker = super::attribution::clean_name(n.as_str());
                } else if let Some(p) = c.name("pro") {
                    pronoun = Some(p.as_str().to_string());
                }
            }
        }
        if speaker.is_none() && pronoun.is_none() {
            let verbs: Vec<_> = VERB.find_iter(before).collect();
            for v in verbs.iter().rev() {
                if matches!(v.as_str(), "adding" | "added") {
                    if let Some((_, Some(s))) = &prev_same {
                        speaker = Some(s.clone());
                        break;
                    }
                }
                match name_before(before.get(..v.start()).unwrap_or("")) {
                    Some(n) if matches!(n.as_str(), "he" | "she" | "they" | "it") => {
                        pronoun = Some(n);
                        break;
                    }
                    Some(n) => {
                        speaker = Some(n);
                        break;
                    }
                    None => {}
                }
            }
        }
        if speaker.is_none() && pronoun.is_none() {
            if let Some((_, s)) = &prev_same {
                speaker = s.clone();
            }
        }
        // A quote that goes on after the previous one in the same paragraph,
        // or opens the paragraph right after it, has the same speaker.
        if speaker.is_none() && pronoun.is_none() && outer.is_none() {
            if let Some(p) = qi.checked_sub(1).and_then(|p| spans.get(p)) {
                let between = text.get(p.close_end..sp.open).unwrap_or("");
                let opens_paragraph = text
                    .get(..sp.open)
                    .map(|t| t.trim_end_matches([' ', '\t']))
                    .is_some_and(|t| t.is_empty() || t.ends_with('\n'));
                let lines = between.split('\n').filter(|l| !l.trim().is_empty()).count();
                let continues = (!between.contains('\n') && between.len() < 300)
                    || (opens_paragraph && lines <= 1 && between.len() < 200);
                if continues && p.close_end <= sp.open {
                    speaker = out.get(qi - 1).and_then(|q| q.speaker.clone());
                }
            }
        }
        if speaker.is_none() && pronoun.is_none() {
            if let Some(s) = text.get(sent_start..sp.open).and_then(subject_at_start) {
                if matches!(s.as_str(), "he" | "she" | "they" | "it") {
                    pronoun = Some(s);
                } else if s.contains(' ') || names.capitalised_mid_sentence(text, &s) {
                    // A one-word sentence start must be a name elsewhere too
                    // ("Scholz congratulated", not "Pressure mounted").
                    speaker = Some(s);
                }
            }
        }
        if let Some(p) = pronoun {
            let recent_quote = prev_speaker
                .as_ref()
                .filter(|(end, _)| sp.open.saturating_sub(*end) < 400)
                .map(|(_, s)| s.clone());
            speaker = match p.as_str() {
                "he" | "she" => recent_quote.or_else(|| recent_subject(text, doc, sp.open)),
                _ => recent_subject(text, doc, sp.open),
            };
        }
        let speaker = speaker.map(|s| expand_name_in(text, &names, sp.open, &s));
        if let Some(s) = &speaker {
            prev_speaker = Some((sp.close_end, s.clone()));
        }
        out.push(Quote {
            text: quoted.to_string(),
            start: sp.start,
            end: sp.end,
            speaker,
            scare: is_scare(quoted),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::bundled;
    use crate::text::segment;

    #[test]
    fn speech_verbs_are_single_words_of_the_list() {
        for w in ["said", "insisted", "acknowledged", "tweeted"] {
            assert!(is_speech_verb(w), "{w}");
        }
        // Phrases ("pointed out") are not single words; content verbs and
        // capitalised forms are not speech verbs.
        for w in ["pointed", "out", "contaminated", "Said", ""] {
            assert!(!is_speech_verb(w), "{w}");
        }
    }

    fn seed_quotes(n: usize) -> (String, Vec<Quote>) {
        let a = bundled().articles.swap_remove(n);
        let doc = segment(&a.text);
        let q = find_quotes(&a.text, &doc);
        for x in &q {
            assert_eq!(a.text.get(x.start..x.end), Some(x.text.as_str()));
        }
        (a.text, q)
    }

    fn quote<'a>(qs: &'a [Quote], starts: &str) -> &'a Quote {
        qs.iter()
            .find(|q| q.text.starts_with(starts))
            .unwrap_or_else(|| panic!("no quote {starts:?} in {qs:#?}"))
    }

    fn speaker<'a>(qs: &'a [Quote], starts: &str) -> &'a str {
        quote(qs, starts).speaker.as_deref().unwrap_or("")
    }

    #[test]
    fn speakers_in_000() {
        let (_, q) = seed_quotes(0);
        assert_eq!(speaker(&q, "They who fought for justice"), "Kim Jong Un");
        assert_eq!(speaker(&q, "I want to point out"), "Valery Gerasimov");
        assert_eq!(speaker(&q, "not happy"), "Donald Trump");
        assert_eq!(
            speaker(&q, "I am not happy"),
            "Donald Trump",
            "‘...,’ he wrote"
        );
        assert_eq!(
            speaker(&q, "Vladimir, STOP!"),
            "Donald Trump",
            "Trump urged"
        );
        assert_eq!(speaker(&q, "tapping me along"), "Donald Trump");
        assert_eq!(
            speaker(&q, "makes me think"),
            "Donald Trump",
            "The US President"
        );
        assert_eq!(speaker(&q, "Banking"), "Donald Trump", "nested");
        assert_eq!(
            speaker(&q, "Through real-time"),
            "South Korea’s National Intelligence Service",
            "they said"
        );
        // Gerasimov's quote runs over two paragraphs.
        let g = quote(&q, "I want to point out");
        assert!(g.text.contains("armed forces.\n‘Soldiers and officers"));
        assert!(g.text.ends_with("Ukrainian invasion."));
        assert!(!g.scare);
        // Scare quotes are marked.
        assert!(quote(&q, "important contribution").scare);
        assert!(quote(&q, "unconditionally").scare);
        // Apostrophes are not quote marks.
        assert!(q
            .iter()
            .all(|x| !x.text.starts_with("s ") && !x.text.contains("funeral")));
    }

    #[test]
    fn speakers_in_001_to_004() {
        let (_, q) = seed_quotes(1);
        let s = quote(&q, "They are numerous.");
        assert_eq!(s.speaker.as_deref(), Some("Oleksandr Syrskyi"));
        assert!(
            s.text.ends_with("They rely on their numbers."),
            "spans sentences"
        );
        assert_eq!(speaker(&q, "North Korea taking part"), "Jeon Ha Gyu");
        assert_eq!(speaker(&q, "shoulder to shoulder"), "Vladimir Putin");
        assert_eq!(speaker(&q, "an act against humanity"), "Koo Byongsam");
        assert!(quote(&q, "heroism").scare);

        let (_, q) = seed_quotes(2);
        assert_eq!(speaker(&q, "The operations for liberating"), "the KCNA");
        assert_eq!(
            speaker(&q, "according to the order"),
            "the KCNA",
            "adding that"
        );
        assert_eq!(speaker(&q, "They who fought"), "Kim Jong-un");
        assert_eq!(speaker(&q, "fully conforms"), "the KCNA");
        assert!(quote(&q, "by the order").scare);
        assert!(quote(&q, "liberate").scare);
        assert!(!quote(&q, "They who fought").scare);

        let (_, q) = seed_quotes(3);
        assert_eq!(speaker(&q, "Kim Jong Un determined"), "the KCNA");
        assert!(quote(&q, "sacred mission").scare);

        let (_, q) = seed_quotes(4);
        assert_eq!(
            speaker(&q, "I would like to separately note"),
            "Valery Gerasimov"
        );
        assert_eq!(speaker(&q, "significant assistance"), "Valery Gerasimov");
        assert_eq!(speaker(&q, "the full defeat"), "Vladimir Putin");
        assert_eq!(speaker(&q, "A good meeting"), "Volodymyr Zelenskyy");
        assert_eq!(
            speaker(&q, "A very symbolic meeting"),
            "Volodymyr Zelenskyy",
            "adding:"
        );
        assert_eq!(speaker(&q, "very productive"), "the White House");
        assert!(!quote(&q, "A good meeting").scare);
    }

    /// BASIL (quote spans with speakers, 300 articles): how often our
    /// quote around a gold quoted phrase names the gold speaker. Skipped
    /// when the data is absent.
    #[test]
    fn basil_speaker_agreement() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/basil");
        let Ok(years) = std::fs::read_dir(root.join("articles")) else {
            eprintln!("basil data absent; skipped");
            return;
        };
        let (mut gold, mut covered, mut right) = (0usize, 0usize, 0usize);
        for y in years.flatten() {
            let Ok(files) = std::fs::read_dir(y.path()) else {
                continue;
            };
            for f in files.flatten() {
                let path = f.path();
                let Ok(art) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let Ok(art) = serde_json::from_str::<serde_json::Value>(&art) else {
                    continue;
                };
                let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
                    continue;
                };
                let ann_path = root
                    .join("annotations")
                    .join(y.file_name())
                    .join(format!("{stem}_ann.json"));
                let Ok(ann) = std::fs::read_to_string(ann_path) else {
                    continue;
                };
                let Ok(ann) = serde_json::from_str::<serde_json::Value>(&ann) else {
                    continue;
                };
                let paragraphs: Vec<String> = art["body-paragraphs"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|p| {
                        p.as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect();
                let text = paragraphs.join("\n\n");
                let doc = segment(&text);
                let quotes = find_quotes(&text, &doc);
                for q in &quotes {
                    assert_eq!(text.get(q.start..q.end), Some(q.text.as_str()));
                }
                for a in ann["phrase-level-annotations"]
                    .as_array()
                    .into_iter()
                    .flatten()
                {
                    let (Some("yes"), Some(sp), Some(txt)) = (
                        a["quote"].as_str(),
                        a["speaker"].as_str(),
                        a["txt"].as_str(),
                    ) else {
                        continue;
                    };
                    let Some(pos) = (!sp.is_empty()).then(|| text.find(txt)).flatten() else {
                        continue;
                    };
                    // Only gold speakers that are named people or bodies
                    // ("Donald_Trump", "NAACP"), not groups ("other_anti",
                    // "Democratic_lawmakers").
                    let named = sp
                        .split('_')
                        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                        && !sp.contains("Lawmakers")
                        && !sp.ends_with("Democrats")
                        && !sp.ends_with("Republicans");
                    if !named {
                        continue;
                    }
                    gold += 1;
                    let Some(q) = quotes.iter().find(|q| q.start <= pos && pos < q.end) else {
                        continue;
                    };
                    covered += 1;
                    let last = sp.rsplit('_').next().unwrap_or(sp);
                    if q.speaker.as_deref().is_some_and(|s| s.contains(last)) {
                        right += 1;
                    } else if std::env::var("BASIL_DEBUG").is_ok() {
                        let ctx_s = text.floor_char_boundary(q.start.saturating_sub(120));
                        let ctx_e = text.ceil_char_boundary((q.end + 80).min(text.len()));
                        eprintln!(
                            "MISS gold={sp} ours={:?}\n   {:?}",
                            q.speaker,
                            &text[ctx_s..ctx_e]
                        );
                    }
                }
            }
        }
        eprintln!(
            "basil: {gold} gold quoted phrases with named speakers; inside our quotes {covered}; \
             speaker right {right}"
        );
        assert!(
            covered == 0 || right * 2 >= covered,
            "speaker agreement under 50%"
        );
    }

    #[test]
    fn marks_and_edges() {
        let doc = |t: &str| segment(t);
        let t =
            "Korea’s army doesn’t quit. Pope Francis’ funeral was held in the countries’ capital.";
        assert!(find_quotes(t, &doc(t)).is_empty());
        let t = "He said \"we will win\" and left.";
        let q = find_quotes(t, &doc(t));
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].text, "we will win");
        assert_eq!(q[0].speaker, None, "no name for he");
        // An unclosed quote ends with its paragraph.
        let t = "Kim said: “We will fight on\nThe next paragraph is prose.";
        let q = find_quotes(t, &doc(t));
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].text, "We will fight on");
        assert_eq!(q[0].speaker.as_deref(), Some("Kim"));
        for t in [
            "“",
            "”",
            "‘’",
            "“”",
            "\"",
            "a “b",
            "‘x\n‘",
            "’’’‘‘‘“”\"\"",
            "“‘”’",
            "\n\n“\n",
        ] {
            for q in find_quotes(t, &doc(t)) {
                assert_eq!(t.get(q.start..q.end), Some(q.text.as_str()), "{t:?}");
            }
        }
    }
}
