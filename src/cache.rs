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
//!   sub-folder but hidden ones (more than the loader reads, never less:
//!   the loader skips hidden entries too), with the full content of every
//!   regular file.
//!
//! So a changed, added or removed input file gives another entry. A file
//! given by name counts with the `metadata.toml` beside it (which the loader
//! reads for it).
//!
//! Inputs with web addresses (a URL, or a URL list file) are loaded first,
//! pages fetched or read from the page cache as
//! [`load_inputs`](crate::corpus::load_inputs) does, and their entry is
//! named by the program and the loaded corpus itself (every article and
//! warning, see [`corpus_key`]): what the addresses resolve to is part of
//! the key, so a page that changed (`--refresh`) is analysed again.
//!
//! The file
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
use crate::corpus::fetch::{FetchEvent, FetchOptions};
use crate::corpus::{self, urls, Corpus, FileId, LoadWarning, MAX_FILE_BYTES, METADATA_FILE};
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
/// and done). Web addresses are fetched with the default
/// [`FetchOptions`]; [`prepare`] chooses them.
pub fn load_or_build(paths: &[PathBuf], options: &CacheOptions, progress: Callback<'_>) -> Loaded {
    prepare(
        paths,
        options,
        &FetchOptions::default(),
        &mut |_| {},
        progress,
    )
    .build(progress)
}

/// The inputs read, before their analysis: the finished analysis read from
/// the cache, or the loaded corpus still to analyse. Split from
/// [`Prepared::build`] so that a caller can check the inputs (nothing
/// loaded, an output file that is one of them) before the long part.
#[derive(Debug)]
pub struct Prepared {
    /// The inputs as given.
    paths: Vec<PathBuf>,
    /// The loaded inputs; `None` when the analysis came from the cache
    /// without loading them (files and folders only).
    corpus: Option<Corpus>,
    /// The analysis read from the cache.
    cached: Option<Analysis>,
    /// The cache file the analysis is to be written to.
    entry: Option<PathBuf>,
    /// When the work started, for progress reports.
    started: Instant,
    /// Problems with the cache itself so far (an entry ignored), one line
    /// each, for stderr.
    pub notes: Vec<String>,
}

/// Reads `paths` (the bundled articles when empty) for analysis: from the
/// cache when an entry for them exists, else by loading them (web
/// addresses fetched with `fetch`, each fetch's progress to `on_fetch`).
/// For files and folders the cache is looked up before anything is loaded;
/// inputs with web addresses are loaded first and looked up by what they
/// hold (see the module documentation). `progress` sees the reading step
/// (after any fetching), and done on a cache hit.
pub fn prepare(
    paths: &[PathBuf],
    options: &CacheOptions,
    fetch: &FetchOptions,
    on_fetch: &mut dyn FnMut(&FetchEvent),
    progress: Callback<'_>,
) -> Prepared {
    let mut prepared = Prepared {
        paths: paths.to_vec(),
        corpus: None,
        cached: None,
        entry: None,
        started: Instant::now(),
        notes: Vec::new(),
    };
    if paths.is_empty() {
        prepared.corpus = Some(corpus::bundled());
        prepared.report(progress, Stage::Reading);
        return prepared;
    }
    if has_web_inputs(paths) {
        let corpus = corpus::load_inputs(paths, fetch, on_fetch);
        prepared.entry = corpus_entry(&corpus, options);
        prepared.corpus = Some(corpus);
        prepared.report(progress, Stage::Reading);
        prepared.look_up(progress);
        return prepared;
    }
    prepared.report(progress, Stage::Reading);
    prepared.entry = entry_path(paths, options);
    prepared.look_up(progress);
    if prepared.cached.is_none() {
        prepared.corpus = Some(corpus::load_paths(paths));
        prepared.report(progress, Stage::Reading);
    }
    prepared
}

