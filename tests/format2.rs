//! Format 2 through `check`: catalogs and shared declarations, `part_of`, `supersedes`,
//! `window` and `draft` — every bad value an error with file:line:col and a hint.

mod common;

use common::{assert_error_at as assert_error, crosscheck, line_of, write};

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

/// The model and analysis of claim files written into a temporary directory.
fn analysed(files: &[(&str, &str)]) -> (crosscheck::model::Model, crosscheck::analysis::Analysis) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        write(dir.path(), name, text);
    }
    let loaded = crosscheck::load::load(&[dir.path().to_path_buf()]);
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    let analysis = crosscheck::analysis::analyse(&loaded.model);
    (loaded.model, analysis)
}

fn claim_index(model: &crosscheck::model::Model, id: &str) -> usize {
    model.claims.iter().position(|c| c.id == id).unwrap()
}

const HAITI_CATALOG: &str = r#"[[source]]
id = "haiti-government"
name = "Government of Haiti"

[[source]]
id = "lassegue"
name = "Marie-Laurence Jocelyn Lassègue, Minister of Communication"
part_of = "haiti-government"

[[source]]
id = "reuters"
name = "Reuters"

[[source]]
id = "ap"
name = "Associated Press"

[[source]]
id = "usaid"
name = "USAID"

[[topic]]
id = "haiti-toll"
question = "How many people died in the 12 January 2010 earthquake?"
unit = "deaths"
"#;

fn haiti_claim(id: &str, source: &str, via: &str, stated: &str, figure: &str) -> String {
    format!(
        "\n[[claim]]\nid = \"{id}\"\ntopic = \"haiti-toll\"\nsource = \"{source}\"\nvia = [\"{via}\"]\nquote = \"q\"\nstated = {stated}\nfigure = {figure}\n"
    )
}

#[test]
fn an_official_toll_rising_over_weeks_is_one_current_figure_not_a_conflict() {
    let report = format!(
        "[report]\nid = \"r\"\ntitle = \"R\"\n{}{}{}{}",
        haiti_claim(
            "gov-111481",
            "haiti-government",
            "reuters",
            "2010-01-24",
            "111481"
        ),
        haiti_claim(
            "gov-150000",
            "lassegue",
            "ap",
            "2010-01-25",
            "{ about = 150000 }"
        ),
        haiti_claim(
            "gov-212000",
            "haiti-government",
            "reuters",
            "2010-02-04",
            "{ at_least = 212000 }"
        ),
        haiti_claim(
            "gov-230000",
            "lassegue",
            "reuters",
            "2010-02-10",
            "{ about = 230000 }"
        ),
    );
    let (model, analysis) = analysed(&[
        ("catalog.claims.toml", HAITI_CATALOG),
        ("r.claims.toml", &report),
    ]);
    let topic = &analysis.topics[0];
    let latest = claim_index(&model, "gov-230000");
    assert_eq!(topic.current, vec![latest]);
    assert_eq!(topic.verdict, crosscheck::analysis::Verdict::Single);
    assert_eq!(topic.spread, None);
    assert_eq!(
        topic.origins, 1,
        "a minister is part of the government: one origin"
    );
    for id in ["gov-111481", "gov-150000", "gov-212000"] {
        assert_eq!(
            analysis.claims[claim_index(&model, id)].superseded_by,
            Some(latest),
            "{id}"
        );
    }
    assert_eq!(analysis.superseded(), 3);
    let me = analysis.claims[latest].independence.unwrap();
    assert_eq!(
        (
            me.corroborated_by,
            me.contradicted_by,
            me.suggested_credibility
        ),
        (0, 0, 6)
    );
}

