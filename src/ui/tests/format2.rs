//! The screen on format 2, on `tests/fixtures/ui-v2` (a copy of the real North Korean troops
//! story: superseded claims, drafts, windows, origins) with a journal holding a stale decision:
//! the new state (the timeline, filters, sort) as plain changes of `App`, and the screens as
//! snapshots at 80x24, 120x40 and 200x50.

use insta::assert_snapshot;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::*;
use crate::ui::timeline::{RowKind, Standing};

fn fixture_v2() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ui-v2")
}

/// An app on the format-2 fixture, with the fixture's journal (Ana's stale decision, Kim's two
/// in force) copied to the test's own journal path.
fn app_v2(name: &str, width: u16, height: u16) -> App {
    let journal = journal_path(name);
    std::fs::copy(fixture_v2().join("stale.review.toml"), &journal).unwrap();
    app_on(vec![fixture_v2()], &journal, width, height)
}

const RYDER: &str = "abcnews-2024-11-05.ryder-11000-12000";

fn text(app: &App, width: u16, height: u16) -> String {
    rows(&screen(app, width, height)).join("\n")
}

fn select_claim(app: &mut App, id: &str) {
    let at = app
        .topic_claims()
        .iter()
        .position(|&c| app.session.review.model.claims[c].id == id)
        .unwrap_or_else(|| panic!("{id} is not on the selected topic"));
    app.update(Action::SelectClaimColumn(at));
}

fn topic_ids(app: &App) -> Vec<&str> {
    app.view
        .topics
        .iter()
        .map(|&t| app.session.review.model.topics[t].id.as_str())
        .collect()
}

#[test]
fn t_shows_the_timeline_in_place_of_the_common_scale_and_t_again_takes_it_back() {
    let mut app = app_v2("v2-toggle", 120, 40);
    assert!(!app.show_timeline && app.timeline.is_none());
    assert!(text(&app, 120, 40).contains("Common scale"));
    app.update(Action::ToggleTimeline);
    assert!(app.show_timeline);
    let timeline = app.timeline.as_ref().unwrap();
    assert_eq!(Some(timeline.topic), app.selected_topic());
    let shown = text(&app, 120, 40);
    assert!(shown.contains("Timeline of troops"), "{shown}");
    assert!(!shown.contains("Common scale"), "{shown}");
    app.update(Action::ToggleTimeline);
    assert!(!app.show_timeline && app.timeline.is_none());
    assert!(text(&app, 120, 40).contains("Common scale"));
}

#[test]
fn the_timeline_is_built_when_the_topic_or_its_decisions_change_not_when_the_claim_does() {
    let mut app = app_v2("v2-cache", 120, 40);
    app.update(Action::ToggleTimeline);
    let built = app.timeline.clone().unwrap();
    app.update(Action::NextClaim);
    app.update(Action::NextClaim);
    assert_eq!(app.timeline.as_ref(), Some(&built), "the same topic: kept");
    app.update(Action::NextTopic);
    let other = app.timeline.as_ref().unwrap();
    assert_eq!(Some(other.topic), app.selected_topic());
    assert_ne!(other.topic, built.topic);
    app.update(Action::PrevTopic);
    // Deciding again on the stale claim ends its `✎`.
    select_claim(&mut app, RYDER);
    let mark = |app: &App| {
        let t = app.timeline.as_ref().unwrap();
        t.entry(app.claim_column).unwrap().mark
    };
    assert_eq!(mark(&app), crate::format::CHANGED_MARK);
    app.update(Action::MarkVerified);
    assert_eq!(mark(&app), " ");
    // A new height places the rows again; the claims stay.
    app.update(Action::Resize(80, 24));
    let small = app.timeline.as_ref().unwrap();
    let claims = |t: &crate::ui::timeline::Timeline| -> Vec<usize> {
        t.dated.iter().map(|e| e.claim).collect()
    };
    assert_eq!(claims(small), claims(&built));
    assert!(small.rows.len() < built.rows.len(), "fewer rows of time");
}

