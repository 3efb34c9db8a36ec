//! The review journal file: every decision appended to a TOML file and synced before it counts,
//! by any number of processes at once, each holding the lock only while it appends. It is never
//! rewritten; replay takes the last decision per claim. A torn last entry (a crash
//! mid-write) is set aside and cut off; damage anywhere else makes the journal read-only.

use std::borrow::Cow;
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::decision::{Decision, Entry, Status};
use crate::diagnostic::{Diagnostic, Label};
use crate::fs_error::{self, Access};
use crate::sanitize;
use crate::store::snapshot::{self, Prefix};
use crate::store::{Changes, Damage, Notice, ReadOnly, Replay, Store, StoreError, Torn};
use xxhash_rust::xxh3::Xxh3;

const HEADER_LINE: &str = "[[decision]]";

/// The journal file beside the claims: `review.toml` in the first directory given, or in the
/// directory of the first file given.
pub fn default_path(paths: &[PathBuf]) -> PathBuf {
    let first = paths
        .first()
        .map(PathBuf::as_path)
        .unwrap_or(Path::new("data"));
    let dir = if first.is_dir() {
        first
    } else {
        first.parent().unwrap_or(Path::new(""))
    };
    dir.join("review.toml")
}

/// An open journal, shared with any number of other processes: each holds the file's lock
/// only while it appends one entry (or reads what others appended), never while idle.
/// Writable when the file can be written and replayed cleanly.
pub struct Journal {
    path: PathBuf,
    /// Open for reading and appending (for reading only when it cannot be written).
    file: Option<File>,
    read_only: Option<ReadOnly>,
    torn: Option<Torn>,
    /// Set once the file was found replaced on disk and opened again.
    reopened: bool,
    /// How far the file has been read: the end of its last complete entry, and the lines
    /// before it. Everything past it was written by others since.
    read_to: u64,
    lines: usize,
    /// Entries others saved that were read while appending but not yet handed back (an
    /// append that failed after reading them).
    pending: Vec<Entry>,
}

/// How long to wait for another process's append before giving up: far longer than a write
/// and a sync take, short enough not to freeze a screen for long.
pub const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// The file's lock, held for one short step and let go when dropped.
struct Held<'f>(&'f File);

impl Drop for Held<'_> {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

/// Why the lock was not taken.
enum LockError {
    /// Another process held it for all of `LOCK_WAIT`.
    Busy,
    Io(std::io::Error),
}

/// Take the file's lock (exclusive, or shared for a read-only look), waiting up to
/// `LOCK_WAIT` for another process's step to end.
fn hold(file: &File, exclusive: bool) -> Result<Held<'_>, LockError> {
    let start = std::time::Instant::now();
    let mut pause = std::time::Duration::from_millis(1);
    loop {
        let tried = if exclusive {
            file.try_lock()
        } else {
            file.try_lock_shared()
        };
        match tried {
            Ok(()) => return Ok(Held(file)),
            Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(std::time::Duration::from_millis(20));
            }
            Err(std::fs::TryLockError::WouldBlock) => return Err(LockError::Busy),
            Err(std::fs::TryLockError::Error(e)) => return Err(LockError::Io(e)),
        }
    }
}

/// Which file an open file or a path is (device and inode), to notice a journal replaced under
/// us: an editor's save, `sed -i`, `git checkout` or `mv` put a new file at the path.
fn identity(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

impl Journal {
    /// Open (creating an empty journal if there is none) and replay it; a torn last entry is
    /// set aside under the lock, so that of several processes meeting it only one does.
    pub fn open(path: &Path) -> (Journal, Replay) {
        let mut entries = Vec::new();
        let journal = Self::open_each(path, &mut |entry| entries.push(entry));
        (journal, Replay { entries })
    }

    /// [`Journal::open`], handing each entry to `visit` in order instead of collecting them.
    pub fn open_each(path: &Path, visit: &mut dyn Visit) -> Journal {
        let mut journal = Journal {
            path: path.to_path_buf(),
            file: None,
            read_only: None,
            torn: None,
            reopened: false,
            read_to: 0,
            lines: 0,
            pending: Vec::new(),
        };
        // A FIFO or a device (`/dev/zero`) is no journal: reading it could block or never end.
        if let Ok(meta) = std::fs::metadata(path)
            && !meta.is_file()
        {
            journal.read_only = Some(ReadOnly::Unwritable {
                reason: "it is not a regular file".into(),
            });
            return journal;
        }
        let file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(path)
            .or_else(|e| {
                // Still read (and watch) what is there, if anything can be read.
                journal.read_only = Some(ReadOnly::Unwritable {
                    reason: fs_error::reason(&e, path, Access::Write),
                });
                File::open(path)
            });
        let Ok(file) = file else {
            return journal;
        };
        // Busy: an older crosscheck keeps the lock while open. Read anyway; appends will wait
        // for it again, and say so if it is still held.
        let held = match hold(&file, true) {
            Ok(held) => Some(held),
            Err(LockError::Busy) => None,
            Err(LockError::Io(e)) => {
                journal.read_only = Some(ReadOnly::Unwritable {
                    reason: fs_error::reason(&e, path, Access::Write),
                });
                None
            }
        };
        journal.catch_up_each(&file, held.is_some(), visit);
        drop(held);
        journal.file = Some(file);
        journal
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the path no longer names the file we hold open (replaced or removed).
    fn replaced(&self) -> bool {
        let Some(file) = &self.file else {
            return false;
        };
        match (file.metadata(), std::fs::metadata(&self.path)) {
            (Ok(open), Ok(named)) => identity(&open) != identity(&named),
            (_, Err(e)) => e.kind() == std::io::ErrorKind::NotFound,
            (Err(_), _) => false,
        }
    }

    /// Read what was appended past `read_to` and return its complete entries. With the lock
    /// held (`locked`) an incomplete last entry is torn for certain — its writer died — and
    /// is set aside when the journal is writable; without it, it is left where it is.
    fn catch_up(&mut self, file: &File, locked: bool) -> Vec<Entry> {
        let mut entries = Vec::new();
        self.catch_up_each(file, locked, &mut |entry| entries.push(entry));
        entries
    }

    /// [`Journal::catch_up`], handing each entry to `visit` in order.
    fn catch_up_each(&mut self, file: &File, locked: bool, visit: &mut dyn Visit) {
        use std::io::{Seek, SeekFrom};
        let mut start = None;
        if self.read_to == 0 {
            let resumed = resume(file, visit);
            (self.read_to, self.lines) = (resumed.len, resumed.lines);
            start = Some(resumed);
        }
        let mut hasher = start.as_mut().and_then(|start| start.hasher.take());
        let lines = self.lines;
        let mut visit = Shifted {
            visit: &mut *visit,
            lines,
        };
        // A part at a time: a journal of 300k decisions is never held whole.
        let mut reader = file;
        let read = reader
            .seek(SeekFrom::Start(self.read_to))
            .map(|_| scan_parts(file, PART, self.read_to == 0, &mut visit, hasher.as_mut()));
        let cannot_read = |e: std::io::Error| ReadOnly::Unwritable {
            reason: fs_error::reason(&e, &self.path, Access::Read),
        };
        // Before a torn tail is set aside, which changes the file.
        let seen = start.as_ref().and_then(|start| start.seen(file));
        let (mut scan, mut consumed, mut newlines) = match read {
            // Failing part way, what was handed over counts as read, so that it is never
            // handed over twice.
            Ok(Parts {
                scan,
                len,
                lines,
                error: Some(e),
            }) if scan.damaged.is_none() => {
                self.read_only = Some(cannot_read(e));
                self.read_to += len as u64;
                self.lines += lines;
                return;
            }
            Ok(Parts {
                scan, len, lines, ..
            }) => (scan, len, lines),
            Err(e) => {
                self.read_only = Some(cannot_read(e));
                return;
            }
        };
        if let Some(mut damage) = scan.damaged {
            damage.line += lines;
            self.read_only = Some(ReadOnly::Damaged(damage));
        } else if let Some(torn) = scan.torn {
            consumed = torn.offset;
            newlines = torn.line - 1;
            let line = torn.line + lines;
            let at = self.read_to + torn.offset as u64;
            self.torn = Some(if locked && self.read_only.is_none() {
                let tail = reader.seek(SeekFrom::Start(at)).and_then(|_| {
                    let mut tail = Vec::new();
                    reader.read_to_end(&mut tail).map(|_| tail)
                });
                match tail
                    .map_err(|e| fs_error::reason(&e, &self.path, Access::Read))
                    .and_then(|tail| self.set_aside(&tail, at))
                {
                    Ok(kept) => Torn::SetAside { kept, line },
                    Err(reason) => {
                        self.read_only = Some(ReadOnly::Unwritable { reason });
                        Torn::LeftInPlace { line }
                    }
                }
            } else {
                Torn::LeftInPlace { line }
            });
        }
        self.read_to += consumed as u64;
        self.lines += newlines;
        if let Some(start) = start
            && !matches!(self.read_only, Some(ReadOnly::Damaged(_)))
        {
            for key in &mut scan.unknown_keys {
                key.line += lines;
            }
            let read = (self.read_to, self.lines);
            start.report(visit.visit, hasher, read, seen, scan.unknown_keys);
        }
    }

    /// Keep a torn tail (starting at byte `at`) in `<journal>.torn-<time>` beside the
    /// journal, then cut it off. Only under the lock.
    fn set_aside(&self, tail: &[u8], at: u64) -> Result<PathBuf, String> {
        // Unique even when two torn tails are set aside in the same second.
        let stamp = jiff::Timestamp::now().as_nanosecond();
        let name = format!(
            "{}.torn-{stamp}",
            self.path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        );
        let kept = self.path.with_file_name(name);
        let write_aside = || -> std::io::Result<()> {
            let mut aside = OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&kept)?;
            aside.write_all(tail)?;
            aside.sync_all()?;
            let journal = OpenOptions::new().write(true).open(&self.path)?;
            journal.set_len(at)?;
            journal.sync_all()
        };
        write_aside().map_err(|e| {
            format!(
                "the torn last entry cannot be set aside in {}: {}",
                sanitize::line(&kept.to_string_lossy()),
                fs_error::reason(&e, &kept, Access::Write)
            )
        })?;
        Ok(kept)
    }

    /// Open the path afresh (a new file there, or the file cut short in place) and replay it.
    fn reopen(&mut self) -> Vec<Entry> {
        // Let go of the old file first.
        self.file = None;
        let (mut fresh, replay) = Journal::open(&self.path);
        fresh.reopened = true;
        *self = fresh;
        replay.entries
    }
}

impl Store for Journal {
    fn location(&self) -> String {
        sanitize::line(&self.path.to_string_lossy()).into_owned()
    }

    fn read_only(&self) -> Option<&ReadOnly> {
        self.read_only.as_ref()
    }

    fn notices(&self) -> Vec<Notice> {
        let location = self.location();
        let read_only = self.read_only.clone().map(|why| Notice::ReadOnly {
            location: location.clone(),
            why,
        });
        let reopened = self.reopened.then(|| Notice::Reopened {
            location: location.clone(),
        });
        let torn = self
            .torn
            .clone()
            .map(|torn| Notice::Torn { location, torn });
        read_only.into_iter().chain(reopened).chain(torn).collect()
    }

    /// A look at the file's length (and identity) each time; its new bytes are read, under
    /// the lock, only when it grew.
    fn changes(&mut self) -> Result<Changes, StoreError> {
        if self.replaced() {
            return Ok(Changes::Replaced(self.reopen()));
        }
        let mut new = std::mem::take(&mut self.pending);
        let Some(file) = self.file.take() else {
            return Ok(changes(new));
        };
        let len = file.metadata().map_or(self.read_to, |m| m.len());
        if len < self.read_to {
            // Cut short in place (not by a crosscheck: they only cut torn tails, which were
            // never read as entries): what was read may be gone.
            drop(file);
            return Ok(Changes::Replaced(self.reopen()));
        }
        let damaged = matches!(self.read_only, Some(ReadOnly::Damaged(_)));
        if len > self.read_to && !damaged {
            // Busy: look again next time.
            if let Ok(held) = hold(&file, true) {
                new.extend(self.catch_up(&file, true));
                drop(held);
            }
        }
        self.file = Some(file);
        Ok(changes(new))
    }

    /// Append one decision and sync it to disk, under the lock: first whatever others
    /// appended is read (and returned), then the entry is written whole. Only after this
    /// returns Ok has it been saved.
    fn append(&mut self, decision: &Decision) -> Result<Vec<Entry>, StoreError> {
        let location = self.location();
        if let Some(why) = &self.read_only {
            return Err(StoreError::ReadOnly {
                location,
                why: why.clone(),
            });
        }
        // Never append to a file the path no longer names: the decision would be lost with it.
        if self.replaced() {
            return Err(StoreError::Replaced { location });
        }
        let Some(file) = self.file.take() else {
            return Err(StoreError::Write {
                location,
                reason: "it is not open".into(),
            });
        };
        let result = self.append_held(&file, decision, location);
        self.file = Some(file);
        result
    }

    /// The complete entries as the file holds them now: the journal opened afresh (a repair
    /// by hand, or permissions fixed, are seen).
    fn reread(&mut self) -> Result<Vec<Entry>, StoreError> {
        let replaced_before = self.reopened;
        let entries = self.reopen();
        self.reopened = replaced_before;
        Ok(entries)
    }
}

fn changes(entries: Vec<Entry>) -> Changes {
    if entries.is_empty() {
        Changes::Nothing
    } else {
        Changes::New(entries)
    }
}

impl Journal {
    fn append_held(
        &mut self,
        file: &File,
        decision: &Decision,
        location: String,
    ) -> Result<Vec<Entry>, StoreError> {
        let held = match hold(file, true) {
            Ok(held) => held,
            Err(LockError::Busy) => {
                return Err(StoreError::Busy {
                    location,
                    waited: LOCK_WAIT,
                });
            }
            Err(LockError::Io(e)) => {
                return Err(StoreError::Write {
                    location,
                    reason: fs_error::reason(&e, &self.path, Access::Write),
                });
            }
        };
        let mut before = std::mem::take(&mut self.pending);
        before.extend(self.catch_up(file, true));
        if let Some(why) = &self.read_only {
            // Damage others left (or a torn tail that could not be set aside): nothing is
            // written; what was read before it is handed back by the next `changes`.
            self.pending = before;
            return Err(StoreError::ReadOnly {
                location,
                why: why.clone(),
            });
        }
        let entry = render(decision);
        let mut writer = file;
        let Err(e) = writer
            .write_all(entry.as_bytes())
            .and_then(|()| file.sync_data())
        else {
            self.read_to += entry.len() as u64;
            self.lines += entry.matches('\n').count();
            drop(held);
            return Ok(before);
        };
        // Take back whatever part of the entry reached the file (a full disk writes half of
        // one), so that the journal stays valid for the next append; if even that fails, stop.
        let undone = file
            .set_len(self.read_to)
            .and_then(|()| file.sync_data())
            .is_ok();
        drop(held);
        let reason = fs_error::reason(&e, &self.path, Access::Write);
        if !undone {
            self.read_only = Some(ReadOnly::Unwritable {
                reason: format!("{reason}; its last entry may be incomplete"),
            });
        }
        self.pending = before;
        Err(StoreError::Write { location, reason })
    }
}

/// Where a torn last entry starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TornAt {
    pub offset: usize,
    pub line: usize,
}

