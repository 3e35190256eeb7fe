//! Command-line interface: argument parsing and the non-interactive commands.

use clap::{Parser, Subcommand, ValueEnum};
use crosscheck::corpus::{self, Corpus};
use crosscheck::matching::features::Idf;
use crosscheck::text::display::sanitize;
use crosscheck::{export, matching, Analysis};
use std::io::{self, BufRead, Write};
use std::path::PathBuf;
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

/// Writes to a temporary file beside `path`, then renames it into place, so
/// that a crash never leaves a half-written file.
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.crosscheck-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// `crosscheck pairs`.
pub fn run_pairs() -> ExitCode {
    let stdin = io::stdin();
    let mut pairs = Vec::new();
    for (i, line) in stdin.lock().lines().enumerate() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("crosscheck: <stdin>:{}: {e}", i + 1);
                return ExitCode::from(2);
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
