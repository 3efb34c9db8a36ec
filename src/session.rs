//! A review session: the claim files and the store of decisions, put together once. Opening
//! loads and replays; `record` appends to the store and only then applies; `reload` reads the
//! files and the store again. The screen and `mark` both work through it; `check` and `export`
//! use `inspect`, which reads without locking or changing anything.

use std::path::{Path, PathBuf};

use crate::decision::{Decision, Entry};
use crate::diagnostic::Diagnostic;
use crate::load;
use crate::model::Model;
use crate::replay::Cached;
use crate::review::{Replayed, Review};
use crate::store::{self, Journal, Store, StoreError};

/// Who decides, and whether that name was told or is a stand-in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reviewer {
    pub name: String,
    /// False when no name could be found and decisions go in as by `unknown`.
    pub known: bool,
}

impl Reviewer {
    /// The name given, else `$CROSSCHECK_REVIEWER`, else `$USER`, else the account name of this
    /// process, else `unknown` (and then `known` is false: the caller should say so).
    pub fn find(given: Option<&str>) -> Reviewer {
        let from_env = |var: &str| std::env::var(var).ok();
        let account = || whoami::username().ok();
        let name = given
            .map(str::to_string)
            .into_iter()
            .chain(from_env("CROSSCHECK_REVIEWER"))
            .chain(from_env("USER"))
            .chain(std::iter::from_fn(account).take(1))
            .map(|n| crate::sanitize::line(&n).trim().to_string())
            .find(|n| !n.is_empty());
        match name {
            Some(name) => Reviewer { name, known: true },
            None => Reviewer {
                name: "unknown".into(),
                known: false,
            },
        }
    }
}

/// Something the reviewer should know about this session, worded once (`Display`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    Store(store::Notice),
    /// Decisions on claims that no loaded file declares: kept, never dropped.
    Orphans {
        count: usize,
        first: Vec<String>,
    },
    /// No reviewer name was found: decisions are recorded as by `unknown`.
    UnknownReviewer,
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::Store(notice) => notice.fmt(f),
            Notice::Orphans { count, first } => {
                let more = if *count > first.len() { ", …" } else { "" };
                let (decisions, claims) = if *count == 1 {
                    ("1 decision", "a claim")
                } else {
                    (&*format!("{count} decisions"), "claims")
                };
                write!(
                    f,
                    "{decisions} kept for {claims} no loaded file declares: {}{more}",
                    first.join(", ")
                )
            }
            Notice::UnknownReviewer => f.write_str(UNKNOWN_REVIEWER),
        }
    }
}

/// What to say when no reviewer name is known.
pub const UNKNOWN_REVIEWER: &str = "no reviewer name is known: decisions are recorded as by `unknown`; give --reviewer NAME or set CROSSCHECK_REVIEWER";

/// Why a decision was not recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordError {
    UnknownClaim { claim: String },
    Store(StoreError),
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordError::UnknownClaim { claim } => {
                write!(f, "no claim `{}` is loaded", crate::sanitize::line(claim))
            }
            RecordError::Store(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for RecordError {}

/// Why a reload changed nothing.
#[derive(Debug)]
pub enum ReloadError {
    /// The files have errors (how many); the review in use is kept.
    Files {
        errors: usize,
    },
    Store(StoreError),
}

impl std::fmt::Display for ReloadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReloadError::Files { errors } => {
                let errors = if *errors == 1 {
                    "1 error".to_string()
                } else {
                    format!("{errors} errors")
                };
                write!(
                    f,
                    "{errors} in the files; nothing changed (run `crosscheck check`)"
                )
            }
            ReloadError::Store(e) => e.fmt(f),
        }
    }
}

/// Decisions others saved that this session has put in force since it was last asked (for
/// the status line): `kim disputed budanov-troops-11000`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct News {
    /// In the order they were saved.
    pub decisions: Vec<Decision>,
    /// The store was replaced and everything replayed.
    pub replayed: bool,
}

impl News {
    pub fn is_empty(&self) -> bool {
        self.decisions.is_empty() && !self.replayed
    }
}

