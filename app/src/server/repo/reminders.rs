//! What the scheduler's reminders read and write. Each reminder is sent once: the
//! transaction that queues its email also records that it went (on the request, the
//! referral, or a `job_run` record for the day's digest), and refuses
//! ([`Refusal::Changed`](super::Refusal)) when another app copy was first, so several
//! copies running the scheduler send each one once.

use std::future::IntoFuture;

use chrono::{DateTime, NaiveDate, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::outbox::{queue_mail, MailRow};
use super::requests::{add_link, link_id, MAX_LIVE_LINKS};
use super::{guarded, key_of, midnight_utc, request_id, Db, Guarded, RepoError};
use crate::domain::email::Email;

/// The most reminders of one kind a run sends (the next run sends the rest).
const BATCH: i64 = 200;

/// A matched requester a reminder is due to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueRequester {
    pub request_key: String,
    pub name: String,
    pub email: String,
    /// Their volunteer's name (None when the volunteer has left).
    pub volunteer_name: Option<String>,
}

#[derive(Debug, SurrealValue)]
struct DueRequesterRow {
    id: RecordId,
    name: String,
    email: String,
    volunteer_name: Option<String>,
}

impl From<DueRequesterRow> for DueRequester {
    fn from(r: DueRequesterRow) -> Self {
        Self {
            request_key: key_of(&r.id),
            name: r.name,
            email: r.email,
            volunteer_name: r.volunteer_name,
        }
    }
}

async fn due_requesters(
    db: &Db,
    sql: &'static str,
    binds: Vec<(&'static str, DateTime<Utc>)>,
) -> Result<Vec<DueRequester>, RepoError> {
    let mut q = db.query(sql).bind(("batch", BATCH));
    for b in binds {
        q = q.bind(b);
    }
    let rows: Vec<DueRequesterRow> = q.await?.check()?.take(0)?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Requests matched after `matched_after` whose feedback form is open (matched before
/// `matched_before`, or with the conversation's day on or before `today`) and whose
/// requester has neither been asked nor answered. Requests the volunteer marked as missed
/// or never written are left out.
pub async fn feedback_due(
    db: &Db,
    matched_after: DateTime<Utc>,
    matched_before: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Vec<DueRequester>, RepoError> {
    due_requesters(
        db,
        "SELECT id, name, email, volunteer.display_name AS volunteer_name FROM request
         WHERE status IN ['matched', 'completed', 'lapsed'] AND feedback_asked_at = NONE
             AND matched_at != NONE AND matched_at > $matched_after
             AND (matched_at < $matched_before OR (meeting_on != NONE AND meeting_on <= $today))
             AND record::exists(type::record('feedback', record::id(id))) = false
         LIMIT $batch",
        vec![
            ("matched_after", matched_after),
            ("matched_before", matched_before),
            ("today", midnight_utc(today)),
        ],
    )
    .await
}

/// Requests matched before `matched_before` and still matched whose requester has not
/// said they wrote (no day of their first message, no day of the conversation) and has
/// not been reminded.
pub async fn write_due(
    db: &Db,
    matched_before: DateTime<Utc>,
) -> Result<Vec<DueRequester>, RepoError> {
    due_requesters(
        db,
        "SELECT id, name, email, volunteer.display_name AS volunteer_name FROM request
         WHERE status = 'matched' AND matched_at < $matched_before AND write_reminded_at = NONE
             AND wrote_on = NONE AND meeting_on = NONE
         LIMIT $batch",
        vec![("matched_before", matched_before)],
    )
    .await
}

/// Which reminder to a requester.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequesterReminder {
    Feedback,
    Write,
}

/// Sends reminder `which` for request `request_key`, once: adds the private link its email
/// carries (`link_hash`), records that it went, and queues `mail`, all or nothing;
/// refused as changed when it already went.
pub async fn remind_requester(
    db: &Db,
    request_key: &str,
    which: RequesterReminder,
    link_hash: &str,
    mail: &Email,
    now: DateTime<Utc>,
) -> Guarded<()> {
    let sql = match which {
        RequesterReminder::Feedback => concat!(
            "BEGIN TRANSACTION;
             IF (SELECT VALUE feedback_asked_at FROM ONLY $rid) != NONE { THROW 'cc:changed' };
             UPDATE $rid SET feedback_asked_at = $now RETURN NONE;
             ",
            add_link!("$link", "$rid"),
            queue_mail!("$mail"),
            "
             COMMIT TRANSACTION;"
        ),
        RequesterReminder::Write => concat!(
            "BEGIN TRANSACTION;
             IF (SELECT VALUE write_reminded_at FROM ONLY $rid) != NONE { THROW 'cc:changed' };
             UPDATE $rid SET write_reminded_at = $now RETURN NONE;
             ",
            add_link!("$link", "$rid"),
            queue_mail!("$mail"),
            "
             COMMIT TRANSACTION;"
        ),
    };
    let mail = MailRow::from(mail);
    let rid = request_id(request_key);
    let link = link_id(link_hash);
    guarded(|| {
        db.query(sql)
            .bind(("rid", rid.clone()))
            .bind(("link", link.clone()))
            .bind(("max_links", MAX_LIVE_LINKS))
            .bind(("mail", mail.clone()))
            .bind(("now", now))
            .into_future()
    })
    .await
}

/// A volunteer to ask whether they are still available for a referral.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueNudge {
    pub referral: RecordId,
    pub requester_name: String,
    pub volunteer_name: String,
    pub volunteer_email: String,
}

#[derive(Debug, SurrealValue)]
struct DueNudgeRow {
    id: RecordId,
    requester_name: String,
    volunteer_name: Option<String>,
    volunteer_email: Option<String>,
}

/// Active referrals matched before `matched_before`, their request still matched and
/// their volunteer not yet asked (volunteers without an address are left out).
pub async fn nudges_due(
    db: &Db,
    matched_before: DateTime<Utc>,
) -> Result<Vec<DueNudge>, RepoError> {
    let rows: Vec<DueNudgeRow> = db
        .query(
            "SELECT id, request.name AS requester_name, volunteer.display_name AS volunteer_name,
                 type::record('volunteer_contact', record::id(volunteer)).email AS volunteer_email
             FROM referral
             WHERE state = 'active' AND nudged_at = NONE AND matched_at < $matched_before
                 AND request.status = 'matched'
             LIMIT $batch",
        )
        .bind(("matched_before", matched_before))
        .bind(("batch", BATCH))
        .await?
        .check()?
        .take(0)?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(DueNudge {
                referral: r.id,
                requester_name: r.requester_name,
                volunteer_name: r.volunteer_name?,
                volunteer_email: r.volunteer_email?,
            })
        })
        .collect())
}

