//! Referrals as their volunteer sees them: the requests matched with them, how each went,
//! and how many of their contacts are used.

use std::future::IntoFuture;

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{guarded, key_of, request_id, volunteer_id, Db, Guarded, RepoError};
use crate::domain::request::{ReferralOutcome, RequestStatus};

/// A referral as its volunteer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referral {
    pub request_key: String,
    pub requester_name: String,
    pub learning_goal: String,
    pub matched_at: DateTime<Utc>,
    pub status: RequestStatus,
    /// The volunteer's own mark, when they made one.
    pub mark: Option<ReferralOutcome>,
    /// When they first marked it (the mark can be changed for a while after).
    pub marked_at: Option<DateTime<Utc>>,
    /// Their comment with the mark.
    pub note: String,
}

#[derive(Debug, SurrealValue)]
struct MarkRow {
    state: String,
    marked_at: Option<DateTime<Utc>>,
    note: Option<String>,
}

#[derive(Debug, SurrealValue)]
struct ReferralRow {
    id: RecordId,
    name: String,
    learning_goal: String,
    matched_at: Option<DateTime<Utc>>,
    status: String,
    mark: Option<MarkRow>,
}

/// The requests matched with volunteer `volunteer_key`, newest first, with their marks.
pub async fn referrals_of(db: &Db, volunteer_key: &str) -> Result<Vec<Referral>, RepoError> {
    let rows: Vec<ReferralRow> = db
        .query(
            "SELECT id, name, learning_goal, matched_at, status,
                 (SELECT state, marked_at, note FROM referral
                     WHERE request = $parent.id AND volunteer = $vid
                     ORDER BY matched_at DESC LIMIT 1)[0] AS mark
             FROM request WHERE volunteer = $vid ORDER BY matched_at DESC LIMIT 200",
        )
        .bind(("vid", volunteer_id(volunteer_key)))
        .await?
        .check()?
        .take(0)?;
    rows.into_iter()
        .map(|r| {
            let key = key_of(&r.id);
            let corrupt = |reason: String| RepoError::Corrupt {
                table: "request",
                id: key.clone(),
                reason,
            };
            let status = RequestStatus::from_slug(&r.status)
                .ok_or_else(|| corrupt(format!("status {:?}", r.status)))?;
            let (mark, marked_at, note) = match r.mark {
                Some(m) => (
                    ReferralOutcome::from_slug(&m.state),
                    m.marked_at,
                    m.note.unwrap_or_default(),
                ),
                None => (None, None, String::new()),
            };
            Ok(Referral {
                status,
                request_key: key,
                requester_name: r.name,
                learning_goal: r.learning_goal,
                matched_at: r.matched_at.unwrap_or_default(),
                mark,
                marked_at,
                note,
            })
        })
        .collect()
}

/// Volunteer `volunteer_key` marks how their referral `request_key` went (with an
/// optional `note`), all or nothing:
/// - only their own ([`Refusal::NotYours`](super::Refusal)); refused as final when they
///   first marked it before `changeable_since`;
/// - a request still matched, or ended without news, takes the mark's status (`ended_by`
///   the volunteer), as does one their earlier mark ended; one the requester's feedback
///   ended keeps its status (the mark is kept on the referral, their side of it).
pub async fn mark_referral(
    db: &Db,
    volunteer_key: &str,
    request_key: &str,
    outcome: ReferralOutcome,
    note: Option<&str>,
    now: DateTime<Utc>,
    changeable_since: DateTime<Utc>,
) -> Guarded<()> {
    let rid = request_id(request_key);
    let note = note.map(str::to_owned);
    guarded(|| {
        db.query(
            "BEGIN TRANSACTION;
             LET $r = (SELECT status, volunteer, ended_by FROM ONLY $rid);
             IF $r = NONE OR $r.volunteer != $vid { THROW 'cc:not-yours' };
             LET $ref = (SELECT id, marked_at FROM referral
                 WHERE request = $rid AND volunteer = $vid
                     AND state IN ['active', 'done', 'no-show', 'never-wrote']
                 ORDER BY matched_at DESC LIMIT 1)[0];
             IF $ref = NONE OR $r.status NOT IN ['matched', 'completed', 'no-show', 'not-held', 'lapsed']
                 { THROW 'cc:wrong-status' };
             IF $ref.marked_at != NONE AND $ref.marked_at < $changeable_since { THROW 'cc:final' };
             IF $r.status IN ['matched', 'lapsed'] OR $r.ended_by = 'volunteer' {
                 UPDATE $rid SET status = $status, ended_at = ended_at ?? $now,
                     ended_by = 'volunteer' RETURN NONE;
             };
             UPDATE $ref.id SET state = $state, note = $note, marked_at = marked_at ?? $now,
                 ended_at = ended_at ?? $now RETURN NONE;
             COMMIT TRANSACTION;",
        )
        .bind(("rid", rid.clone()))
        .bind(("vid", volunteer_id(volunteer_key)))
        .bind(("status", outcome.status().slug().to_owned()))
        .bind(("state", outcome.slug().to_owned()))
        .bind(("note", note.clone()))
        .bind(("now", now))
        .bind(("changeable_since", changeable_since))
        .into_future()
    })
    .await
}

/// The contact count of volunteer `key` as stored: (used, maximum).
pub async fn contact_count(db: &Db, volunteer_key: &str) -> Result<Option<(u32, u32)>, RepoError> {
    #[derive(SurrealValue)]
    struct Counts {
        contacts_used: i64,
        max_contacts: i64,
    }
    let rows: Vec<Counts> = db
        .query("SELECT contacts_used, max_contacts FROM $vid")
        .bind(("vid", volunteer_id(volunteer_key)))
        .await?
        .check()?
        .take(0)?;
    Ok(rows.into_iter().next().map(|c| {
        (
            u32::try_from(c.contacts_used).unwrap_or(0),
            u32::try_from(c.max_contacts).unwrap_or(0),
        )
    }))
}
