//! Moving a review between a journal file and the database (`crosscheck store import` and
//! `store export`), every entry kept. Import is idempotent: an entry is added only when the
//! review holds fewer entries exactly like it (as the journal writes them) than the journal
//! does, so a second import adds nothing, an export imported back adds nothing, and two
//! identical entries in one journal stay two.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::time::SystemTime;

use super::{Postgres, rows, schema};
use crate::decision::Decision;
use crate::sanitize;
use crate::store::journal;
use crate::store::{Damage, StoreError};

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    /// Entries added to the review.
    pub added: usize,
    /// Entries the review already held.
    pub present: usize,
    /// The journal's last entry was incomplete (a crash mid-write), at this line: not imported.
    pub torn_line: Option<usize>,
}

/// Rows sent per statement.
const BATCH: usize = 5_000;

/// Many decisions added in one statement, in order.
const INSERT_MANY: &str = "INSERT INTO crosscheck_decision \
     (review, claim, status, note, reviewer, fingerprint, fields, at) \
     SELECT $1, claim, status, note, reviewer, fingerprint, fields, at \
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], \
                 $8::timestamptz[]) WITH ORDINALITY \
          AS u(claim, status, note, reviewer, fingerprint, fields, at, n) \
     ORDER BY n";

/// What the review lacks of `decisions`, given the rows it holds: how many are new and how many
/// present, and the new ones' columns, in order.
fn plan<'p>(
    held: &[tokio_postgres::Row],
    decisions: &[Decision],
    params: &'p [rows::Params],
) -> Result<(Imported, Vec<&'p rows::Params>), String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for entry in rows::entries(held)? {
        *counts.entry(key(&entry.decision)).or_default() += 1;
    }
    let mut imported = Imported::default();
    let mut new = Vec::new();
    for (decision, params) in decisions.iter().zip(params) {
        match counts.get_mut(&key(decision)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                imported.present += 1;
            }
            _ => new.push(params),
        }
    }
    imported.added = new.len();
    Ok((imported, new))
}

/// An entry as the journal writes it: what "the same entry" means for an import.
fn key(d: &Decision) -> String {
    journal::render(&Decision {
        at: rows::to_the_second(d.at),
        ..d.clone()
    })
}

impl Postgres {
    /// Add the journal's decisions the review does not hold yet, in the journal's order, in one
    /// transaction (all or nothing). A damaged journal is refused; a torn last entry is left
    /// out and said.
    pub fn import_journal(&mut self, path: &Path) -> Result<Imported, StoreError> {
        let shown = sanitize::line(&path.to_string_lossy()).into_owned();
        let cannot_read = |reason: String| StoreError::Read {
            location: shown.clone(),
            reason,
        };
        let Some((scan, _)) = journal::peek(path)? else {
            return Err(cannot_read("there is no such file".into()));
        };
        if let Some(Damage { line, message }) = scan.damaged {
            return Err(cannot_read(format!(
                "line {line} is a damaged entry ({}); repair it first (`crosscheck check` shows it), nothing was imported",
                sanitize::line(&message)
            )));
        }
        let decisions: Vec<Decision> = scan.entries.into_iter().map(|e| e.decision).collect();
        let mut imported = self.import(&decisions)?;
        imported.torn_line = scan.torn.map(|t| t.line);
        Ok(imported)
    }

    /// Add the decisions the review does not hold yet (see the module's note), in order, in one
    /// transaction, under the review's lock; open screens are told.
    pub fn import(&mut self, decisions: &[Decision]) -> Result<Imported, StoreError> {
        let location = self.location.clone();
        let not_saved = |reason: String| StoreError::Write {
            location: location.clone(),
            reason: format!("{reason}; nothing was imported"),
        };
        let params = decisions
            .iter()
            .map(rows::Params::of)
            .collect::<Result<Vec<_>, _>>()
            .map_err(&not_saved)?;
        self.listen(self.options.call).map_err(&not_saved)?;
        let review = self.review.clone();
        let done = self.run(self.options.bulk, async |conn| {
            let tx = conn.client.transaction().await?;
            tx.execute(&conn.statements.lock, &[&schema::LOCK_CLASS, &review])
                .await?;
            let held = tx.query(&conn.statements.after, &[&review, &0i64]).await?;
            let (imported, new) = match plan(&held, decisions, &params) {
                Ok(plan) => plan,
                // Rolled back as the transaction is dropped.
                Err(reason) => return Ok(Err(reason)),
            };
            for batch in new.chunks(BATCH) {
                let column = |f: fn(&rows::Params) -> Option<&str>| -> Vec<Option<&str>> {
                    batch.iter().map(|p| f(p)).collect()
                };
                let at: Vec<SystemTime> = batch.iter().map(|p| p.at).collect();
                tx.execute(
                    INSERT_MANY,
                    &[
                        &review,
                        &column(|p| Some(&p.claim)),
                        &column(|p| Some(p.status)),
                        &column(|p| p.note.as_deref()),
                        &column(|p| Some(&p.reviewer)),
                        &column(|p| p.fingerprint.as_deref()),
                        &column(|p| p.fields.as_deref()),
                        &at,
                    ],
                )
                .await?;
            }
            if !new.is_empty() {
                tx.execute("SELECT pg_notify('crosscheck', $1)", &[&review])
                    .await?;
            }
            tx.commit().await?;
            Ok(Ok(imported))
        });
        done.and_then(|planned| planned).map_err(not_saved)
    }

    /// Write every decision of the review as journal entries, in the order they were saved
    /// (a journal any crosscheck reads). Returns how many.
    pub fn export(&mut self, out: &mut dyn Write) -> Result<usize, ExportError> {
        let entries = crate::store::Store::reread(self).map_err(ExportError::Store)?;
        let mut write = || -> std::io::Result<()> {
            writeln!(
                out,
                "# crosscheck review journal: {} ({} decisions)\n",
                self.location,
                entries.len()
            )?;
            for entry in &entries {
                out.write_all(journal::render(&entry.decision).as_bytes())?;
            }
            out.flush()
        };
        write().map_err(ExportError::Write)?;
        Ok(entries.len())
    }
}

/// Why an export did not finish.
#[derive(Debug)]
pub enum ExportError {
    /// The review could not be read.
    Store(StoreError),
    /// What it was written to failed.
    Write(std::io::Error),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Store(e) => e.fmt(f),
            ExportError::Write(e) => write!(f, "the export cannot be written: {e}"),
        }
    }
}

impl std::error::Error for ExportError {}
