//! End to end: the real binary in a pseudo-terminal, read through a vt100
//! parser that records what the program asks of the terminal (title,
//! clipboard, bell, unknown OSC) and the raw bytes it writes.
//!
//! * open, search `14,000`, Enter, read the comparison, `?`, `q`;
//! * the workflow of issue 9 at 140x45, 80x24 and 40x15, with and without
//!   `NO_COLOR`: a filter, next-differs, jump back, side by side, help over
//!   the matrix; a verdict that survives a restart and is in the export;
//!   the session restored, `--fresh`;
//! * `TERM=dumb` refused; an allocation failure after the terminal is set
//!   up (in the browser, or on the loading thread while the loading screen
//!   is shown) restores it before the message, one before leaves it
//!   untouched;
//! * a corpus that takes time opens on the loading screen, where `q`, Esc
//!   (status 0) and Ctrl-C (130) leave at once; the browser follows it,
//!   and load warnings are printed after the restore; a load that finds
//!   nothing exits with status 2 without touching the terminal;
//! * the config file only read from a regular file of bounded size;
//! * hostile article text (OSC title, clear screen, OSC 52, C1 CSI, bidi
//!   override) is shown as `^[`... and never reaches the terminal;
//! * the terminal is restored (alternate screen left, cursor shown, the
//!   tty's modes as before, checked with `stty -g`) on `q`, Ctrl-C, SIGTERM
//!   and a panic (debug builds: `CROSSCHECK_DEBUG_PANIC`), and the panic
//!   message comes after the restore.
//!
//! The comparison depends on the engine's matches, so only structure is
//! checked (a badge per other source; figures shown side by side wherever a
//! source DIFFERS), not scores.

use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the program asked of the terminal besides drawing.
#[derive(Default, Debug)]
struct Requests {
    titles: Vec<Vec<u8>>,
    clipboard: Vec<Vec<u8>>,
    bells: usize,
    osc: Vec<Vec<Vec<u8>>>,
}

impl vt100::Callbacks for Requests {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(name.to_vec());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        self.osc.push(params.iter().map(|p| p.to_vec()).collect());
    }
}

type Parser = vt100::Parser<Requests>;

struct Session {
    parser: Arc<Mutex<Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    tty: PathBuf,
    /// `stty -g` of the pty before the program started.
    modes_before: String,
    /// Config, data and state directories of the run (kept until the
    /// session ends).
    _home: Home,
}

/// The XDG directories a run uses, kept apart from the user's.
struct Home {
    dir: std::sync::Arc<tempfile::TempDir>,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: std::sync::Arc::new(tempfile::tempdir().unwrap()),
        }
    }

    fn env(&self) -> Vec<(String, PathBuf)> {
        [
            "XDG_CONFIG_HOME",
            "XDG_DATA_HOME",
            "XDG_STATE_HOME",
            "XDG_CACHE_HOME",
        ]
        .iter()
        .map(|k| (k.to_string(), self.dir.path().join(k.to_lowercase())))
        .collect()
    }

    fn shared(&self) -> Home {
        Home {
            dir: std::sync::Arc::clone(&self.dir),
        }
    }
}

