//! `crosscheck draft`: the real binary on real articles and on bad input. Every draft of every
//! article of the evaluation set passes `crosscheck check`; the drafter's recall, form, speaker
//! and precision on that set stay above floors, so that a regression fails here (the full report
//! is `cargo bench --bench draft_eval`).

mod common;

#[path = "../benches/draft_eval/score.rs"]
mod score;

use std::path::Path;

use common::{Run, crosscheck, write};

fn draft_in(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["draft"];
    all.extend_from_slice(args);
    crosscheck(&all, dir)
}

/// The warnings `check` gives a draft, as their message lines.
fn warnings(run: &Run) -> Vec<String> {
    run.stderr
        .lines()
        .filter(|l| l.contains(": warning: "))
        .map(str::to_string)
        .collect()
}

/// The one warning a draft may have: a negated hedge ("couldn't be more than 7,000") is read by
/// `check` as the hedge alone, so the at-most figure the words ask for is reported as
/// contradicting "more than".
fn justified(warning: &str) -> bool {
    warning.contains("the figure is written at_most, but the quote says \u{201C}more than")
}

#[test]
fn every_draft_of_every_evaluation_article_passes_check() {
    let tmp = tempfile::tempdir().unwrap();
    for article in score::articles() {
        let text = article.text();
        let name = &article.file;
        write(tmp.path(), name, &text);
        let run = draft_in(tmp.path(), &[name]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        let claims = format!("{}.claims.toml", article.stem());
        let file = std::fs::read_to_string(tmp.path().join(&claims)).unwrap();
        assert!(file.contains("draft = true"), "{name}");
        assert!(!file.contains("draft = false"), "{name}");
        let check = crosscheck(&["check", &claims], tmp.path());
        assert_eq!(check.code, 0, "{name}: {}\n{file}", check.stderr);
        let unjustified: Vec<String> = warnings(&check)
            .into_iter()
            .filter(|w| !justified(w))
            .collect();
        assert!(
            unjustified.is_empty(),
            "{name}: {unjustified:#?}\n{}",
            check.stderr
        );
        assert!(
            check.stderr.contains("wait for a person"),
            "{name}: {}",
            check.stderr
        );
    }
}

#[test]
fn every_draft_of_the_other_real_articles_passes_check_too() {
    // The number reader's excerpts and the three stories' articles: 29 more real texts.
    let fixtures = common::repo().join("tests/fixtures");
    let mut texts: Vec<std::path::PathBuf> = Vec::new();
    for dir in [
        "numbers",
        "stories/haiti-earthquake-2010",
        "stories/hurricane-maria-2017",
        "stories/nk-troops-russia-2024",
    ] {
        for entry in std::fs::read_dir(fixtures.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                texts.push(path);
            }
        }
    }
    assert!(texts.len() >= 29, "{}", texts.len());
    let tmp = tempfile::tempdir().unwrap();
    for path in texts {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        write(tmp.path(), &name, std::fs::read(&path).unwrap());
        let run = draft_in(tmp.path(), &[&name, "--force"]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        let claims = name.replace(".txt", ".claims.toml");
        let check = crosscheck(&["check", &claims], tmp.path());
        let file = std::fs::read_to_string(tmp.path().join(&claims)).unwrap();
        assert_eq!(check.code, 0, "{name}: {}\n{file}", check.stderr);
        let unjustified: Vec<String> = warnings(&check)
            .into_iter()
            .filter(|w| !justified(w))
            .collect();
        assert!(unjustified.is_empty(), "{name}: {unjustified:#?}\n{file}");
    }
}

#[test]
fn recall_form_speaker_and_precision_stay_above_their_floors() {
    let mut total = score::Score::default();
    for article in score::articles() {
        let text = article.text();
        let gold = score::gold(&article, &text);
        let draft = score::draft_of(&article, &text);
        total.add(&score::score(&article, &text, &gold, &draft));
    }
    let report = format!(
        "recall {:.3}, form {:.3}, speaker {:.3}, precision {:.3}, years {:?}",
        total.recall(),
        total.form_recall(),
        total.attribution(),
        total.precision(),
        total.years
    );
    assert!(total.annotated >= 150, "{report}");
    assert!(total.recall() >= 0.90, "{report}");
    assert!(total.form_recall() >= 0.85, "{report}");
    assert!(total.attribution() >= 0.75, "{report}");
    assert!(total.precision() >= 0.85, "{report}");
    assert!(total.years.is_empty(), "{report}");
}

const ARTICLE: &str = "Seoul (AFP) - North Korea has sent about 11,000 troops to Russia, South Korea's spy agency said on Friday.\n\
The Pentagon said between 11,000 and 12,000 soldiers were in Kursk, while Ukraine's intelligence chief Kyrylo Budanov told The War Zone that at least 12,000 troops had arrived.\n\
Moscow denied the reports.\n";

#[test]
fn a_draft_is_written_beside_the_article_and_passes_check() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "nk.txt", ARTICLE);
    let run = draft_in(tmp.path(), &["nk.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("drafted 4 claims (3 with a figure, 1 yes/no) in nk.claims.toml"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("next: crosscheck check nk.claims.toml"),
        "{}",
        run.stderr
    );
    let file = std::fs::read_to_string(tmp.path().join("nk.claims.toml")).unwrap();
    for wanted in [
        "[report]\nid = \"nk\"",
        "text = \"nk.txt\"",
        "figure = { about = 11000 }",
        "figure = { low = 11000, high = 12000 }",
        "figure = { at_least = 12000 }",
        "stance = \"denies\"",
        "via = [\"war-zone\"]",
        "unit = \"troops\"",
    ] {
        assert!(file.contains(wanted), "{wanted:?} in\n{file}");
    }
    assert_eq!(file.matches("\ndraft = true\n").count(), 4, "{file}");
    let check = crosscheck(&["check", "nk.claims.toml"], tmp.path());
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(warnings(&check).is_empty(), "{}", check.stderr);
    assert!(
        check.stderr.contains("4 drafts wait for a person"),
        "{}",
        check.stderr
    );
}

