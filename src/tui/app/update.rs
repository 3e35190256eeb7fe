//! [`update`]: one [`Input`] applied to the [`App`], by the view that has
//! the keys (the topmost layer, else the panes).

use super::comparison::Entry;
use super::filter::Filter;
use super::layout;
use super::matrix::MatrixState;
use super::search::SearchState;
use super::side_by_side::SideBySideState;
use super::verdict::VerdictEdit;
use super::{lines_per_article, list_offset, step, App, Effect, Layer, Pane};
use crate::tui::action::{Action, Input};
use crosscheck::analysis::ClaimStatus;
use crosscheck::matching::Relation;
use crosscheck::search::Target;
use ratatui::layout::{Position, Rect};

/// Applies `input` to `app`; returns what the event loop must do besides
/// redrawing.
pub fn update(app: &mut App, input: impl Into<Input>) -> Option<Effect> {
    app.message = None;
    let claim = app.panes.claim;
    let effect = apply(app, input.into());
    if app.panes.claim != claim {
        app.panes.comparison.sel = 0;
        app.panes.comparison.scroll = 0;
    }
    app.sync();
    effect
}

fn apply(app: &mut App, input: Input) -> Option<Effect> {
    match input {
        Input::Resize(w, h) => {
            app.size = Rect::new(0, 0, w, h);
            app.sync();
            app.scroll_to_claim();
            if let Some(Layer::SideBySide(s)) = app.layers.last_mut() {
                let h = usize::from(layout::body(app.size).height).saturating_sub(3);
                let sel = s.sel;
                s.select(sel, h);
            }
            None
        }
        Input::Type(c) => {
            type_text(app, |t| t.insert(c));
            None
        }
        Input::Paste(s) => {
            type_text(app, |t| t.paste(&s));
            None
        }
        Input::Action(Action::Quit) => {
            app.quit = true;
            None
        }
        Input::Action(Action::Help) => {
            if matches!(app.top(), Some(Layer::Help(_))) {
                app.layers.pop();
            } else {
                app.layers.push(Layer::Help(0));
            }
            None
        }
        Input::Action(Action::Close) => {
            app.layers.pop();
            None
        }
        _ => match app.layers.last() {
            None if app.story_list.shown => {
                update_story_list(app, &input);
                None
            }
            None => update_panes(app, &input),
            Some(Layer::Search(_)) => {
                update_search(app, &input);
                None
            }
            Some(Layer::Verdict(_)) => update_verdict(app, &input),
            Some(Layer::Matrix(_)) => {
                update_matrix(app, &input);
                None
            }
            Some(Layer::SideBySide(_)) => {
                update_side_by_side(app, &input);
                None
            }
            Some(Layer::Help(_) | Layer::Warnings(_)) => {
                update_list(app, &input);
                None
            }
        },
    }
}

/// Typing into the topmost text field.
fn type_text(app: &mut App, f: impl FnOnce(&mut super::text_input::TextInput)) {
    let index = &app.data.index;
    match app.layers.last_mut() {
        Some(Layer::Search(s)) => {
            f(&mut s.input);
            s.refresh(index);
        }
        Some(Layer::Verdict(v)) => f(&mut v.note),
        _ => {}
    }
}

/// Distance moved by a list action with `visible` rows shown.
fn list_delta(action: Action, visible: usize) -> Option<isize> {
    let page = isize::try_from(visible.max(2) - 1).unwrap_or(1);
    let half = isize::try_from((visible / 2).max(1)).unwrap_or(1);
    Some(match action {
        Action::Down => 1,
        Action::Up => -1,
        Action::PageDown => page,
        Action::PageUp => -page,
        Action::HalfPageDown => half,
        Action::HalfPageUp => -half,
        _ => return None,
    })
}

/// A list position after `action` (rows `len`, `visible` shown).
fn move_in_list(pos: usize, len: usize, visible: usize, action: Action) -> usize {
    match action {
        Action::Top => 0,
        Action::Bottom => len.saturating_sub(1),
        a => list_delta(a, visible).map_or(pos, |d| step(pos, d, len)),
    }
}

