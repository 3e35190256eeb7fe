//! Reading files and directories into a [`Corpus`].

use super::metadata::{Metadata, METADATA_FILE};
use super::{Article, Corpus, FileId, LoadWarning, DEFAULT_STORY};
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Files larger than this are skipped with a warning rather than read.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// At most this many warnings are kept per file; the rest are counted in
/// one summary line, so that a garbage JSONL file cannot flood stderr.
pub const MAX_WARNINGS_PER_FILE: usize = 20;

/// Replaces the warnings after the first [`MAX_WARNINGS_PER_FILE`] added
/// since `from` with one line counting them.
fn cap_warnings(path: &Path, corpus: &mut Corpus, from: usize) {
    let added = corpus.warnings.len().saturating_sub(from);
    if added > MAX_WARNINGS_PER_FILE {
        corpus.warnings.truncate(from + MAX_WARNINGS_PER_FILE);
        corpus.warnings.push(LoadWarning::new(
            path,
            None,
            format!(
                "{} more problems in this file not shown",
                added - MAX_WARNINGS_PER_FILE
            ),
        ));
    }
}

/// How an input file is read, decided by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// `.txt`, `.md` and anything named explicitly: one article, id = stem.
    Text,
    /// `.json`: one article object or an array of them.
    Json,
    /// `.jsonl` / `.ndjson`: one article object per line.
    JsonLines,
    /// `.html` / `.htm`: a web page, see [`super::html`].
    Html,
}

fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "md" | "markdown" | "text" => Some(Format::Text),
        "json" => Some(Format::Json),
        "jsonl" | "ndjson" => Some(Format::JsonLines),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        _ => None,
    }
}

/// Loads every article under `paths` (files, or directories searched
/// recursively for `.txt`, `.md`, `.json` and `.jsonl`).
///
/// A file's name for its ids (a text file's id, a JSON record's default
/// `name#n`) is its stem; when stems collide inside a folder given
/// (BBC-style sections that each number their files from `001`), all the
/// folder's files are named by their path relative to it (`business/001`),
/// and a name that still collides with another input's (two folders given)
/// by the path as given, without extension.
///
/// Never fails as a whole: unreadable or malformed inputs become warnings and
/// the rest still loads.
pub fn load_paths<P: AsRef<Path>>(paths: &[P]) -> Corpus {
    let mut corpus = Corpus::default();
    let mut found = Found::default();
    let mut visited_dirs = HashSet::new();
    for (input, p) in paths.iter().enumerate() {
        let path = p.as_ref();
        let meta = fs::metadata(path);
        if let Ok(m) = &meta {
            corpus.add_input(FileId::of(m));
        }
        match meta {
            Err(e) => corpus.warnings.push(LoadWarning::new(
                path,
                None,
                format!("cannot open: {}", io_reason(&e)),
            )),
            Ok(m) if m.is_dir() => {
                let root = (input, path);
                find_in_dir(root, path, &mut found, &mut corpus, &mut visited_dirs)
            }
            Ok(m) if m.is_file() => {
                let meta = sidecar_metadata(path.parent(), &mut corpus);
                found.add_metadata(meta);
                let as_given = without_extension(path);
                found.files.push(FoundFile {
                    input,
                    path: path.to_path_buf(),
                    format: format_of(path).unwrap_or(Format::Text),
                    meta: found.metas.len() - 1,
                    names: [stem(path), as_given.clone(), as_given],
                });
            }
            Ok(_) => corpus
                .warnings
                .push(LoadWarning::new(path, None, NOT_REGULAR)),
        }
    }
    let names = found.unique_names();
    for (f, name) in found.files.iter().zip(names) {
        let meta = found.metas[f.meta].as_ref();
        load_file(&f.path, &name, f.format, meta, &mut corpus);
    }
    corpus
}

/// The files to load, found before any is read so that their names can be
/// made unique, and the `metadata.toml` of each folder.
#[derive(Default)]
struct Found {
    files: Vec<FoundFile>,
    metas: Vec<Option<Metadata>>,
}

/// One file to load.
struct FoundFile {
    /// Which of the paths given it was found under.
    input: usize,
    path: PathBuf,
    format: Format,
    /// Index into [`Found::metas`].
    meta: usize,
    /// The names it may take for its ids, shortest first: its stem, its
    /// path relative to the folder given, its path as given.
    names: [String; 3],
}

impl Found {
    fn add_metadata(&mut self, meta: Option<Metadata>) {
        self.metas.push(meta);
    }

