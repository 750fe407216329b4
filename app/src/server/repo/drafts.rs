//! Form drafts (the no-JavaScript error round trip): what was typed into a refused form,
//! kept under the session's (or the browser's draft key's) hash until it is shown again.
//! Expired drafts go with `accounts::purge_expired`.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{Db, RepoError};

/// Keeps what was typed into `form` for this session until it is shown again.
pub async fn save(
    db: &Db,
    session_hash: &str,
    form: &str,
    body: String,
    expires_at: DateTime<Utc>,
) -> Result<(), RepoError> {
    db.query(
        "UPSERT $id SET session = $session_hash, form = $form, body = $body, expires_at = $expires
         RETURN NONE",
    )
    .bind(("id", draft_id(session_hash, form)))
    .bind(("session_hash", session_hash.to_owned()))
    .bind(("form", form.to_owned()))
    .bind(("body", body))
    .bind(("expires", expires_at))
    .await?
    .check()?;
    Ok(())
}

#[derive(Debug, SurrealValue)]
struct DraftRow {
    body: String,
    expires_at: DateTime<Utc>,
}

/// Removes and returns the draft of `form` for this session, unless it has expired.
pub async fn take(
    db: &Db,
    session_hash: &str,
    form: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, RepoError> {
    read(db, "DELETE $id RETURN BEFORE", session_hash, form, now).await
}

/// The draft of `form` for this session, unless it has expired; it stays kept.
pub async fn get(
    db: &Db,
    session_hash: &str,
    form: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, RepoError> {
    read(
        db,
        "SELECT body, expires_at FROM $id",
        session_hash,
        form,
        now,
    )
    .await
}

/// The body `statement` returns for the draft (`$id`), unless it has expired.
async fn read(
    db: &Db,
    statement: &'static str,
    session_hash: &str,
    form: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, RepoError> {
    let rows: Vec<DraftRow> = db
        .query(statement)
        .bind(("id", draft_id(session_hash, form)))
        .await?
        .check()?
        .take(0)?;
    Ok(rows
        .into_iter()
        .next()
        .filter(|d| d.expires_at > now)
        .map(|d| d.body))
}

fn draft_id(session_hash: &str, form: &str) -> RecordId {
    RecordId::new("form_draft", format!("{session_hash}-{form}"))
}
