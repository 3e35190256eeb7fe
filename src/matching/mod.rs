//! Matching claims across sources.
//!
//! For every claim and every other article of its story, the best matching
//! claim there (if any passes the threshold), with a score that is a sum of
//! named features ([`Feature`]) squashed to 0-1, an explanation, and a
//! [`Relation`]. Claims that state the same fact are then grouped into
//! [`Fact`]s.
//!
//! Candidate generation is an inverted index over rare terms, entities and
//! figures, so the work grows with the number of shared rare terms, not with
//! the square of the number of claims.

mod cluster;
pub mod context;
pub mod copies;
mod facts;
pub mod features;
mod index;
pub mod learn;
mod lexical;
pub mod matcher;
pub mod model;
pub mod profile;
pub mod surface;

pub use facts::group_facts;
pub use features::{pair_score, PairScore};
pub use matcher::{match_claims, MatchConfig};
pub use model::{Model, Params};

use serde::{Deserialize, Serialize};

/// How a matched claim relates to the claim it was matched to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Same statement; any figures are the same.
    Agrees,
    /// Same statement about the same quantity, with different figures.
    Differs,
    /// Same topic, a different statement.
    Related,
    /// The same statement with the opposite polarity: one source says it
    /// happened (or is so), the other that it did not ("confirmed" vs
    /// "denied", "will" vs "will not").
    Contradicts,
}

impl Relation {
    /// Upper-case badge used in reports and the terminal browser.
    pub fn badge(self) -> &'static str {
        match self {
            Relation::Agrees => "AGREES",
            Relation::Differs => "DIFFERS",
            Relation::Related => "RELATED",
            Relation::Contradicts => "CONTRADICTS",
        }
    }
}

/// One named contribution to a match score (a weight times a feature value).
/// (`Deserialize` is in `crate::cache`: the name is interned.)
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Feature {
    /// Stable name of the feature ("term_overlap", "same_figure", ...).
    pub name: &'static str,
    /// The feature's raw value.
    pub value: f32,
    /// Its contribution to the score's log-odds (weight times value).
    pub contribution: f32,
}

/// Two figures about the same quantity that were compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureComparison {
    /// The figure as printed in the claim being matched.
    pub ours: String,
    /// The figure as printed in the matched claim.
    pub theirs: String,
    /// What both count ("troops").
    pub unit: Option<String>,
    /// Whether both state the same interval.
    pub same: bool,
    /// Whether the intervals overlap, so both may be true.
    pub compatible: bool,
    /// Whether they plausibly estimate the same quantity: compatible, or
    /// central values within a factor of 1.5.
    pub close: bool,
}

impl FigureComparison {
    /// "14,000 vs 11,000-12,000: ranges compatible".
    pub fn describe(&self) -> String {
        let verdict = if self.same {
            "same figure"
        } else if self.compatible {
            "ranges compatible"
        } else {
            "ranges incompatible"
        };
        format!("{} vs {}: {verdict}", self.ours, self.theirs)
    }
}

/// Two dates given for the same event, compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateComparison {
    /// The date as printed in the claim being matched ("on Tuesday").
    pub ours: String,
    /// The date as printed in the matched claim ("on Friday").
    pub theirs: String,
    /// Whether both resolve to the same day (or one contains the other:
    /// "in April" and "on April 28").
    pub same: bool,
}

impl DateComparison {
    /// "on Tuesday vs on Friday: dates differ".
    pub fn describe(&self) -> String {
        let verdict = if self.same {
            "same date"
        } else {
            "dates differ"
        };
        format!("{} vs {}: {verdict}", self.ours, self.theirs)
    }
}

/// Opposite polarity of the same statement: the words that say so on each
/// side ("confirmed" vs "denied", "will" vs "will not").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolarityClash {
    /// The polar words of the claim being matched.
    pub ours: String,
    /// The polar words of the matched claim.
    pub theirs: String,
}

impl PolarityClash {
    /// "confirmed vs denied: opposite".
    pub fn describe(&self) -> String {
        format!("{} vs {}: opposite", self.ours, self.theirs)
    }
}

/// Why two claims were matched.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// Every feature that contributed, largest contribution first.
    pub features: Vec<Feature>,
    /// Content words both claims use (normalised forms as in the claim).
    pub shared_terms: Vec<String>,
    /// Names both claims mention (canonical forms).
    pub shared_entities: Vec<String>,
    /// Words of this claim that the other says with a related word
    /// ("bought", "acquired"), as printed: what `related_words` counted.
    pub related_terms: Vec<(String, String)>,
    /// Figures about the same quantity, compared.
    pub figures: Vec<FigureComparison>,
    /// Dates of the same event, compared.
    pub dates: Vec<DateComparison>,
    /// Where the two claims state the same thing with opposite polarity.
    pub polarity: Option<PolarityClash>,
}

impl Explanation {
    /// A one-line summary for reports: shared entities, terms and figures.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if !self.figures.is_empty() {
            let f: Vec<String> = self
                .figures
                .iter()
                .map(FigureComparison::describe)
                .collect();
            parts.push(format!("figures: {}", f.join("; ")));
        }
        if !self.dates.is_empty() {
            let d: Vec<String> = self.dates.iter().map(DateComparison::describe).collect();
            parts.push(format!("dates: {}", d.join("; ")));
        }
        if let Some(p) = &self.polarity {
            parts.push(format!("polarity: {}", p.describe()));
        }
        if !self.shared_entities.is_empty() {
            parts.push(format!("entities: {}", self.shared_entities.join(", ")));
        }
        if !self.shared_terms.is_empty() {
            parts.push(format!("terms: {}", self.shared_terms.join(", ")));
        }
        if !self.related_terms.is_empty() {
            let r: Vec<String> = self
                .related_terms
                .iter()
                .map(|(a, b)| format!("{a} ~ {b}"))
                .collect();
            parts.push(format!("related words: {}", r.join(", ")));
        }
        parts.join("; ")
    }
}

/// The best counterpart of a claim in one other article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Match {
    /// Index of the matched claim.
    pub claim: usize,
    /// Index of the matched claim's article.
    pub article: usize,
    /// Match score, 0 to 1.
    pub score: f32,
    /// Agrees, differs or related.
    pub relation: Relation,
    /// Why.
    pub why: Explanation,
}

/// Whether the sources of a fact agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactRelation {
    /// Several sources, same figures.
    Agrees,
    /// Several sources, figures or dates differ.
    Differs,
    /// Several sources, and one says the opposite of another.
    Contradicts,
    /// Reported by one source only.
    Single,
}

/// Claims from one or more sources that state the same fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// `"F<n>"`, numbered by coverage (most sources first).
    pub id: String,
    /// A short label for lists and the matrix.
    pub label: String,
    /// Indices of the claims stating it.
    pub claims: Vec<usize>,
    /// Indices of the articles reporting it, ascending.
    pub articles: Vec<usize>,
    /// Whether the sources agree, differ, or it is single-source.
    pub relation: FactRelation,
}
