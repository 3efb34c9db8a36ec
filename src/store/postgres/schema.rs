//! The tables crosscheck keeps in a database, created and migrated by crosscheck itself: each
//! version's SQL runs once, in a transaction, under an advisory lock (so that several first
//! starts at once do not race), and `crosscheck_schema` records which versions ran.

use tokio_postgres::{Client, GenericClient};

/// The schema version this crosscheck writes and reads.
pub const VERSION: i32 = 1;

/// The first key of every advisory lock crosscheck takes (`cros` in ASCII), so that its locks
/// never meet another program's. The second key is 0 for the schema, or the review's hash.
pub const LOCK_CLASS: i32 = 0x6372_6f73;

/// The SQL of each version, in order: `MIGRATIONS[n - 1]` makes version `n` from `n - 1`.
const MIGRATIONS: [&str; VERSION as usize] = [V1];

/// Decisions are rows of one append-only table: the journal's fields, the review they belong
/// to, and the order (`seq`) and time (`saved_at`) the server saved them in. A trigger refuses
/// UPDATE, DELETE and TRUNCATE, so that no program (crosscheck included) rewrites a review.
const V1: &str = r#"
CREATE TABLE IF NOT EXISTS crosscheck_schema (
    version integer NOT NULL PRIMARY KEY,
    migrated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE crosscheck_decision (
    seq bigserial PRIMARY KEY,
    review text NOT NULL CHECK (review <> ''),
    claim text NOT NULL,
    status text NOT NULL CHECK (status IN ('unreviewed', 'verified', 'disputed')),
    note text,
    reviewer text NOT NULL,
    fingerprint text CHECK (fingerprint ~ '^[0-9a-f]{16}$'),
    fields text CHECK (fields ~ '^[0-9a-f]{4}(\.[0-9a-f]{4}){5}$'),
    at timestamptz NOT NULL,
    saved_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX crosscheck_decision_review_seq ON crosscheck_decision (review, seq);
CREATE FUNCTION crosscheck_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'crosscheck decisions are never changed or removed, only added';
END
$$;
CREATE TRIGGER crosscheck_decision_append_only
    BEFORE UPDATE OR DELETE ON crosscheck_decision
    FOR EACH ROW EXECUTE FUNCTION crosscheck_append_only();
CREATE TRIGGER crosscheck_decision_no_truncate
    BEFORE TRUNCATE ON crosscheck_decision
    FOR EACH STATEMENT EXECUTE FUNCTION crosscheck_append_only();
"#;

/// Why the schema cannot be used.
#[derive(Debug)]
pub enum SchemaError {
    /// A newer crosscheck made it.
    Newer {
        found: i32,
    },
    Db(tokio_postgres::Error),
}

impl From<tokio_postgres::Error> for SchemaError {
    fn from(e: tokio_postgres::Error) -> Self {
        SchemaError::Db(e)
    }
}

/// The version the database holds (`None` before crosscheck made any table).
async fn version(client: &impl GenericClient) -> Result<Option<i32>, tokio_postgres::Error> {
    let exists: bool = client
        .query_one("SELECT to_regclass('crosscheck_schema') IS NOT NULL", &[])
        .await?
        .get(0);
    if !exists {
        return Ok(None);
    }
    client
        .query_one("SELECT max(version) FROM crosscheck_schema", &[])
        .await
        .map(|row| row.get(0))
}

/// Make the schema current, or say why it cannot be used. Reads only, when it is current (a
/// role that may not create tables can still use a database made for it).
pub async fn ensure(client: &mut Client) -> Result<(), SchemaError> {
    match version(client).await? {
        Some(VERSION) => return Ok(()),
        Some(found) if found > VERSION => return Err(SchemaError::Newer { found }),
        _ => {}
    }
    // A session lock, taken before the transaction: a transaction that began before another
    // crosscheck made the tables would still not see them (its catalog cache remembers that
    // they were missing). Released below, or with the session should it end first.
    client
        .execute("SELECT pg_advisory_lock($1, 0)", &[&LOCK_CLASS])
        .await?;
    let migrated = migrate(client).await;
    let unlocked = client
        .execute("SELECT pg_advisory_unlock($1, 0)", &[&LOCK_CLASS])
        .await;
    migrated?;
    unlocked?;
    Ok(())
}

async fn migrate(client: &mut Client) -> Result<(), SchemaError> {
    let tx = client.transaction().await?;
    // Another crosscheck may have made it while this one waited for the lock.
    let found = version(&tx).await?.unwrap_or(0);
    if found > VERSION {
        return Err(SchemaError::Newer { found });
    }
    for next in found + 1..=VERSION {
        tx.batch_execute(MIGRATIONS[(next - 1) as usize]).await?;
        tx.execute(
            "INSERT INTO crosscheck_schema (version) VALUES ($1)",
            &[&next],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
