//! The story list without a terminal: shown first with several stories,
//! never with one; Enter drills down into a story, whose articles alone
//! the panes then list; Esc or Backspace goes back with the selection
//! kept; a search hit in another story opens that story.

use super::*;
use crate::tui::action::Action;
use crate::tui::config::Config;
use crate::tui::fixture_stories;
use crosscheck::analysis::ClaimStatus;
use crosscheck::search::Target;

fn stories_app() -> App {
    App::new(fixture_stories::analysis(), Config::default(), (140, 45))
}

#[test]
fn one_story_opens_on_the_panes() {
    let mut app = App::new(
        crate::tui::fixture::analysis(),
        Config::default(),
        (140, 45),
    );
    assert!(!app.story_list.shown);
    assert_eq!(app.context(), Context::Panes);
    assert_eq!(app.panes.order, vec![0, 1, 2]);
    update(&mut app, Action::Stories);
    assert!(!app.story_list.shown, "no list of one story");
    assert!(app.message.is_some());
}

#[test]
fn several_stories_open_on_the_story_list() {
    let app = stories_app();
    assert!(app.story_list.shown);
    assert_eq!(app.context(), Context::Stories);
    assert_eq!(app.data.stories.len(), 3);
    assert_eq!(app.story_list.sel, 0);
    let counts: Vec<(usize, usize, usize, usize, usize)> = app
        .data
        .stories
        .iter()
        .map(|s| {
            (
                s.articles.len(),
                s.agrees,
                s.differs,
                s.contradicts,
                s.single,
            )
        })
        .collect();
    assert_eq!(
        counts,
        vec![(2, 1, 1, 0, 1), (3, 1, 1, 1, 1), (1, 0, 0, 0, 2)]
    );
}

#[test]
fn drill_down_and_back_keep_the_selection() {
    let mut app = stories_app();
    update(&mut app, Action::Down);
    assert_eq!(app.story_list.sel, 1);
    update(&mut app, Action::Open);
    assert!(!app.story_list.shown);
    assert_eq!(app.context(), Context::Panes);
    assert_eq!(app.panes.story, 1);
    assert_eq!(app.panes.order, vec![2, 3, 4], "the story's articles only");
    assert_eq!(app.panes.article, 2);
    assert_eq!(app.panes.focus, Pane::Articles);
    // Moving in the article list stays within the story.
    for _ in 0..5 {
        update(&mut app, Action::Down);
    }
    assert_eq!(app.panes.article, 4);
    update(&mut app, Action::Stories);
    assert!(app.story_list.shown);
    assert_eq!(app.story_list.sel, 1, "back on the story just read");
    // Opening the same story again returns to the same article.
    update(&mut app, Action::Open);
    assert_eq!(app.panes.article, 4);
    // The last story, then back and up: the selection moves from there.
    update(&mut app, Action::Stories);
    update(&mut app, Action::Bottom);
    update(&mut app, Action::Open);
    assert_eq!(app.panes.order, vec![5]);
    assert_eq!(app.panes.article, 5);
    update(&mut app, Action::Stories);
    assert_eq!(app.story_list.sel, 2);
    update(&mut app, Action::Up);
    assert_eq!(app.story_list.sel, 1);
}

#[test]
fn esc_and_backspace_go_back_through_the_keymap() {
    let mut app = stories_app();
    update(&mut app, Action::Open);
    for key in ["esc", "backspace"] {
        let chord = KeyChord::parse(key).unwrap();
        assert_eq!(
            app.keymap.lookup(app.context(), chord),
            Some(Action::Stories),
            "{key}"
        );
    }
    let action = app
        .keymap
        .lookup(app.context(), KeyChord::parse("esc").unwrap())
        .unwrap();
    update(&mut app, action);
    assert!(app.story_list.shown);
    // Esc in the story list does nothing harmful.
    let esc = app
        .keymap
        .lookup(app.context(), KeyChord::parse("esc").unwrap());
    assert_eq!(esc, None);
}

