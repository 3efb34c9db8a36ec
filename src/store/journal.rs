//! The review journal file: every decision appended to a TOML file and synced before it counts,
//! by any number of processes at once, each holding the lock only while it appends. It is never
//! rewritten; replay takes the last decision per claim. A torn last entry (a crash
//! mid-write) is set aside and cut off; damage anywhere else makes the journal read-only.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::decision::{Decision, Entry, Status};
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::fs_error::{self, Access};
use crate::sanitize;
use crate::store::{Changes, Damage, Notice, ReadOnly, Replay, Store, StoreError, Torn};

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
            return (journal, Replay::default());
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
            return (journal, Replay::default());
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
        let entries = journal.catch_up(&file, held.is_some());
        drop(held);
        journal.file = Some(file);
        (journal, Replay { entries })
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
        use std::io::{Seek, SeekFrom};
        let mut bytes = Vec::new();
        let mut reader = file;
        let read = reader
            .seek(SeekFrom::Start(self.read_to))
            .and_then(|_| reader.read_to_end(&mut bytes));
        if let Err(e) = read {
            self.read_only = Some(ReadOnly::Unwritable {
                reason: fs_error::reason(&e, &self.path, Access::Read),
            });
            return Vec::new();
        }
        let mut scan = if self.read_to == 0 {
            scan(&bytes)
        } else {
            scan_utf8(&bytes)
        };
        let lines = self.lines;
        for entry in &mut scan.entries {
            entry.line += lines;
        }
        let mut consumed = bytes.len();
        if let Some(mut damage) = scan.damaged {
            damage.line += lines;
            self.read_only = Some(ReadOnly::Damaged(damage));
        } else if let Some(torn) = scan.torn {
            consumed = torn.offset;
            let line = torn.line + lines;
            let at = self.read_to + torn.offset as u64;
            self.torn = Some(if locked && self.read_only.is_none() {
                match self.set_aside(&bytes[torn.offset..], at) {
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
        self.lines += memchr::memchr_iter(b'\n', &bytes[..consumed]).count();
        scan.entries
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
    let cannot_read = |reason: String| StoreError::Read {
        location: sanitize::line(&path.to_string_lossy()).into_owned(),
        reason,
    };
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
    {
        return Err(cannot_read("it is not a regular file".into()));
    }
    // Under a shared lock, so that an entry another process is appending right now is not
    // mistaken for a torn one; when the lock stays busy, read anyway.
    let read = File::open(path).and_then(|file| {
        let held = hold(&file, false).ok();
        let mut bytes = Vec::new();
        (&file).read_to_end(&mut bytes)?;
        drop(held);
        Ok(bytes)
    });
    match read {
        Ok(bytes) => Ok(Some((
            scan(&bytes),
            String::from_utf8_lossy(&bytes).into_owned(),
        ))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(cannot_read(fs_error::reason(&e, path, Access::Read))),
    }
}

/// What `check` and `export` say about a journal: damage is an error; a torn last entry and
/// decisions on claims no file declares are warnings.
pub fn diagnostics(path: &Path, text: &str, scan: &Scan, orphans: &[Entry]) -> Vec<Diagnostic> {
    let lines = LineIndex::new(text);
    // One index of line starts for every message: a journal with many orphans stays linear.
    let label = |line: usize, message: &str| {
        let offset = lines.line_start(line, text);
        lines.label(path, text, offset..offset, message)
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
    for UnknownKey { line, key } in &scan.unknown_keys {
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
    for orphan in orphans {
        out.push(
            Diagnostic::warning(path, format!("decision on claim `{}`, which no loaded file declares", orphan.decision.claim))
                .at(label(orphan.line, "kept in the journal"))
                .help("the decision is kept; load the file that declares the claim, or ignore this if the claim was removed on purpose"),
        );
    }
    out
}

pub fn scan(bytes: &[u8]) -> Scan {
    // A byte order mark (some editors write one) is no part of the first entry.
    const BOM: &[u8] = "\u{feff}".as_bytes();
    if let Some(rest) = bytes.strip_prefix(BOM) {
        let mut scan = scan_utf8(rest);
        if let Some(torn) = &mut scan.torn {
            torn.offset += BOM.len();
        }
        return scan;
    }
    scan_utf8(bytes)
}

fn scan_utf8(bytes: &[u8]) -> Scan {
    match std::str::from_utf8(bytes) {
        Ok(text) => scan_text(text),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            // Only the valid prefix can be trusted; `valid_up_to` is a char boundary.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            if e.error_len().is_none() {
                // Cut inside a character at the very end: a torn write.
                return scan_text(prefix);
            }
            let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
            let line = prefix.matches('\n').count() + 1;
            let mut scan = scan_text(&prefix[..line_start]);
            scan.torn = None;
            scan.damaged.get_or_insert(Damage {
                line,
                message: "invalid UTF-8".into(),
            });
            scan
        }
    }
}

fn scan_text(text: &str) -> Scan {
    let blocks = split_blocks(text);
    let mut scan = Scan::default();
    for (i, block) in blocks.iter().enumerate() {
        let is_last = i + 1 == blocks.len();
        let unterminated = is_last && !text.ends_with('\n');
        match parse_block(block, unterminated) {
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
    }
    scan
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

fn split_blocks(text: &str) -> Vec<Block<'_>> {
    // Entries are split at table headers. A line starting with `[` is always a header here:
    // values are one-line strings and dates. A torn header (`[[deci`) still starts a block.
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
    let unknown = entry
        .keys()
        .filter(|k| !KEYS.contains(&k.as_str()))
        .map(|k| (key_line(block.text, k).unwrap_or(0), k.clone()))
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

/// What TOML does not allow unescaped in a basic string: controls other than tab.
fn is_toml_control(c: char) -> bool {
    (c.is_control() && c != '\t') && (c <= '\u{1f}' || c == '\u{7f}')
}

/// The line (0-based, within the block) where `key = …` is written, if it is.
fn key_line(block: &str, key: &str) -> Option<usize> {
    block.lines().position(|line| {
        line.trim_start()
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    })
}

/// The form `render` writes, read without a TOML parser (replaying 100k decisions is then a
/// matter of milliseconds). Anything else — comments, escapes, other layouts — returns `None`
/// and is read by the TOML parser instead.
fn parse_written_form(block: &str) -> Option<Decision> {
    let mut lines = block.lines();
    if lines.next()? != HEADER_LINE {
        return None;
    }
    let (mut claim, mut status, mut note, mut reviewer, mut at) = (None, None, None, None, None);
    let mut fingerprint = None;
    let mut fields = None;
    for line in lines {
        if line.is_empty() {
            continue;
        }
        let (key, value) = line.split_once(" = ")?;
        let plain_string = || {
            let inner = value.strip_prefix('"')?.strip_suffix('"')?;
            // Escapes, and control characters (which TOML refuses in a string), are left to
            // the TOML reader, so both readers accept and refuse the same entries.
            let plain = !inner.contains(['"', '\\']) && !inner.chars().any(is_toml_control);
            plain.then(|| inner.to_string())
        };
        match key {
            "claim" if claim.is_none() => claim = Some(plain_string()?),
            "status" if status.is_none() => status = Some(Status::parse(&plain_string()?)?),
            "note" if note.is_none() => note = Some(plain_string()?),
            "reviewer" if reviewer.is_none() => reviewer = Some(plain_string()?),
            "fingerprint" if fingerprint.is_none() => {
                fingerprint = Some(crate::fingerprint::parse(&plain_string()?)?)
            }
            "fields" if fields.is_none() => {
                fields = Some(crate::fingerprint::parse_fields(&plain_string()?)?)
            }
            "at" if at.is_none() && value.ends_with('Z') => {
                at = Some(value.parse::<jiff::Timestamp>().ok()?)
            }
            _ => return None,
        }
    }
    Some(Decision {
        claim: sanitize::line(&claim?).into_owned(),
        status: status?,
        note: note.map(|n| sanitize::line(&n).into_owned()),
        reviewer: sanitize::line(&reviewer?).into_owned(),
        fingerprint,
        fields,
        at: at?,
    })
}

#[cfg(test)]
mod tests {
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
            let toml = {
                let table: toml::Table = toml::from_str(&text).unwrap();
                assert!(table.contains_key("decision"));
                parse_block(
                    &Block {
                        text: &format!("# force the toml reader\n{text}"),
                        line: 1,
                        offset: 0,
                        is_entry: true,
                    },
                    false,
                )
            };
            assert_eq!(parse_block(&block, false).unwrap().unwrap().decision, *d);
            assert_eq!(toml.unwrap().unwrap().decision, *d);
            // Escaped strings are left to the TOML reader.
            assert_eq!(
                fast.is_none(),
                d.note.as_deref().is_some_and(|n| n.contains('"'))
            );
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
        let said = diagnostics(Path::new("r.toml"), typo, &scan_, &[]);
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
