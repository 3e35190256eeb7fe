//! `App` and `update` without a terminal.

use super::*;
use crate::config::Config;
use ratatui::crossterm::event::{KeyEvent, KeyEventState};

fn app(w: u16, h: u16) -> App {
    App::new(
        Analysis::build(crosscheck::corpus::bundled()),
        Config::default(),
        (w, h),
    )
}

fn key(c: char) -> KeyEvent {
    KeyEvent {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    }
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        if let Some(a) = app.action_for_key(&key(c)) {
            update(app, a);
        }
    }
}

#[test]
fn starts_on_the_first_article_and_claim() {
    let a = app(140, 45);
    assert_eq!(a.article, 0);
    assert_eq!(a.claim, Some(0));
    assert_eq!(a.focus, Pane::Reader);
    assert!(!a.reader.lines.is_empty());
}

#[test]
fn reader_steps_through_claims() {
    let mut a = app(140, 45);
    update(&mut a, Action::Down);
    assert_eq!(a.claim, Some(1));
    update(&mut a, Action::Up);
    update(&mut a, Action::Up);
    assert_eq!(a.claim, Some(0));
    update(&mut a, Action::Bottom);
    let last = a.analysis.article_claims[0].end - 1;
    assert_eq!(a.claim, Some(last));
    // The selected claim is in view.
    let (f, l) = a.reader.lines_of(&a.analysis, last).unwrap();
    let h = a.pane_height(Pane::Reader);
    assert!(f >= a.reader_scroll && l < a.reader_scroll + h);
}

#[test]
fn scrolling_keeps_the_selected_claim_in_view() {
    let mut a = app(140, 45);
    for _ in 0..3 {
        update(&mut a, Action::PageDown);
        let c = a.claim.unwrap();
        let (f, l) = a.reader.lines_of(&a.analysis, c).unwrap();
        let h = a.pane_height(Pane::Reader);
        assert!(
            l >= a.reader_scroll && f < a.reader_scroll + h,
            "claim {c} out of view"
        );
    }
}

#[test]
fn articles_pane_and_focus() {
    let mut a = app(140, 45);
    update(&mut a, Action::FocusPrev);
    assert_eq!(a.focus, Pane::Articles);
    update(&mut a, Action::Down);
    assert_eq!(a.article, 1);
    assert_eq!(a.claim, Some(a.analysis.article_claims[1].start));
    update(&mut a, Action::Bottom);
    assert_eq!(a.article, a.analysis.articles.len() - 1);
    update(&mut a, Action::Open);
    assert_eq!(a.focus, Pane::Reader);
    update(&mut a, Action::FocusNext);
    update(&mut a, Action::FocusNext);
    assert_eq!(a.focus, Pane::Articles);
}

#[test]
fn search_jumps_to_the_troop_claim_and_n_steps() {
    let mut a = app(140, 45);
    press(&mut a, "/");
    assert_eq!(a.overlay, Some(Overlay::Search));
    press(&mut a, "14,000 q?");
    assert_eq!(a.query, "14,000 q?", "printable keys type in the popup");
    for _ in 0..3 {
        update(&mut a, Action::Backspace);
    }
    assert!(!a.hits.is_empty());
    update(&mut a, Action::Open);
    assert_eq!(a.overlay, None);
    let c = a.claim.unwrap();
    assert!(a.analysis.claims[c].text.contains("14,000"));
    assert_eq!(a.article, a.analysis.claims[c].article);
    let n = a.results.len();
    press(&mut a, "n");
    assert_eq!(a.result, 1 % n);
    press(&mut a, "N");
    assert_eq!(a.result, 0);
}

#[test]
fn search_escape_cancels() {
    let mut a = app(140, 45);
    update(&mut a, Action::Search);
    update(&mut a, Action::Insert('x'));
    update(&mut a, Action::Close);
    assert_eq!(a.overlay, None);
    assert_eq!(a.claim, Some(0));
}

#[test]
fn matrix_enter_jumps_to_a_claim_in_that_source() {
    let mut a = app(140, 45);
    press(&mut a, "s");
    assert_eq!(a.overlay, Some(Overlay::Matrix));
    update(&mut a, Action::Right);
    update(&mut a, Action::Open);
    assert_eq!(a.overlay, None);
    let c = a.claim.unwrap();
    let fact = a.matrix.rows[0].fact;
    assert!(a.analysis.facts[fact].claims.contains(&c));
}

#[test]
fn help_toggles_and_scrolls_quit_quits() {
    let mut a = app(80, 24);
    press(&mut a, "?");
    assert_eq!(a.overlay, Some(Overlay::Help));
    press(&mut a, "jj");
    assert_eq!(a.help_scroll, 2);
    update(&mut a, Action::Close);
    assert_eq!(a.overlay, None);
    press(&mut a, "q");
    assert!(a.quit);
}

#[test]
fn ctrl_c_quits_even_in_search_and_when_rebound() {
    let mut a = app(80, 24);
    a.keymap
        .rebind(Action::Quit, &[KeyChord::parse("x").unwrap()]);
    update(&mut a, Action::Search);
    let ev = KeyEvent {
        code: KeyCode::Char('c'),
        modifiers: KeyModifiers::CONTROL,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    };
    assert_eq!(a.action_for_key(&ev), Some(Action::Quit));
}

