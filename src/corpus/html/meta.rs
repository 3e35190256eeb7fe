//! What a page states about itself: canonical address, publication date,
//! site name, byline. Only what the page's markup says is taken, never a
//! guess; the readability crate's own metadata (JSON-LD, Open Graph,
//! Dublin Core, `<title>`) is combined with the tags it does not read.

use chrono::{DateTime, NaiveDate};
use dom_query::Document;

/// Metadata read from the page's markup before extraction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// `<link rel="canonical">`, else `og:url`, as written.
    pub canonical: Option<String>,
    /// Publication date from a meta tag or a `<time>` element.
    pub date: Option<NaiveDate>,
    /// `<meta name="application-name">`, a site name fallback.
    pub application_name: Option<String>,
    /// The address a browser noted when it saved the page (`<!-- saved
    /// from url=... -->`).
    pub saved_from: Option<String>,
}

/// `<meta>` names and properties that hold the publication date, most
/// specific first (the readability crate reads a few of these itself).
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "article.published",
    "published_time",
    "publish-date",
    "publishdate",
    "publish_date",
    "pubdate",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "date",
    "parsely-pub-date",
    "sailthru.date",
];

/// Reads the page's own statements about itself.
pub fn read(doc: &Document, html: &str) -> PageMeta {
    let canonical = doc
        .select("link[rel]")
        .nodes()
        .iter()
        .find(|n| {
            n.attr("rel").is_some_and(|r| {
                r.split_ascii_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("canonical"))
            })
        })
        .and_then(|n| n.attr("href"))
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .or_else(|| meta_value(doc, &["og:url"]));
    PageMeta {
        canonical,
        date: meta_date(doc).or_else(|| time_date(doc)),
        application_name: meta_value(doc, &["application-name"]),
        saved_from: saved_from(html),
    }
}

/// The content of the first `<meta>` whose name, property or itemprop is
/// one of `keys` (case-insensitive), in the order of `keys`.
fn meta_value(doc: &Document, keys: &[&str]) -> Option<String> {
    let metas = doc.select("meta[content]");
    let nodes = metas.nodes();
    keys.iter().find_map(|key| {
        nodes.iter().find_map(|n| {
            let named = ["name", "property", "itemprop"]
                .iter()
                .filter_map(|a| n.attr(a))
                .any(|v| v.trim().eq_ignore_ascii_case(key));
            named
                .then(|| n.attr("content"))
                .flatten()
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
        })
    })
}

fn meta_date(doc: &Document) -> Option<NaiveDate> {
    DATE_KEYS
        .iter()
        .find_map(|k| meta_value(doc, &[k]).and_then(|v| parse_date(&v)))
}

/// The date of the article's `<time>`: one marked as the publication date
/// (`itemprop="datePublished"`, `pubdate`), else the first inside the
/// `<article>`, else the page's only one. A page with several and none
/// marked (a list of related stories) gives none.
fn time_date(doc: &Document) -> Option<NaiveDate> {
    let of = |sel: &str| {
        doc.select(sel)
            .nodes()
            .iter()
            .find_map(|n| n.attr("datetime").and_then(|d| parse_date(&d)))
    };
    of("time[itemprop=datePublished][datetime], time[pubdate][datetime]")
        .or_else(|| of("article time[datetime]"))
        .or_else(|| {
            let all = doc.select("time[datetime]");
            let nodes = all.nodes();
            match nodes {
                [only] => only.attr("datetime").and_then(|d| parse_date(&d)),
                _ => None,
            }
        })
}

/// A date as pages write it in metadata: ISO 8601 (`2024-03-05`,
/// `2024-03-05T08:30:00+01:00`, the date as printed, before any time
/// zone conversion) or RFC 2822 (`Tue, 5 Mar 2024 08:30:00 GMT`).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(head) = s.get(..10) {
        if let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d") {
            return Some(d);
        }
    }
    if let Some(head) = s.get(..8) {
        if s.len() == 8 || s[8..].starts_with('T') {
            if let Ok(d) = NaiveDate::parse_from_str(head, "%Y%m%d") {
                return Some(d);
            }
        }
    }
    DateTime::parse_from_rfc2822(s).ok().map(|d| d.date_naive())
}

/// The address in a `<!-- saved from url=(0042)https://... -->` comment
/// that browsers write at the top of a saved page.
fn saved_from(html: &str) -> Option<String> {
    let mut end = html.len().min(2048);
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    let head = &html[..end];
    let at = head.find("saved from url=")?;
    let rest = &head[at + "saved from url=".len()..];
    let rest = match rest.strip_prefix('(') {
        Some(r) => r.split_once(')').map(|(_, r)| r)?,
        None => rest,
    };
    let url = rest.split_whitespace().next()?;
    let url = url.split("-->").next().unwrap_or("");
    crate::corpus::urls::absolute_http(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_usual_forms() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 5);
        assert_eq!(parse_date("2024-03-05"), d);
        assert_eq!(parse_date(" 2024-03-05T23:30:00-05:00 "), d);
        assert_eq!(parse_date("20240305"), d);
        assert_eq!(parse_date("Tue, 5 Mar 2024 08:30:00 GMT"), d);
        assert_eq!(parse_date("last Tuesday"), None);
        assert_eq!(parse_date("2024-13-05"), None);
    }

    #[test]
    fn time_elements_only_when_unambiguous() {
        let one = Document::from("<p>x <time datetime=2024-03-05>5 March</time></p>");
        assert_eq!(time_date(&one), NaiveDate::from_ymd_opt(2024, 3, 5));
        let related = Document::from(
            "<aside><time datetime=2024-01-01>x</time><time datetime=2024-02-01>y</time></aside>",
        );
        assert_eq!(time_date(&related), None);
        let article = Document::from(
            "<article><time datetime=2024-03-05>x</time></article><aside><time datetime=2024-02-01>y</time></aside>",
        );
        assert_eq!(time_date(&article), NaiveDate::from_ymd_opt(2024, 3, 5));
    }

    #[test]
    fn canonical_and_saved_from() {
        let html = "<!-- saved from url=(0031)https://news.example/a/b.html -->\n<html><head>\
                    <link rel=\"alternate canonical\" href=\" https://news.example/a \"></head></html>";
        let m = read(&Document::from(html), html);
        assert_eq!(m.canonical.as_deref(), Some("https://news.example/a"));
        assert_eq!(
            m.saved_from.as_deref(),
            Some("https://news.example/a/b.html")
        );
    }
}
