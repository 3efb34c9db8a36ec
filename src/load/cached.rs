//! Claim files already checked, kept in the user's cache (see `crate::cache`), so that a file
//! unchanged since the last run is not parsed and checked again: what checking it gave — its
//! tables as read and its messages — is read back instead.
//!
//! What a file's check gives depends on its text, the path it was named by, its report's text
//! (the quotes are looked for in it) and the code: a file's entry holds the digests of both
//! texts (XXH3-128) and is named by a digest of the path; the code is the build's (see
//! [`crate::cache::BUILD`]). An entry is used only when both texts are still those digested —
//! a file whose identity, size and times are those recorded, recorded a second or more after
//! its last change, is taken as unchanged without reading it (git's rule for its index, as for
//! journal snapshots). Anything else — another build, a damaged entry, a file changed, a report
//! text that could not be read — and the file is checked as without a cache.
//!
//! The `stat` recorded is that of the open file that was read, never of its path looked at
//! before or after: a path switched to another file meanwhile records the file checked.
//!
//! Entries are written to a new file and renamed into place (`cache::write_private`), each
//! with a digest of itself: one damaged in any way does not match its digest and is not read.
//! Entries not written for [`PRUNE_AFTER`] are removed by a run that writes one.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::SystemTime;

use xxhash_rust::xxh3::xxh3_128;

use crate::cache::Seen;
use crate::load::read;
use crate::load::unit::{self, FileUnit, ReportRead};

/// Where checked files are kept: `None` (the default, and what tests of the library get) to
/// check every file afresh. Set once, by the program, before loading.
static UNITS: OnceLock<Option<Units>> = OnceLock::new();

/// Keep checked claim files in `cache` (the cache directory: they go in its `units`
/// directory), or with `None` nowhere, for the rest of the process.
pub fn keep_in(cache: Option<&Path>) {
    let _ = UNITS.set(cache.map(|dir| Units::new(dir.join("units"), SMALLEST)));
}

/// Where this process keeps checked claim files, if anywhere.
pub fn units() -> Option<&'static Units> {
    UNITS.get().and_then(Option::as_ref)
}

/// A directory of checked claim files.
pub struct Units {
    dir: PathBuf,
    /// Smaller files are not kept.
    smallest: u64,
    /// The time now (tests move it on, to take files just written as settled).
    clock: fn() -> SystemTime,
    /// Whether an entry was written (then old ones are pruned, once).
    wrote: AtomicBool,
    /// How many files were read back from their entries.
    read_back: AtomicUsize,
}

/// Smaller files are checked in about the time their entry takes to be read back.
pub const SMALLEST: u64 = 16 * 1024;

/// Entries not written for this long are removed (a file unchanged that long is checked once
/// more).
pub const PRUNE_AFTER: std::time::Duration = std::time::Duration::from_secs(30 * 24 * 3600);

/// The start of every entry, before the build and the digest of the rest.
const MAGIC: &[u8] = b"crosscheck checked claim file\n";

/// A text as it was checked: its digest, and the file's identity and times when it had not
/// changed for a while before it was read (see [`Seen`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Stamp {
    digest: u128,
    seen: Option<Seen>,
}

/// An entry: a claim file's check, and what it depended on.
#[derive(serde::Serialize, serde::Deserialize)]
struct Record {
    /// The path as it was named (messages name it so).
    path: PathBuf,
    fingerprints: bool,
    text: Stamp,
    /// The report text the quotes were checked against, when they were.
    report: Option<(PathBuf, Stamp)>,
    unit: FileUnit,
}

/// Load one claim file as [`unit::load_file`] does, from `units` when it has the file's
/// check (and into it when it had not).
pub fn load_file(units: Option<&Units>, path: &Path, fingerprints: bool) -> FileUnit {
    match units {
        Some(units) => units.load_file(path, fingerprints),
        None => unit::load_file(path, fingerprints),
    }
}

impl Units {
    pub fn new(dir: PathBuf, smallest: u64) -> Units {
        Units {
            dir,
            smallest,
            clock: SystemTime::now,
            wrote: AtomicBool::new(false),
            read_back: AtomicUsize::new(0),
        }
    }

    /// How many files were read back from their entries so far.
    pub fn read_back(&self) -> usize {
        self.read_back.load(Ordering::Relaxed)
    }

