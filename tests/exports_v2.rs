//! Every export on format-2 data: `tests/fixtures/exports-v2/` is a catalog and two report files
//! (`part_of`, `supersedes`, a `window`, a draft) with a journal of two reviewers, a stale
//! decision and a decision on a draft. Each format shows time, independence and decisions.

mod common;

use std::path::{Path, PathBuf};

use common::{crosscheck, repo};
use serde_json::{Value, json};

const FIXTURE: &str = "tests/fixtures/exports-v2";

fn export(args: &[&str]) -> common::Run {
    export_in(&repo(), FIXTURE, args)
}

fn export_in(cwd: &Path, paths: &str, args: &[&str]) -> common::Run {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    all.push(paths);
    let run = crosscheck(&all, cwd);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

fn summary() -> Value {
    serde_json::from_str(&export(&["--format", "json"]).stdout).unwrap()
}

fn claim<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["topics"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["claims"].as_array().unwrap())
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no claim {id}"))
}

fn topic<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("no topic {id}"))
}

#[test]
fn json_totals_count_drafts_superseded_and_stale() {
    let v = summary();
    assert_eq!(
        v["totals"],
        json!({"reports": 2, "sources": 6, "topics": 2, "claims": 7, "conflicts": 0,
               "verified": 2, "disputed": 2, "unreviewed": 3,
               "drafts": 1, "superseded": 2, "stale": 1}),
        "claims counts every claim, drafts and superseded ones included"
    );
}

#[test]
fn json_topics_give_origins_and_window_and_list_every_claim() {
    let v = summary();
    let troops = topic(&v, "nk-troops-total");
    assert_eq!(troops["window"], 30);
    assert_eq!(
        troops["origins"], 3,
        "NIS is part of the government: South Korea, the Pentagon, Budanov"
    );
    // 12,000 against ≈ 11,000 would conflict, but 12,000 is superseded and the draft is left out.
    assert_eq!(troops["verdict"], "consistent");
    let ids: Vec<&str> = troops["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "nis-troops-11000",
            "pentagon-troops",
            "draft-troops-15000",
            "nis-troops-12000",
            "budanov-troops-11000"
        ]
    );
    let deployed = topic(&v, "nk-troops-deployed");
    assert!(deployed["window"].is_null());
    assert_eq!(deployed["origins"], 1);
    assert_eq!(deployed["verdict"], "single");
}

#[test]
fn json_claims_give_origin_date_supersession_and_independence() {
    let v = summary();
    let revised = claim(&v, "nis-troops-11000");
    assert_eq!(revised["origin"], "sk-government");
    assert_eq!(revised["date"], "2024-11-13", "the report's published date");
    assert!(revised["stated"].is_null());
    assert_eq!(revised["draft"], false);
    assert_eq!(revised["supersedes"], json!(["nis-troops-12000"]));
    assert!(revised["superseded_by"].is_null());
    assert_eq!(revised["corroborated_by"], 2);
    assert_eq!(revised["contradicted_by"], 0);
    assert_eq!(revised["suggested_credibility"], 1);

    let first = claim(&v, "nis-troops-12000");
    assert_eq!(first["superseded_by"], "nis-troops-11000");
    assert_eq!(first["supersedes"], json!([]));
    for key in [
        "corroborated_by",
        "contradicted_by",
        "suggested_credibility",
    ] {
        assert!(first[key].is_null(), "{key} of a superseded claim: {first}");
    }

    let draft = claim(&v, "draft-troops-15000");
    assert_eq!(draft["draft"], true);
    assert!(draft["superseded_by"].is_null());
    for key in [
        "corroborated_by",
        "contradicted_by",
        "suggested_credibility",
    ] {
        assert!(draft[key].is_null(), "{key} of a draft: {draft}");
    }

    // Superseded by a later claim of the same origin, through `part_of`.
    let hedged = claim(&v, "nis-possibly-operating");
    assert_eq!(hedged["date"], "2024-10-10");
    assert_eq!(hedged["superseded_by"], "sk-office-deployment");
    let office = claim(&v, "sk-office-deployment");
    assert_eq!(office["origin"], "sk-government");
    assert_eq!(office["suggested_credibility"], 6, "no other origin");
    assert_eq!(claim(&v, "pentagon-troops")["origin"], "pentagon");
}

