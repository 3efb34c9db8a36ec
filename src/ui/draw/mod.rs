//! Drawing: a pure function of the state, one file per pane; dialogs draw themselves. Only
//! what is visible is built: the visible topic rows, the visible claim columns, the selected
//! claim's context.

mod comparison;
mod context;
mod header;
mod help;
mod scale;
mod status;
mod timeline;
mod topics;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::ui::app::{App, Mode};
use crate::ui::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::ui::theme::Theme;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let theme = Theme { color: app.color };
    let Some(areas) = app.areas_at(area) else {
        too_small(frame, area);
        return;
    };
    header::draw(frame, areas.header, app, &theme);
    topics::draw(frame, areas.topics, app, &theme);
    comparison::draw(frame, areas.comparison, app, &theme);
    if app.show_timeline {
        timeline::draw(frame, areas.scale, app, &theme);
    } else {
        scale::draw(frame, areas.scale, app, &theme);
    }
    context::draw(frame, areas.context, app, &theme);
    match &app.mode {
        Mode::Search(prompt) => prompt.draw(frame, areas.status, &theme),
        _ => status::draw(frame, areas.status, app, &theme),
    }
    match &app.mode {
        Mode::Help => help::draw(frame, area, &theme),
        Mode::Note(dialog) => dialog.draw(frame, area, &theme),
        Mode::Export(dialog) => dialog.draw(frame, area, &theme),
        Mode::Search(_) | Mode::Normal => {}
    }
}

/// `s` with every occurrence of the search in it highlighted.
fn highlighted(s: &str, search: &str, base: Style, theme: &Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut at = 0;
    for found in crate::ui::text::find_ignore_case(s, search) {
        spans.push(Span::styled(s[at..found.start].to_string(), base));
        spans.push(Span::styled(
            s[found.clone()].to_string(),
            base.patch(theme.highlight()),
        ));
        at = found.end;
    }
    spans.push(Span::styled(s[at..].to_string(), base));
    spans
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "crosscheck needs a terminal of at least {MIN_WIDTH}x{MIN_HEIGHT}; this one is {}x{}. Enlarge it, or press q to quit.",
        area.width, area.height
    );
    frame.render_widget(
        Paragraph::new(Line::raw(text)).wrap(Wrap { trim: true }),
        area,
    );
}
