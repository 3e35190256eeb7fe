//! The terminal browser's state and its transitions.
//!
//! [`App`] is plain data, grouped by view: the data shown ([`Data`]), the
//! verdicts ([`Verdicts`]), the three panes ([`Panes`]) and a stack of
//! [`Layer`]s drawn over them (search, verdict, stories matrix, side by
//! side, help, warnings), each with its own state. [`update`] applies one
//! [`Input`] without any terminal and returns an [`Effect`] for the event
//! loop to carry out (clipboard, URL, saving verdicts). Drawing
//! (`tui::ui::draw`) is a pure function of `&App`.
//!
//! Layouts that take work (the reader's lines, the comparison's lines, the
//! side-by-side rows) are computed once per (content, width) by
//! [`App::sync`] and kept here, never rebuilt by drawing. When the corpus
//! holds several stories, a list of stories ([`StoryList`]) is the base
//! view in front of the panes, with the layers unchanged; the panes then
//! show one story at a time.

pub mod articles;
pub mod comparison;
pub mod filter;
pub mod help;
pub mod jumps;
pub mod layout;
pub mod loading;
pub mod matrix;
pub mod reader;
pub mod search;
pub mod side_by_side;
pub mod stories;
pub mod text_input;
mod update;
pub mod verdict;

pub use update::{story_list_rows, update};

use super::action::Input;
use super::config::Config;
use super::keymap::{Context, KeyChord, Keymap};
use super::sanitize::is_unsafe;
use super::theme::Theme;
use articles::ArticleRow;
use comparison::ComparisonState;
use crosscheck::search::{SearchIndex, Target};
use crosscheck::story_summary::{self, StorySummary};
use crosscheck::verdicts::{Verdict, VerdictStore};
use crosscheck::Analysis;
use filter::{ArticleSort, Filter, MatrixSort};
use jumps::{JumpList, Position};
use matrix::MatrixState;
use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::layout::Rect;
use reader::{ReaderLayout, ReaderState};
use search::{Results, SearchState};
use side_by_side::SideBySideState;
use std::collections::HashMap;
use stories::StoryList;
use verdict::VerdictEdit;

/// A side effect for the event loop: things `update` cannot do purely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Open this URL in the browser.
    OpenUrl(String),
    /// Write the verdicts file.
    SaveVerdicts,
}

/// The three panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    /// The list of articles.
    Articles,
    /// The selected article's text.
    Reader,
    /// The selected claim against the other sources.
    Comparison,
}

impl Pane {
    /// Name shown in the status bar and the pane title.
    pub fn name(self) -> &'static str {
        match self {
            Pane::Articles => "Articles",
            Pane::Reader => "Reader",
            Pane::Comparison => "Comparison",
        }
    }

    /// Every pane, in Tab order.
    pub const ALL: [Pane; 3] = [Pane::Articles, Pane::Reader, Pane::Comparison];

    fn next(self) -> Pane {
        match self {
            Pane::Articles => Pane::Reader,
            Pane::Reader => Pane::Comparison,
            Pane::Comparison => Pane::Articles,
        }
    }

    fn prev(self) -> Pane {
        self.next().next()
    }
}

/// A view drawn over the panes, with its own state. The topmost one takes
/// the keys; closing it shows the one below.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layer {
    /// The finder.
    Search(SearchState),
    /// Marking a claim.
    Verdict(VerdictEdit),
    /// Facts by sources.
    Matrix(MatrixState),
    /// Two articles side by side.
    SideBySide(SideBySideState),
    /// The keys and the legend; the first line shown.
    Help(usize),
    /// Load warnings; the first one shown.
    Warnings(usize),
}

impl Layer {
    /// Name shown in the status bar.
    pub fn name(&self) -> &'static str {
        match self {
            Layer::Search(_) => "Search",
            Layer::Verdict(_) => "Verdict",
            Layer::Matrix(_) => "Stories",
            Layer::SideBySide(_) => "Side by side",
            Layer::Help(_) => "Help",
            Layer::Warnings(_) => "Warnings",
        }
    }

    /// The keymap context while it is on top.
    pub fn context(&self) -> Context {
        match self {
            Layer::Search(_) | Layer::Verdict(_) => Context::Input,
            Layer::Matrix(_) => Context::Matrix,
            Layer::SideBySide(_) => Context::SideBySide,
            Layer::Help(_) | Layer::Warnings(_) => Context::Lists,
        }
    }
}

