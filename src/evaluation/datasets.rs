//! Readers for the public evaluation corpora in `../shared/data/` (never
//! copied into the repository): BASIL and AllSides / NeuS articles as a
//! [`Corpus`] with their events, and labelled sentence pairs (MSRP, STS-B).

use crate::corpus::{Article, Corpus, LoadWarning};
use chrono::NaiveDate;
use serde::Deserialize;
use std::path::Path;

/// How BASIL articles are assigned to stories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BasilStories {
    /// Each event (triplet) is its own story: the truth.
    ByEvent,
    /// All articles in one story: the hardest test of the matcher, which
    /// must then tell events apart by itself.
    One,
}

#[derive(Deserialize)]
struct BasilArticle {
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
    source: Option<String>,
    #[serde(rename = "triplet-uuid")]
    triplet: String,
    #[serde(rename = "body-paragraphs", default)]
    paragraphs: Vec<Vec<String>>,
}

/// BASIL (`<dir>/articles/<year>/<triplet>_<n>.json`) as a corpus, articles
/// in file order with ids equal to the file stems, text as
/// `scripts/basil_to_jsonl.py` writes it, and each article's event (its
/// triplet uuid). Only events whose uuid is accepted by `keep` are loaded.
pub fn basil(
    dir: &Path,
    stories: BasilStories,
    keep: impl Fn(&str) -> bool,
) -> Result<(Corpus, Vec<String>), String> {
    let articles_dir = dir.join("articles");
    let mut files = Vec::new();
    let years =
        std::fs::read_dir(&articles_dir).map_err(|e| format!("{}: {e}", articles_dir.display()))?;
    for year in years.flatten() {
        let Ok(entries) = std::fs::read_dir(year.path()) else {
            continue;
        };
        for f in entries.flatten() {
            let p = f.path();
            if p.extension().is_some_and(|e| e == "json") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut articles = Vec::new();
    let mut events = Vec::new();
    for path in files {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let a: BasilArticle =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        if !keep(&a.triplet) {
            continue;
        }
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let body: Vec<String> = a
            .paragraphs
            .iter()
            .map(|p| {
                p.iter()
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|p| !p.is_empty())
            .collect();
        let mut article = Article::new(id, body.join("\n\n"));
        article.title = a.title;
        article.outlet = a.source.map(|s| outlet_name(&s));
        article.date = a
            .date
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        article.url = a.url;
        article.story = match stories {
            BasilStories::ByEvent => a.triplet.clone(),
            BasilStories::One => "basil".to_string(),
        };
        events.push(a.triplet);
        articles.push(article);
    }
    Ok((Corpus::from_articles(articles), events))
}

/// One AllSides / NeuS story: a headline roundup with the left, centre and
/// right outlets' excerpts.
#[derive(Deserialize)]
struct NeusStory {
    id: u64,
    #[serde(default)]
    news: std::collections::BTreeMap<String, NeusArticle>,
}

#[derive(Deserialize)]
struct NeusArticle {
    #[serde(rename = "newsSource")]
    source: Option<String>,
    #[serde(rename = "newsTitle")]
    title: Option<String>,
    #[serde(rename = "newsLink")]
    url: Option<String>,
    #[serde(rename = "newBody", default)]
    body: Vec<String>,
}

/// The AllSides / NeuS stories (`<dir>/headline_11_2021-10-19_crawled_all.jsonl`,
/// one story per line) whose id `keep` accepts, all in one story: every
/// outlet's excerpt is an article (id `neus<story>_<side>`, with its outlet,
/// title and link; no date, since an excerpt states none), and its event is
/// the AllSides story. Stories of one topic ("Coronavirus", "Immigration")
/// are events of one kind: the hard case for telling events apart. A file
/// that cannot be read is an error naming it; a malformed line is skipped
/// with a warning in the corpus naming the file and line.
pub fn neus(dir: &Path, keep: impl Fn(u64) -> bool) -> Result<(Corpus, Vec<String>), String> {
    let path = dir.join("headline_11_2021-10-19_crawled_all.jsonl");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut articles = Vec::new();
    let mut events = Vec::new();
    let mut skipped = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        // A malformed line becomes a load warning; the other stories load.
        let story: NeusStory = match serde_json::from_str(line) {
            Ok(s) => s,
            Err(e) => {
                skipped.push(LoadWarning::new(
                    &path,
                    Some(n + 1),
                    format!("skipped: {e}"),
                ));
                continue;
            }
        };
        if !keep(story.id) {
            continue;
        }
        for (side, a) in &story.news {
            let body: Vec<&str> = a
                .body
                .iter()
                .map(|p| p.trim())
                .filter(|p| !p.is_empty())
                .collect();
            if body.is_empty() {
                continue;
            }
            let mut article = Article::new(format!("neus{}_{side}", story.id), body.join("\n\n"));
            article.title = a.title.clone();
            article.outlet = a.source.clone();
            article.url = a.url.clone();
            article.story = "neus".to_string();
            events.push(story.id.to_string());
            articles.push(article);
        }
    }
    let mut corpus = Corpus::from_articles(articles);
    corpus.warnings.extend(skipped);
    Ok((corpus, events))
}

/// Whether a NeuS story is in the validation split (one in four, by id):
/// training never sees it.
pub fn neus_validation(id: u64) -> bool {
    id % 4 == 0
}

/// BASIL's source codes spelled out, as its README names them.
fn outlet_name(code: &str) -> String {
    match code.to_ascii_lowercase().as_str() {
        "nyt" => "The New York Times".into(),
        "fox" => "Fox News".into(),
        "hpo" => "HuffPost".into(),
        _ => code.to_string(),
    }
}

/// A labelled pair of sentences.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledPair {
    /// Whether the two state the same thing.
    pub same: bool,
    /// First sentence.
    pub a: String,
    /// Second sentence.
    pub b: String,
}

/// MSRP (`Quality<TAB>#1 ID<TAB>#2 ID<TAB>#1 String<TAB>#2 String`, a header
/// line, a BOM): split on tabs only (the strings hold literal quotes).
pub fn msrp(path: &Path) -> Result<Vec<LabelledPair>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text
        .trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() == 5).then(|| LabelledPair {
                same: f[0] == "1",
                a: f[3].to_string(),
                b: f[4].to_string(),
            })
        })
        .collect())
}

