//! The PostgreSQL store against a real server, started for each test (`support/pg.rs`): the
//! schema made and refused, replay, several stores and processes on one review, the server
//! stopped and frozen under an open store, TLS, passwords kept out of every message, and moving
//! a review between the journal file and the database. Without the server binaries every test
//! says SKIPPED.

#[path = "support/pg.rs"]
mod pg;

use std::time::{Duration, Instant};

use crosscheck::decision::{Decision, Entry, Status};
use crosscheck::store::postgres::{Options, Postgres};
use crosscheck::store::{Changes, Journal, ReadOnly, Store, StoreError};

fn decision(claim: &str, status: Status, reviewer: &str, n: i64) -> Decision {
    Decision {
        claim: claim.into(),
        status,
        note: Some(format!("note {n} with \"quotes\", a \\ and 확인")),
        reviewer: reviewer.into(),
        fingerprint: Some(0x9f2c_4e1a_0b7d_3e55 ^ n as u64),
        fields: Some([1, 2, 3, 4, 5, n as u16]),
        at: jiff::Timestamp::from_second(1_795_000_000 + n).unwrap(),
    }
}

fn decisions(entries: &[Entry]) -> Vec<Decision> {
    entries.iter().map(|e| e.decision.clone()).collect()
}

fn open(url: &str, review: &str) -> (Postgres, Vec<Entry>) {
    let (store, replay) = Postgres::open(url, review).unwrap_or_else(|e| panic!("{e}"));
    (store, replay.entries)
}

/// Call `changes` until it hands something over, for up to `limit`.
fn wait_for_changes(store: &mut Postgres, limit: Duration) -> (Changes, Duration) {
    let start = Instant::now();
    loop {
        match store.changes() {
            Ok(Changes::Nothing) | Err(_) if start.elapsed() < limit => {
                std::thread::sleep(Duration::from_millis(10))
            }
            other => return (other.unwrap_or_else(|e| panic!("{e}")), start.elapsed()),
        }
    }
}

#[test]
fn the_schema_is_made_on_an_empty_database_once_by_many_first_starts() {
    let Some(pg) = pg::Cluster::start() else {
        return;
    };
    let url = pg.fresh_db();
    let db = url.rsplit('/').next().unwrap().to_string();
    assert_eq!(
        pg.sql(&db, "SELECT to_regclass('crosscheck_decision') IS NULL"),
        "t"
    );
    // Eight crosschecks start at once on the empty database: each opens, one makes the tables.
    let opened: Vec<_> = (0..8)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || Postgres::open(&url, "desk").map(|(_, r)| r.entries.len()))
        })
        .collect();
    for t in opened {
        assert_eq!(t.join().unwrap(), Ok(0));
    }
    assert_eq!(pg.sql(&db, "SELECT version FROM crosscheck_schema"), "1");
    assert_eq!(
        pg.sql(
            &db,
            "SELECT count(*) FROM pg_indexes WHERE tablename = 'crosscheck_decision'"
        ),
        "2"
    );
    // Decisions are never changed or removed, whoever tries.
    let (mut store, _) = open(&url, "desk");
    store
        .append(&decision("a", Status::Verified, "kim", 0))
        .unwrap();
    for sql in [
        "UPDATE crosscheck_decision SET status = 'disputed'",
        "DELETE FROM crosscheck_decision",
        "TRUNCATE crosscheck_decision",
    ] {
        let refused = pg.try_sql(&db, sql).unwrap_err();
        assert!(refused.contains("never changed or removed"), "{refused}");
    }
    assert_eq!(pg.sql(&db, "SELECT count(*) FROM crosscheck_decision"), "1");
}

#[test]
fn a_schema_made_by_a_newer_crosscheck_is_refused_with_what_to_do() {
    let Some(pg) = pg::Cluster::start() else {
        return;
    };
    let url = pg.fresh_db();
    let db = url.rsplit('/').next().unwrap().to_string();
    drop(open(&url, "desk"));
    pg.sql(&db, "INSERT INTO crosscheck_schema (version) VALUES (7)");
    let Err(e) = Postgres::open(&url, "desk") else {
        panic!("opened a newer schema");
    };
    let said = e.to_string();
    assert!(
        said.contains(
            "made by a newer crosscheck (schema 7; this one knows 1): upgrade crosscheck"
        ),
        "{said}"
    );
    assert!(!said.contains(pg::PASSWORD), "{said}");
}

