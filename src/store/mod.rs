//! Where decisions live, behind one small API: open (per store), `append`, `changes`,
//! `reread`, `notices`, and typed errors. The journal file is the store today; a database store is a
//! second implementation of [`Store`].

pub mod journal;
pub mod postgres;

pub use journal::Journal;

use crate::decision::{Decision, Entry};

/// A place that keeps decisions, shared by any number of processes (screens and `mark`) at
/// once. Only a decision that `append` returned `Ok` for is saved.
pub trait Store {
    /// Where the decisions are kept, for messages (a path, sanitised).
    fn location(&self) -> String;
    /// Why nothing can be saved now, if that is so.
    fn read_only(&self) -> Option<&ReadOnly>;
    /// What a reviewer should know about the store (read-only, a torn entry set aside).
    fn notices(&self) -> Vec<Notice>;
    /// What others saved since this store was last read; cheap when nothing was. Never hands
    /// back this process's own decisions.
    fn changes(&mut self) -> Result<Changes, StoreError>;
    /// Save one decision durably. Returns the decisions others saved before it since this
    /// store was last read, in order: the caller applies them first, then this one.
    fn append(&mut self, decision: &Decision) -> Result<Vec<Entry>, StoreError>;
    /// Every complete entry the store holds now, in order (for a reload).
    fn reread(&mut self) -> Result<Vec<Entry>, StoreError>;
}

/// What others saved since a store was last read.
#[derive(Debug, Default, PartialEq)]
pub enum Changes {
    #[default]
    Nothing,
    /// New decisions, in the order they were saved.
    New(Vec<Entry>),
    /// The store was replaced (a new journal file at the path, or one rewritten in place): every
    /// entry it holds now, to replay in place of what was read before.
    Replaced(Vec<Entry>),
}

/// What a store held when it was opened.
#[derive(Debug, Default)]
pub struct Replay {
    /// The complete entries, in the order they were saved.
    pub entries: Vec<Entry>,
}

/// A damaged entry: the line where it goes wrong and what is wrong there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Damage {
    pub line: usize,
    pub message: String,
}

/// Why a store cannot be written to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadOnly {
    /// An entry before the last one is damaged: nothing is written until it is repaired.
    Damaged(Damage),
    /// The file or its directory cannot be written (permissions, missing directory, full disk).
    Unwritable { reason: String },
}

/// A torn last entry (a crash mid-write), and what became of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Torn {
    /// Moved to `kept` beside the journal and cut off it.
    SetAside {
        kept: std::path::PathBuf,
        line: usize,
    },
    /// Left where it is: the journal was not ours to change (held by another crosscheck, or
    /// read-only). Nothing was moved.
    LeftInPlace { line: usize },
}

/// Something a reviewer should know about the store, worded once (`Display`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    ReadOnly {
        location: String,
        why: ReadOnly,
    },
    /// The journal file was replaced on disk and has been opened and replayed again.
    Reopened {
        location: String,
    },
    Torn {
        location: String,
        torn: Torn,
    },
}

/// Why a decision was not saved or the store could not be read. `Display` is a whole sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The store cannot be written now, for a lasting reason.
    ReadOnly { location: String, why: ReadOnly },
    /// Writing failed; nothing of the decision was kept.
    Write { location: String, reason: String },
    /// The store cannot be read.
    Read { location: String, reason: String },
    /// The journal was replaced on disk since it was opened; nothing was written.
    Replaced { location: String },
    /// Another process held the store's lock for longer than a write ever takes (an older
    /// crosscheck that locks while open, or a stopped process); nothing was written.
    Busy {
        location: String,
        waited: std::time::Duration,
    },
}

impl std::error::Error for StoreError {}

impl ReadOnly {
    /// The whole sentence, from where the decisions are kept: `data/review.toml is in use…`.
    pub fn sentence(&self, location: &str) -> String {
        match self {
            ReadOnly::Damaged(Damage { line, message }) => format!(
                "{location}:{line}: damaged journal entry ({}); repair it by hand, nothing is written until then",
                crate::sanitize::line(message)
            ),
            ReadOnly::Unwritable { reason } => format!(
                "{location} cannot be written: {}",
                crate::sanitize::line(reason)
            ),
        }
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::ReadOnly { location, why } => f.write_str(&why.sentence(location)),
            StoreError::Write { location, reason } => {
                write!(f, "{location} cannot be written: {reason}")
            }
            StoreError::Read { location, reason } => {
                write!(f, "{location} cannot be read: {reason}")
            }
            StoreError::Replaced { location } => write!(
                f,
                "{location} was replaced on disk since it was opened; nothing was written to it"
            ),
            StoreError::Busy { location, waited } => write!(
                f,
                "{location} was held by another process for {} s (an older crosscheck that keeps it locked, or a stopped one); nothing was written: quit that process and try again",
                waited.as_secs()
            ),
        }
    }
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::ReadOnly { location, why } => {
                write!(f, "READ-ONLY: {}", why.sentence(location))
            }
            Notice::Reopened { location } => write!(
                f,
                "{location} was replaced on disk (an editor, git or a copy); it was opened and replayed again"
            ),
            Notice::Torn {
                torn: Torn::SetAside { kept, line },
                ..
            } => write!(
                f,
                "the journal's last entry (line {line}) was incomplete; it is kept in {}",
                crate::sanitize::line(&kept.to_string_lossy())
            ),
            Notice::Torn {
                torn: Torn::LeftInPlace { line },
                location,
            } => write!(
                f,
                "the journal's last entry (line {line}) is incomplete; it is skipped and left in {location}"
            ),
        }
    }
}
