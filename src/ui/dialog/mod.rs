//! Dialogs: each owns its state, its keys' effects and its drawing, and answers every action
//! with an [`Outcome`] that `App` acts on (ratatui's `edit_dialog.rs`, gitui's `popups/`).

pub mod export;
pub mod line;
pub mod note;
pub mod search;

use ratatui::layout::Rect;

/// What a dialog asks of the app after an action.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome<T> {
    /// Still open.
    Continue,
    /// Closed with this result.
    Save(T),
    /// Closed without one.
    Cancel,
}

/// A box of at most `width` (plus borders) x `height` in the middle of `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.saturating_add(2).min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}
