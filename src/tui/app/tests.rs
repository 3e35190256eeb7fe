//! `App` and `update` without a terminal: the workflow of issue 9 (filter,
//! next-differs, jump back, side by side, verdicts, sorting, the finder,
//! direct pane keys) and its defects, through key events where the keys
//! matter.

use super::*;
use crate::tui::action::{Action, Input};
use crate::tui::config::Config;
use crate::tui::fixture;
use crate::tui::keymap::KeyChord;
use crosscheck::analysis::ClaimStatus;
use ratatui::crossterm::event::{KeyCode, KeyEventState, KeyModifiers};

fn bundled(w: u16, h: u16) -> App {
    App::new(
        Analysis::build(crosscheck::corpus::bundled()),
        Config::default(),
        (w, h),
    )
}

fn fixture_app(w: u16, h: u16) -> App {
    App::new(fixture::analysis(), Config::default(), (w, h))
}

fn key_event(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent {
        code,
        modifiers,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    }
}

/// Presses keys given by name ("j", "ctrl-d", "esc", "G"), through the real
/// key dispatch.
fn press(app: &mut App, keys: &[&str]) {
    for k in keys {
        let chord = KeyChord::parse(k).unwrap_or_else(|e| panic!("{k}: {e}"));
        let mut mods = chord.mods;
        if let KeyCode::Char(c) = chord.code {
            if c.is_ascii_uppercase() {
                mods |= KeyModifiers::SHIFT;
            }
        }
        if let Some(input) = app.input_for_key(&key_event(chord.code, mods)) {
            update(app, input);
        }
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        if let Some(input) = app.input_for_key(&key_event(KeyCode::Char(c), KeyModifiers::NONE)) {
            update(app, input);
        }
    }
}

fn search_state(app: &App) -> &search::SearchState {
    match app.top() {
        Some(Layer::Search(s)) => s,
        other => panic!("no search popup: {other:?}"),
    }
}

#[test]
fn starts_on_the_first_article_and_claim() {
    let a = bundled(140, 45);
    assert_eq!(a.panes.article, 0);
    assert_eq!(a.panes.claim, Some(0));
    assert_eq!(a.panes.focus, Pane::Reader);
    assert!(!a.panes.reader.layout.lines.is_empty());
    assert!(!a.panes.comparison.layout.lines.is_empty());
}

#[test]
fn reader_steps_through_claims_and_keeps_them_in_view() {
    let mut a = bundled(140, 45);
    press(&mut a, &["j"]);
    assert_eq!(a.panes.claim, Some(1));
    press(&mut a, &["k", "k"]);
    assert_eq!(a.panes.claim, Some(0));
    press(&mut a, &["G"]);
    let last = a.analysis().claim_range(0).end - 1;
    assert_eq!(a.panes.claim, Some(last));
    let (first, end) = a.panes.reader.layout.lines_of(a.analysis(), last).unwrap();
    let height = a.pane_height(Pane::Reader);
    assert!(first >= a.panes.reader.scroll && end < a.panes.reader.scroll + height);
    press(&mut a, &["g"]);
    for _ in 0..10 {
        press(&mut a, &["ctrl-d"]);
        let c = a.panes.claim.unwrap();
        let (first, end) = a.panes.reader.layout.lines_of(a.analysis(), c).unwrap();
        assert!(end >= a.panes.reader.scroll && first < a.panes.reader.scroll + height);
    }
}

#[test]
fn direct_pane_keys_and_tab() {
    let mut a = bundled(140, 45);
    press(&mut a, &["1"]);
    assert_eq!(a.panes.focus, Pane::Articles);
    press(&mut a, &["j"]);
    assert_eq!(a.panes.article, 1);
    assert_eq!(a.panes.claim, Some(a.analysis().claim_range(1).start));
    press(&mut a, &["3"]);
    assert_eq!(a.panes.focus, Pane::Comparison);
    press(&mut a, &["2"]);
    assert_eq!(a.panes.focus, Pane::Reader);
    press(&mut a, &["tab", "tab"]);
    assert_eq!(a.panes.focus, Pane::Articles);
    press(&mut a, &["shift-tab"]);
    assert_eq!(a.panes.focus, Pane::Comparison);
    // Narrow: only the focused pane is shown, and 3 shows the comparison.
    let mut a = bundled(40, 15);
    press(&mut a, &["3"]);
    assert!(a.areas().comparison.is_some() && a.areas().reader.is_none());
}

