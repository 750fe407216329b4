//! Repositories: every SurrealQL statement of the application lives in this module, with
//! bound parameters only.

pub mod accounts;
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
