//! Datasets for the benchmarks, generated once into `target/bench-data`.
#![allow(dead_code)]

#[path = "gen.rs"]
pub mod dataset;

use std::path::PathBuf;

/// The dataset of `claims` claims (files of 100 claims each), generated on first use.
pub fn dataset(claims: usize) -> dataset::Generated {
    let files = (claims / 100).max(1);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-data/{claims}"));
    let _ = std::fs::remove_dir_all(&dir);
    dataset::generate(&dir, claims, files).expect("the dataset is written")
}

/// The claim files of a dataset, as the loader would find them.
pub fn claim_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".claims.toml"))
        .collect();
    files.sort();
    files
}
