//! Mouse events become actions at the edge, by the layout that drew the frame: a click on a
//! topic row, a claim column or a claim's row of the timeline selects it; the wheel moves
//! between topics or claims.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Margin, Position, Rect};

use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::layout;
use crate::ui::timeline::{self, RowKind, Timeline};

/// What a mouse event means on the screen as `app` draws it.
pub fn to_action(event: MouseEvent, app: &App) -> Option<Action> {
    let at = Position::new(event.column, event.row);
    let areas = app.areas()?;
    let over_comparison = areas.comparison.contains(at);
    match event.kind {
        MouseEventKind::Down(MouseButton::Left) => click(app, &areas, at),
        MouseEventKind::ScrollDown if over_comparison => Some(Action::NextClaim),
        MouseEventKind::ScrollUp if over_comparison => Some(Action::PrevClaim),
        MouseEventKind::ScrollDown => Some(Action::NextTopic),
        MouseEventKind::ScrollUp => Some(Action::PrevTopic),
        _ => None,
    }
}

fn click(app: &App, areas: &layout::Areas, at: Position) -> Option<Action> {
    let list = layout::topic_list(areas.topics);
    if list.contains(at) {
        let row = app.topic_offset + usize::from(at.y - list.y);
        return (row < app.view.topics.len()).then_some(Action::SelectTopicRow(row));
    }
    if let Some(timeline) = app.timeline.as_ref().filter(|_| app.show_timeline) {
        let inner = areas.scale.inner(Margin::new(1, 1));
        if inner.contains(at) {
            return timeline_row(timeline, inner, app.claim_column, at);
        }
    }
    let claims = app.topic_claims().len();
    let selected = app.claim_column.saturating_sub(app.claim_offset);
    let (_, cells) = layout::comparison(areas.comparison, claims, selected);
    let slot = cells.iter().position(|cell| cell.contains(at))?;
    let column = app.claim_offset + slot;
    (column < claims).then_some(Action::SelectClaimColumn(column))
}

/// A click on a claim's row of the timeline selects it (the rows shown as `draw::timeline`
/// shows them).
fn timeline_row(timeline: &Timeline, inner: Rect, selected: usize, at: Position) -> Option<Action> {
    let visible = timeline.visible(timeline::rows_for_claims(timeline, inner.height), selected);
    let row = visible.start + usize::from(at.y - inner.y);
    match timeline.rows.get(row).filter(|_| row < visible.end)?.kind {
        RowKind::Claim(i) => Some(Action::SelectClaimColumn(timeline.dated[i].place)),
        RowKind::Gap { .. } => None,
    }
}
