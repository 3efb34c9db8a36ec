//! Hostile input and faults, through the real binary: booby-trapped text never reaches the
//! terminal, a full or read-only disk loses nothing, odd paths get clear errors.

mod common;

use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;

use common::pty::Screen;
use common::{CLAIM, HEADER, copy_data, crosscheck, write};

/// A claim file whose every text field tries to take over the terminal: retitle it (OSC 0/2),
/// clear it (CSI 2J), move the cursor, ring the bell, reverse the text (bidi), with the C1
/// forms of the same. The report text does it too.
fn booby_trapped(dir: &Path) {
    let evil = "\\u001b]0;PWNED\\u0007\\u001b]2;PWNED\\u001b\\\\\\u001b[2J\\u001b[H\\u009b2J\\u0007\\u202e";
    let claims = format!(
        "[report]\nid = \"r\"\ntitle = \"Title {evil}end\"\ntext = \"r.txt\"\n\n\
         [[source]]\nid = \"s\"\nname = \"Source {evil}name\"\nkind = \"agency {evil}\"\n\n\
         [[source]]\nid = \"t\"\nname = \"Relay{evil}\"\n\n\
         [[topic]]\nid = \"q\"\nquestion = \"How many {evil} troops?\"\nunit = \"troops {evil}\"\n\n\
         [[claim]]\nid = \"c1\"\ntopic = \"q\"\nsource = \"s\"\nvia = [\"t\"]\nquote = \"said 12,000\"\nfigure = 12000\n\n\
         [[claim]]\nid = \"c2\"\ntopic = \"q\"\nsource = \"t\"\nquote = \"about 11,000\"\nfigure = {{ about = 11000 }}\n"
    );
    write(dir, "evil.claims.toml", claims);
    write(
        dir,
        "r.txt",
        "Before \u{1b}]0;PWNED\u{7}\u{1b}[2J they said 12,000 and about 11,000 \u{202e}after\u{9b}2J.",
    );
}

#[test]
fn escape_sequences_in_files_never_reach_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    booby_trapped(dir.path());
    let mut screen = Screen::start(&["evil.claims.toml"], dir.path(), 120, 40);
    screen.wait_for("Source name");
    screen.wait_for("How many");
    screen.wait_for("troops?");
    screen.send("l");
    screen.wait_for("▶ claim 2 of 2");
    screen.send("?");
    screen.wait_for("Keys");
    screen.send("?");
    screen.wait_gone("Keys");
    // Wait for the whole frame under the help to be drawn again before looking at it.
    screen.wait_for("they said 12,000");
    screen.wait_for("? all keys");
    {
        let parser = screen.parser.lock().unwrap();
        assert!(
            parser.callbacks().titles.is_empty(),
            "the title was never changed"
        );
        assert_eq!(parser.callbacks().bells, 0, "no bell");
        let s = parser.screen();
        let text = s.contents();
        assert!(!text.contains("PWNED"), "{text}");
        assert!(
            text.contains("crosscheck"),
            "the header was not cleared away:\n{text}"
        );
        assert!(
            text.contains("they said 12,000"),
            "the report text is shown, cleaned:\n{text}"
        );
        assert!(!text.contains('\u{202e}'));
    }
    screen.send("q");
    assert_eq!(screen.wait_exit(), 0);
}

