//! The analysis cache: a second run over unchanged inputs reads the finished
//! analysis instead of computing it again.
//!
//! Entries live in the platform cache directory (`$XDG_CACHE_HOME/crosscheck/`,
//! `~/.cache/crosscheck/` on Linux), one file per set of inputs, named by a
//! 128-bit XXH3 hash of
//!
//! * the program (its version, and the executable's size and modification
//!   time, so that a rebuild never reads an older build's analysis), and
//! * the inputs: every path given, and under each folder every file and
//!   sub-folder (hidden ones too: more than the loader reads, never less),
//!   with the full content of every regular file.
//!
//! So a changed, added or removed input file gives another entry. The file
//! holds a header (magic, format, program, input hash), then two sections,
//! each with its length and XXH3 checksum: the [`Catalog`] that search
//! needs and the whole [`Analysis`], both in `postcard` (measured against
//! `bincode` and JSON in `benches/cache.rs`). `crosscheck search` reads only
//! the first section. A truncated, corrupt or foreign file is ignored with a
//! note, and the analysis is built again. Entries are written atomically (a
//! new temporary file, then a rename); the newest [`MAX_ENTRIES`] are kept.
//!
//! Nothing is cached for the bundled articles (compiled in, analysed in a
//! few milliseconds), nor with `--no-cache`.

use crate::analysis::Analysis;
use crate::corpus::{self, Corpus, MAX_FILE_BYTES};
use crate::matching::MatchConfig;
use crate::progress::{Callback, Progress, Stage};
use crate::search::Catalog;
use serde::de::DeserializeOwned;
use std::collections::HashSet;
use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant, SystemTime};
use xxhash_rust::xxh3::{xxh3_64, Xxh3};

/// First bytes of every cache file.
const MAGIC: &[u8; 16] = b"crosscheck-cache";

/// Version of the file layout.
const FORMAT: u32 = 1;

/// Cache entries kept; older ones are deleted after each write.
pub const MAX_ENTRIES: usize = 8;

/// Longest program id accepted in a header (a corrupt length is not
/// allocated).
const MAX_PROGRAM_BYTES: u32 = 4096;

/// Where and whether to cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheOptions {
    /// `false` with `--no-cache`: neither read nor write.
    pub enabled: bool,
    /// The cache directory; `None`: the platform's (`$XDG_CACHE_HOME/crosscheck`).
    pub dir: Option<PathBuf>,
}

impl Default for CacheOptions {
    fn default() -> Self {
        CacheOptions {
            enabled: true,
            dir: None,
        }
    }
}

impl CacheOptions {
    /// The cache directory in use, if there is one.
    pub fn dir(&self) -> Option<PathBuf> {
        self.dir
            .clone()
            .or_else(|| dirs::cache_dir().map(|d| d.join("crosscheck")))
    }
}

/// The result of [`load_or_build`].
#[derive(Debug)]
pub struct Loaded {
    /// The analysis; no articles when nothing loaded (its `warnings` say
    /// why).
    pub analysis: Analysis,
    /// Whether it came from the cache.
    pub cached: bool,
    /// Problems with the cache itself (a corrupt entry ignored, an entry
    /// that could not be written), one line each, for stderr.
    pub notes: Vec<String>,
}

/// Why a cache file was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// It does not start like a cache file.
    NotACacheFile,
    /// Another file layout.
    OtherFormat(u32),
    /// Written by another build of the program.
    OtherProgram(String),
    /// Written for other inputs.
    OtherInputs,
    /// It ends early.
    Truncated,
    /// A section's checksum or content is wrong.
    Corrupt(String),
    /// It could not be read.
    Unreadable(String),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::NotACacheFile => f.write_str("not a crosscheck cache file"),
            Problem::OtherFormat(n) => write!(f, "cache format {n}, not {FORMAT}"),
            Problem::OtherProgram(p) => {
                write!(
                    f,
                    "written by another build ({})",
                    crate::text::display::sanitize(p)
                )
            }
            Problem::OtherInputs => f.write_str("written for other inputs"),
            Problem::Truncated => f.write_str("truncated"),
            Problem::Corrupt(why) => write!(f, "corrupt ({why})"),
            Problem::Unreadable(why) => write!(f, "cannot read ({why})"),
        }
    }
}

