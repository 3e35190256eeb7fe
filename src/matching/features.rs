//! The named features of a pair of claims, and the linear model that turns
//! them into a score.
//!
//! A pair's score is `sigmoid(bias + Σ weightᵢ·featureᵢ)`: every term of
//! that sum is kept in the [`Explanation`](super::Explanation), so a user can
//! see exactly why two claims were matched, and the weights are learned
//! ([`super::learn`]) from labelled pairs and stored as data
//! ([`super::model`]).
//!
//! [`features`] is the hot path of matching: it compares sorted integer
//! keys and allocates nothing. What a person reads (shared words, figures
//! side by side) is built by [`explain`] only for the matches shown.

use super::lexical::OppositeKey;
use super::profile::{holds, shared_count, DateKey, Idf, Profile};
use super::surface::SurfaceOverlap;
use super::{DateComparison, Feature, FigureComparison, PolarityClash};
use crate::claims::figures::{comparable_units, find_figures};
use crate::claims::{Figure, Qualifier, MAX_FIGURES};
use crate::text::normalize::entities_of_tokens;
use crate::text::phrases::content_tokens;

pub use super::model::{Model, Params};
pub use super::profile::key;

/// Names of the pair features, in the order of [`FeatureVector`] values.
/// The last eight are context features, filled in by the corpus matcher.
pub const FEATURE_NAMES: [&str; 40] = [
    "term_overlap",
    "min_coverage",
    "bigram_overlap",
    "word_overlap",
    "entity_overlap",
    "same_figure",
    "figure_specificity",
    "close_figure",
    "figure_conflict",
    "number_mismatch",
    "length_ratio",
    "quote_overlap",
    "lead_entity",
    "entity_disjoint",
    "subject_clash",
    "same_date",
    "date_conflict",
    "opposite_words",
    "negation_mismatch",
    "anchor",
    "entity_swap",
    "shared_weight",
    "max_coverage",
    "unshared_terms",
    "related_words",
    "predicate_clash",
    "figures_apart",
    "bleu_min",
    "bleu_max",
    "word_order",
    "char_trigrams",
    "char_fourgrams",
    "article_similarity",
    "article_nearness",
    "article_date_gap",
    "article_undated",
    "article_support",
    "mutual_best",
    "margin",
    "fact_support",
];

/// Number of features.
pub const N_FEATURES: usize = FEATURE_NAMES.len();

