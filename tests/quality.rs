//! Matching quality, measured on data the weights never saw, and the
//! behaviours the product promises, on sentences of stories other than the
//! bundled one.
//!
//! The floors sit a little under the figures measured with
//! `cargo run --release --example evaluate` (README, "Quality"), so that a
//! harmless change passes and a real regression does not. None of these
//! sets is used to fit the model (`examples/train.rs` fits on the BASIL
//! training gold and the contrast pairs' training split only).
//!
//! Sets from `../shared/data` are skipped, with a note on stderr, when that
//! folder is absent.

use crosscheck::corpus::{Article, Corpus};
use crosscheck::evaluation::contrast::{self, ContrastPair, ContrastSet};
use crosscheck::evaluation::datasets::{self, BasilStories};
use crosscheck::evaluation::events::event_scores;
use crosscheck::evaluation::{evaluate, Gold};
use crosscheck::matching::Relation;
use crosscheck::{corpus, Analysis};
use std::path::Path;

const BASIL: &str = "../shared/data/basil";
const NEUS: &str = "../shared/data/allsides_neus";

fn analysis() -> Analysis {
    Analysis::build(corpus::bundled())
}

fn basil_present() -> bool {
    let present = Path::new(BASIL).is_dir();
    if !present {
        eprintln!("{BASIL} not found: skipped");
    }
    present
}

#[test]
fn the_seed_gold_is_held_out_and_met() {
    let gold = Gold::parse(include_str!("gold/seeds.toml")).expect("gold parses");
    assert!(gold.fact.len() >= 15);
    let s = evaluate(&analysis(), &gold);
    assert!(
        s.missing.is_empty(),
        "gold sentences that are not claims: {:?}",
        s.missing
    );
    assert!(
        s.non_claims_as_claims.is_empty(),
        "headings/labels made claims: {:?}",
        s.non_claims_as_claims
    );
    assert!(s.precision() >= SEED_PRECISION, "{s}");
    assert!(s.recall() >= SEED_RECALL, "{s}");
}

#[test]
fn basil_validation_gold_is_met() {
    if !basil_present() {
        return;
    }
    let gold = Gold::parse(include_str!("gold/basil_validation.toml")).expect("gold parses");
    let events = gold.basil_events();
    let (c, _) = datasets::basil(Path::new(BASIL), BasilStories::ByEvent, |e| {
        events.contains(e)
    })
    .expect("BASIL loads");
    let s = evaluate(&Analysis::build(c), &gold);
    assert!(s.precision() >= BASIL_PRECISION, "{s}");
    assert!(s.recall() >= BASIL_RECALL, "{s}");
}

#[test]
fn many_events_in_one_story_are_rarely_linked() {
    // All 300 BASIL articles (100 events) loaded as one story, as a user
    // who names no stories would with a matcher that cannot tell events
    // apart: few matches may link two events, and nearly every claim
    // matched within its event must keep a match.
    if !basil_present() {
        return;
    }
    let (c, events) =
        datasets::basil(Path::new(BASIL), BasilStories::One, |_| true).expect("BASIL loads");
    let s = event_scores(&Analysis::build(c), &events);
    assert!(s.cross_event_rate() <= CROSS_EVENT_RATE, "{s}");
}

#[test]
fn many_events_of_one_kind_are_rarely_linked() {
    // The AllSides / NeuS validation stories (outlets' excerpts, 2021,
    // many on one topic: "Coronavirus", "Immigration") loaded as one
    // story: events of one kind look alike as a whole.
    let dir = Path::new(NEUS);
    if !dir.exists() {
        return;
    }
    let (c, events) = datasets::neus(dir, datasets::neus_validation).expect("NeuS loads");
    let s = event_scores(&Analysis::build(c), &events);
    assert!(s.cross_event_rate() <= NEUS_CROSS_EVENT_RATE, "{s}");
    assert!(s.coverage() >= NEUS_COVERAGE, "{s}");
}

#[test]
fn contrast_validation_pairs_are_judged() {
    let set = ContrastSet::parse(include_str!("gold/contrast.toml")).expect("contrast parses");
    let pairs: Vec<&ContrastPair> = set
        .pair
        .iter()
        .filter(|p| p.split == "validation")
        .collect();
    assert!(pairs.len() >= 40);
    let config = crosscheck::matching::MatchConfig::default();
    let sep = contrast::separate(&pairs, &config);
    assert!(
        sep.accuracy() >= CONTRAST_SEPARATE,
        "{:.3}: {:#?}",
        sep.accuracy(),
        sep.wrong
    );
    let pooled = contrast::pooled(&pairs, &config);
    assert!(
        pooled.accuracy() >= CONTRAST_POOLED,
        "{:.3}: {:#?}",
        pooled.accuracy(),
        pooled.wrong
    );
}

