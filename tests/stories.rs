//! Story grouping through the pipeline, and its quality on BASIL's held-out
//! events (`../shared/data/basil`; skipped when the folder is absent).

use crosscheck::corpus::{self, Article, Corpus, DEFAULT_STORY};
use crosscheck::stories::{self, StoryConfig};
use crosscheck::Analysis;
use std::collections::HashMap;
use std::path::Path;

/// BASIL's articles dated after `after_year` with their event ids, read
/// like `scripts/basil_to_jsonl.py --story none` does.
fn basil(after_year: i32) -> Option<(Vec<Article>, Vec<String>)> {
    let root = Path::new("../shared/data/basil/articles");
    let mut files: Vec<_> = std::fs::read_dir(root)
        .ok()?
        .flatten()
        .flat_map(|y| std::fs::read_dir(y.path()).into_iter().flatten().flatten())
        .map(|f| f.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let (mut arts, mut events) = (Vec::new(), Vec::new());
    for p in files {
        let text = std::fs::read_to_string(&p).ok()?;
        let v: serde_json::Value = serde_json::from_str(&text).ok()?;
        let date = v["date"]
            .as_str()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok());
        if date.is_none_or(|d| chrono::Datelike::year(&d) <= after_year) {
            continue;
        }
        let paragraphs: Vec<String> = v["body-paragraphs"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| {
                p.as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|s| s.as_str())
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|p| !p.is_empty())
            .collect();
        let stem = p.file_stem()?.to_string_lossy().into_owned();
        let mut a = Article::new(stem, paragraphs.join("\n\n"));
        a.title = v["title"].as_str().map(str::to_string);
        a.date = date;
        arts.push(a);
        events.push(v["triplet-uuid"].as_str()?.to_string());
    }
    Some((arts, events))
}

#[test]
fn held_out_basil_events_are_grouped() {
    // The setting was fitted on the events of 2010-2014 (examples/stories.rs).
    let Some((arts, events)) = basil(2014) else {
        return;
    };
    assert_eq!(arts.len(), 150);
    let groups = stories::group(&arts, &StoryConfig::default());
    let mut of: HashMap<usize, usize> = HashMap::new();
    for (g, members) in groups.iter().enumerate() {
        for &i in members {
            of.insert(i, g);
        }
    }
    let (mut tp, mut pred, mut gold) = (0u32, 0u32, 0u32);
    for i in 0..arts.len() {
        for j in i + 1..arts.len() {
            let p = of[&i] == of[&j];
            let t = events[i] == events[j];
            tp += u32::from(p && t);
            pred += u32::from(p);
            gold += u32::from(t);
        }
    }
    let (tp, pred, gold) = (f64::from(tp), f64::from(pred), f64::from(gold));
    let (precision, recall) = (tp / pred, tp / gold);
    // Measured: precision 1.000, recall 0.933 (README, "Many stories").
    assert!(precision >= 0.95, "precision {precision:.3}");
    assert!(recall >= 0.90, "recall {recall:.3}");
}

fn art(id: &str, date: &str, text: &str) -> Article {
    let mut a = Article::new(id, text);
    a.date = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
    a
}

#[test]
fn the_pipeline_compares_claims_within_a_story_only() {
    let corpus = Corpus::from_articles([
        art("q1", "2024-03-02", "An earthquake of magnitude 6.8 struck near the Kermadec Islands on Saturday, the geological survey said. Tsunami sirens sounded in Tonga and 3,000 residents of Nukualofa moved to higher ground."),
        art("s1", "2024-03-03", "Dockworkers at the port of Rotterdam walked out on Sunday in a dispute over pay. The union FNV said 4,200 workers joined the strike at the container terminals."),
        art("q2", "2024-03-02", "A magnitude 6.8 earthquake near the Kermadec Islands set off tsunami sirens in Tonga, the geological survey said, and 3,000 residents of Nukualofa moved to higher ground."),
        art("s2", "2024-03-03", "The union FNV said 4,200 dockworkers at the port of Rotterdam joined a strike over pay on Sunday, halting the container terminals."),
    ]);
    let an = Analysis::build(corpus);
    assert_eq!(an.articles[0].story, an.articles[2].story);
    assert_eq!(an.articles[1].story, an.articles[3].story);
    assert_ne!(an.articles[0].story, an.articles[1].story);
    assert!(an.articles.iter().all(|a| a.story != DEFAULT_STORY));
    assert_eq!(an.other_sources(0), vec![2]);
    for (c, ms) in an.matches.iter().enumerate() {
        let story = &an.articles[an.claims[c].article].story;
        for m in ms {
            assert_eq!(&an.articles[m.article].story, story);
        }
    }
    // The quake's claims do find each other.
    assert!(an.matches.iter().any(|ms| !ms.is_empty()));
}

#[test]
fn the_bundled_set_keeps_its_story() {
    let an = Analysis::build(corpus::bundled());
    assert!(an
        .articles
        .iter()
        .all(|a| a.story == "north-korea-troops-russia-2025-04"));
}
