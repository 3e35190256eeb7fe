//! Fuzz targets as property tests (cargo-fuzz needs a nightly toolchain;
//! these run on stable): the loader (raw bytes, JSON, JSONL, encodings),
//! sentence splitting (plus claim extraction) and figure parsing.
//!
//! * `cargo test --test fuzz_targets` runs every target briefly (a fixed
//!   seed, `PROPTEST_CASES` cases each, default 500 to 2,000) and replays
//!   the saved crashers in `tests/fuzz_corpus/`.
//! * `FUZZ_SECONDS=600 cargo test --release --test fuzz_targets fuzz_segment`
//!   runs one target for ten minutes with fresh random seeds and prints the
//!   number of executions (`scripts/fuzz.sh` runs all of them).
//! * A failing input is shrunk, printed, and written to `$FUZZ_CRASH_DIR`
//!   when that is set; copy it into `tests/fuzz_corpus/<target>/` to keep
//!   it as a regression test (a loader input must still load at least one
//!   article unless its name starts with `binary-`).

use crosscheck::claims::figures::find_figures;
use crosscheck::corpus::{load_bytes, Article, Corpus};
use crosscheck::text::segment;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestError, TestRunner};
use std::collections::HashSet;
use std::fmt::Debug;
use std::path::Path;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------- runner

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok()?.trim().parse().ok()
}

/// Runs `test` on inputs from `strategy`: once with a fixed seed (CI), or
/// again and again with random seeds until `FUZZ_SECONDS` have passed.
fn fuzz<S>(
    target: &str,
    strategy: S,
    default_cases: u32,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S: Strategy,
    S::Value: Debug,
{
    let cases =
        env_u64("PROPTEST_CASES").map_or(default_cases, |c| u32::try_from(c).unwrap_or(u32::MAX));
    let deadline = env_u64("FUZZ_SECONDS").map(|s| Instant::now() + Duration::from_secs(s));
    let started = Instant::now();
    let mut executions: u64 = 0;
    let mut round: u64 = 0;
    loop {
        let config = Config {
            cases,
            failure_persistence: None,
            rng_seed: if deadline.is_some() {
                RngSeed::Random
            } else {
                RngSeed::Fixed(0x00C0_FFEE + round)
            },
            max_shrink_iters: 10_000,
            ..Config::default()
        };
        let mut runner = TestRunner::new(config);
        let result = runner.run(&strategy, &test);
        executions += u64::from(cases);
        round += 1;
        match result {
            Ok(()) => {}
            Err(TestError::Fail(reason, value)) => {
                let report = format!("{target}: {reason}\nminimal input: {value:?}\n");
                if let Ok(dir) = std::env::var("FUZZ_CRASH_DIR") {
                    let _ = std::fs::create_dir_all(&dir);
                    let file = Path::new(&dir).join(format!("{target}-{}.txt", std::process::id()));
                    let _ = std::fs::write(file, &report);
                }
                panic!("{report}");
            }
            Err(TestError::Abort(reason)) => panic!("{target}: aborted: {reason}"),
        }
        match deadline {
            Some(d) if Instant::now() < d => {}
            _ => break,
        }
    }
    eprintln!(
        "fuzz {target}: {executions} executions in {:.1} s, no failure",
        started.elapsed().as_secs_f64()
    );
}

// ------------------------------------------------------------ generators

/// Fragments that steer the splitter, the claim extractor and the figure
/// parser into their interesting branches, plus scripts whose offsets are
/// easy to get wrong (right-to-left, combining marks, CJK, emoji, BOM,
/// bidi controls).
const VOCAB: &[&str] = &[
    " ",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "The",
    "troops",
    "said",
    "Kim",
    "Jong",
    "Un",
    "Mr.",
    "Dr.",
    "U.S.",
    "U.N.",
    "Jan.",
    "No.",
    "e.g.",
    "J.",
    "about",
    "some",
    "around",
    "as many as",
    "at least",
    "more than",
    "up to",
    "between",
    "and",
    "to",
    "killed",
    "dead",
    "wounded",
    "soldiers",
    "$",
    "£",
    "€",
    "bn",
    "billion",
    "million",
    "%",
    "per cent",
    "dozens",
    "hundreds",
    "two",
    "twelve",
    "thousand",
    "-",
    "–",
    "—",
    "...",
    "…",
    ".",
    ".",
    "!",
    "?",
    ":",
    ";",
    ",",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "(",
    ")",
    "[",
    "]",
    "«",
    "»",
    "- ",
    "• ",
    "* ",
    "Pictured:",
    "Photo:",
    "Seoul, April 28 (Yonhap) - ",
    "LONDON (Reuters) - ",
    "— Name (@handle) April 28, 2025",
    "https://t.co/x",
    "www.example.com",
    "January 5, 2024",
    "2025-04-28",
    "last year",
    "on Monday",
    "according to",
    "officials",
    "reportedly",
    "قال المسؤولون إن ١٢ جنديا قتلوا",
    "שלום",
    "e\u{301}",
    "\u{200f}",
    "\u{202e}",
    "\u{200d}",
    "北朝鮮は兵士を派遣した。",
    "「",
    "」",
    "。",
    "😀",
    "👨\u{200d}👩\u{200d}👧",
    "🇺🇦",
    "\u{feff}",
    "\u{0}",
    "\u{1b}[31m",
    "Ukraine",
    "Russia",
    "Kursk",
    "Sources",
    "Read more",
    "Advertisement",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => proptest::sample::select(VOCAB).prop_map(str::to_string),
        2 => "[0-9]{1,7}([,.][0-9]{1,3}){0,2}",
        1 => any::<char>().prop_map(String::from),
        1 => "\\PC{0,12}",
    ]
}

