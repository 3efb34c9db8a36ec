//! The status line: the last message, or the keys of the current mode (from the keymap), as
//! many as fit, in order of need.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::ui::app::{App, MessageKind};
use crate::ui::keymap;
use crate::ui::text::{truncate, width};
use crate::ui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let w = usize::from(area.width);
    let line = match &app.message {
        Some(m) => {
            let style = match m.kind {
                MessageKind::Error => theme.error(),
                MessageKind::Saved => theme.saved(),
                MessageKind::Info => Default::default(),
            };
            Line::styled(truncate(&format!(" {}", m.text), w), style)
        }
        None => hints_line(&fit(keymap::hints(keymap::for_mode(&app.mode)), w), theme),
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The hints shown in `w` cells, and the gap between them: all of them if they fit (two
/// spaces apart where there is room), else the first ones and the key to the help.
fn fit(hints: Vec<(String, &'static str)>, w: usize) -> (Vec<(String, &'static str)>, usize) {
    let used = |hints: &[(String, &str)], gap: usize| -> usize {
        hints
            .iter()
            .map(|(keys, word)| gap + width(keys) + 1 + width(word))
            .sum()
    };
    for gap in [2, 1] {
        if used(&hints, gap) <= w {
            return (hints, gap);
        }
    }
    let more = keymap::more_hint();
    let mut room = w.saturating_sub(used(std::slice::from_ref(&more), 1));
    let mut shown = Vec::new();
    for hint in hints.into_iter().filter(|(keys, _)| *keys != more.0) {
        let need = used(std::slice::from_ref(&hint), 1);
        if need > room {
            break;
        }
        room -= need;
        shown.push(hint);
    }
    shown.push(more);
    (shown, 1)
}

fn hints_line(
    &(ref hints, gap): &(Vec<(String, &'static str)>, usize),
    theme: &Theme,
) -> Line<'static> {
    let space = " ".repeat(gap);
    let spans = hints.iter().flat_map(|(keys, word)| {
        [
            Span::styled(format!("{space}{keys}"), theme.title()),
            Span::raw(format!(" {word}")),
        ]
    });
    Line::from(spans.collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(w: usize) -> String {
        let (hints, gap) = fit(keymap::hints(&keymap::NORMAL), w);
        let space = " ".repeat(gap);
        hints
            .iter()
            .map(|(k, word)| format!("{space}{k} {word}"))
            .collect()
    }

    #[test]
    fn at_80_columns_the_marks_show_and_the_help_key_ends_the_line() {
        let line = text(80);
        assert!(width(&line) <= 80, "{line}");
        for hint in ["v verified", "d disputed", "n note", "u undo"] {
            assert!(line.contains(hint), "{line}");
        }
        assert!(line.ends_with("? all keys"), "{line}");
    }

    #[test]
    fn wide_lines_show_every_key() {
        assert!(
            text(120).ends_with("t timeline e export ? all keys"),
            "{}",
            text(120)
        );
        assert!(
            text(200).contains("  t timeline  e export  ? help  q quit"),
            "{}",
            text(200)
        );
    }
}
