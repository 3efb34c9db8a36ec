//! The real binary in a pseudo-terminal: keys in, the screen parsed (vt100) as a person sees
//! it. Every step waits for the screen to show something; nothing sleeps and hopes.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::pty::Screen;
use common::{copy_data, crosscheck, repo};

fn copy_of_data() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = copy_data(dir.path());
    (dir, data)
}

fn summary(dir: &Path) -> serde_json::Value {
    let run = crosscheck(&["export", "--format", "json", "data"], dir);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

fn claim<'a>(summary: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    summary["topics"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["claims"].as_array().unwrap())
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no claim {id}"))
}

#[test]
fn review_mark_note_quit_and_find_every_decision_after_a_restart() {
    let (dir, _data) = copy_of_data();
    let mut screen = Screen::start(&["data"], dir.path(), 120, 40);
    screen.wait_for("12,000 troops");
    screen.wait_for("≈ 11,000 troops");
    screen.wait_for("NIS → Yonhap");
    screen.wait_for("Kyrylo Budanov → The War Zone");
    screen.send("v");
    screen.wait_for("saved: nis-troops-12000 verified");
    screen.send("l");
    screen.wait_for("▶ claim 2 of 2");
    screen.send("d");
    screen.wait_for("saved: budanov-troops-11000 disputed");
    screen.send("n");
    screen.wait_for("note on budanov-troops-11000");
    screen.send("Counts soldiers in training only\r");
    screen.wait_for("note: Counts soldiers in training only");
    screen.send("q");
    assert_eq!(screen.wait_exit(), 0);

    let s = summary(dir.path());
    assert_eq!(claim(&s, "nis-troops-12000")["status"], "verified");
    assert_eq!(claim(&s, "nis-troops-12000")["reviewer"], "kim");
    assert_eq!(claim(&s, "budanov-troops-11000")["status"], "disputed");
    assert_eq!(
        claim(&s, "budanov-troops-11000")["note"],
        "Counts soldiers in training only"
    );
    assert_eq!(s["totals"]["verified"], 1);
    assert_eq!(s["totals"]["disputed"], 1);

    // Restarted, at 80x24, every decision is in place.
    let mut again = Screen::start(&["data"], dir.path(), 80, 24);
    again.wait_for("reviewed 2/11 · verified 1 · disputed 1");
    again.wait_for("✓ verified (kim)");
    again.wait_for("✗ disputed (kim)");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
}

#[test]
fn a_decision_shown_as_saved_survives_sigkill() {
    let (dir, data) = copy_of_data();
    let mut screen = Screen::start(&["data"], dir.path(), 120, 40);
    screen.wait_for("12,000 troops");
    screen.send("j");
    screen.wait_for("▶· How many soldiers");
    screen.send("d");
    screen.wait_for("saved: budanov-kursk-2600 disputed");
    let pid = screen.child.process_id().unwrap();
    let killed = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    screen.wait_exit();
    let journal = std::fs::read_to_string(data.join("review.toml")).unwrap();
    assert!(
        journal.contains("claim = \"budanov-kursk-2600\"\nstatus = \"disputed\""),
        "{journal}"
    );
    assert_eq!(
        claim(&summary(dir.path()), "budanov-kursk-2600")["status"],
        "disputed"
    );
}

#[test]
fn two_screens_on_one_journal_both_save_and_each_sees_the_others_decisions() {
    let (dir, data) = copy_of_data();
    let mut kim = Screen::start(&["data"], dir.path(), 120, 40);
    kim.wait_for("12,000 troops");
    let mut ana = Screen::start(&["--reviewer", "ana", "data"], dir.path(), 120, 40);
    ana.wait_for("12,000 troops");
    ana.send("v");
    ana.wait_for("saved: nis-troops-12000 verified");
    kim.wait_for("ana verified nis-troops-12000");
    kim.wait_for("✓ verified (ana)");
    kim.wait_for("you (kim) 0/11");
    kim.send("d");
    kim.wait_for("saved: nis-troops-12000 disputed");
    ana.wait_for("kim disputed nis-troops-12000");
    ana.wait_for("⇄ reviewers disagree");
    ana.wait_for("✓ verified by ana");
    for screen in [&mut kim, &mut ana] {
        screen.send("q");
        assert_eq!(screen.wait_exit(), 0);
    }
    let journal = std::fs::read_to_string(data.join("review.toml")).unwrap();
    assert_eq!(journal.matches("[[decision]]").count(), 2, "{journal}");
}

#[test]
fn sigterm_restores_the_terminal() {
    let (dir, _data) = copy_of_data();
    let mut screen = Screen::start(&["data"], dir.path(), 120, 40);
    screen.wait_for("12,000 troops");
    let pid = screen.child.process_id().unwrap();
    std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    screen.wait_exit();
    let parser = screen.parser.lock().unwrap();
    assert!(
        !parser.screen().alternate_screen(),
        "left the alternate screen"
    );
    assert!(!parser.screen().hide_cursor(), "the cursor is back");
}