#[test]
fn json_decisions_give_each_reviewer_and_the_stale_one_is_not_in_force() {
    let v = summary();
    let both = claim(&v, "nis-troops-11000");
    assert_eq!(both["status"], "disputed", "ana's, the later");
    assert_eq!(both["reviewer"], "ana");
    assert_eq!(both["note"], "The revision gives no source.");
    assert_eq!(both["stale"], false);
    assert_eq!(both["fingerprint"], "ce7f86186e90beaa");
    assert_eq!(
        both["decisions"],
        json!([
            {"reviewer": "kim", "status": "verified", "note": "Matches Yonhap's NIS briefing",
             "at": "2026-11-26T09:00:00Z", "stale": false},
            {"reviewer": "ana", "status": "disputed", "note": "The revision gives no source.",
             "at": "2026-11-26T10:00:00Z", "stale": false},
        ])
    );

    // kim's stale decision is the last: not in force, and ana's earlier one does not return.
    let stale = claim(&v, "budanov-troops-11000");
    assert_eq!(stale["stale"], true);
    assert_eq!(stale["status"], "unreviewed");
    for key in ["note", "reviewer", "decided_at"] {
        assert!(stale[key].is_null(), "{key}: {stale}");
    }
    assert_eq!(stale["fingerprint"], "6f95d15df8b80742");
    let stale_flags: Vec<(&str, bool)> = stale["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["reviewer"].as_str().unwrap(),
                d["stale"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(stale_flags, [("ana", false), ("kim", true)]);

    // A format-1 entry (no fingerprint) is never stale.
    let old = claim(&v, "sk-office-deployment");
    assert_eq!(old["stale"], false);
    assert_eq!(old["status"], "verified");
    assert_eq!(old["decisions"][0]["stale"], false);
    let undecided = claim(&v, "pentagon-troops");
    assert_eq!(undecided["decisions"], json!([]));
    assert!(
        undecided["fingerprint"]
            .as_str()
            .is_some_and(|f| f.len() == 16 && f.bytes().all(|b| b.is_ascii_hexdigit()))
    );
}

#[test]
fn csv_has_the_format_2_columns_after_those_of_format_1() {
    let text = export(&["--format", "csv"]).stdout;
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header.len(), 31);
    assert_eq!(
        header[21], "reviewer",
        "format 1's columns keep their places"
    );
    assert_eq!(
        header[23..],
        [
            "origin",
            "date",
            "draft",
            "superseded_by",
            "corroborated_by",
            "contradicted_by",
            "suggested_credibility",
            "stale"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let row = |id: &str| {
        let row = rows
            .iter()
            .find(|r| &r[5] == id)
            .unwrap_or_else(|| panic!("no row {id}"));
        header
            .iter()
            .map(String::as_str)
            .zip(row.iter())
            .collect::<std::collections::HashMap<&str, &str>>()
    };
    let revised = row("nis-troops-11000");
    assert_eq!(revised["origin"], "sk-government");
    assert_eq!(revised["date"], "2024-11-13");
    assert_eq!(revised["draft"], "false");
    assert_eq!(revised["superseded_by"], "");
    assert_eq!(revised["corroborated_by"], "2");
    assert_eq!(revised["contradicted_by"], "0");
    assert_eq!(revised["suggested_credibility"], "1");
    assert_eq!(revised["stale"], "false");
    assert_eq!(revised["status"], "disputed");
    assert_eq!(
        revised["reviewer"], "ana",
        "the reviewer of the decision in force"
    );

    let first = row("nis-troops-12000");
    assert_eq!(first["superseded_by"], "nis-troops-11000");
    assert_eq!(first["corroborated_by"], "");
    assert_eq!(first["suggested_credibility"], "");

    let draft = row("draft-troops-15000");
    assert_eq!(draft["draft"], "true");
    assert_eq!(draft["contradicted_by"], "");

    let stale = row("budanov-troops-11000");
    assert_eq!(stale["stale"], "true");
    assert_eq!(stale["status"], "unreviewed");
    assert_eq!(stale["reviewer"], "", "a stale decision is not in force");
    assert_eq!(stale["note"], "");
}

fn markdown() -> String {
    export(&[]).stdout
}

/// The table row of claim `id` in the Markdown summary (its first cell names it).
fn table_row<'a>(md: &'a str, id: &str) -> &'a str {
    let cell = format!("`{id}`");
    md.lines()
        .filter_map(|l| l.strip_prefix("| ").map(|rest| (l, rest)))
        .find(|(_, rest)| {
            let first = rest.split(" | ").next().unwrap_or("");
            first == cell || first.starts_with(&format!("↳ {cell}"))
        })
        .map(|(l, _)| l)
        .unwrap_or_else(|| panic!("no row for {id} in\n{md}"))
}

#[test]
fn markdown_names_each_claims_report_and_who_decided_it() {
    let md = markdown();
    assert!(
        md.contains(
            "> **US Department of Defense** (`pentagon-troops`) in *Seoul revises its count of North Korean troops in Russia*:"
        ),
        "{md}"
    );
    assert!(
        md.contains(
            "(`budanov-troops-11000`) in *North Korea commits troops to Russia, Seoul says*:"
        ),
        "{md}"
    );
    assert!(
        table_row(&md, "nis-troops-11000").contains("| ✗ disputed by ana |"),
        "{md}"
    );
    assert!(
        table_row(&md, "sk-office-deployment").contains("| ✓ verified by ana |"),
        "{md}"
    );
    assert!(
        table_row(&md, "sk-office-deployment").contains(", part of Government of South Korea"),
        "{md}"
    );
    assert!(
        table_row(&md, "nis-troops-11000").contains("evidence suggests 1"),
        "{md}"
    );
}

#[test]
fn markdown_lists_superseded_claims_under_their_replacement_and_never_as_conflicts() {
    let md = markdown();
    let revised = md.find("| `nis-troops-11000` |").expect(&md);
    let replaced = md
        .find("| ↳ `nis-troops-12000` (superseded by `nis-troops-11000`) |")
        .expect(&md);
    let next = md.find("| `pentagon-troops` |").expect(&md);
    assert!(revised < replaced && replaced < next, "{md}");
    assert!(
        md.contains("| ↳ `nis-possibly-operating` (superseded by `sk-office-deployment`) |"),
        "{md}"
    );
    assert!(
        md.contains(
            "**= consistent** · spread 0.0% · 4 claims · 1 superseded · 1 draft left out · window 30 days · topic `nk-troops-total`"
        ),
        "{md}"
    );
    assert!(md.contains("| 7 | 1 | 2 | 3 | 0 | 2 | 1 | 1 |"), "{md}");
    assert!(
        md.contains("| claims | verified | disputed | unreviewed | conflicts | superseded | changed since review | drafts |"),
        "{md}"
    );
}

#[test]
fn markdown_leaves_drafts_out_of_the_review_and_counts_them() {
    let md = markdown();
    assert!(!md.contains("draft-troops-15000"), "{md}");
    assert!(
        md.contains("1 draft left out of the review: proposed by a program"),
        "{md}"
    );
    // The decision on the draft is no review: the reviewers' time span starts after it.
    assert!(
        md.contains("Decisions by ana, kim, from 2026-11-26 09:30 UTC to 2026-11-26 10:00 UTC."),
        "{md}"
    );
}

#[test]
fn markdown_flags_a_stale_decision_and_never_shows_it_as_in_force() {
    let md = markdown();
    let row = table_row(&md, "budanov-troops-11000");
    assert!(
        row.contains("| ○ unreviewed · ✎ changed since review by kim |"),
        "{row}"
    );
    assert!(!row.contains('✓') && !row.contains('✗'), "{row}");
    assert!(
        !row.contains("verified") && !row.contains("disputed"),
        "{row}"
    );
    assert!(
        !md.contains("Counts soldiers in training only."),
        "the stale note: {md}"
    );
    let unreviewed = &md[md.find("## Still unreviewed").unwrap()..];
    assert!(
        unreviewed.contains("- `budanov-troops-11000` — Kyrylo Budanov, Ukrainian Defence Intelligence: ≈ 11,000 troops (How many North Korean troops has Pyongyang committed to Russia?) — ✎ changed since review by kim"),
        "{unreviewed}"
    );
    assert!(md.contains("1 claim has changed since review (✎)"), "{md}");
}

#[test]
fn markdown_gives_each_topics_independent_origins() {
    let md = markdown();
    assert!(
        md.contains("3 independent origins: Government of South Korea (National Intelligence Service (South Korea)); US Department of Defense; Kyrylo Budanov, Ukrainian Defence Intelligence."),
        "{md}"
    );
    assert!(
        md.contains(
            "1 independent origin: Government of South Korea (South Korean presidential office)."
        ),
        "{md}"
    );
}

fn claim_reviews(args: &[&str]) -> (Vec<Value>, String) {
    let mut all = vec!["--format", "claimreview"];
    all.extend_from_slice(args);
    let run = export(&all);
    (serde_json::from_str(&run.stdout).unwrap(), run.stderr)
}

#[test]
fn claimreview_publishes_only_decisions_in_force_on_accepted_claims() {
    let (reviews, _) = claim_reviews(&["--url", "https://example.org/reviews"]);
    let reviewed: Vec<&str> = reviews
        .iter()
        .map(|r| r["claimReviewed"].as_str().unwrap())
        .collect();
    assert_eq!(
        reviewed,
        [
            "National Intelligence Service (South Korea): “about 11,000 North Korean troops are now in Russia”",
            "National Intelligence Service (South Korea): “North Korea has committed 12,000 troops, including special forces units, to Russia”",
            "South Korean presidential office: “North Korea has sent troops to support Russia in its ongoing war against Ukraine”",
        ],
        "no stale decision (Budanov), no draft"
    );
    assert!(
        reviews
            .iter()
            .all(|r| r["url"] == "https://example.org/reviews")
    );
    assert_eq!(reviews[0]["reviewRating"]["alternateName"], "Disputed");
    assert_eq!(reviews[0]["author"]["name"], "ana");
}

#[test]
fn claimreview_url_is_the_reviews_never_the_articles() {
    let (reviews, stderr) = claim_reviews(&[]);
    assert_eq!(reviews.len(), 3);
    for r in &reviews {
        assert!(r.get("url").is_none(), "no review url without --url: {r}");
        let appearance = &r["itemReviewed"]["appearance"];
        assert!(
            appearance["url"]
                .as_str()
                .is_some_and(|u| u.starts_with("https://example.org/news/")),
            "the reviewed article stays the appearance: {r}"
        );
    }
    assert_eq!(
        reviews[0]["itemReviewed"]["appearance"]["datePublished"],
        "2024-11-13"
    );
    assert!(
        stderr.contains("3 reviews have no web `url`") && stderr.contains("give --url"),
        "{stderr}"
    );
}

/// A copy of the fixture in `dir`, with `edit` applied to each file's text.
fn copy_fixture(dir: &Path, edit: impl Fn(&str, String) -> String) -> PathBuf {
    let to = dir.join("v2");
    std::fs::create_dir_all(&to).unwrap();
    for entry in std::fs::read_dir(repo().join(FIXTURE)).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(entry.path()).unwrap();
        std::fs::write(to.join(&name), edit(&name, text)).unwrap();
    }
    to
}

