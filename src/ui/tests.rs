//! The screen's state updates (one test per action) and snapshots of what it draws, on the
//! bundled `data/`.

use std::path::{Path, PathBuf};

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::decision::Status;
use crate::load;
use crate::session::{Notice, Reviewer, Session};
use crate::store;
use crate::store::{Journal, journal};
use crate::ui::action::Action;
use crate::ui::app::{App, Context, Filter, Mode, Sort};
use crate::ui::draw::draw;

fn fixed_now() -> jiff::Timestamp {
    "2026-11-26T13:45:00Z".parse().unwrap()
}

fn data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// A journal path of the test's own, relative so that snapshots are stable.
fn journal_path(name: &str) -> PathBuf {
    let dir = Path::new("target/test-journals").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("review.toml")
}

fn app_on(paths: Vec<PathBuf>, journal: &Path, width: u16, height: u16) -> App {
    let loaded = load::load(&paths);
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    let kim = Reviewer {
        name: "kim".into(),
        known: true,
    };
    let session = Session::open(loaded.model, paths, journal, kim);
    let mut app = App::new(session).with_clock(fixed_now);
    app.update(Action::Resize(width, height));
    app
}

fn app(name: &str) -> App {
    app_on(vec![data()], &journal_path(name), 120, 40)
}

fn key(c: char) -> Action {
    Action::Input(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(key(c));
    }
}

fn screen(app: &App, width: u16, height: u16) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| draw(f, app)).unwrap();
    terminal.backend().clone()
}

fn selected_claim_id(app: &App) -> &str {
    &app.session.review.model.claims[app.selected_claim().unwrap()].id
}

fn topic_id(app: &App) -> &str {
    &app.session.review.model.topics[app.selected_topic().unwrap()].id
}

#[test]
fn topic_navigation_stays_in_bounds() {
    let mut app = app("nav-topics");
    assert_eq!(topic_id(&app), "nk-troops-total");
    app.update(Action::PrevTopic);
    assert_eq!(app.topic, 0);
    app.update(Action::NextTopic);
    assert_eq!(topic_id(&app), "nk-kursk-first-group");
    app.update(Action::LastTopic);
    let last = app.topics.len() - 1;
    assert_eq!(app.topic, last);
    app.update(Action::NextTopic);
    assert_eq!(app.topic, last);
    app.update(Action::FirstTopic);
    assert_eq!(app.topic, 0);
    app.update(Action::PageDown);
    assert_eq!(app.topic, last, "a page is longer than 7 topics");
    app.update(Action::PageUp);
    assert_eq!(app.topic, 0);
}

#[test]
fn claim_navigation_stays_in_bounds_and_resets_per_topic() {
    let mut app = app("nav-claims");
    assert_eq!(selected_claim_id(&app), "nis-troops-12000");
    app.update(Action::PrevClaim);
    assert_eq!(app.claim, 0);
    app.update(Action::NextClaim);
    assert_eq!(selected_claim_id(&app), "budanov-troops-11000");
    app.update(Action::NextClaim);
    assert_eq!(app.claim, 1);
    app.update(Action::NextTopic);
    assert_eq!(app.claim, 0);
}

#[test]
fn columns_scroll_sideways_to_keep_the_selected_claim_visible() {
    let mut app = app_on(vec![data()], &journal_path("scroll"), 70, 30);
    app.update(Action::NextTopic);
    app.update(Action::NextTopic);
    assert_eq!(topic_id(&app), "nk-troops-deployed");
    app.update(Action::NextClaim);
    app.update(Action::NextClaim);
    assert_eq!(app.claim, 2);
    assert!(
        app.claim_offset > 0,
        "two columns fit at 70: the third scrolls in"
    );
    app.update(Action::PrevClaim);
    app.update(Action::PrevClaim);
    assert_eq!(app.claim_offset, 0);
}

