//! The screen's state, one test (or more) per action, and each defect found by a new user,
//! as plain changes of `App` on the fixture.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::*;

#[test]
fn topic_navigation_stays_in_bounds() {
    let mut app = app("nav-topics");
    assert_eq!(topic_id(&app), "nk-troops-total");
    app.update(Action::PrevTopic);
    assert_eq!(app.topic_row, 0);
    app.update(Action::NextTopic);
    assert_eq!(topic_id(&app), "nk-kursk-first-group");
    app.update(Action::LastTopic);
    let last = app.view.topics.len() - 1;
    assert_eq!(app.topic_row, last);
    app.update(Action::NextTopic);
    assert_eq!(app.topic_row, last);
    app.update(Action::FirstTopic);
    assert_eq!(app.topic_row, 0);
    app.update(Action::PageDown);
    assert_eq!(app.topic_row, last, "a page is longer than 8 topics");
    app.update(Action::PageUp);
    assert_eq!(app.topic_row, 0);
}

#[test]
fn claim_navigation_stays_in_bounds_and_resets_per_topic() {
    let mut app = app("nav-claims");
    assert_eq!(selected_claim_id(&app), "nis-troops-12000");
    app.update(Action::PrevClaim);
    assert_eq!(app.claim_column, 0);
    app.update(Action::NextClaim);
    assert_eq!(selected_claim_id(&app), "budanov-troops-11000");
    app.update(Action::NextClaim);
    assert_eq!(app.claim_column, 1);
    app.update(Action::NextTopic);
    assert_eq!(app.claim_column, 0);
}

#[test]
fn columns_scroll_sideways_to_keep_the_selected_claim_visible() {
    let mut app = app_on(vec![fixture()], &journal_path("scroll"), 70, 30);
    app.update(Action::NextTopic);
    app.update(Action::NextTopic);
    assert_eq!(topic_id(&app), "nk-troops-deployed");
    app.update(Action::NextClaim);
    app.update(Action::NextClaim);
    assert_eq!(app.claim_column, 2);
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
    let mut app = app_on(vec![fixture()], &path, 120, 40);
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
    let mut app = app_on(vec![fixture()], &path, 120, 40);
    app.update(Action::EditNote);
    assert!(matches!(app.mode, Mode::Note(_)));
    type_text(&mut app, "counts committed troops");
    app.update(Action::Submit);
    let c = app.selected_claim().unwrap();
    assert_eq!(
        app.session.review.decision(c).unwrap().note,
        Some("counts committed troops")
    );
    assert_eq!(
        app.session.review.status(c),
        Status::Unreviewed,
        "a note alone does not decide"
    );
    app.update(Action::MarkDisputed);
    assert_eq!(
        app.session.review.decision(c).unwrap().note,
        Some("counts committed troops")
    );
    app.update(Action::EditNote);
    type_text(&mut app, " EXTRA");
    app.update(Action::Back);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(
        app.session.review.decision(c).unwrap().note,
        Some("counts committed troops")
    );
    assert_eq!(journal::peek(&path).unwrap().unwrap().0.entries.len(), 2);
}

#[test]
fn undo_appends_the_previous_decision_and_keeps_history() {
    let path = journal_path("undo");
    let mut app = app_on(vec![fixture()], &path, 120, 40);
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
    assert_eq!(app.view.topics.len(), 8);
    app.update(Action::CycleFilter);
    assert_eq!(app.view.filter, Filter::Conflicts);
    assert_eq!(app.view.topics.len(), 1);
    assert_eq!(topic_id(&app), "nk-troops-total");
    app.update(Action::CycleFilter);
    assert_eq!(app.view.filter, Filter::Unreviewed);
    assert_eq!(app.view.topics.len(), 8);
    app.update(Action::CycleFilter);
    assert_eq!(app.view.filter, Filter::Disputed);
    assert!(app.view.topics.is_empty());
    assert_eq!(app.selected_claim(), None);
    app.update(Action::MarkDisputed);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("no claim selected")
    );
    for then in [
        Filter::Verified,
        Filter::Superseded,
        Filter::Drafts,
        Filter::Stale,
        Filter::Disagreements,
        Filter::Mine,
        Filter::NotMine,
        Filter::All,
    ] {
        app.update(Action::CycleFilter);
        assert_eq!(app.view.filter, then);
    }
    app.update(Action::MarkDisputed);
    app.update(Action::CycleFilter);
    app.update(Action::CycleFilter);
    app.update(Action::CycleFilter);
    assert_eq!(app.view.filter, Filter::Disputed);
    assert_eq!(app.view.topics.len(), 1);
}

