//! Bad and hostile input through the binary: every case of the README's
//! robustness table. In each, crosscheck names the file in one line on
//! stderr, loads the good articles, exits as documented (0 anything loaded,
//! 1 usage, 2 nothing loaded) and never panics.

// Offsets in the test exports are small: the casts cannot truncate. `txt`
// and `text` name a file and its contents.
#![allow(clippy::cast_possible_truncation, clippy::similar_names)]

use serde_json::Value;
use std::path::Path;
use std::process::Command;

mod common;
use common::{crosscheck, write};

const GOOD: &str = "North Korea sent 11,000 troops to Russia, officials said.\n";

/// Runs `export` on `paths`; returns the JSON, stderr lines and exit code.
fn export(paths: &[&Path]) -> (Value, Vec<String>, Option<i32>) {
    let mut args = vec!["export".to_string()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = crosscheck(&args);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!err.contains("panicked"), "panic: {err}");
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (
        json,
        err.lines().map(str::to_string).collect(),
        out.status.code(),
    )
}

fn ids(doc: &Value) -> Vec<String> {
    doc["articles"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|a| a["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Every claim's `text` is exactly `text[start..end]` of its article.
fn assert_offsets(doc: &Value, texts: &[(&str, &str)]) {
    for c in doc["claims"].as_array().expect("claims") {
        let article = c["article"].as_str().unwrap_or_default();
        let Some((_, text)) = texts.iter().find(|(id, _)| *id == article) else {
            continue;
        };
        let (s, e) = (
            c["start"].as_u64().unwrap_or(0) as usize,
            c["end"].as_u64().unwrap_or(0) as usize,
        );
        assert_eq!(text.get(s..e), c["text"].as_str(), "offsets of {}", c["id"]);
    }
}

fn has(lines: &[String], needle: &str) -> bool {
    lines.iter().any(|l| l.contains(needle))
}

#[test]
fn encodings_are_decoded_with_a_warning_and_offsets_refer_to_the_decoded_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    // Latin-1 / Windows-1252, as in the BBC corpus.
    let latin1 = write(
        d,
        "latin1.txt",
        b"Caf\xe9 owners in K\xf6ln said 12 people were hurt. \x93We are shocked,\x94 the mayor said.\n",
    );
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(GOOD.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let utf16 = write(d, "utf16.txt", &utf16);
    let bom = write(d, "bom.txt", &[b"\xEF\xBB\xBF", GOOD.as_bytes()].concat());
    let (doc, err, code) = export(&[&latin1, &utf16, &bom]);
    assert_eq!(code, Some(0), "{err:?}");
    assert_eq!(ids(&doc), ["latin1", "utf16", "bom"]);
    assert!(
        has(
            &err,
            "latin1.txt: not UTF-8 (invalid byte at offset 3): decoded as Windows-1252/Latin-1"
        ),
        "{err:?}"
    );
    assert!(
        has(
            &err,
            "utf16.txt: UTF-16LE (byte order mark): decoded to UTF-8"
        ),
        "{err:?}"
    );
    assert!(
        !has(&err, "bom.txt"),
        "a UTF-8 BOM is silently dropped: {err:?}"
    );
    let latin1_text =
        "Café owners in Köln said 12 people were hurt. “We are shocked,” the mayor said.\n";
    assert_offsets(
        &doc,
        &[("latin1", latin1_text), ("utf16", GOOD), ("bom", GOOD)],
    );
    assert!(doc["claims"]
        .as_array()
        .is_some_and(|c| c.iter().any(|c| c["article"] == "latin1")));
}

#[test]
fn the_bbc_latin1_file_loads_if_present() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/bbc/sport/199.txt");
    if !p.exists() {
        return; // shared data not available here
    }
    let (doc, err, code) = export(&[&p]);
    assert_eq!(code, Some(0), "{err:?}");
    assert_eq!(ids(&doc), ["199"]);
    assert!(has(&err, "199.txt: not UTF-8"), "{err:?}");
}

#[test]
fn binary_empty_and_whitespace_files_are_skipped_naming_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let good = write(d, "good.txt", GOOD.as_bytes());
    let nul = write(d, "nul.txt", b"PNG\x00\x01\x02\x03");
    let noise = write(
        d,
        "noise.txt",
        &(0..=255u8).cycle().skip(1).take(600).collect::<Vec<_>>(),
    );
    let empty = write(d, "empty.txt", b"");
    let blank = write(d, "blank.md", b"  \r\n\t\n");
    let (doc, err, code) = export(&[&nul, &noise, &empty, &blank, &good]);
    assert_eq!(code, Some(0), "{err:?}");
    assert_eq!(ids(&doc), ["good"]);
    assert!(
        has(&err, "nul.txt: binary data (NUL byte at offset 3): skipped"),
        "{err:?}"
    );
    assert!(has(&err, "noise.txt: binary data"), "{err:?}");
    assert!(has(&err, "empty.txt: empty file: skipped"), "{err:?}");
    assert!(has(&err, "blank.md: empty file: skipped"), "{err:?}");
    // Nothing good at all: exit 2.
    let (_, err, code) = export(&[&nul, &empty]);
    assert_eq!(code, Some(2), "{err:?}");
    assert!(has(&err, "no articles loaded"), "{err:?}");
}

#[test]
fn a_file_over_the_limit_is_skipped_without_reading_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let good = write(d, "good.txt", GOOD.as_bytes());
    // Sparse: takes no disk space or time to create.
    let huge = write(d, "huge.txt", b"");
    std::fs::OpenOptions::new()
        .write(true)
        .open(&huge)
        .and_then(|f| f.set_len(crosscheck::corpus::MAX_FILE_BYTES + 1))
        .expect("sparse file");
    let (doc, err, code) = export(&[&huge, &good]);
    assert_eq!(code, Some(0), "{err:?}");
    assert_eq!(ids(&doc), ["good"]);
    assert!(
        has(&err, "huge.txt: larger than 256 MiB: skipped"),
        "{err:?}"
    );
}

