//! The topics: one line each, a verdict mark that does not rely on colour, the question, how
//! many claims are reviewed, and the spread.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::format;
use crate::ui::app::App;
use crate::ui::text::{truncate, width};
use crate::ui::theme::Theme;

/// From this inner width on, the verdict is written out (`≠ conflict`), not only marked.
const WORDS_FROM: usize = 56;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let title = format!(
        " Topics {}/{} ",
        app.topics.len(),
        app.session.review.model.topics.len()
    );
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = usize::from(inner.height);
    let w = usize::from(inner.width);
    let lines: Vec<Line> = app
        .topics
        .iter()
        .enumerate()
        .skip(app.topic_offset)
        .take(rows)
        .map(|(row, &t)| topic_line(app, t, row == app.topic, w, theme))
        .collect();
    if lines.is_empty() {
        let why = if app.search.is_empty() {
            "no topics match the filter (f)"
        } else {
            "no topics match the search (Esc clears)"
        };
        frame.render_widget(
            Paragraph::new(Line::styled(truncate(why, w), theme.dim())),
            inner,
        );
        return;
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn topic_line(app: &App, t: usize, selected: bool, w: usize, theme: &Theme) -> Line<'static> {
    let topic = &app.session.review.model.topics[t];
    let analysis = &app.session.review.analysis.topics[t];
    let mark = if w >= WORDS_FROM {
        format!("{:<12}", format::verdict(analysis.verdict))
    } else {
        format!("{} ", format::verdict_mark(analysis.verdict))
    };
    let counts = format!(" {}/{}", app.reviewed_in(t), analysis.claims.len());
    let spread = analysis
        .spread
        .map(|s| format!(" {:>6}", format::percent(s)))
        .unwrap_or_default();
    let pointer = if selected { "▶" } else { " " };
    let fixed = 1 + width(&mark) + width(&counts) + width(&spread);
    let question = truncate(&topic.question, w.saturating_sub(fixed));
    let pad = " ".repeat(w.saturating_sub(fixed + width(&question)));
    let base = if selected {
        theme.selected()
    } else {
        Default::default()
    };
    Line::from(vec![
        Span::styled(pointer, base),
        Span::styled(mark, theme.verdict(analysis.verdict).patch(base)),
        Span::styled(format!("{question}{pad}"), base),
        Span::styled(counts, base),
        Span::styled(spread, base),
    ])
}
