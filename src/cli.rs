//! Command-line interface: argument parsing and the non-interactive commands.

use clap::{Parser, Subcommand, ValueEnum};
use crosscheck::corpus::{self, Corpus};
use crosscheck::matching::features::Idf;
use crosscheck::text::display::sanitize;
use crosscheck::{export, matching, Analysis};
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  crosscheck                         browse the bundled articles
  crosscheck ~/stories/kursk/        browse every .txt/.md/.json/.jsonl under a folder
  crosscheck export --format markdown --output report.md
  crosscheck export a.json b.txt     JSON (schema crosscheck/1) on stdout
  cut -f4,5 pairs.tsv | crosscheck pairs   score sentence pairs

Exit status: 0 when anything loaded, 1 for usage errors, 2 when nothing loaded.";

/// Read several outlets' coverage of one story side by side and cross-check
/// what each one claims.
#[derive(Debug, Parser)]
#[command(name = "crosscheck", version, after_help = EXAMPLES, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Articles to open: files or folders (searched recursively). None: the
    /// bundled article set.
    pub paths: Vec<PathBuf>,
    /// Start the browser fresh: do not restore the last article, claim
    /// and pane.
    #[arg(long)]
    pub fresh: bool,
    /// The command to run instead of the terminal browser.
    #[command(subcommand)]
    pub command: Option<Command>,
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
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Schema `crosscheck/1`.
    Json,
    /// A readable report, fact by fact.
    Markdown,
}

/// Loads `paths`, or the bundled set when empty, printing one line per
/// warning on stderr. `None` when nothing loaded (exit status 2).
pub fn load(paths: &[PathBuf]) -> Option<Corpus> {
    let corpus = if paths.is_empty() {
        corpus::bundled()
    } else {
        corpus::load_paths(paths)
    };
    for w in &corpus.warnings {
        // File names and messages may hold control characters: never let
        // them reach the terminal.
        eprintln!("crosscheck: {}", sanitize(&w.to_string()));
    }
    if corpus.articles.is_empty() {
        eprintln!("crosscheck: no articles loaded");
        return None;
    }
    Some(corpus)
}

/// `crosscheck export`.
pub fn run_export(paths: &[PathBuf], format: Format, output: Option<&PathBuf>) -> ExitCode {
    let Some(corpus) = load(paths) else {
        return ExitCode::from(2);
    };
    let analysis = Analysis::build(corpus);
    // The verdicts given in the browser, from the file beside the inputs.
    let verdicts = crosscheck::verdicts::VerdictStore::for_inputs(paths).unwrap_or_else(|e| {
        eprintln!("crosscheck: {}", sanitize(&e.to_string()));
        crosscheck::verdicts::VerdictStore::default()
    });
    let text = match format {
        Format::Json => export::to_json_with_verdicts(&analysis, &verdicts),
        Format::Markdown => export::to_markdown_with_verdicts(&analysis, &verdicts),
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
