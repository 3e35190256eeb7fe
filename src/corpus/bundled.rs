//! The bundled article set (`data/articles/`), compiled into the binary so
//! that `crosscheck` with no paths works from any directory.

use super::load::{load_text, Format};
use super::metadata::Metadata;
use super::{Corpus, LoadWarning};
use std::path::Path;

/// `(file name, contents)` of every bundled article, in id order.
const ARTICLES: &[(&str, &str)] = &[
    (
        "000_17eb8960eab48163.txt",
        include_str!("../../data/articles/000_17eb8960eab48163.txt"),
    ),
    (
        "001_8ebb7f63f9c61a6b.txt",
        include_str!("../../data/articles/001_8ebb7f63f9c61a6b.txt"),
    ),
    (
        "002_fe29721971e4e166.txt",
        include_str!("../../data/articles/002_fe29721971e4e166.txt"),
    ),
    (
        "003_c2ed4b80ef03a61d.txt",
        include_str!("../../data/articles/003_c2ed4b80ef03a61d.txt"),
    ),
    (
        "004_6567a31e3247bcbb.txt",
        include_str!("../../data/articles/004_6567a31e3247bcbb.txt"),
    ),
];

const METADATA: &str = include_str!("../../data/articles/metadata.toml");

/// The bundled articles with their metadata, exactly as if loaded from
/// `data/articles/`.
pub fn bundled() -> Corpus {
    let mut corpus = Corpus::default();
    let meta = match Metadata::parse(METADATA) {
        Ok(m) => Some(m),
        Err((line, message)) => {
            corpus.warnings.push(LoadWarning::new(
                "data/articles/metadata.toml",
                line,
                message,
            ));
            None
        }
    };
    for (name, text) in ARTICLES {
        let path = Path::new("data/articles").join(name);
        let stem = name.trim_end_matches(".txt");
        load_text(
            &path,
            stem,
            text.to_string(),
            Format::Text,
            meta.as_ref(),
            &mut corpus,
        );
    }
    corpus
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_set_loads_with_stated_metadata_only() {
        let c = bundled();
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        assert_eq!(c.articles.len(), 5);
        assert!(c.articles.iter().all(|a| a.outlet.is_none()));
        assert!(c
            .articles
            .iter()
            .all(|a| a.story == "north-korea-troops-russia-2025-04"));
        let dated: Vec<_> = c
            .articles
            .iter()
            .filter(|a| a.date.is_some())
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(dated, ["003_c2ed4b80ef03a61d"]);
    }

    #[test]
    fn bundled_texts_are_the_seed_files_byte_for_byte() {
        for (name, text) in ARTICLES {
            let on_disk = std::fs::read(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("data/articles")
                    .join(name),
            )
            .unwrap();
            assert_eq!(on_disk, text.as_bytes(), "{name}");
        }
    }
}
