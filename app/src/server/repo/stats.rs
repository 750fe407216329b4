//! The dashboards' reads: the rollup counts of a range's periods (kept by the database's
//! table events, migration 0009), today's queue, recent comments, and the raw rows the
//! rollups are checked against.

use chrono::{DateTime, NaiveDate, Utc};
use surrealdb::types::SurrealValue;

use super::{midnight_utc, Db, RepoError};
use crate::domain::stats::{Cell, Comment, RawFeedback, RawRequest};

#[derive(Debug, SurrealValue)]
struct CellRow {
    period: String,
    metric: String,
    n: i64,
}

impl From<CellRow> for Cell {
    fn from(r: CellRow) -> Self {
        Self {
            period: r.period,
            metric: r.metric,
            n: r.n,
        }
    }
}

/// The counts of `periods` (keys from [`crate::domain::stats::periods`]).
pub async fn cells(db: &Db, periods: &[String]) -> Result<Vec<Cell>, RepoError> {
    let rows: Vec<CellRow> = db
        .query("SELECT period, metric, n FROM stat WHERE period IN $periods")
        .bind(("periods", periods.to_vec()))
        .await?
        .check()?
        .take(0)?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Every count stored (for the check against a recount).
pub async fn all_cells(db: &Db) -> Result<Vec<Cell>, RepoError> {
    let rows: Vec<CellRow> = db
        .query("SELECT period, metric, n FROM stat")
        .await?
        .check()?
        .take(0)?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Requests waiting for a match today, and of them the ones past their deadline.
pub async fn backlog(db: &Db, today: NaiveDate) -> Result<(u64, u64), RepoError> {
    let mut res = db
        .query(
            "RETURN count(SELECT VALUE id FROM request WHERE status = 'open');
             RETURN count(SELECT VALUE id FROM request WHERE status = 'open' AND due_on < $today);",
        )
        .bind(("today", midnight_utc(today)))
        .await?
        .check()?;
    let open: Option<i64> = res.take(0)?;
    let overdue: Option<i64> = res.take(1)?;
    let n = |v: Option<i64>| v.and_then(|v| u64::try_from(v).ok()).unwrap_or(0);
    Ok((n(open), n(overdue)))
}

#[derive(Debug, SurrealValue)]
struct CommentRow {
    created_at: DateTime<Utc>,
    rating: Option<i64>,
    comment: String,
}

/// The newest `limit` comments given on requests made in `from..=to`, without who gave
/// them (nothing but the day, the rating and the text is read).
pub async fn recent_comments(
    db: &Db,
    from: NaiveDate,
    to: NaiveDate,
    limit: i64,
) -> Result<Vec<Comment>, RepoError> {
    let rows: Vec<CommentRow> = db
        .query(
            "SELECT created_at, rating, comment FROM feedback
             WHERE comment != '' AND request.created_at >= $from AND request.created_at < $until
             ORDER BY created_at DESC LIMIT $limit",
        )
        .bind(("from", midnight_utc(from)))
        .bind(("until", midnight_utc(to.succ_opt().unwrap_or(to))))
        .bind(("limit", limit))
        .await?
        .check()?
        .take(0)?;
    Ok(rows
        .into_iter()
        .map(|r| Comment {
            on: r.created_at.date_naive(),
            rating: r.rating.and_then(|n| u8::try_from(n).ok()),
            text: r.comment,
        })
        .collect())
}

#[derive(Debug, SurrealValue)]
struct RawRequestRow {
    created_at: DateTime<Utc>,
    status: String,
    roles: Vec<String>,
    settings: Vec<String>,
    first_match: Option<DateTime<Utc>>,
}

#[derive(Debug, SurrealValue)]
struct RawFeedbackRow {
    request_created_at: Option<DateTime<Utc>>,
    happened: bool,
    rating: Option<i64>,
    useful: Option<String>,
}

/// Every request and answer, as the recount reads them (a check, not for the pages).
pub async fn raw(db: &Db) -> Result<(Vec<RawRequest>, Vec<RawFeedback>), RepoError> {
    let mut res = db
        .query(
            "SELECT created_at, status, roles, settings,
                 time::min((SELECT VALUE matched_at FROM referral WHERE request = $parent.id))
                     AS first_match
             FROM request;
             SELECT request.created_at AS request_created_at, happened, rating, useful FROM feedback;",
        )
        .await?
        .check()?;
    let requests: Vec<RawRequestRow> = res.take(0)?;
    let feedback: Vec<RawFeedbackRow> = res.take(1)?;
    let requests = requests
        .into_iter()
        .map(|r| RawRequest {
            created_on: r.created_at.date_naive(),
            status: r.status,
            roles: r.roles,
            settings: r.settings,
            first_match_days: r.first_match.map(|m| (m - r.created_at).num_days()),
        })
        .collect();
    let feedback = feedback
        .into_iter()
        .filter_map(|f| {
            Some(RawFeedback {
                request_created_on: f.request_created_at?.date_naive(),
                happened: f.happened,
                rating: f.rating.and_then(|n| u8::try_from(n).ok()),
                useful: f.useful,
            })
        })
        .collect();
    Ok((requests, feedback))
}

/// How many volunteers and requests the database holds (for the benchmark's seeding).
pub async fn table_sizes(db: &Db) -> Result<(u64, u64), RepoError> {
    let mut res = db
        .query(
            "RETURN (SELECT count() FROM volunteer GROUP ALL)[0].count ?? 0;
             RETURN (SELECT count() FROM request GROUP ALL)[0].count ?? 0;",
        )
        .await?
        .check()?;
    let volunteers: Option<i64> = res.take(0)?;
    let requests: Option<i64> = res.take(1)?;
    let n = |v: Option<i64>| v.and_then(|v| u64::try_from(v).ok()).unwrap_or(0);
    Ok((n(volunteers), n(requests)))
}

/// Up to `limit` volunteer keys (for the benchmark's made-up history).
pub async fn volunteer_keys(db: &Db, limit: i64) -> Result<Vec<String>, RepoError> {
    let keys: Vec<String> = db
        .query("SELECT VALUE record::id(id) FROM volunteer LIMIT $limit")
        .bind(("limit", limit))
        .await?
        .check()?
        .take(0)?;
    Ok(keys)
}
