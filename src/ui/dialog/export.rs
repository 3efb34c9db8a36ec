//! The export dialog: a format and a file. A relative file is beside the journal, like the
//! default; Enter asks the app to write it, Esc cancels.

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::export::Format;
use crate::ui::action::Action;
use crate::ui::dialog::line::LineInput;
use crate::ui::dialog::{Outcome, centered};
use crate::ui::keymap;
use crate::ui::text::truncate;
use crate::ui::theme::Theme;

pub struct ExportDialog {
    pub format: Format,
    /// The journal's folder: where the file goes unless an absolute path is typed.
    dir: PathBuf,
    file: LineInput,
}

/// What to write where.
#[derive(Debug, PartialEq, Eq)]
pub struct ExportRequest {
    pub format: Format,
    /// `None` when no file name was given.
    pub path: Option<PathBuf>,
}

impl ExportDialog {
    /// Markdown, to its default file beside the journal in `dir`.
    pub fn new(dir: &Path) -> Self {
        let format = Format::Markdown;
        Self {
            format,
            dir: dir.to_path_buf(),
            file: LineInput::new(format.default_file_name()),
        }
    }

    /// The file as typed.
    pub fn file(&self) -> String {
        self.file.text()
    }

    /// Where the file will be written: a relative path is taken from the journal's folder.
    pub fn target(&self) -> Option<PathBuf> {
        let file = self.file();
        let file = file.trim();
        (!file.is_empty()).then(|| self.dir.join(file))
    }

    pub fn handle(&mut self, action: Action) -> Outcome<ExportRequest> {
        match action {
            Action::NextFormat => self.step_format(1),
            Action::PrevFormat => self.step_format(Format::ALL.len() - 1),
            Action::Submit => {
                return Outcome::Save(ExportRequest {
                    format: self.format,
                    path: self.target(),
                });
            }
            Action::Back => return Outcome::Cancel,
            other => self.file.handle(other),
        }
        Outcome::Continue
    }

    fn step_format(&mut self, by: usize) {
        let all = Format::ALL;
        let i = all.iter().position(|&f| f == self.format).unwrap_or(0);
        let next = all[(i + by) % all.len()];
        // A file still at its default follows the format; an edited one is kept.
        if all.iter().any(|f| f.default_file_name() == self.file()) {
            self.file.set(next.default_file_name());
        }
        self.format = next;
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let popup = centered(area, 72, 6);
        crate::ui::dialog::clear_under(frame, popup);
        let block = Block::bordered()
            .border_style(theme.selected_border())
            .title(" Export the review summary ")
            .title_bottom(format!(" {} ", keymap::hint_line(&keymap::EXPORT)));
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let [formats, label, file] = Layout::vertical([Constraint::Length(1); 3]).areas(inner);
        let mut choices = vec![Span::raw(" format: ")];
        for &f in Format::ALL {
            if f == self.format {
                choices.push(Span::styled(format!("[{}]", f.name()), theme.selected()));
            } else {
                choices.push(Span::raw(format!(" {} ", f.name())));
            }
            choices.push(Span::raw(" "));
        }
        frame.render_widget(Paragraph::new(Line::from(choices)), formats);
        let dir = match self.dir.display().to_string() {
            d if d.is_empty() => ".".to_string(),
            d => d,
        };
        let where_ = format!(" file (beside the journal, in {dir}, unless absolute):");
        frame.render_widget(
            Paragraph::new(Line::raw(truncate(&where_, usize::from(label.width)))),
            label,
        );
        // Indented as the lines above it are.
        let file = Rect {
            x: file.x.saturating_add(1),
            width: file.width.saturating_sub(1),
            ..file
        };
        self.file.draw(frame, file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn typed(dialog: &mut ExportDialog, text: &str) {
        for c in text.chars() {
            dialog.handle(Action::Input(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )));
        }
    }

    #[test]
    fn a_relative_file_is_beside_the_journal_and_an_absolute_one_is_kept() {
        let mut dialog = ExportDialog::new(Path::new("reviews/2024"));
        assert_eq!(
            dialog.target(),
            Some(PathBuf::from("reviews/2024/review-summary.md"))
        );
        dialog.handle(Action::ClearInput);
        assert_eq!(dialog.target(), None, "Ctrl-U erases the whole line");
        typed(&mut dialog, "out/summary.md");
        assert_eq!(
            dialog.target(),
            Some(PathBuf::from("reviews/2024/out/summary.md"))
        );
        dialog.handle(Action::ClearInput);
        typed(&mut dialog, "/tmp/summary.md");
        assert_eq!(dialog.target(), Some(PathBuf::from("/tmp/summary.md")));
    }

    #[test]
    fn the_default_file_follows_the_format_and_an_edited_one_stays() {
        let mut dialog = ExportDialog::new(Path::new("d"));
        dialog.handle(Action::NextFormat);
        assert_eq!(dialog.format, Format::Json);
        assert_eq!(dialog.file(), "review-summary.json");
        dialog.handle(Action::PrevFormat);
        dialog.handle(Action::PrevFormat);
        assert_eq!(dialog.format, Format::ClaimReview);
        typed(&mut dialog, "x");
        dialog.handle(Action::NextFormat);
        assert!(dialog.file().ends_with('x'), "{}", dialog.file());
        assert_eq!(
            dialog.handle(Action::Submit),
            Outcome::Save(ExportRequest {
                format: Format::Markdown,
                path: Some(PathBuf::from("d").join(dialog.file())),
            })
        );
    }
}
