//! `crosscheck export --format json` on the bundled data and on fixtures.

mod common;

use common::{CLAIM, HEADER, crosscheck, repo, write};
use serde_json::Value;

fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}"))
}

#[test]
fn the_bundled_data_checks_clean() {
    let run = crosscheck(&["check", "data/"], &repo());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.ends_with(": 0 errors, 0 warnings\n"),
        "{}",
        run.stderr
    );
    // With no paths, check reads data/.
    let default = crosscheck(&["check"], &repo());
    assert_eq!(default.stderr, run.stderr);
}

#[test]
fn the_bundled_data_shows_12000_against_about_11000_as_a_conflict() {
    let run = crosscheck(&["export", "--format", "json", "data/"], &repo());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "", "a clean export says nothing on stderr");
    let v = json(&run.stdout);
    let topic = v["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "nk-troops-total")
        .unwrap();
    assert_eq!(topic["verdict"], "conflict");
    assert_eq!(topic["unit"], "troops");
    let spread = topic["spread"].as_f64().unwrap();
    assert!((spread - 1000.0 / 12000.0).abs() < 1e-4, "{spread}");
    let claims = topic["claims"].as_array().unwrap();
    let nis = claims.iter().find(|c| c["source"] == "nis").unwrap();
    assert_eq!(nis["figure"]["form"], "exact");
    assert_eq!(nis["figure"]["value"], 12000);
    assert_eq!(nis["via"], serde_json::json!(["yonhap"]));
    assert_eq!(nis["stated"], "2024-10-18");
    let budanov = claims.iter().find(|c| c["source"] == "budanov").unwrap();
    assert_eq!(budanov["figure"]["form"], "about");
    assert_eq!(budanov["figure"]["value"], 11000);
    assert_eq!(budanov["figure"]["low"], 10450);
    assert_eq!(budanov["figure"]["high"], 11550);
    assert_eq!(budanov["via"], serde_json::json!(["the-war-zone"]));
    assert_eq!(v["totals"]["conflicts"], 1);
    assert_eq!(v["totals"]["claims"], v["totals"]["unreviewed"]);
}

#[test]
fn the_bundled_data_covers_the_seed_article() {
    let run = crosscheck(&["export", "--format", "json"], &repo());
    let v = json(&run.stdout);
    let claims: Vec<&Value> = v["topics"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["claims"].as_array().unwrap())
        .collect();
    let by_source = |s: &str| {
        claims
            .iter()
            .find(|c| c["source"] == s)
            .copied()
            .unwrap_or_else(|| panic!("no claim by {s}"))
    };
    assert_eq!(
        by_source("sk-presidential-office")["via"],
        serde_json::json!(["reuters"])
    );
    assert_eq!(by_source("rutte")["via"], serde_json::json!(["afp"]));
    assert_eq!(by_source("rutte")["stance"], "unconfirmed");
    assert_eq!(
        by_source("zelensky")["via"],
        serde_json::json!(["ukrinform"])
    );
    assert_eq!(by_source("zelensky")["stance"], "affirms");
    let kursk = claims
        .iter()
        .find(|c| c["id"] == "budanov-kursk-2600")
        .unwrap();
    assert_eq!(kursk["figure"]["value"], 2600);
}

#[test]
fn every_field_of_a_claim_is_present_and_absent_ones_are_null() {
    let dir = tempfile::tempdir().unwrap();
    let content =
        format!("{HEADER}{CLAIM}").replace("figure = 12000", "figure = { at_least = 3000 }");
    write(dir.path(), "x.claims.toml", content);
    let run = crosscheck(&["export", "--format", "json", "x.claims.toml"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = json(&run.stdout);
    assert_eq!(
        v["totals"],
        serde_json::json!({"reports": 1, "sources": 2, "topics": 2, "claims": 2, "conflicts": 0, "verified": 0, "disputed": 0, "unreviewed": 2, "drafts": 0, "superseded": 0, "stale": 0})
    );
    let c1 = &v["topics"][0]["claims"][0];
    assert_eq!(
        c1["figure"],
        serde_json::json!({"form": "at_least", "value": 3000, "low": 3000, "high": null})
    );
    for key in [
        "reliability",
        "credibility",
        "stated",
        "stance",
        "note",
        "reviewer",
        "decided_at",
        "date",
        "superseded_by",
    ] {
        assert!(c1[key].is_null(), "{key} should be null: {c1}");
    }
    // Format 2: a claim alone on its topic, undecided.
    assert_eq!(c1["origin"], "nis");
    assert_eq!(c1["draft"], false);
    assert_eq!(c1["supersedes"], serde_json::json!([]));
    assert_eq!(c1["corroborated_by"], 0);
    assert_eq!(c1["contradicted_by"], 0);
    assert_eq!(c1["suggested_credibility"], 6);
    assert_eq!(c1["stale"], false);
    assert_eq!(c1["decisions"], serde_json::json!([]));
    assert_eq!(v["topics"][0]["origins"], 1);
    assert!(v["topics"][0]["window"].is_null());
    assert_eq!(v["topics"][0]["verdict"], "single");
    assert!(v["topics"][0]["spread"].is_null());
    let c2 = &v["topics"][1]["claims"][0];
    assert_eq!(c2["stance"], "affirms");
    assert!(c2["figure"].is_null());
    assert!(v["topics"][1]["unit"].is_null());
}

#[test]
fn files_with_errors_give_diagnostics_and_no_summary() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "x.claims.toml",
        format!("{HEADER}{CLAIM}").replace("stance = \"affirms\"", "stance = \"yes\""),
    );
    let run = crosscheck(
        &[
            "export",
            "--format",
            "json",
            "-o",
            "out.json",
            "x.claims.toml",
        ],
        dir.path(),
    );
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("unknown stance `yes`"),
        "{}",
        run.stderr
    );
    assert!(
        !dir.path().join("out.json").exists(),
        "no partial summary written"
    );
}

#[test]
fn an_unwritable_output_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "x.claims.toml", format!("{HEADER}{CLAIM}"));
    let run = crosscheck(
        &["export", "-o", "no/such/dir/out.json", "x.claims.toml"],
        dir.path(),
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "cannot write no/such/dir/out.json: the directory no/such/dir does not exist; create the directory first, or choose another place"
        ),
        "{}",
        run.stderr
    );
}
