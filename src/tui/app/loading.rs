//! The loading screen's state: what is being opened, which steps of the
//! load are done, the current step's progress, the counts so far and the
//! time taken, while the articles are read and analysed on another thread
//! (see `tui::run`). Plain data, changed only by [`Loading::update`] and
//! drawn by `tui::ui::draw_loading`.

use crate::tui::action::Action;
use crate::tui::keymap::{Context, KeyChord, Keymap};
use crate::tui::theme::Theme;
use crosscheck::progress::{Progress, Stage};
use ratatui::crossterm::event::{Event, KeyEventKind};
use std::time::Duration;

/// A step shown on the loading screen: the library's stages of a build,
/// then building the browser's views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    /// Reading (or fetching) the inputs, or the cached analysis.
    Reading,
    /// Grouping articles into stories.
    Grouping,
    /// Splitting articles into sentences and extracting claims.
    Segmenting,
    /// Matching claims across sources.
    Matching,
    /// Grouping matched claims into facts.
    Facts,
    /// Building the article list, the finder and the first views.
    Opening,
}

impl Step {
    /// Every step, in the order they run.
    pub const ALL: [Step; 6] = [
        Step::Reading,
        Step::Grouping,
        Step::Segmenting,
        Step::Matching,
        Step::Facts,
        Step::Opening,
    ];

    /// What the step does, as listed ("matching claims").
    pub fn describe(self) -> &'static str {
        match self {
            Step::Reading => Stage::Reading.describe(),
            Step::Grouping => Stage::Grouping.describe(),
            Step::Segmenting => Stage::Segmenting.describe(),
            Step::Matching => Stage::Matching.describe(),
            Step::Facts => Stage::Facts.describe(),
            Step::Opening => "opening the browser",
        }
    }

    /// The step a progress report's stage belongs to (the build is done:
    /// the browser opens).
    pub fn of(stage: Stage) -> Step {
        match stage {
            Stage::Reading => Step::Reading,
            Stage::Grouping => Step::Grouping,
            Stage::Segmenting => Step::Segmenting,
            Stage::Matching => Step::Matching,
            Stage::Facts => Step::Facts,
            Stage::Done => Step::Opening,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    /// Not started.
    Pending,
    /// Under way since this time (from the start).
    Running(Duration),
    /// Finished, having taken this long.
    Done(Duration),
    /// Passed over: the analysis came from the cache.
    Skipped,
}

/// What changes the loading screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadInput {
    /// A progress report from the loading thread.
    Progress(Progress),
    /// A web page's fetch progress, as one line of text.
    Fetch(String),
    /// The time since start-up (the clock shown, and the step's timer).
    Tick(Duration),
    /// The terminal's new size.
    Resize(u16, u16),
    /// A quit key (`q`, `Esc`): leave with status 0.
    Quit,
    /// `Ctrl-c`: leave as interrupted (status 130).
    Interrupt,
}

/// How the user left the loading screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// A quit key: exit status 0.
    Quit,
    /// `Ctrl-c`: exit status 130, as for SIGINT.
    Interrupt,
}

/// The loading screen's state.
#[derive(Debug, Clone)]
pub struct Loading {
    /// What is being opened, as shown ("reuters.jsonl", "the bundled
    /// articles").
    pub what: String,
    /// Keys in effect (for the quit keys and the hints).
    pub keymap: Keymap,
    /// Colours in effect.
    pub theme: Theme,
    /// Terminal size, columns x rows.
    pub size: (u16, u16),
    /// Time since start-up.
    pub elapsed: Duration,
    /// The step under way.
    pub step: Step,
    /// When each step started, by [`Step::ALL`] index.
    began: [Option<Duration>; 6],
    /// When each step ended.
    ended: [Option<Duration>; 6],
    /// Units of the current step done (0 until it reports any).
    pub done: usize,
    /// Units of the current step in all (0 when unknown).
    pub total: usize,
    /// Articles loaded.
    pub articles: usize,
    /// Claims extracted so far.
    pub claims: usize,
    /// Stories formed.
    pub stories: usize,
    /// The last fetch's progress line, while reading.
    pub fetch: Option<String>,
    /// Set when the user leaves.
    pub exit: Option<Exit>,
}

