//! A snapshot of a journal's replay, kept in the user's cache directory, so that a large
//! journal is not parsed again each time it is opened: only the entries appended since are.
//!
//! A snapshot names the bytes it covers by their length and a 128-bit digest (XXH3). It is
//! used only when the journal begins with exactly those bytes — checked by reading and
//! digesting them, which costs a tenth of parsing them — and it is only ever a cache: any
//! doubt (another version of crosscheck, a damaged or unreadable snapshot, a journal rewritten
//! in place or cut short) and the journal is read from its start, as without one. Nothing is
//! ever written to the journal's directory.
//!
//! Where: `$CROSSCHECK_CACHE` (a directory, or `off` for no snapshots), else
//! `$XDG_CACHE_HOME/crosscheck`, else `~/.cache/crosscheck`; one file per journal, named by a
//! digest of the journal's absolute path.

use std::io::Read;
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::Xxh3;

pub use crate::cache::Seen;

/// What a snapshot covers: a journal's first `len` bytes (complete entries only), the
/// `lines` line breaks among them, and their digest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prefix {
    pub len: u64,
    pub lines: usize,
    pub digest: u128,
    /// The journal file as it was when read, if it had not changed for a while then: a
    /// journal that still has this identity, size and times is taken as unchanged without
    /// digesting it (see [`Seen`]).
    pub seen: Option<Seen>,
}

/// Where snapshots are kept, and from what size a journal has one.
#[derive(Clone, Debug)]
pub struct Cache {
    pub dir: PathBuf,
    /// Smaller journals are parsed in less time than a snapshot takes to check.
    pub smallest: u64,
}

/// A journal smaller than this gets no snapshot: it is parsed in about 2 ms.
pub const SMALLEST: u64 = 1 << 20;

/// Snapshots are rewritten once the entries parsed past them are this share of what they
/// cover (1/8), and at least [`SMALLEST`]: each run then parses at most an eighth more.
const REWRITE_SHARE: u64 = 8;

impl Cache {
    /// The user's cache, as the environment says (`None`: snapshots are off, or there is no
    /// home to keep them in).
    pub fn from_env() -> Option<Cache> {
        let dir = crate::cache::dir_from_env()?;
        Some(Cache {
            dir,
            smallest: SMALLEST,
        })
    }

    /// The snapshot file of the journal at `journal`, by a digest of its absolute path.
    pub fn file_for(&self, journal: &Path) -> Option<PathBuf> {
        let absolute = std::path::absolute(journal).ok()?;
        let key = xxhash_rust::xxh3::xxh3_128(absolute.as_os_str().as_encoded_bytes());
        Some(self.dir.join(format!("journal-{key:032x}.snapshot")))
    }

    /// Whether a journal whose first `read` bytes were read (complete entries), of which a
    /// snapshot covered `had` bytes (0: none), deserves a new snapshot.
    pub fn worth_writing(&self, read: u64, had: u64) -> bool {
        read >= self.smallest && read - had.min(read) >= self.smallest.max(had / REWRITE_SHARE)
    }
}

/// The start of every snapshot file; the version is crosscheck's own, so that a snapshot
/// written by any other build's code is never read.
const MAGIC: &[u8] = b"crosscheck journal snapshot\n";

/// The build a snapshot was written by (see [`crate::cache::BUILD`]): a snapshot written by
/// any other code is never read.
fn version() -> &'static [u8] {
    crate::cache::BUILD.as_bytes()
}

/// Where, in a snapshot file, what follows the magic and version starts: the covered length,
/// lines and digest.
#[cfg(test)]
pub fn header_start() -> usize {
    MAGIC.len() + version().len()
}

/// A snapshot's payload as it is written: blocks of at most a few hundred kilobytes (but for
/// one huge claim), each read back whole, so that a reader holds one block at a time.
#[derive(Default)]
pub struct Blocks {
    out: Vec<u8>,
    /// A block too large to frame was written: the payload is not to be saved.
    failed: bool,
}

impl Blocks {
    /// Add a block of `value` (postcard's compact form of serde's data model).
    pub fn block(&mut self, value: &impl serde::Serialize) {
        let at = self.out.len();
        self.out.extend_from_slice(&[0; 4]);
        match postcard::to_extend(value, std::mem::take(&mut self.out)) {
            Ok(out) => self.out = out,
            Err(_) => {
                self.failed = true;
                return;
            }
        }
        match u32::try_from(self.out.len() - at - 4) {
            Ok(len) => self.out[at..at + 4].copy_from_slice(&len.to_le_bytes()),
            Err(_) => self.failed = true,
        }
    }
}

/// What a snapshot covers, as its header holds it (after the magic and the version).
#[derive(serde::Serialize, serde::Deserialize)]
struct Head {
    len: u64,
    lines: u64,
    digest: u128,
    seen: Option<Seen>,
}

