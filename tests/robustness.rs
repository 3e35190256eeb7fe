//! Bad and hostile input through the binary: every case of the README's
//! robustness table. In each, crosscheck names the file in one line on
//! stderr, loads the good articles, exits as documented (0 anything loaded,
//! 1 usage, 2 nothing loaded) and never panics.

// Offsets in the test exports are small: the casts cannot truncate. `txt`
// and `text` name a file and its contents.
#![allow(clippy::cast_possible_truncation, clippy::similar_names)]

use serde_json::Value;
use std::fmt::Write as _;
use std::fs::File;
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

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
    // The nesting is skipped as syntax, without recursion: the record is
    // seen for what it is.
    assert!(
        has(
            &err,
            "deep.json:1: record 1: expected an article object, found an array: skipped"
        ),
        "{err:?}"
    );
    assert!(
        has(&err, "deep.jsonl:2: malformed JSON: EOF while parsing"),
        "{err:?}"
    );
    assert!(
        has(
            &err,
            "types.json:1: record 1: field 'text' must be a string, found a number"
        ),
        "{err:?}"
    );
    assert!(
        has(
            &err,
            "types.json:1: record 2: field 'title' must be a string, found an array"
        ),
        "{err:?}"
    );
    assert!(
        has(
            &err,
            "types.json:1: record 3: field 'date' is not an ISO 8601 date"
        ),
        "{err:?}"
    );
    assert!(
        has(
            &err,
            "types.json:1: record 4: expected an article object, found a number"
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
fn one_bad_record_skips_only_itself_in_a_json_array_and_in_jsonl() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    let records = [
        r#"{"id": "a1", "text": "Kyiv said 3 drones fell."}"#.to_string(),
        // Unusual values in fields crosscheck does not read cost nothing.
        r#"{"id": "a2", "text": "Moscow said 2 jets were lost.", "views": 1e400}"#.to_string(),
        r#"{"id": "a3", "text": "Seoul said 4 ships sailed.", "note": "\ud800"}"#.to_string(),
        format!(r#"{{"id": "a4", "text": "Tokyo said 5 planes landed.", "raw": {deep}}}"#),
        // In the fields it reads, they cost the record, and only it.
        r#"{"id": "b5", "text": "Rome said 6 cars crashed.", "date": 1e400}"#.to_string(),
        r#"{"id": "b6", "text": "A lone \ud800 surrogate."}"#.to_string(),
        format!(r#"{{"id": "b7", "text": "Oslo said 7 buses left.", "title": {deep}}}"#),
        r#"{"id": "a8", "text": "Paris said 8 trains left."}"#.to_string(),
    ];
    let array = write(
        d,
        "array.json",
        format!("[\n{}\n]\n", records.join(",\n")).as_bytes(),
    );
    let lines = write(d, "lines.jsonl", records.join("\n").as_bytes());
    for (file, at) in [(&array, "array.json:"), (&lines, "lines.jsonl:")] {
        let (doc, err, code) = export(&[file]);
        assert_eq!(code, Some(0), "{err:?}");
        assert_eq!(ids(&doc), ["a1", "a2", "a3", "a4", "a8"], "{err:?}");
        assert_eq!(err.len(), 3, "{err:?}");
        // Named with its line, and in an array with its index.
        let record = |n: usize| {
            if at == "array.json:" {
                format!("{at}{}: record {n}: malformed JSON: ", n + 1)
            } else {
                format!("{at}{n}: malformed JSON: ")
            }
        };
        for (n, reason) in [
            (5, "number out of range"),
            (6, "hex escape"),
            (7, "recursion limit exceeded"),
        ] {
            assert!(
                has(&err, &record(n)) && has(&err, reason),
                "record {n}: {err:?}"
            );
        }
    }
    // An array broken after some records keeps the records before it.
    let cut = write(
        d,
        "cut.json",
        format!("[{},\n{}, {{\"text\": \"cut", records[0], records[7]).as_bytes(),
    );
    let (doc, err, code) = export(&[&cut]);
    assert_eq!(code, Some(0), "{err:?}");
    assert_eq!(ids(&doc), ["a1", "a8"]);
    assert!(
        has(
            &err,
            "cut.json:2: malformed JSON: EOF while parsing a string"
        ) && has(&err, "(after record 2; the rest of the file skipped)"),
        "{err:?}"
    );
}

#[test]
fn an_impossible_date_or_time_is_ignored_with_the_same_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let dates = [
        ("d1", "2025-04-28T09:30:00Z", Some("2025-04-28")),
        ("d2", "2025-04-28 23:59:60+03:00", Some("2025-04-28")),
        ("d3", "2025-02-30", None),
        ("d4", "2025-04-28T25:61:61Z", None),
        ("d5", "2025-04-28T10:00+25:00", None),
        ("d6", "2025-04-28 and some text", None),
    ];
    let mut lines = String::new();
    for (id, date, _) in &dates {
        let _ = writeln!(
            lines,
            "{{\"id\": \"{id}\", \"text\": \"Kyiv said 3 drones fell.\", \"date\": \"{date}\"}}"
        );
    }
    let p = write(d, "dates.jsonl", lines.as_bytes());
    let (doc, err, code) = export(&[&p]);
    assert_eq!(code, Some(0), "{err:?}");
    assert_eq!(ids(&doc), ["d1", "d2", "d3", "d4", "d5", "d6"], "{err:?}");
    for (i, (id, date, kept)) in dates.iter().enumerate() {
        let article = &doc["articles"][i];
        assert_eq!(article["date"].as_str(), *kept, "{id}");
        let warning = format!(
            "dates.jsonl:{}: field 'date' is not an ISO 8601 date ('{date}'): date ignored",
            i + 1
        );
        assert_eq!(has(&err, &warning), kept.is_none(), "{id}: {err:?}");
    }
    assert_eq!(err.len(), 4, "{err:?}");
}

#[test]
fn colliding_stems_in_a_folder_are_named_by_their_relative_path() {
    // BBC-style: each section numbers its files from 001.
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("news");
    for (section, n) in [("business", 2), ("sport", 3)] {
        let sub = root.join(section);
        std::fs::create_dir_all(&sub).expect("mkdir");
        for i in 1..=n {
            write(
                &sub,
                &format!("{i:03}.txt"),
                format!("The {section} desk said {i},000 people came.\n").as_bytes(),
            );
        }
        // JSON files with the same name: their default ids are `name#n`.
        write(
            &sub,
            "feed.json",
            br#"[{"text": "Kyiv said 3 drones fell."}]"#,
        );
    }
    write(&root, "unique.txt", GOOD.as_bytes());
    // metadata.toml entries are still found by file stem.
    write(
        &root.join("sport"),
        "metadata.toml",
        b"[[article]]\nid = \"002\"\ntitle = \"Second sport story\"\n",
    );
    let (doc, err, code) = export(&[&root]);
    assert_eq!(code, Some(0), "{err:?}");
    assert!(err.is_empty(), "{err:?}");
    assert_eq!(
        ids(&doc),
        [
            "business/001",
            "business/002",
            "business/feed#1",
            "sport/001",
            "sport/002",
            "sport/003",
            "sport/feed#1",
            "unique"
        ]
    );
    assert_eq!(doc["articles"][4]["title"], "Second sport story");
    // Two folders given: their relative paths collide too, so the colliding
    // files are named by their path as given.
    let (business, sport) = (root.join("business"), root.join("sport"));
    let (doc, err, code) = export(&[&business, &sport]);
    assert_eq!(code, Some(0), "{err:?}");
    assert!(err.is_empty(), "{err:?}");
    let got = ids(&doc);
    assert_eq!(got.len(), 7, "{got:?}");
    let b = business.display().to_string();
    assert_eq!(got[0], format!("{b}/001"));
    assert_eq!(got[1], format!("{b}/002"));
    assert!(got.contains(&"003".to_string()), "{got:?}");
}

#[test]
fn the_bbc_corpus_loses_no_article_to_a_duplicate_id() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/bbc");
    if !root.exists() {
        return; // shared data not available here
    }
    // The loader as the binary uses it (exporting 2,225 articles as one
    // story would take minutes in a debug build).
    let corpus = crosscheck::corpus::load_paths(&[&root]);
    // Every article is named by its path in the folder (stems collide), the
    // README beside the sections by its stem.
    let articles = corpus
        .articles
        .iter()
        .filter(|a| a.id.contains('/'))
        .count();
    assert_eq!(articles, 2225);
    assert_eq!(corpus.articles.len(), 2226);
    assert!(
        !corpus
            .warnings
            .iter()
            .any(|w| w.message.contains("duplicate")),
        "{:?}",
        corpus.warnings
    );
    let ids: std::collections::HashSet<&str> =
        corpus.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), corpus.articles.len());
    for id in [
        "business/001",
        "entertainment/001",
        "tech/401",
        "sport/199",
        "sport/511",
        "README",
    ] {
        assert!(ids.contains(id), "{id}");
    }
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

