//! The floor for `crosscheck check`: what the `toml` crate alone costs on the same files. Finds
//! every `*.claims.toml` under DIR, reads it and its report text, and parses it with
//! `toml::from_str` into plain serde structs (no spans, no checks), the files spread over two
//! threads. Prints what it parsed, so that no work can be left out.
//!
//! Run by `benches/compare.rs`, which starts itself again as `compare --floor DIR` so that the
//! floor is a process of its own like `crosscheck check`, and by `examples/floor.rs` for
//! hyperfine: `cargo build --release --example floor`, then
//! `hyperfine -N 'target/release/examples/floor DIR' 'target/release/crosscheck check DIR'`.
//! `--threads N` changes the number of threads (default 2).
//!
//! The module sets the global allocator of the program that includes it: mimalloc, the
//! allocator the binary uses, so that the floor is not slower for want of it.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Deserialize;

/// The allocator `crosscheck` uses, so that the floor is not slower for want of it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct ClaimFile {
    report: Option<Report>,
    #[serde(default)]
    source: Vec<Source>,
    #[serde(default)]
    topic: Vec<Topic>,
    #[serde(default)]
    claim: Vec<Claim>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Report {
    id: String,
    title: String,
    outlet: Option<String>,
    url: Option<String>,
    published: Option<toml::value::Datetime>,
    text: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Source {
    id: String,
    name: String,
    kind: Option<String>,
    reliability: Option<String>,
    part_of: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Topic {
    id: String,
    question: String,
    unit: Option<String>,
    tolerance: Option<f64>,
    window: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Claim {
    id: String,
    topic: String,
    source: String,
    #[serde(default)]
    via: Vec<String>,
    quote: String,
    stated: Option<toml::value::Datetime>,
    credibility: Option<u8>,
    figure: Option<Figure>,
    stance: Option<String>,
    #[serde(default)]
    supersedes: Vec<String>,
    #[serde(default)]
    draft: bool,
}

#[derive(Deserialize)]
#[serde(untagged)]
#[allow(dead_code)]
enum Figure {
    Exact(f64),
    Hedged {
        about: Option<f64>,
        at_least: Option<f64>,
        at_most: Option<f64>,
        low: Option<f64>,
        high: Option<f64>,
    },
}

/// What one thread parsed.
#[derive(Default)]
struct Count {
    files: usize,
    claims: usize,
    sources: usize,
    topics: usize,
    /// Bytes of claim files and of report texts read.
    toml_bytes: usize,
    text_bytes: usize,
    /// Characters of every quote, and a sum over figures: uses of what was parsed.
    quote_chars: usize,
    figures: f64,
}

impl Count {
    fn add(&mut self, other: Count) {
        self.files += other.files;
        self.claims += other.claims;
        self.sources += other.sources;
        self.topics += other.topics;
        self.toml_bytes += other.toml_bytes;
        self.text_bytes += other.text_bytes;
        self.quote_chars += other.quote_chars;
        self.figures += other.figures;
    }
}

/// Every `*.claims.toml` under `dir`, at any depth, appended to `out`.
pub fn claim_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            claim_files(&path, out);
        } else if path.to_string_lossy().ends_with(".claims.toml") {
            out.push(path);
        }
    }
}

fn parse(path: &Path, count: &mut Count) {
    let text = std::fs::read_to_string(path).expect("a readable claim file");
    let file: ClaimFile =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    count.files += 1;
    count.toml_bytes += text.len();
    count.sources += file.source.len();
    count.topics += file.topic.len();
    count.claims += file.claim.len();
    for claim in &file.claim {
        count.quote_chars += claim.quote.len();
        count.figures += match claim.figure {
            Some(Figure::Exact(v)) => v,
            Some(Figure::Hedged {
                about,
                at_least,
                at_most,
                low,
                high,
            }) => [about, at_least, at_most, low, high]
                .into_iter()
                .flatten()
                .sum(),
            None => 0.0,
        };
    }
    if let Some(name) = file.report.and_then(|r| r.text) {
        let report = path.parent().unwrap_or(Path::new(".")).join(name);
        count.text_bytes += std::fs::read_to_string(report)
            .expect("a readable report text")
            .len();
    }
}

/// The floor's command line (without the program's name): `[--threads N] DIR...`.
pub fn main(mut args: impl Iterator<Item = String>) {
    let mut threads = 2;
    let mut dirs = Vec::new();
    while let Some(arg) = args.next() {
        if arg == "--threads" {
            threads = args
                .next()
                .and_then(|n| n.parse().ok())
                .expect("--threads N");
        } else {
            dirs.push(PathBuf::from(arg));
        }
    }
    let mut files = Vec::new();
    for dir in &dirs {
        claim_files(dir, &mut files);
    }
    let next = AtomicUsize::new(0);
    let mut total = Count::default();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.max(1))
            .map(|_| {
                scope.spawn(|| {
                    let mut count = Count::default();
                    while let Some(path) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                        parse(path, &mut count);
                    }
                    count
                })
            })
            .collect();
        for worker in workers {
            total.add(worker.join().expect("a worker"));
        }
    });
    println!(
        "{} files, {} claims, {} sources, {} topics; {} MB of TOML, {} MB of report text; {} bytes of quotes, figures sum to {:.0}",
        total.files,
        total.claims,
        total.sources,
        total.topics,
        total.toml_bytes / 1_000_000,
        total.text_bytes / 1_000_000,
        total.quote_chars,
        total.figures
    );
}
