//! Writing an [`Analysis`] as JSON (schema `crosscheck/1`) or as a Markdown
//! report.

use crate::analysis::Analysis;
use crate::matching::FactRelation;
use crate::verdicts::VerdictStore;
use serde::Serialize;
use std::fmt::Write as _;

/// The JSON document, exactly as specified by `crosscheck/1`.
#[derive(Debug, Serialize)]
pub struct ExportDoc<'a> {
    /// Always `"crosscheck/1"`.
    pub schema: &'static str,
    /// One entry per article.
    pub articles: Vec<ArticleOut<'a>>,
    /// One entry per claim.
    pub claims: Vec<ClaimOut<'a>>,
    /// One entry per fact.
    pub facts: Vec<FactOut<'a>>,
    /// The verdicts given in the browser, where there are any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub verdicts: Vec<VerdictOut<'a>>,
}

/// A verdict in the export.
#[derive(Debug, Serialize)]
pub struct VerdictOut<'a> {
    /// Claim id, or `null` when the claim is no longer found.
    pub claim: Option<&'a str>,
    /// Article id.
    pub article: &'a str,
    /// The claim's text.
    pub text: &'a str,
    pub verdict: crate::verdicts::Verdict,
    pub note: Option<&'a str>,
}

/// An article in the export.
#[derive(Debug, Serialize)]
pub struct ArticleOut<'a> {
    pub id: &'a str,
    pub title: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub date: Option<String>,
    pub url: Option<&'a str>,
    pub path: Option<&'a str>,
    pub story: &'a str,
    /// Number of claims.
    pub claims: usize,
}

/// A claim in the export.
#[derive(Debug, Serialize)]
pub struct ClaimOut<'a> {
    pub id: &'a str,
    /// Article id.
    pub article: &'a str,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub kinds: &'a [crate::claims::ClaimKind],
    pub score: f32,
    pub figures: Vec<FigureOut<'a>>,
    pub quotes: Vec<QuoteOut<'a>>,
    pub attributed_to: Option<&'a str>,
    /// The best match in each other article, copies of the same sentence
    /// first, at most [`MAX_EXPORTED_MATCHES`].
    pub matches: Vec<MatchOut<'a>>,
    /// Matches left out beyond [`MAX_EXPORTED_MATCHES`] (a sentence printed
    /// by thousands of outlets); absent when none were.
    #[serde(skip_serializing_if = "is_zero")]
    pub more_matches: usize,
}

/// Most matches listed per claim: the export stays in proportion to the
/// sources, not to their square, when one sentence is printed everywhere;
/// the facts list every source of a fact.
pub const MAX_EXPORTED_MATCHES: usize = 100;

/// For `skip_serializing_if`, which passes a reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A figure in the export.
#[derive(Debug, Serialize)]
pub struct FigureOut<'a> {
    pub text: &'a str,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: crate::claims::Qualifier,
    pub unit: Option<&'a str>,
}

/// A quote in the export.
#[derive(Debug, Serialize)]
pub struct QuoteOut<'a> {
    pub text: &'a str,
    pub speaker: Option<&'a str>,
}

/// A match in the export.
#[derive(Debug, Serialize)]
pub struct MatchOut<'a> {
    /// Claim id.
    pub claim: &'a str,
    /// Article id.
    pub article: &'a str,
    pub score: f32,
    pub relation: crate::matching::Relation,
    /// One-line explanation.
    pub why: String,
}

/// A fact in the export.
#[derive(Debug, Serialize)]
pub struct FactOut<'a> {
    pub id: &'a str,
    pub label: &'a str,
    /// Claim ids.
    pub claims: Vec<&'a str>,
    /// Article ids.
    pub articles: Vec<&'a str>,
    pub relation: FactRelation,
}

/// Builds the `crosscheck/1` document for `analysis`.
pub fn to_doc(an: &Analysis) -> ExportDoc<'_> {
    ExportDoc {
        schema: "crosscheck/1",
        articles: (0..an.articles.len()).map(|i| article_out(an, i)).collect(),
        claims: (0..an.claims.len()).map(|ci| claim_out(an, ci)).collect(),
        facts: an.facts.iter().map(|f| fact_out(an, f)).collect(),
        verdicts: Vec::new(),
    }
}

