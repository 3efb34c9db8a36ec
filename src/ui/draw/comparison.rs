//! The comparison: the topic's facts (verdict, independent origins, superseded, drafts,
//! changed since review), and its claims side by side, one column each — figure or stance,
//! superseded / draft, source and grades beside the grade the evidence suggests, independent
//! corroboration, origin, relay chain, date, review status (or the stale decision) and note, and
//! the quote.

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
use crate::ui::timeline::{self, Standing};

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
    // Under the timeline at small sizes the columns give way: the head lines stay.
    let columns_shown = cells.first().is_some_and(|c| c.height > 0);
    let shown = if columns_shown { cells.len() } else { 0 };
    let last = (first + shown).min(claims.len());
    let position = if !columns_shown && !claims.is_empty() {
        Some(format!(
            "▶ claim {} of {}",
            app.claim_column + 1,
            claims.len()
        ))
    } else if claims.len() > shown {
        let left = if first > 0 { "◀ " } else { "" };
        let right = if last < claims.len() { " ▶" } else { "" };
        Some(format!(
            "{left}{}–{} of {}{right}",
            first + 1,
            last,
            claims.len()
        ))
    } else {
        None
    };
    let question = truncate(&topic.question, w);
    let head_lines = vec![
        Line::from(highlighted(
            &question,
            &app.view.search,
            theme.title(),
            theme,
        )),
        facts_line(app, t, position, w, theme),
    ];
    frame.render_widget(Paragraph::new(head_lines), head);

    if claims.is_empty() {
        let [_, below] =
            Layout::vertical([Constraint::Length(layout::HEAD), Constraint::Min(0)]).areas(area);
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

/// One of the topic's facts on its head line: how much it is needed, its words (and shorter
/// ones for narrow lines), its style.
struct Fact {
    need: u8,
    long: String,
    short: String,
    style: Style,
}

fn fact(need: u8, long: String, short: Option<String>, style: Style) -> Fact {
    Fact {
        need,
        short: short.unwrap_or_else(|| long.clone()),
        long,
        style,
    }
}

/// The topic's facts on one line, as many as fit in `w` cells: in their long form if all fit,
/// else in their short form with the least needed left out first — `= consistent · 2
/// independent origins · 6 claims · 1 reviewed · spread 4.2% · ↳ 2 superseded · ◇ 2 drafts · ✎
/// 1 changed since review · window 30 days · ◀ 1–3 of 6 ▶`.
fn facts_line(
    app: &App,
    t: usize,
    position: Option<String>,
    w: usize,
    theme: &Theme,
) -> Line<'static> {
    let analysis = &app.session.review.analysis.topics[t];
    let counts = app
        .topic_counts
        .filter(|c| c.topic == t)
        .unwrap_or_default();
    let topic = &app.session.review.model.topics[t];
    let plain = Style::default();
    let mut facts = vec![
        fact(
            9,
            format::verdict(analysis.verdict),
            None,
            theme.verdict(analysis.verdict),
        ),
        fact(
            7,
            format::origins(analysis.origins),
            Some(format::origins_short(analysis.origins)),
            plain,
        ),
        fact(
            2,
            format::count(analysis.claims.len(), "claim", "claims"),
            None,
            plain,
        ),
        fact(3, format!("{} reviewed", app.reviewed_in(t)), None, plain),
    ];
    if let Some(s) = analysis.spread {
        facts.push(fact(
            4,
            format!("spread {}", format::percent(s)),
            None,
            plain,
        ));
    }
    if counts.superseded > 0 {
        let words = format::superseded_marked(counts.superseded);
        facts.push(fact(6, words, None, theme.dim()));
    }
    if counts.drafts > 0 {
        facts.push(fact(5, format::drafts(counts.drafts), None, theme.dim()));
    }
    if counts.stale > 0 {
        let (long, short) = (
            format::changed_count(counts.stale),
            format::changed_count_short(counts.stale),
        );
        facts.push(fact(6, long, Some(short), theme.error()));
    }
    if let Some(days) = topic.window {
        facts.push(fact(1, format::window(days), None, plain));
    }
    if let Some(p) = position {
        facts.push(fact(8, p, None, plain));
    }
    let len = |facts: &[Fact], short: bool| {
        let words = facts
            .iter()
            .map(|f| width(if short { &f.short } else { &f.long }));
        words.sum::<usize>() + 3 * facts.len().saturating_sub(1)
    };
    let short = len(&facts, false) > w;
    while len(&facts, short) > w && facts.len() > 1 {
        // The least needed; of those, the last.
        let Some(least) = (0..facts.len()).rev().min_by_key(|&at| facts[at].need) else {
            break;
        };
        facts.remove(least);
    }
    let mut spans = Vec::new();
    for (n, f) in facts.into_iter().enumerate() {
        if n > 0 {
            spans.push(Span::raw(" · "));
        }
        spans.push(Span::styled(if short { f.short } else { f.long }, f.style));
    }
    Line::from(spans)
}

/// A part of a column, and how it ranks when rows are short: the lowest goes first.
struct Part {
    rank: u8,
    lines: Vec<Line<'static>>,
}

/// The quote's rank: what ranks lower gives way for it; what ranks higher stays.
const QUOTE: u8 = 4;

