//! Fetching web pages: a small blocking HTTP client (`ureq` with rustls)
//! with a redirect limit, a timeout, a size limit, a descriptive
//! User-Agent and gzip, and a disk cache ([`super::cache`]) so that the
//! next run works offline.
//!
//! Progress is reported through a callback of [`FetchEvent`]s, so that the
//! command line can print it and the browser can show it in a pane.

use super::cache::{CachedPage, PageCache};
use super::urls;
use std::io::Read;
use std::path::PathBuf;
use std::time::Duration;

/// Pages larger than this (after gzip decoding) are refused.
pub const MAX_PAGE_BYTES: u64 = 16 * 1024 * 1024;

/// Redirects followed before giving up.
pub const MAX_REDIRECTS: u32 = 10;

/// Time allowed for one request, from connecting to the last byte.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// The User-Agent sent with every request.
pub const USER_AGENT: &str = concat!(
    "crosscheck/",
    env!("CARGO_PKG_VERSION"),
    " (news cross-checking reader; fetches pages a user asked for, once, then reads its cache)"
);

/// How pages are fetched.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Fetch again even when the page is cached.
    pub refresh: bool,
    /// Time allowed for one request.
    pub timeout: Duration,
    /// Largest page accepted, in bytes.
    pub max_bytes: u64,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
    /// Where fetched pages are cached; `None`: no cache.
    pub cache_dir: Option<PathBuf>,
    /// Use the proxy named by the environment (`HTTPS_PROXY`, ...).
    pub env_proxy: bool,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            refresh: false,
            timeout: TIMEOUT,
            max_bytes: MAX_PAGE_BYTES,
            max_redirects: MAX_REDIRECTS,
            cache_dir: super::cache::default_dir(),
            env_proxy: true,
        }
    }
}

/// Where a fetch stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchState {
    /// The request is being sent.
    Started,
    /// Bytes are arriving (`bytes` so far).
    Receiving,
    /// The page is complete; `cached` when it came from the disk cache.
    Done {
        /// Read from the cache rather than the network.
        cached: bool,
    },
    /// The fetch failed, and why.
    Failed(String),
}

/// One step of one fetch, for progress displays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchEvent {
    /// The address as requested.
    pub url: String,
    /// Bytes received so far (the page's size when done).
    pub bytes: u64,
    /// What happened.
    pub state: FetchState,
}

/// A fetched page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The address as requested.
    pub url: String,
    /// The address after redirects.
    pub final_url: String,
    /// The `Content-Type` the server sent.
    pub content_type: Option<String>,
    /// The page's bytes (gzip decoded).
    pub body: Vec<u8>,
    /// Read from the disk cache.
    pub from_cache: bool,
    /// With `refresh`, why fetching again failed when the cached copy was
    /// used instead.
    pub refresh_failed: Option<String>,
}

/// Fetches `url` (from the cache unless `opts.refresh`), reporting progress
/// to `on_event`. The error is one line saying why (HTTP status, DNS, TLS,
/// timeout, too large, not HTML, redirects).
pub fn fetch(
    url: &str,
    opts: &FetchOptions,
    on_event: &mut dyn FnMut(&FetchEvent),
) -> Result<Fetched, String> {
    let cache = opts.cache_dir.as_ref().map(PageCache::new);
    let mut event = |bytes: u64, state: FetchState| {
        on_event(&FetchEvent {
            url: url.to_string(),
            bytes,
            state,
        })
    };
    let from_cache = |hit: CachedPage, refresh_failed: Option<String>| Fetched {
        url: url.to_string(),
        final_url: hit.final_url,
        content_type: hit.content_type,
        body: hit.body,
        from_cache: true,
        refresh_failed,
    };
    if !opts.refresh {
        if let Some(hit) = cache.as_ref().and_then(|c| c.get(url)) {
            event(hit.body.len() as u64, FetchState::Done { cached: true });
            return Ok(from_cache(hit, None));
        }
    }
    event(0, FetchState::Started);
    let result = fetch_network(url, opts, &mut |bytes| event(bytes, FetchState::Receiving));
    match result {
        Ok(page) => {
            if let Some(cache) = &cache {
                // A cache that cannot be written only costs the next run a
                // fetch; the page itself is fine.
                let _ = cache.put(
                    url,
                    &CachedPage {
                        final_url: page.final_url.clone(),
                        content_type: page.content_type.clone(),
                        body: page.body.clone(),
                    },
                );
            }
            event(page.body.len() as u64, FetchState::Done { cached: false });
            Ok(page)
        }
        Err(reason) => {
            // A refresh that fails (offline, server down) keeps the copy
            // the cache has, and says so.
            if let Some(hit) = cache.as_ref().and_then(|c| c.get(url)) {
                event(hit.body.len() as u64, FetchState::Done { cached: true });
                return Ok(from_cache(hit, Some(reason)));
            }
            event(0, FetchState::Failed(reason.clone()));
            Err(reason)
        }
    }
}

