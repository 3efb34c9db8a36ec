//! Where each pane goes for a terminal size: one pure function, used by drawing and by mouse
//! hit-testing so that both agree.

use std::rc::Rc;

use ratatui::layout::{Constraint, Layout, Margin, Rect};

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
    /// The common scale, or the timeline in its place. The scale is empty when the comparison
    /// needs the room (short terminals); the timeline then takes the claim columns' place, and
    /// the comparison is its two head lines.
    pub scale: Rect,
    /// Empty when there is no room left for it.
    pub context: Rect,
    pub status: Rect,
}

/// What the layout depends on besides the size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Content {
    /// Topics in the list.
    pub topics: usize,
    /// Claims of the selected topic (rows of the scale).
    pub claims: usize,
    /// When the timeline is shown: the rows it needs inside its border, `(compact,
    /// comfortable)` (see `ui::timeline`).
    pub timeline: Option<(usize, usize)>,
}

/// Rows the comparison needs to show a claim's figure, source, status and a short quote.
const COMPARISON_MIN: u16 = 12;
/// Rows beyond which a taller comparison only adds empty rows.
const COMPARISON_MAX: u16 = 20;
/// The comparison's head lines: the question and the topic's facts.
pub const HEAD: u16 = 2;

/// The panes, or `None` when the terminal is too small to use.
pub fn areas(area: Rect, content: Content) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [header, body, status] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    let (topics, right) = if area.width >= WIDE {
        // A third of the width, and past 150 columns what the comparison does not need: wide
        // terminals show more of each question.
        let topics_width = (area.width / 3)
            .max(area.width.saturating_sub(120))
            .clamp(30, 90);
        let [topics, right] =
            Layout::horizontal([Constraint::Length(topics_width), Constraint::Min(0)]).areas(body);
        (topics, right)
    } else {
        // Stacked: every topic if a third of the rows holds them, else that third.
        let wanted = u16::try_from(content.topics)
            .unwrap_or(u16::MAX)
            .saturating_add(2);
        let topics_height = wanted.min(body.height / 3 + 2).max(3);
        let [topics, right] =
            Layout::vertical([Constraint::Length(topics_height), Constraint::Min(0)]).areas(body);
        (topics, right)
    };
    let (lower, columns_shown) = match content.timeline {
        None => (scale_height(content.claims, right.height), true),
        Some(rows) => timeline_height(rows, right.height),
    };
    // The comparison gets what a column needs; the context takes what is left, if enough
    // (under the timeline, the claims' columns come first).
    let available = right.height.saturating_sub(lower);
    let comparison_height = if !columns_shown {
        HEAD.min(right.height)
    } else if content.timeline.is_some() {
        available.min(COMPARISON_MAX)
    } else if available < 20 {
        available
    } else {
        available.saturating_sub(6).min(COMPARISON_MAX)
    };
    let [comparison, scale, context] = Layout::vertical([
        Constraint::Length(comparison_height),
        Constraint::Length(lower),
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

/// The scale: a row per claim plus the axis and borders, within limits. It gives way when the
/// comparison would be left too short to show a quote.
fn scale_height(claims: usize, right: u16) -> u16 {
    let claims = u16::try_from(claims).unwrap_or(u16::MAX);
    let height = claims.saturating_add(3).clamp(4, 10);
    if right >= COMPARISON_MIN + height {
        height
    } else {
        0
    }
}

/// The timeline's height, and whether the claim columns are shown above it: as comfortable as
/// the room under a comparison allows; where not even its compact form fits there, it takes the
/// claim columns' place, under the comparison's head lines.
fn timeline_height((compact, comfortable): (usize, usize), right: u16) -> (u16, bool) {
    let rows = |n: usize| u16::try_from(n).unwrap_or(u16::MAX).saturating_add(2);
    let (compact, comfortable) = (rows(compact), rows(comfortable));
    if right >= COMPARISON_MIN + compact {
        (comfortable.max(compact).min(right - COMPARISON_MIN), true)
    } else {
        (right.saturating_sub(HEAD), false)
    }
}

/// How many claim columns fit side by side in the comparison pane.
pub fn columns(comparison: Rect) -> usize {
    usize::from((comparison.width / MIN_COLUMN).max(1))
}

/// Claim columns shorter than this are too short for a long quote in a narrow column.
const SHORT_COLUMNS: u16 = 14;

/// The comparison's two head lines (question, facts) and the cells of the claim columns shown
/// for a topic of `claims` claims, the selected one in slot `selected`: used by drawing and by
/// the mouse, so that both agree.
pub fn comparison(area: Rect, claims: usize, selected: usize) -> (Rect, Rc<[Rect]>) {
    let [head, columns_area] =
        Layout::vertical([Constraint::Length(HEAD), Constraint::Min(0)]).areas(area);
    let shown = columns(columns_area).min(claims.max(1));
    // Three or more short columns: the selected one takes a double share, so that its quote
    // can be read whole.
    let widen = shown >= 3 && columns_area.height < SHORT_COLUMNS;
    let shares = shown as u32 + u32::from(widen);
    let share = |slot: usize| if widen && slot == selected { 2 } else { 1 };
    let cells = Layout::horizontal((0..shown).map(|slot| Constraint::Ratio(share(slot), shares)))
        .split(columns_area);
    (head, cells)
}

/// The topic list inside its border: one topic a row.
pub fn topic_list(topics: Rect) -> Rect {
    topics.inner(Margin::new(1, 1))
}

/// Rows of the topics list inside its border.
pub fn topic_rows(topics: Rect) -> usize {
    usize::from(topic_list(topics).height).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sample's first topic: seven topics, two claims.
    const SAMPLE: Content = Content {
        topics: 7,
        claims: 2,
        timeline: None,
    };

    #[test]
    fn three_columns_at_120_and_stacked_at_80() {
        let content = SAMPLE;
        let wide = areas(Rect::new(0, 0, 120, 40), content).unwrap();
        assert!(columns(wide.comparison) >= 3, "{wide:?}");
        assert_eq!(wide.topics.y, wide.comparison.y, "side by side");
        let narrow = areas(Rect::new(0, 0, 80, 24), content).unwrap();
        assert!(narrow.topics.y < narrow.comparison.y, "stacked");
        assert!(columns(narrow.comparison) >= 2);
    }

    #[test]
    fn too_small_is_none() {
        let content = Content::default();
        assert!(areas(Rect::new(0, 0, 59, 40), content).is_none());
        assert!(areas(Rect::new(0, 0, 1, 1), content).is_none());
    }

    #[test]
    fn at_80x24_every_topic_of_seven_and_a_comparison_tall_enough_for_a_quote() {
        let content = SAMPLE;
        let a = areas(Rect::new(0, 0, 80, 24), content).unwrap();
        assert_eq!(topic_rows(a.topics), 7);
        assert!(a.comparison.height >= COMPARISON_MIN, "{a:?}");
        assert_eq!(a.scale.height, 0, "the scale gives way");
        let tall = areas(Rect::new(0, 0, 80, 40), content).unwrap();
        assert!(tall.scale.height > 0 && tall.context.height > 0, "{tall:?}");
    }

    #[test]
    fn wide_terminals_widen_the_topic_list() {
        let content = SAMPLE;
        let at = |w| areas(Rect::new(0, 0, w, 50), content).unwrap().topics.width;
        assert_eq!(at(120), 40);
        assert_eq!(at(200), 80);
        assert_eq!(at(500), 90);
    }

    #[test]
    fn the_timeline_sits_under_the_columns_or_takes_their_place() {
        let timeline = Content {
            topics: 4,
            claims: 6,
            // Six dated claims, the axis; eight rows of time between them when there is room.
            timeline: Some((7, 15)),
        };
        let wide = areas(Rect::new(0, 0, 120, 40), timeline).unwrap();
        assert_eq!(wide.scale.height, 17, "comfortable, under the columns");
        assert_eq!(wide.comparison.height, COMPARISON_MAX, "{wide:?}");
        let widest = areas(Rect::new(0, 0, 200, 50), timeline).unwrap();
        assert!(widest.context.height >= 3, "{widest:?}");
        let small = areas(Rect::new(0, 0, 80, 24), timeline).unwrap();
        assert_eq!(small.comparison.height, HEAD, "the head lines only");
        assert!(
            small.scale.height >= 9,
            "every claim and the axis: {small:?}"
        );
        assert_eq!(small.scale.y, small.comparison.y + HEAD);
    }
}
