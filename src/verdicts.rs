//! Verdicts: what the person cross-checking concluded about a claim
//! (checked, disputed, false, needs a source), with an optional note.
//!
//! They are data, not display: the terminal browser sets them and `export`
//! includes them. They are kept in a small TOML file beside the inputs
//! ([`VERDICTS_FILE`] in the folder of the first path given), or in the
//! data directory for the bundled articles, written atomically (a new
//! temporary file, synced, then renamed over the old one).
//!
//! A verdict names its claim by article id, text and byte offset, not by
//! claim number, so that it survives changes to the claim extractor: on
//! load it goes to the claim of that article with the same text (at the
//! same offset where there are several). A verdict whose claim is no longer
//! found is kept in the file and counted, never dropped.

use crate::analysis::Analysis;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Name of the verdicts file in the inputs' folder (hidden, and not an
/// article extension, so the loader never reads it as an article).
pub const VERDICTS_FILE: &str = ".crosscheck-verdicts.toml";

/// The largest verdicts file read.
pub const MAX_VERDICTS_BYTES: u64 = 16 * 1024 * 1024;

/// What the person checking concluded about a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Checked and found right.
    Checked,
    /// Doubtful: other evidence disagrees.
    Disputed,
    /// Found wrong.
    False,
    /// Cannot be checked without a source.
    NeedsSource,
}

impl Verdict {
    /// Every verdict, in menu order.
    pub const ALL: [Verdict; 4] = [
        Verdict::Checked,
        Verdict::Disputed,
        Verdict::False,
        Verdict::NeedsSource,
    ];

    /// Words for lists and reports ("needs source").
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Checked => "checked",
            Verdict::Disputed => "disputed",
            Verdict::False => "false",
            Verdict::NeedsSource => "needs source",
        }
    }

    /// One-column marker for gutters and matrix cells.
    pub fn marker(self) -> char {
        match self {
            Verdict::Checked => '✓',
            Verdict::Disputed => '!',
            Verdict::False => '×',
            Verdict::NeedsSource => '?',
        }
    }
}

/// One verdict as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The article's id.
    pub article: String,
    /// The claim's id when it was marked (for reading the file; matching
    /// uses the text).
    pub claim: String,
    /// The claim's text.
    pub text: String,
    /// The claim's byte offset in its article.
    pub start: usize,
    /// The verdict.
    pub verdict: Verdict,
    /// A note, possibly empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDoc {
    #[serde(default)]
    verdict: Vec<Entry>,
}

/// A verdicts file that cannot be read or written.
#[derive(Debug, Error)]
pub enum VerdictError {
    /// Cannot open or read it, or it is not a regular file of a sane size.
    #[error("{}: {message}", .path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// Not a verdicts file.
    #[error("{}{}: bad verdicts file: {message}", .path.display(), .line.map_or(String::new(), |l| format!(":{l}")))]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line, where known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// Cannot write it.
    #[error("{}: cannot save verdicts: {source}", .path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// The verdicts of one set of inputs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerdictStore {
    path: Option<PathBuf>,
    entries: Vec<Entry>,
}