#[test]
fn decisions_appended_are_replayed_in_order_and_each_review_keeps_its_own() {
    let Some(pg) = pg::Cluster::start() else {
        return;
    };
    let url = pg.fresh_db();
    let (mut store, replay) = open(&url, "nk-troops");
    assert!(replay.is_empty());
    assert_eq!(store.read_only(), None);
    let mut written = Vec::new();
    for n in 0..20 {
        let mut d = decision(&format!("c{}", n % 7), Status::Verified, "kim", n);
        if n % 3 == 0 {
            d.note = None;
            d.fingerprint = None;
            d.fields = None;
            d.status = Status::Disputed;
        }
        assert_eq!(store.append(&d).unwrap(), vec![], "nobody else wrote");
        written.push(d);
    }
    // Sub-second precision is not kept, as in the journal.
    let mut precise = decision("c0", Status::Unreviewed, "kim", 99);
    precise.at = jiff::Timestamp::from_nanosecond(1_795_000_000_987_654_321).unwrap();
    store.append(&precise).unwrap();
    precise.at = jiff::Timestamp::from_second(1_795_000_000).unwrap();
    written.push(precise);
    let (mut other_review, _) = open(&url, "haiti");
    other_review
        .append(&decision("h1", Status::Verified, "ana", 0))
        .unwrap();
    drop(store);
    let (mut again, replay) = open(&url, "nk-troops");
    assert_eq!(decisions(&replay), written);
    assert!(
        replay.windows(2).all(|w| w[0].line < w[1].line),
        "lines are the sequence"
    );
    assert_eq!(decisions(&again.reread().unwrap()), written);
    assert_eq!(again.changes().unwrap(), Changes::Nothing);
    let (_, haiti) = open(&url, "haiti");
    assert_eq!(haiti.len(), 1);
}

#[test]
fn two_stores_on_one_review_see_each_others_decisions_within_a_second() {
    let Some(pg) = pg::Cluster::start() else {
        return;
    };
    let url = pg.fresh_db();
    let (mut kim, _) = open(&url, "desk");
    let (mut ana, _) = open(&url, "desk");
    assert_eq!(ana.changes().unwrap(), Changes::Nothing);
    let one = decision("a", Status::Verified, "kim", 1);
    kim.append(&one).unwrap();
    let (seen, took) = wait_for_changes(&mut ana, Duration::from_secs(2));
    let Changes::New(seen) = seen else {
        panic!("{seen:?}");
    };
    assert_eq!(decisions(&seen), vec![one.clone()]);
    assert!(took < Duration::from_secs(1), "seen after {took:?}");
    assert_eq!(kim.changes().unwrap(), Changes::Nothing, "never its own");
    // Two by kim, then ana appends without having looked: hers hands back kim's, in order.
    let two = decision("b", Status::Disputed, "kim", 2);
    let three = decision("a", Status::Disputed, "kim", 3);
    kim.append(&two).unwrap();
    kim.append(&three).unwrap();
    let before = ana
        .append(&decision("a", Status::Verified, "ana", 4))
        .unwrap();
    assert_eq!(decisions(&before), vec![two, three]);
    assert_eq!(ana.changes().unwrap(), Changes::Nothing, "handed over once");
    let (seen, _) = wait_for_changes(&mut kim, Duration::from_secs(2));
    let Changes::New(seen) = seen else {
        panic!("{seen:?}");
    };
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].decision.reviewer, "ana");
    // Many quick looks cost nothing when nothing came.
    let start = Instant::now();
    for _ in 0..10_000 {
        assert_eq!(kim.changes().unwrap(), Changes::Nothing);
    }
    assert!(
        start.elapsed() < Duration::from_millis(500),
        "{:?}",
        start.elapsed()
    );
}

/// The writer a child process runs: `url`, `review`, who, how many.
const WRITER: &str = "CROSSCHECK_TEST_PG_WRITER";

#[test]
fn writer_child() {
    let Ok(job) = std::env::var(WRITER) else {
        return;
    };
    let [url, review, who, count]: [&str; 4] =
        job.split('\u{1f}').collect::<Vec<_>>().try_into().unwrap();
    let (mut store, _) = open(url, review);
    for n in 0..count.parse::<i64>().unwrap() {
        let mut d = decision(&format!("claim-{}", n % 50), Status::Verified, who, n);
        d.note = Some(format!("{who} {n}"));
        store
            .append(&d)
            .unwrap_or_else(|e| panic!("{who} {n}: {e}"));
    }
}

