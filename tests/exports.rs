//! Every export format: golden files on `data/` with a fixed journal, hostile input exported
//! safely, ClaimReview's required fields, and `-o` replacing a file whole.

mod common;

use std::path::{Path, PathBuf};

use common::{copy_data, crosscheck, write};
use insta::assert_snapshot;
use serde_json::Value;

/// A fixed journal: two reviewers, fixed times, one decision changed later, one cleared.
const JOURNAL: &str = r#"# decisions for the golden tests
[[decision]]
claim = "nis-troops-12000"
status = "verified"
reviewer = "kim"
at = 2026-11-26T09:00:00Z

[[decision]]
claim = "budanov-troops-11000"
status = "verified"
reviewer = "kim"
at = 2026-11-26T09:05:00Z

[[decision]]
claim = "budanov-troops-11000"
status = "disputed"
note = "Counts soldiers in training, not all committed troops."
reviewer = "ana"
at = 2026-11-26T10:30:00Z

[[decision]]
claim = "zelensky-officers"
status = "disputed"
note = "No corroboration in the article."
reviewer = "ana"
at = 2026-11-26T11:00:00Z

[[decision]]
claim = "sk-office-deployment"
status = "verified"
reviewer = "kim"
at = 2026-11-26T11:15:00Z

[[decision]]
claim = "nato-combat-unverified"
status = "verified"
reviewer = "kim"
at = 2026-11-26T11:20:00Z

[[decision]]
claim = "nato-combat-unverified"
status = "unreviewed"
reviewer = "kim"
at = 2026-11-26T11:21:00Z
"#;

fn reviewed_data() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = copy_data(dir.path());
    std::fs::write(data.join("review.toml"), JOURNAL).unwrap();
    (dir, data)
}

fn export(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    let run = crosscheck(&all, dir);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn golden_markdown() {
    let (dir, _) = reviewed_data();
    assert_snapshot!(export(dir.path(), &["data"]));
}

#[test]
fn golden_json() {
    let (dir, _) = reviewed_data();
    assert_snapshot!(export(dir.path(), &["--format", "json", "data"]));
}

#[test]
fn golden_csv() {
    let (dir, _) = reviewed_data();
    assert_snapshot!(export(dir.path(), &["--format", "csv", "data"]));
}

#[test]
fn golden_claimreview() {
    let (dir, _) = reviewed_data();
    assert_snapshot!(export(
        dir.path(),
        &[
            "--format",
            "claimreview",
            "--org",
            "Example Fact Desk",
            "--url",
            "https://example.org/reviews/nk-troops",
            "data"
        ]
    ));
}

#[test]
fn only_conflicts_and_only_reviewed() {
    let (dir, _) = reviewed_data();
    let v: Value = serde_json::from_str(&export(
        dir.path(),
        &["--format", "json", "--only", "conflicts", "data"],
    ))
    .unwrap();
    let topics: Vec<&str> = v["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(topics, ["nk-troops-total"]);
    assert_eq!(v["totals"]["claims"], 11, "totals count the whole review");
    let csv = export(
        dir.path(),
        &["--format", "csv", "--only", "reviewed", "data"],
    );
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let statuses: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[19].to_string())
        .collect();
    assert_eq!(statuses.len(), 4, "{csv}");
    let md = export(dir.path(), &["--only", "reviewed", "data"]);
    assert!(
        !md.contains("## Still unreviewed") && md.contains("## Disputed claims"),
        "{md}"
    );
    assert!(
        !md.contains("`sk-officials-deployment`"),
        "an unreviewed claim is not listed: {md}"
    );
    assert!(statuses.iter().all(|s| s == "verified" || s == "disputed"));
}

#[test]
fn markdown_lists_conflicts_first_then_disputed_and_unreviewed() {
    let (dir, _) = reviewed_data();
    let md = export(dir.path(), &["data"]);
    let conflict = md.find("## How many North Korean troops").unwrap();
    let unsettled = md.find("## Has North Korea sent troops").unwrap();
    let single = md.find("## Are North Korean officers present").unwrap();
    let disputed = md.find("## Disputed claims").unwrap();
    let unreviewed = md.find("## Still unreviewed").unwrap();
    assert!(
        conflict < unsettled && unsettled < single && single < disputed && disputed < unreviewed
    );
    assert!(
        md.contains("Decisions by ana, kim, from 2026-11-26 09:00 UTC to 2026-11-26 11:15 UTC."),
        "{md}"
    );
    assert!(md.contains("| 11 | 2 | 2 | 7 | 1 |"), "{md}");
    assert!(md.contains("≈ 11,000 troops"));
}

/// Claims written to break every format: formula cells, pipes, newlines, HTML, escapes.
const HOSTILE: &str = "[report]
id = \"r\"
title = \"<script>alert('t')</script> | title\"
url = \"https://example.org/a?b=1&c=<2>\"

[[source]]
id = \"s\"
name = \"=HYPERLINK(\\\"http://evil\\\",\\\"click\\\")\"
kind = \"\\u001b]0;pwned\\u0007person\"

[[source]]
id = \"t\"
name = \"+cmd|' /C calc'!A0\"

[[topic]]
id = \"q\"
question = \"-2+3 | **bold** \\n # heading <img src=x onerror=alert(1)>\"
unit = \"@units\"

[[claim]]
id = \"c1\"
topic = \"q\"
source = \"s\"
via = [\"t\"]
quote = \"line one\\nline two | cell \\u001b[31mred\\u001b[0m \\u202Eevil\"
figure = -5

[[claim]]
id = \"c2\"
topic = \"q\"
source = \"t\"
quote = \"@SUM(A1:A2)\\r\\n=1+1\"
figure = { low = 1, high = 2 }
";

fn hostile() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "h.claims.toml", HOSTILE);
    let journal = "[[decision]]\nclaim = \"c1\"\nstatus = \"disputed\"\nnote = \"=cmd|' | <b>x</b>\\u001b]2;title\\u0007\"\nreviewer = \"-mallory\\u009b2J\"\nat = 2026-11-26T09:00:00Z\n\n";
    write(dir.path(), "review.toml", journal);
    (dir, "h.claims.toml".into())
}