#[test]
fn copy_and_open_url_are_effects() {
    let mut a = app(140, 45);
    match update(&mut a, Action::Copy) {
        Some(Effect::Copy(t)) => assert!(t.contains(&a.analysis.claims[0].text)),
        other => panic!("{other:?}"),
    }
    // The bundled articles have no URL: a message, no effect.
    assert_eq!(update(&mut a, Action::OpenUrl), None);
    assert!(a.message.is_some());
}

#[test]
fn every_size_and_action_is_safe() {
    let mut a = app(140, 45);
    let actions = [
        Action::Down,
        Action::Up,
        Action::PageDown,
        Action::HalfPageUp,
        Action::Bottom,
        Action::Top,
        Action::FocusNext,
        Action::Open,
        Action::Click(3, 3),
        Action::ScrollDown(70, 10),
        Action::ScrollUp(120, 10),
        Action::Click(70, 10),
        Action::Matrix,
        Action::Right,
        Action::Open,
        Action::Warnings,
        Action::Close,
    ];
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
        update(&mut a, Action::Resize(w, h));
        for act in actions {
            update(&mut a, act);
        }
    }
}

#[test]
fn mouse_click_selects_an_article() {
    let mut a = app(140, 45);
    let r = layout::inner(a.areas().articles.unwrap());
    update(&mut a, Action::Click(r.x + 2, r.y + 2));
    assert_eq!(a.article, 1);
    assert_eq!(a.focus, Pane::Articles);
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
        Action::Search,
        Action::Insert('a'),
        Action::Open,
    ] {
        update(&mut a, act);
    }
    assert_eq!(a.claim, None);
}

#[test]
fn plain_characters_type_in_search_even_when_bound() {
    let mut a = app(80, 24);
    a.keymap
        .rebind(Action::Down, &[KeyChord::parse("e").unwrap()]);
    update(&mut a, Action::Search);
    press(&mut a, "e");
    assert_eq!(a.query, "e");
}

#[test]
fn control_characters_do_not_enter_the_query_or_the_rows() {
    let mut a = app(80, 24);
    update(&mut a, Action::Search);
    press(&mut a, "a\u{1b}b\u{7}\u{9b}c");
    update(&mut a, Action::Insert('\u{1b}'));
    assert_eq!(a.query, "abc");
    let corpus = crosscheck::Corpus::from_articles([crosscheck::Article::new(
        "x",
        "Evil \u{1b}]0;pwned\u{7} title\n\nOfficials said 14,000 troops were sent.",
    )]);
    let a = App::new(Analysis::build(corpus), Config::default(), (80, 24));
    assert!(
        !a.rows[0].title.chars().any(char::is_control),
        "{:?}",
        a.rows[0].title
    );
    // The article text itself is untouched: offsets stay exact.
    let c = &a.analysis.claims[0];
    assert_eq!(&a.analysis.articles[0].text[c.start..c.end], c.text);
}

#[test]
fn enter_in_the_comparison_jumps_to_the_matched_claim() {
    for (w, h) in [(140, 45), (80, 24), (40, 12)] {
        let mut a = app(w, h);
        // The first claim of the bundled set is reported elsewhere.
        let entries = crate::ui::comparison::entries(&a);
        let target = entries
            .iter()
            .position(|e| e.claim.is_some())
            .expect("a source reporting the first claim");
        let want = entries[target].claim.unwrap();
        while a.focus != Pane::Comparison {
            update(&mut a, Action::FocusNext);
        }
        update(&mut a, Action::Top);
        // Down first brings the selected source into view, then moves.
        let in_view = |a: &App| {
            let line = crate::ui::comparison::entries(a)[a.comparison_sel].line;
            line >= a.comparison_scroll
                && line < a.comparison_scroll + a.pane_height(Pane::Comparison)
        };
        for _ in 0..20 {
            if a.comparison_sel == target && in_view(&a) {
                break;
            }
            update(&mut a, Action::Down);
        }
        assert_eq!(a.comparison_sel, target);
        // The selected entry is in view.
        let line = crate::ui::comparison::entries(&a)[target].line;
        let ph = a.pane_height(Pane::Comparison);
        assert!(
            line >= a.comparison_scroll && line < a.comparison_scroll + ph,
            "{w}x{h}: line {line} scroll {} height {ph} sel {}",
            a.comparison_scroll,
            a.comparison_sel
        );
        update(&mut a, Action::Open);
        assert_eq!(a.claim, Some(want), "{w}x{h}");
        assert_eq!(a.article, a.analysis.claims[want].article);
        assert_eq!(a.comparison_sel, 0);
        assert!(a
            .message
            .as_deref()
            .unwrap_or("")
            .starts_with("jumped to source "));
        // The reader shows the claim.
        let (f, l) = a.reader.lines_of(&a.analysis, want).unwrap();
        let rh = a.pane_height(Pane::Reader);
        assert!(l >= a.reader_scroll && f < a.reader_scroll + rh);
    }
    // A source that does not report the claim: a message, no jump.
    let mut a = app(140, 45);
    let entries = crate::ui::comparison::entries(&a);
    if let Some(i) = entries.iter().position(|e| e.claim.is_none()) {
        a.focus = Pane::Comparison;
        a.comparison_sel = i;
        update(&mut a, Action::Open);
        assert_eq!(a.claim, Some(0));
        assert!(a.message.as_deref().unwrap().contains("does not report"));
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