fn update_list(app: &mut App, input: &Input) {
    let (len, popup) = match app.top() {
        Some(Layer::Help(_)) => (app.help_len(), layout::help_popup(app.size)),
        _ => (
            app.analysis().warnings.len(),
            layout::warnings_popup(app.size),
        ),
    };
    let visible = usize::from(layout::inner(popup).height).max(1);
    let action = match input {
        Input::Action(a) => *a,
        Input::ScrollDown(..) => Action::Down,
        Input::ScrollUp(..) => Action::Up,
        _ => return,
    };
    let max = len.saturating_sub(visible);
    if let Some(Layer::Help(scroll) | Layer::Warnings(scroll)) = app.layers.last_mut() {
        *scroll = move_in_list(*scroll, max + 1, visible, action);
    }
}

/// The story list: move, open a story, search every story.
fn update_story_list(app: &mut App, input: &Input) {
    let visible = story_list_rows(app);
    let len = app.data.stories.len();
    let action = match *input {
        Input::Action(a) => a,
        Input::ScrollDown(..) => Action::Down,
        Input::ScrollUp(..) => Action::Up,
        Input::Click(x, y) => {
            // A click on a story's row selects it (Enter opens it).
            let inner = layout::inner(layout::body(app.size));
            if inner.contains(Position::new(x, y)) && y > inner.y {
                let off = list_offset(app.story_list.position(), len, visible);
                let row = off + usize::from(y - inner.y - 1);
                if row < len {
                    app.story_list.select_row(row);
                }
            }
            return;
        }
        _ => return,
    };
    match action {
        Action::Open => {
            let k = app.story_list.sel;
            app.open_story(k);
            if let Some(s) = app.data.stories.get(k) {
                app.message = Some(format!(
                    "story {}/{len}: {} sources ({} to go back to the stories)",
                    k + 1,
                    s.articles.len(),
                    app.keymap
                        .key_for(crate::tui::keymap::Context::Panes, Action::Stories)
                        .unwrap_or_default()
                ));
            }
        }
        Action::Search => app
            .layers
            .push(Layer::Search(SearchState::open(&app.data.index))),
        Action::Warnings => {
            if app.analysis().warnings.is_empty() {
                app.message = Some("no load warnings".into());
            } else {
                app.layers.push(Layer::Warnings(0));
            }
        }
        Action::Sort => {
            let sort = app.story_list.sort.next();
            app.story_list.sort_by(sort, &app.data.stories);
            app.message = Some(format!("stories {}", sort.label()));
        }
        a => {
            let row = move_in_list(app.story_list.position(), len, visible, a);
            app.story_list.select_row(row);
        }
    }
}

/// Rows of stories the story list shows (its box less the border and the
/// heading line).
pub fn story_list_rows(app: &App) -> usize {
    usize::from(layout::inner(layout::body(app.size)).height)
        .saturating_sub(1)
        .max(1)
}

fn update_search(app: &mut App, input: &Input) {
    let visible = usize::from(layout::search_popup(app.size).list.height)
        .saturating_sub(2)
        .max(1);
    let Some(Layer::Search(s)) = app.layers.last_mut() else {
        return;
    };
    let action = match input {
        Input::Action(a) => *a,
        Input::ScrollDown(..) => Action::Down,
        Input::ScrollUp(..) => Action::Up,
        _ => return,
    };
    match action {
        Action::Open => {
            let Some(hit) = s.hits.get(s.sel) else {
                app.message = Some("nothing to jump to".into());
                return;
            };
            let target = hit.target;
            let hits = std::mem::take(&mut s.hits);
            let pos = s.sel;
            app.layers.pop();
            app.results.hits = hits;
            app.results.pos = pos;
            app.jump(target);
            app.message = Some(format!(
                "result {}/{} (n/N for the others, Ctrl-o to go back)",
                pos + 1,
                app.results.hits.len()
            ));
        }
        Action::Down
        | Action::Up
        | Action::PageDown
        | Action::PageUp
        | Action::HalfPageDown
        | Action::HalfPageUp
        | Action::Top
        | Action::Bottom => s.sel = move_in_list(s.sel, s.hits.len(), visible, action),
        edit => {
            if s.input.edit(edit) {
                s.refresh(&app.data.index);
            }
        }
    }
}

