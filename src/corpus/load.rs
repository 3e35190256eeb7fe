//! Reading files and directories into a [`Corpus`].

use super::metadata::{Metadata, METADATA_FILE};
use super::{Article, Corpus, LoadWarning, DEFAULT_STORY};
use chrono::NaiveDate;
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
/// Never fails as a whole: unreadable or malformed inputs become warnings and
/// the rest still loads.
pub fn load_paths<P: AsRef<Path>>(paths: &[P]) -> Corpus {
    let mut corpus = Corpus::default();
    let mut visited_dirs = HashSet::new();
    for p in paths {
        let path = p.as_ref();
        match fs::metadata(path) {
            Err(e) => corpus.warnings.push(LoadWarning::new(
                path,
                None,
                format!("cannot open: {}", io_reason(&e)),
            )),
            Ok(m) if m.is_dir() => load_dir(path, &mut corpus, &mut visited_dirs),
            Ok(m) if m.is_file() => {
                let format = format_of(path).unwrap_or(Format::Text);
                let meta = sidecar_metadata(path.parent(), &mut corpus);
                load_file(path, format, meta.as_ref(), &mut corpus);
            }
            Ok(_) => corpus.warnings.push(LoadWarning::new(
                path,
                None,
                "not a regular file (device, FIFO or socket): skipped",
            )),
        }
    }
    corpus
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
        super::html::load_bytes(name, bytes, None, &mut corpus);
        cap_warnings(name, &mut corpus, 0);
        return corpus;
    }
    match decode(bytes, format) {
        Ok(decoded) => {
            if let Some(note) = decoded.note {
                corpus.warnings.push(LoadWarning::new(name, None, note));
            }
            load_text(name, &decoded.text, format, None, &mut corpus);
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

/// Reads the `metadata.toml` beside a file, if there is one.
fn sidecar_metadata(dir: Option<&Path>, corpus: &mut Corpus) -> Option<Metadata> {
    let file = dir.unwrap_or(Path::new(".")).join(METADATA_FILE);
    if !file.is_file() {
        return None;
    }
    match fs::read_to_string(&file) {
        Ok(text) => match Metadata::parse(&text) {
            Ok(m) => Some(m),
            Err(w) => {
                corpus.warnings.push(LoadWarning::new(&file, w.0, w.1));
                None
            }
        },
        Err(e) => {
            corpus.warnings.push(LoadWarning::new(
                &file,
                None,
                format!("cannot read: {}", io_reason(&e)),
            ));
            None
        }
    }
}

fn load_dir(dir: &Path, corpus: &mut Corpus, visited: &mut HashSet<PathBuf>) {
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
    let meta = sidecar_metadata(Some(dir), corpus);
    for path in paths {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        match fs::metadata(&path) {
            Ok(m) if m.is_dir() => load_dir(&path, corpus, visited),
            Ok(m) if m.is_file() => {
                if let Some(format) = format_of(&path) {
                    load_file(&path, format, meta.as_ref(), corpus);
                }
            }
            Ok(_) => {
                // A FIFO or device named like an article: say why it is skipped.
                if format_of(&path).is_some() {
                    corpus.warnings.push(LoadWarning::new(
                        &path,
                        None,
                        "not a regular file (device, FIFO or socket): skipped",
                    ));
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

fn load_file(path: &Path, format: Format, meta: Option<&Metadata>, corpus: &mut Corpus) {
    let from = corpus.warnings.len();
    if format == Format::Html {
        super::html::load_file(path, meta, corpus);
        cap_warnings(path, corpus, from);
        return;
    }
    match read_text(path, format) {
        Ok(decoded) => {
            if let Some(note) = decoded.note {
                corpus.warnings.push(LoadWarning::new(path, None, note));
            }
            load_text(path, &decoded.text, format, meta, corpus)
        }
        Err(message) => corpus.warnings.push(LoadWarning::new(path, None, message)),
    }
    cap_warnings(path, corpus, from);
}

/// Reads a file as text (see [`decode`]), refusing huge and binary files.
fn read_text(path: &Path, format: Format) -> Result<Decoded, String> {
    let file = fs::File::open(path).map_err(|e| format!("cannot open: {}", io_reason(&e)))?;
    // Refuse a huge file before reading it; `take` below still bounds a file
    // that grows while it is read.
    if file.metadata().is_ok_and(|m| m.len() > MAX_FILE_BYTES) {
        return Err(format!(
            "larger than {} MiB: skipped",
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {}", io_reason(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "larger than {} MiB: skipped",
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    decode(bytes, format)
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
            Ok(Decoded {
                text: bytes.iter().map(|&b| windows_1252(b)).collect(),
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
pub(crate) fn load_text(
    path: &Path,
    text: &str,
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
        Format::Html => super::html::load_str(path, text, meta, corpus),
        Format::Text => {
            let id = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string());
            let mut article = Article::new(id, text);
            article.path = Some(path.display().to_string());
            if let Some(meta) = meta {
                meta.apply(&mut article);
            }
            corpus.push(article, path, None);
        }
        Format::Json => match serde_json::from_str::<Value>(text) {
            Err(e) => corpus.warnings.push(LoadWarning::new(
                path,
                Some(e.line()),
                format!("malformed JSON: {e}"),
            )),
            Ok(Value::Array(items)) => {
                for (i, item) in items.into_iter().enumerate() {
                    let default_id = format!("{}#{}", stem(path), i + 1);
                    match article_from_json(item, &default_id) {
                        Ok((a, notes)) => {
                            for n in notes {
                                corpus.warnings.push(LoadWarning::new(
                                    path,
                                    None,
                                    format!("record {}: {n}", i + 1),
                                ));
                            }
                            corpus.push(with_path(a, path), path, None)
                        }
                        Err(m) => corpus.warnings.push(LoadWarning::new(
                            path,
                            None,
                            format!("record {}: {m}: skipped", i + 1),
                        )),
                    }
                }
            }
            Ok(item) => match article_from_json(item, &stem(path)) {
                Ok((a, notes)) => {
                    for n in notes {
                        corpus.warnings.push(LoadWarning::new(path, None, n));
                    }
                    corpus.push(with_path(a, path), path, None)
                }
                Err(m) => {
                    corpus
                        .warnings
                        .push(LoadWarning::new(path, None, format!("{m}: skipped")))
                }
            },
        },
        Format::JsonLines => {
            for (i, line) in text.lines().enumerate() {
                let line_no = i + 1;
                if line.trim().is_empty() {
                    continue;
                }
                let default_id = format!("{}#{}", stem(path), line_no);
                let parsed = serde_json::from_str::<Value>(line)
                    .map_err(|e| format!("malformed JSON: {e}"))
                    .and_then(|v| article_from_json(v, &default_id));
                match parsed {
                    Ok((a, notes)) => {
                        for n in notes {
                            corpus
                                .warnings
                                .push(LoadWarning::new(path, Some(line_no), n));
                        }
                        corpus.push(with_path(a, path), path, Some(line_no))
                    }
                    Err(m) => corpus.warnings.push(LoadWarning::new(
                        path,
                        Some(line_no),
                        format!("{m}: line skipped"),
                    )),
                }
            }
        }
    }
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

/// Builds an article from one JSON object. Returns the article and notes
/// about fields that were dropped (a bad date), or why the record is unusable.
fn article_from_json(value: Value, default_id: &str) -> Result<(Article, Vec<String>), String> {
    let Value::Object(map) = value else {
        return Err(format!(
            "expected an article object, found {}",
            kind(&value)
        ));
    };
    let mut notes = Vec::new();
    let text = match map.get("text") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::String(_)) => return Err("field 'text' is empty".into()),
        Some(other) => {
            return Err(format!(
                "field 'text' must be a string, found {}",
                kind(other)
            ))
        }
        None => return Err("missing required field 'text'".into()),
    };
    let string_field = |name: &str| -> Result<Option<String>, String> {
        match map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
            Some(Value::Number(n)) if name == "id" => Ok(Some(n.to_string())),
            Some(other) => Err(format!(
                "field '{name}' must be a string, found {}",
                kind(other)
            )),
        }
    };
    let id = string_field("id")?.unwrap_or_else(|| default_id.to_string());
    let mut article = Article::new(id, text);
    article.title = string_field("title")?;
    article.outlet = string_field("outlet")?;
    article.url = string_field("url")?;
    if let Some(Value::String(b)) = map.get("byline") {
        article.byline = Some(b.trim().to_string()).filter(|b| !b.is_empty());
    }
    if let Some(story) = string_field("story")? {
        article.story = story;
    } else {
        article.story = DEFAULT_STORY.to_string();
    }
    if let Some(date) = string_field("date")? {
        match parse_iso_date(&date) {
            Some(d) => article.date = Some(d),
            None => notes.push(format!(
                "field 'date' is not an ISO 8601 date ('{date}'): date ignored"
            )),
        }
    }
    Ok((article, notes))
}

/// Parses `YYYY-MM-DD`, optionally followed by a time (`2025-04-28T10:00Z`).
pub(crate) fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let head = s.trim().get(..10)?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
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
        load_text(p, text, format_of(p).unwrap_or(Format::Text), None, &mut c);
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