    /// Each file's name. A folder given whose files' stems collide names
    /// all its files by their path relative to it (ids stay uniform:
    /// `sport/511` beside `sport/001`); a name that still collides with
    /// another input's takes the file's next name (the last if none is
    /// unique: the same file given twice). Text files (whose id is the
    /// name) and JSON files (whose default ids are `name#n`) never collide
    /// with each other.
    fn unique_names(&self) -> Vec<String> {
        use std::collections::HashMap;
        let kind = |f: &FoundFile| f.format == Format::Text;
        let mut stems: HashMap<(usize, bool, &str), usize> = HashMap::new();
        for f in &self.files {
            *stems.entry((f.input, kind(f), &f.names[0])).or_default() += 1;
        }
        let crowded: HashSet<usize> = self
            .files
            .iter()
            .filter(|f| {
                stems
                    .get(&(f.input, kind(f), f.names[0].as_str()))
                    .is_some_and(|&n| n > 1)
            })
            .map(|f| f.input)
            .collect();
        let mut level: Vec<usize> = self
            .files
            .iter()
            .map(|f| usize::from(crowded.contains(&f.input)))
            .collect();
        for _ in 0..2 {
            let mut count: HashMap<(bool, &str), usize> = HashMap::new();
            for (f, &l) in self.files.iter().zip(&level) {
                *count.entry((kind(f), &f.names[l])).or_default() += 1;
            }
            let next: Vec<usize> = self
                .files
                .iter()
                .zip(&level)
                .map(|(f, &l)| {
                    let taken = count.get(&(kind(f), f.names[l].as_str()));
                    if l < 2 && taken.is_some_and(|&n| n > 1) {
                        l + 1
                    } else {
                        l
                    }
                })
                .collect();
            level = next;
        }
        self.files
            .iter()
            .zip(level)
            .map(|(f, l)| f.names[l].clone())
            .collect()
    }
}

/// `path` without its extension, with `/` between components.
fn without_extension(path: &Path) -> String {
    let parts: Vec<String> = path
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/").replace("//", "/")
}