/// The index of a feature name, at compile time (a misspelt name fails the
/// build).
const fn index_of(name: &str) -> usize {
    let mut i = 0;
    while i < FEATURE_NAMES.len() {
        let (a, b) = (FEATURE_NAMES[i].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("no such feature")
}

/// Index of `anchor`: the two share a name, a comparable figure, a date or
/// quoted words (claims sharing only common words are look-alikes).
pub const ANCHOR: usize = index_of("anchor");
/// Index of `entity_swap`: each names something the other does not (another
/// company, country or place in the same frame).
pub const ENTITY_SWAP: usize = index_of("entity_swap");

/// Index of `subject_clash`: another subject or place in the same sentence
/// frame ("Apple reported ..." / "Microsoft reported ...").
pub const SUBJECT_CLASH: usize = index_of("subject_clash");

/// Index of `figure_specificity`: how many significant digits the shared
/// figure has, as a share of four ("38.2%" and "4,317" are rarely shared by
/// chance; "two" and "10,000" often are).
pub const FIGURE_SPECIFICITY: usize = index_of("figure_specificity");
/// Significant digits at which `figure_specificity` reaches 1.
const SPECIFIC_DIGITS: u8 = 4;

/// Index of `figure_conflict`: comparable figures, none the same or close.
pub const FIGURE_CONFLICT: usize = index_of("figure_conflict");
/// Index of `quote_overlap`: shared words inside direct quotes.
pub const QUOTE_OVERLAP: usize = index_of("quote_overlap");
/// Index of `date_conflict`: comparable dates, none compatible.
pub const DATE_CONFLICT: usize = index_of("date_conflict");
/// Index of `opposite_words`: a word of one claim is the opposite of a word
/// of the other ("confirmed" / "denied").
pub const OPPOSITE_WORDS: usize = index_of("opposite_words");
/// Index of `negation_mismatch`: a shared word negated on one side only.
pub const NEGATION_MISMATCH: usize = index_of("negation_mismatch");
/// Index of `shared_weight`: how much rare vocabulary the two share in
/// absolute terms (`ln(1 + Σ idf)` of the shared terms), which long
/// sentences stating one fact among others keep even when their overlap
/// ratios are low.
pub const SHARED_WEIGHT: usize = index_of("shared_weight");
/// Index of `max_coverage`: the shared weight as a share of the longer
/// claim's (what the longer one says that the shorter does not).
pub const MAX_COVERAGE: usize = index_of("max_coverage");
/// Index of `unshared_terms`: `ln(1 + n)` of the content words only one of
/// the two uses: information one adds that the other lacks.
pub const UNSHARED_TERMS: usize = index_of("unshared_terms");
/// Index of `related_words`: words of one side that the other replaces by
/// a related word ("buy" / "acquire"), weighted by their closeness and
/// rarity, as a share of both sides' weight.
pub const RELATED_WORDS: usize = index_of("related_words");
/// Index of `predicate_clash`: each says something happened, and no verb
/// of one is in the other ("impeached" / "declared").
pub const PREDICATE_CLASH: usize = index_of("predicate_clash");
/// Index of `figures_apart`: each states an exact count of something, and
/// no count of one is of the kind the other counts ("3 million passengers"
/// / "300 aircraft"): in news the figure is most often the fact.
pub const FIGURES_APART: usize = index_of("figures_apart");
/// Index of `bleu_min`: how much of the wording carries over, stop words
/// and order included (BLEU's 1- to 4-word precisions; the lower direction).
pub const BLEU_MIN: usize = index_of("bleu_min");
/// Index of `bleu_max`: the same, the higher direction (one may restate
/// the other whole and add to it).
pub const BLEU_MAX: usize = index_of("bleu_max");
/// Index of `word_order`: the longest common word subsequence, as a share
/// of the longer claim.
pub const WORD_ORDER: usize = index_of("word_order");
/// Index of `char_trigrams`: shared 3-character sequences (word forms,
/// figures as printed), as a share of the larger count.
pub const CHAR_TRIGRAMS: usize = index_of("char_trigrams");
/// Index of `char_fourgrams`: shared 4-character sequences.
pub const CHAR_FOURGRAMS: usize = index_of("char_fourgrams");
/// The features of how alike two claims read on the surface.
pub const SURFACE_FEATURES: [usize; 5] = [
    BLEU_MIN,
    BLEU_MAX,
    WORD_ORDER,
    CHAR_TRIGRAMS,
    CHAR_FOURGRAMS,
];
/// Index of `article_similarity`: cosine of the two articles' term vectors.
pub const ARTICLE_SIMILARITY: usize = index_of("article_similarity");
/// Index of `article_nearness`: the articles' cosine as a share of the best
/// either has with another article (1 for an article's nearest): among
/// many events of one kind, the coverage of one event is the nearest.
pub const ARTICLE_NEARNESS: usize = index_of("article_nearness");
/// Index of `article_date_gap`: how far apart the two articles' dates are
/// (days, up to a month, as a share of a month; 0 when either is unknown).
/// Coverage of one event is published within days.
pub const ARTICLE_DATE_GAP: usize = index_of("article_date_gap");
/// Index of `article_undated`: one of the two articles states no date, so
/// `article_date_gap` (0) says nothing; without it an undated pair would
/// count as published the same day.
pub const ARTICLE_UNDATED: usize = index_of("article_undated");
/// Index of `article_support`: other strong, mutual links between the two
/// claims' articles.
pub const ARTICLE_SUPPORT: usize = index_of("article_support");
/// Index of `mutual_best`: 1 when each claim is the other's best candidate
/// in the other's article.
pub const MUTUAL_BEST: usize = index_of("mutual_best");
/// Index of `margin`: how far the best candidate in an article scores above
/// the second best there.
pub const MARGIN: usize = index_of("margin");
/// Index of `fact_support`: the mean link score between the candidate and
/// the other claims of the claim's fact cluster.
pub const FACT_SUPPORT: usize = index_of("fact_support");
/// The features that describe the two articles, not the two claims: the
/// event gate's.
pub const ARTICLE_FEATURES: [usize; 5] = [
    ARTICLE_SIMILARITY,
    ARTICLE_NEARNESS,
    ARTICLE_DATE_GAP,
    ARTICLE_UNDATED,
    ARTICLE_SUPPORT,
];
/// Features that need other pairs or the articles to compute; zero for
/// free-standing pairs.
pub const CONTEXT_FEATURES: [usize; 8] = [
    ARTICLE_SIMILARITY,
    ARTICLE_NEARNESS,
    ARTICLE_DATE_GAP,
    ARTICLE_UNDATED,
    ARTICLE_SUPPORT,
    MUTUAL_BEST,
    MARGIN,
    FACT_SUPPORT,
];

/// Index of a feature in [`FEATURE_NAMES`].
pub fn feature_index(name: &str) -> Option<usize> {
    FEATURE_NAMES.iter().position(|n| *n == name)
}

/// How the figures of a pair compare, in a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FigureVerdict {
    /// Some figure of one is the same as a comparable figure of the other.
    pub same: bool,
    /// Some comparable pair is different but close enough to be one
    /// quantity reported differently.
    pub close_different: bool,
    /// At least one comparable pair (same thing counted, neither vague).
    pub comparable: bool,
    /// The most significant digits of a figure both state (0 when none is
    /// the same): the fewer of the two sides', so an approximation
    /// ("about 4,000" for 4,200) counts as what it states.
    pub same_digits: u8,
    /// Each states an exact count of a known thing, and no pair of figures
    /// is comparable: they count different things.
    pub apart: bool,
}

/// How the dates of a pair compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateVerdict {
    /// Some comparable pair of dates is compatible.
    pub same: bool,
    /// There are comparable dates, and none is compatible.
    pub conflict: bool,
}

/// The raw feature values of a pair, with the verdicts that decide its
/// relation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FeatureVector {
    /// One value per [`FEATURE_NAMES`] entry.
    pub values: [f32; N_FEATURES],
    /// How the figures compare.
    pub figures: FigureVerdict,
    /// How the dates compare.
    pub dates: DateVerdict,
    /// Where the two have opposite polarity (a word negated on one side
    /// only, or a pair of opposites), the most words besides the clashing
    /// ones either side says and the other does not: in the same frame they
    /// contradict; in sentences that differ beyond it ("Brat's victory over
    /// Cantor" / "Cantor was defeated") the words are mostly said of
    /// different things (`Params::polarity_frame` draws the line).
    pub polarity: Option<u16>,
    /// Whether they share an anchor: a name, a comparable figure, a date or
    /// quoted words (claims sharing only common words are look-alikes).
    pub anchored: bool,
}

/// Whether two figures state the same number: the same range, or the same
/// number with qualifiers that do not pull apart ("200 percent" / "above
/// 200%", "about 5,000" / "5,000"), but never a floor against a ceiling
/// ("more than 50" / "fewer than 50").
fn same_figure(a: &Figure, b: &Figure) -> bool {
    use Qualifier::{AtLeast, AtMost, LessThan, MoreThan, Range};
    let floor = |q: Qualifier| matches!(q, AtLeast | MoreThan);
    let ceiling = |q: Qualifier| matches!(q, AtMost | LessThan);
    // The number a figure is stated as: a floor's low end, a ceiling's
    // high end, an exact or approximate figure's value.
    let stated = |f: &Figure| {
        if ceiling(f.qualifier) {
            f.high
        } else {
            f.low.or(f.high)
        }
    };
    match (a.qualifier, b.qualifier) {
        (Range, Range) => a.low == b.low && a.high == b.high,
        (Range, _) | (_, Range) => false,
        (x, y) if (floor(x) && ceiling(y)) || (ceiling(x) && floor(y)) => false,
        _ => match (stated(a), stated(b)) {
            (Some(x), Some(y)) => x == y || rounds_to(a, x, y) || rounds_to(b, y, x),
            _ => false,
        },
    }
}

