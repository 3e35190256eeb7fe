//! Every pane and overlay drawn to a `TestBackend`, compared with insta
//! snapshots at 140x45, 80x24 and a tiny size.
//!
//! The comparison content depends on the engine's matches, so these
//! snapshots change as matching improves; review and re-accept them
//! (`cargo insta review`).

use crate::app::{update, Action, App, Overlay, Pane};
use crate::config::{Config, Theme};
use crosscheck::{Analysis, Article, Corpus};
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use ratatui::Terminal;

fn bundled() -> Analysis {
    let mut corpus = crosscheck::corpus::bundled();
    // One load warning, to show the status-bar note and the list.
    corpus.warnings.extend(
        crosscheck::corpus::load_paths(&[std::path::PathBuf::from(
            "/nonexistent/crosscheck-test.txt",
        )])
        .warnings,
    );
    Analysis::build(corpus)
}

fn render(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    t.draw(|f| super::draw(f, app)).unwrap();
    t
}

const SIZES: [(u16, u16, &str); 3] = [(140, 45, "140x45"), (80, 24, "80x24"), (20, 5, "20x5")];

fn snap(name: &str, setup: impl Fn(&mut App)) {
    let analysis = bundled();
    for (w, h, size) in SIZES {
        let mut app = App::new(analysis.clone(), Config::default(), (w, h));
        setup(&mut app);
        let t = render(&app);
        insta::assert_snapshot!(format!("{name}_{size}"), t.backend());
    }
}

#[test]
fn panes_on_start() {
    snap("start", |_| {});
}

#[test]
fn articles_focused() {
    snap("articles", |a| {
        update(a, Action::FocusPrev);
        update(a, Action::Down);
    });
}

#[test]
fn comparison_focused_after_steps() {
    snap("comparison", |a| {
        update(a, Action::FocusNext);
    });
}

#[test]
fn search_popup() {
    snap("search", |a| {
        update(a, Action::Search);
        for c in "14,000".chars() {
            update(a, Action::Insert(c));
        }
    });
}

#[test]
fn search_jump() {
    snap("search_jump", |a| {
        update(a, Action::Search);
        for c in "14,000".chars() {
            update(a, Action::Insert(c));
        }
        update(a, Action::Open);
    });
}

#[test]
fn help_overlay() {
    snap("help", |a| {
        update(a, Action::Help);
    });
}

#[test]
fn matrix_overlay() {
    snap("matrix", |a| {
        update(a, Action::Matrix);
        update(a, Action::Right);
    });
}

#[test]
fn warnings_overlay() {
    snap("warnings", |a| {
        update(a, Action::Warnings);
    });
}

#[test]
fn differing_figures_side_by_side() {
    let corpus = Corpus::from_articles([
        Article::new(
            "a",
            "Ukrainian officials said North Korea deployed as many as 14,000 troops to Kursk.",
        ),
        Article::new(
            "b",
            "Officials said North Korea deployed 11,000-12,000 troops to Kursk.",
        ),
    ]);
    let app = App::new(Analysis::build(corpus), Config::default(), (140, 45));
    let t = render(&app);
    insta::assert_snapshot!("differs_140x45", t.backend());
}

#[test]
fn no_size_panics() {
    let analysis = bundled();
    for w in [0u16, 1, 2, 5, 19, 20, 21, 40, 59, 60, 61, 99, 100, 101, 200] {
        for h in [0u16, 1, 2, 4, 5, 6, 10, 15, 16, 17, 30, 60] {
            let mut app = App::new(analysis.clone(), Config::default(), (w, h));
            for overlay in [
                None,
                Some(Action::Search),
                Some(Action::Help),
                Some(Action::Matrix),
                Some(Action::Warnings),
            ] {
                app.overlay = None;
                if let Some(a) = overlay {
                    update(&mut app, a);
                    update(&mut app, Action::Insert('k'));
                }
                for focus in [Pane::Articles, Pane::Reader, Pane::Comparison] {
                    app.focus = focus;
                    render(&app);
                }
            }
        }
    }
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let corpus = Corpus::from_articles([
        Article::new("evil\u{1b}]0;pwned\u{7}", "Title \u{1b}[2J here\n\nOfficials said 14,000 troops \u{1b}]52;c;ZXZpbA==\u{7} were sent. More\u{9b}31m text\u{7f} follows."),
        Article::new("b", "Officials said 11,000 troops were sent."),
    ]);
    let mut app = App::new(Analysis::build(corpus), Config::default(), (100, 30));
    for a in [None, Some(Action::Search), Some(Action::Matrix)] {
        app.overlay = None;
        if let Some(a) = a {
            update(&mut app, a);
            update(&mut app, Action::Insert('T'));
        }
        let t = render(&app);
        for cell in &t.backend().buffer().content {
            assert!(
                !cell.symbol().chars().any(char::is_control),
                "{:?}",
                cell.symbol()
            );
        }
        let shown = t.backend().to_string();
        assert!(
            app.overlay == Some(Overlay::Search) || shown.contains("^["),
            "{shown}"
        );
    }
}

#[test]
fn no_color_uses_no_colours() {
    let config = Config {
        theme: Theme::monochrome(),
        ..Config::default()
    };
    let mut app = App::new(bundled(), config, (140, 45));
    for a in [None, Some(Action::Matrix), Some(Action::Search)] {
        app.overlay = None;
        if let Some(a) = a {
            update(&mut app, a);
            update(&mut app, Action::Insert('1'));
        }
        let t = render(&app);
        for cell in &t.backend().buffer().content {
            assert_eq!(cell.fg, Color::Reset);
            assert_eq!(cell.bg, Color::Reset);
        }
    }
}