impl Prepared {
    /// Reads the analysis from the cache entry, if there is a good one.
    fn look_up(&mut self, progress: Callback<'_>) {
        let Some(path) = &self.entry else { return };
        match read_section::<Analysis>(path, 1) {
            Ok(Some(analysis)) => {
                self.cached = Some(analysis);
                self.report(progress, Stage::Done);
            }
            Ok(None) => {}
            Err(p) => self
                .notes
                .push(format!("{}: {p}: ignored, analysing again", path.display())),
        }
    }

    fn report(&self, progress: Callback<'_>, stage: Stage) {
        progress(Progress {
            stage,
            done: 0,
            total: 0,
            articles: self.articles(),
            claims: 0,
            stories: 0,
            elapsed: self.started.elapsed(),
        });
    }

    /// The number of articles loaded (or in the cached analysis).
    pub fn articles(&self) -> usize {
        match (&self.cached, &self.corpus) {
            (Some(a), _) => a.articles.len(),
            (None, Some(c)) => c.articles.len(),
            (None, None) => 0,
        }
    }

    /// The problems met loading the inputs (as recorded in the cached
    /// analysis on a cache hit).
    pub fn warnings(&self) -> &[LoadWarning] {
        match (&self.corpus, &self.cached) {
            (Some(c), _) => &c.warnings,
            (None, Some(a)) => &a.warnings,
            (None, None) => &[],
        }
    }

    /// Whether the analysis came from the cache.
    pub fn is_cached(&self) -> bool {
        self.cached.is_some()
    }

    /// Whether `file` is one of the inputs (see
    /// [`Corpus::has_input`]). When the analysis came from the cache the
    /// inputs were never loaded: they are loaded now to tell (only an
    /// output over an existing file asks).
    pub fn has_input(&self, file: FileId) -> bool {
        match &self.corpus {
            Some(c) => c.has_input(file),
            None => corpus::load_paths(&self.paths).has_input(file),
        }
    }

