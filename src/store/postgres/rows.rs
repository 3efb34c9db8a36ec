//! A decision as a row of `crosscheck_decision`, and back. Fields are kept as the journal
//! writes them (`verified`, 16 hex digits, `1a2b.…`), and `at` to the second as the journal
//! keeps it, so that a review moved between the file and the database is the same review.

use std::time::{Duration, SystemTime};

use crate::decision::{Decision, Entry, Status};

/// Every decision of a review after a sequence number, in order.
pub const SELECT_AFTER: &str = "SELECT seq, claim, status, note, reviewer, fingerprint, fields, at \
     FROM crosscheck_decision WHERE review = $1 AND seq > $2 ORDER BY seq";

/// One decision added, and every open crosscheck told (at commit).
pub const INSERT: &str = "INSERT INTO crosscheck_decision \
     (review, claim, status, note, reviewer, fingerprint, fields, at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
     RETURNING seq, pg_notify('crosscheck', $1)";

/// A decision's columns, as sent.
#[derive(Debug)]
pub struct Params {
    pub claim: String,
    pub status: &'static str,
    pub note: Option<String>,
    pub reviewer: String,
    pub fingerprint: Option<String>,
    pub fields: Option<String>,
    pub at: SystemTime,
}

impl Params {
    /// The columns of a decision, or why the database cannot keep it.
    pub fn of(d: &Decision) -> Result<Params, String> {
        // PostgreSQL text cannot hold NUL (a journal can, escaped).
        let texts = [Some(&d.claim), d.note.as_ref(), Some(&d.reviewer)];
        if texts.into_iter().flatten().any(|t| t.contains('\0')) {
            return Err(format!(
                "the decision on `{}` holds a NUL character, which PostgreSQL cannot keep",
                crate::sanitize::line(&d.claim)
            ));
        }
        Ok(Params {
            claim: d.claim.clone(),
            status: d.status.as_str(),
            note: d.note.clone(),
            reviewer: d.reviewer.clone(),
            fingerprint: d.fingerprint.map(|f| crate::fingerprint::hex(f).into()),
            fields: d.fields.as_ref().map(crate::fingerprint::fields_hex),
            at: system_time(d.at.as_second()),
        })
    }
}

/// `at` as the journal keeps it: whole seconds.
pub fn to_the_second(at: jiff::Timestamp) -> jiff::Timestamp {
    jiff::Timestamp::from_second(at.as_second()).unwrap_or(at)
}

fn system_time(second: i64) -> SystemTime {
    let magnitude = Duration::from_secs(second.unsigned_abs());
    if second >= 0 {
        SystemTime::UNIX_EPOCH + magnitude
    } else {
        SystemTime::UNIX_EPOCH - magnitude
    }
}

fn timestamp(at: SystemTime) -> Option<jiff::Timestamp> {
    let second = match at.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).ok()?,
        Err(before) => -i64::try_from(before.duration().as_secs_f64().ceil() as u64).ok()?,
    };
    jiff::Timestamp::from_second(second).ok()
}

/// Rows of [`SELECT_AFTER`] as entries (`line` is the sequence number), or what is wrong with
/// the first that is not a decision this crosscheck can read.
pub fn entries(rows: &[tokio_postgres::Row]) -> Result<Vec<Entry>, String> {
    rows.iter().map(entry).collect()
}

fn entry(row: &tokio_postgres::Row) -> Result<Entry, String> {
    let seq: i64 = row.try_get(0).map_err(|e| e.to_string())?;
    let bad = |what: &str| format!("decision #{seq} has {what}");
    let text = |i: usize| -> Result<Option<String>, String> {
        row.try_get(i)
            .map_err(|_| bad("a column of an unexpected type"))
    };
    let status_text = text(2)?.unwrap_or_default();
    let status = Status::parse(&status_text).ok_or_else(|| {
        bad(&format!(
            "the status `{}`, which this crosscheck does not know",
            crate::sanitize::line(&status_text)
        ))
    })?;
    let fingerprint = match text(5)? {
        Some(f) => {
            Some(crate::fingerprint::parse(&f).ok_or_else(|| bad("a malformed fingerprint"))?)
        }
        None => None,
    };
    let fields = match text(6)? {
        Some(f) => Some(
            crate::fingerprint::parse_fields(&f).ok_or_else(|| bad("malformed field digests"))?,
        ),
        None => None,
    };
    let at: SystemTime = row.try_get(7).map_err(|_| bad("no time"))?;
    let at = timestamp(at).ok_or_else(|| bad("a time out of range"))?;
    Ok(Entry {
        decision: Decision {
            claim: text(1)?.unwrap_or_default(),
            status,
            note: text(3)?,
            reviewer: text(4)?.unwrap_or_default(),
            fingerprint,
            fields,
            at,
        },
        line: usize::try_from(seq).unwrap_or(0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_go_to_the_second_both_ways() {
        for second in [0i64, 1_795_000_000, -86_400] {
            let at = jiff::Timestamp::from_second(second).unwrap();
            assert_eq!(timestamp(system_time(second)), Some(at));
        }
        let precise = jiff::Timestamp::from_nanosecond(1_795_000_000_123_456_789).unwrap();
        assert_eq!(to_the_second(precise).as_second(), 1_795_000_000);
    }

    #[test]
    fn a_nul_in_a_note_is_refused_before_it_reaches_the_server() {
        let d = Decision {
            claim: "a".into(),
            status: Status::Verified,
            note: Some("x\0y".into()),
            reviewer: "kim".into(),
            fingerprint: None,
            fields: None,
            at: jiff::Timestamp::UNIX_EPOCH,
        };
        assert!(Params::of(&d).unwrap_err().contains("NUL"));
    }
}
