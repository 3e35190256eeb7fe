//! Light-verb phrases read as the one verb they mean.
//!
//! News often says with a light verb and an adjective what another outlet
//! says with one verb: "the court found the banker guilty" / "convicted the
//! banker", "made its findings known" / "announced", "declared the strike
//! illegal" / "outlawed". WordNet defines those verbs by such phrases
//! ("convict": "find or declare guilty"), and `scripts/build_lexicon.py`
//! lists them (`data/lexicon/phrases.tsv`). Matching reads each phrase as
//! its verb, so that the verb's synonyms and opposites ("acquitted") meet
//! it.

use super::normalize::{tokenize, Token};
use crate::lexicon::lexicon;

/// Most words between a phrase's light verb and its adjective: the object
/// ("found *the former harbour director* guilty").
const PHRASE_GAP: usize = 5;

/// The tokens of `text` ([`tokenize`]) with every light-verb phrase read as
/// its verb (see [`fold_phrases`]): what matching compares.
pub fn content_tokens(text: &str) -> Vec<Token> {
    let mut tokens = tokenize(text);
    fold_phrases(text, &mut tokens);
    tokens
}

/// Reads each light-verb phrase in `tokens` (of `text`) as the verb it
/// means: the adjective's token becomes the verb (keeping the adjective's
/// place in the text) and the light verb's token is dropped. The verb takes
/// the adjective's place so that a negation between the two governs it:
/// "found not guilty" reads "not convict". A phrase lies within one clause,
/// in lower case (not a name: "Make Poverty History").
pub fn fold_phrases(text: &str, tokens: &mut Vec<Token>) {
    let lex = lexicon();
    let mut dropped = vec![false; tokens.len()];
    let mut changed = false;
    // Whether token `j` follows token `j - 1` in the same clause.
    let joined = |tokens: &[Token], j: usize| {
        text.get(tokens[j - 1].end..tokens[j].start)
            .is_some_and(|gap| !gap.contains([',', ';', ':', '.', '—', '(', ')', '"']))
    };
    for i in 0..tokens.len() {
        if tokens[i].capitalized || !lex.is_light_verb(&tokens[i].norm) {
            continue;
        }
        let last = (i + 1 + PHRASE_GAP).min(tokens.len().saturating_sub(1));
        for j in i + 1..=last {
            if !joined(tokens, j) || tokens[j].capitalized {
                break;
            }
            let Some(verb) = lex.phrase_verb(&tokens[i].norm, &tokens[j].norm) else {
                continue;
            };
            // An adjective before a content word modifies it ("made new
            // investments", "found safe haven"): no phrase.
            let attributive = j + 1 < tokens.len() && joined(tokens, j + 1) && !tokens[j + 1].stop;
            if attributive {
                break;
            }
            if let Some(mut t) = tokenize(verb).into_iter().next() {
                t.start = tokens[j].start;
                t.end = tokens[j].end;
                tokens[j] = t;
                dropped[i] = true;
                changed = true;
            }
            break;
        }
    }
    if changed {
        let mut keep = dropped.iter().map(|d| !d);
        tokens.retain(|_| keep.next().unwrap_or(true));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        content_tokens(text)
            .iter()
            .filter(|t| !t.stop)
            .map(|t| t.norm.to_string())
            .collect()
    }

    #[test]
    fn a_phrase_reads_as_its_verb() {
        assert_eq!(
            norms("A jury found the former banker guilty of fraud."),
            ["jury", "former", "banker", "convict", "fraud"]
        );
        assert_eq!(
            norms("The court declared the strike illegal."),
            ["court", "strike", "outlaw"]
        );
    }

    #[test]
    fn a_negation_between_governs_the_verb() {
        let toks = content_tokens("She was found not guilty.");
        let not = toks.iter().position(|t| &*t.norm == "not");
        let verb = toks.iter().position(|t| &*t.norm == "convict");
        assert!(not.is_some() && verb.is_some() && not < verb, "{toks:?}");
    }

    #[test]
    fn the_verb_keeps_the_adjectives_place() {
        let text = "They found him guilty.";
        let toks = content_tokens(text);
        let verb = toks.iter().find(|t| &*t.norm == "convict").expect("folded");
        assert_eq!(&text[verb.start..verb.end], "guilty");
    }

    #[test]
    fn no_phrase_across_a_clause_or_too_far_apart() {
        assert!(!norms("He found, to his surprise, the defendant guilty.")
            .contains(&"convict".to_string()));
        assert!(
            !norms("Police found the car of the young man from Leeds guilty.")
                .contains(&"convict".to_string())
        );
        assert_eq!(
            norms("The study found high levels of lead."),
            ["study", "found", "high", "levels", "lead"]
        );
        assert_eq!(
            norms("The fund made new investments."),
            ["fund", "made", "new", "investments"]
        );
        assert_eq!(
            norms("The region got better roads."),
            ["region", "got", "better", "roads"]
        );
    }
}
