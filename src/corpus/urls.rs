//! Web addresses as inputs: telling a URL from a path, URL list files
//! (`urls.txt`), resolving a relative address against a page's, and the
//! article id and domain of an address.

use std::path::Path;

/// Whether an input names a web page (`http://` or `https://`) rather than
/// a file.
pub fn is_url(input: &str) -> bool {
    let lower = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && absolute_http(input).is_some()
}

/// `s` if it is an absolute `http`/`https` address with a host and no
/// whitespace or control characters; the scheme is lower-cased.
pub fn absolute_http(s: &str) -> Option<String> {
    let s = s.trim();
    let (scheme, rest) = s.split_once("://")?;
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return None;
    }
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or("");
    if host.is_empty() || host.starts_with(':') {
        return None;
    }
    Some(format!("{}://{rest}", scheme.to_ascii_lowercase()))
}

/// `href` resolved against the absolute address `base` (an absolute
/// address, `//host/...`, `/path`, `?query` or a relative path); `None`
/// for other schemes (`mailto:`, `javascript:`).
pub fn resolve(base: &str, href: &str) -> Option<String> {
    let href = href.trim();
    if let Some(abs) = absolute_http(href) {
        return Some(abs);
    }
    let base = absolute_http(base)?;
    let (scheme, rest) = base.split_once("://")?;
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (host, path_etc) = rest.split_at(host_end);
    if let Some(net) = href.strip_prefix("//") {
        return absolute_http(&format!("{scheme}://{net}"));
    }
    if href.contains(':') && !href.starts_with(['/', '?', '#', '.']) {
        let before = href.split(['/', '?', '#']).next().unwrap_or("");
        if before.contains(':') {
            return None; // another scheme
        }
    }
    let path = path_etc.split(['?', '#']).next().unwrap_or("");
    let joined = if href.starts_with('/') {
        href.to_string()
    } else if href.starts_with('?') {
        format!("{}{href}", if path.is_empty() { "/" } else { path })
    } else if href.starts_with('#') || href.is_empty() {
        let without_fragment = path_etc.split('#').next().unwrap_or("");
        format!("{without_fragment}{href}")
    } else {
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        format!("{dir}/{href}")
    };
    let joined = if joined.starts_with('/') {
        joined
    } else {
        format!("/{joined}")
    };
    absolute_http(&format!(
        "{scheme}://{host}{}",
        remove_dot_segments(&joined)
    ))
}

/// `/a/b/../c/./d` → `/a/c/d` (query and fragment untouched).
fn remove_dot_segments(path_etc: &str) -> String {
    let split = path_etc.find(['?', '#']).unwrap_or(path_etc.len());
    let (path, tail) = path_etc.split_at(split);
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *seg {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                out.pop();
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("/{}{tail}", out.join("/"))
}

/// The host of an absolute address without a leading `www.` or a port: the
/// outlet when a page names none.
pub fn domain(url: &str) -> Option<String> {
    let abs = absolute_http(url)?;
    let rest = abs.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    let host = if host.starts_with('[') {
        host.split_inclusive(']').next()?
    } else {
        host.split(':').next()?
    };
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty()).then(|| host.to_string())
}

/// The article id for a fetched page: the address without its scheme,
/// fragment and trailing slash (`news.example/2024/bridge`).
pub fn article_id(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split('#').next().unwrap_or(rest);
    let rest = rest.trim_end_matches('/');
    rest.to_string()
}

/// One entry of a URL list file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListLine {
    /// An address to fetch, with its 1-based line number.
    Url(usize, String),
    /// A line that is neither an address, a comment nor blank.
    Bad(usize, String),
}

/// Parses a URL list: one address per line; blank lines and lines starting
/// with `#` are ignored. `None` when the text is not a URL list: some line
/// holds prose (a space between words) or no line is an address.
pub fn parse_list(text: &str) -> Option<Vec<ListLine>> {
    let mut out = Vec::new();
    let mut urls = 0;
    for (i, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.contains(char::is_whitespace) {
            return None;
        }
        if is_url(line) {
            urls += 1;
            out.push(ListLine::Url(i + 1, line.to_string()));
        } else {
            out.push(ListLine::Bad(i + 1, line.to_string()));
        }
    }
    (urls > 0).then_some(out)
}

/// Largest URL list file read (a list of ten thousand addresses is under
/// a megabyte).
pub const MAX_LIST_BYTES: u64 = 4 * 1024 * 1024;

/// The URL list in `path`, if the file is one (a `.txt` or `.urls` file
/// whose lines are addresses, see [`parse_list`]).
pub fn read_list(path: &Path) -> Option<Vec<ListLine>> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    if !matches!(ext.as_str(), "txt" | "urls" | "list") {
        return None;
    }
    // Read as every input is (never blocking on a FIFO or a device, never
    // past the limit); anything that is not a small regular file is left to
    // the file loader, which says why it is skipped.
    let mut scratch = super::Corpus::default();
    let bytes = super::load::read_regular(path, MAX_LIST_BYTES, &mut scratch).ok()?;
    parse_list(std::str::from_utf8(&bytes).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_paths() {
        assert!(is_url("https://news.example/a"));
        assert!(is_url("HTTP://news.example"));
        assert!(!is_url("news.example/a"));
        assert!(!is_url("https://"));
        assert!(!is_url("https:// spaced.example"));
        assert!(!is_url("ftp://x.example/"));
    }

    #[test]
    fn resolving() {
        let base = "https://news.example/world/2024/story.html?x=1#top";
        assert_eq!(
            resolve(base, "/a/b").as_deref(),
            Some("https://news.example/a/b")
        );
        assert_eq!(
            resolve(base, "other.html").as_deref(),
            Some("https://news.example/world/2024/other.html")
        );
        assert_eq!(
            resolve(base, "../up").as_deref(),
            Some("https://news.example/world/up")
        );
        assert_eq!(
            resolve(base, "//cdn.example/x").as_deref(),
            Some("https://cdn.example/x")
        );
        assert_eq!(
            resolve(base, "?page=2").as_deref(),
            Some("https://news.example/world/2024/story.html?page=2")
        );
        assert_eq!(
            resolve("http://h.example", "x").as_deref(),
            Some("http://h.example/x")
        );
        assert_eq!(resolve(base, "mailto:a@b.example"), None);
        assert_eq!(
            resolve(base, "HTTPS://Other.example/").as_deref(),
            Some("https://Other.example/")
        );
    }

    #[test]
    fn domains_and_ids() {
        assert_eq!(
            domain("https://www.News.example:8080/a").as_deref(),
            Some("news.example")
        );
        assert_eq!(
            domain("http://127.0.0.1:4000/x").as_deref(),
            Some("127.0.0.1")
        );
        assert_eq!(
            article_id("https://news.example/2024/bridge/#c"),
            "news.example/2024/bridge"
        );
    }

    #[test]
    fn lists() {
        let l = parse_list("# coverage\nhttps://a.example/1\n\nnot-a-url\nhttp://b.example/2\n")
            .unwrap();
        assert_eq!(
            l,
            vec![
                ListLine::Url(2, "https://a.example/1".into()),
                ListLine::Bad(4, "not-a-url".into()),
                ListLine::Url(5, "http://b.example/2".into()),
            ]
        );
        assert_eq!(parse_list("Prose with https://a.example/ inside.\n"), None);
        assert_eq!(parse_list("word\n"), None);
    }
}