#[test]
fn marks_are_saved_to_the_journal_before_they_show() {
    let path = journal_path("marks");
    let mut app = app_on(vec![data()], &path, 120, 40);
    app.update(Action::MarkVerified);
    app.update(Action::NextClaim);
    app.update(Action::MarkDisputed);
    assert_eq!(
        app.session
            .review
            .status(app.session.review.claim("nis-troops-12000").unwrap()),
        Status::Verified
    );
    assert_eq!(
        app.session
            .review
            .status(app.session.review.claim("budanov-troops-11000").unwrap()),
        Status::Disputed
    );
    app.update(Action::ClearMark);
    assert_eq!(
        app.session
            .review
            .status(app.session.review.claim("budanov-troops-11000").unwrap()),
        Status::Unreviewed
    );
    let (scan, _) = journal::peek(&path).unwrap().unwrap();
    let got: Vec<(&str, Status)> = scan
        .entries
        .iter()
        .map(|e| (e.decision.claim.as_str(), e.decision.status))
        .collect();
    assert_eq!(
        got,
        [
            ("nis-troops-12000", Status::Verified),
            ("budanov-troops-11000", Status::Disputed),
            ("budanov-troops-11000", Status::Unreviewed)
        ]
    );
    assert!(
        scan.entries
            .iter()
            .all(|e| e.decision.reviewer == "kim" && e.decision.at == fixed_now())
    );
}

#[test]
fn a_note_is_saved_with_enter_kept_by_later_marks_and_esc_cancels() {
    let path = journal_path("note");
    let mut app = app_on(vec![data()], &path, 120, 40);
    app.update(Action::EditNote);
    assert!(matches!(app.mode, Mode::Note(_)));
    type_text(&mut app, "counts committed troops");
    app.update(Action::Submit);
    let c = app.selected_claim().unwrap();
    assert_eq!(
        app.session.review.decision(c).unwrap().note.as_deref(),
        Some("counts committed troops")
    );
    assert_eq!(
        app.session.review.status(c),
        Status::Unreviewed,
        "a note alone does not decide"
    );
    app.update(Action::MarkDisputed);
    assert_eq!(
        app.session.review.decision(c).unwrap().note.as_deref(),
        Some("counts committed troops")
    );
    app.update(Action::EditNote);
    type_text(&mut app, " EXTRA");
    app.update(Action::Back);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(
        app.session.review.decision(c).unwrap().note.as_deref(),
        Some("counts committed troops")
    );
    assert_eq!(journal::peek(&path).unwrap().unwrap().0.entries.len(), 2);
}

#[test]
fn undo_appends_the_previous_decision_and_keeps_history() {
    let path = journal_path("undo");
    let mut app = app_on(vec![data()], &path, 120, 40);
    let c = app.selected_claim().unwrap();
    app.update(Action::MarkVerified);
    app.update(Action::MarkDisputed);
    app.update(Action::Undo);
    assert_eq!(app.session.review.status(c), Status::Verified);
    app.update(Action::Undo);
    assert_eq!(app.session.review.status(c), Status::Unreviewed);
    app.update(Action::Undo);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("nothing to undo")
    );
    let statuses: Vec<Status> = journal::peek(&path)
        .unwrap()
        .unwrap()
        .0
        .entries
        .iter()
        .map(|e| e.decision.status)
        .collect();
    assert_eq!(
        statuses,
        [
            Status::Verified,
            Status::Disputed,
            Status::Verified,
            Status::Unreviewed
        ]
    );
}

#[test]
fn filters_cycle_and_narrow_the_topics() {
    let mut app = app("filter");
    assert_eq!(app.topics.len(), 7);
    app.update(Action::CycleFilter);
    assert_eq!(app.filter, Filter::Conflicts);
    assert_eq!(app.topics.len(), 1);
    assert_eq!(topic_id(&app), "nk-troops-total");
    app.update(Action::CycleFilter);
    assert_eq!(app.filter, Filter::Unreviewed);
    assert_eq!(app.topics.len(), 7);
    app.update(Action::CycleFilter);
    assert_eq!(app.filter, Filter::Disputed);
    assert!(app.topics.is_empty());
    assert_eq!(app.selected_claim(), None);
    app.update(Action::MarkDisputed);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("no claim selected")
    );
    app.update(Action::CycleFilter);
    app.update(Action::CycleFilter);
    assert_eq!(app.filter, Filter::All);
    app.update(Action::MarkDisputed);
    app.update(Action::CycleFilter);
    app.update(Action::CycleFilter);
    app.update(Action::CycleFilter);
    assert_eq!(app.filter, Filter::Disputed);
    assert_eq!(app.topics.len(), 1);
}

