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

use super::attribution::{find_attribution, is_hedged};
use super::dates::find_dates;
use super::figures::find_figures;
use super::quotes::find_quotes;
use super::{Claim, ClaimKind};
use crate::corpus::Article;
use crate::text::{BlockKind, Document};

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
    let mut claims = Vec::new();
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
        let figures = find_figures(text, s.start);
        let dates = find_dates(text, s.start, article.date);
        let claim_quotes: Vec<_> = quotes
            .iter()
            .filter(|q| q.start < s.end && q.end > s.start)
            .cloned()
            .collect();
        let stated = claim_quotes.iter().filter(|q| !q.scare);
        let attributed_to = stated
            .clone()
            .find_map(|q| q.speaker.clone())
            .or_else(|| find_attribution(text))
            .or_else(|| claim_quotes.iter().find_map(|q| q.speaker.clone()));
        let has_statement_quote = stated.clone().next().is_some();
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
    #[ignore]
    fn dump() {
        for (a, claims) in seed_claims() {
            println!("=== {}", a.id);
            for c in claims {
                println!("[{}] {:.2} {:?} attr={:?} hedged={}\n  {}", c.id, c.score, c.kinds, c.attributed_to, c.hedged, c.text);
                for f in &c.figures {
                    println!("    FIG {:?} {:?}..{:?} {:?} {:?}", f.text, f.low, f.high, f.qualifier, f.unit);
                }
                for d in &c.dates {
                    println!("    DATE {:?} {:?} {:?}", d.text, d.date, d.precision);
                }
                for q in &c.quotes {
                    println!("    QUOTE {:?} by {:?} scare={}", q.text, q.speaker, q.scare);
                }
            }
        }
    }
}