impl std::fmt::Display for News {
    /// The latest decision, and how many more came with it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Some(last) = self.decisions.last() else {
            return Ok(());
        };
        let who = crate::sanitize::line(&last.reviewer);
        let claim = crate::sanitize::line(&last.claim);
        match last.status {
            crate::decision::Status::Unreviewed => write!(f, "{who} marked {claim} unreviewed")?,
            status => write!(f, "{who} {} {claim}", status.as_str())?,
        }
        match self.decisions.len() - 1 {
            0 => Ok(()),
            1 => f.write_str(" (and 1 more decision from elsewhere)"),
            n => write!(f, " (and {n} more decisions from elsewhere)"),
        }
    }
}

pub struct Session {
    pub review: Review,
    /// What others saved that was applied since `refresh` was last asked.
    news: News,
    store: Box<dyn Store>,
    /// The claim files and directories, for reloading.
    paths: Vec<PathBuf>,
    /// Where exports go by default: beside the journal.
    home: PathBuf,
    reviewer: Reviewer,
}

impl Session {
    /// Open the journal at `journal` (locking it, setting a torn tail aside) and replay it over
    /// the loaded model.
    pub fn open(model: Model, paths: Vec<PathBuf>, journal: &Path, reviewer: Reviewer) -> Self {
        let mut cached = Cached::new(journal);
        let store = Journal::open_each(journal, &mut cached);
        let home = journal.parent().unwrap_or(Path::new("")).to_path_buf();
        Self::with_review(
            Review::with_replayed(model, cached.into_replayed()),
            paths,
            Box::new(store),
            home,
            reviewer,
        )
    }

    /// Open the store at `location` and replay it over the loaded model. A database that
    /// cannot be reached is an error; a journal always opens (read-only when it must).
    pub fn open_at(
        model: Model,
        paths: Vec<PathBuf>,
        location: &store::Location,
        reviewer: Reviewer,
    ) -> Result<Self, StoreError> {
        Ok(Opened::open(location, &paths)?.session(model, paths, reviewer))
    }

    /// A session on any store, with what it replayed.
    pub fn with_store(
        model: Model,
        paths: Vec<PathBuf>,
        store: Box<dyn Store>,
        entries: Vec<Entry>,
        home: PathBuf,
        reviewer: Reviewer,
    ) -> Self {
        Self::with_review(
            Review::with_journal(model, entries),
            paths,
            store,
            home,
            reviewer,
        )
    }

    fn with_review(
        review: Review,
        paths: Vec<PathBuf>,
        store: Box<dyn Store>,
        home: PathBuf,
        reviewer: Reviewer,
    ) -> Self {
        Session {
            review,
            news: News::default(),
            store,
            paths,
            home,
            reviewer,
        }
    }

    pub fn reviewer(&self) -> &str {
        &self.reviewer.name
    }

    /// Where decisions are kept, for messages.
    pub fn location(&self) -> String {
        self.store.location()
    }

    /// The directory that exports go to by default, and relative export paths start from.
    pub fn home(&self) -> &Path {
        &self.home
    }

    pub fn is_read_only(&self) -> bool {
        self.store.read_only().is_some()
    }

    /// Everything the reviewer should know, most important first.
    pub fn notices(&self) -> Vec<Notice> {
        let mut notices: Vec<Notice> = self
            .store
            .notices()
            .into_iter()
            .map(Notice::Store)
            .collect();
        let orphans = &self.review.orphans;
        if !orphans.is_empty() {
            notices.push(Notice::Orphans {
                count: orphans.len(),
                first: orphans
                    .iter()
                    .take(3)
                    .map(|o| o.decision.claim.clone())
                    .collect(),
            });
        }
        if !self.reviewer.known {
            notices.push(Notice::UnknownReviewer);
        }
        notices
    }

    /// A decision by this session's reviewer, now, on the claim as it is loaded (its
    /// fingerprint).
    pub fn decision(
        &self,
        claim: &str,
        status: crate::decision::Status,
        note: Option<String>,
    ) -> Decision {
        Decision {
            claim: claim.to_string(),
            status,
            note,
            reviewer: self.reviewer.name.clone(),
            fingerprint: self.review.claim(claim).map(|c| self.review.fingerprint(c)),
            fields: self
                .review
                .claim(claim)
                .map(|c| crate::fingerprint::fields(&self.review.model, c)),
            at: jiff::Timestamp::now(),
        }
    }

