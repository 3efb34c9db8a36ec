//! The README stays true: its complete example is a valid claim file, and the diagnostics it
//! shows are what the binary prints.

mod common;

use common::pty::Screen;
use common::{copy_data, crosscheck, repo, write};

fn readme() -> String {
    std::fs::read_to_string(repo().join("README.md")).unwrap()
}

/// The first fenced block of `lang` after `heading`.
fn block_after(text: &str, heading: &str, fence: &str) -> String {
    let from = text
        .find(heading)
        .unwrap_or_else(|| panic!("README lacks {heading}"));
    let start = text[from..].find(fence).unwrap() + from + fence.len();
    let end = text[start..].find("\n```").unwrap() + start;
    text[start..end].trim_start_matches('\n').to_string() + "\n"
}

#[test]
fn the_format_example_is_a_valid_claim_file() {
    let example = block_after(&readme(), "## The claim format", "```toml");
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "example.claims.toml", &example);
    std::fs::copy(
        repo().join("data/novinite-2024-10-18.txt"),
        dir.path().join("novinite-2024-10-18.txt"),
    )
    .unwrap();
    let run = crosscheck(&["check", "."], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "1 file, 3 claims, 2 topics: 0 errors, 0 warnings\n"
    );
    let json = crosscheck(&["export", "--format", "json", "."], dir.path());
    assert!(
        json.stdout.contains("\"verdict\": \"conflict\""),
        "{}",
        json.stdout
    );
}

#[test]
fn the_check_example_shows_real_output() {
    let shown = block_after(
        &readme(),
        "$ crosscheck check tests/fixtures/broken.claims.toml",
        "\n",
    );
    let run = crosscheck(&["check", "tests/fixtures/broken.claims.toml"], &repo());
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, shown);
}

#[test]
fn the_screen_shown_is_what_a_fresh_clone_shows_at_120x40() {
    let shown = block_after(&readme(), "## The review screen", "```\n");
    let work = tempfile::tempdir().unwrap();
    copy_data(work.path());
    let screen = Screen::start(&["data/"], work.path(), 120, 40);
    screen.wait_for("In the report");
    // The report pane is the last to fill: wait until the whole picture is there.
    let last = shown
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap()
        .trim_end();
    screen.wait_for(last.trim());
    let real: String = screen
        .text()
        .lines()
        .map(|l| format!("{}\n", l.trim_end()))
        .collect();
    assert_eq!(real.trim_end(), shown.trim_end());
}

#[test]
fn the_format_2_example_uses_keys_the_binary_reads() {
    let text = readme();
    let from = text.find("**Format 2**").expect("README shows format 2");
    let example = block_after(&text[from..], "New keys", "```toml");
    // The example is a fragment: declare what it refers to, then check it.
    let around = "[report]\nid = \"r\"\ntitle = \"R\"\n\n[[source]]\nid = \"sk-government\"\nname = \"Government of South Korea\"\n\n[[source]]\nid = \"haiti-government\"\nname = \"Government of Haiti\"\n\n[[source]]\nid = \"lassegue\"\nname = \"Lassègue\"\npart_of = \"haiti-government\"\n\n[[claim]]\nid = \"lassegue-230000\"\ntopic = \"haiti-toll\"\nsource = \"lassegue\"\nquote = \"about 230,000\"\nstated = 2010-02-04\nfigure = { about = 230000 }\n\n[[claim]]\nid = \"nis-claim\"\ntopic = \"haiti-toll\"\nsource = \"nis\"\nquote = \"q\"\nfigure = 1\n";
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "x.claims.toml", format!("{around}\n{example}"));
    let run = crosscheck(&["check", "."], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("1 draft waits for a person"),
        "{}",
        run.stderr
    );
}

/// The output after the snapshot header of a golden file in `tests/snapshots`.
fn golden(name: &str) -> String {
    let text = std::fs::read_to_string(
        repo().join(format!("tests/snapshots/exports__golden_{name}.snap")),
    )
    .unwrap();
    text.splitn(3, "---\n").nth(2).unwrap().to_string()
}

#[test]
fn the_export_excerpts_are_what_the_exports_write() {
    let text = readme();
    let excerpt = |after: &str, fence: &str| block_after(&text, after, fence);
    let markdown = excerpt("**Markdown** (`--format markdown`", "```markdown");
    assert!(
        golden("markdown").contains(&markdown),
        "the Markdown excerpt:\n{markdown}"
    );
    let csv = excerpt("**CSV** (`--format csv`", "```csv");
    let golden_csv = golden("csv").replace("\r\n", "\n");
    assert!(golden_csv.starts_with(&csv), "the CSV excerpt:\n{csv}");
    // The header's columns are the ones the prose lists.
    let header = csv.lines().next().unwrap();
    let listed: String = text[text.find("columns `topic,question").unwrap() + 9..]
        .split('`')
        .next()
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(header, listed);
    let review: serde_json::Value = serde_json::from_str(&excerpt(
        "**ClaimReview** (`--format claimreview`",
        "```json",
    ))
    .unwrap();
    let all: serde_json::Value = serde_json::from_str(&golden("claimreview")).unwrap();
    for one in review.as_array().unwrap() {
        assert!(all.as_array().unwrap().contains(one), "{one}");
    }
    let json = excerpt("$ crosscheck export --format json data/ | head -32\n", "\n");
    let dir = tempfile::tempdir().unwrap();
    copy_data(dir.path());
    let run = crosscheck(&["export", "--format", "json", "data/"], dir.path());
    let head: String = run
        .stdout
        .lines()
        .take(32)
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(head, json);
}
