//! The topics: one line each, a verdict mark that does not rely on colour, the question (told
//! apart from others that start alike, the search highlighted), `⇄` where reviewers disagree,
//! how many claims are reviewed, and the spread.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::format;
use crate::ui::app::App;
use crate::ui::draw::highlighted;
use crate::ui::text::{shared_words, truncate, truncate_distinct, width};
use crate::ui::theme::Theme;

/// From this inner width on, the verdict is written out (`≠ conflict`), not only marked.
const WORDS_FROM: usize = 56;
/// Cells for a written-out verdict (the longest, `✓ consistent`), before the space after it.
const VERDICT_CELLS: usize = 12;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let title = format!(
        " Topics {}/{} ",
        app.view.topics.len(),
        app.session.review.model.topics.len()
    );
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let visible: Vec<(usize, usize)> = app
        .view
        .topics
        .iter()
        .copied()
        .enumerate()
        .skip(app.topic_offset)
        .take(usize::from(inner.height))
        .collect();
    if visible.is_empty() {
        let why = if app.view.search.is_empty() {
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
    let questions: Vec<&str> = visible
        .iter()
        .map(|&(_, t)| app.session.review.model.topics[t].question.as_str())
        .collect();
    let shared = shared_with_others(&questions);
    let lines: Vec<Line> = visible
        .iter()
        .zip(shared)
        .map(|(&(row, t), shared)| topic_line(app, t, shared, row == app.topic_row, w, theme))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// For each line, the leading words it shares with another line (the longest such run, in
/// bytes): in sorted order the longest is shared with a neighbour.
fn shared_with_others(lines: &[&str]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by_key(|&i| lines[i]);
    let mut shared = vec![0; lines.len()];
    for pair in order.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let common = shared_words(lines[a], lines[b]);
        shared[a] = shared[a].max(common);
        shared[b] = shared[b].max(common);
    }
    shared
}

fn topic_line(
    app: &App,
    t: usize,
    shared: usize,
    selected: bool,
    w: usize,
    theme: &Theme,
) -> Line<'static> {
    let topic = &app.session.review.model.topics[t];
    let analysis = &app.session.review.analysis.topics[t];
    let mark = if w >= WORDS_FROM {
        let words = format::verdict(analysis.verdict);
        let pad = " ".repeat(VERDICT_CELLS.saturating_sub(width(&words)));
        format!("{words}{pad} ")
    } else {
        format!("{} ", format::verdict_mark(analysis.verdict))
    };
    // `⇄` in the gap before the counts: reviewers disagree on a claim of the topic.
    let gap = if app.disagreements_in(t) > 0 {
        format::DISAGREEMENT_MARK
    } else {
        " "
    };
    let counts = format!("{gap}{}/{}", app.reviewed_in(t), analysis.claims.len());
    let spread = analysis
        .spread
        .map(|s| format!(" {:>6}", format::percent(s)))
        .unwrap_or_default();
    let pointer = if selected { "▶" } else { " " };
    let fixed = 1 + width(&mark) + width(&counts) + width(&spread);
    let room = w.saturating_sub(fixed);
    let question = truncate_distinct(&topic.question, shared, room);
    let pad = " ".repeat(room.saturating_sub(width(&question)));
    let base = if selected {
        theme.selected()
    } else {
        Default::default()
    };
    let mut spans = vec![
        Span::styled(pointer, base),
        Span::styled(mark, theme.verdict(analysis.verdict).patch(base)),
    ];
    spans.extend(highlighted(&question, &app.view.search, base, theme));
    spans.extend([
        Span::styled(pad, base),
        Span::styled(counts, base),
        Span::styled(spread, base),
    ]);
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_words_shared_with_any_other_line() {
        let lines = [
            "How many troops?",
            "Are they here?",
            "How many guns?",
            "Are we?",
        ];
        assert_eq!(super::shared_with_others(&lines), [9, 4, 9, 4]);
    }
}