impl Loading {
    /// The screen at start-up: reading `what`, with `keymap` and `theme`,
    /// at `size`.
    pub fn new(what: String, keymap: Keymap, theme: Theme, size: (u16, u16)) -> Loading {
        let mut began = [None; 6];
        began[Step::Reading.index()] = Some(Duration::ZERO);
        Loading {
            what,
            keymap,
            theme,
            size,
            elapsed: Duration::ZERO,
            step: Step::Reading,
            began,
            ended: [None; 6],
            done: 0,
            total: 0,
            articles: 0,
            claims: 0,
            stories: 0,
            fetch: None,
            exit: None,
        }
    }

    /// Where `step` stands.
    pub fn state(&self, step: Step) -> StepState {
        let i = step.index();
        match (self.began[i], self.ended[i]) {
            (Some(b), Some(e)) => StepState::Done(e.saturating_sub(b)),
            (Some(b), None) => StepState::Running(b),
            (None, _) if step < self.step => StepState::Skipped,
            (None, _) => StepState::Pending,
        }
    }

    /// The fraction of the current step done, when it reports its units
    /// (articles analysed); `None` for a step that reports only its start
    /// and end.
    pub fn ratio(&self) -> Option<f64> {
        (self.total > 0 && self.done > 0).then(|| (self.done as f64 / self.total as f64).min(1.0))
    }

    /// Time spent in the current step.
    pub fn in_step(&self) -> Duration {
        self.began[self.step.index()].map_or(Duration::ZERO, |b| self.elapsed.saturating_sub(b))
    }