fn article_text(max_pieces: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..max_pieces).prop_map(|v| v.concat())
}

// ------------------------------------------------------------ invariants

fn check_span(text: &str, start: usize, end: usize, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(start < end, "{what}: empty span {start}..{end}");
    let slice = text.get(start..end);
    prop_assert!(
        slice.is_some(),
        "{what}: {start}..{end} not on char boundaries"
    );
    let slice = slice.unwrap_or_default();
    prop_assert_eq!(slice, slice.trim(), "{}: untrimmed span", what);
    Ok(())
}

/// Blocks and sentences: exact, trimmed, non-empty char-boundary spans, in
/// order and disjoint, every sentence inside its block; claims, figures,
/// dates and quotes: `text == article text[start..end]`.
fn check_document(text: &str) -> Result<(), TestCaseError> {
    let doc = segment(text);
    let mut last = 0;
    for b in &doc.blocks {
        check_span(text, b.start, b.end, "block")?;
        prop_assert!(b.start >= last, "blocks overlap or are out of order");
        last = b.end;
    }
    let mut last = 0;
    for s in &doc.sentences {
        check_span(text, s.start, s.end, "sentence")?;
        prop_assert!(s.start >= last, "sentences overlap or are out of order");
        last = s.end;
        let b = doc.blocks.get(s.block);
        prop_assert!(
            b.is_some_and(|b| b.start <= s.start && s.end <= b.end),
            "sentence outside its block"
        );
    }
    let article = Article::new("a", text);
    for c in crosscheck::claims::extract(0, &article, &doc) {
        prop_assert_eq!(
            text.get(c.start..c.end),
            Some(c.text.as_str()),
            "claim slice"
        );
        prop_assert!((0.0..=1.0).contains(&c.score), "claim score {}", c.score);
        for f in &c.figures {
            prop_assert_eq!(
                text.get(f.start..f.end),
                Some(f.text.as_str()),
                "figure slice"
            );
        }
        for d in &c.dates {
            prop_assert_eq!(
                text.get(d.start..d.end),
                Some(d.text.as_str()),
                "date slice"
            );
        }
        for q in &c.quotes {
            prop_assert_eq!(
                text.get(q.start..q.end),
                Some(q.text.as_str()),
                "quote slice"
            );
        }
    }
    Ok(())
}

fn check_figures(sentence: &str, base: usize) -> Result<(), TestCaseError> {
    let mut last = 0;
    for f in find_figures(sentence, base) {
        prop_assert!(
            f.start >= base && f.end >= f.start,
            "figure span {}..{}",
            f.start,
            f.end
        );
        prop_assert_eq!(
            sentence.get(f.start - base..f.end - base),
            Some(f.text.as_str()),
            "figure text is not its slice"
        );
        prop_assert!(f.start >= last, "figures overlap or are out of order");
        last = f.end;
        for v in [f.low, f.high].into_iter().flatten() {
            prop_assert!(!v.is_nan(), "NaN bound in {:?}", f);
        }
        if let (Some(lo), Some(hi)) = (f.low, f.high) {
            prop_assert!(lo <= hi, "low > high in {:?}", f);
        }
    }
    Ok(())
}

