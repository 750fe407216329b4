//! Matching a request with a volunteer, undoing a match (the committee's undo or the
//! volunteer giving it back), closing a request without a match, and a volunteer marking
//! how a referral ended.

use super::{failed, ServiceError};
use crate::domain::committee::{BatchOutcome, BATCH_MAX};
use crate::domain::email;
use crate::domain::ids::{RequestKey, VolunteerKey};
use crate::domain::request::{first_name, CloseReason, ReferralOutcome};
use crate::domain::{Problem, ValidationError};
use crate::server::repo::requests::{self, MatchMail, Request};
use crate::server::repo::{referrals, volunteers, Refusal};
use crate::server::secrets::{hash_token, random_token};
use crate::server::AppState;

/// How often an action is tried again when what it read changed before its transaction.
const TRIES: u32 = 5;

/// Matches request `request_key` with volunteer `volunteer_key`, for committee member
/// `by_account`: reads what the emails need, then one transaction re-checks everything
/// and reserves the contact. When the volunteer's details change in between, it reads
/// again and retries.
pub async fn match_request(
    state: &AppState,
    by_account: &str,
    request_key: &RequestKey,
    volunteer_key: &VolunteerKey,
) -> Result<(), ServiceError> {
    let (request_key, volunteer_key) = (request_key.as_str(), volunteer_key.as_str());
    let mut tries = 0;
    let outcome = loop {
        tries += 1;
        match match_once(state, by_account, request_key, volunteer_key).await? {
            Err(Refusal::Changed) if tries < TRIES => continue,
            other => break other,
        }
    };
    match outcome {
        Ok(()) => {
            refresh(state, volunteer_key).await;
            state.mailer.wake();
            tracing::info!(request = %request_key, volunteer = %volunteer_key, "matched");
            Ok(())
        }
        Err(refusal) => {
            // Another committee member may have just used the last contact: bring the
            // read model up to date either way.
            refresh(state, volunteer_key).await;
            Err(match refusal {
                Refusal::WrongStatus => Problem::RequestNotOpen.into(),
                Refusal::VolunteerFull => Problem::VolunteerFull.into(),
                Refusal::VolunteerAway => Problem::VolunteerAway.into(),
                Refusal::VolunteerGone => Problem::VolunteerGone.into(),
                Refusal::Declined => Problem::Declined.into(),
                Refusal::Changed => Problem::KeepsChanging.into(),
                // The match transaction never throws these.
                Refusal::TooManyOpen
                | Refusal::NotYours
                | Refusal::AlreadyHasProfile
                | Refusal::Final => ServiceError::Unexpected(
                    "a match refused for a reason its transaction never gives",
                ),
            })
        }
    }
}

/// One attempt: the emails written from what is read now, and the match transaction.
async fn match_once(
    state: &AppState,
    by_account: &str,
    request_key: &str,
    volunteer_key: &str,
) -> Result<Result<(), Refusal>, ServiceError> {
    let r = requests::get(&state.db, request_key)
        .await
        .map_err(failed("reading a request"))?
        .ok_or(Problem::NoSuchRequest)?;
    let own = volunteers::load_own(&state.db, volunteer_key)
        .await
        .map_err(failed("reading a volunteer"))?
        .ok_or(Problem::VolunteerGone)?;
    let (v, contact) = (own.profile, own.contact.ok_or(Problem::VolunteerGone)?);
    let base = state.public_url();
    let modes: Vec<String> = v.modes.iter().map(|m| m.label().to_lowercase()).collect();
    let guidelines = format!("{base}/guidelines");
    let referrals = format!("{base}/me/referrals");
    // The requester's email carries a new private link to the request (only hashes of the
    // links are stored, so the first one cannot be repeated).
    let token =
        random_token().map_err(|_| ServiceError::Unexpected("no randomness for a request link"))?;
    let status_url = format!("{base}/r/{token}");
    let studio_url = format!("{status_url}/studio");
    let facts = email::MatchFacts {
        requester_email: &r.email,
        requester_first_name: first_name(&r.name),
        learning_goal: &r.learning_goal,
        volunteer_email: &contact.email,
        volunteer_name: &v.display_name,
        volunteer_title: &v.job_title,
        contact: &contact,
        minutes: v.minutes_per_interview,
        modes: &modes.join(", "),
        status_url: &status_url,
        studio_url: &studio_url,
        guidelines_url: &guidelines,
        referrals_url: &referrals,
        new_link_url: &format!("{base}/request/link"),
    };
    let to_requester = email::match_to_requester(&facts);
    let to_volunteer = email::match_to_volunteer(&facts);
    let capacity = email::capacity_reached(
        &contact.email,
        &v.display_name,
        v.pool.max_contacts,
        &format!("{base}/me/profile"),
    );
    requests::match_request(
        &state.db,
        request_key,
        volunteer_key,
        Some(by_account),
        state.today(),
        &MatchMail {
            requester: &to_requester,
            volunteer: &to_volunteer,
            capacity_reached: &capacity,
            link_hash: &hash_token(&token),
            name: &v.display_name,
            contact: &contact,
        },
    )
    .await
    .map_err(failed("matching"))
}

