//! Hostile but legal input at scale, where work once grew faster than the input (issue 10):
//! orphaned decisions, deep directories, one huge claim file, unknown ids among many. Each runs
//! at two sizes so that linear growth shows as a ratio near the size ratio (and work with a
//! budget, as a ratio near 1). `cargo bench --bench hostile`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::Bencher;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-data/hostile")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const HEADER: &str = "[report]\nid = \"r\"\ntitle = \"R\"\n[[source]]\nid = \"s\"\nname = \"S\"\n[[topic]]\nid = \"t\"\nquestion = \"Q?\"\n[[claim]]\nid = \"c\"\ntopic = \"t\"\nsource = \"s\"\nquote = \"q\"\nstance = \"affirms\"\n";

/// `check` on a journal whose decisions are all on claims no file declares.
#[divan::bench(args = [4_000, 16_000], sample_count = 5)]
fn orphan_warnings(bencher: Bencher, orphans: usize) {
    let dir = scratch(&format!("orphans-{orphans}"));
    std::fs::write(dir.join("x.claims.toml"), HEADER).unwrap();
    let journal = dir.join("review.toml");
    let mut text = String::new();
    for i in 0..orphans {
        text.push_str(&format!(
            "[[decision]]\nclaim = \"gone-{i}\"\nstatus = \"verified\"\nreviewer = \"k\"\nat = 2026-01-01T00:00:00Z\n\n"
        ));
    }
    std::fs::write(&journal, text).unwrap();
    bencher.bench(|| {
        let seen = crosscheck::session::inspect(std::slice::from_ref(&dir), &journal);
        // At most 200 shown, the rest counted.
        assert_eq!(seen.diagnostics.len(), 200);
        assert_eq!(seen.written.hidden.warnings, orphans - 200);
    });
}

/// Claims in 100 files, each naming a topic no file declares (every one a different typo),
/// among a catalog of 100,000 topics: every message looks for a did-you-mean.
#[divan::bench(args = [10_000, 40_000], sample_count = 3)]
fn unknown_ids_among_many(bencher: Bencher, claims: usize) {
    let dir = scratch(&format!("unknown-{claims}"));
    let mut catalog = String::from("[[source]]\nid = \"s\"\nname = \"S\"\n");
    for t in 0..100_000 {
        catalog.push_str(&format!(
            "[[topic]]\nid = \"topic-{t:06}\"\nquestion = \"Q?\"\nunit = \"troops\"\n"
        ));
    }
    std::fs::write(dir.join("a-catalog.claims.toml"), catalog).unwrap();
    let per_file = claims / 100;
    for f in 0..100 {
        let mut text = format!("[report]\nid = \"r{f}\"\ntitle = \"R\"\n");
        for c in 0..per_file {
            text.push_str(&format!(
                "[[claim]]\nid = \"c{f}-{c}\"\ntopic = \"topic-{f:03}{c:03}x\"\nsource = \"s\"\nquote = \"1 troop\"\nfigure = 1\n"
            ));
        }
        std::fs::write(dir.join(format!("r{f:03}.claims.toml")), text).unwrap();
    }
    bencher.bench(|| {
        let loaded = crosscheck::load::load(std::slice::from_ref(&dir));
        assert_eq!(loaded.written.claims, claims);
    });
}

/// Finding the one claim file at the bottom of a chain of directories.
#[divan::bench(args = [250, 1_000], sample_count = 5)]
fn deep_directories(bencher: Bencher, depth: usize) {
    let root = scratch(&format!("deep-{depth}"));
    let mut dir = root.clone();
    for _ in 0..depth {
        dir.push("d");
    }
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("x.claims.toml"), HEADER).unwrap();
    bencher.bench(|| {
        let (files, diags) = crosscheck::load::discover::claim_files(std::slice::from_ref(&root));
        assert_eq!((files.len(), diags.len()), (1, 0));
    });
}

/// One legal claim file of 16 or 64 MiB (the largest a file may be), checked whole.
#[divan::bench(args = [16, 64], sample_count = 3)]
fn one_huge_file(bencher: Bencher, mib: usize) {
    static FILES: OnceLock<std::sync::Mutex<Vec<(usize, PathBuf)>>> = OnceLock::new();
    let files = FILES.get_or_init(Default::default);
    let path = {
        let mut files = files.lock().unwrap();
        match files.iter().find(|(m, _)| *m == mib) {
            Some((_, p)) => p.clone(),
            None => {
                let p = huge(&scratch(&format!("huge-{mib}")), mib);
                files.push((mib, p.clone()));
                p
            }
        }
    };
    bencher.bench(|| {
        let loaded = crosscheck::load::load(std::slice::from_ref(&path));
        assert!(!loaded.has_errors());
        loaded.model.claims.len()
    });
}

/// A claim file of just under `mib` MiB of small claims.
fn huge(dir: &Path, mib: usize) -> PathBuf {
    let limit = mib * 1024 * 1024 - 4096;
    let mut text = String::from(HEADER);
    let mut i = 0;
    while text.len() < limit {
        text.push_str(&format!(
            "[[claim]]\nid = \"c{i}\"\ntopic = \"t\"\nsource = \"s\"\nquote = \"q\"\nstance = \"affirms\"\n"
        ));
        i += 1;
    }
    let path = dir.join("x.claims.toml");
    std::fs::write(&path, text).unwrap();
    path
}
