//! The two stores side by side: the journal file and PostgreSQL (a throwaway server started by
//! the bench, `tests/support/pg.rs`, with its default durability: fsync and synchronous
//! commit on). One append; five writers at once; replaying 300k decisions at open; a screen's
//! first frame over 300k decisions. `cargo bench --bench store`.
//!
//! Without the PostgreSQL server binaries the PostgreSQL benches say SKIPPED and measure
//! nothing.

mod support;

#[path = "../tests/support/pg.rs"]
mod pg;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crosscheck::decision::{Decision, Entry, Status};
use crosscheck::session::{Reviewer, Session};
use crosscheck::store::postgres::Postgres;
use crosscheck::store::{Journal, Store};
use crosscheck::ui::action::Action;
use crosscheck::ui::app::App;
use divan::Bencher;
use divan::counter::ItemsCount;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The allocator the binary uses, so that the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

const REPLAYED: usize = 300_000;
const WRITERS: usize = 5;
const EACH: usize = 100;

/// The server, started once for the whole run (stopped by its watchdog when the bench ends).
fn server() -> Option<&'static pg::Cluster> {
    static SERVER: OnceLock<Option<pg::Cluster>> = OnceLock::new();
    SERVER.get_or_init(pg::Cluster::start).as_ref()
}

fn scratch() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/store");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn decision(claim: &str, reviewer: &str, n: usize) -> Decision {
    Decision {
        claim: claim.into(),
        status: [Status::Verified, Status::Disputed][n % 2],
        note: Some(format!("checked against source {n}")),
        reviewer: reviewer.into(),
        fingerprint: Some(0x9f2c_4e1a_0b7d_3e55),
        fields: Some([1, 2, 3, 4, 5, 6]),
        at: jiff::Timestamp::now(),
    }
}

/// The claims of the 1k-claim dataset, and a journal of 300k decisions on them.
struct Replayed {
    claims_dir: PathBuf,
    journal: PathBuf,
    /// A database holding the same 300k decisions (review `bench`).
    url: Option<String>,
}

fn replayed() -> &'static Replayed {
    static DATA: OnceLock<Replayed> = OnceLock::new();
    DATA.get_or_init(|| {
        let generated = support::dataset(1_000);
        let journal = scratch().join("replay-300k.toml");
        support::dataset::journal(&journal, &generated.claim_ids, REPLAYED).unwrap();
        let url = server().map(|pg| {
            let url = pg.fresh_db();
            let (mut store, _) = Postgres::open(&url, "bench").unwrap();
            let imported = store.import_journal(&journal).unwrap();
            assert_eq!(imported.added, REPLAYED);
            url
        });
        Replayed {
            claims_dir: generated.dir,
            journal,
            url,
        }
    })
}

fn postgres(url: &str, review: &str) -> (Postgres, Vec<Entry>) {
    let (store, replay) = Postgres::open(url, review).unwrap_or_else(|e| panic!("{e}"));
    (store, replay.entries)
}

