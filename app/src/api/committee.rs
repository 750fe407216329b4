//! The committee's work: the request queue, a request with its ranked suggestions, matching
//! (one contact reserved atomically), undoing a match when a volunteer declines, and the
//! batch proposal for the whole queue. Every function requires the committee role.

use leptos::prelude::*;

pub use crate::domain::committee::*;
use crate::error::ApiError;

/// The request queue, oldest deadline first. Committee only.
#[server(endpoint = "committee/queue")]
pub async fn committee_queue(#[server(default)] query: QueueQuery) -> Result<QueuePage, ApiError> {
    use crate::server::service::committee;
    use crate::server::{app_state, require_committee, respond_with};
    require_committee().await.map_err(respond_with)?;
    let state = app_state().map_err(respond_with)?;
    committee::queue_page(&state, query)
        .await
        .map_err(|e| respond_with(e.into()))
}

/// Request `key` with its ranked suggestions. Committee only.
#[server(endpoint = "committee/request")]
pub async fn committee_request(key: String) -> Result<RequestDetail, ApiError> {
    use crate::server::service::committee;
    use crate::server::{app_state, require_committee, respond_with};
    require_committee().await.map_err(respond_with)?;
    let state = app_state().map_err(respond_with)?;
    committee::request_detail(&state, &key)
        .await
        .map_err(|e| respond_with(e.into()))
}

/// Proposes matches for every open request at once, maximizing the total score within
/// every volunteer's contacts left. Nothing is matched until confirmed. Committee only.
#[server(endpoint = "committee/batch")]
pub async fn propose_batch() -> Result<BatchProposal, ApiError> {
    use crate::server::service::committee;
    use crate::server::{app_state, require_committee, respond_with};
    require_committee().await.map_err(respond_with)?;
    let state = app_state().map_err(respond_with)?;
    committee::propose_batch(&state)
        .await
        .map_err(|e| respond_with(e.into()))
}

/// Matches request `request` with volunteer `volunteer`. Committee only.
#[server(endpoint = "committee/match")]
pub async fn match_request(request: String, volunteer: String) -> Result<(), ApiError> {
    use crate::server::service::matching;
    use crate::server::{app_state, plain_form_post, refuse, require_committee, respond_with};
    let plain = plain_form_post();
    let session = require_committee().await.map_err(respond_with)?;
    let state = app_state().map_err(respond_with)?;
    let back = request_page(&request);
    match matching::match_request(&state, &session.account.key, &request, &volunteer).await {
        Ok(()) => {
            if plain {
                leptos_axum::redirect(&format!("{back}?matched=1"));
            }
            Ok(())
        }
        Err(e) => Err(refuse(plain, &back, e.into())),
    }
}

/// The committee's page of request `key` (a record key is letters and digits; anything
/// else is dropped from the link).
#[cfg(feature = "ssr")]
fn request_page(key: &str) -> String {
    let key: String = key.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
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
    use crate::domain::Problem;
    use crate::server::service::matching;
    use crate::server::{app_state, plain_form_post, refuse, require_committee, respond_with};
    let plain = plain_form_post();
    require_committee().await.map_err(respond_with)?;
    let state = app_state().map_err(respond_with)?;
    let back = request_page(&request);
    let Some(reason) = CloseReason::from_slug(reason.trim()) else {
        return Err(refuse(plain, &back, Problem::CloseReasonMissing.into()));
    };
    match matching::close_request(&state, &request, reason).await {
        Ok(()) => {
            if plain {
                leptos_axum::redirect(&format!("{back}?closed=1"));
            }
            Ok(())
        }
        Err(e) => Err(refuse(plain, &back, e.into())),
    }
}

/// Undoes the match of request `request` (the volunteer declined): the request is open
/// again and the contact is given back. Committee only.
#[server(endpoint = "committee/unmatch")]
pub async fn unmatch_request(request: String) -> Result<(), ApiError> {
    use crate::server::service::matching::{self, UndoneBy};
    use crate::server::{app_state, plain_form_post, refuse, require_committee, respond_with};
    let plain = plain_form_post();
    require_committee().await.map_err(respond_with)?;
    let state = app_state().map_err(respond_with)?;
    let back = request_page(&request);
    match matching::undo_match(&state, &request, UndoneBy::Committee).await {
        Ok(()) => {
            if plain {
                leptos_axum::redirect(&format!("{back}?unmatched=1"));
            }
            Ok(())
        }
        Err(e) => Err(refuse(plain, &back, e.into())),
    }
}

/// Confirms the chosen pairs (`request:volunteer` each), each through the same atomic match
/// as a single one. Committee only.
#[server(endpoint = "committee/batch/confirm")]
pub async fn confirm_batch(
    #[server(default)] pairs: Vec<String>,
) -> Result<BatchOutcome, ApiError> {
    use crate::server::service::matching;
    use crate::server::{app_state, plain_form_post, require_committee, respond_with};
    let plain = plain_form_post();
    let session = require_committee().await.map_err(respond_with)?;
    let state = app_state().map_err(respond_with)?;
    if pairs.len() > BATCH_MAX {
        return Err(respond_with(ApiError::Invalid(vec![
            crate::domain::ValidationError::Invalid {
                field: "Pairs".into(),
                reason: format!("confirm at most {BATCH_MAX} pairs at once"),
            },
        ])));
    }
    let mut outcome = BatchOutcome {
        matched: 0,
        refused: Vec::new(),
    };
    for pair in &pairs {
        let Some((request, volunteer)) = pair.split_once(':') else {
            outcome.refused.push(format!("{pair}: not a pair"));
            continue;
        };
        match matching::match_request(&state, &session.account.key, request, volunteer).await {
            Ok(()) => outcome.matched += 1,
            Err(e) => {
                // Shown as the API error says it: internal causes are logged, not shown.
                let e = ApiError::from(e);
                outcome
                    .refused
                    .push(format!("{request} with {volunteer}: {e}"));
            }
        }
    }
    if plain {
        leptos_axum::redirect(&format!(
            "/committee/batch?matched={}&refused={}",
            outcome.matched,
            outcome.refused.len()
        ));
    }
    Ok(outcome)
}
