//! Several reviewers on one journal: what others save comes in on `Action::Tick` (a second
//! `Session` stands in for another screen or `mark`), each claim lists every reviewer's decision,
//! disagreements are marked, the filters `disagreements`, `mine` and `not mine`, and a blind
//! review; screens as snapshots of `tests/fixtures/ui-v2` with the journal of a desk of three.

use std::cell::Cell;
use std::rc::Rc;

use insta::assert_snapshot;

use super::*;
use crate::decision::Decision;
use crate::store::{Changes, ReadOnly, Store, StoreError};
use crate::ui::app::MessageKind;
use crate::ui::tests::snapshots::selected_column;

fn fixture_v2() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ui-v2")
}

const RYDER: &str = "abcnews-2024-11-05.ryder-11000-12000";
const NIS_12000: &str = "nation-2024-10-19.nis-12000";
const KILLED_300: &str = "cna-2025-01-13.nis-killed-300";

/// An app (kim's) on the format-2 fixture with the desk's journal: ana, kim and lee.
fn desk(name: &str, width: u16, height: u16, blind: bool) -> App {
    let journal = journal_path(name);
    std::fs::copy(fixture_v2().join("desk.review.toml"), &journal).unwrap();
    app_on(vec![fixture_v2()], &journal, width, height).with_blind(blind)
}

/// Another writer on the same journal: a second session, as another screen or `mark` is.
fn writer(paths: Vec<PathBuf>, journal: &Path, name: &str) -> Session {
    let reviewer = Reviewer {
        name: name.into(),
        known: true,
    };
    Session::open(load::load(&paths).model, paths, journal, reviewer)
}

fn record(session: &mut Session, claim: &str, status: Status, note: Option<&str>) {
    let decision = session.decision(claim, status, note.map(str::to_string));
    session.record(decision).unwrap();
}

fn text(app: &App, width: u16, height: u16) -> String {
    rows(&screen(app, width, height)).join("\n")
}

