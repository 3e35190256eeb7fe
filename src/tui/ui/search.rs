//! The search popup: the query with its cursor, the ranked hits with the
//! matched characters highlighted, and a preview of the selected hit's
//! comparison where there is room.

use super::style::Styles;
use super::{overlay_block, styled};
use crate::tui::app::search::SearchState;
use crate::tui::app::{layout, list_offset, App};
use crate::tui::wrap::fit;
use crosscheck::search::Target;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget};

/// Draws the search popup over `area`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, st: &SearchState) {
    let s = Styles::new(&app.theme);
    let areas = layout::search_popup(area);
    overlay_block(
        buf,
        areas.popup,
        "Find claims and titles ('exact ^start end$ !not)",
        s,
    );
    let inner = areas.list;
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let query = st.input.text();
    let cursor = st.input.cursor();
    let before: String = query.chars().take(cursor).collect();
    let after: String = query.chars().skip(cursor).collect();
    let mut lines: Vec<Line> = vec![fit(
        vec![
            ("/ ".into(), s.title()),
            (before, Style::new().add_modifier(Modifier::BOLD)),
            ("▏".into(), s.title()),
            (after, Style::new().add_modifier(Modifier::BOLD)),
        ],
        inner.width,
    )];
    let mut count = if query.trim().is_empty() {
        format!("{} claims and titles · type to narrow", st.hits.len())
    } else {
        format!("{} results", st.hits.len())
    };
    let many = app.data.many_stories();
    // With several stories, the row tags name each hit's story by its
    // number in the story list, and the count line the selected one's label.
    let story_of = |t: Target| {
        let article = match t {
            Target::Article(a) => Some(a),
            Target::Claim(c) => app.analysis().claims.get(c).map(|c| c.article),
        };
        article.and_then(|a| app.data.article_story.get(a).copied())
    };
    if many {
        if let Some(k) = st.hits.get(st.sel).and_then(|h| story_of(h.target)) {
            if let Some(story) = app.data.stories.get(k) {
                count = format!(
                    "{count} · selected in story {}: {}",
                    k + 1,
                    crate::tui::sanitize::sanitize(&story.name)
                );
            }
        }
    }
    lines.push(fit(vec![(count, s.dim())], inner.width));
    let visible = usize::from(inner.height).saturating_sub(2);
    let off = list_offset(st.sel, st.hits.len(), visible);
    for (i, hit) in st.hits.iter().enumerate().skip(off).take(visible) {
        let (tag, text) = match hit.target {
            Target::Article(a) => (
                format!("title src {:<3} ", a + 1),
                app.data.index.text(hit.target),
            ),
            Target::Claim(c) => {
                let art = app.analysis().claims.get(c).map_or(0, |c| c.article);
                (
                    format!("claim src {:<3} ", art + 1),
                    app.data.index.text(hit.target),
                )
            }
        };
        let text = text.unwrap_or("");
        let tag = match story_of(hit.target).filter(|_| many) {
            Some(k) => format!("story {:<3} {tag}", k + 1),
            None => tag,
        };
        let sel = i == st.sel;
        let base = if sel {
            Styles::selected()
        } else {
            Style::new()
        };
        let mut pieces = vec![
            (if sel { "▶ " } else { "  " }.to_string(), base),
            (tag, s.dim().patch(base)),
        ];
        // Start shortly before the first match when it would be cut off.
        let room = usize::from(inner.width).saturating_sub(if many { 24 } else { 14 });
        let first = hit.positions.first().copied().unwrap_or(0);
        let skip = if first + 8 > room {
            first.saturating_sub(room / 3)
        } else {
            0
        };
        if skip > 0 {
            pieces.push(("…".into(), base));
        }
        let mut run = String::new();
        let mut run_hl = false;
        for (ci, ch) in text.chars().enumerate().skip(skip) {
            let hl = hit.positions.binary_search(&ci).is_ok();
            if hl != run_hl && !run.is_empty() {
                let style = if run_hl {
                    s.highlight().patch(base)
                } else {
                    base
                };
                pieces.push((std::mem::take(&mut run), style));
            }
            run_hl = hl;
            run.push(ch);
        }
        if !run.is_empty() {
            let style = if run_hl {
                s.highlight().patch(base)
            } else {
                base
            };
            pieces.push((run, style));
        }
        lines.push(fit(pieces, inner.width));
    }
    Paragraph::new(lines).render(inner, buf);
    if let Some(p) = areas.preview {
        let block = Block::bordered()
            .border_style(s.dim())
            .title(Line::styled(" Preview: comparison ", s.title()));
        let pi = layout::inner(p);
        block.render(p, buf);
        let lines: Vec<Line> = if st.hits.is_empty() {
            vec![fit(
                vec![("Nothing matches the query.".into(), s.dim())],
                pi.width,
            )]
        } else {
            st.preview
                .lines
                .iter()
                .take(usize::from(pi.height))
                .map(|l| styled(l, s))
                .collect()
        };
        Paragraph::new(lines).render(pi, buf);
    }
}
