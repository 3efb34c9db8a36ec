//! The fuzz targets' checks on every input kept in `fuzz/regressions/` (inputs that once
//! crashed or misbehaved) and `fuzz/seeds/` (the starting corpus). CI runs these, not the
//! fuzzer (which needs nightly): see "Fuzzing" in the README.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::{Path, PathBuf};

fn inputs(kind: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files: Vec<PathBuf> = ["regressions", "seeds"]
        .iter()
        .flat_map(|set| {
            std::fs::read_dir(root.join(set).join(kind))
                .into_iter()
                .flatten()
        })
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 2, "the {kind} inputs are missing: {files:?}");
    files
}

#[test]
fn every_kept_loader_input_loads_and_exports_cleanly() {
    for file in inputs("load") {
        let data = std::fs::read(&file).unwrap();
        let run = std::panic::catch_unwind(|| checks::load_input(&data));
        assert!(run.is_ok(), "{} fails", file.display());
    }
}

#[test]
fn every_kept_journal_input_replays_and_round_trips() {
    for file in inputs("journal") {
        let data = std::fs::read(&file).unwrap();
        let run = std::panic::catch_unwind(|| checks::journal_input(&data));
        assert!(run.is_ok(), "{} fails", file.display());
    }
}

#[test]
fn every_kept_numbers_input_reads_cleanly() {
    for file in inputs("numbers") {
        let data = std::fs::read(&file).unwrap();
        let run = std::panic::catch_unwind(|| checks::numbers_input(&data));
        assert!(run.is_ok(), "{} fails", file.display());
    }
}