#[test]
fn escape_sequences_never_reach_diagnostics_or_exports() {
    let dir = tempfile::tempdir().unwrap();
    booby_trapped(dir.path());
    // An error on a line full of escapes, in a file whose very name carries one.
    let bad_name = "x\u{1b}]0;PWNED\u{7}.claims.toml";
    write(
        dir.path(),
        bad_name,
        "[report]\nid = \"r2\u{1b}[2J\"\ntitle = 5\n",
    );
    let run = crosscheck(&["check", "."], dir.path());
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("x.claims.toml:2:9: error: invalid TOML"),
        "{}",
        run.stderr
    );
    for out in [&run.stderr, &run.stdout] {
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
    }
    std::fs::remove_file(dir.path().join(bad_name)).unwrap();
    crosscheck(
        &[
            "mark",
            "c1",
            "disputed",
            "--note",
            "\u{1b}]0;PWNED\u{7}note",
            ".",
        ],
        dir.path(),
    );
    for format in ["markdown", "json", "csv", "claimreview"] {
        let run = crosscheck(&["export", "--format", format, "."], dir.path());
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            !run.stdout
                .chars()
                .any(|c| (c.is_control() && !"\n\r".contains(c)) || c == '\u{202e}'),
            "{format}: {:?}",
            run.stdout
        );
        assert!(!run.stdout.contains("PWNED"), "{format}");
    }
}

#[test]
fn a_path_that_is_not_utf8_loads_and_is_named_readably() {
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.claims.toml");
    std::fs::write(
        dir.path().join(name),
        format!("{HEADER}{CLAIM}").replace("name = \"Yonhap\"", "name = 3"),
    )
    .unwrap();
    let run = crosscheck(&["check", "."], dir.path());
    assert_eq!(run.code, 1, "the file is found and checked: {}", run.stderr);
    assert!(
        run.stderr.contains("caf\u{FFFD}.claims.toml:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("`name` must be a string"),
        "{}",
        run.stderr
    );
}

/// Run the binary as an unprivileged user when we are root (root reads everything).
fn crosscheck_unprivileged(args: &[&str], cwd: &Path) -> (i32, String) {
    // A copy of the binary in a place the unprivileged user can reach, wherever the build is.
    let bin_dir = tempfile::tempdir().unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(bin_dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let bin = bin_dir.path().join("crosscheck");
    std::fs::copy(env!("CARGO_BIN_EXE_crosscheck"), &bin).unwrap();
    let mut cmd = Command::new(&bin);
    cmd.args(args).current_dir(cwd);
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        cmd.uid(65534).gid(65534);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A directory others may read, holding `closed/`, a directory no one but root may read, with
/// a claim file in it.
fn with_a_closed_directory() -> (tempfile::TempDir, std::path::PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let closed = dir.path().join("closed");
    std::fs::create_dir(&closed).unwrap();
    write(&closed, "inner.claims.toml", "[report]\n");
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o000)).unwrap();
    (dir, closed)
}

#[test]
fn unreadable_files_and_directories_get_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, _) = with_a_closed_directory();
    write(dir.path(), "ok.claims.toml", format!("{HEADER}{CLAIM}"));
    let locked = write(dir.path(), "locked.claims.toml", "[report]\n");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let (code, stderr) = crosscheck_unprivileged(&["check", "."], dir.path());
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("locked.claims.toml: error: permission denied"),
        "{stderr}"
    );
    assert!(
        stderr.contains("closed: error: permission denied"),
        "{stderr}"
    );
    assert!(stderr.contains("make it readable"), "{stderr}");
}

#[test]
fn a_directory_searched_only_in_part_is_not_called_empty() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, closed) = with_a_closed_directory();
    let (code, stderr) = crosscheck_unprivileged(&["check", "."], dir.path());
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("closed: error: permission denied"),
        "{stderr}"
    );
    // Its claim files may be in the part that could not be read.
    assert!(!stderr.contains("no claim files"), "{stderr}");
    // A directory searched whole and holding none is still called empty.
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::remove_file(closed.join("inner.claims.toml")).unwrap();
    let (code, stderr) = crosscheck_unprivileged(&["check", "."], dir.path());
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(".: error: no claim files in this directory"),
        "{stderr}"
    );
}