/// Asks the volunteer of `referral` whether they are still available, once: records it
/// and queues `mail` together; refused as changed when it already went.
pub async fn nudge(db: &Db, referral: &RecordId, mail: &Email, now: DateTime<Utc>) -> Guarded<()> {
    let sql = concat!(
        "BEGIN TRANSACTION;
         IF (SELECT VALUE nudged_at FROM ONLY $ref) != NONE { THROW 'cc:changed' };
         UPDATE $ref SET nudged_at = $now RETURN NONE;
         ",
        queue_mail!("$mail"),
        "
         COMMIT TRANSACTION;"
    );
    let mail = MailRow::from(mail);
    guarded(|| {
        db.query(sql)
            .bind(("ref", referral.clone()))
            .bind(("mail", mail.clone()))
            .bind(("now", now))
            .into_future()
    })
    .await
}

/// A request waiting for a match, for the committee's digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    pub request_key: String,
    pub name: String,
    pub due_on: NaiveDate,
}

#[derive(Debug, SurrealValue)]
struct WaitingRow {
    id: RecordId,
    name: String,
    due_on: DateTime<Utc>,
}

/// The requests waiting for a match that are due on or before `due_by`, oldest deadline
/// first (at most 500).
pub async fn waiting_due_by(db: &Db, due_by: NaiveDate) -> Result<Vec<Waiting>, RepoError> {
    let rows: Vec<WaitingRow> = db
        .query(
            "SELECT id, name, due_on FROM request WHERE status = 'open' AND due_on <= $due_by
             ORDER BY due_on, id LIMIT 500",
        )
        .bind(("due_by", midnight_utc(due_by)))
        .await?
        .check()?
        .take(0)?;
    Ok(rows
        .into_iter()
        .map(|r| Waiting {
            request_key: key_of(&r.id),
            name: r.name,
            due_on: r.due_on.date_naive(),
        })
        .collect())
}

/// Whether job `job` was already done for `period` (a day, say).
pub async fn job_done(db: &Db, job: &str, period: &str) -> Result<bool, RepoError> {
    let found: Option<DateTime<Utc>> = db
        .query("SELECT VALUE done_at FROM ONLY $id")
        .bind(("id", job_id(job, period)))
        .await?
        .check()?
        .take(0)?;
    Ok(found.is_some())
}

fn job_id(job: &str, period: &str) -> RecordId {
    RecordId::new("job_run", format!("{job}:{period}"))
}

/// Does job `job` for `period` once: records it and queues `mails` together; refused as
/// changed when another copy did it first.
pub async fn run_once(
    db: &Db,
    job: &str,
    period: &str,
    mails: &[Email],
    now: DateTime<Utc>,
) -> Guarded<()> {
    let sql = concat!(
        "BEGIN TRANSACTION;
         IF (SELECT VALUE id FROM ONLY $job) != NONE { THROW 'cc:changed' };
         CREATE $job SET done_at = $now RETURN NONE;
         FOR $m IN $mails { ",
        queue_mail!("$m"),
        " };
         COMMIT TRANSACTION;"
    );
    let rows: Vec<MailRow> = mails.iter().map(MailRow::from).collect();
    let id = job_id(job, period);
    guarded(|| {
        db.query(sql)
            .bind(("job", id.clone()))
            .bind(("mails", rows.clone()))
            .bind(("now", now))
            .into_future()
    })
    .await
}