#[test]
fn defect_5_the_finder_lists_everything_and_edits_like_readline() {
    let mut a = fixture_app(140, 45);
    press(&mut a, &["/"]);
    let all = a.analysis().claims.len() + a.analysis().articles.len();
    assert_eq!(search_state(&a).hits.len(), all, "an empty query lists all");
    type_text(&mut a, "soldiers region");
    let n = search_state(&a).hits.len();
    assert!(n >= 3, "{n}");
    press(&mut a, &["ctrl-w"]);
    assert_eq!(search_state(&a).input.text(), "soldiers ");
    press(&mut a, &["home"]);
    type_text(&mut a, "'");
    press(&mut a, &["end", "left", "right"]);
    type_text(&mut a, "!cold");
    assert_eq!(search_state(&a).input.text(), "'soldiers !cold");
    press(&mut a, &["ctrl-a", "ctrl-e", "ctrl-u"]);
    assert_eq!(search_state(&a).input.text(), "");
    assert_eq!(search_state(&a).hits.len(), all);
    // q and ? type; Esc cancels.
    type_text(&mut a, "q?");
    assert_eq!(search_state(&a).input.text(), "q?");
    assert!(!a.quit);
    press(&mut a, &["esc"]);
    assert!(a.layers.is_empty());
}

#[test]
fn the_finder_jumps_and_n_steps_and_ctrl_o_returns() {
    let mut a = fixture_app(140, 45);
    press(&mut a, &["/"]);
    type_text(&mut a, "'3,000");
    // The preview shows the selected hit's comparison.
    assert!(!search_state(&a).preview.lines.is_empty());
    let first = search_state(&a).hits[0].target;
    press(&mut a, &["enter"]);
    assert!(a.layers.is_empty());
    let Target::Claim(c) = first else {
        panic!("a claim first: {first:?}");
    };
    assert_eq!(a.panes.claim, Some(c));
    assert_eq!(a.results.hits.len(), 2);
    press(&mut a, &["n"]);
    assert_eq!(a.results.pos, 1);
    press(&mut a, &["N"]);
    assert_eq!(a.results.pos, 0);
    // Back to where the search started, then forward again.
    press(&mut a, &["ctrl-o", "ctrl-o", "ctrl-o"]);
    assert_eq!(a.panes.claim, Some(0));
    press(&mut a, &["L"]);
    assert_eq!(a.panes.claim, Some(c));
}

#[test]
fn enter_in_the_comparison_jumps_and_h_comes_back() {
    for (w, h) in [(140, 45), (80, 24), (40, 15)] {
        let mut a = fixture_app(w, h);
        press(&mut a, &["3"]);
        let e = a.panes.comparison.selected().expect("a source");
        let want = e.claim.expect("it reports the claim");
        press(&mut a, &["enter"]);
        assert_eq!(a.panes.claim, Some(want), "{w}x{h}");
        assert_eq!(a.panes.article, e.source);
        let (f, l) = a.panes.reader.layout.lines_of(a.analysis(), want).unwrap();
        let rh = a.pane_height(Pane::Reader);
        assert!(l >= a.panes.reader.scroll && f < a.panes.reader.scroll + rh);
        press(&mut a, &["H"]);
        assert_eq!(a.panes.claim, Some(0), "{w}x{h}");
        assert_eq!(a.panes.focus, Pane::Comparison);
    }
}

