//! A large file written to disk as it is made, by a thread of its own, so that making it never
//! waits for the disk and the sync before the rename has little left to do.
//!
//! What is written is gathered in chunks of [`CHUNK`] bytes. Each full chunk goes to the writing
//! thread, which writes it straight to disk (`O_DIRECT`): from the chunk's own memory, without
//! a copy into the page cache or the writeback of that copy. For a summary of 160 MB that copy
//! and its writeback cost the system more than making the summary does (measured on this
//! project's VM; see docs/perf-notes.md). Where the file system refuses direct writes, chunks
//! are written through the page cache instead, synced each [`SYNC_EVERY`] bytes and then let go
//! of, so that the memory holding what is on disk holds what comes next. The last chunk, and a
//! file smaller than one chunk, is written through the page cache. Data written directly is
//! not kept in memory: reading the file afterwards reads the disk.

use std::fs::File;
use std::io::Write;
use std::sync::mpsc::{Receiver, SyncSender};
use std::thread::{Scope, ScopedJoinHandle};

/// The bytes of a chunk: a multiple of every block size a direct write may require.
pub(super) const CHUNK: usize = 4 << 20;

/// What a direct write's memory, length and place in the file are aligned to.
const ALIGN: usize = 4096;

/// Chunks in use at once at most: one being filled, one being written, one waiting.
const CHUNKS: usize = 3;

/// How many bytes written through the page cache are synced at a time.
pub(super) const SYNC_EVERY: usize = 16 << 20;

/// How a file is written: straight to disk when it can be, and how it is synced otherwise
/// (tests count or fail syncs).
#[derive(Clone, Copy)]
pub(super) struct Way {
    pub direct: bool,
    pub sync: fn(&File) -> std::io::Result<()>,
}

/// Chunk-sized memory aligned for direct writes: an aligned window into a vector.
struct Chunk {
    memory: Vec<u8>,
    start: usize,
    len: usize,
    /// The file's last chunk: written through the page cache, its length being any.
    last: bool,
}

impl Chunk {
    fn new() -> Self {
        let memory = vec![0; CHUNK + ALIGN];
        let start = memory.as_ptr().align_offset(ALIGN).min(ALIGN);
        Chunk {
            memory,
            start,
            len: 0,
            last: false,
        }
    }

    fn bytes(&self) -> &[u8] {
        &self.memory[self.start..self.start + self.len]
    }

    /// Copy as much of `buf` as fits; how much that was.
    fn fill(&mut self, buf: &[u8]) -> usize {
        let room = &mut self.memory[self.start + self.len..self.start + CHUNK];
        let n = room.len().min(buf.len());
        room[..n].copy_from_slice(&buf[..n]);
        self.len += n;
        n
    }

    fn is_full(&self) -> bool {
        self.len == CHUNK
    }
}

/// The writing thread's side: the file, and how far it has got.
struct Writer<'f> {
    file: &'f File,
    way: Way,
    /// Whether the file is open for direct writes now.
    direct: bool,
    written: u64,
    unsynced: usize,
}

impl Writer<'_> {
    fn new(file: &File, way: Way) -> Writer<'_> {
        Writer {
            file,
            way,
            direct: false,
            written: 0,
            unsynced: 0,
        }
    }

    /// Write a chunk whole: directly unless it is the last one or the file refuses.
    fn put(&mut self, chunk: &Chunk) -> std::io::Result<()> {
        let want_direct = self.way.direct && !chunk.last;
        // A refusal (a file system without direct writes) leaves the file as it was, and is
        // not asked again.
        if want_direct != self.direct {
            if set_direct(self.file, want_direct) {
                self.direct = want_direct;
            } else if want_direct {
                self.way.direct = false;
            }
        }
        let bytes = chunk.bytes();
        let mut done = 0;
        while done < bytes.len() {
            match self.file.write(&bytes[done..]) {
                Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
                Ok(n) => {
                    done += n;
                    self.written += n as u64;
                    if !self.direct {
                        self.unsynced += n;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                // Refused as written (an alignment the file system wants larger): the rest
                // through the page cache.
                Err(e) if self.direct && e.raw_os_error() == Some(libc::EINVAL) => {
                    self.direct = !set_direct(self.file, false);
                    if self.direct {
                        return Err(e);
                    }
                    self.way.direct = false;
                }
                Err(e) => return Err(e),
            }
        }
        if self.unsynced >= SYNC_EVERY && !chunk.last {
            self.unsynced = 0;
            (self.way.sync)(self.file)?;
            forget_written(self.file, self.written);
        }
        Ok(())
    }
}

/// Open `file` for direct writes or not; whether that was done.
fn set_direct(file: &File, direct: bool) -> bool {
    use std::os::fd::AsRawFd;
    let fd = file.as_raw_fd();
    // SAFETY: plain system calls on a file descriptor that `file` keeps open.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags < 0 {
            return false;
        }
        let flags = if direct {
            flags | libc::O_DIRECT
        } else {
            flags & !libc::O_DIRECT
        };
        libc::fcntl(fd, libc::F_SETFL, flags) == 0
    }
}

