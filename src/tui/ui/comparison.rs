//! The comparison pane, drawn from the layout kept in the app state; the
//! selected source's heading is reversed while the pane has the focus.

use super::style::Styles;
use super::{focused, styled};
use crate::tui::app::{layout, App, Pane};
use crate::tui::role::Role;
use crate::tui::sanitize::sanitize;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

/// The pane's title: the claim's number in its article and the article's
/// outlet (or title), never an internal id.
pub fn title(app: &App) -> String {
    let a = app.analysis();
    let Some(cl) = app.panes.claim.and_then(|c| a.claims.get(c)) else {
        return "Comparison".into();
    };
    let range = a.claim_range(cl.article);
    let n = app.panes.claim.map_or(0, |c| c - range.start + 1);
    let source = a
        .articles
        .get(cl.article)
        .map(|x| x.outlet.clone().unwrap_or_else(|| x.display_title()))
        .unwrap_or_default();
    format!(
        "Comparison: claim {n}/{} of {} {}",
        range.len(),
        cl.article + 1,
        sanitize(&source)
    )
}

/// Draws the comparison pane in `area`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let s = Styles::new(&app.theme);
    let has_focus = focused(app, Pane::Comparison);
    let block = s.pane_block(&title(app), has_focus);
    let inner = layout::inner(area);
    block.render(area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let c = &app.panes.comparison;
    let selected_line = c.selected().map(|e| e.line).filter(|_| has_focus);
    let visible: Vec<Line> = c
        .layout
        .lines
        .iter()
        .enumerate()
        .skip(c.scroll)
        .take(usize::from(inner.height))
        .map(|(i, l)| {
            let mut line = styled(l, s);
            if Some(i) == selected_line {
                for (span, (_, role)) in line.spans.iter_mut().zip(l) {
                    if *role == Role::SourceHead {
                        span.style = span
                            .style
                            .patch(Styles::selected())
                            .add_modifier(Modifier::BOLD);
                    }
                }
            }
            line
        })
        .collect();
    Paragraph::new(visible).render(inner, buf);
}