    /// [`load_file`] with these entries.
    fn load_file(&self, path: &Path, fingerprints: bool) -> FileUnit {
        let (unit, how) = load_in(self, path, fingerprints);
        if how.wrote {
            self.wrote.store(true, Ordering::Relaxed);
        }
        if how.read_back {
            self.read_back.fetch_add(1, Ordering::Relaxed);
        }
        unit
    }

    /// Once an entry was written: remove the entries not written for [`PRUNE_AFTER`], so that
    /// files long gone do not fill the cache.
    pub fn prune(&self) {
        if self.wrote.swap(false, Ordering::Relaxed) {
            prune_in(&self.dir, PRUNE_AFTER);
        }
    }
}

/// How a file was loaded.
#[derive(Clone, Copy)]
struct How {
    read_back: bool,
    wrote: bool,
}

const CHECKED: How = How {
    read_back: false,
    wrote: false,
};

/// [`load_file`] with the entries of `units`, and how.
fn load_in(units: &Units, path: &Path, fingerprints: bool) -> (FileUnit, How) {
    let started = (units.clock)();
    let entry = entry_file(&units.dir, path);
    let meta = std::fs::metadata(path);
    let (Some(entry), Ok(meta)) = (entry, meta) else {
        return (unit::load_file(path, fingerprints), CHECKED);
    };
    if !meta.is_file() || meta.len() < units.smallest {
        return (unit::load_file(path, fingerprints), CHECKED);
    }
    let settled = |seen: Seen| seen.settled_before(started).then_some(seen);
    let mut text = None;
    // One entry a file: one with fingerprints serves a run that needs none (`check` without a
    // journal after the screen), and one without is replaced by the first run that needs them.
    if let Some(record) =
        read_entry(&entry).filter(|r| r.path == path && (r.fingerprints || !fingerprints))
    {
        let (now, read) = restamp(path, record.text, Some(Seen::of(&meta)), settled);
        // Read when it was not taken as unchanged by its `stat`: not read again if it changed.
        text = read;
        if let Some(now) = now
            && let Some(report) = report_unchanged(record.report.as_ref(), settled)
        {
            // Read by its digest, and settled since: recorded, so that the next run need not
            // read it.
            let restamped = now != record.text || report != record.report;
            let record = Record {
                text: now,
                report,
                ..record
            };
            let wrote = restamped && write_entry(&entry, &record);
            let how = How {
                read_back: true,
                wrote,
            };
            let mut unit = record.unit;
            if !fingerprints {
                // What this run would have made: no claim fingerprinted.
                unit.claims.iter_mut().for_each(|c| c.fingerprint = None);
            }
            return (unit, how);
        }
    }
    let (text, seen) = match text.unwrap_or_else(|| read::text_file_seen(path)) {
        Ok((text, seen)) => (Ok(text), Some(seen)),
        Err(e) => (Err(e), None),
    };
    let digest = text.as_ref().ok().map(|t| xxh3_128(t.as_bytes()));
    let unit = unit::load_text(path, text, fingerprints);
    let (Some(digest), Some(seen)) = (digest, seen) else {
        return (unit, CHECKED);
    };
    let report = match unit.report_read {
        ReportRead::Failed => return (unit, CHECKED),
        ReportRead::NotNeeded => None,
        ReportRead::Read(digest, seen) => {
            let Some(at) = unit.report.as_ref().and_then(|r| r.text.as_ref()) else {
                return (unit, CHECKED);
            };
            let seen = settled(seen);
            Some((at.value.clone(), Stamp { digest, seen }))
        }
    };
    let record = Record {
        path: path.to_path_buf(),
        fingerprints,
        text: Stamp {
            digest,
            seen: settled(seen),
        },
        report,
        unit,
    };
    let how = How {
        read_back: false,
        wrote: write_entry(&entry, &record),
    };
    (record.unit, how)
}

/// What a file read, if it was.
type Read = Option<Result<(String, Seen), read::ReadError>>;

/// The stamp `recorded` as it is now, if the file at `path` still holds the text it stamps:
/// taken as unchanged when its `stat` (if known) is the one recorded, else read and digested —
/// and then stamped with the `stat` of the file read, once `settled` says it is. And the text
/// read, if it was.
fn restamp(
    path: &Path,
    recorded: Stamp,
    stat: Option<Seen>,
    settled: impl Fn(Seen) -> Option<Seen>,
) -> (Option<Stamp>, Read) {
    if stat.is_some() && recorded.seen == stat {
        return (Some(recorded), None);
    }
    let read = read::text_file_seen(path);
    let now = match &read {
        Ok((text, seen)) if xxh3_128(text.as_bytes()) == recorded.digest => Some(Stamp {
            digest: recorded.digest,
            seen: settled(*seen),
        }),
        _ => None,
    };
    (now, Some(read))
}