// Floors, each a little under the figure measured by
// `cargo run --release --example evaluate -- --final` with the shipped
// model (README, "Quality"): seeds precision 0.873, recall 0.394; BASIL
// validation precision 0.935, recall 0.278; BASIL in one story 0.116 of
// matches across events; NeuS validation stories in one story 0.212 of
// matches across events, 0.596 of same-event article pairs matched;
// contrast validation 0.900 separate, 0.843 pooled.
// (Refits on changed features or objectives move held-out precision and
// recall by about 0.03: the floors leave that much room where a figure
// fell this round.)
const SEED_PRECISION: f64 = 0.85;
const SEED_RECALL: f64 = 0.35;
const BASIL_PRECISION: f64 = 0.88;
const BASIL_RECALL: f64 = 0.26;
const CROSS_EVENT_RATE: f64 = 0.13;
const NEUS_CROSS_EVENT_RATE: f64 = 0.24;
const NEUS_COVERAGE: f64 = 0.56;
const CONTRAST_SEPARATE: f64 = 0.85;
const CONTRAST_POOLED: f64 = 0.81;

/// The relation between the two one-sentence articles `a` and `b`: the
/// relation of the best same-fact match either way, `None` if none.
fn judge(a: &str, b: &str) -> Option<Relation> {
    let art = |id: &str, text: &str| {
        let mut x = Article::new(id.to_string(), text);
        x.story = "pair".into();
        x
    };
    let an = Analysis::build(Corpus::from_articles([art("a", a), art("b", b)]));
    let mut best: Option<(f32, Relation)> = None;
    for (x, y) in [(0, 1), (1, 0)] {
        for c in an.article_claims[x].clone() {
            if let Some(m) = an.match_in(c, y) {
                if m.relation != Relation::Related && best.is_none_or(|(s, _)| m.score > s) {
                    best = Some((m.score, m.relation));
                }
            }
        }
    }
    best.map(|b| b.1)
}

#[test]
fn the_same_event_with_other_figures_differs() {
    assert_eq!(
        judge(
            "The earthquake struck on Tuesday, killing at least 45 people.",
            "At least 52 people were killed when the earthquake hit."
        ),
        Some(Relation::Differs)
    );
}

#[test]
fn paraphrases_with_the_same_figures_agree() {
    for (a, b) in [
        (
            "The central bank raised its key rate by half a percentage point.",
            "The central bank lifted its benchmark rate by 0.5 percentage points.",
        ),
        (
            "Twenty-five people were injured in the crash.",
            "25 people were hurt in the crash.",
        ),
    ] {
        assert_eq!(judge(a, b), Some(Relation::Agrees), "{a} / {b}");
    }
}

#[test]
fn another_country_in_the_same_frame_does_not_agree() {
    let got = judge(
        "Germany's economy grew 0.3 percent in the third quarter.",
        "France's economy grew 0.3 percent in the third quarter.",
    );
    assert_ne!(got, Some(Relation::Agrees));
}

#[test]
fn another_company_in_the_same_frame_does_not_agree() {
    let got = judge(
        "Apple reported quarterly revenue of $90 billion.",
        "Microsoft reported quarterly revenue of $90 billion.",
    );
    assert_ne!(got, Some(Relation::Agrees));
}

#[test]
fn another_place_in_the_same_frame_does_not_agree_even_pooled() {
    // Loaded with other coverage, rare shared words weigh more; another
    // place in the same frame must still not be the same fact.
    let texts = [
        "A landslide buried 30 homes in the Peruvian region of Cusco.",
        "A landslide buried 30 homes in the Peruvian region of Puno.",
        "The airline said strikes would cancel 200 flights on Monday.",
        "Strikes will force the airline to cancel 200 flights on Monday.",
        "The central bank of Chile cut its key rate to 5.5 percent.",
        "Chile's central bank lowered its benchmark rate to 5.5 percent.",
    ];
    let articles = texts.iter().enumerate().map(|(i, t)| {
        let mut a = Article::new(format!("a{i}"), *t);
        a.story = "pooled".into();
        a
    });
    let an = Analysis::build(Corpus::from_articles(articles));
    let relation = |x: usize, y: usize| {
        an.article_claims[x]
            .clone()
            .filter_map(|c| an.match_in(c, y))
            .map(|m| m.relation)
            .find(|r| *r != Relation::Related)
    };
    assert_eq!(relation(0, 1), None, "Cusco / Puno");
    assert_eq!(
        relation(2, 3),
        Some(Relation::Agrees),
        "the same cancellations"
    );
    assert_eq!(relation(4, 5), Some(Relation::Agrees), "the same rate cut");
}

