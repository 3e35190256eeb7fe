//! Loading for the browser: the inputs are read through the analysis
//! cache (web pages fetched, the analysis built on a miss and its entry
//! written atomically), then the browser's state and the verdict store are
//! built, each step reported to a callback. It runs on the main thread
//! while the loading screen runs on another (see `tui::run`), which leaves
//! the process at once when the user quits: a cache entry is only ever
//! renamed into place whole, so none is left half-written.
//!
//! The heavy work stays on the main thread because glibc gives every
//! other thread its own allocation arena, which grows and shrinks in small
//! steps: opening Reuters-21578 from a warm cache took 510-580 ms with the
//! work on a second thread against 400-440 ms on the main thread (medians
//! of 5-7 runs of `scripts/startup.py --warm`, load average 2.7), and
//! 410-480 ms on the second thread with `MALLOC_ARENA_MAX=1`.

use super::app::App;
use super::config::Config;
use crate::cli::LoadOptions;
use crosscheck::cache;
use crosscheck::corpus::fetch::{FetchEvent, FetchState};
use crosscheck::progress::Progress;
use crosscheck::text::display::sanitize;
use crosscheck::verdicts::VerdictStore;
use std::path::PathBuf;

/// A report of the loading, for the loading screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// A step of the build.
    Progress(Progress),
    /// A web page's fetch progress, as one line.
    Fetch(String),
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

/// Loads `paths` (the bundled articles when empty) with `load`'s options
/// and builds the browser over them with `config` at `size`, reporting
/// each step to `report` (from other threads too: the analysis runs on
/// all cores).
pub fn load(
    paths: &[PathBuf],
    load: LoadOptions,
    config: Config,
    size: (u16, u16),
    report: &(dyn Fn(Report) + Sync),
) -> Outcome {
    #[cfg(debug_assertions)]
    debug_hook();
    let progress = |p: Progress| report(Report::Progress(p));
    let mut prepared = cache::prepare(
        paths,
        &load.cache(),
        &load.fetch(),
        &mut |e| report(Report::Fetch(fetch_line(e))),
        &progress,
    );
    let mut warnings: Vec<String> = prepared
        .warnings()
        .iter()
        .map(ToString::to_string)
        .collect();
    warnings.append(&mut prepared.notes);
    if prepared.articles() == 0 {
        return Outcome {
            app: None,
            store_error: None,
            warnings,
        };
    }
    let mut loaded = prepared.build(&progress);
    warnings.append(&mut loaded.notes);
    let (store, store_error) = match VerdictStore::for_inputs(paths) {
        Ok(s) => (s, None),
        Err(e) => (VerdictStore::new(None), Some(e.to_string())),
    };
    let app = App::with_verdicts(loaded.analysis, config, size, store);
    Outcome {
        app: Some(app),
        store_error,
        warnings,
    }
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
/// allocation while loading, once the loading screen's thread has set up
/// the terminal and drawn, so that a test can check that the allocation
/// guard restores the terminal during loading too.
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

    fn reports_of(paths: &[PathBuf], load: LoadOptions) -> (Vec<Report>, Outcome) {
        let reports = std::sync::Mutex::new(Vec::new());
        let outcome = super::load(paths, load, Config::default(), (80, 24), &|r| {
            reports.lock().unwrap().push(r);
        });
        (reports.into_inner().unwrap(), outcome)
    }

    #[test]
    fn loading_reports_each_step_then_gives_the_browser() {
        let (reports, outcome) = reports_of(&[], LoadOptions::default());
        let stages: Vec<_> = reports
            .iter()
            .map(|r| match r {
                Report::Progress(p) => Some(p.stage),
                Report::Fetch(_) => None,
            })
            .collect();
        assert_eq!(
            stages.first(),
            Some(&Some(crosscheck::progress::Stage::Reading))
        );
        assert_eq!(
            stages.last(),
            Some(&Some(crosscheck::progress::Stage::Done))
        );
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
        let (_, outcome) = reports_of(&[missing], load);
        assert!(outcome.app.is_none());
        assert!(
            outcome.warnings.iter().any(|w| w.contains("missing.txt")),
            "{:?}",
            outcome.warnings
        );
    }
}