fn column(frame: &mut Frame, area: Rect, app: &App, i: usize, count: usize, theme: &Theme) {
    let review = &app.session.review;
    let model = &review.model;
    let c = app.topic_claims()[i];
    let claim = &model.claims[c];
    let facts = &review.analysis.claims[c];
    let source = &model.sources[claim.source];
    let selected = i == app.claim_column;
    let standing = timeline::standing(review, c);
    let title = format!(
        " {}claim {} of {count} ",
        if selected { "▶ " } else { "" },
        i + 1
    );
    let mut block = Block::bordered().title(title);
    if selected {
        block = block
            .border_type(BorderType::Thick)
            .border_style(theme.selected_border())
            .title_style(theme.selected());
    } else if standing != Standing::Current {
        // Superseded claims and drafts are dimmed (and marked): still there to select.
        block = block.border_style(theme.dim());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    let status = review.status(c);
    let decision = review.decision(c);
    let stale = review.stale(c);
    let search = &app.view.search;
    let line = |text: String, style: Style| vec![Line::styled(truncate(&text, w), style)];
    let wrapped = |text: &str, lines: usize, style: Style| -> Vec<Line<'static>> {
        wrap_lines(text, w, lines)
            .into_iter()
            .map(|l| Line::styled(l, style))
            .collect()
    };

    // The source's name with its Admiralty grades at the end of the line: `NIS … B2`. A current
    // claim has its grades on the next line, beside the grade the evidence suggests.
    let grades = format::grades(source, claim);
    let independence = facts.independence;
    let right = match (&grades, independence) {
        (Some(g), None) => format!(" {g}"),
        _ => String::new(),
    };
    let name = truncate(&source.name, w.saturating_sub(width(&right)));
    let gap = " ".repeat(w.saturating_sub(width(&name) + width(&right)));
    let mut source_line = highlighted(&name, search, theme.title(), theme);
    source_line.extend([Span::raw(gap), Span::styled(right, theme.title())]);
    let evidence = independence.map(|found| {
        line(
            format::grades_and_suggestion(grades.as_deref(), found.suggested_credibility),
            theme.title(),
        )
    });
    let corroboration = independence.map(|found| {
        wrapped(
            &format::corroboration(found.corroborated_by, found.contradicted_by),
            2,
            Style::default(),
        )
    });
    // Where the claim stands in the analysis, or why its last decision is not in force.
    let standing_lines = match standing {
        Standing::Superseded => facts.superseded_by.map(|by| {
            wrapped(
                &format::superseded_by_marked(&model.claims[by].id),
                2,
                theme.dim(),
            )
        }),
        Standing::Draft => Some(line(format::draft(), theme.dim())),
        Standing::Current => None,
    };
    let changed = stale.map(|d| {
        let what = review.what_changed(c);
        let mut lines = wrapped(&format::changed_what(what.as_deref()), 2, theme.error());
        lines.extend(line(format::was(d.status, &d.reviewer), theme.dim()));
        lines
    });
    let who = decision
        .filter(|_| status != crate::decision::Status::Unreviewed)
        .map_or(String::new(), |d| format!(" ({})", d.reviewer));
    // The note in force, or the stale decision's: it says what was judged.
    let note = decision
        .or(stale)
        .and_then(|d| d.note.as_deref())
        .map(|note| {
            let lines = if h >= 10 { 3 } else { 1 };
            wrapped(&format!("note: {note}"), lines, Style::default())
        });
    let origin = (facts.origin != claim.source).then(|| {
        wrapped(
            &format::origin_of(source, &model.sources[facts.origin]),
            2,
            Style::default(),
        )
    });
    // The chain may take two lines in a narrow column rather than lose the relay's name.
    let chain = (!claim.via.is_empty()).then(|| {
        wrap_lines(&format::chain(model, claim), w, 2)
            .into_iter()
            .map(|l| Line::from(highlighted(&l, search, Style::default(), theme)))
            .collect()
    });
    let date = facts
        .date
        .map(|d| line(format::claim_date(d, claim.stated.is_some()), theme.dim()));
    let figure_style = if standing == Standing::Current {
        theme.figure()
    } else {
        theme.dim()
    };
    let parts = [
        Some(Part {
            rank: 9,
            lines: line(format::assertion(model, claim), figure_style),
        }),
        standing_lines.map(|lines| Part { rank: 7, lines }),
        Some(Part {
            rank: 6,
            lines: vec![Line::from(source_line)],
        }),
        evidence.map(|lines| Part { rank: 6, lines }),
        corroboration.map(|lines| Part { rank: 3, lines }),
        origin.map(|lines| Part { rank: 2, lines }),
        chain.map(|lines| Part { rank: 2, lines }),
        date.map(|lines| Part { rank: 3, lines }),
        Some(Part {
            rank: 8,
            lines: line(
                format!("{}{who}", format::status(status)),
                theme.status(status),
            ),
        }),
        changed.map(|lines| Part { rank: 7, lines }),
        note.map(|lines| Part { rank: 5, lines }),
        Some(Part {
            rank: 0,
            lines: vec![Line::raw("")],
        }),
    ];
    let mut parts: Vec<Part> = parts.into_iter().flatten().collect();
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
