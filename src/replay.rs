//! A journal's replay, taken from its snapshot when the journal still begins with the bytes
//! the snapshot covers (see [`crate::store::snapshot`]), and a new snapshot written when
//! enough was parsed past the old one.

use std::path::{Path, PathBuf};

use crate::review::Replayed;
use crate::store::journal::UnknownKey;
use crate::store::snapshot::{self, Blocks, Cache, Prefix};

/// A [`Replayed`] being read from a journal, with the journal's snapshot when it has one.
pub struct Cached {
    replayed: Replayed,
    /// The cache and this journal's snapshot file in it; `None` when snapshots are off or the
    /// journal is too small for one.
    cache: Option<(Cache, PathBuf)>,
    /// The snapshot, read and decoded, until the reader says whether the journal begins with
    /// what it covers.
    snapshot: Option<(Prefix, Replayed, Vec<UnknownKey>)>,
    /// How many bytes the snapshot that was taken covers (0: none was).
    resumed_at: u64,
    /// What a new snapshot would cover, once the journal is read, if one is worth writing.
    to_save: Option<(Prefix, Vec<UnknownKey>)>,
}

impl Cached {
    /// Ready to read the journal at `journal`, with its snapshot in the user's cache.
    pub fn new(journal: &Path) -> Self {
        Self::in_cache(journal, Cache::from_env())
    }

    /// [`Cached::new`] with snapshots kept in `cache` (`None`: none).
    pub fn in_cache(journal: &Path, cache: Option<Cache>) -> Self {
        let bytes = std::fs::metadata(journal).map_or(0, |meta| meta.len());
        let cache = cache
            .filter(|cache| bytes >= cache.smallest)
            .and_then(|cache| {
                let file = cache.file_for(journal)?;
                Some((cache, file))
            });
        let snapshot = cache.as_ref().and_then(|(_, file)| {
            let mut reader = snapshot::open(file, bytes)?;
            let (keys, replayed) = decode(&mut reader, bytes)?;
            Some((reader.prefix, replayed, keys))
        });
        Cached {
            replayed: Replayed::for_journal_of(bytes),
            cache,
            snapshot,
            resumed_at: 0,
            to_save: None,
        }
    }

    /// The replay, once the journal is read; a new snapshot written first when it is worth it.
    pub fn into_replayed(self) -> Replayed {
        if let (Some((prefix, keys)), Some((_, file))) = (&self.to_save, &self.cache) {
            snapshot::save(file, *prefix, encode(&self.replayed, keys));
        }
        self.replayed
    }

    /// Whether reading started after a snapshot (for tests and measurements).
    pub fn resumed(&self) -> bool {
        self.resumed_at > 0
    }
}

/// A snapshot's payload: a first block of the unknown keys of the entries it covers (each
/// line and key) and the reviewers' names, then blocks of claims with their decisions.
fn encode(replayed: &Replayed, keys: &[UnknownKey]) -> Blocks {
    let mut blocks = Blocks::default();
    let keys: Vec<(u64, &str)> = keys.iter().map(|k| (k.line as u64, &*k.key)).collect();
    blocks.block(&(keys, replayed.names()));
    let mut from = 0;
    while from < replayed.claims_to_encode() {
        blocks.block(&replayed.claim_records(from, CLAIMS_PER_BLOCK));
        from += CLAIMS_PER_BLOCK;
    }
    blocks
}

/// How many claims a snapshot's block holds: a few hundred kilobytes, read one at a time.
const CLAIMS_PER_BLOCK: usize = 2048;

