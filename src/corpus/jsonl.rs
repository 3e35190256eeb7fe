//! Articles written back in crosscheck's own input format (JSON Lines:
//! `id`, `title`, `outlet`, `byline`, `date`, `url`, `story`, `text`, one
//! object per line), so that a fetched corpus can be kept, edited and
//! shared; reading the file back gives the same articles.
//!
//! Each line also names its `source` (the file or address the article was
//! read from); the loader ignores that field.

use super::Article;
use serde::Serialize;

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outlet: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    story: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
}

/// One JSON object per article, each on its own line (control characters
/// escaped by JSON, so the file is safe to print).
pub fn to_jsonl(articles: &[Article]) -> String {
    let mut out = String::new();
    for a in articles {
        let line = Line {
            id: &a.id,
            title: a.title.as_deref(),
            outlet: a.outlet.as_deref(),
            byline: a.byline.as_deref(),
            date: a.date.map(|d| d.format("%Y-%m-%d").to_string()),
            url: a.url.as_deref(),
            story: &a.story,
            text: &a.text,
            source: a.path.as_deref(),
        };
        // Serialising plain strings cannot fail.
        if let Ok(json) = serde_json::to_string(&line) {
            out.push_str(&json);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::load_bytes;
    use std::path::Path;

    #[test]
    fn reads_back_to_the_same_articles() {
        let mut a = Article::new("news.example/a", "First line.\n\n- item \u{1b}[2J\n");
        a.title = Some("Title \"quoted\"".into());
        a.outlet = Some("Outlet".into());
        a.byline = Some("A. Writer".into());
        a.date = chrono::NaiveDate::from_ymd_opt(2024, 3, 5);
        a.url = Some("https://news.example/a".into());
        a.story = "s1".into();
        a.path = Some("saved/a.html".into());
        let b = Article::new("b", "Only text.");
        let jsonl = to_jsonl(&[a.clone(), b.clone()]);
        assert!(!jsonl.contains('\u{1b}'));
        assert!(jsonl.contains("\"source\":\"saved/a.html\""));
        let back = load_bytes(Path::new("out.jsonl"), jsonl.into_bytes());
        assert!(back.warnings.is_empty(), "{:?}", back.warnings);
        for (orig, read) in [a, b].iter().zip(&back.articles) {
            let mut expected = orig.clone();
            expected.path = Some("out.jsonl".into());
            assert_eq!(&expected, read);
        }
    }
}
