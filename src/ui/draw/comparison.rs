//! The comparison: the topic's facts (verdict, independent origins, superseded, drafts,
//! changed since review, disagreements), and its claims side by side, one column each — figure
//! or stance, superseded / draft, source and grades beside the grade the evidence suggests,
//! independent corroboration, origin, relay chain, date, the review status in force (who, when)
//! and its note, whether reviewers disagree, every other reviewer's decision (stale ones as
//! such), and the quote. A blind reviewer sees others' decisions only on claims they decided.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use crate::decision::Status;
use crate::format;
use crate::review::Decided;
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
    if counts.disagreements > 0 {
        let words = format::disagreements(counts.disagreements);
        facts.push(fact(7, words, None, theme.disagreement()));
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
    let viewer = &app.view.viewer;
    let sees = viewer.sees(review, c);
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
    let changed = stale.map(|_| {
        let what = review.what_changed(c);
        wrapped(&format::changed_what(what.as_deref()), 2, theme.error())
    });
    let note_lines = if h >= 10 { 3 } else { 1 };
    let now = app.looked_at;
    // A decision as a part (its words, and when it was made where both fit: `✓ verified by lee ·
    // 2 days ago`, or `· 2d`) and the part after it: its note, begun by when it was made if that
    // did not fit — `✓ verified by lee` / `2 days ago: The briefing transcript…`. `ranks` are the
    // two parts' ranks, and the second's without a note.
    let decision_parts = |text: String, style: Style, d: Decided, lines: usize, ranks: [u8; 3]| {
        let when = format::when(d.at, now);
        let beside = [when.clone(), format::when_short(d.at, now)]
            .into_iter()
            .find(|when| width(&text) + 3 + width(when) <= w);
        let fits = beside.is_some();
        let head = match beside {
            Some(when) => format!("{text} · {when}"),
            None => text,
        };
        let rest = match (d.note, fits) {
            (Some(note), true) => Some((format!("note: {note}"), ranks[1])),
            (Some(note), false) => Some((format!("{when}: {note}"), ranks[1])),
            (None, true) => None,
            (None, false) => Some((when, ranks[2])),
        };
        [
            Some(Part {
                rank: ranks[0],
                lines: line(head, style),
            }),
            rest.map(|(text, rank)| Part {
                rank,
                lines: wrapped(&text, lines, Style::default()),
            }),
        ]
    };
    // The status in force, who decided it, when, and its note; hidden from a blind reviewer who
    // has not decided the claim.
    let decided = decision.filter(|_| sees && status != Status::Unreviewed);
    let headline = match decided {
        Some(d) => decision_parts(
            format!("{} ({})", format::status(status), d.reviewer),
            theme.status(status),
            d,
            note_lines,
            [8, 5, 1],
        ),
        None => {
            let text = if sees {
                format::status(status)
            } else {
                format::blind_unreviewed()
            };
            let head = Part {
                rank: 8,
                lines: line(text, theme.status(Status::Unreviewed)),
            };
            [Some(head), None]
        }
    };
    let disagreement =
        (sees && review.disagree(c)).then(|| line(format::disagreement(), theme.disagreement()));
    // Every other reviewer's last decision, the latest first: a stale one says it was (`✎` when
    // the claim's own line does not already say it changed). The last decision, if stale, is
    // why the claim reads unreviewed: it stays as long as the status does. A blind reviewer
    // sees only their own until they decide.
    let others: Vec<Part> = review
        .by_reviewer(c)
        .rev()
        .filter(|d| decided.is_none_or(|f| *d != f))
        .filter(|d| sees || d.reviewer == viewer.reviewer)
        .flat_map(|d| {
            let last = stale.is_some_and(|s| d == s);
            let (text, style) = match (review.is_stale(c, &d), last) {
                (true, true) => (format::was(d.status, d.reviewer), theme.dim()),
                (true, false) => (
                    format!(
                        "{} {}",
                        format::CHANGED_MARK,
                        format::was(d.status, d.reviewer)
                    ),
                    theme.dim(),
                ),
                (false, _) => (
                    format::decision_by(d.status, d.reviewer),
                    theme.status(d.status),
                ),
            };
            // Stale ones give way before current ones.
            match (last, review.is_stale(c, &d)) {
                (true, _) => decision_parts(text, style, d, note_lines, [7, 5, 1]),
                (false, false) => decision_parts(text, style, d, 1, [3, 1, 1]),
                (false, true) => decision_parts(text, style, d, 1, [2, 1, 1]),
            }
        })
        .flatten()
        .collect();
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
    ];
    let mut parts: Vec<Part> = parts.into_iter().flatten().collect();
    let [head, note] = headline;
    parts.extend(head);
    parts.extend(disagreement.map(|lines| Part { rank: 7, lines }));
    parts.extend(note);
    parts.extend(changed.map(|lines| Part { rank: 7, lines }));
    parts.extend(others);
    parts.push(Part {
        rank: 0,
        lines: vec![Line::raw("")],
    });
    // In short columns the parts that matter least give way until the quote fits; then those
    // that gave way come back, the most needed first, where the room left holds them.
    let quote = format!("“{}”", claim.quote);
    let quote_rows = wrap(&quote, w).len();
    let rows = |p: &Part| p.lines.len();
    let mut shown = vec![true; parts.len()];
    let mut used: usize = parts.iter().map(rows).sum::<usize>() + quote_rows;
    let mut order: Vec<usize> = (0..parts.len())
        .filter(|&i| parts[i].rank < QUOTE)
        .collect();
    order.sort_by_key(|&i| parts[i].rank);
    let mut gone = Vec::new();
    for i in order {
        if used <= h {
            break;
        }
        shown[i] = false;
        used -= rows(&parts[i]);
        gone.push(i);
    }
    for &i in gone.iter().rev() {
        if used + rows(&parts[i]) <= h {
            shown[i] = true;
            used += rows(&parts[i]);
        }
    }
    let parts = parts
        .into_iter()
        .zip(shown)
        .filter(|(_, s)| *s)
        .map(|(p, _)| p);
    let mut lines: Vec<Line> = parts.into_iter().flat_map(|p| p.lines).collect();
    let room = h.saturating_sub(lines.len());
    for l in wrap_lines(&quote, w, room) {
        lines.push(Line::from(highlighted(&l, search, theme.quote(), theme)));
    }
    lines.truncate(h);
    frame.render_widget(Paragraph::new(lines), inner);
}
