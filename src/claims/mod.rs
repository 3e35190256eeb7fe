//! Claims: which sentences state check-worthy facts, and what is in them
//! (figures, dates, quotes with speakers, attribution).
//!
//! One file per concept: [`figures`] (numbers as intervals over a normalised
//! unit), [`dates`] (resolved against the article's date only when it is
//! known), [`quotes`] (paired over the whole text, with speakers),
//! [`attribution`] (who asserts a sentence, hedges), and `extract` (which
//! sentences are claims, and their check-worthiness score). Regexes are
//! compiled once; every scan is linear in the text, apart from small
//! per-quote look-backs.

pub mod attribution;
pub mod dates;
mod extract;
pub mod figures;
pub mod quotes;

pub use extract::{extract, is_claim_text};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Why a sentence is check-worthy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// It states a number (a count, an amount of money, a percentage).
    Figure,
    /// It quotes someone directly.
    Quote,
    /// It says who asserts it ("according to the FAA").
    Attribution,
    /// It dates an event ("on June 19, 2024", "last year").
    DatedEvent,
    /// It states an event or fact without any of the above.
    Statement,
}

/// How a figure's number bounds the true value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// Exactly this number ("12 dead").
    Exact,
    /// Approximately ("around 4,000", "about", "nearly", "some").
    About,
    /// At least, inclusive ("at least 1,000").
    AtLeast,
    /// Strictly more ("more than 10,000", "over").
    MoreThan,
    /// At most, inclusive ("as many as 14,000", "up to").
    AtMost,
    /// Strictly fewer ("fewer than", "less than", "under").
    LessThan,
    /// A range ("11,000-12,000", "between 11,000 and 12,000").
    Range,
}

/// A number stated in a claim, as an interval over the thing counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The words of the figure as printed ("as many as 14,000 workers");
    /// exactly the article's text in `start..end`.
    pub text: String,
    /// Byte offset into the article text.
    pub start: usize,
    /// Byte offset one past the figure.
    pub end: usize,
    /// Lower bound, where there is one. For `Exact` and `About` figures
    /// `low == high ==` the printed value (no band is invented for "about";
    /// the qualifier says it is approximate).
    pub low: Option<f64>,
    /// Upper bound, where there is one.
    pub high: Option<f64>,
    /// How the printed number bounds the value.
    pub qualifier: Qualifier,
    /// What is counted, normalised: a counted noun's synonym-class label
    /// or singular ("worker", "car"), a toll (`killed`, `injured`,
    /// `casualties`), money (`usd`), `percent`, `percentage points`, a rate
    /// ("car per year"); `None` when the number counts nothing stated.
    pub unit: Option<String>,
    /// A vague amount ("thousands", "dozens"): never compared with an exact
    /// figure, since it cannot differ from one.
    pub vague: bool,
}

/// Most figures kept per claim: a sentence listing hundreds of numbers is a
/// table, and comparing figures pairwise must stay cheap.
pub const MAX_FIGURES: usize = 32;

/// A date mentioned in a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    /// As printed ("June 19, 2024", "April 28", "last year").
    pub text: String,
    /// Byte offset into the article text.
    pub start: usize,
    /// Byte offset one past the date.
    pub end: usize,
    /// The date, where it is fully stated or resolved against the article's
    /// date; for a month or year only, its first day.
    pub date: Option<NaiveDate>,
    /// How much of the date is known.
    pub precision: DatePrecision,
}

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    /// Day, month and year.
    Day,
    /// Month and year.
    Month,
    /// Year only.
    Year,
    /// Not resolvable (no article date to resolve "last year" against).
    Unresolved,
}

/// Words quoted directly, with who said them where the text tells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the outer quotation marks; exactly the
    /// article's text in `start..end` (a quote continued over a paragraph
    /// break keeps the inner break and opening mark).
    pub text: String,
    /// Byte offset of the quoted words in the article text.
    pub start: usize,
    /// Byte offset one past the quoted words.
    pub end: usize,
    /// The speaker ("Olaf Scholz", "Ana Ruiz", "the FAA").
    pub speaker: Option<String>,
    /// A scare quote or short quoted phrase (at most three words, not
    /// ending like a sentence: "heroism", "by the order", "not happy"),
    /// as opposed to a quoted statement.
    pub scare: bool,
}

/// A check-worthy sentence of one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// `"<article id>/<n>"`, n counting the article's claims from 1.
    pub id: String,
    /// Index of the article in the analysed corpus.
    pub article: usize,
    /// Index of the sentence in the article's document.
    pub sentence: usize,
    /// Byte offset into the article text.
    pub start: usize,
    /// Byte offset one past the claim; `text == article.text[start..end]`.
    pub end: usize,
    /// Exactly the article's text in `start..end`.
    pub text: String,
    /// Why it is check-worthy, most specific first.
    pub kinds: Vec<ClaimKind>,
    /// Check-worthiness, 0 to 1.
    pub score: f32,
    /// Figures stated.
    pub figures: Vec<Figure>,
    /// Dates stated.
    pub dates: Vec<DateMention>,
    /// Direct quotes overlapping the claim. A quote without a speaker of its
    /// own that lies inside a sentence with a named source gets that source
    /// as its speaker here.
    pub quotes: Vec<Quote>,
    /// Who asserts the claim ("French officials", "the FAA"), if stated.
    pub attributed_to: Option<String>,
    /// Whether the claim is hedged ("reportedly", "allegedly", "is believed
    /// to"), whether or not a source is named.
    pub hedged: bool,
}
