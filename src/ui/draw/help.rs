//! The help overlay, generated from the keymap: every key on the topics, a line for each text
//! input, and the legend of the marks as the panes draw them. On short terminals the keys flow
//! into two columns.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::format;
use crate::ui::keymap::{self, HELP, INPUTS, NORMAL, keys_label};
use crate::ui::text::{pad, truncate, width};
use crate::ui::theme::Theme;

/// The widest the help is in one column: longer lines go on to a second line.
const ONE_COLUMN_MAX: u16 = 104;

pub fn draw(frame: &mut Frame, area: Rect, theme: &Theme) {
    let mut rows: Vec<(String, &str)> = NORMAL
        .bindings
        .iter()
        .map(|b| (keys_label(b), b.help))
        .collect();
    rows.push((
        "mouse".into(),
        "click selects a topic or claim; the wheel scrolls",
    ));
    let mut below: Vec<Line> = INPUTS
        .iter()
        .map(|k| {
            Line::from(vec![
                Span::styled(format!(" {}: ", k.place), theme.title()),
                Span::raw(keymap::hint_line(k)),
            ])
        })
        .collect();
    // The legend, in the marks the panes use.
    below.extend(
        [
            format!(" verdicts: {}", format::verdict_legend()),
            format!(" reviews:  {}", format::status_legend()),
            format!(" claims:   {}", format::claim_legend()),
            format!(" others:   {}", format::reviewers_legend()),
            " timeline: ┣━●━┫ interval  ╍ left out  ╰▸ replaced by  ┃ in the window".to_string(),
        ]
        .map(|l| Line::styled(l, theme.dim())),
    );
    // One column as wide as its longest line needs (a help too long for the screen goes on to
    // a second line); where that is too tall, two columns as wide as they may be.
    let key_cells = rows.iter().map(|(k, _)| width(k)).max().unwrap_or(0) + 2;
    let longest = rows
        .iter()
        .map(|(_, help)| key_cells + width(help))
        .chain(below.iter().map(Line::width))
        .max()
        .unwrap_or(0);
    let one_column = u16::try_from(longest + 3)
        .unwrap_or(u16::MAX)
        .clamp(78, ONE_COLUMN_MAX)
        .min(area.width);
    let room = usize::from(one_column).saturating_sub(2 + key_cells).max(1);
    let wrapped: Vec<(String, String)> = rows
        .iter()
        .flat_map(|(keys, help)| {
            crate::ui::text::wrap(help, room)
                .into_iter()
                .enumerate()
                .map(move |(n, line)| (if n == 0 { keys.clone() } else { String::new() }, line))
        })
        .collect();
    let fits = wrapped.len() + below.len() + 2 <= usize::from(area.height);
    let (rows, per_column, width_) = if fits {
        let n = wrapped.len();
        (wrapped, n, one_column)
    } else {
        let rows: Vec<(String, String)> =
            rows.into_iter().map(|(k, h)| (k, h.to_string())).collect();
        let n = rows.len().div_ceil(2);
        (rows, n, area.width.min(118))
    };
    let height = ((per_column + below.len() + 2) as u16).min(area.height);
    let popup = Rect::new(
        area.x + (area.width - width_) / 2,
        area.y + (area.height - height) / 2,
        width_,
        height,
    );
    crate::ui::dialog::clear_under(frame, popup);
    let block = Block::bordered()
        .border_style(theme.selected_border())
        .title(format!(" Keys — {} ", keymap::hint_line(&HELP)));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [keys_area, below_area] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(below.len() as u16)]).areas(inner);
    let columns = rows.len().div_ceil(per_column);
    let cells =
        Layout::horizontal(vec![Constraint::Ratio(1, columns as u32); columns]).split(keys_area);
    for (chunk, cell) in rows.chunks(per_column).zip(cells.iter()) {
        // The keys take what the longest of them needs; the words have the rest.
        let key_width = chunk.iter().map(|(k, _)| width(k)).max().unwrap_or(0) + 1;
        let help_width = usize::from(cell.width).saturating_sub(key_width + 1);
        let lines: Vec<Line> = chunk
            .iter()
            .map(|(keys, help)| {
                Line::from(vec![
                    Span::styled(format!(" {}", pad(keys, key_width)), theme.title()),
                    Span::raw(truncate(help, help_width)),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), *cell);
    }
    frame.render_widget(Paragraph::new(below), below_area);
}