/// Select a claim by id, from the first topic on.
fn go_to(app: &mut App, id: &str) {
    app.update(Action::FirstTopic);
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

fn topic_ids(app: &App) -> Vec<&str> {
    app.view
        .topics
        .iter()
        .map(|&t| app.session.review.model.topics[t].id.as_str())
        .collect()
}

fn filter(app: &mut App, wanted: Filter) {
    while app.view.filter != wanted {
        app.update(Action::CycleFilter);
    }
}

#[test]
fn a_tick_puts_in_force_what_another_writer_saved_and_says_so_once() {
    let journal = journal_path("desk-tick");
    let mut app = app_on(vec![fixture()], &journal, 120, 40);
    let mut lee = writer(vec![fixture()], &journal, "lee");
    app.update(Action::NextClaim);
    let id = selected_claim_id(&app).to_string();
    let claim = app.selected_claim().unwrap();
    let before = app.outside_changes;
    app.update(Action::Tick);
    assert_eq!(app.outside_changes, before, "nothing new: nothing to draw");
    assert!(app.message.is_none());

    record(
        &mut lee,
        &id,
        Status::Disputed,
        Some("Trainees, not troops."),
    );
    assert_eq!(
        app.session.review.status(claim),
        Status::Unreviewed,
        "not yet looked"
    );
    app.update(Action::Tick);
    let message = app.message.clone().unwrap();
    assert_eq!(message.kind, MessageKind::Info);
    assert_eq!(message.text, format!("lee disputed {id}"));
    assert_eq!(app.outside_changes, before + 1);
    assert_eq!(app.session.review.status(claim), Status::Disputed);
    assert_eq!(selected_claim_id(&app), id, "the selection stays");
    assert_eq!(app.reviewed_in(app.selected_topic().unwrap()), 1);
    let shown = text(&app, 120, 40);
    assert!(shown.contains("reviewed 1/"), "{shown}");
    assert!(
        shown.contains("· you (kim) 0/"),
        "another reviewer decided: {shown}"
    );
    assert!(shown.contains("✗ disputed (lee) · just now"), "{shown}");
    assert!(shown.contains("note: Trainees, not troops."), "{shown}");
    assert!(
        shown.contains(&format!(" lee disputed {id}")),
        "the status line: {shown}"
    );
    // Said once: the next tick has nothing new, and the message stays until a key.
    app.update(Action::Tick);
    assert_eq!(app.outside_changes, before + 1);
    assert_eq!(app.message.as_ref().unwrap().text, message.text);
    app.update(Action::PrevClaim);
    assert!(app.message.is_none());

    // Kim verifies what lee disputed: they disagree, on the claim, the topic and the scale.
    app.update(Action::NextClaim);
    app.update(Action::MarkVerified);
    let t = app.selected_topic().unwrap();
    assert_eq!(app.disagreements_in(t), 1);
    assert_eq!(app.topic_counts.unwrap().disagreements, 1);
    let shown = text(&app, 120, 40);
    assert!(shown.contains("⇄ reviewers disagree"), "{shown}");
    assert!(shown.contains("✗ disputed by lee · just now"), "{shown}");
    assert!(
        shown.contains("⇄ 1 disagreement"),
        "the topic's facts: {shown}"
    );
    assert!(shown.contains("⇄1/2"), "the topic's row: {shown}");
    // Two more by lee in one look: the last said, the other counted.
    let other = app.session.review.model.claims[app.topic_claims()[0]]
        .id
        .clone();
    record(&mut lee, &other, Status::Verified, None);
    record(&mut lee, &id, Status::Verified, None);
    app.update(Action::Tick);
    assert_eq!(
        app.message.as_ref().unwrap().text,
        format!("lee verified {id} (and 1 more decision from elsewhere)")
    );
    assert_eq!(app.disagreements_in(t), 0, "they agree now");
    assert_eq!(app.session.review.progress().verified, 2);
}

#[test]
fn others_decisions_that_come_in_with_ours_are_said_with_it() {
    let journal = journal_path("desk-with-ours");
    let mut app = app_on(vec![fixture()], &journal, 120, 40);
    let mut lee = writer(vec![fixture()], &journal, "lee");
    let first = selected_claim_id(&app).to_string();
    app.update(Action::NextClaim);
    let second = selected_claim_id(&app).to_string();
    record(&mut lee, &first, Status::Verified, None);
    app.update(Action::MarkDisputed);
    assert_eq!(
        app.message.as_ref().unwrap().text,
        format!("saved: {second} disputed · lee verified {first}")
    );
    assert_eq!(app.session.review.progress().verified, 1);
    let before = app.outside_changes;
    app.update(Action::Tick);
    assert_eq!(app.outside_changes, before, "already said");
}

#[test]
fn others_decisions_never_pull_the_selected_claim_from_under_the_reviewer() {
    let journal = journal_path("desk-keep");
    let mut app = app_on(vec![fixture()], &journal, 120, 40);
    let mut lee = writer(vec![fixture()], &journal, "lee");
    filter(&mut app, Filter::Unreviewed);
    // A topic of one claim, the third shown.
    while app.topic_claims().len() != 1 {
        app.update(Action::NextTopic);
    }
    let id = selected_claim_id(&app).to_string();
    let topic = app.selected_topic();
    let row = app.topic_row;
    record(&mut lee, &id, Status::Verified, None);
    app.update(Action::Tick);
    assert_eq!(
        app.selected_topic(),
        topic,
        "kept, though it has no unreviewed claim now"
    );
    assert_eq!(app.topic_row, row);
    assert_eq!(selected_claim_id(&app), id);
    // The reviewer's own key filters again.
    app.update(Action::CycleFilter);
    app.update(Action::CycleFilter);
    while app.view.filter != Filter::Unreviewed {
        app.update(Action::CycleFilter);
    }
    assert!(app.view.row_of(topic.unwrap()).is_none());
}

/// A store that fails to read others' decisions while `failing` is set.
struct Flaky {
    failing: Rc<Cell<bool>>,
}

impl Store for Flaky {
    fn location(&self) -> String {
        "flaky.toml".into()
    }
    fn read_only(&self) -> Option<&ReadOnly> {
        None
    }
    fn notices(&self) -> Vec<crate::store::Notice> {
        Vec::new()
    }
    fn changes(&mut self) -> Result<Changes, StoreError> {
        if self.failing.get() {
            return Err(StoreError::Read {
                location: self.location(),
                reason: "input/output error".into(),
            });
        }
        Ok(Changes::Nothing)
    }
    fn append(&mut self, _: &Decision) -> Result<Vec<crate::decision::Entry>, StoreError> {
        Ok(Vec::new())
    }
    fn reread(&mut self) -> Result<Vec<crate::decision::Entry>, StoreError> {
        Ok(Vec::new())
    }
}

#[test]
fn a_store_that_cannot_be_read_is_said_once_and_the_screen_goes_on() {
    let failing = Rc::new(Cell::new(true));
    let store = Flaky {
        failing: Rc::clone(&failing),
    };
    let paths = vec![fixture()];
    let kim = Reviewer {
        name: "kim".into(),
        known: true,
    };
    let session = Session::with_store(
        load::load(&paths).model,
        paths,
        Box::new(store),
        Vec::new(),
        PathBuf::from("."),
        kim,
    );
    let mut app = App::new(session).with_clock(fixed_now);
    app.update(Action::Resize(120, 40));
    app.update(Action::Tick);
    let said = app.message.clone().unwrap();
    assert_eq!(said.kind, MessageKind::Error);
    assert_eq!(
        said.text,
        "others' decisions cannot be read: flaky.toml cannot be read: input/output error"
    );
    let changes = app.outside_changes;
    app.update(Action::NextTopic);
    for _ in 0..5 {
        app.update(Action::Tick);
    }
    assert!(app.message.is_none(), "said once, not every tick");
    assert_eq!(app.outside_changes, changes);
    // The screen goes on: keys work; once the store reads again, decisions are saved.
    assert_eq!(app.topic_row, 1);
    failing.set(false);
    app.update(Action::Tick);
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "flaky.toml is back: decisions are saved again",
        "said when it is back"
    );
    app.update(Action::Tick);
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "flaky.toml is back: decisions are saved again",
        "said once"
    );
    app.update(Action::MarkVerified);
    assert_eq!(app.message.as_ref().unwrap().kind, MessageKind::Saved);
    // Failing again: said again.
    failing.set(true);
    app.update(Action::Tick);
    assert_eq!(app.message.as_ref().unwrap().kind, MessageKind::Error);
}

