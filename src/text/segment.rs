//! Splitting an article into blocks and sentences.

use super::{Block, BlockKind, Document, Sentence};

/// Splits `text` into blocks (one per non-empty line) and sentences, every
/// span an exact byte range of `text`.
pub fn segment(text: &str) -> Document {
    let mut doc = Document::default();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let start = offset + (line.len() - line.trim_start().len());
            let end = start + trimmed.len();
            let kind = if trimmed.starts_with("- ") {
                BlockKind::Bullet
            } else if !trimmed.ends_with(['.', '"', '”', '’', '\'', '!', '?']) {
                if trimmed.split_whitespace().count() < 8 {
                    BlockKind::Heading
                } else {
                    BlockKind::Caption
                }
            } else {
                BlockKind::Paragraph
            };
            let block = doc.blocks.len();
            doc.blocks.push(Block { kind, start, end });
            let mut s = start;
            let bytes = text.as_bytes();
            let mut i = start;
            while i < end {
                if bytes[i] == b'.'
                    && i + 2 < end
                    && bytes[i + 1] == b' '
                    && bytes[i + 2].is_ascii_uppercase()
                {
                    doc.sentences.push(Sentence {
                        start: s,
                        end: i + 1,
                        block,
                    });
                    s = i + 2;
                }
                i += 1;
            }
            doc.sentences.push(Sentence {
                start: s,
                end,
                block,
            });
        }
        offset += line.len();
    }
    doc
}
