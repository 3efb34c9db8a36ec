//! The review store on PostgreSQL, for a desk on several machines: decisions are rows of one
//! append-only table, each review's in the order the server saved them (`seq`), every save
//! announced with `NOTIFY crosscheck` so that open screens read it at once.
//!
//! A lost server never blocks a screen for long and never shows a decision as saved that was
//! not committed: each call is bounded (`Options::call`); when the connection is lost the store
//! reconnects in the background, with backoff, and reads by sequence whatever was saved in the
//! meantime before it says anything else.
//!
//! Appends to one review take a transaction-level advisory lock on it, so that sequence
//! numbers are committed in the order they are given: reading `seq > last seen` never skips a
//! decision that commits late.

mod rows;
mod schema;
mod tls;
mod transfer;
pub mod url;

use std::cell::Cell;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use tokio::runtime::Runtime;
use tokio::task::JoinHandle;
use tokio_postgres::{AsyncMessage, Client, Statement};

use crate::decision::{Decision, Entry};
use crate::sanitize;
use crate::store::{Changes, Notice, ReadOnly, Replay, Store, StoreError};

pub use schema::VERSION as SCHEMA_VERSION;
pub use transfer::{ExportError, Imported};
pub use url::{BadUrl, Target, is_url, redact};

/// How long the store may take, per kind of call.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// A call a screen makes (`changes`, `append`): never longer than this.
    pub call: Duration,
    /// Connecting (at open, and each background reconnection attempt).
    pub connect: Duration,
    /// Reading or writing a whole review (open, `reread`, import, export).
    pub bulk: Duration,
    /// How often `changes` reads the review even when no notification came (a safety net,
    /// and a check that the server still answers).
    pub poll: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            call: Duration::from_secs(1),
            connect: Duration::from_secs(5),
            bulk: Duration::from_secs(300),
            poll: Duration::from_secs(5),
        }
    }
}

/// The channel every crosscheck listens on; the payload is the review's name.
const CHANNEL: &str = "crosscheck";

/// The longest review name: it travels as a notification payload (at most 8000 bytes).
pub const REVIEW_NAME_MAX: usize = 200;

/// Whether `name` can name a review: not empty, at most [`REVIEW_NAME_MAX`] bytes, no control
/// characters. Says why not.
pub fn check_review_name(name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err("a review name cannot be empty".into());
    }
    if name.len() > REVIEW_NAME_MAX {
        return Err(format!(
            "a review name is at most {REVIEW_NAME_MAX} bytes long"
        ));
    }
    if sanitize::line(name) != name {
        return Err("a review name cannot hold control characters".into());
    }
    Ok(())
}

/// The review name when none is given (`--review-name`): the name of the claims' directory —
/// the first directory given, or the directory of the first file given, as the journal's
/// default place is found — else `review`.
pub fn default_review_name(paths: &[std::path::PathBuf]) -> String {
    let journal = crate::store::journal::default_path(paths);
    let dir = journal.parent().unwrap_or(std::path::Path::new(""));
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    dir.file_name()
        .map(|n| sanitize::line(&n.to_string_lossy()).trim().to_string())
        .filter(|n| check_review_name(n).is_ok())
        .unwrap_or_else(|| "review".to_string())
}

/// A review in a database, for messages: `review nk-troops on postgres://kim@db.example:5432/desk`
/// (`server` is the URL without its password).
pub fn location(review: &str, server: &str) -> String {
    format!("review {} on {server}", sanitize::line(review))
}

/// An open review in a PostgreSQL database.
pub struct Postgres {
    target: Target,
    review: String,
    location: String,
    options: Options,
    /// Drives the connection (a notification or a lost server is noticed while idle) and the
    /// background reconnection. An `Option` only so that `drop` can let it go without waiting.
    runtime: Option<Runtime>,
    link: Link,
    /// The highest sequence number read or written: everything of this review up to it has
    /// been handed over.
    last_seen: i64,
    /// Decisions others saved that were read but not yet handed back.
    pending: Vec<Entry>,
    read_only: Option<ReadOnly>,
    /// When the review was last read (for the safety-net poll).
    read_at: Instant,
    /// Set by a reconnection: read everything since `last_seen` before anything else, and
    /// check that nothing read before has gone (a database restored from a backup).
    must_catch_up: bool,
    /// Everything the review holds, read again when it was found changed under an append:
    /// handed over by the next `changes`.
    replaced: Option<Vec<Entry>>,
}