/// The binary with `args`, no standard input, and the standard streams
/// left for the caller to set.
fn command(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_crosscheck"));
    c.env("XDG_CACHE_HOME", common::CACHE_HOME)
        .args(args)
        .stdin(Stdio::null());
    c
}

/// A pipe whose reading end is already closed: every write to it fails
/// with EPIPE, as when the reader (`| head`) has quit.
fn closed_pipe() -> Stdio {
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors pipe(2) writes.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0, "pipe");
    // SAFETY: both descriptors were just created and are owned here only.
    unsafe {
        libc::close(fds[0]);
        Stdio::from(OwnedFd::from_raw_fd(fds[1]))
    }
}

/// `/dev/full`: every write fails with ENOSPC.
fn dev_full() -> Stdio {
    Stdio::from(
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full"),
    )
}

/// Makes the child behave as on a nearly full disk: `RLIMIT_FSIZE` stops any
/// file it writes at `bytes` (writes past it fail with EFBIG; SIGXFSZ is
/// ignored so that the failure is an error, not a kill).
fn limit_file_size(cmd: &mut Command, bytes: u64) {
    // SAFETY: only async-signal-safe calls (signal, setrlimit) between fork
    // and exec.
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: bytes,
                rlim_max: bytes,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &raw const limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Waits for `child` at most `limit`; kills it and fails the test if it is
/// still running then.
fn wait_or_kill(child: &mut Child, limit: Duration, what: &str) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn warnings_never_stop_the_work_when_stderr_is_closed_or_full() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let corpus = d.join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    write(&corpus, "good.txt", GOOD.as_bytes());
    write(&corpus, "empty.txt", b"");
    write(&corpus, "nul.txt", b"a\0b");
    let report = d.join("r.json");
    for (name, stderr) in [("full", dev_full()), ("closed", closed_pipe())] {
        let status = command(&[
            "export",
            corpus.to_str().unwrap_or_default(),
            "--output",
            report.to_str().unwrap_or_default(),
        ])
        .stdout(Stdio::null())
        .stderr(stderr)
        .status()
        .expect("run");
        assert_eq!(status.code(), Some(0), "stderr {name}");
        let doc: Value = serde_json::from_slice(&std::fs::read(&report).unwrap_or_default())
            .expect("the report is written");
        assert_eq!(ids(&doc), ["good"], "stderr {name}");
        std::fs::remove_file(&report).expect("rm");
    }
    // `pairs` still scores every line when its warnings cannot be shown.
    let input = write(d, "pairs.tsv", b"a b\ta b\nno tab here\n\xff\tx\n");
    let out = command(&["pairs"])
        .stdin(File::open(&input).expect("input"))
        .stderr(closed_pipe())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3);
}

