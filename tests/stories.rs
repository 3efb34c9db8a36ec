//! The format-2 analysis on real stories told across several articles (`tests/fixtures/stories/`,
//! annotated from public news pages): every topic's current claims, verdict, spread and
//! origins, and every claim's origin, date, supersession and independence, as worked out by hand
//! in each story's `expected.toml`.

use std::path::{Path, PathBuf};

use crosscheck::analysis::{Analysis, analyse};
use crosscheck::model::Model;

fn stories() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stories");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 3, "three stories at least: {dirs:?}");
    dirs
}

fn load(dir: &Path) -> (Model, Analysis) {
    let loaded = crosscheck::load::load(&[dir.to_path_buf()]);
    let errors: Vec<String> = loaded.diagnostics.iter().map(|d| d.render(false)).collect();
    assert!(!loaded.has_errors(), "{}", errors.join(""));
    let analysis = analyse(&loaded.model);
    (loaded.model, analysis)
}

/// Compare the analysis of one story with its `expected.toml`; every difference is listed.
fn differences(dir: &Path) -> Vec<String> {
    let (model, analysis) = load(dir);
    let expected: toml::Table =
        toml::from_str(&std::fs::read_to_string(dir.join("expected.toml")).unwrap()).unwrap();
    let mut out = Vec::new();
    let mut check = |what: String, got: String, want: String| {
        if got != want {
            out.push(format!("{what}: got {got}, expected {want}"));
        }
    };
    let claim_id = |c: usize| model.claims[c].id.clone();
    let topics = expected["topic"].as_table().unwrap();
    assert_eq!(
        topics.len(),
        model.topics.len(),
        "{}: every topic expected",
        dir.display()
    );
    for (id, want) in topics {
        let t = model
            .topics
            .iter()
            .position(|t| &t.id == id)
            .unwrap_or_else(|| panic!("no topic {id}"));
        let got = &analysis.topics[t];
        check(
            format!("{id} verdict"),
            got.verdict.as_str().into(),
            want["verdict"].as_str().unwrap().into(),
        );
        let spread = |s: Option<f64>| s.map_or("null".into(), |s| format!("{s:.4}"));
        check(
            format!("{id} spread"),
            spread(got.spread),
            spread(want.get("spread").and_then(|v| v.as_float())),
        );
        check(
            format!("{id} origins"),
            got.origins.to_string(),
            want["origins"].as_integer().unwrap().to_string(),
        );
        let current: Vec<String> = got.current.iter().map(|&c| claim_id(c)).collect();
        let want_current: Vec<String> = want["current"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        check(
            format!("{id} current"),
            format!("{current:?}"),
            format!("{want_current:?}"),
        );
    }
    let claims = expected["claim"].as_table().unwrap();
    assert_eq!(
        claims.len(),
        model.claims.len(),
        "{}: every claim expected",
        dir.display()
    );
    for (id, want) in claims {
        let c = model
            .claims
            .iter()
            .position(|c| &c.id == id)
            .unwrap_or_else(|| panic!("no claim {id}"));
        let got = &analysis.claims[c];
        check(
            format!("{id} origin"),
            model.sources[got.origin].id.clone(),
            want["origin"].as_str().unwrap().into(),
        );
        check(
            format!("{id} date"),
            format!("{:?}", got.date.map(|d| d.to_string())),
            format!("{:?}", want.get("date").map(|d| d.to_string())),
        );
        check(
            format!("{id} draft"),
            model.claims[c].draft.to_string(),
            want.get("draft")
                .and_then(|v| v.as_bool())
                .unwrap_or(false)
                .to_string(),
        );
        check(
            format!("{id} superseded_by"),
            format!("{:?}", got.superseded_by.map(claim_id)),
            format!(
                "{:?}",
                want.get("superseded_by")
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            ),
        );
        let ind = got.independence;
        let num = |key: &str| {
            want.get(key)
                .and_then(|v| v.as_integer())
                .map(|n| n as usize)
        };
        check(
            format!("{id} corroborated_by"),
            format!("{:?}", ind.map(|i| i.corroborated_by)),
            format!("{:?}", num("corroborated_by")),
        );
        check(
            format!("{id} contradicted_by"),
            format!("{:?}", ind.map(|i| i.contradicted_by)),
            format!("{:?}", num("contradicted_by")),
        );
        check(
            format!("{id} suggested_credibility"),
            format!("{:?}", ind.map(|i| i.suggested_credibility as usize)),
            format!("{:?}", num("suggested_credibility")),
        );
    }
    out
}

#[test]
fn each_story_is_analysed_as_worked_out_by_hand() {
    let mut all = Vec::new();
    for dir in stories() {
        for d in differences(&dir) {
            all.push(format!(
                "{}: {d}",
                dir.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(
        all.is_empty(),
        "{} differences:\n{}",
        all.len(),
        all.join("\n")
    );
}

#[test]
fn every_story_checks_without_errors_or_warnings() {
    for dir in stories() {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_crosscheck"))
            .args(["check"])
            .arg(&dir)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(run.status.success(), "{}", stderr);
        assert!(!stderr.contains("warning:"), "{stderr}");
    }
}
