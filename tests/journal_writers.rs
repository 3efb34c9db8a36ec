//! Several writers on one journal, interleaved at random, some dying in the middle of an entry:
//! every writer sees exactly the journal's entries, in the journal's order, none twice; a fresh
//! reader replays exactly what was written whole; every torn entry is set aside exactly once.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

use crosscheck::decision::{Decision, Status};
use crosscheck::store::{Changes, Journal, Store, journal};
use proptest::prelude::*;

const WRITERS: usize = 3;

#[derive(Clone, Debug)]
enum Op {
    /// A writer saves a decision.
    Append { writer: usize, claim: u8, note: u8 },
    /// A writer looks for what others saved.
    Look { writer: usize },
    /// A writer dies after writing `cut` thousandths of an entry (under the lock, as a
    /// `kill -9` mid-write would); the next time it is used it has started again.
    Crash { writer: usize, cut: u16 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..WRITERS, 0..4u8, 0..4u8).prop_map(|(writer, claim, note)| Op::Append { writer, claim, note }),
        3 => (0..WRITERS).prop_map(|writer| Op::Look { writer }),
        1 => (0..WRITERS, 0..=1000u16).prop_map(|(writer, cut)| Op::Crash { writer, cut }),
    ]
}

fn decision(writer: usize, serial: usize, claim: u8, note: u8) -> Decision {
    Decision {
        claim: format!("c{claim}"),
        status: if serial.is_multiple_of(2) {
            Status::Verified
        } else {
            Status::Disputed
        },
        // Several bytes per character, so that cuts fall inside characters too.
        note: (note > 0).then(|| format!("{serial}: {}", "é…".repeat(note as usize))),
        reviewer: format!("w{writer}"),
        fingerprint: Some(serial as u64),
        fields: None,
        at: jiff::Timestamp::from_second(1_700_000_000 + serial as i64).unwrap(),
    }
}

/// A writer process: its journal and every decision it has seen or saved, in order.
struct Writer {
    journal: Journal,
    seen: Vec<Decision>,
}

impl Writer {
    fn start(path: &Path) -> Writer {
        let (journal, replay) = Journal::open(path);
        Writer {
            journal,
            seen: replay.entries.into_iter().map(|e| e.decision).collect(),
        }
    }

    fn look(&mut self) {
        match self.journal.changes().unwrap() {
            Changes::Nothing => {}
            Changes::New(entries) => self.seen.extend(entries.into_iter().map(|e| e.decision)),
            Changes::Replaced(_) => panic!("nobody replaced the journal"),
        }
    }
}

fn torn_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".torn-")
        })
        .count()
}

fn run(ops: &[Op]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.toml");
    let mut writers: Vec<Option<Writer>> = (0..WRITERS).map(|_| None).collect();
    // What the journal holds whole, in order; and how many torn entries were left.
    let mut journal: Vec<Decision> = Vec::new();
    let mut torn = 0;
    for (serial, op) in ops.iter().enumerate() {
        match *op {
            Op::Append {
                writer,
                claim,
                note,
            } => {
                let w = writers[writer].get_or_insert_with(|| Writer::start(&path));
                let d = decision(writer, serial, claim, note);
                let before = w.journal.append(&d).unwrap();
                w.seen.extend(before.into_iter().map(|e| e.decision));
                w.seen.push(d.clone());
                journal.push(d);
                prop_assert_eq!(&w.seen, &journal, "w{} saw the journal as it is", writer);
            }
            Op::Look { writer } => {
                let w = writers[writer].get_or_insert_with(|| Writer::start(&path));
                w.look();
                prop_assert_eq!(&w.seen, &journal, "w{} saw the journal as it is", writer);
            }
            Op::Crash { writer, cut } => {
                // The dying writer took the lock and read what others wrote (setting aside a
                // torn entry it met), then wrote part of its entry.
                let mut w = writers[writer]
                    .take()
                    .unwrap_or_else(|| Writer::start(&path));
                w.look();
                let d = decision(writer, serial, 0, 2);
                let entry = journal::render(&d);
                let cut = entry.len() * cut as usize / 1000;
                OpenOptions::new()
                    .append(true)
                    .open(&path)
                    .unwrap()
                    .write_all(&entry.as_bytes()[..cut])
                    .unwrap();
                // All but the final blank line is a whole entry; nothing is no entry at all.
                if cut >= entry.len() - 1 {
                    journal.push(d);
                } else if cut > 0 {
                    torn += 1;
                }
            }
        }
        // Every writer alive has seen a prefix of the journal, in its order.
        for w in writers.iter().flatten() {
            prop_assert_eq!(&w.seen[..], &journal[..w.seen.len()]);
        }
    }
    // Each writer, looking once more, has seen the whole journal exactly once.
    for (i, w) in writers.iter_mut().enumerate() {
        if let Some(w) = w {
            w.look();
            prop_assert_eq!(&w.seen, &journal, "w{} at the end", i);
        }
    }
    // A fresh reader replays exactly the whole entries, and every torn one was set aside once.
    let fresh = Writer::start(&path);
    prop_assert_eq!(&fresh.seen, &journal);
    prop_assert_eq!(torn_files(dir.path()), torn);
    let scan = journal::scan(&std::fs::read(&path).unwrap());
    prop_assert_eq!(scan.damaged, None);
    prop_assert_eq!(scan.torn, None);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn interleaved_writers_with_crashes_see_the_journal_exactly(ops in prop::collection::vec(op(), 1..40)) {
        run(&ops)?;
    }
}

#[test]
fn a_crash_between_two_writers_is_set_aside_by_the_first_to_meet_it() {
    let ops = [
        Op::Append {
            writer: 0,
            claim: 1,
            note: 1,
        },
        Op::Look { writer: 1 },
        Op::Crash {
            writer: 2,
            cut: 500,
        },
        Op::Crash {
            writer: 2,
            cut: 300,
        },
        Op::Look { writer: 1 },
        Op::Append {
            writer: 0,
            claim: 2,
            note: 0,
        },
    ];
    run(&ops).unwrap();
}