#[test]
fn crlf_line_endings_keep_exact_offsets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let text = "Headline Here\r\n\r\nNorth Korea sent 11,000 troops, officials said.\r\nKim said \u{201c}we won\u{201d} on Monday.\r\n";
    let txt = write(d, "crlf.txt", text.as_bytes());
    let jsonl = write(
        d,
        "crlf.jsonl",
        b"{\"id\":\"j1\",\"text\":\"Russia said 14,000 troops were deployed.\"}\r\n{broken\r\n{\"id\":\"j3\",\"text\":\"Ukraine said 12,000 troops were deployed.\"}\r\n",
    );
    let (doc, err, code) = export(&[&txt, &jsonl]);
    assert_eq!(code, Some(0), "{err:?}");
    assert_eq!(ids(&doc), ["crlf", "j1", "j3"]);
    assert!(has(&err, "crlf.jsonl:2: malformed JSON"), "{err:?}");
    assert_offsets(&doc, &[("crlf", text)]);
    for c in doc["claims"].as_array().expect("claims") {
        assert!(
            !c["text"].as_str().unwrap_or_default().contains('\r'),
            "{c}"
        );
    }
}

#[test]
fn right_to_left_combining_cjk_and_emoji_keep_exact_offsets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let text = "\u{202e}Officials in Kyiv said 12,000 troops arrived. \
        قال المسؤولون إن 300 جندي قتلوا. \
        North Korea\u{301}s army (北朝鮮軍) lost 4,000 soldiers 😀👨\u{200d}👩\u{200d}👧, Seoul said.\n\
        Kim Jong Un said \u{201c}the 🇰🇵 heroes fought\u{201d} in Kursk, according to KCNA.\n";
    let p = write(d, "scripts.txt", text.as_bytes());
    let (doc, err, code) = export(&[&p]);
    assert_eq!(code, Some(0), "{err:?}");
    assert_offsets(&doc, &[("scripts", text)]);
    assert!(
        doc["claims"].as_array().is_some_and(|c| c.len() >= 2),
        "{doc}"
    );
}

