//! The help overlay, generated from the keymap. On short terminals it flows into two columns.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::format;
use crate::ui::keymap::{KEYMAP, keys_label};
use crate::ui::text::truncate;
use crate::ui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, theme: &Theme) {
    let mut rows: Vec<(String, &str)> = KEYMAP.iter().map(|b| (keys_label(b), b.help)).collect();
    rows.push((
        "mouse".into(),
        "click selects a topic or claim; the wheel scrolls",
    ));
    let legend = [
        format!(" verdicts: {}", format::verdict_legend()),
        format!(" reviews:  {}", format::status_legend()),
    ];
    let fits = rows.len() + legend.len() + 2 <= usize::from(area.height);
    let per_column = if fits {
        rows.len()
    } else {
        rows.len().div_ceil(2)
    };
    let height = ((per_column + legend.len() + 2) as u16).min(area.height);
    let width = if fits { 78 } else { 118 }.min(area.width);
    let popup = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .border_style(theme.selected_border())
        .title(" Keys — ? or Esc closes ");
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [keys_area, legend_area] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(legend.len() as u16)])
            .areas(inner);
    let columns = rows.len().div_ceil(per_column);
    let cells =
        Layout::horizontal(vec![Constraint::Ratio(1, columns as u32); columns]).split(keys_area);
    for (chunk, cell) in rows.chunks(per_column).zip(cells.iter()) {
        let key_width = if fits { 22 } else { 14 };
        let help_width = usize::from(cell.width).saturating_sub(key_width + 1);
        let lines: Vec<Line> = chunk
            .iter()
            .map(|(keys, help)| {
                Line::from(vec![
                    Span::styled(format!(" {keys:<key_width$}"), theme.title()),
                    Span::raw(truncate(help, help_width)),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), *cell);
    }
    let legend: Vec<Line> = legend
        .iter()
        .map(|l| Line::styled(l.as_str(), theme.dim()))
        .collect();
    frame.render_widget(Paragraph::new(legend), legend_area);
}
