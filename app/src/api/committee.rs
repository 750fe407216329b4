//! The committee's work: the request queue, a request with its ranked suggestions, matching
//! (one contact reserved atomically), undoing a match when a volunteer declines, closing a
//! request, the batch proposal for the whole queue and the volunteer roster. Every function
//! requires the committee role.

use leptos::prelude::*;

pub use crate::domain::committee::*;
#[cfg(feature = "ssr")]
use crate::domain::ids::{RequestKey, VolunteerKey};
#[cfg(feature = "ssr")]
use crate::domain::Problem;
use crate::error::ApiError;

/// The request queue, oldest deadline first. Committee only.
#[server(endpoint = "committee/queue")]
pub async fn committee_queue(#[server(default)] query: QueueQuery) -> Result<QueueData, ApiError> {
    use crate::server::service::committee;
    use crate::server::{answer, app_state, require_committee};
    answer(async {
        require_committee().await?;
        let state = app_state()?;
        Ok(committee::queue_page(&state, query).await?)
    })
    .await
}

/// Request `key` with its ranked suggestions. Committee only.
#[server(endpoint = "committee/request")]
pub async fn committee_request(key: String) -> Result<RequestDetail, ApiError> {
    use crate::server::service::committee;
    use crate::server::{answer, app_state, require_committee};
    answer(async {
        require_committee().await?;
        let state = app_state()?;
        let key = RequestKey::parse(&key).ok_or(Problem::NoSuchRequest)?;
        Ok(committee::request_detail(&state, &key).await?)
    })
    .await
}

/// Proposes matches for every open request at once, maximizing the total score within
/// every volunteer's contacts left. Nothing is matched until confirmed. Committee only.
#[server(endpoint = "committee/batch")]
pub async fn propose_batch() -> Result<BatchProposal, ApiError> {
    use crate::server::service::committee;
    use crate::server::{answer, app_state, require_committee};
    answer(async {
        require_committee().await?;
        let state = app_state()?;
        Ok(committee::propose_batch(&state).await?)
    })
    .await
}

/// Matches request `request` with volunteer `volunteer`. Committee only.
#[server(endpoint = "committee/match")]
pub async fn match_request(request: String, volunteer: String) -> Result<(), ApiError> {
    use crate::server::service::matching;
    use crate::server::{answer, app_state, done, plain_form_post, refuse, require_committee};
    answer(async {
        let plain = plain_form_post();
        let session = require_committee().await?;
        let state = app_state()?;
        let request = RequestKey::parse(&request)
            .ok_or_else(|| refuse(plain, QUEUE_PAGE_PATH, Problem::NoSuchRequest.into()))?;
        let back = request_page(&request);
        let volunteer = VolunteerKey::parse(&volunteer)
            .ok_or_else(|| refuse(plain, &back, Problem::VolunteerGone.into()))?;
        matching::match_request(&state, &session.account.key, &request, &volunteer)
            .await
            .map_err(|e| refuse(plain, &back, e.into()))?;
        done(plain, &format!("{back}?matched=1"));
        Ok(())
    })
    .await
}

/// The committee's request queue.
#[cfg(feature = "ssr")]
const QUEUE_PAGE_PATH: &str = "/committee/requests";

/// The committee's page of request `key`.
#[cfg(feature = "ssr")]
fn request_page(key: &RequestKey) -> String {
    format!("/committee/requests/{key}")
}