/// What holds for any load: the warnings name the file and are one line
/// each, every article has text, ids are unique.
fn check_corpus(name: &Path, corpus: &Corpus) -> Result<(), TestCaseError> {
    for w in &corpus.warnings {
        prop_assert_eq!(&w.path, name);
        let line = w.to_string();
        prop_assert!(
            !line.chars().any(char::is_control),
            "warning is not one clean line: {:?}",
            line
        );
        prop_assert!(line.len() < 1000, "warning too long: {} bytes", line.len());
    }
    let mut ids = HashSet::new();
    for a in &corpus.articles {
        prop_assert!(!a.text.trim().is_empty(), "article without text");
        prop_assert!(ids.insert(a.id.clone()), "duplicate id {}", a.id);
    }
    Ok(())
}

// ---------------------------------------------------------------- inputs

/// One loader input: a file name and its bytes, and what must load.
#[derive(Debug, Clone)]
enum LoaderCase {
    /// Any bytes under any name: only the general invariants.
    Raw(String, Vec<u8>),
    /// A JSONL file: good records (loaded, in order) between broken lines
    /// (each reported with its line number); CRLF or LF.
    Jsonl(Vec<Result<String, String>>, bool),
    /// Text in an encoding crosscheck decodes: the decoded text must be
    /// exactly the original.
    Encoded(String, Encoding),
    /// A JSON value of any shape, nested up to a few levels.
    Json(String),
}

#[derive(Debug, Clone, Copy)]
enum Encoding {
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Latin1,
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        article_text(6).prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        let key = prop_oneof![
            proptest::sample::select(
                &["id", "text", "title", "outlet", "date", "url", "story"][..]
            )
            .prop_map(str::to_string),
            "\\PC{0,6}",
        ];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(key, inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn loader_case() -> impl Strategy<Value = LoaderCase> {
    let name = prop_oneof![
        Just("f.txt".to_string()),
        Just("f.md".to_string()),
        Just("f.json".to_string()),
        Just("f.jsonl".to_string()),
        Just("f".to_string()),
    ];
    let bytes = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..300),
        article_text(40).prop_map(String::into_bytes),
    ];
    let good = (article_text(20), any::<bool>()).prop_map(|(t, titled)| {
        let mut o = serde_json::json!({ "text": t });
        if titled {
            o["title"] = serde_json::Value::from("A headline");
        }
        o.to_string()
    });
    let garbage = "[^\\n\\r]{0,40}".prop_map(|g| format!("!{g}"));
    let line = prop_oneof![good.prop_map(Ok), garbage.prop_map(Err)];
    let encoding = proptest::sample::select(
        &[
            Encoding::Utf8Bom,
            Encoding::Utf16Le,
            Encoding::Utf16Be,
            Encoding::Latin1,
        ][..],
    );
    prop_oneof![
        (name, bytes).prop_map(|(n, b)| LoaderCase::Raw(n, b)),
        (proptest::collection::vec(line, 0..12), any::<bool>())
            .prop_map(|(l, crlf)| LoaderCase::Jsonl(l, crlf)),
        (article_text(30), encoding).prop_map(|(t, e)| LoaderCase::Encoded(t, e)),
        json_value().prop_map(|v| LoaderCase::Json(v.to_string())),
    ]
}