#[test]
fn explicit_supersedes_drafts_windows_and_independent_origins() {
    let report = format!(
        "[report]\nid = \"r\"\ntitle = \"R\"\npublished = 2010-02-10\n{}{}{}{}{}",
        // An explicit correction of a later figure by an earlier-dated one.
        haiti_claim(
            "gov-230000",
            "haiti-government",
            "reuters",
            "2010-02-10",
            "{ about = 230000 }"
        ),
        haiti_claim("gov-210000", "lassegue", "ap", "2010-02-09", "210000").replace(
            "figure = 210000",
            "figure = 210000\nsupersedes = [\"gov-230000\"]"
        ),
        // Two independent origins: one agreeing (within 5%), one far off.
        haiti_claim(
            "usaid-215000",
            "usaid",
            "reuters",
            "2010-02-09",
            "{ about = 215000 }"
        ),
        haiti_claim("ap-316000", "ap", "ap", "2010-02-11", "316000"),
        // A draft takes no part.
        haiti_claim("draft-1", "reuters", "ap", "2010-02-11", "1")
            .replace("figure = 1", "figure = 1\ndraft = true"),
    );
    let (model, analysis) = analysed(&[
        ("catalog.claims.toml", HAITI_CATALOG),
        ("r.claims.toml", &report),
    ]);
    let at = |id| claim_index(&model, id);
    let topic = &analysis.topics[0];
    assert_eq!(
        analysis.claims[at("gov-230000")].superseded_by,
        Some(at("gov-210000")),
        "named in supersedes, though dated later"
    );
    assert_eq!(
        topic.current,
        vec![at("gov-210000"), at("usaid-215000"), at("ap-316000")]
    );
    assert_eq!(topic.verdict, crosscheck::analysis::Verdict::Conflict);
    assert_eq!(topic.origins, 3);
    let gov = analysis.claims[at("gov-210000")].independence.unwrap();
    assert_eq!((gov.corroborated_by, gov.contradicted_by), (1, 1));
    assert_eq!(gov.suggested_credibility, 3);
    let ap = analysis.claims[at("ap-316000")].independence.unwrap();
    assert_eq!(
        (
            ap.corroborated_by,
            ap.contradicted_by,
            ap.suggested_credibility
        ),
        (0, 2, 5)
    );
    assert_eq!(analysis.claims[at("draft-1")].independence, None);
    assert_eq!(analysis.claims[at("draft-1")].superseded_by, None);
    // A window of 1 day: AP's figure (2 days after the government's) is not compared with it.
    let windowed = HAITI_CATALOG.replace("unit = \"deaths\"", "unit = \"deaths\"\nwindow = 1");
    let (model, analysis) = analysed(&[
        ("catalog.claims.toml", &windowed),
        ("r.claims.toml", &report),
    ]);
    let at = |id| claim_index(&model, id);
    let gov = analysis.claims[at("gov-210000")].independence.unwrap();
    assert_eq!(
        (
            gov.corroborated_by,
            gov.contradicted_by,
            gov.suggested_credibility
        ),
        (1, 0, 1)
    );
    let ap = analysis.claims[at("ap-316000")].independence.unwrap();
    assert_eq!(
        ap.suggested_credibility, 6,
        "no other origin within a day of it"
    );
    assert_eq!(
        analysis.topics[0].verdict,
        crosscheck::analysis::Verdict::Consistent,
        "AP's far-off figure is compared with none: no conflict"
    );
}

#[test]
fn a_decision_on_a_claim_changed_since_is_stale_and_not_in_force() {
    use crosscheck::decision::Status;
    use crosscheck::session::{Reviewer, Session};
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "catalog.claims.toml", CATALOG);
    let report = write(dir.path(), "r1.claims.toml", REPORT);
    let loaded = crosscheck::load::load(&[dir.path().to_path_buf()]);
    let kim = Reviewer {
        name: "kim".into(),
        known: true,
    };
    let journal = dir.path().join("review.toml");
    let mut session = Session::open(loaded.model, vec![dir.path().to_path_buf()], &journal, kim);
    let c2 = session.review.claim("c2").unwrap();
    session
        .record(session.decision("c2", Status::Verified, Some("matches".into())))
        .unwrap();
    session
        .record(session.decision("c1", Status::Disputed, None))
        .unwrap();
    assert_eq!(session.review.status(c2), Status::Verified);
    // The figure is edited from 11,000 to 1,100: the verified decision no longer holds.
    std::fs::write(&report, REPORT.replace("figure = 11000", "figure = 1100")).unwrap();
    session.reload().unwrap();
    let review = &session.review;
    let c2 = review.claim("c2").unwrap();
    assert_eq!(
        review.status(c2),
        Status::Unreviewed,
        "never presented as in force"
    );
    assert_eq!(review.decision(c2), None);
    assert_eq!(
        review.stale(c2).map(|d| d.status),
        Some(Status::Verified),
        "kept, and shown as stale"
    );
    assert_eq!(review.stale_count(), 1);
    assert_eq!(
        review.what_changed(c2),
        Some(vec!["figure or stance"]),
        "the journal kept each field's digest: what changed is known"
    );
    assert_eq!(review.progress().verified, 0);
    assert_eq!(review.progress().disputed, 1, "c1 did not change");
    // Deciding again puts a decision in force on the claim as it is now.
    session
        .record(session.decision("c2", Status::Disputed, None))
        .unwrap();
    assert_eq!(session.review.status(c2), Status::Disputed);
    assert_eq!(session.review.stale_count(), 0);
    // Another reviewer's last decision is kept beside it.
    let by_ana = crosscheck::decision::Decision {
        reviewer: "ana".into(),
        ..session.decision("c2", Status::Verified, None)
    };
    session.record(by_ana).unwrap();
    let reviewers: Vec<&str> = session.review.by_reviewer(c2).map(|d| d.reviewer).collect();
    assert_eq!(reviewers, ["kim", "ana"]);
    assert_eq!(
        session.review.status(c2),
        Status::Verified,
        "the last decision, whoever made it"
    );
}

