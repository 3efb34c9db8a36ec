//! The user's cache directory, shared by what crosscheck keeps there: journal snapshots
//! (`store::snapshot`) and checked claim files (`load::cached`). Everything in it is only a
//! cache: deleting it, or `CROSSCHECK_CACHE=off`, changes no output, only how long it takes.

use std::path::{Path, PathBuf};

/// The build that wrote what is in the cache: crosscheck's version and a digest of all its
/// source, its dependencies' versions and the compiler (made by `build.rs`), so that nothing
/// written by other code is ever read back — the version number alone does not change with
/// every build.
pub const BUILD: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " ",
    env!("CROSSCHECK_SOURCE_DIGEST"),
    "\n"
);

/// The cache directory the environment names: `$CROSSCHECK_CACHE` (`off`, in any case: none),
/// else `$XDG_CACHE_HOME/crosscheck`, else `~/.cache/crosscheck`; `None` without a home to
/// keep it in.
pub fn dir_from_env() -> Option<PathBuf> {
    Some(match std::env::var_os("CROSSCHECK_CACHE") {
        Some(v) if v.eq_ignore_ascii_case("off") => return None,
        // A relative directory is taken from where crosscheck runs, once.
        Some(v) if !v.is_empty() => std::path::absolute(v).ok()?,
        _ => match std::env::var_os("XDG_CACHE_HOME") {
            Some(v) if Path::new(&v).is_absolute() => PathBuf::from(v).join("crosscheck"),
            _ => match std::env::var_os("HOME") {
                Some(home) if Path::new(&home).is_absolute() => {
                    PathBuf::from(home).join(".cache").join("crosscheck")
                }
                _ => return None,
            },
        },
    })
}

/// A file's identity, size, and times of last change, as `stat` gives them.
///
/// Taken as proof that a file is unchanged only when its last change was a second or more
/// before it was read, as git does for its index: a change made later sets the change time
/// (`ctime`, which no program can set back) to a later time, so the times differ. A change
/// within the same clock tick as the read could leave them equal: that is why a file changed
/// just before it was read is digested every time instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Seen {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
}

impl Seen {
    pub fn of(meta: &std::fs::Metadata) -> Seen {
        use std::os::unix::fs::MetadataExt;
        Seen {
            dev: meta.dev(),
            ino: meta.ino(),
            size: meta.len(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
            ctime: (meta.ctime(), meta.ctime_nsec()),
        }
    }

    /// Whether the file was last changed at least a second before `read` (when reading it
    /// began).
    pub fn settled_before(&self, read: std::time::SystemTime) -> bool {
        let Ok(read) = read.duration_since(std::time::UNIX_EPOCH) else {
            return false;
        };
        let read = i128::from(read.as_secs()) * 1_000_000_000 + i128::from(read.subsec_nanos());
        let changed = i128::from(self.ctime.0) * 1_000_000_000 + i128::from(self.ctime.1);
        changed + 1_000_000_000 <= read
    }
}

/// Remove the files in `dir` whose names `ours` accepts and that were last written more than
/// `age` ago (what a cache no longer needs). Failures are ignored.
pub fn remove_older(dir: &Path, ours: impl Fn(&str) -> bool, age: std::time::Duration) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let old = entry.file_name().to_str().is_some_and(&ours)
            && entry
                .metadata()
                .ok()
                .and_then(|meta| meta.modified().ok())
                .and_then(|at| at.elapsed().ok())
                .is_some_and(|elapsed| elapsed > age);
        if old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Write `parts` to `file`, whole or not at all, readable by its owner only: to a new file
/// beside it (created, never opened if something is there: a link or a FIFO put in its place
/// is neither followed nor waited on), renamed over it. Whether it was written; failures are
/// otherwise ignored (what is cached is only ever a cache). The temporary files of a writer
/// that died start with `.NAME.` (see [`remove_older`]).
pub fn write_private(file: &Path, parts: &[&[u8]]) -> bool {
    use std::io::Write;
    let Some(dir) = file.parent() else {
        return false;
    };
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let temporary = dir.join(format!(".{name}.{}.{stamp}", std::process::id()));
    let create = || {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temporary)
    };
    let written = create()
        .or_else(|_| {
            std::fs::create_dir_all(dir)?;
            create()
        })
        .and_then(|mut out| parts.iter().try_for_each(|part| out.write_all(part)));
    let renamed = written.and_then(|()| std::fs::rename(&temporary, file));
    if renamed.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    renamed.is_ok()
}

/// `path` opened to read, if it is a regular file: opened without waiting (a FIFO or a device
/// put in a cache file's place never blocks), then looked at.
pub fn open_regular(path: &Path) -> Option<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .ok()?;
    file.metadata().ok()?.is_file().then_some(file)
}
