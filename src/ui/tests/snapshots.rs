//! What the screen draws, as snapshots of a `TestBackend` at 80x24, 120x40 and 200x50.

use insta::assert_snapshot;

use super::*;

#[test]
fn snapshot_side_by_side_at_120x40() {
    let app = app("snap-120");
    assert_snapshot!(screen(&app, 120, 40));
}

#[test]
fn snapshot_side_by_side_at_80x24() {
    let app = app_on(vec![fixture()], &journal_path("snap-80"), 80, 24);
    assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn snapshot_help_at_120x40_and_80x24() {
    let mut app = app("snap-help");
    app.update(Action::ToggleHelp);
    assert_snapshot!("help_120x40", screen(&app, 120, 40));
    app.update(Action::Resize(80, 24));
    assert_snapshot!("help_80x24", screen(&app, 80, 24));
}

#[test]
fn snapshot_marked_claim_with_note() {
    let mut app = app("snap-marked");
    app.update(Action::MarkVerified);
    app.update(Action::NextClaim);
    write_note(
        &mut app,
        "Counts soldiers in training, not all committed troops.",
    );
    app.update(Action::MarkDisputed);
    assert_snapshot!("marked_120x40", screen(&app, 120, 40));
    app.update(Action::Resize(80, 24));
    assert_snapshot!("marked_80x24", screen(&app, 80, 24));
}

#[test]
fn snapshot_too_small() {
    let mut app = app("snap-small");
    app.update(Action::Resize(40, 10));
    assert_snapshot!(screen(&app, 40, 10));
}

#[test]
fn snapshot_export_dialog() {
    let mut app = app("snap-export");
    app.update(Action::Export);
    assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn snapshot_side_by_side_at_200x50() {
    let app = app_sized("snap-200", 200, 50);
    assert_snapshot!(screen(&app, 200, 50));
}

#[test]
fn snapshot_search_at_120x40() {
    let mut app = app("snap-search");
    app.update(Action::StartSearch);
    type_text(&mut app, "budanov");
    assert_snapshot!(screen(&app, 120, 40));
}

/// The selected claim's column, inside its border.
pub(super) fn selected_column(app: &App) -> ratatui::layout::Rect {
    let areas = app.areas().unwrap();
    let slot = app.claim_column - app.claim_offset;
    let (_, cells) =
        crate::ui::layout::comparison(areas.comparison, app.topic_claims().len(), slot);
    cells[slot].inner(ratatui::layout::Margin::new(1, 1))
}

/// Words joined by single spaces, so that wrapped text compares with the original.
fn words(lines: &[String]) -> String {
    lines
        .iter()
        .flat_map(|l| l.split_whitespace())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn defect_9_at_80x24_the_quote_can_be_read_and_marked() {
    let mut app = app_sized("small", 80, 24);
    for step in 0..app.view.topics.len() {
        let backend = screen(&app, 80, 24);
        for column in 0..app.topic_claims().len() {
            app.update(Action::SelectClaimColumn(column));
            let backend = screen(&app, 80, 24);
            let quote = &app.session.review.model.claims[app.selected_claim().unwrap()].quote;
            // Compared without white space: a long word may be broken across lines.
            let bare = |s: &str| s.split_whitespace().collect::<String>();
            let shown = bare(&words(&text_in(&backend, selected_column(&app))));
            assert!(
                shown.contains(&bare(&format!("“{quote}”"))),
                "topic {step}, claim {column}: the whole quote\n{backend}"
            );
        }
        let all = rows(&backend);
        let status = all.last().unwrap();
        assert!(
            status.contains("v verified") && status.contains("d disputed"),
            "{status}"
        );
        let list = text_in(&backend, app.areas().unwrap().topics);
        assert!(list.len() >= 9, "7 of the 8 topics and the borders");
        for row in &list {
            for word in ["conflict", "consistent", "unsettled", "single"] {
                if let Some(at) = row.find(&format!("{word} ")) {
                    let after = &row[at + word.len()..];
                    assert!(after.starts_with(' '), "{row}");
                } else {
                    assert!(!row.contains(&format!("✓ {word}A")), "{row}");
                }
            }
        }
        app.update(Action::NextTopic);
    }
}

#[test]
fn defect_10_wide_terminals_use_their_room() {
    let app = app_sized("wide-200", 200, 50);
    let areas = app.areas().unwrap();
    assert!(areas.topics.width > 56, "{:?}", areas.topics);
    let backend = screen(&app, 200, 50);
    let context = text_in(
        &backend,
        areas.context.inner(ratatui::layout::Margin::new(1, 1)),
    );
    let filled = context.iter().filter(|l| !l.trim().is_empty()).count();
    assert!(
        filled * 4 >= context.len() * 3,
        "the report text fills the pane: {filled} of {} rows\n{backend}",
        context.len()
    );
}

#[test]
fn defect_10_topics_that_start_alike_are_told_apart() {
    for (w, h) in [(120, 40), (100, 30), (200, 50)] {
        let app = app_sized("alike", w, h);
        let backend = screen(&app, w, h);
        let list = text_in(&backend, app.areas().unwrap().topics);
        // The question, between the mark and the counts: `How many … has Pyongyang…`.
        let question = |row: &str| -> String {
            let from = row.find("How many").unwrap_or(0);
            row[from..].split(" 0/").next().unwrap().trim().to_string()
        };
        let (first, second) = (question(&list[1]), question(&list[2]));
        assert!(
            first.starts_with("How many") && second.starts_with("How many"),
            "{first:?} {second:?}\n{backend}"
        );
        assert_ne!(first, second, "{w}x{h}\n{backend}");
    }
}

#[test]
fn defect_11_the_report_excerpt_starts_and_ends_between_words() {
    let text = std::fs::read_to_string(fixture().join("troops.txt")).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for (w, h) in [(120, 40), (200, 50), (100, 24)] {
        let mut app = app_sized("excerpt", w, h);
        for _ in 0..app.view.topics.len() {
            let backend = screen(&app, w, h);
            let pane = app.areas().unwrap().context;
            if pane.height >= 3 {
                let lines = text_in(&backend, pane.inner(ratatui::layout::Margin::new(1, 1)));
                let shown = words(&lines);
                if let Some(rest) = shown.strip_prefix("… ") {
                    let first = rest.split(' ').next().unwrap();
                    assert!(
                        text.contains(&format!(" {first} ")),
                        "{w}x{h}: `{first}` is a whole word\n{backend}"
                    );
                } else {
                    assert!(
                        text.starts_with(&shown[..shown.find(' ').unwrap()]),
                        "{w}x{h}: an excerpt not at the start begins with …\n{backend}"
                    );
                }
            }
            app.update(Action::NextTopic);
        }
    }
}

#[test]
fn defect_12_the_screen_shows_what_the_search_matched() {
    let mut app = app("search-shows");
    app.update(Action::StartSearch);
    type_text(&mut app, "budanov");
    app.update(Action::Submit);
    let backend = screen(&app, 120, 40);
    let header = &rows(&backend)[1];
    assert!(
        header.contains("search: “budanov” (in claim 2's id)"),
        "{header}"
    );
    let buffer = backend.buffer();
    let column = selected_column(&app);
    let highlighted: String = (column.y..column.y + column.height)
        .flat_map(|y| (column.x..column.x + column.width).map(move |x| (x, y)))
        .filter(|&pos| {
            buffer[pos]
                .modifier
                .contains(ratatui::style::Modifier::UNDERLINED)
        })
        .map(|pos| buffer[pos].symbol().to_string())
        .collect();
    assert_eq!(
        highlighted, "BudanovBudanov",
        "the source's name and the relay chain's: {backend}"
    );
}
