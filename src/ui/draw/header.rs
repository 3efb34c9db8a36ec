//! The header: the desk's progress with a gauge, and this reviewer's own when others decide
//! too (or the review is blind: BLIND); filter, sort, search (and where it matched), journal and
//! notices.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};

use crate::format;
use crate::ui::app::App;
use crate::ui::text::truncate;
use crate::ui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let [top, bottom] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let p = app.session.review.progress();
    let total = app.session.review.model.claims.len();
    let reviewed = p.verified + p.disputed;
    let blind = app.is_blind();
    // A blind reviewer is not told how the desk decided, only how far it got.
    let mut progress = if blind {
        format!(" reviewed {reviewed}/{total}")
    } else {
        format!(
            " reviewed {reviewed}/{total} · verified {} · disputed {}",
            p.verified, p.disputed
        )
    };
    if blind || app.desk.others {
        progress.push_str(" · ");
        progress.push_str(&format::your_progress(
            app.session.reviewer(),
            app.desk.mine,
            total,
        ));
    }
    progress.push(' ');
    let mut left = vec![Span::styled(" crosscheck ", theme.selected())];
    let mut left_width = 13 + crate::ui::text::width(&progress);
    if blind {
        let tag = format!(" {} ", format::BLIND);
        left_width += 1 + crate::ui::text::width(&tag);
        left.extend([Span::raw(" "), Span::styled(tag, theme.selected())]);
    }
    left.push(Span::raw(progress));
    let left = Line::from(left);
    let left_width = u16::try_from(left_width).unwrap_or(u16::MAX);
    let [text_area, gauge_area] = Layout::horizontal([
        Constraint::Length(left_width.min(top.width)),
        Constraint::Min(0),
    ])
    .areas(top);
    frame.render_widget(Paragraph::new(left), text_area);
    if gauge_area.width >= 8 {
        let ratio = if total == 0 {
            0.0
        } else {
            (reviewed as f64 / total as f64).clamp(0.0, 1.0)
        };
        let gauge = Gauge::default()
            .ratio(ratio)
            .label(format!("{:.0}%", ratio * 100.0))
            .gauge_style(theme.saved())
            .use_unicode(true);
        frame.render_widget(gauge, gauge_area);
    }

    // The search, and where it matched in the selected topic.
    let search = match (app.view.search.as_str(), app.search_match) {
        ("", _) => "—".to_string(),
        (s, Some(field)) => format!("“{s}” (in {})", field.describe()),
        (s, None) => format!("“{s}”"),
    };
    let mut spans = vec![Span::raw(format!(
        " filter: {} · sort: {} · search: {} · journal: {}",
        app.view.filter.label(),
        app.view.sort.label(),
        search,
        app.journal_location()
    ))];
    for notice in &app.notices {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(notice.to_string(), theme.error()));
    }
    let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
    // Notices matter more than the journal path: when it does not fit, show them first.
    let line =
        if crate::ui::text::width(&text) > usize::from(bottom.width) && !app.notices.is_empty() {
            Line::from(Span::styled(
                truncate(
                    &format!(
                        " {}",
                        app.notices
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(" · ")
                    ),
                    usize::from(bottom.width),
                ),
                theme.error(),
            ))
        } else {
            Line::from(spans)
        };
    frame.render_widget(Paragraph::new(line), bottom);
}