/// What is displayed: computed before the terminal is touched, read-only
/// afterwards.
#[derive(Debug, Clone)]
pub struct Data {
    /// The engine's results.
    pub analysis: Analysis,
    /// The finder's entries.
    pub index: SearchIndex,
    /// Article list rows.
    pub rows: Vec<ArticleRow>,
    /// The stories with their counts, in order of first appearance.
    pub stories: Vec<StorySummary>,
    /// For each article, the index of its story in `stories`.
    pub article_story: Vec<usize>,
}

impl Data {
    /// Whether the corpus holds more than one story (then the story list
    /// comes first and the panes show one story at a time).
    pub fn many_stories(&self) -> bool {
        self.stories.len() > 1
    }

    /// Whether article `article` belongs to story `story`.
    pub fn in_story(&self, article: usize, story: usize) -> bool {
        self.article_story.get(article) == Some(&story)
    }
}

/// The verdicts: the store (saved by the event loop) and, for display, the
/// verdict of each marked claim.
#[derive(Debug, Clone, Default)]
pub struct Verdicts {
    /// The file's contents.
    pub store: VerdictStore,
    /// Verdict and note by claim.
    pub marks: HashMap<usize, (Verdict, String)>,
    /// Number of marked claims by article.
    pub per_article: HashMap<usize, usize>,
}

impl Verdicts {
    /// The verdicts of `store` resolved against `analysis`.
    pub fn new(store: VerdictStore, analysis: &Analysis) -> Verdicts {
        let mut v = Verdicts {
            store,
            ..Verdicts::default()
        };
        v.refresh(analysis);
        v
    }

    /// Recomputes the display maps after a change.
    pub fn refresh(&mut self, analysis: &Analysis) {
        self.marks = self.store.by_claim(analysis);
        self.per_article.clear();
        for &c in self.marks.keys() {
            if let Some(cl) = analysis.claims.get(c) {
                *self.per_article.entry(cl.article).or_default() += 1;
            }
        }
    }
}

/// The three panes' state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panes {
    /// Focused pane.
    pub focus: Pane,
    /// The story shown (index into [`Data::stories`]): the article list
    /// holds its articles only.
    pub story: usize,
    /// Selected article.
    pub article: usize,
    /// Selected claim (global index), if the article has any.
    pub claim: Option<usize>,
    /// Which claims the reader steps through and the list counts.
    pub filter: Filter,
    /// The article list's order.
    pub sort: ArticleSort,
    /// The articles listed, in order (under the filter and sort).
    pub order: Vec<usize>,
    /// The reader.
    pub reader: ReaderState,
    /// The comparison pane.
    pub comparison: ComparisonState,
}

/// The browser's whole state.
#[derive(Debug, Clone)]
pub struct App {
    /// What is displayed.
    pub data: Data,
    /// The verdicts.
    pub verdicts: Verdicts,
    /// Keys in effect.
    pub keymap: Keymap,
    /// Colours in effect.
    pub theme: Theme,
    /// Terminal size.
    pub size: Rect,
    /// The list of stories.
    pub story_list: StoryList,
    /// The panes.
    pub panes: Panes,
    /// Views over the panes, bottom first.
    pub layers: Vec<Layer>,
    /// Results of the last search jumped from, for `n`/`N`.
    pub results: Results,
    /// Where jumps came from.
    pub jumps: JumpList,
    /// The stories matrix's last row order.
    pub matrix_sort: MatrixSort,
    /// A one-off message for the status bar.
    pub message: Option<String>,
    /// Set when the user quits.
    pub quit: bool,
}

impl App {
    /// A browser over `analysis` with `config`, `size` columns x rows, the
    /// first article and its first claim selected, and no verdicts file.
    #[cfg(test)]
    pub fn new(analysis: Analysis, config: Config, size: (u16, u16)) -> App {
        App::with_verdicts(analysis, config, size, VerdictStore::default())
    }

