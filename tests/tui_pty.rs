//! End to end: the real binary in a pseudo-terminal, read through a vt100
//! parser. Open, search `14,000`, Enter, read the comparison, `?`, `q`, and
//! check the exit status and that the alternate screen was left.
//!
//! The comparison depends on the engine's matches, so only structure is
//! checked (a badge per other source; figures shown side by side wherever a
//! source DIFFERS), not scores.

use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _config: tempfile::TempDir,
}

impl Session {
    fn start(cols: u16, rows: u16) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let config = tempfile::tempdir().unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_crosscheck"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_CONFIG_HOME", config.path());
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).expect("spawn crosscheck");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(rows).unwrap(),
            std::num::NonZeroU16::new(cols).unwrap(),
            0,
        )));
        let p = Arc::clone(&parser);
        std::thread::spawn(move || {
            let _master = pair.master; // keep the pty open while reading
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        Session {
            parser,
            writer,
            child,
            _config: config,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
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

#[test]
fn search_compare_help_quit() {
    let mut s = Session::start(140, 45);
    let first = s.wait_for("the three panes", |sc| {
        sc.contains("Articles (5)") && sc.contains("Reader") && sc.contains("Comparison")
    });
    assert!(first.contains("North Korea"), "{first}");

    s.send("/");
    s.wait_for("the search popup", |sc| {
        sc.contains("Search claims and titles")
    });
    s.send("14,000");
    s.wait_for("search results", |sc| {
        sc.contains("/ 14,000") && sc.contains("results")
    });
    s.send("\r");
    let sc = s.wait_for("the claim's comparison", |sc| {
        !sc.contains("Search claims and titles") && sc.contains("Other sources")
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
    let help = s.wait_for("the help overlay", |sc| sc.contains("Keys (Esc closes"));
    assert!(
        help.contains("fuzzy search") && help.contains("quit"),
        "{help}"
    );

    s.send("q");
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(st) = s.child.try_wait().unwrap() {
            break st;
        }
        assert!(Instant::now() < deadline, "crosscheck did not quit");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status:?}");
    std::thread::sleep(Duration::from_millis(200));
    let p = s.parser.lock().unwrap();
    assert!(!p.screen().alternate_screen(), "alternate screen left");
    assert!(!p.screen().hide_cursor(), "cursor shown again");
}

#[test]
fn tiny_terminal_and_sigterm_restore() {
    let mut s = Session::start(20, 5);
    s.wait_for("a first frame", |sc| !sc.trim().is_empty());
    s.send("j");
    let pid = s.child.process_id().expect("pid");
    let ok = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(st) = s.child.try_wait().unwrap() {
            break st;
        }
        assert!(Instant::now() < deadline, "no exit on SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.exit_code(), 128 + 15);
    std::thread::sleep(Duration::from_millis(200));
    assert!(!s.parser.lock().unwrap().screen().alternate_screen());
}