/// The report text of an entry, if it is what it was, with its stamp as it is now (settled
/// since, when read by its digest); `None` when it changed or cannot be read.
fn report_unchanged(
    report: Option<&(PathBuf, Stamp)>,
    settled: impl Fn(Seen) -> Option<Seen>,
) -> Option<Option<(PathBuf, Stamp)>> {
    let Some((path, stamp)) = report else {
        return Some(None);
    };
    let stat = std::fs::metadata(path).ok().map(|meta| Seen::of(&meta));
    let (now, _) = restamp(path, *stamp, stat, settled);
    now.map(|now| Some((path.clone(), now)))
}

/// The entry of the claim file named `path` (by a digest of its absolute path and the path as
/// named).
fn entry_file(dir: &Path, path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let mut key = Vec::new();
    key.extend_from_slice(absolute.as_os_str().as_encoded_bytes());
    key.push(0);
    key.extend_from_slice(path.as_os_str().as_encoded_bytes());
    Some(dir.join(format!("{:032x}.unit", xxh3_128(&key))))
}

/// The record in the entry at `file`, if it is whole and of this build.
fn read_entry(file: &Path) -> Option<Record> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut crate::cache::open_regular(file)?, &mut bytes).ok()?;
    let rest = bytes
        .strip_prefix(MAGIC)?
        .strip_prefix(crate::cache::BUILD.as_bytes())?;
    let (digest, payload) = rest.split_first_chunk::<16>()?;
    if u128::from_le_bytes(*digest) != xxh3_128(payload) {
        return None;
    }
    postcard::from_bytes(payload).ok()
}

/// Write `record` to the entry at `file`, readable by its owner only; whether it was written.
/// Failures are otherwise ignored: without an entry the file is checked.
fn write_entry(file: &Path, record: &Record) -> bool {
    let start = MAGIC.len() + crate::cache::BUILD.len() + 16;
    let mut bytes = vec![0; start];
    let Ok(mut bytes) = postcard::to_extend(record, std::mem::take(&mut bytes)) else {
        return false;
    };
    let digest = xxh3_128(&bytes[start..]);
    bytes[..MAGIC.len()].copy_from_slice(MAGIC);
    bytes[MAGIC.len()..start - 16].copy_from_slice(crate::cache::BUILD.as_bytes());
    bytes[start - 16..start].copy_from_slice(&digest.to_le_bytes());
    crate::cache::write_private(file, &[&bytes])
}

fn prune_in(dir: &Path, after: std::time::Duration) {
    crate::cache::remove_older(dir, |name| name.ends_with(".unit"), after);
    // What writers that died left (entries being written start with a dot).
    crate::cache::remove_older(dir, |name| name.starts_with('.'), ABANDONED);
}