/// Whether `f`, an approximate figure stated as `value`, stands for
/// `other` too: `other` lies within half a unit of `value`'s last
/// significant digit ("about 33 percent" for a third, "around 4,000" for
/// 4,200), which is what rounding it to that digit allows.
fn rounds_to(f: &Figure, value: f64, other: f64) -> bool {
    f.qualifier == Qualifier::About && (value - other).abs() <= last_digit_unit(value) / 2.0
}

/// Significant digits of `v`: from its first digit to its last non-zero
/// one ("38.2": 3, "120,000": 2, "4,317": 4).
fn significant_digits(v: f64) -> u8 {
    let unit = last_digit_unit(v);
    if unit <= 0.0 {
        return 0;
    }
    let first = v.abs().log10().floor();
    let last = unit.log10().round();
    u8::try_from((first - last) as i64 + 1).unwrap_or(0)
}

/// The place value of the last nonzero digit of `v`: 1,000 for 14,000, 1
/// for 33, 0.1 for 2.5; 0 for 0 or a value with no short decimal form.
fn last_digit_unit(v: f64) -> f64 {
    let v = v.abs();
    if v == 0.0 || !v.is_finite() {
        return 0.0;
    }
    (-3..=15)
        .rev()
        .map(|k| 10f64.powi(k))
        .find(|&p| {
            let q = v / p;
            q >= 1.0 && (q - q.round()).abs() < 1e-9
        })
        .unwrap_or(0.0)
}

/// Whether two figures may be compared at all: the same thing counted, and
/// neither a vague amount ("thousands"), which never differs from an exact
/// one.
pub fn figures_comparable(a: &Figure, b: &Figure) -> bool {
    !a.vague && !b.vague && comparable_units(a.unit.as_deref(), b.unit.as_deref())
}

/// Whether two comparable figures plausibly state one quantity: compatible
/// ranges, or central values within `close_factor` of each other.
fn figures_close(a: &Figure, b: &Figure, close_factor: f64) -> bool {
    compatible(a, b) || within_factor(a, b, close_factor)
}

/// Compares the figures of two claims without allocating; the work is
/// bounded by the product of the figure counts, which the claim extractor
/// keeps small (profiles hold at most [`MAX_FIGURES`] per claim).
pub fn figure_verdict(a: &[Figure], b: &[Figure], close_factor: f64) -> FigureVerdict {
    let mut v = FigureVerdict::default();
    for fa in a {
        for fb in b {
            if !figures_comparable(fa, fb) {
                continue;
            }
            v.comparable = true;
            if same_figure(fa, fb) {
                v.same = true;
                let digits = |f: &Figure| f.low.or(f.high).map_or(0, significant_digits);
                v.same_digits = v.same_digits.max(digits(fa).min(digits(fb)));
            } else if figures_close(fa, fb, close_factor) {
                v.close_different = true;
            }
        }
    }
    let counts = |fs: &[Figure]| fs.iter().any(|f| !f.vague && f.unit.is_some());
    v.apart = !v.comparable && counts(a) && counts(b);
    v
}

/// Compares the dates of two claims.
pub fn date_verdict(a: &[DateKey], b: &[DateKey]) -> DateVerdict {
    let mut comparable = false;
    let mut same = false;
    for &x in a {
        for &y in b {
            match x.compare(y) {
                Some(true) => {
                    comparable = true;
                    same = true;
                }
                Some(false) => comparable = true,
                None => {}
            }
        }
    }
    DateVerdict {
        same,
        conflict: comparable && !same,
    }
}

/// Computes the features of the pair `(a, b)` for the corpus matcher; the
/// context features are left 0 for the matcher to fill in, and the surface
/// features too unless the claim models use them (`Params::claim_surface`).
pub fn features(a: &Profile, b: &Profile, params: &Params) -> FeatureVector {
    features_with(a, b, params, params.claim_surface)
}

