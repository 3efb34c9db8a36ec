//! Where decisions live, behind one small API: open (per store), `append`, `changes`,
//! `reread`, `notices`, and typed errors. The journal file is the store today; a database store is a
//! second implementation of [`Store`].

pub mod journal;
pub mod postgres;
pub mod snapshot;

pub use journal::{EntryRef, Journal, Visit};

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

/// Where a review's decisions are kept: a journal file (the default), or a named review in a
/// PostgreSQL database (`--store postgres://…`).
#[derive(Clone, Debug)]
pub enum Location {
    Journal(std::path::PathBuf),
    Postgres {
        target: Box<postgres::Target>,
        review: String,
    },
}

impl Location {
    /// The store the command line asks for: `store` (`--store`, else `$CROSSCHECK_STORE`) a
    /// PostgreSQL URL; `review_file` (`--review FILE`) a journal file, which wins over
    /// `$CROSSCHECK_STORE` but not over `--store`; `review_name` (`--review-name`) the review
    /// in the database (else the name of the claims' directory). `Err` is a usage error.
    pub fn resolve(
        store: Option<(&str, bool)>,
        review_file: Option<&std::path::Path>,
        review_name: Option<&str>,
        paths: &[std::path::PathBuf],
    ) -> Result<Location, String> {
        let store = match (store, review_file) {
            (Some((_, true)), Some(_)) => {
                return Err("give either --store URL or --review FILE, not both".into());
            }
            // `$CROSSCHECK_STORE` gives way to a journal named on the command line.
            (Some((_, false)), Some(_)) | (None, _) => None,
            (Some((url, _)), None) => Some(url),
        };
        let Some(url) = store else {
            if review_name.is_some() {
                return Err(
                    "--review-name names a review in a database: give --store postgres://… (or set CROSSCHECK_STORE) too".into(),
                );
            }
            return Ok(Location::Journal(review_file.map_or_else(
                || journal::default_path(paths),
                std::path::Path::to_path_buf,
            )));
        };
        if !postgres::is_url(url) {
            return Err(format!(
                "--store takes a PostgreSQL URL (postgres://USER@HOST:PORT/DATABASE), not `{}`; a journal file is named with --review FILE",
                crate::sanitize::line(&postgres::redact(url))
            ));
        }
        let target = postgres::url::parse(url).map_err(|e| {
            format!(
                "--store {}: {}; write it as postgres://USER@HOST:PORT/DATABASE",
                e.url, e.reason
            )
        })?;
        let review = match review_name {
            Some(name) => {
                postgres::check_review_name(name).map_err(|e| format!("--review-name: {e}"))?;
                name.to_string()
            }
            None => postgres::default_review_name(paths),
        };
        Ok(Location::Postgres {
            target: Box::new(target),
            review,
        })
    }

    /// Open the store, handing what it holds to `visit` one entry at a time, in store order
    /// (a journal of 300k decisions is never held whole). A journal always opens (read-only
    /// when it must); a database that cannot be reached is an error that names it.
    pub fn open_each(&self, visit: &mut dyn Visit) -> Result<Box<dyn Store>, StoreError> {
        match self {
            Location::Journal(path) => Ok(Box::new(Journal::open_each(path, visit))),
            Location::Postgres { .. } => {
                let (store, replay) = self.open()?;
                replay.entries.into_iter().for_each(|e| visit.entry(e));
                Ok(store)
            }
        }
    }

    /// Open the store, and what it holds. A journal always opens (read-only when it must); a
    /// database that cannot be reached is an error that names it.
    pub fn open(&self) -> Result<(Box<dyn Store>, Replay), StoreError> {
        match self {
            Location::Journal(path) => {
                let (journal, replay) = Journal::open(path);
                Ok((Box::new(journal), replay))
            }
            Location::Postgres { target, review } => {
                let (store, replay) = postgres::Postgres::connect(
                    (**target).clone(),
                    review,
                    postgres::Options::default(),
                )?;
                Ok((Box::new(store), replay))
            }
        }
    }

    /// The journal file, when that is where decisions are kept.
    pub fn journal(&self) -> Option<&std::path::Path> {
        match self {
            Location::Journal(path) => Some(path),
            Location::Postgres { .. } => None,
        }
    }

    /// Where the decisions are kept, for messages (never a password).
    pub fn describe(&self) -> String {
        match self {
            Location::Journal(path) => crate::sanitize::line(&path.to_string_lossy()).into_owned(),
            Location::Postgres { target, review } => postgres::location(review, target.display()),
        }
    }
}