#[test]
fn the_timeline_puts_claims_in_date_order_and_links_each_superseded_one_to_its_replacement() {
    let mut app = app_v2("v2-order", 120, 40);
    app.update(Action::ToggleTimeline);
    let timeline = app.timeline.as_ref().unwrap();
    let model = &app.session.review.model;
    let ids: Vec<&str> = timeline
        .dated
        .iter()
        .map(|e| model.claims[e.claim].id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "nation-2024-10-19.nis-12000",
            "newsaz-2024-10-28.us-more-than-3000",
            "newsaz-2024-10-28.singh-10000",
            RYDER,
            "abcnews-2024-11-05.kursk-10000",
            "cna-2025-01-13.seoul-more-than-10000",
        ]
    );
    assert!(timeline.undated.is_empty());
    let standings: Vec<Standing> = timeline.dated.iter().map(|e| e.standing).collect();
    assert_eq!(
        standings,
        [
            Standing::Current,
            Standing::Superseded,
            Standing::Superseded,
            Standing::Current,
            Standing::Draft,
            Standing::Draft,
        ]
    );
    // Rows of time between claims: 69 days before the last draft.
    assert!(
        timeline
            .rows
            .iter()
            .any(|r| r.kind == RowKind::Gap { days: Some(69) })
    );
    // Singh's row is entered by the link from the older US figure and starts the link to
    // Ryder's, whose row the link enters.
    let row = |id: &str| {
        let place = app
            .topic_claims()
            .iter()
            .position(|&c| model.claims[c].id == id)
            .unwrap();
        &timeline.rows[timeline.row_of(place).unwrap()]
    };
    assert_eq!(row("newsaz-2024-10-28.us-more-than-3000").gutter, " ╭─");
    assert_eq!(row("newsaz-2024-10-28.singh-10000").gutter, "╭┴▸");
    assert_eq!(row(RYDER).gutter, "╰─▸");
    assert_eq!(row("nation-2024-10-19.nis-12000").gutter, "   ");
}

#[test]
fn the_window_is_marked_beside_the_dates_within_it_of_the_selected_claim() {
    let mut app = app_v2("v2-window", 120, 40);
    app.update(Action::ToggleTimeline);
    select_claim(&mut app, RYDER);
    let shown = text(&app, 120, 40);
    let line = |date: &str| {
        shown
            .lines()
            .find(|l| l.contains(date))
            .unwrap_or_else(|| panic!("no {date}:\n{shown}"))
            .to_string()
    };
    assert!(
        line("2024-10-18").contains("2024-10-18 ┃"),
        "17 days from Ryder's"
    );
    assert!(
        line("2025-01-13").contains("2025-01-13  "),
        "70 days from it"
    );
    assert!(line("▶2024-11-04").contains("Maj. Gen. Pat"), "{shown}");
}

#[test]
fn claims_without_a_date_are_listed_apart() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("u.claims.toml"),
        "[report]\nid = \"r\"\ntitle = \"R\"\n[[source]]\nid = \"a\"\nname = \"Alpha\"\n[[source]]\nid = \"b\"\nname = \"Beta\"\n[[topic]]\nid = \"t\"\nquestion = \"How many?\"\nunit = \"troops\"\n[[claim]]\nid = \"dated\"\ntopic = \"t\"\nsource = \"a\"\nquote = \"q\"\nstated = 2024-10-18\nfigure = 12000\n[[claim]]\nid = \"undated\"\ntopic = \"t\"\nsource = \"b\"\nquote = \"q\"\nfigure = { about = 11000 }\n",
    )
    .unwrap();
    let mut app = app_on(
        vec![dir.path().to_path_buf()],
        &journal_path("v2-undated"),
        80,
        24,
    );
    app.update(Action::ToggleTimeline);
    app.update(Action::NextClaim);
    let timeline = app.timeline.as_ref().unwrap();
    assert_eq!(timeline.dated.len(), 1);
    assert_eq!(timeline.undated.len(), 1);
    let shown = text(&app, 80, 24);
    assert!(shown.contains("undated: ▶Beta ≈ 11,000"), "{shown}");
    assert!(shown.contains(" 2024-10-18   Alpha ···"), "{shown}");
}

#[test]
fn at_80x24_the_timeline_takes_the_columns_place_and_every_claim_shows() {
    let mut app = app_v2("v2-small", 80, 24);
    app.update(Action::ToggleTimeline);
    let areas = app.areas().unwrap();
    assert_eq!(areas.comparison.height, crate::ui::layout::HEAD);
    let shown = text(&app, 80, 24);
    for date in [
        "2024-10-18",
        "2024-10-28",
        "2024-11-04",
        "2024-11-05",
        "2025-01-13",
    ] {
        assert!(shown.contains(date), "{date}\n{shown}");
    }
    assert!(
        shown.contains("▶ claim 1 of 6"),
        "where the selection is\n{shown}"
    );
    // The claim moves along the timeline.
    app.update(Action::NextClaim);
    assert!(text(&app, 80, 24).contains("▶2024-11-05"));
}

#[test]
fn a_click_on_a_claims_row_of_the_timeline_selects_it() {
    let mut app = app_v2("v2-click", 120, 40);
    app.update(Action::ToggleTimeline);
    let inner = app
        .areas()
        .unwrap()
        .scale
        .inner(ratatui::layout::Margin::new(1, 1));
    let first = app.timeline.as_ref().unwrap().dated[0].place;
    let click = |app: &mut App, y: u16| {
        let event = MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: inner.x + 20,
            row: y,
            modifiers: KeyModifiers::NONE,
        };
        if let Some(action) = crate::ui::mouse::to_action(event, app) {
            app.update(action);
        }
    };
    click(&mut app, inner.y);
    assert_eq!(app.claim_column, first, "the earliest claim's row");
    assert_eq!(selected_claim_id(&app), "nation-2024-10-19.nis-12000");
    click(&mut app, inner.y + 1);
    assert_eq!(app.claim_column, first, "a row of time selects nothing");
}

