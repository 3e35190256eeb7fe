//! Saved web pages as inputs: three outlets' page styles (headline in `<h1>`
//! or `og:title`, date in JSON-LD, a meta tag or `<time>`), what is kept and
//! dropped, hostile pages (escape sequences, a million nested `<div>`s, a
//! 100 MB attribute, article-like `<script>` text), and `crosscheck
//! articles` reading back to the same articles.

use chrono::NaiveDate;
use crosscheck::corpus::{html, load_paths, Article};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};

mod common;
use common::{crosscheck, write};

const FIXTURES: &str = "tests/fixtures/html";

fn load_one(name: &str) -> Article {
    let corpus = load_paths(&[Path::new(FIXTURES).join(name)]);
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    assert_eq!(corpus.articles.len(), 1);
    corpus.articles.into_iter().next().expect("one article")
}

fn first_paragraph(a: &Article) -> &str {
    a.text.split("\n\n").next().unwrap_or("")
}

fn assert_dropped(a: &Article, phrases: &[&str]) {
    for p in phrases {
        assert!(!a.text.contains(p), "'{p}' should be dropped:\n{}", a.text);
    }
}

#[test]
fn gazette_style_h1_headline_time_element_site_name() {
    let a = load_one("harbour-gazette.html");
    assert_eq!(a.id, "harbour-gazette");
    assert_eq!(
        a.title.as_deref(),
        Some("Harbour bridge reopens after two-year repair programme")
    );
    assert_eq!(a.outlet.as_deref(), Some("The Harbour Gazette"));
    assert_eq!(a.date, NaiveDate::from_ymd_opt(2024, 3, 5));
    assert_eq!(
        a.byline.as_deref(),
        Some("Ana Lopes, Transport Correspondent")
    );
    // The page states no canonical address: none is made up.
    assert_eq!(a.url, None);
    assert_eq!(
        first_paragraph(&a),
        "The harbour bridge reopened to traffic on Tuesday after a repair programme that \
         lasted two years and cost 48 million euros, the city council said."
    );
    // Kept: the heading, the caption and the list, each on its own line.
    assert!(a.text.contains("\n\nDelays and costs\n\n"), "{}", a.text);
    assert!(a
        .text
        .contains("\n\nWorkers removing the last barriers on Tuesday morning\n\n"));
    assert!(a
        .text
        .contains("- Both main cables on the eastern side were replaced in full."));
    assert_dropped(
        &a,
        &[
            "cookies",
            "Accept all",
            "Business",
            "Related articles",
            "Ferry timetable",
            "commute has been terrible",
            "scandal",
            "All rights reserved",
            "Breaking news",
        ],
    );
    assert_eq!(
        a.path.as_deref(),
        Some(
            Path::new(FIXTURES)
                .join("harbour-gazette.html")
                .to_str()
                .unwrap()
        )
    );
}