/// [`features`], with the surface features computed or not (`surface`).
pub fn features_with(a: &Profile, b: &Profile, params: &Params, surface: bool) -> FeatureVector {
    let (mut i, mut j) = (0, 0);
    let mut shared_mass = 0.0;
    let mut shared_terms = 0usize;
    // The frame: content words that are not part of a name, shared or
    // said by one side only.
    let mut frame = Frame::default();
    while i < a.terms.len() && j < b.terms.len() {
        match a.terms[i].0.cmp(&b.terms[j].0) {
            std::cmp::Ordering::Less => {
                frame.unshared(a, a.terms[i].0, true);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                frame.unshared(b, b.terms[j].0, false);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                shared_mass += a.terms[i].1;
                shared_terms += 1;
                frame.shared += usize::from(!Frame::is_name(a, a.terms[i].0));
                i += 1;
                j += 1;
            }
        }
    }
    for t in &a.terms[i..] {
        frame.unshared(a, t.0, true);
    }
    for t in &b.terms[j..] {
        frame.unshared(b, t.0, false);
    }
    // Opposites ("confirmed" / "denied") are the same topic word with the
    // other polarity: in one frame they count as shared for similarity,
    // and flag it (in sentences that differ beyond them, they are mostly
    // said of different things: "his father" / "her mother").
    let mut opposite = false;
    let mut opposite_pairs = 0;
    let mut opposite_mass = 0.0;
    for &(k, o) in &a.opposites {
        if !holds_term(b, k) && holds_opposite(b, o) {
            if let Some(w) = weight_of(b, o.term) {
                opposite_mass += w;
                opposite = true;
                opposite_pairs += 1;
            }
        }
    }
    // The most words either side says and the other does not, besides the
    // opposites themselves.
    let unshared_b = frame.unshared - frame.unshared_a;
    let frame_change = frame
        .unshared_a
        .max(unshared_b)
        .saturating_sub(opposite_pairs);
    if frame_change as f32 <= params.polarity_frame {
        shared_mass += opposite_mass;
    }
    let ratio = |num: f32, den: f32| if den > 0.0 { num / den } else { 0.0 };
    let related_mass = related_mass(a, b) + related_mass(b, a);
    let term_overlap = ratio(2.0 * shared_mass, a.mass + b.mass).min(1.0);
    let min_coverage = ratio(shared_mass, a.mass.min(b.mass)).min(1.0);
    let bigram_overlap = ratio(
        2.0 * shared_count(&a.bigrams, &b.bigrams) as f32,
        (a.bigrams.len() + b.bigrams.len()) as f32,
    );
    let word_overlap = ratio(
        2.0 * shared_count(&a.words, &b.words) as f32,
        (a.words.len() + b.words.len()) as f32,
    );
    // The same name, or a name and its initials (never two sets of
    // initials: "FAA" may stand for two different bodies).
    let shared_entities = shared_count(&a.entities, &b.entities)
        + shared_count(&a.entities, &b.entity_aliases)
        + shared_count(&a.entity_aliases, &b.entities);
    let entity_overlap = ratio(
        shared_entities as f32,
        a.entities.len().min(b.entities.len()) as f32,
    )
    .min(1.0);
    let figures = figure_verdict(&a.figures, &b.figures, params.close_factor);
    let dates = date_verdict(&a.dates, &b.dates);
    let flag = |b: bool| f32::from(u8::from(b));
    let entity_disjoint =
        flag(!a.entities.is_empty() && !b.entities.is_empty() && shared_entities == 0);
    let entity_swap = a.entities.len() > shared_entities && b.entities.len() > shared_entities;
    let lead_entity = flag(a.lead_entity.is_some() && a.lead_entity == b.lead_entity);
    // Another subject or place in the same frame ("Apple reported ..." /
    // "Microsoft reported ...", "... in Kerala" / "... in Assam"): each
    // names something (or opens with a capitalised word) the other does
    // not, and apart from the names they say the same words.
    let subject_clash = flag(
        frame.shared >= MIN_FRAME
            && frame.unshared <= MAX_FRAME_CHANGE
            && frame.names_a > 0
            && frame.names_b > 0,
    );
    let number_mismatch = if !a.numbers.is_empty() && !b.numbers.is_empty() {
        let shared = shared_count(&a.numbers, &b.numbers) as f32;
        1.0 - shared / a.numbers.len().max(b.numbers.len()) as f32
    } else {
        0.0
    };
    let quote_overlap = ratio(
        2.0 * shared_count(&a.quoted, &b.quoted) as f32,
        (a.quoted.len() + b.quoted.len()) as f32,
    );
    let (la, lb) = (a.terms.len() as f32, b.terms.len() as f32);
    let length_ratio = ratio(la.min(lb), la.max(lb));
    // A word both use, negated on one side only ("will attend" / "will not
    // attend").
    let negation_mismatch = a
        .negated
        .iter()
        .any(|&k| holds_term(b, k) && !holds(&b.negated, k))
        || b.negated
            .iter()
            .any(|&k| holds_term(a, k) && !holds(&a.negated, k));
    let negated_opposite = a.opposites.iter().any(|&(k, o)| {
        holds_term(b, o.term)
            && holds_opposite(b, o)
            && (holds(&a.negated, k) != holds(&b.negated, o.term))
    });
    // A negated opposite ("found not guilty" / "acquitted") says the same:
    // the negation is accounted for, whatever else its scope covers
    // ("not guilty of *bribery*" / "acquitted of bribery").
    let clash = !negated_opposite && (negation_mismatch || opposite);
    // Each says something happened, and no verb of one is said by the
    // other, in the same, a related or the opposite word: another deed
    // ("the parliament impeached ..." / "the president declared ...").
    let predicate_clash = !a.verbs.is_empty()
        && !b.verbs.is_empty()
        && !a.verbs.iter().any(|&k| verb_met(a, b, k))
        && !b.verbs.iter().any(|&k| verb_met(b, a, k));
    let surface = if surface {
        a.surface.compare(&b.surface)
    } else {
        SurfaceOverlap::default()
    };
    let anchored = shared_entities > 0 || figures.comparable || dates.same || quote_overlap > 0.0;
    FeatureVector {
        values: [
            term_overlap,
            min_coverage,
            bigram_overlap,
            word_overlap,
            entity_overlap,
            flag(figures.same),
            (f32::from(figures.same_digits) / f32::from(SPECIFIC_DIGITS)).min(1.0),
            flag(!figures.same && figures.close_different),
            flag(figures.comparable && !figures.same && !figures.close_different),
            number_mismatch,
            length_ratio,
            quote_overlap,
            lead_entity,
            entity_disjoint,
            subject_clash,
            flag(dates.same),
            flag(dates.conflict),
            flag(opposite),
            flag(negation_mismatch),
            flag(anchored),
            flag(entity_swap),
            shared_mass.ln_1p(),
            ratio(shared_mass, a.mass.max(b.mass)).min(1.0),
            ((a.terms.len() + b.terms.len()).saturating_sub(2 * shared_terms) as f32).ln_1p(),
            ratio(related_mass, a.mass + b.mass).min(1.0),
            flag(predicate_clash),
            flag(figures.apart),
            surface.bleu_min,
            surface.bleu_max,
            surface.word_order,
            surface.char_trigrams,
            surface.char_fourgrams,
            // The context features, filled in by the corpus matcher.
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
        ],
        figures,
        dates,
        polarity: clash.then(|| u16::try_from(frame_change).unwrap_or(u16::MAX)),
        anchored,
    }
}

/// Shared words, not names, that make two claims one sentence frame.
const MIN_FRAME: usize = 2;
/// Most words, not names, said by one side only in one frame (a reworded
/// verb, say).
const MAX_FRAME_CHANGE: usize = 1;

/// How the words of two claims split between names and the rest (the
/// frame), counted while their terms are merged.
#[derive(Debug, Default)]
struct Frame {
    /// Shared content words that are not names.
    shared: usize,
    /// Content words of one side only that are not names or speech verbs.
    unshared: usize,
    /// Of those, the first claim's.
    unshared_a: usize,
    /// Name words of the first claim only.
    names_a: usize,
    /// Name words of the second claim only.
    names_b: usize,
}

