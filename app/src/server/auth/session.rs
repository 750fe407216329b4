//! Sessions: the HttpOnly cookies, and the signed-in session a request's cookie refers to.

use axum::http::{header, HeaderMap};
use chrono::{DateTime, Utc};
use cookie::{Cookie, SameSite};

use super::Auth;
use crate::error::ApiError;
use crate::server::repo::accounts::{self, Account};
use crate::server::repo::{Db, RepoError};
use crate::server::secrets::{hash_token, token_shape_ok};

/// Cookie names. Under https each is sent as `__Host-{name}`: the browser then accepts it
/// only from this exact host, over https, for path `/`, so a compromised sibling subdomain
/// cannot plant a session or a sign-in state (see [`Auth::cookie_name`]).
pub const SESSION_COOKIE: &str = "cc_session";
pub const LOGIN_COOKIE: &str = "cc_login";
/// Names, for a visitor without an account, the refused public form kept for them
/// (no JavaScript): the value's hash keys the `form_draft` row.
pub const DRAFT_COOKIE: &str = "cc_draft";
/// Sessions record activity at most this often (one write a minute, not one per request).
const TOUCH_EVERY: chrono::TimeDelta = chrono::TimeDelta::seconds(60);

impl Auth {
    pub(super) fn idle(&self) -> chrono::TimeDelta {
        chrono::TimeDelta::seconds(self.settings.session_idle_seconds.min(i64::MAX as u64) as i64)
    }

    pub(super) fn absolute(&self) -> chrono::TimeDelta {
        chrono::TimeDelta::seconds(
            self.settings.session_absolute_seconds.min(i64::MAX as u64) as i64
        )
    }

    /// The name cookie `base` is sent under: `__Host-{base}` when cookies are `Secure`.
    pub fn cookie_name(&self, base: &str) -> String {
        if self.secure {
            format!("__Host-{base}")
        } else {
            base.to_owned()
        }
    }

    /// The value of cookie `base` (under its [`Auth::cookie_name`]) in `headers`.
    pub fn read_cookie(&self, headers: &HeaderMap, base: &str) -> Option<String> {
        cookie_value(headers, &self.cookie_name(base))
    }

    /// Every cookie is HttpOnly, SameSite=Lax and for path `/` (which the `__Host-` prefix
    /// requires).
    pub(super) fn cookie(
        &self,
        base: &str,
        value: String,
        max_age: Option<i64>,
    ) -> Cookie<'static> {
        let mut c = Cookie::build((self.cookie_name(base), value))
            .path("/")
            .http_only(true)
            .secure(self.secure)
            .same_site(SameSite::Lax);
        if let Some(seconds) = max_age {
            c = c.max_age(cookie::time::Duration::seconds(seconds));
        }
        c.build()
    }

    /// The `Set-Cookie` value naming a visitor's kept form draft on the request pages.
    pub fn draft_cookie(&self, value: &str) -> String {
        self.cookie(DRAFT_COOKIE, value.to_owned(), Some(1800))
            .to_string()
    }

    pub(super) fn removal(&self, base: &str) -> Cookie<'static> {
        self.cookie(base, String::new(), Some(0))
    }
}

/// The value of cookie `name` in `headers` (callers use [`Auth::read_cookie`], which
/// knows the name it is sent under).
fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

/// The signed-in session of a request.
#[derive(Debug, Clone)]
pub struct CurrentSession {
    pub token_hash: String,
    pub account: Account,
    pub expires_at: DateTime<Utc>,
}

/// The session the request's cookie refers to, if it is still valid. Expired sessions are
/// deleted on sight.
pub async fn session_of(
    db: &Db,
    auth: &Auth,
    headers: &HeaderMap,
) -> Result<Option<CurrentSession>, ApiError> {
    let Some(token) = auth.read_cookie(headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    if !token_shape_ok(&token) {
        return Ok(None);
    }
    let hash = hash_token(&token);
    let internal = |e: RepoError| {
        tracing::error!(error = %e, "session lookup failed");
        ApiError::Internal
    };
    let Some(session) = accounts::find_session(db, &hash).await.map_err(internal)? else {
        return Ok(None);
    };
    let now = Utc::now();
    if session.expires_at <= now || session.last_seen + auth.idle() <= now {
        accounts::delete_session(db, &hash)
            .await
            .map_err(internal)?;
        return Ok(None);
    }
    if now - session.last_seen >= TOUCH_EVERY {
        accounts::touch_session(db, &hash, now)
            .await
            .map_err(internal)?;
    }
    Ok(Some(CurrentSession {
        token_hash: hash,
        account: session.account,
        expires_at: session.expires_at,
    }))
}

/// A `Set-Cookie` value that removes the session cookie (after leaving the program).
pub fn clear_session_cookie(auth: &Auth) -> String {
    auth.removal(SESSION_COOKIE).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::auth::AuthSettings;
    use axum::http::HeaderValue;

    #[test]
    fn cookies_are_read_from_any_cookie_header() {
        let mut h = HeaderMap::new();
        h.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; cc_session=abc"),
        );
        h.append(header::COOKIE, HeaderValue::from_static("cc_login=xyz"));
        assert_eq!(cookie_value(&h, SESSION_COOKIE).as_deref(), Some("abc"));
        assert_eq!(cookie_value(&h, LOGIN_COOKIE).as_deref(), Some("xyz"));
        assert_eq!(cookie_value(&h, "missing"), None);
    }

    #[test]
    fn cookies_are_host_bound_under_https() {
        let https = AuthSettings {
            public_url: Some("https://connects.example.org".into()),
            ..AuthSettings::default()
        };
        let auth = Auth::new(https, "http://127.0.0.1:3000").unwrap();
        let c = auth.cookie(SESSION_COOKIE, "v".into(), None).to_string();
        assert!(c.starts_with("__Host-cc_session=v"), "{c}");
        assert!(
            c.contains("Path=/") && c.contains("Secure") && c.contains("HttpOnly"),
            "{c}"
        );
        assert!(!c.contains("Domain"), "{c}");
        let d = auth.draft_cookie("x");
        assert!(
            d.starts_with("__Host-cc_draft=x") && d.contains("Path=/;"),
            "{d}"
        );
        let mut h = HeaderMap::new();
        h.append(
            header::COOKIE,
            HeaderValue::from_static("cc_session=plain; __Host-cc_session=hosted"),
        );
        assert_eq!(
            auth.read_cookie(&h, SESSION_COOKIE).as_deref(),
            Some("hosted")
        );
        // Plain http (local development) cannot use the prefix.
        let local = Auth::new(AuthSettings::default(), "http://127.0.0.1:3000").unwrap();
        assert_eq!(
            local.read_cookie(&h, SESSION_COOKIE).as_deref(),
            Some("plain")
        );
    }
}