    /// As [`App::new`], with the verdicts of `store`.
    pub fn with_verdicts(
        analysis: Analysis,
        config: Config,
        size: (u16, u16),
        store: VerdictStore,
    ) -> App {
        let rows = ArticleRow::all(&analysis);
        let index = SearchIndex::new(&analysis);
        let verdicts = Verdicts::new(store, &analysis);
        let stories = story_summary::summarize(&analysis);
        let article_story = story_summary::story_of_articles(&stories, analysis.articles.len());
        let order = (0..rows.len()).collect();
        let story_list = StoryList::new(&stories);
        let mut app = App {
            data: Data {
                analysis,
                index,
                rows,
                stories,
                article_story,
            },
            verdicts,
            keymap: config.keymap,
            theme: config.theme,
            size: Rect::new(0, 0, size.0, size.1),
            story_list,
            panes: Panes {
                focus: Pane::Reader,
                story: 0,
                article: 0,
                claim: None,
                filter: Filter::All,
                sort: ArticleSort::Loaded,
                order,
                reader: ReaderState::default(),
                comparison: ComparisonState::default(),
            },
            layers: Vec::new(),
            results: Results::default(),
            jumps: JumpList::default(),
            matrix_sort: MatrixSort::Coverage,
            message: None,
            quit: false,
        };
        app.refresh_order();
        app.select_article(0);
        app.sync();
        app
    }

    /// The engine's results.
    pub fn analysis(&self) -> &Analysis {
        &self.data.analysis
    }

    /// The topmost layer, if any.
    pub fn top(&self) -> Option<&Layer> {
        self.layers.last()
    }

    /// Where the panes are at the current size.
    pub fn areas(&self) -> layout::Areas {
        layout::areas(self.size, self.panes.focus, self.panes.order.len())
    }

    /// The keymap context for the current state.
    pub fn context(&self) -> Context {
        match self.top() {
            Some(layer) => layer.context(),
            None if self.story_list.shown => Context::Stories,
            None => Context::Panes,
        }
    }

