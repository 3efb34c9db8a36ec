//! docs/format.md stays true. The document is followed as a reader would, top to bottom, in an
//! empty directory; markers (HTML comments, invisible when rendered) say what each piece is:
//!
//! - `<!-- example: NAME -->` before a fenced block: a complete file, written as NAME when
//!   reached. A complete `*.claims.toml` must be checked by some command below it with no errors.
//! - `<!-- fragment -->` before a ```toml block: part of a file, not run. Every ```toml block
//!   carries one of these two markers, so that no example drops out of the tests unnoticed.
//! - `<!-- fixture: PATH -->` before a fenced block: the whole of that file in the repository.
//! - A ```console block: each `$ crosscheck check …` line is run when reached, and the lines
//!   after it (up to the next `$` line) are exactly what it prints. Commands naming files under
//!   `tests/fixtures/docs/` run from the repository root; the others where the examples are.
//! - `<!-- intervals: FILE -->` / `<!-- verdicts: FILES -->` before a table: every claim's
//!   interval, and every topic's verdict and spread, as the JSON export of FILE (or of the
//!   FILES, separated by spaces) gives them.

mod common;

use std::path::Path;

use common::{crosscheck, repo, write};

const FIXTURES: &str = "tests/fixtures/docs/";

fn doc() -> String {
    std::fs::read_to_string(repo().join("docs/format.md")).expect("docs/format.md exists")
}

/// What a marker says about the block or table right below it.
#[derive(Clone, Debug, PartialEq)]
enum Marker {
    Example(String),
    Fragment,
    Fixture(String),
    Intervals(String),
    Verdicts(String),
}

impl Marker {
    fn parse(line: &str, line_no: usize) -> Option<Marker> {
        let inner = line
            .trim()
            .strip_prefix("<!--")?
            .strip_suffix("-->")?
            .trim();
        if inner == "fragment" {
            return Some(Marker::Fragment);
        }
        let (kind, arg) = inner.split_once(": ")?;
        let arg = arg.trim().to_string();
        Some(match kind {
            "example" => Marker::Example(arg),
            "fixture" => Marker::Fixture(arg),
            "intervals" => Marker::Intervals(arg),
            "verdicts" => Marker::Verdicts(arg),
            other => panic!("docs/format.md:{line_no}: unknown marker `{other}`"),
        })
    }
}

/// A fenced block or a table of the document, with the marker above it and its first line.
#[derive(Debug)]
enum Piece {
    Block {
        marker: Option<Marker>,
        lang: String,
        body: String,
        line: usize,
    },
    Table {
        marker: Option<Marker>,
        rows: Vec<Vec<String>>,
        line: usize,
    },
}

