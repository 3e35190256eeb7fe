//! The status bar: where the keys go, a message or the counts, and key
//! hints from the keymap, fitted by priority: when the bar is narrow the
//! least important hints go first, "help" and "quit" last.

use super::style::Styles;
use crate::tui::action::Action;
use crate::tui::app::{App, Layer};
use crate::tui::keymap::{Context, Hint};
use crate::tui::sanitize::drawn_width;
use crate::tui::wrap::fit;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Paragraph, Widget};

/// Picks hints by priority (lowest first) into `room` columns, after
/// those already `chosen` (which take `used` columns); only hints whose
/// priority is below `below` are considered.
fn pick(hints: &[Hint], chosen: &mut Vec<usize>, used: &mut usize, room: usize, below: u8) {
    let mut by_priority: Vec<usize> = (0..hints.len())
        .filter(|i| hints[*i].priority < below && !chosen.contains(i))
        .collect();
    by_priority.sort_by_key(|&i| (hints[i].priority, i));
    for i in by_priority {
        let w = drawn_width(&hints[i].keys) + 1 + drawn_width(hints[i].label);
        let sep = if chosen.is_empty() { 0 } else { 2 };
        if *used + sep + w <= room {
            *used += sep + w;
            chosen.push(i);
        }
    }
}

/// The chosen hints, in table order.
fn shown(hints: &[Hint], mut chosen: Vec<usize>) -> String {
    chosen.sort_unstable();
    chosen
        .iter()
        .map(|&i| format!("{} {}", hints[i].keys, hints[i].label))
        .collect::<Vec<_>>()
        .join("  ")
}

/// The hints shown in `width` columns: as many as fit, most important
/// first, shown in table order.
#[cfg(test)]
pub fn fit_hints(hints: &[Hint], width: usize) -> String {
    let (mut chosen, mut used) = (Vec::new(), 0);
    pick(hints, &mut chosen, &mut used, width, u8::MAX);
    shown(hints, chosen)
}

/// Priority below which hints come before the counts.
const BEFORE_COUNTS: u8 = 7;

/// Draws the status bar in `area` (one line): the place, then a message
/// or the counts, then the hints. Room goes first to "help" and "quit",
/// then to a message, then to the important hints, then to the counts,
/// then to the other hints.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let s = Styles::new(&app.theme);
    let a = app.analysis();
    let place = match app.top() {
        Some(layer) => layer.name(),
        None if app.story_list.shown => "Story list",
        None => app.panes.focus.name(),
    };
    let width = usize::from(area.width);
    let mut hints = app.keymap.hints(app.context());
    let ok = match app.top() {
        Some(Layer::Verdict(_)) => "save",
        _ => "jump",
    };
    for h in &mut hints {
        if h.label == "ok" {
            h.label = ok;
        }
    }
    // A message, and on a tiny bar "help" and "quit", matter more than the
    // name of the place.
    let head = if (app.message.is_some() && width < 80) || width < 30 {
        String::new()
    } else {
        format!(" {place} ")
    };
    let budget = width.saturating_sub(drawn_width(&head) + 1);
    let (mut chosen, mut used) = (Vec::new(), 0);
    pick(&hints, &mut chosen, &mut used, budget, 2);
    let mut middle: Option<(String, Style)> = None;
    if let Some(m) = &app.message {
        let room = budget.saturating_sub(used + 1);
        let cut = fit(
            vec![(format!(" {m} "), Style::new())],
            u16::try_from(room).unwrap_or(u16::MAX),
        );
        let text: String = cut.spans.iter().map(|sp| sp.content.as_ref()).collect();
        middle = Some((text, Style::new().add_modifier(Modifier::BOLD)));
    }
    let middle_w = |m: &Option<(String, Style)>| m.as_ref().map_or(0, |m| drawn_width(&m.0) + 1);
    pick(
        &hints,
        &mut chosen,
        &mut used,
        budget.saturating_sub(middle_w(&middle)),
        BEFORE_COUNTS,
    );
    if middle.is_none() {
        let mut parts = vec![counts(app)];
        let warn = !a.warnings.is_empty();
        if warn {
            let key = app
                .keymap
                .key_for(Context::Panes, Action::Warnings)
                .filter(|_| app.layers.is_empty())
                .map_or(String::new(), |k| format!(" ({k})"));
            parts.insert(0, format!("⚠ {} load warnings{key}", a.warnings.len()));
        }
        let room = budget.saturating_sub(used + 1);
        let full = format!(" {} ", parts.join(" · "));
        let short = format!(" ⚠ {} ", a.warnings.len());
        if drawn_width(&full) <= room {
            middle = Some((full, s.dim()));
        } else if warn && drawn_width(&short) <= room {
            middle = Some((short, Style::new().add_modifier(Modifier::BOLD)));
        }
    }
    pick(
        &hints,
        &mut chosen,
        &mut used,
        budget.saturating_sub(middle_w(&middle)),
        u8::MAX,
    );
    let hints = shown(&hints, chosen);
    let mut pieces = vec![(head, s.title())];
    let mut taken: usize = pieces.iter().map(|p| drawn_width(&p.0)).sum();
    if let Some(m) = middle {
        taken += drawn_width(&m.0);
        pieces.push(m);
    }
    let pad = width.saturating_sub(taken + drawn_width(&hints));
    pieces.push((" ".repeat(pad), Style::new()));
    pieces.push((hints, s.dim()));
    Paragraph::new(fit(pieces, area.width)).render(area, buf);
}

/// The counts the status bar shows: the corpus's, or with several
/// stories, the shown story's in the panes and the number of stories in
/// the story list.
fn counts(app: &App) -> String {
    let a = app.analysis();
    let story = app.data.stories.get(app.panes.story);
    match story {
        Some(st) if app.data.many_stories() && !app.story_list.shown => {
            let claims: usize = st
                .articles
                .iter()
                .filter_map(|&i| app.data.rows.get(i))
                .map(|r| r.claims)
                .sum();
            format!(
                "story {}/{} · {} articles · {claims} claims · {} shared facts",
                app.panes.story + 1,
                app.data.stories.len(),
                st.articles.len(),
                st.agrees + st.differs
            )
        }
        _ => {
            let head = if app.data.many_stories() {
                format!("{} stories · ", app.data.stories.len())
            } else {
                String::new()
            };
            format!(
                "{head}{} articles · {} claims · {} shared facts",
                a.articles.len(),
                a.claims.len(),
                a.shared_facts().count()
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::Keymap;

    #[test]
    fn help_and_quit_are_the_last_hints_to_go() {
        let km = Keymap::default();
        let hints = km.hints(Context::Panes);
        let all = fit_hints(&hints, 500);
        assert!(all.contains("? help") && all.contains("q quit") && all.contains("/ search"));
        for w in [14usize, 20, 30, 40, 60] {
            let shown = fit_hints(&hints, w);
            assert!(drawn_width(&shown) <= w, "{w}: {shown}");
            assert!(
                shown.contains("? help") && shown.contains("q quit"),
                "{w}: {shown}"
            );
        }
        assert!(fit_hints(&hints, 6).contains("? help"));
    }
}
