//! The scheduled jobs, run by every app copy on its own timer (`server`'s scheduler loop):
//! requests ending on their own, and the reminders (the feedback request, a reminder to
//! write to the volunteer, a nudge to a volunteer, the committee's daily digest). Each is
//! safe to run on several copies at once and as often as wanted: every change re-checks,
//! in its own transaction, that it is still due, so each reminder goes once.

use super::{failed, ServiceError};
use crate::domain::email::{self, DigestItem};
use crate::domain::request::first_name;
use crate::server::repo::{self, reminders};
use crate::server::secrets::{hash_token, random_token};
use crate::server::AppState;

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ran {
    /// Matched requests that ended on their own ("ended without news").
    pub lapsed: usize,
    /// Feedback requests sent.
    pub feedback_asked: usize,
    /// Reminders to write to the volunteer sent.
    pub write_reminded: usize,
    /// Volunteers asked whether they are still available.
    pub nudged: usize,
    /// Committee digests sent (one per member, once a day).
    pub digests: usize,
}

/// Runs every job that is due at the state's clock's time.
pub async fn run_due(state: &AppState) -> Result<Ran, ServiceError> {
    let now = state.clock.now();
    let lifecycle = state.program.lifecycle;
    let before = lifecycle.ends_matched_before(now);
    let lapsed = repo::requests::end_lapsed(&state.db, before, now)
        .await
        .map_err(failed("ending requests long after their match"))?;
    if lapsed > 0 {
        tracing::info!(lapsed, "matched requests ended without news");
    }
    let ran = Ran {
        lapsed,
        feedback_asked: ask_for_feedback(state).await?,
        write_reminded: remind_to_write(state).await?,
        nudged: nudge_volunteers(state).await?,
        digests: committee_digest(state).await?,
    };
    if ran.feedback_asked + ran.write_reminded + ran.nudged + ran.digests > 0 {
        state.mailer.wake();
        tracing::info!(?ran, "reminders sent");
    }
    Ok(ran)
}

/// A new private link for an email: (its URL path start, its token's hash).
fn new_link(state: &AppState) -> Result<(String, String), ServiceError> {
    let token = random_token().map_err(|_| ServiceError::Unexpected("no randomness for a link"))?;
    Ok((
        format!("{}/r/{token}", state.public_url()),
        hash_token(&token),
    ))
}

async fn ask_for_feedback(state: &AppState) -> Result<usize, ServiceError> {
    if !state.program.reminders.feedback_request {
        return Ok(0);
    }
    let now = state.clock.now();
    let program = &state.program;
    let days = |n: u32| chrono::TimeDelta::days(i64::from(n));
    // Only recent conversations: while the contact details are shown after the end.
    let oldest = now - days(program.lifecycle.end_after_days + program.contact_retention_days);
    let opens = now - days(program.lifecycle.feedback_after_days);
    let due = reminders::feedback_due(&state.db, oldest, opens, state.today())
        .await
        .map_err(failed("finding feedback requests due"))?;
    let mut sent = 0;
    for r in due {
        let (url, hash) = new_link(state)?;
        let volunteer = r.volunteer_name.as_deref().unwrap_or("your volunteer");
        let mail = email::feedback_request(
            &r.email,
            first_name(&r.name),
            volunteer,
            &format!("{url}/feedback"),
        );
        let outcome = reminders::remind_requester(
            &state.db,
            &r.request_key,
            reminders::RequesterReminder::Feedback,
            &hash,
            &mail,
            now,
        )
        .await
        .map_err(failed("sending a feedback request"))?;
        sent += usize::from(outcome.is_ok());
    }
    Ok(sent)
}

async fn remind_to_write(state: &AppState) -> Result<usize, ServiceError> {
    let days = state.program.reminders.write_after_days;
    if days == 0 {
        return Ok(0);
    }
    let now = state.clock.now();
    let due = reminders::write_due(&state.db, now - chrono::TimeDelta::days(i64::from(days)))
        .await
        .map_err(failed("finding reminders to write due"))?;
    let mut sent = 0;
    for r in due {
        // A volunteer who left meanwhile: their request went back to the queue.
        let Some(volunteer) = r.volunteer_name.as_deref() else {
            continue;
        };
        let (url, hash) = new_link(state)?;
        let mail = email::write_reminder(
            &r.email,
            first_name(&r.name),
            volunteer,
            &format!("{url}/studio"),
        );
        let outcome = reminders::remind_requester(
            &state.db,
            &r.request_key,
            reminders::RequesterReminder::Write,
            &hash,
            &mail,
            now,
        )
        .await
        .map_err(failed("sending a reminder to write"))?;
        sent += usize::from(outcome.is_ok());
    }
    Ok(sent)
}

async fn nudge_volunteers(state: &AppState) -> Result<usize, ServiceError> {
    let days = state.program.reminders.nudge_volunteer_after_days;
    if days == 0 {
        return Ok(0);
    }
    let now = state.clock.now();
    let due = reminders::nudges_due(&state.db, now - chrono::TimeDelta::days(i64::from(days)))
        .await
        .map_err(failed("finding volunteers to nudge"))?;
    let referrals_url = format!("{}/me/referrals", state.public_url());
    let mut sent = 0;
    for n in due {
        let mail = email::volunteer_nudge(
            &n.volunteer_email,
            &n.volunteer_name,
            first_name(&n.requester_name),
            &referrals_url,
        );
        let outcome = reminders::nudge(&state.db, &n.referral, &mail, now)
            .await
            .map_err(failed("nudging a volunteer"))?;
        sent += usize::from(outcome.is_ok());
    }
    Ok(sent)
}

/// The job name of the committee's daily digest.
const DIGEST: &str = "committee-digest";

async fn committee_digest(state: &AppState) -> Result<usize, ServiceError> {
    let settings = state.program.reminders;
    let now = state.clock.now();
    let today = now.date_naive();
    let period = today.to_string();
    if !settings.digest_due(now)
        || reminders::job_done(&state.db, DIGEST, &period)
            .await
            .map_err(failed("reading the digest's record"))?
    {
        return Ok(0);
    }
    let waiting = reminders::waiting_due_by(&state.db, settings.digest_due_by(today))
        .await
        .map_err(failed("finding requests due"))?;
    let base = state.public_url();
    let items: Vec<DigestItem> = waiting
        .into_iter()
        .map(|w| DigestItem {
            requester_name: w.name,
            due_on: w.due_on,
            url: format!("{base}/committee/requests/{}", w.request_key),
        })
        .collect();
    // Nothing due: the day is recorded, and nobody gets an empty email.
    let mails: Vec<email::Email> = if items.is_empty() {
        Vec::new()
    } else {
        repo::accounts::committee_emails(&state.db)
            .await
            .map_err(failed("reading the committee's addresses"))?
            .iter()
            .map(|to| {
                email::committee_digest(to, &items, today, &format!("{base}/committee/requests"))
            })
            .collect()
    };
    let outcome = reminders::run_once(&state.db, DIGEST, &period, &mails, now)
        .await
        .map_err(failed("sending the committee digest"))?;
    // Refused: another copy sent today's digest first.
    Ok(if outcome.is_ok() { mails.len() } else { 0 })
}
