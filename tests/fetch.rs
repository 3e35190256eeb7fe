//! Web pages over HTTP, against a server on 127.0.0.1 started by the tests
//! (no other network): an article with a cookie banner, navigation,
//! related articles and comments; redirect chains and loops; a 404; a slow
//! server; a 50 MB page; a page with no article; wrong charsets; gzip; the
//! disk cache and `--refresh`; URL lists; progress events.

use crosscheck::corpus::fetch::{fetch, FetchEvent, FetchOptions, FetchState};
use crosscheck::corpus::{load_inputs, Corpus};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

const ARTICLE: &str = include_str!("fixtures/html/harbour-gazette.html");

/// What the server saw of one request.
#[derive(Debug, Clone)]
struct Hit {
    path: String,
    headers: HashMap<String, String>,
}

/// A small HTTP/1.1 server on 127.0.0.1 serving the pages below, one
/// thread per connection; it stops with the test process, after at most
/// `MAX_CONNECTIONS` connections.
struct Server {
    port: u16,
    hits: Arc<Mutex<Vec<Hit>>>,
}

const MAX_CONNECTIONS: usize = 500;

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("address").port();
        let hits = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&hits);
        thread::spawn(move || {
            for stream in listener.incoming().take(MAX_CONNECTIONS) {
                let Ok(stream) = stream else { continue };
                let seen = Arc::clone(&seen);
                thread::spawn(move || serve(stream, port, &seen));
            }
        });
        Server { port, hits }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn hits(&self, path: &str) -> Vec<Hit> {
        self.hits
            .lock()
            .unwrap()
            .iter()
            .filter(|h| h.path == path)
            .cloned()
            .collect()
    }
}

fn read_request(stream: &mut TcpStream) -> Option<Hit> {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") && buf.len() < 16 * 1024 {
        if stream.read(&mut byte).ok()? == 0 {
            return None;
        }
        buf.push(byte[0]);
        if buf == [0x16] {
            // A TLS handshake: answer in plain HTTP, as a misconfigured
            // server would.
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
            return None;
        }
    }
    let text = String::from_utf8_lossy(&buf);
    let mut lines = text.lines();
    let path = lines.next()?.split_whitespace().nth(1)?.to_string();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Some(Hit { path, headers })
}

fn respond(stream: &mut TcpStream, status: &str, headers: &[(&str, String)], body: &[u8]) {
    let mut head = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
    for (k, v) in headers {
        let _ = write!(head, "{k}: {v}\r\n");
    }
    let _ = write!(head, "Content-Length: {}\r\n\r\n", body.len());
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
}

fn html(ct: &str) -> Vec<(&'static str, String)> {
    vec![("Content-Type", ct.to_string())]
}

fn redirect(stream: &mut TcpStream, code: &str, to: String) {
    respond(stream, code, &[("Location", to)], b"");
}

const PROSE: &str = "The harbour bridge reopened to traffic on Tuesday after a repair programme \
     that lasted two years, the city council said, and about 35,000 vehicles are expected daily.";