enum Link {
    Up(Conn),
    /// Lost (or never made, after open): a background task tries again and again, and hands
    /// over a new connection when it has one.
    Down(Down),
}

struct Down {
    reason: String,
    attempts: mpsc::Receiver<Attempt>,
    task: JoinHandle<()>,
}

impl Down {
    /// The new connection, if the background task made one within `wait`; the latest reason
    /// it could not is kept.
    fn wait(&mut self, wait: Duration) -> Option<Box<Conn>> {
        let deadline = Instant::now() + wait;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let next = if left.is_zero() {
                self.attempts.try_recv().ok()
            } else {
                self.attempts.recv_timeout(left).ok()
            };
            match next? {
                Attempt::Failed(reason) => self.reason = reason,
                Attempt::Connected(conn) => return Some(conn),
            }
        }
    }
}

impl Drop for Down {
    fn drop(&mut self) {
        self.task.abort();
    }
}

enum Attempt {
    Failed(String),
    Connected(Box<Conn>),
}

/// A live connection: the client, what its connection task hears, and the statements an
/// append and a catch-up use, prepared once.
struct Conn {
    client: Client,
    events: mpsc::Receiver<Event>,
    /// This connection's server process: its own notifications are not news.
    pid: i32,
    read_only: Option<ReadOnly>,
    task: JoinHandle<()>,
    statements: Statements,
}

impl Drop for Conn {
    fn drop(&mut self) {
        self.task.abort();
    }
}

struct Statements {
    lock: Statement,
    after: Statement,
    insert: Statement,
}

/// What the connection task hears.
enum Event {
    Notified { pid: i32, review: String },
    Closed(String),
}

/// How far an append got, to say truthfully whether it may have been saved.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    Writing,
    Committing,
}

/// Why a connection could not be made, and what to do about it (said at open; a screen that
/// lost its connection says only the reason, again and again).
struct ConnectError {
    reason: String,
    hint: &'static str,
}

impl Postgres {
    /// Connect to the database the URL names, make or check its schema, and replay the
    /// review's decisions.
    pub fn open(url: &str, review: &str) -> Result<(Postgres, Replay), StoreError> {
        Self::open_with(url, review, Options::default())
    }

    pub fn open_with(
        url: &str,
        review: &str,
        options: Options,
    ) -> Result<(Postgres, Replay), StoreError> {
        let target = url::parse(url).map_err(|e| StoreError::Read {
            location: location(review, &e.url),
            reason: format!(
                "{}; write it as postgres://USER@HOST:PORT/DATABASE",
                e.reason
            ),
        })?;
        Self::connect(target, review, options)
    }

    /// Open a review on a URL already read (see [`url::parse`]).
    pub fn connect(
        target: Target,
        review: &str,
        options: Options,
    ) -> Result<(Postgres, Replay), StoreError> {
        let location = location(review, target.display());
        let fail = |reason: String| StoreError::Read {
            location: location.clone(),
            reason,
        };
        check_review_name(review).map_err(fail)?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("crosscheck-store")
            .enable_all()
            .build()
            .map_err(|e| fail(format!("its connection cannot be started: {e}")))?;
        let connecting = connect(target.clone());
        let conn = runtime
            .block_on(async { tokio::time::timeout(options.connect, connecting).await })
            .map_err(|_| {
                fail(format!(
                    "{} did not answer within {}; check that the server runs and that this machine can reach it",
                    target.servers(),
                    seconds(options.connect)
                ))
            })?
            .map_err(|e| fail(format!("{}{}", e.reason, e.hint)))?;
        let mut store = Postgres {
            read_only: conn.read_only.clone(),
            target,
            review: review.to_string(),
            location: location.clone(),
            options,
            runtime: Some(runtime),
            link: Link::Up(conn),
            last_seen: 0,
            pending: Vec::new(),
            read_at: Instant::now(),
            must_catch_up: false,
            replaced: None,
        };
        let entries = store.read_all().map_err(fail)?;
        Ok((store, Replay { entries }))
    }

    /// The review's name.
    pub fn review(&self) -> &str {
        &self.review
    }

    /// Whether the store is connected now, and if not, why.
    pub fn connection(&self) -> Result<(), &str> {
        match &self.link {
            Link::Up(_) => Ok(()),
            Link::Down(down) => Err(&down.reason),
        }
    }