#[test]
fn each_claim_lists_every_reviewers_decision_the_one_in_force_first() {
    let mut app = desk("desk-columns", 200, 50, false);
    go_to(&mut app, RYDER);
    // The selected column, top to bottom.
    let column = |app: &App| -> Vec<String> {
        let backend = screen(app, 200, 50);
        let shown = rows(&backend).join("\n");
        text_in(&backend, selected_column(app))
            .into_iter()
            .map(|l| l.trim_end().to_string())
            .chain([shown])
            .collect()
    };
    let in_order = |lines: &[String], expected: &[&str]| {
        let shown = lines.last().unwrap();
        let at: Vec<usize> = expected
            .iter()
            .map(|needle| {
                lines
                    .iter()
                    .position(|l| l.contains(needle))
                    .unwrap_or_else(|| panic!("{needle}\n{shown}"))
            })
            .collect();
        assert!(at.is_sorted(), "{at:?}\n{shown}");
    };
    let lines = column(&app);
    in_order(
        &lines,
        &[
            "✗ disputed (kim) · 2 h ago",
            "⇄ reviewers disagree",
            "note: Ryder gave a range",
            "✓ verified by lee · 2d",
        ],
    );
    // Without kim's note there is room for ana's stale decision, the oldest, last.
    write_note(&mut app, "");
    in_order(
        &column(&app),
        &[
            "✗ disputed (kim) · just now",
            "⇄ reviewers disagree",
            "✓ verified by lee · 2d",
            "✎ was ✓ verified by ana · 6d",
        ],
    );
    let shown = lines.last().unwrap();
    assert!(
        shown.contains("reviewed 4/17 · verified 1 · disputed 3 · you (kim) 3/17"),
        "{shown}"
    );
    assert!(shown.contains("⇄ 1 disagreement"), "{shown}");
    // NIS's 12,000: ana's is in force, kim's own is listed under it.
    go_to(&mut app, NIS_12000);
    let shown = text(&app, 200, 50);
    assert!(shown.contains("✓ verified (ana) · 5 min ago"), "{shown}");
    assert!(shown.contains("✓ verified by kim · 23 h ago"), "{shown}");
    // The scale marks the claim reviewers disagree on.
    assert!(shown.contains("│ ⇄Maj. Gen. Pa"), "{shown}");
    // Where a column is too narrow for when beside what, when begins the next line.
    let mut app = desk("desk-columns-80", 80, 24, false);
    app.update(Action::NextClaim);
    let shown = text(&app, 80, 24);
    assert!(shown.contains("│✗ disputed (kim)  │"), "{shown}");
    assert!(shown.contains("│2 h ago: Ryder    │"), "{shown}");
}