fn assert_clean(format: &str, out: &str) {
    for c in out.chars() {
        let allowed = matches!(c, '\n' | '\r');
        assert!(
            allowed || !(c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c)),
            "{format}: control {c:?} in\n{out}"
        );
    }
}

#[test]
fn hostile_text_exports_safely_in_every_format() {
    let (dir, file) = hostile();
    for format in ["markdown", "json", "csv", "claimreview"] {
        let out = export(dir.path(), &["--format", format, &file]);
        assert_clean(format, &out);
    }
    // Markdown: every table row has exactly its 8 column separators; no raw HTML.
    let md = export(dir.path(), &["--format", "markdown", &file]);
    for row in md.lines().filter(|l| l.starts_with("| `")) {
        let separators = row.len()
            - row.replace("\\|", "").replace('|', "").len()
            - 2 * row.matches("\\|").count();
        assert_eq!(separators, 8, "{row}");
    }
    assert!(
        !md.contains("<script>") && !md.contains("<img") && !md.contains("<b>"),
        "{md}"
    );
    assert!(!md.lines().any(|l| l.starts_with("# heading")), "{md}");
    // CSV: 31 columns on every row (format 1's 23, then format 2's 8), formula-looking text
    // prefixed, numbers plain.
    let csv_text = export(dir.path(), &["--format", "csv", &file]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 2);
    for row in &rows {
        assert_eq!(row.len(), 31);
        for (i, cell) in row.iter().enumerate() {
            let numeric = [4, 10, 15, 16, 17, 27, 28, 29].contains(&i);
            if !numeric {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "column {i}: {cell:?}"
                );
            }
        }
    }
    assert_eq!(&rows[0][1][..1], "'", "question starts with -");
    assert_eq!(&rows[0][8][..2], "'=", "source name");
    assert_eq!(&rows[0][15], "-5", "a negative value stays a number");
    assert_eq!(&rows[0][20][..2], "'=", "note");
    assert_eq!(&rows[0][21][..2], "'-", "reviewer");
    assert_eq!(&rows[1][12][..2], "'@", "quote");
    // JSON and JSON-LD parse.
    serde_json::from_str::<Value>(&export(dir.path(), &["--format", "json", &file])).unwrap();
    serde_json::from_str::<Value>(&export(dir.path(), &["--format", "claimreview", &file]))
        .unwrap();
}