#[test]
fn search_as_you_type_over_question_quote_source_and_ids_and_esc_clears() {
    let mut app = app("search");
    app.update(Action::StartSearch);
    type_text(&mut app, "zelensky");
    assert_eq!(app.topics.len(), 1);
    assert_eq!(topic_id(&app), "nk-officers-in-ukraine");
    app.update(Action::Submit);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.search, "zelensky");
    app.update(Action::Back);
    assert_eq!(app.search, "");
    assert_eq!(app.topics.len(), 7);
    assert!(!app.quit, "the first Esc clears the search");
    app.update(Action::StartSearch);
    type_text(&mut app, "KURSK");
    assert_eq!(
        topic_id(&app),
        "nk-kursk-first-group",
        "case-insensitive, quotes searched"
    );
    app.update(Action::Input(KeyEvent::new(
        KeyCode::Backspace,
        KeyModifiers::NONE,
    )));
    assert_eq!(app.search, "KURS");
    app.update(Action::Back);
    assert_eq!(app.topics.len(), 7);
    app.update(Action::StartSearch);
    type_text(&mut app, "yonhap");
    assert_eq!(app.topics.len(), 2, "relays are searched too");
    app.update(Action::Back);
    app.update(Action::Back);
    assert!(app.quit);
}

#[test]
fn sort_cycles_through_spread_and_unreviewed() {
    let mut app = app("sort");
    app.update(Action::LastTopic);
    app.update(Action::CycleSort);
    assert_eq!(app.sort, Sort::Spread);
    assert_eq!(
        app.session.review.model.topics[app.topics[0]].id,
        "nk-troops-total"
    );
    assert_eq!(
        topic_id(&app),
        "nk-officers-in-ukraine",
        "the selection follows its topic"
    );
    app.update(Action::CycleSort);
    assert_eq!(app.sort, Sort::Unreviewed);
    assert_eq!(
        app.session.review.model.topics[app.topics[0]].id, "nk-troops-deployed",
        "3 unreviewed claims"
    );
    app.update(Action::CycleSort);
    assert_eq!(app.sort, Sort::FileOrder);
    assert_eq!(
        app.session.review.model.topics[app.topics[0]].id,
        "nk-troops-total"
    );
}

#[test]
fn help_opens_and_closes_and_quit_quits() {
    let mut app = app("help");
    app.update(Action::ToggleHelp);
    assert!(matches!(app.mode, Mode::Help));
    app.update(Action::NextTopic);
    assert_eq!(app.topic, 0, "keys do nothing else under the help");
    app.update(Action::Back);
    assert!(matches!(app.mode, Mode::Normal));
    assert!(!app.quit);
    app.update(Action::Quit);
    assert!(app.quit);
}

#[test]
fn the_mouse_selects_topics_and_claims_and_scrolls() {
    let mut app = app("mouse");
    let areas = app.areas().unwrap();
    app.update(Action::Click(areas.topics.x + 3, areas.topics.y + 3));
    assert_eq!(app.topic, 2);
    let first_column = app.areas().unwrap().comparison;
    app.update(Action::Click(
        first_column.x + first_column.width - 2,
        first_column.y + 4,
    ));
    assert_eq!(app.claim, 2, "the third column");
    app.update(Action::ScrollUp(first_column.x + 2, first_column.y + 4));
    assert_eq!(app.claim, 1, "the wheel over claims moves between claims");
    app.update(Action::ScrollUp(areas.topics.x + 2, areas.topics.y + 2));
    assert_eq!(app.topic, 1);
}

#[test]
fn a_read_only_journal_shows_a_notice_and_never_a_decision_as_saved() {
    let path = journal_path("locked");
    let (_holder, _) = Journal::open(&path);
    let mut app = app_on(vec![data()], &path, 120, 40);
    assert!(app.is_read_only());
    assert!(
        matches!(
            &app.notices[0],
            Notice::Store(store::Notice::ReadOnly {
                why: store::ReadOnly::Locked,
                ..
            })
        ),
        "{:?}",
        app.notices
    );
    assert!(app.notices[0].to_string().starts_with("READ-ONLY"));
    app.update(Action::MarkVerified);
    assert_eq!(
        app.session.review.status(app.selected_claim().unwrap()),
        Status::Unreviewed
    );
    assert!(app.message.as_ref().unwrap().text.starts_with("NOT SAVED"));
}