#[test]
fn search_as_you_type_over_question_quote_source_and_ids_and_esc_clears() {
    let mut app = app("search");
    app.update(Action::StartSearch);
    type_text(&mut app, "zelensky");
    assert_eq!(app.view.topics.len(), 1);
    assert_eq!(topic_id(&app), "nk-officers-in-ukraine");
    app.update(Action::Submit);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.view.search, "zelensky");
    app.update(Action::Back);
    assert_eq!(app.view.search, "");
    assert_eq!(app.view.topics.len(), 8);
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
    assert_eq!(app.view.search, "KURS");
    app.update(Action::Back);
    assert_eq!(app.view.topics.len(), 8);
    app.update(Action::StartSearch);
    type_text(&mut app, "yonhap");
    assert_eq!(app.view.topics.len(), 2, "relays are searched too");
    app.update(Action::Back);
    app.update(Action::Back);
    assert!(app.quit);
}

#[test]
fn sort_cycles_through_spread_and_unreviewed() {
    let mut app = app("sort");
    app.update(Action::LastTopic);
    app.update(Action::CycleSort);
    assert_eq!(app.view.sort, Sort::Spread);
    assert_eq!(
        app.session.review.model.topics[app.view.topics[0]].id,
        "nk-troops-total"
    );
    assert_eq!(
        topic_id(&app),
        "nk-officers-in-ukraine",
        "the selection follows its topic"
    );
    app.update(Action::CycleSort);
    assert_eq!(app.view.sort, Sort::Unreviewed);
    assert_eq!(
        app.session.review.model.topics[app.view.topics[0]].id, "nk-troops-deployed",
        "3 unreviewed claims"
    );
    app.update(Action::CycleSort);
    assert_eq!(app.view.sort, Sort::Latest);
    app.update(Action::CycleSort);
    assert_eq!(app.view.sort, Sort::FileOrder);
    assert_eq!(
        app.session.review.model.topics[app.view.topics[0]].id,
        "nk-troops-total"
    );
}

#[test]
fn help_opens_and_closes_and_quit_quits() {
    let mut app = app("help");
    app.update(Action::ToggleHelp);
    assert!(matches!(app.mode, Mode::Help));
    app.update(Action::NextTopic);
    assert_eq!(app.topic_row, 0, "keys do nothing else under the help");
    app.update(Action::Back);
    assert!(matches!(app.mode, Mode::Normal));
    assert!(!app.quit);
    app.update(Action::Quit);
    assert!(app.quit);
}

/// A mouse event, through `ui::mouse` as the terminal loop sends it.
fn mouse(app: &mut App, kind: MouseEventKind, x: u16, y: u16) {
    let event = MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    };
    if let Some(action) = crate::ui::mouse::to_action(event, app) {
        app.update(action);
    }
}

#[test]
fn the_mouse_selects_topics_and_claims_and_scrolls() {
    let click = MouseEventKind::Down(MouseButton::Left);
    let mut app = app("mouse");
    let areas = app.areas().unwrap();
    mouse(&mut app, click, areas.topics.x + 3, areas.topics.y + 3);
    assert_eq!(app.topic_row, 2);
    let first_column = app.areas().unwrap().comparison;
    mouse(
        &mut app,
        click,
        first_column.x + first_column.width - 2,
        first_column.y + 4,
    );
    assert_eq!(app.claim_column, 2, "the third column");
    mouse(
        &mut app,
        MouseEventKind::ScrollUp,
        first_column.x + 2,
        first_column.y + 4,
    );
    assert_eq!(
        app.claim_column, 1,
        "the wheel over claims moves between claims"
    );
    mouse(
        &mut app,
        MouseEventKind::ScrollUp,
        areas.topics.x + 2,
        areas.topics.y + 2,
    );
    assert_eq!(app.topic_row, 1);
}

