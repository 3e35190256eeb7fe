//! A linear pre-pass over a page's tags that measures how deeply its
//! elements nest and how many there are, before the page is parsed.
//!
//! Why: building the tree costs time proportional to the nesting depth for
//! every element (the HTML parser's scope checks and the readability scoring
//! both walk the ancestors), so a page of a million nested `<div>`s would
//! take hours. Browsers cap the depth for the same reason (Blink at 512).
//! The scan uses html5ever's tokenizer, which is linear, and models only
//! the end tags the parser would imply (`<p>`, `<li>`, table cells), so a
//! real page measures about as deep as its tree.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::LocalName;
use std::cell::RefCell;

/// The page is fed to the tokenizer in pieces of this size, so that the
/// scan stops soon after a limit is passed.
const CHUNK_BYTES: usize = 64 * 1024;

/// Pages whose elements nest deeper than this are refused (the number
/// Blink's parser uses; real news pages stay below 100).
pub const MAX_DEPTH: usize = 512;

/// Pages with more elements than this are refused (a long news page has a
/// few thousand; 250,000 still extracts in about a second).
pub const MAX_ELEMENTS: usize = 250_000;

/// What the scan found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// Deepest nesting of open elements seen.
    pub max_depth: usize,
    /// Start tags seen.
    pub elements: usize,
}

#[derive(Default)]
struct Sink {
    stack: RefCell<Vec<LocalName>>,
    shape: RefCell<Shape>,
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
            | "param"
            | "keygen"
            | "frame"
            | "basefont"
            | "bgsound"
    )
}

/// Start tags that close an open `<p>`.
fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "details"
            | "dialog"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "ul"
            | "li"
            | "dd"
            | "dt"
    )
}

impl Sink {
    fn start(&self, name: &str, self_closing: bool) {
        let mut stack = self.stack.borrow_mut();
        let mut shape = self.shape.borrow_mut();
        shape.elements += 1;
        if is_void(name) || self_closing {
            return;
        }
        fn top(s: &[LocalName]) -> &str {
            s.last().map_or("", |n| n)
        }
        if closes_p(name) && top(&stack) == "p" {
            stack.pop();
        }
        match name {
            "li" if top(&stack) == "li" => {
                stack.pop();
            }
            "dt" | "dd" if matches!(top(&stack), "dt" | "dd") => {
                stack.pop();
            }
            "td" | "th" if matches!(top(&stack), "td" | "th") => {
                stack.pop();
            }
            "tr" => {
                if matches!(top(&stack), "td" | "th") {
                    stack.pop();
                }
                if top(&stack) == "tr" {
                    stack.pop();
                }
            }
            "option" if top(&stack) == "option" => {
                stack.pop();
            }
            _ => {}
        }
        stack.push(LocalName::from(name));
        shape.max_depth = shape.max_depth.max(stack.len());
    }

    fn end(&self, name: &str) {
        let mut stack = self.stack.borrow_mut();
        // An end tag closes the nearest open element of its name and every
        // element opened after it; a stray end tag is ignored.
        if let Some(pos) = stack.iter().rposition(|n| &**n == name) {
            stack.truncate(pos);
        }
    }
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        let name: &str = &tag.name;
        match tag.kind {
            TagKind::EndTag => {
                self.end(name);
                TokenSinkResult::Continue
            }
            TagKind::StartTag => {
                self.start(name, tag.self_closing);
                if tag.self_closing {
                    return TokenSinkResult::Continue;
                }
                // The elements whose content is not markup: tell the
                // tokenizer, as the tree builder would.
                match name {
                    "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                        TokenSinkResult::RawData(RawKind::Rawtext)
                    }
                    "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                    "plaintext" => TokenSinkResult::Plaintext,
                    _ => TokenSinkResult::Continue,
                }
            }
        }
    }
}

/// Measures the page's nesting depth and element count in one linear pass,
/// stopping early once [`MAX_DEPTH`] or [`MAX_ELEMENTS`] is passed.
pub fn scan(html: &str) -> Shape {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let queue = BufferQueue::default();
    let mut rest = html;
    while !rest.is_empty() {
        let mut cut = rest.len().min(CHUNK_BYTES);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (chunk, tail) = rest.split_at(cut);
        rest = tail;
        queue.push_back(StrTendril::from(chunk));
        let _ = tokenizer.feed(&queue);
        let shape = *tokenizer.sink.shape.borrow();
        if shape.max_depth > MAX_DEPTH || shape.elements > MAX_ELEMENTS {
            return shape;
        }
    }
    tokenizer.end();
    let shape = *tokenizer.sink.shape.borrow();
    shape
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn implied_end_tags_keep_real_pages_shallow() {
        let page = format!(
            "<html><body><ul>{}</ul><table>{}</table>{}</body></html>",
            "<li>item".repeat(1000),
            "<tr><td>a<td>b".repeat(1000),
            "<p>para".repeat(1000)
        );
        let s = scan(&page);
        assert!(s.max_depth <= 6, "{s:?}");
        assert_eq!(s.elements, 2 + 1 + 1000 + 1 + 3000 + 1000);
    }

    #[test]
    fn nesting_and_raw_text() {
        let page = format!("{}x{}", "<div>".repeat(500), "</div>".repeat(500));
        assert_eq!(scan(&page).max_depth, 500);
        // Past the limit the scan stops at the next piece of input.
        let page = "<div>".repeat(1_000_000);
        let s = scan(&page);
        assert!(s.max_depth > MAX_DEPTH && s.max_depth < 20_000, "{s:?}");
        // Tags inside a script or a comment are not elements.
        let page = "<script>var s = '<div><div><div>';</script><!-- <div><div> --><p>x</p>";
        assert_eq!(
            scan(page),
            Shape {
                max_depth: 1,
                elements: 2
            }
        );
    }
}
