//! Start-up and the event loop.
//!
//! The config is read and the terminal checked first; then the articles
//! are loaded and analysed, and the browser's state built, on a worker
//! thread ([`loader`](super::loader)) while this thread shows the loading
//! screen. A load that ends within [`QUIET`] (a small folder, a warm
//! cache of a few hundred articles) never shows it: the terminal is set up
//! only after that wait, and the browser is the first frame (a load that
//! finds nothing prints its error without the terminal ever being
//! touched). The bundled articles wait up to [`QUIET_BUNDLED`]: they take
//! about as long as the wait for the loading screen (the engine's first
//! use: its tables and expressions), so the loading screen would only
//! flash. Otherwise
//! the terminal is set up and the loading screen is the first frame; it
//! is redrawn when a progress report or a terminal event arrives (at most
//! every [`FRAME`]) and every [`CLOCK`] for its clock, looking for reports
//! every [`POLL`] between keys; `q`, `Esc` and `Ctrl-c` leave at once,
//! abandoning the worker.
//!
//! Once the terminal is set up every way out restores it (see
//! [`terminal`]), including an allocation failure on the worker thread:
//! the allocation guard ([`alloc_guard`](super::alloc_guard)) restores
//! the terminal before the runtime's message, whichever thread fails.
//! After loading, the loop blocks on the next terminal event, turns it
//! into an input, updates and redraws: nothing happens between events.

use super::action::Input;
use super::app::loading::{Exit, LoadInput, Loading};
use super::app::{update, App, Effect};
use super::loader::{self, Outcome, Report};
use super::session::Session;
use super::{config, terminal, ui};
use ratatui::crossterm::event;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError};
use std::time::{Duration, Instant};

/// How long a load may take before the loading screen is shown at all:
/// faster loads open straight on the browser, without a flash of the
/// loading screen, and slower ones still show their first frame within
/// 100 ms of start-up.
const QUIET: Duration = Duration::from_millis(70);

/// How long the bundled articles may take before the loading screen is
/// shown: on the development box they open in 65-120 ms, depending on its
/// load, which would flash the loading screen for a few frames after
/// [`QUIET`].
const QUIET_BUNDLED: Duration = Duration::from_secs(1);

/// The shortest time between two frames of the loading screen (at most 20
/// a second, however fast the reports come).
const FRAME: Duration = Duration::from_millis(50);

/// How often the loading screen is redrawn with nothing new: its clock
/// and the bar of a step that reports no units.
const CLOCK: Duration = Duration::from_millis(100);

/// How long the loading screen waits for a key before it looks at the
/// worker's reports again: how late, at most, the browser follows the end
/// of loading (the reports cannot wake a wait on the terminal).
const POLL: Duration = Duration::from_millis(10);

