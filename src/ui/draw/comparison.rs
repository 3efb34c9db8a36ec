//! The comparison: the selected topic's claims side by side, one column each — figure or
//! stance, source and grades, relay chain, date, review status and note, and the quote.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use crate::format;
use crate::ui::app::App;
use crate::ui::layout;
use crate::ui::text::{truncate, width, wrap_lines};
use crate::ui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(t) = app.selected_topic() else {
        frame.render_widget(Block::bordered().title(" Claims "), area);
        return;
    };
    let topic = &app.session.review.model.topics[t];
    let analysis = &app.session.review.analysis.topics[t];
    let claims = &analysis.claims;
    let [head, columns_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(area);
    let w = usize::from(head.width);
    let shown = layout::columns(columns_area).min(claims.len().max(1));
    let first = app.claim_offset.min(claims.len().saturating_sub(1));
    let last = (first + shown).min(claims.len());
    let mut facts = vec![
        Span::styled(
            format::verdict(analysis.verdict),
            theme.verdict(analysis.verdict),
        ),
        Span::raw(format!(
            " · {} · {} reviewed",
            format::count(claims.len(), "claim", "claims"),
            app.reviewed_in(t)
        )),
    ];
    if let Some(s) = analysis.spread {
        facts.push(Span::raw(format!(" · spread {}", format::percent(s))));
    }
    if claims.len() > shown {
        let left = if first > 0 { "◀ " } else { "  " };
        let right = if last < claims.len() { " ▶" } else { "" };
        facts.push(Span::raw(format!(
            " · {left}{}–{} of {}{right}",
            first + 1,
            last,
            claims.len()
        )));
    }
    let head_lines = vec![
        Line::styled(truncate(&topic.question, w), theme.title()),
        Line::from(facts),
    ];
    frame.render_widget(Paragraph::new(head_lines), head);

    if claims.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(" no claims on this topic", theme.dim())),
            columns_area,
        );
        return;
    }
    let constraints = vec![Constraint::Ratio(1, shown as u32); shown];
    let cells = Layout::horizontal(constraints).split(columns_area);
    for (slot, i) in (first..last).enumerate() {
        column(frame, cells[slot], app, i, claims.len(), theme);
    }
}

fn column(frame: &mut Frame, area: Rect, app: &App, i: usize, count: usize, theme: &Theme) {
    let model = &app.session.review.model;
    let c = app.topic_claims()[i];
    let claim = &model.claims[c];
    let source = &model.sources[claim.source];
    let selected = i == app.claim;
    let title = if selected {
        format!(" ▶ claim {} of {count} ", i + 1)
    } else {
        format!(" claim {} of {count} ", i + 1)
    };
    let mut block = Block::bordered().title(title);
    if selected {
        block = block
            .border_type(BorderType::Thick)
            .border_style(theme.selected_border())
            .title_style(theme.selected());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    let status = app.session.review.status(c);
    let decision = app.session.review.decision(c);

    // The source's name with its Admiralty grades at the end of the line: `NIS … B2`.
    let grades = format::grades(source, claim)
        .map(|g| format!(" {g}"))
        .unwrap_or_default();
    let name = truncate(&source.name, w.saturating_sub(width(&grades)));
    let gap = " ".repeat(w.saturating_sub(width(&name) + width(&grades)));
    let mut lines = vec![
        Line::styled(
            truncate(&format::assertion(model, claim), w),
            theme.figure(),
        ),
        Line::from(vec![
            Span::styled(name, theme.title()),
            Span::raw(gap),
            Span::styled(grades, theme.title()),
        ]),
    ];
    // The chain may take two lines in a narrow column rather than lose the relay's name.
    for l in wrap_lines(&format::chain(model, claim), w, 2) {
        lines.push(Line::raw(l));
    }
    if let Some(d) = claim.stated {
        lines.push(Line::styled(
            truncate(&format!("stated {d}"), w),
            theme.dim(),
        ));
    }
    let who = decision
        .filter(|_| status != crate::decision::Status::Unreviewed)
        .map_or(String::new(), |d| format!(" ({})", d.reviewer));
    lines.push(Line::styled(
        truncate(&format!("{}{who}", format::status(status)), w),
        theme.status(status),
    ));
    if let Some(note) = decision.and_then(|d| d.note.as_deref()) {
        let note_lines = if h >= 10 { 3 } else { 1 };
        for l in wrap_lines(&format!("note: {note}"), w, note_lines) {
            lines.push(Line::raw(l));
        }
    }
    let room = h.saturating_sub(lines.len() + 1);
    if room > 0 {
        lines.push(Line::raw(""));
        for l in wrap_lines(&format!("“{}”", claim.quote), w, room) {
            lines.push(Line::styled(l, theme.quote()));
        }
    }
    lines.truncate(h);
    frame.render_widget(Paragraph::new(lines), inner);
}