/// Confirms the committee's chosen `pairs` (`request:volunteer` each), each through the same
/// atomic match as a single one. A pair that is refused is reported, the others are made.
pub async fn confirm_batch(
    state: &AppState,
    by_account: &str,
    pairs: &[String],
) -> Result<BatchOutcome, ServiceError> {
    if pairs.len() > BATCH_MAX {
        return Err(ServiceError::Invalid(vec![ValidationError::Invalid {
            field: "Pairs".into(),
            reason: format!("confirm at most {BATCH_MAX} pairs at once"),
        }]));
    }
    let mut outcome = BatchOutcome {
        matched: 0,
        refused: Vec::new(),
    };
    for pair in pairs {
        let Some((request, volunteer)) = pair.split_once(':') else {
            outcome.refused.push(format!("{pair}: not a pair"));
            continue;
        };
        let keys = RequestKey::parse(request).zip(VolunteerKey::parse(volunteer));
        let Some((request_key, volunteer_key)) = keys else {
            outcome.refused.push(format!("{pair}: not a pair"));
            continue;
        };
        match match_request(state, by_account, &request_key, &volunteer_key).await {
            Ok(()) => outcome.matched += 1,
            Err(e) => {
                // Shown as the API error says it: internal causes are logged, not shown.
                let e = crate::error::ApiError::from(e);
                outcome
                    .refused
                    .push(format!("{request} with {volunteer}: {e}"));
            }
        }
    }
    Ok(outcome)
}

/// Who undoes a match.
#[derive(Debug, Clone, Copy)]
pub enum UndoneBy<'a> {
    /// A committee member (the volunteer declined by email, say).
    Committee,
    /// The matched volunteer, giving the referral back; anyone else is refused alike,
    /// revealing nothing about the request.
    Volunteer(&'a str),
}

/// Undoes the match of request `request_key`: one transaction reopens the request, gives
/// the contact back and queues the requester's email; then the directory and the mailer
/// are told.
pub async fn undo_match(
    state: &AppState,
    request_key: &RequestKey,
    by: UndoneBy<'_>,
) -> Result<(), ServiceError> {
    let request_key = request_key.as_str();
    let current = requests::get(&state.db, request_key)
        .await
        .map_err(failed("reading a request"))?;
    let (r, volunteer) = match (current, by) {
        (Some(r), UndoneBy::Volunteer(me)) if r.volunteer.as_deref() == Some(me) => {
            (r, me.to_owned())
        }
        (_, UndoneBy::Volunteer(_)) => return Err(ServiceError::Forbidden),
        (Some(r), UndoneBy::Committee) => match r.volunteer.clone() {
            Some(v) => (r, v),
            None => return Err(Problem::RequestNotMatched.into()),
        },
        (None, UndoneBy::Committee) => return Err(Problem::RequestNotMatched.into()),
    };
    let refused = match by {
        UndoneBy::Committee => Problem::RequestNotMatched,
        UndoneBy::Volunteer(_) => Problem::ReferralEnded,
    };
    unmatch(state, &r, &volunteer)
        .await?
        .map_err(|_| refused.into())
}