    /// Save a decision in the store, and only then apply it (after whatever others saved before
    /// it). Returns the decision in force that it replaced.
    pub fn record(&mut self, decision: Decision) -> Result<Option<Decision>, RecordError> {
        let Some(claim) = self.review.claim(&decision.claim) else {
            return Err(RecordError::UnknownClaim {
                claim: decision.claim,
            });
        };
        // A journal replaced on disk is opened again and replayed before anything is added. A
        // store that cannot be read now may still take the decision (a database reconnecting):
        // `append` says whether it did.
        let _ = self.take_changes();
        let before = self.store.append(&decision).map_err(RecordError::Store)?;
        self.take_news(before);
        Ok(self.review.apply(claim, decision))
    }

    /// Put in force what others saved since the store was last read, and return every such
    /// decision applied since this was last asked (some may have come in with `record`).
    pub fn refresh(&mut self) -> Result<News, StoreError> {
        self.take_changes()?;
        Ok(std::mem::take(&mut self.news))
    }

    fn take_changes(&mut self) -> Result<(), StoreError> {
        match self.store.changes()? {
            store::Changes::Nothing => {}
            store::Changes::New(entries) => self.take_news(entries),
            store::Changes::Replaced(entries) => {
                self.review.replay(entries);
                self.news.replayed = true;
            }
        }
        Ok(())
    }

    fn take_news(&mut self, entries: Vec<Entry>) {
        for entry in entries {
            self.news.decisions.push(entry.decision.clone());
            self.review.apply_entry(entry);
        }
    }

    /// Load the claim files and the store's decisions again. On an error nothing changes.
    pub fn reload(&mut self) -> Result<(), ReloadError> {
        let loaded = load::load(&self.paths);
        if loaded.has_errors() {
            return Err(ReloadError::Files {
                errors: loaded.error_count(),
            });
        }
        let entries = self.store.reread().map_err(ReloadError::Store)?;
        self.review = Review::with_journal(loaded.model, entries);
        self.news = News::default();
        Ok(())
    }
}

/// Why a change to the claim files was not made, or not reloaded.
#[derive(Debug)]
pub enum ChangeError {
    Edit(crate::edit::EditError),
    Reload(ReloadError),
}

impl std::fmt::Display for ChangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChangeError::Edit(e) => e.fmt(f),
            ChangeError::Reload(e) => write!(f, "written, but the reload failed: {e}"),
        }
    }
}

impl Session {
    /// Accept (`accept`) or reject the draft claims with these ids: one atomic file write each,
    /// the files reloaded after each. Stops at the first that cannot be done; returns the edits
    /// made, in order (to take them back).
    pub fn settle_drafts(
        &mut self,
        ids: &[String],
        accept: bool,
    ) -> (Vec<crate::edit::Edit>, Option<ChangeError>) {
        let mut done = Vec::new();
        for id in ids {
            let Some(c) = self.review.claim(id) else {
                continue;
            };
            let model = &self.review.model;
            let edit = if accept {
                crate::edit::accept(model, c)
            } else {
                crate::edit::reject(model, c)
            };
            let step = edit.and_then(|e| crate::edit::apply(&e).map(|()| e));
            match step {
                Ok(edit) => done.push(edit),
                Err(e) => return (done, Some(ChangeError::Edit(e))),
            }
            if let Err(e) = self.reload() {
                return (done, Some(ChangeError::Reload(e)));
            }
        }
        (done, None)
    }

    /// Take edits back, the last first, and reload.
    pub fn take_back(&mut self, edits: &[crate::edit::Edit]) -> Result<(), ChangeError> {
        for edit in edits.iter().rev() {
            crate::edit::undo(edit).map_err(ChangeError::Edit)?;
        }
        self.reload().map_err(ChangeError::Reload)
    }
}

/// A store opened and read, its decisions waiting for the claims: a store can be opened while
/// the claim files load.
pub struct Opened {
    store: Box<dyn Store>,
    replayed: Replayed,
    home: PathBuf,
}

