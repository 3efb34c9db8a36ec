//! The selected quote highlighted inside the surrounding report text.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::ui::app::App;
use crate::ui::context::Context;
use crate::ui::text::truncate;
use crate::ui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if area.height < 3 {
        return;
    }
    let title = app
        .selected_claim()
        .map(|c| &app.session.review.model.reports[app.session.review.model.claims[c].report].title)
        .map_or(" In the report ".to_string(), |t| {
            format!(
                " In the report: {} ",
                truncate(t, usize::from(area.width).saturating_sub(20))
            )
        });
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let line = match &app.context {
        Context::Unavailable(why) => Line::styled(why.clone(), theme.dim()),
        Context::Found {
            before,
            quote,
            after,
        } => {
            // The excerpt is already cut to the pane (`ui::context`): drawn whole.
            Line::from(vec![
                Span::styled(before.clone(), theme.dim()),
                Span::styled(format!("»{quote}«"), theme.highlight()),
                Span::styled(after.clone(), theme.dim()),
            ])
        }
    };
    frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), inner);
}
