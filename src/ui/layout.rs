//! Where each pane goes for a terminal size: one pure function, used by drawing and by mouse
//! hit-testing so that both agree.

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this the screen says how large it needs to be.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;
/// From this width on, topics sit left of the comparison; below, they are stacked on top.
pub const WIDE: u16 = 100;
/// Claim columns are at least this wide; as many as fit are shown side by side.
pub const MIN_COLUMN: u16 = 26;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub topics: Rect,
    pub comparison: Rect,
    pub scale: Rect,
    pub context: Rect,
    pub status: Rect,
}

/// The panes, or `None` when the terminal is too small to use.
pub fn areas(area: Rect, scale_rows: u16) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [header, body, status] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    // The scale: a row per claim plus the axis and borders, within limits.
    let scale_height = (scale_rows + 3).clamp(4, 10);
    let (topics, right) = if area.width >= WIDE {
        let topics_width = (area.width / 3).clamp(30, 56);
        let [topics, right] =
            Layout::horizontal([Constraint::Length(topics_width), Constraint::Min(0)]).areas(body);
        (topics, right)
    } else {
        let topics_height = (body.height / 4).max(4);
        let [topics, right] =
            Layout::vertical([Constraint::Length(topics_height), Constraint::Min(0)]).areas(body);
        (topics, right)
    };
    // The comparison gets what a column needs; the context takes what is left, if enough.
    let available = right.height.saturating_sub(scale_height);
    let comparison_height = if available < 20 {
        available
    } else {
        available.saturating_sub(6).min(18)
    };
    let [comparison, scale, context] = Layout::vertical([
        Constraint::Length(comparison_height),
        Constraint::Length(scale_height),
        Constraint::Min(0),
    ])
    .areas(right);
    Some(Areas {
        header,
        topics,
        comparison,
        scale,
        context,
        status,
    })
}

/// How many claim columns fit side by side in the comparison pane.
pub fn columns(comparison: Rect) -> usize {
    usize::from((comparison.width / MIN_COLUMN).max(1))
}

/// Rows of the topics list inside its border.
pub fn topic_rows(topics: Rect) -> usize {
    usize::from(topics.height.saturating_sub(2)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_columns_at_120_and_stacked_at_80() {
        let wide = areas(Rect::new(0, 0, 120, 40), 2).unwrap();
        assert!(columns(wide.comparison) >= 3, "{wide:?}");
        assert_eq!(wide.topics.y, wide.comparison.y, "side by side");
        let narrow = areas(Rect::new(0, 0, 80, 24), 2).unwrap();
        assert!(narrow.topics.y < narrow.comparison.y, "stacked");
        assert!(columns(narrow.comparison) >= 2);
    }

    #[test]
    fn too_small_is_none() {
        assert!(areas(Rect::new(0, 0, 59, 40), 2).is_none());
        assert!(areas(Rect::new(0, 0, 1, 1), 2).is_none());
    }
}