/// The most bytes a header can take (postcard writes its numbers in at most 19 bytes each).
const LONGEST_HEAD: usize = 256;

/// A snapshot being read from the cache: what it covers, then its payload a block at a time.
pub struct Reader {
    pub prefix: Prefix,
    file: std::fs::File,
    /// Bytes of the file not read yet.
    left: u64,
    block: Vec<u8>,
    hasher: Xxh3,
    digest: u128,
}

/// The size of what is read at a time while digesting, and the size of a snapshot's blocks.
pub const BLOCK: usize = 1 << 18;

/// Open the snapshot at `file`, if it is of this version and a journal of `journal_len` bytes
/// can begin with what it covers. Any failure is `None`: a snapshot is only a cache.
pub fn open(file: &Path, journal_len: u64) -> Option<Reader> {
    // A FIFO or a device is no snapshot.
    let mut file = crate::cache::open_regular(file)?;
    let mut left = file.metadata().ok()?.len();
    let mut take = |n: usize| -> Option<Vec<u8>> {
        let mut bytes = vec![0; n];
        file.read_exact(&mut bytes).ok()?;
        left = left.checked_sub(n as u64)?;
        Some(bytes)
    };
    if take(MAGIC.len())? != MAGIC || take(version().len())? != version() {
        return None;
    }
    // What the digest at the end of the header covers: the rest of it, and the payload.
    let mut hasher = Xxh3::new();
    let head_len = u32::from_le_bytes(take(4)?.try_into().ok()?) as usize;
    if head_len > LONGEST_HEAD {
        return None;
    }
    let head = take(head_len)?;
    hasher.update(&head);
    let Head {
        len,
        lines,
        digest,
        seen,
    } = postcard::from_bytes(&head).ok()?;
    let payload_digest = u128::from_le_bytes(take(16)?.try_into().ok()?);
    let prefix = Prefix {
        len,
        lines: usize::try_from(lines).ok()?,
        digest,
        seen,
    };
    // No more line breaks than bytes: what is read back is trusted only as far as it can be.
    (prefix.len <= journal_len && lines <= len).then_some(Reader {
        prefix,
        file,
        left,
        block: Vec::new(),
        hasher,
        digest: payload_digest,
    })
}

impl Reader {
    /// The next block of the payload; `Some(None)` after the last, when the payload was whole
    /// and its digest matched (what was read before is then sound); `None` when it was not.
    pub fn next_block(&mut self) -> Option<Option<&[u8]>> {
        let mut len = [0; 4];
        self.file.read_exact(&mut len).ok()?;
        self.hasher.update(&len);
        self.left = self.left.checked_sub(4)?;
        let n = u32::from_le_bytes(len) as usize;
        if n == 0 {
            return (self.left == 0 && self.hasher.digest128() == self.digest).then_some(None);
        }
        // A damaged length never asks for more than the file holds.
        self.left = self.left.checked_sub(n as u64)?;
        self.block.resize(n, 0);
        self.file.read_exact(&mut self.block).ok()?;
        self.hasher.update(&self.block);
        Some(Some(&self.block))
    }
}

/// Write a snapshot of `prefix` with the payload `blocks` to `file`, whole or not at all (a
/// file beside it, renamed over it). Failures are ignored: without a snapshot the journal is
/// parsed.
pub fn save(file: &Path, prefix: Prefix, blocks: Blocks) {
    let Some(dir) = file.parent() else { return };
    if blocks.failed {
        return;
    }
    let mut payload = blocks.out;
    // The last block: an empty one.
    payload.extend_from_slice(&[0; 4]);
    let _ = std::fs::create_dir_all(dir);
    let head = Head {
        len: prefix.len,
        lines: prefix.lines as u64,
        digest: prefix.digest,
        seen: prefix.seen,
    };
    let Ok(head) = postcard::to_allocvec(&head) else {
        return;
    };
    let mut hasher = Xxh3::new();
    hasher.update(&head);
    hasher.update(&payload);
    let mut start = Vec::with_capacity(MAGIC.len() + version().len() + 4 + head.len() + 16);
    start.extend_from_slice(MAGIC);
    start.extend_from_slice(version());
    start.extend_from_slice(&(head.len() as u32).to_le_bytes());
    start.extend_from_slice(&head);
    start.extend_from_slice(&hasher.digest128().to_le_bytes());
    // Readable by its owner only (the journal's notes are in it).
    crate::cache::write_private(file, &[&start, &payload]);
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    forget_abandoned(dir, &name);
}

/// A file being written that is older than this was left by a process that died writing it.
const ABANDONED: std::time::Duration = std::time::Duration::from_secs(3600);

