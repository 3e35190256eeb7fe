//! The terminal browser's state and its transitions.
//!
//! [`App`] is plain data; [`update`] applies one [`Action`] to it without any
//! terminal, returning an [`Effect`] for the event loop to carry out (copying
//! to the clipboard, opening a URL). Drawing (`crate::ui::draw`) is a pure
//! function of `&App`.

pub mod layout;
pub mod reader;
mod run;
pub mod view_model;

pub use run::run;

use crate::config::{Config, Theme};
use crate::keymap::{Context, KeyChord, Keymap};
use crosscheck::search::{Hit, SearchIndex, Target};
use crosscheck::Analysis;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::layout::{Position, Rect};
use reader::ReaderLayout;
use view_model::{ArticleRow, Matrix};

/// Everything the user can ask for, by key, mouse or terminal event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Next item (reader: next claim; overlays: next row).
    Down,
    /// Previous item.
    Up,
    /// First item.
    Top,
    /// Last item.
    Bottom,
    /// Scroll a page down.
    PageDown,
    /// Scroll a page up.
    PageUp,
    /// Scroll half a page down.
    HalfPageDown,
    /// Scroll half a page up.
    HalfPageUp,
    /// Previous column (matrix).
    Left,
    /// Next column (matrix).
    Right,
    /// Focus the next pane.
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Open or jump to what is selected.
    Open,
    /// Open the search popup.
    Search,
    /// Jump to the next search result.
    NextResult,
    /// Jump to the previous search result.
    PrevResult,
    /// Open the stories matrix.
    Matrix,
    /// Toggle the help overlay.
    Help,
    /// Open the list of load warnings.
    Warnings,
    /// Close the overlay (cancel the search).
    Close,
    /// Copy the selected claim with its source.
    Copy,
    /// Open the article's URL.
    OpenUrl,
    /// Quit.
    Quit,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// Left click at a cell.
    Click(u16, u16),
    /// Wheel up over a cell.
    ScrollUp(u16, u16),
    /// Wheel down over a cell.
    ScrollDown(u16, u16),
    /// A character typed into the search query.
    Insert(char),
    /// Delete the last character of the search query.
    Backspace,
}

impl Action {
    /// The actions that keys can be bound to, in config-name order.
    pub const NAMED: [Action; 23] = [
        Action::Down,
        Action::Up,
        Action::Top,
        Action::Bottom,
        Action::PageDown,
        Action::PageUp,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::Left,
        Action::Right,
        Action::FocusNext,
        Action::FocusPrev,
        Action::Open,
        Action::Search,
        Action::NextResult,
        Action::PrevResult,
        Action::Matrix,
        Action::Help,
        Action::Warnings,
        Action::Close,
        Action::Copy,
        Action::OpenUrl,
        Action::Quit,
    ];

    /// The action's name in the config file (`snake_case`).
    pub fn name(self) -> &'static str {
        match self {
            Action::Down => "down",
            Action::Up => "up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::HalfPageDown => "half_page_down",
            Action::HalfPageUp => "half_page_up",
            Action::Left => "left",
            Action::Right => "right",
            Action::FocusNext => "focus_next",
            Action::FocusPrev => "focus_prev",
            Action::Open => "open",
            Action::Search => "search",
            Action::NextResult => "next_result",
            Action::PrevResult => "prev_result",
            Action::Matrix => "matrix",
            Action::Help => "help",
            Action::Warnings => "warnings",
            Action::Close => "close",
            Action::Copy => "copy",
            Action::OpenUrl => "open_url",
            Action::Quit => "quit",
            Action::Resize(..)
            | Action::Click(..)
            | Action::ScrollUp(..)
            | Action::ScrollDown(..)
            | Action::Insert(_)
            | Action::Backspace => "",
        }
    }

    /// The action named `name` in the config file.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::NAMED.into_iter().find(|a| a.name() == name)
    }
}

/// A side effect for the event loop: things `update` cannot do purely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Open this URL in the browser.
    OpenUrl(String),
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

/// Overlays drawn over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Overlay {
    /// The fuzzy finder.
    Search,
    /// The key list.
    Help,
    /// Facts by sources.
    Matrix,
    /// Load warnings.
    Warnings,
}

