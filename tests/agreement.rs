//! `crosscheck agreement` on a journal written by three reviewers through `mark`, one of whose
//! decisions is stale (the claim changed after it): the JSON values computed by hand, the text
//! for the desk, the cases with fewer than two reviewers, and files with errors.

mod common;

use std::path::Path;

use common::{CLAIM, HEADER, crosscheck, write};
use serde_json::{Value, json};

/// Five claims: three on the numeric topic, two on the yes/no one.
fn claims(c4_quote: &str) -> String {
    format!(
        r#"{HEADER}{CLAIM}
[[claim]]
id = "c3"
topic = "troops"
source = "yonhap"
quote = "about 11,000 soldiers"
figure = {{ about = 11000 }}

[[claim]]
id = "c4"
topic = "deployed"
source = "yonhap"
quote = "{c4_quote}"
stance = "affirms"

[[claim]]
id = "c5"
topic = "troops"
source = "nis"
quote = "10,000 at least"
figure = {{ at_least = 10000 }}
"#
    )
}

fn mark(dir: &Path, reviewer: &str, claim: &str, status: &str, note: Option<&str>) {
    let mut args = vec!["mark", claim, status, "--reviewer", reviewer];
    if let Some(note) = note {
        args.extend(["--note", note]);
    }
    args.push("claims");
    let run = crosscheck(&args, dir);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// The journal, in the order written (the last on a claim is in force):
///
/// | claim | ana      | kim      | lee                 |
/// |-------|----------|----------|---------------------|
/// | c1    | verified | verified | verified            |
/// | c2    | verified | disputed | —                   |
/// | c3    | disputed | disputed | verified            |
/// | c4    | verified | verified | disputed, then stale |
/// | c5    | disputed | —        | disputed            |
///
/// lee decides c4 first; then c4's quote changes, and ana and kim decide it as it is now.
fn three_reviewers() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "claims/x.claims.toml",
        claims("troops were deployed"),
    );
    mark(dir.path(), "lee", "c4", "disputed", Some("no date given"));
    write(
        dir.path(),
        "claims/x.claims.toml",
        claims("troops were deployed in October"),
    );
    for (claim, status, note) in [
        ("c1", "verified", None),
        ("c2", "verified", Some("NIS said so on the record")),
        ("c3", "disputed", None),
        ("c4", "verified", None),
        ("c5", "disputed", None),
    ] {
        mark(dir.path(), "ana", claim, status, note);
    }
    for (claim, status, note) in [
        ("c1", "verified", None),
        ("c2", "disputed", Some("only one source, relayed")),
        ("c3", "disputed", None),
        ("c4", "verified", None),
    ] {
        mark(dir.path(), "kim", claim, status, note);
    }
    for (claim, status) in [("c1", "verified"), ("c3", "verified"), ("c5", "disputed")] {
        mark(dir.path(), "lee", claim, status, None);
    }
    dir
}

fn agreement(dir: &Path, extra: &[&str]) -> common::Run {
    let mut args = vec!["agreement"];
    args.extend_from_slice(extra);
    args.push("claims");
    crosscheck(&args, dir)
}

