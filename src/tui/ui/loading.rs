//! The loading screen, drawn while the articles are read and analysed: the
//! steps (done, under way, to come, or skipped when the analysis came from
//! the cache) with their counts and times, a bar for the step under way,
//! the counts so far and the time since start-up, and the quit keys from
//! the keymap. A pure function of [`Loading`].

use super::style::Styles;
use crate::tui::app::layout;
use crate::tui::app::loading::{Loading, Step, StepState};
use crate::tui::keymap::Context;
use crate::tui::sanitize::drawn_width;
use crate::tui::wrap::fit;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph, Widget};
use ratatui::Frame;
use std::time::Duration;

/// Columns of a step's name in the list.
const NAME_COLUMNS: usize = 22;

/// The bar's done and to-do cells: apart without colour too.
const FILLED: &str = "█";
const UNFILLED: &str = "░";

/// One sweep of the bar of a step that reports no units, there and back.
const SWEEP: Duration = Duration::from_secs(2);

/// Draws the loading screen for `loading`.
pub fn draw(frame: &mut Frame, loading: &Loading) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    let s = Styles::new(&loading.theme);
    let body = layout::body(area);
    let status = Rect {
        y: area.y + body.height,
        height: area.height.min(1),
        ..area
    };
    let block = s.pane_block(&format!("Opening {}", loading.what), true);
    let inner = block.inner(body);
    block.render(body, buf);
    let [_, steps, _, bar, _, counts] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(6),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let lines: Vec<Line> = Step::ALL
        .iter()
        .map(|&step| step_line(loading, step, steps.width, s))
        .collect();
    Paragraph::new(lines).render(steps, buf);
    draw_bar(buf, bar, loading, s);
    let mut parts = vec![format!("{} articles", count(loading.articles))];
    if loading.claims > 0 {
        parts.push(format!("{} claims", count(loading.claims)));
    }
    if loading.stories > 0 {
        parts.push(format!("{} stories", count(loading.stories)));
    }
    parts.push(seconds(loading.elapsed));
    let counts_line = fit(
        vec![(format!("  {}", parts.join(" · ")), s.dim())],
        counts.width,
    );
    Paragraph::new(counts_line).render(counts, buf);
    draw_status(buf, status, loading, s);
    super::scrub(frame.buffer_mut());
}

/// A step's line: its marker and name, what it found, its time.
fn step_line(loading: &Loading, step: Step, width: u16, s: Styles) -> Line<'static> {
    let state = loading.state(step);
    let (marker, style) = match state {
        StepState::Done(_) => ("✓", Style::new()),
        StepState::Running(_) => ("▶", s.title()),
        StepState::Pending | StepState::Skipped => ("·", s.dim()),
    };
    let detail = detail(loading, step, state);
    let time = match state {
        StepState::Done(took) => seconds(took),
        StepState::Running(_) => seconds(loading.in_step()),
        StepState::Pending | StepState::Skipped => String::new(),
    };
    let left = format!(
        "  {marker} {:<w$} {detail}",
        step.describe(),
        w = NAME_COLUMNS
    );
    let pad = usize::from(width)
        .saturating_sub(drawn_width(&left) + drawn_width(&time) + 2)
        .max(1);
    fit(
        vec![
            (left, style),
            (" ".repeat(pad), Style::new()),
            (time, s.dim()),
        ],
        width,
    )
}

/// What a step found or is doing, in words.
fn detail(loading: &Loading, step: Step, state: StepState) -> String {
    let running = matches!(state, StepState::Running(_));
    match (step, state) {
        (_, StepState::Pending) => String::new(),
        (_, StepState::Skipped) => "read from the cache".into(),
        (Step::Reading, _) if running => loading.fetch.clone().unwrap_or_default(),
        (Step::Reading, _) => format!("{} articles", count(loading.articles)),
        (Step::Grouping, _) if running => format!("{} articles", count(loading.articles)),
        (Step::Grouping, _) => format!("{} stories", count(loading.stories)),
        (Step::Segmenting, _) if running && loading.total > 0 => format!(
            "{} of {} articles · {} claims",
            count(loading.done),
            count(loading.total),
            count(loading.claims)
        ),
        (Step::Segmenting, _) => format!("{} claims", count(loading.claims)),
        (Step::Matching, _) if running => format!("{} claims", count(loading.claims)),
        (Step::Matching, _) => format!("{} claims matched", count(loading.claims)),
        (Step::Facts | Step::Opening, _) => String::new(),
    }
}