#[test]
fn json_errors_and_deep_nesting_are_reported_not_fatal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let good = write(d, "good.txt", GOOD.as_bytes());
    let deep = write(
        d,
        "deep.json",
        format!("{}{}", "[".repeat(200_000), "]".repeat(200_000)).as_bytes(),
    );
    let deep_line = write(
        d,
        "deep.jsonl",
        format!(
            "{{\"id\":\"ok\",\"text\":\"Kyiv said 3 drones fell.\"}}\n{}\n",
            "{\"a\":".repeat(200_000)
        )
        .as_bytes(),
    );
    let types = write(
        d,
        "types.json",
        br#"[{"text": 5}, {"text": "fine", "title": [1]}, {"id": "t3", "text": "Moscow said 2 jets were lost.", "date": "soon"}, 7]"#,
    );
    let truncated = write(d, "truncated.json", br#"[{"id": "x", "text": "cut off her"#);
    let (doc, err, code) = export(&[&deep, &deep_line, &types, &truncated, &good]);
    assert_eq!(code, Some(0), "{err:?}");
    assert_eq!(ids(&doc), ["ok", "t3", "good"]);
    assert!(
        has(
            &err,
            "deep.json:1: malformed JSON: recursion limit exceeded"
        ),
        "{err:?}"
    );
    assert!(
        has(
            &err,
            "deep.jsonl:2: malformed JSON: recursion limit exceeded"
        ),
        "{err:?}"
    );
    assert!(
        has(
            &err,
            "types.json: record 1: field 'text' must be a string, found a number"
        ),
        "{err:?}"
    );
    assert!(
        has(
            &err,
            "types.json: record 2: field 'title' must be a string, found an array"
        ),
        "{err:?}"
    );
    assert!(
        has(
            &err,
            "types.json: record 3: field 'date' is not an ISO 8601 date"
        ),
        "{err:?}"
    );
    assert!(
        has(
            &err,
            "types.json: record 4: expected an article object, found a number"
        ),
        "{err:?}"
    );
    assert!(
        has(&err, "truncated.json:1: malformed JSON: EOF"),
        "{err:?}"
    );
    // One line per problem: every stderr line names a file or says what
    // loaded.
    assert!(err.iter().all(|l| l.starts_with("crosscheck: ")), "{err:?}");
}

#[test]
fn duplicate_ids_and_hostile_field_values_stay_one_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let long_id = "x".repeat(100_000);
    let records = format!(
        "{{\"id\":\"a\",\"text\":\"Russia said 14,000 troops were deployed.\"}}\n\
         {{\"id\":\"a\",\"text\":\"a duplicate\"}}\n\
         {{\"id\":\"b\\n\\u001b[2Jevil\",\"text\":\"first b\"}}\n\
         {{\"id\":\"b\\n\\u001b[2Jevil\",\"text\":\"second b\"}}\n\
         {{\"id\":\"{long_id}\",\"text\":\"long one\"}}\n\
         {{\"id\":\"{long_id}\",\"text\":\"long two\"}}\n"
    );
    let p = write(d, "dups.jsonl", records.as_bytes());
    let out = crosscheck(&["export", p.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(lines[0]
        .ends_with("dups.jsonl:2: duplicate article id 'a': skipped (the first one is kept)"));
    assert!(
        lines[1].contains("dups.jsonl:4: duplicate article id 'b ^[[2Jevil'"),
        "{err}"
    );
    assert!(
        lines[2].len() < 1_000,
        "a 100 kB id is cut: {} bytes",
        lines[2].len()
    );
    assert!(!err.contains('\u{1b}'));
}

#[test]
fn missing_unreadable_looping_and_special_paths() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let corpus = d.join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    write(&corpus, "good.txt", GOOD.as_bytes());
    // A directory symlink loop and a file symlink to itself.
    std::os::unix::fs::symlink(&corpus, corpus.join("loop")).expect("symlink");
    std::os::unix::fs::symlink("self.txt", corpus.join("self.txt")).expect("symlink");
    // A FIFO named like an article: must be reported, never opened (opening
    // a FIFO blocks until a writer comes).
    let fifo = corpus.join("pipe.txt");
    let made_fifo = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    // An unreadable file: mode 000 (root reads it anyway, so a file that
    // fails on read is used too: /proc/self/mem at offset 0).
    let locked = write(&corpus, "locked.txt", GOOD.as_bytes());
    let _ = std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000));
    let locked_readable = std::fs::read(&locked).is_ok();
    let missing = d.join("missing.txt");
    let mut paths: Vec<&Path> = vec![&missing, &corpus, Path::new("/dev/null")];
    let proc_mem = Path::new("/proc/self/mem");
    if proc_mem.exists() {
        paths.push(proc_mem);
    }
    let (doc, err, code) = export(&paths);
    assert_eq!(code, Some(0), "{err:?}");
    let loaded = ids(&doc);
    assert!(loaded.contains(&"good".to_string()), "{loaded:?}");
    assert!(
        has(&err, "missing.txt: cannot open: no such file or directory"),
        "{err:?}"
    );
    assert!(has(&err, "self.txt: cannot open:"), "{err:?}");
    assert!(has(&err, "/dev/null: not a regular file"), "{err:?}");
    if made_fifo {
        assert!(
            has(
                &err,
                "pipe.txt: not a regular file (device, FIFO or socket): skipped"
            ),
            "{err:?}"
        );
    }
    if !locked_readable {
        assert!(
            has(&err, "locked.txt: cannot open: permission denied"),
            "{err:?}"
        );
    }
    if proc_mem.exists() {
        assert!(has(&err, "/proc/self/mem: cannot read:"), "{err:?}");
    }
    // The loop is followed once: good.txt loads once, no duplicate warning.
    assert_eq!(loaded.iter().filter(|i| *i == "good").count(), 1);
    assert!(!has(&err, "duplicate"), "{err:?}");
    // Only missing paths: exit 2.
    let (_, err, code) = export(&[&missing]);
    assert_eq!(code, Some(2), "{err:?}");
}

