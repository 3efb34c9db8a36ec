//! The comparison: the selected topic's claims side by side, one column each — figure or
//! stance, source and grades, relay chain, date, review status and note, and the quote.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use crate::format;
use crate::ui::app::App;
use crate::ui::draw::highlighted;
use crate::ui::layout;
use crate::ui::text::{truncate, width, wrap, wrap_lines};
use crate::ui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(t) = app.selected_topic() else {
        frame.render_widget(Block::bordered().title(" Claims "), area);
        return;
    };
    let topic = &app.session.review.model.topics[t];
    let analysis = &app.session.review.analysis.topics[t];
    let claims = &analysis.claims;
    let first = app.claim_offset.min(claims.len().saturating_sub(1));
    let selected = app.claim_column.saturating_sub(first);
    let (head, cells) = layout::comparison(area, claims.len(), selected);
    let w = usize::from(head.width);
    let shown = cells.len();
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
    let question = truncate(&topic.question, w);
    let head_lines = vec![
        Line::from(highlighted(
            &question,
            &app.view.search,
            theme.title(),
            theme,
        )),
        Line::from(facts),
    ];
    frame.render_widget(Paragraph::new(head_lines), head);

    if claims.is_empty() {
        let [_, below] = Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(area);
        frame.render_widget(
            Paragraph::new(Line::styled(" no claims on this topic", theme.dim())),
            below,
        );
        return;
    }
    for (slot, i) in (first..last).enumerate() {
        column(frame, cells[slot], app, i, claims.len(), theme);
    }
}

/// A part of a column, and how it ranks when rows are short: the lowest goes first.
struct Part {
    rank: u8,
    lines: Vec<Line<'static>>,
}

/// The quote's rank: what ranks lower gives way for it; what ranks higher stays.
const QUOTE: u8 = 4;

fn column(frame: &mut Frame, area: Rect, app: &App, i: usize, count: usize, theme: &Theme) {
    let model = &app.session.review.model;
    let c = app.topic_claims()[i];
    let claim = &model.claims[c];
    let source = &model.sources[claim.source];
    let selected = i == app.claim_column;
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
    let search = &app.view.search;

    // The source's name with its Admiralty grades at the end of the line: `NIS … B2`.
    let grades = format::grades(source, claim)
        .map(|g| format!(" {g}"))
        .unwrap_or_default();
    let name = truncate(&source.name, w.saturating_sub(width(&grades)));
    let gap = " ".repeat(w.saturating_sub(width(&name) + width(&grades)));
    let mut source_line = highlighted(&name, search, theme.title(), theme);
    source_line.extend([Span::raw(gap), Span::styled(grades, theme.title())]);
    let who = decision
        .filter(|_| status != crate::decision::Status::Unreviewed)
        .map_or(String::new(), |d| format!(" ({})", d.reviewer));
    let note = decision.and_then(|d| d.note.as_deref()).map(|note| {
        let lines = if h >= 10 { 3 } else { 1 };
        wrap_lines(&format!("note: {note}"), w, lines)
            .into_iter()
            .map(Line::raw)
            .collect()
    });
    // The chain may take two lines in a narrow column rather than lose the relay's name.
    let chain = wrap_lines(&format::chain(model, claim), w, 2)
        .into_iter()
        .map(|l| Line::from(highlighted(&l, search, Style::default(), theme)))
        .collect();
    let stated = claim.stated.map(|d| {
        vec![Line::styled(
            truncate(&format!("stated {d}"), w),
            theme.dim(),
        )]
    });
    let mut parts: Vec<Part> = [
        Some(Part {
            rank: 9,
            lines: vec![Line::styled(
                truncate(&format::assertion(model, claim), w),
                theme.figure(),
            )],
        }),
        Some(Part {
            rank: 6,
            lines: vec![Line::from(source_line)],
        }),
        Some(Part {
            rank: 2,
            lines: chain,
        }),
        stated.map(|lines| Part { rank: 1, lines }),
        Some(Part {
            rank: 8,
            lines: vec![Line::styled(
                truncate(&format!("{}{who}", format::status(status)), w),
                theme.status(status),
            )],
        }),
        note.map(|lines| Part { rank: 5, lines }),
        Some(Part {
            rank: 0,
            lines: vec![Line::raw("")],
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    // In short columns the parts that matter least give way until the quote fits.
    let quote = format!("“{}”", claim.quote);
    let quote_rows = wrap(&quote, w).len();
    let rows = |parts: &[Part]| parts.iter().map(|p| p.lines.len()).sum::<usize>();
    while rows(&parts) + quote_rows > h {
        let Some(least) = parts
            .iter()
            .enumerate()
            .filter(|(_, p)| p.rank < QUOTE)
            .min_by_key(|(_, p)| p.rank)
            .map(|(at, _)| at)
        else {
            break;
        };
        parts.remove(least);
    }
    let mut lines: Vec<Line> = parts.into_iter().flat_map(|p| p.lines).collect();
    let room = h.saturating_sub(lines.len());
    for l in wrap_lines(&quote, w, room) {
        lines.push(Line::from(highlighted(&l, search, theme.quote(), theme)));
    }
    lines.truncate(h);
    frame.render_widget(Paragraph::new(lines), inner);
}
