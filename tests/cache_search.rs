//! The analysis cache, `crosscheck search` and the export progress bar,
//! through the binary.

mod common;

use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Runs the binary with its cache in `cache`.
fn run(cache: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .env("XDG_CACHE_HOME", cache)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run crosscheck")
}

fn entries(cache: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(cache.join("crosscheck"))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "bin"))
                .collect()
        })
        .unwrap_or_default()
}

/// Two stories, two outlets each, without a story field.
fn corpus(dir: &Path) -> PathBuf {
    let input = dir.join("in");
    std::fs::create_dir(&input).expect("mkdir");
    common::write(&input, "wire.jsonl", br#"{"id": "q1", "date": "2024-03-02", "title": "Quake strikes Kermadec Islands", "text": "An earthquake of magnitude 6.8 struck near the Kermadec Islands on Saturday, the geological survey said. Tsunami sirens sounded in Tonga."}
{"id": "s1", "date": "2024-03-03", "title": "Rotterdam dockworkers strike", "text": "Dockworkers at the port of Rotterdam walked out on Sunday over pay. The union FNV said 4,200 workers joined the strike."}
{"id": "q2", "date": "2024-03-02", "title": "Tsunami sirens in Tonga after Kermadec quake", "text": "A magnitude 6.8 earthquake near the Kermadec Islands set off tsunami sirens in Tonga, the geological survey said."}
{"id": "s2", "date": "2024-03-03", "title": "Strike halts Rotterdam containers", "text": "The union FNV said 4,200 dockworkers at the port of Rotterdam joined a strike over pay on Sunday."}
"#);
    input
}

#[test]
fn export_is_cached_and_the_same_from_the_cache() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = corpus(dir.path());
    let cache = dir.path().join("cache");
    let arg = input.to_str().expect("utf-8 path");
    let first = run(&cache, &["export", arg]);
    assert!(first.status.success());
    assert_eq!(entries(&cache).len(), 1);
    let second = run(&cache, &["export", arg]);
    assert!(second.status.success());
    assert_eq!(first.stdout, second.stdout);
    assert_eq!(first.stderr, second.stderr);
    // Grouped stories are in the export.
    let v: serde_json::Value = serde_json::from_slice(&second.stdout).expect("json");
    let story = |i: usize| v["articles"][i]["story"].as_str().unwrap_or("").to_string();
    assert_eq!(story(0), story(2));
    assert_eq!(story(1), story(3));
    assert_ne!(story(0), story(1));
    assert_eq!(story(0), "Quake strikes Kermadec Islands");
}

#[test]
fn a_corrupt_cache_entry_is_reported_and_replaced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = corpus(dir.path());
    let cache = dir.path().join("cache");
    let arg = input.to_str().expect("utf-8 path");
    let good = run(&cache, &["export", arg]);
    let entry = entries(&cache).remove(0);
    let bytes = std::fs::read(&entry).expect("read");
    std::fs::write(&entry, &bytes[..bytes.len() / 2]).expect("truncate");
    let again = run(&cache, &["export", arg]);
    assert!(again.status.success());
    assert_eq!(again.stdout, good.stdout);
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(err.contains("truncated: ignored, analysing again"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // Replaced: the next run is quiet again.
    assert!(run(&cache, &["export", arg]).stderr.is_empty());
}

#[test]
fn no_cache_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = corpus(dir.path());
    let cache = dir.path().join("cache");
    let arg = input.to_str().expect("utf-8 path");
    for args in [
        vec!["export", "--no-cache", arg],
        vec!["search", "--no-cache", "quake", arg],
    ] {
        assert!(run(&cache, &args).status.success(), "{args:?}");
    }
    assert!(!cache.exists());
}

#[test]
fn search_prints_ranked_tab_separated_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = corpus(dir.path());
    let cache = dir.path().join("cache");
    let arg = input.to_str().expect("utf-8 path");
    let out = run(&cache, &["search", "tonga", arg]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout.clone()).expect("utf-8");
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert!(lines.len() >= 2, "{text}");
    for l in &lines {
        assert_eq!(l.len(), 5, "{l:?}");
        assert!(l[0].parse::<i64>().is_ok());
        assert_eq!(l[1], "Quake strikes Kermadec Islands");
        assert!(l[4].to_lowercase().contains("tonga"));
    }
    let scores: Vec<i64> = lines.iter().map(|l| l[0].parse().unwrap_or(0)).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
    // A title hit has no claim.
    assert!(lines.iter().any(|l| l[2] == "q2" && l[3] == "-"), "{text}");
    assert!(lines.iter().any(|l| l[3].starts_with("q1/")), "{text}");
    // The second run reads the cache and prints the same.
    assert_eq!(entries(&cache).len(), 1);
    assert_eq!(run(&cache, &["search", "tonga", arg]).stdout, out.stdout);
    // Nothing found: no lines, still success.
    let none = run(&cache, &["search", "zzqqxx", arg]);
    assert!(none.status.success() && none.stdout.is_empty());
}

#[test]
fn search_of_nothing_loaded_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(dir.path(), &["search", "x", "/no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn export_progress_only_on_a_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = corpus(dir.path());
    let arg = input.to_str().expect("utf-8 path");
    let out_file = dir.path().join("out.json");
    let out_arg = out_file.to_str().expect("utf-8 path");
    // Piped stderr: no progress at all.
    let piped = run(
        dir.path(),
        &["export", "--no-cache", "--output", out_arg, arg],
    );
    assert!(piped.status.success() && piped.stderr.is_empty());
    // A terminal: the bar shows the steps, then is cleared.
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("openpty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_crosscheck"));
    cmd.args(["export", "--no-cache", "--output", out_arg, arg]);
    cmd.env("XDG_CACHE_HOME", dir.path());
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let status = child.wait().expect("wait");
    drop(pair.master);
    let mut seen = Vec::new();
    let _ = reader.read_to_end(&mut seen);
    let seen = String::from_utf8_lossy(&seen);
    assert!(status.success());
    assert!(seen.contains("articles"), "{seen:?}");
    assert!(out_file.exists());
}