#[test]
fn filters_find_disagreements_mine_and_not_mine() {
    let mut app = desk("desk-filters", 120, 40, false);
    filter(&mut app, Filter::Disagreements);
    assert_eq!(topic_ids(&app), ["nkr-troops-sent", "nkr-killed"]);
    filter(&mut app, Filter::Mine);
    assert_eq!(topic_ids(&app), ["nkr-troops-sent"]);
    filter(&mut app, Filter::NotMine);
    assert_eq!(
        topic_ids(&app).len(),
        4,
        "every topic has a claim kim has not decided"
    );
    assert!(rows(&screen(&app, 120, 40))[1].contains("filter: not mine"));
    // Kim decides NIS's 300 killed: nkr-killed is hers too.
    go_to(&mut app, KILLED_300);
    app.update(Action::MarkDisputed);
    filter(&mut app, Filter::Mine);
    assert_eq!(topic_ids(&app), ["nkr-troops-sent", "nkr-killed"]);
}

#[test]
fn blind_hides_others_decisions_until_this_reviewer_decides_the_claim() {
    let mut app = desk("desk-blind", 120, 40, true);
    go_to(&mut app, KILLED_300);
    let shown = text(&app, 120, 40);
    assert!(shown.contains(" BLIND "), "{shown}");
    assert!(shown.contains("reviewed 4/17 · you (kim) 3/17"), "{shown}");
    assert!(
        !shown.contains("verified 1 · disputed 3"),
        "the desk's split is hidden: {shown}"
    );
    assert!(shown.contains("○ unreviewed (blind)"), "{shown}");
    let backend = screen(&app, 120, 40);
    let areas = app.areas().unwrap();
    let claims = [areas.comparison, areas.scale]
        .map(|area| text_in(&backend, area).join("\n"))
        .join("\n");
    for hidden in [
        "by lee",
        "(lee)",
        "by ana",
        "(ana)",
        "⇄",
        "NIS briefing to",
        "account only",
    ] {
        assert!(!claims.contains(hidden), "{hidden}\n{shown}");
    }
    let row = shown
        .lines()
        .find(|l| l.contains("How many … fighting"))
        .unwrap();
    assert!(row.contains(" 0/2"), "{row}");
    let t = app.selected_topic().unwrap();
    assert_eq!(app.reviewed_in(t), 0, "what kim may see");
    assert_eq!(app.disagreements_in(t), 0);
    // Nothing of others' leaks through the note, the filters or the sort either.
    app.update(Action::EditNote);
    let Mode::Note(dialog) = &app.mode else {
        panic!("the note dialog")
    };
    assert_eq!(dialog.text(), "");
    app.update(Action::Back);
    filter(&mut app, Filter::Disagreements);
    assert_eq!(
        topic_ids(&app),
        ["nkr-troops-sent"],
        "only where kim decided"
    );
    filter(&mut app, Filter::Verified);
    assert!(!topic_ids(&app).contains(&"nkr-killed"));
    filter(&mut app, Filter::All);

    // Kim decides it: everything is shown.
    go_to(&mut app, KILLED_300);
    app.update(Action::MarkVerified);
    let shown = text(&app, 120, 40);
    assert!(shown.contains("✓ verified (kim) · just now"), "{shown}");
    assert!(shown.contains("⇄ reviewers disagree"), "{shown}");
    assert!(shown.contains("✗ disputed by lee"), "{shown}");
    assert_eq!(app.disagreements_in(t), 1);
    assert!(shown.contains("you (kim) 4/17"), "{shown}");
    // Clearing the mark hides them again.
    app.update(Action::ClearMark);
    assert!(text(&app, 120, 40).contains("○ unreviewed (blind)"));
}

