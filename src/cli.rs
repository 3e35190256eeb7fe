//! Command-line interface: argument parsing and the non-interactive commands.

use clap::{Parser, Subcommand, ValueEnum};
use crosscheck::cache::{self, CacheOptions};
use crosscheck::matching::features::Idf;
use crosscheck::progress::Progress;
use crosscheck::search::{Catalog, SearchIndex, Session};
use crosscheck::text::display::sanitize;
use crosscheck::{export, matching, Analysis};
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  crosscheck                         browse the bundled articles
  crosscheck ~/stories/kursk/        browse every .txt/.md/.json/.jsonl under a folder
  crosscheck export --format markdown --output report.md
  crosscheck export a.json b.txt     JSON (schema crosscheck/1) on stdout
  cut -f4,5 pairs.tsv | crosscheck pairs   score sentence pairs
  crosscheck search cocoa wire.jsonl  ranked claims and titles matching cocoa

Exit status: 0 when anything loaded, 1 for usage errors, 2 when nothing loaded.";

/// Read several outlets' coverage of one story side by side and cross-check
/// what each one claims.
#[derive(Debug, Parser)]
#[command(name = "crosscheck", version, after_help = EXAMPLES, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Articles to open: files or folders (searched recursively). None: the
    /// bundled article set.
    pub paths: Vec<PathBuf>,
    /// The command to run instead of the terminal browser.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Neither read nor write the analysis cache ($XDG_CACHE_HOME/crosscheck).
    #[arg(long, global = true)]
    pub no_cache: bool,
}

/// Non-interactive commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the cross-check of the articles as JSON or Markdown.
    Export {
        /// Articles: files or folders. None: the bundled article set.
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Score sentence pairs: reads `sentence1<TAB>sentence2` lines on stdin,
    /// prints `score<TAB>1|0` per line (1: they state the same claim).
    Pairs,
    /// Search claims and titles: prints the matches best first, one per line:
    /// score<TAB>story<TAB>article<TAB>claim<TAB>text (claim `-` for a title).
    Search {
        /// Words to find (all of them; a word with a capital matches case).
        query: String,
        /// Articles: files or folders. None: the bundled article set.
        paths: Vec<PathBuf>,
    },
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Schema `crosscheck/1`.
    Json,
    /// A readable report, fact by fact.
    Markdown,
}

/// The cache settings for `--no-cache`.
fn cache_options(no_cache: bool) -> CacheOptions {
    CacheOptions {
        enabled: !no_cache,
        ..CacheOptions::default()
    }
}

/// A progress bar on stderr, only when stderr is a terminal.
fn progress_bar() -> Option<indicatif::ProgressBar> {
    if !io::stderr().is_terminal() {
        return None;
    }
    let bar =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
    let style = indicatif::ProgressStyle::with_template("{spinner} {elapsed:>4} [{bar:24}] {msg}")
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> ");
    bar.set_style(style);
    Some(bar)
}

fn show_progress(bar: &indicatif::ProgressBar, p: Progress) {
    bar.set_length(p.total.max(1) as u64);
    bar.set_position(p.done as u64);
    let mut msg = format!("{} · {} articles", p.stage.describe(), p.articles);
    if p.claims > 0 {
        msg.push_str(&format!(" · {} claims", p.claims));
    }
    if p.stories > 0 {
        msg.push_str(&format!(" · {} stories", p.stories));
    }
    if p.total > 0 {
        msg.push_str(&format!(" · {}/{}", p.done, p.total));
    }
    bar.set_message(msg);
}

/// Loads and analyses `paths` (the bundled set when empty) through the
/// cache, with a progress bar on stderr when `progress` is set and stderr
/// is a terminal; prints load warnings and cache notes on stderr. `None`
/// when nothing loaded (exit status 2).
pub fn analyse(paths: &[PathBuf], no_cache: bool, progress: bool) -> Option<Analysis> {
    let bar = progress.then(progress_bar).flatten();
    let loaded = match &bar {
        Some(b) => cache::load_or_build(paths, &cache_options(no_cache), &|p| show_progress(b, p)),
        None => cache::load_or_build(paths, &cache_options(no_cache), &|_| {}),
    };
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    for w in &loaded.analysis.warnings {
        eprintln!("crosscheck: {}", sanitize(&w.to_string()));
    }
    for n in &loaded.notes {
        eprintln!("crosscheck: {}", sanitize(n));
    }
    if loaded.analysis.articles.is_empty() {
        eprintln!("crosscheck: no articles loaded");
        return None;
    }
    Some(loaded.analysis)
}

/// `crosscheck export`.
pub fn run_export(
    paths: &[PathBuf],
    format: Format,
    output: Option<&PathBuf>,
    no_cache: bool,
) -> ExitCode {
    let Some(analysis) = analyse(paths, no_cache, true) else {
        return ExitCode::from(2);
    };
    let text = match format {
        Format::Json => export::to_json(&analysis),
        Format::Markdown => export::to_markdown(&analysis),
    };
    match output {
        Some(path) => match write_atomically(path, text.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("crosscheck: {}: cannot write: {e}", path.display());
                ExitCode::from(1)
            }
        },
        None => {
            let mut out = io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = out
                .write_all(text.as_bytes())
                .and_then(|_| out.write_all(b"\n"));
            ExitCode::SUCCESS
        }
    }
}