/// One decision appended and synced (the journal) or committed (PostgreSQL), by one writer.
#[divan::bench(sample_count = 200)]
fn append_journal(bencher: Bencher) {
    let path = scratch().join(format!("append-{}.toml", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let (mut journal, _) = Journal::open(&path);
    let mut n = 0;
    bencher.bench_local(|| {
        n += 1;
        journal.append(&decision("c1", "bench", n)).unwrap()
    });
    let _ = std::fs::remove_file(&path);
}

#[divan::bench(sample_count = 200)]
fn append_postgres(bencher: Bencher) {
    let Some(pg) = server() else {
        return;
    };
    let (mut store, _) = postgres(&pg.fresh_db(), "bench");
    let mut n = 0;
    bencher.bench_local(|| {
        n += 1;
        store.append(&decision("c1", "bench", n)).unwrap()
    });
}

/// Five writers, each with its own store, appending 100 decisions each at once (throughput is
/// decisions per second over all five).
fn five_writers<S: Store + Send + 'static>(bencher: Bencher, open: impl Fn(usize) -> S + Sync) {
    bencher
        .counter(ItemsCount::new(WRITERS * EACH))
        .with_inputs(|| (0..WRITERS).map(&open).collect::<Vec<S>>())
        .bench_local_values(|stores| {
            let writers: Vec<_> = stores
                .into_iter()
                .enumerate()
                .map(|(w, mut store)| {
                    std::thread::spawn(move || {
                        let who = format!("writer{w}");
                        for n in 0..EACH {
                            store.append(&decision("c1", &who, n)).unwrap();
                        }
                    })
                })
                .collect();
            for w in writers {
                w.join().unwrap();
            }
        });
}

#[divan::bench(sample_count = 10)]
fn five_writers_journal(bencher: Bencher) {
    let path = scratch().join(format!("writers-{}.toml", std::process::id()));
    let _ = std::fs::remove_file(&path);
    five_writers(bencher, |_| Journal::open(&path).0);
    let _ = std::fs::remove_file(&path);
}

#[divan::bench(sample_count = 10)]
fn five_writers_postgres(bencher: Bencher) {
    let Some(pg) = server() else {
        return;
    };
    let url = pg.fresh_db();
    five_writers(bencher, |_| postgres(&url, "bench").0);
}

/// Opening a store of 300k decisions: every entry read and handed over, in order.
#[divan::bench(sample_count = 10)]
fn replay_300k_journal(bencher: Bencher) {
    let data = replayed();
    bencher.bench_local(|| {
        let (journal, replay) = Journal::open(&data.journal);
        assert_eq!(replay.entries.len(), REPLAYED);
        (journal, replay)
    });
}

#[divan::bench(sample_count = 10)]
fn replay_300k_postgres(bencher: Bencher) {
    let data = replayed();
    let Some(url) = &data.url else {
        return;
    };
    bencher.bench_local(|| {
        let opened = postgres(url, "bench");
        assert_eq!(opened.1.len(), REPLAYED);
        opened
    });
}

/// From opening the store to the screen's first frame (120x40), with the claim files loaded
/// already: replay of 300k decisions over 1k claims, the review built, one frame drawn.
fn first_frame(bencher: Bencher, open: impl Fn() -> (Box<dyn Store>, Vec<Entry>)) {
    let data = replayed();
    bencher
        .with_inputs(|| crosscheck::load::load(std::slice::from_ref(&data.claims_dir)).model)
        .bench_local_values(|model| {
            let (store, entries) = open();
            let bench = Reviewer {
                name: "bench".into(),
                known: true,
            };
            let session = Session::with_store(
                model,
                vec![data.claims_dir.clone()],
                store,
                entries,
                data.claims_dir.clone(),
                bench,
            );
            let mut app = App::new(session);
            app.update(Action::Resize(120, 40));
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
            terminal
                .draw(|f| crosscheck::ui::draw::draw(f, &app))
                .unwrap();
            app
        });
}

#[divan::bench(sample_count = 10)]
fn first_frame_300k_journal(bencher: Bencher) {
    let path: &Path = &replayed().journal;
    first_frame(bencher, || {
        let (journal, replay) = Journal::open(path);
        (Box::new(journal), replay.entries)
    });
}

#[divan::bench(sample_count = 10)]
fn first_frame_300k_postgres(bencher: Bencher) {
    let Some(url) = &replayed().url else {
        return;
    };
    first_frame(bencher, || {
        let (store, entries) = postgres(url, "bench");
        (Box::new(store), entries)
    });
}

/// A screen's look for news when nothing came (it looks several times a second).
#[divan::bench]
fn changes_nothing_journal(bencher: Bencher) {
    let path = scratch().join(format!("changes-{}.toml", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let (mut journal, _) = Journal::open(&path);
    bencher.bench_local(|| journal.changes().unwrap());
    let _ = std::fs::remove_file(&path);
}

#[divan::bench]
fn changes_nothing_postgres(bencher: Bencher) {
    let Some(pg) = server() else {
        return;
    };
    let (mut store, _) = postgres(&pg.fresh_db(), "bench");
    bencher.bench_local(|| store.changes().unwrap());
}
