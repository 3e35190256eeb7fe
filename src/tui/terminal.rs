//! Terminal setup and restoration, on every way out: normal quit, error,
//! panic (the hook restores before the message is printed), Ctrl-C (a key
//! in raw mode), SIGTERM/SIGHUP/SIGINT (a handler thread restores and
//! exits), and an abort: a failed allocation or SIGABRT restore the
//! terminal with a few system calls that allocate nothing
//! ([`emergency_restore`]) before the process dies.
//!
//! Only a SIGKILL (the kernel's out-of-memory killer) cannot be caught;
//! the README says to type `reset` then.

use base64::Engine as _;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::Terminal;
use std::io::{self, IsTerminal, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use thiserror::Error;

/// The terminal the browser draws on.
pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Whether the terminal is in the browser's mode (raw, alternate screen).
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// The tty's modes before raw mode, for the emergency restore.
#[cfg(unix)]
static SAVED_TERMIOS: OnceLock<libc::termios> = OnceLock::new();

/// Why the browser cannot run on this terminal.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Unsuitable {
    /// Standard input or output is not a terminal.
    #[error("standard {0} is not a terminal; the browser needs one (try `crosscheck export` for a report)")]
    NotATerminal(&'static str),
    /// `TERM=dumb` or unset: no cursor addressing.
    #[error("this terminal (TERM={0}) cannot show the browser: it has no cursor control or alternate screen (try `crosscheck export` for a report)")]
    Dumb(String),
}

/// Checks, before anything is drawn, that standard input and output are a
/// terminal that can show the browser. `TERM=dumb` (Emacs shells, some
/// CI logs) is refused with a message rather than sent escape sequences.
pub fn check_capable(
    term: Option<&str>,
    stdin_tty: bool,
    stdout_tty: bool,
) -> Result<(), Unsuitable> {
    match term {
        Some("dumb" | "") | None => return Err(Unsuitable::Dumb(term.unwrap_or("").to_string())),
        _ => {}
    }
    if !stdout_tty {
        return Err(Unsuitable::NotATerminal("output"));
    }
    if !stdin_tty {
        return Err(Unsuitable::NotATerminal("input"));
    }
    Ok(())
}

/// [`check_capable`] for this process.
pub fn check_this_terminal() -> Result<(), Unsuitable> {
    let term = std::env::var("TERM").ok();
    check_capable(
        term.as_deref(),
        io::stdin().is_terminal(),
        io::stdout().is_terminal(),
    )
}

/// Enters raw mode, the alternate screen and mouse capture, after installing
/// the panic hook and the signal handlers.
pub fn setup() -> io::Result<Tui> {
    install_panic_hook();
    install_signal_handlers();
    #[cfg(unix)]
    save_termios();
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    if let Err(e) = execute!(
        out,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        cursor::Hide
    ) {
        restore();
        return Err(e);
    }
    Terminal::new(CrosstermBackend::new(io::stdout())).inspect_err(|_| restore())
}

/// Whether the terminal is in the browser's mode: set up and not yet
/// restored (by a quit, a signal, a panic or an allocation failure).
pub fn is_active() -> bool {
    ACTIVE.load(Ordering::SeqCst)
}

/// Leaves the browser's terminal mode; safe to call more than once and from
/// any thread (only the first call does anything).
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// The bytes that undo the browser's terminal modes: bracketed paste and
/// mouse reporting off (every mode crossterm enables), the main screen, the
/// cursor shown.
const RESTORE_BYTES: &[u8] =
    b"\x1b[?2004l\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?1049l\x1b[?25h";

#[cfg(unix)]
fn save_termios() {
    // SAFETY: tcgetattr writes a termios for a valid descriptor; the value
    // is only used if the call succeeded.
    unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        if libc::tcgetattr(libc::STDIN_FILENO, &raw mut t) == 0 {
            let _ = SAVED_TERMIOS.set(t);
        }
    }
}

/// Restores the terminal without allocating or locking: for an allocation
/// failure or an abort, when the normal path may not run. Only the first
/// caller does anything.
pub fn emergency_restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    #[cfg(unix)]
    // SAFETY: write and tcsetattr are async-signal-safe system calls on
    // valid descriptors and a buffer that lives for the whole program.
    unsafe {
        let _ = libc::write(
            libc::STDOUT_FILENO,
            RESTORE_BYTES.as_ptr().cast(),
            RESTORE_BYTES.len(),
        );
        if let Some(t) = SAVED_TERMIOS.get() {
            let _ = libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, t);
        }
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

fn install_signal_handlers() {
    use signal_hook::consts::{SIGABRT, SIGHUP, SIGINT, SIGTERM};
    // An abort (a failed allocation, a stack overflow, a panic while
    // panicking) gives no chance to run ordinary code: restore with system
    // calls only, then let the default action end the process.
    // SAFETY: the action only makes async-signal-safe system calls.
    let _ = unsafe { signal_hook::low_level::register(SIGABRT, emergency_restore) };
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                restore();
                std::process::exit(128 + sig);
            }
        });
}

/// Puts `text` on the clipboard with OSC 52 (works over SSH and in tmux with
/// `set-clipboard on`).
pub fn copy_osc52(text: &str) -> io::Result<()> {
    let mut out = io::stdout();
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

/// Opens `url` with the desktop's opener, detached, output discarded.
pub fn open_url(url: &str) -> io::Result<()> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dumb_and_missing_terminals_are_refused() {
        assert_eq!(check_capable(Some("xterm-256color"), true, true), Ok(()));
        assert!(matches!(
            check_capable(Some("dumb"), true, true),
            Err(Unsuitable::Dumb(_))
        ));
        assert!(matches!(
            check_capable(None, true, true),
            Err(Unsuitable::Dumb(_))
        ));
        assert_eq!(
            check_capable(Some("xterm"), true, false),
            Err(Unsuitable::NotATerminal("output"))
        );
        let shown = Unsuitable::Dumb("dumb".into()).to_string();
        assert!(
            shown.contains("TERM=dumb") && shown.contains("export"),
            "{shown}"
        );
    }

    #[test]
    fn restore_bytes_undo_what_setup_does() {
        let s = String::from_utf8_lossy(RESTORE_BYTES);
        for mode in [
            "?2004l", "?1000l", "?1002l", "?1003l", "?1006l", "?1049l", "?25h",
        ] {
            assert!(s.contains(mode), "{mode}");
        }
    }
}