/// How many bytes past `from` the file holds now, to read them into a buffer of the right size
/// (growing one by doubling would briefly hold a large journal almost three times over).
fn unread(file: &File, from: u64) -> usize {
    file.metadata().map_or(0, |meta| {
        // One byte more, so that reading to the end needs no second allocation to find it.
        usize::try_from(meta.len().saturating_sub(from)).map_or(0, |n| n.saturating_add(1))
    })
}

/// What a journal holds, read without changing it.
#[derive(Debug, Default)]
pub struct Scan {
    /// The complete entries, in order (up to any damage).
    pub entries: Vec<Entry>,
    /// A torn last entry.
    pub torn: Option<TornAt>,
    /// A damaged entry (the first; nothing after it is read).
    pub damaged: Option<Damage>,
    /// Keys no entry has, in entries otherwise read: ignored, and warned about.
    pub unknown_keys: Vec<UnknownKey>,
}

/// A key that journal entries do not have (a typo, or a newer crosscheck's), and its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownKey {
    pub line: usize,
    pub key: String,
}

/// The keys of a `[[decision]]` entry, in the order they are written.
const KEYS: [&str; 7] = [
    "claim",
    "status",
    "note",
    "reviewer",
    "fingerprint",
    "fields",
    "at",
];

/// Read a journal without creating, locking or repairing it (for `check` and `export`): the
/// scan and the text (for messages). A journal that does not exist yet holds no decisions.
pub fn peek(path: &Path) -> Result<Option<(Scan, String)>, StoreError> {
    let Some(bytes) = peek_with(path, |file| {
        let mut bytes = Vec::with_capacity(unread(file, 0));
        (&*file).read_to_end(&mut bytes).map(|_| bytes)
    })?
    else {
        return Ok(None);
    };
    let mut entries = Vec::new();
    let mut visit = |entry| entries.push(entry);
    // Validated once: valid text is scanned as it is and handed back without a copy.
    let (mut scan, text) = match String::from_utf8(bytes) {
        Ok(text) => (scan_str_each(&text, &mut visit), text),
        Err(e) => {
            let bytes = e.into_bytes();
            let scan = scan_each(&bytes, &mut visit);
            (scan, String::from_utf8_lossy(&bytes).into_owned())
        }
    };
    scan.entries = entries;
    Ok(Some((scan, text)))
}

/// [`peek`], handing each complete entry to `visit` in order instead of collecting them: the
/// returned scan's `entries` is empty (its torn tail, damage and unknown keys are filled). The
/// journal is read a part at a time, never whole, so a large one costs little memory.
pub fn peek_each(path: &Path, visit: &mut impl Visit) -> Result<Option<Scan>, StoreError> {
    peek_with(path, |file| {
        let mut start = resume(file, visit);
        let (len, lines, mut hasher) = (start.len, start.lines, start.hasher.take());
        let mut shifted = Shifted {
            visit: &mut *visit,
            lines,
        };
        let parts = scan_parts(file, PART, len == 0, &mut shifted, hasher.as_mut());
        if let Some(e) = parts.error {
            return Err(e);
        }
        let seen = start.seen(file);
        let mut scan = parts.scan;
        for key in &mut scan.unknown_keys {
            key.line += lines;
        }
        if let Some(damage) = &mut scan.damaged {
            damage.line += lines;
        }
        let mut covered = len + parts.len as u64;
        let mut newlines = lines + parts.lines;
        if let Some(torn) = &mut scan.torn {
            torn.line += lines;
            torn.offset += len as usize;
            covered = torn.offset as u64;
            newlines = torn.line - 1;
        }
        let tail = std::mem::take(&mut scan.unknown_keys);
        scan.unknown_keys = if scan.damaged.is_none() {
            start.report(visit, hasher, (covered, newlines), seen, tail)
        } else {
            [start.unknown_keys, tail].concat()
        };
        Ok(scan)
    })
}

/// Where reading a journal starts: after the bytes a visitor's snapshot covers when the
/// journal begins with them, else at its start; with the digest of what is before, when the
/// visitor asks for one.
struct Start {
    len: u64,
    lines: usize,
    hasher: Option<Xxh3>,
    /// The file as it was before reading began, and when that was (for [`Start::seen`]).
    before: Option<(snapshot::Seen, std::time::SystemTime)>,
    /// The snapshot's unknown keys, when reading starts after it.
    unknown_keys: Vec<UnknownKey>,
}

/// Check whether `file` begins with what `visit`'s snapshot covers, tell the visitor, and
/// leave the file where reading is to go on.
fn resume(file: &File, visit: &mut (impl Visit + ?Sized)) -> Start {
    use std::io::{Seek, SeekFrom};
    let now = std::time::SystemTime::now();
    let before = file
        .metadata()
        .ok()
        .map(|meta| (snapshot::Seen::of(&meta), now));
    let hasher = visit.digests().then(Xxh3::new);
    if let Some(prefix) = visit.resumable() {
        // Unchanged since it was read, as its identity, size and times show: nothing new to
        // read but a torn tail, and no new snapshot to make, so no digest either.
        let unchanged = prefix.seen.is_some() && prefix.seen == before.map(|(seen, _)| seen);
        let mut digest = Xxh3::new();
        let matched = (unchanged
            || (&*file).seek(SeekFrom::Start(0)).is_ok()
                && snapshot::digest_from(file, prefix.len, &mut digest)
                && digest.digest128() == prefix.digest)
            && (&*file).seek(SeekFrom::Start(prefix.len)).is_ok()
            && an_entry_starts(file, prefix.len);
        let unknown_keys = visit.resume(matched);
        if matched {
            return Start {
                len: prefix.len,
                lines: prefix.lines,
                hasher: hasher.filter(|_| !unchanged).map(|_| digest),
                before,
                unknown_keys,
            };
        }
        let _ = (&*file).seek(SeekFrom::Start(0));
    }
    Start {
        len: 0,
        lines: 0,
        hasher,
        before,
        unknown_keys: Vec::new(),
    }
}

