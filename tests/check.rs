//! `crosscheck check` on valid files and on one fixture per class of bad input: exit codes,
//! `path:line:col` in the message, and the hint.

mod common;

use common::{CLAIM, HEADER, check_one, crosscheck, line_of, write};

/// Asserts a failed check whose stderr has `x.claims.toml:LINE:COL: error: MESSAGE` and `HINT`.
fn assert_error(run: &common::Run, line: usize, col: usize, message: &str, hint: &str) {
    common::assert_error_at(run, &format!("x.claims.toml:{line}:{col}"), message, hint);
}

#[test]
fn a_valid_file_passes_with_a_summary_line() {
    let (_d, run) = check_one(format!("{HEADER}{CLAIM}"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "1 file, 2 claims, 2 topics: 0 errors, 0 warnings\n"
    );
}

#[test]
fn a_bom_and_crlf_line_endings_are_fine() {
    let content = format!("\u{feff}{HEADER}{CLAIM}").replace('\n', "\r\n");
    let (_d, run) = check_one(content);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn crlf_positions_are_still_right() {
    let content = format!("{HEADER}{CLAIM}")
        .replace("\"trops\"", "")
        .replace("topic = \"troops\"\nsource", "topic = \"trops\"\nsource");
    let line = line_of(&content, "\"trops\"");
    let (_d, run) = check_one(format!("\u{feff}{content}").replace('\n', "\r\n"));
    assert_error(
        &run,
        line,
        9,
        "unknown topic `trops`",
        "did you mean `troops`?",
    );
}

#[test]
fn toml_syntax_error() {
    let content = format!("{HEADER}\n[[claim]\nid = \"c1\"\n");
    let (_d, run) = check_one(&content);
    assert_error(
        &run,
        line_of(&content, "[[claim]"),
        9,
        "invalid TOML",
        "fix the TOML syntax",
    );
}

#[test]
fn wrong_value_type() {
    let content = format!("{HEADER}{CLAIM}").replace("figure = 12000", "figure = \"12,000\"");
    let (_d, run) = check_one(&content);
    assert_error(
        &run,
        line_of(&content, "figure ="),
        10,
        "`figure` must be a number, found string",
        "`figure = 12000`",
    );
}

#[test]
fn unknown_key_gets_did_you_mean() {
    let content = format!("{HEADER}{CLAIM}").replace(
        "quote = \"troops were sent\"",
        "qoute = \"troops were sent\"",
    );
    let (_d, run) = check_one(&content);
    assert_error(
        &run,
        line_of(&content, "qoute"),
        1,
        "unknown key `qoute` in [[claim]]",
        "did you mean `quote`?",
    );
}

#[test]
fn missing_required_key() {
    let content = HEADER.replace("name = \"Yonhap\"\n", "") + CLAIM;
    let (_d, run) = check_one(&content);
    assert_error(
        &run,
        line_of(&content, "id = \"yonhap\""),
        6,
        "source `yonhap` has no `name`",
        "`name` is required",
    );
}

#[test]
fn id_breaking_the_grammar() {
    let content = format!("{HEADER}{CLAIM}").replace("id = \"c1\"", "id = \"Claim One\"");
    let (_d, run) = check_one(&content);
    assert_error(
        &run,
        line_of(&content, "Claim One"),
        6,
        "invalid claim id `Claim One`",
        "try `claim-one`",
    );
}

#[test]
fn a_source_redeclared_the_same_is_one_and_differently_is_an_error_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.claims.toml", format!("{HEADER}{CLAIM}"));
    let second = HEADER
        .replace("id = \"r1\"", "id = \"r2\"")
        .replace("id = \"troops\"", "id = \"other\"")
        .replace("id = \"deployed\"", "id = \"other2\"");
    let second = second.replace("[[source]]\nid = \"yonhap\"\nname = \"Yonhap\"\n", "");
    // The same source in both files: one source (each article file can be checked alone).
    write(dir.path(), "b.claims.toml", &second);
    let run = crosscheck(&["check", "."], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("`nis`"), "{}", run.stderr);
    // Declared differently: an error at the later one, naming the first and the key.
    let differing = second.replace(
        "name = \"National Intelligence Service\"",
        "name = \"NIS (South Korea)\"",
    );
    write(dir.path(), "b.claims.toml", &differing);
    let run = crosscheck(&["check", "."], dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    let line = line_of(&differing, "id = \"nis\"");
    assert!(
        run.stderr.contains(&format!(
            "b.claims.toml:{line}:6: error: source `nis` is declared again with a different `name`"
        )),
        "{}",
        run.stderr
    );
    let first = line_of(HEADER, "id = \"nis\"");
    assert!(
        run.stderr.contains(&format!("a.claims.toml:{first}:6")),
        "first place named:\n{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("first declared here, where `name` is \"National Intelligence Service\""),
        "{}",
        run.stderr
    );
    // Claims are never redeclared.
    write(
        dir.path(),
        "b.claims.toml",
        format!("{second}{CLAIM}").replace("c2", "c9"),
    );
    let run = crosscheck(&["check", "."], dir.path());
    assert!(
        run.stderr
            .contains("error: claim id `c1` is declared twice"),
        "{}",
        run.stderr
    );
}

#[test]
fn undeclared_topic_and_source_get_did_you_mean() {
    let content = format!("{HEADER}{CLAIM}")
        .replace("source = \"nis\"\nvia", "source = \"nsi\"\nvia")
        .replace("via = [\"yonhap\"]", "via = [\"yonhap\", \"yonhapp\"]");
    let (_d, run) = check_one(&content);
    assert_error(
        &run,
        line_of(&content, "\"nsi\""),
        10,
        "unknown source `nsi`",
        "did you mean `nis`?",
    );
    assert!(
        run.stderr.contains("unknown source `yonhapp`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `yonhap`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_error_in_every_file_is_reported_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let bad = format!("{HEADER}{CLAIM}")
        .replace("topic = \"troops\"\nsource", "topic = \"trops\"\nsource")
        .replace("stance = \"affirms\"", "stance = \"afirms\"");
    write(dir.path(), "a.claims.toml", &bad);
    write(
        dir.path(),
        "sub/b.claims.toml",
        "[report]\nid = \"r2\"\ntitle = 3\n",
    );
    let run = crosscheck(&["check", "."], dir.path());
    assert_eq!(run.code, 1);
    for expected in [
        "unknown topic `trops`",
        "unknown stance `afirms`",
        "`title` must be a string",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing {expected}:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .ends_with("2 files, 2 claims, 2 topics: 3 errors, 1 warning\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn nan_and_infinite_figures() {
    for bad in ["nan", "inf", "-inf", "{ about = nan }"] {
        let content =
            format!("{HEADER}{CLAIM}").replace("figure = 12000", &format!("figure = {bad}"));
        let (_d, run) = check_one(&content);
        assert_eq!(run.code, 1, "{bad}");
        assert!(
            run.stderr.contains("is not a finite number"),
            "{bad}: {}",
            run.stderr
        );
        assert!(
            run.stderr
                .contains(&format!("x.claims.toml:{}:", line_of(&content, "figure ="))),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn low_above_high() {
    let content = format!("{HEADER}{CLAIM}")
        .replace("figure = 12000", "figure = { low = 1200, high = 1100 }");
    let (_d, run) = check_one(&content);
    assert_error(
        &run,
        line_of(&content, "figure ="),
        10,
        "range low 1200 is greater than high 1100",
        "swap them",
    );
}

#[test]
fn two_figure_forms_at_once() {
    let content = format!("{HEADER}{CLAIM}").replace(
        "figure = 12000",
        "figure = { about = 11000, at_least = 3000 }",
    );
    let (_d, run) = check_one(&content);
    assert_error(
        &run,
        line_of(&content, "figure ="),
        10,
        "two figure forms at once",
        "a figure is a number, or one of",
    );
}

#[test]
fn figure_on_a_yes_no_topic() {
    let content = format!("{HEADER}{CLAIM}").replace("stance = \"affirms\"", "figure = 3");
    let (_d, run) = check_one(&content);
    assert_error(
        &run,
        line_of(&content, "figure = 3"),
        10,
        "a figure on yes/no topic `deployed`",
        "use `stance = \"affirms\"`",
    );
}

#[test]
fn stance_on_a_numeric_topic() {
    let content = format!("{HEADER}{CLAIM}").replace("figure = 12000", "stance = \"denies\"");
    let (_d, run) = check_one(&content);
    assert_error(
        &run,
        line_of(&content, "\"denies\""),
        10,
        "a stance on numeric topic `troops`",
        "figure = ...",
    );
}

#[test]
fn quote_not_in_the_report_text_and_folding() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "text.txt",
        "They said \u{201C}12,000\n   troops\u{201D} \u{2014} and troops were sent.",
    );
    let content = format!("{HEADER}{CLAIM}")
        .replace(
            "title = \"A report\"",
            "title = \"A report\"\ntext = \"text.txt\"",
        )
        .replace(
            "quote = \"12,000 troops\"",
            "quote = \"\\\"12,000 troops\\\" - and\"",
        )
        .replace(
            "quote = \"troops were sent\"",
            "quote = \"troops were seen\"",
        );
    write(dir.path(), "x.claims.toml", &content);
    let run = crosscheck(&["check", "x.claims.toml"], dir.path());
    assert_error(
        &run,
        line_of(&content, "troops were seen"),
        9,
        "quote not found in the report text",
        "quotes are verbatim",
    );
    // The folded quote (curly quotes, dash, white space) matched: only one error.
    assert!(
        run.stderr.ends_with(": 1 error, 0 warnings\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_report_text_file() {
    let content = format!("{HEADER}{CLAIM}").replace(
        "title = \"A report\"",
        "title = \"A report\"\ntext = \"gone.txt\"",
    );
    let (_d, run) = check_one(&content);
    assert_error(
        &run,
        line_of(&content, "gone.txt"),
        8,
        "report text",
        "relative to this claim file",
    );
    assert!(
        run.stderr.contains("no such file or directory"),
        "{}",
        run.stderr
    );
}

#[test]
fn invalid_utf8() {
    let mut content = format!("{HEADER}{CLAIM}").into_bytes();
    let at = content.windows(6).position(|w| w == b"Yonhap").unwrap();
    content[at + 1] = 0xF6; // Latin-1 "ö"
    let line = line_of(&format!("{HEADER}{CLAIM}"), "name = \"Yonhap\"");
    let (_d, run) = check_one(content);
    assert_error(&run, line, 10, "invalid UTF-8", "save the file as UTF-8");
}

#[test]
fn binary_file() {
    let (_d, run) = check_one(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00");
    assert_error(&run, 1, 8, "binary data", "UTF-8 text");
}

#[test]
fn empty_file() {
    for content in ["", "\n  \n"] {
        let (_d, run) = check_one(content);
        assert_eq!(run.code, 1);
        assert!(
            run.stderr.contains("x.claims.toml: error: empty file"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("[report]"), "{}", run.stderr);
    }
}

#[test]
fn a_file_without_report_is_a_catalog_that_may_not_hold_claims() {
    let catalog = HEADER.replace("[report]\nid = \"r1\"\ntitle = \"A report\"\n", "");
    let (_d, run) = check_one(&catalog);
    assert_eq!(
        run.code, 0,
        "a catalog of sources and topics: {}",
        run.stderr
    );
    let with_claims = format!("{catalog}{CLAIM}");
    let (_d, run) = check_one(&with_claims);
    let line = line_of(&with_claims, "[[claim]]");
    assert_error(
        &run,
        line,
        1,
        "claims need a `[report]`: this file has none, so it is a catalog",
        "add `[report]` with `id` and `title`",
    );
    let (_d, run) = check_one("# nothing but a comment\nx = 1\n");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error: no tables"), "{}", run.stderr);
}

#[test]
fn absurd_nesting_depth() {
    let content = format!("{HEADER}x = {}{}", "[".repeat(100_000), "]".repeat(100_000));
    let (_d, run) = check_one(&content);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("max recursion depth"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("x.claims.toml:{}:", line_of(&content, "x = "))),
        "{}",
        run.stderr
    );
}

#[test]
fn very_large_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "x.claims.toml", HEADER);
    // Sparse: the size is there without the disk space.
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(65 * 1024 * 1024)
        .unwrap();
    let run = crosscheck(&["check", "x.claims.toml"], dir.path());
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("x.claims.toml: error: file is larger than 64 MiB"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("split it into several files"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_large_valid_file_loads() {
    let mut content = String::from(HEADER);
    content.push_str(CLAIM);
    for i in 0..20_000 {
        content.push_str(&format!("\n[[claim]]\nid = \"n{i}\"\ntopic = \"troops\"\nsource = \"nis\"\nquote = \"q\"\nfigure = {{ about = {i} }}\n"));
    }
    let (_d, run) = check_one(&content);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("20002 claims"), "{}", run.stderr);
}

#[test]
fn directory_without_claim_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes/readme.txt", "nothing here");
    let run = crosscheck(&["check", "notes"], dir.path());
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("notes: error: no claim files in this directory"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("*.claims.toml"), "{}", run.stderr);
}

#[test]
fn path_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let run = crosscheck(&["check", "nowhere.claims.toml"], dir.path());
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("nowhere.claims.toml: error: no such file or directory"),
        "{}",
        run.stderr
    );
}

#[test]
fn path_that_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    // A link to itself cannot be read by anyone, root included.
    std::os::unix::fs::symlink("loop.claims.toml", dir.path().join("loop.claims.toml")).unwrap();
    write(dir.path(), "plain.txt", "x");
    let run = crosscheck(
        &["check", "loop.claims.toml", "plain.txt/x.claims.toml"],
        dir.path(),
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("loop.claims.toml: error: too many levels of symbolic links"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("plain.txt/x.claims.toml: error: cannot be read"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_directory_loop_is_searched_once() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "d/a.claims.toml", format!("{HEADER}{CLAIM}"));
    std::os::unix::fs::symlink("..", dir.path().join("d/up")).unwrap();
    let run = crosscheck(&["check", "d"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.starts_with("1 file,"), "{}", run.stderr);
}

#[test]
fn warnings_for_legal_but_suspicious_files() {
    let content = format!(
        "{HEADER}{CLAIM}\n[[topic]]\nid = \"lonely\"\nquestion = \"?\"\n\n[[source]]\nid = \"idle\"\nname = \"Idle\"\n"
    );
    let (_d, run) = check_one(&content);
    assert_eq!(run.code, 0, "warnings alone pass: {}", run.stderr);
    let topic_line = line_of(&content, "\"lonely\"");
    let source_line = line_of(&content, "\"idle\"");
    assert!(
        run.stderr.contains(&format!(
            "x.claims.toml:{topic_line}:6: warning: topic `lonely` has no claims"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "x.claims.toml:{source_line}:6: warning: source `idle` is never used"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with("0 errors, 2 warnings\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let run = crosscheck(&["check", "--bogus"], dir.path());
    assert_eq!(run.code, 2, "{}", run.stderr);
    let run = crosscheck(&["export", "--format", "yaml"], dir.path());
    assert_eq!(run.code, 2, "{}", run.stderr);
    let run = crosscheck(&["data", "check"], dir.path());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("PATHS go after the command"),
        "{}",
        run.stderr
    );
    // Global options may come before the command.
    let run = crosscheck(&["--reviewer", "kim", "check", "nowhere"], dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("nowhere: error: no such file or directory"),
        "{}",
        run.stderr
    );
}

#[test]
fn escape_sequences_in_a_file_never_reach_the_terminal() {
    let content = format!("{HEADER}{CLAIM}")
        .replace("id = \"c1\"", "id = \"c1\"\nevil\u{1b}]0;pwned\u{7} = 1");
    let (_d, run) = check_one(&content);
    assert_eq!(run.code, 1);
    assert!(
        !run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{7}'),
        "{:?}",
        run.stderr
    );
}

#[test]
fn shell_completions_are_printed() {
    let dir = tempfile::tempdir().unwrap();
    let run = crosscheck(&["completions", "bash"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("crosscheck") && run.stdout.contains("export"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_summary_counts_every_claim_written_not_only_the_valid_ones() {
    let claim = |id: &str, stance: &str| {
        format!(
            "[[claim]]\nid = \"{id}\"\ntopic = \"t\"\nsource = \"s\"\nquote = \"q\"\nstance = \"{stance}\"\n"
        )
    };
    let mut text = "[report]\nid = \"r\"\ntitle = \"R\"\n[[source]]\nid = \"s\"\nname = \"S\"\n[[topic]]\nid = \"t\"\nquestion = \"Q?\"\n".to_string();
    for i in 0..8 {
        text.push_str(&claim(&format!("c{i}"), "affirms"));
    }
    text.push_str(&claim("c8", "maybe"));
    let (_dir, run) = common::check_one(text);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .ends_with("1 file, 9 claims, 1 topic: 1 error, 0 warnings\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_crlf_file_with_an_unterminated_string_is_an_error_not_a_panic() {
    let (_dir, run) = common::check_one("a = \"b\r\n");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(":1:7: error: invalid TOML"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn a_file_of_many_mistakes_shows_the_first_ones_and_counts_the_rest() {
    let text = format!(
        "[report]\nid = \"r\"\ntitle = \"T\"\n{}",
        "[[claim]]\n".repeat(5_000)
    );
    let (_dir, run) = common::check_one(text);
    assert_eq!(run.code, 1);
    let shown = run.stderr.matches(": error: ").count();
    assert_eq!(shown, 200, "at most 200 errors per file");
    assert!(
        run.stderr.ends_with(
            "1 file, 5000 claims, 0 topics: 5000 errors, 0 warnings (4800 messages not shown: at most 200 errors and 200 warnings per file; fix the first ones, later ones are often echoes)\n"
        ),
        "{}",
        &run.stderr[run.stderr.len().saturating_sub(400)..]
    );
}

/// 250 warnings, then an error found only when the files are resolved together (an unknown
/// topic): warnings never take the error's place, and the run fails. It used to be hidden by
/// the limit, and `check` passed and `export` wrote the file without the claim.
#[test]
fn an_error_after_many_warnings_is_shown_and_fails_the_run() {
    let mut text = String::from(
        "[report]\nid = \"r\"\ntitle = \"R\"\n\n[[source]]\nid = \"s\"\nname = \"S\"\n\n[[topic]]\nid = \"t\"\nquestion = \"Q?\"\nunit = \"troops\"\n",
    );
    for i in 0..250 {
        text.push_str(&format!(
            "\n[[claim]]\nid = \"c{i}\"\ntopic = \"t\"\nsource = \"s\"\nquote = \"many troops\"\nfigure = 5\n"
        ));
    }
    text.push_str("\n[[claim]]\nid = \"bad\"\ntopic = \"no-such-topic\"\nsource = \"s\"\nquote = \"5 troops\"\nfigure = 5\n");
    let (dir, run) = common::check_one(text);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error: unknown topic `no-such-topic`"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches(": warning: ").count(), 200);
    assert!(
        run.stderr
            .contains("1 error, 250 warnings (50 messages not shown")
    );
    let export = crosscheck(&["export", "--format", "csv", "x.claims.toml"], dir.path());
    assert_eq!(export.code, 1, "{}", export.stderr);
    assert!(export.stdout.is_empty(), "{}", export.stdout);
}

#[test]
fn hidden_files_in_a_directory_are_not_searched() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.claims.toml", format!("{HEADER}{CLAIM}"));
    // An editor's lock file: a link that leads nowhere, named like a claim file.
    std::os::unix::fs::symlink("nobody@host.1234", dir.path().join(".#a.claims.toml")).unwrap();
    write(dir.path(), ".b.claims.toml", "not toml at all");
    let run = crosscheck(&["check", "."], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.starts_with("1 file,"), "{}", run.stderr);
}

#[test]
fn claim_files_unchanged_are_read_back_from_the_cache_with_the_same_messages() {
    let dir = tempfile::tempdir().unwrap();
    let claims = dir.path().join("claims");
    std::fs::create_dir(&claims).unwrap();
    let mut text_file = None;
    for entry in std::fs::read_dir(common::repo().join("data"))
        .unwrap()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        let mut text = std::fs::read_to_string(entry.path()).unwrap();
        if name.ends_with(".claims.toml") {
            // Large enough to be kept (smaller files are checked as fast as read back).
            text.push_str(&"# padding\n".repeat(2_000));
        } else if name.ends_with(".txt") {
            text_file = Some(claims.join(&name));
        }
        std::fs::write(claims.join(&name), text).unwrap();
    }
    let cache = dir.path().join("cache");
    let cache = cache.to_str().unwrap();
    let run = |cache| {
        let run = common::with_cache(&["check", "claims"], dir.path(), cache);
        (run.code, run.stdout, run.stderr)
    };
    let off = run("off");
    assert_eq!(off.0, 0, "{}", off.2);
    assert!(!dir.path().join("cache").exists());
    assert_eq!(run(cache), off);
    let units = dir.path().join("cache/units");
    assert_eq!(std::fs::read_dir(&units).unwrap().count(), 1);
    assert_eq!(run(cache), off);
    // The report text changed: a quote is no longer in it, and the next run says so.
    let text_file = text_file.unwrap();
    let text = std::fs::read_to_string(&text_file).unwrap();
    std::fs::write(&text_file, text.replacen("12,000", "13,000", 1)).unwrap();
    let changed = run(cache);
    assert_eq!(changed.0, 1, "{}", changed.2);
    assert!(
        changed.2.contains("quote not found in the report text"),
        "{}",
        changed.2
    );
    assert_eq!(changed, run("off"));
}

#[test]
fn a_file_size_limit_stops_the_cache_never_the_check() {
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(common::repo().join("data"))
        .unwrap()
        .flatten()
    {
        let mut text = std::fs::read_to_string(entry.path()).unwrap();
        if entry
            .file_name()
            .to_string_lossy()
            .ends_with(".claims.toml")
        {
            text.push_str(&"# padding\n".repeat(2_000));
        }
        std::fs::write(dir.path().join(entry.file_name()), text).unwrap();
    }
    let off = common::crosscheck(&["check", "."], dir.path());
    assert_eq!(off.code, 0, "{}", off.stderr);
    let cache = dir.path().join("cache");
    for _ in 0..2 {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_crosscheck"));
        command
            .args(["check", "."])
            .current_dir(dir.path())
            .env_remove("NO_COLOR")
            .env("USER", "tester")
            .env("CROSSCHECK_CACHE", &cache);
        // SAFETY: only setrlimit, async-signal-safe, between fork and exec.
        unsafe {
            command.pre_exec(|| {
                // Files of at most 2 KiB: an entry (about 20 KiB) cannot be written.
                let limit = libc::rlimit {
                    rlim_cur: 2048,
                    rlim_max: 2048,
                };
                if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let out = command.output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), off.stderr);
    }
}