fn update_verdict(app: &mut App, input: &Input) -> Option<Effect> {
    let Some(Layer::Verdict(v)) = app.layers.last_mut() else {
        return None;
    };
    let n = VerdictEdit::choices().len();
    match input {
        Input::Action(Action::Down) | Input::ScrollDown(..) => v.choice = (v.choice + 1) % n,
        Input::Action(Action::Up) | Input::ScrollUp(..) => v.choice = (v.choice + n - 1) % n,
        Input::Action(Action::Open) => {
            let (claim, chosen, note) = (v.claim, v.chosen(), v.note.text().trim().to_string());
            app.layers.pop();
            app.set_verdict(claim, chosen.map(|v| (v, note)));
            app.message = Some(match chosen {
                Some(v) => format!("marked {} {}", v.marker(), v.label()),
                None => "verdict cleared".into(),
            });
            return Some(Effect::SaveVerdicts);
        }
        Input::Action(edit) => {
            v.note.edit(*edit);
        }
        _ => {}
    }
    None
}

fn update_matrix(app: &mut App, input: &Input) {
    let visible = usize::from(layout::inner(layout::matrix_popup(app.size)).height)
        .saturating_sub(2)
        .max(1);
    let Some(Layer::Matrix(m)) = app.layers.last_mut() else {
        return;
    };
    let action = match input {
        Input::Action(a) => *a,
        Input::ScrollDown(..) => Action::Down,
        Input::ScrollUp(..) => Action::Up,
        _ => return,
    };
    match action {
        Action::Left => m.col = step(m.col, -1, m.columns.len()),
        Action::Right => m.col = step(m.col, 1, m.columns.len()),
        Action::Sort => {
            m.sort = m.sort.next();
            m.sort_rows(&app.data.analysis);
            app.matrix_sort = m.sort;
            app.message = Some(format!("facts: {}", m.sort.label()));
        }
        Action::Open => {
            let (Some(fact), Some(source)) = (m.fact(), m.source()) else {
                return;
            };
            let a = &app.data.analysis;
            let here = a.fact_cell(fact, source).claim();
            let any = || {
                a.facts.get(fact).and_then(|f| {
                    f.articles
                        .iter()
                        .find_map(|&j| a.fact_cell(fact, j).claim())
                })
            };
            let Some(c) = here.or_else(any) else {
                return;
            };
            app.layers.pop();
            app.jump(Target::Claim(c));
            if here.is_none() {
                app.message = Some(
                    "that source does not report this fact; showing a source that does".into(),
                );
            }
        }
        a => m.row = move_in_list(m.row, m.rows.len(), visible, a),
    }
}

