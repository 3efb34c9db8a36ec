//! The HTML report at scale: rendering a review of 1k, 10k and 100k claims (10 claims a topic,
//! a decision on one claim in ten) must grow linearly. `cargo bench --bench html`.

mod support;

use crosscheck::export::{self, Format, Options};
use crosscheck::review::Review;
use divan::Bencher;

/// The allocator the binary uses, so that the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

/// The review of the generated dataset of `claims` claims, with a journal of `claims / 10`
/// decisions.
fn review(claims: usize) -> Review {
    let data = support::dataset(claims);
    let loaded = crosscheck::load::load(std::slice::from_ref(&data.dir));
    assert!(!loaded.has_errors());
    let path = data.dir.join("review.toml");
    support::dataset::journal(&path, &data.claim_ids, claims / 10).unwrap();
    let (_, replay) = crosscheck::store::Journal::open(&path);
    Review::with_journal(loaded.model, replay.entries)
}

/// The whole report, as `export --format html` writes it.
#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 10)]
fn render(bencher: Bencher, claims: usize) {
    let review = review(claims);
    let bytes = export::render(&review, Format::Html, &Options::default()).len();
    eprintln!("{claims} claims: {} MB of HTML", bytes / 1_000_000);
    bencher.bench_local(|| export::render(&review, Format::Html, &Options::default()).len());
}
