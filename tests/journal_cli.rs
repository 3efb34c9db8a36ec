//! The journal through the command line: `mark`, `--review`, `--reviewer`, and what `check` and
//! `export` read from it.

mod common;

use common::{CLAIM, HEADER, crosscheck, write};

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "claims/x.claims.toml",
        format!("{HEADER}{CLAIM}"),
    );
    dir
}

fn json(dir: &std::path::Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["export", "--format", "json"];
    args.extend_from_slice(extra);
    args.push("claims");
    let run = crosscheck(&args, dir);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn mark_records_a_decision_that_export_and_check_read() {
    let dir = setup();
    let run = crosscheck(
        &[
            "mark",
            "c1",
            "disputed",
            "--note",
            "double-counted",
            "--reviewer",
            "ana",
            "claims",
        ],
        dir.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "c1: disputed (saved in claims/review.toml)\n");
    let journal = std::fs::read_to_string(dir.path().join("claims/review.toml")).unwrap();
    assert!(journal.starts_with("[[decision]]\nclaim = \"c1\"\nstatus = \"disputed\"\nnote = \"double-counted\"\nreviewer = \"ana\"\nfingerprint = \""), "{journal}");
    let fingerprint = journal.lines().nth(5).unwrap();
    let fields = journal.lines().nth(6).unwrap();
    assert!(
        fingerprint.len() == "fingerprint = \"\"".len() + 16
            && fields.starts_with("fields = \"")
            && fields.len() == "fields = \"\"".len() + 29
            && journal.lines().nth(7).unwrap().starts_with("at = "),
        "a fingerprint of 16 hex digits, the fields' digests, then `at` last: {journal}"
    );
    let v = json(dir.path(), &[]);
    let c1 = &v["topics"][0]["claims"][0];
    assert_eq!(c1["status"], "disputed");
    assert_eq!(c1["note"], "double-counted");
    assert_eq!(c1["reviewer"], "ana");
    assert!(c1["decided_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(v["totals"]["disputed"], 1);
    assert_eq!(v["totals"]["unreviewed"], 1);
    let check = crosscheck(&["check", "claims"], dir.path());
    assert_eq!(check.code, 0);
    assert!(
        check.stderr.contains(
            "review: 1 of 2 claims reviewed (0 verified, 1 disputed) in claims/review.toml"
        ),
        "{}",
        check.stderr
    );
}

#[test]
fn mark_keeps_the_note_unless_told_and_unreviewed_clears() {
    let dir = setup();
    crosscheck(
        &["mark", "c1", "disputed", "--note", "why", "claims"],
        dir.path(),
    );
    crosscheck(&["mark", "c1", "verified", "claims"], dir.path());
    let v = json(dir.path(), &[]);
    assert_eq!(v["topics"][0]["claims"][0]["status"], "verified");
    assert_eq!(v["topics"][0]["claims"][0]["note"], "why");
    // Another reviewer's mark never takes this one's note.
    crosscheck(
        &["mark", "c1", "disputed", "--reviewer", "ana", "claims"],
        dir.path(),
    );
    let v = json(dir.path(), &[]);
    assert_eq!(v["topics"][0]["claims"][0]["reviewer"], "ana");
    assert!(v["topics"][0]["claims"][0]["note"].is_null());
    crosscheck(
        &["mark", "c1", "unreviewed", "--note", "", "claims"],
        dir.path(),
    );
    let v = json(dir.path(), &[]);
    assert_eq!(v["topics"][0]["claims"][0]["status"], "unreviewed");
    assert!(v["topics"][0]["claims"][0]["note"].is_null());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("claims/review.toml"))
            .unwrap()
            .matches("[[decision]]")
            .count(),
        4,
        "history is kept"
    );
}

#[test]
fn mark_an_unknown_claim_gets_did_you_mean() {
    let dir = setup();
    let run = crosscheck(&["mark", "c11", "verified", "claims"], dir.path());
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no claim `c11`"), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean `c1`?"), "{}", run.stderr);
    assert!(
        !dir.path().join("claims/review.toml").exists(),
        "nothing written"
    );
    let bad_status = crosscheck(&["mark", "c1", "true", "claims"], dir.path());
    assert_eq!(bad_status.code, 2, "{}", bad_status.stderr);
}

