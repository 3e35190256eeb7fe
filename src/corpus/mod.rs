//! Loading articles: plain text, Markdown, JSON, JSONL and HTML files or
//! whole directories, web pages by address, plus the bundled article set
//! compiled into the binary.
//!
//! Loading never stops at a bad file: every problem becomes a [`LoadWarning`]
//! naming the file (and line, for JSONL), and every good article still loads.

mod bundled;
pub mod cache;
pub mod fetch;
pub mod html;
mod inputs;
pub mod jsonl;
mod load;
mod metadata;
pub mod urls;

pub use bundled::bundled;
pub use inputs::load_inputs;
pub use load::{load_bytes, load_paths, MAX_FILE_BYTES, MAX_WARNINGS_PER_FILE};
pub use metadata::{Metadata, MetadataEntry, METADATA_FILE};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;
use std::path::PathBuf;

/// The story every article belongs to unless its input names one.
pub const DEFAULT_STORY: &str = "default";

/// One news article as loaded: its text and only the metadata that the text
/// itself states or the user supplied (never guessed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Unique id: the file stem for text files, the `id` field for JSON.
    pub id: String,
    /// Headline, where the input gives one.
    pub title: Option<String>,
    /// Publishing outlet, where the input gives one.
    pub outlet: Option<String>,
    /// Author as the input names them (web pages' bylines, a `byline`
    /// field in JSON).
    pub byline: Option<String>,
    /// Publication date, where the input gives one.
    pub date: Option<NaiveDate>,
    /// Address of the original, where the input gives one.
    pub url: Option<String>,
    /// Where the article was read from (a file path, or `data/articles/...`
    /// for the bundled set).
    pub path: Option<String>,
    /// Which story the article covers; only articles of one story are
    /// compared with each other.
    pub story: String,
    /// The full text exactly as read (a UTF-8 BOM removed, nothing else);
    /// all offsets elsewhere are byte offsets into this.
    pub text: String,
}

impl Article {
    /// A new article with the given id and text and no metadata.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Article {
            id: id.into(),
            title: None,
            outlet: None,
            byline: None,
            date: None,
            url: None,
            path: None,
            story: DEFAULT_STORY.to_string(),
            text: text.into(),
        }
    }

    /// A short name for lists: the title, else the first words of the text.
    pub fn display_title(&self) -> String {
        if let Some(t) = &self.title {
            return t.clone();
        }
        let first = self
            .text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or(&self.id);
        let mut out = String::new();
        for (i, w) in first.split_whitespace().enumerate() {
            if i >= 10 {
                out.push('…');
                break;
            }
            if i > 0 {
                out.push(' ');
            }
            out.push_str(w);
        }
        out
    }
}

/// A problem with one input: which file (and line), and what went wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadWarning {
    /// The file (or directory) concerned.
    pub path: PathBuf,
    /// 1-based line number, for line-oriented formats.
    pub line: Option<usize>,
    /// What went wrong and what was done about it.
    pub message: String,
}

impl LoadWarning {
    pub(crate) fn new(
        path: impl Into<PathBuf>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        LoadWarning {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
}

/// Longest message [`LoadWarning`]'s `Display` shows, in characters.
const MAX_MESSAGE_CHARS: usize = 300;

/// Writes `s` in its visible form (control and bidirectional-override
/// characters as `^[`, `<U+202E>`, line breaks as spaces, the same notation
/// as everywhere else, see [`crate::text::display`]), cut after `max`
/// characters: a warning stays one harmless line whatever a file name or
/// field holds.
fn write_escaped(f: &mut fmt::Formatter<'_>, s: &str, max: usize) -> fmt::Result {
    let shown = crate::text::display::sanitize(s);
    match shown.char_indices().nth(max) {
        Some((cut, _)) => {
            f.write_str(&shown[..cut])?;
            f.write_str("…")
        }
        None => f.write_str(&shown),
    }
}

impl fmt::Display for LoadWarning {
    /// `path:line: message` (or `path: message`) on one line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_escaped(f, &self.path.to_string_lossy(), usize::MAX)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        f.write_str(": ")?;
        write_escaped(f, &self.message, MAX_MESSAGE_CHARS)
    }
}

/// A file's identity on disk (device and inode): the same file whatever
/// name, symlink or hard link leads to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileId {
    /// Device holding the file.
    pub dev: u64,
    /// Inode number on that device.
    pub ino: u64,
}

impl FileId {
    /// The identity of the file `meta` describes.
    pub fn of(meta: &std::fs::Metadata) -> FileId {
        use std::os::unix::fs::MetadataExt;
        FileId {
            dev: meta.dev(),
            ino: meta.ino(),
        }
    }
}

/// The loaded articles and the warnings met while loading them.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Articles in load order (paths in the order given, directory entries
    /// sorted by name).
    pub articles: Vec<Article>,
    /// One entry per skipped file, record or field.
    pub warnings: Vec<LoadWarning>,
    /// Ids taken so far, to reject duplicates in constant time.
    ids: HashSet<String>,
    /// Every path given and every file opened while loading, so that an
    /// output naming one of them can be refused.
    inputs: HashSet<FileId>,
}

impl Corpus {
    /// A corpus of the given articles (later duplicates of an id are dropped
    /// with a warning).
    pub fn from_articles(articles: impl IntoIterator<Item = Article>) -> Self {
        let mut corpus = Corpus::default();
        for a in articles {
            corpus.push(a, std::path::Path::new("<memory>"), None);
        }
        corpus
    }

    /// Whether `file` was one of the inputs: a path given to
    /// [`load_paths`] or a file opened while loading (through any name).
    pub fn has_input(&self, file: FileId) -> bool {
        self.inputs.contains(&file)
    }

    /// Records that `file` was an input.
    pub(crate) fn add_input(&mut self, file: FileId) {
        self.inputs.insert(file);
    }

    /// Adds an article unless its id is taken, in which case the later one is
    /// skipped with a warning.
    pub(crate) fn push(&mut self, article: Article, origin: &std::path::Path, line: Option<usize>) {
        if !self.ids.insert(article.id.clone()) {
            self.warnings.push(LoadWarning::new(
                origin,
                line,
                format!(
                    "duplicate article id '{}': skipped (the first one is kept)",
                    article.id
                ),
            ));
            return;
        }
        self.articles.push(article);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_are_one_escaped_bounded_line() {
        let w = LoadWarning::new(
            "a\nb.json",
            Some(3),
            format!("field 'date' ('x\n\u{1b}[2J\u{202e}') {}", "y".repeat(1000)),
        );
        let s = w.to_string();
        assert!(
            s.starts_with("a b.json:3: field 'date' ('x ^[[2J<U+202E>') yyy"),
            "{s}"
        );
        assert!(!s.chars().any(char::is_control));
        assert!(s.ends_with('…') && s.chars().count() < 340, "{s}");
    }
}