#[test]
fn five_writer_processes_lose_and_duplicate_nothing() {
    let Some(pg) = pg::Cluster::start() else {
        return;
    };
    let url = pg.fresh_db();
    let (mut watcher, _) = open(&url, "desk");
    const WRITERS: usize = 5;
    const EACH: usize = 200;
    let children: Vec<_> = (0..WRITERS)
        .map(|w| {
            std::process::Command::new(std::env::current_exe().unwrap())
                .args(["--exact", "writer_child", "--nocapture", "--test-threads=1"])
                .env(
                    WRITER,
                    format!("{url}\u{1f}desk\u{1f}writer{w}\u{1f}{EACH}"),
                )
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    // An open store watching meanwhile.
    let mut watched = Vec::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "a writer failed");
        if let Changes::New(new) = watcher.changes().unwrap() {
            watched.extend(new);
        }
    }
    let (_, all) = open(&url, "desk");
    assert_eq!(all.len(), WRITERS * EACH);
    let mut seen = std::collections::HashSet::new();
    for w in 0..WRITERS {
        let notes: Vec<String> = all
            .iter()
            .filter(|e| e.decision.reviewer == format!("writer{w}"))
            .map(|e| e.decision.note.clone().unwrap())
            .collect();
        let expected: Vec<String> = (0..EACH).map(|n| format!("writer{w} {n}")).collect();
        assert_eq!(
            notes, expected,
            "each writer's decisions, once, in its order"
        );
    }
    for e in &all {
        assert!(seen.insert(e.line), "a sequence number twice");
    }
    // What the watcher was handed, with what it reads now, is everything, once, in order.
    let (rest, _) = wait_for_changes(&mut watcher, Duration::from_secs(6));
    if let Changes::New(new) = rest {
        watched.extend(new);
    }
    assert_eq!(decisions(&watched), decisions(&all));
}

#[test]
fn a_stopped_server_fails_appends_and_the_store_comes_back_by_itself() {
    let Some(pg) = pg::Cluster::start() else {
        return;
    };
    let url = pg.fresh_db();
    let db = url.rsplit('/').next().unwrap().to_string();
    let (mut kim, _) = open(&url, "desk");
    kim.append(&decision("a", Status::Verified, "kim", 1))
        .unwrap();
    pg.stop();
    let lost = decision("b", Status::Disputed, "kim", 2);
    let start = Instant::now();
    let err = kim.append(&lost).unwrap_err();
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert!(matches!(err, StoreError::Write { .. }), "{err:?}");
    let said = err.to_string();
    assert!(said.contains("nothing was saved"), "{said}");
    assert!(said.contains(&format!("127.0.0.1:{}", pg.port)), "{said}");
    assert!(!said.contains(pg::PASSWORD), "{said}");
    let looked = kim.changes().unwrap_err().to_string();
    assert!(looked.contains("reconnecting"), "{looked}");
    assert!(kim.connection().is_err());
    pg.start_again();
    // Another reviewer, on the server as it is back, decides while kim's store is away.
    let (mut ana, _) = open(&url, "desk");
    let meanwhile = decision("c", Status::Verified, "ana", 3);
    ana.append(&meanwhile).unwrap();
    let (back, took) = wait_for_changes(&mut kim, Duration::from_secs(10));
    let Changes::New(back) = back else {
        panic!("{back:?} after {took:?}");
    };
    assert_eq!(
        decisions(&back),
        vec![meanwhile],
        "caught up after {took:?}"
    );
    assert!(kim.connection().is_ok());
    kim.append(&decision("d", Status::Verified, "kim", 4))
        .unwrap();
    assert_eq!(
        pg.sql(
            &db,
            "SELECT string_agg(claim, ',' ORDER BY seq) FROM crosscheck_decision"
        ),
        "a,c,d",
        "the decision that failed is not there"
    );
}

#[test]
fn a_frozen_server_never_holds_a_call_for_long() {
    let Some(pg) = pg::Cluster::start() else {
        return;
    };
    let url = pg.fresh_db();
    let (mut kim, _) = open(&url, "desk");
    pg.pause();
    let start = Instant::now();
    let err = kim
        .append(&decision("a", Status::Verified, "kim", 1))
        .unwrap_err();
    let took = start.elapsed();
    assert!(took < Duration::from_millis(2500), "{took:?}");
    assert!(
        err.to_string().contains("did not answer within 1 s"),
        "{err}"
    );
    let start = Instant::now();
    for _ in 0..100 {
        assert!(kim.changes().is_err());
    }
    assert!(
        start.elapsed() < Duration::from_millis(200),
        "{:?}",
        start.elapsed()
    );
    pg.resume();
    let (_, took) = wait_for_changes(&mut kim, Duration::from_secs(10));
    assert!(kim.connection().is_ok(), "reconnected after {took:?}");
    kim.append(&decision("b", Status::Verified, "kim", 2))
        .unwrap();
    let (_, all) = open(&url, "desk");
    assert_eq!(
        all.len(),
        1,
        "the decision that timed out was not saved: {all:?}"
    );
}

