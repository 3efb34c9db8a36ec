//! The journal and the screen at scale: replay, append, drawing a frame, a search keystroke,
//! moving the selection. `cargo bench --bench review`.

mod support;

use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use crosscheck::decision::{Decision, Status};
use crosscheck::session::{Reviewer, Session};
use crosscheck::store::{Journal, Store};
use crosscheck::ui::action::Action;
use crosscheck::ui::app::App;
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The allocator the binary uses, so that the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

struct Data {
    dir: PathBuf,
    claim_ids: Vec<String>,
}

fn data(claims: usize) -> &'static Data {
    static DATA: OnceLock<Mutex<Vec<(usize, &'static Data)>>> = OnceLock::new();
    let all = DATA.get_or_init(Default::default);
    let mut all = all.lock().unwrap();
    if let Some((_, d)) = all.iter().find(|(c, _)| *c == claims) {
        return d;
    }
    let generated = support::dataset(claims);
    let data: &'static Data = Box::leak(Box::new(Data {
        dir: generated.dir,
        claim_ids: generated.claim_ids,
    }));
    all.push((claims, data));
    data
}

fn decision(claim: &str) -> Decision {
    Decision {
        claim: claim.into(),
        status: Status::Verified,
        note: Some("checked".into()),
        reviewer: "bench".into(),
        fingerprint: None,
        fields: None,
        at: jiff::Timestamp::UNIX_EPOCH,
    }
}

/// Replaying a journal of 100k decisions.
#[divan::bench(sample_count = 10)]
fn journal_replay_100k(bencher: Bencher) {
    let d = data(1_000);
    let path = d.dir.join("replay.toml");
    support::dataset::journal(&path, &d.claim_ids, 100_000).unwrap();
    bencher.bench(|| {
        let (scan, _) = crosscheck::store::journal::peek(&path).unwrap().unwrap();
        assert_eq!(scan.entries.len(), 100_000);
        scan
    });
}

/// One append (write + sync_data) after 10 and after 100k decisions.
#[divan::bench(args = [10, 100_000], sample_count = 20)]
fn journal_append(bencher: Bencher, prior: usize) {
    let d = data(1_000);
    let path = d.dir.join(format!("append-{prior}.toml"));
    support::dataset::journal(&path, &d.claim_ids, prior).unwrap();
    let (mut journal, replay) = Journal::open(&path);
    assert_eq!(replay.entries.len(), prior);
    let one = decision(&d.claim_ids[0]);
    bencher.bench_local(|| journal.append(&one).unwrap());
}

fn app(claims: usize) -> App {
    let d = data(claims);
    let loaded = crosscheck::load::load(std::slice::from_ref(&d.dir));
    let journal_path = d.dir.join(format!("screen-{}.toml", std::process::id()));
    let _ = std::fs::remove_file(&journal_path);
    let bench = Reviewer {
        name: "bench".into(),
        known: true,
    };
    let session = Session::open(loaded.model, vec![d.dir.clone()], &journal_path, bench);
    let mut app = App::new(session);
    app.update(Action::Resize(120, 40));
    // Wait for the search index (built on another thread at start) so it does not share the
    // cores with what is measured.
    app.update(Action::StartSearch);
    app.update(Action::Input(KeyEvent::new(
        KeyCode::Char('x'),
        KeyModifiers::NONE,
    )));
    app.update(Action::Back);
    app
}

/// Drawing one frame at 120x40: the same work at 1k and 100k claims.
#[divan::bench(args = [1_000, 100_000], sample_count = 50)]
fn draw_frame(bencher: Bencher, claims: usize) {
    let app = app(claims);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    bencher.bench_local(|| {
        terminal
            .draw(|f| crosscheck::ui::draw::draw(f, &app))
            .map(|_| ())
            .unwrap()
    });
}

/// One keystroke of a search over every topic, quote and source.
#[divan::bench(args = [100_000], sample_count = 30)]
fn search_keystroke(bencher: Bencher, claims: usize) {
    let mut app = app(claims);
    app.update(Action::StartSearch);
    for c in "sector 12".chars() {
        app.update(Action::Input(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
    let backspace = Action::Input(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    let three = Action::Input(KeyEvent::new(KeyCode::Char('3'), KeyModifiers::NONE));
    bencher.bench_local(|| {
        app.update(three);
        app.update(backspace);
    });
}

/// Moving the selection down and up a topic (each with a claim and its report's context).
#[divan::bench(args = [1_000, 100_000], sample_count = 50)]
fn move_selection(bencher: Bencher, claims: usize) {
    let mut app = app(claims);
    app.update(Action::PageDown);
    bencher.bench_local(|| {
        app.update(Action::NextTopic);
        app.update(Action::PrevTopic);
    });
}