/// Remove what writers of the snapshot `name` in `dir` that died left behind (each as large as
/// a snapshot), so that nothing piles up in the cache.
fn forget_abandoned(dir: &Path, name: &str) {
    let ours = format!(".{name}.");
    crate::cache::remove_older(dir, |n| n.starts_with(&ours), ABANDONED);
}

/// Digest the first `len` bytes of `file` (read from where it stands) into `hasher`; false
/// when there are fewer.
pub fn digest_from(mut file: &std::fs::File, len: u64, hasher: &mut Xxh3) -> bool {
    let mut buf = vec![0; (len.min(BLOCK as u64) as usize).max(1)];
    let mut left = len;
    while left > 0 {
        let want = left.min(buf.len() as u64) as usize;
        match file.read(&mut buf[..want]) {
            Ok(0) => return false,
            Ok(n) => {
                hasher.update(&buf[..n]);
                left -= n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The blocks of the snapshot at `file`, if it is sound.
    fn read_back(file: &Path, journal_len: u64) -> Option<(Prefix, Vec<Vec<u8>>)> {
        let mut reader = open(file, journal_len)?;
        let mut blocks = Vec::new();
        while let Some(block) = reader.next_block()? {
            blocks.push(block.to_vec());
        }
        Some((reader.prefix, blocks))
    }

    #[test]
    fn a_snapshot_is_read_back_only_when_whole_and_of_this_version() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s.snapshot");
        let meta = std::fs::metadata(dir.path()).unwrap();
        let prefix = Prefix {
            len: 10,
            lines: 3,
            digest: 42,
            seen: Some(Seen::of(&meta)),
        };
        let mut blocks = Blocks::default();
        blocks.block(&"one");
        blocks.block(&(2u8, "two"));
        save(&file, prefix, blocks);
        let (read, blocks) = read_back(&file, 10).expect("read back");
        assert_eq!(read, prefix);
        assert_eq!(blocks, [b"\x03one".to_vec(), b"\x02\x03two".to_vec()]);
        // A journal shorter than what the snapshot covers cannot begin with it.
        assert!(read_back(&file, 9).is_none());
        let bytes = std::fs::read(&file).unwrap();
        // Any byte of the payload or its digest changed, or the file cut short or made
        // longer: not read.
        let header = header_start();
        for at in [
            0,
            header - 2,
            header,
            header + 9,
            header + 20,
            bytes.len() - 5,
        ] {
            let mut damaged = bytes.clone();
            damaged[at] ^= 1;
            std::fs::write(&file, &damaged).unwrap();
            assert!(read_back(&file, 10).is_none(), "byte {at} changed");
        }
        for cut in 1..20 {
            std::fs::write(&file, &bytes[..bytes.len() - cut]).unwrap();
            assert!(read_back(&file, 10).is_none(), "{cut} bytes cut");
        }
        std::fs::write(&file, [&bytes[..], b"x"].concat()).unwrap();
        assert!(read_back(&file, 10).is_none());
        // Another version's snapshot is not read.
        let version = String::from_utf8(version().to_vec()).unwrap();
        let other = String::from_utf8_lossy(&bytes).replace(&version, "0.1.0 format 1 0\n");
        std::fs::write(&file, other.as_bytes()).unwrap();
        assert!(read_back(&file, 10).is_none());
    }

    #[test]
    fn what_a_writer_that_died_left_is_removed_when_an_hour_old() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("j.snapshot");
        let old = dir.path().join(".j.snapshot.1.2");
        let new = dir.path().join(".j.snapshot.3.4");
        let other = dir.path().join(".k.snapshot.1.2");
        for f in [&old, &new, &other] {
            std::fs::write(f, b"half").unwrap();
        }
        let hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        for f in [&old, &other] {
            std::fs::File::options()
                .write(true)
                .open(f)
                .unwrap()
                .set_modified(hours_ago)
                .unwrap();
        }
        let prefix = Prefix {
            len: 0,
            lines: 0,
            digest: 0,
            seen: None,
        };
        save(&file, prefix, Blocks::default());
        assert!(file.exists() && new.exists() && other.exists());
        assert!(!old.exists());
    }

    #[test]
    fn a_snapshot_is_rewritten_when_an_eighth_more_was_parsed() {
        let cache = Cache {
            dir: PathBuf::new(),
            smallest: 100,
        };
        assert!(!cache.worth_writing(99, 0));
        assert!(cache.worth_writing(100, 0));
        assert!(!cache.worth_writing(1000, 901));
        assert!(!cache.worth_writing(1000, 900));
        assert!(cache.worth_writing(1000, 880));
        assert!(!cache.worth_writing(10_000, 9_000));
        assert!(cache.worth_writing(10_000, 8_750));
    }
}