#[test]
fn the_comparison_moves_between_sources_and_a_source_without_the_claim_says_so() {
    let mut a = fixture_app(140, 45);
    // Claim 3 of the fixture ("The ministry called it ...") is related in
    // source 2 and absent from source 3.
    a.select_claim(2);
    press(&mut a, &["3", "j"]);
    let e = a.panes.comparison.selected().unwrap();
    assert_eq!((e.source, e.claim), (2, None));
    press(&mut a, &["enter"]);
    assert_eq!(a.panes.claim, Some(2));
    assert!(a.message.as_deref().unwrap().contains("does not report"));
    press(&mut a, &["G"]);
    assert_eq!(
        a.panes.comparison.sel,
        a.panes.comparison.layout.entries.len() - 1
    );
}

#[test]
fn defect_1_ctrl_d_is_half_a_page_in_the_matrix_and_the_help() {
    let mut a = bundled(140, 45);
    press(&mut a, &["s", "g", "ctrl-d"]);
    let Some(Layer::Matrix(m)) = a.top() else {
        panic!("matrix");
    };
    let half = m.row;
    press(&mut a, &["g", "pgdn"]);
    let Some(Layer::Matrix(m)) = a.top() else {
        panic!("matrix");
    };
    let page = m.row;
    assert!(half > 0 && page > half, "half {half}, page {page}");
    assert!(
        page >= 2 * half - 1 && page <= 2 * half + 1,
        "half {half}, page {page}"
    );
    press(&mut a, &["esc", "?", "ctrl-d"]);
    let Some(&Layer::Help(half)) = a.top() else {
        panic!("help");
    };
    press(&mut a, &["g", "pgdn"]);
    let Some(&Layer::Help(page)) = a.top() else {
        panic!("help");
    };
    assert!(half > 0 && page > half, "half {half}, page {page}");
}

#[test]
fn defect_2_help_over_the_matrix_closes_back_to_the_matrix() {
    let mut a = bundled(140, 45);
    press(&mut a, &["s", "?"]);
    assert!(matches!(a.top(), Some(Layer::Help(_))));
    press(&mut a, &["esc"]);
    assert!(matches!(a.top(), Some(Layer::Matrix(_))), "{:?}", a.top());
    press(&mut a, &["?", "?"]);
    assert!(matches!(a.top(), Some(Layer::Matrix(_))));
    press(&mut a, &["esc"]);
    assert!(a.layers.is_empty());
}

#[test]
fn the_matrix_opens_on_the_claims_fact_and_enter_jumps_to_that_source() {
    let mut a = fixture_app(140, 45);
    press(&mut a, &["s"]);
    let Some(Layer::Matrix(m)) = a.top() else {
        panic!("matrix");
    };
    assert_eq!(m.fact(), Some(a.analysis().claim_fact[0]));
    assert_eq!(m.source(), Some(0));
    press(&mut a, &["l", "l", "enter"]);
    assert!(a.layers.is_empty());
    assert_eq!(a.panes.claim, Some(7), "the fact's claim in source 3");
    press(&mut a, &["ctrl-o"]);
    assert_eq!(a.panes.claim, Some(0));
    // Sorting rows keeps the fact selected.
    press(&mut a, &["s", "O"]);
    let Some(Layer::Matrix(m)) = a.top() else {
        panic!("matrix");
    };
    assert_eq!(m.fact(), Some(a.analysis().claim_fact[0]));
    assert_eq!(a.matrix_sort, filter::MatrixSort::Differences);
}

#[test]
fn the_stories_matrix_is_not_built_before_it_is_opened() {
    let a = fixture_app(140, 45);
    assert!(a.layers.is_empty());
    assert!(!format!("{a:?}").contains("MatrixState"));
}