/// Whether what `file` holds from `at` on (where it stands) is nothing, or starts with an entry's
/// header, as crosscheck appends them; the file is left where it stood. Anything else — a key
/// added by hand to the last entry a snapshot covers — belongs to that entry, which must then be
/// read again with it: the snapshot is not used.
fn an_entry_starts(file: &File, at: u64) -> bool {
    use std::io::{Seek, SeekFrom};
    let mut start = [0; 16];
    let mut read = 0;
    while read < start.len() {
        match (&*file).read(&mut start[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
    let line = start[..read]
        .split(|&b| b == b'\n')
        .next()
        .unwrap_or_default();
    (read == 0 || line.starts_with(b"[")) && (&*file).seek(SeekFrom::Start(at)).is_ok()
}

impl Start {
    /// Tell `visit` what was read — up to `read` (bytes, line breaks) with `hasher`'s digest,
    /// when it asked for one — with every unknown key in it, the snapshot's and then those of
    /// the entries after it (`tail`, lines counted from the start): which it hands back.
    fn report(
        self,
        visit: &mut (impl Visit + ?Sized),
        hasher: Option<Xxh3>,
        (len, lines): (u64, usize),
        seen: Option<snapshot::Seen>,
        tail: Vec<UnknownKey>,
    ) -> Vec<UnknownKey> {
        let mut unknown_keys = self.unknown_keys;
        unknown_keys.extend(tail);
        if let Some(hasher) = hasher {
            let prefix = Prefix {
                len,
                lines,
                digest: hasher.digest128(),
                seen,
            };
            visit.read(prefix, &unknown_keys);
        }
        unknown_keys
    }

    /// The file as it was read, if it did not change while it was (the same before and after)
    /// and had not changed for a second before.
    fn seen(&self, file: &File) -> Option<snapshot::Seen> {
        let (before, at) = self.before?;
        let after = snapshot::Seen::of(&file.metadata().ok()?);
        (after == before && before.settled_before(at)).then_some(before)
    }
}

/// Read the journal at `path` with `read` without creating, locking it for writing or
/// repairing it: `None` when there is none. Under a shared lock, so that an entry another
/// process is appending right now is not mistaken for a torn one; when the lock stays busy,
/// read anyway.
fn peek_with<R>(
    path: &Path,
    read: impl FnOnce(&File) -> std::io::Result<R>,
) -> Result<Option<R>, StoreError> {
    let cannot_read = |reason: String| StoreError::Read {
        location: sanitize::line(&path.to_string_lossy()).into_owned(),
        reason,
    };
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
    {
        return Err(cannot_read("it is not a regular file".into()));
    }
    let read = File::open(path).and_then(|file| {
        let held = hold(&file, false).ok();
        let read = read(&file);
        drop(held);
        read
    });
    match read {
        Ok(read) => Ok(Some(read)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(cannot_read(fs_error::reason(&e, path, Access::Read))),
    }
}

/// The start of a line that starts an entry, as `render` writes it: where parts are cut.
const ENTRY_LINE: &[u8] = b"\n[[decision]]";

/// How much of a journal is read at a time.
const PART: usize = 1 << 20;

/// A journal scanned a part at a time: the scan, and how many bytes and line breaks it took in;
/// when a read failed part way, the error, and only the parts before it.
struct Parts {
    scan: Scan,
    len: usize,
    lines: usize,
    error: Option<std::io::Error>,
}

/// Scan a journal read from `file` (from where it stands) a part at a time, each part ending
/// where an entry begins; `bom`: at its start, where a byte order mark may be.
fn scan_parts(
    file: &File,
    part: usize,
    bom: bool,
    visit: &mut impl Visit,
    mut digest: Option<&mut Xxh3>,
) -> Parts {
    let mut reader = file;
    let mut out = Scan::default();
    let mut buf: Vec<u8> = Vec::with_capacity(part);
    // Where `buf` starts in the file: its byte offset and line (0-based).
    let (mut offset, mut lines) = (0, 0);
    let mut first = bom;
    loop {
        let wanted = buf.len() + part;
        // Where an entry's line may start among the bytes read now (none did before).
        let fresh = buf.len().saturating_sub(ENTRY_LINE.len());
        if let Err(e) = (&mut reader).take(part as u64).read_to_end(&mut buf) {
            // What earlier parts held was handed over: say how far that went.
            return Parts {
                scan: out,
                len: offset,
                lines,
                error: Some(e),
            };
        }
        let eof = buf.len() < wanted;
        // A byte order mark (some editors write one) is no part of the first entry.
        if first {
            if buf.len() < BOM.len() && !eof {
                continue;
            }
            first = false;
            if buf.starts_with(BOM.as_bytes()) {
                if let Some(digest) = digest.as_deref_mut() {
                    digest.update(BOM.as_bytes());
                }
                buf.drain(..BOM.len());
                offset += BOM.len();
            }
        }
        // A part ends before the last line that starts an entry in render's form; when there
        // is none yet (one huge entry), read on.
        let cut = if eof {
            buf.len()
        } else {
            match memchr::memmem::rfind(&buf[fresh..], ENTRY_LINE) {
                Some(at) if fresh + at > 0 => fresh + at + 1,
                _ => continue,
            }
        };
        let mut shift = Shifted {
            visit: &mut *visit,
            lines,
        };
        let part = &buf[..cut];
        // Checked many bytes at a time (a journal is often the largest file read).
        let mut scan = match simdutf8::compat::from_utf8(part) {
            Ok(text) => scan_part(text, !eof, &mut shift),
            // Not UTF-8: as for a whole journal (a part ends at an ASCII line break, so a
            // character cut at its end is one cut at the journal's end).
            Err(_) => scan_utf8_each(part, &mut shift),
        };
        out.unknown_keys
            .extend(scan.unknown_keys.drain(..).map(|mut key| {
                key.line += lines;
                key
            }));
        if let Some(mut damage) = scan.damaged {
            damage.line += lines;
            out.damaged = Some(damage);
            // Nothing after damage is read: all of it counts as consumed.
            let error = (&mut reader).read_to_end(&mut buf).err();
            return Parts {
                scan: out,
                len: offset + buf.len(),
                lines: lines + memchr::memchr_iter(b'\n', &buf).count(),
                error,
            };
        }
        if let Some(digest) = digest.as_deref_mut() {
            // What a snapshot may cover: complete entries, so not a torn one.
            let torn = scan.torn.as_ref().map_or(cut, |torn| torn.offset);
            digest.update(&buf[..torn.min(cut)]);
        }
        if let Some(mut torn) = scan.torn {
            torn.line += lines;
            torn.offset += offset;
            out.torn = Some(torn);
        }
        lines += memchr::memchr_iter(b'\n', &buf[..cut]).count();
        if eof {
            return Parts {
                scan: out,
                len: offset + cut,
                lines,
                error: None,
            };
        }
        offset += cut;
        buf.drain(..cut);
    }
}

/// What `check` and `export` say about a journal, and how many warnings were not shown.
pub struct Said {
    pub diagnostics: Vec<Diagnostic>,
    pub hidden_warnings: usize,
}

/// What `check` and `export` say about a journal: damage is an error; a torn last entry,
/// unknown keys and decisions on claims no file declares are warnings, at most
/// [`MAX_MESSAGES_PER_FILE`](crate::load::unit::MAX_MESSAGES_PER_FILE) of them shown (a journal
/// of many entries on removed claims would otherwise bury everything else) and the rest
/// counted. `texts` gives the text of the journal's lines asked for (1-based), read only for
/// the messages shown: never the whole journal.
pub fn diagnostics(
    path: &Path,
    scan: &Scan,
    orphans: &[Entry],
    texts: impl FnOnce(&[usize]) -> rustc_hash::FxHashMap<usize, String>,
) -> Said {
    // The torn entry's warning counts too; unknown keys take at most half when there are
    // orphans to say (a newer crosscheck's key in every entry would hide them all).
    let most = crate::load::unit::MAX_MESSAGES_PER_FILE - usize::from(scan.torn.is_some());
    let keys = scan
        .unknown_keys
        .len()
        .min(most - orphans.len().min(most / 2));
    let orphans_shown = orphans.len().min(most - keys);
    let (keys_shown, orphans_shown) = (&scan.unknown_keys[..keys], &orphans[..orphans_shown]);
    let hidden_warnings = scan.unknown_keys.len() - keys + orphans.len() - orphans_shown.len();
    let wanted: Vec<usize> = (scan.damaged.iter().map(|d| d.line))
        .chain(scan.torn.iter().map(|t| t.line))
        .chain(keys_shown.iter().map(|k| k.line))
        .chain(orphans_shown.iter().map(|o| o.line))
        .collect();
    if wanted.is_empty() {
        return Said {
            diagnostics: Vec::new(),
            hidden_warnings,
        };
    }
    let texts = texts(&wanted);
    let label = |line: usize, message: &str| Label {
        path: path.to_path_buf(),
        line: u32::try_from(line).unwrap_or(u32::MAX),
        col: 1,
        line_text: texts.get(&line).cloned().unwrap_or_default(),
        range: 0..0,
        message: message.to_string(),
    };
    let mut out = Vec::new();
    if let Some(Damage { line, message }) = &scan.damaged {
        out.push(
            Diagnostic::error(path, format!("damaged journal entry: {message}"))
                .at(label(*line, "here"))
                .help("repair or remove this entry by hand; crosscheck never rewrites a journal and writes nothing to it until then"),
        );
    }
    if let Some(TornAt { line, .. }) = &scan.torn {
        out.push(
            Diagnostic::warning(path, "the last journal entry is incomplete (a crash mid-write?)")
                .at(label(*line, "incomplete entry"))
                .help("it is skipped; the review screen or `mark` keeps it aside in a file beside the journal"),
        );
    }
    for UnknownKey { line, key } in keys_shown {
        let known =
            crate::suggest::hint(key, &KEYS).map_or_else(String::new, |hint| format!("; {hint}"));
        out.push(
            Diagnostic::warning(
                path,
                format!(
                    "unknown key `{}` in a journal entry; it is ignored{known}",
                    sanitize::line(key)
                ),
            )
            .at(label(*line, "not a key of [[decision]]"))
            .help("entries have claim, status, note, reviewer and at"),
        );
    }
    for orphan in orphans_shown {
        out.push(
            Diagnostic::warning(path, format!("decision on claim `{}`, which no loaded file declares", orphan.decision.claim))
                .at(label(orphan.line, "kept in the journal"))
                .help("the decision is kept; load the file that declares the claim, or ignore this if the claim was removed on purpose"),
        );
    }
    Said {
        diagnostics: out,
        hidden_warnings,
    }
}

/// The text of lines `wanted` (1-based) of the file at `path`, each without its line ending
/// (invalid UTF-8 replaced), read a part at a time up to the last one wanted: what a journal's
/// messages show, without holding the journal.
pub fn lines_of(path: &Path, wanted: &[usize]) -> rustc_hash::FxHashMap<usize, String> {
    let mut out = rustc_hash::FxHashMap::default();
    let Ok(file) = File::open(path) else {
        return out;
    };
    lines_from(file, wanted, &mut out, PART);
    out
}

/// [`lines_of`] from any reader.
fn lines_from(
    mut reader: impl Read,
    wanted: &[usize],
    out: &mut rustc_hash::FxHashMap<usize, String>,
    part: usize,
) {
    let mut want = wanted.to_vec();
    want.sort_unstable();
    want.dedup();
    let mut want = want.into_iter().peekable();
    // The line the next byte read is on, and that line's bytes so far when it is wanted.
    let mut line = 1;
    let mut current = Vec::new();
    // Whether the last byte read ended a line: then there is no line after it.
    let mut after_break = false;
    let mut buf = vec![0; part.max(1)];
    let mut keep = |line: usize, current: &mut Vec<u8>| {
        let text = String::from_utf8_lossy(current);
        out.insert(line, text.trim_end_matches('\r').to_string());
        current.clear();
    };
    loop {
        while want.next_if(|&w| w < line).is_some() {}
        let Some(&next) = want.peek() else { return };
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        };
        let chunk = &buf[..n];
        after_break = chunk.last() == Some(&b'\n');
        let mut start = 0;
        let mut next = next;
        for end in memchr::memchr_iter(b'\n', chunk) {
            if line == next {
                current.extend_from_slice(&chunk[start..end]);
                keep(line, &mut current);
                want.next();
                match want.peek() {
                    Some(&w) => next = w,
                    None => return,
                }
            }
            line += 1;
            start = end + 1;
        }
        if line == next {
            current.extend_from_slice(&chunk[start..]);
        }
    }
    // A last line with no line break after it.
    if want.peek() == Some(&line) && !after_break {
        keep(line, &mut current);
    }
}

/// A byte order mark (some editors write one) is no part of the first entry.
const BOM: &str = "\u{feff}";

/// Read a journal's bytes: every complete entry, in order, and what else is there.
pub fn scan(bytes: &[u8]) -> Scan {
    let mut entries = Vec::new();
    let mut scan = scan_each(bytes, |entry| entries.push(entry));
    scan.entries = entries;
    scan
}

/// [`scan`], handing each complete entry to `visit` in order instead of collecting them: the
/// returned scan's `entries` is empty (its torn tail, damage and unknown keys are filled).
pub fn scan_each(bytes: &[u8], mut visit: impl Visit) -> Scan {
    if let Some(rest) = bytes.strip_prefix(BOM.as_bytes()) {
        let mut scan = scan_utf8_each(rest, &mut visit);
        if let Some(torn) = &mut scan.torn {
            torn.offset += BOM.len();
        }
        return scan;
    }
    scan_utf8_each(bytes, &mut visit)
}

/// [`scan_each`] on text already known to be UTF-8.
fn scan_str_each(text: &str, visit: &mut impl Visit) -> Scan {
    if let Some(rest) = text.strip_prefix(BOM) {
        let mut scan = scan_text(rest, visit);
        if let Some(torn) = &mut scan.torn {
            torn.offset += BOM.len();
        }
        return scan;
    }
    scan_text(text, visit)
}

/// The entries past a point already read (no byte order mark there).
fn scan_utf8_each(bytes: &[u8], visit: &mut impl Visit) -> Scan {
    match std::str::from_utf8(bytes) {
        Ok(text) => scan_text(text, visit),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            // Only the valid prefix can be trusted; `valid_up_to` is a char boundary.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            if e.error_len().is_none() {
                // Cut inside a character at the very end: a torn write, even after a complete
                // entry (the cut character is no part of it: appended to, it would be damage).
                let mut scan = scan_text(prefix, visit);
                scan.torn.get_or_insert(TornAt {
                    offset: prefix.len(),
                    line: memchr::memchr_iter(b'\n', prefix.as_bytes()).count() + 1,
                });
                return scan;
            }
            let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
            let line = memchr::memchr_iter(b'\n', prefix.as_bytes()).count() + 1;
            let mut scan = scan_text(&prefix[..line_start], visit);
            scan.torn = None;
            scan.damaged.get_or_insert(Damage {
                line,
                message: "invalid UTF-8".into(),
            });
            scan
        }
    }
}

/// One pass over the text. Entries are split at table headers — a line starting with `[`
/// (after any whitespace) is always one here: values are one-line strings and dates; a torn
/// header (`[[deci`) still starts a block. Each entry is read in the form `render` writes
/// where it is in that form (`read_written`, nothing allocated but the decision's strings),
/// else by the TOML reader (`parse_block`), which accepts and refuses the same entries.
fn scan_text(text: &str, visit: &mut impl Visit) -> Scan {
    scan_part(text, false, visit)
}

/// [`scan_text`] on a part of a journal; with `more`, more of it follows (the part ends where
/// an entry begins), so that its last entry cannot be a torn one.
fn scan_part(text: &str, more: bool, visit: &mut impl Visit) -> Scan {
    let bytes = text.as_bytes();
    let mut scan = Scan::default();
    // Each block's byte offset and 1-based line.
    let mut offset = 0;
    let mut line = 1;
    let mut dates = None;
    while offset < bytes.len() {
        if let Some(read) = read_written(text, offset, &mut dates) {
            visit.entry_ref(read.decision.at_line(line));
            offset = read.end;
            line += read.lines;
            continue;
        }
        let (end, lines) = block_end(text, offset);
        let block = Block {
            text: &text[offset..end],
            line,
            offset,
            is_entry: starts_with_header(&text[offset..end]),
        };
        let is_last = end == bytes.len() && !more;
        let unterminated = is_last && !text.ends_with('\n');
        match parse_block(&block, unterminated) {
            Ok(Some(Parsed { decision, unknown })) => {
                visit.entry(Entry {
                    decision,
                    line: block.line,
                });
                scan.unknown_keys
                    .extend(unknown.into_iter().map(|(line, key)| UnknownKey {
                        line: block.line + line,
                        key,
                    }));
            }
            Ok(None) => {}
            // Only a really incomplete last entry is torn: cut off mid-line, or before its `at`
            // (written last). A complete entry with a mistake is damage, like any other.
            Err(_)
                if is_last
                    && block.is_entry
                    && (unterminated || key_line(block.text, "at").is_none()) =>
            {
                scan.torn = Some(TornAt {
                    offset: block.offset,
                    line: block.line,
                })
            }
            Err(BlockError { line, message }) => {
                scan.damaged = Some(Damage {
                    line: block.line + line,
                    message,
                });
                break;
            }
        }
        offset = end;
        line += lines;
    }
    scan
}

/// Whether a line (its text up to its line break) is a table header: its first character
/// that is not whitespace is `[`.
fn is_header(line: &str) -> bool {
    match line.as_bytes().first() {
        Some(b'[') => true,
        Some(&b) if b.is_ascii() && !(b as char).is_whitespace() => false,
        _ => line.trim_start().starts_with('['),
    }
}

/// Where the block starting at `start` (a line start) ends: at the next line that is a
/// header, or at the text's end; and how many line breaks it holds.
fn block_end(text: &str, start: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut lines = 0;
    let mut at = start;
    // The block's first line is its own (a header, or the start of what precedes the first).
    let mut first = true;
    while at < bytes.len() {
        let next = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i + 1);
        if !first && is_header(&text[at..next]) {
            return (at, lines);
        }
        first = false;
        lines += usize::from(bytes[next - 1] == b'\n');
        at = next;
    }
    (bytes.len(), lines)
}

/// A decision as appended: one `[[decision]]` table ending in a blank line. `at` comes last, so
/// any prefix of an entry is recognisably incomplete.
pub fn render(d: &Decision) -> String {
    let mut out = String::with_capacity(160);
    out.push_str(HEADER_LINE);
    out.push('\n');
    out.push_str(&format!("claim = {}\n", quoted(&d.claim)));
    out.push_str(&format!("status = \"{}\"\n", d.status.as_str()));
    if let Some(note) = &d.note {
        out.push_str(&format!("note = {}\n", quoted(note)));
    }
    out.push_str(&format!("reviewer = {}\n", quoted(&d.reviewer)));
    if let Some(f) = d.fingerprint {
        out.push_str(&format!(
            "fingerprint = \"{}\"\n",
            crate::fingerprint::hex(f)
        ));
    }
    if let Some(f) = &d.fields {
        out.push_str(&format!(
            "fields = \"{}\"\n",
            crate::fingerprint::fields_hex(f)
        ));
    }
    out.push_str(&format!("at = {}\n\n", d.at.strftime("%Y-%m-%dT%H:%M:%SZ")));
    out
}