#[test]
fn wire_style_og_title_and_json_ld() {
    let a = load_one("wire-service.html");
    // og:title and JSON-LD headline, not the <title> with its section and site.
    assert_eq!(
        a.title.as_deref(),
        Some("Grain exports rise 12% as new port terminal opens")
    );
    assert_eq!(a.outlet.as_deref(), Some("Northwind Wire"));
    assert_eq!(a.date, NaiveDate::from_ymd_opt(2024, 6, 18));
    assert_eq!(a.byline.as_deref(), Some("Tomas Berg"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://northwind-wire.example/business/2024/grain-exports-rise")
    );
    assert!(first_paragraph(&a).starts_with("OSLO (Northwind Wire) - Grain exports rose 12%"));
    assert_dropped(
        &a,
        &[
            "privacy",
            "Sign in",
            "More from Business",
            "Central bank",
            "morning briefing",
        ],
    );
}

#[test]
fn blog_style_itemprop_time_canonical_domain_as_outlet_legacy_charset() {
    let a = load_one("riverside-notes.html");
    assert_eq!(
        a.title.as_deref(),
        Some("Flood defences hold as river peaks")
    );
    // No site name anywhere: the canonical address's domain.
    assert_eq!(a.outlet.as_deref(), Some("riverside-notes.example"));
    // The post's own date, not the sidebar's recent posts.
    assert_eq!(a.date, NaiveDate::from_ymd_opt(2024, 5, 12));
    assert_eq!(a.byline, None);
    assert_eq!(
        a.url.as_deref(),
        Some("https://www.riverside-notes.example/2024/05/flood-defences-hold")
    );
    assert!(first_paragraph(&a).starts_with("The new flood defences along the river held"));
    // Windows-1252 curly quotes decoded.
    assert!(a.text.contains("“Without the walls, around 200 homes"));
    assert_dropped(
        &a,
        &[
            "Archives",
            "Saturday market",
            "Share on",
            "thoughts on",
            "Money well spent",
        ],
    );
}

#[test]
fn claims_are_found_in_extracted_pages() {
    let corpus = load_paths(&[FIXTURES]);
    assert_eq!(corpus.articles.len(), 3, "{:?}", corpus.warnings);
    let analysis = crosscheck::Analysis::build(corpus);
    assert!(
        analysis
            .claims
            .iter()
            .any(|c| c.text.contains("35,000 vehicles")),
        "a figure claim from the gazette page"
    );
}

#[test]
fn articles_command_reads_back_to_the_same_articles() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus.jsonl");
    let o = crosscheck(&["articles", FIXTURES, "--output", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let written = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<Value> = written
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "harbour-gazette");
    assert_eq!(
        lines[0]["source"],
        Path::new(FIXTURES)
            .join("harbour-gazette.html")
            .to_str()
            .unwrap()
    );
    let original = load_paths(&[FIXTURES]).articles;
    let back = load_paths(&[&out]);
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    assert_eq!(back.articles.len(), original.len());
    for (a, b) in original.iter().zip(&back.articles) {
        let mut a = a.clone();
        a.path = b.path.clone();
        assert_eq!(&a, b);
    }
    // Writing the read-back corpus again gives the same lines but the source.
    let again = crosscheck(&["articles", out.to_str().unwrap()]);
    let again: Vec<Value> = String::from_utf8_lossy(&again.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for (mut a, mut b) in lines.into_iter().zip(again) {
        a.as_object_mut().unwrap().remove("source");
        b.as_object_mut().unwrap().remove("source");
        assert_eq!(a, b);
    }
}

#[test]
fn existing_formats_still_load_beside_pages() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        b"Plain text article with a claim of 5 ships.",
    );
    write(
        dir.path(),
        "page.html",
        &std::fs::read(Path::new(FIXTURES).join("wire-service.html")).unwrap(),
    );
    let c = load_paths(&[dir.path()]);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a", "page"]);
    assert_eq!(
        c.articles[0].text,
        "Plain text article with a claim of 5 ships."
    );
}

const LONG_PARAGRAPH: &str =
    "The council said on Tuesday that the harbour bridge, closed for two years \
     of repairs, would reopen to traffic next week after engineers finished replacing its cables.";

#[test]
fn escape_sequences_are_kept_as_text_and_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let page = format!(
        "<html><head><title>Evil \u{1b}]0;pwned\u{7} title \u{1b}[2J</title></head><body><article>\
         <p>{LONG_PARAGRAPH} \u{1b}[31mRed\u{1b}[0m and \u{202e}reversed.</p>\
         <p>{LONG_PARAGRAPH}</p></article></body></html>"
    );
    let p = write(dir.path(), "evil.html", page.as_bytes());
    let c = load_paths(&[&p]);
    let a = &c.articles[0];
    assert!(a.title.as_deref().unwrap().contains('\u{1b}'));
    assert!(a.text.contains("\u{1b}[31mRed"));
    // Every output is free of raw escapes: JSONL, the JSON and Markdown
    // exports and the warnings.
    for args in [
        vec!["articles", p.to_str().unwrap()],
        vec!["export", p.to_str().unwrap()],
        vec!["export", "--format", "markdown", p.to_str().unwrap()],
    ] {
        let o = crosscheck(&args);
        assert!(o.status.success(), "{args:?}");
        for stream in [&o.stdout, &o.stderr] {
            assert!(
                !stream.contains(&0x1b) && !stream.contains(&0x07),
                "{args:?}: raw control bytes in the output"
            );
        }
    }
    let md = crosscheck(&["export", "--format", "markdown", p.to_str().unwrap()]);
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(md.contains("^["), "escapes are shown visibly:\n{md}");
}

#[test]
fn script_text_that_reads_like_an_article_is_dropped() {
    let prose = LONG_PARAGRAPH.repeat(5);
    let page = format!(
        "<html><body><script>document.write(\"<p>{prose}</p>\");</script>\
         <script type=\"text/template\"><article><p>{prose}</p></article></script>\
         <noscript><p>{prose}</p></noscript>\
         <article><p>The real article says that 12 ferries will run on the new timetable from April, \
         according to the operator's announcement on Monday.</p>\
         <p>The operator said the change would add 40 sailings a week in the summer months.</p></article></body></html>"
    );
    let p = html::extract_str(&page, None).expect("the article");
    assert!(p.text.starts_with("The real article says"), "{}", p.text);
    assert!(!p.text.contains("engineers finished"), "{}", p.text);
}