    fn runtime(&self) -> &Runtime {
        // Only `drop` takes it.
        self.runtime.as_ref().unwrap_or_else(|| unreachable!())
    }

    /// Run `work` on the connection, bounded by `budget`. A lost connection (or one that did
    /// not answer in time) is let go, and reconnection starts in the background.
    fn run<T>(
        &mut self,
        budget: Duration,
        work: impl AsyncFnOnce(&mut Conn) -> Result<T, tokio_postgres::Error>,
    ) -> Result<T, String> {
        let Link::Up(conn) = &mut self.link else {
            return Err(self.down_reason());
        };
        let runtime = self.runtime.as_ref().unwrap_or_else(|| unreachable!());
        let done = runtime.block_on(async { tokio::time::timeout(budget, work(conn)).await });
        let lost = match done {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(e)) if !conn.client.is_closed() => return Err(describe(&e, &self.target)),
            Ok(Err(e)) => format!(
                "the connection to {} was lost ({})",
                self.target.servers(),
                describe(&e, &self.target)
            ),
            Err(_) => format!(
                "{} did not answer within {}",
                self.target.servers(),
                seconds(budget)
            ),
        };
        self.go_down(lost.clone());
        Err(lost)
    }

    fn down_reason(&self) -> String {
        match &self.link {
            Link::Down(down) => format!("{}; reconnecting", down.reason),
            Link::Up(_) => String::new(),
        }
    }

    /// Let the connection go and start reconnecting in the background.
    fn go_down(&mut self, reason: String) {
        let (tell, attempts) = mpsc::channel();
        let target = self.target.clone();
        let budget = self.options.connect;
        let task = self.runtime().spawn(async move {
            let mut pause = Duration::from_millis(100);
            loop {
                let attempt = match tokio::time::timeout(budget, connect(target.clone())).await {
                    Ok(Ok(conn)) => Attempt::Connected(Box::new(conn)),
                    Ok(Err(e)) => Attempt::Failed(e.reason),
                    Err(_) => Attempt::Failed(format!(
                        "{} did not answer within {}",
                        target.servers(),
                        seconds(budget)
                    )),
                };
                let connected = matches!(attempt, Attempt::Connected(_));
                if tell.send(attempt).is_err() || connected {
                    return;
                }
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_secs(2));
            }
        });
        self.link = Link::Down(Down {
            reason,
            attempts,
            task,
        });
    }

    /// Take what the connection heard: a reconnection made, notifications, a lost connection.
    /// Waits up to `wait` for a reconnection in progress. Returns whether the review should be
    /// read now.
    fn listen(&mut self, wait: Duration) -> Result<bool, String> {
        if let Link::Down(down) = &mut self.link {
            let Some(conn) = down.wait(wait) else {
                return Err(self.down_reason());
            };
            self.read_only = conn.read_only.clone();
            self.link = Link::Up(*conn);
            self.must_catch_up = true;
        }
        let Link::Up(conn) = &mut self.link else {
            return Err(self.down_reason());
        };
        let mut notified = false;
        let mut closed = None;
        while let Ok(event) = conn.events.try_recv() {
            match event {
                Event::Notified { pid, review } => {
                    notified |= pid != conn.pid && review == self.review;
                }
                Event::Closed(reason) => closed = Some(reason),
            }
        }
        if let Some(reason) = closed {
            self.go_down(format!(
                "the connection to {} was lost ({reason})",
                self.target.servers()
            ));
            // The server may be back already (a restart): try once, within the wait.
            return self.listen(wait);
        }
        Ok(notified || self.must_catch_up || self.read_at.elapsed() >= self.options.poll)
    }

    /// Read what others saved since `last_seen`. After a reconnection, first check that the
    /// review still holds everything read before; if not, read it all again (`Replaced`).
    fn catch_up(&mut self, budget: Duration) -> Result<Changes, String> {
        let review = self.review.clone();
        let after = self.last_seen;
        let check = self.must_catch_up;
        let (rows, highest) = self.run(budget, async |conn| {
            let highest: Option<i64> = if check {
                conn.client
                    .query_one(
                        "SELECT max(seq) FROM crosscheck_decision WHERE review = $1",
                        &[&review],
                    )
                    .await?
                    .get(0)
            } else {
                None
            };
            let rows = conn
                .client
                .query(&conn.statements.after, &[&review, &after])
                .await?;
            Ok((rows, highest))
        })?;
        self.read_at = Instant::now();
        self.must_catch_up = false;
        if check && highest.unwrap_or(0) < self.last_seen {
            let all = self.read_all()?;
            return Ok(Changes::Replaced(all));
        }
        let entries = rows::entries(&rows)?;
        if let Some(last) = entries.last() {
            self.last_seen = last.line as i64;
        }
        Ok(if entries.is_empty() {
            Changes::Nothing
        } else {
            Changes::New(entries)
        })
    }

    /// Every decision of the review, in order; `last_seen` set to the last.
    fn read_all(&mut self) -> Result<Vec<Entry>, String> {
        let review = self.review.clone();
        let rows = self.run(self.options.bulk, async |conn| {
            conn.client
                .query(&conn.statements.after, &[&review, &0i64])
                .await
        })?;
        let entries = rows::entries(&rows)?;
        self.last_seen = entries.last().map_or(0, |e| e.line as i64);
        self.pending.clear();
        self.read_at = Instant::now();
        self.must_catch_up = false;
        Ok(entries)
    }

    /// Take notice of the connection and read what is due; `wait` for a reconnection.
    fn sync(&mut self, wait: Duration) -> Result<Changes, String> {
        if !self.listen(wait)? {
            return Ok(Changes::Nothing);
        }
        self.catch_up(self.options.call)
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        // Without waiting for a hung server (or a DNS lookup) to let go.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

impl Store for Postgres {
    fn location(&self) -> String {
        self.location.clone()
    }

    fn read_only(&self) -> Option<&ReadOnly> {
        self.read_only.as_ref()
    }

    fn notices(&self) -> Vec<Notice> {
        self.read_only
            .clone()
            .map(|why| Notice::ReadOnly {
                location: self.location.clone(),
                why,
            })
            .into_iter()
            .collect()
    }

    /// Cheap when nothing came: a look at what the connection heard. The review is read when a
    /// notification came, after a reconnection, and every `Options::poll` as a safety net.
    fn changes(&mut self) -> Result<Changes, StoreError> {
        if let Some(all) = self.replaced.take() {
            return Ok(Changes::Replaced(all));
        }
        let synced = self.sync(Duration::ZERO);
        let pending = std::mem::take(&mut self.pending);
        match synced {
            Ok(Changes::Replaced(all)) => Ok(Changes::Replaced(all)),
            Ok(Changes::New(new)) => Ok(Changes::New([pending, new].concat())),
            Ok(Changes::Nothing) if pending.is_empty() => Ok(Changes::Nothing),
            Ok(Changes::Nothing) => Ok(Changes::New(pending)),
            // What was read before the connection went is handed over; the error next time.
            Err(_) if !pending.is_empty() => Ok(Changes::New(pending)),
            Err(reason) => Err(StoreError::Read {
                location: self.location.clone(),
                reason,
            }),
        }
    }

    /// Under the review's lock, in one transaction: read what others saved since, insert,
    /// notify, commit. Ok only once the server has committed.
    fn append(&mut self, decision: &Decision) -> Result<Vec<Entry>, StoreError> {
        let location = self.location.clone();
        let not_saved = |reason: String| StoreError::Write {
            location: location.clone(),
            reason,
        };
        if let Some(why) = &self.read_only {
            return Err(StoreError::ReadOnly {
                location,
                why: why.clone(),
            });
        }
        let row =
            rows::Params::of(decision).map_err(|r| not_saved(format!("{r}; nothing was saved")))?;
        // A reconnection in progress is waited for (a person pressed a key: worth a try).
        let mut before = match self.sync(self.options.call) {
            Ok(Changes::Nothing) => Vec::new(),
            Ok(Changes::New(new)) => new,
            Ok(Changes::Replaced(all)) => {
                // Rare (a database restored from a backup): the session must replay first.
                self.replaced = Some(all);
                return Err(not_saved(
                    "the review changed on the server (restored from a backup?); reload (Ctrl-R) and decide again"
                        .into(),
                ));
            }
            Err(reason) => return Err(not_saved(format!("{reason}; nothing was saved"))),
        };
        before.splice(0..0, std::mem::take(&mut self.pending));
        let review = self.review.clone();
        let after = self.last_seen;
        let stage = Cell::new(Stage::Writing);
        let saved = self.run(self.options.call, async |conn| {
            let tx = conn.client.transaction().await?;
            tx.execute(&conn.statements.lock, &[&schema::LOCK_CLASS, &review])
                .await?;
            let others = tx.query(&conn.statements.after, &[&review, &after]).await?;
            let seq: i64 = tx
                .query_one(
                    &conn.statements.insert,
                    &[
                        &review,
                        &row.claim,
                        &row.status,
                        &row.note,
                        &row.reviewer,
                        &row.fingerprint,
                        &row.fields,
                        &row.at,
                    ],
                )
                .await?
                .get(0);
            stage.set(Stage::Committing);
            tx.commit().await?;
            Ok((others, seq))
        });
        match saved {
            Ok((others, seq)) => {
                let others = rows::entries(&others).map_err(&not_saved)?;
                before.extend(others);
                self.last_seen = seq;
                self.read_at = Instant::now();
                Ok(before)
            }
            Err(reason) => {
                self.pending = before;
                let outcome = if stage.get() == Stage::Committing && self.connection().is_err() {
                    "it may have been kept: if so, it shows as saved once reconnected"
                } else {
                    "nothing was saved"
                };
                Err(not_saved(format!("{reason}; {outcome}")))
            }
        }
    }

    fn reread(&mut self) -> Result<Vec<Entry>, StoreError> {
        let read = self.listen(self.options.call).and_then(|_| self.read_all());
        self.replaced = None;
        read.map_err(|reason| StoreError::Read {
            location: self.location.clone(),
            reason,
        })
    }
}

fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s} s")
    } else {
        format!("{s:.1} s")
    }
}

