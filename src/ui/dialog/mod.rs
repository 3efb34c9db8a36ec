//! Dialogs: each owns its state, its keys' effects and its drawing, and answers every action
//! with an [`Outcome`] that `App` acts on (ratatui's `edit_dialog.rs`, gitui's `popups/`).

pub mod export;
pub mod line;
pub mod note;
pub mod search;

use ratatui::Frame;
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

/// Blank `area` for a box drawn over the screen. A wide character (CJK text in a topic) just
/// left of the box, whose second half the box now covers, is blanked too: a terminal draws a
/// wide character over the cell after it, and the box's left border there would be lost.
pub fn clear_under(frame: &mut Frame, area: Rect) {
    use unicode_width::UnicodeWidthStr;
    frame.render_widget(ratatui::widgets::Clear, area);
    let Some(left) = area.x.checked_sub(1) else {
        return;
    };
    let buf = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        if let Some(cell) = buf.cell_mut((left, y))
            && cell.symbol().width() > 1
        {
            cell.set_symbol(" ");
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::widgets::Paragraph;
    use unicode_width::UnicodeWidthStr;

    /// What a row shows, and whether every wide character is followed by a blank cell (what
    /// ratatui's diff assumes; else the cell after it is never drawn).
    fn drawn_over(text: &str, boxed: Rect) -> (String, bool) {
        let mut terminal = Terminal::new(TestBackend::new(8, 1)).unwrap();
        terminal
            .draw(|frame| {
                frame.render_widget(Paragraph::new(text), frame.area());
                clear_under(frame, boxed);
                frame.render_widget(Paragraph::new("|"), boxed);
            })
            .unwrap();
        let cells = terminal.backend().buffer().content();
        let row: String = cells.iter().map(|c| c.symbol()).collect();
        let well_formed = cells
            .windows(2)
            .all(|w| w[0].symbol().width() < 2 || w[1].symbol() == " ");
        (row, well_formed)
    }

    #[test]
    fn a_wide_character_half_under_a_box_is_blanked() {
        // `병` at cells 2-3; the box from cell 3 covers its second half.
        assert_eq!(
            drawn_over("병병병병", Rect::new(3, 0, 3, 1)),
            ("병  |  병 ".to_string(), true)
        );
        // A box starting where a wide character starts leaves the one before it whole.
        assert_eq!(
            drawn_over("병병병병", Rect::new(2, 0, 3, 1)),
            ("병 |   병 ".to_string(), true)
        );
        // At the screen's left edge there is nothing to blank.
        assert_eq!(
            drawn_over("병병병병", Rect::new(0, 0, 3, 1)),
            ("|   병 병 ".to_string(), true)
        );
    }
}
