//! Loading off the UI thread: a worker thread reads the inputs through the
//! analysis cache (fetching web pages, analysing on a miss, writing the
//! entry atomically), builds the browser's state and the verdict store,
//! and reports each step to the UI thread over a channel, which draws the
//! loading screen meanwhile and can leave at any time (the worker is then
//! abandoned with the process: a cache entry is only ever renamed into
//! place whole, so none is left half-written).

use super::app::App;
use super::config::Config;
use crate::cli::LoadOptions;
use crosscheck::cache;
use crosscheck::corpus::fetch::{FetchEvent, FetchState};
use crosscheck::progress::Progress;
use crosscheck::text::display::sanitize;
use crosscheck::verdicts::VerdictStore;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};

/// What the worker tells the UI thread.
#[derive(Debug)]
pub enum Report {
    /// A step of the build.
    Progress(Progress),
    /// A web page's fetch progress, as one line.
    Fetch(String),
    /// The end: the browser's state, or why there is none.
    Done(Box<Outcome>),
}

/// The result of loading.
#[derive(Debug)]
pub struct Outcome {
    /// The browser over the analysis; `None` when no article loaded.
    pub app: Option<App>,
    /// Why verdicts will not be saved (a verdicts file that cannot be
    /// read is never overwritten).
    pub store_error: Option<String>,
    /// The load warnings (bad files, failed fetches), then problems with
    /// the cache, one line each, for stderr once the terminal is restored
    /// (the browser lists the load warnings too).
    pub warnings: Vec<String>,
}

/// Starts loading `paths` (the bundled articles when empty) on a new
/// thread with `load`'s options, for a browser with `config` at `size`;
/// its reports come through the returned channel, ending with
/// [`Report::Done`] (the channel closes without it only if the worker
/// panicked).
pub fn spawn(
    paths: &[PathBuf],
    load: LoadOptions,
    config: Config,
    size: (u16, u16),
) -> std::io::Result<Receiver<Report>> {
    let (tx, rx) = mpsc::channel();
    let paths = paths.to_vec();
    std::thread::Builder::new()
        .name("loading".into())
        .spawn(move || work(&paths, load, config, size, &tx))?;
    Ok(rx)
}

fn work(
    paths: &[PathBuf],
    load: LoadOptions,
    config: Config,
    size: (u16, u16),
    tx: &Sender<Report>,
) {
    #[cfg(debug_assertions)]
    debug_hook();
    // A closed channel means the UI has gone: nothing to tell.
    let progress = |p: Progress| {
        let _ = tx.send(Report::Progress(p));
    };
    let mut prepared = cache::prepare(
        paths,
        &load.cache(),
        &load.fetch(),
        &mut |e| {
            let _ = tx.send(Report::Fetch(fetch_line(e)));
        },
        &progress,
    );
    let mut warnings: Vec<String> = prepared
        .warnings()
        .iter()
        .map(ToString::to_string)
        .collect();
    warnings.append(&mut prepared.notes);
    if prepared.articles() == 0 {
        let outcome = Outcome {
            app: None,
            store_error: None,
            warnings,
        };
        let _ = tx.send(Report::Done(Box::new(outcome)));
        return;
    }
    let mut loaded = prepared.build(&progress);
    warnings.append(&mut loaded.notes);
    let (store, store_error) = match VerdictStore::for_inputs(paths) {
        Ok(s) => (s, None),
        Err(e) => (VerdictStore::new(None), Some(e.to_string())),
    };
    let app = App::with_verdicts(loaded.analysis, config, size, store);
    let outcome = Outcome {
        app: Some(app),
        store_error,
        warnings,
    };
    let _ = tx.send(Report::Done(Box::new(outcome)));
}

/// What is being opened, for the loading screen's title.
pub fn describe(paths: &[PathBuf]) -> String {
    match paths {
        [] => "the bundled articles".into(),
        [one] => sanitize(&one.display().to_string()).into_owned(),
        [first, rest @ ..] => format!(
            "{} and {} more",
            sanitize(&first.display().to_string()),
            rest.len()
        ),
    }
}