/// The tty's modes (`stty -g`), read through its device.
fn stty(tty: &Path) -> String {
    let out = std::process::Command::new("stty")
        .arg("-g")
        .arg("-F")
        .arg(tty)
        .output()
        .expect("run stty");
    assert!(out.status.success(), "stty: {out:?}");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

impl Session {
    fn start(cols: u16, rows: u16) -> Session {
        Session::start_with(cols, rows, &[], &[])
    }

    fn start_with(cols: u16, rows: u16, args: &[&Path], env: &[(&str, &str)]) -> Session {
        Session::start_in(Home::new(), cols, rows, args, env)
    }

    fn start_in(home: Home, cols: u16, rows: u16, args: &[&Path], env: &[(&str, &str)]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let tty = pair.master.tty_name().expect("pty name");
        let modes_before = stty(&tty);
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_crosscheck"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        for (k, v) in home.env() {
            cmd.env(k, v);
        }
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("CROSSCHECK_DEBUG_PANIC");
        cmd.env_remove("CROSSCHECK_DEBUG_OOM");
        cmd.env("RUST_BACKTRACE", "0");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn crosscheck");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(Parser::new_with_callbacks(
            std::num::NonZeroU16::new(rows).unwrap(),
            std::num::NonZeroU16::new(cols).unwrap(),
            0,
            Requests::default(),
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        std::thread::spawn(move || {
            let _master = pair.master; // keep the pty open while reading
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                r.lock().unwrap().extend_from_slice(&buf[..n]);
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        Session {
            parser,
            raw,
            writer,
            child,
            tty,
            modes_before,
            _home: home,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // Keep keys apart so that Esc is not read as Alt+key.
        std::thread::sleep(Duration::from_millis(150));
    }

    fn wait_exit(&mut self, what: &str) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(15);
        let status = loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                break st;
            }
            assert!(
                Instant::now() < deadline,
                "crosscheck did not exit on {what}"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        // Let the reader thread take the last bytes.
        std::thread::sleep(Duration::from_millis(300));
        status
    }

    /// The terminal is as it was: main screen, cursor shown, mouse reporting
    /// off, and the tty's modes (raw mode off: echo, canonical input, signals)
    /// exactly as before the program started.
    fn assert_restored(&self, what: &str) {
        let p = self.parser.lock().unwrap();
        let sc = p.screen();
        assert!(!sc.alternate_screen(), "{what}: alternate screen not left");
        assert!(!sc.hide_cursor(), "{what}: cursor not shown again");
        assert_eq!(
            sc.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "{what}: mouse capture left on"
        );
        assert!(!sc.bracketed_paste(), "{what}: bracketed paste left on");
        drop(p);
        assert_eq!(
            stty(&self.tty),
            self.modes_before,
            "{what}: tty modes not restored (raw mode left on?)"
        );
    }
}

/// The comparison pane's column of each screen row (right of the reader).
fn comparison_text(screen: &str) -> String {
    screen
        .lines()
        .filter_map(|l| {
            let chars: Vec<char> = l.chars().collect();
            let start = chars.len() * 64 / 100;
            (chars.len() > start).then(|| chars[start..].iter().collect::<String>())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn search_compare_help_quit() {
    let mut s = Session::start(140, 45);
    let first = s.wait_for("the three panes", |sc| {
        sc.contains("Articles (5)") && sc.contains("Reader") && sc.contains("Comparison")
    });
    assert!(first.contains("North Korea"), "{first}");

    s.send("/");
    s.wait_for("the search popup", |sc| {
        sc.contains("Find claims and titles")
    });
    s.send("14,000");
    s.wait_for("search results", |sc| {
        sc.contains("/ 14,000") && sc.contains("results")
    });
    s.send("\r");
    let sc = s.wait_for("the claim's comparison", |sc| {
        !sc.contains("Find claims and titles") && sc.contains("Other sources")
    });
    let cmp = comparison_text(&sc);
    assert!(
        cmp.contains("14,000"),
        "the troop-count claim is compared:\n{cmp}"
    );
    let badges = ["[AGREES]", "[DIFFERS]", "[RELATED]", "[NOT REPORTED]"];
    let n: usize = badges.iter().map(|b| cmp.matches(b).count()).sum();
    assert!(n >= 1, "a badge for the other sources:\n{cmp}");
    if cmp.contains("[DIFFERS]") {
        assert!(
            cmp.contains(" vs "),
            "differing figures side by side:\n{cmp}"
        );
    }

    s.send("?");
    let help = s.wait_for("the help overlay", |sc| sc.contains("Keys and legend"));
    assert!(
        help.contains("find claims and titles") && help.contains("quit"),
        "{help}"
    );

    s.send("q");
    let status = s.wait_exit("q");
    assert!(status.success(), "exit status {status:?}");
    s.assert_restored("q");
}

/// Article text that tries to take over the terminal.
const HOSTILE: &str = "Evil \x1b]0;PWNED-TITLE\x07 headline \x1b[2J\x1b[H\n\n\
Officials said 14,000 troops \x1b]52;c;ZXZpbA==\x07 were sent to Kursk in October, \
the ministry\x1b]2;PWNED-2\x1b\\ said. More \u{9b}31m text \u{9d}0;PWNED-C1\u{9c} and \
\u{202e}reversed\u{202c} words \x1b[5mblink\x07\x07 follow.\n\n\
日本語のテキスト 👩\u{200d}👩\u{200d}👧 שלום café\u{301} 3,000 soldiers, officials said.\n";

#[test]
fn hostile_article_text_never_reaches_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    // The file name becomes the article's id, shown in the comparison.
    let evil = dir.path().join("evil\x1b]0;PWNED-ID\x07.txt");
    std::fs::write(&evil, HOSTILE).unwrap();
    let other = dir.path().join("other.txt");
    std::fs::write(
        &other,
        "Officials said 11,000 troops were sent to Kursk in October, the ministry said.\n",
    )
    .unwrap();
    let mut s = Session::start_with(140, 45, &[&evil, &other], &[]);
    // Wait for the whole first frame (output may arrive in pieces), and
    // for loading to end: the panes can be drawn while the status bar
    // still says "Loading".
    let sc = s.wait_for("the panes with the article", |sc| {
        sc.contains("Articles (2)")
            && sc.contains("PWNED-TITLE")
            && sc.contains("<U+009B>31m")
            && sc.contains("Comparison: claim 1/")
            && !sc.contains(" Loading ")
    });
    // Shown visibly, in caret notation...
    assert!(sc.contains("^[]0;PWNED-TITLE^G"), "{sc}");
    assert!(sc.contains("^[[2J^[[H"), "{sc}");
    assert!(sc.contains("<U+009B>31m"), "{sc}");
    // ...and the screen was not cleared or moved over: the panes and the
    // status bar are all there.
    assert!(sc.contains("Reader") && sc.contains("Comparison"), "{sc}");
    assert!(sc.contains("2 articles"), "{sc}");
    // Walk the claims, open the search, the help, the stories; copy.
    s.send("jjj");
    s.send("/");
    s.send("PWNED");
    s.send("\x1b");
    s.send("s");
    s.send("\x1b");
    s.send("k");
    s.send("y");
    s.send("q");
    let status = s.wait_exit("q");
    assert!(status.success(), "{status:?}");
    s.assert_restored("q after hostile text");

    let raw = s.raw();
    let p = s.parser.lock().unwrap();
    let req = p.callbacks();
    assert!(req.titles.is_empty(), "title changed: {:?}", req.titles);
    assert_eq!(req.bells, 0, "bell rung");
    assert!(req.osc.is_empty(), "unknown OSC: {:?}", req.osc);
    // The only OSC written is the copy (`y`), base64 of the visible form.
    assert_eq!(req.clipboard.len(), 1, "{:?}", req.clipboard);
    for (what, bytes) in [
        ("OSC 0 (title)", &b"\x1b]0;"[..]),
        ("OSC 2 (title)", b"\x1b]2;"),
        ("BEL", b"\x07PWNED"),
        ("C1 CSI", "\u{9b}".as_bytes()),
        ("C1 OSC", "\u{9d}".as_bytes()),
        ("bidi override", "\u{202e}".as_bytes()),
        ("blink", b"\x1b[5m"),
        ("the article's home", b"\x1b[2J\x1b[H"),
    ] {
        assert!(find(&raw, bytes).is_none(), "{what} reached the terminal");
    }
    let osc: usize = raw.windows(2).filter(|w| w == b"\x1b]").count();
    assert_eq!(osc, 1, "one OSC (the copy), no other");
}

#[test]
fn ctrl_c_quits_and_restores() {
    let mut s = Session::start(100, 30);
    s.wait_for("a first frame", |sc| sc.contains("Articles (5)"));
    s.send("/");
    s.wait_for("the search popup", |sc| {
        sc.contains("Find claims and titles")
    });
    s.send("\x03");
    let status = s.wait_exit("Ctrl-C");
    assert!(status.success(), "Ctrl-C quits normally: {status:?}");
    s.assert_restored("Ctrl-C");
}

#[test]
fn signals_restore_the_terminal() {
    // A tiny terminal for SIGTERM; SIGHUP and SIGINT (sent by `kill`: in raw
    // mode Ctrl-C is a key, not a signal) at an ordinary size.
    for (sig, num, cols, rows) in [("TERM", 15, 20, 5), ("HUP", 1, 80, 24), ("INT", 2, 80, 24)] {
        let mut s = Session::start(cols, rows);
        s.wait_for("a first frame", |sc| !sc.trim().is_empty());
        s.send("j");
        let pid = s.child.process_id().expect("pid");
        let ok = std::process::Command::new("kill")
            .args([&format!("-{sig}"), &pid.to_string()])
            .status()
            .unwrap();
        assert!(ok.success());
        let status = s.wait_exit(sig);
        assert_eq!(status.exit_code(), 128 + num, "SIG{sig}");
        s.assert_restored(&format!("SIG{sig}"));
    }
}

#[test]
fn panic_restores_the_terminal_before_the_message() {
    if !cfg!(debug_assertions) {
        return; // the panic hook exists in debug builds only
    }
    let mut s = Session::start_with(100, 30, &[], &[("CROSSCHECK_DEBUG_PANIC", "1")]);
    s.wait_for("a first frame", |sc| sc.contains("Articles (5)"));
    assert!(s.parser.lock().unwrap().screen().alternate_screen());
    s.send("j");
    let status = s.wait_exit("a panic");
    assert_eq!(status.exit_code(), 101, "a panic's exit status");
    s.assert_restored("panic");
    // The message is on the main screen, so it was printed after the
    // alternate screen was left (else it would have vanished with it)...
    let sc = s.screen();
    assert!(sc.contains("deliberate panic for testing"), "{sc}");
    // ...and in the byte stream it comes after the restore.
    let raw = s.raw();
    let left = find(&raw, b"\x1b[?1049l").expect("alternate screen left");
    let msg = find(&raw, b"deliberate panic").expect("panic message");
    assert!(left < msg, "restore at {left}, message at {msg}");
}

/// The status bar (last line) of a screen.
fn status_line(screen: &str) -> String {
    screen.lines().last().unwrap_or("").to_string()
}

#[test]
fn the_workflow_at_each_size_with_and_without_colour() {
    for (cols, rows) in [(140, 45), (80, 24), (40, 15)] {
        for no_color in [false, true] {
            let what = format!("{cols}x{rows} NO_COLOR={no_color}");
            let env: &[(&str, &str)] = if no_color { &[("NO_COLOR", "1")] } else { &[] };
            let mut s = Session::start_with(cols, rows, &[], env);
            s.wait_for(&what, |sc| sc.contains("Reader"));
            // Next differing claim, across the story.
            s.send("]");
            // (the first such claim may be a contradicted one).
            let sc = s.wait_for(&format!("{what}: next differs"), |sc| {
                let st = status_line(sc);
                st.contains("differs") || st.contains("contradicted")
            });
            assert!(sc.contains('≠') || sc.contains('✗'), "{what}:\n{sc}");
            // Back to where that jump came from.
            s.send("\x0f");
            s.wait_for(&format!("{what}: jump back"), |sc| {
                status_line(sc).contains("back")
            });
            // A filter.
            s.send("f");
            s.wait_for(&format!("{what}: filter"), |sc| {
                status_line(sc).contains("filter: differs")
            });
            s.send("F");
            // Side by side with the comparison's first source.
            s.send("v");
            s.wait_for(&format!("{what}: side by side"), |sc| {
                sc.contains("Side by side")
            });
            s.send("\x1b");
            // Help over the stories matrix closes back to the matrix.
            s.send("s");
            s.wait_for(&format!("{what}: the matrix"), |sc| sc.contains("Stories"));
            s.send("?");
            s.wait_for(&format!("{what}: help"), |sc| {
                sc.contains("Keys and legend")
            });
            s.send("\x1b");
            s.wait_for(&format!("{what}: back to the matrix"), |sc| {
                status_line(sc).contains("Stories") && !sc.contains("Keys and legend")
            });
            s.send("\x1b");
            let sc = s.wait_for(&format!("{what}: the panes"), |sc| !sc.contains("Stories:"));
            let status = status_line(&sc);
            assert!(
                status.contains("? help") && status.contains("q quit"),
                "{what}: {status}"
            );
            s.send("q");
            let st = s.wait_exit(&what);
            assert!(st.success(), "{what}: {st:?}");
            s.assert_restored(&what);
        }
    }
}

#[test]
fn a_verdict_survives_a_restart_and_is_in_the_export() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(
        &a,
        "Ukrainian officials said North Korea deployed as many as 14,000 troops to Kursk.\n\nThe weather was cold in Kursk that week.\n",
    )
    .unwrap();
    std::fs::write(
        &b,
        "Officials said North Korea deployed 11,000-12,000 troops to Kursk.\n",
    )
    .unwrap();
    let home = Home::new();
    let mut s = Session::start_in(home.shared(), 140, 45, &[dir.path()], &[]);
    s.wait_for("the panes", |sc| sc.contains("Articles (2)"));
    // Mark the first claim disputed, with a note.
    s.send("m");
    s.wait_for("the verdict popup", |sc| sc.contains("Verdict ("));
    s.send("\x1b[B");
    s.send("two figures");
    s.send("\r");
    s.wait_for("saved", |sc| status_line(sc).contains("saved to"));
    // Move on, so that the session has something to restore.
    s.send("1");
    s.send("j");
    s.send("q");
    assert!(s.wait_exit("q").success());
    s.assert_restored("q");
    let file = dir.path().join(".crosscheck-verdicts.toml");
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        saved.contains("verdict = \"disputed\"") && saved.contains("two figures"),
        "{saved}"
    );
    // Restart: the verdict is shown, and the session is where it was.
    let mut s = Session::start_in(home.shared(), 140, 45, &[dir.path()], &[]);
    let sc = s.wait_for("the restored session", |sc| {
        sc.contains("Articles (2)") && sc.contains("▶ 2")
    });
    assert!(
        sc.contains("▶ Articles"),
        "the articles pane focused again:\n{sc}"
    );
    s.send("1");
    s.send("k");
    let sc = s.wait_for("the marker", |sc| sc.contains("Your verdict: ! disputed"));
    assert!(
        ["=!", "≠!", "✗!", "·!"].iter().any(|m| sc.contains(m)),
        "the gutter shows the verdict:\n{sc}"
    );
    s.send("q");
    assert!(s.wait_exit("q").success());
    // --fresh starts at the top, on the reader.
    let mut s = Session::start_in(
        home.shared(),
        140,
        45,
        &[Path::new("--fresh"), dir.path()],
        &[],
    );
    let sc = s.wait_for("a fresh start", |sc| sc.contains("Articles (2)"));
    assert!(sc.contains("▶ Reader"), "{sc}");
    s.send("q");
    assert!(s.wait_exit("q").success());
    // The export has it, in JSON and Markdown.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .envs(home.env())
        .arg("export")
        .arg(dir.path())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let v = &json["verdicts"][0];
    assert_eq!(v["verdict"], "disputed", "{json}");
    assert_eq!(v["note"], "two figures");
    assert_eq!(v["claim"], "a/1");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .envs(home.env())
        .args(["export", "--format", "markdown"])
        .arg(dir.path())
        .output()
        .unwrap();
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        md.contains("## Verdicts (1)") && md.contains("**disputed**"),
        "{md}"
    );
}

#[test]
fn a_dumb_terminal_is_refused_with_a_message() {
    let mut s = Session::start_with(80, 24, &[], &[("TERM", "dumb")]);
    let st = s.wait_exit("TERM=dumb");
    assert_eq!(st.exit_code(), 1);
    let sc = s.screen();
    assert!(sc.contains("TERM=dumb") && sc.contains("export"), "{sc}");
    assert!(
        find(&s.raw(), b"\x1b[?1049h").is_none(),
        "the alternate screen was entered"
    );
    assert!(
        find(&s.raw(), b"\x1b[?1000h").is_none(),
        "mouse reporting was turned on"
    );
    s.assert_restored("TERM=dumb");
}

#[test]
fn an_allocation_failure_restores_the_terminal_before_the_message() {
    if !cfg!(debug_assertions) {
        return; // the hook exists in debug builds only
    }
    // After the terminal is set up: restored before the runtime's message.
    let mut s = Session::start_with(100, 30, &[], &[("CROSSCHECK_DEBUG_OOM", "key")]);
    s.wait_for("a first frame", |sc| sc.contains("Articles (5)"));
    s.send("j");
    let st = s.wait_exit("an allocation failure");
    assert_eq!(st.signal(), Some("Aborted"), "{st:?}");
    s.assert_restored("allocation failure");
    let sc = s.screen();
    assert!(sc.contains("memory allocation of"), "{sc}");
    let raw = s.raw();
    let left = find(&raw, b"\x1b[?1049l").expect("alternate screen left");
    let msg = find(&raw, b"memory allocation of").expect("the message");
    assert!(left < msg, "restore at {left}, message at {msg}");
    // Before it, at start-up: the terminal is never touched.
    let mut s = Session::start_with(100, 30, &[], &[("CROSSCHECK_DEBUG_OOM", "start")]);
    let st = s.wait_exit("an allocation failure at start-up");
    assert_eq!(st.signal(), Some("Aborted"), "{st:?}");
    assert!(
        find(&s.raw(), b"\x1b[?1049h").is_none(),
        "the alternate screen was entered"
    );
    assert!(
        s.screen().contains("memory allocation of"),
        "{}",
        s.screen()
    );
    s.assert_restored("allocation failure at start-up");
}

/// Runs the browser with a config directory holding `make(dir)` as its
/// config file; it must fail at once with a message.
fn with_config(make: impl Fn(&Path)) -> std::process::Output {
    let home = Home::new();
    let env = home.env();
    let config_dir = env[0].1.join("crosscheck");
    std::fs::create_dir_all(&config_dir).unwrap();
    make(&config_dir.join("config.toml"));
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_crosscheck"));
    cmd.stdin(std::process::Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the browser hung on its config file");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn the_config_file_is_read_only_from_a_regular_file_of_bounded_size() {
    let fifo = with_config(|p| {
        let ok = std::process::Command::new("mkfifo")
            .arg(p)
            .status()
            .unwrap();
        assert!(ok.success());
    });
    let zero = with_config(|p| std::os::unix::fs::symlink("/dev/zero", p).unwrap());
    let dir = with_config(|p| std::fs::create_dir(p).unwrap());
    let big = with_config(|p| std::fs::write(p, vec![b'#'; 70_000]).unwrap());
    for (what, out, says) in [
        ("a FIFO", fifo, "not a regular file"),
        ("a link to /dev/zero", zero, "not a regular file"),
        ("a directory", dir, "not a regular file"),
        ("a 70 KB file", big, "larger than 64 KiB"),
    ] {
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{what}: {err}");
        assert!(
            err.contains("config.toml: ") && err.contains(says),
            "{what}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{what}: one line: {err}");
    }
}

#[test]
fn a_conflicting_binding_stops_the_browser_naming_both_actions() {
    let out = with_config(|p| std::fs::write(p, "[keys]\nsearch = [\"q\"]\n").unwrap());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("config.toml:2: 'q' is bound to both 'search' and 'quit'"),
        "{err}"
    );
}

#[test]
fn a_pasted_query_is_one_edit_and_its_line_break_does_not_jump() {
    let mut s = Session::start(140, 45);
    s.wait_for("a first frame", |sc| sc.contains("Articles (5)"));
    s.send("/");
    s.wait_for("the search popup", |sc| {
        sc.contains("Find claims and titles")
    });
    s.send("\x1b[200~'14,000\nq\x1b[201~");
    let sc = s.wait_for("the pasted query", |sc| sc.contains("/ '14,000 q"));
    assert!(
        sc.contains("Find claims and titles"),
        "still in the popup:\n{sc}"
    );
    s.send("\x1b");
    s.send("q");
    assert!(s.wait_exit("q").success());
    s.assert_restored("after a paste");
}

/// Three stories of our own sentences, each article naming its story.
const THREE_STORIES: &str = r#"{"id": "herald-1", "story": "Harbour bridge", "title": "Council approves harbour bridge", "outlet": "Coast Herald", "text": "The council approved the harbour bridge on Tuesday. The bridge will cost 40 million dollars."}
{"id": "times-2", "story": "Harbour bridge", "title": "Harbour bridge gets the go-ahead", "outlet": "Valley Times", "text": "The council approved the harbour bridge on Tuesday. The bridge will cost 55 million dollars."}
{"id": "farm-3", "story": "Wheat harvest", "title": "Record wheat harvest", "outlet": "Farm Weekly", "text": "Farmers gathered a record wheat harvest of 12 million tonnes this year."}
{"id": "grain-4", "story": "Wheat harvest", "title": "Farmers report a record year", "outlet": "Grain Journal", "text": "Farmers gathered a record wheat harvest of 12 million tonnes this year, officials said."}
{"id": "city-5", "story": "Library", "title": "City library reopens", "outlet": "City News", "text": "The city library reopened after repairs on Monday."}
"#;

#[test]
fn the_story_list_drills_down_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("stories.jsonl");
    std::fs::write(&file, THREE_STORIES).unwrap();
    let mut s = Session::start_with(140, 45, &[file.as_path()], &[]);
    let list = s.wait_for("the story list", |sc| sc.contains("Stories (3)"));
    for label in ["Harbour bridge", "Wheat harvest", "Library"] {
        assert!(list.contains(label), "{list}");
    }
    s.send("j");
    s.send("\r");
    let panes = s.wait_for("the second story's articles", |sc| {
        sc.contains("Articles (2) · story 2")
    });
    assert!(
        panes.contains("Record wheat harvest") && !panes.contains("Council approves"),
        "only the story's articles are listed:\n{panes}"
    );
    s.send("\x7f");
    let back = s.wait_for("the story list again", |sc| sc.contains("Stories (3)"));
    assert!(back.contains("▶ 2"), "the selection is kept:\n{back}");
    s.send("\r");
    s.wait_for("the story again", |sc| {
        sc.contains("Articles (2) · story 2")
    });
    s.send("\x1b");
    s.wait_for("Esc goes back too", |sc| sc.contains("Stories (3)"));
    s.send("q");
    let status = s.wait_exit("q");
    assert!(status.success(), "exit status {status:?}");
    s.assert_restored("q");
}