/// An entry being written that is older than this was left by a process that died writing it.
const ABANDONED: std::time::Duration = std::time::Duration::from_secs(3600);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Loaded, load_using};

    /// A clock five seconds on: every file written by a test is taken as settled.
    fn later() -> SystemTime {
        SystemTime::now() + std::time::Duration::from_secs(5)
    }

    /// Entries in `dir`, every file kept; with `settled`, files just written are taken as
    /// unchanged by their `stat`.
    fn units_in(dir: &Path, settled: bool) -> Units {
        let mut units = Units::new(dir.to_path_buf(), 0);
        if settled {
            units.clock = later;
        }
        units
    }

    fn assert_same(cached: &Loaded, plain: &Loaded, what: &str) {
        assert_eq!(cached.diagnostics, plain.diagnostics, "{what}");
        assert_eq!(cached.written, plain.written, "{what}");
        assert_eq!(cached.model, plain.model, "{what}");
    }

    fn root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    /// Every directory of claim files the repository has: the seed, and the fixtures (some
    /// with errors of every kind).
    fn claim_dirs() -> Vec<PathBuf> {
        let mut dirs = vec![root().join("data")];
        let mut stack = vec![root().join("tests/fixtures")];
        while let Some(dir) = stack.pop() {
            let mut has_claims = false;
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.to_string_lossy().ends_with(".claims.toml") {
                    has_claims = true;
                }
            }
            if has_claims {
                dirs.push(dir);
            }
        }
        dirs.sort();
        dirs
    }

    #[test]
    fn every_claim_file_is_read_back_as_it_was_checked() {
        let dirs = claim_dirs();
        assert!(dirs.len() >= 10, "{dirs:?}");
        for (n, dir) in dirs.iter().enumerate() {
            for fingerprints in [true, false] {
                let cache = tempfile::tempdir().unwrap();
                let units = units_in(cache.path(), n % 2 == 0);
                let paths = [dir.clone()];
                let plain = load_using(&paths, fingerprints, None);
                let first = load_using(&paths, fingerprints, Some(&units));
                assert_eq!(units.read_back(), 0);
                let second = load_using(&paths, fingerprints, Some(&units));
                let what = format!("{} (fingerprints: {fingerprints})", dir.display());
                assert_same(&first, &plain, &what);
                assert_same(&second, &plain, &what);
                // Each file that could be read back was: those whose report text cannot be
                // read are checked every time.
                let entries = std::fs::read_dir(cache.path()).map_or(0, Iterator::count);
                assert!(entries > 0, "{what}");
                assert_eq!(units.read_back(), entries, "{what}");
            }
        }
    }

    #[test]
    fn one_entry_a_file_serves_runs_with_and_without_fingerprints() {
        let cache = tempfile::tempdir().unwrap();
        let units = units_in(cache.path(), true);
        let paths = [root().join("data")];
        let entries = || std::fs::read_dir(cache.path()).map_or(0, Iterator::count);
        let (with, without) = (
            load_using(&paths, true, None),
            load_using(&paths, false, None),
        );
        assert!(with.model.claims.iter().all(|c| c.fingerprint.is_some()));
        assert!(without.model.claims.iter().all(|c| c.fingerprint.is_none()));
        // `check` without a journal: an entry without fingerprints.
        assert_same(
            &load_using(&paths, false, Some(&units)),
            &without,
            "first, without",
        );
        let files = entries();
        assert!(files > 0);
        // The screen needs them: the file is checked again, its entry replaced, not doubled.
        assert_same(&load_using(&paths, true, Some(&units)), &with, "then with");
        assert_eq!((units.read_back(), entries()), (0, files));
        // From then on both read that entry back, each getting what it would have made.
        assert_same(
            &load_using(&paths, false, Some(&units)),
            &without,
            "again without",
        );
        assert_same(&load_using(&paths, true, Some(&units)), &with, "again with");
        assert_eq!((units.read_back(), entries()), (2 * files, files));
    }

    /// `data/` copied into a new directory.
    fn copy_of_data() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for entry in std::fs::read_dir(root().join("data")).unwrap().flatten() {
            std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
        }
        dir
    }

    /// The file in `dir` whose name ends with `end`.
    fn file_ending(dir: &Path, end: &str) -> PathBuf {
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.to_string_lossy().ends_with(end))
            .unwrap()
    }

    /// Replace the first `from` in the file at `path` by `to`, of the same length (so that its
    /// size does not change).
    fn edit(path: &Path, from: &str, to: &str) {
        assert_eq!(from.len(), to.len());
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains(from), "{from} in {}", path.display());
        std::fs::write(path, text.replacen(from, to, 1)).unwrap();
    }

    #[test]
    fn a_claim_file_or_report_text_changed_is_checked_again() {
        for settled in [false, true] {
            let data = copy_of_data();
            let cache = tempfile::tempdir().unwrap();
            let units = units_in(cache.path(), settled);
            let paths = [data.path().to_path_buf()];
            let check = |what: &str| {
                let cached = load_using(&paths, true, Some(&units));
                let plain = load_using(&paths, true, None);
                assert_same(&cached, &plain, &format!("{what} (settled: {settled})"));
                cached
            };
            let before = check("as written");
            assert!(!before.has_errors());
            let text = file_ending(data.path(), ".txt");
            let claims = file_ending(data.path(), ".claims.toml");
            // The report text changed, its size the same: a quote is no longer in it.
            let quoted = "12,000";
            edit(&text, quoted, "13,000");
            let after = check("report text changed");
            assert!(
                after
                    .diagnostics
                    .iter()
                    .any(|d| d.message == "quote not found in the report text"),
                "{:?}",
                after.diagnostics
            );
            edit(&text, "13,000", quoted);
            assert!(!check("report text restored").has_errors());
            // The claim file changed, its size the same.
            edit(&claims, "credibility = 2", "credibility = 9");
            assert!(check("claim file changed").has_errors());
            edit(&claims, "credibility = 9", "credibility = 2");
            assert!(!check("claim file restored").has_errors());
            // The report text gone: an error, each time.
            std::fs::rename(&text, data.path().join("elsewhere")).unwrap();
            assert!(check("report text gone").has_errors());
            assert!(check("report text still gone").has_errors());
            std::fs::rename(data.path().join("elsewhere"), &text).unwrap();
            assert!(!check("report text back").has_errors());
        }
    }

    /// The records of every entry in `dir`.
    fn records(dir: &Path) -> Vec<Record> {
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| read_entry(&e.path()).expect("a sound entry"))
            .collect()
    }

    #[test]
    fn a_file_is_taken_as_unchanged_by_its_stat_only_when_it_had_settled() {
        let data = copy_of_data();
        let paths = [data.path().to_path_buf()];
        // Just written: recorded by digest alone.
        let cache = tempfile::tempdir().unwrap();
        load_using(&paths, true, Some(&units_in(cache.path(), false)));
        let just = records(cache.path());
        assert!(!just.is_empty());
        assert!(
            just.iter().all(|r| r.text.seen.is_none()
                && r.report.as_ref().is_none_or(|(_, s)| s.seen.is_none()))
        );
        // Once settled, the next run that reads it back records its stat too.
        let units = units_in(cache.path(), true);
        load_using(&paths, true, Some(&units));
        assert_eq!(units.read_back(), just.len());
        let later = records(cache.path());
        assert!(later.iter().all(|r| r.text.seen.is_some()));
        assert!(
            later
                .iter()
                .filter_map(|r| r.report.as_ref())
                .all(|(_, s)| s.seen.is_some())
        );
        assert!(later.iter().any(|r| r.report.is_some()));
    }

    /// A copy of `data/`, its paths, a cache its files were loaded into (taken as settled), and
    /// what loading it without a cache gives.
    fn cached_copy_of_data() -> (tempfile::TempDir, [PathBuf; 1], tempfile::TempDir, Loaded) {
        let data = copy_of_data();
        let paths = [data.path().to_path_buf()];
        let cache = tempfile::tempdir().unwrap();
        let plain = load_using(&paths, true, None);
        load_using(&paths, true, Some(&units_in(cache.path(), true)));
        (data, paths, cache, plain)
    }

    /// Bytes of an entry, damaged.
    type Damage = &'static dyn Fn(&[u8]) -> Vec<u8>;

    #[test]
    fn a_damaged_entry_or_one_of_another_build_is_not_read() {
        let (_data, paths, cache, plain) = cached_copy_of_data();
        let entries = entry_paths(cache.path());
        let sound: Vec<Vec<u8>> = entries.iter().map(|e| std::fs::read(e).unwrap()).collect();
        let damages: [Damage; 5] = [
            &|b| b[..b.len() - 1].to_vec(),
            &|b| [b, b"x"].concat(),
            &|b| {
                let mut b = b.to_vec();
                let last = b.len() - 3;
                b[last] ^= 0x10;
                b
            },
            &|b| {
                let mut b = b.to_vec();
                b[MAGIC.len() + 2] ^= 1;
                b
            },
            &|_| Vec::new(),
        ];
        for (n, damage) in damages.iter().enumerate() {
            for (entry, bytes) in entries.iter().zip(&sound) {
                std::fs::write(entry, damage(bytes)).unwrap();
            }
            let units = units_in(cache.path(), true);
            let loaded = load_using(&paths, true, Some(&units));
            assert_eq!(units.read_back(), 0, "damage {n}");
            assert_same(&loaded, &plain, &format!("damage {n}"));
            // Written again, sound.
            for (entry, bytes) in entries.iter().zip(&sound) {
                assert_eq!(&std::fs::read(entry).unwrap(), bytes, "damage {n}");
            }
        }
    }

    #[test]
    fn an_entry_is_for_the_path_as_named() {
        let data = copy_of_data();
        let cache = tempfile::tempdir().unwrap();
        let units = units_in(cache.path(), true);
        let named = data.path().to_path_buf();
        let other = data.path().join(".");
        load_using(std::slice::from_ref(&named), true, Some(&units));
        let loaded = load_using(std::slice::from_ref(&other), true, Some(&units));
        assert_eq!(units.read_back(), 0, "another name, another entry");
        assert_same(
            &loaded,
            &load_using(&[other], true, None),
            "named otherwise",
        );
        load_using(&[named], true, Some(&units));
        assert!(units.read_back() > 0);
    }

    #[test]
    fn entries_not_written_for_a_month_are_pruned_after_a_write() {
        let data = copy_of_data();
        let cache = tempfile::tempdir().unwrap();
        let old = cache.path().join("0.unit");
        let other = cache.path().join("notes.txt");
        for f in [&old, &other] {
            std::fs::write(f, b"x").unwrap();
            let long_ago = SystemTime::now() - PRUNE_AFTER - std::time::Duration::from_secs(60);
            std::fs::File::options()
                .write(true)
                .open(f)
                .unwrap()
                .set_modified(long_ago)
                .unwrap();
        }
        let units = units_in(cache.path(), false);
        let paths = [data.path().to_path_buf()];
        // Nothing written (every file read back): nothing pruned.
        let warm = units_in(cache.path(), false);
        load_using(&paths, true, Some(&units));
        assert!(!old.exists(), "pruned by the run that wrote");
        assert!(other.exists(), "not an entry");
        std::fs::write(&old, b"x").unwrap();
        let long_ago = SystemTime::now() - PRUNE_AFTER - std::time::Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
        load_using(&paths, true, Some(&warm));
        assert!(warm.read_back() > 0);
        assert!(old.exists(), "a run that wrote nothing prunes nothing");
    }

    /// The entries in `dir`, by path.
    fn entry_paths(dir: &Path) -> Vec<PathBuf> {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().ends_with(".unit"))
            .collect();
        entries.sort();
        entries
    }

    #[test]
    fn a_fifo_or_a_link_in_an_entry_s_place_is_replaced_never_waited_on_or_written_through() {
        let (data, paths, cache, plain) = cached_copy_of_data();
        let entries = entry_paths(cache.path());
        assert_eq!(entries.len(), 1);
        let entry = &entries[0];
        let sound = std::fs::read(entry).unwrap();
        // A FIFO: opening it to write would wait for a reader that never comes.
        std::fs::remove_file(entry).unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(entry)
            .status()
            .unwrap();
        assert!(status.success());
        let (done, finished) = std::sync::mpsc::channel();
        let cache_dir = cache.path().to_path_buf();
        let paths_again = paths.clone();
        std::thread::spawn(move || {
            let loaded = load_using(&paths_again, true, Some(&units_in(&cache_dir, true)));
            let _ = done.send(loaded);
        });
        let loaded = finished
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("a FIFO in an entry's place is not waited on");
        assert_same(&loaded, &plain, "a FIFO in the entry's place");
        assert_eq!(
            std::fs::read(entry).unwrap(),
            sound,
            "replaced by a sound entry"
        );
        // A hard link to a file elsewhere: the file is left as it was.
        let elsewhere = data.path().join("notes.txt");
        std::fs::write(&elsewhere, "mine").unwrap();
        std::fs::remove_file(entry).unwrap();
        std::fs::hard_link(&elsewhere, entry).unwrap();
        let loaded = load_using(&paths, true, Some(&units_in(cache.path(), true)));
        assert_same(&loaded, &plain, "a link in the entry's place");
        assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "mine");
        assert_eq!(std::fs::read(entry).unwrap(), sound);
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(entry).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// A claim file cut anywhere, or with a line gone, is read back as it was checked —
        /// syntax errors and all.
        #[test]
        fn a_damaged_claim_file_is_read_back_as_checked(cut in 0.0..1.0f64, line in 0usize..200, drop_line: bool) {
            let data = copy_of_data();
            let claims = file_ending(data.path(), ".claims.toml");
            let text = std::fs::read_to_string(&claims).unwrap();
            let damaged = if drop_line {
                let lines: Vec<&str> = text.lines().collect();
                let gone = line % lines.len();
                lines.iter().enumerate().filter(|&(i, _)| i != gone).map(|(_, l)| format!("{l}\n")).collect()
            } else {
                let mut at = (text.len() as f64 * cut) as usize;
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                text[..at].to_string()
            };
            std::fs::write(&claims, damaged).unwrap();
            let cache = tempfile::tempdir().unwrap();
            let units = units_in(cache.path(), false);
            let paths = [data.path().to_path_buf()];
            let plain = load_using(&paths, true, None);
            for _ in 0..2 {
                let cached = load_using(&paths, true, Some(&units));
                proptest::prop_assert_eq!(&cached.diagnostics, &plain.diagnostics);
                proptest::prop_assert_eq!(&cached.model, &plain.model);
                proptest::prop_assert_eq!(cached.written, plain.written);
            }
            proptest::prop_assert!(units.read_back() > 0, "read back the second time");
        }
    }
}
