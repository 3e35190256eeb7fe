//! The stories matrix: facts (rows) by sources (columns), most covered
//! first; each cell says reports, DIFFERS or — (absent).

use super::{overlay_block, wrap::fit, Styles};
use crate::app::view_model::Cell;
use crate::app::{layout, list_offset, App};
use crosscheck::analysis::ClaimStatus;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

/// Draws the matrix overlay over `area`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let s = Styles::new(&app.theme);
    let popup = layout::popup(area, 92, 85, 30, 8);
    let title = format!(
        "Stories: {} facts by source (Enter jumps, Esc closes)",
        app.matrix.rows.len()
    );
    let inner = overlay_block(buf, popup, &title, &s);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let n = app.analysis.articles.len();
    let wide = usize::from(inner.width) >= 40 + n * 9;
    let cell_w = if wide { 9 } else { 3 };
    let cov_w = if wide { 12 } else { 8 };
    let label_w = usize::from(inner.width)
        .saturating_sub(n * cell_w + cov_w)
        .max(4);
    let legend_h = if usize::from(inner.height) > n + 6 {
        n + 1
    } else {
        0
    };
    let body_h = usize::from(inner.height).saturating_sub(1 + legend_h);
    let mut lines: Vec<Line> = Vec::new();
    let mut head = vec![(format!("{:<label_w$}", "fact"), s.title())];
    for j in 0..n {
        let st = if j == app.matrix_col {
            s.title().add_modifier(Modifier::REVERSED)
        } else {
            s.title()
        };
        head.push((
            format!(
                "{:^cell_w$}",
                format!("src {}", j + 1)
                    .chars()
                    .rev()
                    .take(cell_w - 1)
                    .collect::<String>()
                    .chars()
                    .rev()
                    .collect::<String>()
            ),
            st,
        ));
    }
    let cov_head = if wide { "coverage" } else { "sources" };
    head.push((format!(" {:<w$}", cov_head, w = cov_w - 1), s.title()));
    lines.push(fit(head, inner.width));
    let off = list_offset(app.matrix_row, app.matrix.rows.len(), body_h);
    for (ri, row) in app.matrix.rows.iter().enumerate().skip(off).take(body_h) {
        let sel = ri == app.matrix_row;
        let rs = if sel {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        let label = super::wrap::fit(
            vec![(format!("{} {}", row.id, row.label), rs)],
            label_w as u16 - 1,
        );
        let label: String = label.spans.iter().map(|s| s.content.as_ref()).collect();
        let pad = label_w.saturating_sub(super::sanitize::drawn_width(&label));
        let mut pieces = vec![(format!("{}{}", label, " ".repeat(pad)), rs)];
        for (j, cell) in row.cells.iter().enumerate() {
            let (text, st) = match cell {
                Cell::Reports(_) => (
                    if wide { "reports" } else { "✓" },
                    s.claim(ClaimStatus::Corroborated),
                ),
                Cell::Contradicts(_) => ("CONTRA", s.claim(ClaimStatus::Contradicts)),
                Cell::Differs(_) => (
                    if wide { "DIFFERS" } else { "≠" },
                    s.claim(ClaimStatus::Differs),
                ),
                Cell::Absent => ("—", s.dim()),
            };
            let mut st = st;
            if sel && j == app.matrix_col {
                st = st.add_modifier(Modifier::REVERSED);
            }
            pieces.push((format!("{text:^cell_w$}"), st));
        }
        let cov = if row.coverage == 1 {
            let only = row
                .cells
                .iter()
                .position(|c| *c != Cell::Absent)
                .map_or(0, |p| p + 1);
            if wide {
                format!(" only in {only}")
            } else {
                format!(" only {only}")
            }
        } else if wide {
            format!(" {} sources", row.coverage)
        } else {
            format!(" {}", row.coverage)
        };
        pieces.push((cov, if row.coverage == 1 { s.dim() } else { rs }));
        lines.push(fit(pieces, inner.width));
    }
    while lines.len() < 1 + body_h {
        lines.push(Line::default());
    }
    if legend_h > 0 {
        lines.push(fit(vec![("Sources:".into(), s.title())], inner.width));
        for (j, r) in app.rows.iter().enumerate() {
            lines.push(fit(
                vec![(format!("src {} = {}", j + 1, r.title), s.dim())],
                inner.width,
            ));
        }
    }
    Paragraph::new(lines).render(inner, buf);
}
