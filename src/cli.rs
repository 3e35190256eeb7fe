//! Command-line interface: argument parsing and the non-interactive commands.

use crate::output::{warn, Sink};
use clap::{Parser, Subcommand, ValueEnum};
use crosscheck::cache::{self, CacheOptions, Prepared};
use crosscheck::corpus::fetch::{FetchEvent, FetchOptions, FetchState};
use crosscheck::corpus::{self, Corpus};
use crosscheck::progress::Progress;
use crosscheck::search::{Catalog, SearchIndex, Session, Target};
use crosscheck::text::display::sanitize;
use crosscheck::{export, matching, Analysis};
use std::fmt::Write as _;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  crosscheck                         browse the bundled articles
  crosscheck ~/stories/flood/        browse every .txt/.md/.json/.jsonl/.html under a folder
  crosscheck https://a.example/story urls.txt   fetch pages (cached; --refresh fetches again)
  crosscheck articles urls.txt --output corpus.jsonl   keep the extracted articles
  crosscheck export --format markdown --output report.md
  crosscheck export a.json b.txt     JSON (schema crosscheck/1) on stdout
  cut -f4,5 pairs.tsv | crosscheck pairs   score sentence pairs
  crosscheck search cocoa wire.jsonl  ranked claims and titles matching cocoa

Exit status: 0 when anything loaded, 1 for usage and write errors, 2 when nothing loaded.";

