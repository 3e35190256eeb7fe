//! The story list drawn to a `TestBackend` (insta snapshots at 140x45,
//! 80x24 and 40x15) on a hand-built corpus of three stories, and the
//! finder naming each hit's story.

use crate::tui::action::{Action, Input};
use crate::tui::app::{update, App};
use crate::tui::config::Config;
use crate::tui::fixture_stories;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn render(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    t.draw(|f| super::draw(f, app)).unwrap();
    t
}

fn snap(name: &str, setup: impl Fn(&mut App)) {
    for (w, h, size) in [(140, 45, "140x45"), (80, 24, "80x24"), (40, 15, "40x15")] {
        let mut app = App::new(fixture_stories::analysis(), Config::default(), (w, h));
        setup(&mut app);
        insta::assert_snapshot!(format!("{name}_{size}"), render(&app).backend());
    }
}

fn screen(app: &App) -> String {
    format!("{}", render(app).backend())
}

#[test]
fn story_list_on_start() {
    snap("story_list", |a| {
        update(a, Action::Down);
    });
}

#[test]
fn drilled_down_into_a_story() {
    snap("story_open", |a| {
        update(a, Action::Down);
        update(a, Action::Open);
    });
}

#[test]
fn finder_names_the_story_of_each_hit() {
    let mut app = App::new(fixture_stories::analysis(), Config::default(), (140, 45));
    update(&mut app, Action::Search);
    for c in "wheat harvest".chars() {
        update(&mut app, Input::Type(c));
    }
    let s = screen(&app);
    assert!(s.contains("story 2"), "{s}");
    assert!(
        s.contains("selected in story 2: Record wheat harvest"),
        "{s}"
    );
}
