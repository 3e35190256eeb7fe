//! Deciding which sentences are claims and filling in their details.

use super::figures::find_figures;
use super::{Claim, ClaimKind};
use crate::corpus::Article;
use crate::text::Document;

/// The claims of one article (index `article` in the corpus), in text order.
pub fn extract(article_index: usize, article: &Article, doc: &Document) -> Vec<Claim> {
    let mut claims = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        if !doc.kind_of(si).may_hold_claims() {
            continue;
        }
        let Some(text) = article.text.get(s.start..s.end) else {
            continue;
        };
        let figures = find_figures(text, s.start);
        let mut kinds = Vec::new();
        if !figures.is_empty() {
            kinds.push(ClaimKind::Figure);
        }
        if kinds.is_empty() {
            kinds.push(ClaimKind::Statement);
        }
        claims.push(Claim {
            id: format!("{}/{}", article.id, claims.len() + 1),
            article: article_index,
            sentence: si,
            start: s.start,
            end: s.end,
            text: text.to_string(),
            kinds,
            score: 0.5,
            figures,
            dates: Vec::new(),
            quotes: Vec::new(),
            attributed_to: None,
        });
    }
    claims
}
