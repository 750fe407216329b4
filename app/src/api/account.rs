//! Signed-in work: who am I, the volunteer's own profile, leaving the program, the
//! administrators' people page and the committee's volunteer roster.
//!
//! Every function checks the session on the server. A volunteer's functions take no
//! volunteer id: they always act on the profile linked to the signed-in account.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::account::ProviderChoice;
use crate::domain::{PoolStatus, ProfileForm, Role, ValidationError, Viewer, Vocabularies};
use crate::error::ApiError;

/// What the sign-in page needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInInfo {
    pub providers: Vec<ProviderChoice>,
    pub viewer: Option<Viewer>,
}

#[cfg(feature = "ssr")]
fn viewer_of(account: &crate::server::repo::accounts::Account) -> Viewer {
    Viewer {
        name: account.name.clone(),
        email: account.email.clone(),
        roles: account.roles.clone(),
    }
}

/// The person signed in on this browser, if any. Public.
#[server(endpoint = "account/viewer")]
pub async fn current_viewer() -> Result<Option<Viewer>, ApiError> {
    use crate::server::{current_session, respond_with};
    let session = current_session().await.map_err(respond_with)?;
    // Sent with every page for the header: the name and roles are enough.
    Ok(session.map(|s| Viewer {
        email: None,
        ..viewer_of(&s.account)
    }))
}

/// The configured identity providers and who is signed in. Public.
#[server(endpoint = "account/sign-in")]
pub async fn sign_in_page() -> Result<SignInInfo, ApiError> {
    use crate::server::{app_state, current_session, respond_with};
    let state = app_state().map_err(respond_with)?;
    let session = current_session().await.map_err(respond_with)?;
    Ok(SignInInfo {
        providers: state.auth.providers(),
        viewer: session.map(|s| viewer_of(&s.account)),
    })
}

/// Everything the volunteer's own pages show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolunteerHome {
    pub viewer: Viewer,
    /// The public profile's id, once there is a profile.
    pub profile_id: Option<String>,
    /// The editor's fields: the stored profile, or what was typed and refused.
    pub form: ProfileForm,
    /// Why the typed form was refused (a post without JavaScript), if it was.
    pub errors: Vec<ValidationError>,
    /// Where the profile stands with the pool today.
    pub status: Option<PoolStatus>,
    pub contacts_used: u32,
    pub max_contacts: u32,
    pub vocab: Vocabularies,
    pub today: NaiveDate,
}

/// The signed-in person's volunteer profile (or a blank one to create). `editing` also
/// returns what they typed into a refused form without JavaScript.
#[server(endpoint = "volunteer/mine")]
pub async fn my_volunteer(editing: bool) -> Result<VolunteerHome, ApiError> {
    use crate::server::repo::volunteers;
    use crate::server::service::drafts;
    use crate::server::{app_state, internal, require_session, respond_with};
    let state = app_state().map_err(respond_with)?;
    let session = require_session().await.map_err(respond_with)?;
    let account = &session.account;
    let today = state.today();
    let vocab = state.directory.read().vocabularies().clone();

    let own = match &account.volunteer {
        Some(key) => volunteers::load_own(&state.db, key)
            .await
            .map_err(internal("loading own profile"))
            .map_err(respond_with)?,
        None => None,
    };
    let (mut form, status, used, max) = match &own {
        Some(own) => {
            let contact = own
                .contact
                .clone()
                .unwrap_or(crate::domain::ContactDetails {
                    email: account.email.clone().unwrap_or_default(),
                    phone: None,
                    linkedin_url: None,
                });
            (
                ProfileForm::from_profile(
                    &own.profile,
                    own.employer.as_deref(),
                    own.employer_hidden,
                    &contact,
                ),
                Some(own.profile.status(today)),
                own.profile.pool.contacts_used,
                own.profile.pool.max_contacts,
            )
        }
        None => (
            ProfileForm::new_for(&account.name, account.email.as_deref()),
            None,
            0,
            0,
        ),
    };
    let mut errors = Vec::new();
    if editing {
        let owner = drafts::Owner::Session {
            token_hash: &session.token_hash,
        };
        let draft: Option<(ProfileForm, Vec<ValidationError>)> =
            drafts::take(&state, owner, drafts::Form::Profile)
                .await
                .map_err(|e| respond_with(e.into()))?;
        if let Some((typed, why)) = draft {
            form = typed.with_blank_rows();
            errors = why;
        }
    }
    Ok(VolunteerHome {
        viewer: viewer_of(account),
        profile_id: own.map(|o| o.profile.id),
        form,
        errors,
        status,
        contacts_used: used,
        max_contacts: max,
        vocab,
        today,
    })
}