/// Closes open request `request` without a match, for `reason` (a
/// [`crate::domain::request::CloseReason`] slug); the requester is told unless it is spam.
/// Committee only.
#[server(endpoint = "committee/close")]
pub async fn close_request(
    request: String,
    #[server(default)] reason: String,
) -> Result<(), ApiError> {
    use crate::domain::request::CloseReason;
    use crate::server::service::matching;
    use crate::server::{answer, app_state, done, plain_form_post, refuse, require_committee};
    answer(async {
        let plain = plain_form_post();
        require_committee().await?;
        let state = app_state()?;
        let request = RequestKey::parse(&request)
            .ok_or_else(|| refuse(plain, QUEUE_PAGE_PATH, Problem::NoSuchRequest.into()))?;
        let back = request_page(&request);
        let Some(reason) = CloseReason::from_slug(reason.trim()) else {
            return Err(refuse(plain, &back, Problem::CloseReasonMissing.into()));
        };
        matching::close_request(&state, &request, reason)
            .await
            .map_err(|e| refuse(plain, &back, e.into()))?;
        done(plain, &format!("{back}?closed=1"));
        Ok(())
    })
    .await
}

/// Undoes the match of request `request` (the volunteer declined): the request is open
/// again and the contact is given back. Committee only.
#[server(endpoint = "committee/unmatch")]
pub async fn unmatch_request(request: String) -> Result<(), ApiError> {
    use crate::server::service::matching::{self, UndoneBy};
    use crate::server::{answer, app_state, done, plain_form_post, refuse, require_committee};
    answer(async {
        let plain = plain_form_post();
        require_committee().await?;
        let state = app_state()?;
        let request = RequestKey::parse(&request)
            .ok_or_else(|| refuse(plain, QUEUE_PAGE_PATH, Problem::RequestNotMatched.into()))?;
        let back = request_page(&request);
        matching::undo_match(&state, &request, UndoneBy::Committee)
            .await
            .map_err(|e| refuse(plain, &back, e.into()))?;
        done(plain, &format!("{back}?unmatched=1"));
        Ok(())
    })
    .await
}

/// Confirms the chosen pairs (`request:volunteer` each), each through the same atomic match
/// as a single one. Committee only.
#[server(endpoint = "committee/batch/confirm")]
pub async fn confirm_batch(
    #[server(default)] pairs: Vec<String>,
) -> Result<BatchOutcome, ApiError> {
    use crate::server::service::matching;
    use crate::server::{answer, app_state, done, plain_form_post, require_committee};
    answer(async {
        let plain = plain_form_post();
        let session = require_committee().await?;
        let state = app_state()?;
        let outcome = matching::confirm_batch(&state, &session.account.key, &pairs).await?;
        done(
            plain,
            &format!(
                "/committee/batch?matched={}&refused={}",
                outcome.matched,
                outcome.refused.len()
            ),
        );
        Ok(outcome)
    })
    .await
}

/// Page `page` (from 1) of every volunteer with where they stand and their contact email.
/// Committee only.
#[server(endpoint = "committee/roster")]
pub async fn volunteer_roster(page: u32) -> Result<RosterData, ApiError> {
    use crate::server::service::committee;
    use crate::server::{answer, app_state, require_committee};
    answer(async {
        let state = app_state()?;
        require_committee().await?;
        Ok(committee::roster(&state, page).await?)
    })
    .await
}

pub use crate::domain::stats::{Dashboard, DashboardPage, RangeForm};

/// The committee's dashboard over the requests made in a range (`form.from`..=`form.to`,
/// dates `YYYY-MM-DD`; empty: the twelve months up to today). A range that is not one is
/// answered with why, and the form as typed. Committee only.
#[server(endpoint = "committee/dashboard")]
pub async fn committee_dashboard(
    #[server(default)] form: RangeForm,
) -> Result<DashboardPage, ApiError> {
    use crate::server::service::dashboard;
    use crate::server::{answer, app_state, require_committee};
    answer(async {
        require_committee().await?;
        let state = app_state()?;
        match form.range(state.today()) {
            Ok((from, to)) => Ok(DashboardPage {
                form,
                error: None,
                dashboard: Some(dashboard::dashboard(&state, from, to).await?),
            }),
            Err(error) => Ok(DashboardPage {
                form,
                error: Some(error),
                dashboard: None,
            }),
        }
    })
    .await
}
