//! Deciding which sentences are claims, how check-worthy they are, and
//! filling in their details.
//!
//! Every substantive sentence of a paragraph, bullet or caption is a claim,
//! so that matching downstream can find it; weak ones get a low score. Only
//! fragments without content are left out: fewer than four words, no
//! lower-case word (a title-case label), links and embedded-post lines,
//! photo credits. A caption that only describes a picture ("Pictured: ...")
//! is a claim with a low score.
//!
//! The score adds evidence of check-worthiness: a figure (most), a direct
//! quote, a named source, a date; then discounts captions and picture
//! descriptions.

use super::attribution::{expand_name_in, find_attribution, full_names, is_hedged};
use super::dates::find_dates;
use super::figures::{carries_over, find_figures, resolve_ellipsis};
use super::quotes::{find_quotes, MAX_QUOTE_BYTES};
use super::{Claim, ClaimKind};
use crate::corpus::Article;
use crate::text::{BlockKind, Document};
use regex::Regex;
use std::sync::LazyLock;

/// Modal and opinion words that make a sentence less check-worthy.
static SPECULATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:would|could|might|may|should|perhaps|possibly|likely|appears? to|I think|in my opinion)\b")
        .expect("valid regex")
});

/// Whether `text`, a sentence of a block that may hold claims, has enough
/// content to be a claim: at least four words with one of them lower-case,
/// and not a link line, embedded-post signature or photo credit.
pub fn is_claim_text(text: &str) -> bool {
    let t = text.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.len() < 4 {
        return false;
    }
    if !words
        .iter()
        .any(|w| w.chars().next().is_some_and(char::is_lowercase))
    {
        return false;
    }
    // A headline or label in title case ("Chile Officially Confirms
    // Death Toll of Quake in North"): every content word capitalised.
    let content: Vec<&str> = words
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| {
            !w.is_empty()
                && !matches!(
                    w.to_lowercase().as_str(),
                    "a" | "an"
                        | "the"
                        | "of"
                        | "to"
                        | "in"
                        | "on"
                        | "at"
                        | "for"
                        | "and"
                        | "or"
                        | "but"
                        | "by"
                        | "with"
                        | "from"
                        | "as"
                        | "vs"
                        | "into"
                )
        })
        .collect();
    if content.len() >= 4
        && content.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
    {
        return false;
    }
    if t.contains("http://") || t.contains("https://") || t.contains("t.co/") || t.contains("www.")
    {
        return false;
    }
    // "— Military.com (@Militarydotcom) April 28, 2025"
    if t.starts_with(['—', '–']) && t.contains('@') {
        return false;
    }
    let lower = t.to_lowercase();
    let credit_prefixes = [
        "photo:",
        "photo by",
        "photograph:",
        "image:",
        "credit:",
        "picture:",
        "(photo",
        "getty images",
        "file photo",
    ];
    if credit_prefixes.iter().any(|p| lower.starts_with(p)) && words.len() < 10 {
        return false;
    }
    if words.len() < 8
        && (lower.ends_with("getty images")
            || lower.ends_with("/ reuters")
            || lower.ends_with("/ ap")
            || lower.ends_with("/ afp"))
    {
        return false;
    }
    true
}