#[test]
fn stdout_write_errors_exit_1_with_a_message_and_only_a_closed_pipe_is_quiet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let lines = "North Korea sent troops.\tTroops were sent by North Korea.\n".repeat(4000);
    let pairs_input = write(d, "pairs.tsv", lines.as_bytes());
    let runs: [(&str, &[&str]); 3] = [
        ("json", &["export"]),
        ("markdown", &["export", "--format", "markdown"]),
        ("pairs", &["pairs"]),
    ];
    for (name, args) in runs {
        let run = |stdout: Stdio, limit: Option<u64>| {
            let mut cmd = command(args);
            cmd.stdout(stdout);
            if *args == ["pairs"] {
                cmd.stdin(File::open(&pairs_input).expect("input"));
            }
            if let Some(bytes) = limit {
                limit_file_size(&mut cmd, bytes);
            }
            let out = cmd.output().expect("run");
            let err = String::from_utf8_lossy(&out.stderr).into_owned();
            assert!(!err.contains("panicked"), "{name}: {err}");
            (out.status.code(), err)
        };
        // A full device.
        let (code, err) = run(dev_full(), None);
        assert_eq!(code, Some(1), "{name} > /dev/full: {err}");
        assert!(
            err.contains("crosscheck: <stdout>: cannot write: No space left on device"),
            "{name}: {err}"
        );
        // A nearly full disk: the first 16 KB fit, the rest does not.
        let partial = d.join(format!("{name}.out"));
        let (code, err) = run(
            Stdio::from(File::create(&partial).expect("create")),
            Some(16 * 1024),
        );
        assert_eq!(code, Some(1), "{name} on a nearly full disk: {err}");
        assert!(
            err.contains("crosscheck: <stdout>: cannot write: File too large"),
            "{name}: {err}"
        );
        // A closed pipe (`| head` quit): quiet, exit 0.
        let (code, err) = run(closed_pipe(), None);
        assert_eq!((code, err.as_str()), (Some(0), ""), "{name} | closed pipe");
    }
    // `--output` on a nearly full disk: exit 1, the old file intact and no
    // temporary file left.
    let out_dir = d.join("out");
    std::fs::create_dir(&out_dir).expect("mkdir");
    let report = write(&out_dir, "r.json", b"old contents");
    let mut cmd = command(&["export", "--output", report.to_str().unwrap_or_default()]);
    limit_file_size(&mut cmd, 16 * 1024);
    let out = cmd.output().expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("r.json: cannot write: File too large"),
        "{err}"
    );
    assert_eq!(std::fs::read(&report).unwrap_or_default(), b"old contents");
    assert_eq!(names(&out_dir), ["r.json"]);
}