#[test]
fn review_option_names_the_journal() {
    let dir = setup();
    let run = crosscheck(
        &[
            "--review",
            "elsewhere/j.toml",
            "mark",
            "c2",
            "verified",
            "claims",
        ],
        dir.path(),
    );
    assert_eq!(run.code, 1, "the directory does not exist: {}", run.stderr);
    assert!(
        run.stderr
            .contains("elsewhere/j.toml cannot be written: the directory elsewhere does not exist"),
        "{}",
        run.stderr
    );
    std::fs::create_dir(dir.path().join("elsewhere")).unwrap();
    let run = crosscheck(
        &[
            "mark",
            "c2",
            "verified",
            "--review",
            "elsewhere/j.toml",
            "claims",
        ],
        dir.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(dir.path().join("elsewhere/j.toml").exists());
    assert_eq!(
        json(dir.path(), &["--review", "elsewhere/j.toml"])["totals"]["verified"],
        1
    );
    assert_eq!(
        json(dir.path(), &[])["totals"]["verified"],
        0,
        "the default journal is another file"
    );
}

#[test]
fn a_damaged_journal_is_an_error_for_check_export_and_mark() {
    let dir = setup();
    crosscheck(&["mark", "c1", "verified", "claims"], dir.path());
    let path = dir.path().join("claims/review.toml");
    let good = std::fs::read_to_string(&path).unwrap();
    let damaged = format!(
        "{good}[[decision]]\nclaim = \"c2\"\nstatus = \"sure\"\nreviewer = \"x\"\nat = 2026-01-01T00:00:00Z\n\n{good}"
    );
    std::fs::write(&path, &damaged).unwrap();
    let check = crosscheck(&["check", "claims"], dir.path());
    assert_eq!(check.code, 1);
    assert!(
        check.stderr.contains(&format!(
            "claims/review.toml:{}:1: error: damaged journal entry: no valid `status`",
            good.lines().count() + 3
        )),
        "{}",
        check.stderr
    );
    let export = crosscheck(&["export", "claims"], dir.path());
    assert_eq!(export.code, 1);
    assert_eq!(export.stdout, "");
    let mark = crosscheck(&["mark", "c2", "verified", "claims"], dir.path());
    assert_eq!(mark.code, 1);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        damaged,
        "touched nothing"
    );
}

#[test]
fn a_torn_tail_is_a_warning_and_mark_sets_it_aside() {
    let dir = setup();
    crosscheck(&["mark", "c1", "verified", "claims"], dir.path());
    let path = dir.path().join("claims/review.toml");
    let good = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{good}[[decision]]\nclaim = \"c2\"\nsta")).unwrap();
    let check = crosscheck(&["check", "claims"], dir.path());
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stderr.contains(&format!(
            "claims/review.toml:{}:1: warning: the last journal entry is incomplete",
            good.lines().count() + 1
        )),
        "{}",
        check.stderr
    );
    let mark = crosscheck(&["mark", "c2", "disputed", "claims"], dir.path());
    assert_eq!(mark.code, 0, "{}", mark.stderr);
    assert!(
        mark.stderr
            .contains("was incomplete; it is kept in claims/review.toml.torn-"),
        "{}",
        mark.stderr
    );
    let v = json(dir.path(), &[]);
    assert_eq!(v["totals"]["verified"], 1);
    assert_eq!(v["totals"]["disputed"], 1);
    let check = crosscheck(&["check", "claims"], dir.path());
    assert!(
        check.stderr.ends_with("0 errors, 0 warnings\n"),
        "{}",
        check.stderr
    );
}

#[test]
fn decisions_on_claims_no_file_declares_are_kept_and_reported() {
    let dir = setup();
    crosscheck(&["mark", "c2", "disputed", "claims"], dir.path());
    let path = dir.path().join("claims/x.claims.toml");
    let without_c2 = std::fs::read_to_string(&path)
        .unwrap()
        .replace("[[claim]]\nid = \"c2\"", "[[claim]]\nid = \"c3\"");
    std::fs::write(&path, without_c2).unwrap();
    let check = crosscheck(&["check", "claims"], dir.path());
    assert_eq!(check.code, 0);
    assert!(
        check.stderr.contains(
            "claims/review.toml:1:1: warning: decision on claim `c2`, which no loaded file declares"
        ),
        "{}",
        check.stderr
    );
    assert!(
        std::fs::read_to_string(dir.path().join("claims/review.toml"))
            .unwrap()
            .contains("claim = \"c2\"")
    );
}

