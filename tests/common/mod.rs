//! Running the real `crosscheck` binary on fixture files.
#![allow(dead_code)]

pub mod pty;

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn crosscheck(args: &[&str], cwd: &Path) -> Run {
    // Never the user's cache: a test that wants one says where.
    with_cache(args, cwd, "off")
}

/// `crosscheck` in `cwd` with its cache (journal snapshots, checked claim files) in `cache`
/// (`off`: none).
pub fn with_cache(args: &[&str], cwd: &Path, cache: &str) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .env("USER", "tester")
        .env("CROSSCHECK_CACHE", cache)
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The repository root, where `data/` is.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A valid file header: a report and the sources and topics that claims below may use.
pub const HEADER: &str = r#"[report]
id = "r1"
title = "A report"

[[source]]
id = "nis"
name = "National Intelligence Service"

[[source]]
id = "yonhap"
name = "Yonhap"

[[topic]]
id = "troops"
question = "How many troops?"
unit = "troops"

[[topic]]
id = "deployed"
question = "Were troops sent?"
"#;

/// A claim using both sources and the numeric topic, so that HEADER alone gives no warnings.
pub const CLAIM: &str = r#"
[[claim]]
id = "c1"
topic = "troops"
source = "nis"
via = ["yonhap"]
quote = "12,000 troops"
figure = 12000

[[claim]]
id = "c2"
topic = "deployed"
source = "nis"
quote = "troops were sent"
stance = "affirms"
"#;

pub fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, content).unwrap();
    path
}

/// Run `check` on one file with `content` and return the run.
pub fn check_one(content: impl AsRef<[u8]>) -> (tempfile::TempDir, Run) {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "x.claims.toml", content);
    let run = crosscheck(&["check", "x.claims.toml"], dir.path());
    (dir, run)
}

/// The line number (1-based) of the first line of `content` containing `needle`.
pub fn line_of(content: &str, needle: &str) -> usize {
    content
        .lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("{needle:?} not in fixture"))
}

/// A copy of the bundled `data/` (without any journal) in `dir/data`.
pub fn copy_data(dir: &Path) -> PathBuf {
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    for entry in std::fs::read_dir(repo().join("data")).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name().to_string_lossy().starts_with("review") {
            continue;
        }
        std::fs::copy(entry.path(), data.join(entry.file_name())).unwrap();
    }
    data
}

/// Asserts a failed check whose stderr has `AT: error: MESSAGE` (`AT` is `path:line:col`) and
/// `HINT`, and no panic.
pub fn assert_error_at(run: &Run, at: &str, message: &str, hint: &str) {
    assert_eq!(run.code, 1, "exit code; stderr:\n{}", run.stderr);
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
