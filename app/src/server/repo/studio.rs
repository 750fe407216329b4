//! The drafting studio's drafts: one per matched request, stored as the JSON the studio
//! service validated.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{request_id, Db, RepoError};

fn draft_id(request_key: &str) -> RecordId {
    RecordId::new("studio_draft", request_key)
}

/// Keeps `body` as request `request_key`'s studio draft, replacing the one it had, and
/// the day the requester said they sent their first message (`sent_on`, from the draft).
pub async fn save(
    db: &Db,
    request_key: &str,
    body: String,
    sent_on: Option<chrono::NaiveDate>,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    db.query(
        "BEGIN TRANSACTION;
         UPSERT $id SET request = $rid, body = $body, updated_at = $now RETURN NONE;
         UPDATE $rid SET wrote_on = $sent_on RETURN NONE;
         COMMIT TRANSACTION;",
    )
    .bind(("id", draft_id(request_key)))
    .bind(("rid", request_id(request_key)))
    .bind(("body", body))
    .bind(("sent_on", sent_on.map(super::midnight_utc)))
    .bind(("now", now))
    .await
    .map_err(RepoError::from)
    .and_then(|r| super::checked(r).map_err(RepoError::from))?;
    Ok(())
}

/// A stored studio draft and when it was last saved.
#[derive(Debug, Clone, SurrealValue)]
pub struct Stored {
    pub body: String,
    pub updated_at: DateTime<Utc>,
}

/// Request `request_key`'s studio draft, when it has one.
pub async fn load(db: &Db, request_key: &str) -> Result<Option<Stored>, RepoError> {
    let rows: Vec<Stored> = db
        .query("SELECT body, updated_at FROM $id")
        .bind(("id", draft_id(request_key)))
        .await?
        .check()?
        .take(0)?;
    Ok(rows.into_iter().next())
}