/// Connect, start the task that drives the connection, make or check the schema, listen, and
/// prepare what an append needs.
async fn connect(target: Target) -> Result<Conn, ConnectError> {
    let fail = |reason: String| ConnectError { reason, hint: "" };
    let tls = tls::connector(&target).map_err(fail)?;
    let (mut client, mut connection) =
        target.config.connect(tls).await.map_err(|e| ConnectError {
            reason: format!(
                "cannot connect to {}: {}",
                target.servers(),
                describe(&e, &target)
            ),
            hint: connect_hint(&e),
        })?;
    let (tell, events) = mpsc::channel();
    let task = tokio::spawn(async move {
        loop {
            let message = std::future::poll_fn(|cx| connection.poll_message(cx)).await;
            let event = match message {
                Some(Ok(AsyncMessage::Notification(n))) => Event::Notified {
                    pid: n.process_id(),
                    review: n.payload().to_string(),
                },
                Some(Ok(_)) => continue,
                Some(Err(e)) => Event::Closed(e.to_string()),
                None => Event::Closed("the server closed it".into()),
            };
            let closed = matches!(event, Event::Closed(_));
            if tell.send(event).is_err() || closed {
                return;
            }
        }
    });
    let said = |e: tokio_postgres::Error| fail(describe(&e, &target));
    match schema::ensure(&mut client).await {
        Ok(()) => {}
        Err(schema::SchemaError::Newer { found }) => {
            task.abort();
            return Err(fail(format!(
                "its tables were made by a newer crosscheck (schema {found}; this one knows {}): upgrade crosscheck",
                schema::VERSION
            )));
        }
        Err(schema::SchemaError::Db(e)) => {
            task.abort();
            return Err(fail(format!(
                "its tables cannot be made or checked: {}",
                describe(&e, &target)
            )));
        }
    }
    let prepared = async {
        client.batch_execute(&format!("LISTEN {CHANNEL}")).await?;
        let facts = client
            .query_one(
                "SELECT pg_backend_pid(), has_table_privilege('crosscheck_decision', 'INSERT'), \
                 pg_is_in_recovery(), current_setting('default_transaction_read_only') = 'on', \
                 current_user::text",
                &[],
            )
            .await?;
        let statements = Statements {
            lock: client
                .prepare("SELECT pg_advisory_xact_lock($1::int4, hashtext($2::text))")
                .await?,
            after: client.prepare(rows::SELECT_AFTER).await?,
            insert: client.prepare(rows::INSERT).await?,
        };
        Ok::<_, tokio_postgres::Error>((facts, statements))
    };
    let (facts, statements) = match prepared.await {
        Ok(done) => done,
        Err(e) => {
            task.abort();
            return Err(said(e));
        }
    };
    let pid: i32 = facts.get(0);
    let may_insert: bool = facts.get(1);
    let standby: bool = facts.get(2);
    let read_only_default: bool = facts.get(3);
    let user: String = facts.get(4);
    let read_only = if standby {
        Some(
            "the server is a standby (read-only replica); point --store at the primary".to_string(),
        )
    } else if read_only_default {
        Some("the database is read-only (default_transaction_read_only is on)".to_string())
    } else if !may_insert {
        Some(format!(
            "the database role {} may not add decisions; ask the database's owner to GRANT INSERT ON crosscheck_decision and USAGE ON SEQUENCE crosscheck_decision_seq_seq to it",
            sanitize::line(&user)
        ))
    } else {
        None
    };
    Ok(Conn {
        client,
        events,
        pid,
        read_only: read_only.map(|reason| ReadOnly::Unwritable { reason }),
        task,
        statements,
    })
}