    /// The input for a terminal event, if any.
    pub fn input_for(&self, event: &Event) -> Option<Input> {
        match event {
            Event::Key(k) => self.input_for_key(k),
            Event::Paste(s) if self.context() == Context::Input => Some(Input::Paste(s.clone())),
            Event::Resize(w, h) => Some(Input::Resize(*w, *h)),
            Event::Mouse(m) => match m.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Input::Click(m.column, m.row)),
                MouseEventKind::ScrollUp => Some(Input::ScrollUp(m.column, m.row)),
                MouseEventKind::ScrollDown => Some(Input::ScrollDown(m.column, m.row)),
                _ => None,
            },
            _ => None,
        }
    }

    /// The input for a key press: in text fields plain characters type;
    /// otherwise the context's binding, then the global one. Ctrl-C always
    /// quits.
    pub fn input_for_key(&self, key: &KeyEvent) -> Option<Input> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        let chord = KeyChord::from_event(key);
        let ctx = self.context();
        if ctx == Context::Input && chord.is_plain_char() {
            if let ratatui::crossterm::event::KeyCode::Char(c) = chord.code {
                return (!is_unsafe(c)).then_some(Input::Type(c));
            }
        }
        self.keymap.lookup(ctx, chord).map(Input::Action)
    }

    /// Text columns of the reader (without border and gutter): the width it
    /// has when shown, so that narrow terminals, which show only the
    /// focused pane, keep one layout whatever the focus.
    pub fn reader_width(&self) -> u16 {
        layout::areas(self.size, Pane::Reader, self.panes.order.len())
            .reader
            .map_or(60, |r| {
                layout::inner(r).width.saturating_sub(layout::GUTTER)
            })
            .max(1)
    }

    /// Text columns of the comparison pane when shown.
    pub fn comparison_width(&self) -> u16 {
        layout::areas(self.size, Pane::Comparison, self.panes.order.len())
            .comparison
            .map_or(40, |r| layout::inner(r).width)
            .max(1)
    }

    /// Visible lines of `pane` (at least 1).
    pub fn pane_height(&self, pane: Pane) -> usize {
        let h = self.areas().of(pane).map_or(0, |r| layout::inner(r).height);
        usize::from(h).max(1)
    }

    /// Whether claim `c` passes the filter.
    pub fn passes(&self, c: usize) -> bool {
        self.panes.filter.passes(
            self.analysis().status(c),
            self.verdicts.marks.contains_key(&c),
        )
    }

    /// Recomputes the article list's order after a filter, sort or verdict
    /// change.
    pub fn refresh_order(&mut self) {
        self.panes.order = articles::order(
            &self.data.rows,
            self.panes.sort,
            self.panes.filter,
            &self.verdicts.per_article,
        );
        if self.data.many_stories() {
            let story = self.panes.story;
            let data = &self.data;
            self.panes.order.retain(|&i| data.in_story(i, story));
        }
    }

    /// Opens story `k` of the story list: its articles in the panes, on
    /// the article selected before when it is the story shown last, else on
    /// its first listed article.
    pub fn open_story(&mut self, k: usize) {
        let Some(first) = self
            .data
            .stories
            .get(k)
            .and_then(|s| s.articles.first().copied())
        else {
            return;
        };
        self.story_list.shown = false;
        self.story_list.sel = k;
        if self.panes.story != k || !self.data.in_story(self.panes.article, k) {
            self.select_article(first);
            if let Some(&i) = self.panes.order.first() {
                self.select_article(i);
            }
            self.panes.focus = Pane::Articles;
        }
        self.sync();
    }

    /// Shows the story list again, on the story shown in the panes.
    pub fn show_story_list(&mut self) {
        self.story_list.shown = true;
        self.story_list.sel = self.panes.story;
    }

    /// Brings every kept layout up to date with the selection and the size,
    /// and every position within range.
    pub fn sync(&mut self) {
        self.sync_panes();
        self.sync_layers();
    }

    fn sync_panes(&mut self) {
        let articles = self.analysis().articles.len();
        self.panes.article = self.panes.article.min(articles.saturating_sub(1));
        let range = self.analysis().claim_range(self.panes.article);
        if !self.panes.claim.is_some_and(|c| range.contains(&c)) {
            self.panes.claim = (!range.is_empty()).then_some(range.start);
        }
        // The reader.
        let width = self.reader_width();
        let reader = &self.panes.reader.layout;
        if reader.article != self.panes.article || reader.width != width || reader.lines.is_empty()
        {
            self.panes.reader.layout =
                ReaderLayout::build(&self.data.analysis, self.panes.article, width);
        }
        let max = self.panes.reader.layout.lines.len().saturating_sub(1);
        self.panes.reader.scroll = self.panes.reader.scroll.min(max);
        // The comparison.
        let width = self.comparison_width();
        let laid = &self.panes.comparison.layout;
        if laid.claim != self.panes.claim || laid.width != width || laid.lines.is_empty() {
            self.panes.comparison.layout = comparison::build(
                &self.data.analysis,
                &self.verdicts.marks,
                self.panes.claim,
                width,
            );
        }
        let height = self
            .areas()
            .comparison
            .map_or(1, |area| usize::from(layout::inner(area).height).max(1));
        let cmp = &mut self.panes.comparison;
        cmp.scroll = cmp
            .scroll
            .min(cmp.layout.lines.len().saturating_sub(height));
        cmp.sel = cmp.sel.min(cmp.layout.entries.len().saturating_sub(1));
    }

    fn sync_layers(&mut self) {
        let size = self.size;
        let warnings = self.analysis().warnings.len();
        let help_open = self.layers.iter().any(|l| matches!(l, Layer::Help(_)));
        let help_len = if help_open { self.help_len() } else { 0 };
        let analysis = &self.data.analysis;
        let marks = &self.verdicts.marks;
        for layer in &mut self.layers {
            match layer {
                Layer::Search(search) => {
                    search.sel = search.sel.min(search.hits.len().saturating_sub(1));
                    let claim = match search.hits.get(search.sel).map(|hit| hit.target) {
                        Some(Target::Claim(c)) => Some(c),
                        Some(Target::Article(a)) => {
                            let range = analysis.claim_range(a);
                            (!range.is_empty()).then_some(range.start)
                        }
                        None => None,
                    };
                    let width = layout::search_popup(size)
                        .preview
                        .map_or(0, |p| layout::inner(p).width);
                    let preview = &search.preview;
                    if width > 0
                        && (preview.claim != claim
                            || preview.width != width
                            || preview.lines.is_empty())
                    {
                        search.preview = comparison::build(analysis, marks, claim, width);
                    }
                }
                Layer::Verdict(edit) => {
                    edit.choice = edit.choice.min(VerdictEdit::choices().len() - 1);
                }
                Layer::Matrix(matrix) => {
                    matrix.row = matrix.row.min(matrix.rows.len().saturating_sub(1));
                    matrix.col = matrix.col.min(matrix.columns.len().saturating_sub(1));
                }
                Layer::SideBySide(sbs) => {
                    sbs.ensure_layout(analysis, layout::inner(layout::body(size)).width);
                    sbs.sel = sbs.sel.min(sbs.rows.len().saturating_sub(1));
                    let max = sbs.layout.lines.len().saturating_sub(1);
                    sbs.scroll = sbs.scroll.min(max);
                }
                Layer::Help(scroll) => *scroll = (*scroll).min(help_len.saturating_sub(1)),
                Layer::Warnings(scroll) => *scroll = (*scroll).min(warnings.saturating_sub(1)),
            }
        }
    }

    /// The current place in the panes, for the jump list.
    pub fn position(&self) -> Position {
        Position {
            article: self.panes.article,
            claim: self.panes.claim,
            focus: self.panes.focus,
        }
    }

    /// Goes to `p` (no jump recorded).
    pub fn go(&mut self, p: Position) {
        self.select_article(p.article);
        if let Some(c) = p.claim {
            self.select_claim(c);
        }
        self.panes.focus = p.focus;
        self.sync();
        self.scroll_to_claim();
    }

    /// Selects article `i` and its first claim that passes the filter (else
    /// its first claim).
    pub fn select_article(&mut self, i: usize) {
        let i = i.min(self.analysis().articles.len().saturating_sub(1));
        self.panes.article = i;
        let story = self.data.article_story.get(i).copied().unwrap_or(0);
        if story != self.panes.story {
            self.panes.story = story;
            self.story_list.sel = story;
            self.refresh_order();
        }
        let range = self.analysis().claim_range(i);
        self.panes.claim = range
            .clone()
            .find(|&c| self.passes(c))
            .or((!range.is_empty()).then_some(range.start));
        self.panes.reader.scroll = 0;
        self.panes.comparison.scroll = 0;
        self.sync();
        self.scroll_to_claim();
    }

    /// Selects claim `c` (and its article), scrolled into view.
    pub fn select_claim(&mut self, c: usize) {
        let Some(article) = self.analysis().claims.get(c).map(|cl| cl.article) else {
            return;
        };
        if article != self.panes.article {
            self.select_article(article);
        }
        self.panes.claim = Some(c);
        self.panes.comparison.scroll = 0;
        self.scroll_to_claim();
    }

    /// Scrolls the reader so that the selected claim is in view.
    pub fn scroll_to_claim(&mut self) {
        self.sync();
        let Some((first, last)) = self
            .panes
            .claim
            .and_then(|c| self.panes.reader.layout.lines_of(&self.data.analysis, c))
        else {
            return;
        };
        let h = self.pane_height(Pane::Reader);
        let r = &mut self.panes.reader;
        if first < r.scroll {
            r.scroll = first;
        } else if last >= r.scroll + h {
            r.scroll = first.min(last + 1 - h);
        }
    }

    /// After scrolling: if the selected claim left the view, select the
    /// claim nearest to it that is in view.
    fn keep_claim_in_view(&mut self) {
        let h = self.pane_height(Pane::Reader);
        let (top, bottom) = (self.panes.reader.scroll, self.panes.reader.scroll + h);
        let range = self.analysis().claim_range(self.panes.article);
        let layout = &self.panes.reader.layout;
        let visible = |(f, l): (usize, usize)| l >= top && f < bottom;
        if let Some(c) = self.panes.claim {
            if layout.lines_of(&self.data.analysis, c).is_some_and(visible) {
                return;
            }
        }
        let in_view: Vec<usize> = range
            .filter(|&c| layout.lines_of(&self.data.analysis, c).is_some_and(visible))
            .collect();
        let pick = match self.panes.claim {
            Some(c) if in_view.first().is_some_and(|&f| c < f) => in_view.first(),
            _ => in_view.last(),
        };
        if let Some(&c) = pick {
            self.panes.claim = Some(c);
            self.panes.comparison.scroll = 0;
        }
    }

    fn scroll_reader(&mut self, delta: isize) {
        let h = self.pane_height(Pane::Reader);
        let max = self.panes.reader.layout.lines.len().saturating_sub(h);
        self.panes.reader.scroll = self
            .panes
            .reader
            .scroll
            .saturating_add_signed(delta)
            .min(max);
        self.keep_claim_in_view();
    }

    /// The next (or previous) claim of the article that passes the filter;
    /// at the end, the reader scrolls instead.
    fn step_claim(&mut self, forward: bool) {
        let range = self.analysis().claim_range(self.panes.article);
        let next = match self.panes.claim {
            None => None,
            Some(c) if forward => (c + 1..range.end).find(|&d| self.passes(d)),
            Some(c) => (range.start..c).rev().find(|&d| self.passes(d)),
        };
        if let Some(c) = next {
            self.select_claim(c);
        } else {
            self.scroll_reader(if forward { 1 } else { -1 });
            if self.panes.filter != Filter::All {
                self.message = Some(format!(
                    "no {} {} claim in this article; ] and [ go across articles",
                    if forward { "further" } else { "earlier" },
                    self.panes.filter.label()
                ));
            }
        }
    }

    /// Jumps to `target`, recording where from (for `Ctrl-o`).
    pub fn jump(&mut self, target: Target) {
        self.jumps.record(self.position());
        self.story_list.shown = false;
        match target {
            Target::Article(i) => {
                self.select_article(i);
                self.panes.focus = Pane::Articles;
            }
            Target::Claim(c) => {
                self.select_claim(c);
                // Show the comparison: it is on screen beside the reader when
                // the terminal is wide enough, else switch to it.
                self.panes.focus = Pane::Reader;
                if self.areas().comparison.is_none() {
                    self.panes.focus = Pane::Comparison;
                }
            }
        }
        self.sync();
        self.scroll_to_claim();
    }

    /// Number of lines of the help overlay.
    pub fn help_len(&self) -> usize {
        help::lines(&self.keymap, None, self.data.many_stories()).len()
    }

    fn pane_at(&self, x: u16, y: u16) -> Option<(Pane, Rect)> {
        let a = self.areas();
        let p = ratatui::layout::Position::new(x, y);
        Pane::ALL
            .into_iter()
            .find_map(|pane| a.of(pane).filter(|r| r.contains(p)).map(|r| (pane, r)))
    }

    /// The text `y` copies for claim `c`: the claim, then the article's full
    /// title, outlet and date, in their visible form (no escape sequence
    /// from the article reaches a later paste either).
    pub fn copy_text(&self, c: usize) -> Option<String> {
        use super::sanitize::sanitize;
        let cl = self.analysis().claims.get(c)?;
        let a = self.analysis().articles.get(cl.article)?;
        let title = a.title.clone().unwrap_or_else(|| {
            a.text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or(&a.id)
                .to_string()
        });
        let mut source = vec![title];
        source.extend(a.outlet.clone());
        source.extend(a.date.map(|d| d.format("%Y-%m-%d").to_string()));
        source.extend(a.url.clone());
        Some(format!(
            "{}\n— {}",
            sanitize(&cl.text),
            sanitize(&source.join(", "))
        ))
    }

    /// Sets or clears the verdict of claim `claim`.
    pub fn set_verdict(&mut self, claim: usize, mark: Option<(Verdict, String)>) {
        let Data { analysis, .. } = &self.data;
        self.verdicts.store.set(analysis, claim, mark);
        self.verdicts.refresh(analysis);
        self.refresh_order();
        // The comparison shows the verdict: lay it out again.
        self.panes.comparison.layout.lines.clear();
        for layer in &mut self.layers {
            if let Layer::Search(s) = layer {
                s.preview.lines.clear();
            }
        }
    }
}

/// Lines per item of the articles pane: two (title, then counts) when
/// there is room for every article that way, else one.
pub fn lines_per_article(inner_height: u16, articles: usize) -> usize {
    if usize::from(inner_height) >= 2 * articles || inner_height >= 12 {
        2
    } else {
        1
    }
}

/// First visible item of a list of `len` items showing `visible` of them
/// with `selected` kept in view.
pub fn list_offset(selected: usize, len: usize, visible: usize) -> usize {
    let visible = visible.max(1);
    if selected < visible {
        0
    } else {
        (selected + 1 - visible).min(len.saturating_sub(visible))
    }
}

/// `v` moved by `delta` within `0..len`.
fn step(v: usize, delta: isize, len: usize) -> usize {
    v.saturating_add_signed(delta).min(len.saturating_sub(1))
}

#[cfg(test)]
mod storm_tests;
#[cfg(test)]
mod story_list_tests;
#[cfg(test)]
mod tests;