impl Frame {
    /// Whether the term `k` of `p` is a word of a name, or the capitalised
    /// word opening it ("Apple reported ...": the likely subject).
    fn is_name(p: &Profile, k: u64) -> bool {
        p.lead_word == Some(k) || holds(&p.named, k)
    }

    /// Counts `k`, a term of `p` the other claim lacks; `first` says
    /// whether `p` is the first claim.
    fn unshared(&mut self, p: &Profile, k: u64, first: bool) {
        if holds(&p.reporting, k) {
            // "admitted" / "insisted": how a fact is reported, not the fact.
        } else if !Frame::is_name(p, k) {
            self.unshared += 1;
            self.unshared_a += usize::from(first);
        } else if first {
            self.names_a += 1;
        } else {
            self.names_b += 1;
        }
    }
}

/// The weight of `p`'s words that `q` lacks but says with a related word
/// ("acquired" for "bought"), each counted once, at its closest relative's
/// cosine; no allocation.
fn related_mass(p: &Profile, q: &Profile) -> f32 {
    let mut mass = 0.0;
    let mut last = None;
    for &(k, r, cosine) in &p.related {
        // Sorted by word, closest relative first: the first hit counts.
        if last == Some(k) || holds_term(q, k) {
            continue;
        }
        if holds_term(q, r) && !holds(&q.named, r) {
            mass += cosine * weight_of(p, k).unwrap_or(0.0);
            last = Some(k);
        }
    }
    mass
}

/// Whether `q` says `p`'s verb `k`: the word itself, a related word, or its
/// opposite (a contradiction is about the same deed).
fn verb_met(p: &Profile, q: &Profile, k: u64) -> bool {
    holds_term(q, k)
        || entries_of(&p.related, k, |r| r.0)
            .iter()
            .any(|&(_, r, _)| holds_term(q, r) && !holds(&q.named, r))
        || entries_of(&p.opposites, k, |o| o.0)
            .iter()
            .any(|&(_, o)| holds_term(q, o.term))
}

/// The entries of `list` (sorted by content key) for the key `k`.
fn entries_of<T>(list: &[T], k: u64, key: impl Fn(&T) -> u64) -> &[T] {
    let start = list.partition_point(|e| key(e) < k);
    let end = start + list[start..].partition_point(|e| key(e) == k);
    &list[start..end]
}

fn holds_term(p: &Profile, k: u64) -> bool {
    p.terms.binary_search_by_key(&k, |t| t.0).is_ok()
}

/// Whether `p` says the opposite word `o` outside a name or a time phrase
/// (with the stem the pair names, where it names one).
fn holds_opposite(p: &Profile, o: OppositeKey) -> bool {
    !holds(&p.named, o.term) && !holds(&p.timed, o.term) && (o.stem == 0 || holds(&p.words, o.stem))
}

fn weight_of(p: &Profile, k: u64) -> Option<f32> {
    p.terms
        .binary_search_by_key(&k, |t| t.0)
        .ok()
        .map(|i| p.terms[i].1)
}

/// The figure comparisons a person reads: for each figure of `a`, the
/// comparable figure of `b` closest to it (the same one if there is one).
/// At most one line per figure of `a`, and at most [`MAX_SHOWN`] in all.
pub fn compare_figures(a: &[Figure], b: &[Figure], close_factor: f64) -> Vec<FigureComparison> {
    let mut out = Vec::new();
    let b = &b[..b.len().min(MAX_FIGURES)];
    for fa in a.iter().take(MAX_FIGURES) {
        let best = b
            .iter()
            .filter(|fb| figures_comparable(fa, fb))
            .min_by(|x, y| distance(fa, x).total_cmp(&distance(fa, y)));
        if let Some(fb) = best {
            out.push(FigureComparison {
                ours: fa.text.clone(),
                theirs: fb.text.clone(),
                unit: fa.unit.clone().or_else(|| fb.unit.clone()),
                same: same_figure(fa, fb),
                compatible: compatible(fa, fb),
                close: figures_close(fa, fb, close_factor),
            });
            if out.len() == MAX_SHOWN {
                break;
            }
        }
    }
    out
}

/// Most comparisons of one kind kept in an explanation.
pub const MAX_SHOWN: usize = 8;

/// How far apart two figures are (log ratio of their central values; 0
/// for the same figure).
fn distance(a: &Figure, b: &Figure) -> f64 {
    if same_figure(a, b) {
        return -1.0;
    }
    match (mid(a), mid(b)) {
        (Some(x), Some(y)) if x > 0.0 && y > 0.0 => (x / y).ln().abs(),
        _ => f64::INFINITY,
    }
}

/// Whether the plausible ranges of two figures overlap, so both may be
/// true. Different but comparable measures (a death toll and a toll of
/// killed or injured) are compatible when the narrower can fit the wider.
fn compatible(a: &Figure, b: &Figure) -> bool {
    if a.unit != b.unit {
        return true;
    }
    let ((la, ha), (lb, hb)) = (plausible_range(a), plausible_range(b));
    la.max(lb) <= ha.min(hb)
}

/// The values a figure plausibly means, as a closed interval: news writing
/// uses one-sided bounds as estimates ("as many as 14,000" is not a claim
/// that 3,000 is possible), so they are read as within a factor of two of
/// the bound, and "about" as within 10%.
fn plausible_range(f: &Figure) -> (f64, f64) {
    use Qualifier::*;
    let (lo, hi) = (
        f.low.unwrap_or(f64::NEG_INFINITY),
        f.high.unwrap_or(f64::INFINITY),
    );
    match f.qualifier {
        AtMost | LessThan if hi.is_finite() => (hi / 2.0, hi),
        AtLeast | MoreThan if lo.is_finite() => (lo, lo * 2.0),
        About if lo.is_finite() && hi.is_finite() => (lo * 0.9, hi * 1.1),
        _ => (lo, hi),
    }
}

fn mid(f: &Figure) -> Option<f64> {
    match (f.low, f.high) {
        (Some(l), Some(h)) => Some((l + h) / 2.0),
        (Some(v), None) | (None, Some(v)) => Some(v),
        (None, None) => None,
    }
}

