//! Every command against a PostgreSQL store (`--store URL`, `$CROSSCHECK_STORE`), the real
//! binary on a throwaway server: mark, check, export and agreement; moving a review between the
//! journal and the database; a screen seeing another process's decision; the server stopped
//! and started again under an open screen; bad URLs and unreachable servers. Without the server
//! binaries every test says SKIPPED.

#[path = "support/pg.rs"]
mod pg;

mod common;

use std::path::Path;
use std::process::Command;

use common::copy_data;
use common::pty::Screen;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn crosscheck(args: &[&str], cwd: &Path, env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_crosscheck"));
    command
        .args(args)
        .current_dir(cwd)
        .env("USER", "tester")
        .env_remove("CROSSCHECK_STORE");
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command.output().expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn ok(run: Run) -> Run {
    assert_eq!(run.code, 0, "stderr:\n{}", run.stderr);
    run
}

/// The password the test server's URL carries, which no message may show.
fn password(url: &str) -> String {
    let userinfo = &url["postgres://".len()..url.find('@').unwrap()];
    userinfo.split_once(':').unwrap().1.to_string()
}

#[test]
fn every_command_works_the_same_against_the_store() {
    let Some(cluster) = pg::Cluster::start() else {
        return;
    };
    let url = cluster.fresh_db();
    let secret = password(&url);
    let dir = tempfile::tempdir().unwrap();
    copy_data(dir.path());
    let store = ["--store", url.as_str()];
    let marked = ok(crosscheck(
        &[
            &store[..],
            &[
                "mark",
                "nis-troops-12000",
                "verified",
                "--reviewer",
                "ana",
                "data",
            ],
        ]
        .concat(),
        dir.path(),
        &[],
    ));
    assert!(
        marked.stderr.contains(
            "nis-troops-12000: verified (saved in review data on postgres://crosscheck@127.0.0.1:"
        ),
        "{}",
        marked.stderr
    );
    // The environment names the store as well as --store does.
    ok(crosscheck(
        &[
            "mark",
            "nis-troops-12000",
            "disputed",
            "--note",
            "only the NIS",
            "--reviewer",
            "kim",
            "data",
        ],
        dir.path(),
        &[("CROSSCHECK_STORE", &url)],
    ));
    assert!(
        !dir.path().join("data/review.toml").exists(),
        "no journal file was made"
    );

    let check = ok(crosscheck(
        &[&store[..], &["check", "data"]].concat(),
        dir.path(),
        &[],
    ));
    assert!(
        check.stderr.contains("review: 1 of 11 claims reviewed (0 verified, 1 disputed) in review data on postgres://crosscheck@127.0.0.1:"),
        "{}",
        check.stderr
    );
    let json = ok(crosscheck(
        &[&store[..], &["export", "--format", "json", "data"]].concat(),
        dir.path(),
        &[],
    ));
    let summary: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let claim = summary["topics"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["claims"].as_array().unwrap())
        .find(|c| c["id"] == "nis-troops-12000")
        .unwrap();
    assert_eq!(claim["status"], "disputed");
    assert_eq!(claim["reviewer"], "kim");
    assert_eq!(claim["decisions"].as_array().unwrap().len(), 2);
    let agreement = ok(crosscheck(
        &[&store[..], &["agreement", "--format", "json", "data"]].concat(),
        dir.path(),
        &[],
    ));
    let agreement: serde_json::Value = serde_json::from_str(&agreement.stdout).unwrap();
    assert_eq!(agreement["reviewers"], serde_json::json!(["ana", "kim"]));
    assert_eq!(agreement["disagreements"][0]["claim"], "nis-troops-12000");
    // A review name keeps reviews apart in one database.
    let other = ok(crosscheck(
        &[
            &store[..],
            &[
                "--review-name",
                "other",
                "export",
                "--format",
                "json",
                "data",
            ],
        ]
        .concat(),
        dir.path(),
        &[],
    ));
    let other: serde_json::Value = serde_json::from_str(&other.stdout).unwrap();
    assert_eq!(other["totals"]["disputed"], 0);
    for run in [&marked, &check] {
        assert!(!run.stderr.contains(&secret), "{}", run.stderr);
    }
    assert!(!json.stdout.contains(&secret));
}

#[test]
fn a_review_moves_between_the_journal_and_the_store_every_entry_kept() {
    let Some(cluster) = pg::Cluster::start() else {
        return;
    };
    let url = cluster.fresh_db();
    let dir = tempfile::tempdir().unwrap();
    copy_data(dir.path());
    for (claim, status, who) in [
        ("nis-troops-12000", "verified", "ana"),
        ("budanov-troops-11000", "disputed", "kim"),
        ("nis-troops-12000", "disputed", "kim"),
    ] {
        ok(crosscheck(
            &["mark", claim, status, "--reviewer", who, "data"],
            dir.path(),
            &[],
        ));
    }
    let store = ["--store", url.as_str()];
    let import = ok(crosscheck(
        &[&store[..], &["store", "import", "data/review.toml"]].concat(),
        dir.path(),
        &[],
    ));
    assert!(
        import
            .stderr
            .contains("imported 3 decisions into review data"),
        "{}",
        import.stderr
    );
    let again = ok(crosscheck(
        &[&store[..], &["store", "import", "data/review.toml"]].concat(),
        dir.path(),
        &[],
    ));
    assert!(
        again
            .stderr
            .contains("imported 0 decisions into review data on postgres://"),
        "{}",
        again.stderr
    );
    assert!(
        again.stderr.contains("(3 already there)"),
        "{}",
        again.stderr
    );
    let export = ok(crosscheck(
        &[
            &store[..],
            &[
                "--review-name",
                "data",
                "store",
                "export",
                "-o",
                "back.toml",
            ],
        ]
        .concat(),
        dir.path(),
        &[],
    ));
    assert!(
        export.stderr.contains("wrote 3 decisions of review data"),
        "{}",
        export.stderr
    );
    // Every entry kept: the same decisions, in the same order, as the journal.
    let entries = |path: &Path| {
        let scan = crosscheck::store::journal::scan(&std::fs::read(path).unwrap());
        assert_eq!(scan.damaged, None);
        scan.entries
            .into_iter()
            .map(|e| e.decision)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        entries(&dir.path().join("back.toml")),
        entries(&dir.path().join("data/review.toml"))
    );
    // The exported journal reads like any other.
    let json = ok(crosscheck(
        &[
            "--review",
            "back.toml",
            "export",
            "--format",
            "json",
            "data",
        ],
        dir.path(),
        &[],
    ));
    assert!(json.stdout.contains("\"disputed\": 2"), "{}", json.stdout);
    // `store` without a database, or with --review, is a usage error.
    let no_store = crosscheck(&["store", "export"], dir.path(), &[]);
    assert_eq!(no_store.code, 2, "{}", no_store.stderr);
    assert!(
        no_store.stderr.contains("`store` needs a database"),
        "{}",
        no_store.stderr
    );
}

#[test]
fn bad_urls_are_usage_errors_and_an_unreachable_server_names_itself_without_the_password() {
    let dir = tempfile::tempdir().unwrap();
    copy_data(dir.path());
    for (url, says) in [
        ("postgres://kim:hunter2@db.example:notaport/desk", "hunter2"),
        (
            "mysql://kim:hunter2@db/desk",
            "--store takes a PostgreSQL URL",
        ),
    ] {
        let run = crosscheck(&["--store", url, "check", "data"], dir.path(), &[]);
        assert_eq!(run.code, 2, "{url}: {}", run.stderr);
        assert!(!run.stderr.contains("hunter2"), "{}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        if says != "hunter2" {
            assert!(run.stderr.contains(says), "{}", run.stderr);
        }
    }
    let both = crosscheck(
        &[
            "--store",
            "postgres://kim@db/desk",
            "--review",
            "r.toml",
            "check",
            "data",
        ],
        dir.path(),
        &[],
    );
    assert_eq!(both.code, 2);
    assert!(both.stderr.contains("not both"), "{}", both.stderr);
    let name_alone = crosscheck(&["--review-name", "x", "check", "data"], dir.path(), &[]);
    assert_eq!(name_alone.code, 2);
    // Nothing listens on port 1: exit 1, naming the server and what to do.
    let unreachable = "postgres://kim:hunter2@127.0.0.1:1/desk";
    for args in [
        vec![
            "--store",
            unreachable,
            "mark",
            "nis-troops-12000",
            "verified",
            "data",
        ],
        vec!["--store", unreachable, "check", "data"],
    ] {
        let run = crosscheck(&args, dir.path(), &[]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.contains("127.0.0.1:1"), "{}", run.stderr);
        assert!(!run.stderr.contains("hunter2"), "{}", run.stderr);
    }
}

#[test]
fn a_screen_sees_others_decisions_and_outlives_a_server_restart() {
    let Some(cluster) = pg::Cluster::start() else {
        return;
    };
    let url = cluster.fresh_db();
    let dir = tempfile::tempdir().unwrap();
    copy_data(dir.path());
    let mut screen = Screen::start_with_env(
        &["--reviewer", "ana", "data"],
        dir.path(),
        120,
        40,
        &[("CROSSCHECK_STORE", &url)],
    );
    screen.wait_for("12,000 troops");
    screen.wait_for("review data on postgres://");
    ok(crosscheck(
        &[
            "--store",
            &url,
            "mark",
            "nis-troops-12000",
            "disputed",
            "--reviewer",
            "kim",
            "data",
        ],
        dir.path(),
        &[],
    ));
    screen.wait_for("kim disputed nis-troops-12000");
    // The server goes away: a mark is NOT SAVED, and the screen goes on.
    cluster.stop();
    screen.send("v");
    screen.wait_for("NOT SAVED");
    screen.send("j");
    screen.wait_for("▶· How many soldiers");
    // Back: the screen says so by itself, and reads what was decided meanwhile.
    cluster.start_again();
    screen.wait_for("is back: decisions are saved again");
    ok(crosscheck(
        &[
            "--store",
            &url,
            "mark",
            "budanov-kursk-2600",
            "verified",
            "--reviewer",
            "lee",
            "data",
        ],
        dir.path(),
        &[],
    ));
    screen.wait_for("lee verified budanov-kursk-2600");
    screen.send("d");
    screen.wait_for("saved: budanov-kursk-2600 disputed");
    screen.send("q");
    assert_eq!(screen.wait_exit(), 0);
    // What was shown as saved is there; what was NOT SAVED is not.
    let rows = cluster.sql(
        &url[url.rfind('/').unwrap() + 1..],
        "SELECT reviewer || ' ' || claim || ' ' || status FROM crosscheck_decision ORDER BY seq",
    );
    assert_eq!(
        rows.lines().collect::<Vec<_>>(),
        [
            "kim nis-troops-12000 disputed",
            "lee budanov-kursk-2600 verified",
            "ana budanov-kursk-2600 disputed"
        ]
    );
}
