//! A hand-built analysis for the snapshot and behaviour tests: three
//! short articles whose claims, matches and facts are written out here,
//! not computed by the matcher, so that improving the matcher never
//! changes the browser's screens. It has one of everything the browser
//! shows: figures that differ (compatible and not), an agreement, a
//! contradiction with its polarity words, a related statement, a date
//! comparison, single-source claims, and one load warning.

use crosscheck::analysis::Analysis;
use crosscheck::claims::{Claim, ClaimKind, Figure, Qualifier};
use crosscheck::corpus::{Article, Corpus};
use crosscheck::matching::{
    DateComparison, Explanation, Fact, FactRelation, FigureComparison, Match, PolarityClash,
    Relation,
};

const A1: &str = "Troops confirmed at the front\n\n\
Pyongyang confirmed on Monday that as many as 14,000 soldiers fought in the region.\n\n\
Officials said 3,000 more were sent in January.\n\n\
The ministry called it an important contribution.\n\n\
A spokesman confirmed the deployment.\n";

const A2: &str = "Officials said 11,000-12,000 soldiers fought in the region.\n\n\
Another 3,000 were sent in January, officials said.\n\n\
The ministry denied the deployment.\n";

const A3: &str = "Reports said more than 10,000 soldiers fought in the region on Sunday.\n\n\
The weather was cold.\n";

/// The articles: with title, outlet and date; with outlet and date; with
/// nothing but text.
fn articles() -> Vec<Article> {
    let mut a1 = Article::new("wire-1", A1);
    a1.title = Some("Troops confirmed at the front".into());
    a1.outlet = Some("Daily Wire".into());
    a1.date = chrono::NaiveDate::from_ymd_opt(2025, 4, 28);
    a1.url = Some("https://example.com/wire-1".into());
    let mut a2 = Article::new("post-2", A2);
    a2.outlet = Some("Evening Post".into());
    a2.date = chrono::NaiveDate::from_ymd_opt(2025, 4, 27);
    let a3 = Article::new("notes-3", A3);
    vec![a1, a2, a3]
}

/// A claim of `article` (index `article`, text `text`) that is the
/// sentence `sentence`, with `figures` (text, qualifier, low, high).
fn claim(
    article: usize,
    text: &str,
    n: usize,
    sentence: &str,
    figures: &[(&str, Qualifier, Option<f64>, Option<f64>)],
) -> Claim {
    let start = text
        .find(sentence)
        .expect("fixture sentence in its article");
    let id = ["wire-1", "post-2", "notes-3"][article];
    Claim {
        id: format!("{id}/{n}"),
        article,
        sentence: n - 1,
        start,
        end: start + sentence.len(),
        text: sentence.to_string(),
        kinds: vec![if figures.is_empty() {
            ClaimKind::Statement
        } else {
            ClaimKind::Figure
        }],
        score: 0.5,
        figures: figures
            .iter()
            .map(|&(f, qualifier, low, high)| {
                let at = start + sentence.find(f).expect("figure in its sentence");
                Figure {
                    text: f.to_string(),
                    start: at,
                    end: at + f.len(),
                    low,
                    high,
                    qualifier,
                    unit: Some("soldiers".into()),
                    vague: false,
                }
            })
            .collect(),
        dates: Vec::new(),
        quotes: Vec::new(),
        attributed_to: sentence
            .starts_with("Officials")
            .then(|| "officials".to_string()),
        hedged: false,
    }
}

fn figure(ours: &str, theirs: &str, same: bool, compatible: bool) -> FigureComparison {
    FigureComparison {
        ours: ours.into(),
        theirs: theirs.into(),
        unit: Some("soldiers".into()),
        same,
        compatible,
        close: true,
    }
}

fn matched(
    claim: usize,
    article: usize,
    score: f32,
    relation: Relation,
    why: Explanation,
) -> Match {
    Match {
        claim,
        article,
        score,
        relation,
        why,
    }
}

fn terms(t: &[&str]) -> Vec<String> {
    t.iter().map(|s| (*s).to_string()).collect()
}

