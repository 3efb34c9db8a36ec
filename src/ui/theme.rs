//! Styles. Colour helps but never carries meaning alone: every state also has a mark or a
//! modifier (the marks and words are in `crate::format`). With NO_COLOR only modifiers are used;
//! colours are the 16 basic ones.

use ratatui::style::{Color, Modifier, Style};

use crate::analysis::Verdict;
use crate::decision::Status;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn selected_border(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn figure(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn quote(&self) -> Style {
        Style::new().add_modifier(Modifier::ITALIC)
    }

    pub fn highlight(&self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn saved(&self) -> Style {
        self.fg(Color::Green)
    }

    /// Reviewers disagree on a claim: to adjudicate.
    pub fn disagreement(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }

    pub fn verdict(&self, v: Verdict) -> Style {
        match v {
            Verdict::Conflict => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Verdict::Unsettled => self.fg(Color::Yellow),
            Verdict::Consistent => self.fg(Color::Green),
            Verdict::Single | Verdict::None => self.dim(),
        }
    }

    pub fn status(&self, s: Status) -> Style {
        match s {
            Status::Verified => self.fg(Color::Green).add_modifier(Modifier::BOLD),
            Status::Disputed => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Status::Unreviewed => self.dim(),
        }
    }
}