/// Loads the contents of one file already in memory, as if read from
/// `name` (whose extension decides the format; no extension: plain text).
///
/// The bytes go through the same decoding and checks as a file on disk, so
/// this is what the fuzz targets exercise.
pub fn load_bytes(name: &Path, bytes: Vec<u8>) -> Corpus {
    let mut corpus = Corpus::default();
    if bytes.len() as u64 > MAX_FILE_BYTES {
        corpus.warnings.push(LoadWarning::new(
            name,
            None,
            format!(
                "larger than {} MiB: skipped",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
        return corpus;
    }
    let format = format_of(name).unwrap_or(Format::Text);
    if format == Format::Html {
        super::html::load_bytes(name, "", bytes, None, &mut corpus);
        cap_warnings(name, &mut corpus, 0);
        return corpus;
    }
    match decode(bytes, format) {
        Ok(decoded) => {
            if let Some(note) = decoded.note {
                corpus.warnings.push(LoadWarning::new(name, None, note));
            }
            load_text(name, &stem(name), decoded.text, format, None, &mut corpus);
        }
        Err(message) => corpus.warnings.push(LoadWarning::new(name, None, message)),
    }
    cap_warnings(name, &mut corpus, 0);
    corpus
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Largest `metadata.toml` read (it holds a few lines per article).
const MAX_METADATA_BYTES: u64 = 16 * 1024 * 1024;

/// Reads the `metadata.toml` beside a file, if there is one.
fn sidecar_metadata(dir: Option<&Path>, corpus: &mut Corpus) -> Option<Metadata> {
    let file = dir.unwrap_or(Path::new(".")).join(METADATA_FILE);
    if !file.is_file() {
        return None;
    }
    let text = read_regular(&file, MAX_METADATA_BYTES, corpus).and_then(|bytes| {
        String::from_utf8(bytes).map_err(|e| {
            format!(
                "not UTF-8 (invalid byte at offset {}): skipped",
                e.utf8_error().valid_up_to()
            )
        })
    });
    match text {
        Ok(text) => match Metadata::parse(&text) {
            Ok(m) => Some(m),
            Err(w) => {
                corpus.warnings.push(LoadWarning::new(&file, w.0, w.1));
                None
            }
        },
        Err(message) => {
            corpus.warnings.push(LoadWarning::new(&file, None, message));
            None
        }
    }
}

/// Opens `path` without ever blocking and reads it whole, if it is (still)
/// a regular file of at most `limit` bytes; records it as an input of
/// `corpus`.
///
/// The file is opened with `O_NONBLOCK` and the opened handle is checked
/// (fstat): a path swapped for a FIFO or a device after the caller looked
/// at it is refused, not read (opening a FIFO for reading would wait for a
/// writer; a device may never end). The size is checked before reading and
/// bounded while reading, for a file that grows meanwhile; the buffer is
/// sized once from the file's length.
pub(crate) fn read_regular(
    path: &Path,
    limit: u64,
    corpus: &mut Corpus,
) -> Result<Vec<u8>, String> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(|e| format!("cannot open: {}", io_reason(&e)))?;
    let meta = file
        .metadata()
        .map_err(|e| format!("cannot open: {}", io_reason(&e)))?;
    corpus.add_input(FileId::of(&meta));
    if !meta.is_file() {
        return Err(NOT_REGULAR.into());
    }
    let too_big = || format!("larger than {} MiB: skipped", limit / (1024 * 1024));
    if meta.len() > limit {
        return Err(too_big());
    }
    // One byte more than the length, so that reading to the end of an
    // unchanged file never grows the buffer.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {}", io_reason(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    Ok(bytes)
}

/// Why a FIFO, socket or device is skipped.
const NOT_REGULAR: &str = "not a regular file (device, FIFO or socket): skipped";

/// Lists the article files under `dir` (recursively, in name order,
/// hidden entries skipped) into `found`, reading each folder's
/// `metadata.toml`; `root` is the folder given and its index.
fn find_in_dir(
    root: (usize, &Path),
    dir: &Path,
    found: &mut Found,
    corpus: &mut Corpus,
    visited: &mut HashSet<PathBuf>,
) {
    // Canonical paths guard against symlink loops.
    let canonical = match fs::canonicalize(dir) {
        Ok(c) => c,
        Err(e) => {
            corpus.warnings.push(LoadWarning::new(
                dir,
                None,
                format!("cannot open: {}", io_reason(&e)),
            ));
            return;
        }
    };
    if !visited.insert(canonical) {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            corpus.warnings.push(LoadWarning::new(
                dir,
                None,
                format!("cannot list: {}", io_reason(&e)),
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    found.add_metadata(sidecar_metadata(Some(dir), corpus));
    let meta = found.metas.len() - 1;
    for path in paths {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        match fs::metadata(&path) {
            Ok(m) if m.is_dir() => find_in_dir(root, &path, found, corpus, visited),
            Ok(m) if m.is_file() => {
                if let Some(format) = format_of(&path) {
                    let relative = path.strip_prefix(root.1).unwrap_or(&path);
                    found.files.push(FoundFile {
                        input: root.0,
                        names: [
                            stem(&path),
                            without_extension(relative),
                            without_extension(&path),
                        ],
                        path,
                        format,
                        meta,
                    });
                }
            }
            Ok(_) => {
                // A FIFO or device named like an article: say why it is skipped.
                if format_of(&path).is_some() {
                    corpus
                        .warnings
                        .push(LoadWarning::new(&path, None, NOT_REGULAR));
                }
            }
            Err(e) => corpus.warnings.push(LoadWarning::new(
                &path,
                None,
                format!("cannot open: {}", io_reason(&e)),
            )),
        }
    }
}

/// Reads and loads one file; `name` is its name for ids (see
/// [`load_paths`]).
fn load_file(
    path: &Path,
    name: &str,
    format: Format,
    meta: Option<&Metadata>,
    corpus: &mut Corpus,
) {
    let from = corpus.warnings.len();
    if format == Format::Html {
        super::html::load_file(path, name, meta, corpus);
        cap_warnings(path, corpus, from);
        return;
    }
    match read_text(path, format, corpus) {
        Ok(decoded) => {
            if let Some(note) = decoded.note {
                corpus.warnings.push(LoadWarning::new(path, None, note));
            }
            load_text(path, name, decoded.text, format, meta, corpus)
        }
        Err(message) => corpus.warnings.push(LoadWarning::new(path, None, message)),
    }
    cap_warnings(path, corpus, from);
}

/// Reads a file as text (see [`decode`]), refusing special, huge and
/// binary files.
fn read_text(path: &Path, format: Format, corpus: &mut Corpus) -> Result<Decoded, String> {
    decode(read_regular(path, MAX_FILE_BYTES, corpus)?, format)
}

/// Text decoded from a file's bytes, with a note when it was not plain UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    /// The text as UTF-8; all offsets refer to this, not to the file's bytes.
    pub text: String,
    /// Why and how the bytes were converted, for a warning.
    pub note: Option<String>,
}

/// Share of bytes >= 0x80, in percent, above which non-UTF-8 data is taken
/// for binary rather than Latin-1 text (Western European text has a few
/// percent).
const MAX_HIGH_BYTE_PERCENT: usize = 30;

/// Turns raw bytes into text.
///
/// * a UTF-8 BOM is dropped;
/// * UTF-16 with a BOM (LE or BE) is decoded, with a note;
/// * NUL bytes, other C0 control bytes in non-UTF-8 data, or non-UTF-8
///   data that is mostly high bytes, are binary: refused. In JSONL a rare
///   NUL byte (under 1% of the bytes) only breaks its own line, which the
///   line parser reports, so the other lines still load;
/// * valid UTF-8 is kept byte for byte;
/// * anything else is decoded as Windows-1252 (a superset of Latin-1's
///   printable range), with a note naming the first invalid byte.
pub(crate) fn decode(mut bytes: Vec<u8>, format: Format) -> Result<Decoded, String> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    let utf16 = if bytes.starts_with(&[0xFF, 0xFE]) {
        Some(("UTF-16LE", u16::from_le_bytes as fn([u8; 2]) -> u16))
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some(("UTF-16BE", u16::from_be_bytes as fn([u8; 2]) -> u16))
    } else {
        None
    };
    if let Some((name, to_unit)) = utf16 {
        return decode_utf16(&bytes[2..], name, to_unit);
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let nuls = bytes.iter().filter(|&&b| b == 0).count();
        if format != Format::JsonLines || nuls * 100 >= bytes.len() {
            return Err(format!("binary data (NUL byte at offset {pos}): skipped"));
        }
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text, note: None }),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            if let Some(pos) = bytes.iter().position(|&b| b == 0 || is_binary_control(b)) {
                return Err(format!(
                    "binary data (not UTF-8, control byte at offset {pos}): skipped"
                ));
            }
            let high = bytes.iter().filter(|&&b| b >= 0x80).count();
            if high * 100 > bytes.len() * MAX_HIGH_BYTE_PERCENT {
                return Err(format!(
                    "binary data (not UTF-8 at offset {at}, {}% high bytes): skipped",
                    high * 100 / bytes.len().max(1)
                ));
            }
            // Sized once (a high byte becomes 2 or 3 bytes of UTF-8), so
            // the file is held at most twice while it is converted.
            let len = bytes.iter().map(|&b| windows_1252(b).len_utf8()).sum();
            let mut text = String::with_capacity(len);
            text.extend(bytes.iter().map(|&b| windows_1252(b)));
            drop(bytes);
            Ok(Decoded {
                text,
                note: Some(format!(
                    "not UTF-8 (invalid byte at offset {at}): decoded as Windows-1252/Latin-1"
                )),
            })
        }
    }
}

fn decode_utf16(body: &[u8], name: &str, to_unit: fn([u8; 2]) -> u16) -> Result<Decoded, String> {
    if body.len() % 2 != 0 {
        return Err(format!("{name} text with an odd number of bytes: skipped"));
    }
    let units = body.chunks_exact(2).map(|c| to_unit([c[0], c[1]]));
    let mut text = String::with_capacity(body.len() / 2);
    for (i, unit) in char::decode_utf16(units).enumerate() {
        match unit {
            Ok('\0') => {
                return Err(format!("binary data ({name}, NUL character): skipped"));
            }
            Ok(c) => text.push(c),
            Err(e) => {
                return Err(format!(
                    "{name} text with an unpaired surrogate {:#06x} near character {i}: skipped",
                    e.unpaired_surrogate()
                ));
            }
        }
    }
    Ok(Decoded {
        text,
        note: Some(format!("{name} (byte order mark): decoded to UTF-8")),
    })
}

/// Control bytes that never occur in text (tab, line feed, vertical tab,
/// form feed, carriage return and escape are allowed).
fn is_binary_control(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F)
}