    /// The input for a terminal event, if any: the loading screen's quit
    /// keys (from the keymap) and `Ctrl-c`, and resizes.
    pub fn input_for(&self, event: &Event) -> Option<LoadInput> {
        match event {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                let chord = KeyChord::from_event(k);
                if chord == KeyChord::CTRL_C {
                    return Some(LoadInput::Interrupt);
                }
                (self.keymap.lookup(Context::Loading, chord) == Some(Action::Quit))
                    .then_some(LoadInput::Quit)
            }
            Event::Resize(w, h) => Some(LoadInput::Resize(*w, *h)),
            _ => None,
        }
    }

    /// Applies one input.
    pub fn update(&mut self, input: LoadInput) {
        match input {
            LoadInput::Progress(p) => self.progress(&p),
            LoadInput::Fetch(line) => self.fetch = Some(line),
            LoadInput::Tick(t) => self.elapsed = self.elapsed.max(t),
            LoadInput::Resize(w, h) => self.size = (w, h),
            LoadInput::Quit => {
                self.exit.get_or_insert(Exit::Quit);
            }
            LoadInput::Interrupt => {
                self.exit.get_or_insert(Exit::Interrupt);
            }
        }
    }

    /// A progress report: a later step starts (the ones in between that
    /// never started were skipped); counts only grow; a report of an
    /// earlier step than the current one changes no step.
    fn progress(&mut self, p: &Progress) {
        let step = Step::of(p.stage);
        if step > self.step {
            self.ended[self.step.index()] = Some(self.elapsed);
            self.began[step.index()] = Some(self.elapsed);
            self.step = step;
            self.fetch = None;
        }
        if step == self.step {
            self.done = p.done;
            self.total = p.total;
        }
        if p.articles > 0 {
            self.articles = p.articles;
        }
        self.claims = self.claims.max(p.claims);
        self.stories = self.stories.max(p.stories);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn loading() -> Loading {
        Loading::new(
            "wire.jsonl".into(),
            Keymap::default(),
            Theme::default(),
            (80, 24),
        )
    }

    fn report(stage: Stage, done: usize, total: usize) -> LoadInput {
        LoadInput::Progress(Progress {
            stage,
            done,
            total,
            articles: 300,
            claims: done * 4,
            stories: if stage > Stage::Grouping { 100 } else { 0 },
            elapsed: Duration::ZERO,
        })
    }

    fn at(l: &mut Loading, ms: u64) {
        l.update(LoadInput::Tick(Duration::from_millis(ms)));
    }

    #[test]
    fn progress_reports_move_through_the_steps() {
        let mut l = loading();
        assert_eq!(l.step, Step::Reading);
        assert_eq!(l.state(Step::Reading), StepState::Running(Duration::ZERO));
        assert_eq!(l.state(Step::Matching), StepState::Pending);
        at(&mut l, 200);
        l.update(report(Stage::Reading, 0, 0));
        assert_eq!(l.articles, 300);
        l.update(report(Stage::Grouping, 0, 300));
        assert_eq!(
            l.state(Step::Reading),
            StepState::Done(Duration::from_millis(200))
        );
        at(&mut l, 500);
        l.update(report(Stage::Segmenting, 0, 300));
        assert_eq!(l.ratio(), None, "no unit reported yet");
        l.update(report(Stage::Segmenting, 150, 300));
        assert_eq!(l.ratio(), Some(0.5));
        assert_eq!((l.claims, l.stories), (600, 100));
        at(&mut l, 900);
        assert_eq!(l.in_step(), Duration::from_millis(400));
        l.update(report(Stage::Matching, 0, 600));
        assert_eq!(l.ratio(), None, "matching reports its start and end only");
        assert_eq!(
            l.state(Step::Segmenting),
            StepState::Done(Duration::from_millis(400))
        );
        assert_eq!(l.claims, 600, "counts never go back");
        l.update(report(Stage::Done, 0, 0));
        assert_eq!(l.step, Step::Opening);
        assert!(matches!(l.state(Step::Facts), StepState::Skipped));
        assert_eq!(l.exit, None);
    }

    #[test]
    fn a_cache_hit_skips_the_analysis_steps() {
        let mut l = loading();
        l.update(LoadInput::Fetch("fetching https://a.example/".into()));
        assert!(l.fetch.is_some());
        at(&mut l, 80);
        l.update(report(Stage::Done, 0, 0));
        assert_eq!(l.step, Step::Opening);
        assert_eq!(l.fetch, None, "the fetch line goes with its step");
        assert!(matches!(l.state(Step::Reading), StepState::Done(_)));
        for s in [
            Step::Grouping,
            Step::Segmenting,
            Step::Matching,
            Step::Facts,
        ] {
            assert_eq!(l.state(s), StepState::Skipped, "{s:?}");
        }
        // A late report of an earlier step changes no step.
        l.update(report(Stage::Reading, 0, 0));
        assert_eq!(l.step, Step::Opening);
    }

    fn key(code: KeyCode, mods: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, mods))
    }

    #[test]
    fn q_esc_and_ctrl_c_leave_other_keys_do_nothing() {
        let l = loading();
        let none = KeyModifiers::NONE;
        assert_eq!(
            l.input_for(&key(KeyCode::Char('q'), none)),
            Some(LoadInput::Quit)
        );
        assert_eq!(l.input_for(&key(KeyCode::Esc, none)), Some(LoadInput::Quit));
        assert_eq!(
            l.input_for(&key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(LoadInput::Interrupt)
        );
        for code in [KeyCode::Char('?'), KeyCode::Char('j'), KeyCode::Enter] {
            assert_eq!(l.input_for(&key(code, none)), None, "{code:?}");
        }
        assert_eq!(
            l.input_for(&Event::Resize(100, 30)),
            Some(LoadInput::Resize(100, 30))
        );
        for (input, exit) in [
            (LoadInput::Quit, Exit::Quit),
            (LoadInput::Interrupt, Exit::Interrupt),
        ] {
            let mut l = loading();
            l.update(input);
            assert_eq!(l.exit, Some(exit));
            // The first way out counts.
            l.update(LoadInput::Quit);
            assert_eq!(l.exit, Some(exit));
        }
        let mut l = loading();
        l.update(LoadInput::Resize(100, 30));
        assert_eq!(l.size, (100, 30));
    }

    #[test]
    fn a_rebound_quit_key_quits_while_loading() {
        let mut km = Keymap::default();
        km.rebind(Action::Quit, &[KeyChord::parse("x").unwrap()]);
        let l = Loading::new(String::new(), km, Theme::default(), (80, 24));
        let x = key(KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(l.input_for(&x), Some(LoadInput::Quit));
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(l.input_for(&q), None);
        assert_eq!(
            l.input_for(&key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(LoadInput::Interrupt)
        );
    }
}