fn serve(mut stream: TcpStream, port: u16, seen: &Mutex<Vec<Hit>>) {
    let Some(hit) = read_request(&mut stream) else {
        return;
    };
    seen.lock().unwrap().push(hit.clone());
    let utf8 = "text/html; charset=utf-8";
    match hit.path.as_str() {
        "/article" => respond(&mut stream, "200 OK", &html(utf8), ARTICLE.as_bytes()),
        "/changing" => {
            // Another traffic figure at every request.
            let n = seen
                .lock()
                .unwrap()
                .iter()
                .filter(|h| h.path == "/changing")
                .count();
            let page = ARTICLE.replace("35,000 vehicles", &format!("{}5,000 vehicles", n + 3));
            respond(&mut stream, "200 OK", &html(utf8), page.as_bytes());
        }
        "/r1" => redirect(&mut stream, "302 Found", "/r2".into()),
        "/r2" => redirect(
            &mut stream,
            "301 Moved Permanently",
            format!("http://127.0.0.1:{port}/dir/r3"),
        ),
        "/dir/r3" => redirect(&mut stream, "307 Temporary Redirect", "../article".into()),
        "/loop-a" => redirect(&mut stream, "302 Found", "/loop-b".into()),
        "/loop-b" => redirect(&mut stream, "302 Found", "/loop-a".into()),
        p if p.starts_with("/hop/") => {
            let n: u32 = p[5..].parse().unwrap_or(0);
            redirect(&mut stream, "302 Found", format!("/hop/{}", n + 1));
        }
        "/missing" => respond(
            &mut stream,
            "404 Not Found",
            &html(utf8),
            b"<html><body><h1>Page not found</h1></body></html>",
        ),
        "/slow" => {
            thread::sleep(Duration::from_secs(3));
            respond(&mut stream, "200 OK", &html(utf8), ARTICLE.as_bytes());
        }
        "/big" => {
            // Declares 50 MB, then sends until the client hangs up.
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 52428800\r\nConnection: close\r\n\r\n",
            );
            let block = vec![b'a'; 1 << 20];
            for _ in 0..50 {
                if stream.write_all(&block).is_err() {
                    break;
                }
            }
        }
        "/big-stream" => {
            // 50 MB with no length: only the bytes received can tell.
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><body><p>",
            );
            let block = PROSE.repeat(1 << 20 >> 8);
            for _ in 0..(50 << 20) / block.len() {
                if stream.write_all(block.as_bytes()).is_err() {
                    break;
                }
            }
        }
        "/no-article" => respond(
            &mut stream,
            "200 OK",
            &html(utf8),
            b"<html><head><title>Home</title></head><body><nav><a href=/a>World</a> \
              <a href=/b>Sport</a></nav><form><input name=q></form><p>Sign in</p></body></html>",
        ),
        "/utf8-declared-latin1" => {
            let body = format!(
                "<html><body><article><p>{PROSE}</p><p>The café near the bridge in Zürich reopened too.</p></article></body></html>"
            );
            respond(
                &mut stream,
                "200 OK",
                &html("text/html; charset=iso-8859-1"),
                body.as_bytes(),
            );
        }
        "/latin1-declared-utf8" => {
            let mut body = format!("<html><body><article><p>{PROSE}</p><p>The caf").into_bytes();
            body.extend(b"\xe9 near the bridge reopened too.</p></article></body></html>");
            respond(&mut stream, "200 OK", &html(utf8), &body);
        }
        "/gzip" => {
            let gzip = hit
                .headers
                .get("accept-encoding")
                .is_some_and(|v| v.contains("gzip"));
            if gzip {
                let mut enc =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                enc.write_all(ARTICLE.as_bytes()).unwrap();
                let body = enc.finish().unwrap();
                let mut headers = html(utf8);
                headers.push(("Content-Encoding", "gzip".into()));
                respond(&mut stream, "200 OK", &headers, &body);
            } else {
                respond(&mut stream, "406 Not Acceptable", &[], b"");
            }
        }
        "/report.pdf" => respond(
            &mut stream,
            "200 OK",
            &html("application/pdf"),
            b"%PDF-1.4 not a page",
        ),
        _ => respond(&mut stream, "404 Not Found", &[], b""),
    }
}

fn options(cache: &Path) -> FetchOptions {
    FetchOptions {
        timeout: Duration::from_secs(1),
        cache_dir: Some(cache.to_path_buf()),
        env_proxy: false,
        ..FetchOptions::default()
    }
}

fn load<S: AsRef<str>>(urls: &[S], opts: &FetchOptions) -> (Corpus, Vec<FetchEvent>) {
    let inputs: Vec<PathBuf> = urls.iter().map(|u| PathBuf::from(u.as_ref())).collect();
    let mut events = Vec::new();
    let corpus = load_inputs(&inputs, opts, &mut |e| events.push(e.clone()));
    (corpus, events)
}

fn only_warning(c: &Corpus) -> String {
    assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
    c.warnings[0].to_string()
}

#[test]
fn an_article_page_keeps_the_story_and_drops_the_rest() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let url = server.url("/article");
    let (c, events) = load(&[&url], &options(cache.path()));
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let a = &c.articles[0];
    assert_eq!(a.id, format!("127.0.0.1:{}/article", server.port));
    assert_eq!(
        a.title.as_deref(),
        Some("Harbour bridge reopens after two-year repair programme")
    );
    assert_eq!(a.outlet.as_deref(), Some("The Harbour Gazette"));
    assert_eq!(a.date, chrono::NaiveDate::from_ymd_opt(2024, 3, 5));
    // No canonical link: the address it was fetched from (what `o` opens).
    assert_eq!(a.url.as_deref(), Some(url.as_str()));
    assert_eq!(a.path.as_deref(), Some(url.as_str()));
    assert!(a.text.starts_with("The harbour bridge reopened"));
    for dropped in [
        "cookies",
        "Related articles",
        "commute",
        "Breaking news",
        "Opinion",
    ] {
        assert!(!a.text.contains(dropped), "{dropped}");
    }
    // The request named itself.
    let ua = &server.hits("/article")[0].headers["user-agent"];
    assert!(ua.starts_with("crosscheck/"), "{ua}");
    // Progress: started, then done with the page's size.
    assert_eq!(events[0].state, FetchState::Started);
    let last = events.last().unwrap();
    assert_eq!(last.state, FetchState::Done { cached: false });
    assert_eq!(last.bytes, ARTICLE.len() as u64);
    assert_eq!(last.url, url);
}

