//! The stories matrix: facts (rows) by sources (columns); each cell says
//! reports, DIFFERS, CONTRA or — (absent), with the claim's verdict marker.
//! Only the rows and columns in view are drawn, and only their cells are
//! asked of the engine, so a story of 20,000 sources draws as fast as one
//! of five.

use super::overlay_block;
use super::style::Styles;
use crate::tui::app::matrix::MatrixState;
use crate::tui::app::{layout, list_offset, App};
use crate::tui::sanitize::{drawn_width, sanitize};
use crate::tui::wrap::fit;
use crosscheck::analysis::{ClaimStatus, FactCell};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

/// Columns of the fact label at least.
const MIN_LABEL: usize = 16;

/// Draws the matrix over `area`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, m: &MatrixState) {
    let s = Styles::new(&app.theme);
    let a = app.analysis();
    let popup = layout::matrix_popup(area);
    let title = format!(
        "Stories: {} facts by {} sources, {}",
        m.rows.len(),
        m.columns.len(),
        m.sort.label()
    );
    let inner = overlay_block(buf, popup, &title, s);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let width = usize::from(inner.width);
    let ncols = m.columns.len();
    let wide = width >= MIN_LABEL + 12 + ncols.min(8) * 9;
    let cell_w = if wide { 9 } else { 4 };
    let cov_w = if wide { 12 } else { 8 };
    let shown_cols = (width.saturating_sub(MIN_LABEL + cov_w) / cell_w).clamp(1, ncols.max(1));
    let col_off = list_offset(m.col, ncols, shown_cols);
    let cols: Vec<(usize, usize)> = m
        .columns
        .iter()
        .copied()
        .enumerate()
        .skip(col_off)
        .take(shown_cols)
        .collect();
    let label_w = width.saturating_sub(cols.len() * cell_w + cov_w).max(4);
    let legend_h = if usize::from(inner.height) > cols.len() + 8 {
        cols.len() + 1
    } else {
        0
    };
    let body_h = usize::from(inner.height).saturating_sub(1 + legend_h);
    let mut lines: Vec<Line> = Vec::new();
    let more_left = if col_off > 0 { "◀ " } else { "" };
    let mut head = vec![(
        format!("{:<label_w$}", format!("{more_left}fact")),
        s.header(),
    )];
    for &(ci, j) in &cols {
        let st = if ci == m.col {
            s.title().patch(Styles::selected())
        } else {
            s.title()
        };
        let name = if wide {
            format!("src {}", j + 1)
        } else {
            format!("{}", j + 1)
        };
        head.push((format!("{:^cell_w$}", clip(&name, cell_w - 1)), st));
    }
    let more_right = if col_off + cols.len() < ncols {
        " ▶"
    } else {
        ""
    };
    let cov_head = if wide { "coverage" } else { "srcs" };
    head.push((format!(" {cov_head}{more_right}"), s.title()));
    lines.push(fit(head, inner.width));
    let off = list_offset(m.row, m.rows.len(), body_h);
    for (ri, &fact) in m.rows.iter().enumerate().skip(off).take(body_h) {
        let Some(f) = a.facts.get(fact) else {
            continue;
        };
        let sel = ri == m.row;
        let rs = if sel {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        let label = fit(
            vec![(format!("{} {}", f.id, sanitize(&f.label)), rs)],
            u16::try_from(label_w.saturating_sub(1)).unwrap_or(u16::MAX),
        );
        let text: String = label.spans.iter().map(|sp| sp.content.as_ref()).collect();
        let pad = label_w.saturating_sub(drawn_width(&text));
        let mut pieces = vec![(format!("{text}{}", " ".repeat(pad)), rs)];
        for &(ci, j) in &cols {
            let cell = a.fact_cell(fact, j);
            let (word, st) = match cell {
                FactCell::Reports(_) => (
                    if wide { "reports" } else { "=" },
                    s.claim(ClaimStatus::Corroborated),
                ),
                FactCell::Differs(_) => (
                    if wide { "DIFFERS" } else { "≠" },
                    s.claim(ClaimStatus::Differs),
                ),
                FactCell::Contradicts(_) => (
                    if wide { "CONTRA" } else { "✗" },
                    s.claim(ClaimStatus::Contradicts),
                ),
                FactCell::Absent => ("—", s.dim()),
            };
            let mark = cell
                .claim()
                .and_then(|c| app.verdicts.marks.get(&c))
                .map(|(v, _)| v.marker());
            let text = match mark {
                Some(mk) => format!("{word}{mk}"),
                None => word.to_string(),
            };
            let mut st = st;
            if sel && ci == m.col {
                st = st.patch(Styles::selected());
            }
            pieces.push((format!("{text:^cell_w$}"), st));
        }
        let coverage = f.articles.len();
        let cov = if coverage == 1 {
            let only = f.articles.first().map_or(0, |j| j + 1);
            if wide {
                format!(" only in {only}")
            } else {
                format!(" only {only}")
            }
        } else if wide {
            format!(" {coverage} sources")
        } else {
            format!(" {coverage}")
        };
        pieces.push((cov, if coverage == 1 { s.dim() } else { rs }));
        lines.push(fit(pieces, inner.width));
    }
    while lines.len() < 1 + body_h {
        lines.push(Line::default());
    }
    if legend_h > 0 {
        lines.push(fit(vec![("Sources:".into(), s.header())], inner.width));
        for &(_, j) in &cols {
            let title = app.data.rows.get(j).map_or("", |r| r.title.as_str());
            lines.push(fit(
                vec![(format!("src {} = {title}", j + 1), s.dim())],
                inner.width,
            ));
        }
    }
    Paragraph::new(lines).render(inner, buf);
}

/// The last `n` characters of `s` (a column number keeps its end).
fn clip(s: &str, n: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    chars[chars.len().saturating_sub(n)..].iter().collect()
}