#[test]
fn blind_news_on_claims_not_yet_decided_is_counted_not_told() {
    let journal = journal_path("desk-blind-news");
    std::fs::copy(fixture_v2().join("desk.review.toml"), &journal).unwrap();
    let mut app = app_on(vec![fixture_v2()], &journal, 120, 40).with_blind(true);
    let mut lee = writer(vec![fixture_v2()], &journal, "lee");
    record(
        &mut lee,
        "newsaz-2024-10-28.pentagon-deployed",
        Status::Verified,
        None,
    );
    app.update(Action::Tick);
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "1 decision from elsewhere, hidden until you decide (blind)"
    );
    // On a claim kim decided, the news is told.
    record(&mut lee, NIS_12000, Status::Disputed, None);
    record(
        &mut lee,
        "newsaz-2024-10-28.rutte-deployment",
        Status::Disputed,
        None,
    );
    app.update(Action::Tick);
    assert_eq!(
        app.message.as_ref().unwrap().text,
        format!(
            "lee disputed {NIS_12000} · 1 decision from elsewhere, hidden until you decide (blind)"
        )
    );
}

#[test]
fn marks_notes_and_undo_are_this_reviewers_own_never_anothers() {
    let journal = journal_path("desk-own");
    std::fs::copy(fixture_v2().join("desk.review.toml"), &journal).unwrap();
    let mut app = app_on(vec![fixture_v2()], &journal, 120, 40);
    go_to(&mut app, NIS_12000);
    // Ana's note is in force; kim's own decision has none: the dialog starts empty.
    app.update(Action::EditNote);
    let Mode::Note(dialog) = &app.mode else {
        panic!("the note dialog")
    };
    assert_eq!(dialog.text(), "");
    app.update(Action::Back);
    app.update(Action::MarkDisputed);
    let mine = |app: &App| {
        let c = app.session.review.claim(NIS_12000).unwrap();
        app.session
            .review
            .decision_of(c, "kim")
            .unwrap()
            .to_decision()
    };
    assert_eq!(mine(&app).status, Status::Disputed);
    assert_eq!(
        mine(&app).note,
        None,
        "ana's note is not carried into kim's decision"
    );
    app.update(Action::Undo);
    assert_eq!(mine(&app).status, Status::Verified, "kim's own, not ana's");
    assert_eq!(mine(&app).note, None);
    // On Ryder kim's note is kept by a new mark.
    go_to(&mut app, RYDER);
    app.update(Action::MarkVerified);
    let c = app.session.review.claim(RYDER).unwrap();
    let kims = app.session.review.decision_of(c, "kim").unwrap();
    assert!(kims.note.unwrap().starts_with("Ryder gave a range"));
    // A note written on a claim kim has not decided goes with kim's status (unreviewed), not
    // with lee's or ana's.
    go_to(&mut app, KILLED_300);
    write_note(&mut app, "Ask the desk.");
    let c = app.session.review.claim(KILLED_300).unwrap();
    let kims = app.session.review.decision_of(c, "kim").unwrap();
    assert_eq!(kims.status, Status::Unreviewed);
}

#[test]
fn snapshot_desk() {
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        let app = desk(&format!("desk-snap-{w}"), w, h, false);
        assert_snapshot!(format!("desk_{w}x{h}"), screen(&app, w, h));
    }
    // Blind, on the claim kim has not decided (beside Western officials' 1,000, undecided).
    let mut app = desk("desk-snap-blind", 120, 40, true);
    go_to(&mut app, KILLED_300);
    assert_snapshot!("desk_blind_120x40", screen(&app, 120, 40));
}
