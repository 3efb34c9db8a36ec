//! Drawing: a pure function of the state. Only what is visible is built: the visible topic
//! rows, the visible claim columns, the selected claim's context.

mod comparison;
mod context;
mod header;
mod help;
mod scale;
mod status;
mod topics;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::ui::app::{App, Mode};
use crate::ui::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use crate::ui::theme::Theme;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let theme = Theme { color: app.color };
    let Some(areas) = layout::areas(area, app.topic_claims().len() as u16) else {
        too_small(frame, area);
        return;
    };
    header::draw(frame, areas.header, app, &theme);
    topics::draw(frame, areas.topics, app, &theme);
    comparison::draw(frame, areas.comparison, app, &theme);
    scale::draw(frame, areas.scale, app, &theme);
    context::draw(frame, areas.context, app, &theme);
    status::draw(frame, areas.status, app, &theme);
    match &app.mode {
        Mode::Help => help::draw(frame, area, &theme),
        Mode::Note(input) => {
            let popup = centered(area, 72, 3);
            frame.render_widget(Clear, popup);
            let claim = app
                .selected_claim()
                .map(|c| app.session.review.model.claims[c].id.as_str())
                .unwrap_or("");
            let block = Block::bordered()
                .border_style(theme.selected_border())
                .title(format!(
                    " note on {} ",
                    crate::ui::text::truncate(claim, 40)
                ))
                .title_bottom(" Enter saves · Esc cancels ");
            let inner = block.inner(popup);
            frame.render_widget(block, popup);
            frame.render_widget(input.as_ref(), inner);
        }
        Mode::Export(dialog) => {
            let popup = centered(area, 72, 6);
            frame.render_widget(Clear, popup);
            let block = Block::bordered()
                .border_style(theme.selected_border())
                .title(" Export the review summary ")
                .title_bottom(" Tab: format · Enter writes · Esc cancels ");
            let inner = block.inner(popup);
            frame.render_widget(block, popup);
            let choices: Vec<Span> = crate::export::Format::ALL
                .iter()
                .flat_map(|&f| {
                    let chosen = f == dialog.format;
                    let text = if chosen {
                        format!("[{}]", f.name())
                    } else {
                        format!(" {} ", f.name())
                    };
                    [
                        Span::styled(
                            text,
                            if chosen {
                                theme.selected()
                            } else {
                                Default::default()
                            },
                        ),
                        Span::raw(" "),
                    ]
                })
                .collect();
            let rows = Layout::vertical([
                Constraint::Length(1),
                Constraint::Length(1),
                Constraint::Length(1),
                Constraint::Min(0),
            ])
            .split(inner);
            frame.render_widget(
                Paragraph::new(Line::from([vec![Span::raw(" format: ")], choices].concat())),
                rows[0],
            );
            frame.render_widget(Paragraph::new(Line::raw(" file:")), rows[1]);
            frame.render_widget(&dialog.path, rows[2]);
        }
        Mode::Search | Mode::Normal => {}
    }
}

/// A box of at most `width` x `height` (plus borders) in the middle of `area`.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = (width + 2).min(area.width);
    let h = (height).min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
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