#[test]
fn a_click_on_the_second_of_two_columns_selects_it_and_a_border_selects_nothing() {
    // Two claims are drawn in two halves, not in the first two of three column slots.
    let click = MouseEventKind::Down(MouseButton::Left);
    let mut app = app("mouse-halves");
    let comparison = app.areas().unwrap().comparison;
    mouse(
        &mut app,
        click,
        comparison.x + comparison.width * 3 / 5,
        comparison.y + 4,
    );
    assert_eq!(app.claim_column, 1);
    let topics = app.areas().unwrap().topics;
    mouse(&mut app, click, topics.x + 3, topics.y);
    assert_eq!(app.topic_row, 0, "the border is not a row");
}

#[test]
fn a_read_only_journal_shows_a_notice_and_never_a_decision_as_saved() {
    let path = journal_path("damaged");
    std::fs::write(&path, "[[decision]]\nclaim = 7\nstatus = \"verified\"\nat = 2026-01-01T00:00:00Z\n\n[[decision]]\nclaim = \"x\"\nstatus = \"verified\"\nat = 2026-01-01T00:00:00Z\n").unwrap();
    let mut app = app_on(vec![fixture()], &path, 120, 40);
    assert!(app.is_read_only());
    assert!(
        matches!(
            &app.notices[0],
            Notice::Store(store::Notice::ReadOnly {
                why: store::ReadOnly::Damaged(_),
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
fn the_export_dialog_chooses_a_format_and_writes_beside_the_journal() {
    let path = journal_path("export");
    let mut app = app_on(vec![fixture()], &path, 120, 40);
    app.update(Action::MarkVerified);
    app.update(Action::Export);
    let Mode::Export(dialog) = &app.mode else {
        panic!("the dialog is open")
    };
    assert_eq!(dialog.format, crate::export::Format::Markdown);
    assert_eq!(
        dialog.target(),
        Some(path.with_file_name("review-summary.md"))
    );
    app.update(Action::NextFormat);
    app.update(Action::NextFormat);
    let Mode::Export(dialog) = &app.mode else {
        panic!()
    };
    assert_eq!(dialog.format, crate::export::Format::Csv);
    assert!(
        dialog.file().ends_with("review-summary.csv"),
        "the default path follows the format"
    );
    app.update(Action::Submit);
    assert!(matches!(app.mode, Mode::Normal));
    // The screen says what is being written before the terminal loop writes it.
    let csv = path.with_file_name("review-summary.csv");
    assert_eq!(
        app.message.as_ref().unwrap().text,
        format!("writing the csv summary to {}…", csv.display())
    );
    assert!(!csv.exists());
    app.write_requested_export();
    assert!(app.export_request.is_none());
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
fn ctrl_c_cancels_a_text_input_and_quits_otherwise() {
    use crate::ui::run::to_action;
    use ratatui::crossterm::event::Event;
    let mut app = app("ctrl-c");
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert_eq!(to_action(ctrl_c.clone(), &app), Some(Action::Quit));
    app.update(Action::StartSearch);
    assert_eq!(to_action(ctrl_c.clone(), &app), Some(Action::Back));
    let q = Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE));
    assert!(
        matches!(to_action(q, &app), Some(Action::Input(_))),
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

// The defects a new user met (issue 9), each as the state change that shows it fixed.

/// The selected row is among the rows the topic list shows.
fn selection_on_screen(app: &App) -> bool {
    let rows = crate::ui::layout::topic_rows(app.areas().unwrap().topics);
    (app.topic_offset..app.topic_offset + rows).contains(&app.topic_row)
}

#[test]
fn defect_3_a_resize_under_the_help_or_a_dialog_keeps_the_selected_topic_on_screen() {
    let open = [
        ("help", Action::ToggleHelp),
        ("note", Action::EditNote),
        ("export", Action::Export),
    ];
    for (what, open) in open {
        let mut app = app(&format!("resize-{what}"));
        for _ in 0..6 {
            app.update(Action::NextTopic);
        }
        assert_eq!(app.topic_row, 6);
        app.update(open);
        app.update(Action::Resize(60, 20));
        app.update(Action::Back);
        assert!(matches!(app.mode, Mode::Normal), "{what}");
        assert!(
            selection_on_screen(&app),
            "{what}: row {} with rows from {} shown",
            app.topic_row,
            app.topic_offset
        );
        let shown = rows(&screen(&app, 60, 20)).join("\n");
        assert!(shown.contains('▶'), "{what}: the pointer is drawn\n{shown}");
    }
}

fn ctrl_u() -> Action {
    Action::ClearInput
}

#[test]
fn defect_6_ctrl_u_erases_every_text_input() {
    use crate::ui::keymap::{action_for, for_mode};
    let mut app = app("ctrl-u");
    let ctrl_u_key = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
    app.update(Action::StartSearch);
    type_text(&mut app, "kursk");
    assert_eq!(action_for(for_mode(&app.mode), ctrl_u_key), Some(ctrl_u()));
    app.update(ctrl_u());
    assert_eq!(app.view.search, "", "not `kursku`");
    assert_eq!(app.view.topics.len(), 8);
    app.update(Action::Back);

    app.update(Action::EditNote);
    type_text(&mut app, "draft");
    app.update(ctrl_u());
    type_text(&mut app, "final");
    app.update(Action::Submit);
    let c = app.selected_claim().unwrap();
    assert_eq!(app.session.review.decision(c).unwrap().note, Some("final"));

    app.update(Action::Export);
    app.update(ctrl_u());
    let Mode::Export(dialog) = &app.mode else {
        panic!()
    };
    assert_eq!(
        dialog.file(),
        "",
        "the default path is erased, not appended to"
    );
}

#[test]
fn an_export_into_a_missing_directory_says_why_and_what_to_do() {
    let path = journal_path("export-missing-dir");
    let mut app = app_on(vec![fixture()], &path, 120, 40);
    app.update(Action::Export);
    app.update(ctrl_u());
    type_text(&mut app, "no/such/dir/out.md");
    app.update(Action::Submit);
    app.write_requested_export();
    let dir = path.with_file_name("no/such/dir");
    assert_eq!(
        app.message.as_ref().unwrap().text,
        format!(
            "NOT WRITTEN: {}: the directory {} does not exist; create the directory first, or choose another place",
            dir.join("out.md").display(),
            dir.display()
        )
    );
}

#[test]
fn defect_6_a_relative_export_path_is_beside_the_journal() {
    let path = journal_path("export-relative");
    let mut app = app_on(vec![fixture()], &path, 120, 40);
    app.update(Action::Export);
    app.update(ctrl_u());
    type_text(&mut app, "out.md");
    app.update(Action::Submit);
    app.write_requested_export();
    let written = path.with_file_name("out.md");
    assert!(written.exists(), "{:?}", app.message);
    assert!(
        !Path::new("out.md").exists(),
        "not where the screen was started"
    );
    assert_eq!(
        app.message.as_ref().unwrap().text,
        format!("wrote the markdown summary to {}", written.display())
    );
}

#[test]
fn defect_7_undo_goes_to_the_claim_it_changed_and_says_what_is_back() {
    let mut app = app("undo-where");
    // A note and a mark on the first topic's second claim.
    app.update(Action::NextClaim);
    app.update(Action::MarkVerified);
    write_note(&mut app, "seen in two sources");
    // Elsewhere, under a search that hides that topic.
    app.update(Action::StartSearch);
    type_text(&mut app, "zelensky");
    app.update(Action::Submit);
    assert_eq!(topic_id(&app), "nk-officers-in-ukraine");

    app.update(Action::Undo);
    assert_eq!(selected_claim_id(&app), "budanov-troops-11000");
    assert_eq!(app.view.search, "", "the search is cleared to show it");
    assert!(selection_on_screen(&app));
    let c = app.selected_claim().unwrap();
    assert_eq!(app.session.review.status(c), Status::Verified);
    assert_eq!(app.session.review.decision(c).unwrap().note, None);
    let said = &app.message.as_ref().unwrap().text;
    assert_eq!(
        said,
        "undone: budanov-troops-11000 is verified again, note “seen in two sources” removed \
         (filter and search cleared to show it)"
    );

    // Under a filter that hides it, from another topic.
    app.update(Action::LastTopic);
    app.update(Action::CycleFilter);
    app.update(Action::CycleFilter);
    app.update(Action::CycleFilter);
    assert_eq!(app.view.filter, Filter::Disputed);
    app.update(Action::Undo);
    assert_eq!(app.view.filter, Filter::All);
    assert_eq!(selected_claim_id(&app), "budanov-troops-11000");
    assert_eq!(
        app.session.review.status(app.selected_claim().unwrap()),
        Status::Unreviewed
    );
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "undone: budanov-troops-11000 is unreviewed again (filter and search cleared to show it)"
    );
}

#[test]
fn defect_7_undo_says_a_note_it_restores() {
    let mut app = app("undo-note");
    write_note(&mut app, "first");
    write_note(&mut app, "second");
    app.update(Action::NextTopic);
    app.update(Action::Undo);
    assert_eq!(selected_claim_id(&app), "nis-troops-12000");
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "undone: nis-troops-12000 is unreviewed again, note “first” restored"
    );
}

#[test]
fn defect_12_search_selects_the_first_claim_it_matches_and_says_where() {
    let mut app = app("search-claim");
    assert_eq!(selected_claim_id(&app), "nis-troops-12000");
    app.update(Action::StartSearch);
    type_text(&mut app, "budanov");
    assert_eq!(topic_id(&app), "nk-troops-total");
    assert_eq!(
        selected_claim_id(&app),
        "budanov-troops-11000",
        "the claim that matches, not the one selected before"
    );
    assert_eq!(app.search_match, Some(crate::ui::view::Field::ClaimId(1)));
    app.update(Action::Submit);
    // Moving to the next topic that matches selects its matching claim too.
    app.update(Action::NextTopic);
    assert_eq!(selected_claim_id(&app), "budanov-kursk-2600");
    // A search in the quotes.
    app.update(Action::Back);
    app.update(Action::FirstTopic);
    app.update(Action::StartSearch);
    type_text(&mut app, "eastern russia");
    assert_eq!(selected_claim_id(&app), "budanov-troops-11000");
    assert_eq!(
        app.search_match.map(|f| f.describe()).as_deref(),
        Some("claim 2's quote")
    );
}

#[test]
fn the_common_scale_lines_up_wide_and_combining_source_names() {
    let dir = tempfile::tempdir().unwrap();
    let claim = |id: &str, source: &str| {
        format!(
            "[[claim]]\nid = \"{id}\"\ntopic = \"t\"\nsource = \"{source}\"\nquote = \"q\"\nfigure = 100\n"
        )
    };
    let file = format!(
        "[report]\nid = \"r\"\ntitle = \"R\"\n\
         [[source]]\nid = \"ko\"\nname = \"국가정보원\"\n\
         [[source]]\nid = \"comb\"\nname = \"Cafe\u{301} Noe\u{308}l\"\n\
         [[source]]\nid = \"ascii\"\nname = \"NIS\"\n\
         [[topic]]\nid = \"t\"\nquestion = \"How many?\"\nunit = \"troops\"\n\
         [[claim]]\nid = \"low\"\ntopic = \"t\"\nsource = \"ascii\"\nquote = \"q\"\nfigure = 50\n{}{}{}",
        claim("ko-100", "ko"),
        claim("comb-100", "comb"),
        claim("ascii-100", "ascii"),
    );
    std::fs::write(dir.path().join("x.claims.toml"), file).unwrap();
    let app = app_on(
        vec![dir.path().to_path_buf()],
        &journal_path("wide-scale"),
        120,
        40,
    );
    let backend = screen(&app, 120, 40);
    let buffer = backend.buffer();
    // The column of the ● on each row that draws one, by cells.
    let dots: Vec<u16> = (0..40)
        .filter_map(|y| {
            let row: Vec<&str> = (0..120).map(|x| buffer[(x, y)].symbol()).collect();
            let has_name = ["국", "C", "N"].iter().any(|n| row.contains(n));
            let last = (0..120u16).rev().find(|&x| buffer[(x, y)].symbol() == "●");
            last.filter(|_| has_name)
        })
        .collect();
    assert_eq!(dots.len(), 4, "every figure is drawn: {:?}", rows(&backend));
    let at_100: Vec<u16> = dots.iter().copied().filter(|&x| x == dots[1]).collect();
    assert_eq!(
        at_100.len(),
        3,
        "the three figures of 100 line up: {dots:?}\n{:#?}",
        rows(&backend)
    );
}

/// An app on a copy of the NK story (drafts in two files), its own journal, and the copy.
fn story_copy(name: &str) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ui-v2");
    for entry in std::fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().to_string();
        if name.ends_with(".claims.toml") || name.ends_with(".txt") {
            std::fs::copy(entry.path(), dir.path().join(name)).unwrap();
        }
    }
    let app = app_on(vec![dir.path().to_path_buf()], &journal_path(name), 120, 40);
    (dir, app)
}

/// Select the claim with this id (clearing nothing: it must be in view).
fn select(app: &mut App, id: &str) {
    for _ in 0..app.view.topics.len() {
        if let Some(i) = app
            .topic_claims()
            .iter()
            .position(|&c| app.session.review.model.claims[c].id == id)
        {
            app.update(Action::SelectClaimColumn(i));
            return;
        }
        app.update(Action::NextTopic);
    }
    panic!("no claim {id} in view");
}

#[test]
fn a_accepts_the_selected_draft_in_its_file_and_u_takes_it_back() {
    let (dir, mut app) = story_copy("accept-draft");
    let file = dir.path().join("abcnews-2024-11-05.claims.toml");
    let before = std::fs::read_to_string(&file).unwrap();
    let id = "abcnews-2024-11-05.kursk-10000";
    select(&mut app, id);
    app.update(Action::AcceptDraft);
    let message = app.message.clone().unwrap();
    assert_eq!(
        message.kind,
        crate::ui::app::MessageKind::Saved,
        "{message:?}"
    );
    let after = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        after,
        before.replacen("draft = true\n", "", 1),
        "only the draft key goes"
    );
    let c = app.session.review.claim(id).unwrap();
    assert!(
        !app.session.review.model.claims[c].draft,
        "reloaded: no longer a draft"
    );
    assert_eq!(selected_claim_id(&app), id, "the selection stays on it");
    app.update(Action::Undo);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    let c = app.session.review.claim(id).unwrap();
    assert!(app.session.review.model.claims[c].draft);
    // A claim that is no draft is left alone.
    select(&mut app, "nation-2024-10-19.nis-12000");
    app.update(Action::AcceptDraft);
    assert!(app.message.as_ref().unwrap().text.contains("not a draft"));
}

#[test]
fn x_rejects_a_draft_from_its_file_and_a_changed_file_is_refused() {
    let (dir, mut app) = story_copy("reject-draft");
    let file = dir.path().join("cna-2025-01-13.claims.toml");
    let id = "cna-2025-01-13.seoul-more-than-10000";
    select(&mut app, id);
    // Someone edits the file meanwhile: nothing is written over it.
    let edited = std::fs::read_to_string(&file).unwrap() + "\n# an edit\n";
    std::fs::write(&file, &edited).unwrap();
    app.update(Action::RejectDraft);
    assert_eq!(
        app.message.as_ref().unwrap().kind,
        crate::ui::app::MessageKind::Error
    );
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("changed on disk since it was loaded")
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), edited);
    app.update(Action::Reload);
    select(&mut app, id);
    app.update(Action::RejectDraft);
    assert!(!std::fs::read_to_string(&file).unwrap().contains(id));
    assert_eq!(app.session.review.claim(id), None);
    app.update(Action::Undo);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), edited);
}