#[test]
fn a_missing_path_is_explained_by_what_was_read() {
    let dir = tempfile::tempdir().unwrap();
    // No paths and no `data/`: the default is named.
    let run = crosscheck(&["check"], dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("data: error: no such file or directory\n = help: with no paths crosscheck reads `data/`"),
        "{}",
        run.stderr
    );
    // A path the user gave, or an article to draft from, is only checked.
    for args in [&["check", "nosuch"][..], &["draft", "nosuch.txt"]] {
        let run = crosscheck(args, dir.path());
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("help: check the path"),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("data/"), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn where_to_keep_a_journal_is_refused_by_commands_that_keep_none() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "article.txt",
        "Officials said 12,000 troops were sent.\n",
    );
    for args in [
        &["draft", "--review", "r.toml", "article.txt"][..],
        &["--reviewer", "kim", "draft", "article.txt"],
        &["completions", "bash", "--store", "postgres://x@y/z"],
    ] {
        let run = crosscheck(args, dir.path());
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("keeps no journal"), "{}", run.stderr);
    }
    assert!(!dir.path().join("r.toml").exists());
    assert!(!dir.path().join("article.claims.toml").exists());
}

#[test]
fn symbolic_link_loops_get_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("a.claims.toml", dir.path().join("b.claims.toml")).unwrap();
    std::os::unix::fs::symlink("b.claims.toml", dir.path().join("a.claims.toml")).unwrap();
    let run = crosscheck(&["check", "a.claims.toml"], dir.path());
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("a.claims.toml: error: too many levels of symbolic links"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_fifo_or_device_as_the_journal_is_refused_without_hanging() {
    let (dir, _data) = (tempfile::tempdir().unwrap(), ());
    write(dir.path(), "x.claims.toml", format!("{HEADER}{CLAIM}"));
    let run = crosscheck(
        &[
            "mark",
            "c1",
            "verified",
            "--review",
            "/dev/zero",
            "x.claims.toml",
        ],
        dir.path(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("/dev/zero") && run.stderr.contains("it is not a regular file"),
        "{}",
        run.stderr
    );
}

/// A small file system of our own, to fill up or make read-only. Needs root (as CI runs).
/// The mount point, and the temporary directory that holds it (removed after unmounting).
struct SmallDisk(std::path::PathBuf, #[allow(dead_code)] tempfile::TempDir);

impl SmallDisk {
    fn mount(kib: usize) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("disk");
        std::fs::create_dir(&path).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(&path)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("SKIPPED: cannot mount a tmpfs here (not root); CI runs this test as root");
            return None;
        }
        Some(SmallDisk(path, dir))
    }

    fn fill(&self) {
        // Fill what is left; the write fails when the disk is full, as intended.
        let mut f = std::fs::File::create(self.0.join("filler")).unwrap();
        let block = vec![b'x'; 4096];
        while std::io::Write::write_all(&mut f, &block).is_ok() {}
    }

    fn remount_read_only(&self) {
        let ok = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(ok.success());
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_is_said_and_leaves_the_journal_valid() {
    let Some(disk) = SmallDisk::mount(64) else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    copy_data(work.path());
    let journal = disk.0.join("review.toml");
    let journal_arg = journal.to_str().unwrap();
    // A journal that ends on a page boundary: the next entry needs space the disk lacks.
    let preamble = format!("# {}\n", "x".repeat(4096 - 3));
    std::fs::write(&journal, &preamble).unwrap();
    disk.fill();
    let mark = || {
        crosscheck(
            &[
                "mark",
                "nis-troops-12000",
                "disputed",
                "--note",
                "n",
                "--review",
                journal_arg,
                "data",
            ],
            work.path(),
        )
    };
    let run = mark();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("cannot be written: the disk is full"),
        "{}",
        run.stderr
    );
    // Nothing half-written follows what was there.
    assert_eq!(std::fs::read_to_string(&journal).unwrap(), preamble);
    let check = crosscheck(&["check", "--review", journal_arg, "data"], work.path());
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stderr.ends_with("0 errors, 0 warnings\n"),
        "{}",
        check.stderr
    );

    // The screen says it on the status line, shows nothing as saved, and keeps running.
    let mut screen = Screen::start(&["--review", journal_arg, "data"], work.path(), 120, 40);
    screen.wait_for("12,000 troops");
    screen.send("d");
    screen.wait_for("NOT SAVED");
    screen.wait_for("the disk is full");
    screen.wait_for("○ unreviewed");
    screen.send("j");
    screen.wait_for("▶· How many soldiers");
    screen.send("q");
    assert_eq!(screen.wait_exit(), 0);
    assert_eq!(std::fs::read_to_string(&journal).unwrap(), preamble);
}

#[test]
fn a_read_only_disk_is_said_and_the_screen_still_opens() {
    let Some(disk) = SmallDisk::mount(256) else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    copy_data(work.path());
    let journal = disk.0.join("review.toml");
    let journal_arg = journal.to_str().unwrap();
    assert_eq!(
        crosscheck(
            &[
                "mark",
                "nis-troops-12000",
                "verified",
                "--review",
                journal_arg,
                "data"
            ],
            work.path()
        )
        .code,
        0
    );
    disk.remount_read_only();
    let run = crosscheck(
        &[
            "mark",
            "nis-troops-12000",
            "disputed",
            "--review",
            journal_arg,
            "data",
        ],
        work.path(),
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("the file system is read-only"),
        "{}",
        run.stderr
    );
    let mut screen = Screen::start(&["--review", journal_arg, "data"], work.path(), 120, 40);
    screen.wait_for("READ-ONLY");
    screen.wait_for("✓ verified");
    screen.send("d");
    screen.wait_for("NOT SAVED");
    screen.send("q");
    assert_eq!(screen.wait_exit(), 0);
}

#[test]
fn a_journal_in_a_missing_directory_is_read_only_on_screen() {
    let work = tempfile::tempdir().unwrap();
    copy_data(work.path());
    let mut screen = Screen::start(
        &["--review", "nowhere/review.toml", "data"],
        work.path(),
        120,
        40,
    );
    screen.wait_for("READ-ONLY");
    screen.wait_for("does not exist");
    screen.send("v");
    screen.wait_for("NOT SAVED");
    screen.send("q");
    assert_eq!(screen.wait_exit(), 0);
}

#[test]
fn files_edited_removed_and_added_while_reviewing() {
    let work = tempfile::tempdir().unwrap();
    let data = copy_data(work.path());
    let mut screen = Screen::start(&["data"], work.path(), 120, 40);
    screen.wait_for("12,000 troops");
    screen.send("v");
    screen.wait_for("saved: nis-troops-12000 verified");
    // The claim is renamed away, and a new file arrives.
    let file = data.join("novinite-2024-10-18.claims.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("id = \"nis-troops-12000\"", "id = \"nis-troops-12k\""),
    )
    .unwrap();
    write(
        &data,
        "extra.claims.toml",
        "[report]\nid = \"extra\"\ntitle = \"Extra\"\n[[topic]]\nid = \"extra-topic\"\nquestion = \"An added question?\"\n[[claim]]\nid = \"extra-claim\"\ntopic = \"extra-topic\"\nsource = \"nis\"\nquote = \"q\"\nstance = \"denies\"\n",
    );
    screen.send("r");
    screen.wait_for("reloaded 2 files: 12 claims");
    screen.wait_for("1 decision kept for a claim no loaded file declares: nis-troops-12000");
    screen.send("G");
    screen.wait_for("An added question?");
    // A file broken on disk is refused; the screen keeps what it had.
    std::fs::write(data.join("extra.claims.toml"), "[report\n").unwrap();
    screen.send("r");
    screen.wait_for("reload failed");
    screen.send("q");
    assert_eq!(screen.wait_exit(), 0);
    let journal = std::fs::read_to_string(data.join("review.toml")).unwrap();
    assert!(
        journal.contains("claim = \"nis-troops-12000\""),
        "the orphaned decision is kept"
    );
}