/// Where the verdicts of `inputs` are kept: [`VERDICTS_FILE`] in the first
/// input's folder (the folder itself, or a file's folder), or
/// `<data dir>/crosscheck/bundled-verdicts.toml` for the bundled articles
/// (no inputs). `None` when there is no data directory.
pub fn location(inputs: &[PathBuf]) -> Option<PathBuf> {
    let Some(first) = inputs.first() else {
        return dirs::data_dir().map(|d| d.join("crosscheck").join("bundled-verdicts.toml"));
    };
    let dir = if first.is_dir() {
        first.clone()
    } else {
        first
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    Some(dir.join(VERDICTS_FILE))
}

impl VerdictStore {
    /// An empty store that saves to `path`.
    pub fn new(path: Option<PathBuf>) -> VerdictStore {
        VerdictStore {
            path,
            entries: Vec::new(),
        }
    }

    /// The store kept at `path`: empty if the file does not exist.
    pub fn open(path: Option<PathBuf>) -> Result<VerdictStore, VerdictError> {
        let Some(p) = path else {
            return Ok(VerdictStore::new(None));
        };
        let Some(text) = read_limited(&p)? else {
            return Ok(VerdictStore::new(Some(p)));
        };
        let doc: FileDoc = toml::from_str(&text).map_err(|e| VerdictError::Parse {
            line: e.span().map(|s| line_of(&text, s.start)),
            message: e.message().trim().to_string(),
            path: p.clone(),
        })?;
        Ok(VerdictStore {
            path: Some(p),
            entries: doc.verdict,
        })
    }

    /// The store of `inputs` (see [`location`]).
    pub fn for_inputs(inputs: &[PathBuf]) -> Result<VerdictStore, VerdictError> {
        VerdictStore::open(location(inputs))
    }

    /// Where it is saved.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Every verdict, in the order they were first given.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Which claim of `analysis` each entry belongs to (`None`: its claim is
    /// no longer found), in entry order.
    pub fn resolve(&self, analysis: &Analysis) -> Vec<Option<usize>> {
        let mut by_article: HashMap<&str, usize> = HashMap::new();
        for (i, a) in analysis.articles.iter().enumerate() {
            by_article.entry(a.id.as_str()).or_insert(i);
        }
        let mut taken: HashSet<usize> = HashSet::new();
        self.entries
            .iter()
            .map(|e| {
                let a = *by_article.get(e.article.as_str())?;
                let range = analysis.claim_range(a);
                let same_text = |c: &usize| {
                    analysis.claims.get(*c).is_some_and(|cl| cl.text == e.text)
                        && !taken.contains(c)
                };
                let found = range
                    .clone()
                    .filter(same_text)
                    .find(|&c| analysis.claims[c].start == e.start)
                    .or_else(|| range.clone().find(same_text))?;
                taken.insert(found);
                Some(found)
            })
            .collect()
    }

    /// The verdicts by claim index, for display.
    pub fn by_claim(&self, analysis: &Analysis) -> HashMap<usize, (Verdict, String)> {
        self.resolve(analysis)
            .into_iter()
            .zip(&self.entries)
            .filter_map(|(c, e)| Some((c?, (e.verdict, e.note.clone()))))
            .collect()
    }

    /// Sets (or with `None` removes) the verdict of claim `claim`.
    pub fn set(&mut self, analysis: &Analysis, claim: usize, mark: Option<(Verdict, String)>) {
        let Some(c) = analysis.claims.get(claim) else {
            return;
        };
        let Some(article) = analysis.articles.get(c.article) else {
            return;
        };
        let resolved = self.resolve(analysis);
        let existing = resolved.iter().position(|&r| r == Some(claim));
        match (existing, mark) {
            (Some(i), Some((verdict, note))) => {
                let e = &mut self.entries[i];
                e.verdict = verdict;
                e.note = note;
                e.claim.clone_from(&c.id);
                e.start = c.start;
            }
            (Some(i), None) => {
                self.entries.remove(i);
            }
            (None, Some((verdict, note))) => self.entries.push(Entry {
                article: article.id.clone(),
                claim: c.id.clone(),
                text: c.text.clone(),
                start: c.start,
                verdict,
                note,
            }),
            (None, None) => {}
        }
    }

    /// Writes the store atomically: a new temporary file in the same
    /// folder, synced, then renamed over the old file (so an interrupted
    /// save leaves the old verdicts or the new ones, never half a file).
    pub fn save(&self) -> Result<(), VerdictError> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let err = |source| VerdictError::Write {
            path: path.clone(),
            source,
        };
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(err)?;
        let doc = FileDoc {
            verdict: self.entries.clone(),
        };
        let body = toml::to_string(&doc).map_err(|e| err(std::io::Error::other(e)))?;
        let text = format!(
            "# crosscheck verdicts: one [[verdict]] per marked claim (written by the browser)\n\n{body}"
        );
        let mut tmp = tempfile::Builder::new()
            .prefix(".crosscheck-verdicts.")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(err)?;
        tmp.write_all(text.as_bytes()).map_err(err)?;
        tmp.as_file().sync_all().map_err(err)?;
        tmp.persist(path).map_err(|e| err(e.error))?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

/// The text of `path` if it is a regular file of at most
/// [`MAX_VERDICTS_BYTES`]; `None` if it does not exist. Opened without
/// blocking, its type checked on the opened handle.
fn read_limited(path: &Path) -> Result<Option<String>, VerdictError> {
    let fail = |message: String| VerdictError::Read {
        path: path.to_path_buf(),
        message,
    };
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(fail(format!("cannot open: {e}"))),
    };
    let meta = file
        .metadata()
        .map_err(|e| fail(format!("cannot read: {e}")))?;
    if !meta.is_file() {
        return Err(fail("not a regular file: not read".into()));
    }
    let mut bytes = Vec::new();
    file.take(MAX_VERDICTS_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_VERDICTS_BYTES {
        return Err(fail(format!(
            "larger than {} MiB: not read",
            MAX_VERDICTS_BYTES >> 20
        )));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| fail("not UTF-8: not read".into()))
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Article, Corpus};

    fn analysis() -> Analysis {
        Analysis::build(Corpus::from_articles([
            Article::new(
                "a",
                "Officials said 14,000 troops were deployed in October. The ministry said 3,000 more arrived in Kursk.",
            ),
            Article::new("b", "Officials said 11,000 troops were deployed in October."),
        ]))
    }

    #[test]
    fn verdicts_survive_a_save_and_a_reload() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(VERDICTS_FILE);
        let an = analysis();
        let mut store = VerdictStore::open(Some(path.clone())).unwrap();
        assert!(store.entries().is_empty());
        store.set(&an, 1, Some((Verdict::Disputed, "two figures".into())));
        store.set(&an, 0, Some((Verdict::Checked, String::new())));
        store.save().unwrap();
        let again = VerdictStore::open(Some(path.clone())).unwrap();
        assert_eq!(again, store);
        let marks = again.by_claim(&an);
        assert_eq!(
            marks.get(&1),
            Some(&(Verdict::Disputed, "two figures".into()))
        );
        assert_eq!(marks.get(&0), Some(&(Verdict::Checked, String::new())));
        // Changing and removing.
        let mut store = again;
        store.set(&an, 1, Some((Verdict::False, "no".into())));
        store.set(&an, 0, None);
        store.save().unwrap();
        let again = VerdictStore::open(Some(path)).unwrap();
        assert_eq!(again.entries().len(), 1);
        assert_eq!(again.entries()[0].verdict, Verdict::False);
        // Only the file is left in the folder: no temporary file.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_verdict_whose_claim_is_gone_is_kept_but_not_shown() {
        let an = analysis();
        let mut store = VerdictStore::new(None);
        store.set(&an, 0, Some((Verdict::Checked, String::new())));
        store.entries[0].text = "A sentence no article has.".into();
        assert_eq!(store.resolve(&an), vec![None]);
        assert!(store.by_claim(&an).is_empty());
        assert_eq!(store.entries().len(), 1);
    }

    #[test]
    fn bad_files_are_errors_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(VERDICTS_FILE);
        std::fs::write(&path, "[[verdict]]\narticle = 3\n").unwrap();
        let e = VerdictStore::open(Some(path.clone()))
            .unwrap_err()
            .to_string();
        assert!(e.contains(VERDICTS_FILE) && e.contains(":2:"), "{e}");
        let e = VerdictStore::open(Some(dir.path().to_path_buf()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("not a regular file"), "{e}");
    }

    #[test]
    fn location_is_beside_the_inputs() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "x").unwrap();
        assert_eq!(
            location(std::slice::from_ref(&file)),
            Some(dir.path().join(VERDICTS_FILE))
        );
        assert_eq!(
            location(&[dir.path().to_path_buf()]),
            Some(dir.path().join(VERDICTS_FILE))
        );
    }
}