/// One Windows-1252 byte as a character; the five undefined bytes map to
/// the C1 control of the same value (as browsers do).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// Parses already-decoded text in the given format and adds its articles.
///
/// A text file's article takes `text` itself (no copy of a large input);
/// JSON and JSONL records are parsed one at a time from it.
pub(crate) fn load_text(
    path: &Path,
    name: &str,
    text: String,
    format: Format,
    meta: Option<&Metadata>,
    corpus: &mut Corpus,
) {
    if text.trim().is_empty() {
        corpus
            .warnings
            .push(LoadWarning::new(path, None, "empty file: skipped"));
        return;
    }
    match format {
        Format::Html => super::html::load_str(path, name, &text, meta, corpus),
        Format::Text => {
            let id = if name.is_empty() {
                path.display().to_string()
            } else {
                name.to_string()
            };
            let mut article = Article::new(id, text);
            article.path = Some(path.display().to_string());
            if let Some(meta) = meta {
                meta.apply(&mut article, &stem(path));
            }
            corpus.push(article, path, None);
        }
        Format::Json => load_json(path, name, &text, corpus),
        Format::JsonLines => {
            for (i, line) in text.lines().enumerate() {
                let line_no = i + 1;
                if line.trim().is_empty() {
                    continue;
                }
                let default_id = format!("{name}#{line_no}");
                match parse_record(line, &default_id) {
                    Ok((a, notes)) => {
                        for n in notes {
                            corpus
                                .warnings
                                .push(LoadWarning::new(path, Some(line_no), n));
                        }
                        corpus.push(with_path(a, path), path, Some(line_no))
                    }
                    Err(e) => corpus.warnings.push(LoadWarning::new(
                        path,
                        Some(line_no),
                        format!("{}: line skipped", e.message),
                    )),
                }
            }
        }
    }
}