fn update_side_by_side(app: &mut App, input: &Input) {
    let visible = usize::from(layout::body(app.size).height)
        .saturating_sub(3)
        .max(1);
    let Some(Layer::SideBySide(s)) = app.layers.last_mut() else {
        return;
    };
    let action = match input {
        Input::Action(a) => *a,
        Input::ScrollDown(..) => Action::Down,
        Input::ScrollUp(..) => Action::Up,
        _ => return,
    };
    let differs = |r: &super::side_by_side::Row| {
        matches!(r.relation, Some(Relation::Differs | Relation::Contradicts))
    };
    match action {
        Action::Open => {
            let Some(c) = s.claim() else {
                return;
            };
            app.layers.pop();
            app.jump(Target::Claim(c));
        }
        Action::NextDiffers | Action::PrevDiffers => {
            let next = if action == Action::NextDiffers {
                (s.sel + 1..s.rows.len()).find(|&i| differs(&s.rows[i]))
            } else {
                (0..s.sel).rev().find(|&i| differs(&s.rows[i]))
            };
            match next {
                Some(i) => s.select_at_top(i, visible),
                None => app.message = Some("no further row that differs".into()),
            }
        }
        Action::PageDown | Action::PageUp | Action::HalfPageDown | Action::HalfPageUp => {
            // Pages move by lines; the selection follows to a row in view.
            let d = list_delta(action, visible).unwrap_or(0);
            let max = s.layout.lines.len().saturating_sub(visible);
            s.scroll = s.scroll.saturating_add_signed(d).min(max);
            let (top, bottom) = (s.scroll, s.scroll + visible);
            if let Some(i) = s
                .layout
                .rows
                .iter()
                .position(|&(f, l)| l >= top && f < bottom)
            {
                if !s
                    .layout
                    .rows
                    .get(s.sel)
                    .is_some_and(|&(f, l)| l >= top && f < bottom)
                {
                    s.sel = i;
                }
            }
        }
        a => {
            let i = move_in_list(s.sel, s.rows.len(), visible, a);
            s.select(i, visible);
        }
    }
}

/// Selects entry `i` of the comparison pane and scrolls it into view (its
/// head line at least, the whole entry where it fits).
fn select_entry(app: &mut App, i: usize) {
    let Some(e) = app.panes.comparison.layout.entries.get(i).copied() else {
        return;
    };
    let h = app.pane_height(Pane::Comparison);
    let c = &mut app.panes.comparison;
    c.sel = i;
    if e.line < c.scroll {
        c.scroll = e.line;
    } else if e.end > c.scroll + h {
        c.scroll = e.line.min(e.end.saturating_sub(h));
    }
}

/// Up, Down, Top and Bottom in the comparison pane: move between the other
/// sources' entries, scrolling past the ends.
fn comparison_move(app: &mut App, action: Action) {
    let entries: &[Entry] = &app.panes.comparison.layout.entries;
    let n = entries.len();
    let sel = app.panes.comparison.sel.min(n.saturating_sub(1));
    let h = app.pane_height(Pane::Comparison);
    let top = app.panes.comparison.scroll;
    // A selected entry out of view is first brought into view.
    let hidden = entries
        .get(sel)
        .map(|e| (e.line < top || e.line >= top + h, e.line >= top));
    match action {
        Action::Down if hidden == Some((true, true)) => select_entry(app, sel),
        Action::Up if hidden == Some((true, false)) => select_entry(app, sel),
        Action::Top => {
            app.panes.comparison.sel = 0;
            app.panes.comparison.scroll = 0;
        }
        Action::Bottom => {
            select_entry(app, n.saturating_sub(1));
            app.panes.comparison.scroll = usize::MAX / 2;
        }
        Action::Down if sel + 1 < n => select_entry(app, sel + 1),
        Action::Up if sel > 0 && n > 0 => select_entry(app, sel - 1),
        Action::Down => {
            app.panes.comparison.scroll = app.panes.comparison.scroll.saturating_add(1);
        }
        _ => app.panes.comparison.scroll = app.panes.comparison.scroll.saturating_sub(1),
    }
}

/// Enter in the comparison pane: jump to the selected source's matching
/// claim (its article and the claim selected, its comparison shown).
fn comparison_open(app: &mut App) {
    let Some(e) = app.panes.comparison.selected() else {
        app.message = Some("no other source to jump to".into());
        return;
    };
    match e.claim {
        Some(c) => {
            app.jump(Target::Claim(c));
            app.message = Some(format!(
                "jumped to source {}'s matching claim (Ctrl-o to go back)",
                e.source + 1
            ));
        }
        None => {
            app.message = Some(format!(
                "source {} does not report this claim",
                e.source + 1
            ));
        }
    }
}