/// The undo transaction for a request read just now; `Err` when it was no longer matched
/// with `volunteer_key`.
async fn unmatch(
    state: &AppState,
    r: &Request,
    volunteer_key: &str,
) -> Result<Result<(), Refusal>, ServiceError> {
    let volunteer_name = volunteers::load_public(&state.db, volunteer_key)
        .await
        .map_err(failed("reading a volunteer"))?
        .map(|p| p.display_name)
        .unwrap_or_else(|| "The volunteer".into());
    let mail = email::match_undone(
        &r.email,
        first_name(&r.name),
        &volunteer_name,
        (r.due_on >= state.today()).then_some(r.due_on),
        &format!("{}/request/link", state.public_url()),
    );
    let outcome = requests::unmatch(&state.db, &r.key, volunteer_key, &mail)
        .await
        .map_err(failed("unmatching"))?;
    if outcome.is_ok() {
        state.mailer.wake();
        refresh(state, volunteer_key).await;
        tracing::info!(request = %r.key, volunteer = %volunteer_key, "match undone");
    }
    Ok(outcome)
}

/// Closes open request `request_key` without a match, for `reason`; the requester is
/// told unless it is spam.
pub async fn close_request(
    state: &AppState,
    request_key: &RequestKey,
    reason: CloseReason,
) -> Result<(), ServiceError> {
    let request_key = request_key.as_str();
    let r = requests::get(&state.db, request_key)
        .await
        .map_err(failed("reading a request"))?
        .ok_or(Problem::NoSuchRequest)?;
    let mail = email::request_closed(
        &r.email,
        first_name(&r.name),
        reason,
        &format!("{}/volunteers", state.public_url()),
    );
    requests::close(&state.db, request_key, reason.slug(), mail.as_ref())
        .await
        .map_err(failed("closing a request"))?
        .map_err(|_| Problem::RequestNotOpen)?;
    state.mailer.wake();
    tracing::info!(request = %request_key, reason = reason.slug(), "request closed");
    Ok(())
}

/// Volunteer `volunteer_key` marks how their referral `request_key` went, with an optional
/// comment. Only their own (anyone else's is refused alike); the mark can be changed for
/// `lifecycle.mark_changeable_hours` after it was first made.
pub async fn mark_referral(
    state: &AppState,
    volunteer_key: &str,
    request_key: &RequestKey,
    outcome: ReferralOutcome,
    note: &str,
) -> Result<(), ServiceError> {
    let note = crate::domain::validation::optional_text(
        crate::domain::request::MARK_NOTE_LABEL,
        note,
        crate::domain::request::MARK_NOTE_MAX,
    )
    .map_err(|e| ServiceError::Invalid(vec![e]))?;
    let now = state.clock.now();
    let changeable_since = state.program.lifecycle.mark_changeable_since(now);
    let result = referrals::mark_referral(
        &state.db,
        volunteer_key,
        request_key.as_str(),
        outcome,
        Some(note.as_str()).filter(|n| !n.is_empty()),
        now,
        changeable_since,
    )
    .await
    .map_err(failed("marking a referral"))?;
    match result {
        Ok(()) => Ok(()),
        Err(Refusal::NotYours) => Err(ServiceError::Forbidden),
        Err(Refusal::Final) => Err(Problem::MarkFinal.into()),
        Err(_) => Err(Problem::ReferralEnded.into()),
    }
}

/// Brings the directory's copy of a volunteer up to date after a write; a failure is
/// logged (the periodic sync repairs it).
async fn refresh(state: &AppState, volunteer_key: &str) {
    if let Err(e) = state.directory.refresh(&state.db, volunteer_key).await {
        tracing::error!(error = %e, volunteer = %volunteer_key, "refreshing the directory");
    }
}