/// Read what [`encode`] wrote, with room for a journal of `bytes` bytes; `None` unless it is
/// whole and sound.
fn decode(reader: &mut snapshot::Reader, bytes: u64) -> Option<(Vec<UnknownKey>, Replayed)> {
    // Lines are counted from 1: none past the line after the last line break covered.
    let last_line = reader.prefix.lines.checked_add(1)?;
    let (keys, names): (Vec<(u64, &str)>, Vec<&str>) =
        postcard::from_bytes(reader.next_block()??).ok()?;
    let keys = keys
        .into_iter()
        .map(|(line, key)| {
            Some(UnknownKey {
                line: usize::try_from(line)
                    .ok()
                    .filter(|&line| line <= last_line)?,
                key: key.to_owned(),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let mut replayed = Replayed::with_names(&names, bytes)?;
    while let Some(block) = reader.next_block()? {
        replayed.take_records(postcard::from_bytes(block).ok()?, last_line)?;
    }
    Some((keys, replayed))
}

impl crate::store::Visit for Cached {
    fn entry(&mut self, entry: crate::decision::Entry) {
        self.replayed.push(entry);
    }

    fn entry_ref(&mut self, entry: crate::store::EntryRef<'_>) {
        self.replayed.push_ref(entry);
    }

    fn resumable(&self) -> Option<Prefix> {
        self.snapshot.as_ref().map(|(prefix, ..)| *prefix)
    }

    fn resume(&mut self, matched: bool) -> Vec<UnknownKey> {
        match self.snapshot.take() {
            Some((prefix, replayed, keys)) if matched => {
                self.replayed = replayed;
                self.resumed_at = prefix.len;
                keys
            }
            _ => Vec::new(),
        }
    }

    fn digests(&self) -> bool {
        self.cache.is_some()
    }

    fn read(&mut self, read: Prefix, unknown_keys: &[UnknownKey]) {
        // Read after a snapshot whose journal had to be digested, now settled: written again
        // with what it now is, so that the next reader need not digest it.
        let refresh = self.resumed() && read.seen.is_some();
        if let Some((cache, _)) = &self.cache
            && (refresh || cache.worth_writing(read.len, self.resumed_at))
        {
            self.to_save = Some((read, unknown_keys.to_vec()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::{Decision, Status};
    use crate::store::journal::{Scan, peek_each, render};
    use std::io::Write;

    /// One entry: claim, reviewer, status, note, with fingerprint and fields, and whether it is
    /// written by hand with its keys out of order and one key no entry has.
    type Spec = (usize, usize, usize, Option<String>, bool, bool);

    fn text_of(n: usize, (claim, reviewer, status, note, printed, odd): &Spec) -> String {
        let decision = Decision {
            claim: format!("c{claim}"),
            status: Status::ALL[*status],
            note: note.clone(),
            reviewer: format!("r{reviewer}"),
            fingerprint: printed.then_some(n as u64 * 7919),
            fields: printed.then_some([n as u16, 1, 2, 3, 4, 5]),
            at: jiff::Timestamp::from_second(1_700_000_000 + n as i64 * 61).unwrap(),
        };
        if *odd {
            format!(
                "[[decision]]\nreviewer = \"{}\"\nmood = \"odd\"\nclaim = \"{}\"\nat = {}\nstatus = \"{}\"\n\n",
                decision.reviewer,
                decision.claim,
                decision.at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                decision.status.as_str()
            )
        } else {
            render(&decision)
        }
    }

    fn cache_in(dir: &Path) -> Option<Cache> {
        Some(Cache {
            dir: dir.join("cache"),
            smallest: 1,
        })
    }

    /// Read the journal at `path` as `check` does, with snapshots in `cache`: its replay, what
    /// its scan found, and whether reading started after a snapshot.
    fn read(path: &Path, cache: Option<Cache>) -> (Vec<String>, String, bool) {
        let mut cached = Cached::in_cache(path, cache);
        let scan: Scan = peek_each(path, &mut cached).unwrap().unwrap();
        let resumed = cached.resumed();
        let found = format!("{:?} {:?} {:?}", scan.unknown_keys, scan.torn, scan.damaged);
        (cached.into_replayed().dump(), found, resumed)
    }

    fn spec() -> impl proptest::strategy::Strategy<Value = Spec> {
        use proptest::prelude::*;
        (
            0..12usize,
            // Up to 20 reviewers: a claim decided by 16 or more is crowded.
            prop_oneof![0..3usize, 0..20usize],
            0..3usize,
            proptest::option::of("[a-zé \"\\\\]{0,12}"),
            any::<bool>(),
            proptest::bool::weighted(0.1),
        )
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// A journal read after its snapshot, with entries appended since (and perhaps a torn
        /// last entry), replays exactly as one read from its start.
        #[test]
        fn a_journal_read_after_its_snapshot_replays_as_one_read_whole(
            first in proptest::collection::vec(spec(), 1..60),
            then in proptest::collection::vec(spec(), 0..60),
            bom: bool,
            torn in proptest::option::of(1..40usize),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("review.toml");
            let mut text = if bom { "\u{feff}".to_string() } else { String::new() };
            for (n, spec) in first.iter().enumerate() {
                text.push_str(&text_of(n, spec));
            }
            std::fs::write(&path, &text).unwrap();
            let (written, _, resumed) = read(&path, cache_in(dir.path()));
            proptest::prop_assert!(!resumed);
            proptest::prop_assert_eq!(&written, &read(&path, None).0);

            let mut more = String::new();
            for (n, spec) in then.iter().enumerate() {
                more.push_str(&text_of(first.len() + n, spec));
            }
            if let Some(cut) = torn {
                let last = text_of(999, &first[0]);
                more.push_str(&last[..cut.min(last.len() - 3)]);
            }
            std::fs::OpenOptions::new().append(true).open(&path).unwrap()
                .write_all(more.as_bytes()).unwrap();
            let whole = read(&path, None);
            let after = read(&path, cache_in(dir.path()));
            proptest::prop_assert!(after.2, "the snapshot was not used");
            proptest::prop_assert_eq!((&after.0, &after.1), (&whole.0, &whole.1));
            // And once more, from the snapshot written after the appended entries, if any.
            let again = read(&path, cache_in(dir.path()));
            proptest::prop_assert_eq!((&again.0, &again.1), (&whole.0, &whole.1));
            // The screen's way (locking, a torn tail set aside): the same decisions.
            let mut cached = Cached::in_cache(&path, cache_in(dir.path()));
            let mut journal = crate::store::Journal::open_each(&path, &mut cached);
            proptest::prop_assert!(cached.resumed());
            proptest::prop_assert_eq!(&cached.into_replayed().dump(), &whole.0);
            // And what another process appends next is read from where the snapshot and
            // the entries after it end, on its line.
            let last = text_of(1000, &first[0]);
            let lines_before = std::fs::read_to_string(&path).unwrap().lines().count();
            std::fs::OpenOptions::new().append(true).open(&path).unwrap()
                .write_all(last.as_bytes()).unwrap();
            use crate::store::Store;
            match journal.changes().unwrap() {
                crate::store::Changes::New(entries) => {
                    proptest::prop_assert_eq!(entries.len(), 1);
                    proptest::prop_assert_eq!(&entries[0].decision.claim, &format!("c{}", first[0].0));
                    proptest::prop_assert_eq!(entries[0].line, lines_before + 1);
                }
                other => proptest::prop_assert!(false, "{other:?}"),
            }
        }
    }

    proptest::proptest! {
        /// A snapshot damaged anywhere is refused, never a panic (its blocks are read before
        /// the digest of the whole can be checked).
        #[test]
        fn a_damaged_snapshot_is_refused_never_a_panic(
            specs in proptest::collection::vec(spec(), 1..40),
            flips in proptest::collection::vec((0..1usize << 16, 1..=255u8), 1..4),
            cut: bool,
        ) {
            let mut replayed = Replayed::default();
            for (n, spec) in specs.iter().enumerate() {
                let text = text_of(n, spec);
                let scan = crate::store::journal::scan_each(text.as_bytes(), |entry| {
                    replayed.push(entry)
                });
                proptest::prop_assert!(scan.damaged.is_none());
            }
            let dir = tempfile::tempdir().unwrap();
            let file = dir.path().join("s.snapshot");
            let keys = [UnknownKey { line: 3, key: "mood".into() }];
            let prefix = Prefix { len: 1 << 20, lines: 1 << 16, digest: 7, seen: None };
            snapshot::save(&file, prefix, encode(&replayed, &keys));
            let read = |file: &Path| decode(&mut snapshot::open(file, 1 << 20)?, 1 << 20);
            let (back_keys, back) = read(&file).expect("read back");
            proptest::prop_assert_eq!(&back_keys[..], &keys[..]);
            proptest::prop_assert_eq!(back.dump(), replayed.dump());
            let mut damaged = std::fs::read(&file).unwrap();
            let head = snapshot::header_start();
            for (at, flip) in flips {
                let at = head + at % (damaged.len() - head);
                damaged[at] ^= flip;
            }
            if cut {
                damaged.truncate(damaged.len() - 1);
            }
            std::fs::write(&file, &damaged).unwrap();
            proptest::prop_assert!(read(&file).is_none());
        }
    }

    fn append(path: &Path, bytes: &[u8]) {
        std::fs::OpenOptions::new()
            .append(true)
            .open(path)
            .unwrap()
            .write_all(bytes)
            .unwrap();
    }

    fn plain(n: usize) -> String {
        text_of(n, &(n, 0, n % 3, None, false, false))
    }

    /// Found by review: a line added by hand after the last entry a snapshot covers belongs to
    /// that entry; read after the snapshot it was text before any entry, damage.
    #[test]
    fn a_line_added_by_hand_to_the_last_entry_covered_is_read_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.toml");
        std::fs::write(&path, (0..5).map(plain).collect::<String>()).unwrap();
        read(&path, cache_in(dir.path()));
        append(&path, b"note = \"added by hand\"\n");
        // The screen's way: not from the snapshot, and writable, as without one.
        use crate::store::Store;
        let without = crate::store::Journal::open_each(&path, &mut Cached::in_cache(&path, None));
        let mut cached = Cached::in_cache(&path, cache_in(dir.path()));
        let with = crate::store::Journal::open_each(&path, &mut cached);
        assert!(!cached.resumed(), "the snapshot is not used");
        assert_eq!(
            format!("{:?}", with.read_only()),
            format!("{:?}", without.read_only())
        );
        assert!(with.read_only().is_none());
        cached.into_replayed();
        // `check`'s way, from the snapshot the screen wrote with the added line.
        let whole = read(&path, None);
        let after = read(&path, cache_in(dir.path()));
        assert!(after.2);
        assert_eq!((&after.0, &after.1), (&whole.0, &whole.1));
        assert!(whole.0[4].contains("added by hand"), "{:?}", whole.0[4]);
    }

    /// Found by review: a character cut at the very end, after a complete entry, was counted as
    /// read (and covered by a snapshot): an entry appended after it made a journal damaged read
    /// whole but not after the snapshot, and `mark` appended after it. It is a torn tail.
    #[test]
    fn a_character_cut_at_the_end_is_a_torn_tail() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.toml");
        let mut text = (0..5).map(plain).collect::<String>().into_bytes();
        let lines = text.iter().filter(|&&b| b == b'\n').count();
        text.push(0xc3);
        std::fs::write(&path, &text).unwrap();
        let first = read(&path, cache_in(dir.path()));
        assert!(
            first.1.contains(&format!(
                "TornAt {{ offset: {}, line: {} }}",
                text.len() - 1,
                lines + 1
            )),
            "{}",
            first.1
        );
        append(&path, plain(6).as_bytes());
        let whole = read(&path, None);
        assert!(whole.1.contains("invalid UTF-8"), "{}", whole.1);
        let after = read(&path, cache_in(dir.path()));
        assert_eq!((&after.0, &after.1), (&whole.0, &whole.1));
    }

    /// Found by review: a snapshot whose digests are right but whose lines are absurd (anyone
    /// who can write the cache can make one) is not read.
    #[test]
    fn a_snapshot_of_absurd_lines_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.toml");
        std::fs::write(&path, (0..5).map(plain).collect::<String>()).unwrap();
        let (want, ..) = read(&path, cache_in(dir.path()));
        let file = Cache::file_for(cache_in(dir.path()).as_ref().unwrap(), &path).unwrap();
        let bytes = std::fs::metadata(&path).unwrap().len();
        let mut reader = snapshot::open(&file, bytes).unwrap();
        let prefix = reader.prefix;
        let (keys, replayed) = decode(&mut reader, bytes).unwrap();
        for lines in [usize::MAX, bytes as usize + 1, 3] {
            snapshot::save(&file, Prefix { lines, ..prefix }, encode(&replayed, &keys));
            append(&path, b"");
            let (got, _, resumed) = read(&path, cache_in(dir.path()));
            assert!(!resumed, "{lines} lines");
            assert_eq!(got, want);
        }
    }

    #[test]
    fn a_journal_changed_within_what_the_snapshot_covers_is_read_from_its_start() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.toml");
        let spec = |claim, status| (claim, 0, status, None, true, false);
        let text: String = (0..20).map(|n| text_of(n, &spec(n, 1))).collect();
        std::fs::write(&path, &text).unwrap();
        read(&path, cache_in(dir.path()));
        // The same length, one decision changed in place, the modification time put back.
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        let changed = text.replacen("\"verified\"", "\"disputed\"", 1);
        assert_eq!(changed.len(), text.len());
        let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        (&file).write_all(changed.as_bytes()).unwrap();
        file.set_modified(modified).unwrap();
        let after = read(&path, cache_in(dir.path()));
        assert!(!after.2, "a snapshot of other bytes was used");
        assert_eq!(after.0, read(&path, None).0);
        assert!(after.0[0].contains("Disputed"), "{:?}", after.0[0]);
        // Cut short: the snapshot covers more than there is.
        std::fs::write(&path, &text[..text.len() / 2]).unwrap();
        let cut = read(&path, cache_in(dir.path()));
        assert!(!cut.2);
        assert_eq!(cut.0, read(&path, None).0);
    }

    #[test]
    fn a_journal_unchanged_since_its_snapshot_is_not_digested_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.toml");
        let text: String = (0..20)
            .map(|n| text_of(n, &(n, 0, 1, None, true, false)))
            .collect();
        std::fs::write(&path, &text).unwrap();
        // Settled: last changed more than a second before it is read.
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let (want, ..) = read(&path, cache_in(dir.path()));
        // The digest in the snapshot spoilt: only a snapshot taken without digesting the
        // journal is still used.
        let file = Cache::file_for(cache_in(dir.path()).as_ref().unwrap(), &path).unwrap();
        let bytes = std::fs::metadata(&path).unwrap().len();
        let mut reader = snapshot::open(&file, bytes).unwrap();
        let prefix = reader.prefix;
        assert!(prefix.seen.is_some(), "not taken as settled");
        let (keys, replayed) = decode(&mut reader, bytes).unwrap();
        let spoilt = Prefix {
            digest: prefix.digest ^ 1,
            ..prefix
        };
        snapshot::save(&file, spoilt, encode(&replayed, &keys));
        let (got, _, resumed) = read(&path, cache_in(dir.path()));
        assert!(resumed);
        assert_eq!(got, want);
        // Appended to: digested again, and the spoilt digest no longer matches.
        let more = text_of(20, &(3, 1, 2, None, true, false));
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(more.as_bytes())
            .unwrap();
        let (got, _, resumed) = read(&path, cache_in(dir.path()));
        assert!(!resumed);
        assert_eq!(got, read(&path, None).0);
    }
}