/// Loads and analyses `paths` (the bundled articles when empty), or reads
/// the analysis from the cache when the inputs and the program are
/// unchanged; a fresh analysis is cached. Progress goes to `progress`
/// (reading first, then the analysis' steps; a cache hit reports reading
/// and done).
pub fn load_or_build(paths: &[PathBuf], options: &CacheOptions, progress: Callback<'_>) -> Loaded {
    let started = Instant::now();
    let report = |stage: Stage, articles: usize| {
        progress(Progress {
            stage,
            done: 0,
            total: 0,
            articles,
            claims: 0,
            stories: 0,
            elapsed: started.elapsed(),
        })
    };
    report(Stage::Reading, 0);
    let mut notes = Vec::new();
    let entry = entry_path(paths, options);
    if let Some(path) = &entry {
        match read_section::<Analysis>(path, 1) {
            Ok(Some(analysis)) => {
                report(Stage::Done, analysis.articles.len());
                return Loaded {
                    analysis,
                    cached: true,
                    notes,
                };
            }
            Ok(None) => {}
            Err(p) => notes.push(format!("{}: {p}: ignored, analysing again", path.display())),
        }
    }
    let corpus = if paths.is_empty() {
        corpus::bundled()
    } else {
        corpus::load_paths(paths)
    };
    report(Stage::Reading, corpus.articles.len());
    if corpus.articles.is_empty() {
        return Loaded {
            analysis: Analysis {
                warnings: corpus.warnings,
                ..Analysis::default()
            },
            cached: false,
            notes,
        };
    }
    let analysis = build(corpus, progress);
    if let Some(path) = &entry {
        if let Err(e) = write(path, &analysis) {
            notes.push(format!("{}: cannot write the cache: {e}", path.display()));
        }
    }
    Loaded {
        analysis,
        cached: false,
        notes,
    }
}

fn build(corpus: Corpus, progress: Callback<'_>) -> Analysis {
    Analysis::build_with_progress(corpus, &MatchConfig::default(), progress)
}

/// The search catalog of `paths` from the cache, reading only that section
/// of the entry; `Ok(None)` when there is no entry (or caching is off or
/// the input is the bundled set).
pub fn read_catalog(paths: &[PathBuf], options: &CacheOptions) -> Result<Option<Catalog>, String> {
    let Some(path) = entry_path(paths, options) else {
        return Ok(None);
    };
    match read_section::<Catalog>(&path, 0) {
        Ok(Some(c)) if !c.is_valid() => Err(Problem::Corrupt("catalog".into())),
        other => other,
    }
    .map_err(|p| format!("{}: {p}: ignored, analysing again", path.display()))
}

/// The cache file for `paths`, when caching applies.
fn entry_path(paths: &[PathBuf], options: &CacheOptions) -> Option<PathBuf> {
    if !options.enabled || paths.is_empty() {
        return None;
    }
    let dir = options.dir()?;
    Some(dir.join(format!("{:032x}.bin", input_key(paths))))
}

/// This build of the program: version, executable size and modification
/// time.
pub fn program_id() -> String {
    static ID: LazyLock<String> = LazyLock::new(|| {
        let stamp = std::env::current_exe()
            .and_then(fs::metadata)
            .map(|m| {
                let mtime = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                    .unwrap_or_default();
                format!(
                    "{}:{}.{:09}",
                    m.len(),
                    mtime.as_secs(),
                    mtime.subsec_nanos()
                )
            })
            .unwrap_or_default();
        format!("crosscheck {} {stamp}", env!("CARGO_PKG_VERSION"))
    });
    ID.clone()
}

/// The hash naming the cache entry of `paths`: the program and every input
/// byte (see the module documentation).
pub fn input_key(paths: &[PathBuf]) -> u128 {
    let mut h = Xxh3::new();
    h.update(program_id().as_bytes());
    let mut seen = HashSet::new();
    for p in paths {
        hash_path(&mut h, p, &mut seen);
    }
    h.digest128()
}