#[test]
fn claimreview_is_json_ld_with_what_google_requires() {
    let (dir, _) = reviewed_data();
    let out = export(
        dir.path(),
        &[
            "--format",
            "claimreview",
            "--url",
            "https://example.org/review",
            "data",
        ],
    );
    let reviews: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(
        reviews.len(),
        4,
        "one per claim with a decision (a cleared one has none)"
    );
    for r in &reviews {
        assert_eq!(r["@context"], "https://schema.org");
        assert_eq!(r["@type"], "ClaimReview");
        assert!(r["claimReviewed"].as_str().is_some_and(|s| !s.is_empty()));
        assert_eq!(r["url"], "https://example.org/review");
        assert!(r["author"]["name"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(["Person", "Organization"].contains(&r["author"]["@type"].as_str().unwrap()));
        assert!(
            r["datePublished"]
                .as_str()
                .unwrap()
                .starts_with("2026-11-26")
        );
        let rating = &r["reviewRating"];
        assert_eq!(rating["@type"], "Rating");
        assert!(["Verified", "Disputed"].contains(&rating["alternateName"].as_str().unwrap()));
        let (value, best, worst) = (
            rating["ratingValue"].as_u64().unwrap(),
            rating["bestRating"].as_u64().unwrap(),
            rating["worstRating"].as_u64().unwrap(),
        );
        assert!(worst <= value && value <= best);
        assert_eq!(r["itemReviewed"]["@type"], "Claim");
        assert!(r["itemReviewed"]["author"]["name"].is_string());
        assert!(r["itemReviewed"]["appearance"]["headline"].is_string());
    }
    // The claim as a sentence: who said it, then the quote (format 2).
    let disputed = reviews
        .iter()
        .find(|r| {
            r["claimReviewed"]
                .as_str()
                .unwrap()
                .contains("“approximately 11,000")
        })
        .unwrap();
    assert_eq!(
        disputed["claimReviewed"],
        "Kyrylo Budanov, Ukrainian Defence Intelligence: “approximately 11,000 North Korean soldiers are training in eastern Russia to prepare for combat in Ukraine by November 1”"
    );
    assert_eq!(disputed["reviewRating"]["alternateName"], "Disputed");
    assert_eq!(
        disputed["reviewBody"],
        "Counts soldiers in training, not all committed troops."
    );
    assert_eq!(
        disputed["author"],
        serde_json::json!({"@type": "Person", "name": "ana"})
    );
    // Without a url anywhere, it says what to add.
    let run = crosscheck(&["export", "--format", "claimreview", "data"], dir.path());
    assert!(
        run.stderr.contains("4 reviews have no web `url`"),
        "{}",
        run.stderr
    );
}

#[test]
fn output_replaces_an_existing_file_whole_in_every_format() {
    let (dir, _) = reviewed_data();
    for format in ["markdown", "json", "csv", "claimreview"] {
        write(dir.path(), "out", "x".repeat(200_000));
        let run = crosscheck(
            &["export", "--format", format, "-o", "out", "data"],
            dir.path(),
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(run.stderr.lines().last(), Some("wrote out"));
        let written = std::fs::read_to_string(dir.path().join("out")).unwrap();
        assert_eq!(
            written,
            export(dir.path(), &["--format", format, "data"]),
            "{format}"
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != "out" && n != "data")
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary files left: {leftovers:?}"
    );
}

#[test]
fn only_web_addresses_become_links_or_url_fields() {
    let (dir, data) = reviewed_data();
    let file = data.join("novinite-2024-10-18.claims.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    for bad in [
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "JAVASCRIPT:alert(1)",
    ] {
        let booby = text.replacen("[report]\n", &format!("[report]\nurl = \"{bad}\"\n"), 1);
        std::fs::write(&file, booby).unwrap();
        let check = crosscheck(&["check", "data"], dir.path());
        assert_eq!(check.code, 0, "a warning, not an error: {}", check.stderr);
        assert!(
            check
                .stderr
                .contains("`url` is not an http or https address"),
            "{}",
            check.stderr
        );
        let markdown = export(dir.path(), &["data"]);
        let first = markdown
            .lines()
            .find(|l| l.starts_with("- Report:"))
            .unwrap();
        assert!(!first.contains("]("), "no link: {first}");
        assert!(first.contains("(url: "), "shown as text: {first}");
        let run = crosscheck(&["export", "--format", "claimreview", "data"], dir.path());
        assert_eq!(run.code, 0, "{}", run.stderr);
        let lower = run.stdout.to_lowercase();
        assert!(
            !lower.contains("javascript:") && !lower.contains("data:text"),
            "{}",
            run.stdout
        );
        assert!(run.stderr.contains("have no web `url`"), "{}", run.stderr);
    }
    let refused = crosscheck(
        &[
            "export",
            "--format",
            "claimreview",
            "--url",
            "javascript:x",
            "data",
        ],
        dir.path(),
    );
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("is not an http or https address"),
        "{}",
        refused.stderr
    );
}

#[test]
fn an_output_path_with_an_escape_sequence_is_not_echoed_raw() {
    let (dir, _) = reviewed_data();
    let name = "out\u{1b}]0;pwned\u{7}.md";
    let run = crosscheck(&["export", "-o", name, "data"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(dir.path().join(name).exists(), "written where asked");
    assert!(
        !run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{7}'),
        "{:?}",
        run.stderr
    );
    assert!(run.stderr.starts_with("wrote out"), "{:?}", run.stderr);
}
