//! Several real crosscheck processes on one journal at once: `mark` commands in parallel, review
//! screens in pseudo-terminals, and writers killed at random moments. Every decision a process
//! reported as saved is in the journal exactly once, whole, and the journal reads cleanly.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use common::copy_data;
use common::pty::Screen;
use crosscheck::store::journal;

/// The claim ids of the bundled data, in file order.
fn claim_ids() -> Vec<String> {
    let text = std::fs::read_to_string(common::repo().join("data/novinite-2024-10-18.claims.toml"))
        .unwrap();
    let doc: toml::Table = toml::from_str(&text).unwrap();
    doc["claim"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

fn mark(dir: &Path, reviewer: &str, claim: &str, status: &str, note: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args([
            "mark",
            claim,
            status,
            "--note",
            note,
            "--reviewer",
            reviewer,
            "data",
        ])
        .current_dir(dir)
        .output()
        .expect("mark runs")
}

/// Every entry of the journal as (reviewer, claim, status, note), after checking that it reads
/// with no damage and no torn tail.
fn entries(journal: &Path) -> Vec<(String, String, String, String)> {
    let scan = journal::scan(&std::fs::read(journal).unwrap());
    assert_eq!(scan.damaged, None);
    assert_eq!(scan.torn, None);
    scan.entries
        .into_iter()
        .map(|e| {
            let d = e.decision;
            (
                d.reviewer,
                d.claim,
                d.status.as_str().to_string(),
                d.note.unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn marks_and_screens_at_once_on_one_journal_lose_and_refuse_nothing() {
    let dir = tempfile::tempdir().unwrap();
    copy_data(dir.path());
    let ids = claim_ids();
    let mut ana = Screen::start(&["--reviewer", "ana", "data"], dir.path(), 120, 40);
    let mut ben = Screen::start(&["--reviewer", "ben", "data"], dir.path(), 80, 24);
    ana.wait_for("12,000 troops");
    ben.wait_for("12,000 troops");

    // Four scripts of `mark`, ten decisions each, all at once.
    const WRITERS: usize = 4;
    const EACH: usize = 10;
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let dir = dir.path().to_path_buf();
            let ids = ids.clone();
            std::thread::spawn(move || {
                for i in 0..EACH {
                    let claim = &ids[(w * 3 + i) % ids.len()];
                    let status = if (w + i).is_multiple_of(2) {
                        "verified"
                    } else {
                        "disputed"
                    };
                    let out = mark(&dir, &format!("m{w}"), claim, status, &format!("m{w}-{i}"));
                    let stderr = String::from_utf8_lossy(&out.stderr);
                    assert!(out.status.success(), "m{w}-{i} refused: {stderr}");
                }
            })
        })
        .collect();
    // Meanwhile both screens decide, key by key: verified, next claim, disputed, next topic,
    // verified, next claim, disputed.
    for key in ["v", "l", "d", "j", "v", "l", "d"] {
        ana.send(key);
        ben.send(key);
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
    for w in writers {
        w.join().expect("every mark saved");
    }
    // Both screens' own four decisions are saved before the last one comes: on a loaded
    // machine their keys can be read late, and a screen saying its own save would hide the
    // news this waits for.
    let journal_path = dir.path().join("data/review.toml");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        // Read as it is now (a screen may be appending this very moment).
        let scan = journal::scan(&std::fs::read(&journal_path).unwrap());
        let saved = |who: &str| {
            scan.entries
                .iter()
                .filter(|e| e.decision.reviewer == who)
                .count()
        };
        if saved("ana") == 4 && saved("ben") == 4 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the screens saved {} and {} of their 4 decisions",
            saved("ana"),
            saved("ben")
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // A last decision from a script: both screens show it without a key press.
    let out = mark(dir.path(), "zed", &ids[0], "disputed", "last");
    assert!(out.status.success());
    let news = format!("zed disputed {}", ids[0]);
    ana.wait_for(&news);
    ben.wait_for(&news);
    ana.send("q");
    ben.send("q");
    assert_eq!(ana.wait_exit(), 0);
    assert_eq!(ben.wait_exit(), 0);

    let all = entries(&dir.path().join("data/review.toml"));
    let mut count: HashMap<(String, String), usize> = HashMap::new();
    for (reviewer, _, _, note) in &all {
        *count.entry((reviewer.clone(), note.clone())).or_default() += 1;
    }
    for w in 0..WRITERS {
        for i in 0..EACH {
            assert_eq!(
                count.get(&(format!("m{w}"), format!("m{w}-{i}"))),
                Some(&1),
                "m{w}-{i} once, whole"
            );
        }
    }
    for screen in ["ana", "ben"] {
        let theirs: Vec<_> = all.iter().filter(|e| e.0 == screen).collect();
        assert_eq!(theirs.len(), 4, "{screen}: {theirs:?}");
        let statuses: Vec<&str> = theirs.iter().map(|e| e.2.as_str()).collect();
        assert_eq!(statuses, ["verified", "disputed", "verified", "disputed"]);
    }
    assert_eq!(all.len(), WRITERS * EACH + 2 * 4 + 1);
}

#[test]
fn writers_killed_at_any_moment_lose_nothing_shown_as_saved_and_leave_no_interleaving() {
    let dir = tempfile::tempdir().unwrap();
    copy_data(dir.path());
    let ids = claim_ids();
    let journal = dir.path().join("data/review.toml");
    // Rounds of five `mark` processes at once; some are killed after a varying delay (before,
    // during or after their write). A mark that exited 0 said `saved`.
    let mut saved = Vec::new();
    for round in 0..30u64 {
        let children: Vec<_> = (0..5u64)
            .map(|w| {
                let note = format!("r{round}-w{w}");
                let claim = &ids[((round * 5 + w) as usize) % ids.len()];
                let child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
                    .args(["mark", claim, "verified", "--note", &note, "--reviewer"])
                    .arg(format!("w{w}"))
                    .arg("data")
                    .current_dir(dir.path())
                    .stderr(std::process::Stdio::null())
                    .spawn()
                    .unwrap();
                (note, child)
            })
            .collect();
        // Kill a third of them, each at its own moment 0–15 ms after the start: before,
        // during or after its load, its lock or its write.
        let start = std::time::Instant::now();
        let mut children = children;
        let mut kills: Vec<(u64, usize)> = (0..children.len())
            .filter(|w| (round + *w as u64).is_multiple_of(3))
            .map(|w| ((round * 7_919 + w as u64 * 3_571) % 15_000, w))
            .collect();
        kills.sort_unstable();
        for (at, w) in kills {
            let at = std::time::Duration::from_micros(at);
            std::thread::sleep(at.saturating_sub(start.elapsed()));
            let _ = children[w].1.kill();
        }
        for (note, mut child) in children {
            if child.wait().unwrap().success() {
                saved.push(note);
            }
        }
    }
    // Whatever a killed writer left half-written is set aside by the next process that
    // writes; one more mark makes sure one does.
    assert!(
        mark(dir.path(), "last", &ids[0], "verified", "last")
            .status
            .success()
    );
    let all = entries(&journal);
    for note in &saved {
        assert_eq!(
            all.iter().filter(|e| &e.3 == note).count(),
            1,
            "{note} was reported saved: it is there once"
        );
    }
    let torn = std::fs::read_dir(dir.path().join("data"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".torn-")
        })
        .count();
    eprintln!(
        "{} of 150 marks saved; {torn} torn entries set aside",
        saved.len()
    );
    assert!(saved.len() >= 150 * 2 / 3 - 5, "most marks were not killed");
    // Every entry is whole: its note names its writer, and it is one of the marks started.
    for (reviewer, _, _, note) in &all {
        if note != "last" {
            assert!(
                note.ends_with(&format!("-{reviewer}")),
                "{reviewer}: {note}"
            );
        }
    }
}
