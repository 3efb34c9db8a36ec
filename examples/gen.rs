//! Write a large valid dataset for benchmarks and trials:
//! `cargo run --release --example gen -- OUT --claims 100000 --files 1000 [--decisions N]`.

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
    /// How many claim files (plus one file of shared sources and topics)
    #[arg(long, default_value_t = 1_000)]
    files: usize,
    /// Also write a journal (review.toml) with this many decisions
    #[arg(long, default_value_t = 0)]
    decisions: usize,
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let generated = dataset::generate(&args.out, args.claims, args.files)?;
    if args.decisions > 0 {
        dataset::journal(
            &args.out.join("review.toml"),
            &generated.claim_ids,
            args.decisions,
        )?;
    }
    println!(
        "wrote {} claims in {} files to {}",
        generated.claims,
        generated.files,
        args.out.display()
    );
    Ok(())
}
