//! Text analysis: the structure of an article (blocks and sentences with
//! exact byte offsets) and the normalisation used for matching.
//!
//! Display always uses the original text; normalisation ([`normalize`]) is
//! for matching only.

pub mod display;
pub mod normalize;
pub mod phrases;
mod segment;

pub use segment::segment;

use serde::{Deserialize, Serialize};

/// What a block of text is, as far as layout tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// Running prose.
    Paragraph,
    /// A section heading or headline ("Key Takeaways").
    Heading,
    /// An item of a bulleted list.
    Bullet,
    /// A photo caption (no final full stop, often "Pictured: ...").
    Caption,
    /// A dateline ("Lima \[Peru\], April 28") or printed date line.
    Dateline,
    /// Navigation labels, embedded posts, link lists and other boilerplate
    /// ("- Category", a tweet with its t.co link, a "Sources" list).
    Boilerplate,
}

impl BlockKind {
    /// Whether sentences of this block may be claims at all.
    pub fn may_hold_claims(self) -> bool {
        matches!(
            self,
            BlockKind::Paragraph | BlockKind::Bullet | BlockKind::Caption
        )
    }
}

/// A run of text with one layout role: `text[start..end]`, trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// Layout role.
    pub kind: BlockKind,
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
}

/// One sentence: `text[start..end]`, trimmed, inside block `block`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// Index of the enclosing block in [`Document::blocks`].
    pub block: usize,
}

/// An article's layout: blocks in order, and the sentences of every block.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Blocks in text order, non-overlapping.
    pub blocks: Vec<Block>,
    /// Sentences in text order, non-overlapping, each inside its block.
    pub sentences: Vec<Sentence>,
}

impl Document {
    /// The layout role of sentence `i`.
    pub fn kind_of(&self, sentence: usize) -> BlockKind {
        self.sentences
            .get(sentence)
            .and_then(|s| self.blocks.get(s.block))
            .map_or(BlockKind::Paragraph, |b| b.kind)
    }
}
