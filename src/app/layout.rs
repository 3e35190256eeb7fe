//! Where the panes go for a terminal size. Shared by `update` (scrolling,
//! mouse hits, wrapping width) and drawing, so both agree.

use super::Pane;
use ratatui::layout::{Constraint, Layout, Rect};

/// Below this size only a "terminal too small" note is drawn.
pub const MIN_WIDTH: u16 = 20;
/// Below this size only a "terminal too small" note is drawn.
pub const MIN_HEIGHT: u16 = 5;
/// From this width on the three panes stand side by side.
pub const WIDE: u16 = 100;
/// Columns of the reader's gutter (claim status markers).
pub const GUTTER: u16 = 2;

/// The areas of one frame; a pane that is not shown has no area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    /// Articles pane, with its border.
    pub articles: Option<Rect>,
    /// Reader pane, with its border.
    pub reader: Option<Rect>,
    /// Comparison pane, with its border.
    pub comparison: Option<Rect>,
    /// Status bar (one line).
    pub status: Rect,
    /// Whether the terminal is below the minimum size.
    pub too_small: bool,
}

impl Areas {
    /// The area of `pane`, if shown.
    pub fn of(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Articles => self.articles,
            Pane::Reader => self.reader,
            Pane::Comparison => self.comparison,
        }
    }
}

/// Inside of a bordered area.
pub fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

/// The layout for a frame of `area` with `focus` focused and `articles`
/// articles listed.
pub fn areas(area: Rect, focus: Pane, articles: usize) -> Areas {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Areas {
            too_small: true,
            status: area,
            ..Areas::default()
        };
    }
    let [body, status] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let mut out = Areas {
        status,
        ..Areas::default()
    };
    if area.width >= WIDE {
        let left = (area.width / 5).clamp(24, 40);
        let right = area.width * 36 / 100;
        let [a, r, c] = Layout::horizontal([
            Constraint::Length(left),
            Constraint::Fill(1),
            Constraint::Length(right),
        ])
        .areas(body);
        out.articles = Some(a);
        out.reader = Some(r);
        out.comparison = Some(c);
    } else if area.width >= 60 && area.height >= 16 {
        let list = (articles as u16).saturating_mul(2).saturating_add(2);
        let list = list.min(body.height / 3).max(4);
        let [a, rest] =
            Layout::vertical([Constraint::Length(list), Constraint::Fill(1)]).areas(body);
        let [r, c] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(rest);
        out.articles = Some(a);
        out.reader = Some(r);
        out.comparison = Some(c);
    } else {
        match focus {
            Pane::Articles => out.articles = Some(body),
            Pane::Reader => out.reader = Some(body),
            Pane::Comparison => out.comparison = Some(body),
        }
    }
    out
}

/// A popup of about `pct_w` x `pct_h` percent of `area`, at least
/// `min_w` x `min_h` where it fits, centred.
pub fn popup(area: Rect, pct_w: u16, pct_h: u16, min_w: u16, min_h: u16) -> Rect {
    let w = (area.width as u32 * pct_w as u32 / 100) as u16;
    let h = (area.height as u32 * pct_h as u32 / 100) as u16;
    let w = w.max(min_w).min(area.width);
    let h = h.max(min_h).min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_lays_out_inside_the_frame() {
        for w in 0..160u16 {
            for h in 0..50u16 {
                let area = Rect::new(0, 0, w, h);
                for focus in [Pane::Articles, Pane::Reader, Pane::Comparison] {
                    let a = areas(area, focus, 5);
                    for r in [a.articles, a.reader, a.comparison].into_iter().flatten() {
                        assert!(area.contains(r.as_position()) || r.area() == 0);
                        assert!(r.right() <= area.right() && r.bottom() <= area.bottom());
                    }
                    if !a.too_small {
                        assert!(a.of(focus).is_some());
                    }
                }
                let p = popup(area, 80, 70, 30, 8);
                assert!(p.right() <= area.right() && p.bottom() <= area.bottom());
            }
        }
    }
}