#[test]
fn a_torn_tail_left_by_a_crashed_writer_is_set_aside_while_another_crosscheck_has_it_open() {
    let dir = setup();
    crosscheck(&["mark", "c1", "verified", "claims"], dir.path());
    let path = dir.path().join("claims/review.toml");
    let good = std::fs::read_to_string(&path).unwrap();
    // Another crosscheck has the journal open (this process, through the library): it holds
    // no lock while idle…
    let (mut open_elsewhere, _) = crosscheck::store::Journal::open(&path);
    // …and a writer killed mid-entry leaves a torn tail behind.
    let torn = format!("{good}[[decision]]\nclaim = \"c2\"\nsta");
    std::fs::write(&path, &torn).unwrap();
    let mark = crosscheck(&["mark", "c2", "disputed", "claims"], dir.path());
    assert_eq!(mark.code, 0, "{}", mark.stderr);
    assert!(
        mark.stderr.contains(&format!(
            "the journal's last entry (line {}) was incomplete; it is kept in claims/review.toml.torn-",
            good.lines().count() + 1
        )),
        "{}",
        mark.stderr
    );
    let now = std::fs::read_to_string(&path).unwrap();
    assert!(now.starts_with(&good), "{now}");
    assert_eq!(now.matches("[[decision]]").count(), 2, "{now}");
    // The one open elsewhere reads mark's decision, and never the torn text.
    use crosscheck::store::{Changes, Store};
    let Changes::New(seen) = open_elsewhere.changes().unwrap() else {
        panic!("the decision mark saved is seen");
    };
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].decision.claim, "c2");
}

#[test]
fn a_lock_that_stays_busy_leaves_a_torn_tail_in_place_and_saves_nothing() {
    let dir = setup();
    crosscheck(&["mark", "c1", "verified", "claims"], dir.path());
    let path = dir.path().join("claims/review.toml");
    let good = std::fs::read_to_string(&path).unwrap();
    let torn = format!("{good}[[decision]]\nclaim = \"c2\"\nsta");
    std::fs::write(&path, &torn).unwrap();
    // A process that keeps the lock (an older crosscheck did, while open; or a stopped one).
    let holder = std::fs::File::open(&path).unwrap();
    holder.lock().unwrap();
    let mark = crosscheck(&["mark", "c2", "disputed", "claims"], dir.path());
    assert_eq!(mark.code, 1, "{}", mark.stderr);
    assert!(
        mark.stderr.contains(&format!(
            "the journal's last entry (line {}) is incomplete; it is skipped and left in claims/review.toml\n",
            good.lines().count() + 1
        )),
        "{}",
        mark.stderr
    );
    assert!(
        mark.stderr
            .contains("claims/review.toml was held by another process for 3 s"),
        "{}",
        mark.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        torn,
        "nothing moved"
    );
}

#[test]
fn a_mistyped_command_is_not_taken_for_a_path() {
    let dir = setup();
    for (typo, command) in [("chek", "check"), ("exprot", "export"), ("mrak", "mark")] {
        let run = crosscheck(&[typo, "claims"], dir.path());
        assert_eq!(run.code, 2, "{typo}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "`{typo}` is neither a command nor an existing path; did you mean `{command}`?"
            )),
            "{}",
            run.stderr
        );
    }
    // An existing directory of that name is a path, as always.
    std::fs::create_dir(dir.path().join("chek")).unwrap();
    let run = crosscheck(&["chek"], dir.path());
    assert!(!run.stderr.contains("did you mean"), "{}", run.stderr);
}