#[test]
fn a_refusal_or_an_affixal_opposite_contradicts() {
    for (a, b) in [
        (
            "The health minister resigned over the vaccine scandal.",
            "The health minister refused to resign over the vaccine scandal.",
        ),
        (
            "Inspectors said the dam above the village is safe.",
            "Inspectors said the dam above the village is unsafe.",
        ),
        (
            "The regulator said the merger of the two telecom firms was lawful.",
            "The regulator said the merger of the two telecom firms was unlawful.",
        ),
    ] {
        assert_eq!(judge(a, b), Some(Relation::Contradicts), "{a} / {b}");
    }
}

#[test]
fn opposites_through_classes_and_synsets_contradict() {
    // "wrong" is keyed by its class (with "incorrect"); "reject" shares
    // the synset WordNet's antonym pointer of "approve" names; "release"
    // is the opposite WordNet gives "hold".
    for (a, b) in [
        (
            "The auditors said the bank's figures for 2023 were correct.",
            "The auditors said the bank's figures for 2023 were wrong.",
        ),
        (
            "The city council approved the new stadium plan on the waterfront.",
            "The city council rejected the new stadium plan on the waterfront.",
        ),
        (
            "Police are holding the two journalists at the border crossing.",
            "Police have released the two journalists at the border crossing.",
        ),
    ] {
        assert_eq!(judge(a, b), Some(Relation::Contradicts), "{a} / {b}");
    }
}

#[test]
fn a_contradiction_reported_with_other_speech_verbs_contradicts() {
    // How each outlet reports the fact ("acknowledged", "insisted",
    // "said") is not part of it: the fact negated on one side contradicts.
    for (a, b) in [
        (
            "The water board acknowledged that the reservoir near Tilburg was contaminated.",
            "The water board insisted that the reservoir near Tilburg was not contaminated.",
        ),
        (
            "The airline confirmed that the pilots had been paid for March.",
            "The airline said that the pilots had not been paid for March.",
        ),
    ] {
        assert_eq!(judge(a, b), Some(Relation::Contradicts), "{a} / {b}");
    }
}

#[test]
fn opposites_said_of_different_things_do_not_contradict() {
    // The opposite words are there, but the sentences differ beyond them:
    // "victory" and "defeated" are said of two sides of one race, "father"
    // and "mother" of two people.
    for (a, b) in [
        (
            "Lena Ortiz celebrated her victory over Mayor Tom Hale in the Fresno primary on Tuesday.",
            "Mayor Tom Hale was defeated in the Fresno primary on Tuesday by a little-known challenger.",
        ),
        (
            "The singer's father and two sisters sat behind him at the sentencing in Leeds.",
            "At the sentencing in Leeds, the singer looked back at his mother several times.",
        ),
    ] {
        assert_ne!(judge(a, b), Some(Relation::Contradicts), "{a} / {b}");
    }
}

#[test]
fn a_toll_stated_by_a_way_of_dying_is_compared() {
    // "drowned" is a kind of dying (WordNet): its count is a death toll,
    // compared with the toll the other source gives.
    let got = judge(
        "Floods swept through the valley of Swat, and 23 residents drowned, police said.",
        "Police said the death toll from the floods in the Swat valley rose to 31.",
    );
    assert_eq!(got, Some(Relation::Differs));
}

#[test]
fn time_phrases_carry_no_polarity() {
    // "first" / "last" are opposites, but not in "for the first time" /
    // "last summer".
    let got = judge(
        "The rebels seized the airport in Goma for the first time in March.",
        "The rebels seized the airport in Goma last summer, officials said.",
    );
    assert_ne!(got, Some(Relation::Contradicts));
}

#[test]
fn the_bundled_set_has_no_false_contradiction() {
    // The bundled articles all confirm the deployment; none denies what
    // another states.
    let an = analysis();
    let contradictions: Vec<&str> = (0..an.claims.len())
        .filter(|&c| {
            an.matches_of(c)
                .any(|m| m.relation == Relation::Contradicts)
        })
        .map(|c| an.claims[c].text.as_str())
        .collect();
    assert!(contradictions.is_empty(), "{contradictions:#?}");
}

#[test]
fn the_same_number_as_a_bound_agrees() {
    // "above 5%" does not contradict "5 percent": the same number, stated
    // as a floor.
    assert_eq!(
        judge(
            "Inflation in Chile rose to 5 percent in March.",
            "Inflation in Chile rose above 5% in March."
        ),
        Some(Relation::Agrees)
    );
}

#[test]
fn other_dates_do_not_agree() {
    let got = judge(
        "A bomb killed 12 people in Manila on Tuesday.",
        "A bomb killed 12 people in Manila on Friday.",
    );
    assert_ne!(got, Some(Relation::Agrees));
}

