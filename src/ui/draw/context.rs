//! The selected quote highlighted inside the surrounding report text.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::ui::app::{App, Context};
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
            // Keep the quote in view: at most a third of the pane for the text before it.
            let room = usize::from(inner.width) * usize::from(inner.height).div_ceil(3);
            let skip = before.chars().count().saturating_sub(room);
            let before: String = before.chars().skip(skip).collect();
            Line::from(vec![
                Span::styled(before, theme.dim()),
                Span::styled(format!("»{quote}«"), theme.highlight()),
                Span::styled(after.clone(), theme.dim()),
            ])
        }
    };
    frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), inner);
}
