//! Two articles side by side over the whole body: a heading per side,
//! then the aligned rows, the relation of each pair between the columns,
//! differing figures marked, the selected row's marker reversed.

use super::style::Styles;
use super::{overlay_block, styled};
use crate::tui::app::side_by_side::SideBySideState;
use crate::tui::app::{layout, App};
use crate::tui::role::Role;
use crate::tui::wrap::fit;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// Draws the side-by-side view over `area`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, st: &SideBySideState) {
    let s = Styles::new(&app.theme);
    let body = layout::body(area);
    let aligned = st.rows.iter().filter(|r| r.relation.is_some()).count();
    let title = format!(
        "Side by side: {aligned} matched claims of {} and {}",
        st.left + 1,
        st.right + 1
    );
    let inner = overlay_block(buf, body, &title, s);
    if inner.width == 0 || inner.height < 2 {
        return;
    }
    let col = st.layout.column;
    let heading = |article: usize| {
        let a = app.analysis();
        let art = a.articles.get(article);
        let mut t = format!("{} ", article + 1);
        t.push_str(
            &art.map(crosscheck::Article::display_title)
                .unwrap_or_default(),
        );
        if let Some(o) = art.and_then(|x| x.outlet.clone()) {
            t.push_str(" · ");
            t.push_str(&o);
        }
        fit(vec![(t, s.header())], col)
    };
    let mut lines: Vec<Line> = Vec::new();
    let mut head = heading(st.left).spans;
    let hw: usize = head
        .iter()
        .map(|sp| crate::tui::sanitize::drawn_width(&sp.content))
        .sum();
    head.push(Span::raw(
        " ".repeat(usize::from(col).saturating_sub(hw) + 3),
    ));
    head.extend(heading(st.right).spans);
    lines.push(Line::from(head));
    let sel = st.layout.rows.get(st.sel).copied();
    for (i, (l, mid, r)) in st
        .layout
        .lines
        .iter()
        .enumerate()
        .skip(st.scroll)
        .take(usize::from(inner.height) - 1)
    {
        let mut left = styled(l, s).spans;
        let lw: usize = l
            .iter()
            .map(|(t, _)| crate::tui::sanitize::drawn_width(t))
            .sum();
        left.push(Span::raw(" ".repeat(usize::from(col).saturating_sub(lw))));
        let in_sel = sel.is_some_and(|(f, last)| i >= f && i <= last);
        let relation = st
            .layout
            .rows
            .iter()
            .position(|&(f, _)| f == i)
            .and_then(|row| st.rows.get(row))
            .and_then(|row| row.relation);
        let mid_style = match relation {
            Some(_) => s.role(Role::Badge(relation)),
            None => Style::new(),
        };
        let gutter = if in_sel { "▶" } else { " " };
        left.push(Span::styled(
            gutter,
            if in_sel {
                Styles::selected()
            } else {
                Style::new()
            },
        ));
        left.push(Span::styled((*mid).to_string(), mid_style));
        left.push(Span::raw(" "));
        left.extend(styled(r, s).spans);
        lines.push(Line::from(left));
    }
    Paragraph::new(lines).render(inner, buf);
}