/// The document's fenced blocks and tables, in order. A marker must sit right above its piece.
fn pieces(doc: &str) -> Vec<Piece> {
    let lines: Vec<&str> = doc.lines().collect();
    let mut out = Vec::new();
    let mut marker: Option<(Marker, usize)> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let line_no = i + 1;
        if let Some((m, at)) = &marker
            && !line.starts_with("```")
            && !line.starts_with('|')
        {
            panic!("docs/format.md:{at}: marker {m:?} is not right above a block or a table");
        }
        if let Some(m) = Marker::parse(line, line_no) {
            marker = Some((m, line_no));
            i += 1;
            continue;
        }
        let taken = marker.take().map(|(m, _)| m);
        if let Some(lang) = line.strip_prefix("```") {
            let end = lines[i + 1..]
                .iter()
                .position(|l| *l == "```")
                .unwrap_or_else(|| panic!("docs/format.md:{line_no}: block never closed"))
                + i
                + 1;
            let body: String = lines[i + 1..end].iter().map(|l| format!("{l}\n")).collect();
            out.push(Piece::Block {
                marker: taken,
                lang: lang.to_string(),
                body,
                line: line_no,
            });
            i = end + 1;
        } else if line.starts_with('|') {
            let end = lines[i..]
                .iter()
                .position(|l| !l.starts_with('|'))
                .map_or(lines.len(), |n| i + n);
            let rows = lines[i..end]
                .iter()
                .map(|row| {
                    let row = row.trim().trim_start_matches('|').trim_end_matches('|');
                    row.split('|').map(|c| c.trim().to_string()).collect()
                })
                .collect();
            out.push(Piece::Table {
                marker: taken,
                rows,
                line: line_no,
            });
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// One command of a console block and what the document says it prints.
struct Shown {
    args: Vec<String>,
    output: String,
    line: usize,
}

impl Shown {
    fn in_fixtures(&self) -> bool {
        self.args.iter().any(|a| a.starts_with(FIXTURES))
    }

    fn has_errors(&self) -> bool {
        let summary = self.output.lines().last().unwrap_or("");
        !summary.contains(": 0 errors,")
    }

    /// Run it in `cwd` and compare with what the document shows.
    fn run_in(&self, cwd: &Path) {
        let args: Vec<&str> = self.args.iter().map(String::as_str).collect();
        assert_eq!(
            args.first(),
            Some(&"check"),
            "docs/format.md:{}: only `crosscheck check` commands are run",
            self.line
        );
        let run = crosscheck(&args, cwd);
        assert_eq!(
            run.stdout, "",
            "docs/format.md:{}: `check` prints on stderr",
            self.line
        );
        assert_eq!(
            run.stderr,
            self.output,
            "docs/format.md:{}: `crosscheck {}` prints something else",
            self.line,
            args.join(" ")
        );
        let expected_code = if self.has_errors() { 1 } else { 0 };
        assert_eq!(run.code, expected_code, "docs/format.md:{}", self.line);
    }
}

/// The commands of a ```console block (`$ crosscheck …` lines and the output under each).
fn commands(body: &str, first_line: usize) -> Vec<Shown> {
    let mut out: Vec<Shown> = Vec::new();
    for (n, line) in body.lines().enumerate() {
        if let Some(command) = line.strip_prefix("$ ") {
            let mut words = command.split_whitespace();
            assert_eq!(
                words.next(),
                Some("crosscheck"),
                "docs/format.md:{}: a console example runs crosscheck",
                first_line + 1 + n
            );
            out.push(Shown {
                args: words.map(str::to_string).collect(),
                output: String::new(),
                line: first_line + 1 + n,
            });
        } else {
            let shown = out.last_mut().unwrap_or_else(|| {
                panic!(
                    "docs/format.md:{first_line}: a console block starts with a `$ crosscheck` line"
                )
            });
            shown.output.push_str(line);
            shown.output.push('\n');
        }
    }
    for shown in &mut out {
        // A blank line between two commands is layout, not output.
        while shown.output.ends_with("\n\n") {
            shown.output.pop();
        }
        assert!(
            !shown.output.trim().is_empty(),
            "docs/format.md:{}: no output shown",
            shown.line
        );
    }
    out
}

fn all_commands(pieces: &[Piece]) -> Vec<Shown> {
    pieces
        .iter()
        .flat_map(|p| match p {
            Piece::Block {
                lang, body, line, ..
            } if lang == "console" => commands(body, *line),
            _ => Vec::new(),
        })
        .collect()
}

/// The JSON export of `files` (one or more names, separated by spaces).
fn export_json(files: &str, cwd: &Path) -> serde_json::Value {
    let mut args = vec!["export", "--format", "json"];
    args.extend(files.split_whitespace());
    let run = crosscheck(&args, cwd);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("the export is JSON")
}

/// The cells of `rows` (header first, then the separator) under the column named `column`.
fn column<'r>(rows: &'r [Vec<String>], column: &str) -> Vec<&'r str> {
    let at = rows[0]
        .iter()
        .position(|h| h == column)
        .unwrap_or_else(|| panic!("no column `{column}` in {:?}", rows[0]));
    rows[2..].iter().map(|r| r[at].as_str()).collect()
}

fn id_cell(cell: &str) -> &str {
    cell.trim_matches('`')
}

/// An interval as the document writes it: `[3000, open)`, `(open, 500]`, `[1, 2]`.
fn interval(figure: &serde_json::Value) -> String {
    let low = match &figure["low"] {
        serde_json::Value::Null => "(open".to_string(),
        v => format!("[{v}"),
    };
    let high = match &figure["high"] {
        serde_json::Value::Null => "open)".to_string(),
        v => format!("{v}]"),
    };
    format!("{low}, {high}")
}