/// Whether the two figures' central values are within `factor` of each
/// other (so they plausibly estimate the same quantity).
fn within_factor(a: &Figure, b: &Figure, factor: f64) -> bool {
    match (mid(a), mid(b)) {
        (Some(x), Some(y)) if x > 0.0 && y > 0.0 => x.max(y) / x.min(y) <= factor,
        _ => false,
    }
}

/// The dates a person reads side by side: each date of `a` with the
/// comparable date of `b` (a compatible one where there is one).
pub fn compare_dates(
    a: &[crate::claims::DateMention],
    b: &[crate::claims::DateMention],
) -> Vec<DateComparison> {
    let mut out = Vec::new();
    for da in a {
        let Some(ka) = DateKey::of(da) else { continue };
        let mut best: Option<(&crate::claims::DateMention, bool)> = None;
        for db in b {
            let Some(kb) = DateKey::of(db) else { continue };
            if let Some(same) = ka.compare(kb) {
                if best.is_none_or(|(_, s)| !s && same) {
                    best = Some((db, same));
                }
            }
        }
        if let Some((db, same)) = best {
            out.push(DateComparison {
                ours: da.text.clone(),
                theirs: db.text.clone(),
                same,
            });
            if out.len() == MAX_SHOWN {
                break;
            }
        }
    }
    out
}

/// The words that make two claims' polarity opposite, as printed:
/// a negated word on one side and its plain use on the other, or a pair of
/// opposites.
pub fn polarity_words(a: &str, b: &str) -> Option<PolarityClash> {
    let (ta, tb) = (content_tokens(a), content_tokens(b));
    let negation_phrase = |text: &str, toks: &[crate::text::normalize::Token], k: u64| {
        let i = toks.iter().position(|t| !t.stop && term_key_of(t) == k)?;
        let from = toks[..i]
            .iter()
            .rposition(|t| super::lexical::is_negation(&t.norm))
            .filter(|&n| i - n <= 4)?;
        text.get(toks[from].start..toks[i].end).map(str::to_string)
    };
    let word = |text: &str, toks: &[crate::text::normalize::Token], k: u64| {
        toks.iter()
            .find(|t| !t.stop && term_key_of(t) == k)
            .and_then(|t| text.get(t.start..t.end))
            .map(str::to_string)
    };
    for t in ta.iter().filter(|t| !t.stop) {
        let k = term_key_of(t);
        if let (Some(neg), Some(plain)) = (negation_phrase(a, &ta, k), word(b, &tb, k)) {
            if negation_phrase(b, &tb, k).is_none() {
                return Some(PolarityClash {
                    ours: neg,
                    theirs: plain,
                });
            }
        }
        if let (Some(plain), Some(neg)) = (word(a, &ta, k), negation_phrase(b, &tb, k)) {
            if negation_phrase(a, &ta, k).is_none() {
                return Some(PolarityClash {
                    ours: plain,
                    theirs: neg,
                });
            }
        }
        for o in super::lexical::opposite_keys(&t.stem) {
            let other = tb
                .iter()
                .find(|u| {
                    !u.stop
                        && term_key_of(u) == o.term
                        && (o.stem == 0 || super::profile::key(&u.stem) == o.stem)
                })
                .and_then(|u| b.get(u.start..u.end));
            if let Some(other) = other.map(str::to_string) {
                return Some(PolarityClash {
                    ours: a.get(t.start..t.end).unwrap_or("").to_string(),
                    theirs: other,
                });
            }
        }
    }
    None
}

fn term_key_of(t: &crate::text::normalize::Token) -> u64 {
    super::profile::term_key(t)
}

/// The shared content words of two texts, as printed in `a`, rarest first,
/// and the names both mention (canonical forms).
pub fn shared_words(a: &str, b: &str, idf: &Idf) -> (Vec<String>, Vec<String>) {
    let (terms, names, _) = explained_words(a, b, idf, false);
    (terms, names)
}

/// [`shared_words`] and, with `related`, [`related_words`], from one
/// reading of the two texts (explanations are built for every match kept).
pub fn explained_words(
    a: &str,
    b: &str,
    idf: &Idf,
    related: bool,
) -> (Vec<String>, Vec<String>, Vec<(String, String)>) {
    let (toks_a, toks_b) = (content_tokens(a), content_tokens(b));
    let related = if related {
        related_in(a, &toks_a, b, &toks_b)
    } else {
        Vec::new()
    };
    let tb: std::collections::HashSet<u64> =
        toks_b.iter().filter(|t| !t.stop).map(term_key_of).collect();
    let mut shared: Vec<(f32, String)> = Vec::new();
    for t in toks_a.iter().filter(|t| !t.stop) {
        let k = term_key_of(t);
        if tb.contains(&k) && !shared.iter().any(|s| *s.1 == *t.norm) {
            shared.push((idf.weight(k), t.norm.to_string()));
        }
    }
    shared.sort_by(|x, y| y.0.total_cmp(&x.0));
    let eb: Vec<String> = entities_of_tokens(b, &toks_b, 0, None)
        .into_iter()
        .map(|e| e.key)
        .collect();
    let mut names: Vec<String> = Vec::new();
    for e in entities_of_tokens(a, &toks_a, 0, None) {
        if eb.contains(&e.key) && !names.contains(&e.canonical) {
            names.push(e.canonical);
        }
    }
    (shared.into_iter().map(|s| s.1).collect(), names, related)
}

/// The words of `a` that `b` lacks but says with a related word, as printed
/// in each ("bought", "acquired"): what [`RELATED_WORDS`] counted, for a
/// person to read. At most [`MAX_SHOWN`].
pub fn related_words(a: &str, b: &str) -> Vec<(String, String)> {
    related_in(a, &content_tokens(a), b, &content_tokens(b))
}