#[test]
fn large_files_and_long_lines_load_without_losing_text() {
    // CI-sized (the 100 MB and 10 MB runs are in scripts/stress.sh): a
    // 1 MB article of many paragraphs and a 512 kB single line with stray
    // quote marks; both export with exact offsets.
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let para = "North Korea sent 11,000 troops to Russia, officials said on Monday. \
                \u{201c}They fought bravely,\u{201d} Kim Jong Un said. ";
    let mut big = String::new();
    while big.len() < 1 << 20 {
        big.push_str(para);
        big.push_str("\n\n");
    }
    let mut line = String::from("\u{201c}An unclosed quote. ");
    while line.len() < 512 << 10 {
        line.push_str(para);
    }
    let big_p = write(d, "big.txt", big.as_bytes());
    let line_p = write(d, "line.txt", line.as_bytes());
    let (doc, err, code) = export(&[&big_p, &line_p]);
    assert_eq!(code, Some(0), "{err:?}");
    assert_eq!(ids(&doc), ["big", "line"]);
    assert_offsets(&doc, &[("big", &big), ("line", &line)]);
    let claims = doc["claims"].as_array().map_or(0, Vec::len);
    assert!(claims > 10_000, "{claims} claims");
}

#[test]
fn export_never_writes_into_the_corpus_and_replaces_output_atomically() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let corpus = d.join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    write(&corpus, "a.txt", GOOD.as_bytes());
    write(
        &corpus,
        "b.json",
        br#"{"text": "Kyiv said 12,000 troops were sent."}"#,
    );
    let listing = |p: &Path| {
        let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(p)
            .expect("list")
            .filter_map(Result::ok)
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap_or_default(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let before = listing(&corpus);
    // An existing output is replaced whole, through a symlink too.
    let out = d.join("out");
    std::fs::create_dir(&out).expect("mkdir");
    let report = write(&out, "report.json", b"old contents");
    std::os::unix::fs::symlink(&report, out.join("link.json")).expect("symlink");
    let link = out.join("link.json");
    let o = crosscheck(&[
        "export",
        corpus.to_str().unwrap_or_default(),
        "--output",
        link.to_str().unwrap_or_default(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(listing(&corpus), before, "the corpus was modified");
    let written: Value =
        serde_json::from_slice(&std::fs::read(&report).unwrap_or_default()).expect("valid JSON");
    assert_eq!(written["schema"], "crosscheck/1");
    assert!(std::fs::symlink_metadata(&link).is_ok_and(|m| m.file_type().is_symlink()));
    let names: Vec<String> = listing(&out).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        ["link.json", "report.json"],
        "a temporary file was left"
    );
    // /dev/null is written to, not replaced.
    let o = crosscheck(&["export", "--output", "/dev/null"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(std::fs::metadata("/dev/null").is_ok_and(|m| !m.is_file()));
    // An unwritable output: exit 1, the old file untouched, nothing left.
    let o = crosscheck(&["export", "--output", out.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot write: is a directory"));
    let nodir = d.join("no/such/dir/r.json");
    let o = crosscheck(&["export", "--output", nodir.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(listing(&corpus), before);
}
