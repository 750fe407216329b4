//! The outreach drafting studio: after a match, opened by the request's private link (the
//! unguessable token is the credential; the draft is kept on the server); in practice,
//! from a listed volunteer's public profile (public: no contact details, nothing of a
//! request).

use leptos::prelude::*;

use crate::domain::outreach::Draft;
use crate::error::ApiError;

pub use crate::domain::outreach::studio::StudioPage;

/// The studio's address for a private link.
pub fn studio_path(token: &str) -> String {
    format!("/r/{token}/studio")
}

/// The practice studio's address for a volunteer.
pub fn practice_path(volunteer: &str) -> String {
    format!("/volunteers/{volunteer}/practice")
}

/// The part of the page a button belongs to, for the no-JavaScript redirect's anchor: a
/// save button says which (`save:questions`); the others by what they do.
pub fn section_of(intent: &str) -> &'static str {
    let verb = intent.split(':').next().unwrap_or_default();
    match (verb, intent.split_once(':').map(|(_, a)| a)) {
        ("save", Some("questions")) | ("suggest" | "up" | "down" | "remove", _) => "questions",
        ("save", Some("after")) | ("thank-you" | "follow-up", _) => "after",
        _ => "message",
    }
}

/// The questions' order as the form carried it (comma-separated ids).
#[cfg(feature = "ssr")]
fn order_of(order: Option<String>) -> Option<Vec<String>> {
    order.map(|o| {
        o.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    })
}

/// The studio a private link opens, with the stored draft. Only after a match, and while
/// the volunteer's contact details are shown.
#[server(endpoint = "studio/open")]
pub async fn open_studio(token: String) -> Result<StudioPage, ApiError> {
    use crate::server::service::studio;
    use crate::server::{answer, app_state};
    // Authorization: the unguessable token is the credential.
    answer(async {
        let state = app_state()?;
        Ok(studio::open(&state, &token).await?)
    })
    .await
}

/// Saves the studio's draft through a private link, after the button `intent` (see
/// `outreach::studio::Intent`); the browser's autosave sends `save`. Answers when it was
/// saved. Without JavaScript the browser is sent back to the studio at the button's
/// section; a draft over the bounds is kept as typed for that page, with why.
#[server(endpoint = "studio/save")]
pub async fn save_studio(
    token: String,
    draft: Draft,
    #[server(default)] order: Option<String>,
    #[server(default)] intent: String,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, ApiError> {
    use crate::domain::outreach::Intent;
    use crate::server::service::{studio, ServiceError};
    use crate::server::{answer, app_state, plain_form_post, refuse};
    // Authorization: the unguessable token is the credential.
    answer(async {
        let plain = plain_form_post();
        let state = app_state()?;
        let page = if crate::server::secrets::token_shape_ok(&token) {
            studio_path(&token)
        } else {
            "/".into()
        };
        let anchor = section_of(&intent);
        let parsed = Intent::parse(&intent);
        match studio::save(&state, &token, draft.clone(), order_of(order), &parsed).await {
            Ok(studio::Saved::Stored(at)) => {
                crate::server::done(plain, &format!("{page}?saved=1#{anchor}"));
                Ok(Some(at))
            }
            Ok(studio::Saved::ButtonRefused(_)) => {
                // The page works out why again from the saved draft and the button.
                let mut q = form_urlencoded::Serializer::new(String::new());
                q.append_pair("tried", &intent);
                crate::server::done(plain, &format!("{page}?{}#{anchor}", q.finish()));
                Ok(None)
            }
            Err(ServiceError::Invalid(errors)) => {
                if plain {
                    studio::keep_refused(&state, &token, "", draft, errors.clone()).await?;
                    leptos_axum::redirect(&format!("{page}#form-errors"));
                }
                Err(ApiError::Invalid(errors))
            }
            Err(e) => Err(refuse(plain, &format!("{page}#{anchor}"), e.into())),
        }
    })
    .await
}

/// The practice studio for listed volunteer `id` (public: no contact details), with the
/// draft this browser kept without JavaScript; `None` when no such volunteer is listed.
#[server(endpoint = "studio/practice")]
pub async fn practice_studio(id: String) -> Result<Option<StudioPage>, ApiError> {
    use crate::domain::ids::VolunteerKey;
    use crate::server::service::studio;
    use crate::server::{answer, app_state, browser_draft_key};
    // Public: no sign-in needed.
    answer(async {
        let state = app_state()?;
        let Some(id) = VolunteerKey::parse(&id) else {
            return Ok(None);
        };
        let key = browser_draft_key(&state);
        Ok(studio::practice(&state, id.as_str(), key.as_deref()).await?)
    })
    .await
}

/// A practice draft posted without JavaScript (with JavaScript the browser keeps it
/// itself): the button applied, the draft kept for a short while under the browser's
/// draft cookie, and the browser sent back to the practice studio. Public, and counted
/// against the address's form posts.
#[server(endpoint = "studio/practice-save")]
pub async fn save_practice(
    id: String,
    draft: Draft,
    #[server(default)] order: Option<String>,
    #[server(default)] intent: String,
) -> Result<(), ApiError> {
    use crate::domain::ids::VolunteerKey;
    use crate::domain::outreach::Intent;
    use crate::server::service::studio;
    use crate::server::{
        answer, app_state, browser_draft_key, client_ip, plain_form_post, refuse, set_cookie,
    };
    answer(async {
        let plain = plain_form_post();
        let state = app_state()?;
        let Some(id) = VolunteerKey::parse(&id) else {
            return Err(refuse(
                plain,
                "/volunteers",
                ApiError::Refused(crate::domain::Problem::VolunteerGone),
            ));
        };
        let page = practice_path(id.as_str());
        let anchor = section_of(&intent);
        if !state.limits.allow_post(&client_ip()) {
            return Err(refuse(
                plain,
                &format!("{page}#{anchor}"),
                ApiError::RateLimited,
            ));
        }
        let held = browser_draft_key(&state);
        let parsed = Intent::parse(&intent);
        let saved =
            studio::save_practice(&state, id.as_str(), held, draft, order_of(order), &parsed)
                .await
                .map_err(|e| refuse(plain, &page, e.into()))?;
        set_cookie(&state.auth.draft_cookie(&saved.key));
        if !saved.errors.is_empty() {
            crate::server::done(plain, &format!("{page}#form-errors"));
            return Err(ApiError::Invalid(saved.errors));
        }
        let query = match saved.refused {
            Some(_) => {
                let mut q = form_urlencoded::Serializer::new(String::new());
                q.append_pair("tried", &intent);
                q.finish()
            }
            None => "saved=1".into(),
        };
        crate::server::done(plain, &format!("{page}?{query}#{anchor}"));
        Ok(())
    })
    .await
}