/// `n` articles of our own sentences (words drawn by a fixed generator),
/// as JSONL: enough of them take seconds to analyse in a debug build.
fn synthetic_jsonl(n: usize) -> String {
    use std::fmt::Write as _;
    const WORDS: &[&str] = &[
        "council", "harbour", "bridge", "farmers", "wheat", "harvest", "library", "city", "river",
        "flood", "school", "road", "budget", "election", "minister", "police", "hospital",
        "market", "bank", "energy", "water", "rail", "port", "storm",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |m: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        usize::try_from(seed % m as u64).unwrap()
    };
    let mut out = String::new();
    for i in 0..n {
        let mut text = String::new();
        for _ in 0..6 {
            let w: Vec<&str> = (0..5).map(|_| WORDS[next(WORDS.len())]).collect();
            let _ = write!(
                text,
                "The {} {} said {} {} were moved to the {} near the {} on Monday. ",
                w[0],
                w[1],
                2 + next(900),
                w[2],
                w[3],
                w[4]
            );
        }
        let title: Vec<&str> = (0..4).map(|_| WORDS[next(WORDS.len())]).collect();
        let _ = writeln!(
            out,
            "{{\"id\": \"a{i}\", \"title\": \"{}\", \"outlet\": \"Outlet {}\", \"text\": \"{}\"}}",
            title.join(" "),
            i % 7,
            text.trim_end()
        );
    }
    out
}