#[test]
fn capital_a_asks_then_accepts_every_draft_of_the_topic() {
    let (dir, mut app) = story_copy("accept-topic");
    select(&mut app, "abcnews-2024-11-05.kursk-10000");
    let drafts = |app: &App| {
        app.topic_claims()
            .iter()
            .filter(|&&c| app.session.review.model.claims[c].draft)
            .count()
    };
    assert_eq!(drafts(&app), 2);
    app.update(Action::AcceptTopicDrafts);
    assert!(app.message.as_ref().unwrap().text.contains("press A again"));
    app.update(Action::NextClaim);
    app.update(Action::AcceptTopicDrafts);
    assert_eq!(
        drafts(&app),
        2,
        "another key in between cancels the question"
    );
    app.update(Action::AcceptTopicDrafts);
    assert_eq!(drafts(&app), 0);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("accepted 2 drafts")
    );
    app.update(Action::Undo);
    assert_eq!(drafts(&app), 2, "both files as before");
    drop(dir);
}

#[test]
fn capital_e_asks_for_the_claims_file_at_its_line() {
    let (dir, mut app) = story_copy("editor");
    select(&mut app, "abcnews-2024-11-05.kursk-10000");
    app.update(Action::OpenInEditor);
    let (path, line) = app.editor_request.take().unwrap();
    assert_eq!(path, dir.path().join("abcnews-2024-11-05.claims.toml"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().nth(line as usize - 1), Some("[[claim]]"));
    assert!(
        text.lines()
            .nth(line as usize)
            .unwrap()
            .contains("kursk-10000")
    );
    app.edited(Ok(()));
    assert!(app.message.as_ref().unwrap().text.starts_with("reloaded"));
}