/// Read several outlets' coverage of one story side by side and cross-check
/// what each one claims.
#[derive(Debug, Parser)]
#[command(name = "crosscheck", version, after_help = EXAMPLES, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Articles to open: files or folders (searched recursively), web
    /// addresses, URL list files. None: the bundled article set.
    pub paths: Vec<PathBuf>,
    /// Fetch web pages again instead of reading them from the cache.
    #[arg(long, global = true)]
    pub refresh: bool,
    /// Neither read nor write the analysis cache (`$XDG_CACHE_HOME/crosscheck`).
    #[arg(long, global = true)]
    pub no_cache: bool,
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
    /// Write the loaded articles as JSONL in crosscheck's own input format
    /// (id, title, outlet, byline, date, url, story, text, and the source
    /// each came from), to keep, edit or share a fetched corpus.
    Articles {
        /// Articles: files, folders, web addresses, URL lists. None: the
        /// bundled article set.
        paths: Vec<PathBuf>,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Search claims and titles: prints the matches best first, one per line:
    /// score<TAB>story<TAB>article<TAB>claim<TAB>text (claim `-` for a title).
    /// fzf's query syntax: 'exact, ^prefix, suffix$, !not.
    Search {
        /// Terms to find (all of them; a term with a capital matches case).
        query: String,
        /// Articles: files, folders, web addresses, URL lists. None: the
        /// bundled article set.
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

/// How the inputs are loaded: `--refresh` and `--no-cache`.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Fetch web pages again instead of reading the page cache.
    pub refresh: bool,
    /// Neither read nor write the analysis cache.
    pub no_cache: bool,
}

impl LoadOptions {
    /// The fetch options these ask for.
    pub fn fetch(self) -> FetchOptions {
        FetchOptions {
            refresh: self.refresh,
            ..FetchOptions::default()
        }
    }

    /// The cache options these ask for.
    pub fn cache(self) -> CacheOptions {
        CacheOptions {
            enabled: !self.no_cache,
            ..CacheOptions::default()
        }
    }
}

/// Loads `paths` (files, folders, web addresses, URL lists; see
/// [`corpus::load_inputs`]), or the bundled set when empty, printing one
/// line per warning on stderr (best effort: a closed or full stderr never
/// stops the work). `None` when nothing loaded (exit status 2). For
/// `articles`, which needs the articles as loaded and no analysis.
///
/// `refresh` fetches pages again instead of reading the cache. When stderr
/// is a terminal, each fetch shows its progress there (address, bytes,
/// done or failed).
pub fn load(paths: &[PathBuf], refresh: bool) -> Option<Corpus> {
    let corpus = if paths.is_empty() {
        corpus::bundled()
    } else {
        let opts = FetchOptions {
            refresh,
            ..FetchOptions::default()
        };
        let mut fetching = FetchProgress::new(io::stderr().is_terminal());
        let corpus = corpus::load_inputs(paths, &opts, &mut |e| fetching.show(e));
        fetching.finish();
        corpus
    };
    for w in &corpus.warnings {
        // File names and messages may hold control characters: `warn`
        // never lets them reach the terminal.
        warn(w);
    }
    if corpus.articles.is_empty() {
        warn("no articles loaded");
        return None;
    }
    Some(corpus)
}

/// Inputs read for analysis (see [`prepare`]): the analysis is
/// [`Loading::analysis`].
pub struct Loading {
    prepared: Prepared,
    progress: bool,
}

/// Reads `paths` for analysis (the bundled set when empty) through the
/// analysis cache: files and folders are looked up in the cache first, web
/// addresses are fetched (`--refresh`: again) and then looked up by what
/// they hold; see [`cache::prepare`]. Prints the load warnings and cache
/// notes on stderr, and with `progress`, when stderr is a terminal, each
/// fetch's progress and then a progress bar. `None` when nothing loaded
/// (exit status 2).
pub fn prepare(paths: &[PathBuf], opts: LoadOptions, progress: bool) -> Option<Loading> {
    let bar = progress.then(progress_bar).flatten();
    let mut fetching = FetchProgress::new(progress && io::stderr().is_terminal());
    let prepared = {
        let show = |p: Progress| {
            if let Some(b) = &bar {
                show_progress(b, p);
            }
        };
        cache::prepare(
            paths,
            &opts.cache(),
            &opts.fetch(),
            &mut |e| fetching.show(e),
            &show,
        )
    };
    fetching.finish();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    for w in prepared.warnings() {
        // File names and messages may hold control characters: `warn`
        // never lets them reach the terminal.
        warn(w);
    }
    for n in &prepared.notes {
        warn(n);
    }
    if prepared.articles() == 0 {
        warn("no articles loaded");
        return None;
    }
    Some(Loading { prepared, progress })
}

impl Loading {
    /// Whether `file` is one of the inputs (for `--output`).
    pub fn has_input(&self, file: corpus::FileId) -> bool {
        self.prepared.has_input(file)
    }

    /// The analysis: read from the cache, or built now (with a progress bar
    /// on a terminal) and cached; a cache entry that cannot be written is
    /// one line on stderr.
    pub fn analysis(self) -> Analysis {
        let Loading {
            mut prepared,
            progress,
        } = self;
        // Already printed.
        prepared.notes.clear();
        let bar = progress.then(progress_bar).flatten();
        let loaded = match &bar {
            Some(b) => prepared.build(&|p| show_progress(b, p)),
            None => prepared.build(&|_| {}),
        };
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        for n in &loaded.notes {
            warn(n);
        }
        loaded.analysis
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
    // Writing to a `String` cannot fail.
    if p.claims > 0 {
        let _ = write!(msg, " · {} claims", p.claims);
    }
    if p.stories > 0 {
        let _ = write!(msg, " · {} stories", p.stories);
    }
    if p.total > 0 {
        let _ = write!(msg, " · {}/{}", p.done, p.total);
    }
    bar.set_message(msg);
}

/// Fetch progress on stderr: one line per page, rewritten in place while it
/// arrives (only on a terminal; elsewhere failures still come as warnings).
struct FetchProgress {
    tty: bool,
    /// Whether the cursor is at the end of an unfinished progress line.
    open: bool,
}

impl FetchProgress {
    fn new(tty: bool) -> Self {
        FetchProgress { tty, open: false }
    }

    fn show(&mut self, e: &FetchEvent) {
        if !self.tty {
            return;
        }
        // Long addresses are cut so that the line fits and `\r` rewrites it.
        let mut url = sanitize(&e.url).into_owned();
        if let Some((cut, _)) = url.char_indices().nth(70) {
            url.truncate(cut);
            url.push('…');
        }
        let size = human_bytes(e.bytes);
        let line = match &e.state {
            FetchState::Started => format!("fetching {url}"),
            FetchState::Receiving => format!("fetching {url} {size}"),
            FetchState::Done { cached: true } => format!("cached   {url} {size}"),
            FetchState::Done { cached: false } => format!("fetched  {url} {size}"),
            FetchState::Failed(why) => format!("failed   {url}: {}", sanitize(why)),
        };
        let done = !matches!(e.state, FetchState::Started | FetchState::Receiving);
        // \r and "erase to end of line" rewrite the page's line in place.
        let mut err = io::stderr().lock();
        let _ = write!(err, "\r\x1b[K{line}");
        if done {
            let _ = writeln!(err);
        }
        let _ = err.flush();
        self.open = !done;
    }

    fn finish(&mut self) {
        if self.open {
            let _ = writeln!(io::stderr());
            self.open = false;
        }
    }
}

fn human_bytes(n: u64) -> String {
    match n {
        0..=1023 => format!("{n} B"),
        1024..=1_048_575 => format!("{:.0} KiB", n as f64 / 1024.0),
        _ => format!("{:.1} MiB", n as f64 / 1_048_576.0),
    }
}

/// `crosscheck articles`: the loaded articles as JSONL in crosscheck's
/// input format. Written like an export: the destination is checked before
/// any fetching, and any write error but a closed stdout pipe is reported
/// with exit status 1.
pub fn run_articles(paths: &[PathBuf], output: Option<&PathBuf>, refresh: bool) -> ExitCode {
    let Some(corpus) = load(paths, refresh) else {
        return ExitCode::from(2);
    };
    let mut sink = match output {
        None => Sink::stdout(),
        Some(path) => match Sink::file(path, &|f| corpus.has_input(f)) {
            Ok(s) => s,
            Err(message) => {
                warn(message);
                return ExitCode::from(1);
            }
        },
    };
    let text = corpus::jsonl::to_jsonl(&corpus.articles);
    let written = sink.writer().write_all(text.as_bytes());
    match sink.finish(written) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            warn(message);
            ExitCode::from(1)
        }
    }
}