/// `crosscheck search`: the cached catalog when there is one (only that
/// part of the cache entry is read), else the analysis.
pub fn run_search(query: &str, paths: &[PathBuf], no_cache: bool) -> ExitCode {
    let catalog = match cache::read_catalog(paths, &cache_options(no_cache)) {
        Ok(Some(c)) => c,
        other => {
            if let Err(note) = other {
                eprintln!("crosscheck: {}", sanitize(&note));
            }
            let Some(analysis) = analyse(paths, no_cache, true) else {
                return ExitCode::from(2);
            };
            Catalog::new(&analysis)
        }
    };
    let index = SearchIndex::from_catalog(catalog);
    let ranked = Session::new().search(&index, query);
    let mut out = io::BufWriter::new(io::stdout().lock());
    for r in ranked {
        let e = index.entry(r.entry);
        let Some(src) = index.sources().get(e.article) else {
            continue;
        };
        let claim = match e.target {
            crosscheck::search::Target::Claim(_) => e.id,
            crosscheck::search::Target::Article(_) => "-",
        };
        // Every field in its visible form: no tab, line break or escape
        // from the text reaches the output.
        let line = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}",
            r.score,
            sanitize(&src.story),
            sanitize(&src.id),
            sanitize(claim),
            sanitize(e.text)
        );
        if line.is_err() {
            // A closed pipe (`| head`).
            break;
        }
    }
    let _ = out.flush();
    // The process ends here: freeing a hundred thousand entries one by one
    // would only cost time.
    std::mem::forget(index);
    ExitCode::SUCCESS
}

/// Writes `bytes` to `path` so that a crash or a full disk never leaves a
/// half-written file: a new temporary file beside the target (never an
/// existing one), flushed to disk, then renamed over it, and the directory
/// synced.
///
/// A symlink is followed (its target is replaced, the link stays). A path
/// that exists but is not a regular file (`/dev/null`, `/dev/stdout`, a
/// FIFO) is written to directly: renaming over it would replace the device
/// or pipe itself.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => return Err(io::Error::other("is a directory")),
        Ok(m) if !m.is_file() => {
            let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
            return f.write_all(bytes).and_then(|_| f.flush());
        }
        _ => {}
    }
    // Replace a symlink's target, not the link.
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (mut file, tmp) = create_temp(dir, &name)?;
    let result = file
        .write_all(bytes)
        .and_then(|_| file.sync_all())
        .and_then(|_| {
            drop(file);
            std::fs::rename(&tmp, &target)
        });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
        return result;
    }
    // Make the rename itself durable; not every system can sync a directory.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A new, empty temporary file `.<name>.crosscheck-<pid>-<n>.tmp` in `dir`,
/// created exclusively (an existing file or symlink there is never reused).
fn create_temp(dir: &Path, name: &str) -> io::Result<(std::fs::File, PathBuf)> {
    let mut last = None;
    for n in 0..100 {
        let tmp = dir.join(format!(".{name}.crosscheck-{}-{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
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

/// `crosscheck pairs`.
pub fn run_pairs() -> ExitCode {
    let stdin = io::stdin();
    let mut pairs = Vec::new();
    // Lines are read as bytes: one line that is not UTF-8 is decoded with
    // replacement characters and named, and the rest still scores (one
    // output line per input line, always).
    for (i, line) in stdin.lock().split(b'\n').enumerate() {
        let bytes = match line {
            Ok(b) => b,
            Err(e) => {
                eprintln!("crosscheck: <stdin>:{}: cannot read: {e}", i + 1);
                return ExitCode::from(2);
            }
        };
        let line = match String::from_utf8(bytes) {
            Ok(l) => l,
            Err(e) => {
                eprintln!(
                    "crosscheck: <stdin>:{}: not UTF-8 (invalid byte at offset {}): decoded with replacement characters",
                    i + 1,
                    e.utf8_error().valid_up_to()
                );
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        let line = line.trim_start_matches('\u{feff}');
        let mut parts = line.splitn(2, '\t');
        let (a, b) = (parts.next().unwrap_or(""), parts.next());
        match b {
            Some(b) => pairs.push((a.to_string(), b.trim_end_matches('\r').to_string())),
            None => {
                eprintln!(
                    "crosscheck: <stdin>:{}: expected sentence1<TAB>sentence2",
                    i + 1
                );
                pairs.push((a.to_string(), String::new()));
            }
        }
    }
    let idf = Idf::from_texts(pairs.iter().flat_map(|(a, b)| [a.as_str(), b.as_str()]));
    let threshold = matching::PAIRS_THRESHOLD;
    let mut out = io::BufWriter::new(io::stdout().lock());
    for (a, b) in &pairs {
        let s = matching::pair_score(a, b, &idf).score;
        if writeln!(out, "{s:.4}\t{}", u8::from(s >= threshold)).is_err() {
            break;
        }
    }
    let _ = out.flush();
    ExitCode::SUCCESS
}