/// A `.json` file: one article object, or an array of them read record by
/// record, so that one bad record (a number out of range, a lone
/// surrogate, a field nested too deep) skips only itself, named with its
/// index and line. An array broken beyond a record (truncated, a missing
/// comma) keeps the records before the break.
fn load_json(path: &Path, name: &str, text: &str, corpus: &mut Corpus) {
    if !text.trim_start().starts_with('[') {
        match parse_record(text, name) {
            Ok((a, notes)) => {
                for n in notes {
                    corpus.warnings.push(LoadWarning::new(path, None, n));
                }
                corpus.push(with_path(a, path), path, None)
            }
            Err(RecordError {
                line: Some(line),
                message,
            }) => corpus
                .warnings
                .push(LoadWarning::new(path, Some(line), message)),
            Err(e) => corpus.warnings.push(LoadWarning::new(
                path,
                None,
                format!("{}: skipped", e.message),
            )),
        }
        return;
    }
    // Line of each record, counted incrementally from the previous one.
    let (mut counted_to, mut line) = (0, 1);
    let mut records = 0;
    let mut add = |index: usize, raw: &str, corpus: &mut Corpus| {
        records = index;
        let offset = (raw.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        if let Some(between) = text.as_bytes().get(counted_to..offset) {
            line += between.iter().filter(|&&b| b == b'\n').count();
            counted_to = offset;
        }
        let default_id = format!("{name}#{index}");
        match parse_record(raw, &default_id) {
            Ok((a, notes)) => {
                for n in notes {
                    corpus.warnings.push(LoadWarning::new(
                        path,
                        Some(line),
                        format!("record {index}: {n}"),
                    ));
                }
                corpus.push(with_path(a, path), path, Some(line))
            }
            Err(e) => corpus.warnings.push(LoadWarning::new(
                path,
                Some(line + e.line.map_or(0, |l| l - 1)),
                format!("record {index}: {}: skipped", e.message),
            )),
        }
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let result = serde::Deserializer::deserialize_seq(
        &mut de,
        Records {
            add: &mut |i, raw| add(i, raw, corpus),
        },
    )
    .and_then(|()| de.end());
    if let Err(e) = result {
        let rest = if records > 0 {
            format!(" (after record {records}; the rest of the file skipped)")
        } else {
            String::new()
        };
        corpus.warnings.push(LoadWarning::new(
            path,
            Some(e.line()),
            format!("malformed JSON: {e}{rest}"),
        ));
    }
}

/// Visits a JSON array, handing each element's raw text (validated only as
/// JSON syntax, at any depth, without recursion) to `add` with its 1-based
/// index.
struct Records<'f, 'de> {
    add: &'f mut dyn FnMut(usize, &'de str),
}

impl<'de> serde::de::Visitor<'de> for Records<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of article objects")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while let Some(raw) = seq.next_element::<&'de serde_json::value::RawValue>()? {
            index += 1;
            (self.add)(index, raw.get());
        }
        Ok(())
    }
}

/// Why a record was not loaded, and on which of its lines (for syntax
/// errors).
struct RecordError {
    /// 1-based line within the record's text.
    line: Option<usize>,
    message: String,
}