/// `mark` with the environment given, and the reviewer it recorded.
fn reviewer_recorded(env: &[(&str, Option<&str>)]) -> (String, String) {
    let dir = setup();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_crosscheck"));
    command
        .args(["mark", "c1", "verified", "claims"])
        .current_dir(dir.path());
    for (var, value) in env {
        match value {
            Some(v) => command.env(var, v),
            None => command.env_remove(var),
        };
    }
    let out = command.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let v = json(dir.path(), &[]);
    (
        v["topics"][0]["claims"][0]["reviewer"]
            .as_str()
            .unwrap()
            .to_string(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_reviewer_comes_from_crosscheck_reviewer_then_user_then_the_account() {
    let (who, _) = reviewer_recorded(&[
        ("CROSSCHECK_REVIEWER", Some("desk-ana")),
        ("USER", Some("tester")),
    ]);
    assert_eq!(who, "desk-ana");
    let (who, _) = reviewer_recorded(&[("CROSSCHECK_REVIEWER", None), ("USER", Some("tester"))]);
    assert_eq!(who, "tester");
    let account = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    let account = String::from_utf8_lossy(&account.stdout).trim().to_string();
    let (who, stderr) = reviewer_recorded(&[("CROSSCHECK_REVIEWER", None), ("USER", None)]);
    assert_eq!(who, account, "the account name of the process");
    assert!(!stderr.contains("no reviewer name"), "{stderr}");
}

#[test]
fn blind_is_refused_outside_the_review_screen() {
    let dir = setup();
    let run = crosscheck(&["--blind", "check", "claims"], dir.path());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("--blind is for the review screen"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_large_journal_is_read_from_its_snapshot_with_the_same_result_and_appends_are_seen() {
    let dir = setup();
    // Over a megabyte: 12,000 decisions by 30 reviewers, with an unknown key and decisions on
    // a claim no file declares, whose warnings name lines the snapshot covers.
    let mut journal = String::new();
    for n in 0..12_000 {
        let claim = match n % 100 {
            0 => "gone",
            k if k % 2 == 0 => "c1",
            _ => "c2",
        };
        let status = ["verified", "disputed"][n % 3 % 2];
        let extra = if n == 4_321 { "mood = \"odd\"\n" } else { "" };
        journal.push_str(&format!(
            "[[decision]]\nclaim = \"{claim}\"\nstatus = \"{status}\"\nnote = \"note {n}\"\n\
             reviewer = \"r{}\"\n{extra}at = 2026-11-{:02}T10:{:02}:00Z\n\n",
            n % 30,
            1 + n / 1440,
            n / 24 % 60
        ));
    }
    assert!(journal.len() > 1 << 20);
    write(dir.path(), "claims/review.toml", &journal);
    let cache = dir.path().join("cache");
    let cache = cache.to_str().unwrap();

    let cold = common::with_cache(&["check", "claims"], dir.path(), "off");
    assert!(
        cold.stderr.contains("mood") && cold.stderr.contains("`gone`"),
        "{}",
        cold.stderr
    );
    let first = common::with_cache(&["check", "claims"], dir.path(), cache);
    let snapshots: Vec<_> = std::fs::read_dir(cache).unwrap().collect();
    assert_eq!(snapshots.len(), 1, "one snapshot for the one journal");
    let second = common::with_cache(&["check", "claims"], dir.path(), cache);
    for run in [&first, &second] {
        assert_eq!(
            (run.code, &run.stdout, &run.stderr),
            (cold.code, &cold.stdout, &cold.stderr)
        );
    }
    // A decision appended (by `mark`, which reads the journal after its snapshot too) is seen,
    // as it is without a snapshot.
    let mark = common::with_cache(
        &["mark", "c2", "unreviewed", "--reviewer", "r7", "claims"],
        dir.path(),
        cache,
    );
    assert_eq!(mark.code, 0, "{}", mark.stderr);
    let json = |cache| {
        let run = common::with_cache(&["export", "--format", "json", "claims"], dir.path(), cache);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
    };
    let (cached, whole) = (json(cache), json("off"));
    assert_eq!(cached, whole);
    assert!(whole.contains("\"r7\""), "{whole}");
    assert_eq!(
        common::with_cache(&["check", "claims"], dir.path(), cache).stderr,
        common::with_cache(&["check", "claims"], dir.path(), "off").stderr
    );
    // Off: no snapshot is made, not even in the user's cache; on by default, it is there.
    let home = dir.path().join("home");
    let in_home = |cache: Option<&str>| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_crosscheck"));
        command
            .args(["check", "claims"])
            .current_dir(dir.path())
            .env("HOME", &home)
            .env_remove("XDG_CACHE_HOME")
            .env_remove("CROSSCHECK_CACHE");
        if let Some(cache) = cache {
            command.env("CROSSCHECK_CACHE", cache);
        }
        assert!(command.output().unwrap().status.code().is_some());
    };
    in_home(Some("off"));
    assert!(!home.join(".cache").exists());
    in_home(None);
    assert_eq!(
        std::fs::read_dir(home.join(".cache/crosscheck"))
            .unwrap()
            .count(),
        1
    );
}

#[test]
fn a_journal_s_warnings_are_shown_up_to_the_limit_and_the_rest_counted() {
    let dir = setup();
    // 250 decisions on claims no file declares, and one entry with a key entries do not have.
    let mut journal = String::from(
        "[[decision]]\nclaim = \"c1\"\nstatus = \"verified\"\nreviewer = \"ana\"\nmood = \"odd\"\nat = 2026-11-01T10:00:00Z\n\n",
    );
    for n in 0..250 {
        journal.push_str(&format!(
            "[[decision]]\nclaim = \"gone-{n}\"\nstatus = \"verified\"\nreviewer = \"ana\"\nat = 2026-11-01T10:00:00Z\n\n"
        ));
    }
    write(dir.path(), "claims/review.toml", &journal);
    let run = crosscheck(&["check", "claims"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let shown = run.stderr.matches("which no loaded file declares").count();
    assert_eq!(shown, 199, "200 warnings in all, the unknown key first");
    assert!(run.stderr.contains("unknown key `mood`"), "{}", run.stderr);
    // The last shown is on its line, the first not shown is not there.
    assert!(
        run.stderr
            .contains("review.toml:1196:1: warning: decision on claim `gone-198`")
    );
    assert!(!run.stderr.contains("`gone-199`"));
    let summary = run.stderr.lines().last().unwrap();
    assert!(
        summary.contains("251 warnings") && summary.contains("(51 messages not shown"),
        "{summary}"
    );
}