fn agreement_json(dir: &Path) -> Value {
    let run = agreement(dir, &["--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn json_gives_pairs_alpha_and_disagreements_computed_by_hand() {
    let dir = three_reviewers();
    let v = agreement_json(dir.path());
    assert_eq!(v["reviewers"], json!(["ana", "kim", "lee"]));
    // ana–kim: c1 V V, c2 V D, c3 D D, c4 V V: 3 of 4 agree. Table (ana rows, kim columns,
    // verified then disputed) [[2, 1], [0, 1]]: rows 3, 1; columns 2, 2;
    // κ = (4·3 − (3·2 + 1·2)) / (4² − 8) = 4/8 = 0.5.
    // ana–lee: c1 V V, c3 D V, c5 D D (lee's c4 is stale): table [[1, 0], [1, 1]]: rows 1, 2;
    // columns 2, 1; κ = (3·2 − (1·2 + 2·1)) / (9 − 4) = 2/5 = 0.4.
    // kim–lee: c1 V V, c3 D V: table [[1, 0], [1, 0]]: rows 1, 1; columns 2, 0;
    // κ = (2·1 − 2) / (4 − 2) = 0.
    assert_eq!(
        v["pairs"],
        json!([
            {"a": "ana", "b": "kim", "both": 4, "agree": 3, "observed": 0.75, "kappa": 0.5},
            {"a": "ana", "b": "lee", "both": 3, "agree": 2, "observed": 0.6667, "kappa": 0.4},
            {"a": "kim", "b": "lee", "both": 2, "agree": 1, "observed": 0.5, "kappa": 0.0},
        ])
    );
    // α: units c1 (V V V), c2 (V D), c3 (D D V), c4 (V V), c5 (D D): n = 12 values, n_V = 7,
    // n_D = 5. Disagreeing ordered pairs / (m_u − 1): c2 (4 − 2)/1 = 2, c3 (9 − 5)/2 = 2:
    // Σ_{c≠k} o_ck = 4; Σ_{c≠k} n_c·n_k = 144 − 49 − 25 = 70.
    // α = 1 − 11·4/70 = 26/70 = 0.371428… → 0.3714.
    assert_eq!(v["alpha"], 0.3714);
    assert_eq!(v["units"], 5);
    let disagreements = v["disagreements"].as_array().unwrap();
    let claims: Vec<&str> = disagreements
        .iter()
        .map(|d| d["claim"].as_str().unwrap())
        .collect();
    assert_eq!(
        claims,
        ["c2", "c3"],
        "c4's disputed is stale: no disagreement"
    );
    let c2 = &disagreements[0];
    assert_eq!(c2["topic"], "deployed");
    assert_eq!(c2["in_force"], "kim", "kim decided c2 last");
    let decisions: Vec<Value> = c2["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| json!({"reviewer": d["reviewer"], "status": d["status"], "note": d["note"]}))
        .collect();
    assert_eq!(
        decisions,
        [
            json!({"reviewer": "ana", "status": "verified", "note": "NIS said so on the record"}),
            json!({"reviewer": "kim", "status": "disputed", "note": "only one source, relayed"}),
        ]
    );
    for d in c2["decisions"].as_array().unwrap() {
        assert!(d["at"].as_str().is_some_and(|at| at.ends_with('Z')), "{d}");
    }
    let c3: Vec<(&str, &str)> = disagreements[1]["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["reviewer"].as_str().unwrap(),
                d["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        c3,
        [
            ("ana", "disputed"),
            ("kim", "disputed"),
            ("lee", "verified")
        ]
    );
    assert!(disagreements[1]["decisions"][0]["note"].is_null());
}

#[test]
fn text_shows_the_pairs_alpha_and_each_disagreement_for_the_desk() {
    let dir = three_reviewers();
    let run = agreement(dir.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    let words = |line: &str| line.split_whitespace().collect::<Vec<_>>().join(" ");
    let lines: Vec<String> = out.lines().map(words).collect();
    let has = |line: &str| lines.iter().any(|l| l == line);
    assert!(has("Agreement between 3 reviewers: ana, kim, lee"), "{out}");
    assert!(has("pair both agree observed Cohen's κ"), "{out}");
    assert!(has("ana – kim 4 3 0.7500 0.5000"), "{out}");
    assert!(has("ana – lee 3 2 0.6667 0.4000"), "{out}");
    assert!(has("kim – lee 2 1 0.5000 0.0000"), "{out}");
    assert!(
        has(
            "Krippendorff's α (nominal): 0.3714, over 5 claims decided by two or more reviewers (12 decisions)"
        ),
        "{out}"
    );
    assert!(has("2 claims on which reviewers differ:"), "{out}");
    assert!(
        has("c2 — National Intelligence Service: affirms (Were troops sent?)"),
        "{out}"
    );
    let c2 = out.find("\nc2 — ").unwrap();
    let c3 = out.find("\nc3 — ").unwrap();
    let c2_block: Vec<String> = out[c2..c3].lines().map(words).collect();
    assert!(c2_block[2].starts_with("ana ✓ verified 20"), "{out}");
    assert_eq!(c2_block[3], "note: NIS said so on the record", "{out}");
    assert!(c2_block[4].starts_with("kim ✗ disputed 20"), "{out}");
    assert!(c2_block[4].ends_with("UTC in force"), "{out}");
    assert_eq!(c2_block[5], "note: only one source, relayed", "{out}");
    assert!(
        !out.contains("no date given"),
        "lee's stale note is no part of it:\n{out}"
    );
    let c3_block: Vec<String> = out[c3..].lines().map(words).collect();
    assert_eq!(c3_block.len(), 5, "three reviewers, no notes:\n{out}");
    assert!(c3_block[4].starts_with("lee ✓ verified"), "{out}");
    assert!(
        c3_block[4].ends_with("in force"),
        "lee decided c3 last:\n{out}"
    );
}

#[test]
fn a_stale_decision_is_no_judgement_until_decided_again() {
    let dir = three_reviewers();
    // lee decides c4 again, on the claim as it is now: it counts, and differs.
    mark(dir.path(), "lee", "c4", "disputed", None);
    let v = agreement_json(dir.path());
    let claims: Vec<&str> = v["disagreements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["claim"].as_str().unwrap())
        .collect();
    assert_eq!(claims, ["c2", "c3", "c4"]);
    assert_eq!(v["pairs"][1]["both"], 4, "ana–lee now share c4");
}

#[test]
fn fewer_than_two_reviewers_say_so_and_give_nulls() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "claims/x.claims.toml",
        claims("troops were deployed"),
    );
    let none = agreement(dir.path(), &[]);
    assert_eq!(none.code, 0, "{}", none.stderr);
    assert_eq!(
        none.stdout,
        "No reviewer has decided a claim yet: agreement needs two.\n"
    );
    mark(dir.path(), "ana", "c1", "verified", None);
    mark(dir.path(), "ana", "c2", "disputed", None);
    let one = agreement(dir.path(), &[]);
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert!(
        one.stdout
            .starts_with("Only ana has decided claims: agreement needs two reviewers"),
        "{}",
        one.stdout
    );
    assert_eq!(
        agreement_json(dir.path()),
        json!({"reviewers": ["ana"], "pairs": [], "alpha": null, "units": 0, "disagreements": []})
    );
}

#[test]
fn one_status_only_leaves_kappa_and_alpha_null() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "claims/x.claims.toml",
        claims("troops were deployed"),
    );
    for who in ["ana", "kim"] {
        mark(dir.path(), who, "c1", "verified", None);
        mark(dir.path(), who, "c2", "verified", None);
    }
    let v = agreement_json(dir.path());
    assert_eq!(
        v["pairs"],
        json!([{"a": "ana", "b": "kim", "both": 2, "agree": 2, "observed": 1.0, "kappa": null}])
    );
    assert!(v["alpha"].is_null());
    let text = agreement(dir.path(), &[]).stdout;
    assert!(
        text.contains("ana – kim: κ undefined, both gave every claim one and the same status"),
        "{text}"
    );
    assert!(
        text.contains("Krippendorff's α (nominal): — (undefined: every decision over 2 claims"),
        "{text}"
    );
    assert!(
        text.contains("No claim on which reviewers differ."),
        "{text}"
    );
}

#[test]
fn notes_and_names_are_sanitised_in_text() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "claims/x.claims.toml",
        claims("troops were deployed"),
    );
    // Written by hand in the spec's form: `mark` cleans the names it records, but a journal is
    // a file anyone can edit. Entries without a fingerprint are never stale.
    write(
        dir.path(),
        "claims/review.toml",
        r#"[[decision]]
claim = "c1"
status = "verified"
note = "\u001b[31mred\u001b[0m and \u202ereversed"
reviewer = "ana"
at = 2026-11-26T09:00:00Z

[[decision]]
claim = "c1"
status = "disputed"
note = "line one\nline two"
reviewer = "k\u001b]0;title\u0007im"
at = 2026-11-26T09:30:00Z
"#,
    );
    let run = agreement(dir.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains('\u{1b}'), "{:?}", run.stdout);
    assert!(!run.stdout.contains('\u{7}'), "{:?}", run.stdout);
    assert!(!run.stdout.contains('\u{202e}'), "{:?}", run.stdout);
    assert!(
        run.stdout.contains("note: red and reversed"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("note: line one line two"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("2026-11-26 09:00 UTC"),
        "{}",
        run.stdout
    );
    // The JSON carries no control either (the journal's reader cleans what it reads).
    let json = agreement(dir.path(), &["--format", "json"]).stdout;
    assert!(
        !json.contains("\\u001b") && !json.contains('\u{1b}'),
        "{json}"
    );
}

#[test]
fn files_with_errors_exit_1_with_nothing_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "claims/x.claims.toml",
        format!("{HEADER}\n[[claim]]\nid = \"c1\"\ntopic = \"nowhere\"\n"),
    );
    let run = agreement(dir.path(), &["--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("error"), "{}", run.stderr);
}

#[test]
fn help_says_what_the_numbers_are() {
    let run = crosscheck(&["agreement", "--help"], Path::new("."));
    assert_eq!(run.code, 0);
    for words in [
        "Cohen's κ",
        "Krippendorff's α (nominal)",
        "null in",
        "--format <FORMAT>",
        "--review",
    ] {
        assert!(run.stdout.contains(words), "{words}: {}", run.stdout);
    }
}

#[test]
fn exports_show_who_decided_and_list_the_same_disagreements() {
    let dir = three_reviewers();
    let export = |format: &str| {
        let run = crosscheck(&["export", "--format", format, "claims"], dir.path());
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
    };
    let markdown = export("markdown");
    let section = &markdown[markdown
        .find("## Disagreements between reviewers")
        .expect("a section of disagreements")..];
    let section = &section[..section.find("\n## ").unwrap()];
    let listed: Vec<&str> = section
        .lines()
        .filter_map(|l| l.strip_prefix("- `"))
        .map(|l| &l[..2])
        .collect();
    assert_eq!(listed, ["c2", "c3"], "{section}");
    assert!(
        section.contains("  - kim: ✗ disputed (")
            && section.contains("— note: only one source, relayed"),
        "{section}"
    );
    assert!(section.contains("in force: ✗ disputed by kim"), "{section}");
    assert!(
        markdown.contains("✓ verified by kim |"),
        "who decided, in the topic tables"
    );

    let html = export("html");
    let section = &html[html
        .find("<section class=\"disagreements\"")
        .expect("a section of disagreements")..];
    let section = &section[..section.find("</section>").unwrap()];
    assert!(section.contains("<h2 id=\"h-Disagreements\">Disagreements between reviewers</h2>"));
    let linked: Vec<&str> = section
        .split("<a href=\"#claim-")
        .skip(1)
        .map(|s| &s[..2])
        .collect();
    assert_eq!(
        linked,
        ["c2", "c3"],
        "c4's disagreement is stale: {section}"
    );

    // JSON: every reviewer's last decision on a claim, the stale one too, and who decided the
    // one in force.
    let v: Value = serde_json::from_str(&export("json")).unwrap();
    let c4 = v["topics"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["claims"].as_array().unwrap())
        .find(|c| c["id"] == "c4")
        .unwrap();
    assert_eq!(c4["reviewer"], "kim");
    assert_eq!(c4["status"], "verified");
    let decisions: Vec<(&str, &str, bool)> = c4["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            assert!(d["at"].is_string() && d.get("note").is_some(), "{d}");
            (
                d["reviewer"].as_str().unwrap(),
                d["status"].as_str().unwrap(),
                d["stale"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        decisions,
        [
            ("lee", "disputed", true),
            ("ana", "verified", false),
            ("kim", "verified", false)
        ]
    );

    // CSV: `reviewer` is who made the decision in force.
    let csv = export("csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let c2 = rows.iter().find(|r| &r[at("claim")] == "c2").unwrap();
    assert_eq!(
        (&c2[at("status")], &c2[at("reviewer")]),
        ("disputed", "kim")
    );
}

#[test]
fn exports_with_one_reviewer_have_no_disagreements_section() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "claims/x.claims.toml",
        claims("troops were deployed"),
    );
    mark(dir.path(), "ana", "c1", "verified", None);
    for format in ["markdown", "html"] {
        let run = crosscheck(&["export", "--format", format, "claims"], dir.path());
        assert!(
            !run.stdout.contains("Disagreements"),
            "{format}: {}",
            run.stdout
        );
    }
}

/// `docs/agreement.md`'s examples are what the binary prints: each `<!-- example: crosscheck …
/// -->` marker is run from the repository root and its block compared (JSON as values).
#[test]
fn the_documented_examples_are_what_agreement_prints() {
    let doc = std::fs::read_to_string(common::repo().join("docs/agreement.md")).unwrap();
    let mut seen = 0;
    for (at, _) in doc.match_indices("<!-- example: crosscheck ") {
        let marker = &doc[at..doc[at..].find("-->").unwrap() + at];
        let args: Vec<&str> = marker
            .trim_start_matches("<!-- example: crosscheck ")
            .split_whitespace()
            .collect();
        let rest = &doc[at + marker.len() + 3..];
        let fence = rest.trim_start();
        let (lang, body) = fence[3..].split_once('\n').unwrap();
        let block = &body[..body.find("```").unwrap()];
        let run = crosscheck(&args, &common::repo());
        assert_eq!(run.code, 0, "{}", run.stderr);
        match lang {
            "json" => {
                let documented: Value = serde_json::from_str(block).unwrap();
                let printed: Value = serde_json::from_str(&run.stdout).unwrap();
                assert_eq!(documented, printed, "{marker}");
            }
            _ => assert_eq!(block, run.stdout, "{marker}"),
        }
        seen += 1;
    }
    assert_eq!(seen, 2, "both examples checked");
}

/// 150 reviewers, in threes on a claim each: 11,175 pairs, of which the 150 that judged a claim
/// together are listed and the rest counted, in the text and the JSON (every pair of 40,000
/// reviewers once took 23 GB and was killed).
#[test]
fn past_ten_thousand_pairs_those_with_nothing_in_common_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(HEADER);
    for c in 0..50 {
        text.push_str(&format!(
            "\n[[claim]]\nid = \"k{c}\"\ntopic = \"deployed\"\nsource = \"nis\"\nquote = \"troops\"\nstance = \"affirms\"\n"
        ));
    }
    write(dir.path(), "claims/x.claims.toml", text);
    let mut journal = String::new();
    for r in 0..150 {
        let status = if r % 2 == 0 { "verified" } else { "disputed" };
        journal.push_str(&format!(
            "[[decision]]\nclaim = \"k{}\"\nstatus = \"{status}\"\nreviewer = \"r{r:03}\"\nat = 2026-01-01T00:00:00Z\n\n",
            r / 3
        ));
    }
    write(dir.path(), "claims/review.toml", journal);
    let run = agreement(dir.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("  and 11,025 other pairs that judged no claim in common (not listed: over 10,000 pairs in all)\n"),
        "{}",
        &run.stdout[..run.stdout.len().min(2000)]
    );
    assert_eq!(run.stdout.matches("r000 – r001").count(), 1);
    assert!(!run.stdout.contains("r000 – r003"));
    let json = agreement_json(dir.path());
    assert_eq!(json["pairs"].as_array().unwrap().len(), 150);
    assert_eq!(json["unlisted_pairs"], 11_025);
}