#[test]
fn files_with_errors_do_not_open_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.claims.toml"), "[report]\nid = \"r\"\n").unwrap();
    let mut screen = Screen::start(&["x.claims.toml"], dir.path(), 120, 40);
    assert_eq!(screen.wait_exit(), 1);
    screen.wait_for("x.claims.toml:2:6: error: report `r` has no `title`");
}

#[test]
fn without_a_terminal_it_says_so_in_one_line_and_exits_2() {
    let run = crosscheck(&["data"], &repo());
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("needs a terminal"), "{}", run.stderr);
    assert!(!run.stderr.contains('\u{1b}') && run.stdout.is_empty());
}

/// Whether any cell on the screen has a colour of its own.
fn coloured_cells(screen: &Screen) -> usize {
    let parser = screen.parser.lock().unwrap();
    let s = parser.screen();
    let (rows, cols) = s.size();
    (0..rows.get())
        .flat_map(|r| (0..cols.get()).map(move |c| (r, c)))
        .filter_map(|(r, c)| s.cell(r, c))
        .filter(|cell| {
            cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default
        })
        .count()
}

#[test]
fn no_color_turns_colours_off_and_marks_still_show_state() {
    let (dir, _data) = copy_of_data();
    let mut coloured = Screen::start(&["data"], dir.path(), 120, 40);
    coloured.wait_for("≠ conflict");
    assert!(coloured_cells(&coloured) > 0, "colours are on by default");
    coloured.send("q");
    coloured.wait_exit();
    let mut plain = Screen::start_with_env(&["data"], dir.path(), 120, 40, &[("NO_COLOR", "1")]);
    plain.wait_for("≠ conflict");
    plain.send("v");
    plain.wait_for("✓ verified (kim)");
    assert_eq!(coloured_cells(&plain), 0, "NO_COLOR: not one coloured cell");
    plain.send("q");
    assert_eq!(plain.wait_exit(), 0);
}

/// A copy of the screen's format-2 fixture (the North Korean troops story) with its journal,
/// which holds a stale decision, as `review.toml`.
fn copy_of_the_story() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixture = repo().join("tests/fixtures/ui-v2");
    for entry in std::fs::read_dir(&fixture).unwrap() {
        let name = entry.unwrap().file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".claims.toml") || name.ends_with(".txt") {
            std::fs::copy(fixture.join(&*name), dir.path().join(&*name)).unwrap();
        }
    }
    std::fs::copy(
        fixture.join("stale.review.toml"),
        dir.path().join("review.toml"),
    )
    .unwrap();
    dir
}

#[test]
fn t_toggles_the_timeline_in_place_of_the_common_scale_and_back() {
    let dir = copy_of_the_story();
    let mut screen = Screen::start(&["."], dir.path(), 120, 40);
    screen.wait_for("Common scale");
    screen.wait_for("✎ changed since review");
    screen.wait_for("was ✓ verified by ana");
    screen.send("t");
    screen.wait_for("Timeline of troops · window 30 days");
    screen.wait_gone("Common scale");
    // Dated rows, the link from the superseded figures to Ryder's, time between claims.
    screen.wait_for("╰─▸✎ Maj. Gen. Pat");
    screen.wait_for("↳ Sabrina Singh");
    screen.wait_for("69 days later");
    screen.send("t");
    screen.wait_for("Common scale");
    screen.wait_gone("Timeline of troops");
    screen.send("q");
    assert_eq!(screen.wait_exit(), 0);

    // At 80x24 the timeline takes the claim columns' place, and the claim moves along it.
    let mut small = Screen::start(&["."], dir.path(), 80, 24);
    small.wait_for("┏ ▶ claim 1 of 6");
    small.send("t");
    small.wait_for("▶2024-11-04");
    small.wait_for("▶ claim 1 of 6");
    small.send("l");
    small.wait_for("▶2024-11-05");
    small.send("t");
    small.wait_for("┏ ▶ claim 2 of 6");
    small.send("q");
    assert_eq!(small.wait_exit(), 0);
    let journal = std::fs::read_to_string(dir.path().join("review.toml")).unwrap();
    assert_eq!(
        journal.matches("[[decision]]").count(),
        3,
        "nothing written"
    );
}