    /// The analysis: the cached one, or built now (reporting each step to
    /// `progress`) and cached. With no articles loaded, an empty analysis
    /// holding the warnings, and nothing cached.
    pub fn build(self, progress: Callback<'_>) -> Loaded {
        let Prepared {
            corpus,
            cached,
            entry,
            mut notes,
            ..
        } = self;
        if let Some(analysis) = cached {
            return Loaded {
                analysis,
                cached: true,
                notes,
            };
        }
        let corpus = corpus.unwrap_or_default();
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
}

/// Whether any input is a web address or a URL list file, whose articles
/// depend on more than the bytes on disk.
fn has_web_inputs(paths: &[PathBuf]) -> bool {
    paths
        .iter()
        .any(|p| urls::is_url(&p.to_string_lossy()) || urls::read_list(p).is_some())
}

/// The cache file for a loaded corpus (inputs with web addresses), when
/// caching applies.
fn corpus_entry(corpus: &Corpus, options: &CacheOptions) -> Option<PathBuf> {
    if !options.enabled || corpus.articles.is_empty() {
        return None;
    }
    let dir = options.dir()?;
    Some(dir.join(format!("{:032x}.bin", corpus_key(corpus)?)))
}

/// The hash naming the cache entry of a loaded corpus: the program and
/// everything the analysis reads from the corpus (every article with all
/// its fields, every warning), so the key covers what web addresses
/// resolved to. `None` if an article cannot be serialised (nothing is
/// cached then).
pub fn corpus_key(corpus: &Corpus) -> Option<u128> {
    let mut h = Xxh3::new();
    h.update(program_id().as_bytes());
    h.update(b"\0corpus\0");
    h.update(&(corpus.articles.len() as u64).to_le_bytes());
    h.update(&(corpus.warnings.len() as u64).to_le_bytes());
    let articles = corpus.articles.iter().map(postcard::to_stdvec);
    let warnings = corpus.warnings.iter().map(postcard::to_stdvec);
    for part in articles.chain(warnings) {
        let bytes = part.ok()?;
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(&bytes);
    }
    Some(h.digest128())
}

fn build(corpus: Corpus, progress: Callback<'_>) -> Analysis {
    Analysis::build_with_progress(corpus, &MatchConfig::default(), progress)
}

/// The search catalog of `paths` from the cache, reading only that section
/// of the entry; `Ok(None)` when there is no entry (or caching is off, the
/// input is the bundled set, or it holds web addresses, whose entry is only
/// known once they are loaded).
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

/// The cache file for `paths`, when caching applies and the inputs are
/// files and folders only.
fn entry_path(paths: &[PathBuf], options: &CacheOptions) -> Option<PathBuf> {
    if !options.enabled || paths.is_empty() || has_web_inputs(paths) {
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
        if fs::metadata(p).is_ok_and(|m| m.is_file()) {
            // The loader reads the `metadata.toml` beside a file given by
            // name (a folder's own is hashed with the folder).
            let dir = p.parent().filter(|d| !d.as_os_str().is_empty());
            hash_path(
                &mut h,
                &dir.unwrap_or(Path::new(".")).join(METADATA_FILE),
                &mut seen,
            );
        }
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
        Ok(meta) if meta.is_dir() => {
            // Each folder once: symlink loops end here.
            let canonical = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            if !seen.insert(canonical) {
                h.update(b"\0seen\0");
                return;
            }
            h.update(b"\0dir\0");
            // Hidden entries are skipped as the loader skips them, so that
            // the browser's verdicts file (`.crosscheck-verdicts.toml`)
            // beside the articles never invalidates their analysis.
            let mut entries: Vec<PathBuf> = match fs::read_dir(path) {
                Ok(rd) => rd
                    .flatten()
                    .filter(|entry| {
                        // The loader's test, exactly (a name that is not
                        // UTF-8 is not hidden to it).
                        !entry
                            .file_name()
                            .to_str()
                            .is_some_and(|n| n.starts_with('.'))
                    })
                    .map(|entry| entry.path())
                    .collect(),
                Err(e) => {
                    h.update(format!("{:?}", e.kind()).as_bytes());
                    return;
                }
            };
            entries.sort();
            for entry in entries {
                hash_path(h, &entry, seen);
            }
        }
        Ok(meta) if meta.is_file() => hash_file(h, path, &meta),
        // FIFOs, sockets, devices: never opened (they could block).
        Ok(_) => h.update(b"\0special\0"),
    }
}

/// Hashes a regular file's size and content (a file too large to load: its
/// size and time). Opened as the loader opens files: never blocking, and
/// only read if it is still a regular file once open.
fn hash_file(hasher: &mut Xxh3, path: &Path, meta: &fs::Metadata) {
    use std::os::unix::fs::OpenOptionsExt;
    hasher.update(b"\0file\0");
    hasher.update(&meta.len().to_le_bytes());
    if meta.len() > MAX_FILE_BYTES {
        // Never read (the loader skips it): its size and time say enough.
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
            .unwrap_or_default();
        hasher.update(&modified.as_nanos().to_le_bytes());
        return;
    }
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .and_then(|file| {
            if file.metadata()?.is_file() {
                Ok(file)
            } else {
                Err(io::Error::other("not a regular file"))
            }
        });
    let mut reader = match file {
        Ok(file) => BufReader::with_capacity(1 << 16, file),
        Err(e) => {
            hasher.update(format!("\0error\0{:?}", e.kind()).as_bytes());
            return;
        }
    };
    let mut buf = vec![0u8; 1 << 16];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buf[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                hasher.update(format!("\0error\0{:?}", e.kind()).as_bytes());
                break;
            }
        }
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
        let len = u32::try_from(program.len()).map_err(io::Error::other)?;
        w.write_all(&len.to_le_bytes())?;
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
        } else if name.len() == 36
            && Path::new(&name).extension().is_some_and(|e| e == "bin")
            && m.is_file()
        {
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
    let size = file.metadata().map_or(u64::MAX, |m| m.len());
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
        let mut bytes = vec![0u8; usize::try_from(len).map_err(|_| Problem::Truncated)?];
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

    #[test]
    fn the_metadata_beside_a_file_given_by_name_is_part_of_the_key() {
        let (_d, input, options) = setup();
        let paths = vec![input.join("a.txt")];
        assert!(!load_or_build(&paths, &options, &no_progress).cached);
        assert!(load_or_build(&paths, &options, &no_progress).cached);
        fs::write(input.join(METADATA_FILE), "story = \"kursk\"\n").expect("write");
        let again = load_or_build(&paths, &options, &no_progress);
        assert!(!again.cached);
        assert_eq!(again.analysis.articles[0].story, "kursk");
    }

    #[test]
    fn a_hidden_file_beside_the_articles_keeps_the_entry() {
        let (_d, input, options) = setup();
        let paths = vec![input.clone()];
        load_or_build(&paths, &options, &no_progress);
        // The browser's verdicts file, which the loader never reads.
        fs::write(input.join(".crosscheck-verdicts.toml"), "# verdicts\n").expect("write");
        assert!(load_or_build(&paths, &options, &no_progress).cached);
    }

    #[test]
    fn a_hit_tells_the_inputs_apart_by_loading_them() {
        use std::os::unix::fs::MetadataExt;
        let (_d, input, options) = setup();
        let paths = vec![input.clone()];
        load_or_build(&paths, &options, &no_progress);
        let prepared = prepare(
            &paths,
            &options,
            &FetchOptions::default(),
            &mut |_| {},
            &no_progress,
        );
        assert!(prepared.is_cached() && prepared.articles() == 2);
        let id = |p: &Path| {
            let m = fs::metadata(p).expect("metadata");
            FileId {
                dev: m.dev(),
                ino: m.ino(),
            }
        };
        assert!(prepared.has_input(id(&input.join("b.txt"))));
        let elsewhere = input.parent().expect("parent").join("out.json");
        fs::write(&elsewhere, "{}").expect("write");
        assert!(!prepared.has_input(id(&elsewhere)));
    }

    #[test]
    fn web_pages_are_keyed_by_what_they_hold() {
        use crate::corpus::cache::{CachedPage, PageCache};
        let (d, _input, options) = setup();
        let pages = d.path().join("pages");
        let fetch = FetchOptions {
            cache_dir: Some(pages.clone()),
            env_proxy: false,
            ..FetchOptions::default()
        };
        let url = "https://northwind-wire.example/business/2024/grain-exports-rise";
        let html = include_str!("../tests/fixtures/html/wire-service.html");
        let put = |body: &str| {
            let page = CachedPage {
                final_url: url.to_string(),
                content_type: Some("text/html; charset=utf-8".into()),
                body: body.as_bytes().to_vec(),
            };
            PageCache::new(&pages).put(url, &page).expect("page cache");
        };
        let run = || {
            prepare(
                &[PathBuf::from(url)],
                &options,
                &fetch,
                &mut |_| {},
                &no_progress,
            )
            .build(&no_progress)
        };
        put(html);
        let first = run();
        assert!(
            !first.cached && first.analysis.articles.len() == 1,
            "{:?}",
            first.analysis.warnings
        );
        let again = run();
        assert!(again.cached);
        // Every field comes back, the page's byline too.
        assert!(first.analysis.articles[0].byline.is_some());
        assert_eq!(again.analysis.articles, first.analysis.articles);
        // The page changed (as `--refresh` would find it): analysed again.
        put(&html.replace("12%", "15%"));
        let changed = run();
        assert!(!changed.cached);
        assert!(changed.analysis.articles[0].text.contains("15%"));
        assert!(run().cached);
        // No search catalog is read by the inputs' names alone.
        assert_eq!(read_catalog(&[PathBuf::from(url)], &options), Ok(None));
    }
}