#[test]
fn one_shared_name_is_not_a_match() {
    assert_eq!(
        judge(
            "Comissaria Smith said in its weekly review that coffee stocks fell.",
            "Anitec said the offering is being underwritten by Smith Barney."
        ),
        None
    );
}

#[test]
fn differing_seed_figures_are_marked_differs() {
    // The gold's differing counterparts (troop counts and casualty figures
    // that other outlets give otherwise) that are matched at all come out
    // as `differs`, never as `agrees`.
    let gold = Gold::parse(include_str!("gold/seeds.toml")).expect("gold parses");
    let s = evaluate(&analysis(), &gold);
    assert!(s.differs_found >= 3, "{s}");
    assert_eq!(s.differs_right, s.differs_found, "{s}");
}

#[test]
fn matches_are_mutual() {
    // Enter on a match must land on a claim whose own comparison shows a
    // counterpart back in the first article (the claim itself, or another
    // of that article's claims stating the same), never NOT REPORTED.
    let an = analysis();
    for (c, claim) in an.claims.iter().enumerate() {
        for m in an.matches_of(c) {
            assert!(
                an.match_in(m.claim, claim.article).is_some(),
                "{} -> {} has no way back",
                claim.text,
                an.claims[m.claim].text
            );
        }
    }
}

/// `crosscheck pairs` (the paraphrase model, with the surface features):
/// a restatement, reordered or in the passive, is the same; a sentence that
/// reuses the names and the setting for another fact is not.
#[test]
fn restatements_are_paraphrases_and_sentences_reusing_the_names_are_not() {
    use crosscheck::matching::features::{pair_score, pairs_idf};
    use crosscheck::matching::Params;
    let cases = [
        (
            "The company said its third-quarter profit rose 12 percent to $1.4 billion.",
            "Third-quarter profit at the company rose 12 percent to $1.4 billion, it said.",
            true,
        ),
        (
            "Police arrested two men on Saturday in connection with the robbery.",
            "Two men were arrested by police on Saturday in connection with the robbery.",
            true,
        ),
        (
            "The council voted 7-2 on Tuesday to approve the new stadium.",
            "On Tuesday the council voted 7-2 to approve the new stadium.",
            true,
        ),
        (
            "The company said its third-quarter profit rose 12 percent to $1.4 billion.",
            "The company said it would cut 1,200 jobs by the end of the year.",
            false,
        ),
        (
            "Police arrested two men on Saturday in connection with the robbery.",
            "Police said on Saturday that the robbery was the third in the area this month.",
            false,
        ),
        (
            "The council voted 7-2 on Tuesday to approve the new stadium.",
            "Opponents of the new stadium plan to sue the council, their lawyer said.",
            false,
        ),
    ];
    let idf = pairs_idf(cases.iter().flat_map(|(a, b, _)| [*a, *b]));
    let threshold = Params::trained().pairs_threshold;
    for (a, b, same) in cases {
        let s = pair_score(a, b, &idf).score;
        assert_eq!(s >= threshold, same, "{s:.3}: {a} / {b}");
    }
}

#[test]
fn a_light_verb_phrase_meets_its_verb_and_its_opposite() {
    // "found ... guilty" is "convicted" (WordNet's gloss), whose opposite
    // is "acquitted"; "found not guilty" is its negation, which agrees
    // with "acquitted".
    let guilty = "A jury in Ghent found the former harbour director guilty of bribery on Thursday.";
    let acquitted = "A jury in Ghent acquitted the former harbour director of bribery on Thursday.";
    let not_guilty =
        "A jury in Ghent found the former harbour director not guilty of bribery on Thursday.";
    assert_eq!(judge(guilty, acquitted), Some(Relation::Contradicts));
    assert_ne!(judge(not_guilty, acquitted), Some(Relation::Contradicts));
    assert_ne!(judge(not_guilty, acquitted), None);
    assert_eq!(
        judge(
            "Parliament declared the new party illegal in March.",
            "Parliament outlawed the new party in March."
        ),
        Some(Relation::Agrees)
    );
}

#[test]
fn a_surname_first_name_meets_its_full_form_in_another_article() {
    // Neither article prints both forms: the story's full names tell that
    // "President Xi" is Xi Jinping, without any list of names.
    let full = "Xi Jinping said on Monday that the new bridge to Macau would open next year.";
    let titled = "President Xi said on Monday that the new bridge to Macau would open next year.";
    assert_eq!(judge(full, titled), Some(Relation::Agrees));
    assert_eq!(
        judge(
            "Moon Jae-in told reporters in Busan that the port would reopen in May.",
            "Mr. Moon told reporters in Busan that the port would reopen in May."
        ),
        Some(Relation::Agrees)
    );
    // Another person in the same frame is still another fact.
    assert_eq!(
        judge(
            titled,
            "President Lula said on Monday that the new bridge to Macau would open next year."
        ),
        None
    );
}