#[test]
fn no_message_and_no_location_holds_the_password() {
    let Some(pg) = pg::Cluster::start() else {
        return;
    };
    let url = pg.fresh_db();
    let (store, _) = open(&url, "desk");
    let location = store.location();
    assert!(!location.contains(pg::PASSWORD), "{location}");
    assert_eq!(
        location,
        format!(
            "review desk on postgres://{}@127.0.0.1:{}/{}",
            pg::USER,
            pg.port,
            url.rsplit('/').next().unwrap()
        )
    );
    // A wrong password: the server says so; neither password is repeated.
    let wrong = url.replace(pg::PASSWORD, "Wrong-pass-123");
    let said = Postgres::open(&wrong, "desk").err().unwrap().to_string();
    assert!(said.contains("password authentication failed"), "{said}");
    assert!(said.contains("PGPASSWORD or ~/.pgpass"), "{said}");
    assert!(
        !said.contains("Wrong-pass-123") && !said.contains(pg::PASSWORD),
        "{said}"
    );
    // Nobody listens there: the message names host and port and what to do.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let nowhere = format!("postgres://kim:{}@127.0.0.1:{port}/desk", pg::PASSWORD);
    let start = Instant::now();
    let said = Postgres::open(&nowhere, "desk").err().unwrap().to_string();
    assert!(start.elapsed() < Duration::from_secs(6));
    assert!(
        said.contains(&format!("cannot connect to 127.0.0.1:{port}")),
        "{said}"
    );
    assert!(said.contains("check that PostgreSQL runs there"), "{said}");
    assert!(!said.contains(pg::PASSWORD), "{said}");
    // A database that does not exist.
    let said = Postgres::open(&pg.url("nosuchdb"), "desk")
        .err()
        .unwrap()
        .to_string();
    assert!(said.contains("\"nosuchdb\" does not exist"), "{said}");
    assert!(!said.contains(pg::PASSWORD), "{said}");
}

#[test]
fn malformed_urls_are_errors_never_panics() {
    for url in [
        "postgres://",
        "postgres://kim:pw@host:99999/db",
        "postgres://kim:pw@[::1/db",
        "postgres://kim:pw@host/db?sslmode=always",
        "postgres://kim:pw@host/db?frobnicate=1",
        "postgres://kim:pw@host/db?sslmode",
        "http://kim:pw@host/db",
        "postgres://kim:pw@host/db?sslcert=client.crt",
    ] {
        match Postgres::open_with(url, "desk", quick()) {
            Ok(_) => panic!("{url} opened"),
            Err(e) => {
                let said = e.to_string();
                assert!(!said.contains(":pw@"), "{said}");
            }
        }
    }
    assert!(Postgres::open_with("postgres://localhost/db", "", quick()).is_err());
}

fn quick() -> Options {
    Options {
        connect: Duration::from_secs(2),
        ..Options::default()
    }
}

#[test]
fn a_role_that_may_only_read_opens_read_only_and_says_what_to_grant() {
    let Some(pg) = pg::Cluster::start() else {
        return;
    };
    let url = pg.fresh_db();
    let db = url.rsplit('/').next().unwrap().to_string();
    drop(open(&url, "desk"));
    pg.sql(
        &db,
        "CREATE ROLE reader LOGIN PASSWORD 'reader-pw'; GRANT SELECT ON crosscheck_decision, crosscheck_schema TO reader",
    );
    let reader = format!("postgres://reader:reader-pw@127.0.0.1:{}/{db}", pg.port);
    let (mut store, _) = open(&reader, "desk");
    let Some(ReadOnly::Unwritable { reason }) = store.read_only() else {
        panic!("writable: {:?}", store.read_only());
    };
    assert!(reason.contains("GRANT INSERT"), "{reason}");
    let err = store
        .append(&decision("a", Status::Verified, "kim", 1))
        .unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err:?}");
    assert_eq!(store.notices().len(), 1);
}