impl Overlay {
    /// Name shown in the status bar.
    pub fn name(self) -> &'static str {
        match self {
            Overlay::Search => "Search",
            Overlay::Help => "Help",
            Overlay::Matrix => "Stories",
            Overlay::Warnings => "Warnings",
        }
    }
}

/// The browser's whole state.
#[derive(Debug, Clone)]
pub struct App {
    /// What is displayed.
    pub analysis: Analysis,
    /// Articles pane rows, computed at load.
    pub rows: Vec<ArticleRow>,
    /// Stories matrix, computed at load.
    pub matrix: Matrix,
    /// Search index, built at load.
    pub index: SearchIndex,
    /// Keys in effect.
    pub keymap: Keymap,
    /// Colours in effect.
    pub theme: Theme,
    /// Terminal size.
    pub size: Rect,
    /// Focused pane.
    pub focus: Pane,
    /// Open overlay, if any.
    pub overlay: Option<Overlay>,
    /// Selected article.
    pub article: usize,
    /// Selected claim (global index), if the article has any.
    pub claim: Option<usize>,
    /// First reader line shown.
    pub reader_scroll: usize,
    /// First comparison line shown.
    pub comparison_scroll: usize,
    /// Selected entry (other source) of the comparison pane: Enter jumps
    /// to its matching claim.
    pub comparison_sel: usize,
    /// The reader's layout for the selected article and current width.
    pub reader: ReaderLayout,
    /// Search query being typed.
    pub query: String,
    /// Hits for `query`.
    pub hits: Vec<Hit>,
    /// Selected hit in the popup.
    pub hit: usize,
    /// Results of the last search jumped from, for `n`/`N`.
    pub results: Vec<Hit>,
    /// Position in `results`.
    pub result: usize,
    /// Selected matrix row.
    pub matrix_row: usize,
    /// Selected matrix column (source).
    pub matrix_col: usize,
    /// First help line shown.
    pub help_scroll: usize,
    /// First warning shown.
    pub warnings_scroll: usize,
    /// A one-off message for the status bar.
    pub message: Option<String>,
    /// Set when the user quits.
    pub quit: bool,
}

impl App {
    /// A browser over `analysis` with `config`, `size` columns x rows, the
    /// first article and its first claim selected.
    pub fn new(analysis: Analysis, config: Config, size: (u16, u16)) -> App {
        let rows = ArticleRow::all(&analysis);
        let matrix = Matrix::build(&analysis);
        let index = SearchIndex::new(&analysis);
        let mut app = App {
            analysis,
            rows,
            matrix,
            index,
            keymap: config.keymap,
            theme: config.theme,
            size: Rect::new(0, 0, size.0, size.1),
            focus: Pane::Reader,
            overlay: None,
            article: 0,
            claim: None,
            reader_scroll: 0,
            comparison_scroll: 0,
            comparison_sel: 0,
            reader: ReaderLayout::default(),
            query: String::new(),
            hits: Vec::new(),
            hit: 0,
            results: Vec::new(),
            result: 0,
            matrix_row: 0,
            matrix_col: 0,
            help_scroll: 0,
            warnings_scroll: 0,
            message: None,
            quit: false,
        };
        app.select_article(0);
        app
    }

    /// Where the panes are at the current size.
    pub fn areas(&self) -> layout::Areas {
        layout::areas(self.size, self.focus, self.rows.len())
    }

    /// The keymap context for the current state.
    pub fn context(&self) -> Context {
        match self.overlay {
            Some(Overlay::Search) => Context::Search,
            Some(_) => Context::Overlay,
            None => Context::Browse,
        }
    }