fn hash_path(h: &mut Xxh3, path: &Path, seen: &mut HashSet<PathBuf>) {
    h.update(b"\0path\0");
    h.update(path.as_os_str().as_encoded_bytes());
    match fs::metadata(path) {
        Err(e) => {
            h.update(b"\0error\0");
            h.update(format!("{:?}", e.kind()).as_bytes());
        }
        Ok(m) if m.is_dir() => {
            // Each folder once: symlink loops end here.
            let canonical = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            if !seen.insert(canonical) {
                h.update(b"\0seen\0");
                return;
            }
            h.update(b"\0dir\0");
            let mut entries: Vec<PathBuf> = match fs::read_dir(path) {
                Ok(rd) => rd.flatten().map(|e| e.path()).collect(),
                Err(e) => {
                    h.update(format!("{:?}", e.kind()).as_bytes());
                    return;
                }
            };
            entries.sort();
            for e in entries {
                hash_path(h, &e, seen);
            }
        }
        Ok(m) if m.is_file() => {
            h.update(b"\0file\0");
            h.update(&m.len().to_le_bytes());
            if m.len() > MAX_FILE_BYTES {
                // Never read (the loader skips it): its size and time say
                // enough.
                let t = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                    .unwrap_or_default();
                h.update(&t.as_nanos().to_le_bytes());
                return;
            }
            match File::open(path) {
                Ok(f) => {
                    let mut r = BufReader::with_capacity(1 << 16, f);
                    let mut buf = vec![0u8; 1 << 16];
                    loop {
                        match r.read(&mut buf) {
                            Ok(0) => break,
                            Ok(n) => h.update(&buf[..n]),
                            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                            Err(e) => {
                                h.update(format!("\0error\0{:?}", e.kind()).as_bytes());
                                break;
                            }
                        }
                    }
                }
                Err(e) => h.update(format!("\0error\0{:?}", e.kind()).as_bytes()),
            }
        }
        // FIFOs, sockets, devices: never opened (they could block).
        Ok(_) => h.update(b"\0special\0"),
    }
}

/// Writes the cache entry for `analysis` at `path`: header, catalog,
/// analysis; atomically, then prunes old entries.
pub fn write(path: &Path, analysis: &Analysis) -> io::Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| io::Error::other("no cache directory"))?;
    fs::create_dir_all(dir)?;
    let catalog = postcard::to_stdvec(&Catalog::new(analysis)).map_err(io::Error::other)?;
    let body = postcard::to_stdvec(analysis).map_err(io::Error::other)?;
    let key = path
        .file_stem()
        .and_then(|s| u128::from_str_radix(&s.to_string_lossy(), 16).ok())
        .unwrap_or_default();
    let (file, tmp) = create_temp(dir)?;
    let result = (|| {
        let mut w = BufWriter::new(file);
        w.write_all(MAGIC)?;
        w.write_all(&FORMAT.to_le_bytes())?;
        let program = program_id();
        w.write_all(&(program.len() as u32).to_le_bytes())?;
        w.write_all(program.as_bytes())?;
        w.write_all(&key.to_le_bytes())?;
        for section in [&catalog, &body] {
            w.write_all(&(section.len() as u64).to_le_bytes())?;
            w.write_all(&xxh3_64(section).to_le_bytes())?;
            w.write_all(section)?;
        }
        w.flush()?;
        drop(w);
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result?;
    prune(dir);
    Ok(())
}

/// A new temporary file in `dir`, created exclusively.
fn create_temp(dir: &Path) -> io::Result<(File, PathBuf)> {
    let mut last = None;
    for n in 0..100 {
        let tmp = dir.join(format!(".tmp-{}-{n}", std::process::id()));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((f, tmp)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no temporary file name left")))
}

/// Keeps the newest [`MAX_ENTRIES`] entries, and removes temporary files
/// left over an hour ago by an interrupted write.
fn prune(dir: &Path) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    let now = SystemTime::now();
    let mut entries: Vec<(SystemTime, PathBuf)> = Vec::new();
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Ok(m) = e.metadata() else { continue };
        let modified = m.modified().unwrap_or(SystemTime::UNIX_EPOCH);
        if name.starts_with(".tmp-") {
            if now.duration_since(modified).unwrap_or_default() > Duration::from_secs(3600) {
                let _ = fs::remove_file(e.path());
            }
        } else if name.len() == 36 && name.ends_with(".bin") && m.is_file() {
            entries.push((modified, e.path()));
        }
    }
    entries.sort_by_key(|e| std::cmp::Reverse(e.0));
    for (_, p) in entries.into_iter().skip(MAX_ENTRIES) {
        let _ = fs::remove_file(p);
    }
}

fn read_exact(r: &mut impl Read, buf: &mut [u8]) -> Result<(), Problem> {
    r.read_exact(buf).map_err(|e| match e.kind() {
        io::ErrorKind::UnexpectedEof => Problem::Truncated,
        _ => Problem::Unreadable(e.to_string()),
    })
}

fn read_u32(r: &mut impl Read) -> Result<u32, Problem> {
    let mut b = [0u8; 4];
    read_exact(r, &mut b)?;
    Ok(u32::from_le_bytes(b))
}

fn read_u64(r: &mut impl Read) -> Result<u64, Problem> {
    let mut b = [0u8; 8];
    read_exact(r, &mut b)?;
    Ok(u64::from_le_bytes(b))
}

/// Section `n` (0: catalog, 1: analysis) of the cache file at `path`;
/// `Ok(None)` when there is no such file.
pub fn read_section<T: DeserializeOwned>(path: &Path, n: usize) -> Result<Option<T>, Problem> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Problem::Unreadable(e.to_string())),
    };
    let size = file.metadata().map(|m| m.len()).unwrap_or(u64::MAX);
    let mut r = BufReader::with_capacity(1 << 16, file);
    let mut magic = [0u8; 16];
    read_exact(&mut r, &mut magic).map_err(|p| match p {
        Problem::Truncated => Problem::NotACacheFile,
        p => p,
    })?;
    if &magic != MAGIC {
        return Err(Problem::NotACacheFile);
    }
    let format = read_u32(&mut r)?;
    if format != FORMAT {
        return Err(Problem::OtherFormat(format));
    }
    let len = read_u32(&mut r)?;
    if len > MAX_PROGRAM_BYTES {
        return Err(Problem::Corrupt("header".into()));
    }
    let mut program = vec![0u8; len as usize];
    read_exact(&mut r, &mut program)?;
    let program = String::from_utf8_lossy(&program).into_owned();
    if program != program_id() {
        return Err(Problem::OtherProgram(program));
    }
    let mut key = [0u8; 16];
    read_exact(&mut r, &mut key)?;
    let expected = path
        .file_stem()
        .and_then(|s| u128::from_str_radix(&s.to_string_lossy(), 16).ok());
    if expected.is_some_and(|k| k != u128::from_le_bytes(key)) {
        return Err(Problem::OtherInputs);
    }
    for i in 0..=n {
        let len = read_u64(&mut r)?;
        let sum = read_u64(&mut r)?;
        if len > size {
            return Err(Problem::Truncated);
        }
        if i < n {
            io::copy(&mut (&mut r).take(len), &mut io::sink())
                .map_err(|e| Problem::Unreadable(e.to_string()))
                .and_then(|copied| {
                    if copied < len {
                        Err(Problem::Truncated)
                    } else {
                        Ok(())
                    }
                })?;
            continue;
        }
        let mut bytes = vec![0u8; len as usize];
        read_exact(&mut r, &mut bytes)?;
        if xxh3_64(&bytes) != sum {
            return Err(Problem::Corrupt("checksum mismatch".into()));
        }
        return postcard::from_bytes(&bytes)
            .map(Some)
            .map_err(|e| Problem::Corrupt(e.to_string()));
    }
    Err(Problem::Corrupt("no such section".into()))
}