impl Opened {
    /// Open the store at `location` and read what it holds. A database that cannot be reached
    /// is an error; a journal always opens (read-only when it must).
    pub fn open(location: &store::Location, paths: &[PathBuf]) -> Result<Self, StoreError> {
        let (store, replayed) = match location.journal() {
            Some(journal) => {
                let mut cached = Cached::new(journal);
                let store = location.open_each(&mut cached)?;
                (store, cached.into_replayed())
            }
            None => {
                let mut replayed = Replayed::default();
                (location.open_each(&mut replayed)?, replayed)
            }
        };
        // Exports go beside the journal, or beside the claims when decisions are in a database.
        let beside = match location.journal() {
            Some(journal) => journal.to_path_buf(),
            None => store::journal::default_path(paths),
        };
        let home = beside.parent().unwrap_or(Path::new("")).to_path_buf();
        Ok(Opened {
            store,
            replayed,
            home,
        })
    }

    /// The session once the claims are loaded.
    pub fn session(self, model: Model, paths: Vec<PathBuf>, reviewer: Reviewer) -> Session {
        Session::with_review(
            Review::with_replayed(model, self.replayed),
            paths,
            self.store,
            self.home,
            reviewer,
        )
    }
}

/// A look at the files and the journal without locking or changing either, for `check` and
/// `export`: the review (when nothing has errors) and every diagnostic, the journal's included.
pub struct Inspection {
    pub review: Option<Review>,
    pub diagnostics: Vec<Diagnostic>,
    /// Whether a journal file exists.
    pub has_journal: bool,
    /// What the files declare, as written.
    pub written: load::Written,
}

/// `inspect` on any store: a journal is read without locking or changing it; a database is
/// read (an unreachable one is an error diagnostic naming it).
pub fn inspect_at(paths: &[PathBuf], location: &store::Location) -> Inspection {
    if let store::Location::Journal(journal) = location {
        return inspect(paths, journal);
    }
    let loaded = load::load(paths);
    let mut diagnostics = loaded.diagnostics;
    let (entries, opened) = match location.open() {
        Ok((_, replay)) => (replay.entries, true),
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(Path::new(&location.describe()), e.to_string())
                    .help("check the --store URL (or CROSSCHECK_STORE) and that the server runs"),
            );
            (Vec::new(), false)
        }
    };
    let review = Review::with_journal(loaded.model, entries);
    for orphan in &review.orphans {
        diagnostics.push(
            Diagnostic::warning(
                Path::new(&location.describe()),
                format!(
                    "decision #{} on claim `{}`, which no loaded file declares",
                    orphan.line,
                    crate::sanitize::line(&orphan.decision.claim)
                ),
            )
            .help("the decision is kept; load the file that declares the claim, or ignore this if the claim was removed on purpose"),
        );
    }
    finish(review, diagnostics, opened, loaded.written)
}

pub fn inspect(paths: &[PathBuf], journal: &Path) -> Inspection {
    // The journal does not need the claims: it is read on its own thread while they load, and
    // its decisions meet the claims once both are done.
    let (loaded, read) = std::thread::scope(|s| {
        let read = s.spawn(|| read_journal(journal));
        // Claims are fingerprinted only for decisions to meet.
        let loaded = load::load_with(paths, journal.exists());
        let read = read
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (loaded, read)
    });
    let mut diagnostics = loaded.diagnostics;
    let mut written = loaded.written;
    let (scan, replayed) = match read {
        Ok(Some((scan, replayed))) => (Some(scan), replayed),
        Ok(None) => (None, Replayed::default()),
        Err(e) => {
            let reason = match e {
                StoreError::Read { reason, .. } => reason,
                other => other.to_string(),
            };
            diagnostics.push(
                Diagnostic::error(journal, format!("review journal cannot be read: {reason}"))
                    .help("give a readable journal with --review FILE"),
            );
            (None, Replayed::default())
        }
    };
    let has_journal = scan.is_some();
    let review = Review::to_inspect(loaded.model, replayed);
    if let Some(scan) = scan {
        // The lines the messages show, read again only when there are some (a journal is only
        // ever appended to, so the lines the scan found still hold).
        let said = store::journal::diagnostics(journal, &scan, &review.orphans, |lines| {
            store::journal::lines_of(journal, lines)
        });
        diagnostics.extend(said.diagnostics);
        written.hidden.warnings += said.hidden_warnings;
    }
    finish(review, diagnostics, has_journal, written)
}