/// `crosscheck export`. The destination is opened (and checked: not a
/// directory, not one of the inputs) before the analysis; any write error
/// but a closed stdout pipe is reported with exit status 1.
pub fn run_export(
    paths: &[PathBuf],
    format: Format,
    output: Option<&PathBuf>,
    opts: LoadOptions,
) -> ExitCode {
    let Some(loading) = prepare(paths, opts, true) else {
        return ExitCode::from(2);
    };
    let mut sink = match output {
        None => Sink::stdout(),
        Some(path) => match Sink::file(path, &|f| loading.has_input(f)) {
            Ok(s) => s,
            Err(message) => {
                warn(message);
                return ExitCode::from(1);
            }
        },
    };
    let analysis = loading.analysis();
    // The verdicts given in the browser, from the file beside the inputs.
    let verdicts = crosscheck::verdicts::VerdictStore::for_inputs(paths).unwrap_or_else(|e| {
        warn(e);
        crosscheck::verdicts::VerdictStore::default()
    });
    let out = sink.writer();
    let written = match format {
        Format::Json => export::write_json_with_verdicts(&analysis, &verdicts, &mut *out),
        Format::Markdown => {
            out.write_all(export::to_markdown_with_verdicts(&analysis, &verdicts).as_bytes())
        }
    }
    .and_then(|()| out.write_all(b"\n"));
    match sink.finish(written) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            warn(message);
            ExitCode::from(1)
        }
    }
}

/// `crosscheck search`: the cached catalog when there is one (only that
/// part of the cache entry is read), else the analysis. Written like an
/// export: any write error but a closed stdout pipe is reported with exit
/// status 1.
pub fn run_search(query: &str, paths: &[PathBuf], opts: LoadOptions) -> ExitCode {
    let catalog = match cache::read_catalog(paths, &opts.cache()) {
        Ok(Some(c)) => c,
        other => {
            if let Err(note) = other {
                warn(note);
            }
            let Some(loading) = prepare(paths, opts, true) else {
                return ExitCode::from(2);
            };
            Catalog::new(&loading.analysis())
        }
    };
    let index = SearchIndex::from_catalog(catalog);
    let ranked = Session::new().search(&index, query);
    let mut sink = Sink::stdout();
    let out = sink.writer();
    let written = ranked.iter().try_for_each(|r| {
        let e = index.entry(r.entry);
        let Some(src) = index.sources().get(e.article) else {
            return Ok(());
        };
        let claim = match e.target {
            Target::Claim(_) => e.id,
            Target::Article(_) => "-",
        };
        // Every field in its visible form: no tab, line break or escape
        // from the text reaches the output.
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}",
            r.score,
            sanitize(&src.story),
            sanitize(&src.id),
            sanitize(claim),
            sanitize(e.text)
        )
    });
    let status = match sink.finish(written) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            warn(message);
            ExitCode::from(1)
        }
    };
    // The process ends here: freeing a hundred thousand entries one by one
    // would only cost time.
    std::mem::forget(index);
    status
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
                warn(format!("<stdin>:{}: cannot read: {e}", i + 1));
                return ExitCode::from(2);
            }
        };
        let line = match String::from_utf8(bytes) {
            Ok(l) => l,
            Err(e) => {
                warn(format!(
                    "<stdin>:{}: not UTF-8 (invalid byte at offset {}): decoded with replacement characters",
                    i + 1,
                    e.utf8_error().valid_up_to()
                ));
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        let line = line.trim_start_matches('\u{feff}');
        let mut parts = line.splitn(2, '\t');
        let (a, b) = (parts.next().unwrap_or(""), parts.next());
        if let Some(b) = b {
            pairs.push((a.to_string(), b.trim_end_matches('\r').to_string()));
        } else {
            warn(format!(
                "<stdin>:{}: expected sentence1<TAB>sentence2",
                i + 1
            ));
            pairs.push((a.to_string(), String::new()));
        }
    }
    let idf =
        matching::features::pairs_idf(pairs.iter().flat_map(|(a, b)| [a.as_str(), b.as_str()]));
    let threshold = matching::Params::trained().pairs_threshold;
    let mut sink = Sink::stdout();
    let out = sink.writer();
    let written = pairs.iter().try_for_each(|(a, b)| {
        let s = matching::pair_score(a, b, &idf).score;
        writeln!(out, "{s:.4}\t{}", u8::from(s >= threshold))
    });
    match sink.finish(written) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            warn(message);
            ExitCode::from(1)
        }
    }
}
