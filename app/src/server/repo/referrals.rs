//! Referrals as their volunteer sees them: the requests matched with them, how each went,
//! and how many of their contacts are used.

use std::future::IntoFuture;

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{guarded, key_of, request_id, volunteer_id, Db, Guarded, RepoError};
use crate::domain::request::RequestStatus;

/// A referral as its volunteer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referral {
    pub request_key: String,
    pub requester_name: String,
    pub learning_goal: String,
    pub matched_at: DateTime<Utc>,
    pub status: RequestStatus,
}

#[derive(Debug, SurrealValue)]
struct ReferralRow {
    id: RecordId,
    name: String,
    learning_goal: String,
    matched_at: Option<DateTime<Utc>>,
    status: String,
}

/// The requests matched with volunteer `volunteer_key`, newest first.
pub async fn referrals_of(db: &Db, volunteer_key: &str) -> Result<Vec<Referral>, RepoError> {
    let rows: Vec<ReferralRow> = db
        .query(
            "SELECT id, name, learning_goal, matched_at, status FROM request
             WHERE volunteer = $vid ORDER BY matched_at DESC LIMIT 200",
        )
        .bind(("vid", volunteer_id(volunteer_key)))
        .await?
        .check()?
        .take(0)?;
    rows.into_iter()
        .map(|r| {
            let key = key_of(&r.id);
            Ok(Referral {
                status: RequestStatus::from_slug(&r.status).ok_or_else(|| RepoError::Corrupt {
                    table: "request",
                    id: key.clone(),
                    reason: format!("status {:?}", r.status),
                })?,
                request_key: key,
                requester_name: r.name,
                learning_goal: r.learning_goal,
                matched_at: r.matched_at.unwrap_or_default(),
            })
        })
        .collect()
}

/// The volunteer marks how a referral went: the request becomes completed or no-show.
pub async fn mark_referral(
    db: &Db,
    volunteer_key: &str,
    request_key: &str,
    status: RequestStatus,
    referral_state: &str,
) -> Guarded<()> {
    let rid = request_id(request_key);
    guarded(|| {
        db.query(
            "BEGIN TRANSACTION;
             LET $r = (SELECT status, volunteer FROM ONLY $rid);
             IF $r = NONE OR $r.volunteer != $vid { THROW 'cc:not-yours' };
             IF $r.status != 'matched' { THROW 'cc:wrong-status' };
             UPDATE $rid SET status = $status, ended_at = time::now() RETURN NONE;
             UPDATE referral SET state = $state, ended_at = time::now()
                 WHERE request = $rid AND state = 'active' RETURN NONE;
             COMMIT TRANSACTION;",
        )
        .bind(("rid", rid.clone()))
        .bind(("vid", volunteer_id(volunteer_key)))
        .bind(("status", status.slug().to_owned()))
        .bind(("state", referral_state.to_owned()))
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