#[test]
fn redirects_are_followed_and_loops_named() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let opts = options(cache.path());
    let page = fetch(&server.url("/r1"), &opts, &mut |_| {}).unwrap();
    assert_eq!(page.final_url, server.url("/article"));
    let (c, _) = load(&[server.url("/r1")], &opts);
    assert_eq!(
        c.articles[0].url.as_deref(),
        Some(server.url("/article").as_str())
    );
    assert_eq!(
        c.articles[0].path.as_deref(),
        Some(server.url("/r1").as_str())
    );

    let (c, events) = load(&[server.url("/loop-a")], &opts);
    let w = only_warning(&c);
    assert!(w.starts_with(&server.url("/loop-a")), "{w}");
    assert!(w.contains("redirect loop"), "{w}");
    assert!(matches!(
        events.last().unwrap().state,
        FetchState::Failed(_)
    ));

    let (c, _) = load(&[server.url("/hop/0")], &opts);
    let w = only_warning(&c);
    assert!(w.contains("more than 10 redirects"), "{w}");
    assert_eq!(server.hits("/hop/10").len(), 1);
    assert!(server.hits("/hop/11").is_empty());
}

#[test]
fn failures_are_one_line_each_and_the_rest_loads() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let urls = [
        "/missing",
        "/article",
        "/no-article",
        "/report.pdf",
        "/big",
        "/big-stream",
    ]
    .map(|p| server.url(p));
    let (c, _) = load(&urls, &options(cache.path()));
    assert_eq!(c.articles.len(), 1);
    let w: Vec<String> = c.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(w.len(), 5, "{w:?}");
    let expect = [
        ("/missing", "HTTP 404 Not Found: skipped"),
        ("/no-article", "no article found on the page"),
        (
            "/report.pdf",
            "not HTML (content type application/pdf): skipped",
        ),
        ("/big", "too large (50 MiB; the limit is 16 MiB): skipped"),
        (
            "/big-stream",
            "too large (more than the 16 MiB limit): skipped",
        ),
    ];
    for (line, (path, reason)) in w.iter().zip(expect) {
        assert!(
            line.starts_with(&format!("{}: ", server.url(path))),
            "{line}"
        );
        assert!(line.contains(reason), "{line}");
    }
}

#[test]
fn a_slow_server_times_out() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let (c, _) = load(&[server.url("/slow")], &options(cache.path()));
    assert!(started.elapsed() < Duration::from_millis(2900));
    let w = only_warning(&c);
    assert!(w.contains("timed out"), "{w}");
}

#[test]
fn nothing_listening_is_a_connection_error() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let cache = tempfile::tempdir().unwrap();
    let (c, _) = load(
        &[format!("http://127.0.0.1:{port}/gone")],
        &options(cache.path()),
    );
    let w = only_warning(&c);
    assert!(w.contains("connection refused"), "{w}");
}

#[test]
fn https_to_a_plain_http_server_is_a_tls_error() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let url = format!("https://127.0.0.1:{}/article", server.port);
    let (c, _) = load(&[&url], &options(cache.path()));
    let w = only_warning(&c);
    assert!(w.starts_with(&url), "{w}");
    assert!(w.contains(": TLS error: "), "{w}");
    assert_eq!(w.lines().count(), 1);
}

#[test]
fn wrong_charsets_and_gzip() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let opts = options(cache.path());
    let (c, _) = load(&[server.url("/utf8-declared-latin1")], &opts);
    assert!(c.articles[0]
        .text
        .contains("The café near the bridge in Zürich"));
    assert!(only_warning(&c).contains("declares charset windows-1252 but the bytes are UTF-8"));

    let (c, _) = load(&[server.url("/latin1-declared-utf8")], &opts);
    assert!(c.articles[0].text.contains("The café near the bridge"));
    assert!(only_warning(&c).contains("declares UTF-8 but is not"));

    let (c, _) = load(&[server.url("/gzip")], &opts);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert!(c.articles[0]
        .text
        .starts_with("The harbour bridge reopened"));
    let enc = &server.hits("/gzip")[0].headers["accept-encoding"];
    assert!(enc.contains("gzip"));
}