/// Article `i` as exported.
fn article_out(an: &Analysis, i: usize) -> ArticleOut<'_> {
    let a = &an.articles[i];
    ArticleOut {
        id: &a.id,
        title: a.title.as_deref(),
        outlet: a.outlet.as_deref(),
        date: a.date.map(|d| d.format("%Y-%m-%d").to_string()),
        url: a.url.as_deref(),
        path: a.path.as_deref(),
        story: &a.story,
        claims: an.claims_of(i).len(),
    }
}

/// Claim `ci` as exported, with its figures, quotes and matches.
fn claim_out(an: &Analysis, ci: usize) -> ClaimOut<'_> {
    let c = &an.claims[ci];
    ClaimOut {
        id: &c.id,
        article: &an.articles[c.article].id,
        start: c.start,
        end: c.end,
        text: &c.text,
        kinds: &c.kinds,
        score: round3(c.score),
        figures: c
            .figures
            .iter()
            .map(|f| FigureOut {
                text: &f.text,
                low: f.low,
                high: f.high,
                qualifier: f.qualifier,
                unit: f.unit.as_deref(),
            })
            .collect(),
        quotes: c
            .quotes
            .iter()
            .map(|q| QuoteOut {
                text: &q.text,
                speaker: q.speaker.as_deref(),
            })
            .collect(),
        attributed_to: c.attributed_to.as_deref(),
        matches: an
            .matches_of(ci)
            .take(MAX_EXPORTED_MATCHES)
            .map(|m| MatchOut {
                claim: &an.claims[m.claim].id,
                article: &an.articles[m.article].id,
                score: round3(m.score),
                relation: m.relation,
                why: m.why.summary(),
            })
            .collect(),
        more_matches: an.match_count(ci).saturating_sub(MAX_EXPORTED_MATCHES),
    }
}

/// A fact as exported.
fn fact_out<'a>(an: &'a Analysis, f: &'a crate::matching::Fact) -> FactOut<'a> {
    FactOut {
        id: &f.id,
        label: &f.label,
        claims: f.claims.iter().map(|&c| an.claims[c].id.as_str()).collect(),
        articles: f
            .articles
            .iter()
            .map(|&a| an.articles[a].id.as_str())
            .collect(),
        relation: f.relation,
    }
}

/// The `crosscheck/1` document built one article, claim and fact at a time
/// as it is serialised, so that a large export never holds the whole
/// [`ExportDoc`] (or the whole JSON text) in memory. Same fields, same order.
struct StreamedDoc<'a>(&'a Analysis, Vec<VerdictOut<'a>>);

/// A JSON array whose items are made by the function as they are written.
struct StreamedSeq<F>(F);

impl<F, I> Serialize for StreamedSeq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

impl Serialize for StreamedDoc<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let an = self.0;
        let mut doc = s.serialize_struct("ExportDoc", 4 + usize::from(!self.1.is_empty()))?;
        doc.serialize_field("schema", "crosscheck/1")?;
        doc.serialize_field(
            "articles",
            &StreamedSeq(|| (0..an.articles.len()).map(|i| article_out(an, i))),
        )?;
        doc.serialize_field(
            "claims",
            &StreamedSeq(|| (0..an.claims.len()).map(|ci| claim_out(an, ci))),
        )?;
        doc.serialize_field(
            "facts",
            &StreamedSeq(|| an.facts.iter().map(|f| fact_out(an, f))),
        )?;
        if !self.1.is_empty() {
            doc.serialize_field("verdicts", &self.1)?;
        }
        doc.end()
    }
}

/// The verdicts of `store` for the export, in the order they were given.
fn verdicts_out<'a>(an: &'a Analysis, store: &'a VerdictStore) -> Vec<VerdictOut<'a>> {
    store
        .resolve(an)
        .into_iter()
        .zip(store.entries())
        .map(|(c, e)| VerdictOut {
            claim: c.map(|c| an.claims[c].id.as_str()),
            article: &e.article,
            text: &e.text,
            verdict: e.verdict,
            note: (!e.note.is_empty()).then_some(e.note.as_str()),
        })
        .collect()
}

