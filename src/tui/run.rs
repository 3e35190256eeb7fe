//! Start-up and the event loop.
//!
//! The config is read and the terminal checked first; then the articles
//! are loaded and analysed, and the browser's state built
//! ([`loader`](super::loader)), on the main thread, while a second thread
//! shows the loading screen. A load that ends within [`QUIET`] (a small
//! folder, a warm cache of a few hundred articles) never shows it: the
//! terminal is set up only after that wait, and the browser is the first
//! frame (a load that finds nothing prints its error without the terminal
//! ever being touched). The bundled articles wait up to [`QUIET_BUNDLED`]:
//! they take about as long as the wait for the loading screen (the
//! engine's first use: its tables and expressions), so the loading screen
//! would only flash. Otherwise the loading screen's thread sets up the
//! terminal and draws the loading screen as the first frame; it is
//! redrawn when a progress report or a terminal event arrives (at most
//! every [`FRAME`]) and every [`CLOCK`] for its clock, looking for reports
//! every [`POLL`] between keys. `q`, `Esc` and `Ctrl-c` restore the
//! terminal and end the process from there at once, whatever the main
//! thread is doing. When loading ends, the loading screen's thread hands
//! the terminal back and the browser opens.
//!
//! Once the terminal is set up every way out restores it (see
//! [`terminal`]), including an allocation failure while loading: the
//! allocation guard ([`alloc_guard`](super::alloc_guard)) restores the
//! terminal before the runtime's message, whichever thread fails.
//! After loading, the loop blocks on the next terminal event, turns it
//! into an input, updates and redraws: nothing happens between events.

use super::action::Input;
use super::app::loading::{Exit, LoadInput, Loading};
use super::app::{update, App, Effect};
use super::loader::{self, Outcome, Report};
use super::session::Session;
use super::terminal::Tui;
use super::{config, terminal, ui};
use ratatui::crossterm::event;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, TryRecvError};
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
/// reports again: how late, at most, the browser follows the end of
/// loading (the reports cannot wake a wait on the terminal).
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
    let loading = Loading::new(
        loader::describe(paths),
        config.keymap.clone(),
        config.theme,
        size,
    );
    // A quick load opens on the browser: no loading screen, and a load
    // that found nothing never touches the terminal.
    let quiet = if paths.is_empty() {
        QUIET_BUNDLED
    } else {
        QUIET
    };
    let (tx, rx) = mpsc::channel();
    let screen = std::thread::Builder::new()
        .name("loading screen".into())
        .spawn(move || loading_screen(&rx, loading, started, quiet));
    let screen = match screen {
        Ok(s) => s,
        Err(e) => {
            crate::output::warn(format!("cannot start the loading screen: {e}"));
            return ExitCode::from(1);
        }
    };
    // A closed channel means the loading screen has gone: nothing to tell.
    let tell = |r: Report| {
        let _ = tx.send(Note::Report(r));
    };
    let outcome = loader::load(paths, load, config, size, &tell);
    let _ = tx.send(Note::Loaded);
    let Ok((term, loading)) = screen.join() else {
        // Its panic message is printed, after the restore.
        terminal::restore();
        return ExitCode::from(101);
    };
    let Outcome {
        app,
        store_error,
        warnings,
    } = outcome;
    let Some(mut app) = app else {
        terminal::restore();
        return nothing_loaded(&warnings);
    };
    let mut term = match term {
        Some(t) => t,
        None => match terminal::setup() {
            Ok(t) => t,
            Err(e) => {
                crate::output::warn(format!("cannot set up the terminal: {e}"));
                return ExitCode::from(1);
            }
        },
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
fn nothing_loaded(warnings: &[String]) -> ExitCode {
    for w in warnings {
        crate::output::warn(w);
    }
    crate::output::warn("no articles loaded");
    ExitCode::from(2)
}

/// What the main thread tells the loading screen.
enum Note {
    /// A step of the loading.
    Report(Report),
    /// Loading has ended: the browser, or the reason there is none, is
    /// ready.
    Loaded,
}

/// The loading screen's thread: waits `quiet` after `started` (applying
/// the reports to `loading`), then sets up the terminal and shows the
/// loading screen until loading ends. Gives back the terminal if it set it
/// up, and the screen's state (the terminal's size). When the user quits,
/// or the terminal fails, it restores the terminal and ends the process.
fn loading_screen(
    notes: &Receiver<Note>,
    mut loading: Loading,
    started: Instant,
    quiet: Duration,
) -> (Option<Tui>, Loading) {
    if wait_quietly(notes, &mut loading, started, quiet) {
        return (None, loading);
    }
    let mut term = match terminal::setup() {
        Ok(t) => t,
        Err(e) => {
            crate::output::warn(format!("cannot set up the terminal: {e}"));
            std::process::exit(1);
        }
    };
    match show_loading(&mut term, notes, &mut loading, started) {
        Ok(None) => (Some(term), loading),
        Ok(Some(exit)) => {
            terminal::restore();
            std::process::exit(match exit {
                Exit::Quit => 0,
                Exit::Interrupt => 130,
            });
        }
        Err(e) => {
            terminal::restore();
            crate::output::warn(format!("terminal error: {e}"));
            std::process::exit(1);
        }
    }
}

/// The reports of the first `quiet` after `started`, applied to
/// `loading`; whether loading ended by then.
fn wait_quietly(
    notes: &Receiver<Note>,
    loading: &mut Loading,
    started: Instant,
    quiet: Duration,
) -> bool {
    loop {
        let Some(left) = quiet.checked_sub(started.elapsed()) else {
            return false;
        };
        match notes.recv_timeout(left) {
            Ok(Note::Report(r)) => loading.update(input(r)),
            // The main thread ended loading, or is gone (a panic).
            Ok(Note::Loaded) | Err(RecvTimeoutError::Disconnected) => return true,
            Err(RecvTimeoutError::Timeout) => return false,
        }
    }
}

/// The loading screen's loop, until loading ends (`None`) or the user
/// leaves (how).
fn show_loading(
    term: &mut Tui,
    notes: &Receiver<Note>,
    loading: &mut Loading,
    started: Instant,
) -> std::io::Result<Option<Exit>> {
    let mut drawn: Option<Instant> = None;
    let mut news = true;
    loop {
        loop {
            match notes.try_recv() {
                Ok(Note::Report(r)) => {
                    loading.update(input(r));
                    news = true;
                }
                Err(TryRecvError::Empty) => break,
                // Loading ended, or the main thread is gone (a panic).
                Ok(Note::Loaded) | Err(TryRecvError::Disconnected) => return Ok(None),
            }
        }
        if let Some(exit) = loading.exit {
            return Ok(Some(exit));
        }
        loading.update(LoadInput::Tick(started.elapsed()));
        let due = drawn.is_none_or(|t| {
            let since = t.elapsed();
            since >= CLOCK || (news && since >= FRAME)
        });
        if due {
            // A panic or an allocation failure while loading restores the
            // terminal: draw no more then.
            if !terminal::is_active() {
                return Ok(None);
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

/// A report as an input of the loading screen.
fn input(r: Report) -> LoadInput {
    match r {
        Report::Progress(p) => LoadInput::Progress(p),
        Report::Fetch(line) => LoadInput::Fetch(line),
    }
}

/// The browser's loop, until the user quits.
fn browse(term: &mut Tui, app: &mut App) -> std::io::Result<()> {
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
