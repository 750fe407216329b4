//! The committee's CSV export: a range's requests in the order they were made, a page at a
//! time (keyset paging on `created_at, id`, so a large range never sits in memory), with
//! the matches and the feedback of each page's requests.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{key_of, Db, RepoError};

/// A request as exported (no address: the committee contacts requesters from the app).
#[derive(Debug, Clone, SurrealValue)]
pub struct RequestRow {
    pub id: RecordId,
    pub created_at: DateTime<Utc>,
    pub status: String,
    pub membership: String,
    pub background: String,
    pub learning_goal: String,
    pub roles: Vec<String>,
    pub settings: Vec<String>,
    pub modes: Vec<String>,
    pub region: Option<String>,
    pub due_on: DateTime<Utc>,
    pub matched_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
}

impl RequestRow {
    pub fn key(&self) -> String {
        key_of(&self.id)
    }
}

/// Where the next page starts: after this request.
#[derive(Debug, Clone)]
pub struct Cursor {
    pub created_at: DateTime<Utc>,
    pub id: RecordId,
}

/// The next `limit` requests made in `from..until`, after `cursor` (from the start when
/// None), in the order they were made.
pub async fn requests_page(
    db: &Db,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    cursor: Option<&Cursor>,
    limit: i64,
) -> Result<Vec<RequestRow>, RepoError> {
    const COLUMNS: &str = "SELECT id, created_at, status, membership, background, learning_goal, \
         roles, settings, modes, region, due_on, matched_at, ended_at FROM request \
         WHERE created_at >= $from AND created_at < $until";
    let q = match cursor {
        None => db.query(format!("{COLUMNS} ORDER BY created_at, id LIMIT $limit")),
        Some(c) => db
            .query(format!(
                "{COLUMNS} AND (created_at > $after_at OR (created_at = $after_at AND id > $after_id))
                 ORDER BY created_at, id LIMIT $limit"
            ))
            .bind(("after_at", c.created_at))
            .bind(("after_id", c.id.clone())),
    };
    let rows: Vec<RequestRow> = q
        .bind(("from", from))
        .bind(("until", until))
        .bind(("limit", limit))
        .await?
        .check()?
        .take(0)?;
    Ok(rows)
}

/// A match as exported.
#[derive(Debug, Clone, SurrealValue)]
pub struct MatchRow {
    pub request: RecordId,
    pub volunteer_name: Option<String>,
    pub matched_at: DateTime<Utc>,
    pub state: String,
    pub ended_at: Option<DateTime<Utc>>,
    pub note: Option<String>,
}

/// Every match of requests `ids`, in the order they were made.
pub async fn matches_of(db: &Db, ids: &[RecordId]) -> Result<Vec<MatchRow>, RepoError> {
    let rows: Vec<MatchRow> = db
        .query(
            "SELECT request, volunteer.display_name AS volunteer_name, matched_at, state, ended_at,
                 note FROM referral WHERE request IN $ids ORDER BY matched_at",
        )
        .bind(("ids", ids.to_vec()))
        .await?
        .check()?
        .take(0)?;
    Ok(rows)
}

/// A feedback answer as exported (who gave it is not: only the request's key).
#[derive(Debug, Clone, SurrealValue)]
pub struct FeedbackRow {
    pub request: RecordId,
    pub created_at: DateTime<Utc>,
    pub happened: bool,
    pub mode: Option<String>,
    pub rating: Option<i64>,
    pub useful: Option<String>,
    pub comment: String,
}

/// The answers given on requests `keys`.
pub async fn feedback_of(db: &Db, keys: &[String]) -> Result<Vec<FeedbackRow>, RepoError> {
    let ids: Vec<RecordId> = keys
        .iter()
        .map(|k| super::feedback::feedback_id(k))
        .collect();
    let rows: Vec<FeedbackRow> = db
        .query(
            "SELECT request, created_at, happened, mode, rating, useful, comment FROM $ids
             ORDER BY created_at",
        )
        .bind(("ids", ids))
        .await?
        .check()?
        .take(0)?;
    Ok(rows)
}