/// Let the system drop the first `bytes` of `file` from memory, synced to disk already: the
/// memory that held what is on disk holds what comes next, instead of new memory for every
/// megabyte written. A hint: it cannot change what the file holds.
fn forget_written(file: &File, bytes: u64) {
    use std::os::fd::AsRawFd;
    let Ok(bytes) = libc::off_t::try_from(bytes) else {
        return;
    };
    // SAFETY: a plain system call on a file descriptor that `file` keeps open.
    unsafe { libc::posix_fadvise(file.as_raw_fd(), 0, bytes, libc::POSIX_FADV_DONTNEED) };
}

/// A file written in chunks by a thread of its own (see the module's documentation). The
/// thread is started with the first full chunk: a small file never has one.
pub(super) struct Streamed<'scope, 'env> {
    file: &'env File,
    way: Way,
    scope: &'scope Scope<'scope, 'env>,
    filling: Option<Chunk>,
    made: usize,
    thread: Thread<'scope, 'env>,
    /// An error was returned: every write after it fails too (bytes taken before it may be
    /// lost, so the file must never be finished as if they were not).
    failed: bool,
}

enum Thread<'scope, 'env> {
    NotYet,
    /// Full chunks go to it; chunks written come back.
    Running {
        to: SyncSender<Chunk>,
        back: Receiver<Chunk>,
        handle: ScopedJoinHandle<'scope, std::io::Result<()>>,
    },
    /// No thread could be started: chunks are written here, as they fill.
    Here(Writer<'env>),
}

impl<'scope, 'env> Streamed<'scope, 'env> {
    pub fn new(file: &'env File, way: Way, scope: &'scope Scope<'scope, 'env>) -> Self {
        Streamed {
            file,
            way,
            scope,
            filling: None,
            made: 0,
            thread: Thread::NotYet,
            failed: false,
        }
    }

    /// Hand a full chunk over, and have an empty one to fill.
    fn hand_over(&mut self, chunk: Chunk) -> std::io::Result<()> {
        if let Thread::NotYet = self.thread {
            self.thread = self.start();
        }
        let spare = match &mut self.thread {
            Thread::Running { to, back, .. } => {
                if to.send(chunk).is_ok() {
                    match back.try_recv() {
                        Ok(spare) => Ok(Some(spare)),
                        Err(_) if self.made < CHUNKS => Ok(None),
                        Err(_) => back.recv().map(Some).map_err(drop),
                    }
                } else {
                    Err(())
                }
            }
            Thread::Here(writer) => {
                writer.put(&chunk)?;
                Ok(Some(chunk))
            }
            Thread::NotYet => Ok(None),
        };
        // The thread stopped on an error, which joining it gives.
        let spare = spare.map_err(|_| self.join().err().unwrap_or_else(gone))?;
        self.filling = spare.map(|mut spare| {
            spare.len = 0;
            spare
        });
        Ok(())
    }

    fn start(&self) -> Thread<'scope, 'env> {
        let (to, from) = std::sync::mpsc::sync_channel::<Chunk>(1);
        let (give_back, back) = std::sync::mpsc::sync_channel::<Chunk>(CHUNKS);
        let mut writer = Writer::new(self.file, self.way);
        let started = std::thread::Builder::new().spawn_scoped(self.scope, move || {
            for chunk in from {
                writer.put(&chunk)?;
                // Refused only once the writer side is gone.
                let _ = give_back.send(chunk);
            }
            Ok(())
        });
        match started {
            Ok(handle) => Thread::Running { to, back, handle },
            Err(_) => Thread::Here(Writer::new(self.file, self.way)),
        }
    }

    /// Wait for the thread to have written everything handed to it; its error, if it had one.
    fn join(&mut self) -> std::io::Result<()> {
        if !matches!(self.thread, Thread::Running { .. }) {
            return Ok(());
        }
        match std::mem::replace(&mut self.thread, Thread::NotYet) {
            Thread::Running { to, handle, .. } => {
                drop(to);
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            }
            Thread::NotYet | Thread::Here(_) => Ok(()),
        }
    }

    /// Write what is left, and wait for every chunk to be written: the first error met.
    pub fn finish(mut self) -> std::io::Result<()> {
        if self.failed {
            return Err(failed_before());
        }
        let mut last = self.filling.take().unwrap_or_else(Chunk::new);
        last.last = true;
        match &mut self.thread {
            Thread::Running { to, .. } => {
                // Refused only when the thread stopped on an error, which joining it gives.
                let _ = to.send(last);
                self.join()
            }
            Thread::Here(writer) => writer.put(&last),
            Thread::NotYet => Writer::new(self.file, self.way).put(&last),
        }
    }
}

fn gone() -> std::io::Error {
    std::io::Error::other("the thread writing the file stopped")
}

fn failed_before() -> std::io::Error {
    std::io::Error::other("an earlier write to the file failed")
}

impl Write for Streamed<'_, '_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.failed {
            return Err(failed_before());
        }
        let chunk = match &mut self.filling {
            Some(chunk) => chunk,
            None => {
                self.made += 1;
                self.filling.insert(Chunk::new())
            }
        };
        let n = chunk.fill(buf);
        if chunk.is_full()
            && let Some(full) = self.filling.take()
            && let Err(e) = self.hand_over(full)
        {
            self.failed = true;
            // Never one to retry (`Interrupted`): what was handed over may be lost.
            return Err(match e.kind() {
                std::io::ErrorKind::Interrupted => failed_before(),
                _ => e,
            });
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