/// Runs the browser over `paths` (the bundled articles when empty) until
/// the user quits; `fresh` ignores the remembered session, `load` says
/// whether to fetch web pages again instead of reading the page cache and
/// whether to use the analysis cache. The terminal is restored whatever
/// happens.
pub fn run(paths: &[PathBuf], fresh: bool, load: crate::cli::LoadOptions) -> ExitCode {
    let started = Instant::now();
    // A bad config file stops here, before the terminal is touched.
    let config = match config::load() {
        Ok(c) => c,
        Err(e) => {
            crate::output::warn(e);
            return ExitCode::from(1);
        }
    };
    if let Err(e) = terminal::check_this_terminal() {
        crate::output::warn(e);
        return ExitCode::from(1);
    }
    #[cfg(debug_assertions)]
    debug_hook("start");
    let size = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let mut loading = Loading::new(
        loader::describe(paths),
        config.keymap.clone(),
        config.theme,
        size,
    );
    let reports = match loader::spawn(paths, load, config, size) {
        Ok(r) => r,
        Err(e) => {
            crate::output::warn(format!("cannot start loading: {e}"));
            return ExitCode::from(1);
        }
    };
    // A quick load opens on the browser: no loading screen, and a load
    // that found nothing never touches the terminal.
    let quiet = if paths.is_empty() {
        QUIET_BUNDLED
    } else {
        QUIET
    };
    let mut ready = wait_quietly(&reports, &mut loading, started, quiet);
    if let Some(outcome) = ready.take_if(|o| o.app.is_none()) {
        return nothing_loaded(&outcome);
    }
    let mut term = match terminal::setup() {
        Ok(t) => t,
        Err(e) => {
            crate::output::warn(format!("cannot set up the terminal: {e}"));
            return ExitCode::from(1);
        }
    };
    let outcome = match ready {
        Some(o) => o,
        None => match show_loading(&mut term, &reports, &mut loading, started) {
            Ok(Waited::Ready(o)) => o,
            Ok(Waited::Left(exit)) => {
                terminal::restore();
                return match exit {
                    Exit::Quit => ExitCode::SUCCESS,
                    Exit::Interrupt => ExitCode::from(130),
                };
            }
            Ok(Waited::Failed) => {
                // The worker panicked: the panic hook has restored the
                // terminal and printed the message.
                terminal::restore();
                crate::output::warn("loading failed");
                return ExitCode::from(101);
            }
            Err(e) => {
                terminal::restore();
                crate::output::warn(format!("terminal error: {e}"));
                return ExitCode::from(1);
            }
        },
    };
    let Outcome {
        app,
        store_error,
        warnings,
    } = *outcome;
    let Some(mut app) = app else {
        terminal::restore();
        return nothing_loaded(&Outcome {
            app: None,
            store_error,
            warnings,
        });
    };
    // The terminal may have been resized while loading.
    if (app.size.width, app.size.height) != loading.size {
        update(&mut app, Input::Resize(loading.size.0, loading.size.1));
    }
    let session_path = super::session::path(paths);
    if !fresh {
        if let Some(s) = session_path.as_deref().and_then(Session::load) {
            s.apply(&mut app);
        }
    }
    app.message = store_error.map(|e| {
        format!(
            "verdicts will not be saved: {}",
            super::sanitize::sanitize(&e)
        )
    });
    let result = browse(&mut term, &mut app);
    terminal::restore();
    // File names and messages may hold control characters: `warn` never
    // lets them reach the terminal.
    for w in &warnings {
        crate::output::warn(w);
    }
    if let Some(p) = &session_path {
        // Losing the session is not worth an error message.
        let _ = Session::of(&app, paths).save(p);
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            crate::output::warn(format!("terminal error: {e}"));
            ExitCode::from(1)
        }
    }
}

/// Prints why nothing loaded (the terminal is not, or no longer, in the
/// browser's mode): exit status 2.
fn nothing_loaded(outcome: &Outcome) -> ExitCode {
    for w in &outcome.warnings {
        crate::output::warn(w);
    }
    crate::output::warn("no articles loaded");
    ExitCode::from(2)
}

/// The loading screen as it ended.
enum Waited {
    /// The browser is ready.
    Ready(Box<Outcome>),
    /// The user left.
    Left(Exit),
    /// The worker stopped without an outcome (it panicked), or the
    /// terminal was restored under the loading screen.
    Failed,
}

/// The reports of the first `quiet` after `started`, applied to
/// `loading`; the outcome if loading ended by then.
fn wait_quietly(
    reports: &Receiver<Report>,
    loading: &mut Loading,
    started: Instant,
    quiet: Duration,
) -> Option<Box<Outcome>> {
    loop {
        let left = quiet.checked_sub(started.elapsed())?;
        match reports.recv_timeout(left) {
            Ok(Report::Done(o)) => return Some(o),
            Ok(r) => loading.update(input(r)),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
        }
    }
}

