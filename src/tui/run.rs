//! Start-up and the event loop.
//!
//! Everything that takes memory or time (the analysis, the article rows,
//! the search index, the first layouts) is built before the terminal is
//! put in raw mode and the alternate screen, so that a failure there, even
//! an allocation failure that aborts, leaves the terminal as it was. Then
//! the loop blocks on the next terminal event, turns it into an input,
//! updates and redraws: nothing happens between events.

use super::app::{update, App, Effect};
use super::session::Session;
use super::{config, terminal, ui};
use crosscheck::verdicts::VerdictStore;
use ratatui::crossterm::event;
use std::path::PathBuf;
use std::process::ExitCode;

/// Runs the browser over `paths` (the bundled articles when empty) until
/// the user quits; `fresh` ignores the remembered session, `load` says
/// whether to fetch web pages again instead of reading the page cache and
/// whether to use the analysis cache. The terminal is restored whatever
/// happens.
pub fn run(paths: &[PathBuf], fresh: bool, load: crate::cli::LoadOptions) -> ExitCode {
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
    // Fetching, loading and analysing the user's articles show their
    // progress on stderr, cleared before the terminal is set up; the
    // bundled set takes a blink and prints nothing.
    let Some(loading) = crate::cli::prepare(paths, load, !paths.is_empty()) else {
        return ExitCode::from(2);
    };
    let analysis = loading.analysis();
    // A verdicts file that cannot be read is never overwritten: the
    // browser runs without saving verdicts and says why.
    let (store, store_error) = match VerdictStore::for_inputs(paths) {
        Ok(s) => (s, None),
        Err(e) => (VerdictStore::new(None), Some(e.to_string())),
    };
    let size = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = App::with_verdicts(analysis, config, size, store);
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
    #[cfg(debug_assertions)]
    debug_hook("start");
    let mut term = match terminal::setup() {
        Ok(t) => t,
        Err(e) => {
            crate::output::warn(format!("cannot set up the terminal: {e}"));
            return ExitCode::from(1);
        }
    };
    let result = (|| -> std::io::Result<()> {
        loop {
            term.draw(|f| ui::draw(f, &app))?;
            // Block until something happens: no timers, no idle redraws.
            let ev = event::read()?;
            #[cfg(debug_assertions)]
            if matches!(&ev, event::Event::Key(k) if k.kind == event::KeyEventKind::Press) {
                debug_hook("key");
            }
            let Some(input) = app.input_for(&ev) else {
                continue;
            };
            match update(&mut app, input) {
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
    })();
    terminal::restore();
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

/// Debug and test builds only: `CROSSCHECK_DEBUG_PANIC` makes the first key
/// press panic; `CROSSCHECK_DEBUG_OOM=start` fails an allocation after the
/// analysis and before the terminal is set up, `=key` on the first key
/// press, so that tests can check that the terminal is restored (or never
/// touched) before the message is printed. Release builds have no hooks.
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
