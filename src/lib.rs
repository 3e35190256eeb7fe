//! crosscheck: read several outlets' coverage of one story side by side and
//! cross-check what each one claims.
//!
//! The library is the whole engine and has no terminal code in it:
//!
//! * [`corpus`] loads articles (plain text, Markdown, JSON, JSONL) and reports
//!   bad files without losing the good ones;
//! * [`text`] splits an article into blocks (paragraphs, headings, bullets,
//!   captions, boilerplate) and sentences with exact byte offsets, and
//!   normalises words for matching;
//! * [`claims`] decides which sentences are claims and extracts their figures,
//!   dates, quotes and attributions;
//! * [`matching`] finds, for every claim, the best counterpart in every other
//!   source, explains the score as a sum of named features, and groups claims
//!   into facts;
//! * [`analysis`] runs the whole pipeline over a corpus, reporting
//!   [`progress`];
//! * [`export`] writes an analysis as JSON (`crosscheck/1`) or Markdown;
//! * [`cache`] keeps finished analyses, keyed by their inputs;
//! * [`search`] is the finder over claims and titles (fzf's query syntax);
//! * [`stories`] groups articles that name no story into stories;
//! * [`verdicts`] keeps what the person cross-checking concluded about each
//!   claim (checked, disputed, false, needs a source).
//!
//! The terminal browser (`src/tui/`) lives in the binary and only displays
//! what [`analysis::Analysis`] computes.

// The modules under rework (issues 7 and 10) are to meet the pedantic lints
// of `[lints.clippy]` when the rework lands; until then they are exempt.
#[allow(clippy::pedantic)]
pub mod analysis;
pub mod cache;
#[allow(clippy::pedantic)]
pub mod claims;
#[allow(clippy::pedantic)]
pub mod corpus;
#[allow(clippy::pedantic)]
pub mod evaluation;
pub mod export;
#[allow(clippy::pedantic)]
pub mod lexicon;
#[allow(clippy::pedantic)]
pub mod matching;
pub mod progress;
pub mod search;
pub mod stories;
pub mod story_summary;
#[allow(clippy::pedantic)]
pub mod text;
pub mod verdicts;

pub use analysis::Analysis;
pub use corpus::{Article, Corpus};