    /// The action for a terminal event, if any.
    pub fn action_for(&self, event: &Event) -> Option<Action> {
        match event {
            Event::Key(k) => self.action_for_key(k),
            Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
            Event::Mouse(m) => match m.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
                MouseEventKind::ScrollUp => Some(Action::ScrollUp(m.column, m.row)),
                MouseEventKind::ScrollDown => Some(Action::ScrollDown(m.column, m.row)),
                _ => None,
            },
            _ => None,
        }
    }

    /// The action for a key press: the context's binding, then the global
    /// one; in the search popup plain characters type. Ctrl-C always quits.
    pub fn action_for_key(&self, key: &KeyEvent) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        let chord = KeyChord::from_event(key);
        let ctx = self.context();
        let ctrl_c = chord.code == KeyCode::Char('c') && chord.mods == KeyModifiers::CONTROL;
        if ctx == Context::Search {
            // Plain characters always type, whatever they are bound to.
            if let KeyCode::Char(c) = chord.code {
                // Control characters never enter the query.
                if chord.mods.is_empty() && !crate::ui::sanitize::is_unsafe(c) {
                    return Some(Action::Insert(c));
                }
            }
        }
        if let Some(a) = self.keymap.lookup(ctx, chord) {
            return Some(a);
        }
        if ctx == Context::Search {
            if chord.code == KeyCode::Backspace {
                return Some(Action::Backspace);
            }
            return ctrl_c.then_some(Action::Quit);
        }
        self.keymap
            .lookup(Context::Global, chord)
            .or(ctrl_c.then_some(Action::Quit))
    }

    /// Text columns of the reader (without border and gutter); the width it
    /// has when shown, so that narrow terminals, which show only the focused
    /// pane, keep one layout whatever the focus.
    fn reader_width(&self) -> u16 {
        layout::areas(self.size, Pane::Reader, self.rows.len())
            .reader
            .map_or(60, |r| {
                layout::inner(r).width.saturating_sub(layout::GUTTER)
            })
            .max(1)
    }

    /// Visible lines of `pane` (at least 1).
    pub fn pane_height(&self, pane: Pane) -> usize {
        let h = self.areas().of(pane).map_or(0, |r| layout::inner(r).height);
        usize::from(h).max(1)
    }

    fn ensure_layout(&mut self) {
        let w = self.reader_width();
        if self.reader.article != self.article
            || self.reader.width != w
            || self.reader.lines.is_empty()
        {
            self.reader = ReaderLayout::build(&self.analysis, self.article, w);
        }
        let max = self.reader.lines.len().saturating_sub(1);
        self.reader_scroll = self.reader_scroll.min(max);
    }

    /// Selects article `i` and its first claim.
    pub fn select_article(&mut self, i: usize) {
        let i = i.min(self.analysis.articles.len().saturating_sub(1));
        self.article = i;
        self.claim = self
            .analysis
            .article_claims
            .get(i)
            .filter(|r| !r.is_empty())
            .map(|r| r.start);
        self.reader_scroll = 0;
        self.comparison_scroll = 0;
        self.ensure_layout();
    }

    /// Selects claim `c` (and its article), scrolled into view.
    pub fn select_claim(&mut self, c: usize) {
        let Some(article) = self.analysis.claims.get(c).map(|cl| cl.article) else {
            return;
        };
        if article != self.article {
            self.select_article(article);
        }
        self.claim = Some(c);
        self.comparison_scroll = 0;
        self.scroll_to_claim();
    }

    /// Scrolls the reader so that the selected claim is in view.
    fn scroll_to_claim(&mut self) {
        self.ensure_layout();
        let Some((first, last)) = self
            .claim
            .and_then(|c| self.reader.lines_of(&self.analysis, c))
        else {
            return;
        };
        let h = self.pane_height(Pane::Reader);
        if first < self.reader_scroll {
            self.reader_scroll = first;
        } else if last >= self.reader_scroll + h {
            self.reader_scroll = first.min(last + 1 - h);
        }
    }

    /// After scrolling: if the selected claim left the view, select the
    /// claim nearest to it that is in view.
    fn keep_claim_in_view(&mut self) {
        let h = self.pane_height(Pane::Reader);
        let (top, bottom) = (self.reader_scroll, self.reader_scroll + h);
        let Some(range) = self.analysis.article_claims.get(self.article).cloned() else {
            return;
        };
        let visible = |(f, l): (usize, usize)| l >= top && f < bottom;
        if let Some(c) = self.claim {
            if self.reader.lines_of(&self.analysis, c).is_some_and(visible) {
                return;
            }
        }
        let in_view: Vec<usize> = range
            .filter(|&c| self.reader.lines_of(&self.analysis, c).is_some_and(visible))
            .collect();
        let pick = match self.claim {
            Some(c) if in_view.first().is_some_and(|&f| c < f) => in_view.first(),
            _ => in_view.last(),
        };
        if let Some(&c) = pick {
            self.claim = Some(c);
            self.comparison_scroll = 0;
        }
    }

    fn scroll_reader(&mut self, delta: isize) {
        let h = self.pane_height(Pane::Reader);
        let max = self.reader.lines.len().saturating_sub(h);
        self.reader_scroll = self.reader_scroll.saturating_add_signed(delta).min(max);
        self.keep_claim_in_view();
    }

    fn step_claim(&mut self, forward: bool) {
        let Some(range) = self.analysis.article_claims.get(self.article).cloned() else {
            return;
        };
        if range.is_empty() {
            let d = if forward { 1 } else { -1 };
            self.scroll_reader(d);
            return;
        }
        let next = match self.claim {
            None => range.start,
            Some(c) if forward => (c + 1).min(range.end - 1),
            Some(c) => c.saturating_sub(1).max(range.start),
        };
        self.select_claim(next);
    }

    fn jump(&mut self, target: Target) {
        match target {
            Target::Article(i) => {
                self.select_article(i);
                self.focus = Pane::Articles;
            }
            Target::Claim(c) => {
                self.select_claim(c);
                // Show the comparison: it is on screen beside the reader when
                // the terminal is wide enough, else switch to it.
                self.focus = Pane::Reader;
                if self.areas().comparison.is_none() {
                    self.focus = Pane::Comparison;
                }
            }
        }
    }

    /// Number of lines of the help overlay.
    pub fn help_len(&self) -> usize {
        self.keymap.bindings.len() + 2 * Context::ALL.len() + 4
    }

    fn pane_at(&self, x: u16, y: u16) -> Option<(Pane, Rect)> {
        let a = self.areas();
        let p = Position::new(x, y);
        [Pane::Articles, Pane::Reader, Pane::Comparison]
            .into_iter()
            .find_map(|pane| a.of(pane).filter(|r| r.contains(p)).map(|r| (pane, r)))
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

fn step(v: usize, delta: isize, len: usize) -> usize {
    v.saturating_add_signed(delta).min(len.saturating_sub(1))
}

/// Applies `action` to `app`; returns what the event loop must do besides
/// redrawing.
pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    app.message = None;
    let claim = app.claim;
    let effect = apply(app, action);
    if app.claim != claim {
        app.comparison_sel = 0;
    }
    if app.overlay.is_none() {
        let h = app.pane_height(Pane::Comparison);
        let (lines, entries) =
            crate::ui::comparison::content_and_entries(app, crate::ui::comparison::pane_width(app));
        let max = lines.len().saturating_sub(h);
        app.comparison_scroll = app.comparison_scroll.min(max);
        app.comparison_sel = app.comparison_sel.min(entries.len().saturating_sub(1));
    }
    effect
}