/// The bar of the step under way: filled as far as it has gone when it
/// reports its units, else a block sweeping to and fro (it is working).
fn draw_bar(buf: &mut Buffer, area: Rect, loading: &Loading, s: Styles) {
    let area = Rect {
        x: area.x.saturating_add(2),
        width: area.width.saturating_sub(4),
        ..area
    };
    if area.is_empty() {
        return;
    }
    if let Some(ratio) = loading.ratio() {
        LineGauge::default()
            .filled_symbol(FILLED)
            .unfilled_symbol(UNFILLED)
            .filled_style(s.title())
            .unfilled_style(s.dim())
            .ratio(ratio)
            .label(format!("{:>3.0}%", ratio * 100.0))
            .render(area, buf);
        return;
    }
    // Where a filled bar has its percentage.
    let area = Rect {
        x: area.x.saturating_add(5),
        width: area.width.saturating_sub(5),
        ..area
    };
    if area.is_empty() {
        return;
    }
    let width = usize::from(area.width);
    let block = (width / 6).max(1);
    let period = SWEEP.as_millis().max(1);
    let t = loading.in_step().as_millis() % period;
    let half = period / 2;
    let there = if t < half { t } else { period - t };
    let room = (width - block) as u128;
    let at = usize::try_from(room * there / half.max(1)).unwrap_or(0);
    let line = Line::from(vec![
        Span::styled(UNFILLED.repeat(at), s.dim()),
        Span::styled(FILLED.repeat(block), s.title()),
        Span::styled(UNFILLED.repeat(width.saturating_sub(at + block)), s.dim()),
    ]);
    Paragraph::new(line).render(area, buf);
}

/// The bottom line: where the keys go, and the loading screen's hints
/// from the keymap.
fn draw_status(buf: &mut Buffer, area: Rect, loading: &Loading, s: Styles) {
    let hints: Vec<String> = loading
        .keymap
        .hints(Context::Loading)
        .iter()
        .map(|h| format!("{} {}", h.keys, h.label))
        .collect();
    let hints = hints.join("  ");
    let head = " Loading ";
    let pad = usize::from(area.width).saturating_sub(drawn_width(head) + drawn_width(&hints) + 1);
    let line = fit(
        vec![
            (head.to_string(), s.title()),
            (" ".repeat(pad), Style::new()),
            (hints, s.dim()),
        ],
        area.width,
    );
    Paragraph::new(line).render(area, buf);
}

/// `n` with thousands separators: `19,043`.
fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A time in seconds to a tenth: `3.4 s`.
fn seconds(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::loading::LoadInput;
    use crate::tui::keymap::Keymap;
    use crate::tui::theme::Theme;
    use crosscheck::progress::{Progress, Stage};
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;

    fn render(l: &Loading) -> Terminal<TestBackend> {
        let (w, h) = l.size;
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| draw(f, l)).unwrap();
        t
    }

    /// Half-way through analysing 19,043 articles, 3.4 s in.
    fn midway(size: (u16, u16)) -> Loading {
        let mut l = Loading::new(
            "reuters.jsonl".into(),
            Keymap::default(),
            Theme::default(),
            size,
        );
        let report = |stage, done, total, claims, stories| {
            LoadInput::Progress(Progress {
                stage,
                done,
                total,
                articles: 19_043,
                claims,
                stories,
                elapsed: Duration::ZERO,
            })
        };
        let at = |l: &mut Loading, ms| l.update(LoadInput::Tick(Duration::from_millis(ms)));
        at(&mut l, 400);
        l.update(report(Stage::Reading, 0, 0, 0, 0));
        l.update(report(Stage::Grouping, 0, 19_043, 0, 0));
        at(&mut l, 1_400);
        l.update(report(Stage::Segmenting, 0, 19_043, 0, 4_512));
        l.update(report(Stage::Segmenting, 9_522, 19_043, 61_980, 4_512));
        at(&mut l, 3_400);
        l
    }

    #[test]
    fn loading_screen_80x24() {
        insta::assert_snapshot!("loading_80x24", render(&midway((80, 24))).backend());
    }

    #[test]
    fn matching_shows_a_sweeping_bar() {
        let mut l = midway((80, 24));
        l.update(LoadInput::Progress(Progress {
            stage: Stage::Matching,
            done: 0,
            total: 123_961,
            articles: 19_043,
            claims: 123_961,
            stories: 4_512,
            elapsed: Duration::ZERO,
        }));
        let first = format!("{}", render(&l).backend());
        assert!(first.contains("▶ matching claims"), "{first}");
        assert!(first.contains("✓ analysing articles"), "{first}");
        assert!(!first.contains('%'), "no percentage for matching:\n{first}");
        l.update(LoadInput::Tick(Duration::from_secs(4)));
        let later = format!("{}", render(&l).backend());
        assert_ne!(first, later, "the bar moves and the clock runs");
    }

    #[test]
    fn any_size_is_drawn_without_a_panic() {
        for size in [(0, 0), (1, 1), (10, 3), (20, 5), (40, 15), (300, 80)] {
            let t = render(&midway(size));
            if size.0 >= 40 {
                let shown = format!("{}", t.backend());
                assert!(shown.contains("Loading"), "{size:?}:\n{shown}");
            }
        }
    }

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(19_043), "19,043");
        assert_eq!(count(1_234_567), "1,234,567");
    }
}
