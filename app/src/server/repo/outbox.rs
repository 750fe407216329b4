//! The email outbox: rows are written by the changes that cause them (see `requests`),
//! claimed by a delivery worker for a while, and marked sent — or given a later attempt.
//! A claim expires, so a worker that dies mid-delivery leaves nothing stuck; with several
//! app copies, each claim is one transaction, so two workers never hold the same row.

use std::future::IntoFuture;

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{key_of, Db, RepoError};
use crate::domain::email::Email;

/// The outbox's fields for one email.
#[derive(Debug, Clone, SurrealValue)]
pub(super) struct MailRow {
    kind: String,
    to: String,
    subject: String,
    text: String,
    html: String,
}

impl From<&Email> for MailRow {
    fn from(e: &Email) -> Self {
        Self {
            kind: e.kind.clone(),
            to: e.to.clone(),
            subject: e.subject.clone(),
            text: e.text.clone(),
            html: e.html.clone(),
        }
    }
}

/// The statement that queues `$name` (a [`MailRow`]) in the outbox, for the transaction
/// that makes the change the email tells of.
macro_rules! queue_mail {
    ($name:literal) => {
        concat!(
            "CREATE outbox SET kind = ",
            $name,
            ".kind, to = ",
            $name,
            ".to, subject = ",
            $name,
            ".subject, text = ",
            $name,
            ".text, html = ",
            $name,
            ".html, created_at = time::now(), attempts = 0, next_attempt_at = time::now() RETURN NONE;"
        )
    };
}
pub(super) use queue_mail;

/// An email due for delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub key: String,
    pub kind: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub attempts: u32,
}

#[derive(Debug, SurrealValue)]
struct OutboxRow {
    id: RecordId,
    kind: String,
    to: String,
    subject: String,
    text: String,
    html: String,
    attempts: i64,
}