/// A fetch's progress as one line: what, the address, the bytes.
fn fetch_line(e: &FetchEvent) -> String {
    let url = sanitize(&e.url);
    let size = human_bytes(e.bytes);
    match &e.state {
        FetchState::Started => format!("fetching {url}"),
        FetchState::Receiving => format!("fetching {url} {size}"),
        FetchState::Done { cached: true } => format!("cached {url} {size}"),
        FetchState::Done { cached: false } => format!("fetched {url} {size}"),
        FetchState::Failed(why) => format!("failed {url}: {}", sanitize(why)),
    }
}

fn human_bytes(n: u64) -> String {
    match n {
        0..=1023 => format!("{n} B"),
        1024..=1_048_575 => format!("{:.0} KiB", n as f64 / 1024.0),
        _ => format!("{:.1} MiB", n as f64 / 1_048_576.0),
    }
}

/// Debug and test builds only: `CROSSCHECK_DEBUG_OOM=loading` fails an
/// allocation on this thread once the terminal is set up and the loading
/// screen has had time to show, so that a test can check that the
/// allocation guard restores the terminal during loading too.
#[cfg(debug_assertions)]
fn debug_hook() {
    if !std::env::var("CROSSCHECK_DEBUG_OOM").is_ok_and(|v| v == "loading") {
        return;
    }
    let waited = std::time::Instant::now();
    while !super::terminal::is_active() && waited.elapsed().as_secs() < 5 {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    // Far more than any machine has: the allocation fails and the runtime
    // aborts, as it does when memory runs out.
    let v: Vec<u8> = Vec::with_capacity(usize::MAX / 4);
    std::hint::black_box(&v);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_opened_is_named_in_visible_form() {
        assert_eq!(describe(&[]), "the bundled articles");
        assert_eq!(describe(&["wire.jsonl".into()]), "wire.jsonl");
        assert_eq!(
            describe(&["a.txt".into(), "b.txt".into(), "c.txt".into()]),
            "a.txt and 2 more"
        );
        assert!(!describe(&["evil\u{1b}]0;x\u{7}.txt".into()]).contains('\u{1b}'));
    }

    #[test]
    fn fetch_lines_say_what_happened() {
        let e = |state| FetchEvent {
            url: "https://a.example/\u{1b}[2J".into(),
            bytes: 2048,
            state,
        };
        assert_eq!(
            fetch_line(&e(FetchState::Receiving)),
            "fetching https://a.example/^[[2J 2 KiB"
        );
        assert!(fetch_line(&e(FetchState::Failed("timed out".into()))).ends_with(": timed out"));
    }

    #[test]
    fn the_worker_reports_steps_then_the_browser() {
        let rx = spawn(&[], LoadOptions::default(), Config::default(), (80, 24)).unwrap();
        let reports: Vec<Report> = rx.iter().collect();
        let stages: Vec<_> = reports
            .iter()
            .filter_map(|r| match r {
                Report::Progress(p) => Some(p.stage),
                _ => None,
            })
            .collect();
        assert_eq!(stages.first(), Some(&crosscheck::progress::Stage::Reading));
        assert_eq!(stages.last(), Some(&crosscheck::progress::Stage::Done));
        let Some(Report::Done(outcome)) = reports.last() else {
            panic!("the last report is the outcome");
        };
        let app = outcome.app.as_ref().expect("the bundled articles load");
        assert_eq!(app.analysis().articles.len(), 5);
        assert_eq!((app.size.width, app.size.height), (80, 24));
    }

    #[test]
    fn nothing_loaded_is_an_outcome_without_a_browser_with_the_warnings() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.txt");
        let load = LoadOptions {
            no_cache: true,
            ..LoadOptions::default()
        };
        let rx = spawn(&[missing], load, Config::default(), (80, 24)).unwrap();
        let Some(Report::Done(outcome)) = rx.iter().last() else {
            panic!("an outcome");
        };
        assert!(outcome.app.is_none());
        assert!(
            outcome.warnings.iter().any(|w| w.contains("missing.txt")),
            "{:?}",
            outcome.warnings
        );
    }
}