#[test]
fn filters_find_superseded_claims_drafts_and_stale_decisions() {
    let mut app = app_v2("v2-filters", 120, 40);
    let mut seen = Vec::new();
    for _ in 0..Filter::ALL.len() {
        app.update(Action::CycleFilter);
        seen.push((app.view.filter, topic_ids(&app).join(" ")));
    }
    let of = |f: Filter| seen.iter().find(|(g, _)| *g == f).unwrap().1.clone();
    assert_eq!(of(Filter::Superseded), "nkr-troops-sent nkr-deployed");
    assert_eq!(of(Filter::Drafts), "nkr-troops-sent nkr-casualties");
    assert_eq!(of(Filter::Stale), "nkr-troops-sent");
    assert_eq!(app.view.filter, Filter::All);
    // Deciding again on the changed claim leaves no stale decision.
    select_claim(&mut app, RYDER);
    app.update(Action::MarkVerified);
    while app.view.filter != Filter::Stale {
        app.update(Action::CycleFilter);
    }
    assert!(app.view.topics.is_empty());
    let header = &rows(&screen(&app, 120, 40))[1];
    assert!(header.contains("filter: stale"), "{header}");
}

#[test]
fn latest_first_sorts_topics_by_their_latest_claim_drafts_aside() {
    let mut app = app_v2("v2-sort", 120, 40);
    while app.view.sort != Sort::Latest {
        app.update(Action::CycleSort);
    }
    // Killed and deployed end on 22 January 2025 (file order between them); casualties on 13
    // January (its later draft aside); troops sent on 4 November 2024 (its drafts aside).
    assert_eq!(
        topic_ids(&app),
        [
            "nkr-killed",
            "nkr-deployed",
            "nkr-casualties",
            "nkr-troops-sent"
        ]
    );
    assert!(rows(&screen(&app, 120, 40))[1].contains("sort: latest first"));
}

#[test]
fn each_column_shows_date_origin_independence_and_the_stale_decision() {
    let mut app = app_v2("v2-columns", 200, 50);
    select_claim(&mut app, RYDER);
    let shown = text(&app, 200, 50);
    for expected in [
        "✎ changed since review",
        "was ✓ verified by ana",
        "note: Matches the Pentagon",
        "◇ draft",
        "B3 · evidence suggests 1",
        "corroborated by 1 ·",
        "stated 2024-11-04",
        "published 2025-01-13",
        "2 origins · 6 claims · 2 reviewed · spread 4.2% · ↳ 2 superseded · ◇ 2 drafts · ✎ 1 changed",
    ] {
        assert!(shown.contains(expected), "{expected}\n{shown}");
    }
    // The superseded claims, at the end of the topic, with what replaced them.
    app.update(Action::SelectClaimColumn(5));
    let shown = text(&app, 200, 50);
    for expected in [
        "↳ superseded by",
        "Sabrina Singh → origin:",
        "✗ disputed (kim)",
    ] {
        assert!(shown.contains(expected), "{expected}\n{shown}");
    }
}

#[test]
fn no_size_makes_the_timeline_panic() {
    let mut app = app_v2("v2-sizes", 120, 40);
    app.update(Action::ToggleTimeline);
    let sizes = [
        (1, 1),
        (59, 19),
        (60, 20),
        (61, 21),
        (80, 24),
        (99, 30),
        (500, 200),
    ];
    for &(w, h) in &sizes {
        app.update(Action::Resize(w, h));
        for action in [Action::NextClaim, Action::NextTopic, Action::LastTopic] {
            app.update(action);
            for &(fw, fh) in &sizes {
                let _ = screen(&app, fw, fh);
            }
        }
    }
}

#[test]
fn snapshot_format_two() {
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        let app = app_v2(&format!("v2-snap-{w}"), w, h);
        assert_snapshot!(format!("v2_{w}x{h}"), screen(&app, w, h));
    }
}

#[test]
fn snapshot_timeline() {
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        let mut app = app_v2(&format!("v2-timeline-{w}"), w, h);
        app.update(Action::ToggleTimeline);
        select_claim(&mut app, RYDER);
        assert_snapshot!(format!("timeline_{w}x{h}"), screen(&app, w, h));
    }
    // A yes/no topic: each stance in its third of the axis.
    let mut app = app_v2("v2-timeline-stances", 120, 40);
    app.update(Action::ToggleTimeline);
    app.update(Action::LastTopic);
    assert_snapshot!("timeline_stances_120x40", screen(&app, 120, 40));
}