/// Claims up to `limit` due emails until `claim_until`, oldest first.
pub async fn claim_due(
    db: &Db,
    now: DateTime<Utc>,
    claim_until: DateTime<Utc>,
    limit: usize,
) -> Result<Vec<Outgoing>, RepoError> {
    // One transaction: select what is due and unclaimed, claim it. A concurrent worker
    // doing the same conflicts on the same rows and gets nothing this round.
    let res = db
        .query(
            "BEGIN TRANSACTION;
             LET $due = (SELECT VALUE id FROM outbox WHERE sent_at = NONE AND gave_up_at = NONE
                 AND next_attempt_at <= $now
                 AND (claimed_until = NONE OR claimed_until < $now)
                 ORDER BY next_attempt_at LIMIT $limit);
             UPDATE $due SET claimed_until = $until RETURN NONE;
             SELECT id, kind, to, subject, text, html, attempts FROM $due;
             COMMIT TRANSACTION;",
        )
        .bind(("now", now))
        .bind(("until", claim_until))
        .bind(("limit", limit as i64))
        .into_future()
        .await;
    let mut res = match res.and_then(super::checked) {
        Ok(r) => r,
        Err(e) if super::is_conflict(&e) => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let rows: Vec<OutboxRow> = res.take(3)?;
    Ok(rows
        .into_iter()
        .map(|r| Outgoing {
            key: key_of(&r.id),
            kind: r.kind,
            to: r.to,
            subject: r.subject,
            text: r.text,
            html: r.html,
            attempts: u32::try_from(r.attempts).unwrap_or(0),
        })
        .collect())
}

/// Marks an email delivered, and forgets its body: it may hold a private link or a
/// volunteer's contact details, and is not needed any more.
pub async fn mark_sent(db: &Db, key: &str, at: DateTime<Utc>) -> Result<(), RepoError> {
    db.query(
        "UPDATE $id SET sent_at = $at, claimed_until = NONE, last_error = NONE, attempts += 1,
             text = '', html = '' RETURN NONE",
    )
    .bind(("id", RecordId::new("outbox", key)))
    .bind(("at", at))
    .await?
    .check()?;
    Ok(())
}

/// Records a failed attempt and when to try again.
pub async fn mark_failed(
    db: &Db,
    key: &str,
    error: &str,
    next_attempt: DateTime<Utc>,
) -> Result<(), RepoError> {
    let error: String = error.chars().take(500).collect();
    db.query(
        "UPDATE $id SET attempts += 1, last_error = $error, next_attempt_at = $next,
             claimed_until = NONE RETURN NONE",
    )
    .bind(("id", RecordId::new("outbox", key)))
    .bind(("error", error))
    .bind(("next", next_attempt))
    .await?
    .check()?;
    Ok(())
}

/// Stops retrying an email: it keeps its address, subject and last error (its body is
/// forgotten, like a delivered one's) and is no longer due.
pub async fn give_up(db: &Db, key: &str, error: &str) -> Result<(), RepoError> {
    let error: String = error.chars().take(500).collect();
    db.query(
        "UPDATE $id SET attempts += 1, last_error = $error, gave_up_at = time::now(),
             claimed_until = NONE, text = '', html = '' RETURN NONE",
    )
    .bind(("id", RecordId::new("outbox", key)))
    .bind(("error", error))
    .await?
    .check()?;
    Ok(())
}

/// Hands claimed but unattempted emails back, so the next round may take them at once.
pub async fn release(db: &Db, keys: &[&str]) -> Result<(), RepoError> {
    if keys.is_empty() {
        return Ok(());
    }
    let ids: Vec<RecordId> = keys.iter().map(|k| RecordId::new("outbox", *k)).collect();
    db.query("UPDATE $ids SET claimed_until = NONE WHERE sent_at = NONE RETURN NONE")
        .bind(("ids", ids))
        .await?
        .check()?;
    Ok(())
}

/// Deletes the records of emails delivered (or given up) before `before`: kept only as
/// long as someone may ask what was sent.
pub async fn purge_delivered(db: &Db, before: DateTime<Utc>) -> Result<(), RepoError> {
    db.query(
        "DELETE outbox WHERE (sent_at != NONE AND sent_at < $before)
             OR (gave_up_at != NONE AND gave_up_at < $before) RETURN NONE",
    )
    .bind(("before", before))
    .await?
    .check()?;
    Ok(())
}

/// How many emails wait (not yet sent, not given up), and how many were sent.
pub async fn counts(db: &Db) -> Result<(u64, u64), RepoError> {
    let mut res = db
        // One statement, so both counts see the same moment: with two, an email the
        // worker delivers in between would be counted twice.
        .query(
            "RETURN [
                 count(SELECT VALUE id FROM outbox WHERE sent_at = NONE AND gave_up_at = NONE),
                 count(SELECT VALUE id FROM outbox WHERE sent_at != NONE)
             ];",
        )
        .await?
        .check()?;
    let both: Vec<i64> = res.take(0)?;
    let waiting = both.first().copied();
    let sent = both.get(1).copied();
    Ok((
        waiting.unwrap_or(0).max(0) as u64,
        sent.unwrap_or(0).max(0) as u64,
    ))
}

/// An email as stored, for the integration tests and the committee's troubleshooting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub kind: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub attempts: u32,
    pub sent: bool,
    /// Why the last attempt failed, if it did.
    pub last_error: Option<String>,
}

#[derive(Debug, SurrealValue)]
struct StoredRow {
    kind: String,
    to: String,
    subject: String,
    text: String,
    attempts: i64,
    sent_at: Option<DateTime<Utc>>,
    last_error: Option<String>,
    #[allow(dead_code)]
    created_at: DateTime<Utc>,
}

/// Every email in the outbox, oldest first.
pub async fn all(db: &Db) -> Result<Vec<Stored>, RepoError> {
    let rows: Vec<StoredRow> = db
        .query("SELECT kind, to, subject, text, attempts, sent_at, last_error, created_at FROM outbox ORDER BY created_at")
        .await?
        .check()?
        .take(0)?;
    Ok(rows
        .into_iter()
        .map(|r| Stored {
            kind: r.kind,
            to: r.to,
            subject: r.subject,
            text: r.text,
            attempts: u32::try_from(r.attempts).unwrap_or(0),
            sent: r.sent_at.is_some(),
            last_error: r.last_error,
        })
        .collect())
}
