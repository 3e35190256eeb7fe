//! The extracted article's HTML as plain text in the layout the segmenter
//! reads (see [`crate::text::segment`]): one block per line, blocks
//! separated by a blank line, list items as `- item`, headings and
//! captions on lines of their own, inline markup flattened, whitespace
//! collapsed.

use dom_query::{Document, NodeRef};

/// Deeper element nesting than this is flattened (its text still kept);
/// the scan has already refused pages much deeper than real ones.
const MAX_RENDER_DEPTH: usize = 600;

/// What a block element contributes to the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Inline content: flows into the current block.
    Inline,
    /// Starts and ends a block.
    Block,
    /// A list item: a block with a `- ` marker.
    Item,
    /// Dropped with everything inside (forms, embedded media).
    Skip,
}

fn role(name: &str) -> Role {
    match name {
        "p" | "div" | "section" | "article" | "main" | "header" | "footer" | "aside" | "h1"
        | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "pre" | "figure" | "figcaption"
        | "caption" | "table" | "tr" | "ul" | "ol" | "dl" | "dt" | "dd" | "address" | "hr"
        | "details" | "summary" | "center" | "hgroup" | "tbody" | "thead" | "tfoot" => Role::Block,
        "li" => Role::Item,
        "script" | "style" | "noscript" | "template" | "form" | "button" | "select" | "input"
        | "textarea" | "iframe" | "object" | "embed" | "svg" | "math" | "canvas" | "video"
        | "audio" | "map" | "head" | "title" | "meta" | "link" => Role::Skip,
        _ => Role::Inline,
    }
}

/// Collects blocks of text.
#[derive(Default)]
struct Writer {
    blocks: Vec<String>,
    current: String,
    /// The marker for the block being written (`- ` in a list item).
    marker: &'static str,
}

impl Writer {
    fn push_text(&mut self, text: &str) {
        for (i, word) in text.split(char::is_whitespace).enumerate() {
            // A whitespace boundary (the split's empty pieces included)
            // becomes one space, never at the start of a line.
            if i > 0 && !self.current.is_empty() && !self.current.ends_with([' ', '\n']) {
                self.current.push(' ');
            }
            self.current.push_str(word);
        }
    }

    fn line_break(&mut self) {
        let trimmed = self.current.trim_end_matches(' ').len();
        self.current.truncate(trimmed);
        if !self.current.is_empty() {
            self.current.push('\n');
        }
    }

    fn end_block(&mut self) {
        let lines: Vec<&str> = self
            .current
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if !lines.is_empty() {
            let text = lines.join("\n");
            self.blocks.push(format!("{}{}", self.marker, text));
        }
        self.current.clear();
        self.marker = "";
    }

    fn finish(mut self) -> String {
        self.end_block();
        self.blocks.join("\n\n")
    }
}

fn walk(node: &NodeRef, depth: usize, out: &mut Writer) {
    for child in node.children_it(false) {
        if child.is_text() {
            out.push_text(&child.text());
            continue;
        }
        if !child.is_element() {
            continue;
        }
        let name = child.node_name().map(|n| n.to_ascii_lowercase());
        let name = name.as_deref().unwrap_or("");
        if name == "br" {
            out.line_break();
            continue;
        }
        if matches!(name, "td" | "th") {
            // Cells of a row on one line, separated by a bar.
            if !out.current.trim().is_empty() {
                out.push_text(" | ");
            }
            walk(&child, depth + 1, out);
            continue;
        }
        let role = if depth >= MAX_RENDER_DEPTH {
            Role::Inline
        } else {
            role(name)
        };
        match role {
            Role::Skip => {}
            Role::Inline => walk(&child, depth + 1, out),
            Role::Block => {
                out.end_block();
                walk(&child, depth + 1, out);
                out.end_block();
            }
            Role::Item => {
                out.end_block();
                out.marker = "- ";
                walk(&child, depth + 1, out);
                out.end_block();
            }
        }
    }
}

/// The text of an HTML fragment (the extracted article's content).
pub fn render(html: &str) -> String {
    let doc = Document::from(html);
    let mut out = Writer::default();
    let root = doc.root();
    walk(&root, 0, &mut out);
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_lists_headings_and_inline_markup() {
        let html = "<div><h2>A  heading</h2><p>First <b>bold</b>\n  words,\tthen <a href=x>a link</a>.</p>\
                    <ul><li>One item.</li><li>Two <i>items</i>.</li></ul>\
                    <figure><img src=x><figcaption>The caption</figcaption></figure>\
                    <p>Line one<br>line two</p><script>var x = 'dropped';</script>\
                    <table><tr><th>Year</th><th>Count</th></tr><tr><td>2024</td><td>5</td></tr></table></div>";
        assert_eq!(
            render(html),
            "A heading\n\nFirst bold words, then a link.\n\n- One item.\n\n- Two items.\n\n\
             The caption\n\nLine one\nline two\n\nYear | Count\n\n2024 | 5"
        );
    }

    #[test]
    fn empty_and_whitespace_only() {
        assert_eq!(render("<div> <p>  </p> </div>"), "");
    }
}
