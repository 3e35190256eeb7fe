//! A hand-built analysis of three stories (two, three and one sources)
//! for the story list's tests: each sentence is a claim and the facts are
//! written out here, not computed by the matcher, so that the story list's
//! screens change only when the browser does.

use crosscheck::analysis::Analysis;
use crosscheck::claims::{Claim, ClaimKind};
use crosscheck::corpus::{Article, Corpus};
use crosscheck::matching::{Explanation, Fact, FactRelation, Match, Relation};

/// Articles: (id, story, title, outlet, sentences).
const ARTICLES: [(&str, &str, &str, &str, &[&str]); 6] = [
    (
        "herald-1",
        "Harbour bridge approved",
        "Council approves harbour bridge",
        "Coast Herald",
        &[
            "The council approved the harbour bridge on Tuesday.",
            "The bridge will cost 40 million dollars.",
            "Work starts in May.",
        ],
    ),
    (
        "times-2",
        "Harbour bridge approved",
        "Harbour bridge gets the go-ahead",
        "Valley Times",
        &[
            "The harbour bridge was approved by the council on Tuesday.",
            "The bridge will cost 55 million dollars.",
        ],
    ),
    (
        "farm-3",
        "Record wheat harvest",
        "Record wheat harvest",
        "Farm Weekly",
        &[
            "Farmers gathered a record wheat harvest this year.",
            "Grain prices fell by a tenth.",
        ],
    ),
    (
        "grain-4",
        "Record wheat harvest",
        "Farmers report a record year",
        "Grain Journal",
        &[
            "This year's wheat harvest was a record, farmers said.",
            "Grain prices did not fall.",
        ],
    ),
    (
        "north-5",
        "Record wheat harvest",
        "Storage runs short after the harvest",
        "North Courier",
        &[
            "The wheat harvest set a record.",
            "Storage ran short in the north.",
        ],
    ),
    (
        "city-6",
        "Library reopens",
        "City library reopens",
        "City News",
        &[
            "The city library reopened after repairs.",
            "It now opens on Sundays.",
        ],
    ),
];

/// Facts: (relation, claims as (article, sentence)).
const FACTS: [(FactRelation, &[(usize, usize)]); 4] = [
    (FactRelation::Agrees, &[(0, 0), (1, 0)]),
    (FactRelation::Differs, &[(0, 1), (1, 1)]),
    (FactRelation::Agrees, &[(2, 0), (3, 0), (4, 0)]),
    (FactRelation::Contradicts, &[(2, 1), (3, 1)]),
];

/// The analysis: three stories; the claims of a fact match one another
/// with the fact's relation; every claim not in [`FACTS`] is a
/// single-source fact of its own.
pub fn analysis() -> Analysis {
    let mut articles = Vec::new();
    let mut claims = Vec::new();
    let mut first_claim = Vec::new();
    for (i, (id, story, title, outlet, sentences)) in ARTICLES.iter().enumerate() {
        let text = sentences.join(" ");
        first_claim.push(claims.len());
        for (n, s) in sentences.iter().enumerate() {
            let start = text.find(s).unwrap_or(0);
            claims.push(Claim {
                id: format!("{id}/{}", n + 1),
                article: i,
                sentence: n,
                start,
                end: start + s.len(),
                text: (*s).to_string(),
                kinds: vec![ClaimKind::Statement],
                score: 0.5,
                figures: Vec::new(),
                dates: Vec::new(),
                quotes: Vec::new(),
                attributed_to: None,
                hedged: false,
            });
        }
        let mut a = Article::new(*id, text);
        a.story = (*story).to_string();
        a.title = Some((*title).to_string());
        a.outlet = Some((*outlet).to_string());
        articles.push(a);
    }
    let mut matches: Vec<Vec<Match>> = vec![Vec::new(); claims.len()];
    for (relation, members) in FACTS {
        let relation = match relation {
            FactRelation::Differs => Relation::Differs,
            FactRelation::Contradicts => Relation::Contradicts,
            FactRelation::Agrees | FactRelation::Single => Relation::Agrees,
        };
        for &(a, s) in members {
            for &(b, t) in members.iter().filter(|m| m.0 != a) {
                matches[first_claim[a] + s].push(Match {
                    claim: first_claim[b] + t,
                    article: b,
                    score: 0.8,
                    relation,
                    why: Explanation::default(),
                });
            }
        }
    }
    let facts = FACTS
        .iter()
        .enumerate()
        .map(|(k, (relation, members))| {
            let claims: Vec<usize> = members.iter().map(|&(a, s)| first_claim[a] + s).collect();
            Fact {
                id: format!("F{}", k + 1),
                label: ARTICLES[members[0].0].4[members[0].1].to_string(),
                claims,
                articles: members.iter().map(|&(a, _)| a).collect(),
                relation: *relation,
            }
        })
        .collect();
    Analysis::from_parts(Corpus::from_articles(articles), claims, matches, facts)
}
