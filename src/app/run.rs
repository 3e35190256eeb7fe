//! The event loop: block on the next terminal event, turn it into an
//! [`Action`], update, redraw. Nothing happens between events.

use super::{update, App, Effect};
use crate::config::Config;
use crate::terminal;
use crosscheck::Analysis;
use ratatui::crossterm::event;
use std::process::ExitCode;

/// Runs the browser over `analysis` until the user quits; the terminal is
/// restored whatever happens.
pub fn run(analysis: Analysis, config: Config) -> ExitCode {
    let mut term = match terminal::setup() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("crosscheck: cannot set up the terminal: {e}");
            return ExitCode::from(1);
        }
    };
    let result = (|| -> std::io::Result<()> {
        let size = term.size()?;
        let mut app = App::new(analysis, config, (size.width, size.height));
        loop {
            term.draw(|f| crate::ui::draw(f, &app))?;
            // Block until something happens: no timers, no idle redraws.
            let ev = event::read()?;
            #[cfg(debug_assertions)]
            debug_panic(&ev);
            let Some(action) = app.action_for(&ev) else {
                continue;
            };
            match update(&mut app, action) {
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
                None => {}
            }
            if app.quit {
                return Ok(());
            }
        }
    })();
    terminal::restore();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("crosscheck: terminal error: {e}");
            ExitCode::from(1)
        }
    }
}

/// Debug and test builds only: with `CROSSCHECK_DEBUG_PANIC` set, the first
/// key press panics, so that a test can check that the terminal is restored
/// before the panic message is printed. Release builds have no such hook.
#[cfg(debug_assertions)]
fn debug_panic(ev: &event::Event) {
    if matches!(ev, event::Event::Key(k) if k.kind == event::KeyEventKind::Press)
        && std::env::var_os("CROSSCHECK_DEBUG_PANIC").is_some()
    {
        panic!("deliberate panic for testing (CROSSCHECK_DEBUG_PANIC is set)");
    }
}