/// [`related_words`] on texts already tokenized.
fn related_in(
    a: &str,
    ta: &[crate::text::normalize::Token],
    b: &str,
    tb: &[crate::text::normalize::Token],
) -> Vec<(String, String)> {
    let printed_b: std::collections::HashMap<u64, &str> = tb
        .iter()
        .filter(|t| !t.stop)
        .filter_map(|t| Some((term_key_of(t), b.get(t.start..t.end)?)))
        .collect();
    let mut out: Vec<(String, String)> = Vec::new();
    for t in ta.iter().filter(|t| !t.stop) {
        if printed_b.contains_key(&term_key_of(t)) {
            continue;
        }
        let Some(ours) = a.get(t.start..t.end) else {
            continue;
        };
        let theirs = super::lexical::related_keys(&t.stem)
            .into_iter()
            .find_map(|(r, _)| printed_b.get(&r).copied());
        if let Some(theirs) = theirs {
            if !out.iter().any(|(o, _)| o == ours) {
                out.push((ours.to_string(), theirs.to_string()));
            }
        }
        if out.len() == MAX_SHOWN {
            break;
        }
    }
    out
}

/// A scored pair of free-standing sentences.
#[derive(Debug, Clone, PartialEq)]
pub struct PairScore {
    /// 0-1.
    pub score: f32,
    /// Contributions, largest first.
    pub features: Vec<Feature>,
    /// The raw features.
    pub vector: FeatureVector,
}

/// Scores two free-standing sentences (the `pairs` command) with IDF from
/// `idf` and the trained pairs model.
pub fn pair_score(a: &str, b: &str, idf: &Idf) -> PairScore {
    let params = Params::trained();
    let vector = pair_features(a, b, idf, params);
    let (score, features) = params.pairs.score(&vector.values);
    PairScore {
        score,
        features,
        vector,
    }
}

/// Term weights for scoring free-standing sentence pairs: counted over
/// `texts` (every sentence of the input), blended with the background
/// corpus as the trained parameters say, as the pairs model was fitted.
pub fn pairs_idf<'a>(texts: impl IntoIterator<Item = &'a str>) -> Idf {
    Idf::from_texts(texts).with_background_share(Params::trained().background_share)
}