#[test]
fn fast_resizing_from_tiny_to_huge_never_breaks_the_screen() {
    let work = tempfile::tempdir().unwrap();
    copy_data(work.path());
    let mut screen = Screen::start(&["data"], work.path(), 120, 40);
    screen.wait_for("12,000 troops");
    for (cols, rows) in [
        (1, 1),
        (500, 200),
        (2, 3),
        (59, 19),
        (80, 24),
        (1, 200),
        (500, 1),
        (61, 20),
        (300, 100),
    ] {
        screen
            .master
            .resize(portable_pty::PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }
    screen
        .master
        .resize(portable_pty::PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    // The parser stays at 120x40: back at that size the screen is cleared and drawn whole.
    screen.wait_for("reviewed 0/11");
    screen.send("j");
    screen.wait_for("▶· How many soldiers");
    screen.send("q");
    assert_eq!(screen.wait_exit(), 0);
}

/// Claims naming hundreds of unknown topics among 30,000: did-you-mean is looked for until its
/// budget is spent (a mistake made again is answered from memory), then the plain help is
/// given. Before the budget, such files took hours: every message, even those past the limit
/// of 200 a file and never shown, compared its id with every topic.
#[test]
fn many_unknown_ids_among_many_get_did_you_mean_within_a_budget() {
    let dir = tempfile::tempdir().unwrap();
    const TOPICS: usize = 30_000;
    let mut catalog = String::from("[[source]]\nid = \"s\"\nname = \"S\"\n");
    for t in 0..TOPICS {
        catalog.push_str(&format!(
            "\n[[topic]]\nid = \"topic-{t:05}\"\nquestion = \"Q{t}?\"\nunit = \"troops\"\n"
        ));
    }
    write(dir.path(), "a-catalog.claims.toml", catalog);
    let claim = |id: &str, topic: &str| {
        format!(
            "\n[[claim]]\nid = \"{id}\"\ntopic = \"{topic}\"\nsource = \"s\"\nquote = \"12,000 troops\"\nfigure = 12000\n"
        )
    };
    // One typo made 150 times, in the first report.
    let mut first = String::from("[report]\nid = \"r0\"\ntitle = \"R\"\n");
    for c in 0..150 {
        first.push_str(&claim(&format!("same-{c}"), "topic-0001x"));
    }
    write(dir.path(), "b-0.claims.toml", first);
    // Then 200 distinct typos, 50 a file.
    for f in 1..=4 {
        let mut text = format!("[report]\nid = \"r{f}\"\ntitle = \"R\"\n");
        for c in 0..50 {
            let t = f * 1000 + c;
            text.push_str(&claim(&format!("c{f}-{c}"), &format!("topic-{t:04}x")));
        }
        write(dir.path(), &format!("b-{f}.claims.toml"), text);
    }
    let run = crosscheck(&["check", "--review", "none.toml", "."], dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    let unknown = run.stderr.matches("error: unknown topic").count();
    assert_eq!(unknown, 350);
    let suggested = run.stderr.matches("help: did you mean `topic-").count();
    let plain = run
        .stderr
        .matches("help: declare it with `[[topic]]`")
        .count();
    // Each distinct typo compares it with every topic; the repeated one is compared once.
    let looked_for = crosscheck::suggest::MOST_COMPARED / TOPICS;
    assert!(
        looked_for > 1 && looked_for < 200,
        "the test needs the budget to run out"
    );
    assert_eq!(suggested, 150 + (looked_for - 1), "{}", run.stderr);
    assert_eq!(plain, 350 - suggested);
    // The typo made again gets the same suggestion each time.
    let first = &run.stderr[run.stderr.find("help: did you mean").unwrap()..];
    let help = &first[..first.find('\n').unwrap()];
    assert!(run.stderr.matches(help).count() >= 150, "{help}");
}

/// A `part_of` cycle of 5,000 sources and a chain of 20,000: each source is walked once (a
/// chain of 10,000 took minutes), and the cycle is named by its first sources and its length,
/// not in a line of 5,000 names.
#[test]
fn long_part_of_chains_and_cycles_are_walked_once_and_named_briefly() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "[report]\nid = \"r\"\ntitle = \"R\"\n\n[[topic]]\nid = \"t\"\nquestion = \"Q?\"\nunit = \"troops\"\n",
    );
    for i in 0..5_000 {
        let up = (i + 1) % 5_000;
        text.push_str(&format!(
            "\n[[source]]\nid = \"c{i}\"\nname = \"C\"\npart_of = \"c{up}\"\n"
        ));
    }
    for i in 0..20_000 {
        let up = if i + 1 < 20_000 {
            format!("part_of = \"h{}\"\n", i + 1)
        } else {
            String::new()
        };
        text.push_str(&format!("\n[[source]]\nid = \"h{i}\"\nname = \"H\"\n{up}"));
    }
    text.push_str("\n[[claim]]\nid = \"x\"\ntopic = \"t\"\nsource = \"h0\"\nquote = \"5 troops\"\nfigure = 5\n");
    write(dir.path(), "x.claims.toml", text);
    let run = crosscheck(&["check", "--review", "none.toml", "."], dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("makes a cycle"))
        .expect("the cycle is reported");
    assert!(
        line.ends_with("c0 → c1 → c2 → c3 → c4 → c5 → c6 → c7 → c8 → c9 → … → c0 (5000 sources)"),
        "{line}"
    );
    assert_eq!(run.stderr.matches("makes a cycle").count(), 1);
}

/// `supersedes` cycles are errors, reported once each where they close and named briefly when
/// long; corrections that meet again without a cycle (a diamond) are not. A cycle used to pass
/// silently, every claim of it superseded and the topic left with no verdict.
#[test]
fn supersedes_cycles_are_errors_and_diamonds_are_not() {
    let header = "[report]\nid = \"r\"\ntitle = \"R\"\n\n[[source]]\nid = \"s\"\nname = \"S\"\n\n[[topic]]\nid = \"t\"\nquestion = \"Q?\"\nunit = \"troops\"\n";
    let claim = |id: &str, names: &[String]| {
        let names: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
        format!(
            "\n[[claim]]\nid = \"{id}\"\ntopic = \"t\"\nsource = \"s\"\nquote = \"5 troops\"\nfigure = 5\nsupersedes = [{}]\n",
            names.join(", ")
        )
    };
    let run = |claims: String| {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "x.claims.toml", format!("{header}{claims}"));
        let run = crosscheck(&["check", "--review", "none.toml", "."], dir.path());
        (run.code, run.stderr)
    };
    let n = |s: &str| s.to_string();
    // A diamond: d corrects b and c, both correct a.
    let diamond = [
        claim("a", &[]),
        claim("b", &[n("a")]),
        claim("c", &[n("a")]),
        claim("d", &[n("b"), n("c")]),
    ]
    .concat();
    let (code, stderr) = run(diamond);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("cycle"), "{stderr}");
    // Two claims correcting each other.
    let (code, stderr) = run([claim("a", &[n("b")]), claim("b", &[n("a")])].concat());
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("error: `supersedes` makes a cycle: a → b → a"),
        "{stderr}"
    );
    assert_eq!(stderr.matches("makes a cycle").count(), 1);
    // A cycle of 3,000 claims, each correcting the next.
    let long: String = (0..3_000)
        .map(|i| claim(&format!("k{i}"), &[format!("k{}", (i + 1) % 3_000)]))
        .collect();
    let (code, stderr) = run(long);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "makes a cycle: k0 → k1 → k2 → k3 → k4 → k5 → k6 → k7 → k8 → k9 → … → k0 (3000 claims)"
        ),
        "{}",
        &stderr[..stderr.len().min(600)]
    );
    assert_eq!(stderr.matches("makes a cycle").count(), 1);
}
