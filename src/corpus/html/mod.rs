//! Web pages (`.html`, `.htm` files and fetched pages) as articles: the
//! article itself is extracted with a port of Mozilla's readability
//! (the `dom_smoothie` crate) and rendered as plain text; the headline,
//! outlet, byline, date and canonical address are taken only from what the
//! page states.
//!
//! Why `dom_smoothie`: it follows readability.js closely (the algorithm of
//! Firefox's reader view, tuned on thousands of news pages), is MIT
//! licensed, actively released, builds on html5ever (the browser-grade
//! parser) and reads JSON-LD; it extracts a typical page in about a
//! millisecond. The alternatives checked were slower (`readabilityrs`,
//! about 100x on the same page), unmaintained (`readability`, which also
//! pulls an HTTP client) or young ports of the same algorithm.
//!
//! Hostile pages are bounded before parsing (see [`scan`]): too deep
//! nesting or too many elements are refused with a warning.

mod decode;
mod meta;
mod render;
mod scan;

pub use decode::{charset_of_content_type, decode, Decoded};
pub use meta::parse_date;
pub use render::render;
pub use scan::{scan, Shape, MAX_DEPTH, MAX_ELEMENTS};

use super::load::MAX_FILE_BYTES;
use super::metadata::Metadata;
use super::urls;
use super::{Article, Corpus, LoadWarning};
use chrono::NaiveDate;
use dom_query::Document;
use dom_smoothie::{Config, Readability, ReadabilityError};
use std::path::Path;

/// Extracted articles shorter than this many characters are taken to be
/// no article at all (readability.js's own minimum content length).
pub const MIN_ARTICLE_CHARS: usize = 140;

/// A page's article and what the page states about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// Headline (JSON-LD `headline`, `og:title`, else the `<title>`
    /// without the site's name, as readability.js reads it).
    pub title: Option<String>,
    /// Site name (`og:site_name`, JSON-LD publisher, `application-name`),
    /// else the domain of the page's address.
    pub outlet: Option<String>,
    /// Author as the page names them (meta `author`, JSON-LD, byline markup).
    pub byline: Option<String>,
    /// Publication date (JSON-LD `datePublished`, meta tags, `<time>`).
    pub date: Option<NaiveDate>,
    /// Canonical address, else the address the page was fetched from.
    pub url: Option<String>,
    /// The article as plain text, one block per line.
    pub text: String,
    /// How the bytes were decoded, when that needed a guess.
    pub notes: Vec<String>,
}

/// Extracts the article from a page's bytes. `charset` is the one the
/// server declared, `page_url` the address it was fetched from (used to
/// resolve a relative canonical link and as the outlet's domain).
pub fn extract(
    bytes: Vec<u8>,
    charset: Option<&str>,
    page_url: Option<&str>,
) -> Result<Page, String> {
    let decoded = decode(bytes, charset)?;
    let mut page = extract_owned(decoded.text, page_url)?;
    page.notes.extend(decoded.note);
    Ok(page)
}

/// Collapses runs of ASCII whitespace (line breaks, tabs) to one space and
/// trims; a no-break or ideographic space the page chose is kept.
fn one_line(s: &str) -> String {
    s.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| one_line(&s)).filter(|s| !s.is_empty())
}

/// Extracts the article from a page already decoded to text.
pub fn extract_str(html: &str, page_url: Option<&str>) -> Result<Page, String> {
    extract_owned(html.to_string(), page_url)
}

/// Attribute values longer than this are dropped after parsing (inlined
/// images and fonts in saved pages): none of them is read, and every later
/// step would copy them.
const MAX_ATTRIBUTE_BYTES: usize = 64 * 1024;