/// A TOML basic string, escaped by the toml crate.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

struct Block<'t> {
    text: &'t str,
    /// 1-based line of the block's first line, and its byte offset.
    line: usize,
    offset: usize,
    /// Starts with `[[decision]]` (else: comments and blank lines before the first entry).
    is_entry: bool,
}

/// Whether a block's first line is a table header (else it is what comes before the first
/// entry: comments and blank lines).
fn starts_with_header(block: &str) -> bool {
    block
        .lines()
        .next()
        .is_some_and(|line| line.trim_start().starts_with('['))
}

/// What is wrong with a block, and on which of its lines (0 for its first).
#[derive(Debug, PartialEq)]
struct BlockError {
    line: usize,
    message: String,
}

/// An entry as read, with the keys in it that entries do not have (line within the block).
#[derive(Debug, PartialEq)]
struct Parsed {
    decision: Decision,
    unknown: Vec<(usize, String)>,
}

/// One block: `None` for a preamble of comments, the decision for an entry, or what is wrong.
fn parse_block(block: &Block<'_>, unterminated: bool) -> Result<Option<Parsed>, BlockError> {
    if !unterminated && let Some(decision) = parse_written_form(block.text) {
        return Ok(Some(Parsed {
            decision,
            unknown: Vec::new(),
        }));
    }
    parse_toml(block, unterminated)
}

/// One block read by the TOML parser (what [`parse_block`] does with any other form).
fn parse_toml(block: &Block<'_>, unterminated: bool) -> Result<Option<Parsed>, BlockError> {
    let at_first = |message: &str| BlockError {
        line: 0,
        message: message.into(),
    };
    let table: toml::Table = toml::from_str(block.text).map_err(|e| BlockError {
        line: e
            .span()
            .map_or(0, |span| block.text[..span.start].matches('\n').count()),
        message: e.message().trim_end().to_string(),
    })?;
    if !block.is_entry {
        return if table.is_empty() {
            Ok(None)
        } else {
            Err(at_first("text before the first [[decision]]"))
        };
    }
    if unterminated {
        return Err(BlockError {
            line: block.text.matches('\n').count(),
            message: "the entry does not end with a line break".into(),
        });
    }
    let entry = table
        .get("decision")
        .and_then(|d| d.as_array())
        .and_then(|a| a.first())
        .and_then(|t| t.as_table())
        .ok_or_else(|| at_first("not a [[decision]] table"))?;
    // A missing key is the entry's fault (its first line); a bad value is on the key's line.
    let at_key = |key: &str, message: &str| BlockError {
        line: key_line(block.text, key).unwrap_or(0),
        message: message.into(),
    };
    let text = |key: &str| entry.get(key).and_then(|v| v.as_str()).map(str::to_string);
    let claim = text("claim").ok_or_else(|| at_key("claim", "no `claim`"))?;
    let status = text("status")
        .and_then(|s| Status::parse(&s))
        .ok_or_else(|| {
            at_key(
                "status",
                "no valid `status` (verified, disputed or unreviewed)",
            )
        })?;
    let reviewer = text("reviewer").ok_or_else(|| at_key("reviewer", "no `reviewer`"))?;
    let fingerprint = match entry.get("fingerprint") {
        None => None,
        Some(v) => Some(
            v.as_str()
                .and_then(crate::fingerprint::parse)
                .ok_or_else(|| {
                    at_key(
                        "fingerprint",
                        "no valid `fingerprint` (16 hexadecimal digits)",
                    )
                })?,
        ),
    };
    let fields = match entry.get("fields") {
        None => None,
        Some(v) => Some(
            v.as_str()
                .and_then(crate::fingerprint::parse_fields)
                .ok_or_else(|| {
                    at_key(
                        "fields",
                        "no valid `fields` (six groups of 4 hexadecimal digits joined by `.`)",
                    )
                })?,
        ),
    };
    let at = entry
        .get("at")
        .and_then(|v| v.as_datetime())
        .and_then(|dt| {
            dt.offset
                .and(dt.to_string().parse::<jiff::Timestamp>().ok())
        })
        .ok_or_else(|| at_key("at", "no valid `at` (a date-time with offset)"))?;
    let mut lines = None;
    let unknown = entry
        .keys()
        .filter(|k| !KEYS.contains(&k.as_str()))
        .map(|k| {
            // Each key's line found in one pass over the block, however many keys it has.
            let lines = lines.get_or_insert_with(|| key_lines(block.text));
            (lines.get(k.as_str()).copied().unwrap_or(0), k.clone())
        })
        .collect();
    Ok(Some(Parsed {
        decision: Decision {
            claim: sanitize::line(&claim).into_owned(),
            status,
            note: text("note").map(|n| sanitize::line(&n).into_owned()),
            reviewer: sanitize::line(&reviewer).into_owned(),
            fingerprint,
            fields,
            at,
        },
        unknown,
    }))
}

/// [`key_line`] of every key written in the block: the first line of each.
fn key_lines(block: &str) -> rustc_hash::FxHashMap<&str, usize> {
    let mut lines = rustc_hash::FxHashMap::default();
    for (n, line) in block.lines().enumerate() {
        if let Some((key, _)) = line.trim_start().split_once('=') {
            lines.entry(key.trim_end()).or_insert(n);
        }
    }
    lines
}

/// The line (0-based, within the block) where `key = …` is written, if it is.
fn key_line(block: &str, key: &str) -> Option<usize> {
    block.lines().position(|line| {
        line.trim_start()
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    })
}

/// The form `render` writes, read without a TOML parser. Anything else — comments, escapes,
/// other layouts, a date not in the written form — returns `None` and is read by the TOML
/// parser instead, so both readers accept and refuse the same entries.
fn parse_written_form(block: &str) -> Option<Decision> {
    read_written(block, 0, &mut None)
        .filter(|read| read.end == block.len())
        .map(|read| read.decision.at_line(0).into_entry().decision)
}

/// An entry read in the written form: the decision, where its block ends (the next header's
/// line, or the text's end) and how many lines the block holds.
struct Written<'t> {
    decision: WrittenDecision<'t>,
    end: usize,
    lines: usize,
}

/// The entry starting at byte `start` (a line start) of `text`, if it is in the form `render`
/// writes: the header line, then `key = value` lines of the entries' keys, each at most once,
/// and blank lines, every line ended by a line break (LF or CRLF), up to the next line that
/// starts with `[` or the text's end. Values are borrowed until the decision is built.
fn read_written<'t>(text: &'t str, start: usize, dates: &mut LastDate) -> Option<Written<'t>> {
    read_in_order(text, start, dates).or_else(|| read_any_order(text, start, dates))
}

/// [`read_written`] for keys in the order `render` writes them, blank lines only at the end:
/// read straight through. `None` for anything else, which [`read_any_order`] then reads.
fn read_in_order<'t>(text: &'t str, start: usize, dates: &mut LastDate) -> Option<Written<'t>> {
    let mut c = Cursor::new(text, start)?;
    c.key("claim = ")?;
    let claim = c.string()?;
    c.key("status = ")?;
    let status = c.status()?;
    let note = if c.eat("note = ") {
        Some(c.string()?)
    } else {
        None
    };
    c.key("reviewer = ")?;
    let reviewer = c.string()?;
    let fingerprint = if c.eat("fingerprint = ") {
        Some(c.fingerprint()?)
    } else {
        None
    };
    let fields = if c.eat("fields = ") {
        Some(c.fields()?)
    } else {
        None
    };
    c.key("at = ")?;
    let at = c.time(dates)?;
    while !c.at_block_end() {
        c.line_end()?;
    }
    Some(c.written(WrittenDecision {
        claim,
        status,
        note,
        reviewer,
        fingerprint,
        fields,
        at,
    }))
}

/// [`read_written`] for keys in any order, with blank lines anywhere.
fn read_any_order<'t>(text: &'t str, start: usize, dates: &mut LastDate) -> Option<Written<'t>> {
    let mut c = Cursor::new(text, start)?;
    let (mut claim, mut status, mut note, mut reviewer) = (None, None, None, None);
    let (mut fingerprint, mut fields, mut at) = (None, None, None);
    // Each key at most once.
    fn once<T>(slot: &mut Option<T>, value: Option<T>) -> Option<()> {
        if slot.is_some() {
            return None;
        }
        *slot = Some(value?);
        Some(())
    }
    while !c.at_block_end() {
        if c.line_end().is_some() {
            // A blank line.
        } else if c.eat("claim = ") {
            once(&mut claim, c.string())?;
        } else if c.eat("status = ") {
            once(&mut status, c.status())?;
        } else if c.eat("note = ") {
            once(&mut note, c.string())?;
        } else if c.eat("reviewer = ") {
            once(&mut reviewer, c.string())?;
        } else if c.eat("fingerprint = ") {
            once(&mut fingerprint, c.fingerprint())?;
        } else if c.eat("fields = ") {
            once(&mut fields, c.fields())?;
        } else if c.eat("at = ") {
            once(&mut at, c.time(dates))?;
        } else {
            return None;
        }
    }
    Some(c.written(WrittenDecision {
        claim: claim?,
        status: status?,
        note,
        reviewer: reviewer?,
        fingerprint,
        fields,
        at: at?,
    }))
}

/// Where an entry is being read: the text from there on, and the line breaks passed so far.
struct Cursor<'t> {
    rest: &'t str,
    /// The whole text's length (where `rest` starts is `text_len - rest.len()`).
    text_len: usize,
    lines: usize,
}

impl<'t> Cursor<'t> {
    /// Past the header line of an entry starting at `start`.
    fn new(text: &'t str, start: usize) -> Option<Cursor<'t>> {
        let mut c = Cursor {
            rest: text.get(start..)?,
            text_len: text.len(),
            lines: 0,
        };
        c.key(HEADER_LINE)?;
        c.line_end()?;
        Some(c)
    }

    /// Past `word` if it comes next.
    #[inline(always)]
    fn eat(&mut self, word: &str) -> bool {
        match self.rest.strip_prefix(word) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    /// Past `word`, which must come next.
    #[inline(always)]
    fn key(&mut self, word: &str) -> Option<()> {
        self.eat(word).then_some(())
    }

    /// Past the line break (LF or CRLF) that must come next.
    #[inline(always)]
    fn line_end(&mut self) -> Option<()> {
        self.rest = match self.rest.strip_prefix('\n') {
            Some(rest) => rest,
            None => self.rest.strip_prefix("\r\n")?,
        };
        self.lines += 1;
        Some(())
    }

    /// At the next header (`[` starting a line) or the text's end: the entry ends here.
    #[inline(always)]
    fn at_block_end(&self) -> bool {
        matches!(self.rest.as_bytes(), [] | [b'[', ..])
    }

    /// A basic string without escapes (`"…"`), ending its line. Escapes and control
    /// characters other than tab (which TOML refuses in a string) are left to the TOML reader.
    #[inline(always)]
    fn string(&mut self) -> Option<Plain<'t>> {
        let rest = self.rest.strip_prefix('"')?;
        let bytes = rest.as_bytes();
        let mut unusual = false;
        let mut len = 0;
        // Eight bytes at a time, up to the first that ends the string (or is refused).
        while let Some(chunk) = bytes.get(len..).and_then(|rest| rest.first_chunk::<8>()) {
            let (stop, odd) = string_bytes(u64::from_le_bytes(*chunk));
            if stop != 0 {
                // Only the bytes before the stop count.
                unusual |= odd & (stop - 1) != 0;
                len += stop.trailing_zeros() as usize / 8;
                break;
            }
            unusual |= odd != 0;
            len += 8;
        }
        // Near the text's end, a byte at a time.
        loop {
            match STRING_BYTES[usize::from(*bytes.get(len)?)] {
                PLAIN => {}
                UNUSUAL => unusual = true,
                _ => break,
            }
            len += 1;
        }
        let (text, rest) = rest.split_at_checked(len)?;
        self.rest = rest.strip_prefix('"')?;
        self.line_end()?;
        Some(Plain { text, unusual })
    }

    /// A string of exactly `len` bytes, ending its line. Any other length is left to the
    /// TOML reader.
    #[inline(always)]
    fn fixed(&mut self, len: usize) -> Option<&'t str> {
        let (text, rest) = self.rest.strip_prefix('"')?.split_at_checked(len)?;
        self.rest = rest.strip_prefix('"')?;
        self.line_end()?;
        Some(text)
    }

    #[inline(always)]
    fn fingerprint(&mut self) -> Option<u64> {
        crate::fingerprint::parse(self.fixed(16)?)
    }

    #[inline(always)]
    fn fields(&mut self) -> Option<crate::fingerprint::Fields> {
        crate::fingerprint::parse_fields(self.fixed(29)?)
    }

    /// A status as written (`"verified"`), ending its line.
    #[inline(always)]
    fn status(&mut self) -> Option<Status> {
        let status = if self.eat("\"verified\"") {
            Status::Verified
        } else if self.eat("\"disputed\"") {
            Status::Disputed
        } else if self.eat("\"unreviewed\"") {
            Status::Unreviewed
        } else {
            return None;
        };
        self.line_end()?;
        Some(status)
    }

