//! The note dialog: edits the note on one claim; Enter saves it, Esc leaves it unchanged.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Block;

use crate::sanitize;
use crate::ui::action::Action;
use crate::ui::dialog::line::LineInput;
use crate::ui::dialog::{Outcome, centered};
use crate::ui::keymap;
use crate::ui::text::truncate;
use crate::ui::theme::Theme;

pub struct NoteDialog {
    /// The claim's id, for the title.
    claim: String,
    input: LineInput,
}

impl NoteDialog {
    pub fn new(claim: &str, note: &str) -> Self {
        Self {
            claim: claim.to_string(),
            input: LineInput::new(note),
        }
    }

    /// The note as typed so far.
    pub fn text(&self) -> String {
        self.input.text()
    }

    /// `Save` carries the note, cleaned and trimmed (`None`: no note).
    pub fn handle(&mut self, action: Action) -> Outcome<Option<String>> {
        match action {
            Action::Submit => {
                let note = sanitize::line(&self.input.text()).trim().to_string();
                Outcome::Save(Some(note).filter(|n| !n.is_empty()))
            }
            Action::Back => Outcome::Cancel,
            other => {
                self.input.handle(other);
                Outcome::Continue
            }
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let popup = centered(area, 72, 3);
        crate::ui::dialog::clear_under(frame, popup);
        let block = Block::bordered()
            .border_style(theme.selected_border())
            .title(format!(" note on {} ", truncate(&self.claim, 40)))
            .title_bottom(format!(" {} ", keymap::hint_line(&keymap::NOTE)));
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        self.input.draw(frame, inner);
    }
}