#[test]
fn check_warns_of_an_uncorroborated_confirmed_claim_and_counts_drafts() {
    let report = REPORT
        .replace("figure = 11000\n", "figure = 11000\ncredibility = 1\n")
        .replace("figure = 12000\n", "figure = 12000\ndraft = true\n");
    let (_, run) = check(CATALOG, &report);
    assert_eq!(run.code, 0, "warnings only: {}", run.stderr);
    let line = line_of(&report, "credibility = 1");
    assert!(
        run.stderr.contains(&format!(
            "r1.claims.toml:{line}:15: warning: claim `c2` is graded 1 (confirmed), but no other origin corroborates it"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("the evidence loaded suggests 6"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "1 draft waits for a person: they take no part in any verdict until accepted"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_figure_is_not_read_in_a_quote_longer_than_64_kb_and_the_warning_says_so() {
    let quote = "12,000 troops ".repeat(6_000);
    let edited = REPORT.replace(
        "quote = \"12,000 troops\"",
        &format!("quote = \"{}\"", quote.trim_end()),
    );
    let (_, run) = check(CATALOG, &edited);
    assert_eq!(run.code, 0, "a warning: {}", run.stderr);
    assert!(
        run.stderr
            .contains("warning: claim `c1`: its quote is 82 KB, too long for its figure to be checked against it"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.len() < 10_000, "{} bytes", run.stderr.len());
}

#[test]
fn a_quote_of_many_numbers_is_named_by_its_first_few_in_the_warning() {
    // Twenty numbers, the first of 40 digits: the warning stays a line long.
    let numbers: Vec<String> = std::iter::once("7".repeat(40))
        .chain((1..20).map(|n| format!("{n} units")))
        .collect();
    let quote = format!("the counts were {}", numbers.join("; "));
    let edited = REPORT
        .replace("quote = \"12,000 troops\"", &format!("quote = \"{quote}\""))
        .replace("figure = 12000", "figure = 120000");
    let (_, run) = check(CATALOG, &edited);
    assert_eq!(run.code, 0, "a warning: {}", run.stderr);
    let label = run
        .stderr
        .lines()
        .find(|l| l.contains("the quote has"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(
        label.ends_with(&format!(
            "the quote has {}…, 1, 2, 3, 4, 5, 6, 7 and 12 more",
            "7".repeat(24)
        )),
        "{label}"
    );
}

#[test]
fn check_warns_when_a_figure_is_not_in_its_quote_or_contradicts_its_hedge() {
    // The motivating slip: a figure edited from 210,000 to 120,000 under a quote saying 210,000.
    let edited = REPORT
        .replace(
            "quote = \"12,000 troops\"",
            "quote = \"the official number is 210,000\"",
        )
        .replace("figure = 12000", "figure = 120000");
    let (_, run) = check(CATALOG, &edited);
    assert_eq!(run.code, 0, "a warning: {}", run.stderr);
    let line = line_of(&edited, "figure = 120000");
    assert!(
        run.stderr.contains(&format!(
            "r1.claims.toml:{line}:10: warning: claim `c1`: its figure 120,000 is not in its quote"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("the quote has 210,000"),
        "{}",
        run.stderr
    );
    // An exact figure for "approximately 11,000": the form the quote asks for is named.
    let hedged = REPORT.replace(
        "quote = \"11,000 troops\"",
        "quote = \"approximately 11,000 troops\"",
    );
    let (_, run) = check(CATALOG, &hedged);
    let line = line_of(&hedged, "figure = 11000");
    assert!(
        run.stderr.contains(&format!(
            "r1.claims.toml:{line}:10: warning: claim `c2`: the figure is written exact, but the quote says “approximately 11,000”"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("write `figure = { about = 11000 }`"),
        "{}",
        run.stderr
    );
    // Figures that agree with their quotes say nothing.
    let (_, run) = check(CATALOG, REPORT);
    assert!(!run.stderr.contains("warning:"), "{}", run.stderr);
}