/// The fixture analysis.
pub fn analysis() -> Analysis {
    use Qualifier::{AtMost, Exact, MoreThan, Range};
    let claims =
        vec![
        claim(
            0,
            A1,
            1,
            "Pyongyang confirmed on Monday that as many as 14,000 soldiers fought in the region.",
            &[("as many as 14,000 soldiers", AtMost, None, Some(14_000.0))],
        ),
        claim(
            0,
            A1,
            2,
            "Officials said 3,000 more were sent in January.",
            &[("3,000", Exact, Some(3_000.0), Some(3_000.0))],
        ),
        claim(0, A1, 3, "The ministry called it an important contribution.", &[]),
        claim(0, A1, 4, "A spokesman confirmed the deployment.", &[]),
        claim(
            1,
            A2,
            1,
            "Officials said 11,000-12,000 soldiers fought in the region.",
            &[("11,000-12,000 soldiers", Range, Some(11_000.0), Some(12_000.0))],
        ),
        claim(
            1,
            A2,
            2,
            "Another 3,000 were sent in January, officials said.",
            &[("3,000", Exact, Some(3_000.0), Some(3_000.0))],
        ),
        claim(1, A2, 3, "The ministry denied the deployment.", &[]),
        claim(
            2,
            A3,
            1,
            "Reports said more than 10,000 soldiers fought in the region on Sunday.",
            &[("more than 10,000 soldiers", MoreThan, Some(10_000.0), None)],
        ),
        claim(2, A3, 2, "The weather was cold.", &[]),
    ];
    let region = |figs: Vec<FigureComparison>, dates: Vec<DateComparison>| Explanation {
        shared_terms: terms(&["soldiers", "fought", "region"]),
        figures: figs,
        dates,
        ..Explanation::default()
    };
    let monday_sunday = || {
        vec![DateComparison {
            ours: "on Monday".into(),
            theirs: "on Sunday".into(),
            same: false,
        }]
    };
    let sunday_monday = || {
        vec![DateComparison {
            ours: "on Sunday".into(),
            theirs: "on Monday".into(),
            same: false,
        }]
    };
    let sent = || Explanation {
        shared_terms: terms(&["sent", "january", "officials"]),
        figures: vec![figure("3,000", "3,000", true, true)],
        ..Explanation::default()
    };
    let clash = |ours: &str, theirs: &str| Explanation {
        shared_terms: terms(&["deployment"]),
        polarity: Some(PolarityClash {
            ours: ours.into(),
            theirs: theirs.into(),
        }),
        ..Explanation::default()
    };
    let ministry = || Explanation {
        shared_terms: terms(&["ministry"]),
        ..Explanation::default()
    };
    let matches = vec![
        vec![
            matched(
                4,
                1,
                0.81,
                Relation::Differs,
                region(
                    vec![figure(
                        "as many as 14,000 soldiers",
                        "11,000-12,000 soldiers",
                        false,
                        true,
                    )],
                    Vec::new(),
                ),
            ),
            matched(
                7,
                2,
                0.74,
                Relation::Differs,
                region(
                    vec![figure(
                        "as many as 14,000 soldiers",
                        "more than 10,000 soldiers",
                        false,
                        true,
                    )],
                    monday_sunday(),
                ),
            ),
        ],
        vec![matched(5, 1, 0.88, Relation::Agrees, sent())],
        vec![matched(6, 1, 0.41, Relation::Related, ministry())],
        vec![matched(
            6,
            1,
            0.77,
            Relation::Contradicts,
            clash("confirmed", "denied"),
        )],
        vec![
            matched(
                0,
                0,
                0.81,
                Relation::Differs,
                region(
                    vec![figure(
                        "11,000-12,000 soldiers",
                        "as many as 14,000 soldiers",
                        false,
                        true,
                    )],
                    Vec::new(),
                ),
            ),
            matched(
                7,
                2,
                0.79,
                Relation::Differs,
                region(
                    vec![figure(
                        "11,000-12,000 soldiers",
                        "more than 10,000 soldiers",
                        false,
                        true,
                    )],
                    Vec::new(),
                ),
            ),
        ],
        vec![matched(1, 0, 0.88, Relation::Agrees, sent())],
        vec![matched(
            3,
            0,
            0.77,
            Relation::Contradicts,
            clash("denied", "confirmed"),
        )],
        vec![
            matched(
                0,
                0,
                0.74,
                Relation::Differs,
                region(
                    vec![figure(
                        "more than 10,000 soldiers",
                        "as many as 14,000 soldiers",
                        false,
                        true,
                    )],
                    sunday_monday(),
                ),
            ),
            matched(
                4,
                1,
                0.79,
                Relation::Differs,
                region(
                    vec![figure(
                        "more than 10,000 soldiers",
                        "11,000-12,000 soldiers",
                        false,
                        true,
                    )],
                    Vec::new(),
                ),
            ),
        ],
        Vec::new(),
    ];
    let facts = vec![
        Fact {
            id: "F1".into(),
            label: "soldiers fought in the region".into(),
            claims: vec![0, 4, 7],
            articles: vec![0, 1, 2],
            relation: FactRelation::Differs,
        },
        Fact {
            id: "F2".into(),
            label: "3,000 more sent in January".into(),
            claims: vec![1, 5],
            articles: vec![0, 1],
            relation: FactRelation::Agrees,
        },
        Fact {
            id: "F3".into(),
            label: "the deployment confirmed / denied".into(),
            claims: vec![3, 6],
            articles: vec![0, 1],
            relation: FactRelation::Contradicts,
        },
    ];
    let mut corpus = Corpus::from_articles(articles());
    corpus.warnings.extend(
        crosscheck::corpus::load_paths(&[std::path::PathBuf::from(
            "/nonexistent/crosscheck-fixture.txt",
        )])
        .warnings,
    );
    Analysis::from_parts(corpus, claims, matches, facts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck::analysis::{ClaimStatus, FactCell};

    #[test]
    fn the_fixture_has_one_of_everything() {
        let a = analysis();
        assert_eq!(a.articles.len(), 3);
        for (i, c) in a.claims.iter().enumerate() {
            assert_eq!(
                &a.articles[c.article].text[c.start..c.end],
                c.text,
                "claim {i}"
            );
        }
        assert_eq!(a.status(0), ClaimStatus::Differs);
        assert_eq!(a.status(1), ClaimStatus::Corroborated);
        assert_eq!(a.status(2), ClaimStatus::SingleSource);
        assert_eq!(a.status(3), ClaimStatus::Contradicts);
        assert_eq!(a.status(8), ClaimStatus::SingleSource);
        assert_eq!(a.fact_cell(0, 2), FactCell::Differs(7));
        assert_eq!(a.fact_cell(1, 2), FactCell::Absent);
        assert_eq!(a.fact_cell(2, 1), FactCell::Contradicts(6));
        assert_eq!(a.facts.len(), 5, "two single-source facts added");
        assert_eq!(a.warnings.len(), 1);
    }
}