#[test]
fn tls_is_used_when_the_url_asks_and_the_certificate_checked_for_verify_modes() {
    let Some(pg) = pg::Cluster::start_with_tls() else {
        return;
    };
    let url = pg.fresh_db();
    let db = url.rsplit('/').next().unwrap().to_string();
    let ca = pg.ca.clone().unwrap();
    let encrypted = || {
        pg.sql(
            "postgres",
            &format!(
                "SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) WHERE ssl AND datname = '{db}'"
            ),
        )
    };
    let (require, _) = open(&format!("{url}?sslmode=require"), "desk");
    assert_eq!(encrypted(), "1");
    drop(require);
    for (host, mode) in [
        ("localhost", "verify-full"),
        ("127.0.0.1", "verify-full"),
        ("localhost", "verify-ca"),
    ] {
        let u = format!(
            "{}?sslmode={mode}&sslrootcert={}",
            url.replace("127.0.0.1", host),
            ca.display()
        );
        let (mut store, _) = open(&u, "desk");
        store
            .append(&decision("a", Status::Verified, "kim", 1))
            .unwrap();
    }
    // A certificate no trusted CA signed is refused, saying why.
    let other_ca = pg.socket_dir().join("data/server.crt");
    let u = format!(
        "{url}?sslmode=verify-full&sslrootcert={}",
        other_ca.display()
    );
    let said = Postgres::open(&u, "desk").err().unwrap().to_string();
    assert!(said.contains("cannot connect to 127.0.0.1"), "{said}");
    assert!(said.to_lowercase().contains("certificate"), "{said}");
    // verify-full with no CA to trust says where to put one.
    let said = Postgres::open(
        &format!("{url}?sslmode=verify-full&sslrootcert=/nonexistent/ca.crt"),
        "desk",
    )
    .err()
    .unwrap()
    .to_string();
    assert!(
        said.contains("/nonexistent/ca.crt cannot be read"),
        "{said}"
    );
    let (_, all) = open(&format!("{url}?sslmode=disable"), "desk");
    assert_eq!(all.len(), 3);
}

/// A journal file with these entries, and its path.
fn journal_file(dir: &std::path::Path, entries: &[Decision], tail: &str) -> std::path::PathBuf {
    let path = dir.join("review.toml");
    let mut text: String = entries
        .iter()
        .map(crosscheck::store::journal::render)
        .collect();
    text.push_str(tail);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_review_moves_between_the_journal_and_the_database_and_import_is_idempotent() {
    let Some(pg) = pg::Cluster::start() else {
        return;
    };
    let url = pg.fresh_db();
    let dir = tempfile::tempdir().unwrap();
    let mut written: Vec<Decision> = (0..30)
        .map(|n| decision(&format!("c{}", n % 9), Status::Verified, "kim", n))
        .collect();
    // Two entries exactly alike (one second, one claim, one note) are two entries.
    written.push(written[29].clone());
    let journal = journal_file(dir.path(), &written, "");
    let (mut store, _) = open(&url, "desk");
    let first = store.import_journal(&journal).unwrap();
    assert_eq!((first.added, first.present, first.torn_line), (31, 0, None));
    let second = store.import_journal(&journal).unwrap();
    assert_eq!(
        (second.added, second.present),
        (0, 31),
        "a second import adds nothing"
    );
    // Export: a journal any crosscheck reads, every entry, in order.
    let exported = dir.path().join("exported.toml");
    let mut out = std::fs::File::create(&exported).unwrap();
    assert_eq!(store.export(&mut out).unwrap(), 31);
    drop(out);
    let (j, replay) = Journal::open(&exported);
    assert_eq!(j.read_only(), None);
    assert_eq!(decisions(&replay.entries), written);
    assert_eq!(store.import_journal(&exported).unwrap().added, 0);
    // A journal that grew: only what is new is added, after what was there.
    let more = decision("c1", Status::Disputed, "ana", 100);
    written.push(more.clone());
    let journal = journal_file(
        dir.path(),
        &written,
        "[[decision]]\nclaim = \"torn\"\nstatus = \"ver",
    );
    let grown = store.import_journal(&journal).unwrap();
    assert_eq!(
        (grown.added, grown.present, grown.torn_line),
        (1, 31, Some(289))
    );
    let (_, all) = open(&url, "desk");
    assert_eq!(decisions(&all), written);
    // A screen open on the review is told.
    let (mut screen, _) = open(&url, "desk");
    store
        .import(&[decision("z", Status::Verified, "ben", 5)])
        .unwrap();
    let (seen, _) = wait_for_changes(&mut screen, Duration::from_secs(2));
    assert!(
        matches!(seen, Changes::New(ref n) if n.len() == 1),
        "{seen:?}"
    );
    // A damaged journal is refused whole.
    let damaged = journal_file(dir.path(), &written[..2], "[[decision]]\nclaim = 7\n\n");
    let mut with_more = std::fs::read_to_string(&damaged).unwrap();
    with_more.push_str(&crosscheck::store::journal::render(&written[3]));
    std::fs::write(&damaged, with_more).unwrap();
    let err = store.import_journal(&damaged).unwrap_err().to_string();
    assert!(
        err.contains("damaged entry") && err.contains("nothing was imported"),
        "{err}"
    );
}