#[test]
fn a_path_swapped_for_a_fifo_after_the_type_check_never_blocks() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().to_path_buf();
    let file_store = write(&d, "store-file", GOOD.as_bytes());
    let fifo_store = d.join("store-fifo");
    let made_fifo = Command::new("mkfifo")
        .arg(&fifo_store)
        .status()
        .is_ok_and(|s| s.success());
    if !made_fifo {
        return; // no mkfifo here
    }
    let target = d.join("swap.txt");
    std::fs::hard_link(&file_store, &target).expect("link");
    // Swap the path between the file and the FIFO as fast as possible
    // (each rename replaces it atomically).
    let stop = Arc::new(AtomicBool::new(false));
    let swapper = {
        let (stop, d, target) = (stop.clone(), d.clone(), target.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                for (store, tmp) in [(&file_store, "tmp-file"), (&fifo_store, "tmp-fifo")] {
                    let tmp = d.join(tmp);
                    let _ = std::fs::hard_link(store, &tmp);
                    let _ = std::fs::rename(&tmp, &target);
                }
            }
        })
    };
    let t = target.to_str().unwrap_or_default().to_string();
    let mut args = vec!["export"];
    args.extend(std::iter::repeat_n(t.as_str(), 300));
    for run in 0..5 {
        let mut child = command(&args)
            .stdout(Stdio::null())
            .stderr(File::create(d.join("err")).expect("create"))
            .spawn()
            .expect("run");
        let status = wait_or_kill(&mut child, Duration::from_secs(60), "export");
        let err = std::fs::read_to_string(d.join("err")).unwrap_or_default();
        assert!(
            matches!(status.code(), Some(0 | 2)),
            "run {run}: {status:?} {err}"
        );
        assert!(
            err.lines().all(|l| l.contains("swap.txt: ")
                && (l.contains("duplicate article id")
                    || l.contains("not a regular file")
                    || l.contains("no such file"))
                || l.contains("no articles loaded")),
            "run {run}: {err}"
        );
    }
    stop.store(true, Ordering::Relaxed);
    let _ = swapper.join();
}