/// A journal's decisions by claim id, read without changing it, and what else its scan found
/// (damage, a torn tail, unknown keys); `None` when there is no journal.
fn read_journal(journal: &Path) -> Result<Option<(store::journal::Scan, Replayed)>, StoreError> {
    let mut cached = Cached::new(journal);
    let scan = store::journal::peek_each(journal, &mut cached)?;
    Ok(scan.map(|scan| (scan, cached.into_replayed())))
}

/// The review (when nothing has errors) and every diagnostic, the checks' warnings included.
fn finish(
    review: Review,
    mut diagnostics: Vec<Diagnostic>,
    has_journal: bool,
    written: load::Written,
) -> Inspection {
    // An error past a file's limit is not shown, but fails the run all the same.
    let failed = written.hidden.errors > 0 || diagnostics.iter().any(Diagnostic::is_error);
    let mut written = written;
    if !failed {
        let (warnings, hidden) = crate::checks::warnings(&review.model, &review.analysis);
        diagnostics.extend(warnings);
        written.hidden.warnings += hidden.warnings;
    }
    Inspection {
        review: (!failed).then_some(review),
        diagnostics,
        has_journal,
        written,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::Status;
    use crate::review::tests::tiny_model;

    fn kim() -> Reviewer {
        Reviewer {
            name: "kim".into(),
            known: true,
        }
    }

    #[test]
    fn record_applies_only_what_the_store_saved() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.toml");
        let mut session = Session::open(tiny_model(), vec![], &path, kim());
        let d = session.decision("a", Status::Verified, None);
        assert_eq!(session.record(d.clone()), Ok(None));
        assert_eq!(session.review.status(0), Status::Verified);
        // A journal damaged in the middle is read-only: nothing is saved, so nothing applied.
        let damaged = dir.path().join("damaged.toml");
        std::fs::write(
            &damaged,
            format!("[[decision]]\nclaim = 7\n\n{}", store::journal::render(&d)),
        )
        .unwrap();
        let mut locked = Session::open(tiny_model(), vec![], &damaged, kim());
        assert!(locked.is_read_only());
        let again = Decision {
            status: Status::Disputed,
            ..d.clone()
        };
        assert!(matches!(
            locked.record(again),
            Err(RecordError::Store(StoreError::ReadOnly { .. }))
        ));
        assert_eq!(locked.review.status(0), Status::Unreviewed);
        let unknown = Decision {
            claim: "zz".into(),
            ..d
        };
        assert_eq!(
            session.record(unknown),
            Err(RecordError::UnknownClaim { claim: "zz".into() })
        );
        drop(session);
        let reopened = Session::open(tiny_model(), vec![], &path, kim());
        assert_eq!(reopened.review.status(0), Status::Verified);
    }

    #[test]
    fn two_sessions_on_one_journal_see_each_others_decisions_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.toml");
        let ana = Reviewer {
            name: "ana".into(),
            known: true,
        };
        let mut kims = Session::open(tiny_model(), vec![], &path, kim());
        let mut anas = Session::open(tiny_model(), vec![], &path, ana);
        kims.record(kims.decision("a", Status::Verified, None))
            .unwrap();
        let news = anas.refresh().unwrap();
        assert_eq!(news.to_string(), "kim verified a");
        assert_eq!(anas.review.status(0), Status::Verified);
        assert!(anas.refresh().unwrap().is_empty(), "said once");
        // Two by kim, then ana decides: her record reads kim's first, so hers is in force.
        kims.record(kims.decision("b", Status::Disputed, None))
            .unwrap();
        kims.record(kims.decision("a", Status::Disputed, None))
            .unwrap();
        anas.record(anas.decision("a", Status::Verified, Some("seen".into())))
            .unwrap();
        assert_eq!(anas.review.decision(0).unwrap().reviewer, "ana");
        assert_eq!(anas.review.status(1), Status::Disputed);
        assert!(anas.review.disagree(0), "kim disputed, ana verified");
        assert_eq!(
            anas.refresh().unwrap().to_string(),
            "kim disputed a (and 1 more decision from elsewhere)"
        );
        // Kim's screen learns of ana's decision, which is the last on `a`.
        assert_eq!(kims.refresh().unwrap().to_string(), "ana verified a");
        assert_eq!(kims.review.decision(0).unwrap().reviewer, "ana");
        assert_eq!(kims.review.by_reviewer(0).len(), 2);
    }

    #[test]
    fn a_journal_replaced_on_disk_is_reopened_and_replayed_never_appended_to_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.toml");
        let mut session = Session::open(tiny_model(), vec![], &path, kim());
        session
            .record(session.decision("a", Status::Verified, None))
            .unwrap();
        // An editor's save: a new file written beside it and moved over the path, with the
        // first decision and one more made elsewhere (say, by `mark` on the new file).
        let elsewhere = Decision {
            reviewer: "ana".into(),
            ..session.decision("b", Status::Disputed, None)
        };
        let new_text = format!(
            "{}{}",
            std::fs::read_to_string(&path).unwrap(),
            store::journal::render(&elsewhere)
        );
        let tmp = dir.path().join("review.toml.new");
        std::fs::write(&tmp, &new_text).unwrap();
        std::fs::rename(&tmp, &path).unwrap();
        session
            .record(session.decision("a", Status::Disputed, None))
            .unwrap();
        // Replayed: the decision made elsewhere is in force, and nothing was lost.
        assert_eq!(session.review.status(1), Status::Disputed);
        assert_eq!(session.review.status(0), Status::Disputed);
        let on_disk = std::fs::read_to_string(&path).unwrap();
        assert!(on_disk.starts_with(&new_text), "{on_disk}");
        assert_eq!(on_disk.matches("[[decision]]").count(), 3, "{on_disk}");
        assert!(
            session
                .notices()
                .iter()
                .any(|n| matches!(n, Notice::Store(store::Notice::Reopened { .. }))),
            "{:?}",
            session.notices()
        );
        // A journal removed from under us is made anew, not written into the void.
        std::fs::remove_file(&path).unwrap();
        session
            .record(session.decision("b", Status::Verified, None))
            .unwrap();
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("claim = \"b\"")
        );
    }

    #[test]
    fn the_journal_refuses_to_append_to_a_file_the_path_no_longer_names() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.toml");
        let (mut journal, _) = Journal::open(&path);
        let tmp = dir.path().join("new");
        std::fs::write(&tmp, "").unwrap();
        std::fs::rename(&tmp, &path).unwrap();
        let d = Session::open(tiny_model(), vec![], &dir.path().join("x.toml"), kim()).decision(
            "a",
            Status::Verified,
            None,
        );
        assert!(matches!(
            journal.append(&d),
            Err(StoreError::Replaced { .. })
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "");
    }

    #[test]
    fn notices_are_typed_and_worded_to_agree_with_their_numbers() {
        let one = Notice::Orphans {
            count: 1,
            first: vec!["gone".into()],
        };
        assert_eq!(
            one.to_string(),
            "1 decision kept for a claim no loaded file declares: gone"
        );
        let many = Notice::Orphans {
            count: 4,
            first: vec!["a".into(), "b".into(), "c".into()],
        };
        assert_eq!(
            many.to_string(),
            "4 decisions kept for claims no loaded file declares: a, b, c, …"
        );
        let dir = tempfile::tempdir().unwrap();
        let nobody = Reviewer {
            name: "unknown".into(),
            known: false,
        };
        let session = Session::open(tiny_model(), vec![], &dir.path().join("r.toml"), nobody);
        assert_eq!(session.notices(), vec![Notice::UnknownReviewer]);
    }

    #[test]
    fn the_reviewer_is_the_one_given_else_found() {
        assert_eq!(Reviewer::find(Some(" ana ")).name, "ana");
        assert!(Reviewer::find(Some("ana")).known);
        // Whatever the environment, a name is found or the stand-in says it is one.
        let found = Reviewer::find(None);
        assert!(!found.name.is_empty());
        assert_eq!(found.known, found.name != "unknown");
    }
}
