//! The common scale: every claim's interval on one axis, so overlap — or the gap between
//! 12,000 and ≈ 11,000 — is seen at a glance. Yes/no topics get a tally of stances instead.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::analysis::Interval;
use crate::format;
use crate::model::Stance;
use crate::ui::app::App;
use crate::ui::text::{self, truncate, width};
use crate::ui::theme::Theme;
use crate::ui::timeline::{self, Standing};

const LABEL: usize = 16;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(t) = app.selected_topic().filter(|_| area.height >= 3) else {
        return;
    };
    let analysis = &app.session.review.analysis.topics[t];
    let topic = &app.session.review.model.topics[t];
    let title = match analysis.spread {
        Some(s) => format!(" Common scale · spread {} ", format::percent(s)),
        None if topic.is_numeric() => " Common scale ".to_string(),
        None => " Stances ".to_string(),
    };
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = if topic.is_numeric() {
        intervals(app, t, inner, theme)
    } else {
        stances(app, t, theme)
    };
    frame.render_widget(Paragraph::new(lines), inner);
}

fn intervals(app: &App, t: usize, inner: Rect, theme: &Theme) -> Vec<Line<'static>> {
    let model = &app.session.review.model;
    let topic = &model.topics[t];
    let claims = &app.session.review.analysis.topics[t].claims;
    let axis = usize::from(inner.width).saturating_sub(LABEL + 1);
    if axis < 5 || claims.is_empty() {
        return Vec::new();
    }
    let figures: Vec<(usize, Interval, f64)> = claims
        .iter()
        .enumerate()
        .filter_map(|(i, &c)| {
            model.claims[c]
                .figure()
                .map(|f| (i, f.interval(topic.tolerance), f.point()))
        })
        .collect();
    let values = figures
        .iter()
        .flat_map(|(_, iv, p)| [iv.low, iv.high, Some(*p)])
        .flatten();
    let (min, max) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !min.is_finite() || !max.is_finite() {
        return Vec::new();
    }
    let cell = cells(min, max, axis);

    // One row per claim around the selected one, as many as fit above the axis labels.
    let rows = usize::from(inner.height).saturating_sub(1).max(1);
    let start = app
        .claim_column
        .saturating_sub(rows - 1)
        .min(figures.len().saturating_sub(rows));
    let review = &app.session.review;
    let mut lines: Vec<Line> = figures
        .iter()
        .skip(start)
        .take(rows)
        .map(|&(i, iv, point)| {
            let c = claims[i];
            let claim = &model.claims[c];
            let selected = i == app.claim_column;
            let standing = timeline::standing(review, c);
            let name = format::short_name(&model.sources[claim.source]);
            let label = format!(
                "{}{}{}",
                if selected { "▶" } else { " " },
                timeline::mark(review, &app.view.viewer, c),
                truncate(&name, LABEL - 3)
            );
            let label = format!("{} ", text::pad(&label, LABEL));
            let bar = bar(iv, point, axis, &cell, line_for(standing));
            let style = if selected {
                theme.figure()
            } else if standing == Standing::Current {
                Default::default()
            } else {
                theme.dim()
            };
            Line::from(vec![Span::styled(label, style), Span::styled(bar, style)])
        })
        .collect();
    lines.push(axis_labels(min, max, axis, &cell, LABEL + 1, theme));
    lines
}

/// Where a value falls on an axis of `axis` cells that shows `min` to `max`, with a margin
/// either side so that an end is not drawn on the border.
pub(super) fn cells(min: f64, max: f64, axis: usize) -> impl Fn(f64) -> usize {
    let pad = if max > min {
        (max - min) * 0.08
    } else {
        min.abs().max(1.0) * 0.05
    };
    let (lo, hi) = (min - pad, max + pad);
    let last = axis.saturating_sub(1) as f64;
    move |v: f64| (((v - lo) / (hi - lo)) * last).round().clamp(0.0, last) as usize
}

/// The line of an interval: solid for a current claim, dashed for one the analysis leaves out
/// (superseded, a draft), so that it reads without colour.
pub(super) fn line_for(standing: Standing) -> char {
    match standing {
        Standing::Current => '━',
        Standing::Superseded | Standing::Draft => '╍',
    }
}

/// A figure on an axis of `axis` cells: `●` its point, `┣━━┫` its interval, `◀`/`▶` an open
/// end, `·` the rest.
pub(super) fn bar(
    iv: Interval,
    point: f64,
    axis: usize,
    cell: &dyn Fn(f64) -> usize,
    line: char,
) -> String {
    let mut bar = vec!['·'; axis];
    if axis == 0 {
        return String::new();
    }
    let (a, b) = (iv.low.map_or(0, cell), iv.high.map_or(axis - 1, cell));
    for slot in bar.iter_mut().take(b + 1).skip(a) {
        *slot = line;
    }
    if iv.low.is_none() {
        bar[0] = '◀';
    } else if a != b {
        bar[a] = '┣';
    }
    if iv.high.is_none() {
        bar[axis - 1] = '▶';
    } else if a != b {
        bar[b] = '┫';
    }
    bar[cell(point).min(axis - 1)] = '●';
    bar.into_iter().collect()
}

/// The smallest and largest value under their places on the axis, which starts `offset` cells
/// in.
pub(super) fn axis_labels(
    min: f64,
    max: f64,
    axis: usize,
    cell: &dyn Fn(f64) -> usize,
    offset: usize,
    theme: &Theme,
) -> Line<'static> {
    let (a, b) = (format::number(min), format::number(max));
    let mut text = " ".repeat(offset);
    let start = cell(min);
    text.push_str(&" ".repeat(start));
    text.push_str(&a);
    let right = cell(max)
        .saturating_sub(width(&b) - 1)
        .max(start + width(&a) + 1);
    if max > min && right + width(&b) <= axis {
        text.push_str(&" ".repeat(right - start - width(&a)));
        text.push_str(&b);
    }
    Line::styled(text, theme.dim())
}

fn stances(app: &App, t: usize, theme: &Theme) -> Vec<Line<'static>> {
    let model = &app.session.review.model;
    let claims = &app.session.review.analysis.topics[t].claims;
    Stance::ALL
        .iter()
        .map(|&s| {
            let who: Vec<String> = claims
                .iter()
                .filter(|&&c| model.claims[c].stance() == Some(s))
                .map(|&c| {
                    let mark = timeline::mark(&app.session.review, &app.view.viewer, c).trim();
                    let name = format::short_name(&model.sources[model.claims[c].source]);
                    format!("{mark}{name}")
                })
                .collect();
            let bar = "█".repeat(who.len().min(20));
            let style = if who.is_empty() {
                theme.dim()
            } else {
                Default::default()
            };
            Line::styled(
                format!(" {:<12} {bar} {} {}", s.as_str(), who.len(), who.join(", ")),
                style,
            )
        })
        .collect()
}
