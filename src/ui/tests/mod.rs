//! The screen's tests, on the fixture under `tests/fixtures/ui` (not on `data/`, so that
//! improving the sample data cannot break them): shared helpers here, state changes in
//! `update`, drawn screens in `snapshots`.

mod desk;
mod format2;
mod snapshots;
mod update;

use std::path::{Path, PathBuf};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::decision::Status;
use crate::load;
use crate::session::{Notice, Reviewer, Session};
use crate::store::{self, journal};
use crate::ui::action::Action;
use crate::ui::app::{App, Mode};
use crate::ui::context::Context;
use crate::ui::draw::draw;
use crate::ui::view::{Filter, Sort};

fn fixed_now() -> jiff::Timestamp {
    "2026-11-26T13:45:00Z".parse().unwrap()
}

/// The UI fixture: eight topics (two sharing their first words), a conflict, a topic with
/// three claims, Korean text and an emoji.
fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ui")
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

/// An app on the fixture at 120x40, with a journal of its own.
fn app(name: &str) -> App {
    app_sized(name, 120, 40)
}

fn app_sized(name: &str, width: u16, height: u16) -> App {
    app_on(vec![fixture()], &journal_path(name), width, height)
}

fn key(c: char) -> Action {
    Action::Input(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(key(c));
    }
}

/// Write a note on the selected claim through the note dialog.
fn write_note(app: &mut App, note: &str) {
    app.update(Action::EditNote);
    app.update(Action::ClearInput);
    type_text(app, note);
    app.update(Action::Submit);
}

fn screen(app: &App, width: u16, height: u16) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| draw(f, app)).unwrap();
    terminal.backend().clone()
}

/// The screen's rows as text.
fn rows(backend: &TestBackend) -> Vec<String> {
    text_in(backend, backend.buffer().area)
}

/// The text inside a rectangle of the screen, a row a line (the cell a wide character covers
/// is not read as a space).
fn text_in(backend: &TestBackend, area: ratatui::layout::Rect) -> Vec<String> {
    let buffer = backend.buffer();
    (area.y..area.y + area.height)
        .map(|y| {
            let mut row = String::new();
            let mut x = area.x;
            while x < area.x + area.width {
                let symbol = buffer[(x, y)].symbol();
                row.push_str(symbol);
                x += crate::ui::text::width(symbol).max(1) as u16;
            }
            row
        })
        .collect()
}

fn selected_claim_id(app: &App) -> &str {
    &app.session.review.model.claims[app.selected_claim().unwrap()].id
}

fn topic_id(app: &App) -> &str {
    &app.session.review.model.topics[app.selected_topic().unwrap()].id
}