/// `]` and `[`: the next (or previous) claim that differs or is
/// contradicted and passes the filter, across the articles of the story in
/// the list's order, wrapping around.
fn next_differs(app: &mut App, forward: bool) {
    let a = &app.data.analysis;
    let story = a.articles.get(app.panes.article).map(|x| x.story.clone());
    let mut order: Vec<usize> = app
        .panes
        .order
        .iter()
        .copied()
        .filter(|&i| a.articles.get(i).map(|x| &x.story) == story.as_ref())
        .collect();
    if !order.contains(&app.panes.article) {
        order.insert(0, app.panes.article);
    }
    // Every claim of the story in list order, starting after the current.
    let all: Vec<usize> = order.iter().flat_map(|&i| a.claim_range(i)).collect();
    let here = app
        .panes
        .claim
        .and_then(|c| all.iter().position(|&x| x == c))
        .unwrap_or(0);
    let n = all.len();
    let wanted = |c: usize| {
        matches!(a.status(c), ClaimStatus::Differs | ClaimStatus::Contradicts) && app.passes(c)
    };
    let found = (1..=n).find_map(|k| {
        let i = if forward {
            (here + k) % n
        } else {
            (here + n - k % n) % n
        };
        wanted(all[i]).then_some((all[i], if forward { here + k >= n } else { k > here }))
    });
    match found {
        Some((c, wrapped)) => {
            let label = match a.status(c) {
                ClaimStatus::Contradicts => "contradicted",
                _ => "differs",
            };
            app.jump(Target::Claim(c));
            app.message = Some(if wrapped {
                format!("{label} (wrapped around the story)")
            } else {
                label.to_string()
            });
        }
        None => {
            app.message = Some(if app.panes.filter == Filter::All {
                "no claim in this story differs or is contradicted".into()
            } else {
                format!(
                    "no claim that differs or is contradicted passes the filter '{}'",
                    app.panes.filter.label()
                )
            });
        }
    }
}

/// `f`/`F`: the next filter; the selection moves to a claim that passes.
fn set_filter(app: &mut App, filter: Filter) {
    app.panes.filter = filter;
    app.refresh_order();
    let a = &app.data.analysis;
    // With several stories, the claims of the story shown.
    let story = app.panes.story;
    let passing: usize = (0..a.article_claims.len())
        .filter(|&i| !app.data.many_stories() || app.data.in_story(i, story))
        .flat_map(|i| a.claim_range(i))
        .filter(|&c| app.passes(c))
        .count();
    let listed = app.panes.order.len();
    if !app.panes.claim.is_some_and(|c| app.passes(c)) {
        let range = a.claim_range(app.panes.article);
        if let Some(c) = range.clone().find(|&c| app.passes(c)) {
            app.select_claim(c);
        } else if let Some(&first) = app.panes.order.first() {
            app.select_article(first);
        }
    }
    app.message = Some(if filter == Filter::All {
        "filter off: all claims".into()
    } else if passing == 0 {
        format!(
            "filter: {} · no such claim (f: next filter)",
            filter.label()
        )
    } else {
        format!(
            "filter: {} · {passing} claims, {listed} articles",
            filter.label()
        )
    });
}