/// The name `s` as a `&'static str` (a feature name read back): each
/// distinct name is allocated once for the life of the program, and more
/// than a few thousand are refused (a corrupt file).
fn intern(s: String) -> Option<&'static str> {
    const MAX_NAMES: usize = 4096;
    static NAMES: LazyLock<Mutex<HashSet<&'static str>>> =
        LazyLock::new(|| Mutex::new(HashSet::new()));
    let mut names = NAMES.lock().ok()?;
    if let Some(&n) = names.get(s.as_str()) {
        return Some(n);
    }
    if names.len() >= MAX_NAMES {
        return None;
    }
    let leaked: &'static str = Box::leak(s.into_boxed_str());
    names.insert(leaked);
    Some(leaked)
}

/// [`Feature`](crate::matching::Feature) as serialised (same fields, same
/// order), with an owned name.
#[derive(serde::Deserialize)]
struct FeatureRepr {
    name: String,
    value: f32,
    contribution: f32,
}

impl<'de> serde::Deserialize<'de> for crate::matching::Feature {
    /// Reads a feature back with its `&'static str` name interned (a
    /// struct literal, so that a new field fails to compile here).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = FeatureRepr::deserialize(d)?;
        let name =
            intern(r.name).ok_or_else(|| serde::de::Error::custom("too many feature names"))?;
        Ok(crate::matching::Feature {
            name,
            value: r.value,
            contribution: r.contribution,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_progress(_: Progress) {}

    fn setup() -> (tempfile::TempDir, PathBuf, CacheOptions) {
        let dir = tempfile::tempdir().expect("tempdir");
        let input = dir.path().join("in");
        fs::create_dir(&input).expect("mkdir");
        fs::write(
            input.join("a.txt"),
            "Officials said 14,000 troops were deployed near Kursk on Monday.\n",
        )
        .expect("write");
        fs::write(
            input.join("b.txt"),
            "About 11,000 troops were deployed near Kursk, officials said on Monday.\n",
        )
        .expect("write");
        let options = CacheOptions {
            enabled: true,
            dir: Some(dir.path().join("cache")),
        };
        (dir, input, options)
    }

    fn entry(options: &CacheOptions) -> PathBuf {
        let dir = options.dir().expect("dir");
        let mut files: Vec<PathBuf> = fs::read_dir(dir)
            .expect("cache dir")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "bin"))
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        files.remove(0)
    }