fn agent(opts: &FetchOptions) -> ureq::Agent {
    let mut config = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .timeout_connect(Some(opts.timeout.min(Duration::from_secs(10))))
        // Redirects are followed below, to name a loop and the chain.
        .max_redirects(0)
        .max_redirects_will_error(false)
        .http_status_as_error(false)
        .user_agent(USER_AGENT);
    if !opts.env_proxy {
        config = config.proxy(None);
    }
    config.build().into()
}

/// The reason for a transport error, in a user's words.
fn reason(e: &ureq::Error) -> String {
    match e {
        ureq::Error::HostNotFound => "host not found (DNS)".into(),
        ureq::Error::Timeout(_) => "timed out".into(),
        ureq::Error::Tls(m) => format!("TLS error: {m}"),
        ureq::Error::ConnectionFailed => "connection failed".into(),
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => "connection refused".into(),
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => "timed out".into(),
            _ => format!("network error: {io}"),
        },
        other => other.to_string(),
    }
}

fn is_html(content_type: Option<&str>, body_start: &[u8]) -> bool {
    match content_type {
        Some(ct) => {
            let mime = ct
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            mime == "text/html" || mime == "application/xhtml+xml"
        }
        None => {
            let head = String::from_utf8_lossy(&body_start[..body_start.len().min(1024)])
                .to_ascii_lowercase();
            head.trim_start_matches('\u{feff}')
                .trim_start()
                .starts_with('<')
                && (head.contains("<html") || head.contains("<!doctype html"))
        }
    }
}

fn fetch_network(
    url: &str,
    opts: &FetchOptions,
    on_bytes: &mut dyn FnMut(u64),
) -> Result<Fetched, String> {
    let agent = agent(opts);
    let mut current = urls::absolute_http(url).ok_or("not an http(s) address")?;
    let mut chain = vec![current.clone()];
    let mut response = loop {
        let response = agent.get(&current).call().map_err(|e| match &e {
            // rustls reports a handshake that went wrong as invalid data.
            ureq::Error::Io(io)
                if io.kind() == std::io::ErrorKind::InvalidData
                    && current.starts_with("https://") =>
            {
                format!("TLS error: {io}")
            }
            _ => reason(&e),
        })?;
        let status = response.status();
        if !status.is_redirection() {
            break response;
        }
        let Some(location) = response
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
        else {
            return Err(format!("HTTP {} without a Location", status.as_u16()));
        };
        let next = urls::resolve(&current, location)
            .ok_or_else(|| format!("redirect to an address that is not http(s): {location}"))?;
        if chain.contains(&next) {
            chain.push(next);
            return Err(format!("redirect loop ({})", chain.join(" -> ")));
        }
        if chain.len() > opts.max_redirects as usize {
            return Err(format!(
                "more than {} redirects (last to {next})",
                opts.max_redirects
            ));
        }
        chain.push(next.clone());
        current = next;
    };
    let status = response.status();
    if !status.is_success() {
        return Err(format!(
            "HTTP {} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        )
        .trim_end()
        .to_string());
    }
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let mime_ok = content_type.as_deref().map(|ct| is_html(Some(ct), b""));
    if mime_ok == Some(false) {
        return Err(format!(
            "not HTML (content type {})",
            content_type.as_deref().unwrap_or("")
        ));
    }
    let mib = opts.max_bytes / (1024 * 1024);
    if let Some(len) = response.body().content_length() {
        if len > opts.max_bytes {
            return Err(format!(
                "too large ({} MiB; the limit is {mib} MiB)",
                len.div_ceil(1024 * 1024)
            ));
        }
    }
    let mut reader = response.body_mut().with_config().limit(u64::MAX).reader();
    let mut body = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    let mut reported = 0u64;
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                let inner = e
                    .get_ref()
                    .and_then(|i| i.downcast_ref::<ureq::Error>())
                    .map(reason);
                return Err(inner.unwrap_or_else(|| match e.kind() {
                    std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                        "timed out".to_string()
                    }
                    _ => format!("network error: {e}"),
                }));
            }
        };
        if (body.len() + n) as u64 > opts.max_bytes {
            return Err(format!("too large (more than the {mib} MiB limit)"));
        }
        body.extend_from_slice(&chunk[..n]);
        if body.len() as u64 >= reported + 256 * 1024 {
            reported = body.len() as u64;
            on_bytes(reported);
        }
    }
    if mime_ok.is_none() && !is_html(None, &body) {
        return Err("not HTML (no content type, and the body does not look like a page)".into());
    }
    Ok(Fetched {
        url: url.to_string(),
        final_url: current,
        content_type,
        body,
        from_cache: false,
        refresh_failed: None,
    })
}
