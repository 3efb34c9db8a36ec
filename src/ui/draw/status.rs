//! The status line: the last message, the search prompt, or the main keys (from the keymap).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::ui::app::{App, MessageKind, Mode};
use crate::ui::keymap;
use crate::ui::text::truncate;
use crate::ui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let w = usize::from(area.width);
    let line = if let Mode::Search = app.mode {
        Line::from(vec![
            Span::styled(" search: ", theme.title()),
            Span::raw(format!("{}▏", app.search)),
            Span::styled("  Enter keeps · Esc clears", theme.dim()),
        ])
    } else if let Some(m) = &app.message {
        let style = match m.kind {
            MessageKind::Error => theme.error(),
            MessageKind::Saved => theme.saved(),
            MessageKind::Info => Default::default(),
        };
        Line::styled(truncate(&format!(" {}", m.text), w), style)
    } else {
        let mut spans = Vec::new();
        let mut used = 0;
        for (keys, word) in keymap::status_hints() {
            let item = format!(" {keys} {word} ");
            used += crate::ui::text::width(&item);
            if used > w {
                break;
            }
            spans.push(Span::styled(format!(" {keys}"), theme.title()));
            spans.push(Span::raw(format!(" {word} ")));
        }
        Line::from(spans)
    };
    frame.render_widget(Paragraph::new(line), area);
}