#[test]
fn format_2_text_stays_sanitised_in_every_export() {
    let dir = tempfile::tempdir().unwrap();
    copy_fixture(dir.path(), |name, text| match name {
        "catalog.claims.toml" => text.replace(
            "name = \"Government of South Korea\"",
            "name = \"=Gov | <b>x</b> \\u001b[31m**South**\"",
        ),
        "review.toml" => text.replace(
            "reviewer = \"kim\"\nfingerprint = \"0123456789abcdef\"",
            "reviewer = \"-kim | <i>\\u009b2J\"\nfingerprint = \"0123456789abcdef\"",
        ),
        _ => text,
    });
    let md = export_in(dir.path(), "v2", &[]).stdout;
    assert!(!md.contains("<b>") && !md.contains("<i>"), "{md}");
    assert!(md.contains("part of =Gov \\| &lt;b&gt;x&lt;/b&gt;"), "{md}");
    assert!(
        md.contains("changed since review by -kim \\| &lt;i&gt;"),
        "{md}"
    );
    for row in md
        .lines()
        .filter(|l| l.starts_with("| `") || l.starts_with("| ↳"))
    {
        let separators = row.matches('|').count() - row.matches("\\|").count();
        assert_eq!(separators, 8, "{row}");
    }
    for format in ["markdown", "json", "csv", "claimreview"] {
        let out = export_in(dir.path(), "v2", &["--format", format]).stdout;
        assert!(
            !out.chars()
                .any(|c| c.is_control() && c != '\n' && c != '\r'),
            "{format}: {out}"
        );
    }
}
