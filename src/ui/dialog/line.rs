//! A one-line text input, as every dialog has one: typing and editing keys, `Ctrl-U` to erase,
//! and the text typed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui_textarea::{CursorMove, TextArea};

use crate::ui::action::Action;

pub struct LineInput {
    area: TextArea<'static>,
}

impl LineInput {
    /// An input holding `text`, the cursor at its end.
    pub fn new(text: &str) -> Self {
        let mut area = TextArea::new(vec![text.to_string()]);
        area.move_cursor(CursorMove::End);
        Self { area }
    }

    /// Type or erase; other actions are not the input's.
    pub fn handle(&mut self, action: Action) {
        match action {
            // The text area's own Ctrl-U is undo; here it erases the line, as in a shell.
            Action::ClearInput => {
                self.area.clear();
            }
            Action::Input(key) => {
                self.area.input(key);
            }
            _ => {}
        }
    }

    /// The text typed, on one line.
    pub fn text(&self) -> String {
        self.area.lines().join(" ")
    }

    /// Replace the text, the cursor at its end.
    pub fn set(&mut self, text: &str) {
        *self = Self::new(text);
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect) {
        frame.render_widget(&self.area, area);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn typing_backspace_and_ctrl_u() {
        let mut input = LineInput::new("abc");
        input.handle(Action::Input(KeyEvent::new(
            KeyCode::Char('d'),
            KeyModifiers::NONE,
        )));
        input.handle(Action::Input(KeyEvent::new(
            KeyCode::Backspace,
            KeyModifiers::NONE,
        )));
        assert_eq!(input.text(), "abc");
        input.handle(Action::ClearInput);
        assert_eq!(input.text(), "");
    }
}