    /// A date-time as `render` writes it, ending its line.
    #[inline(always)]
    fn time(&mut self, dates: &mut LastDate) -> Option<jiff::Timestamp> {
        let written: &[u8; 20] = self.rest.as_bytes().first_chunk()?;
        let (date, clock) = written.split_at(10);
        let days = match dates {
            Some((last, days)) if last.as_slice() == date => *days,
            _ => {
                let days = written_date(date)?;
                *dates = Some((date.try_into().ok()?, days));
                days
            }
        };
        let time = jiff::Timestamp::from_second(days * 86_400 + written_clock(clock)?).ok()?;
        self.rest = self.rest.get(written.len()..)?;
        self.line_end()?;
        Some(time)
    }

    #[inline(always)]
    fn written(self, decision: WrittenDecision<'t>) -> Written<'t> {
        Written {
            decision,
            end: self.text_len - self.rest.len(),
            lines: self.lines,
        }
    }
}

/// Eight bytes of string (`x`, the first lowest) as [`STRING_BYTES`] reads them: the high bit
/// of each byte that is `STOP`, and of each that is `UNUSUAL`.
fn string_bytes(x: u64) -> (u64, u64) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    // Each byte's low 7 bits: no sum below carries into the next byte.
    let low = x & !HIGH;
    let ascii = !x & HIGH;
    let zero = |y: u64| !((y + ONES * 0x7f) | y) & HIGH;
    let control = !(low + ONES * 0x60) & HIGH;
    let tab = zero(low ^ (ONES * u64::from(b'\t')));
    let delete = (low + ONES) & HIGH;
    let quote = zero(low ^ (ONES * u64::from(b'"')));
    let backslash = zero(low ^ (ONES * u64::from(b'\\')));
    let stop = ((control & !tab) | delete | quote | backslash) & ascii;
    (stop, (x & HIGH) | (tab & ascii))
}

/// A string value as written: what is between its quotes, and whether it holds anything but
/// printable ASCII (only then does it need the sanitiser).
struct Plain<'t> {
    text: &'t str,
    unusual: bool,
}

impl<'t> Plain<'t> {
    /// The string as a decision holds it: sanitised, borrowed when nothing had to go.
    fn cleaned(self) -> Cow<'t, str> {
        if self.unusual {
            sanitize::line(self.text)
        } else {
            Cow::Borrowed(self.text)
        }
    }
}

/// A decision as read in the written form, its strings not yet sanitised or copied.
struct WrittenDecision<'t> {
    claim: Plain<'t>,
    status: Status,
    note: Option<Plain<'t>>,
    reviewer: Plain<'t>,
    fingerprint: Option<u64>,
    fields: Option<crate::fingerprint::Fields>,
    at: jiff::Timestamp,
}

impl<'t> WrittenDecision<'t> {
    fn at_line(self, line: usize) -> EntryRef<'t> {
        EntryRef {
            claim: self.claim.cleaned(),
            status: self.status,
            note: self.note.map(Plain::cleaned),
            reviewer: self.reviewer.cleaned(),
            fingerprint: self.fingerprint,
            fields: self.fields,
            at: self.at,
            line,
        }
    }
}

/// An entry read in the form crosscheck writes, its strings borrowed from the journal's text
/// (sanitised where they had to be): what a [`Visit`] that keeps only part of each entry
/// takes without copying them.
#[derive(Debug)]
pub struct EntryRef<'t> {
    pub claim: Cow<'t, str>,
    pub status: Status,
    pub note: Option<Cow<'t, str>>,
    pub reviewer: Cow<'t, str>,
    pub fingerprint: Option<u64>,
    pub fields: Option<crate::fingerprint::Fields>,
    pub at: jiff::Timestamp,
    pub line: usize,
}

impl EntryRef<'_> {
    pub fn into_entry(self) -> Entry {
        Entry {
            decision: Decision {
                claim: self.claim.into_owned(),
                status: self.status,
                note: self.note.map(Cow::into_owned),
                reviewer: self.reviewer.into_owned(),
                fingerprint: self.fingerprint,
                fields: self.fields,
                at: self.at,
            },
            line: self.line,
        }
    }
}

/// Where a journal's entries go, in order, as they are read. Any `FnMut(Entry)` is one; a
/// visitor that keeps little of each entry also takes those read in the written form
/// borrowed ([`Visit::entry_ref`]), which saves copying their strings.
pub trait Visit {
    fn entry(&mut self, entry: Entry);

    fn entry_ref(&mut self, entry: EntryRef<'_>) {
        self.entry(entry.into_entry());
    }

    /// What a snapshot this visitor holds covers (see [`crate::store::snapshot`]): the reader
    /// checks whether the journal begins with those bytes and says so with [`Visit::resume`].
    fn resumable(&self) -> Option<Prefix> {
        None
    }

    /// Whether the journal begins with the snapshot's bytes. If it does, the visitor takes the
    /// snapshot's replay as its own, only the entries after them follow, and it hands back the
    /// unknown keys the snapshot's entries had; if not, every entry follows from the start.
    fn resume(&mut self, _matched: bool) -> Vec<UnknownKey> {
        Vec::new()
    }

    /// Whether the reader should digest what it reads, for a snapshot to be made of it.
    fn digests(&self) -> bool {
        false
    }

    /// After [`Visit::digests`]: every complete entry of the bytes `read` covers was handed
    /// over, and these are their unknown keys (not called after damage or a failed read).
    fn read(&mut self, _read: Prefix, _unknown_keys: &[UnknownKey]) {}
}

impl<F: FnMut(Entry)> Visit for F {
    fn entry(&mut self, entry: Entry) {
        self(entry);
    }
}

/// A visitor handed the entries of a part of a journal that starts `lines` lines in.
struct Shifted<'v, V: Visit + ?Sized> {
    visit: &'v mut V,
    lines: usize,
}

impl<V: Visit + ?Sized> Visit for Shifted<'_, V> {
    fn entry(&mut self, mut entry: Entry) {
        entry.line += self.lines;
        self.visit.entry(entry);
    }

    fn entry_ref(&mut self, mut entry: EntryRef<'_>) {
        entry.line += self.lines;
        self.visit.entry_ref(entry);
    }
}

/// How string bytes read: printable ASCII other than `"` and `\`; what needs the sanitiser
/// but TOML allows (tab, and every byte of a non-ASCII character); and what ends the string
/// or is left to the TOML reader (`"`, `\`, other controls, DEL).
const PLAIN: u8 = 0;
const UNUSUAL: u8 = 1;
const STOP: u8 = 2;
const STRING_BYTES: [u8; 256] = {
    let mut table = [STOP; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'"' | b'\\' | 0x7f => STOP,
            b' '..=b'~' => PLAIN,
            b'\t' | 0x80.. => UNUSUAL,
            _ => STOP,
        };
        b += 1;
    }
    table
};

/// The date part of the last `at` read, and its day number: entries are appended in time,
/// so most share their date with the one before.
type LastDate = Option<([u8; 10], i64)>;

/// A date-time written `YYYY-MM-DDTHH:MM:SSZ`, read by hand: the same instant jiff reads.
/// `None` for anything else, and for what is valid but rare (a leap second, the year 9999 at
/// the edge of jiff's range), which the TOML reader then reads.
#[cfg(test)]
fn written_at(v: &[u8]) -> Option<jiff::Timestamp> {
    let (date, clock) = (v.get(..10)?, v.get(10..)?);
    jiff::Timestamp::from_second(written_date(date)? * 86_400 + written_clock(clock)?).ok()
}

/// Two decimal digits, or a value no check below accepts.
fn two_digits(tens: u8, ones: u8) -> i64 {
    let (tens, ones) = (tens.wrapping_sub(b'0'), ones.wrapping_sub(b'0'));
    if tens > 9 || ones > 9 {
        return i64::MAX;
    }
    i64::from(tens * 10 + ones)
}