/// Selects entry `i` of the comparison pane and scrolls it into view (its
/// head line at least, the whole entry where it fits).
fn select_entry(app: &mut App, entries: &[crate::ui::comparison::Entry], i: usize, len: usize) {
    let Some(e) = entries.get(i) else {
        return;
    };
    app.comparison_sel = i;
    let end = entries.get(i + 1).map_or(len, |n| n.line);
    let h = app.pane_height(Pane::Comparison);
    if e.line < app.comparison_scroll {
        app.comparison_scroll = e.line;
    } else if end > app.comparison_scroll + h {
        app.comparison_scroll = e.line.min(end.saturating_sub(h));
    }
}

/// Up, Down, Top and Bottom in the comparison pane: move between the other
/// sources' entries, scrolling past the ends.
fn comparison_move(app: &mut App, action: Action) {
    let (lines, entries) =
        crate::ui::comparison::content_and_entries(app, crate::ui::comparison::pane_width(app));
    let len = lines.len();
    let sel = app.comparison_sel.min(entries.len().saturating_sub(1));
    let h = app.pane_height(Pane::Comparison);
    let top = app.comparison_scroll;
    // A selected entry out of view is first brought into view.
    let hidden = entries
        .get(sel)
        .is_some_and(|e| e.line < top || e.line >= top + h);
    match action {
        Action::Down if hidden && entries[sel].line >= top => select_entry(app, &entries, sel, len),
        Action::Up if hidden && entries[sel].line < top => select_entry(app, &entries, sel, len),
        Action::Top => {
            app.comparison_sel = 0;
            app.comparison_scroll = 0;
        }
        Action::Bottom => {
            select_entry(app, &entries, entries.len().saturating_sub(1), len);
            app.comparison_scroll = usize::MAX / 2;
        }
        Action::Down if sel + 1 < entries.len() => select_entry(app, &entries, sel + 1, len),
        Action::Up if sel > 0 && !entries.is_empty() => select_entry(app, &entries, sel - 1, len),
        Action::Down => app.comparison_scroll = app.comparison_scroll.saturating_add(1),
        _ => app.comparison_scroll = app.comparison_scroll.saturating_sub(1),
    }
}