#[test]
fn json_gives_each_proposal_with_the_byte_offsets_of_its_quote() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "nk.txt", ARTICLE);
    let run = draft_in(tmp.path(), &["nk.txt", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !tmp.path().join("nk.claims.toml").exists(),
        "JSON writes no claim file"
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let claims = json["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 4);
    for c in claims {
        let (start, end) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&ARTICLE[start..end], c["quote"].as_str().unwrap());
        for key in [
            "figure",
            "stance",
            "unit",
            "source_name",
            "via_names",
            "topic",
        ] {
            assert!(c.get(key).is_some(), "{key} in {c}");
        }
    }
    let first = &claims[0];
    assert_eq!(first["figure"]["form"], "about");
    assert_eq!(first["figure"]["value"], 11000);
    assert_eq!(first["figure"]["low"], 10450);
    assert_eq!(first["figure"]["high"], 11550);
    assert_eq!(first["stance"], serde_json::Value::Null);
    assert_eq!(first["source_name"], "South Korea's spy agency");
    let budanov = claims
        .iter()
        .find(|c| c["figure"]["form"] == "at_least")
        .unwrap();
    assert_eq!(budanov["via_names"], serde_json::json!(["War Zone"]));
    assert!(
        budanov["source_name"]
            .as_str()
            .unwrap()
            .contains("Kyrylo Budanov")
    );
    let denial = claims.iter().find(|c| c["stance"] == "denies").unwrap();
    assert_eq!(denial["figure"], serde_json::Value::Null);
    assert_eq!(denial["source_name"], "Moscow");
    assert!(json["sources"].as_array().unwrap().len() >= 4);
    assert!(
        json["topics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["unit"] == "troops")
    );
}

#[test]
fn an_existing_file_is_never_replaced_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "nk.txt", ARTICLE);
    write(tmp.path(), "nk.claims.toml", "# mine\n");
    let run = draft_in(tmp.path(), &["nk.txt"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("nk.claims.toml already exists; give `--force` to replace it"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("nk.claims.toml")).unwrap(),
        "# mine\n"
    );
    let forced = draft_in(tmp.path(), &["nk.txt", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(
        std::fs::read_to_string(tmp.path().join("nk.claims.toml"))
            .unwrap()
            .contains("[report]")
    );
}

#[test]
fn output_elsewhere_names_the_article_relative_to_it_and_takes_the_report_id() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "articles/nk.txt", ARTICLE);
    std::fs::create_dir_all(tmp.path().join("claims")).unwrap();
    let run = draft_in(
        tmp.path(),
        &[
            "articles/nk.txt",
            "-o",
            "claims/afp.claims.toml",
            "--report-id",
            "afp-2024-10-18",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = std::fs::read_to_string(tmp.path().join("claims/afp.claims.toml")).unwrap();
    assert!(file.contains("id = \"afp-2024-10-18\""), "{file}");
    assert!(file.contains("text = \"../articles/nk.txt\""), "{file}");
    assert!(
        file.contains("id = \"afp-2024-10-18.south-korea-spy-agency-11000\""),
        "{file}"
    );
    let check = crosscheck(&["check", "claims/afp.claims.toml"], tmp.path());
    assert_eq!(check.code, 0, "{}", check.stderr);

    let bad = draft_in(
        tmp.path(),
        &[
            "articles/nk.txt",
            "--report-id",
            "AFP 18 Oct",
            "--format",
            "json",
        ],
    );
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr
            .contains("`--report-id AFP 18 Oct` is not a valid id"),
        "{}",
        bad.stderr
    );
    assert!(bad.stderr.contains("try `afp-18-oct`"), "{}", bad.stderr);
}

#[test]
fn bad_articles_get_clear_errors_naming_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "latin1.txt",
        b"Le bilan s'\xe9l\xe8ve \xe0 12 000 morts.\n",
    );
    write(tmp.path(), "binary.txt", b"\x7fELF\x02\x01\x00\x00");
    write(tmp.path(), "empty.txt", "  \n\n");
    std::fs::create_dir(tmp.path().join("folder")).unwrap();
    for (name, wanted) in [
        (
            "missing.txt",
            "missing.txt: error: no such file or directory",
        ),
        ("latin1.txt", "latin1.txt:1:12: error: invalid UTF-8"),
        (
            "binary.txt",
            "binary.txt:1:7: error: binary data (a NUL byte); this is not a text file",
        ),
        ("empty.txt", "empty.txt: error: the article is empty"),
        ("folder", "folder: error: not a regular file"),
    ] {
        let run = draft_in(tmp.path(), &[name]);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        assert!(run.stderr.contains(wanted), "{name}: {}", run.stderr);
        let stem = name.trim_end_matches(".txt");
        assert!(
            !tmp.path().join(format!("{stem}.claims.toml")).exists(),
            "{name}"
        );
    }
}

