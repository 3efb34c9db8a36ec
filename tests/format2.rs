//! Format 2 through `check`: catalogs and shared declarations, `part_of`, `supersedes`,
//! `window` and `draft` — every bad value an error with file:line:col and a hint.

mod common;

use common::{crosscheck, line_of, write};

const CATALOG: &str = r#"[[source]]
id = "sk-government"
name = "Government of South Korea"

[[source]]
id = "nis"
name = "National Intelligence Service (South Korea)"
part_of = "sk-government"

[[source]]
id = "yonhap"
name = "Yonhap"

[[topic]]
id = "troops"
question = "How many troops?"
unit = "troops"
window = 30
"#;

const REPORT: &str = r#"[report]
id = "r1"
title = "A report"
published = 2024-10-18

[[claim]]
id = "c1"
topic = "troops"
source = "nis"
via = ["yonhap"]
quote = "12,000 troops"
figure = 12000

[[claim]]
id = "c2"
topic = "troops"
source = "nis"
quote = "11,000 troops"
stated = 2024-11-01
figure = 11000
supersedes = ["c1"]
"#;

/// `check` on a catalog and a report file (after `edit` of the report).
fn check(catalog: &str, report: &str) -> (String, common::Run) {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "catalog.claims.toml", catalog);
    write(dir.path(), "r1.claims.toml", report);
    let run = crosscheck(&["check", "."], dir.path());
    (report.to_string(), run)
}

fn assert_error(run: &common::Run, at: &str, message: &str, hint: &str) {
    assert_eq!(run.code, 1, "{}", run.stderr);
    let headline = format!("{at}: error: {message}");
    assert!(
        run.stderr.contains(&headline),
        "expected `{headline}` in:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(hint),
        "expected hint `{hint}` in:\n{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn a_catalog_and_a_report_file_check_cleanly() {
    let (_, run) = check(CATALOG, REPORT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .ends_with("2 files, 2 claims, 1 topic: 0 errors, 0 warnings\n"),
        "part_of counts as a use of sk-government:\n{}",
        run.stderr
    );
}

#[test]
fn part_of_must_name_a_source_and_make_no_cycle() {
    let unknown = CATALOG.replace("part_of = \"sk-government\"", "part_of = \"sk-govermnent\"");
    let (_, run) = check(&unknown, REPORT);
    let line = line_of(&unknown, "sk-govermnent");
    assert_error(
        &run,
        &format!("catalog.claims.toml:{line}:11"),
        "unknown source `sk-govermnent`",
        "did you mean `sk-government`?",
    );
    let cycle = CATALOG.replace(
        "name = \"Government of South Korea\"",
        "name = \"Government of South Korea\"\npart_of = \"nis\"",
    );
    let (_, run) = check(&cycle, REPORT);
    let line = line_of(&cycle, "part_of = \"nis\"");
    assert_error(
        &run,
        &format!("catalog.claims.toml:{line}:11"),
        "`part_of` makes a cycle: sk-government → nis → sk-government",
        "remove one `part_of` of the cycle",
    );
    let itself = CATALOG.replace("part_of = \"sk-government\"", "part_of = \"nis\"");
    let (_, run) = check(&itself, REPORT);
    assert!(
        run.stderr.contains("`part_of` makes a cycle: nis → nis"),
        "{}",
        run.stderr
    );
}

#[test]
fn supersedes_names_other_claims_on_the_same_topic() {
    let unknown = REPORT.replace("supersedes = [\"c1\"]", "supersedes = [\"c11\"]");
    let (_, run) = check(CATALOG, &unknown);
    let line = line_of(&unknown, "[\"c11\"]");
    assert_error(
        &run,
        &format!("r1.claims.toml:{line}:15"),
        "unknown claim `c11`",
        "did you mean `c1`?",
    );
    let itself = REPORT.replace("supersedes = [\"c1\"]", "supersedes = [\"c2\"]");
    let (_, run) = check(CATALOG, &itself);
    assert_error(
        &run,
        &format!("r1.claims.toml:{}:15", line_of(&itself, "[\"c2\"]")),
        "claim `c2` supersedes itself",
        "remove this id",
    );
    let catalog =
        format!("{CATALOG}\n[[topic]]\nid = \"deployed\"\nquestion = \"Were troops sent?\"\n");
    let other = format!(
        "{REPORT}\n[[claim]]\nid = \"c3\"\ntopic = \"deployed\"\nsource = \"nis\"\nquote = \"sent\"\nstance = \"affirms\"\nsupersedes = [\"c1\"]\n"
    );
    let (_, run) = check(&catalog, &other);
    assert_error(
        &run,
        &format!(
            "r1.claims.toml:{}:15",
            line_of(&other, "stance = \"affirms\"") + 1
        ),
        "claim `c3` supersedes `c1`, which is on another topic",
        "a claim supersedes claims on its own topic (`deployed`)",
    );
    let not_a_list = REPORT.replace("supersedes = [\"c1\"]", "supersedes = \"c1\"");
    let (_, run) = check(CATALOG, &not_a_list);
    assert_error(
        &run,
        &format!("r1.claims.toml:{}:14", line_of(&not_a_list, "supersedes")),
        "`supersedes` must be an array of claim ids",
        "write `supersedes = [\"c1\"]`",
    );
}

#[test]
fn window_is_whole_days_above_zero_and_draft_a_boolean() {
    for bad in ["0", "-3", "\"7\"", "1.5"] {
        let catalog = CATALOG.replace("window = 30", &format!("window = {bad}"));
        let (_, run) = check(&catalog, REPORT);
        let line = line_of(&catalog, "window");
        assert_eq!(run.code, 1, "{bad}: {}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("catalog.claims.toml:{line}:10: error: ")),
            "{bad}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("more than 0"), "{bad}: {}", run.stderr);
    }
    let report = REPORT.replace("figure = 11000\n", "figure = 11000\ndraft = \"yes\"\n");
    let (_, run) = check(CATALOG, &report);
    assert_error(
        &run,
        &format!("r1.claims.toml:{}:9", line_of(&report, "draft")),
        "`draft` must be true or false, found string",
        "write `draft = true`",
    );
}