fn check_loader(case: LoaderCase) -> Result<(), TestCaseError> {
    match case {
        LoaderCase::Raw(name, bytes) => {
            let name = Path::new(&name);
            check_corpus(name, &load_bytes(name, bytes))
        }
        LoaderCase::Json(text) => {
            let name = Path::new("v.json");
            check_corpus(name, &load_bytes(name, text.into_bytes()))
        }
        LoaderCase::Jsonl(lines, crlf) => {
            let name = Path::new("l.jsonl");
            let eol = if crlf { "\r\n" } else { "\n" };
            let file: String = lines
                .iter()
                .map(|l| match l {
                    Ok(s) | Err(s) => format!("{s}{eol}"),
                })
                .collect();
            let nuls = file.bytes().filter(|&b| b == 0).count();
            let corpus = load_bytes(name, file.into_bytes());
            check_corpus(name, &corpus)?;
            if nuls > 0
                && nuls * 100
                    >= lines
                        .iter()
                        .map(|l| l.as_ref().map_or_else(String::len, String::len) + eol.len())
                        .sum::<usize>()
            {
                // Mostly binary: the whole file is refused, in one line.
                prop_assert!(corpus.articles.is_empty());
                prop_assert_eq!(corpus.warnings.len(), 1);
                return Ok(());
            }
            let mut want_ids = Vec::new();
            let mut want_warn = Vec::new();
            for (i, l) in lines.iter().enumerate() {
                match l {
                    Ok(s) => {
                        let blank = serde_json::from_str::<serde_json::Value>(s)
                            .ok()
                            .and_then(|v| v["text"].as_str().map(|t| t.trim().is_empty()))
                            .unwrap_or(true);
                        if blank {
                            want_warn.push(i + 1);
                        } else {
                            want_ids.push(format!("l#{}", i + 1));
                        }
                    }
                    Err(_) => want_warn.push(i + 1),
                }
            }
            let ids: Vec<&str> = corpus.articles.iter().map(|a| a.id.as_str()).collect();
            prop_assert_eq!(ids, want_ids.iter().map(String::as_str).collect::<Vec<_>>());
            let warned: Vec<usize> = corpus.warnings.iter().filter_map(|w| w.line).collect();
            prop_assert_eq!(warned, want_warn);
            Ok(())
        }
        LoaderCase::Encoded(text, encoding) => {
            let name = Path::new("e.txt");
            let bytes: Vec<u8> = match encoding {
                Encoding::Utf8Bom => [0xEF, 0xBB, 0xBF].into_iter().chain(text.bytes()).collect(),
                Encoding::Utf16Le => [0xFF, 0xFE]
                    .into_iter()
                    .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
                    .collect(),
                Encoding::Utf16Be => [0xFE, 0xFF]
                    .into_iter()
                    .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
                    .collect(),
                Encoding::Latin1 => {
                    // Only texts Latin-1 can hold, with an accent so the
                    // bytes are not UTF-8.
                    let mut latin: String = text
                        .chars()
                        .filter(
                            |&c| matches!(c as u32, 0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0xA0..=0xFF),
                        )
                        .collect();
                    latin.push_str(" café");
                    let corpus = load_bytes(name, latin.chars().map(|c| c as u8).collect());
                    check_corpus(name, &corpus)?;
                    let high = latin.chars().filter(|&c| c as u32 >= 0x80).count();
                    if high * 100 <= latin.chars().count() * 30 {
                        prop_assert_eq!(corpus.articles.len(), 1);
                        prop_assert_eq!(&corpus.articles[0].text, &latin);
                    }
                    return Ok(());
                }
            };
            let corpus = load_bytes(name, bytes);
            check_corpus(name, &corpus)?;
            let text_ok = !text.trim().is_empty()
                && !text.contains('\0')
                // A second BOM after the first is kept as text; fine.
                ;
            if text_ok {
                prop_assert_eq!(corpus.articles.len(), 1, "{:?}", corpus.warnings);
                prop_assert_eq!(&corpus.articles[0].text, &text);
            }
            Ok(())
        }
    }
}

// ---------------------------------------------------------------- targets

#[test]
fn fuzz_loader() {
    fuzz("loader", loader_case(), 1000, check_loader);
}

#[test]
fn fuzz_segment() {
    fuzz("segment", article_text(120), 500, |t| check_document(&t));
}

#[test]
fn fuzz_figures() {
    fuzz(
        "figures",
        (article_text(30), 0usize..1000),
        2000,
        |(s, base)| check_figures(&s, base),
    );
}

// ------------------------------------------------- saved crashers (corpus)

/// Replays every file under `tests/fuzz_corpus/<target>/` through its
/// target's invariants: the crashers found so far, kept as regressions.
#[test]
fn fuzz_corpus_regressions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_corpus");
    let mut n = 0;
    for target in ["loader", "segment", "figures"] {
        let Ok(entries) = std::fs::read_dir(root.join(target)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            let bytes = std::fs::read(&path).expect("read corpus file");
            let result = match target {
                "loader" => {
                    // Saved loader inputs hold good articles next to the bad
                    // part (unless named `binary-*`): those must still load.
                    let name = Path::new(path.file_name().unwrap_or_default());
                    let corpus = load_bytes(name, bytes);
                    let binary = name.to_string_lossy().starts_with("binary-");
                    assert!(
                        binary || !corpus.articles.is_empty(),
                        "{}: no article loaded: {:?}",
                        path.display(),
                        corpus.warnings
                    );
                    check_corpus(name, &corpus)
                }
                "segment" => check_document(&String::from_utf8_lossy(&bytes)),
                _ => check_figures(&String::from_utf8_lossy(&bytes), 3),
            };
            if let Err(e) = result {
                panic!("{}: {e}", path.display());
            }
            n += 1;
        }
    }
    assert!(n > 0, "no saved fuzz inputs found under {}", root.display());
}
