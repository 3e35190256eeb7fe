//! The disk cache of fetched pages, so that a second run works offline.
//!
//! One entry per requested address in the platform's cache directory
//! (`$XDG_CACHE_HOME/crosscheck/pages` on Linux, or `CROSSCHECK_CACHE_DIR`):
//! `<key>.body` holds the page's bytes as received (after gzip decoding)
//! and `<key>.json` the requested and final addresses and the content
//! type. The key is a 64-bit FNV-1a hash of the address; the address is
//! stored in the entry and compared on reading, so a collision is a miss.

use serde::{Deserialize, Serialize};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Environment variable that overrides the cache directory.
pub const CACHE_DIR_ENV: &str = "CROSSCHECK_CACHE_DIR";

/// The cache directory: `CROSSCHECK_CACHE_DIR`, else the platform's cache
/// directory plus `crosscheck/pages`; `None` when the platform has none.
pub fn default_dir() -> Option<PathBuf> {
    match std::env::var_os(CACHE_DIR_ENV) {
        Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
        _ => dirs::cache_dir().map(|d| d.join("crosscheck").join("pages")),
    }
}

/// A cached page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedPage {
    /// The address after redirects.
    pub final_url: String,
    /// The `Content-Type` the server sent.
    pub content_type: Option<String>,
    /// The page's bytes.
    pub body: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    url: String,
    final_url: String,
    content_type: Option<String>,
    /// Seconds since the Unix epoch when the page was fetched.
    fetched: u64,
}

/// A cache directory of fetched pages.
#[derive(Debug, Clone)]
pub struct PageCache {
    dir: PathBuf,
}

fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl PageCache {
    /// A cache in `dir` (created on the first write).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        PageCache { dir: dir.into() }
    }

    /// The directory the cache lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn paths(&self, url: &str) -> (PathBuf, PathBuf) {
        let key = format!("{:016x}", fnv1a(url));
        (
            self.dir.join(format!("{key}.json")),
            self.dir.join(format!("{key}.body")),
        )
    }

    /// The cached page for `url`, if there is a complete entry for it.
    pub fn get(&self, url: &str) -> Option<CachedPage> {
        let (meta, body) = self.paths(url);
        let entry: Entry = serde_json::from_slice(&fs::read(meta).ok()?).ok()?;
        if entry.url != url {
            return None;
        }
        Some(CachedPage {
            final_url: entry.final_url,
            content_type: entry.content_type,
            body: fs::read(body).ok()?,
        })
    }

    /// Stores a page: the body first, then the entry that makes it visible,
    /// each written to a temporary file and renamed, so that an interrupted
    /// run never leaves a half-written page behind.
    pub fn put(&self, url: &str, page: &CachedPage) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let (meta, body) = self.paths(url);
        let entry = Entry {
            url: url.to_string(),
            final_url: page.final_url.clone(),
            content_type: page.content_type.clone(),
            fetched: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        };
        write_replace(&body, &page.body)?;
        let json = serde_json::to_vec(&entry).map_err(io::Error::other)?;
        write_replace(&meta, &json)
    }
}

fn write_replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    let result = fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|_| f.sync_all()))
        .and_then(|_| fs::rename(&tmp, path));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_miss() {
        let dir = tempfile::tempdir().unwrap();
        let cache = PageCache::new(dir.path().join("pages"));
        let url = "https://news.example/a";
        assert_eq!(cache.get(url), None);
        let page = CachedPage {
            final_url: "https://news.example/b".into(),
            content_type: Some("text/html".into()),
            body: b"<p>x</p>".to_vec(),
        };
        cache.put(url, &page).unwrap();
        assert_eq!(cache.get(url), Some(page));
        assert_eq!(cache.get("https://news.example/other"), None);
    }
}