fn extract_owned(html: String, page_url: Option<&str>) -> Result<Page, String> {
    let shape = scan(&html);
    if shape.max_depth > MAX_DEPTH {
        return Err(format!(
            "elements nested more than {MAX_DEPTH} deep: skipped as broken or hostile"
        ));
    }
    if shape.elements > MAX_ELEMENTS {
        return Err(format!(
            "more than {MAX_ELEMENTS} elements: skipped as broken or hostile"
        ));
    }
    let doc = Document::from(html.as_str());
    let stated = meta::read(&doc, &html);
    drop(html);
    for node in doc.select("*").nodes() {
        let long: Vec<String> = node
            .attrs()
            .iter()
            .filter(|a| a.value.len() > MAX_ATTRIBUTE_BYTES)
            .map(|a| a.name.local.to_string())
            .collect();
        for name in long {
            node.remove_attr(&name);
        }
    }
    let config = Config {
        max_elements_to_parse: MAX_ELEMENTS * 2,
        ..Config::default()
    };
    let mut readability = Readability::with_document(doc, None, Some(config))
        .map_err(|e| format!("cannot read the page: {e}"))?;
    let article = match readability.parse() {
        Ok(a) => a,
        Err(ReadabilityError::GrabFailed) => {
            return Err("no article found on the page: skipped".into())
        }
        Err(e) => return Err(format!("cannot extract the article: {e}: skipped")),
    };
    let text = render(&article.content);
    let chars = text.chars().count();
    if chars < MIN_ARTICLE_CHARS {
        return Err(format!(
            "no article found on the page (only {chars} characters of text): skipped"
        ));
    }
    let base = page_url.and_then(urls::absolute_http);
    let canonical = stated
        .canonical
        .as_deref()
        .and_then(|c| match &base {
            Some(b) => urls::resolve(b, c),
            None => urls::absolute_http(c),
        })
        .or_else(|| article.url.as_deref().and_then(urls::absolute_http));
    let url = canonical.or(base).or(stated.saved_from);
    let byline = non_empty(article.byline.clone())
        .map(|b| {
            let b = b
                .strip_prefix("By ")
                .or_else(|| b.strip_prefix("by "))
                .unwrap_or(&b);
            b.to_string()
        })
        .filter(|b| urls::absolute_http(b).is_none() && !b.is_empty());
    let outlet = non_empty(article.site_name.clone())
        .or_else(|| non_empty(stated.application_name.clone()))
        .or_else(|| url.as_deref().and_then(urls::domain));
    let date = article
        .published_time
        .as_deref()
        .and_then(parse_date)
        .or(stated.date);
    Ok(Page {
        title: non_empty(Some(article.title.to_string())),
        outlet,
        byline,
        date,
        url,
        text,
        notes: Vec::new(),
    })
}

/// The article for a page: `id`, the page's metadata, and `source` (the
/// file or address it was read from) as its path.
pub fn article(id: impl Into<String>, page: Page, source: &str) -> Article {
    let mut a = Article::new(id, page.text);
    a.title = page.title;
    a.outlet = page.outlet;
    a.byline = page.byline;
    a.date = page.date;
    a.url = page.url;
    a.path = Some(source.to_string());
    a
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Adds the page in `bytes`, read from `path`, to the corpus (or a warning
/// naming the file).
pub(crate) fn load_bytes(
    path: &Path,
    name: &str,
    bytes: Vec<u8>,
    meta: Option<&Metadata>,
    corpus: &mut Corpus,
) {
    match extract(bytes, None, None) {
        Ok(page) => push_page(path, name, page, meta, corpus),
        Err(m) => corpus.warnings.push(LoadWarning::new(path, None, m)),
    }
}

/// Adds a page already decoded to text.
pub(crate) fn load_str(
    path: &Path,
    name: &str,
    html: &str,
    meta: Option<&Metadata>,
    corpus: &mut Corpus,
) {
    match extract_str(html, None) {
        Ok(page) => push_page(path, name, page, meta, corpus),
        Err(m) => corpus.warnings.push(LoadWarning::new(path, None, m)),
    }
}

fn push_page(
    path: &Path,
    name: &str,
    mut page: Page,
    meta: Option<&Metadata>,
    corpus: &mut Corpus,
) {
    for n in page.notes.drain(..) {
        corpus.warnings.push(LoadWarning::new(path, None, n));
    }
    let id = if name.is_empty() {
        stem(path)
    } else {
        name.to_string()
    };
    let mut a = article(id, page, &path.display().to_string());
    if let Some(meta) = meta {
        meta.apply(&mut a, &stem(path));
    }
    corpus.push(a, path, None);
}

/// Reads an HTML file the way every input file is read (opened without
/// blocking, only a regular file, at most [`MAX_FILE_BYTES`]) and adds its
/// article under the id `name`.
pub(crate) fn load_file(path: &Path, name: &str, meta: Option<&Metadata>, corpus: &mut Corpus) {
    match super::load::read_regular(path, MAX_FILE_BYTES, corpus) {
        Ok(bytes) => load_bytes(path, name, bytes, meta, corpus),
        Err(m) => corpus.warnings.push(LoadWarning::new(path, None, m)),
    }
}