/// Enter in the comparison pane: jump to the selected source's matching
/// claim (its article and the claim selected, its comparison shown).
fn comparison_open(app: &mut App) {
    let entries = crate::ui::comparison::entries(app);
    let Some(e) = entries.get(app.comparison_sel).copied() else {
        app.message = Some("no other source to jump to".into());
        return;
    };
    match e.claim {
        Some(c) => {
            app.jump(Target::Claim(c));
            app.message = Some(format!(
                "jumped to source {}'s matching claim",
                e.source + 1
            ));
        }
        None => {
            app.message = Some(format!(
                "source {} does not report this claim",
                e.source + 1
            ))
        }
    }
}

fn apply(app: &mut App, action: Action) -> Option<Effect> {
    match action {
        Action::Quit => app.quit = true,
        Action::Resize(w, h) => {
            app.size = Rect::new(0, 0, w, h);
            app.ensure_layout();
            app.scroll_to_claim();
        }
        Action::Help => {
            app.overlay = if app.overlay == Some(Overlay::Help) {
                None
            } else {
                app.help_scroll = 0;
                Some(Overlay::Help)
            };
        }
        Action::Close => {
            app.overlay = None;
        }
        Action::Insert(c) => {
            if app.overlay == Some(Overlay::Search) && !crate::ui::sanitize::is_unsafe(c) {
                app.query.push(c);
                app.hits = app.index.search(&app.query);
                app.hit = 0;
            }
        }
        Action::Backspace => {
            if app.overlay == Some(Overlay::Search) {
                app.query.pop();
                app.hits = app.index.search(&app.query);
                app.hit = 0;
            }
        }
        _ => match app.overlay {
            Some(Overlay::Search) => update_search(app, action),
            Some(Overlay::Matrix) => update_matrix(app, action),
            Some(Overlay::Help) => {
                let len = app.help_len();
                app.help_scroll = scroll_list(app.help_scroll, len, app.size.height, action);
            }
            Some(Overlay::Warnings) => {
                let len = app.analysis.warnings.len();
                app.warnings_scroll =
                    scroll_list(app.warnings_scroll, len, app.size.height, action);
            }
            None => return update_browse(app, action),
        },
    }
    None
}

fn scroll_list(pos: usize, len: usize, height: u16, action: Action) -> usize {
    let page = (usize::from(height) / 2).max(1) as isize;
    match action {
        Action::Down | Action::ScrollDown(..) => step(pos, 1, len),
        Action::Up | Action::ScrollUp(..) => step(pos, -1, len),
        Action::PageDown | Action::HalfPageDown => step(pos, page, len),
        Action::PageUp | Action::HalfPageUp => step(pos, -page, len),
        Action::Top => 0,
        Action::Bottom => len.saturating_sub(1),
        _ => pos,
    }
}

fn update_search(app: &mut App, action: Action) {
    match action {
        Action::Down | Action::ScrollDown(..) => app.hit = step(app.hit, 1, app.hits.len()),
        Action::Up | Action::ScrollUp(..) => app.hit = step(app.hit, -1, app.hits.len()),
        Action::Open => {
            if let Some(h) = app.hits.get(app.hit) {
                let target = h.target;
                app.results = app.hits.clone();
                app.result = app.hit;
                app.overlay = None;
                app.jump(target);
                app.message = Some(format!(
                    "result {}/{} (n/N for the others)",
                    app.result + 1,
                    app.results.len()
                ));
            }
        }
        _ => {}
    }
}

