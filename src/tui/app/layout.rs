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
pub const GUTTER: u16 = 3;

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
    if r.width < 2 || r.height < 2 {
        return Rect {
            width: 0,
            height: 0,
            ..r
        };
    }
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
        let list = u16::try_from(articles)
            .unwrap_or(u16::MAX)
            .saturating_mul(2)
            .saturating_add(2);
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
    let w = u16::try_from(u32::from(area.width) * u32::from(pct_w) / 100).unwrap_or(area.width);
    let h = u16::try_from(u32::from(area.height) * u32::from(pct_h) / 100).unwrap_or(area.height);
    let w = w.max(min_w).min(area.width);
    let h = h.max(min_h).min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// The frame without its status bar: where the full-screen views (side
/// by side) and the popups go.
pub fn body(area: Rect) -> Rect {
    Rect {
        height: area.height.saturating_sub(1),
        ..area
    }
}

/// The search popup: its box, the query and result list inside it, and
/// the preview of the selected hit's comparison where there is room (to
/// the right on wide terminals, below on tall ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SearchAreas {
    /// The popup's box, with its border.
    pub popup: Rect,
    /// Query line, count line and hits.
    pub list: Rect,
    /// The preview, with its border.
    pub preview: Option<Rect>,
}

/// Where the search popup's parts go in a frame of `area`.
pub fn search_popup(area: Rect) -> SearchAreas {
    let popup = popup(body(area), 92, 85, 30, 8);
    let i = inner(popup);
    if i.width >= 90 {
        let [list, preview] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(i);
        SearchAreas {
            popup,
            list,
            preview: Some(preview),
        }
    } else if i.height >= 20 {
        let [list, preview] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(i);
        SearchAreas {
            popup,
            list,
            preview: Some(preview),
        }
    } else {
        SearchAreas {
            popup,
            list: i,
            preview: None,
        }
    }
}

/// The stories matrix's box in a frame of `area`.
pub fn matrix_popup(area: Rect) -> Rect {
    popup(body(area), 96, 92, 30, 8)
}

/// The help overlay's box in a frame of `area`.
pub fn help_popup(area: Rect) -> Rect {
    let pct = if area.width < 100 { 96 } else { 76 };
    popup(body(area), pct, 92, 40, 10)
}

/// The load warnings' box in a frame of `area`.
pub fn warnings_popup(area: Rect) -> Rect {
    popup(body(area), 80, 60, 30, 6)
}

/// The verdict popup's box in a frame of `area`.
pub fn verdict_popup(area: Rect) -> Rect {
    popup(body(area), 60, 50, 36, 12)
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
                let s = search_popup(area);
                for r in [Some(s.popup), Some(s.list), s.preview]
                    .into_iter()
                    .flatten()
                {
                    assert!(r.right() <= area.right() && r.bottom() <= area.bottom());
                }
            }
        }
    }
}