/// The loading screen's loop, until the browser is ready or the user
/// leaves.
fn show_loading(
    term: &mut terminal::Tui,
    reports: &Receiver<Report>,
    loading: &mut Loading,
    started: Instant,
) -> std::io::Result<Waited> {
    let mut drawn: Option<Instant> = None;
    let mut news = true;
    loop {
        loop {
            match reports.try_recv() {
                Ok(Report::Done(o)) => return Ok(Waited::Ready(o)),
                Ok(r) => {
                    loading.update(input(r));
                    news = true;
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => return Ok(Waited::Failed),
            }
        }
        if let Some(exit) = loading.exit {
            return Ok(Waited::Left(exit));
        }
        loading.update(LoadInput::Tick(started.elapsed()));
        let due = drawn.is_none_or(|t| {
            let since = t.elapsed();
            since >= CLOCK || (news && since >= FRAME)
        });
        if due {
            // A panic or an allocation failure on the worker restores the
            // terminal: draw no more then.
            if !terminal::is_active() {
                return Ok(Waited::Failed);
            }
            term.draw(|f| ui::draw_loading(f, loading))?;
            drawn = Some(Instant::now());
            news = false;
        }
        if event::poll(POLL)? {
            let ev = event::read()?;
            if let Some(i) = loading.input_for(&ev) {
                loading.update(i);
                news = true;
            }
        }
    }
}

/// A worker's report as an input of the loading screen.
fn input(r: Report) -> LoadInput {
    match r {
        Report::Progress(p) => LoadInput::Progress(p),
        Report::Fetch(line) => LoadInput::Fetch(line),
        // Handled by the callers; never reaches the screen.
        Report::Done(_) => LoadInput::Tick(Duration::ZERO),
    }
}

/// The browser's loop, until the user quits.
fn browse(term: &mut terminal::Tui, app: &mut App) -> std::io::Result<()> {
    loop {
        term.draw(|f| ui::draw(f, app))?;
        // Block until something happens: no timers, no idle redraws.
        let ev = event::read()?;
        #[cfg(debug_assertions)]
        if matches!(&ev, event::Event::Key(k) if k.kind == event::KeyEventKind::Press) {
            debug_hook("key");
        }
        let Some(input) = app.input_for(&ev) else {
            continue;
        };
        match update(app, input) {
            Some(Effect::Copy(text)) => {
                if let Err(e) = terminal::copy_osc52(&text) {
                    app.message = Some(format!("copy failed: {e}"));
                }
            }
            Some(Effect::OpenUrl(url)) => {
                if let Err(e) = terminal::open_url(&url) {
                    app.message = Some(format!("cannot open {url}: {e}"));
                }
            }
            Some(Effect::SaveVerdicts) => match app.verdicts.store.save() {
                Ok(()) => {
                    if let Some(p) = app.verdicts.store.path() {
                        let shown =
                            super::sanitize::sanitize(&p.display().to_string()).into_owned();
                        let m = app.message.take().unwrap_or_default();
                        app.message = Some(format!("{m}; saved to {shown}"));
                    }
                }
                Err(e) => app.message = Some(format!("verdict not saved: {e}")),
            },
            None => {}
        }
        if app.quit {
            return Ok(());
        }
    }
}

/// Debug and test builds only: `CROSSCHECK_DEBUG_PANIC` makes the first key
/// press in the browser panic; `CROSSCHECK_DEBUG_OOM=start` fails an
/// allocation at start-up, before loading starts and the terminal is set
/// up, `=key` on the first key press in the browser (and `=loading` on the
/// loading thread, see `loader`), so that tests can check that the
/// terminal is restored (or never touched) before the message is printed.
/// Release builds have no hooks.
#[cfg(debug_assertions)]
fn debug_hook(when: &str) {
    assert!(
        !(when == "key" && std::env::var_os("CROSSCHECK_DEBUG_PANIC").is_some()),
        "deliberate panic for testing (CROSSCHECK_DEBUG_PANIC is set)"
    );
    if std::env::var("CROSSCHECK_DEBUG_OOM").is_ok_and(|v| v == when) {
        // Far more than any machine has: the allocation fails and the
        // runtime aborts, as it does when memory runs out.
        let huge = usize::MAX / 4;
        let v: Vec<u8> = Vec::with_capacity(huge);
        std::hint::black_box(&v);
    }
}