/// Creates or updates the signed-in volunteer's profile and contact details.
///
/// Without JavaScript the browser gets a redirect: to `/me?saved=1`, or back to the editor
/// with what was typed and why it was refused.
#[server(endpoint = "volunteer/save")]
pub async fn save_profile(form: ProfileForm) -> Result<(), ApiError> {
    use crate::server::service::{drafts, volunteers};
    use crate::server::{app_state, plain_form_post, require_session, respond_with};
    let plain = plain_form_post();
    let state = app_state().map_err(respond_with)?;
    let session = match require_session().await {
        Ok(s) => s,
        Err(e) => {
            if plain {
                leptos_axum::redirect("/signin?next=/me/profile");
            }
            return Err(respond_with(e));
        }
    };
    let vocab = state.directory.read().vocabularies().clone();
    let input = match form.validate(&vocab, state.today()) {
        Ok(input) => input,
        Err(errors) => {
            if plain {
                let owner = drafts::Owner::Session {
                    token_hash: &session.token_hash,
                };
                drafts::keep(&state, owner, drafts::Form::Profile, &(&form, &errors))
                    .await
                    .map_err(|e| respond_with(e.into()))?;
                leptos_axum::redirect("/me/profile#form-errors");
                return Err(ApiError::Invalid(errors));
            }
            return Err(respond_with(ApiError::Invalid(errors)));
        }
    };
    volunteers::save_profile(
        &state,
        &session.account.key,
        session.account.volunteer.as_deref(),
        &input,
    )
    .await
    .map_err(|e| respond_with(e.into()))?;
    leptos_axum::redirect("/me?saved=1");
    Ok(())
}

/// Leaves the program: deletes the signed-in volunteer's profile and contact details
/// (keeping anonymous counts), and their account unless it also has committee work.
#[server(endpoint = "volunteer/leave")]
pub async fn leave_program(confirm: String) -> Result<(), ApiError> {
    use crate::domain::account::{confirms_leaving, LEAVE_CONFIRMATION};
    use crate::server::auth::clear_session_cookie;
    use crate::server::service::volunteers;
    use crate::server::{app_state, plain_form_post, require_session, respond_with, set_cookie};
    let plain = plain_form_post();
    let state = app_state().map_err(respond_with)?;
    let session = require_session().await.map_err(respond_with)?;
    let Some(key) = session.account.volunteer.clone() else {
        return Err(respond_with(crate::domain::Problem::NoProfile.into()));
    };
    if !confirms_leaving(&confirm) {
        let err = ApiError::Invalid(vec![ValidationError::Invalid {
            field: "Confirmation".into(),
            reason: format!("type {LEAVE_CONFIRMATION} to confirm"),
        }]);
        if plain {
            leptos_axum::redirect("/me/leave?error=confirm");
            return Err(err);
        }
        return Err(respond_with(err));
    }
    let roles = &session.account.roles;
    let keep_account = roles.contains(&Role::Committee) || roles.contains(&Role::Admin);
    volunteers::leave_program(&state, &session.account.key, &key, keep_account)
        .await
        .map_err(|e| respond_with(e.into()))?;
    if !keep_account {
        set_cookie(&clear_session_cookie(&state.auth));
    }
    leptos_axum::redirect(if keep_account {
        "/left?account=kept"
    } else {
        "/left"
    });
    Ok(())
}