/// Waits until `dir` holds a file whose name contains `.crosscheck-`
/// (a report's temporary file), failing after a minute.
fn wait_for_temp(dir: &Path, child: &mut Child) -> PathBuf {
    let start = Instant::now();
    loop {
        if let Some(name) = names(dir).into_iter().find(|n| n.contains(".crosscheck-")) {
            return dir.join(name);
        }
        if let Some(status) = child.try_wait().expect("wait") {
            panic!("finished ({status:?}) before its temporary file was seen");
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no temporary file"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

#[test]
fn an_interrupted_output_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    // An input whose analysis takes a while, so the signal comes mid-run.
    let mut big = String::new();
    while big.len() < 1 << 20 {
        big.push_str("North Korea sent 11,000 troops to Russia, officials said on Monday.\n\n");
    }
    let input = write(d, "big.txt", big.as_bytes());
    let out_dir = d.join("out");
    std::fs::create_dir(&out_dir).expect("mkdir");
    let report = write(&out_dir, "r.json", b"old contents");
    let args = [
        "export",
        input.to_str().unwrap_or_default(),
        "--output",
        report.to_str().unwrap_or_default(),
    ];
    let spawn = || {
        command(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("run")
    };
    for sig in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
        let mut child = spawn();
        wait_for_temp(&out_dir, &mut child);
        // SAFETY: sends a signal to our own child, which has not been
        // waited for yet.
        let pid = libc::pid_t::try_from(child.id()).expect("pid fits");
        unsafe { libc::kill(pid, sig) };
        let status = child.wait().expect("wait");
        assert_eq!(status.signal(), Some(sig), "{status:?}");
        assert_eq!(names(&out_dir), ["r.json"], "signal {sig}");
        assert_eq!(std::fs::read(&report).unwrap_or_default(), b"old contents");
    }
    // SIGKILL cannot be caught: the temporary file stays until the next run
    // writing there removes it (its process is gone). One of a live process
    // (this test's) is left alone.
    let mut child = spawn();
    let stale = wait_for_temp(&out_dir, &mut child);
    let _ = child.kill();
    let _ = child.wait();
    assert!(stale.exists());
    let live = write(
        &out_dir,
        &format!(".r.json.crosscheck-{}-0.tmp", std::process::id()),
        b"in use",
    );
    let good = write(d, "good.txt", GOOD.as_bytes());
    let out = crosscheck(&[
        "export",
        good.to_str().unwrap_or_default(),
        "--output",
        report.to_str().unwrap_or_default(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!stale.exists(), "the stale temporary file is still there");
    assert!(live.exists(), "a live process's temporary file was removed");
    let doc: Value = serde_json::from_slice(&std::fs::read(&report).unwrap_or_default())
        .expect("the new report");
    assert_eq!(ids(&doc), ["good"]);
}

#[test]
fn an_output_naming_one_of_the_inputs_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let corpus = d.join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    let a = write(&corpus, "a.txt", GOOD.as_bytes());
    let b = write(
        &corpus,
        "b.json",
        br#"{"text": "Kyiv said 12,000 troops were sent."}"#,
    );
    let link = d.join("link.txt");
    std::os::unix::fs::symlink(&a, &link).expect("symlink");
    let hard = d.join("hard.txt");
    std::fs::hard_link(&a, &hard).expect("link");
    let before = |p: &Path| std::fs::read(p).unwrap_or_default();
    let (a_text, b_text) = (before(&a), before(&b));
    let cases: [(&Path, &Path); 5] = [
        (&a, &a),      // the same path
        (&link, &a),   // the input through a symlink
        (&a, &link),   // the output through a symlink
        (&a, &hard),   // a hard link
        (&corpus, &b), // a file inside a folder input
    ];
    for (input, output) in cases {
        let out = crosscheck(&[
            "export",
            input.to_str().unwrap_or_default(),
            "--output",
            output.to_str().unwrap_or_default(),
        ]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{input:?} -> {output:?}: {err}");
        assert!(
            err.contains(&format!(
                "{}: cannot write: it is one of the inputs",
                output.display()
            )),
            "{err}"
        );
        assert_eq!(before(&a), a_text);
        assert_eq!(before(&b), b_text);
        assert_eq!(names(&corpus), ["a.txt", "b.json"]);
    }
    // A device is written to, never replaced: an input too, it is allowed.
    let out = crosscheck(&[
        "export",
        a.to_str().unwrap_or_default(),
        "/dev/null",
        "--output",
        "/dev/null",
    ]);
    assert_eq!(out.status.code(), Some(0));
}

/// Runs the binary with `args` under an address-space limit of `bytes`
/// (`RLIMIT_AS`, set in the child before exec): an allocation past it fails,
/// so the run proves its peak memory stays below the limit.
fn run_with_memory_limit(args: &[&str], bytes: u64) -> std::process::Output {
    let mut cmd = command(args);
    // An address-space limit also counts what glibc reserves, untouched,
    // for each worker thread's malloc arena (64 MB apiece); one arena keeps
    // the limit a measure of memory the run actually asks for.
    cmd.env("MALLOC_ARENA_MAX", "1");
    // SAFETY: only setrlimit, async-signal-safe, between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: bytes,
                rlim_max: bytes,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &raw const limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().expect("run")
}

#[test]
fn a_large_json_input_is_held_once_in_memory() {
    // 64 MB of JSON whose records carry large fields crosscheck does not
    // read, one story each (so the analysis is small): loading must cost
    // about the file once, not the file plus a parsed copy of it. The
    // limit is the input plus 48 MB (the binary itself needs under 20 MB
    // of address space); before the loader read records one at a time
    // this needed over 140 MB.
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let junk = "x".repeat(256 << 10);
    let records: Vec<String> = (0..256)
        .map(|i| {
            format!(
                r#"{{"id": "r{i}", "story": "s{i}", "text": "Kyiv said {i} drones fell on Monday.", "raw": "{junk}"}}"#
            )
        })
        .collect();
    let array = write(
        d,
        "big.json",
        format!("[{}]", records.join(",\n")).as_bytes(),
    );
    let lines = write(d, "big.jsonl", records.join("\n").as_bytes());
    for input in [&array, &lines] {
        let size = std::fs::metadata(input).map_or(0, |m| m.len());
        let limit = size + (48 << 20);
        let out = run_with_memory_limit(&["export", input.to_str().unwrap_or_default()], limit);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{input:?} under {} MB: {err}",
            limit >> 20
        );
        let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(ids(&doc).len(), 256);
    }
}