#[test]
fn jumping_to_a_hit_opens_its_story() {
    let mut app = stories_app();
    // From the story list, to a claim of the third story.
    let claim = app.analysis().claim_range(5).start;
    app.jump(Target::Claim(claim));
    assert!(!app.story_list.shown);
    assert_eq!(app.panes.story, 2);
    assert_eq!(app.panes.order, vec![5]);
    // And back to the first story's second article by its title.
    app.jump(Target::Article(1));
    assert_eq!(app.panes.story, 0);
    assert_eq!(app.panes.order, vec![0, 1]);
    assert_eq!(app.panes.article, 1);
    // Ctrl-o goes back to the third story.
    update(&mut app, Action::JumpBack);
    assert_eq!(app.panes.story, 2);
    assert_eq!(app.panes.order, vec![5]);
    update(&mut app, Action::Stories);
    assert_eq!(app.story_list.sel, 2);
}

#[test]
fn search_from_the_story_list_opens_the_hits_story() {
    let mut app = stories_app();
    update(&mut app, Action::Search);
    assert_eq!(app.context(), Context::Input);
    for c in "library reopened".chars() {
        update(&mut app, crate::tui::action::Input::Type(c));
    }
    update(&mut app, Action::Open);
    assert!(!app.story_list.shown);
    assert_eq!(app.panes.story, 2);
    assert_eq!(app.panes.article, 5);
}

#[test]
fn the_filter_keeps_to_the_story() {
    let mut app = stories_app();
    update(&mut app, Action::Open);
    update(&mut app, Action::Sort);
    update(&mut app, Action::Filter);
    assert!(app.panes.order.iter().all(|&i| app.data.in_story(i, 0)));
}

#[test]
fn next_differs_and_the_filter_count_stay_within_the_story() {
    let mut app = stories_app();
    update(&mut app, Action::Open);
    update(&mut app, Action::FocusReader);
    for _ in 0..6 {
        update(&mut app, Action::NextDiffers);
        assert!(app.data.in_story(app.panes.article, 0), "{:?}", app.message);
        assert!(matches!(
            app.panes.claim.map(|c| app.analysis().status(c)),
            Some(ClaimStatus::Differs)
        ));
    }
    // The third story has no claim that differs: `]` says so and stays.
    app.jump(Target::Article(5));
    update(&mut app, Action::NextDiffers);
    assert_eq!(app.panes.article, 5);
    assert!(app
        .message
        .as_deref()
        .is_some_and(|m| m.contains("no claim")));
    // The filter counts the story's claims only: 2 single-source here.
    update(&mut app, Action::Filter);
    while app.panes.filter != super::filter::Filter::Single {
        update(&mut app, Action::Filter);
    }
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.contains("2 claims, 1 articles")),
        "{:?}",
        app.message
    );
}

#[test]
fn a_click_selects_a_story() {
    let mut app = stories_app();
    // Row 0 is the border, row 1 the heading, row 2 the first story.
    update(&mut app, crate::tui::action::Input::Click(5, 4));
    assert_eq!(app.story_list.sel, 2);
    update(&mut app, crate::tui::action::Input::Click(5, 1));
    assert_eq!(app.story_list.sel, 2, "the heading selects nothing");
    update(&mut app, crate::tui::action::Input::ScrollUp(5, 4));
    assert_eq!(app.story_list.sel, 1);
}

#[test]
fn sorting_the_story_list_keeps_the_selection_and_opens_the_row_shown() {
    let mut app = stories_app();
    update(&mut app, Action::Sort);
    assert_eq!(app.story_list.sort, stories::StorySort::Sources);
    assert_eq!(app.story_list.order, vec![1, 0, 2]);
    assert_eq!(app.story_list.sel, 0, "the selected story stays selected");
    update(&mut app, Action::Top);
    assert_eq!(app.story_list.sel, 1, "the first row: most sources");
    update(&mut app, Action::Down);
    update(&mut app, Action::Down);
    assert_eq!(app.story_list.sel, 2);
    update(&mut app, Action::Open);
    assert_eq!(app.panes.story, 2);
    update(&mut app, Action::Stories);
    assert_eq!(app.story_list.sort, stories::StorySort::Sources, "kept");
    assert_eq!(app.story_list.position(), 2);
}
