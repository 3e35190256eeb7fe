//! Progress of a long load and analysis, reported through a callback so that
//! the command line can draw a progress bar and the browser a loading
//! screen, neither of them known to the library.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A step of loading and analysing a corpus, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// Reading the input files (reported by the caller, which loads them).
    Reading,
    /// Grouping articles without a story into stories.
    Grouping,
    /// Splitting articles into sentences and extracting their claims.
    Segmenting,
    /// Matching every claim against the other sources of its story.
    Matching,
    /// Grouping matched claims into facts.
    Facts,
    /// Finished.
    Done,
}

impl Stage {
    /// What the step does, for a progress line ("matching claims").
    pub fn describe(self) -> &'static str {
        match self {
            Stage::Reading => "reading files",
            Stage::Grouping => "grouping stories",
            Stage::Segmenting => "analysing articles",
            Stage::Matching => "matching claims",
            Stage::Facts => "grouping facts",
            Stage::Done => "done",
        }
    }
}

/// One progress report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The step under way.
    pub stage: Stage,
    /// Units of the step done so far (articles analysed, say).
    pub done: usize,
    /// Units of the step in all (0 when unknown).
    pub total: usize,
    /// Articles loaded.
    pub articles: usize,
    /// Claims extracted so far.
    pub claims: usize,
    /// Stories formed (0 until grouped).
    pub stories: usize,
    /// Time since the build started.
    pub elapsed: Duration,
}

/// A progress callback; called from worker threads too, so it must be
/// `Sync`.
pub type Callback<'a> = &'a (dyn Fn(Progress) + Sync);

/// Counts shared by the pipeline's steps and reports them to a
/// [`Callback`]; ticks from parallel workers are thinned to about a hundred
/// reports per step.
pub struct Tracker<'a> {
    callback: Callback<'a>,
    started: Instant,
    stage: std::sync::Mutex<Stage>,
    done: AtomicUsize,
    total: AtomicUsize,
    articles: usize,
    claims: AtomicUsize,
    stories: AtomicUsize,
}

impl<'a> Tracker<'a> {
    /// A tracker for a build over `articles` articles, started now.
    pub fn new(callback: Callback<'a>, articles: usize) -> Self {
        Tracker {
            callback,
            started: Instant::now(),
            stage: std::sync::Mutex::new(Stage::Grouping),
            done: AtomicUsize::new(0),
            total: AtomicUsize::new(0),
            articles,
            claims: AtomicUsize::new(0),
            stories: AtomicUsize::new(0),
        }
    }

    /// Starts a step of `total` units and reports it.
    pub fn stage(&self, stage: Stage, total: usize) {
        if let Ok(mut s) = self.stage.lock() {
            *s = stage;
        }
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.report();
    }

    /// Marks the current step finished (all its units done) and reports.
    pub fn finish_stage(&self) {
        self.done
            .store(self.total.load(Ordering::Relaxed), Ordering::Relaxed);
        self.report();
    }

    /// Records the number of stories formed.
    pub fn stories(&self, n: usize) {
        self.stories.store(n, Ordering::Relaxed);
    }

    /// One unit of the current step done, having found `claims` claims;
    /// reported when it crosses a hundredth of the step.
    pub fn tick(&self, claims: usize) {
        self.claims.fetch_add(claims, Ordering::Relaxed);
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let step = (self.total.load(Ordering::Relaxed) / 100).max(1);
        if done % step == 0 {
            self.report();
        }
    }

    /// `n` more units of the current step done (claims do not change);
    /// reported when the count crosses a hundredth of the step.
    pub fn advance(&self, n: usize) {
        let before = self.done.fetch_add(n, Ordering::Relaxed);
        let step = (self.total.load(Ordering::Relaxed) / 100).max(1);
        if before / step != (before + n) / step {
            self.report();
        }
    }

    fn report(&self) {
        let stage = self.stage.lock().map_or(Stage::Grouping, |s| *s);
        (self.callback)(Progress {
            stage,
            done: self.done.load(Ordering::Relaxed),
            total: self.total.load(Ordering::Relaxed),
            articles: self.articles,
            claims: self.claims.load(Ordering::Relaxed),
            stories: self.stories.load(Ordering::Relaxed),
            elapsed: self.started.elapsed(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn ticks_are_thinned_and_counts_add_up() {
        let seen = Mutex::new(Vec::new());
        let cb = |p: Progress| seen.lock().expect("lock").push(p);
        let t = Tracker::new(&cb, 1000);
        t.stage(Stage::Segmenting, 1000);
        for _ in 0..1000 {
            t.tick(2);
        }
        t.stories(7);
        t.stage(Stage::Done, 0);
        let seen = seen.into_inner().expect("lock");
        // The start, one report per 10 articles, the end.
        assert_eq!(seen.len(), 1 + 100 + 1);
        let last = seen.last().copied().expect("reports");
        assert_eq!(last.stage, Stage::Done);
        assert_eq!((last.articles, last.claims, last.stories), (1000, 2000, 7));
        assert!(seen.windows(2).all(|w| w[0].elapsed <= w[1].elapsed));
        assert_eq!(seen[100].done, 1000);
    }

    #[test]
    fn advances_in_batches_report_each_hundredth_crossed() {
        let seen = Mutex::new(Vec::new());
        let cb = |p: Progress| seen.lock().expect("lock").push(p);
        let t = Tracker::new(&cb, 10);
        t.stage(Stage::Matching, 1000);
        for n in [3, 7, 1, 25, 964] {
            t.advance(n);
        }
        let seen = seen.into_inner().expect("lock");
        // The start, then each advance that crosses a multiple of 10 (3
        // does not; 10, 36 and 1000 do; 11 does not).
        let done: Vec<usize> = seen.iter().map(|p| p.done).collect();
        assert_eq!(done, [0, 10, 36, 1000]);
        assert!(seen.iter().all(|p| p.claims == 0 && p.total == 1000));
    }
}
