//! A volunteer's referrals: who was sent to them (first name and learning goal only), when,
//! and their marks after the conversation. Every function acts on the signed-in volunteer.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::request::RequestStatus;
use crate::error::ApiError;

/// One referral, as the volunteer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralView {
    /// The request's key, for the marks.
    pub key: String,
    pub first_name: String,
    pub learning_goal: String,
    pub matched_on: NaiveDate,
    pub status: RequestStatus,
}

/// The volunteer's referrals page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyReferrals {
    pub has_profile: bool,
    pub referrals: Vec<ReferralView>,
    pub contacts_used: u32,
    pub max_contacts: u32,
}

/// The signed-in volunteer's referrals, newest first.
#[server(endpoint = "volunteer/referrals")]
pub async fn list_my_referrals() -> Result<MyReferrals, ApiError> {
    use crate::domain::request::first_name;
    use crate::server::repo::referrals;
    use crate::server::{app_state, internal, require_session, respond_with};
    let session = require_session().await.map_err(respond_with)?;
    let state = app_state().map_err(respond_with)?;
    let Some(key) = session.account.volunteer.as_deref() else {
        return Ok(MyReferrals {
            has_profile: false,
            referrals: Vec::new(),
            contacts_used: 0,
            max_contacts: 0,
        });
    };
    let list = referrals::referrals_of(&state.db, key)
        .await
        .map_err(internal("reading referrals"))
        .map_err(respond_with)?;
    let (used, max) = referrals::contact_count(&state.db, key)
        .await
        .map_err(internal("reading contact counts"))
        .map_err(respond_with)?
        .unwrap_or((0, 0));
    Ok(MyReferrals {
        has_profile: true,
        referrals: list
            .into_iter()
            .map(|r| ReferralView {
                first_name: first_name(&r.requester_name).to_owned(),
                key: r.request_key,
                learning_goal: r.learning_goal,
                matched_on: r.matched_at.date_naive(),
                status: r.status,
            })
            .collect(),
        contacts_used: used,
        max_contacts: max,
    })
}

/// The volunteer marks a referral `done` or `no-show`. Only their own, and only once.
#[server(endpoint = "volunteer/referrals/mark")]
pub async fn mark_referral(request: String, outcome: String) -> Result<(), ApiError> {
    use crate::domain::request::ReferralOutcome;
    use crate::server::service::{matching, ServiceError};
    use crate::server::{app_state, plain_form_post, refuse, require_session, respond_with};
    let plain = plain_form_post();
    let session = require_session().await.map_err(respond_with)?;
    let state = app_state().map_err(respond_with)?;
    let Some(key) = session.account.volunteer.as_deref() else {
        return Err(respond_with(ApiError::Forbidden));
    };
    let Some(outcome) = ReferralOutcome::from_slug(&outcome) else {
        return Err(respond_with(ApiError::Invalid(vec![
            crate::domain::ValidationError::Invalid {
                field: "Outcome".into(),
                reason: "choose done or no-show".into(),
            },
        ])));
    };
    match matching::mark_referral(&state, key, &request, outcome).await {
        Ok(()) => {
            if plain {
                leptos_axum::redirect("/me/referrals?marked=1");
            }
            Ok(())
        }
        Err(ServiceError::Forbidden) => Err(respond_with(ApiError::Forbidden)),
        Err(e) => Err(refuse(plain, "/me/referrals", e.into())),
    }
}

/// The volunteer cannot take a referral after all: the request goes back to the committee's
/// queue (never to this volunteer again), the requester is told not to write to them, and
/// the volunteer gets the contact back. Only their own, while it is matched.
#[server(endpoint = "volunteer/referrals/decline")]
pub async fn decline_referral(request: String) -> Result<(), ApiError> {
    use crate::server::service::matching::{self, UndoneBy};
    use crate::server::service::ServiceError;
    use crate::server::{app_state, plain_form_post, refuse, require_session, respond_with};
    let plain = plain_form_post();
    let session = require_session().await.map_err(respond_with)?;
    let state = app_state().map_err(respond_with)?;
    let Some(key) = session.account.volunteer.as_deref() else {
        return Err(respond_with(ApiError::Forbidden));
    };
    match matching::undo_match(&state, &request, UndoneBy::Volunteer(key)).await {
        Ok(()) => {
            if plain {
                leptos_axum::redirect("/me/referrals?declined=1");
            }
            Ok(())
        }
        // Someone else's request (or none) is refused alike: nothing about it is revealed.
        Err(ServiceError::Forbidden) => Err(respond_with(ApiError::Forbidden)),
        Err(e) => Err(refuse(plain, "/me/referrals", e.into())),
    }
}
