//! Mouse events become actions at the edge, by the layout that drew the frame: a click on a
//! topic row or a claim column selects it; the wheel moves between topics or claims.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::layout;

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
    let claims = app.topic_claims().len();
    let selected = app.claim_column.saturating_sub(app.claim_offset);
    let (_, cells) = layout::comparison(areas.comparison, claims, selected);
    let slot = cells.iter().position(|cell| cell.contains(at))?;
    let column = app.claim_offset + slot;
    (column < claims).then_some(Action::SelectClaimColumn(column))
}