#[test]
fn the_cache_makes_the_next_run_offline_and_refresh_fetches_again() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let mut opts = options(cache.path());
    let url = server.url("/article");
    let (first, _) = load(&[&url], &opts);
    let (second, events) = load(&[&url], &opts);
    assert_eq!(
        server.hits("/article").len(),
        1,
        "the second run is offline"
    );
    assert_eq!(
        events,
        [FetchEvent {
            url: url.clone(),
            bytes: ARTICLE.len() as u64,
            state: FetchState::Done { cached: true },
        }]
    );
    assert_eq!(first.articles, second.articles);
    opts.refresh = true;
    let (third, _) = load(&[url], &opts);
    assert_eq!(server.hits("/article").len(), 2);
    assert_eq!(first.articles, third.articles);
    // A refresh that fails keeps the cached copy and says so.
    let gone = tempfile::tempdir().unwrap();
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let offline_url = format!("http://127.0.0.1:{port}/article");
    let cached = crosscheck::corpus::cache::PageCache::new(gone.path());
    cached
        .put(
            &offline_url,
            &crosscheck::corpus::cache::CachedPage {
                final_url: offline_url.clone(),
                content_type: Some("text/html".into()),
                body: ARTICLE.as_bytes().to_vec(),
            },
        )
        .unwrap();
    let mut offline = options(gone.path());
    offline.refresh = true;
    let (c, _) = load(&[&offline_url], &offline);
    assert_eq!(c.articles.len(), 1);
    let w = only_warning(&c);
    assert!(
        w.contains("fetching again failed (connection refused): the cached copy is used"),
        "{w}"
    );
    // Failures are not cached.
    let missing = server.url("/missing");
    opts.refresh = false;
    load(&[&missing], &opts);
    load(&[missing], &opts);
    assert_eq!(server.hits("/missing").len(), 2);
}

fn run(args: &[&str], cache: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .env("CROSSCHECK_CACHE_DIR", cache)
        .env("XDG_CACHE_HOME", cache)
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("all_proxy")
        .env_remove("ALL_PROXY")
        .stdin(Stdio::null())
        .output()
        .expect("run crosscheck")
}

#[test]
fn command_line_urls_and_url_lists() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("urls.txt");
    std::fs::write(
        &list,
        format!(
            "# coverage of the bridge\n{}\n\nnot-an-address\n{}\n",
            server.url("/gzip"),
            server.url("/missing")
        ),
    )
    .unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "A plain text article stating that 12 ferries run.").unwrap();
    let article = server.url("/article");
    let out = run(
        &[
            "articles",
            &article,
            list.to_str().unwrap(),
            text.to_str().unwrap(),
        ],
        cache.path(),
    );
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        [
            format!(
                "crosscheck: {}:4: not an http(s) address ('not-an-address'): line skipped",
                list.display()
            ),
            format!(
                "crosscheck: {}: HTTP 404 Not Found: skipped",
                server.url("/missing")
            ),
        ],
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let ids: Vec<String> = stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
        .collect();
    assert_eq!(
        ids,
        [
            format!("\"127.0.0.1:{}/article\"", server.port),
            format!("\"127.0.0.1:{}/gzip\"", server.port),
            "\"notes\"".to_string(),
        ]
    );
    // The second run reads the cache; --refresh fetches again.
    let again = run(&["articles", &article], cache.path());
    assert!(again.status.success());
    assert_eq!(server.hits("/article").len(), 1);
    let refreshed = run(&["articles", "--refresh", &article], cache.path());
    assert!(refreshed.status.success());
    assert_eq!(server.hits("/article").len(), 2);
    assert_eq!(again.stdout, refreshed.stdout);
    // Export works on pages as on files.
    let export = run(&["export", &article], cache.path());
    let doc: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    assert_eq!(doc["articles"][0]["url"], article.as_str());
    // Nothing loaded at all: exit status 2.
    let none = run(&["articles", &server.url("/missing")], cache.path());
    assert_eq!(none.status.code(), Some(2));
}

/// The analysis cache's entries under `cache` (`XDG_CACHE_HOME`).
fn analysis_entries(cache: &Path) -> usize {
    std::fs::read_dir(cache.join("crosscheck")).map_or(0, |rd| {
        rd.flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "bin"))
            .count()
    })
}

#[test]
fn a_page_is_analysed_again_when_refresh_finds_it_changed() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let url = server.url("/changing");
    let claims_with = |out: &Output, figure: &str| {
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        doc["claims"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|c| c["text"].as_str().is_some_and(|t| t.contains(figure)))
            .count()
    };
    let first = run(&["export", &url], cache.path());
    assert!(first.status.success());
    assert!(claims_with(&first, "45,000 vehicles") > 0);
    assert_eq!(analysis_entries(cache.path()), 1);
    // The page cache and the analysis cache: the same report, no fetch.
    let again = run(&["export", &url], cache.path());
    assert_eq!(again.stdout, first.stdout);
    assert_eq!(server.hits("/changing").len(), 1);
    assert_eq!(analysis_entries(cache.path()), 1);
    // --refresh finds the page changed: its new text is analysed.
    let refreshed = run(&["export", "--refresh", &url], cache.path());
    assert!(refreshed.status.success());
    assert_eq!(server.hits("/changing").len(), 2);
    assert!(claims_with(&refreshed, "55,000 vehicles") > 0);
    assert_eq!(claims_with(&refreshed, "45,000 vehicles"), 0);
    assert_eq!(analysis_entries(cache.path()), 2);
}
