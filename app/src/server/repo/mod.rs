//! Repositories: every SurrealQL statement of the application lives in this module, with
//! bound parameters only.

pub mod accounts;
pub mod outbox;
pub mod requests;
pub mod terms;
pub mod volunteers;

/// The database handle; the engine (embedded SurrealKV, memory, or a server over
/// WebSocket) is chosen by the connection URL.
pub type Db = surrealdb::Surreal<surrealdb::engine::any::Any>;

/// The repository layer's error.
#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    #[error("database: {0}")]
    Database(#[from] surrealdb::Error),
    /// A stored row that does not satisfy the domain's rules (should be impossible with
    /// the schema's assertions; reported rather than papered over).
    #[error("stored {table} row {id} is invalid: {reason}")]
    Corrupt {
        table: &'static str,
        id: String,
        reason: String,
    },
    /// A row the statement should have produced or found was not there.
    #[error("missing {0}")]
    Missing(&'static str),
}

/// The key of a record id as used in URLs and other records.
pub(crate) fn key_of(id: &surrealdb::types::RecordId) -> String {
    use surrealdb::types::RecordIdKey;
    match &id.key {
        RecordIdKey::String(s) => s.clone(),
        RecordIdKey::Number(n) => n.to_string(),
        other => format!("{other:?}"),
    }
}

/// Whether the database answers a trivial query.
pub async fn ping(db: &Db) -> Result<(), RepoError> {
    db.query("RETURN 1").await?.check()?;
    Ok(())
}

/// Like `IndexedResults::check`, but for a transaction reports the statement that failed,
/// not the first statement that was cancelled because of it.
/// The start of day `d`, UTC: how dates are stored.
pub(crate) fn midnight_utc(d: chrono::NaiveDate) -> chrono::DateTime<chrono::Utc> {
    d.and_time(chrono::NaiveTime::MIN).and_utc()
}

/// Whether an error is a clash with a concurrent transaction, worth retrying.
pub(crate) fn is_conflict(e: &surrealdb::Error) -> bool {
    is_conflict_message(&e.to_string())
}

/// [`is_conflict`] for an error already turned into text (as a failed migration keeps it).
pub fn is_conflict_message(text: &str) -> bool {
    let text = text.to_lowercase();
    text.contains("conflict") || text.contains("can be retried") || text.contains("retry")
}

pub fn checked(
    mut res: surrealdb::IndexedResults,
) -> Result<surrealdb::IndexedResults, surrealdb::Error> {
    let mut errors: Vec<(usize, surrealdb::Error)> = res.take_errors().into_iter().collect();
    if errors.is_empty() {
        return Ok(res);
    }
    errors.sort_by_key(|(i, _)| *i);
    let cause = errors
        .iter()
        .position(|(_, e)| {
            !e.to_string()
                .contains("not executed due to a failed transaction")
        })
        .unwrap_or(0);
    Err(errors.swap_remove(cause).1)
}