#[test]
fn reload_picks_up_edited_files_and_decisions_follow_their_claims() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.claims.toml");
    let base = "[report]\nid = \"r\"\ntitle = \"R\"\n[[source]]\nid = \"s\"\nname = \"S\"\n[[topic]]\nid = \"t\"\nquestion = \"Q?\"\n";
    let claim = |id: &str| {
        format!(
            "[[claim]]\nid = \"{id}\"\ntopic = \"t\"\nsource = \"s\"\nquote = \"q\"\nstance = \"affirms\"\n"
        )
    };
    std::fs::write(&file, format!("{base}{}{}", claim("a"), claim("b"))).unwrap();
    let mut app = app_on(
        vec![dir.path().to_path_buf()],
        &journal_path("reload"),
        120,
        40,
    );
    app.update(Action::NextClaim);
    app.update(Action::MarkVerified);
    std::fs::write(&file, format!("{base}{}{}", claim("new"), claim("b"))).unwrap();
    app.update(Action::Reload);
    assert_eq!(app.session.review.model.claims.len(), 2);
    assert_eq!(
        selected_claim_id(&app),
        "b",
        "the selection follows its claim"
    );
    assert_eq!(
        app.session
            .review
            .status(app.session.review.claim("b").unwrap()),
        Status::Verified
    );
    std::fs::write(&file, format!("{base}{}", claim("new"))).unwrap();
    app.update(Action::Reload);
    assert_eq!(
        app.session.review.orphans.len(),
        1,
        "b's decision is kept as an orphan"
    );
    assert!(
        app.notices.iter().any(|n| matches!(
            n,
            Notice::Orphans { count: 1, first } if first == &["b".to_string()]
        )),
        "{:?}",
        app.notices
    );
    std::fs::write(&file, "broken").unwrap();
    app.update(Action::Reload);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .starts_with("reload failed")
    );
    assert_eq!(app.session.review.model.claims.len(), 1, "nothing changed");
}

#[test]
fn the_context_shows_the_quote_in_the_report_text() {
    let app = app("context");
    let Context::Found {
        before,
        quote,
        after,
    } = &app.context
    else {
        panic!("{:?}", app.context)
    };
    assert!(
        quote.contains("North Korea has committed 12,000 troops"),
        "{quote}"
    );
    assert!(before.ends_with("reported that "), "{before}");
    assert!(after.starts_with(", according to Yonhap"), "{after}");
}

#[test]
fn no_size_makes_drawing_panic() {
    let mut app = app("sizes");
    for (w, h) in [
        (1, 1),
        (2, 1),
        (1, 5),
        (20, 3),
        (59, 19),
        (60, 20),
        (61, 21),
        (99, 30),
        (100, 30),
        (200, 60),
        (500, 200),
    ] {
        app.update(Action::Resize(w, h));
        for action in [
            Action::NextClaim,
            Action::ToggleHelp,
            Action::Back,
            Action::NextTopic,
            Action::EditNote,
        ] {
            app.update(action);
            let _ = screen(&app, w, h);
        }
        app.update(Action::Back);
    }
}

