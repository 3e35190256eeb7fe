//! Integration tests of the command-line interface: the export schema, exit
//! codes, bad input files and the pairs command.

// Offsets in the test exports are small: the casts cannot truncate.
#![allow(clippy::cast_possible_truncation)]

use serde_json::Value;
use std::process::Output;

mod common;
use common::{crosscheck, crosscheck_with_stdin, write};

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn export_json(args: &[&str]) -> (Value, Output) {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    let out = crosscheck(&all);
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (json, out)
}

#[test]
fn bundled_export_follows_the_schema() {
    let (doc, out) = export_json(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(doc["schema"], "crosscheck/1");
    let articles = doc["articles"].as_array().expect("articles");
    assert_eq!(articles.len(), 5);
    for a in articles {
        for key in [
            "id", "title", "outlet", "date", "url", "path", "story", "claims",
        ] {
            assert!(a.get(key).is_some(), "article lacks {key}: {a}");
        }
        assert!(
            a["outlet"].is_null(),
            "no bundled article states its outlet"
        );
    }
    let texts: std::collections::HashMap<String, String> = std::fs::read_dir("data/articles")
        .expect("data/articles")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| {
            let p = e.path();
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            (id, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    let claims = doc["claims"].as_array().expect("claims");
    assert!(claims.len() > 50);
    let ids: std::collections::HashSet<&str> =
        claims.iter().map(|c| c["id"].as_str().unwrap()).collect();
    for c in claims {
        for key in [
            "id",
            "article",
            "start",
            "end",
            "text",
            "kinds",
            "score",
            "figures",
            "quotes",
            "attributed_to",
            "matches",
        ] {
            assert!(c.get(key).is_some(), "claim lacks {key}: {c}");
        }
        let text = &texts[c["article"].as_str().unwrap()];
        let (s, e) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &text[s..e],
            c["text"].as_str().unwrap(),
            "offsets of {}",
            c["id"]
        );
        let score = c["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        let matches = c["matches"].as_array().unwrap();
        let mut seen = std::collections::HashSet::new();
        let mut last = f64::INFINITY;
        for m in matches {
            let article = m["article"].as_str().unwrap();
            assert_ne!(
                article,
                c["article"].as_str().unwrap(),
                "a match in the claim's own article"
            );
            assert!(
                seen.insert(article.to_string()),
                "two matches in one article"
            );
            let score = m["score"].as_f64().unwrap();
            assert!(score <= last, "matches not sorted by score");
            last = score;
            assert!(ids.contains(m["claim"].as_str().unwrap()));
            assert!(["agrees", "differs", "contradicts", "related"]
                .contains(&m["relation"].as_str().unwrap()));
            assert!(m["why"].is_string());
        }
        for f in c["figures"].as_array().unwrap() {
            for key in ["text", "low", "high", "qualifier", "unit"] {
                assert!(f.get(key).is_some(), "figure lacks {key}");
            }
        }
        for q in c["quotes"].as_array().unwrap() {
            assert!(q.get("text").is_some() && q.get("speaker").is_some());
        }
    }
    let facts = doc["facts"].as_array().expect("facts");
    assert!(!facts.is_empty());
    for f in facts {
        assert!(["agrees", "differs", "contradicts", "single"]
            .contains(&f["relation"].as_str().unwrap()));
        assert!(!f["label"].as_str().unwrap().is_empty());
        let n = f["articles"].as_array().unwrap().len();
        assert_eq!(n == 1, f["relation"] == "single", "{f}");
        for c in f["claims"].as_array().unwrap() {
            assert!(ids.contains(c.as_str().unwrap()));
        }
    }
}

#[test]
fn markdown_report_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("report.md");
    let out = crosscheck(&[
        "export",
        "--format",
        "markdown",
        "--output",
        out_path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let md = std::fs::read_to_string(&out_path).unwrap();
    assert!(md.starts_with("# crosscheck report"));
    assert!(md.contains("## Sources"));
    assert!(md.contains("000_17eb8960eab48163"));
    // No temporary file is left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn usage_errors_exit_1_and_help_exits_0() {
    let out = crosscheck(&["export", "--format", "yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("yaml"));
    let help = crosscheck(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("Examples:") && text.contains("export"));
}

#[test]
fn nothing_loaded_exits_2_naming_the_path() {
    let out = crosscheck(&["export", "/nonexistent/crosscheck-test"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("/nonexistent/crosscheck-test: cannot open: no such file or directory"),
        "{err}"
    );
}

#[test]
fn bad_files_are_reported_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "good.txt",
        "North Korea sent 11,000 troops to Russia, officials said.\n".as_bytes(),
    );
    write(d, "latin1.txt", b"Caf\xe9 society reported 12 deaths.\n");
    write(d, "empty.md", b"   \n");
    write(d, "binary.txt", b"\x00\x01\x02PNG");
    write(d, "broken.json", b"{\"text\": \"a\",\n  oops }");
    write(d, "many.jsonl", b"{\"id\":\"j1\",\"text\":\"Russia said 14,000 troops were deployed.\"}\nnot json\n{\"id\":\"j3\",\"text\":5}\n{\"id\":\"good\",\"text\":\"duplicate id\"}\n");
    write(d, "ignored.csv", b"a,b\n");
    let (doc, out) = export_json(&[d.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    let has = |needle: &str| lines.iter().any(|l| l.contains(needle));
    assert!(
        has("latin1.txt: not UTF-8 (invalid byte at offset 3): decoded as Windows-1252"),
        "{err}"
    );
    assert!(has("empty.md: empty file"), "{err}");
    assert!(has("binary.txt: binary data"), "{err}");
    assert!(has("broken.json:2: malformed JSON"), "{err}");
    assert!(has("many.jsonl:2: malformed JSON"), "{err}");
    assert!(has("many.jsonl:3: field 'text' must be a string"), "{err}");
    assert!(has("many.jsonl:4: duplicate article id 'good'"), "{err}");
    assert!(!has("ignored.csv"), "{err}");
    let ids: Vec<&str> = doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["good", "latin1", "j1"]);
}

#[test]
fn pairs_scores_each_line() {
    let input = "North Korea sent troops to Russia.\tNorth Korea sent troops to Russia.\n\
                 The cat sat on the mat.\tMarkets fell sharply in Tokyo on Monday.\n";
    let out = crosscheck_with_stdin(&["pairs"], input.as_bytes());
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<(f64, &str)> = text
        .lines()
        .map(|l| {
            let (s, y) = l.split_once('\t').unwrap();
            (s.parse().unwrap(), y)
        })
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].1, "1");
    assert_eq!(rows[1].1, "0");
    assert!(rows[0].0 > rows[1].0);
}

#[test]
fn control_characters_in_file_names_and_text_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "bad\x1b]0;pwned\x07.txt", b"\xff\xfe not utf-8");
    write(
        d,
        "evil.txt",
        "Officials said 12 people died.\x1b[2J\x1b]0;title\x07 More text here.\n".as_bytes(),
    );
    let out = crosscheck(&["export", "--format", "markdown", d.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        !out.stderr.contains(&0x1b),
        "raw ESC on stderr: {}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("bad^[]0;pwned^G.txt"),
        "{}",
        stderr(&out)
    );
    assert!(
        !out.stdout.contains(&0x1b),
        "raw ESC in the Markdown report"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("^[[2J"));
    // JSON keeps the exact text, escaped.
    let (doc, _) = export_json(&[d.to_str().unwrap()]);
    let text = doc["claims"][0]["text"].as_str().unwrap_or_default();
    assert!(text.contains('\u{1b}'), "{doc}");
}

#[test]
fn pairs_survives_a_line_that_is_not_utf8() {
    let out = crosscheck_with_stdin(
        &["pairs"],
        b"a b c\ta b c\nCaf\xe9 opened.\tThe caf\xe9 opened.\nx\ty\n",
    );
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3);
    assert!(
        stderr(&out).contains("<stdin>:2: not UTF-8"),
        "{}",
        stderr(&out)
    );
}