fn check_intervals(rows: &[Vec<String>], json: &serde_json::Value, line: usize) {
    let claims: Vec<&serde_json::Value> = json["topics"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["claims"].as_array().unwrap())
        .filter(|c| !c["figure"].is_null())
        .collect();
    let ids = column(rows, "claim");
    let shown = column(rows, "interval compared");
    assert_eq!(
        ids.len(),
        claims.len(),
        "docs/format.md:{line}: one row per claim with a figure"
    );
    for (id, shown) in ids.into_iter().zip(shown) {
        let claim = claims
            .iter()
            .find(|c| c["id"] == id_cell(id))
            .unwrap_or_else(|| panic!("docs/format.md:{line}: no claim {id}"));
        assert_eq!(
            shown,
            interval(&claim["figure"]),
            "docs/format.md:{line}: claim {id}"
        );
    }
}

fn check_verdicts(rows: &[Vec<String>], json: &serde_json::Value, line: usize) {
    let topics = json["topics"].as_array().unwrap();
    let ids = column(rows, "topic");
    assert_eq!(
        ids.len(),
        topics.len(),
        "docs/format.md:{line}: one row per topic"
    );
    for ((id, verdict), spread) in ids
        .into_iter()
        .zip(column(rows, "verdict"))
        .zip(column(rows, "spread"))
    {
        let topic = topics
            .iter()
            .find(|t| t["id"] == id_cell(id))
            .unwrap_or_else(|| panic!("docs/format.md:{line}: no topic {id}"));
        assert_eq!(
            verdict, topic["verdict"],
            "docs/format.md:{line}: topic {id}"
        );
        let computed = match &topic["spread"] {
            serde_json::Value::Null => "—".to_string(),
            v => v.to_string(),
        };
        assert_eq!(spread, computed, "docs/format.md:{line}: spread of {id}");
    }
}

#[test]
fn every_toml_block_is_marked_and_every_marker_fits_its_piece() {
    for piece in pieces(&doc()) {
        match piece {
            Piece::Block {
                marker, lang, line, ..
            } => {
                if lang == "toml" {
                    assert!(
                        matches!(marker, Some(Marker::Example(_) | Marker::Fragment)),
                        "docs/format.md:{line}: mark this block `<!-- example: NAME -->` (a complete file) or `<!-- fragment -->`"
                    );
                }
                assert!(
                    !matches!(marker, Some(Marker::Intervals(_) | Marker::Verdicts(_))),
                    "docs/format.md:{line}: intervals and verdicts mark tables"
                );
            }
            Piece::Table { marker, line, .. } => assert!(
                matches!(
                    marker,
                    None | Some(Marker::Intervals(_) | Marker::Verdicts(_))
                ),
                "docs/format.md:{line}: examples and fixtures mark fenced blocks"
            ),
        }
    }
}

/// The examples, followed in order: each complete file is written when reached, each command
/// on the examples runs when reached, and each table is compared with the export.
#[test]
fn the_examples_are_valid_files_that_check_accepts_as_shown() {
    let dir = tempfile::tempdir().unwrap();
    let pieces = pieces(&doc());
    let mut claim_files: Vec<String> = Vec::new();
    let mut accepted: Vec<String> = Vec::new();
    let mut commands_run = 0;
    let mut tables = (0, 0);
    for piece in &pieces {
        match piece {
            Piece::Block {
                marker: Some(Marker::Example(name)),
                body,
                ..
            } => {
                assert!(
                    !dir.path().join(name).exists(),
                    "two examples are named {name}"
                );
                write(dir.path(), name, body);
                if name.ends_with(".claims.toml") {
                    claim_files.push(name.clone());
                }
            }
            Piece::Block {
                lang, body, line, ..
            } if lang == "console" => {
                for shown in commands(body, *line) {
                    if shown.in_fixtures() {
                        continue;
                    }
                    shown.run_in(dir.path());
                    commands_run += 1;
                    if !shown.has_errors() {
                        accepted.extend(shown.args.iter().cloned());
                    }
                }
            }
            Piece::Table {
                marker: Some(Marker::Intervals(file)),
                rows,
                line,
            } => {
                check_intervals(rows, &export_json(file, dir.path()), *line);
                tables.0 += 1;
            }
            Piece::Table {
                marker: Some(Marker::Verdicts(file)),
                rows,
                line,
            } => {
                check_verdicts(rows, &export_json(file, dir.path()), *line);
                tables.1 += 1;
            }
            _ => {}
        }
    }
    for file in &claim_files {
        assert!(
            accepted.contains(file),
            "docs/format.md: the example {file} is never shown checked without errors"
        );
    }
    // The document keeps its examples: a first file, files sharing ids, every figure form, every
    // verdict, and a journal.
    assert!(claim_files.len() >= 5, "examples left: {claim_files:?}");
    assert!(
        commands_run >= 5,
        "commands on the examples: {commands_run}"
    );
    assert!(
        tables.0 >= 1 && tables.1 >= 1,
        "the interval and verdict tables"
    );
    assert!(
        dir.path().join("review.toml").exists(),
        "the journal example"
    );
}

