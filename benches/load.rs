//! Loading and analysing claim files, against the floor: the `toml` crate parsing the same
//! files. `cargo bench --bench load`.

mod support;

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::Bencher;

/// The allocator the binary uses, so that the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn data(claims: usize) -> PathBuf {
    static DATA: OnceLock<std::sync::Mutex<std::collections::HashMap<usize, PathBuf>>> =
        OnceLock::new();
    let map = DATA.get_or_init(Default::default);
    map.lock()
        .unwrap()
        .entry(claims)
        .or_insert_with(|| support::dataset(claims).dir)
        .clone()
}

/// The whole of `crosscheck check`'s work: find, read, parse, check, resolve, analyse.
#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 10)]
fn load_and_analyse(bencher: Bencher, claims: usize) {
    let dir = data(claims);
    bencher.bench(|| {
        let loaded = crosscheck::load::load(std::slice::from_ref(&dir));
        assert!(!loaded.has_errors());
        crosscheck::analysis::analyse(&loaded.model)
    });
}

/// Read every claim file of the dataset and run `parse` on its text.
fn parse_all(bencher: Bencher, claims: usize, parse: fn(&str) -> usize) {
    let files = support::claim_files(&data(claims));
    bencher.bench(|| {
        files
            .iter()
            .map(|f| parse(&std::fs::read_to_string(f).unwrap()))
            .sum::<usize>()
    });
}

/// The floor: read every claim file and build `toml`'s own tree of it, nothing else.
#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 10)]
fn toml_parse_floor(bencher: Bencher, claims: usize) {
    parse_all(bencher, claims, |text| {
        toml::de::DeTable::parse(text).unwrap().get_ref().len()
    });
}

/// The floor as most code calls it: `toml::from_str` into a `toml::Table`.
#[divan::bench(args = [100_000], sample_count = 10)]
fn toml_from_str_floor(bencher: Bencher, claims: usize) {
    parse_all(bencher, claims, |text| {
        toml::from_str::<toml::Table>(text).unwrap().len()
    });
}
