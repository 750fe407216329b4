//! Requesters' feedback: one answer per request (keyed by the request's key), which ends a
//! request still matched (or ended without news) as completed or not held, and what a
//! volunteer's summary is made of.

use std::future::IntoFuture;

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{guarded, key_of, request_id, volunteer_id, Db, Guarded, RepoError};
use crate::domain::feedback::{Feedback, FeedbackFacts, Rating, Useful};
use crate::domain::MeetingMode;

/// The feedback record of request `key`.
pub(super) fn feedback_id(request_key: &str) -> RecordId {
    RecordId::new("feedback", request_key)
}

#[derive(Debug, Clone, SurrealValue)]
struct FeedbackRow {
    id: RecordId,
    happened: bool,
    mode: Option<String>,
    rating: Option<i64>,
    useful: Option<String>,
    comment: String,
    another: bool,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

/// An answer as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFeedback {
    pub feedback: Feedback,
    /// When it was first given (it can be changed for a while after).
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl FeedbackRow {
    fn corrupt(&self, reason: String) -> RepoError {
        RepoError::Corrupt {
            table: "feedback",
            id: key_of(&self.id),
            reason,
        }
    }

    fn facts(&self) -> Result<FeedbackFacts, RepoError> {
        Ok(FeedbackFacts {
            happened: self.happened,
            rating: self.rating()?,
            useful: self.useful()?,
        })
    }

    fn rating(&self) -> Result<Option<Rating>, RepoError> {
        self.rating
            .map(|r| {
                u8::try_from(r)
                    .ok()
                    .and_then(Rating::new)
                    .ok_or_else(|| self.corrupt(format!("rating {r}")))
            })
            .transpose()
    }

    fn useful(&self) -> Result<Option<Useful>, RepoError> {
        self.useful
            .as_deref()
            .map(|u| Useful::from_slug(u).ok_or_else(|| self.corrupt(format!("useful {u:?}"))))
            .transpose()
    }

    fn into_stored(self) -> Result<StoredFeedback, RepoError> {
        let mode = self
            .mode
            .as_deref()
            .map(|m| MeetingMode::from_slug(m).ok_or_else(|| self.corrupt(format!("mode {m:?}"))))
            .transpose()?;
        Ok(StoredFeedback {
            feedback: Feedback {
                happened: self.happened,
                mode,
                rating: self.rating()?,
                useful: self.useful()?,
                comment: self.comment.clone(),
                another: self.another,
            },
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

const COLUMNS: &str =
    "SELECT id, happened, mode, rating, useful, comment, another, created_at, updated_at FROM ";

/// The answer given for request `request_key`, if any.
pub async fn get(db: &Db, request_key: &str) -> Result<Option<StoredFeedback>, RepoError> {
    let rows: Vec<FeedbackRow> = db
        .query(format!("{COLUMNS}$fid"))
        .bind(("fid", feedback_id(request_key)))
        .await?
        .check()?
        .take(0)?;
    rows.into_iter()
        .next()
        .map(FeedbackRow::into_stored)
        .transpose()
}

/// The fields written, as stored.
#[derive(Debug, Clone, SurrealValue)]
struct NewFeedbackRow {
    happened: bool,
    mode: Option<String>,
    rating: Option<i64>,
    useful: Option<String>,
    comment: String,
    another: bool,
}

/// Stores (or changes) the answer for request `request_key`, all or nothing:
/// - refused ([`super::Refusal::WrongStatus`]) unless the request is matched or ended
///   after a match, and ([`super::Refusal::Final`]) when an answer was first given before
///   `editable_since`;
/// - a request still matched, or ended without news, ends as completed or not held
///   (`ended_by` the requester); one the requester ended before follows their new answer;
///   one the volunteer marked keeps its status.
pub async fn save(
    db: &Db,
    request_key: &str,
    f: &Feedback,
    now: DateTime<Utc>,
    editable_since: DateTime<Utc>,
) -> Guarded<()> {
    let row = NewFeedbackRow {
        happened: f.happened,
        mode: f.mode.map(|m| m.slug().to_owned()),
        rating: f.rating.map(|r| i64::from(r.value())),
        useful: f.useful.map(|u| u.slug().to_owned()),
        comment: f.comment.clone(),
        another: f.another,
    };
    let status = if f.happened { "completed" } else { "not-held" };
    guarded(|| {
        db.query(
            "BEGIN TRANSACTION;
             LET $r = (SELECT status, volunteer, ended_by FROM ONLY $rid);
             IF $r = NONE OR $r.status NOT IN ['matched', 'completed', 'no-show', 'not-held', 'lapsed']
                 { THROW 'cc:wrong-status' };
             LET $old = (SELECT created_at FROM ONLY $fid);
             IF $old != NONE AND $old.created_at < $editable_since { THROW 'cc:final' };
             UPSERT $fid SET request = $rid, volunteer = $r.volunteer, happened = $row.happened,
                 mode = $row.mode, rating = $row.rating, useful = $row.useful,
                 comment = $row.comment, another = $row.another,
                 created_at = created_at ?? $now, updated_at = $now RETURN NONE;
             IF $r.status IN ['matched', 'lapsed'] OR $r.ended_by = 'requester' {
                 UPDATE $rid SET status = $status, ended_at = ended_at ?? $now,
                     ended_by = 'requester' RETURN NONE;
             };
             COMMIT TRANSACTION;",
        )
        .bind(("rid", request_id(request_key)))
        .bind(("fid", feedback_id(request_key)))
        .bind(("row", row.clone()))
        .bind(("status", status))
        .bind(("now", now))
        .bind(("editable_since", editable_since))
        .into_future()
    })
    .await
}

/// What the answers about volunteer `volunteer_key` say, for their summary (at most the
/// latest 1,000).
pub async fn facts_about(db: &Db, volunteer_key: &str) -> Result<Vec<FeedbackFacts>, RepoError> {
    let rows: Vec<FeedbackRow> = db
        .query(format!(
            "{COLUMNS}feedback WHERE volunteer = $vid ORDER BY created_at DESC LIMIT 1000"
        ))
        .bind(("vid", volunteer_id(volunteer_key)))
        .await?
        .check()?
        .take(0)?;
    rows.iter().map(FeedbackRow::facts).collect()
}
