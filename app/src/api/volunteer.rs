//! A volunteer's own work: their profile (creating, editing, leaving the program) and their
//! referrals (marks after the conversation, declining). Every function acts on the profile
//! linked to the signed-in account: none takes a volunteer id.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::ids::RequestKey;
pub use crate::domain::volunteer_home::*;
use crate::domain::ProfileForm;
use crate::error::ApiError;

/// The signed-in person's volunteer profile (or a blank one to create). `editing` also
/// returns what they typed into a refused form without JavaScript.
#[server(endpoint = "volunteer/mine")]
pub async fn my_volunteer(editing: bool) -> Result<VolunteerHome, ApiError> {
    use crate::server::service::volunteers;
    use crate::server::{answer, app_state, require_session};
    answer(async {
        let state = app_state()?;
        let session = require_session().await?;
        Ok(volunteers::home(&state, &session, editing).await?)
    })
    .await
}

/// Creates or updates the signed-in volunteer's profile and contact details.
///
/// Without JavaScript the browser gets a redirect: to `/me?saved=1`, or back to the editor
/// with what was typed and why it was refused.
#[server(endpoint = "volunteer/save")]
pub async fn save_profile(form: ProfileForm) -> Result<(), ApiError> {
    use crate::server::service::volunteers;
    use crate::server::{answer, app_state, plain_form_post, require_session};
    answer(async {
        let plain = plain_form_post();
        let state = app_state()?;
        let session = require_session().await.inspect_err(|_| {
            if plain {
                leptos_axum::redirect("/signin?next=/me/profile");
            }
        })?;
        let vocab = state.directory.read().vocabularies().clone();
        let input = match form.validate(&vocab, state.today()) {
            Ok(input) => input,
            Err(errors) => {
                if plain {
                    volunteers::keep_refused(&state, &session, &form, &errors).await?;
                    leptos_axum::redirect("/me/profile#form-errors");
                }
                return Err(ApiError::Invalid(errors));
            }
        };
        let account = &session.account;
        volunteers::save_profile(&state, &account.key, account.volunteer.as_deref(), &input)
            .await?;
        leptos_axum::redirect("/me?saved=1");
        Ok(())
    })
    .await
}

/// Leaves the program: deletes the signed-in volunteer's profile and contact details
/// (keeping anonymous counts), and their account unless it also has committee work.
#[server(endpoint = "volunteer/leave")]
pub async fn leave_program(confirm: String) -> Result<(), ApiError> {
    use crate::domain::account::{confirms_leaving, does_committee_work, LEAVE_CONFIRMATION};
    use crate::domain::{Problem, ValidationError};
    use crate::server::auth::clear_session_cookie;
    use crate::server::service::volunteers;
    use crate::server::{answer, app_state, plain_form_post, require_session, set_cookie};
    answer(async {
        let plain = plain_form_post();
        let state = app_state()?;
        let session = require_session().await?;
        let account = &session.account;
        let Some(key) = account.volunteer.as_deref() else {
            return Err(Problem::NoProfile.into());
        };
        if !confirms_leaving(&confirm) {
            if plain {
                leptos_axum::redirect("/me/leave?error=confirm");
            }
            return Err(ApiError::Invalid(vec![ValidationError::Invalid {
                field: "Confirmation".into(),
                reason: format!("type {LEAVE_CONFIRMATION} to confirm"),
            }]));
        }
        let keep_account = does_committee_work(&account.roles);
        volunteers::leave_program(&state, &account.key, key, keep_account).await?;
        if !keep_account {
            set_cookie(&clear_session_cookie(&state.auth));
        }
        leptos_axum::redirect(if keep_account {
            "/left?account=kept"
        } else {
            "/left"
        });
        Ok(())
    })
    .await
}

/// The signed-in volunteer's referrals, newest first.
#[server(endpoint = "volunteer/referrals")]
pub async fn list_my_referrals() -> Result<MyReferrals, ApiError> {
    use crate::server::service::volunteers;
    use crate::server::{answer, app_state, require_session};
    answer(async {
        let session = require_session().await?;
        let state = app_state()?;
        match session.account.volunteer.as_deref() {
            Some(key) => Ok(volunteers::referrals(&state, key).await?),
            None => Ok(MyReferrals::without_profile()),
        }
    })
    .await
}

/// The volunteer marks how a referral went (`done`, `no-show` or `never-wrote`), with an
/// optional comment for the committee. Only their own; a mark can be changed for a while.
#[server(endpoint = "volunteer/referrals/mark")]
pub async fn mark_referral(
    request: String,
    outcome: String,
    #[server(default)] note: String,
) -> Result<(), ApiError> {
    use crate::domain::request::ReferralOutcome;
    use crate::domain::ValidationError;
    use crate::server::service::matching;
    use crate::server::{answer, app_state, done, plain_form_post, require_session};
    answer(async {
        let plain = plain_form_post();
        let session = require_session().await?;
        let state = app_state()?;
        let Some(key) = session.account.volunteer.as_deref() else {
            return Err(ApiError::Forbidden);
        };
        // Someone else's request, or none, is refused alike.
        let request = RequestKey::parse(&request).ok_or(ApiError::Forbidden)?;
        let Some(outcome) = ReferralOutcome::from_slug(&outcome) else {
            return Err(ApiError::Invalid(vec![ValidationError::Invalid {
                field: "Outcome".into(),
                reason: "choose how the conversation went".into(),
            }]));
        };
        matching::mark_referral(&state, key, &request, outcome, &note)
            .await
            .map_err(|e| refused_referral(plain, e))?;
        done(plain, "/me/referrals?marked=1");
        Ok(())
    })
    .await
}

/// The volunteer cannot take a referral after all: the request goes back to the committee's
/// queue (never to this volunteer again), the requester is told not to write to them, and
/// the volunteer gets the contact back. Only their own, while it is matched.
#[server(endpoint = "volunteer/referrals/decline")]
pub async fn decline_referral(request: String) -> Result<(), ApiError> {
    use crate::server::service::matching::{self, UndoneBy};
    use crate::server::{answer, app_state, done, plain_form_post, require_session};
    answer(async {
        let plain = plain_form_post();
        let session = require_session().await?;
        let state = app_state()?;
        let Some(key) = session.account.volunteer.as_deref() else {
            return Err(ApiError::Forbidden);
        };
        let request = RequestKey::parse(&request).ok_or(ApiError::Forbidden)?;
        matching::undo_match(&state, &request, UndoneBy::Volunteer(key))
            .await
            .map_err(|e| refused_referral(plain, e))?;
        done(plain, "/me/referrals?declined=1");
        Ok(())
    })
    .await
}

/// A refused mark or decline: someone else's request (or none) is refused alike, with
/// nothing about it revealed; any other refusal goes back to the referrals page.
#[cfg(feature = "ssr")]
fn refused_referral(plain: bool, e: crate::server::service::ServiceError) -> ApiError {
    use crate::server::service::ServiceError;
    match e {
        ServiceError::Forbidden => ApiError::Forbidden,
        e => crate::server::refuse(plain, "/me/referrals", e.into()),
    }
}