#[test]
fn wide_combining_and_right_to_left_text_keeps_columns_aligned() {
    let dir = tempfile::tempdir().unwrap();
    let text = "[report]\nid = \"r\"\ntitle = \"북한군 러시아 파병 🚀\"\n[[source]]\nid = \"s\"\nname = \"국가정보원 (National Intelligence Service) 🇰🇷\"\n[[topic]]\nid = \"t\"\nquestion = \"북한은 러시아에 몇 명의 병력을 보냈는가? 🪖 هل أرسلت كوريا قوات؟ כמה חיילים\"\nunit = \"명\"\n";
    let claim = |id: &str, n: u32| {
        format!(
            "[[claim]]\nid = \"{id}\"\ntopic = \"t\"\nsource = \"s\"\nquote = \"북한이 러시아에 병력 {n}명을 보냈다 🚀🚀 e\u{301}\"\nfigure = {n}\n"
        )
    };
    std::fs::write(
        dir.path().join("k.claims.toml"),
        format!(
            "{text}{}{}{}",
            claim("a", 12000),
            claim("b", 11000),
            claim("c", 3000)
        ),
    )
    .unwrap();
    for (w, h) in [(120, 40), (80, 24), (61, 20)] {
        let app = app_on(vec![dir.path().to_path_buf()], &journal_path("wide"), w, h);
        let backend = screen(&app, w, h);
        let buffer = backend.buffer();
        // Column borders stay in their columns on every row: no wide text pushes them.
        let areas = app.areas().unwrap();
        let x = areas.comparison.x + areas.comparison.width - 1;
        for y in areas.comparison.y + 3..areas.comparison.y + areas.comparison.height - 1 {
            let cell = buffer[(x, y)].symbol();
            assert!(
                ["│", "┃"].contains(&cell),
                "{w}x{h}: row {y} ends in {cell:?}\n{backend}"
            );
        }
    }
}

#[test]
fn snapshot_side_by_side_at_120x40() {
    let app = app("snap-120");
    assert_snapshot!(screen(&app, 120, 40));
}

#[test]
fn snapshot_side_by_side_at_80x24() {
    let app = app_on(vec![data()], &journal_path("snap-80"), 80, 24);
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
    app.update(Action::EditNote);
    type_text(
        &mut app,
        "Counts soldiers in training, not all committed troops.",
    );
    app.update(Action::Submit);
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
fn the_export_dialog_chooses_a_format_and_writes_beside_the_journal() {
    let path = journal_path("export");
    let mut app = app_on(vec![data()], &path, 120, 40);
    app.update(Action::MarkVerified);
    app.update(Action::Export);
    let Mode::Export(dialog) = &app.mode else {
        panic!("the dialog is open")
    };
    assert_eq!(dialog.format, crate::export::Format::Markdown);
    assert_eq!(
        dialog.path.lines().join(""),
        path.with_file_name("review-summary.md")
            .display()
            .to_string()
    );
    let tab = Action::Input(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    app.update(tab);
    app.update(tab);
    let Mode::Export(dialog) = &app.mode else {
        panic!()
    };
    assert_eq!(dialog.format, crate::export::Format::Csv);
    assert!(
        dialog.path.lines().join("").ends_with("review-summary.csv"),
        "the default path follows the format"
    );
    app.update(Action::Submit);
    assert!(matches!(app.mode, Mode::Normal));
    let written = std::fs::read_to_string(path.with_file_name("review-summary.csv")).unwrap();
    assert!(
        written.contains("nis-troops-12000") && written.contains(",verified,"),
        "{written}"
    );
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .starts_with("wrote the csv summary to")
    );
    app.update(Action::Export);
    app.update(Action::Back);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.message.as_ref().unwrap().text, "export cancelled");
}

#[test]
fn snapshot_export_dialog() {
    let mut app = app("snap-export");
    app.update(Action::Export);
    assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn ctrl_c_cancels_a_text_input_and_quits_otherwise() {
    use crate::ui::run::to_action;
    use ratatui::crossterm::event::Event;
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert_eq!(to_action(ctrl_c.clone(), &Mode::Search), Some(Action::Back));
    assert_eq!(to_action(ctrl_c.clone(), &Mode::Normal), Some(Action::Quit));
    let q = Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE));
    assert!(
        matches!(to_action(q, &Mode::Search), Some(Action::Input(_))),
        "q is typed, not quit"
    );
}

#[test]
fn drawing_at_a_size_other_than_the_last_resize_event_never_panics() {
    // While a terminal is being resized the last event and the real size can disagree.
    let sizes = [
        (1, 1),
        (500, 200),
        (2, 3),
        (59, 19),
        (80, 24),
        (1, 200),
        (500, 1),
        (61, 20),
        (300, 100),
        (120, 40),
    ];
    let mut app = app("sizes-mismatch");
    for &(ew, eh) in &sizes {
        app.update(Action::Resize(ew, eh));
        for action in [Action::NextClaim, Action::NextTopic, Action::LastTopic] {
            app.update(action);
            for &(fw, fh) in &sizes {
                let _ = screen(&app, fw, fh);
            }
        }
    }
}
