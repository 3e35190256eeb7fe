//! Every pane and view drawn to a `TestBackend` and compared with insta
//! snapshots at 140x45, 80x24 and 40x15 (and a tiny size), on the
//! hand-built fixture (`tui::fixture`), so that the snapshots change only
//! when the browser does, never when the matcher does. Then the defects of
//! issue 9 that are about what is drawn, each checked on the buffer.

use crate::tui::action::{Action, Input};
use crate::tui::app::{update, App, Layer, Pane};
use crate::tui::config::Config;
use crate::tui::fixture;
use crate::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use ratatui::Terminal;

fn render(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    t.draw(|f| super::draw(f, app)).unwrap();
    t
}

const SIZES: [(u16, u16, &str); 4] = [
    (140, 45, "140x45"),
    (80, 24, "80x24"),
    (40, 15, "40x15"),
    (20, 5, "20x5"),
];

fn app_at(w: u16, h: u16) -> App {
    App::new(fixture::analysis(), Config::default(), (w, h))
}

fn snap(name: &str, setup: impl Fn(&mut App)) {
    for (w, h, size) in SIZES {
        let mut app = app_at(w, h);
        setup(&mut app);
        let t = render(&app);
        insta::assert_snapshot!(format!("{name}_{size}"), t.backend());
    }
}

fn keys(app: &mut App, actions: &[Action]) {
    for &a in actions {
        update(app, a);
    }
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, Input::Type(c));
    }
}

#[test]
fn panes_on_start() {
    snap("start", |_| {});
}

#[test]
fn articles_focused() {
    snap("articles", |a| {
        keys(a, &[Action::FocusArticles, Action::Down]);
    });
}

#[test]
fn comparison_focused_on_the_second_source() {
    snap("comparison", |a| {
        keys(a, &[Action::FocusComparison, Action::Down]);
    });
}

#[test]
fn search_popup_lists_everything_on_an_empty_query() {
    snap("search_empty", |a| keys(a, &[Action::Search]));
}

#[test]
fn search_popup_with_a_query() {
    snap("search", |a| {
        update(a, Action::Search);
        typed(a, "'3,000 !another");
    });
}

#[test]
fn search_jump() {
    snap("search_jump", |a| {
        update(a, Action::Search);
        typed(a, "10,000");
        update(a, Action::Open);
    });
}

#[test]
fn help_overlay() {
    snap("help", |a| keys(a, &[Action::Help]));
}

#[test]
fn help_legend() {
    snap("help_legend", |a| keys(a, &[Action::Help, Action::Bottom]));
}

#[test]
fn matrix_overlay() {
    snap("matrix", |a| keys(a, &[Action::Matrix, Action::Right]));
}

#[test]
fn warnings_overlay() {
    snap("warnings", |a| keys(a, &[Action::Warnings]));
}

#[test]
fn side_by_side_view() {
    snap("side_by_side", |a| keys(a, &[Action::SideBySide]));
}

#[test]
fn verdict_popup_and_marker() {
    snap("verdict_popup", |a| {
        keys(a, &[Action::Verdict, Action::Down]);
        typed(a, "two figures");
    });
    snap("verdict_marked", |a| {
        keys(a, &[Action::Verdict, Action::Down]);
        typed(a, "two figures");
        update(a, Action::Open);
    });
}

#[test]
fn filtered_to_contradicted_claims() {
    snap("filter_contradicts", |a| {
        keys(a, &[Action::Filter, Action::Filter]);
    });
}

/// The text of row `y` of a buffer.
fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect()
}