/// Whether the browser (rather than the loading screen) was ever drawn:
/// its status bar's place over the loading screen's " Loading " (every
/// letter differs, so the whole word is written), or a pane's title.
fn browser_drawn(raw: &[u8]) -> bool {
    [&b"Story list"[..], b"Stories (", b"Articles ("]
        .iter()
        .any(|w| find(raw, w).is_some())
}

#[test]
fn the_loading_screen_comes_first_and_q_esc_or_ctrl_c_leave_it_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wire.jsonl");
    // Seconds of work in a debug build, about one in a release build.
    std::fs::write(&file, synthetic_jsonl(3000)).unwrap();
    for (key, what, code) in [("q", "q", 0), ("\x1b", "Esc", 0), ("\x03", "Ctrl-C", 130)] {
        let mut s = Session::start_with(80, 24, &[file.as_path()], &[]);
        let sc = s.wait_for("the loading screen", |sc| {
            sc.contains("Loading") && sc.contains("matching claims")
        });
        for step in ["reading files", "grouping stories", "opening the browser"] {
            assert!(sc.contains(step), "{what}: {step}:\n{sc}");
        }
        assert!(sc.contains("wire.jsonl"), "{what}: names the input:\n{sc}");
        assert!(sc.contains("Esc stop") && sc.contains("q quit"), "{sc}");
        assert!(s.parser.lock().unwrap().screen().alternate_screen());
        s.send(key);
        let status = s.wait_exit(what);
        assert_eq!(status.exit_code(), code, "{what}: {status:?}");
        s.assert_restored(what);
        assert!(
            !browser_drawn(&s.raw()),
            "{what}: left during loading, before the browser opened"
        );
    }
}