/// The claims of one article (index `article` in the corpus), in text order.
pub fn extract(article_index: usize, article: &Article, doc: &Document) -> Vec<Claim> {
    let quotes = find_quotes(&article.text, doc);
    let mut by_start: Vec<usize> = (0..quotes.len()).collect();
    by_start.sort_by_key(|&qi| quotes.get(qi).map_or(0, |q| q.start));
    let mut names: Option<super::attribution::Names> = None;
    let mut claims = Vec::new();
    // The unit of the last counted figure in the current block, for counts
    // that leave their noun out ("an additional 3,000 were hired").
    let mut last_unit: Option<(usize, String)> = None;
    for (si, s) in doc.sentences.iter().enumerate() {
        let kind = doc.kind_of(si);
        if !kind.may_hold_claims() {
            continue;
        }
        let Some(text) = article.text.get(s.start..s.end) else {
            continue;
        };
        if !is_claim_text(text) {
            continue;
        }
        // The headline printed in the text is a heading, whatever the layout.
        if article
            .title
            .as_deref()
            .is_some_and(|t| t.trim() == text.trim())
        {
            continue;
        }
        let mut figures = find_figures(text, s.start);
        let previous = last_unit
            .as_ref()
            .filter(|(block, _)| *block == s.block)
            .map(|(_, u)| u.as_str());
        resolve_ellipsis(text, s.start, &mut figures, previous);
        if let Some(u) = figures
            .iter()
            .rev()
            .find_map(|f| f.unit.as_deref().filter(|u| carries_over(u)))
        {
            last_unit = Some((s.block, u.to_string()));
        }
        let dates = find_dates(text, s.start, article.date);
        // Quotes are at most MAX_QUOTE_BYTES long, so only those starting in
        // that window before the sentence can overlap it (no scan of all
        // quotes per sentence).
        let from = s.start.saturating_sub(MAX_QUOTE_BYTES + 8);
        let lo = by_start.partition_point(|&qi| quotes.get(qi).is_some_and(|q| q.start < from));
        let hi = by_start.partition_point(|&qi| quotes.get(qi).is_some_and(|q| q.start < s.end));
        let mut overlapping: Vec<usize> = by_start
            .get(lo..hi)
            .unwrap_or(&[])
            .iter()
            .copied()
            .filter(|&qi| quotes.get(qi).is_some_and(|q| q.end > s.start))
            .collect();
        overlapping.sort_unstable();
        let mut claim_quotes: Vec<_> = overlapping
            .into_iter()
            .filter_map(|qi| quotes.get(qi).cloned())
            .collect();
        let stated = claim_quotes.iter().filter(|q| !q.scare);
        let attributed_to = stated
            .clone()
            .find_map(|q| q.speaker.clone())
            .or_else(|| {
                // A bare surname as source is expanded like a speaker's
                // ("Scholz has claimed" → "Olaf Scholz").
                find_attribution(text).map(|src| {
                    if src.contains(' ') || src.chars().count() < 3 {
                        return src;
                    }
                    let names = names.get_or_insert_with(|| full_names(&article.text));
                    expand_name_in(&article.text, names, s.start, &src)
                })
            })
            .or_else(|| claim_quotes.iter().find_map(|q| q.speaker.clone()));
        let has_statement_quote = stated.clone().next().is_some();
        // Quoted words with no speaker of their own, inside a sentence with
        // a named source, are that source's words ("according to the agency,
        // ... “by the order” of ...").
        if let Some(src) = &attributed_to {
            for q in claim_quotes.iter_mut().filter(|q| q.speaker.is_none()) {
                if s.start <= q.start && q.end <= s.end {
                    q.speaker = Some(src.clone());
                }
            }
        }
        let hedged = is_hedged(text);

        let mut kinds = Vec::new();
        if !figures.is_empty() {
            kinds.push(ClaimKind::Figure);
        }
        if has_statement_quote {
            kinds.push(ClaimKind::Quote);
        }
        if attributed_to.is_some() {
            kinds.push(ClaimKind::Attribution);
        }
        if !dates.is_empty() {
            kinds.push(ClaimKind::DatedEvent);
        }
        if kinds.is_empty() {
            kinds.push(ClaimKind::Statement);
        }

        let words = text.split_whitespace().count();
        let mut score: f32 = 0.3;
        if figures.iter().any(|f| f.unit.is_some()) {
            score += 0.35;
        } else if !figures.is_empty() {
            score += 0.2;
        }
        if has_statement_quote {
            score += 0.15;
        } else if !claim_quotes.is_empty() {
            score += 0.05;
        }
        if attributed_to.is_some() {
            score += 0.15;
        }
        if !dates.is_empty() {
            score += 0.1;
        }
        if words < 8 {
            score -= 0.1;
        }
        // Names make a sentence checkable; speculation makes it less so.
        let named = text
            .split_whitespace()
            .skip(1)
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        if named >= 2 {
            score += 0.05;
        }
        if figures.is_empty() && SPECULATIVE.is_match(text) {
            score -= 0.05;
        }
        if kind == BlockKind::Caption {
            score *= 0.8;
        }
        if text.trim_start().starts_with("Pictured") && figures.is_empty() {
            score = score.min(0.2);
        }
        let score = score.clamp(0.05, 1.0);

        claims.push(Claim {
            id: format!("{}/{}", article.id, claims.len() + 1),
            article: article_index,
            sentence: si,
            start: s.start,
            end: s.end,
            text: text.to_string(),
            kinds,
            score,
            figures,
            dates,
            quotes: claim_quotes,
            attributed_to,
            hedged,
        });
    }
    claims
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::bundled;
    use crate::text::segment;

    fn seed_claims() -> Vec<(Article, Vec<Claim>)> {
        bundled()
            .articles
            .into_iter()
            .enumerate()
            .map(|(i, a)| {
                let doc = segment(&a.text);
                let c = extract(i, &a, &doc);
                (a, c)
            })
            .collect()
    }

    #[test]
    fn claim_text_is_the_article_slice() {
        for (a, claims) in seed_claims() {
            assert!(!claims.is_empty(), "{}", a.id);
            for (n, c) in claims.iter().enumerate() {
                assert_eq!(
                    a.text.get(c.start..c.end),
                    Some(c.text.as_str()),
                    "{}",
                    c.id
                );
                assert_eq!(c.id, format!("{}/{}", a.id, n + 1));
                assert!((0.0..=1.0).contains(&c.score), "{}", c.id);
                assert!(!c.kinds.is_empty());
                for f in &c.figures {
                    assert_eq!(a.text.get(f.start..f.end), Some(f.text.as_str()));
                    assert!(c.start <= f.start && f.end <= c.end);
                }
                for d in &c.dates {
                    assert_eq!(a.text.get(d.start..d.end), Some(d.text.as_str()));
                }
                for q in &c.quotes {
                    assert_eq!(a.text.get(q.start..q.end), Some(q.text.as_str()));
                    assert!(q.start < c.end && q.end > c.start);
                }
            }
        }
    }

    fn find<'a>(claims: &'a [(Article, Vec<Claim>)], text: &str) -> Option<&'a Claim> {
        claims
            .iter()
            .flat_map(|(_, c)| c)
            .find(|c| c.text.contains(text))
    }

    #[test]
    fn labels_headings_and_boilerplate_are_never_claims() {
        let all = seed_claims();
        for label in [
            "Key Takeaways",
            "Category",
            "Latest news",
            "Casualties and Military Performance",
            "International Condemnation",
            "t.co/",
            "@Militarydotcom",
            "North Korea Officially Confirms Deployment of Troops",
            "North Korea confirms for first time its troops fought",
        ] {
            assert!(find(&all, label).is_none(), "{label}");
        }
        for (a, claims) in &all {
            let doc = segment(&a.text);
            for c in claims {
                assert!(doc.kind_of(c.sentence).may_hold_claims(), "{}", c.id);
            }
        }
        // Whatever the text, a heading block holds no claims.
        let a = Article::new(
            "h",
            "Ukrainian officials believe 14,000 troops were deployed.",
        );
        let doc = Document {
            blocks: vec![crate::text::Block {
                kind: BlockKind::Heading,
                start: 0,
                end: a.text.len(),
            }],
            sentences: vec![crate::text::Sentence {
                start: 0,
                end: a.text.len(),
                block: 0,
            }],
        };
        assert!(extract(0, &a, &doc).is_empty());
        assert!(!is_claim_text("Sources"));
        assert!(!is_claim_text("Photo: Reuters"));
        assert!(!is_claim_text("Key Takeaways From The Summit"));
        assert!(!is_claim_text(
            "North Korea Officially Confirms Deployment of Troops to Russia to Fight Against Ukraine"
        ));
        assert!(is_claim_text(
            "President Donald Trump and Ukraine’s President Volodymyr Zelensky at their contentious Oval Office meeting in February"
        ));
    }

    #[test]
    fn every_prose_sentence_is_a_claim() {
        for (a, claims) in seed_claims() {
            let doc = segment(&a.text);
            for (si, s) in doc.sentences.iter().enumerate() {
                let text = &a.text[s.start..s.end];
                if doc.kind_of(si) == BlockKind::Paragraph
                    && text.split_whitespace().count() >= 6
                    && a.title.as_deref() != Some(text)
                {
                    assert!(claims.iter().any(|c| c.sentence == si), "{text}");
                }
            }
        }
    }

    #[test]
    fn captions_and_scores() {
        let all = seed_claims();
        let c = find(&all, "as many as 14,000 troops to the frontlines").expect("caption claim");
        assert!(c.kinds.contains(&ClaimKind::Figure));
        assert!(c.score >= 0.5, "{}", c.score);
        assert_eq!(c.attributed_to.as_deref(), Some("Ukrainian officials"));
        let weak = find(&all, "That would represent the most significant").expect("weak claim");
        assert_eq!(weak.kinds, vec![ClaimKind::Statement]);
        assert!(weak.score < c.score);
        // A bare picture description is a claim with a low score at most.
        let a = Article::new(
            "p",
            "Pictured: North Korean soldiers march during a mass military parade in Pyongyang",
        );
        let doc = segment(&a.text);
        for c in extract(0, &a, &doc) {
            assert!(c.score <= 0.2, "{}", c.score);
        }
    }

    #[test]
    fn kinds_quotes_and_attribution_on_seeds() {
        let all = seed_claims();
        let kim = find(&all, "Kim Jong Un was quoted saying").expect("kim");
        assert!(kim
            .kinds
            .starts_with(&[ClaimKind::Quote, ClaimKind::Attribution]));
        assert_eq!(kim.attributed_to.as_deref(), Some("Kim Jong Un"));
        let sky = find(&all, "Sky News reported").expect("sky");
        assert_eq!(sky.kinds[0], ClaimKind::Figure);
        let cont = find(&all, "Soldiers and officers of the Korean People").expect("continued");
        assert_eq!(cont.attributed_to.as_deref(), Some("Valery Gerasimov"));
        let syr = find(&all, "They rely on their numbers").expect("syrskyi");
        assert_eq!(syr.attributed_to.as_deref(), Some("Oleksandr Syrskyi"));
        let rep = find(&all, "Moscow is reportedly supplying").expect("reportedly");
        assert!(rep.hedged);
        assert_eq!(rep.attributed_to, None);
        let dated = find(&all, "on April 26, praised").expect("dated");
        assert!(dated.kinds.contains(&ClaimKind::DatedEvent));
        assert_eq!(
            dated.dates[0].date,
            chrono::NaiveDate::from_ymd_opt(2025, 4, 26),
            "resolved against 003's date"
        );
        let toll = find(&all, "at least 1,000 North Korean troops were killed").expect("toll");
        let casualties = find(&all, "around 4,000 of them").expect("casualties");
        let a = toll
            .figures
            .iter()
            .find(|f| f.unit.as_deref() == Some("killed"));
        let b = casualties
            .figures
            .iter()
            .find(|f| f.unit.as_deref() == Some("casualties"));
        let (Some(a), Some(b)) = (a, b) else {
            panic!("toll figures missing")
        };
        assert!(super::super::figures::comparable_units(
            a.unit.as_deref(),
            b.unit.as_deref()
        ));
        assert_ne!((a.low, a.high), (b.low, b.high), "reported as differing");
    }

    /// PolNeAR dev (gold source/cue/content spans): no panics, exact
    /// offsets, and how often a gold source is found as the attribution of
    /// the claim holding its cue. Skipped when the data is absent.
    #[test]
    fn polnear_attribution_agreement() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/data/polnear/data/dev");
        let Ok(entries) = std::fs::read_dir(dir.join("attributions")) else {
            eprintln!("polnear data absent; skipped");
            return;
        };
        let (mut gold, mut found, mut attributed, mut right) = (0usize, 0usize, 0usize, 0usize);
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            let Some(stem) = name.strip_suffix(".ann").and_then(|n| n.rsplit_once('_')) else {
                continue;
            };
            let Ok(text) =
                std::fs::read_to_string(dir.join("text").join(format!("{}.txt", stem.0)))
            else {
                continue;
            };
            let Ok(ann) = std::fs::read_to_string(e.path()) else {
                continue;
            };
            // brat offsets count characters; map them to bytes.
            let bytes: Vec<usize> = text
                .char_indices()
                .map(|(b, _)| b)
                .chain(std::iter::once(text.len()))
                .collect();
            let a = Article::new(stem.0, text.clone());
            let doc = segment(&a.text);
            let claims = extract(0, &a, &doc);
            for c in &claims {
                assert_eq!(a.text.get(c.start..c.end), Some(c.text.as_str()));
            }
            attributed += claims.iter().filter(|c| c.attributed_to.is_some()).count();
            let spans: std::collections::HashMap<&str, (usize, usize)> = ann
                .lines()
                .filter_map(|l| {
                    let mut f = l.split('\t');
                    let id = f.next()?;
                    let mut m = f.next()?.split(' ');
                    let _kind = m.next()?;
                    let s: usize = m.next()?.parse().ok()?;
                    let e: usize = m.next()?.parse().ok()?;
                    Some((id, (*bytes.get(s)?, *bytes.get(e)?)))
                })
                .collect();
            for l in ann.lines().filter(|l| l.starts_with('E')) {
                let get = |role: &str| {
                    l.split(|c: char| c.is_whitespace())
                        .find_map(|p| p.strip_prefix(role))
                        .and_then(|id| spans.get(id))
                        .copied()
                };
                let (Some(src), Some(cue)) = (get("Source:"), get("Cue:")) else {
                    continue;
                };
                let Some(c) = claims.iter().find(|c| c.start <= cue.0 && cue.1 <= c.end) else {
                    continue;
                };
                if !(c.start <= src.0 && src.1 <= c.end) {
                    continue;
                }
                gold += 1;
                let g = &text[src.0..src.1];
                let cue_t = &text[cue.0..cue.1];
                if std::env::var("POLNEAR_DEBUG").is_ok() {
                    eprintln!("GOLD {g:?} CUE {cue_t:?} OURS {:?}", c.attributed_to);
                }
                let Some(ours) = &c.attributed_to else {
                    continue;
                };
                found += 1;
                let (o, g) = (ours.to_lowercase(), g.to_lowercase());
                let surname = o.split_whitespace().last().unwrap_or("");
                if o.contains(&g) || g.contains(&o) || g.split_whitespace().any(|w| w == surname) {
                    right += 1;
                }
            }
        }
        eprintln!(
            "polnear dev: {gold} in-sentence gold sources; attribution given for {found}, \
             matching the gold source {right}; {attributed} claims attributed"
        );
        assert!(gold == 0 || right * 4 >= gold, "agreement under 25%");
    }

    /// Deterministic mutation fuzzing of the seeds: splice in quote marks,
    /// digits, dashes and multi-byte characters; nothing may panic and all
    /// offsets must stay exact.
    #[test]
    fn mutated_seeds_never_panic() {
        let pieces = [
            "‘",
            "’",
            "“",
            "”",
            "\"",
            "'",
            "-",
            "–",
            "—",
            "\n",
            "\n\n",
            "1",
            "12,000",
            "$",
            "%",
            " between ",
            " and ",
            " more than ",
            "é",
            "😀",
            " said ",
            ", ",
            ".",
            ":",
            " he ",
            " June ",
            " 2024",
            " last ",
            " Monday",
            " troops",
            " killed or injured",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for a in bundled().articles {
            for _ in 0..40 {
                let mut t = a.text.clone();
                for _ in 0..30 {
                    let mut at = (next() % (t.len() as u64 + 1)) as usize;
                    while !t.is_char_boundary(at) {
                        at -= 1;
                    }
                    let p = pieces[(next() % pieces.len() as u64) as usize];
                    if next() % 3 == 0 {
                        let mut end = (at + (next() % 8) as usize).min(t.len());
                        while !t.is_char_boundary(end) {
                            end -= 1;
                        }
                        t.replace_range(at..end, "");
                    } else {
                        t.insert_str(at, p);
                    }
                }
                let mut art = Article::new(a.id.clone(), t);
                art.date = chrono::NaiveDate::from_ymd_opt(2025, 4, 28);
                let doc = segment(&art.text);
                for c in extract(0, &art, &doc) {
                    assert_eq!(art.text.get(c.start..c.end), Some(c.text.as_str()));
                    for f in &c.figures {
                        assert_eq!(art.text.get(f.start..f.end), Some(f.text.as_str()));
                    }
                    for d in &c.dates {
                        assert_eq!(art.text.get(d.start..d.end), Some(d.text.as_str()));
                    }
                    for q in &c.quotes {
                        assert_eq!(art.text.get(q.start..q.end), Some(q.text.as_str()));
                    }
                }
            }
        }
    }

    #[test]
    #[ignore]
    fn dump() {
        for (a, claims) in seed_claims() {
            println!("=== {}", a.id);
            for c in claims {
                println!(
                    "[{}] {:.2} {:?} attr={:?} hedged={}\n  {}",
                    c.id, c.score, c.kinds, c.attributed_to, c.hedged, c.text
                );
                for f in &c.figures {
                    println!(
                        "    FIG {:?} {:?}..{:?} {:?} {:?}",
                        f.text, f.low, f.high, f.qualifier, f.unit
                    );
                }
                for d in &c.dates {
                    println!("    DATE {:?} {:?} {:?}", d.text, d.date, d.precision);
                }
                for q in &c.quotes {
                    println!(
                        "    QUOTE {:?} by {:?} scare={}",
                        q.text, q.speaker, q.scare
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod huge_input_tests {
    use super::*;
    use crate::claims::quotes::MAX_QUOTE_BYTES;
    use crate::text::segment;

    /// One enormous line with stray quote marks: no quote longer than the
    /// cap, and every claim carries only quotes that overlap it (before the
    /// fix each claim under an unclosed mark copied the rest of the line).
    #[test]
    fn stray_quote_marks_on_one_huge_line_stay_bounded() {
        let unit = "“Officials said 12,000 troops were sent, Kim said. ";
        let text = unit.repeat(2_000);
        let article = Article::new("x", text.as_str());
        let doc = segment(&text);
        let claims = extract(0, &article, &doc);
        assert!(claims.len() > 1_000);
        for c in &claims {
            assert_eq!(&text[c.start..c.end], c.text);
            for q in &c.quotes {
                assert!(q.end - q.start <= MAX_QUOTE_BYTES);
                assert!(
                    q.start < c.end && q.end > c.start,
                    "quote outside its claim"
                );
                assert_eq!(&text[q.start..q.end], q.text);
            }
        }
    }
}

#[cfg(test)]
mod bench {
    use super::*;
    use crate::text::segment;

    /// Times each stage over PolNeAR train (run with --ignored --nocapture).
    #[test]
    #[ignore]
    fn stage_times() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/data/polnear/data/train/text");
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let texts: Vec<String> = entries
            .flatten()
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect();
        let docs: Vec<_> = texts.iter().map(|t| segment(t)).collect();
        let t = std::time::Instant::now();
        for (x, d) in texts.iter().zip(&docs) {
            std::hint::black_box(find_quotes(x, d));
        }
        eprintln!("quotes {:?}", t.elapsed());
        let t = std::time::Instant::now();
        for (x, d) in texts.iter().zip(&docs) {
            for s in &d.sentences {
                std::hint::black_box(find_figures(&x[s.start..s.end], s.start));
            }
        }
        eprintln!("figures {:?}", t.elapsed());
        let t = std::time::Instant::now();
        for (x, d) in texts.iter().zip(&docs) {
            for s in &d.sentences {
                std::hint::black_box(find_dates(&x[s.start..s.end], s.start, None));
            }
        }
        eprintln!("dates {:?}", t.elapsed());
        let t = std::time::Instant::now();
        for (x, d) in texts.iter().zip(&docs) {
            for s in &d.sentences {
                std::hint::black_box(find_attribution(&x[s.start..s.end]));
            }
        }
        eprintln!("attribution {:?}", t.elapsed());
        let t = std::time::Instant::now();
        for (i, (x, d)) in texts.iter().zip(&docs).enumerate() {
            std::hint::black_box(extract(i, &Article::new("x", x.clone()), d));
        }
        eprintln!("extract {:?} for {} articles", t.elapsed(), texts.len());
    }
}