/// A person on the administrators' page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub key: String,
    pub name: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub roles: Vec<Role>,
    pub last_sign_in: String,
}

/// Everyone who has signed in. Administrators only.
#[server(endpoint = "admin/people")]
pub async fn list_people() -> Result<Vec<PersonSummary>, ApiError> {
    use crate::server::repo::accounts;
    use crate::server::{app_state, internal, require_admin, respond_with};
    let state = app_state().map_err(respond_with)?;
    require_admin().await.map_err(respond_with)?;
    let people = accounts::list(&state.db)
        .await
        .map_err(internal("listing accounts"))
        .map_err(respond_with)?;
    Ok(people
        .into_iter()
        .map(|a| PersonSummary {
            key: a.key,
            name: a.name,
            email: a.email,
            email_verified: a.email_verified,
            roles: a.roles,
            last_sign_in: a.last_sign_in.format("%Y-%m-%d %H:%M UTC").to_string(),
        })
        .collect())
}

/// Grants (`grant = true`) or withdraws the committee role. Administrators only.
#[server(endpoint = "admin/committee")]
pub async fn set_committee_role(account: String, grant: bool) -> Result<(), ApiError> {
    use crate::server::repo::accounts;
    use crate::server::{app_state, internal, require_admin, respond_with};
    let state = app_state().map_err(respond_with)?;
    let admin = require_admin().await.map_err(respond_with)?;
    if account.len() > 64 || !account.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(respond_with(crate::domain::Problem::NoSuchPerson.into()));
    }
    let changed = accounts::set_committee(&state.db, &account, grant)
        .await
        .map_err(internal("changing a role"))
        .map_err(respond_with)?;
    if changed.is_none() {
        return Err(respond_with(crate::domain::Problem::NoSuchPerson.into()));
    }
    tracing::info!(by = %admin.account.key, account, grant, "committee role changed");
    Ok(())
}

/// A volunteer on the committee's roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterItem {
    pub id: String,
    pub name: String,
    pub job_title: String,
    pub status: PoolStatus,
    pub contacts_used: u32,
    pub max_contacts: u32,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterPage {
    pub items: Vec<RosterItem>,
    pub page: u32,
    pub has_next: bool,
    pub listed: usize,
    pub in_pool: usize,
}

pub const ROSTER_PAGE_SIZE: u32 = 50;

/// Every volunteer with where they stand and their contact email. Committee only.
#[server(endpoint = "committee/roster")]
pub async fn volunteer_roster(page: u32) -> Result<RosterPage, ApiError> {
    use crate::server::repo::volunteers;
    use crate::server::{app_state, internal, require_committee, respond_with};
    let state = app_state().map_err(respond_with)?;
    require_committee().await.map_err(respond_with)?;
    let page = page.clamp(1, 10_000);
    let start = u64::from(page - 1) * u64::from(ROSTER_PAGE_SIZE);
    let mut rows = volunteers::roster(&state.db, start, u64::from(ROSTER_PAGE_SIZE) + 1)
        .await
        .map_err(internal("loading the roster"))
        .map_err(respond_with)?;
    let has_next = rows.len() > ROSTER_PAGE_SIZE as usize;
    rows.truncate(ROSTER_PAGE_SIZE as usize);
    let today = state.today();
    let (listed, in_pool) = {
        let index = state.directory.read();
        (index.len(), index.pool_size(today))
    };
    Ok(RosterPage {
        items: rows
            .into_iter()
            .map(|r| RosterItem {
                status: r.profile.status(today),
                contacts_used: r.profile.pool.contacts_used,
                max_contacts: r.profile.pool.max_contacts,
                id: r.profile.id,
                name: r.profile.display_name,
                job_title: r.profile.job_title,
                email: r.email,
            })
            .collect(),
        page,
        has_next,
        listed,
        in_pool,
    })
}