#[test]
fn e_hands_the_terminal_to_the_editor_and_reloads_after_and_a_accepts_a_draft() {
    let dir = copy_of_the_story();
    // An "editor" that appends a comment to the file it is given, then exits.
    let editor = dir.path().join("fake-editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\n# $1 is +LINE, $2 the file\necho \"$1\" > \"$(dirname \"$2\")/editor-was-called-with\"\nprintf '\\n# edited\\n' >> \"$2\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let editor_env = editor.to_string_lossy().to_string();
    let mut screen =
        Screen::start_with_env(&["."], dir.path(), 120, 40, &[("VISUAL", &editor_env)]);
    screen.wait_for("Common scale");
    screen.send("E");
    screen.wait_for("reloaded");
    let called = std::fs::read_to_string(dir.path().join("editor-was-called-with")).unwrap();
    assert!(called.trim().starts_with('+'), "{called}");
    // A draft of the first topic, accepted in its file.
    screen.send("l");
    screen.wait_for("◇ draft");
    let drafts_before = count_drafts(dir.path());
    screen.send("a");
    screen.wait_for("accepted:");
    assert_eq!(count_drafts(dir.path()), drafts_before - 1);
    screen.send("u");
    screen.wait_for("undone:");
    assert_eq!(count_drafts(dir.path()), drafts_before);
    screen.send("q");
    assert_eq!(screen.wait_exit(), 0);
}

fn count_drafts(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".claims.toml"))
        .map(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .matches("draft = true")
                .count()
        })
        .sum()
}

const RYDER: &str = "abcnews-2024-11-05.ryder-11000-12000";

/// Wait until the screen shows `needle`, at most `limit` from `since`; fail with the screen and
/// how long it took.
fn shown_within(screen: &Screen, needle: &str, since: Instant, limit: Duration) {
    while !screen.text().contains(needle) {
        if since.elapsed() > limit * 5 {
            panic!("the screen never showed {needle:?}:\n{}", screen.text());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let took = since.elapsed();
    assert!(
        took <= limit,
        "{needle:?} took {took:?}, more than {limit:?}:\n{}",
        screen.text()
    );
}

#[test]
fn a_decision_saved_by_mark_shows_on_an_open_screen_within_a_second_without_a_key() {
    let dir = copy_of_the_story();
    let mut screen = Screen::start(&["--reviewer", "ana", "."], dir.path(), 120, 40);
    screen.wait_for("Common scale");
    screen.wait_for("was ✓ verified by ana");
    let run = crosscheck(
        &[
            "mark",
            "--reviewer",
            "kim",
            RYDER,
            "disputed",
            "--note",
            "A hedge.",
            ".",
        ],
        dir.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let saved = Instant::now();
    shown_within(
        &screen,
        &format!("kim disputed {RYDER}"),
        saved,
        Duration::from_secs(1),
    );
    screen.wait_for("✗ disputed (kim)");
    screen.wait_for("note: A hedge.");
    screen.wait_for("reviewed 3/17 · verified 1 · disputed 2 · you (ana) 0/17");

    // Keys that keep coming do not hold the news back: ←/→ between the first two claims (the
    // first, Ryder's, stays in view) while kim verifies it.
    let (done, saved) = std::sync::mpsc::channel();
    let cwd = dir.path().to_path_buf();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        let run = crosscheck(&["mark", "--reviewer", "kim", RYDER, "verified", "."], &cwd);
        done.send((run.code, Instant::now())).unwrap();
    });
    let start = Instant::now();
    let mut at = None;
    let mut right = true;
    while !screen.text().contains("✓ verified (kim)") {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "never shown:\n{}",
            screen.text()
        );
        screen.send(if right { "l" } else { "h" });
        right = !right;
        std::thread::sleep(Duration::from_millis(20));
        if let Ok((code, when)) = saved.try_recv() {
            assert_eq!(code, 0);
            at = Some(when);
        }
    }
    let at = match at {
        Some(at) => at,
        None => saved.recv_timeout(Duration::from_secs(10)).unwrap().1,
    };
    let took = at.elapsed();
    assert!(
        took <= Duration::from_secs(1),
        "shown {took:?} after it was saved"
    );
    screen.send("q");
    assert_eq!(screen.wait_exit(), 0);
}

#[test]
fn blind_review_hides_others_decisions_until_you_decide() {
    let dir = copy_of_the_story();
    let mut screen = Screen::start(
        &["review", "--blind", "--reviewer", "lee", "."],
        dir.path(),
        120,
        40,
    );
    screen.wait_for(" BLIND ");
    screen.wait_for("○ unreviewed (blind)");
    screen.wait_for("you (lee) 0/17");
    assert!(
        !screen.text().contains("was ✓ verified by ana"),
        "{}",
        screen.text()
    );
    screen.send("d");
    screen.wait_for("saved: abcnews-2024-11-05.ryder-11000-12000 disputed");
    screen.wait_for("was ✓ verified by ana");
    screen.wait_for("you (lee) 1/17");
    screen.send("q");
    assert_eq!(screen.wait_exit(), 0);
}