#[test]
fn filters_step_the_reader_and_narrow_the_article_list() {
    let mut a = fixture_app(140, 45);
    press(&mut a, &["f"]);
    assert_eq!(a.panes.filter, Filter::Differs);
    assert!(a.message.as_deref().unwrap().starts_with("filter: differs"));
    for &i in &a.panes.order {
        assert!(a.data.rows[i].counts.differs > 0);
    }
    // j skips the claims that do not pass.
    assert_eq!(a.panes.claim, Some(0));
    press(&mut a, &["j"]);
    assert_eq!(
        a.panes.claim,
        Some(0),
        "no other differing claim in article 1"
    );
    press(&mut a, &["f"]);
    assert_eq!(a.panes.filter, Filter::Contradicts);
    assert_eq!(a.panes.claim, Some(3));
    assert_eq!(a.panes.order, vec![0, 1]);
    press(&mut a, &["f"]);
    assert_eq!(a.panes.filter, Filter::Single);
    assert_eq!(
        a.analysis().status(a.panes.claim.unwrap()),
        ClaimStatus::SingleSource
    );
    press(&mut a, &["F", "F", "F"]);
    assert_eq!(a.panes.filter, Filter::All);
    assert_eq!(a.panes.order, vec![0, 1, 2]);
    // A filter nothing passes: an empty list and a message, no panic.
    press(&mut a, &["F"]);
    assert_eq!(a.panes.filter, Filter::Marked);
    assert!(a.panes.order.is_empty());
    assert!(a.message.as_deref().unwrap().contains("no such claim"));
    press(&mut a, &["j", "]", "1", "j", "G"]);
}

#[test]
fn next_differs_goes_across_the_story_and_wraps() {
    let mut a = fixture_app(140, 45);
    let mut seen = Vec::new();
    for _ in 0..5 {
        press(&mut a, &["]"]);
        seen.push(a.panes.claim.unwrap());
    }
    // Claims 0, 3 (article 1), 4, 6 (article 2), 7 (article 3), wrapped.
    assert_eq!(seen, vec![3, 4, 6, 7, 0]);
    assert!(a.message.as_deref().unwrap().contains("wrapped"));
    press(&mut a, &["["]);
    assert_eq!(a.panes.claim, Some(7));
    press(&mut a, &["ctrl-o"]);
    assert_eq!(a.panes.claim, Some(0));
}

#[test]
fn side_by_side_opens_on_the_selected_source_and_enter_returns_to_the_panes() {
    let mut a = fixture_app(140, 45);
    press(&mut a, &["3", "j", "v"]);
    let Some(Layer::SideBySide(s)) = a.top() else {
        panic!("side by side");
    };
    assert_eq!((s.left, s.right), (0, 2));
    assert_eq!(s.claim(), Some(0));
    press(&mut a, &["esc", "k", "v"]);
    let Some(Layer::SideBySide(s)) = a.top() else {
        panic!("side by side");
    };
    assert_eq!((s.left, s.right), (0, 1));
    assert!(!s.layout.lines.is_empty());
    press(&mut a, &["]"]);
    let Some(Layer::SideBySide(s)) = a.top() else {
        panic!("side by side");
    };
    let row = &s.rows[s.sel];
    assert_eq!(row.left, Some(3), "the contradicted pair: {row:?}");
    press(&mut a, &["enter"]);
    assert!(a.layers.is_empty());
    assert_eq!(a.panes.claim, Some(3));
}