/// A scored STS-B pair.
#[derive(Debug, Clone, PartialEq)]
pub struct StsPair {
    /// Genre (`main-news`, `main-captions`, `main-forums`).
    pub genre: String,
    /// Source file name within the genre (`MSRpar`, `headlines`, ...).
    pub file: String,
    /// Similarity, 0 to 5.
    pub score: f32,
    /// First sentence.
    pub a: String,
    /// Second sentence.
    pub b: String,
}

/// STS-B (`genre<TAB>file<TAB>year<TAB>id<TAB>score<TAB>s1<TAB>s2[...]`, no
/// header): split on tabs only.
pub fn stsb(path: &Path) -> Result<Vec<StsPair>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() < 7 {
                return None;
            }
            Some(StsPair {
                genre: f[0].to_string(),
                file: f[1].to_string(),
                score: f[4].trim().parse().ok()?,
                a: f[5].to_string(),
                b: f[6].to_string(),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basil_loads_when_present() {
        let dir = Path::new("../shared/data/basil");
        if !dir.exists() {
            return;
        }
        let (c, events) = basil(dir, BasilStories::ByEvent, |_| true).expect("loads");
        assert_eq!(c.articles.len(), 300);
        assert_eq!(events.len(), 300);
        let distinct: std::collections::BTreeSet<&String> = events.iter().collect();
        assert_eq!(distinct.len(), 100);
        // Each event its own story: the three articles of an event share
        // it, and no two events do.
        let stories: std::collections::BTreeSet<&String> =
            c.articles.iter().map(|a| &a.story).collect();
        assert_eq!(stories.len(), 100);
    }

    #[test]
    fn a_malformed_neus_line_is_skipped_with_its_line() {
        let dir = std::env::temp_dir().join(format!("crosscheck-neus-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let story = |id: u32| {
            format!(
                r#"{{"id": {id}, "news": {{"left": {{"newsSource": "Outlet", "newsTitle": "T", "newBody": ["The court ruled on Monday."]}}}}}}"#
            )
        };
        std::fs::write(
            dir.join("headline_11_2021-10-19_crawled_all.jsonl"),
            format!("{}\n{{not json\n\n{}\n", story(4), story(8)),
        )
        .expect("write");
        let (c, events) = neus(&dir, |_| true).expect("loads");
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(c.articles.len(), 2, "{:?}", c.warnings);
        assert_eq!(events, ["4", "8"]);
        assert_eq!(c.warnings.len(), 1);
        assert_eq!(c.warnings[0].line, Some(2));
        assert_eq!(c.articles[0].outlet.as_deref(), Some("Outlet"));
        assert!(c.articles[0].date.is_none(), "an excerpt states no date");
        // No file: an error naming it.
        let missing = neus(Path::new("/nonexistent-crosscheck"), |_| true);
        assert!(missing.is_err_and(|e| e.contains("headline_11")));
    }
}