fn update_panes(app: &mut App, input: &Input) -> Option<Effect> {
    let n_listed = app.panes.order.len();
    let action = match *input {
        Input::Action(a) => a,
        Input::Click(x, y) => {
            click(app, x, y);
            return None;
        }
        Input::ScrollUp(x, y) | Input::ScrollDown(x, y) => {
            let d: isize = if matches!(input, Input::ScrollUp(..)) {
                -3
            } else {
                3
            };
            match app.pane_at(x, y).map(|p| p.0) {
                Some(Pane::Articles) => move_article(app, d.signum()),
                Some(Pane::Reader) => app.scroll_reader(d),
                Some(Pane::Comparison) => {
                    app.panes.comparison.scroll =
                        app.panes.comparison.scroll.saturating_add_signed(d);
                }
                None => {}
            }
            return None;
        }
        _ => return None,
    };
    match action {
        Action::FocusNext => app.panes.focus = app.panes.focus.next(),
        Action::FocusPrev => app.panes.focus = app.panes.focus.prev(),
        Action::FocusArticles => app.panes.focus = Pane::Articles,
        Action::FocusReader => app.panes.focus = Pane::Reader,
        Action::FocusComparison => app.panes.focus = Pane::Comparison,
        Action::JumpBack => match app.jumps.back(app.position()) {
            Some(p) => {
                app.go(p);
                app.message = Some("back (L: forward again)".into());
            }
            None => {
                app.message = Some("no earlier position (Ctrl-o goes back after a jump)".into());
            }
        },
        Action::JumpForward => match app.jumps.forward(app.position()) {
            Some(p) => {
                app.go(p);
                app.message = Some("forward".into());
            }
            None => app.message = Some("nothing to go forward to".into()),
        },
        Action::NextDiffers => next_differs(app, true),
        Action::PrevDiffers => next_differs(app, false),
        Action::Filter => set_filter(app, app.panes.filter.cycle(true)),
        Action::FilterBack => set_filter(app, app.panes.filter.cycle(false)),
        Action::Sort => {
            app.panes.sort = app.panes.sort.next();
            app.refresh_order();
            app.message = Some(format!("articles {}", app.panes.sort.label()));
        }
        Action::Search => app
            .layers
            .push(Layer::Search(SearchState::open(&app.data.index))),
        Action::NextResult | Action::PrevResult => {
            let len = app.results.hits.len();
            if len == 0 {
                app.message = Some("no search results (/ to search)".into());
            } else {
                app.results.pos = if action == Action::NextResult {
                    (app.results.pos + 1) % len
                } else {
                    (app.results.pos + len - 1) % len
                };
                let target = app.results.hits[app.results.pos].target;
                app.jump(target);
                app.message = Some(format!("result {}/{}", app.results.pos + 1, len));
            }
        }
        Action::Matrix => {
            let a = &app.data.analysis;
            let fact = app.panes.claim.and_then(|c| a.claim_fact.get(c).copied());
            let m = MatrixState::open(a, app.panes.article, fact, app.matrix_sort);
            app.layers.push(Layer::Matrix(m));
        }
        Action::SideBySide => match app.panes.comparison.selected() {
            Some(e) => {
                let s = SideBySideState::open(
                    &app.data.analysis,
                    app.panes.article,
                    e.source,
                    app.panes.claim,
                );
                app.layers.push(Layer::SideBySide(s));
                app.sync();
                let visible = usize::from(layout::body(app.size).height).saturating_sub(3);
                if let Some(Layer::SideBySide(s)) = app.layers.last_mut() {
                    let sel = s.sel;
                    s.select_at_top(sel, visible);
                }
            }
            None => app.message = Some("no other source in this story to compare with".into()),
        },
        Action::Verdict => match app.panes.claim {
            Some(c) => {
                let edit = VerdictEdit::new(c, app.verdicts.marks.get(&c));
                app.layers.push(Layer::Verdict(edit));
            }
            None => app.message = Some("no claim selected".into()),
        },
        Action::Warnings => {
            if app.analysis().warnings.is_empty() {
                app.message = Some("no load warnings".into());
            } else {
                app.layers.push(Layer::Warnings(0));
            }
        }
        Action::Stories => {
            if app.data.many_stories() {
                app.show_story_list();
            } else {
                app.message = Some("the corpus holds one story: no list of stories".into());
            }
        }
        Action::Copy => {
            let Some(text) = app.panes.claim.and_then(|c| app.copy_text(c)) else {
                app.message = Some("no claim selected".into());
                return None;
            };
            app.message = Some("copied the claim with its title, outlet and date (OSC 52)".into());
            return Some(Effect::Copy(text));
        }
        Action::OpenUrl => {
            match app
                .analysis()
                .articles
                .get(app.panes.article)
                .and_then(|a| a.url.clone())
            {
                Some(u) => {
                    app.message = Some(format!("opening {u}"));
                    return Some(Effect::OpenUrl(u));
                }
                None => app.message = Some("this article has no known URL".into()),
            }
        }
        Action::Open => match app.panes.focus {
            Pane::Articles => app.panes.focus = Pane::Reader,
            Pane::Reader => {
                if app.panes.claim.is_some() {
                    app.panes.focus = Pane::Comparison;
                }
            }
            Pane::Comparison => comparison_open(app),
        },
        Action::Down | Action::Up | Action::Top | Action::Bottom => {
            let forward = matches!(action, Action::Down | Action::Bottom);
            let ends = matches!(action, Action::Top | Action::Bottom);
            match app.panes.focus {
                Pane::Articles => match action {
                    Action::Top => {
                        if let Some(&i) = app.panes.order.first() {
                            app.select_article(i);
                        }
                    }
                    Action::Bottom => {
                        if let Some(&i) = app.panes.order.last() {
                            app.select_article(i);
                        }
                    }
                    _ => move_article(app, if forward { 1 } else { -1 }),
                },
                Pane::Reader if ends => {
                    let r = app.analysis().claim_range(app.panes.article);
                    let pick = if forward {
                        r.clone().rev().find(|&c| app.passes(c))
                    } else {
                        r.clone().find(|&c| app.passes(c))
                    };
                    match pick {
                        Some(c) => app.select_claim(c),
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
            let h = app.pane_height(app.panes.focus);
            let d = list_delta(action, h).unwrap_or(0);
            match app.panes.focus {
                Pane::Articles => {
                    let per = lines_per_article(u16::try_from(h).unwrap_or(u16::MAX), n_listed);
                    move_article(app, d / isize::try_from(per).unwrap_or(1).max(1));
                }
                Pane::Reader => app.scroll_reader(d),
                Pane::Comparison => {
                    app.panes.comparison.scroll =
                        app.panes.comparison.scroll.saturating_add_signed(d);
                }
            }
        }
        _ => {}
    }
    None
}

/// Moves the article selection `d` places in the list.
fn move_article(app: &mut App, d: isize) {
    let order = &app.panes.order;
    if order.is_empty() {
        return;
    }
    let i = match order.iter().position(|&a| a == app.panes.article) {
        Some(pos) => order[step(pos, d, order.len())],
        None => order[0],
    };
    if i != app.panes.article {
        app.select_article(i);
    }
}

fn click(app: &mut App, x: u16, y: u16) {
    let Some((pane, rect)) = app.pane_at(x, y) else {
        return;
    };
    app.panes.focus = pane;
    let inner = layout::inner(rect);
    if !inner.contains(Position::new(x, y)) {
        return;
    }
    let row = usize::from(y - inner.y);
    match pane {
        Pane::Articles => {
            let n = app.panes.order.len();
            let per = lines_per_article(inner.height, n);
            let visible = usize::from(inner.height) / per;
            let pos = app
                .panes
                .order
                .iter()
                .position(|&a| a == app.panes.article)
                .unwrap_or(0);
            let off = list_offset(pos, n, visible);
            if let Some(&i) = app.panes.order.get(off + row / per) {
                if i != app.panes.article {
                    app.select_article(i);
                }
            }
        }
        Pane::Reader => {
            let line = app.panes.reader.scroll + row;
            let base = app.analysis().claim_range(app.panes.article).start;
            let hit = app
                .panes
                .reader
                .layout
                .claim_lines
                .iter()
                .position(|&(f, l)| f <= line && line <= l);
            if let Some(ci) = hit {
                app.panes.claim = Some(base + ci);
                app.panes.comparison.scroll = 0;
            }
        }
        Pane::Comparison => {
            // A click on an entry selects it (Enter jumps to it).
            let line = app.panes.comparison.scroll + row;
            let entries = &app.panes.comparison.layout.entries;
            if let Some(i) = entries.iter().rposition(|e| e.line <= line) {
                app.panes.comparison.sel = i;
            }
        }
    }
}