#[test]
fn a_million_nested_divs_are_refused_quickly() {
    let n = 1_000_000;
    let page = format!(
        "<html><body>{}<p>{LONG_PARAGRAPH}</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let err = html::extract_str(&page, None).unwrap_err();
    assert!(err.contains("nested more than 512 deep"), "{err}");
    // Nesting a real page might have still extracts.
    let page = format!(
        "<html><body>{}<p>{LONG_PARAGRAPH}</p>{}</body></html>",
        "<div>".repeat(200),
        "</div>".repeat(200)
    );
    assert!(html::extract_str(&page, None).is_ok());
}

/// Peak resident memory of a child process, polled from `/proc` until it
/// exits (Linux only; `None` elsewhere).
fn peak_rss_kib(mut child: std::process::Child) -> (Option<u64>, std::process::ExitStatus) {
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = None;
    loop {
        if let Ok(s) = std::fs::read_to_string(&status_file) {
            if let Some(kib) = s
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
            {
                peak = Some(peak.map_or(kib, |p: u64| p.max(kib)));
            }
        }
        if let Ok(Some(status)) = child.try_wait() {
            return (peak, status);
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

#[test]
fn a_100_mb_attribute_loads_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge-attribute.html");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        write!(
            f,
            "<html><head><title>Huge</title></head><body><article><p data-blob=\""
        )
        .unwrap();
        let block = vec![b'a'; 1 << 20];
        for _ in 0..100 {
            f.write_all(&block).unwrap();
        }
        write!(
            f,
            "\">{LONG_PARAGRAPH}</p><p>{LONG_PARAGRAPH}</p></article></body></html>"
        )
        .unwrap();
    }
    let child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .env("XDG_CACHE_HOME", common::CACHE_HOME)
        .args(["articles", path.to_str().unwrap()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (peak, status) = peak_rss_kib(child);
    assert!(status.success());
    if let Some(kib) = peak {
        // The page is 100 MiB; a handful of copies at most (measured: about
        // 3 in a debug build).
        assert!(kib < 600 * 1024, "peak RSS {kib} KiB");
    }
    let o = crosscheck(&["articles", path.to_str().unwrap()]);
    let line: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(line["text"]
        .as_str()
        .unwrap()
        .starts_with("The council said"));
    assert!(o.stdout.len() < 10_000, "the attribute is not in the text");
}

#[test]
fn a_page_with_no_article_is_one_warning() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "home.html",
        b"<html><body><nav><a href=/a>World</a> <a href=/b>Sport</a></nav>\
          <form><input name=q><button>Search</button></form><p>Sign in</p></body></html>",
    );
    let ok = Path::new(FIXTURES).join("wire-service.html");
    let o = crosscheck(&["articles", p.to_str().unwrap(), ok.to_str().unwrap()]);
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("home.html: no article found on the page"),
        "{err}"
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 1);
}

/// Pieces of markup that stress the tokenizer, the tree builder and the
/// extraction: unclosed and stray tags, raw-text elements, comments, CDATA,
/// foreign content, entities, control characters, non-ASCII.
const FRAGMENTS: &[&str] = &[
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<article>",
    "</article>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<a href='",
    "'>",
    "</a>",
    "&amp;",
    "&#x1b;",
    "&#0;",
    "&",
    "\u{1b}[2J",
    "The council said on Tuesday that 35,000 vehicles crossed the bridge. ",
    "<time datetime=2024-01-01>",
    "<meta property=og:title content=\"",
    "\">",
    "<![CDATA[",
    "]]>",
    "<table><tr><td>",
    "<svg><foreignObject>",
    "<math><mi>",
    "<template>",
    "<plaintext>",
    "\0",
    "é",
    "🎉",
    "<li>",
    "<br>",
    "<h1>",
    "</h1>",
    "<noscript>",
    "<title>",
    "</title>",
    "<script type=application/ld+json>{\"headline\":",
    "<link rel=canonical href=",
    "<html>",
    "<body>",
    "<head>",
    "<select><option>",
    "<frameset>",
    "<textarea>",
    "\r\n",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 300,
        rng_seed: proptest::test_runner::RngSeed::Fixed(11),
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Any mix of markup pieces and bytes: no panic, and an extracted page
    /// has text of at least the minimum length and one-line metadata.
    #[test]
    fn extraction_never_panics(
        pieces in proptest::collection::vec(0..FRAGMENTS.len(), 0..300),
        noise in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64),
    ) {
        let mut bytes: Vec<u8> = pieces.iter().flat_map(|&i| FRAGMENTS[i].bytes()).collect();
        let at = bytes.len() / 2;
        bytes.splice(at..at, noise);
        if let Ok(page) = html::extract(bytes, None, Some("https://news.example/a")) {
            proptest::prop_assert!(page.text.chars().count() >= html::MIN_ARTICLE_CHARS);
            for field in [&page.title, &page.outlet, &page.byline].into_iter().flatten() {
                proptest::prop_assert!(!field.contains('\n'), "{field:?}");
            }
        }
    }
}