#[test]
fn the_loading_screen_gives_way_to_the_browser_and_warnings_follow_the_restore() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wire.jsonl"), synthetic_jsonl(200)).unwrap();
    std::fs::write(dir.path().join("broken.json"), "{\"id\": ").unwrap();
    let mut s = Session::start_with(100, 30, &[dir.path()], &[]);
    let sc = s.wait_for("the browser", |sc| {
        sc.contains("Stories (") || sc.contains("Articles (")
    });
    assert!(
        sc.contains("⚠ 1"),
        "the status bar counts the warning:\n{sc}"
    );
    assert!(
        browser_drawn(&s.raw()),
        "the check used above sees a browser"
    );
    if cfg!(debug_assertions) {
        // A debug build takes most of a second over 200 articles: the
        // loading screen came first (it is never drawn after the browser).
        assert!(
            find(&s.raw(), b" Loading ").is_some(),
            "the loading screen's status line"
        );
    }
    s.send("q");
    assert!(s.wait_exit("q").success());
    s.assert_restored("q after loading");
    // The load warning is printed on the main screen, after the restore.
    let raw = s.raw();
    let left = find(&raw, b"\x1b[?1049l").expect("alternate screen left");
    let warned = find(&raw[left..], b"broken.json");
    assert!(warned.is_some(), "{}", s.screen());
}