/// Right-to-left, combining, CJK, emoji (ZWJ sequences, flags, skin tones,
/// VS16), Thai, Devanagari, halfwidth kana, and long runs without spaces
/// that must be cut inside a word.
const WORLD: &str = "World text: 14,000 troops\n\n\
المسؤولون قالوا إن 14,000 جندي أرسلوا إلى كورسك، لا شك. Officials said 14,000 troops were sent to Kursk in October.\n\n\
日本の当局者によると、兵士14,000人が十月にクルスクへ派遣された。これは非常に長い文で空白がないので折り返しが必要になります。\n\n\
The family 👩\u{200d}👩\u{200d}👧\u{200d}👦 flew ✈\u{fe0f} from 🇺🇦 to 🇯🇵, officials said; \
👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽 ✈\u{fe0f}✈\u{fe0f}✈\u{fe0f}✈\u{fe0f}✈\u{fe0f}✈\u{fe0f}✈\u{fe0f}✈\u{fe0f}✈\u{fe0f}✈\u{fe0f} \
👩\u{200d}👩\u{200d}👧\u{200d}👦👩\u{200d}👩\u{200d}👧\u{200d}👦👩\u{200d}👩\u{200d}👧\u{200d}👦👩\u{200d}👩\u{200d}👧\u{200d}👦👩\u{200d}👩\u{200d}👧\u{200d}👦.\n\n\
Cafe\u{301} nai\u{308}ve Z\u{335}\u{30c}\u{31b}algo ｶﾞｷﾞｸﾞｹﾞｺﾞ ﾊﾟﾋﾟﾌﾟ ภาษาไทยที่ไม่มีช่องว่าง क्षत्रिय हिन्दी 한국어 שלום עולם 3,000 חיילים, officials said.\n\n\
لالالالالالالالالالالالالالالالالالالالالالالالالالالالالالالالا e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}\n";

/// Columns `line` takes when ratatui draws it (with room to spare).
fn drawn_width(line: &ratatui::text::Line) -> u16 {
    let mut b = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 4000, 1));
    b.set_line(0, 0, line, 4000).0
}

#[test]
fn unicode_text_fits_its_panes_and_keeps_exact_offsets() {
    use crate::app::layout;
    let analysis = Analysis::build(Corpus::from_articles([
        Article::new("world", WORLD),
        Article::new(
            "other",
            "Officials said 11,000 troops were sent to Kursk in October. 兵士14,000人が派遣された。",
        ),
    ]));
    let text = analysis.articles[0].text.clone();
    for c in analysis.claims_of(0) {
        assert_eq!(&text[c.start..c.end], c.text, "claim offsets are exact");
    }
    let want: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for w in [20u16, 21, 26, 33, 45, 59, 60, 77, 99, 100, 123, 140, 200] {
        let mut app = App::new(analysis.clone(), Config::default(), (w, 40));
        // Reader: every display line, as drawn, fits the pane.
        let inner = layout::inner(app.areas().reader.unwrap());
        let gutter = usize::from(layout::GUTTER);
        let lines = super::reader::lines(&app, 0, usize::MAX, gutter);
        assert_eq!(lines.len(), app.reader.lines.len());
        for (i, l) in lines.iter().enumerate() {
            assert!(
                drawn_width(l) <= inner.width,
                "{w} columns: reader line {i} takes {} of {}: {l:?}",
                drawn_width(l),
                inner.width
            );
        }
        // The words laid out are exactly the article's text, in order.
        let joined: String = app
            .reader
            .lines
            .iter()
            .flat_map(|l| l.words.iter())
            .map(|r| &text[r.clone()])
            .collect();
        assert_eq!(joined, want, "{w} columns");
        // Comparison: every line fits, for every claim.
        while app.focus != Pane::Comparison {
            update(&mut app, Action::FocusNext);
        }
        let cw = layout::inner(app.areas().comparison.unwrap()).width;
        let n = analysis.claims_of(0).len();
        for _ in 0..n {
            for (i, l) in super::comparison::content(&app, cw).iter().enumerate() {
                assert!(
                    drawn_width(l) <= cw.max(2),
                    "{w} columns: comparison line {i} of claim {:?} takes {}: {l:?}",
                    app.claim,
                    drawn_width(l)
                );
            }
            render(&app);
            app.focus = Pane::Reader;
            update(&mut app, Action::Down);
            app.focus = Pane::Comparison;
        }
        // Search and the matrix over the same text.
        update(&mut app, Action::Search);
        for c in "兵士👩".chars() {
            update(&mut app, Action::Insert(c));
            render(&app);
        }
        update(&mut app, Action::Close);
        update(&mut app, Action::Matrix);
        render(&app);
    }
}

#[test]
fn load_warnings_with_escapes_are_shown_visibly() {
    let mut corpus = Corpus::from_articles([Article::new("a", "Officials said 3 things.")]);
    corpus.warnings.push(crosscheck::corpus::LoadWarning {
        path: "/tmp/bad\u{1b}]0;PWNED\u{7}.txt".into(),
        line: Some(3),
        message: "not UTF-8 \u{1b}[2J\u{9b}1m".into(),
    });
    let mut app = App::new(Analysis::build(corpus), Config::default(), (100, 30));
    update(&mut app, Action::Warnings);
    assert_eq!(app.overlay, Some(Overlay::Warnings));
    let t = render(&app);
    let shown = t.backend().to_string();
    assert!(shown.contains("bad^[]0;PWNED^G.txt"), "{shown}");
    assert!(shown.contains("^[[2J<U+009B>1m"), "{shown}");
    for cell in &t.backend().buffer().content {
        assert!(!cell.symbol().chars().any(char::is_control), "{cell:?}");
    }
}