fn update_matrix(app: &mut App, action: Action) {
    let rows = app.matrix.rows.len();
    let cols = app.analysis.articles.len();
    let page = (usize::from(app.size.height) / 2).max(1) as isize;
    match action {
        Action::Down | Action::ScrollDown(..) => app.matrix_row = step(app.matrix_row, 1, rows),
        Action::Up | Action::ScrollUp(..) => app.matrix_row = step(app.matrix_row, -1, rows),
        Action::PageDown | Action::HalfPageDown => {
            app.matrix_row = step(app.matrix_row, page, rows)
        }
        Action::PageUp | Action::HalfPageUp => app.matrix_row = step(app.matrix_row, -page, rows),
        Action::Top => app.matrix_row = 0,
        Action::Bottom => app.matrix_row = rows.saturating_sub(1),
        Action::Left => app.matrix_col = step(app.matrix_col, -1, cols),
        Action::Right => app.matrix_col = step(app.matrix_col, 1, cols),
        Action::Open => {
            let Some(row) = app.matrix.rows.get(app.matrix_row) else {
                return;
            };
            let claim = row
                .cells
                .get(app.matrix_col)
                .and_then(|c| c.claim())
                .or_else(|| row.cells.iter().find_map(|c| c.claim()));
            let absent = row
                .cells
                .get(app.matrix_col)
                .is_some_and(|c| c.claim().is_none());
            if let Some(c) = claim {
                app.overlay = None;
                app.jump(Target::Claim(c));
                if absent {
                    app.message = Some(
                        "that source does not report this fact; showing a source that does".into(),
                    );
                }
            }
        }
        _ => {}
    }
}

