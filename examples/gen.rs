//! Write a large valid format-2 dataset for benchmarks and trials:
//! `cargo run --release --example gen -- OUT --claims 100000 --files 1000 [--decisions N
//! --reviewers 3]`.

#[path = "../benches/support/gen.rs"]
mod dataset;

use std::path::PathBuf;

use clap::Parser;

#[derive(Parser)]
struct Args {
    /// Directory to write into (created if missing)
    out: PathBuf,
    /// How many claims
    #[arg(long, default_value_t = 100_000)]
    claims: usize,
    /// How many report files (plus one catalog of shared sources and topics)
    #[arg(long, default_value_t = 1_000)]
    files: usize,
    /// Also write a journal (review.toml) with this many decisions, fingerprinted
    #[arg(long, default_value_t = 0)]
    decisions: usize,
    /// How many reviewers made those decisions
    #[arg(long, default_value_t = 1)]
    reviewers: usize,
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let generated = dataset::generate(&args.out, args.claims, args.files)?;
    println!(
        "wrote {} claims ({} superseding earlier ones, {} drafts) in {} report files and a catalog to {}",
        generated.claims,
        generated.superseding,
        generated.drafts,
        generated.files,
        args.out.display()
    );
    if args.decisions > 0 {
        let journal = args.out.join("review.toml");
        let written = dataset::reviews(&journal, &args.out, args.decisions, args.reviewers)?;
        println!(
            "wrote {} decisions by {} on {} claims ({} stale) to {}",
            written.decisions,
            dataset::reviewer_names(args.reviewers).join(", "),
            written.claims,
            written.stale,
            journal.display()
        );
    }
    Ok(())
}