    #[test]
    fn a_second_run_reads_the_cache_and_gives_the_same_analysis() {
        let (_d, input, options) = setup();
        let paths = vec![input];
        let first = load_or_build(&paths, &options, &no_progress);
        assert!(!first.cached && first.notes.is_empty(), "{:?}", first.notes);
        let second = load_or_build(&paths, &options, &no_progress);
        assert!(second.cached);
        assert_eq!(
            crate::export::to_json(&first.analysis),
            crate::export::to_json(&second.analysis)
        );
        let catalog = read_catalog(&paths, &options).expect("readable");
        assert_eq!(catalog, Some(Catalog::new(&first.analysis)));
    }

    #[test]
    fn a_changed_input_is_analysed_again() {
        let (_d, input, options) = setup();
        let paths = vec![input.clone()];
        load_or_build(&paths, &options, &no_progress);
        fs::write(input.join("b.txt"), "About 12,000 troops were deployed.\n").expect("write");
        let again = load_or_build(&paths, &options, &no_progress);
        assert!(!again.cached);
        assert!(again.analysis.articles[1].text.contains("12,000"));
        // A new file too.
        fs::write(input.join("c.txt"), "A third article.\n").expect("write");
        let again = load_or_build(&paths, &options, &no_progress);
        assert!(!again.cached);
        assert_eq!(again.analysis.articles.len(), 3);
    }

    #[test]
    fn corrupt_or_truncated_entries_are_ignored_with_a_note() {
        let (_d, input, options) = setup();
        let paths = vec![input];
        load_or_build(&paths, &options, &no_progress);
        let path = entry(&options);
        let good = fs::read(&path).expect("read");
        // A flipped byte in the analysis section.
        let mut bad = good.clone();
        let at = bad.len() - 10;
        bad[at] ^= 0xff;
        fs::write(&path, &bad).expect("write");
        let r = load_or_build(&paths, &options, &no_progress);
        assert!(!r.cached);
        assert!(
            r.notes.len() == 1 && r.notes[0].contains("corrupt"),
            "{:?}",
            r.notes
        );
        // The entry was rewritten and reads again.
        assert!(load_or_build(&paths, &options, &no_progress).cached);
        // Truncated anywhere.
        for cut in [0, 10, 20, good.len() / 2, good.len() - 1] {
            fs::write(&path, &good[..cut]).expect("write");
            let r = load_or_build(&paths, &options, &no_progress);
            assert!(!r.cached, "cut at {cut}");
            assert_eq!(r.notes.len(), 1, "cut at {cut}: {:?}", r.notes);
            assert_eq!(r.analysis.articles.len(), 2);
        }
    }

    #[test]
    fn another_program_version_is_not_read() {
        let (_d, input, options) = setup();
        let paths = vec![input];
        load_or_build(&paths, &options, &no_progress);
        let path = entry(&options);
        let mut bytes = fs::read(&path).expect("read");
        // The program id follows the magic, the format and its length.
        let at = 16 + 4 + 4 + "crosscheck ".len();
        bytes[at] = b'9';
        fs::write(&path, &bytes).expect("write");
        let r = load_or_build(&paths, &options, &no_progress);
        assert!(!r.cached);
        assert!(r.notes[0].contains("another build"), "{:?}", r.notes);
    }

    #[test]
    fn no_cache_reads_and_writes_nothing() {
        let (_d, input, mut options) = setup();
        options.enabled = false;
        let paths = vec![input];
        assert!(!load_or_build(&paths, &options, &no_progress).cached);
        assert!(!load_or_build(&paths, &options, &no_progress).cached);
        assert!(options.dir().is_some_and(|d| !d.exists()));
    }

    #[test]
    fn the_bundled_set_is_not_cached() {
        let (_d, _input, options) = setup();
        let r = load_or_build(&[], &options, &no_progress);
        assert!(!r.cached && r.analysis.articles.len() == 5);
        assert!(options.dir().is_some_and(|d| !d.exists()));
    }

    #[test]
    fn old_entries_are_pruned() {
        let (d, input, options) = setup();
        for i in 0..MAX_ENTRIES + 3 {
            fs::write(
                input.join("a.txt"),
                format!("Article number {i} says 5 things.\n"),
            )
            .expect("write");
            load_or_build(std::slice::from_ref(&input), &options, &no_progress);
        }
        let n = fs::read_dir(d.path().join("cache")).expect("dir").count();
        assert_eq!(n, MAX_ENTRIES);
    }
}