fn update_browse(app: &mut App, action: Action) -> Option<Effect> {
    let n_articles = app.analysis.articles.len();
    match action {
        Action::FocusNext => {
            app.focus = app.focus.next();
            app.ensure_layout();
            app.scroll_to_claim();
        }
        Action::FocusPrev => {
            app.focus = app.focus.prev();
            app.ensure_layout();
            app.scroll_to_claim();
        }
        Action::Search => {
            app.overlay = Some(Overlay::Search);
            app.query.clear();
            app.hits.clear();
            app.hit = 0;
        }
        Action::Matrix => app.overlay = Some(Overlay::Matrix),
        Action::Warnings => {
            if app.analysis.warnings.is_empty() {
                app.message = Some("no load warnings".into());
            } else {
                app.warnings_scroll = 0;
                app.overlay = Some(Overlay::Warnings);
            }
        }
        Action::NextResult | Action::PrevResult => {
            if app.results.is_empty() {
                app.message = Some("no search results (/ to search)".into());
            } else {
                let len = app.results.len();
                app.result = if action == Action::NextResult {
                    (app.result + 1) % len
                } else {
                    (app.result + len - 1) % len
                };
                let target = app.results[app.result].target;
                app.jump(target);
                app.message = Some(format!("result {}/{}", app.result + 1, len));
            }
        }
        Action::Copy => {
            let Some(c) = app.claim.and_then(|c| app.analysis.claims.get(c)) else {
                app.message = Some("no claim selected".into());
                return None;
            };
            let a = &app.analysis.articles[c.article];
            let mut source = vec![a.display_title()];
            source.extend(a.outlet.clone());
            source.extend(a.date.map(|d| d.to_string()));
            source.extend(a.url.clone().or(a.path.clone()));
            // The clipboard gets the visible form: a later paste into a
            // terminal carries no escape sequence from the article either.
            use crate::ui::sanitize::sanitize;
            let text = format!("{}\n— {}", sanitize(&c.text), sanitize(&source.join(", ")));
            app.message = Some("copied the claim and its source (OSC 52)".into());
            return Some(Effect::Copy(text));
        }
        Action::OpenUrl => {
            match app
                .analysis
                .articles
                .get(app.article)
                .and_then(|a| a.url.clone())
            {
                Some(u) => {
                    app.message = Some(format!("opening {u}"));
                    return Some(Effect::OpenUrl(u));
                }
                None => app.message = Some("this article has no known URL".into()),
            }
        }
        Action::Open => match app.focus {
            Pane::Articles => app.focus = Pane::Reader,
            Pane::Reader => {
                if app.claim.is_some() {
                    app.focus = Pane::Comparison;
                    app.ensure_layout();
                }
            }
            Pane::Comparison => comparison_open(app),
        },
        Action::Click(x, y) => {
            let (pane, rect) = app.pane_at(x, y)?;
            app.focus = pane;
            let inner = layout::inner(rect);
            if !inner.contains(Position::new(x, y)) {
                return None;
            }
            let row = usize::from(y - inner.y);
            match pane {
                Pane::Articles => {
                    let per = lines_per_article(inner.height, n_articles);
                    let visible = usize::from(inner.height) / per;
                    let off = list_offset(app.article, n_articles, visible);
                    let i = off + row / per;
                    if i < n_articles && i != app.article {
                        app.select_article(i);
                    }
                }
                Pane::Reader => {
                    let line = app.reader_scroll + row;
                    let base = app
                        .analysis
                        .article_claims
                        .get(app.article)
                        .map_or(0, |r| r.start);
                    let hit = app
                        .reader
                        .claim_lines
                        .iter()
                        .position(|&(f, l)| f <= line && line <= l);
                    if let Some(ci) = hit {
                        app.claim = Some(base + ci);
                        app.comparison_scroll = 0;
                    }
                }
                Pane::Comparison => {
                    // A click on an entry selects it (Enter jumps to it).
                    let line = app.comparison_scroll + row;
                    let entries = crate::ui::comparison::entries(app);
                    if let Some(i) = entries.iter().rposition(|e| e.line <= line) {
                        app.comparison_sel = i;
                    }
                }
            }
        }
        Action::ScrollUp(x, y) | Action::ScrollDown(x, y) => {
            let d: isize = if matches!(action, Action::ScrollUp(..)) {
                -3
            } else {
                3
            };
            match app.pane_at(x, y).map(|p| p.0) {
                Some(Pane::Articles) => {
                    app.select_article(step(app.article, d.signum(), n_articles))
                }
                Some(Pane::Reader) => app.scroll_reader(d),
                Some(Pane::Comparison) => {
                    app.comparison_scroll = app.comparison_scroll.saturating_add_signed(d)
                }
                None => {}
            }
        }
        Action::Down | Action::Up | Action::Top | Action::Bottom => {
            let forward = matches!(action, Action::Down | Action::Bottom);
            let ends = matches!(action, Action::Top | Action::Bottom);
            match app.focus {
                Pane::Articles => {
                    let i = match action {
                        Action::Top => 0,
                        Action::Bottom => n_articles.saturating_sub(1),
                        _ => step(app.article, if forward { 1 } else { -1 }, n_articles),
                    };
                    if i != app.article {
                        app.select_article(i);
                    }
                }
                Pane::Reader if ends => {
                    let r = app.analysis.article_claims.get(app.article).cloned();
                    match r.filter(|r| !r.is_empty()) {
                        Some(r) => app.select_claim(if forward { r.end - 1 } else { r.start }),
                        None => app.scroll_reader(if forward {
                            isize::MAX / 2
                        } else {
                            isize::MIN / 2
                        }),
                    }
                }
                Pane::Reader => app.step_claim(forward),
                Pane::Comparison => comparison_move(app, action),
            }
        }
        Action::PageDown | Action::PageUp | Action::HalfPageDown | Action::HalfPageUp => {
            let h = app.pane_height(app.focus) as isize;
            let d = match action {
                Action::PageDown => h.max(2) - 1,
                Action::PageUp => -(h.max(2) - 1),
                Action::HalfPageDown => (h / 2).max(1),
                _ => -(h / 2).max(1),
            };
            match app.focus {
                Pane::Articles => {
                    let i = step(app.article, d.signum() * (d.abs() / 2).max(1), n_articles);
                    app.select_article(i);
                }
                Pane::Reader => app.scroll_reader(d),
                Pane::Comparison => {
                    app.comparison_scroll = app.comparison_scroll.saturating_add_signed(d)
                }
            }
        }
        _ => {}
    }
    None
}

#[cfg(test)]
mod storm_tests;
#[cfg(test)]
mod tests;