/// The features of two free-standing sentences.
pub fn pair_features(a: &str, b: &str, idf: &Idf, params: &Params) -> FeatureVector {
    let profile = |t: &str| {
        let mut p = Profile::new(t, find_figures(t, 0), idf);
        p.dates = crate::claims::dates::find_dates(t, 0, None)
            .iter()
            .filter_map(DateKey::of)
            .collect();
        p
    };
    features_with(&profile(a), &profile(b), params, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vector(a: &str, b: &str) -> FeatureVector {
        pair_features(a, b, &Idf::default(), Params::trained())
    }

    #[test]
    fn another_subject_in_the_same_frame_clashes() {
        for (a, b) in [
            (
                "Toyota recalled 1 million cars over faulty airbags.",
                "Honda recalled 1 million cars over faulty airbags.",
            ),
            (
                "Cholera cases in Sudan rose to 3,000 this week.",
                "Cholera cases in Yemen rose to 3,000 this week.",
            ),
        ] {
            assert_eq!(vector(a, b).values[SUBJECT_CLASH], 1.0, "{a} / {b}");
        }
        // The same subject, or reworded sentences naming other people, are
        // no clash.
        for (a, b) in [
            (
                "Toyota recalled 1 million cars over faulty airbags.",
                "Toyota is recalling a million cars because of faulty airbags.",
            ),
            (
                "Police in Lagos said 12 people were arrested after the protest.",
                "Twelve protesters were detained, a spokesman for the governor said.",
            ),
        ] {
            assert_eq!(vector(a, b).values[SUBJECT_CLASH], 0.0, "{a} / {b}");
        }
    }

    #[test]
    fn speech_verbs_are_not_part_of_the_frame() {
        // How each outlet reports it differs; the fact is negated on one
        // side only, in the same frame: a contradiction.
        let v = vector(
            "The mayor acknowledged that the well water was contaminated.",
            "The mayor insisted that the well water was not contaminated.",
        );
        assert_eq!(v.polarity, Some(0), "{v:?}");
        // A word of the fact itself that only one side says still counts.
        let v = vector(
            "The mayor acknowledged that the well water was contaminated.",
            "The mayor insisted that the river water was not contaminated.",
        );
        assert!(v.polarity.is_some_and(|change| change >= 1), "{v:?}");
    }

    #[test]
    fn counts_of_different_things_are_apart() {
        for (a, b) in [
            (
                "The ferry company carried 2 million passengers in May.",
                "The ferry company's fleet grew to 40 ships in May.",
            ),
            (
                "The strike closed 300 schools in Lyon.",
                "About 12,000 teachers joined the strike in Lyon.",
            ),
        ] {
            assert_eq!(vector(a, b).values[FIGURES_APART], 1.0, "{a} / {b}");
        }
        for (a, b) in [
            // The same quantity, the same or another figure.
            (
                "The blast killed 12 people in the market.",
                "Twelve people died in the market blast.",
            ),
            (
                "The strike closed 300 schools in Lyon.",
                "The strike closed 280 schools in Lyon.",
            ),
            // A count on one side only, or a vague one.
            (
                "The strike closed 300 schools in Lyon.",
                "The strike in Lyon closed schools.",
            ),
            (
                "The strike closed 300 schools in Lyon.",
                "Thousands of teachers joined the strike in Lyon.",
            ),
        ] {
            assert_eq!(vector(a, b).values[FIGURES_APART], 0.0, "{a} / {b}");
        }
    }

    #[test]
    fn another_deed_is_a_predicate_clash() {
        for (a, b) in [
            (
                "The regional council dismissed the harbour director.",
                "The harbour director resigned from the regional council.",
            ),
            (
                "Fans bought every ticket for the cup final in Cardiff.",
                "The cup final in Cardiff attracted a record crowd.",
            ),
        ] {
            assert_eq!(vector(a, b).values[PREDICATE_CLASH], 1.0, "{a} / {b}");
        }
        for (a, b) in [
            // The same deed in other words, or its opposite.
            (
                "The regional council dismissed the harbour director.",
                "The harbour director was dismissed by the regional council.",
            ),
            (
                "The ministry approved the pipeline.",
                "The ministry rejected the pipeline.",
            ),
            // Only one side says what happened.
            (
                "The harbour director resigned on Monday.",
                "The harbour director, a former engineer.",
            ),
        ] {
            assert_eq!(vector(a, b).values[PREDICATE_CLASH], 0.0, "{a} / {b}");
        }
    }

    #[test]
    fn a_shared_amount_is_a_figure_not_shared_words() {
        // The same sum of money for two different things: the figure is
        // shared, the wording is not.
        let v = vector(
            "The tournament offers prize money of $2 million.",
            "The flood caused $2 million of damage in the town.",
        );
        assert!(v.figures.same, "{v:?}");
        assert_eq!(v.values[index_of("term_overlap")], 0.0, "{v:?}");
        // What a figure counts is still a word of the claim.
        let v = vector(
            "The carmaker cut 1,500 jobs.",
            "About 1,500 jobs were lost, the union said.",
        );
        assert!(v.values[index_of("term_overlap")] > 0.0, "{v:?}");
    }

    #[test]
    fn a_precise_shared_figure_is_more_telling_than_a_round_one() {
        assert_eq!(significant_digits(38.2), 3);
        assert_eq!(significant_digits(120_000.0), 2);
        assert_eq!(significant_digits(4_317.0), 4);
        assert_eq!(significant_digits(0.5), 1);
        let specificity = |a: &str, b: &str| vector(a, b).values[FIGURE_SPECIFICITY];
        let precise = specificity(
            "Inflation in Chile slowed to 38.2% in May.",
            "Chilean consumer prices rose 38.2 percent in May.",
        );
        let round = specificity(
            "The strike involved 10,000 workers in the port.",
            "About 10,000 workers walked out at the port.",
        );
        assert!((precise - 0.75).abs() < 1e-6, "{precise}");
        assert!((round - 0.25).abs() < 1e-6, "{round}");
        // No figure in common: nothing to weigh.
        let none = specificity(
            "The strike involved 10,000 workers in the port.",
            "The strike involved 12,500 workers in the port.",
        );
        assert_eq!(none, 0.0);
    }

    #[test]
    fn a_number_and_its_bound_are_the_same_figure() {
        let v = vector(
            "Inflation rose to 200 percent.",
            "Inflation rose above 200%.",
        );
        assert!(v.figures.same);
        let v = vector(
            "More than 50 people were hurt.",
            "Fewer than 50 people were hurt.",
        );
        assert!(!v.figures.same);
    }

    #[test]
    fn surface_features_are_computed_where_a_model_uses_them() {
        let idf = Idf::default();
        let text = "Two men were arrested by police on Saturday.";
        let p = Profile::new(text, Vec::new(), &idf);
        let q = Profile::new("Police arrested two men on Saturday.", Vec::new(), &idf);
        let mut params = Params::trained().clone();
        params.claim_surface = false;
        let off = features(&p, &q, &params);
        assert!(SURFACE_FEATURES.iter().all(|&k| off.values[k] == 0.0));
        params.claim_surface = true;
        let on = features(&p, &q, &params);
        assert!(
            SURFACE_FEATURES.iter().all(|&k| on.values[k] > 0.0),
            "{on:?}"
        );
        // Free-standing pairs always have them: the pairs model uses them.
        let pair = pair_features(text, text, &idf, &params);
        assert!((pair.values[BLEU_MIN] - 1.0).abs() < 1e-6);
        // Everything else is the same either way.
        for k in (0..N_FEATURES).filter(|k| !SURFACE_FEATURES.contains(k)) {
            assert_eq!(off.values[k], on.values[k], "{}", FEATURE_NAMES[k]);
        }
    }

    #[test]
    fn related_words_count_as_a_partial_match() {
        let related = vector(
            "The group agreed to buy the brewer.",
            "The group agreed to acquire the brewer.",
        );
        assert_eq!(
            related_words(
                "The group agreed to buy the brewer.",
                "The group agreed to acquire the brewer."
            ),
            vec![("buy".to_string(), "acquire".to_string())]
        );
        let unrelated = vector(
            "The group agreed to buy the brewer.",
            "The group agreed to sue the brewer.",
        );
        assert!(related.values[RELATED_WORDS] > 0.0);
        assert_eq!(unrelated.values[RELATED_WORDS], 0.0);
    }

    #[test]
    fn an_approximate_figure_stands_for_what_it_rounds_to() {
        for (a, b) in [
            (
                "Nearly a third of the county was under water after the storm.",
                "About 33 percent of the county was flooded during the storm.",
            ),
            (
                "Around 4,000 miners were trapped underground.",
                "4,200 miners were trapped underground.",
            ),
            (
                "Prices rose about 2.5 percent in March.",
                "Prices rose 2.46 percent in March.",
            ),
        ] {
            assert!(vector(a, b).figures.same, "{a} / {b}");
        }
        for (a, b) in [
            // Past half a unit of the last digit: another figure.
            (
                "Around 4,000 miners were trapped underground.",
                "4,600 miners were trapped underground.",
            ),
            // Exact figures are the same only when equal.
            (
                "33 percent of the county was under water.",
                "34 percent of the county was under water.",
            ),
        ] {
            let v = vector(a, b);
            assert!(v.figures.comparable && !v.figures.same, "{a} / {b}");
        }
        assert_eq!(last_digit_unit(14_000.0), 1_000.0);
        assert_eq!(last_digit_unit(33.0), 1.0);
        assert!((last_digit_unit(2.5) - 0.1).abs() < 1e-12);
        assert_eq!(last_digit_unit(0.0), 0.0);
    }

    #[test]
    fn weekdays_and_months_are_dates_not_subjects() {
        let v = vector(
            "Polish farmers blocked the border crossing on Friday.",
            "Farmers in Poland blocked the border crossing on Sunday.",
        );
        assert_eq!(v.values[SUBJECT_CLASH], 0.0);
        assert_eq!(v.values[DATE_CONFLICT], 1.0);
        let v = vector(
            "The regulator approved the merger in December.",
            "The regulator approved the merger in February.",
        );
        assert_eq!(v.values[SUBJECT_CLASH], 0.0);
        // A real change of subject still clashes.
        let v = vector(
            "Toyota recalled 1 million cars on Friday.",
            "Honda recalled 1 million cars on Friday.",
        );
        assert_eq!(v.values[SUBJECT_CLASH], 1.0);
    }
}
