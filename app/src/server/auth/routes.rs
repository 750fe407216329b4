//! The plain axum handlers of the sign-in routes: `/auth/login/{provider}`,
//! `/auth/callback/{provider}` and `/auth/signout`.

use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use cookie::Cookie;
use openidconnect::core::CoreAuthenticationFlow;
use openidconnect::{CsrfToken, Nonce, PkceCodeChallenge, Scope};
use serde::Deserialize;

use super::oidc::exchange;
use super::{LOGIN_COOKIE, SESSION_COOKIE};
use crate::domain::account::safe_return_path;
use crate::server::repo::accounts::{self, LoginAttempt};
use crate::server::secrets::{hash_token, random_token};
use crate::server::{AppState, ClientIp};

/// How long a started sign-in may take.
pub const LOGIN_TTL: Duration = Duration::from_secs(600);

fn with_cookies(mut res: Response, cookies: &[Cookie<'_>]) -> Response {
    for c in cookies {
        if let Ok(v) = HeaderValue::from_str(&c.to_string()) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Back to the sign-in page with a reason people can read there.
fn to_signin(reason: &str) -> Response {
    Redirect::to(&format!("/signin?error={reason}")).into_response()
}

#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
}

/// `GET /auth/login/{provider}`: starts a sign-in and sends the browser to the provider.
pub async fn login(
    State(state): State<AppState>,
    Path(provider): Path<String>,
    Query(q): Query<LoginQuery>,
    ip: Option<axum::Extension<ClientIp>>,
) -> Response {
    let auth = &state.auth;
    // Counted before anything is looked up or stored: each start writes a row.
    let ip = ip.map(|e| e.0 .0).unwrap_or_else(|| "unknown".into());
    if !state.limits.allow_sign_in(&ip) {
        tracing::warn!(ip, "too many sign-ins started from one address");
        return to_signin("too-many");
    }
    let Some(p) = auth.provider(&provider) else {
        return to_signin("unknown-provider");
    };
    let client = match auth.client(p).await {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, provider, "cannot start sign-in");
            return to_signin("provider-unreachable");
        }
    };
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .set_pkce_challenge(challenge);
    for s in p.scopes.iter().filter(|s| s.as_str() != "openid") {
        request = request.add_scope(Scope::new(s.clone()));
    }
    let (url, csrf, nonce) = request.url();
    let now = Utc::now();
    let attempt = LoginAttempt {
        provider: p.id.clone(),
        pkce_verifier: verifier.secret().clone(),
        nonce: nonce.secret().clone(),
        return_to: safe_return_path(q.next.as_deref()),
        expires_at: now + chrono::TimeDelta::seconds(LOGIN_TTL.as_secs() as i64),
    };
    if let Err(e) = accounts::create_login(&state.db, &hash_token(csrf.secret()), attempt).await {
        tracing::error!(error = %e, "cannot store sign-in attempt");
        return to_signin("unavailable");
    }
    let cookie = auth.cookie(
        LOGIN_COOKIE,
        csrf.secret().clone(),
        Some(LOGIN_TTL.as_secs() as i64),
    );
    with_cookies(Redirect::to(url.as_str()).into_response(), &[cookie])
}

#[derive(Debug, Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// `GET /auth/callback/{provider}`: the provider sends the browser back here.
pub async fn callback(
    State(state): State<AppState>,
    Path(provider): Path<String>,
    Query(q): Query<CallbackQuery>,
    headers: HeaderMap,
) -> Response {
    let auth = state.auth.clone();
    let clear_login = auth.removal(LOGIN_COOKIE);
    let fail = |reason: &str| with_cookies(to_signin(reason), std::slice::from_ref(&clear_login));

    let Some(returned_state) = q.state.filter(|s| !s.is_empty() && s.len() <= 256) else {
        return fail("state");
    };
    // The attempt is consumed whatever happens next: a state works once.
    let attempt = match accounts::take_login(&state.db, &hash_token(&returned_state)).await {
        Ok(a) => a,
        Err(e) => {
            tracing::error!(error = %e, "cannot read sign-in attempt");
            return fail("unavailable");
        }
    };
    // The state must be the one this browser started with (login CSRF).
    let browser_state = auth.read_cookie(&headers, LOGIN_COOKIE);
    let Some(attempt) =
        attempt.filter(|_| browser_state.as_deref() == Some(returned_state.as_str()))
    else {
        tracing::warn!(
            provider,
            "sign-in callback with an unknown, used or foreign state"
        );
        return fail("state");
    };
    if attempt.expires_at < Utc::now() {
        return fail("expired");
    }
    if attempt.provider != provider {
        return fail("state");
    }
    if q.error.is_some() {
        return fail("denied");
    }
    let Some(code) = q.code.filter(|c| !c.is_empty()) else {
        return fail("denied");
    };
    let Some(p) = auth.provider(&provider) else {
        return fail("unknown-provider");
    };
    let identity = match exchange(&auth, p, code, &attempt).await {
        Ok(i) => i,
        Err(e) => {
            tracing::warn!(error = %e, provider, "sign-in failed");
            return fail("provider");
        }
    };
    let admin = p.admins().includes(
        &identity.subject,
        identity.email.as_deref(),
        identity.email_verified,
    );
    let account = match accounts::upsert_on_sign_in(&state.db, &identity, admin).await {
        Ok(a) => a,
        Err(e) => {
            tracing::error!(error = %e, "cannot store account");
            return fail("unavailable");
        }
    };
    // A new session id at every sign-in; the old session (if any) ends.
    if let Some(old) = auth.read_cookie(&headers, SESSION_COOKIE) {
        if let Err(e) = accounts::delete_session(&state.db, &hash_token(&old)).await {
            tracing::warn!(error = %e, "cannot delete the previous session");
        }
    }
    let token = match random_token() {
        Ok(t) => t,
        Err(e) => {
            tracing::error!(error = %e, "no randomness");
            return fail("unavailable");
        }
    };
    let now = Utc::now();
    if let Err(e) = accounts::create_session(
        &state.db,
        &hash_token(&token),
        &account.key,
        now,
        now + auth.absolute(),
    )
    .await
    {
        tracing::error!(error = %e, "cannot store session");
        return fail("unavailable");
    }
    tracing::info!(account = %account.key, provider, "signed in");
    let session = auth.cookie(SESSION_COOKIE, token, None);
    with_cookies(
        Redirect::to(&attempt.return_to).into_response(),
        &[session, clear_login],
    )
}

/// `POST /auth/signout`: ends the session and forgets the cookie.
pub async fn signout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(token) = state.auth.read_cookie(&headers, SESSION_COOKIE) {
        if let Err(e) = accounts::delete_session(&state.db, &hash_token(&token)).await {
            tracing::error!(error = %e, "cannot delete session");
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                "Please try again in a moment.",
            )
                .into_response();
        }
    }
    let clear = state.auth.removal(SESSION_COOKIE);
    with_cookies(
        Redirect::to("/signin?signed_out=1").into_response(),
        &[clear],
    )
}
