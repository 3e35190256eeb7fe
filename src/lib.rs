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
//! * [`search`] is the fuzzy finder over claims and titles;
//! * [`stories`] groups articles that name no story into stories.
//!
//! The terminal browser (`app`, `ui`) lives in the binary and only displays
//! what [`analysis::Analysis`] computes.

pub mod analysis;
pub mod cache;
pub mod claims;
pub mod corpus;
pub mod evaluation;
pub mod export;
pub mod matching;
pub mod progress;
pub mod search;
pub mod stories;
pub mod text;

pub use analysis::Analysis;
pub use corpus::{Article, Corpus};
