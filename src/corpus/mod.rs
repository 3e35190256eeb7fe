//! Loading articles: plain text, Markdown, JSON and JSONL files or whole
//! directories, plus the bundled article set compiled into the binary.
//!
//! Loading never stops at a bad file: every problem becomes a [`LoadWarning`]
//! naming the file (and line, for JSONL), and every good article still loads.

mod bundled;
mod load;
mod metadata;

pub use bundled::bundled;
pub use load::{load_paths, MAX_FILE_BYTES};
pub use metadata::{Metadata, MetadataEntry, METADATA_FILE};

use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashSet;
use std::fmt;
use std::path::PathBuf;

/// The story every article belongs to unless its input names one.
pub const DEFAULT_STORY: &str = "default";

/// One news article as loaded: its text and only the metadata that the text
/// itself states or the user supplied (never guessed).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// Unique id: the file stem for text files, the `id` field for JSON.
    pub id: String,
    /// Headline, where the input gives one.
    pub title: Option<String>,
    /// Publishing outlet, where the input gives one.
    pub outlet: Option<String>,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

impl fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
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
