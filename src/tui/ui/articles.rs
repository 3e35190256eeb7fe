//! The articles pane: title, claim counts by status (first, so that they
//! are never the part cut off), outlet and date where known; the order and
//! filter in the title, and a scroll marker when not every article fits.

use super::focused;
use super::style::Styles;
use crate::tui::app::filter::{ArticleSort, Filter};
use crate::tui::app::{layout, lines_per_article, list_offset, App, Pane};
use crate::tui::wrap::fit;
use crosscheck::analysis::ClaimStatus;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

/// Draws the articles pane in `area`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let s = Styles::new(&app.theme);
    let order = &app.panes.order;
    let story = app
        .data
        .stories
        .get(app.panes.story)
        .filter(|_| app.data.many_stories());
    let total = story.map_or(app.data.rows.len(), |st| st.articles.len());
    let mut title = if app.panes.filter == Filter::All {
        format!("Articles ({total})")
    } else {
        format!(
            "Articles ({} of {total}: {})",
            order.len(),
            app.panes.filter.label()
        )
    };
    if app.panes.sort != ArticleSort::Loaded {
        title = format!("{title} {}", app.panes.sort.label());
    }
    if story.is_some() {
        title = format!("{title} · story {}", app.panes.story + 1);
    }
    let inner = layout::inner(area);
    let per_item = lines_per_article(inner.height, order.len());
    let visible = (usize::from(inner.height) / per_item).max(1);
    let pos = order.iter().position(|&a| a == app.panes.article);
    let off = list_offset(pos.unwrap_or(0), order.len(), visible);
    let mut block = s.pane_block(&title, focused(app, Pane::Articles));
    if order.len() > visible {
        let last = (off + visible).min(order.len());
        let arrows = match (off > 0, last < order.len()) {
            (true, true) => "↑↓",
            (true, false) => "↑",
            _ => "↓",
        };
        block = block.title_bottom(Line::styled(
            format!(" {}-{last} of {} {arrows} ", off + 1, order.len()),
            s.dim(),
        ));
    }
    block.render(area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let mut lines: Vec<Line> = Vec::new();
    if order.is_empty() {
        lines.push(fit(
            vec![(
                format!(
                    "no article has {} claims (f: next filter)",
                    app.panes.filter.label()
                ),
                s.dim(),
            )],
            inner.width,
        ));
    }
    let marked = |i: usize| app.verdicts.per_article.get(&i).copied().unwrap_or(0);
    for &i in order.iter().skip(off).take(visible) {
        let Some(row) = app.data.rows.get(i) else {
            continue;
        };
        let selected = i == app.panes.article;
        let mark = if selected { "▶ " } else { "  " };
        let mut title_style = Style::new().add_modifier(Modifier::BOLD);
        if selected {
            title_style = title_style.patch(Styles::selected());
        }
        // Counts first: "=9 ≠3 ✗1 /38".
        let mut counts = vec![
            (
                format!("={}", row.counts.corroborated),
                s.marker(ClaimStatus::Corroborated),
            ),
            (
                format!(" ≠{}", row.counts.differs),
                s.marker(ClaimStatus::Differs),
            ),
        ];
        if row.counts.contradicts > 0 {
            counts.push((
                format!(" ✗{}", row.counts.contradicts),
                s.marker(ClaimStatus::Contradicts),
            ));
        }
        counts.push((format!(" /{}", row.claims), s.dim()));
        if marked(i) > 0 {
            counts.push((format!(" ✓{}", marked(i)), s.mark()));
        }
        if app.panes.filter != Filter::All {
            let n = app.panes.filter.count(row.claims, &row.counts, marked(i));
            counts.push((format!(" ({n} {})", app.panes.filter.label()), s.dim()));
        }
        let mut pieces = vec![(format!("{mark}{} ", i + 1), title_style)];
        if per_item == 1 {
            // One line per article: the counts go first so they stay visible.
            pieces.extend(counts);
            pieces.push((" ".into(), Style::new()));
            pieces.push((row.title.clone(), title_style));
            lines.push(fit(pieces, inner.width));
        } else {
            pieces.push((row.title.clone(), title_style));
            lines.push(fit(pieces, inner.width));
            let mut second = vec![("  ".to_string(), s.dim())];
            second.extend(counts);
            if !row.meta.is_empty() {
                second.push((format!(" · {}", row.meta), s.dim()));
            }
            lines.push(fit(second, inner.width));
        }
    }
    Paragraph::new(lines).render(inner, buf);
}