impl From<String> for RecordError {
    fn from(message: String) -> Self {
        RecordError {
            line: None,
            message,
        }
    }
}

/// The fields of an article record crosscheck reads. Any other field is
/// skipped as raw JSON syntax (never built into values), so its depth or
/// its numbers never cost the record.
#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    id: Field,
    #[serde(default)]
    text: Field,
    #[serde(default)]
    title: Field,
    #[serde(default)]
    outlet: Field,
    #[serde(default)]
    date: Field,
    #[serde(default)]
    url: Field,
    #[serde(default)]
    story: Field,
    #[serde(default)]
    byline: Field,
}

/// A field as given (`null` included), or `None` when absent.
#[derive(Default)]
struct Field(Option<Value>);

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Value::deserialize(d).map(|v| Field(Some(v)))
    }
}

/// Parses one record's JSON text into an article (see
/// [`article_from_record`]).
fn parse_record(raw: &str, default_id: &str) -> Result<(Article, Vec<String>), RecordError> {
    let malformed = |e: serde_json::Error| RecordError {
        line: Some(e.line()),
        message: format!("malformed JSON: {e}"),
    };
    let trimmed = raw.trim_start();
    if !trimmed.starts_with('{') {
        // Not an object: say what it is, if it is JSON at all.
        serde_json::from_str::<serde::de::IgnoredAny>(raw).map_err(malformed)?;
        let found = match trimmed.bytes().next() {
            Some(b'[') => "an array",
            Some(b'"') => "a string",
            Some(b't' | b'f') => "a boolean",
            Some(b'n') => "null",
            _ => "a number",
        };
        return Err(format!("expected an article object, found {found}").into());
    }
    let record = serde_json::from_str::<Record>(raw).map_err(malformed)?;
    Ok(article_from_record(record, default_id)?)
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn with_path(mut a: Article, path: &Path) -> Article {
    a.path = Some(path.display().to_string());
    a
}

/// Builds an article from one record. Returns the article and notes about
/// fields that were dropped (a bad date), or why the record is unusable.
fn article_from_record(record: Record, default_id: &str) -> Result<(Article, Vec<String>), String> {
    let mut notes = Vec::new();
    let text = match record.text.0 {
        Some(Value::String(s)) if !s.trim().is_empty() => s,
        Some(Value::String(_)) => return Err("field 'text' is empty".into()),
        Some(other) => {
            return Err(format!(
                "field 'text' must be a string, found {}",
                kind(&other)
            ))
        }
        None => return Err("missing required field 'text'".into()),
    };
    let string_field = |name: &str, field: Field| -> Result<Option<String>, String> {
        match field.0 {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
            Some(Value::Number(n)) if name == "id" => Ok(Some(n.to_string())),
            Some(other) => Err(format!(
                "field '{name}' must be a string, found {}",
                kind(&other)
            )),
        }
    };
    let id = string_field("id", record.id)?.unwrap_or_else(|| default_id.to_string());
    let mut article = Article::new(id, text);
    article.title = string_field("title", record.title)?;
    article.outlet = string_field("outlet", record.outlet)?;
    article.url = string_field("url", record.url)?;
    // The byline is optional and informative only: a wrong type is ignored.
    if let Field(Some(Value::String(b))) = record.byline {
        article.byline = Some(b.trim().to_string()).filter(|b| !b.is_empty());
    }
    if let Some(story) = string_field("story", record.story)? {
        article.story = story;
    } else {
        article.story = DEFAULT_STORY.to_string();
    }
    if let Some(date) = string_field("date", record.date)? {
        match parse_iso_date(&date) {
            Some(d) => article.date = Some(d),
            None => notes.push(format!(
                "field 'date' is not an ISO 8601 date ('{date}'): date ignored"
            )),
        }
    }
    Ok((article, notes))
}

/// Parses an ISO 8601 date, `YYYY-MM-DD`, optionally followed by a time:
/// `T` (or a space), `HH:MM`, then optionally `:SS` with a fraction, then
/// optionally `Z` or an offset (`+03:00`, `-0500`, `+09`). One rule for the
/// whole string: the date must exist (no 2025-02-30) and so must the time
/// (no 25:61:61), and nothing else may follow; otherwise `None`.
pub(crate) fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let head = s.get(..10)?;
    let shape = head.bytes().enumerate().all(|(i, b)| {
        if i == 4 || i == 7 {
            b == b'-'
        } else {
            b.is_ascii_digit()
        }
    });
    if !shape {
        return None;
    }
    let date = NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()?;
    let rest = &s[10..];
    (rest.is_empty() || is_iso_time(rest)).then_some(date)
}