/// The analysis as `crosscheck/1` JSON with a `verdicts` section (left out
/// when `store` is empty).
pub fn to_json_with_verdicts(an: &Analysis, store: &VerdictStore) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail, and serde_json writes only UTF-8.
    let _ = write_json_with_verdicts(an, store, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`write_json`] with a `verdicts` section (left out when `store` is
/// empty).
pub fn write_json_with_verdicts<W: std::io::Write>(
    an: &Analysis,
    store: &VerdictStore,
    out: W,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(out, &StreamedDoc(an, verdicts_out(an, store)))
        .map_err(std::io::Error::from)
}

/// The Markdown report with a "Verdicts" section (left out when `store` is
/// empty).
pub fn to_markdown_with_verdicts(an: &Analysis, store: &VerdictStore) -> String {
    let mut out = to_markdown(an);
    let verdicts = verdicts_out(an, store);
    if verdicts.is_empty() {
        return out;
    }
    let _ = writeln!(out, "\n## Verdicts ({})\n", verdicts.len());
    let _ = writeln!(out, "| claim | verdict | note | text |");
    let _ = writeln!(out, "|---|---|---|---|");
    for v in &verdicts {
        let claim = v.claim.map_or_else(
            || format!("{} (claim not found)", md_cell(v.article)),
            md_cell,
        );
        let _ = writeln!(
            out,
            "| `{claim}` | **{}** | {} | {} |",
            v.verdict.label(),
            md_cell(v.note.unwrap_or("–")),
            md_cell(v.text)
        );
    }
    out
}

fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

/// The analysis as pretty-printed `crosscheck/1` JSON.
pub fn to_json(an: &Analysis) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail, and serde_json writes only UTF-8.
    let _ = write_json(an, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the analysis as pretty-printed `crosscheck/1` JSON (the same
/// text as [`to_json`]) to `out` as it is built, without holding the
/// document in memory. The only possible error is `out`'s own, returned
/// as it was (so a closed pipe can be told from a full disk).
pub fn write_json<W: std::io::Write>(an: &Analysis, out: W) -> std::io::Result<()> {
    serde_json::to_writer_pretty(out, &StreamedDoc(an, Vec::new())).map_err(std::io::Error::from)
}

/// A readable Markdown report: sources, then fact by fact with the sources
/// side by side and differing figures in bold.
pub fn to_markdown(an: &Analysis) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# crosscheck report\n");
    let _ = writeln!(out, "## Sources\n");
    let _ = writeln!(out, "| # | article | title | outlet | date | claims |");
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for (i, a) in an.articles.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} | {} |",
            i + 1,
            md_cell(&a.id),
            md_cell(&a.display_title()),
            md_cell(a.outlet.as_deref().unwrap_or("–")),
            a.date
                .map_or("–".to_string(), |d| d.format("%Y-%m-%d").to_string()),
            an.claims_of(i).len()
        );
    }
    let shared: Vec<_> = an.shared_facts().collect();
    let single = an.facts.len() - shared.len();
    let _ = writeln!(
        out,
        "\n## Facts reported by several sources ({})\n",
        shared.len()
    );
    for f in shared {
        let badge = match f.relation {
            FactRelation::Differs => "**figures differ**",
            FactRelation::Contradicts => "**contradicts**",
            FactRelation::Agrees => "agree",
            FactRelation::Single => "single source",
        };
        let _ = writeln!(
            out,
            "### {} {} ({} sources, {badge})\n",
            md_cell(&f.id),
            md_cell(&f.label),
            f.articles.len()
        );
        let _ = writeln!(out, "| source | claim |");
        let _ = writeln!(out, "|---|---|");
        for &c in &f.claims {
            let claim = &an.claims[c];
            let mut text = md_cell(&claim.text);
            if matches!(
                f.relation,
                FactRelation::Differs | FactRelation::Contradicts
            ) {
                for fig in &claim.figures {
                    let t = md_cell(&fig.text);
                    text = text.replacen(&t, &format!("**{t}**"), 1);
                }
            }
            let _ = writeln!(
                out,
                "| `{}` | {} |",
                md_cell(&an.articles[claim.article].id),
                text
            );
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(out, "## Reported by one source only ({single})\n");
    for f in an
        .facts
        .iter()
        .filter(|f| f.relation == FactRelation::Single)
    {
        for &c in &f.claims {
            let claim = &an.claims[c];
            let _ = writeln!(
                out,
                "- `{}`: {}",
                md_cell(&an.articles[claim.article].id),
                md_cell(&claim.text)
            );
        }
    }
    out
}

/// Escapes text for a Markdown table cell: pipes, line breaks, and control
/// characters (shown as `^[` so a report printed to a terminal is safe).
fn md_cell(s: &str) -> String {
    crate::text::display::sanitize(s).replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_json_is_the_document_serialised() {
        let an = Analysis::build(crate::corpus::bundled());
        let whole = serde_json::to_string_pretty(&to_doc(&an)).expect("serialise");
        assert_eq!(to_json(&an), whole);
        assert!(whole.contains("\"matches\"") && whole.len() > 10_000);
    }
}