/// `YYYY-MM-DD` (years 0 to 9998): days since 1970-01-01 in the proleptic Gregorian calendar.
fn written_date(v: &[u8]) -> Option<i64> {
    let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = v else {
        return None;
    };
    let (century, year_of_century) = (two_digits(y0, y1), two_digits(y2, y3));
    let (month, day) = (two_digits(m0, m1), two_digits(d0, d1));
    if century > 99 || year_of_century > 99 {
        return None;
    }
    let year = century * 100 + year_of_century;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    if year > 9998 || !(1..=month_days).contains(&day) {
        return None;
    }
    // Howard Hinnant's `days_from_civil`: years counted from March, so that a leap day ends
    // the year.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

/// `THH:MM:SSZ` (no leap second): seconds into the day.
fn written_clock(v: &[u8]) -> Option<i64> {
    let &[b'T', h0, h1, b':', n0, n1, b':', s0, s1, b'Z'] = v else {
        return None;
    };
    let (hour, minute, second) = (two_digits(h0, h1), two_digits(n0, n1), two_digits(s0, s1));
    (hour <= 23 && minute <= 59 && second <= 59).then_some(hour * 3_600 + minute * 60 + second)
}

#[cfg(test)]
mod tests {

    #[test]
    fn every_keys_line_is_found_in_one_pass_as_one_at_a_time() {
        let block = "[[decision]]\nclaim = \"a\"\n  odd   = 1\nodd2= \"x = y\"\nodd.x = 2\n\"q=r\" = 3\nclaim = 4\nlast =\n";
        let lines = key_lines(block);
        for key in [
            "claim", "odd", "odd2", "odd.x", "odd.", "q=r", "\"q", "last", "none", "",
        ] {
            assert_eq!(lines.get(key).copied(), key_line(block, key), "{key:?}");
        }
    }
    use super::*;

    fn decision(claim: &str, status: Status, note: Option<&str>, second: i64) -> Decision {
        Decision {
            claim: claim.into(),
            status,
            note: note.map(Into::into),
            reviewer: "kim".into(),
            fingerprint: None,
            fields: None,
            at: jiff::Timestamp::from_second(1_790_000_000 + second).unwrap(),
        }
    }

    fn journal_with(content: &[u8]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.toml");
        std::fs::write(&path, content).unwrap();
        (dir, path)
    }

    #[test]
    fn append_then_replay_gives_every_decision_in_order() {
        let (_d, path) = journal_with(b"");
        let (mut j, replay) = Journal::open(&path);
        assert!(replay.entries.is_empty());
        let a = decision(
            "nis-troops-12000",
            Status::Disputed,
            Some("counts \"committed\"\nnot trained"),
            0,
        );
        let b = decision("budanov", Status::Verified, None, 1);
        j.append(&a).unwrap();
        j.append(&b).unwrap();
        drop(j);
        let (_j, replay) = Journal::open(&path);
        let got: Vec<_> = replay.entries.into_iter().map(|e| e.decision).collect();
        let mut a_clean = a.clone();
        a_clean.note = Some("counts \"committed\" not trained".into());
        assert_eq!(got, vec![a_clean, b]);
    }

    #[test]
    fn the_written_form_is_the_spec_form() {
        let d = decision("nis-troops-12000", Status::Verified, Some("ok"), 0);
        let text = render(&d);
        assert_eq!(
            text,
            "[[decision]]\nclaim = \"nis-troops-12000\"\nstatus = \"verified\"\nnote = \"ok\"\nreviewer = \"kim\"\nat = 2026-09-21T14:13:20Z\n\n"
        );
    }

    #[test]
    fn a_torn_last_entry_is_set_aside_and_the_next_append_is_valid() {
        let whole = render(&decision("a", Status::Verified, None, 0));
        let torn = render(&decision("b", Status::Disputed, Some("half"), 1));
        // Every strict prefix of an entry is torn.
        for cut in 1..torn.len() - 1 {
            let content = format!("{whole}{}", &torn[..cut]);
            let (dir, path) = journal_with(content.as_bytes());
            let (mut j, replay) = Journal::open(&path);
            assert_eq!(j.read_only(), None, "cut {cut}");
            assert_eq!(replay.entries.len(), 1, "cut {cut}: {content:?}");
            let Some(Torn::SetAside { kept, line }) = j.torn.clone() else {
                panic!("torn not set aside: {:?}", j.torn);
            };
            assert_eq!(line, 7);
            assert_eq!(std::fs::read_to_string(&kept).unwrap(), &torn[..cut]);
            j.append(&decision("c", Status::Verified, None, 2)).unwrap();
            drop(j);
            let (again, replay) = Journal::open(&path);
            let claims: Vec<_> = replay
                .entries
                .iter()
                .map(|e| e.decision.claim.as_str())
                .collect();
            assert_eq!(claims, ["a", "c"], "cut {cut}");
            assert!(again.notices().is_empty());
            drop(dir);
        }
    }

    #[test]
    fn damage_in_the_middle_refuses_to_write_and_touches_nothing() {
        let content = format!(
            "{}[[decision]]\nclaim = \"b\"\nstatus = \"maybe\"\nreviewer = \"kim\"\nat = 2026-01-01T00:00:00Z\n\n{}",
            render(&decision("a", Status::Verified, None, 0)),
            render(&decision("c", Status::Verified, None, 1))
        );
        let (_d, path) = journal_with(content.as_bytes());
        let (mut j, replay) = Journal::open(&path);
        assert_eq!(replay.entries.len(), 1);
        // The entry starts on line 7; its bad `status` is on line 9, and that is the line named.
        assert!(
            matches!(
                j.read_only(),
                Some(ReadOnly::Damaged(Damage { line: 9, .. }))
            ),
            "{:?}",
            j.read_only()
        );
        let err = j
            .append(&decision("d", Status::Verified, None, 2))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("review.toml:9: damaged journal entry"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), content);
    }

    #[test]
    fn two_journals_on_one_file_both_append_and_each_reads_the_others_entries() {
        let (_d, path) = journal_with(b"");
        let (mut first, _) = Journal::open(&path);
        let (mut second, _) = Journal::open(&path);
        assert_eq!(second.read_only(), None, "no lock is held while idle");
        let one = decision("a", Status::Verified, None, 0);
        let two = decision("b", Status::Disputed, None, 1);
        let three = decision("a", Status::Disputed, None, 2);
        assert_eq!(first.append(&one).unwrap(), vec![]);
        // Appending reads what the other wrote first, and hands it back, in order.
        let before = second.append(&two).unwrap();
        assert_eq!(before.len(), 1);
        assert_eq!(
            (before[0].decision.clone(), before[0].line),
            (one.clone(), 1)
        );
        assert_eq!(second.changes().unwrap(), Changes::Nothing, "never its own");
        let before = first.append(&three).unwrap();
        assert_eq!(before.len(), 1, "the first reads the second's: {before:?}");
        assert_eq!(before[0].decision, two);
        let Changes::New(seen) = second.changes().unwrap() else {
            panic!("the second journal sees the third decision");
        };
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].decision, three);
        assert_eq!(seen[0].line, 13, "lines count from the file's start");
        assert_eq!(first.changes().unwrap(), Changes::Nothing);
        let (_third, replay) = Journal::open(&path);
        let all: Vec<Decision> = replay.entries.into_iter().map(|e| e.decision).collect();
        assert_eq!(all, vec![one, two, three]);
    }

    #[test]
    fn a_journal_cut_short_in_place_is_read_again_whole() {
        let (_d, path) = journal_with(b"");
        let (mut journal, _) = Journal::open(&path);
        journal
            .append(&decision("a", Status::Verified, None, 0))
            .unwrap();
        journal
            .append(&decision("b", Status::Verified, None, 1))
            .unwrap();
        let whole = std::fs::read_to_string(&path).unwrap();
        let first_only = &whole[..whole.find("[[decision]]\nclaim = \"b\"").unwrap()];
        std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .unwrap()
            .set_len(first_only.len() as u64)
            .unwrap();
        let Changes::Replaced(entries) = journal.changes().unwrap() else {
            panic!("read again");
        };
        assert_eq!(entries.len(), 1);
    }

    #[test]
    fn a_missing_directory_is_unwritable_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/review.toml");
        let (mut j, replay) = Journal::open(&path);
        assert!(replay.entries.is_empty());
        let err = j
            .append(&decision("a", Status::Verified, None, 0))
            .unwrap_err();
        assert!(
            matches!(
                &err,
                StoreError::ReadOnly {
                    why: ReadOnly::Unwritable { .. },
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(err.to_string().contains("does not exist"), "{err}");
    }

    #[test]
    fn a_write_torn_inside_a_character_is_a_torn_tail() {
        let whole = render(&decision("a", Status::Verified, None, 0));
        let torn = render(&decision("b", Status::Disputed, Some("병력"), 1));
        let cut = torn.find('병').unwrap() + 1;
        let mut bytes = whole.clone().into_bytes();
        bytes.extend_from_slice(&torn.as_bytes()[..cut]);
        let scan = scan(&bytes);
        assert_eq!(scan.entries.len(), 1);
        assert_eq!(
            scan.torn,
            Some(TornAt {
                offset: whole.len(),
                line: 7
            })
        );
        assert_eq!(scan.damaged, None);
    }

    #[test]
    fn invalid_utf8_in_the_middle_is_damage() {
        let mut bytes = render(&decision("a", Status::Verified, None, 0)).into_bytes();
        bytes.extend_from_slice(b"[[decision]]\nclaim = \"\xff\"\n");
        bytes.extend_from_slice(render(&decision("c", Status::Verified, None, 0)).as_bytes());
        let scan = scan(&bytes);
        assert_eq!(scan.entries.len(), 1);
        assert_eq!(
            scan.damaged,
            Some(Damage {
                line: 8,
                message: "invalid UTF-8".into()
            })
        );
    }

    /// The reader as it was before the one-pass reader: the text split into blocks line by
    /// line, and every block read by the TOML parser (never the written-form shortcut).
    fn toml_only_scan(text: &str) -> Scan {
        let blocks = split_blocks(text);
        let mut scan = Scan::default();
        for (i, block) in blocks.iter().enumerate() {
            let is_last = i + 1 == blocks.len();
            let unterminated = is_last && !text.ends_with('\n');
            match parse_toml(block, unterminated) {
                Ok(Some(Parsed { decision, unknown })) => {
                    scan.entries.push(Entry {
                        decision,
                        line: block.line,
                    });
                    scan.unknown_keys
                        .extend(unknown.into_iter().map(|(line, key)| UnknownKey {
                            line: block.line + line,
                            key,
                        }));
                }
                Ok(None) => {}
                Err(_)
                    if is_last
                        && block.is_entry
                        && (unterminated || key_line(block.text, "at").is_none()) =>
                {
                    scan.torn = Some(TornAt {
                        offset: block.offset,
                        line: block.line,
                    })
                }
                Err(BlockError { line, message }) => {
                    scan.damaged = Some(Damage {
                        line: block.line + line,
                        message,
                    });
                    break;
                }
            }
        }
        scan
    }

    fn split_blocks(text: &str) -> Vec<Block<'_>> {
        let is_header = |line: &str| line.trim_start().starts_with('[');
        let mut blocks = Vec::new();
        let mut start = 0;
        let mut start_line = 1;
        let mut offset = 0;
        for (i, line) in text.split_inclusive('\n').enumerate() {
            if is_header(line) && offset > start {
                blocks.push(Block {
                    text: &text[start..offset],
                    line: start_line,
                    offset: start,
                    is_entry: starts_with_header(&text[start..offset]),
                });
                start = offset;
                start_line = i + 1;
            }
            offset += line.len();
        }
        if offset > start {
            blocks.push(Block {
                text: &text[start..],
                line: start_line,
                offset: start,
                is_entry: starts_with_header(&text[start..]),
            });
        }
        blocks
    }

    fn assert_same_scan(got: &Scan, want: &Scan, context: &str) {
        assert_eq!(got.entries, want.entries, "entries: {context}");
        assert_eq!(got.torn, want.torn, "torn: {context}");
        assert_eq!(got.damaged, want.damaged, "damaged: {context}");
        assert_eq!(
            got.unknown_keys, want.unknown_keys,
            "unknown keys: {context}"
        );
    }

    /// A decision with every key.
    fn full() -> Decision {
        Decision {
            claim: "c1".into(),
            status: Status::Disputed,
            note: Some("n".into()),
            reviewer: "kim".into(),
            fingerprint: Some(0x9f2c_4e1a_0b7d_3e55),
            fields: Some([1, 2, 3, 0xabcd, 0xffff, 0]),
            at: jiff::Timestamp::from_second(1_790_000_000).unwrap(),
        }
    }

    /// Entries written otherwise than `render` writes them, or wrong: what each reader makes
    /// of them — read by the fast reader, and read (`Some`) or refused (`None`) by TOML.
    fn tricky_entries() -> Vec<(&'static str, String, bool, Option<Decision>)> {
        let d = full();
        let base = render(&d);
        let with = |f: &dyn Fn(&mut Decision)| {
            let mut d = full();
            f(&mut d);
            d
        };
        let at =
            |from: &str, to: &str| base.replace(&format!("at = {from}"), &format!("at = {to}"));
        let written_at = "2026-09-21T14:13:20Z";
        let second = |s: &str| s.parse::<jiff::Timestamp>().unwrap();
        vec![
            ("as written", base.clone(), true, Some(d.clone())),
            ("CRLF", base.replace('\n', "\r\n"), true, Some(d.clone())),
            (
                "CRLF header only",
                base.replacen('\n', "\r\n", 1),
                true,
                Some(d.clone()),
            ),
            (
                "no blank line",
                base.trim_end_matches('\n').to_string() + "\n",
                true,
                Some(d.clone()),
            ),
            (
                "blank lines between keys",
                base.replace("\nstatus", "\n\n\r\nstatus"),
                true,
                Some(d.clone()),
            ),
            (
                "trailing spaces",
                base.replace("\"c1\"\n", "\"c1\"  \n"),
                false,
                Some(d.clone()),
            ),
            (
                "trailing space after at",
                at(written_at, &format!("{written_at} ")),
                false,
                Some(d.clone()),
            ),
            (
                "trailing tab after a string",
                base.replace("\"kim\"\n", "\"kim\"\t\n"),
                false,
                Some(d.clone()),
            ),
            (
                "spaces around =",
                base.replace("claim = ", "claim  =  "),
                false,
                Some(d.clone()),
            ),
            (
                "indented key",
                base.replace("claim = ", "  claim = "),
                false,
                Some(d.clone()),
            ),
            (
                "comment line",
                base.replace("\nstatus", "\n# why\nstatus"),
                false,
                Some(d.clone()),
            ),
            (
                "comment after a value",
                base.replace("\"c1\"\n", "\"c1\" # x\n"),
                false,
                Some(d.clone()),
            ),
            (
                "keys in another order",
                format!(
                    "[[decision]]\nat = {written_at}\nfields = \"0001.0002.0003.abcd.ffff.0000\"\nreviewer = \"kim\"\nfingerprint = \"9f2c4e1a0b7d3e55\"\nnote = \"n\"\nstatus = \"disputed\"\nclaim = \"c1\"\n\n"
                ),
                true,
                Some(d.clone()),
            ),
            (
                "duplicate claim",
                base.replace("status", "claim = \"c2\"\nstatus"),
                false,
                None,
            ),
            (
                "duplicate at",
                base.replace("\n\n", &format!("\nat = {written_at}\n\n")),
                false,
                None,
            ),
            (
                "duplicate fingerprint",
                base.replace("fields", "fingerprint = \"9f2c4e1a0b7d3e55\"\nfields"),
                false,
                None,
            ),
            (
                "duplicate fields",
                base.replace("at =", "fields = \"0001.0002.0003.abcd.ffff.0000\"\nat ="),
                false,
                None,
            ),
            (
                "no at",
                base.replace(&format!("at = {written_at}\n"), ""),
                false,
                None,
            ),
            (
                "no claim",
                base.replace("claim = \"c1\"\n", ""),
                false,
                None,
            ),
            (
                "at with an offset",
                at(written_at, "2026-09-21T16:13:20+02:00"),
                false,
                Some(d.clone()),
            ),
            (
                "at with -00:00",
                at(written_at, "2026-09-21T14:13:20-00:00"),
                false,
                Some(d.clone()),
            ),
            (
                "at with lowercase t and z",
                at(written_at, "2026-09-21t14:13:20z"),
                false,
                Some(d.clone()),
            ),
            (
                "at with a space",
                at(written_at, "2026-09-21 14:13:20Z"),
                false,
                Some(d.clone()),
            ),
            (
                "at without seconds",
                at(written_at, "2026-09-21T14:13Z"),
                false,
                Some(with(&|d| d.at = second("2026-09-21T14:13:00Z"))),
            ),
            (
                "at with an hour only",
                at(written_at, "2026-09-21T14Z"),
                false,
                None,
            ),
            (
                "at in the basic format",
                at(written_at, "20260921T141320Z"),
                false,
                None,
            ),
            (
                "at with a sign and six-digit year",
                at(written_at, "+002026-09-21T14:13:20Z"),
                false,
                None,
            ),
            (
                "at without an offset",
                at(written_at, "2026-09-21T14:13:20"),
                false,
                None,
            ),
            (
                "at on February 30",
                at(written_at, "2024-02-30T00:00:00Z"),
                false,
                None,
            ),
            (
                "at on a leap day",
                at(written_at, "2024-02-29T00:00:00Z"),
                true,
                Some(with(&|d| d.at = second("2024-02-29T00:00:00Z"))),
            ),
            (
                "at on February 29 of 1900",
                at(written_at, "1900-02-29T00:00:00Z"),
                false,
                None,
            ),
            (
                "at on February 29 of 2000",
                at(written_at, "2000-02-29T23:59:59Z"),
                true,
                Some(with(&|d| d.at = second("2000-02-29T23:59:59Z"))),
            ),
            (
                "at at hour 24",
                at(written_at, "2026-09-21T24:00:00Z"),
                false,
                None,
            ),
            (
                "at in the year 0",
                at(written_at, "0000-03-01T00:00:00Z"),
                true,
                Some(with(&|d| d.at = second("0000-03-01T00:00:00Z"))),
            ),
            (
                "at at jiff's end",
                at(written_at, "9999-12-30T22:00:00Z"),
                false,
                Some(with(&|d| d.at = second("9999-12-30T22:00:00Z"))),
            ),
            (
                "at past jiff's end",
                at(written_at, "9999-12-31T00:00:00Z"),
                false,
                None,
            ),
            (
                "at with a leap second",
                at(written_at, "2016-12-31T23:59:60Z"),
                false,
                Some(with(&|d| d.at = second("2016-12-31T23:59:59Z"))),
            ),
            (
                "at with fractional seconds",
                at(written_at, "2026-09-21T14:13:20.25Z"),
                false,
                Some(with(&|d| d.at = second("2026-09-21T14:13:20.25Z"))),
            ),
            (
                "at as a string",
                at(written_at, &format!("\"{written_at}\"")),
                false,
                None,
            ),
            (
                "note with non-ASCII and bidi controls",
                base.replace("note = \"n\"", "note = \"확인 — \u{202E}txt\u{85}ok “q”\""),
                true,
                Some(with(&|d| d.note = Some("확인 — txtok “q”".into()))),
            ),
            (
                "note with a raw tab",
                base.replace("note = \"n\"", "note = \"a\tb\""),
                true,
                Some(with(&|d| d.note = Some("a b".into()))),
            ),
            (
                "note with an escaped control",
                base.replace("note = \"n\"", "note = \"x\\u001b[31mred\\u001b[0m\""),
                false,
                Some(with(&|d| d.note = Some("xred".into()))),
            ),
            (
                "note with an escaped quote",
                base.replace("note = \"n\"", "note = \"say \\\"no\\\"\""),
                false,
                Some(with(&|d| d.note = Some("say \"no\"".into()))),
            ),
            (
                "note with a raw ESC",
                base.replace("note = \"n\"", "note = \"x\u{1b}[31m\""),
                false,
                None,
            ),
            (
                "note with a raw DEL",
                base.replace("note = \"n\"", "note = \"x\u{7f}\""),
                false,
                None,
            ),
            (
                "note with a raw CR",
                base.replace("note = \"n\"", "note = \"x\ry\""),
                false,
                None,
            ),
            (
                "note with ' = '",
                base.replace("note = \"n\"", "note = \"a = b\""),
                true,
                Some(with(&|d| d.note = Some("a = b".into()))),
            ),
            (
                "note with [[decision]]",
                base.replace("note = \"n\"", "note = \"[[decision]]\""),
                true,
                Some(with(&|d| d.note = Some("[[decision]]".into()))),
            ),
            (
                "empty note",
                base.replace("note = \"n\"", "note = \"\""),
                true,
                Some(with(&|d| d.note = Some(String::new()))),
            ),
            (
                "unterminated note",
                base.replace("note = \"n\"", "note = \"n"),
                false,
                None,
            ),
            (
                "literal string",
                base.replace("note = \"n\"", "note = 'n'"),
                false,
                Some(d.clone()),
            ),
            (
                "claim with a tab and C1 control",
                base.replace("claim = \"c1\"", "claim = \"c\t\u{9b}2J1\""),
                true,
                Some(with(&|d| d.claim = "c 1".into())),
            ),
            (
                "status in capitals",
                base.replace("\"disputed\"", "\"Disputed\""),
                false,
                None,
            ),
            (
                "status not a string",
                base.replace("\"disputed\"", "1"),
                false,
                None,
            ),
            (
                "fingerprint in capitals",
                base.replace("9f2c4e1a0b7d3e55", "9F2C4E1A0B7D3E55"),
                true,
                Some(d.clone()),
            ),
            (
                "fingerprint too short",
                base.replace("9f2c4e1a0b7d3e55", "9f2c4e1a0b7d3e5"),
                false,
                None,
            ),
            (
                "fingerprint not hex",
                base.replace("9f2c4e1a0b7d3e55", "9f2c4e1a0b7d3e5g"),
                false,
                None,
            ),
            (
                "fields in capitals",
                base.replace("abcd.ffff", "ABCD.FFFF"),
                true,
                Some(d.clone()),
            ),
            (
                "fields with a bad group",
                base.replace("abcd.ffff", "abcd:ffff"),
                false,
                None,
            ),
            (
                "fields too long",
                base.replace("abcd.ffff", "abcd.ffff.0000"),
                false,
                None,
            ),
            (
                "unknown key",
                base.replace("status", "reveiwer = \"x\"\nstatus"),
                false,
                Some(d.clone()),
            ),
            (
                "key with a similar prefix",
                base.replace("status", "fin = \"x\"\nstatus"),
                false,
                Some(d.clone()),
            ),
            (
                "header with trailing space",
                base.replacen("[[decision]]", "[[decision]] ", 1),
                false,
                Some(d.clone()),
            ),
            (
                "indented header",
                base.replacen("[[decision]]", " [[decision]]", 1),
                false,
                Some(d.clone()),
            ),
            (
                "single-bracket header",
                base.replacen("[[decision]]", "[decision]", 1),
                false,
                None,
            ),
            (
                "inline table",
                "decision = [{ claim = \"c1\" }]\n\n".to_string(),
                false,
                None,
            ),
        ]
    }

    #[test]
    fn the_fast_reader_and_the_toml_reader_agree() {
        let decisions = [
            decision("a", Status::Verified, None, 0),
            decision(
                "b",
                Status::Disputed,
                Some("has \"quotes\" and \\ backslash"),
                1,
            ),
            decision("c", Status::Unreviewed, Some("plain note — 확인"), 2),
            full(),
        ];
        for d in &decisions {
            let text = render(d);
            let block = Block {
                text: &text,
                line: 1,
                offset: 0,
                is_entry: true,
            };
            let fast = parse_written_form(&text);
            let toml = parse_toml(&block, false);
            assert_eq!(parse_block(&block, false).unwrap().unwrap().decision, *d);
            assert_eq!(toml.unwrap().unwrap().decision, *d);
            // Escaped strings are left to the TOML reader.
            assert_eq!(
                fast.is_none(),
                d.note.as_deref().is_some_and(|n| n.contains('"'))
            );
        }
        for (name, text, fast_reads, want) in tricky_entries() {
            let block = Block {
                text: &text,
                line: 1,
                offset: 0,
                is_entry: true,
            };
            let fast = parse_written_form(&text);
            let toml = parse_toml(&block, false);
            assert_eq!(fast.is_some(), fast_reads, "{name}: {text:?}");
            let toml_read = toml.as_ref().ok().and_then(|p| p.as_ref());
            assert_eq!(
                toml_read.map(|p| &p.decision),
                want.as_ref(),
                "{name}: {text:?} {toml:?}"
            );
            if let Some(d) = &fast {
                // What the fast reader reads, TOML reads the same, with no unknown key.
                assert_eq!(
                    toml,
                    Ok(Some(Parsed {
                        decision: d.clone(),
                        unknown: Vec::new()
                    })),
                    "{name}"
                );
            }
            assert_eq!(
                parse_block(&block, false)
                    .ok()
                    .flatten()
                    .map(|p| p.decision),
                want,
                "{name}"
            );
        }
    }

    #[test]
    fn the_one_pass_reader_reads_as_the_block_by_block_toml_reader_at_every_cut() {
        let first = render(&decision("a", Status::Verified, Some("한 — x"), 0));
        let last = render(&full());
        let mut journals: Vec<(String, String)> = tricky_entries()
            .into_iter()
            .map(|(name, text, _, _)| (name.to_string(), format!("{first}{text}{last}")))
            .collect();
        journals.push(("preamble".into(), format!("# review\n\n  \n{first}{last}")));
        journals.push(("blank lines only".into(), "\n\r\n \n".into()));
        journals.push(("text before".into(), format!("x = 1\n{first}")));
        journals.push((
            "CRLF throughout".into(),
            format!("{first}{last}").replace('\n', "\r\n"),
        ));
        journals.push(("indented header after".into(), format!("{first}  {last}")));
        journals.push((
            "a line starting with [ in an entry".into(),
            first.replace("\n\n", "\n[x]\n\n") + &last,
        ));
        journals.push((
            "vertical tab before a header".into(),
            format!("{first}\u{b}{last}"),
        ));
        journals.push((
            "no-break space before a header".into(),
            format!("{first}\u{a0}{last}"),
        ));
        for (name, text) in &journals {
            // Every prefix: torn tails, cut lines, cut CRLFs and cut characters.
            for cut in (0..=text.len()).filter(|&cut| text.is_char_boundary(cut)) {
                let prefix = &text[..cut];
                let want = toml_only_scan(prefix);
                assert_same_scan(
                    &scan(prefix.as_bytes()),
                    &want,
                    &format!("{name} cut {cut}: {prefix:?}"),
                );
                let mut seen = Vec::new();
                let each = scan_each(prefix.as_bytes(), |e| seen.push(e));
                assert_eq!(seen, want.entries, "{name} cut {cut}");
                assert!(each.entries.is_empty());
            }
        }
    }

    #[test]
    fn the_written_date_reader_reads_what_jiff_reads() {
        let times = [
            "00:00:00", "23:59:59", "12:34:56", "24:00:00", "23:60:00", "23:59:60",
        ];
        let years = [
            0, 1, 4, 99, 100, 400, 1582, 1600, 1700, 1899, 1900, 1969, 1970, 1971, 2000, 2023,
            2024, 2100, 2400, 9996, 9998, 9999,
        ];
        for year in years {
            for month in 0..=13 {
                for day in 0..=32 {
                    for time in times {
                        let v = format!("{year:04}-{month:02}-{day:02}T{time}Z");
                        let hand = written_at(v.as_bytes());
                        let jiff = v.parse::<jiff::Timestamp>().ok();
                        if hand.is_some() {
                            assert_eq!(hand, jiff, "{v}");
                        } else if year < 9999 && !time.ends_with(":60") {
                            assert_eq!(jiff, None, "{v} is read by jiff but not by hand");
                        }
                    }
                }
            }
        }
        // Instants across the whole range, as `render` writes them.
        let step = 86_400 * 37 + 3_607;
        let (min, max) = (
            second_of("0000-01-01T00:00:00Z"),
            second_of("9998-12-31T23:59:59Z"),
        );
        let mut s = min;
        while s <= max {
            let t = jiff::Timestamp::from_second(s).unwrap();
            let v = t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
            assert_eq!(written_at(v.as_bytes()), Some(t), "{v}");
            s += step;
        }
        for v in [
            "2024-01-01T00:00:00z",
            "2024-01-01t00:00:00Z",
            "2024-01-01 00:00:00Z",
            "2024-01-01T00:00:00.5Z",
            "2024-01-01T00:00Z",
            "+02024-01-01T00:00:00Z",
            "2024-0a-01T00:00:00Z",
            "2024-01-01T00:00:0-Z",
            "2024-01-01T00:00:00+00:00",
            "2024/01/01T00:00:00Z",
            "",
        ] {
            assert_eq!(written_at(v.as_bytes()), None, "{v}");
        }
    }

    #[test]
    fn eight_bytes_at_a_time_read_as_one_at_a_time() {
        let class = |stop: u64, odd: u64, i: usize| {
            let bit = 1u64 << (i * 8 + 7);
            match (stop & bit != 0, odd & bit != 0) {
                (false, false) => PLAIN,
                (false, true) => UNUSUAL,
                (true, false) => STOP,
                (true, true) => panic!("byte {i} both stops and is unusual"),
            }
        };
        // Every byte at every place, amid plain, unusual and stopping bytes.
        for filler in [b'a', b' ', b'~', b'\t', 0x80, 0xff, b'"', 0x1f, 0x7f] {
            for b in 0..=255u8 {
                for at in 0..8 {
                    let mut bytes = [filler; 8];
                    bytes[at] = b;
                    let (stop, odd) = string_bytes(u64::from_le_bytes(bytes));
                    for (i, &byte) in bytes.iter().enumerate() {
                        assert_eq!(
                            class(stop, odd, i),
                            STRING_BYTES[usize::from(byte)],
                            "{bytes:?} byte {i}"
                        );
                    }
                    assert_eq!(stop & !(0x80 * 0x0101_0101_0101_0101), 0);
                    assert_eq!(odd & !(0x80 * 0x0101_0101_0101_0101), 0);
                }
            }
        }
        // Strings of every length around the eight-byte steps, ending anywhere.
        for len in 0..20 {
            for (fill, unusual) in [("a", false), ("é", true), ("\t", true)] {
                let inner: String = fill.repeat(len);
                for tail in ["\"\n", "\"\r\n", "\"", "\\\"\n", "\u{1}\"\n", "\"x\n", ""] {
                    // At the text's end, and followed by more (read eight bytes at a time).
                    for after in ["", "reviewer = \"kim\"\n"] {
                        let text = format!("\"{inner}{tail}{after}");
                        let mut c = Cursor {
                            rest: &text,
                            text_len: text.len(),
                            lines: 0,
                        };
                        let read = c.string();
                        let whole = tail == "\"\n" || tail == "\"\r\n";
                        assert_eq!(read.is_some(), whole, "{text:?}");
                        if let Some(plain) = read {
                            assert_eq!(
                                (plain.text, plain.unusual),
                                (inner.as_str(), unusual && len > 0)
                            );
                            assert_eq!((c.rest, c.lines), (after, 1));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_written_statuses_are_the_statuses() {
        for &status in Status::ALL {
            let text = format!("\"{}\"\n", status.as_str());
            let mut c = Cursor {
                rest: &text,
                text_len: text.len(),
                lines: 0,
            };
            assert_eq!(c.status(), Some(status));
            assert_eq!(c.rest, "");
        }
    }

    fn second_of(s: &str) -> i64 {
        s.parse::<jiff::Timestamp>().unwrap().as_second()
    }

    #[test]
    fn visiting_gives_the_entries_scan_and_peek_collect_and_peek_keeps_the_text() {
        let whole = render(&decision("a", Status::Verified, Some("확인"), 0));
        let typo = "[[decision]]\nclaim = \"b\"\nstatus = \"verified\"\nreveiwer = \"x\"\nreviewer = \"kim\"\nat = 2026-01-01T00:00:00Z\n\n";
        let content = format!("\u{feff}# notes\n\n{whole}{typo}{whole}[[decision]]\nclaim = \"c");
        let (_d, path) = journal_with(content.as_bytes());
        let collected = scan(content.as_bytes());
        assert_eq!(collected.entries.len(), 3);
        assert_eq!(
            collected.entries.iter().map(|e| e.line).collect::<Vec<_>>(),
            [3, 10, 17]
        );
        let mut seen = Vec::new();
        let each = scan_each(content.as_bytes(), |e| seen.push(e));
        assert_eq!(seen, collected.entries);
        assert!(each.entries.is_empty());
        assert_eq!(each.torn, collected.torn);
        assert_eq!(
            each.torn.map(|t| (t.offset, t.line)),
            Some((content.rfind("[[").unwrap(), 24))
        );
        assert_eq!(each.unknown_keys, collected.unknown_keys);
        assert_eq!(each.unknown_keys.len(), 1);
        let (peeked, text) = peek(&path).unwrap().unwrap();
        assert_eq!(text, content);
        assert_eq!(peeked.entries, collected.entries);
        assert_eq!(peeked.torn, collected.torn);
        let mut visited = Vec::new();
        let each = peek_each(&path, &mut |e| visited.push(e)).unwrap().unwrap();
        assert_eq!(visited, collected.entries);
        assert!(each.entries.is_empty());
        assert_eq!(each.unknown_keys, collected.unknown_keys);
        // Invalid UTF-8: the same scan as from the bytes, and the text made valid.
        let mut bytes = content.clone().into_bytes();
        bytes.splice(3..3, *b"\xff\n");
        std::fs::write(&path, &bytes).unwrap();
        let (peeked, text) = peek(&path).unwrap().unwrap();
        assert_eq!(text, String::from_utf8_lossy(&bytes));
        let direct = scan(&bytes);
        assert_same_scan(&peeked, &direct, "invalid UTF-8");
        assert_eq!(direct.damaged.map(|d| d.line), Some(1));
        // Nothing to say: nothing said.
        let clean = format!("{whole}{whole}");
        let said = diagnostics(Path::new("r.toml"), &scan(clean.as_bytes()), &[], |_| {
            panic!("no line read when nothing is said")
        });
        assert!(said.diagnostics.is_empty() && said.hidden_warnings == 0);
        assert!(
            peek_each(&path.with_file_name("none.toml"), &mut |_| {})
                .unwrap()
                .is_none()
        );
    }

    proptest::proptest! {
        /// The lines a journal's messages show are its lines, whatever the size of the parts
        /// it is read in, with or without a last line break, CRLF or not.
        #[test]
        fn lines_asked_for_are_the_lines_of_the_text(
            lines in proptest::collection::vec("[a\r\u{e9}]{0,5}", 1..30),
            end in proptest::bool::ANY,
            wanted in proptest::collection::vec(1..35usize, 0..6),
            part in 1..12usize,
        ) {
            let mut text = lines.join("\n");
            if end {
                text.push('\n');
            }
            let mut got = Default::default();
            lines_from(text.as_bytes(), &wanted, &mut got, part);
            let want: rustc_hash::FxHashMap<usize, String> = wanted
                .iter()
                .filter_map(|&w| {
                    let line = text.split('\n').nth(w - 1)?;
                    // Past the last line break there is a line only if the text goes on.
                    let last = w == text.split('\n').count();
                    (!last || !text.ends_with('\n'))
                        .then(|| (w, line.trim_end_matches('\r').to_string()))
                })
                .collect();
            proptest::prop_assert_eq!(got, want);
        }
    }

    /// Read a part at a time, whatever the size of the parts, a journal reads as it does whole.
    #[test]
    fn a_journal_read_in_parts_reads_as_it_does_whole() {
        let entry = |i: i64| render(&decision(&format!("c{i}"), Status::Verified, Some("n"), i));
        let mut pieces: Vec<String> = (0..6).map(entry).collect();
        pieces.insert(2, "[[decision]]\nclaim = \"x\"\nstatus = \"disputed\"\nreviewer = \"kim\"\nlabel = \"typo\"\nat = 2026-01-01T00:00:00Z\n\n".into());
        pieces.insert(4, "[[decision]]\r\nclaim = \"crlf\"\r\nstatus = \"verified\"\r\nreviewer = \"ana\"\r\nat = 2026-01-01T00:00:01Z\r\n\r\n".into());
        let body = pieces.concat();
        let damaged = format!(
            "{}[[decision]]\nclaim = \"d\"\nstatus = \"maybe\"\nreviewer = \"kim\"\nat = 2026-01-01T00:00:00Z\n\n{}",
            &body,
            entry(9)
        );
        let journals = [
            body.clone(),
            format!("# a comment\n\n{body}"),
            format!("\u{feff}{body}"),
            format!("{body}{}", &entry(7)[..30]),
            format!("\u{feff}{body}[[decision]]\nclaim = \"t\"\n"),
            damaged,
            String::new(),
        ];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.toml");
        for (j, journal) in journals.iter().enumerate() {
            std::fs::write(&path, journal).unwrap();
            let whole = scan(journal.as_bytes());
            for part in [1, 7, 50, 333, 4096] {
                let file = File::open(&path).unwrap();
                let mut visited = Vec::new();
                let parts = scan_parts(&file, part, true, &mut |e| visited.push(e), None);
                assert!(parts.error.is_none());
                let parts = parts.scan;
                let at = format!("journal {j}, parts of {part}");
                assert_eq!(visited, whole.entries, "{at}");
                assert_eq!(parts.torn, whole.torn, "{at}");
                assert_eq!(parts.damaged, whole.damaged, "{at}");
                assert_eq!(parts.unknown_keys, whole.unknown_keys, "{at}");
            }
        }
    }

    #[test]
    fn damage_is_reported_at_the_damaged_line_not_the_entry() {
        let entry = |extra: &str| {
            format!(
                "[[decision]]\nclaim = \"b\"\nstatus = \"verified\"\nreviewer = \"kim\"\n{extra}at = 2026-01-01T00:00:00Z\n\n"
            )
        };
        let whole = render(&decision("c", Status::Verified, None, 1));
        // A syntax error on the entry's 5th line (journal line 5).
        let bad_syntax = format!("{}{whole}", entry("note = \"unterminated\n"));
        let damaged = scan(bad_syntax.as_bytes()).damaged.expect("damaged");
        assert_eq!(damaged.line, 5, "{damaged:?}");
        // An `at` without an offset, on the entry's 5th line, after a first entry of 6 lines.
        let no_offset = format!(
            "{whole}{}{whole}",
            entry("").replace("00:00:00Z", "00:00:00")
        );
        let damaged = scan(no_offset.as_bytes()).damaged.expect("damaged");
        assert_eq!(damaged.line, 11, "{damaged:?}");
        assert!(damaged.message.contains("`at`"), "{damaged:?}");
        // A missing key is the entry's fault: its first line.
        let no_claim = format!("{whole}{}{whole}", entry("").replace("claim = \"b\"\n", ""));
        assert_eq!(scan(no_claim.as_bytes()).damaged.expect("damaged").line, 7);
    }

    #[test]
    fn a_torn_entry_met_while_the_lock_stays_busy_is_left_in_place_and_said_so() {
        let whole = render(&decision("a", Status::Verified, None, 0));
        let torn = "[[decision]]\nclaim = \"b\"\n";
        let (_d, path) = journal_with(format!("{whole}{torn}").as_bytes());
        // A process that keeps the lock (an older crosscheck, or a stopped one).
        let holder = File::open(&path).unwrap();
        holder.lock().unwrap();
        let (mut second, replay) = Journal::open(&path);
        assert_eq!(replay.entries.len(), 1);
        assert_eq!(second.torn, Some(Torn::LeftInPlace { line: 7 }));
        assert_eq!(second.read_only(), None, "only busy, not read-only");
        let busy = second
            .append(&decision("c", Status::Verified, None, 1))
            .unwrap_err();
        assert!(matches!(busy, StoreError::Busy { .. }), "{busy:?}");
        assert!(busy.to_string().contains("nothing was written"), "{busy}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            format!("{whole}{torn}"),
            "nothing written while busy"
        );
        holder.unlock().unwrap();
        // Once the lock is free, the next append sets the torn tail aside, then appends.
        second
            .append(&decision("c", Status::Verified, None, 1))
            .unwrap();
        assert!(matches!(second.torn, Some(Torn::SetAside { line: 7, .. })));
        let (_third, replay) = Journal::open(&path);
        assert_eq!(replay.entries.len(), 2);
        drop(holder);
        std::fs::write(&path, format!("{whole}{torn}")).unwrap();
        let holder = File::open(&path).unwrap();
        holder.lock().unwrap();
        let (second, _) = Journal::open(&path);
        let said: Vec<String> = second.notices().iter().map(ToString::to_string).collect();
        let torn_notice = said.iter().find(|n| n.contains("line 7")).expect("said");
        assert!(
            torn_notice.ends_with(&format!("left in {}", path.display())),
            "names the journal, not an empty path: {torn_notice}"
        );
        assert!(!torn_notice.contains("kept in "), "{torn_notice}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            format!("{whole}{torn}"),
            "nothing moved"
        );
    }

    #[test]
    fn blank_lines_and_a_byte_order_mark_before_the_first_entry_read_normally() {
        let whole = render(&decision("a", Status::Verified, None, 0));
        for before in ["\n", "  \n", "\n\n\t\n", "\u{feff}", "\u{feff}\n"] {
            let content = format!("{before}{whole}{whole}");
            let scan = scan(content.as_bytes());
            assert_eq!(scan.damaged, None, "{before:?}");
            assert_eq!(scan.entries.len(), 2, "{before:?}");
        }
        // A torn tail after a BOM is cut at the right byte.
        let content = format!("\u{feff}{whole}[[decision]]\nclaim = \"b");
        let (_d, path) = journal_with(content.as_bytes());
        let (j, replay) = Journal::open(&path);
        assert_eq!(replay.entries.len(), 1);
        assert!(matches!(j.torn, Some(Torn::SetAside { line: 7, .. })));
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            format!("\u{feff}{whole}")
        );
    }

    #[test]
    fn a_complete_last_entry_with_a_mistake_is_damage_not_a_torn_tail() {
        let whole = render(&decision("a", Status::Verified, None, 0));
        let maybe = "[[decision]]\nclaim = \"b\"\nstatus = \"maybe\"\nreviewer = \"kim\"\nat = 2026-01-01T00:00:00Z\n\n";
        let no_offset = "[[decision]]\nclaim = \"b\"\nstatus = \"verified\"\nreviewer = \"kim\"\nat = 2026-01-01T00:00:00\n";
        for (last, bad_line) in [(maybe, 9), (no_offset, 11)] {
            let content = format!("{whole}{last}");
            let (_d, path) = journal_with(content.as_bytes());
            let (mut j, replay) = Journal::open(&path);
            assert_eq!(replay.entries.len(), 1);
            assert_eq!(j.torn, None, "not taken for a crash");
            assert!(
                matches!(j.read_only(), Some(ReadOnly::Damaged(Damage { line, .. })) if *line == bad_line),
                "{:?}",
                j.read_only()
            );
            assert!(j.append(&decision("c", Status::Verified, None, 1)).is_err());
            assert_eq!(
                std::fs::read_to_string(&path).unwrap(),
                content,
                "nothing written or cut"
            );
        }
    }

    #[test]
    fn unknown_keys_are_warned_about_and_controls_are_refused_by_both_readers() {
        let typo = "[[decision]]\nclaim = \"b\"\nstatus = \"verified\"\nreveiwer = \"x\"\nreviewer = \"kim\"\nat = 2026-01-01T00:00:00Z\n\n";
        let scan_ = scan(typo.as_bytes());
        assert_eq!(scan_.entries.len(), 1);
        assert_eq!(
            scan_.unknown_keys,
            vec![UnknownKey {
                line: 4,
                key: "reveiwer".into()
            }]
        );
        let said = diagnostics(Path::new("r.toml"), &scan_, &[], |lines| {
            let mut out = Default::default();
            lines_from(typo.as_bytes(), lines, &mut out, PART);
            out
        })
        .diagnostics;
        assert_eq!(
            said[0].primary.as_ref().unwrap().line_text,
            "reveiwer = \"x\""
        );
        assert_eq!(said.len(), 1);
        assert!(
            said[0].message.contains("unknown key `reveiwer`"),
            "{:?}",
            said[0]
        );
        assert!(
            said[0].message.contains("did you mean `reviewer`?"),
            "{:?}",
            said[0]
        );
        let with_control = render(&decision("a", Status::Verified, Some("x"), 0))
            .replace("note = \"x\"", "note = \"x\u{1b}[31m\"");
        let whole = render(&decision("c", Status::Verified, None, 1));
        let scan_ = scan(format!("{with_control}{whole}").as_bytes());
        assert!(
            scan_.damaged.is_some(),
            "a raw ESC in a string is refused, as TOML does"
        );
    }

    #[test]
    fn comments_before_the_first_entry_are_fine() {
        let content = format!(
            "# review of the NK troops report\n\n{}",
            render(&decision("a", Status::Verified, None, 0))
        );
        let (_d, path) = journal_with(content.as_bytes());
        let (j, replay) = Journal::open(&path);
        assert_eq!(j.read_only(), None);
        assert_eq!(replay.entries[0].line, 3);
    }

    #[test]
    fn default_path_is_beside_the_claims() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.claims.toml");
        std::fs::write(&file, "").unwrap();
        assert_eq!(
            default_path(&[dir.path().to_path_buf()]),
            dir.path().join("review.toml")
        );
        assert_eq!(default_path(&[file]), dir.path().join("review.toml"));
    }
}