/// Whether `t` is a valid ISO 8601 time part as described at
/// [`parse_iso_date`] (hours 0-23, minutes 0-59, seconds 0-60 for a leap
/// second).
fn is_iso_time(t: &str) -> bool {
    /// Two digits at the start of `s` with a value at most `max`, and the
    /// rest of `s`.
    fn two(s: &[u8], max: u8) -> Option<&[u8]> {
        match s {
            [a, b, rest @ ..] if a.is_ascii_digit() && b.is_ascii_digit() => {
                ((a - b'0') * 10 + (b - b'0') <= max).then_some(rest)
            }
            _ => None,
        }
    }
    let time = || -> Option<()> {
        let s = t.as_bytes();
        let s = match s.first()? {
            b'T' | b't' | b' ' => &s[1..],
            _ => return None,
        };
        let s = two(s, 23)?;
        let mut s = two(s.strip_prefix(b":")?, 59)?;
        if let Some(r) = s.strip_prefix(b":") {
            s = two(r, 60)?;
            if let Some(r) = s.strip_prefix(b".").or_else(|| s.strip_prefix(b",")) {
                let digits = r.iter().take_while(|b| b.is_ascii_digit()).count();
                if digits == 0 {
                    return None;
                }
                s = &r[digits..];
            }
        }
        match s {
            [] | [b'Z' | b'z'] => Some(()),
            [b'+' | b'-', r @ ..] => {
                let r = two(r, 23)?;
                let r = r.strip_prefix(b":").unwrap_or(r);
                if r.is_empty() {
                    return Some(());
                }
                two(r, 59)?.is_empty().then_some(())
            }
            _ => None,
        }
    };
    time().is_some()
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_one(name: &str, text: &str) -> Corpus {
        let mut c = Corpus::default();
        let p = Path::new(name);
        load_text(
            p,
            &stem(p),
            text.to_string(),
            format_of(p).unwrap_or(Format::Text),
            None,
            &mut c,
        );
        c
    }

    #[test]
    fn text_file_id_is_stem() {
        let c = load_one("dir/abc.txt", "Hello world.");
        assert_eq!(c.articles[0].id, "abc");
        assert_eq!(c.articles[0].text, "Hello world.");
        assert!(c.warnings.is_empty());
    }

    #[test]
    fn empty_and_whitespace_files_are_skipped() {
        let c = load_one("e.txt", "  \n\t\n");
        assert!(c.articles.is_empty());
        assert_eq!(c.warnings[0].to_string(), "e.txt: empty file: skipped");
    }

    #[test]
    fn json_object_and_array() {
        let c = load_one(
            "a.json",
            r#"[{"id":"x","text":"One.","title":"T","date":"2025-04-28T09:00:00Z","extra":1},
                {"text":"Two."}]"#,
        );
        assert_eq!(c.articles.len(), 2);
        assert_eq!(c.articles[0].title.as_deref(), Some("T"));
        assert_eq!(c.articles[0].date, NaiveDate::from_ymd_opt(2025, 4, 28));
        assert_eq!(c.articles[1].id, "a#2");
    }

    #[test]
    fn jsonl_bad_line_is_reported_with_its_number() {
        let c = load_one(
            "b.jsonl",
            "{\"id\":\"1\",\"text\":\"a\"}\n{broken\n{\"id\":\"3\",\"text\":\"c\"}\n",
        );
        assert_eq!(c.articles.len(), 2);
        assert_eq!(c.warnings.len(), 1);
        assert!(c.warnings[0]
            .to_string()
            .starts_with("b.jsonl:2: malformed JSON"));
    }

    #[test]
    fn wrong_field_type_names_the_field() {
        let c = load_one(
            "c.jsonl",
            "{\"text\": 5}\n{\"text\":\"ok\",\"title\":[1]}\n",
        );
        assert!(c.articles.is_empty());
        assert!(c.warnings[0]
            .message
            .contains("field 'text' must be a string"));
        assert!(c.warnings[1]
            .message
            .contains("field 'title' must be a string"));
    }

    #[test]
    fn bad_date_keeps_the_article() {
        let c = load_one("d.json", r#"{"text":"x","date":"yesterday"}"#);
        assert_eq!(c.articles.len(), 1);
        assert!(c.warnings[0].message.contains("field 'date'"));
    }

    #[test]
    fn duplicate_ids_keep_the_first() {
        let c = load_one(
            "d.jsonl",
            "{\"id\":\"a\",\"text\":\"1\"}\n{\"id\":\"a\",\"text\":\"2\"}\n",
        );
        assert_eq!(c.articles.len(), 1);
        assert_eq!(c.articles[0].text, "1");
        assert_eq!(c.warnings[0].line, Some(2));
    }

    #[test]
    fn malformed_json_names_the_line() {
        let c = load_one("m.json", "{\n \"text\": \"a\",\n oops\n}");
        assert!(c.articles.is_empty());
        assert_eq!(c.warnings[0].line, Some(3));
    }

    #[test]
    fn dates_and_times_follow_one_rule() {
        let day = NaiveDate::from_ymd_opt(2025, 4, 28);
        for ok in [
            "2025-04-28",
            " 2025-04-28 ",
            "2025-04-28T09:00:00Z",
            "2025-04-28T10:00Z",
            "2025-04-28 23:59:60+03:00",
            "2025-04-28T10:00:00.123-0500",
            "2025-04-28t10:00:00,5+09",
        ] {
            assert_eq!(parse_iso_date(ok), day, "{ok}");
        }
        for bad in [
            "2025-02-30",
            "2025-04-28T25:61:61Z",
            "2025-04-28T24:00Z",
            "2025-04-28T10:60",
            "2025-04-28T10:00:61",
            "2025-04-28T10",
            "2025-04-28T10:00+25:00",
            "2025-04-28T10:00+03:60",
            "2025-04-28T10:00:00.Z",
            "2025-04-28garbage",
            "2025-04-28Z",
            "2025-4-28",
            "+025-04-28",
            "28/04/2025",
            "",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }

    fn decode_text(bytes: Vec<u8>) -> Result<Decoded, String> {
        decode(bytes, Format::Text)
    }

    #[test]
    fn a_nul_byte_in_jsonl_breaks_only_its_line() {
        let mut bytes =
            b"{\"id\":\"1\",\"text\":\"a\"}\n{\"id\":\"2\",\"text\":\"b\0\"}\n".to_vec();
        bytes.extend(b"{\"id\":\"3\",\"text\":\"c\"}\n".repeat(40));
        let c = load_bytes(Path::new("n.jsonl"), bytes);
        assert_eq!(c.articles.len(), 2);
        assert_eq!(c.warnings[0].line, Some(2));
        assert_eq!(c.warnings.len(), MAX_WARNINGS_PER_FILE + 1);
        assert_eq!(
            c.warnings[MAX_WARNINGS_PER_FILE].to_string(),
            "n.jsonl: 20 more problems in this file not shown"
        );
        assert!(decode(b"{}\0\0\n".to_vec(), Format::JsonLines).is_err());
    }

    #[test]
    fn decode_rejects_binary_and_non_utf8_and_strips_bom() {
        assert!(decode_text(vec![b'a', 0, b'b'])
            .unwrap_err()
            .contains("binary"));
        assert!(decode_text(vec![b'a', 0xE9, 0x01])
            .unwrap_err()
            .contains("binary"));
        assert!(decode_text(vec![0xFF; 20]).unwrap_err().contains("binary"));
        let d = decode_text(b"\xEF\xBB\xBFhi".to_vec()).unwrap();
        assert_eq!((d.text.as_str(), d.note), ("hi", None));
    }

    #[test]
    fn decode_latin1_and_windows_1252_with_a_note() {
        let d = decode_text(b"Caf\xe9 \x93quoted\x94 \x80 5".to_vec()).unwrap();
        assert_eq!(d.text, "Café “quoted” € 5");
        assert!(d
            .note
            .unwrap()
            .contains("not UTF-8 (invalid byte at offset 3)"));
    }

    #[test]
    fn decode_utf16_with_bom() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Kyiv 😀 é".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Kyiv 😀 é".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for bytes in [le, be] {
            let d = decode_text(bytes).unwrap();
            assert_eq!(d.text, "Kyiv 😀 é");
            assert!(d.note.unwrap().contains("UTF-16"));
        }
        assert!(decode_text(vec![0xFF, 0xFE, b'a'])
            .unwrap_err()
            .contains("odd"));
        assert!(decode_text(vec![0xFF, 0xFE, 0x00, 0xD8, b'a', 0])
            .unwrap_err()
            .contains("surrogate"));
    }
}
