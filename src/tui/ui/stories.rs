//! The story list: one row per story, the counts first (sources, facts
//! shared alike, facts that differ, of which contradicted, single-source
//! facts) so that they are never the part cut off, then the story's label;
//! in aligned columns under a heading where there is room, else compact.

use super::style::Styles;
use crate::tui::app::stories::StorySort;
use crate::tui::app::{layout, list_offset, story_list_rows, App};
use crate::tui::sanitize::sanitize;
use crate::tui::wrap::fit;
use crosscheck::analysis::ClaimStatus;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

/// Inner width from which the counts stand in columns under a heading.
const COLUMNS_FROM: u16 = 60;

/// Draws the story list in `area`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let s = Styles::new(&app.theme);
    let stories = &app.data.stories;
    let visible = story_list_rows(app);
    let story_list = &app.story_list;
    let sel = story_list.sel;
    let off = list_offset(story_list.position(), stories.len(), visible);
    let mut title = format!("Stories ({})", stories.len());
    if story_list.sort != StorySort::Loaded {
        title = format!("{title} {}", story_list.sort.label());
    }
    let mut block = s.pane_block(&title, app.layers.is_empty());
    if stories.len() > visible {
        let last = (off + visible).min(stories.len());
        block = block.title_bottom(Line::styled(
            format!(" {}-{last} of {} ", off + 1, stories.len()),
            s.dim(),
        ));
    }
    block.render(area, buf);
    let inner = layout::inner(area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let num = stories.len().to_string().len().max(1);
    let wide = inner.width >= COLUMNS_FROM;
    let heading = if wide {
        format!(
            "  {:>num$} {:>7} {:>6} {:>6} {:>4} {:>6}  story",
            "#", "sources", "=same", "≠diff", "✗", "single"
        )
    } else {
        "  # src =same ≠diff ✗contra ·single".to_string()
    };
    let mut lines: Vec<Line> = vec![fit(vec![(heading, s.dim())], inner.width)];
    for &k in story_list.order.iter().skip(off).take(visible) {
        let Some(story) = stories.get(k) else {
            continue;
        };
        let selected = k == sel;
        let mut label_style = Style::new().add_modifier(Modifier::BOLD);
        if selected {
            label_style = label_style.patch(Styles::selected());
        }
        let mark = if selected { "▶ " } else { "  " };
        if !wide {
            let mut pieces = vec![
                (format!("{mark}{} ", k + 1), label_style),
                (format!("{} ", story.articles.len()), s.dim()),
                (
                    format!("={} ", story.agrees),
                    s.marker(ClaimStatus::Corroborated),
                ),
                (
                    format!("≠{} ", story.differs),
                    s.marker(ClaimStatus::Differs),
                ),
            ];
            if story.contradicts > 0 {
                pieces.push((
                    format!("✗{} ", story.contradicts),
                    s.marker(ClaimStatus::Contradicts),
                ));
            }
            pieces.push((format!("·{} ", story.single), s.dim()));
            pieces.push((sanitize(&story.name).into_owned(), label_style));
            lines.push(fit(pieces, inner.width));
            continue;
        }
        let pieces = vec![
            (format!("{mark}{:>num$} ", k + 1), label_style),
            (format!("{:>7} ", story.articles.len()), s.dim()),
            (
                format!("{:>6} ", story.agrees),
                s.marker(ClaimStatus::Corroborated),
            ),
            (
                format!("{:>6} ", story.differs),
                s.marker(ClaimStatus::Differs),
            ),
            (
                format!("{:>4} ", story.contradicts),
                s.marker(ClaimStatus::Contradicts),
            ),
            (format!("{:>6}  ", story.single), s.dim()),
            (sanitize(&story.name).into_owned(), label_style),
        ];
        lines.push(fit(pieces, inner.width));
    }
    Paragraph::new(lines).render(inner, buf);
}