#[test]
fn an_article_without_figures_gets_a_file_that_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "calm.txt",
        "Calm returned to the capital\n\nShops reopened on Monday and the streets were quiet.\n",
    );
    let run = draft_in(tmp.path(), &["calm.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("no figures or clear yes/no statements found in calm.txt"),
        "{}",
        run.stderr
    );
    let file = std::fs::read_to_string(tmp.path().join("calm.claims.toml")).unwrap();
    assert!(
        file.contains("# No figures were found in the article."),
        "{file}"
    );
    assert!(
        file.contains("title = \"Calm returned to the capital\""),
        "{file}"
    );
    let check = crosscheck(&["check", "calm.claims.toml"], tmp.path());
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn a_catalog_s_sources_and_topics_are_reused_not_declared_again() {
    let tmp = tempfile::tempdir().unwrap();
    let story = common::repo().join("tests/fixtures/stories/nk-troops-russia-2024");
    let text = std::fs::read_to_string(story.join("nation-2024-10-19.txt")).unwrap();
    write(tmp.path(), "nation.txt", &text);
    let catalog = story.join("catalog.claims.toml");
    let catalog = catalog.to_str().unwrap();
    let run = draft_in(tmp.path(), &["nation.txt", "--catalog", catalog]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "next: crosscheck check {catalog} nation.claims.toml"
        )),
        "{}",
        run.stderr
    );
    let file = std::fs::read_to_string(tmp.path().join("nation.claims.toml")).unwrap();
    // The NIS and Yonhap are the catalog's; the troops topic is the catalog's.
    assert!(file.contains("source = \"nk-nis\""), "{file}");
    assert!(file.contains("\"yonhap\""), "{file}");
    assert!(!file.contains("id = \"nk-nis\""), "{file}");
    assert!(!file.contains("id = \"yonhap\"\n"), "{file}");
    assert!(file.contains("topic = \"nkr-troops-sent\""), "{file}");
    let check = crosscheck(&["check", catalog, "nation.claims.toml"], tmp.path());
    assert_eq!(check.code, 0, "{}", check.stderr);
    // The catalog's sources that this one article does not use are warned of; the draft is not.
    let mine: Vec<String> = warnings(&check)
        .into_iter()
        .filter(|w| w.starts_with("nation.claims.toml"))
        .collect();
    assert!(mine.is_empty(), "{}", check.stderr);
}

#[test]
fn control_characters_and_curly_quotes_in_the_article_still_pass_check() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "odd.txt",
        "Officials said \u{201C}at least 1,200\u{201D} people\u{00A0}died\u{1b}[31m, and the ministry said 300\tmore were missing.\r\nRescuers said up to 40 were \"trapped\".\n",
    );
    let run = draft_in(tmp.path(), &["odd.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let check = crosscheck(&["check", "odd.claims.toml"], tmp.path());
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(warnings(&check).is_empty(), "{}", check.stderr);
}

#[test]
fn the_readme_example_is_real_output() {
    let readme = std::fs::read_to_string(common::repo().join("README.md")).unwrap();
    let from = readme
        .find("$ crosscheck draft novinite-2024-10-18.txt\n")
        .unwrap();
    let console = &readme[from..];
    let console = &console[console.find('\n').unwrap() + 1..console.find("\n```").unwrap() + 1];
    let toml_at = readme[from..].find("```toml\n").unwrap() + from + "```toml\n".len();
    let excerpt = &readme[toml_at..readme[toml_at..].find("```").unwrap() + toml_at];

    let tmp = tempfile::tempdir().unwrap();
    let text =
        std::fs::read_to_string(common::repo().join("data/novinite-2024-10-18.txt")).unwrap();
    write(tmp.path(), "novinite-2024-10-18.txt", &text);
    let run = draft_in(tmp.path(), &["novinite-2024-10-18.txt"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr, console);
    let file = std::fs::read_to_string(tmp.path().join("novinite-2024-10-18.claims.toml")).unwrap();
    for claim in excerpt.split("\n\n") {
        assert!(file.contains(claim.trim()), "{claim}\nnot in\n{file}");
    }
}
