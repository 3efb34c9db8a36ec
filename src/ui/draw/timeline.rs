//! The timeline, in place of the common scale (`t`): the selected topic's claims down a date
//! axis — a row each, dated, rows of time between them where there is room — each figure drawn
//! as its interval on one value axis, superseded claims dashed and dimmed with a lane to what
//! replaced them (`╭…╰▸`), `┃` beside the dates within the topic's window of the selected claim,
//! and the claims without a date listed under the axis. Built in `ui::timeline` when the topic
//! changes; drawing maps the visible rows onto cells.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::format;
use crate::model::Stance;
use crate::ui::app::App;
use crate::ui::draw::scale::{axis_labels, bar, cells, line_for};
use crate::ui::text::{pad, truncate, width};
use crate::ui::theme::Theme;
use crate::ui::timeline::{self, Entry, Row, RowKind, Standing, Timeline, Value};

/// Cells of a date: `2024-10-28`.
const DATE: usize = 10;
/// The narrowest value axis drawn.
const MIN_AXIS: usize = 10;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let (Some(timeline), Some(t)) = (&app.timeline, app.selected_topic()) else {
        return;
    };
    if area.height < 3 {
        return;
    }
    let topic = &app.session.review.model.topics[t];
    let what = topic.unit.as_deref().unwrap_or("stances");
    let title = match topic.window {
        Some(days) => format!(
            " Timeline of {what} · {}: ┃ within it of the selected claim ",
            format::window(days)
        ),
        None => format!(" Timeline of {what} "),
    };
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if timeline.dated.is_empty() && timeline.undated.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(" no claims on this topic", theme.dim())),
            inner,
        );
        return;
    }
    let columns = Columns::fit(timeline, usize::from(inner.width));
    let room = timeline::rows_for_claims(timeline, inner.height);
    let selected = app.claim_column;
    let window = timeline.window_around(selected);
    let mut lines: Vec<Line> = timeline
        .visible(room, selected)
        .map(|r| {
            row_line(
                timeline,
                &timeline.rows[r],
                &columns,
                selected,
                window,
                theme,
            )
        })
        .collect();
    if timeline.dated.is_empty() {
        lines.push(Line::styled(" no claim has a date", theme.dim()));
    }
    lines.push(axis_line(timeline, &columns, theme));
    if !timeline.undated.is_empty() {
        lines.push(undated_line(timeline, &columns, selected, theme));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// How the width is shared: the label's cells, the value axis's, the reading's.
struct Columns {
    window: bool,
    gutter: usize,
    label: usize,
    axis: usize,
    reading: usize,
    width: usize,
}

impl Columns {
    /// The source's name as wide as the longest (within limits), the reading as wide as the
    /// widest, the value axis the rest.
    fn fit(timeline: &Timeline, cells: usize) -> Self {
        let entries = || timeline.dated.iter().chain(&timeline.undated);
        let reading = entries().map(|e| width(&e.reading)).max().unwrap_or(0);
        let reading = reading.min(16);
        let window = timeline.window.is_some();
        let gutter = timeline.gutter_width();
        // `▶2024-10-28 ┃╭─▸↳ label axis reading`
        let fixed = 1 + DATE + 1 + usize::from(window) + gutter + 2 + 1 + 1 + reading;
        let shared = cells.saturating_sub(fixed);
        let longest = entries().map(|e| width(&e.name)).max().unwrap_or(0);
        let label = longest
            .min((shared / 3).max(8))
            .min(28)
            .min(shared.saturating_sub(MIN_AXIS));
        Self {
            window,
            gutter,
            label,
            axis: shared - label,
            reading,
            width: cells,
        }
    }

    /// Where the value axis starts.
    fn axis_start(&self) -> usize {
        1 + DATE + 1 + usize::from(self.window) + self.gutter + 2 + self.label + 1
    }
}

/// The source's name, whole where it fits, else its short form.
fn label(entry: &Entry, cells: usize) -> String {
    let name = if width(&entry.name) <= cells {
        &entry.name
    } else {
        &entry.short
    };
    pad(&truncate(name, cells), cells)
}

fn row_line(
    timeline: &Timeline,
    row: &Row,
    columns: &Columns,
    selected: usize,
    window: Option<(f64, f64)>,
    theme: &Theme,
) -> Line<'static> {
    let bracket = match window {
        Some((from, to)) if (from..=to).contains(&row.day) => "┃",
        _ => " ",
    };
    let window = if columns.window { bracket } else { "" };
    let entry = match row.kind {
        RowKind::Claim(i) => &timeline.dated[i],
        RowKind::Gap { days } => {
            let later = days.map(format::later).unwrap_or_default();
            let text = format!(
                " {}┊{} {window}{}  {}",
                " ".repeat(DATE / 2 - 1),
                " ".repeat(DATE - DATE / 2),
                row.gutter,
                truncate(&later, columns.label)
            );
            return Line::styled(text, theme.dim());
        }
    };
    let is_selected = entry.place == selected;
    let style = entry_style(entry, is_selected, theme);
    let date = entry.date.map(|d| d.to_string()).unwrap_or_default();
    let pointer = if is_selected { "▶" } else { " " };
    let label_style = if is_selected { theme.selected() } else { style };
    Line::from(vec![
        Span::styled(format!("{pointer}{} ", pad(&date, DATE)), style),
        Span::raw(format!("{window}{}", row.gutter)),
        Span::styled(format!("{} ", entry.mark), style),
        Span::styled(label(entry, columns.label), label_style),
        Span::styled(format!(" {} ", value_bar(timeline, entry, columns)), style),
        Span::styled(truncate(&entry.reading, columns.reading), style),
    ])
}

