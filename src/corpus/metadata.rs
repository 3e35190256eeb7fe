//! `metadata.toml`: metadata the user supplies for plain-text articles.
//!
//! A directory of `.txt`/`.md` articles may hold a `metadata.toml`; it gives
//! a story for all of them and a title, outlet, date or URL per article id:
//!
//! ```toml
//! story = "nk-troops-2025-04"
//!
//! [[article]]
//! id = "003_c2ed4b80ef03a61d"
//! title = "North Korea confirms for first time its troops fought war with Russia against Ukraine"
//! date = "2025-04-28"
//! ```

use super::load::parse_iso_date;
use super::Article;
use serde::Deserialize;

/// The sidecar file's name.
pub const METADATA_FILE: &str = "metadata.toml";

/// The parsed sidecar file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    /// Story of every article in the directory.
    pub story: Option<String>,
    /// Per-article metadata.
    #[serde(default)]
    pub article: Vec<MetadataEntry>,
}

/// Metadata for one article, matched by id.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetadataEntry {
    /// The article id (file stem).
    pub id: String,
    /// Headline as printed in the article.
    pub title: Option<String>,
    /// Outlet, where known.
    pub outlet: Option<String>,
    /// Date as printed, in ISO 8601 (`2025-04-28`).
    pub date: Option<String>,
    /// Address of the original.
    pub url: Option<String>,
    /// Story, overriding the directory-wide one.
    pub story: Option<String>,
    /// Where in the text the metadata is stated (for reviewers).
    pub evidence: Option<String>,
}

impl Metadata {
    /// Parses the TOML text; an error gives the 1-based line where known.
    pub fn parse(text: &str) -> Result<Metadata, (Option<usize>, String)> {
        let meta: Metadata = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            (line, format!("bad metadata: {}", e.message()))
        })?;
        for entry in &meta.article {
            if let Some(d) = &entry.date {
                if parse_iso_date(d).is_none() {
                    return Err((
                        None,
                        format!(
                            "bad metadata: date '{d}' of '{}' is not YYYY-MM-DD",
                            entry.id
                        ),
                    ));
                }
            }
        }
        Ok(meta)
    }

    /// Fills in the article's fields from the entry for it: the entry whose
    /// id is the article's file stem (`stem`) or its id (which differs when
    /// stems collide in a folder: `business/001`).
    pub fn apply(&self, article: &mut Article, stem: &str) {
        if let Some(story) = &self.story {
            article.story = story.clone();
        }
        let Some(e) = self
            .article
            .iter()
            .find(|e| e.id == stem || e.id == article.id)
        else {
            return;
        };
        if e.title.is_some() {
            article.title = e.title.clone();
        }
        if e.outlet.is_some() {
            article.outlet = e.outlet.clone();
        }
        if e.url.is_some() {
            article.url = e.url.clone();
        }
        if let Some(d) = e.date.as_deref().and_then(parse_iso_date) {
            article.date = Some(d);
        }
        if let Some(s) = &e.story {
            article.story = s.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_by_id() {
        let m = Metadata::parse(
            "story = \"s\"\n[[article]]\nid = \"a\"\ntitle = \"T\"\ndate = \"2025-04-28\"\n",
        )
        .unwrap();
        let mut a = Article::new("a", "x");
        m.apply(&mut a, "a");
        assert_eq!(a.title.as_deref(), Some("T"));
        assert_eq!(a.story, "s");
        let mut b = Article::new("b", "x");
        m.apply(&mut b, "b");
        // A renamed article (stems collided) still finds its entry.
        let mut c = Article::new("sport/a", "x");
        m.apply(&mut c, "a");
        assert_eq!(c.title.as_deref(), Some("T"));
        assert_eq!(b.title, None);
        assert_eq!(b.story, "s");
    }

    #[test]
    fn errors_name_the_line() {
        let err = Metadata::parse("story = \"s\"\n[[article]]\nid = 5\n").unwrap_err();
        assert_eq!(err.0, Some(3));
    }
}