/// The driver's or the server's message, on one line, without the password.
fn describe(e: &tokio_postgres::Error, target: &Target) -> String {
    if let Some(db) = e.as_db_error() {
        use tokio_postgres::error::SqlState;
        let code = db.code();
        let hint = if *code == SqlState::INVALID_PASSWORD
            || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
        {
            "; check the user and password (in the URL, PGPASSWORD or ~/.pgpass)"
        } else if *code == SqlState::INVALID_CATALOG_NAME {
            "; create it (createdb) or correct the database in the URL"
        } else if *code == SqlState::INSUFFICIENT_PRIVILEGE {
            "; ask the database's owner for the privilege"
        } else {
            ""
        };
        return target.scrub(&format!("the server said: {}{hint}", db.message()));
    }
    // The driver's `Display` leaves out the cause, which is what a person needs.
    let mut text = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        text.push_str(&format!(": {c}"));
        cause = c.source();
    }
    // The driver's own words (`error connecting to server: …`) add nothing to ours.
    for prefix in [
        "error connecting to server: ",
        "error communicating with the server: ",
    ] {
        if let Some(rest) = text.strip_prefix(prefix) {
            text = rest.to_string();
        }
    }
    target.scrub(&text)
}

/// What to do when no connection could be made.
fn connect_hint(e: &tokio_postgres::Error) -> &'static str {
    if e.as_db_error().is_some() {
        return "";
    }
    let said = e.to_string();
    if said.starts_with("error performing TLS handshake") {
        "; check sslmode and sslrootcert in the URL (the CA that signed the server's certificate, and the host name it was issued for)"
    } else if said.starts_with("authentication error") {
        "; check the user and password (in the URL, PGPASSWORD or ~/.pgpass)"
    } else {
        "; check that PostgreSQL runs there and accepts connections from this machine (listen_addresses, pg_hba.conf), and the host and port in the URL (--store or CROSSCHECK_STORE)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_names_are_checked() {
        assert!(check_review_name("nk-troops").is_ok());
        assert!(check_review_name("").is_err());
        assert!(check_review_name("a\u{1b}[31m").is_err());
        assert!(check_review_name(&"x".repeat(REVIEW_NAME_MAX + 1)).is_err());
    }

    #[test]
    fn a_malformed_url_is_an_error_without_the_password_not_a_panic() {
        for url in [
            "postgres://kim:topsecret@db:port/desk",
            "postgres://kim:topsecret@[/desk",
            "kim:topsecret@db/desk",
        ] {
            let Err(e) = Postgres::open(url, "desk") else {
                panic!("{url} opened");
            };
            let said = e.to_string();
            assert!(!said.contains("topsecret"), "{said}");
            assert!(
                said.contains("postgres://USER@HOST:PORT/DATABASE"),
                "{said}"
            );
        }
    }

    #[test]
    fn the_default_review_name_is_the_claims_directory() {
        let dir = tempfile::tempdir().unwrap();
        let desk = dir.path().join("nk-troops");
        std::fs::create_dir(&desk).unwrap();
        let file = desk.join("a.claims.toml");
        std::fs::write(&file, "").unwrap();
        assert_eq!(
            default_review_name(std::slice::from_ref(&desk)),
            "nk-troops"
        );
        assert_eq!(default_review_name(&[file]), "nk-troops");
        assert_eq!(default_review_name(&[desk.join(".")]), "nk-troops");
        assert_eq!(
            default_review_name(&[std::path::PathBuf::from("/")]),
            "review"
        );
    }

    #[test]
    fn seconds_read_naturally() {
        assert_eq!(seconds(Duration::from_secs(1)), "1 s");
        assert_eq!(seconds(Duration::from_millis(1500)), "1.5 s");
    }
}