#[test]
fn nothing_loaded_exits_with_status_2_and_leaves_the_terminal_alone() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    let mut s = Session::start_with(80, 24, &[missing.as_path()], &[]);
    let status = s.wait_exit("nothing loaded");
    assert_eq!(status.exit_code(), 2);
    let sc = s.screen();
    assert!(
        sc.contains("missing.txt") && sc.contains("no articles loaded"),
        "{sc}"
    );
    assert!(
        find(&s.raw(), b"\x1b[?1049h").is_none(),
        "a load that finds nothing at once never enters the alternate screen"
    );
    s.assert_restored("nothing loaded");
}

#[test]
fn an_allocation_failure_while_loading_restores_the_terminal_before_the_message() {
    if !cfg!(debug_assertions) {
        return; // the hook exists in debug builds only
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("stories.jsonl");
    std::fs::write(&file, THREE_STORIES).unwrap();
    let mut s = Session::start_with(
        100,
        30,
        &[file.as_path()],
        &[("CROSSCHECK_DEBUG_OOM", "loading")],
    );
    let st = s.wait_exit("an allocation failure while loading");
    assert_eq!(st.signal(), Some("Aborted"), "{st:?}");
    s.assert_restored("allocation failure while loading");
    let raw = s.raw();
    let shown = find(&raw, b" Loading ").expect("the loading screen was shown");
    let left = find(&raw, b"\x1b[?1049l").expect("alternate screen left");
    let msg = find(&raw, b"memory allocation of").expect("the message");
    assert!(
        shown < left && left < msg,
        "screen {shown}, restore {left}, message {msg}"
    );
}