/// Selected: the figure's style (with `▶`); superseded and drafts dimmed (with their marks).
fn entry_style(entry: &Entry, selected: bool, theme: &Theme) -> Style {
    match (selected, entry.standing) {
        (true, _) => theme.figure(),
        (false, Standing::Current) => Style::default(),
        (false, Standing::Superseded | Standing::Draft) => theme.dim(),
    }
}

/// The claim's value on the axis: a figure's interval, or a stance in its third of the axis
/// (denies, unconfirmed, affirms).
fn value_bar(timeline: &Timeline, entry: &Entry, columns: &Columns) -> String {
    let axis = columns.axis;
    let line = line_for(entry.standing);
    match entry.value {
        Value::Figure { interval, point } => match timeline.range {
            Some((min, max)) => bar(interval, point, axis, &cells(min, max, axis), line),
            None => "·".repeat(axis),
        },
        Value::Stance(s) => {
            let mut bar = vec!['·'; axis];
            let third = axis / 3;
            let zone = stance_zone(s);
            let (from, to) = (zone * third + third / 4, zone * third + third * 3 / 4);
            for slot in bar.iter_mut().take(to.min(axis)).skip(from) {
                *slot = line;
            }
            if let Some(centre) = bar.get_mut(zone * third + third / 2) {
                *centre = '●';
            }
            bar.into_iter().collect()
        }
    }
}

fn stance_zone(s: Stance) -> usize {
    match s {
        Stance::Denies => 0,
        Stance::Unconfirmed => 1,
        Stance::Affirms => 2,
    }
}

/// The value axis's labels: the smallest and largest value, or the three stances.
fn axis_line(timeline: &Timeline, columns: &Columns, theme: &Theme) -> Line<'static> {
    let offset = columns.axis_start();
    let axis = columns.axis;
    if !timeline.numeric {
        let third = axis / 3;
        let mut text = " ".repeat(offset);
        for s in [Stance::Denies, Stance::Unconfirmed, Stance::Affirms] {
            let word = s.as_str();
            let centre = stance_zone(s) * third + third / 2;
            let at = offset + centre.saturating_sub(width(word) / 2);
            if at >= width(&text) {
                text.push_str(&" ".repeat(at - width(&text)));
                text.push_str(word);
            }
        }
        return Line::styled(truncate(&text, columns.width), theme.dim());
    }
    let Some((min, max)) = timeline.range else {
        return Line::raw("");
    };
    let cell = cells(min, max, axis);
    let ticks = ticks(min, max, axis);
    if ticks.len() < 2 {
        return axis_labels(min, max, axis, &cell, offset, theme);
    }
    // Round values under their places, each centred on it where it does not crowd the last.
    let mut text = " ".repeat(offset);
    for v in ticks {
        let label = format::number(v);
        let at = offset + cell(v).saturating_sub(width(&label) / 2);
        let used = width(&text);
        if at > used && at + width(&label) <= offset + axis {
            text.push_str(&" ".repeat(at - used));
            text.push_str(&label);
        }
    }
    Line::styled(text, theme.dim())
}

/// Round values between `min` and `max`, a step of 1, 2, 2.5 or 5 times a power of ten apart,
/// about one per 10 cells of the axis.
fn ticks(min: f64, max: f64, axis: usize) -> Vec<f64> {
    if max <= min || !min.is_finite() || !max.is_finite() {
        return Vec::new();
    }
    let wanted = (axis / 10).max(2) as f64;
    let raw = (max - min) / wanted;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|&s| s >= raw)
        .unwrap_or(10.0 * magnitude);
    let first = (min / step).ceil() * step;
    (0..)
        .map(|k| first + f64::from(k) * step)
        .take_while(|&v| v <= max + step * 1e-9)
        .take(64)
        .collect()
}

/// The claims without a date, on one line: `undated: ◇ Pentagon ≥ 10,000 · NIS 12,000`.
fn undated_line(
    timeline: &Timeline,
    columns: &Columns,
    selected: usize,
    theme: &Theme,
) -> Line<'static> {
    let head = format!(" {}: ", format::UNDATED);
    let mut used = width(&head);
    let mut spans = vec![Span::styled(head, theme.dim())];
    let total = timeline.undated.len();
    for (n, entry) in timeline.undated.iter().enumerate() {
        let is_selected = entry.place == selected;
        let pointer = if is_selected { "▶" } else { "" };
        let text = format!(
            "{pointer}{}{} {}",
            entry.mark.trim(),
            entry.short,
            entry.reading
        );
        let sep = if n > 0 { " · " } else { "" };
        let more = format!(" … {} more", total - n);
        let room_after = if n + 1 < total { width(&more) } else { 0 };
        if used + width(sep) + width(&text) + room_after > columns.width {
            spans.push(Span::styled(more, theme.dim()));
            break;
        }
        used += width(sep) + width(&text);
        spans.push(Span::styled(sep.to_string(), theme.dim()));
        let style = if is_selected {
            theme.selected()
        } else {
            entry_style(entry, false, theme)
        };
        spans.push(Span::styled(text, style));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    #[test]
    fn ticks_are_round_values_within_the_range() {
        assert_eq!(super::ticks(3000.0, 12000.0, 30), [5000.0, 10000.0]);
        assert_eq!(
            super::ticks(3000.0, 12000.0, 60),
            [4000.0, 6000.0, 8000.0, 10000.0, 12000.0]
        );
        assert_eq!(
            super::ticks(285.0, 1050.0, 90).first(),
            Some(&300.0),
            "a step of 100"
        );
        assert!(super::ticks(5.0, 5.0, 60).is_empty());
    }
}