#[test]
fn verdicts_mark_filter_and_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(crosscheck::verdicts::VERDICTS_FILE);
    let store = VerdictStore::open(Some(path.clone())).unwrap();
    let mut a = App::with_verdicts(fixture::analysis(), Config::default(), (140, 45), store);
    press(&mut a, &["m", "down"]);
    type_text(&mut a, "two figures");
    let Some(Layer::Verdict(v)) = a.top() else {
        panic!("verdict popup");
    };
    assert_eq!(v.chosen(), Some(Verdict::Disputed));
    let effect = a.input_for_key(&key_event(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(update(&mut a, effect.unwrap()), Some(Effect::SaveVerdicts));
    a.verdicts.store.save().unwrap();
    assert_eq!(
        a.verdicts.marks.get(&0),
        Some(&(Verdict::Disputed, "two figures".into()))
    );
    // The comparison says so; the marked filter finds it.
    let text: String = a
        .panes
        .comparison
        .layout
        .lines
        .iter()
        .flat_map(|l| l.iter().map(|(t, _)| t.clone()))
        .collect();
    assert!(
        text.contains("Your verdict: ! disputed — two figures"),
        "{text}"
    );
    press(&mut a, &["F"]);
    assert_eq!(a.panes.filter, Filter::Marked);
    assert_eq!(a.panes.order, vec![0]);
    // A new browser over the same inputs shows it.
    let store = VerdictStore::open(Some(path.clone())).unwrap();
    let b = App::with_verdicts(fixture::analysis(), Config::default(), (80, 24), store);
    assert_eq!(
        b.verdicts.marks.get(&0).map(|m| m.0),
        Some(Verdict::Disputed)
    );
    // Clearing it.
    let mut b = b;
    press(&mut b, &["m", "up", "up"]);
    press(&mut b, &["enter"]);
    assert!(b.verdicts.marks.is_empty());
}

#[test]
fn sorting_articles() {
    let mut a = fixture_app(140, 45);
    press(&mut a, &["O"]);
    assert_eq!(a.panes.sort, filter::ArticleSort::Date);
    assert_eq!(a.panes.order, vec![1, 0, 2], "dated first, oldest first");
    press(&mut a, &["O"]);
    assert_eq!(
        a.panes.order,
        vec![0, 1, 2],
        "Daily Wire, Evening Post, none"
    );
    press(&mut a, &["O"]);
    assert_eq!(a.panes.sort, filter::ArticleSort::Differing);
    // The article list moves in the list's order.
    press(&mut a, &["O", "O", "1", "g"]);
    assert_eq!(a.panes.article, 1);
    press(&mut a, &["j"]);
    assert_eq!(a.panes.article, 0);
}

#[test]
fn defect_7_copy_gives_the_full_title_outlet_date_and_claim() {
    let mut long = crosscheck::Article::new(
        "x",
        "One two three four five six seven eight nine ten eleven twelve words of headline\n\nOfficials said 14,000 troops were sent.",
    );
    long.outlet = Some("The Outlet".into());
    long.date = chrono::NaiveDate::from_ymd_opt(2025, 4, 28);
    long.path = Some("/some/path/x.txt".into());
    let corpus = crosscheck::Corpus::from_articles([long]);
    let mut a = App::new(Analysis::build(corpus), Config::default(), (80, 24));
    let c = a
        .analysis()
        .claims
        .iter()
        .position(|c| c.text.contains("14,000"))
        .unwrap();
    a.select_claim(c);
    match update(&mut a, Action::Copy) {
        Some(Effect::Copy(t)) => {
            assert!(
                t.starts_with("Officials said 14,000 troops were sent."),
                "{t}"
            );
            assert!(t.contains("eleven twelve words of headline"), "{t}");
            assert!(t.contains("The Outlet") && t.contains("2025-04-28"), "{t}");
            assert!(!t.contains('…') && !t.contains("/some/path"), "{t}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn copied_text_has_no_control_characters() {
    let mut evil = crosscheck::Article::new(
        "x",
        "Officials said 14,000 troops \u{1b}]0;pwned\u{7} were sent, the ministry said.",
    );
    evil.outlet = Some("Out\u{1b}[2Jlet".into());
    let corpus = crosscheck::Corpus::from_articles([evil]);
    let mut a = App::new(Analysis::build(corpus), Config::default(), (80, 24));
    match update(&mut a, Action::Copy) {
        Some(Effect::Copy(t)) => {
            assert!(
                t.contains("^[]0;pwned^G") && t.contains("Out^[[2Jlet"),
                "{t}"
            );
            assert!(!t.chars().any(|c| c.is_control() && c != '\n'), "{t:?}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn ctrl_c_quits_everywhere_even_when_quit_is_rebound() {
    for open in [None, Some("/"), Some("s"), Some("?"), Some("v"), Some("m")] {
        let mut a = fixture_app(80, 24);
        a.keymap
            .rebind(Action::Quit, &[KeyChord::parse("x").unwrap()]);
        if let Some(k) = open {
            press(&mut a, &[k]);
        }
        press(&mut a, &["ctrl-c"]);
        assert!(a.quit, "{open:?}");
    }
}

#[test]
fn every_size_and_input_is_safe() {
    let mut a = bundled(140, 45);
    let inputs: Vec<Input> = [
        Action::Down,
        Action::Up,
        Action::PageDown,
        Action::HalfPageUp,
        Action::Bottom,
        Action::Top,
        Action::FocusNext,
        Action::Open,
        Action::NextDiffers,
        Action::Filter,
        Action::SideBySide,
        Action::Down,
        Action::Open,
        Action::Matrix,
        Action::Right,
        Action::Open,
        Action::Verdict,
        Action::Open,
        Action::Warnings,
        Action::Close,
        Action::JumpBack,
    ]
    .into_iter()
    .map(Input::Action)
    .chain([
        Input::Click(3, 3),
        Input::ScrollDown(70, 10),
        Input::ScrollUp(120, 10),
        Input::Click(70, 10),
    ])
    .collect();
    for (w, h) in [
        (1, 1),
        (0, 0),
        (20, 5),
        (19, 4),
        (59, 15),
        (80, 24),
        (99, 30),
        (300, 100),
    ] {
        update(&mut a, Input::Resize(w, h));
        for i in &inputs {
            update(&mut a, i.clone());
        }
    }
}

#[test]
fn mouse_click_selects_an_article() {
    let mut a = bundled(140, 45);
    let r = layout::inner(a.areas().articles.unwrap());
    update(&mut a, Input::Click(r.x + 2, r.y + 2));
    assert_eq!(a.panes.article, 1);
    assert_eq!(a.panes.focus, Pane::Articles);
}

#[test]
fn empty_analysis_does_not_panic() {
    let mut a = App::new(Analysis::default(), Config::default(), (80, 24));
    for act in [
        Action::Down,
        Action::Bottom,
        Action::Copy,
        Action::Matrix,
        Action::Open,
        Action::Close,
        Action::SideBySide,
        Action::Verdict,
        Action::NextDiffers,
        Action::Filter,
        Action::Search,
    ] {
        update(&mut a, act);
    }
    update(&mut a, Input::Type('a'));
    update(&mut a, Action::Open);
    assert_eq!(a.panes.claim, None);
}

#[test]
fn plain_characters_type_in_popups_even_when_bound() {
    let mut a = fixture_app(80, 24);
    a.keymap.rebind(
        Action::Down,
        &[
            KeyChord::parse("e").unwrap(),
            KeyChord::parse("down").unwrap(),
        ],
    );
    press(&mut a, &["/"]);
    type_text(&mut a, "e");
    assert_eq!(search_state(&a).input.text(), "e");
}

#[test]
fn control_characters_do_not_enter_the_query_or_the_rows() {
    let mut a = fixture_app(80, 24);
    press(&mut a, &["/"]);
    type_text(&mut a, "a\u{1b}b\u{7}\u{9b}c");
    update(&mut a, Input::Type('\u{1b}'));
    update(&mut a, Input::Paste("d\u{1b}[2Je".into()));
    assert_eq!(search_state(&a).input.text(), "abcd[2Je");
    let corpus = crosscheck::Corpus::from_articles([crosscheck::Article::new(
        "x",
        "Evil \u{1b}]0;pwned\u{7} title\n\nOfficials said 14,000 troops were sent.",
    )]);
    let a = App::new(Analysis::build(corpus), Config::default(), (80, 24));
    assert!(!a.data.rows[0].title.chars().any(char::is_control));
    let c = &a.analysis().claims[0];
    assert_eq!(&a.analysis().articles[0].text[c.start..c.end], c.text);
}