/// Every error shown is what `check` prints for the fixtures, from the repository root; the
/// fixtures shown in full are the files, and every fixture is used.
#[test]
fn the_errors_shown_are_what_check_prints_for_the_fixtures() {
    let doc = doc();
    let pieces = pieces(&doc);
    let shown: Vec<Shown> = all_commands(&pieces)
        .into_iter()
        .filter(Shown::in_fixtures)
        .collect();
    for command in &shown {
        command.run_in(&repo());
    }
    for piece in &pieces {
        if let Piece::Block {
            marker: Some(Marker::Fixture(path)),
            body,
            line,
            ..
        } = piece
        {
            let file = std::fs::read_to_string(repo().join(path)).unwrap();
            assert_eq!(*body, file, "docs/format.md:{line}: {path} is not as shown");
        }
    }
    let with_errors = shown.iter().filter(|s| s.has_errors()).count();
    assert!(with_errors >= 9, "error examples left: {with_errors}");
    assert!(
        shown.len() > with_errors,
        "an example of warnings alone is kept"
    );
    // A fixture no example uses would go stale unnoticed: each is named by a command (itself or
    // its directory) or shown in full.
    let shown_in_full: Vec<&str> = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Block {
                marker: Some(Marker::Fixture(path)),
                ..
            } => Some(path.as_str()),
            _ => None,
        })
        .collect();
    let used = |fixture: &str| {
        shown_in_full.contains(&fixture)
            || shown.iter().flat_map(|s| &s.args).any(|arg| {
                arg == fixture || (arg.ends_with('/') && fixture.starts_with(arg.as_str()))
            })
    };
    let mut unused = Vec::new();
    let mut dirs = vec![repo().join(FIXTURES)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let fixture = path.strip_prefix(repo()).unwrap().to_string_lossy();
            if !used(&fixture) {
                unused.push(fixture.into_owned());
            }
        }
    }
    assert!(unused.is_empty(), "fixtures no example uses: {unused:?}");
}

/// The hedge words the document lists are exactly the reader's (`crosscheck::numbers`).
#[test]
fn the_hedge_words_listed_are_the_readers() {
    use crosscheck::numbers::{
        APPROXIMATION, APPROXIMATION_AFTER, LOWER_BOUND, LOWER_BOUND_AFTER, UPPER_BOUND,
        UPPER_BOUND_AFTER,
    };
    let text = doc();
    let table = &text[text.find("<!-- hedges -->").expect("the hedges table")..];
    let rows: Vec<&str> = table
        .lines()
        .skip(3)
        .take_while(|l| l.starts_with('|'))
        .collect();
    let lists = [
        APPROXIMATION,
        LOWER_BOUND,
        UPPER_BOUND,
        APPROXIMATION_AFTER,
        LOWER_BOUND_AFTER,
        UPPER_BOUND_AFTER,
    ];
    assert_eq!(rows.len(), lists.len(), "one row per list");
    for (row, list) in rows.iter().zip(lists) {
        let cell = row.rsplit('|').nth(1).unwrap();
        let listed: Vec<&str> = cell.split('`').skip(1).step_by(2).collect();
        assert_eq!(listed, list, "docs/format.md: {row}");
    }
}
