//! Server-only code (feature `ssr`): shared state, sign-in and sessions, the database
//! repositories, and the glue that turns internal failures into logged, opaque API errors.

pub mod auth;
pub mod clock;
pub mod directory;
pub mod headers;
pub mod mail;
pub mod repo;
pub mod secrets;
pub mod service;
pub mod state;

pub use clock::Clock;
pub use directory::Directory;
pub use state::{AppState, Limits, ProgramSettings, LINKS_PER_EMAIL_PER_DAY};

use crate::domain::Role;
use crate::error::ApiError;
use auth::CurrentSession;

/// The application state, as server functions see it.
pub fn app_state() -> Result<AppState, ApiError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the server function context");
        ApiError::Internal
    })
}

/// Runs the body of a server function and, when it fails, sets the HTTP status of the
/// response from the error: the one place a status comes from an [`ApiError`]. A redirect
/// already decided (a form posted without JavaScript, sent back to its page) keeps its own
/// status. Every server function's body runs inside this.
pub async fn answer<T>(
    body: impl std::future::Future<Output = Result<T, ApiError>>,
) -> Result<T, ApiError> {
    let result = body.await;
    if let (Err(err), Some(opts)) = (
        &result,
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
    ) {
        if let Ok(status) = http::StatusCode::from_u16(err.status()) {
            let mut parts = opts
                .0
                .write()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            if parts.status.is_none() {
                parts.status = Some(status);
            }
        }
    }
    result
}

/// Refuses a server function call: a plain form post (no JavaScript) is sent back to
/// `back` with `?problem=code` added first to its query (the page shows the message); a call
/// from JavaScript gets the error (its status is set by [`answer`]).
pub fn refuse(plain: bool, back: &str, err: ApiError) -> ApiError {
    if plain {
        leptos_axum::redirect(&with_problem(back, &err));
    }
    err
}

/// After a change: a plain form post (no JavaScript) is sent on to `to`; a call from
/// JavaScript gets its answer and stays on the page.
pub fn done(plain: bool, to: &str) {
    if plain {
        leptos_axum::redirect(to);
    }
}

/// `back` with `problem=code` first in its query, before any fragment.
fn with_problem(back: &str, err: &ApiError) -> String {
    let (rest, fragment) = match back.split_once('#') {
        Some((r, f)) => (r, format!("#{f}")),
        None => (back, String::new()),
    };
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) if !q.is_empty() => (p, format!("&{q}")),
        Some((p, _)) => (p, String::new()),
        None => (rest, String::new()),
    };
    format!("{path}?problem={}{query}{fragment}", err.code())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Problem;

    #[test]
    fn the_problem_code_goes_first_in_the_query() {
        let full = ApiError::Refused(Problem::VolunteerFull);
        assert_eq!(
            with_problem("/committee/requests/r1", &full),
            "/committee/requests/r1?problem=volunteer-full"
        );
        assert_eq!(
            with_problem("/request/link?email=lou", &ApiError::RateLimited),
            "/request/link?problem=limit&email=lou"
        );
        assert_eq!(
            with_problem("/request#form-errors", &full),
            "/request?problem=volunteer-full#form-errors"
        );
    }
}

/// The session of a request, looked up by the router's middleware before the page or
/// server function runs (`server/src/routes.rs`), and kept in the request's extensions.
#[derive(Clone, Debug)]
pub struct RequestSession(pub Option<CurrentSession>);

/// The signed-in person of the request being rendered, for the page header (no email).
pub fn request_viewer() -> Option<crate::domain::Viewer> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    let session = parts.extensions.get::<RequestSession>()?.0.as_ref()?;
    Some(crate::domain::Viewer {
        name: session.account.name.clone(),
        email: None,
        roles: session.account.roles.clone(),
    })
}

/// The signed-in session of the current request, if any.
pub async fn current_session() -> Result<Option<CurrentSession>, ApiError> {
    let state = app_state()?;
    let Some(parts) = leptos::prelude::use_context::<http::request::Parts>() else {
        return Ok(None);
    };
    if let Some(found) = parts.extensions.get::<RequestSession>() {
        return Ok(found.0.clone());
    }
    // Not looked up by the middleware (no session cookie, or the lookup failed): ask now.
    auth::session_of(&state.db, &state.auth, &parts.headers).await
}

/// The signed-in session, or 401.
pub async fn require_session() -> Result<CurrentSession, ApiError> {
    current_session().await?.ok_or(ApiError::Unauthorized)
}

/// A session with committee rights (committee members and administrators), else 401/403.
pub async fn require_committee() -> Result<CurrentSession, ApiError> {
    let s = require_session().await?;
    if crate::domain::account::does_committee_work(&s.account.roles) {
        Ok(s)
    } else {
        Err(ApiError::Forbidden)
    }
}

/// A session of an administrator, else 401/403.
pub async fn require_admin() -> Result<CurrentSession, ApiError> {
    let s = require_session().await?;
    if s.account.roles.contains(&Role::Admin) {
        Ok(s)
    } else {
        Err(ApiError::Forbidden)
    }
}

/// Whether this request is a plain HTML form post (the browser runs no JavaScript), so the
/// answer must be a redirect to a page rather than data.
pub fn plain_form_post() -> bool {
    leptos::prelude::use_context::<http::request::Parts>().is_some_and(|p| {
        p.headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    })
}

/// The draft key this browser already holds (its `cc_draft` cookie), when well formed.
pub fn browser_draft_key(state: &AppState) -> Option<String> {
    use crate::server::auth::DRAFT_COOKIE;
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| state.auth.read_cookie(&p.headers, DRAFT_COOKIE))
        .filter(|t| crate::server::secrets::token_shape_ok(t))
}

/// Adds a `Set-Cookie` header to the current response.
pub fn set_cookie(value: &str) {
    if let (Some(opts), Ok(v)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        opts.append_header(http::header::SET_COOKIE, v);
    }
}

/// The client's IP address, as the router's middleware recorded it (`server/src/routes.rs`):
/// the socket's peer, or, behind a proxy that the configuration trusts, the last address of
/// `X-Forwarded-For` (the one that proxy added; earlier entries can be made up).
pub fn client_ip() -> String {
    let Some(parts) = leptos::prelude::use_context::<http::request::Parts>() else {
        return "unknown".into();
    };
    if let Some(ClientIp(ip)) = parts.extensions.get::<ClientIp>() {
        return ip.clone();
    }
    "unknown".into()
}

/// The client's address as the router's middleware determined it.
#[derive(Clone, Debug)]
pub struct ClientIp(pub String);