fn screen(buf: &Buffer) -> String {
    (0..buf.area.height)
        .map(|y| row(buf, y))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first cell from which `needle` is drawn, at or right of column
/// `from`.
fn find_from(buf: &Buffer, needle: &str, from: u16) -> Option<(u16, u16)> {
    (0..buf.area.height).find_map(|y| {
        let r: String = (from..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        r.find(needle).map(|i| {
            let x = r[..i].chars().count();
            (from + u16::try_from(x).unwrap_or(0), y)
        })
    })
}

fn modifiers_at(buf: &Buffer, needle: &str, from: u16) -> Modifier {
    let (x, y) = find_from(buf, needle, from)
        .unwrap_or_else(|| panic!("{needle} not drawn:\n{}", screen(buf)));
    buf[(x, y)].modifier
}

#[test]
fn defect_6_nothing_important_is_cut() {
    // The reader's legend ends as it should at 140x45, and the counts of
    // every article show in full.
    let app = App::new(
        crosscheck::Analysis::build(crosscheck::corpus::bundled()),
        Config::default(),
        (140, 45),
    );
    let t = render(&app);
    let buf = t.backend().buffer();
    let s = screen(buf);
    // The legend is as rich as fits, never cut inside a word.
    let reader = app.areas().reader.unwrap();
    let legend = row(buf, reader.bottom() - 1);
    assert!(
        legend.contains("· single") && !legend.contains('…'),
        "{legend}"
    );
    for r in &app.data.rows {
        let counts = format!("={} ≠{}", r.counts.corroborated, r.counts.differs);
        assert!(s.contains(&counts), "{counts} cut:\n{s}");
    }
    // Hints: help and quit at every width; hints at 60x20 and 40x15.
    for (w, h) in [(80, 24), (60, 20), (40, 15), (30, 10)] {
        let app = App::new(app.data.analysis.clone(), Config::default(), (w, h));
        let t = render(&app);
        let last = row(t.backend().buffer(), h - 1);
        assert!(
            last.contains("? help") && last.contains("q quit"),
            "{w}x{h}: {last}"
        );
    }
    // A list that does not fit says so.
    let mut small = App::new(app.data.analysis.clone(), Config::default(), (60, 20));
    update(&mut small, Action::FocusArticles);
    let s = screen(render(&small).backend().buffer());
    assert!(s.contains(" of 5 ↓"), "{s}");
}

#[test]
fn defect_8_without_colour_selection_badges_and_headers_differ() {
    let mut app = app_at(140, 45);
    app.theme = Theme::monochrome();
    keys(&mut app, &[Action::FocusComparison]);
    let t = render(&app);
    let buf = t.backend().buffer();
    let x0 = app.areas().comparison.unwrap().x;
    let selected = modifiers_at(buf, "2 Officials said", x0);
    let badge = modifiers_at(buf, "[DIFFERS]", x0);
    let header = modifiers_at(buf, "Figures elsewhere", x0);
    assert!(selected.contains(Modifier::REVERSED), "{selected:?}");
    assert!(
        badge.contains(Modifier::BOLD) && !badge.contains(Modifier::REVERSED),
        "{badge:?}"
    );
    assert!(
        header.contains(Modifier::UNDERLINED) && !header.contains(Modifier::REVERSED),
        "{header:?}"
    );
    // The only reversed cells of the comparison pane are the selection's.
    for y in 0..buf.area.height - 1 {
        for x in x0..buf.area.width {
            if buf[(x, y)].modifier.contains(Modifier::REVERSED) {
                let r = row(buf, y);
                assert!(r.contains("2 Officials said"), "reversed at {x},{y}: {r}");
            }
        }
    }
}

#[test]
fn defect_10_headers_and_titles_say_things_once_and_name_no_ids() {
    let app = app_at(140, 45);
    let s = screen(render(&app).backend().buffer());
    assert!(s.contains("≠ FIGURES DIFFER"), "{s}");
    assert!(!s.contains("FIGURES DIFFER ("), "{s}");
    assert!(s.contains("Comparison: claim 1/4 of 1 Daily Wire"), "{s}");
    assert!(!s.contains("wire-1/1"), "{s}");
}

#[test]
fn defect_11_help_explains_markers_and_badges() {
    let mut app = app_at(140, 45);
    update(&mut app, Action::Help);
    let mut seen = String::new();
    for _ in 0..20 {
        seen.push_str(&screen(render(&app).backend().buffer()));
        update(&mut app, Action::PageDown);
    }
    for needle in [
        "[AGREES]",
        "[DIFFERS]",
        "[CONTRADICTS]",
        "[RELATED]",
        "[NOT REPORTED]",
        "compatible",
        "incompatible",
        "another source gives other figures",
        "reported by source N alone",
    ] {
        assert!(seen.contains(needle), "{needle}");
    }
}

#[test]
fn defect_3_popup_hints_are_true() {
    let mut app = app_at(140, 45);
    update(&mut app, Action::Search);
    let last = row(render(&app).backend().buffer(), 44);
    assert!(
        !last.contains("q quit") && !last.contains("? help"),
        "{last}"
    );
    assert!(
        last.contains("Enter jump") && last.contains("Esc cancel"),
        "{last}"
    );
    assert!(
        last.contains("Ctrl-c quit") && last.contains("F1 help"),
        "{last}"
    );
    // Help and warnings offer no Enter.
    for open in [Action::Help, Action::Warnings] {
        let mut app = app_at(140, 45);
        update(&mut app, open);
        let last = row(render(&app).backend().buffer(), 44);
        assert!(!last.contains("Enter"), "{last}");
    }
}

#[test]
fn the_side_by_side_view_marks_differing_figures() {
    let mut app = app_at(140, 45);
    update(&mut app, Action::SideBySide);
    assert!(matches!(app.top(), Some(Layer::SideBySide(_))));
    let t = render(&app);
    let buf = t.backend().buffer();
    let m = modifiers_at(buf, "11,000-12,000 soldiers", 0);
    assert!(m.contains(Modifier::BOLD | Modifier::UNDERLINED), "{m:?}");
}

#[test]
fn no_size_panics() {
    let analysis = crosscheck::Analysis::build(crosscheck::corpus::bundled());
    for w in [0u16, 1, 2, 5, 19, 20, 21, 40, 59, 60, 61, 99, 100, 101, 200] {
        for h in [0u16, 1, 2, 4, 5, 6, 10, 15, 16, 17, 30, 60] {
            let mut app = App::new(analysis.clone(), Config::default(), (w, h));
            for open in [
                None,
                Some(Action::Search),
                Some(Action::Help),
                Some(Action::Matrix),
                Some(Action::Warnings),
                Some(Action::SideBySide),
                Some(Action::Verdict),
            ] {
                app.layers.clear();
                if let Some(a) = open {
                    update(&mut app, a);
                    update(&mut app, Input::Type('k'));
                }
                for focus in Pane::ALL {
                    app.panes.focus = focus;
                    render(&app);
                }
            }
        }
    }
}
