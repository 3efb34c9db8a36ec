//! The search prompt on the status line: what is typed filters the topics as it is typed;
//! Enter keeps the search, Esc clears it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::ui::action::Action;
use crate::ui::dialog::Outcome;
use crate::ui::dialog::line::LineInput;
use crate::ui::keymap;
use crate::ui::text::width;
use crate::ui::theme::Theme;

pub struct SearchPrompt {
    input: LineInput,
}

impl SearchPrompt {
    /// A prompt that goes on from the search in force.
    pub fn new(search: &str) -> Self {
        Self {
            input: LineInput::new(search),
        }
    }

    /// What is typed so far: the app filters by it after every action.
    pub fn text(&self) -> String {
        self.input.text()
    }

    /// `Save` keeps the search typed; `Cancel` clears it.
    pub fn handle(&mut self, action: Action) -> Outcome<String> {
        match action {
            Action::Submit => Outcome::Save(self.text()),
            Action::Back => Outcome::Cancel,
            other => {
                self.input.handle(other);
                Outcome::Continue
            }
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        const PROMPT: &str = " search: ";
        let hints = format!("  {}", keymap::hint_line(&keymap::SEARCH));
        // The hints give way to what is typed when the line is short.
        let hints_width = if usize::from(area.width) >= width(PROMPT) + 20 + width(&hints) {
            width(&hints) as u16
        } else {
            0
        };
        let [prompt, input, rest] = Layout::horizontal([
            Constraint::Length(width(PROMPT) as u16),
            Constraint::Min(1),
            Constraint::Length(hints_width),
        ])
        .areas(area);
        frame.render_widget(Paragraph::new(Span::styled(PROMPT, theme.title())), prompt);
        self.input.draw(frame, input);
        frame.render_widget(Paragraph::new(Line::styled(hints, theme.dim())), rest);
    }
}
