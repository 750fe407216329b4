//! Sign-in with OpenID Connect (authorization code + PKCE, state and nonce), sessions in
//! SurrealDB behind an HttpOnly cookie, and the plain axum handlers of the OAuth routes.
//!
//! Providers are configuration: any number of them, each found by discovery from its issuer.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use cookie::{Cookie, SameSite};
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreIdTokenClaims, CoreProviderMetadata, CoreUserInfoClaims,
};
use openidconnect::{
    AuthType, AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce,
    OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use serde::Deserialize;

use super::repo::accounts::{self, Account, Identity, LoginAttempt};
use super::repo::{Db, RepoError};
use super::AppState;
use crate::domain::account::{safe_return_path, ConfiguredAdmins, ProviderChoice};
use crate::error::ApiError;

/// Cookie names. Under https each is sent as `__Host-{name}`: the browser then accepts it
/// only from this exact host, over https, for path `/`, so a compromised sibling subdomain
/// cannot plant a session or a sign-in state (see [`Auth::cookie_name`]).
pub const SESSION_COOKIE: &str = "cc_session";
pub const LOGIN_COOKIE: &str = "cc_login";
/// Names, for a visitor without an account, the refused public form kept for them
/// (no JavaScript): the value's hash keys the `form_draft` row.
pub const DRAFT_COOKIE: &str = "cc_draft";
/// How long a started sign-in may take.
pub const LOGIN_TTL: Duration = Duration::from_secs(600);
/// How long discovered provider metadata is reused before it is fetched again.
const DISCOVERY_TTL: Duration = Duration::from_secs(3600);
/// How long a failed discovery is remembered: sign-ins with that provider are refused at
/// once meanwhile, instead of each waiting for the same unreachable server.
const DISCOVERY_RETRY: Duration = Duration::from_secs(10);
/// Sessions record activity at most this often (one write a minute, not one per request).
const TOUCH_EVERY: chrono::TimeDelta = chrono::TimeDelta::seconds(60);

/// A secret from configuration: never printed.
#[derive(Clone, Deserialize)]
#[serde(transparent)]
pub struct ClientSecretString(String);

impl ClientSecretString {
    pub fn new(s: impl Into<String>) -> Self {
        Self(s.into())
    }
}

impl std::fmt::Debug for ClientSecretString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

/// How the app authenticates itself at the provider's token endpoint.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenAuth {
    /// `client_secret_basic` (HTTP Basic): Google, Microsoft, most providers.
    #[default]
    Basic,
    /// `client_secret_post` (in the form body): LinkedIn requires this.
    Post,
}

/// One identity provider, as configured.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderSettings {
    /// Short name used in URLs: `/auth/login/{id}`, `/auth/callback/{id}`.
    pub id: String,
    /// Shown on the button: "Sign in with {name}".
    pub name: String,
    /// The issuer URL; `{issuer}/.well-known/openid-configuration` is fetched.
    pub issuer: String,
    pub client_id: String,
    #[serde(default)]
    pub client_secret: Option<ClientSecretString>,
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
    #[serde(default)]
    pub token_auth: TokenAuth,
    /// People this provider vouches for who are administrators: their email, when the
    /// provider says it is verified...
    #[serde(default)]
    pub admin_emails: Vec<String>,
    /// ...or their subject identifier at this provider.
    #[serde(default)]
    pub admin_subjects: Vec<String>,
}

impl ProviderSettings {
    pub fn admins(&self) -> ConfiguredAdmins<'_> {
        ConfiguredAdmins {
            emails: &self.admin_emails,
            subjects: &self.admin_subjects,
        }
    }
}

fn default_scopes() -> Vec<String> {
    vec!["openid".into(), "email".into(), "profile".into()]
}

/// The `[auth]` section of the configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuthSettings {
    /// The identity providers; each names its own administrators.
    pub providers: Vec<ProviderSettings>,
    /// The address people reach the site at (`https://connects.example.org`); redirect
    /// URIs are `{public_url}/auth/callback/{provider}`. Defaults to the listen address.
    pub public_url: Option<String>,
    /// The `Secure` cookie attribute; defaults to on when `public_url` is `https://`.
    pub secure_cookies: Option<bool>,
    /// A session ends after this long without activity.
    pub session_idle_seconds: u64,
    /// A session ends this long after sign-in, active or not.
    pub session_absolute_seconds: u64,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            providers: Vec::new(),
            public_url: None,
            secure_cookies: None,
            session_idle_seconds: 12 * 3600,
            session_absolute_seconds: 7 * 24 * 3600,
        }
    }
}

/// The auth layer's error. Logged; people see a short explanation on the sign-in page.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("configuration: {0}")]
    Config(String),
    #[error("provider discovery: {0}")]
    Discovery(String),
    #[error("token exchange: {0}")]
    Exchange(String),
    #[error("id token: {0}")]
    IdToken(String),
    #[error("userinfo: {0}")]
    UserInfo(String),
    #[error(transparent)]
    Repo(#[from] RepoError),
}

/// Sign-in configuration and state shared by every request.
pub struct Auth {
    settings: AuthSettings,
    base_url: String,
    secure: bool,
    http: openidconnect::reqwest::Client,
    /// Each provider's discovered metadata, or when its discovery last failed. A plain
    /// mutex, only held to read or write the map, never across a fetch: one slow provider
    /// must not hold up sign-ins with the others.
    discovered: std::sync::Mutex<HashMap<String, Discovered>>,
}

#[derive(Clone)]
enum Discovered {
    Ready(Instant, Box<CoreProviderMetadata>),
    Failed(Instant, String),
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Auth")
            .field("base_url", &self.base_url)
            .field("providers", &self.settings.providers.len())
            .finish()
    }
}

impl Auth {
    /// `listen_url` is used when no `public_url` is configured.
    pub fn new(settings: AuthSettings, listen_url: &str) -> Result<Arc<Self>, AuthError> {
        let base_url = settings
            .public_url
            .clone()
            .unwrap_or_else(|| listen_url.to_owned())
            .trim_end_matches('/')
            .to_owned();
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            return Err(AuthError::Config(format!(
                "public_url must start with http:// or https:// (got {base_url})"
            )));
        }
        let mut seen = Vec::new();
        let mut issuers: Vec<String> = Vec::new();
        for p in &settings.providers {
            let id_ok = !p.id.is_empty()
                && p.id.len() <= 32
                && p.id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !id_ok {
                return Err(AuthError::Config(format!(
                    "provider id {:?} must be lowercase letters, digits and dashes",
                    p.id
                )));
            }
            if seen.contains(&p.id) {
                return Err(AuthError::Config(format!(
                    "provider id {:?} is used twice",
                    p.id
                )));
            }
            seen.push(p.id.clone());
            IssuerUrl::new(p.issuer.clone())
                .map_err(|e| AuthError::Config(format!("provider {}: issuer: {e}", p.id)))?;
            // Accounts and administrators are known by issuer: two entries for one issuer
            // would make "who is an administrator" depend on which entry is found first.
            let issuer = p.issuer.trim_end_matches('/').to_owned();
            if issuers.contains(&issuer) {
                return Err(AuthError::Config(format!(
                    "provider {}: issuer {issuer} is configured twice",
                    p.id
                )));
            }
            issuers.push(issuer);
        }
        let secure = settings
            .secure_cookies
            .unwrap_or(base_url.starts_with("https://"));
        let http = openidconnect::reqwest::ClientBuilder::new()
            // Following redirects would let a provider point us anywhere (SSRF).
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(15))
            .build()
            .map_err(|e| AuthError::Config(format!("HTTP client: {e}")))?;
        Ok(Arc::new(Self {
            settings,
            base_url,
            secure,
            http,
            discovered: std::sync::Mutex::new(HashMap::new()),
        }))
    }

    pub fn providers(&self) -> Vec<ProviderChoice> {
        self.settings
            .providers
            .iter()
            .map(|p| ProviderChoice {
                id: p.id.clone(),
                name: p.name.clone(),
            })
            .collect()
    }

    pub fn secure_cookies(&self) -> bool {
        self.secure
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    fn provider(&self, id: &str) -> Option<&ProviderSettings> {
        self.settings.providers.iter().find(|p| p.id == id)
    }

    fn redirect_url(&self, provider: &str) -> String {
        format!("{}/auth/callback/{provider}", self.base_url)
    }

    fn cached(&self, id: &str) -> Option<Discovered> {
        self.discovered
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(id)
            .cloned()
    }

    fn remember(&self, id: &str, d: Discovered) {
        self.discovered
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id.to_owned(), d);
    }

    async fn metadata(&self, p: &ProviderSettings) -> Result<CoreProviderMetadata, AuthError> {
        match self.cached(&p.id) {
            Some(Discovered::Ready(at, meta)) if at.elapsed() < DISCOVERY_TTL => return Ok(*meta),
            Some(Discovered::Failed(at, why)) if at.elapsed() < DISCOVERY_RETRY => {
                return Err(AuthError::Discovery(format!("{} (recently): {why}", p.id)))
            }
            _ => {}
        }
        let issuer =
            IssuerUrl::new(p.issuer.clone()).map_err(|e| AuthError::Config(e.to_string()))?;
        // No lock is held here. Two sign-ins arriving together may both fetch; the later
        // result simply replaces the earlier one.
        match CoreProviderMetadata::discover_async(issuer, &self.http).await {
            Ok(meta) => {
                self.remember(
                    &p.id,
                    Discovered::Ready(Instant::now(), Box::new(meta.clone())),
                );
                Ok(meta)
            }
            Err(e) => {
                let why = e.to_string();
                self.remember(&p.id, Discovered::Failed(Instant::now(), why.clone()));
                Err(AuthError::Discovery(format!("{}: {why}", p.id)))
            }
        }
    }

    async fn client(
        &self,
        p: &ProviderSettings,
    ) -> Result<
        CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
        AuthError,
    > {
        let meta = self.metadata(p).await?;
        let redirect = RedirectUrl::new(self.redirect_url(&p.id))
            .map_err(|e| AuthError::Config(format!("redirect URL: {e}")))?;
        let client = CoreClient::from_provider_metadata(
            meta,
            ClientId::new(p.client_id.clone()),
            p.client_secret
                .as_ref()
                .map(|s| ClientSecret::new(s.0.clone())),
        )
        .set_redirect_uri(redirect)
        .set_auth_type(match p.token_auth {
            TokenAuth::Basic => AuthType::BasicAuth,
            TokenAuth::Post => AuthType::RequestBody,
        });
        Ok(client)
    }

    fn idle(&self) -> chrono::TimeDelta {
        chrono::TimeDelta::seconds(self.settings.session_idle_seconds.min(i64::MAX as u64) as i64)
    }

    fn absolute(&self) -> chrono::TimeDelta {
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
    fn cookie(&self, base: &str, value: String, max_age: Option<i64>) -> Cookie<'static> {
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

    fn removal(&self, base: &str) -> Cookie<'static> {
        self.cookie(base, String::new(), Some(0))
    }

    /// The provider with issuer `issuer`, if one is configured.
    fn provider_by_issuer(&self, issuer: &str) -> Option<&ProviderSettings> {
        let norm = |s: &str| s.trim_end_matches('/').to_owned();
        self.settings
            .providers
            .iter()
            .find(|p| norm(&p.issuer) == norm(issuer))
    }

    /// Whether the account's sign-in identity is an administrator by the configuration now.
    pub fn is_admin(
        &self,
        issuer: &str,
        subject: &str,
        email: Option<&str>,
        verified: bool,
    ) -> bool {
        self.provider_by_issuer(issuer)
            .is_some_and(|p| p.admins().includes(subject, email, verified))
    }

    /// At start: takes the administrator role from every account the configuration no
    /// longer names (an address removed from a provider's list, a provider removed), and
    /// ends their sessions. Returns how many lost the role.
    pub async fn revoke_unlisted_admins(&self, db: &Db) -> Result<usize, RepoError> {
        let unlisted: Vec<String> = accounts::with_role(db, crate::domain::Role::Admin)
            .await?
            .into_iter()
            .filter(|a| !self.is_admin(&a.issuer, &a.subject, a.email.as_deref(), a.email_verified))
            .map(|a| a.key)
            .collect();
        if !unlisted.is_empty() {
            accounts::revoke_admins(db, &unlisted).await?;
            tracing::warn!(accounts = ?unlisted, "administrators no longer configured: role removed, sessions ended");
        }
        Ok(unlisted.len())
    }
}

/// Random bytes from the operating system, hex encoded.
pub fn random_token() -> Result<String, AuthError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AuthError::Config(format!("random: {e}")))?;
    Ok(hex::encode(bytes))
}

/// How secrets are stored: SHA-256, hex.
pub fn hash_token(token: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(token.as_bytes()))
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
    ip: Option<axum::Extension<super::ClientIp>>,
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

/// What the standard claims say about a person: the same getters exist on the ID token's
/// claims and on the UserInfo answer, so one macro reads both.
macro_rules! person_of {
    ($claims:expr) => {{
        let c = $claims;
        let email = c.email().map(|e| e.as_str().trim().to_owned());
        let given = c
            .given_name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().to_owned());
        let family = c
            .family_name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().to_owned());
        let name = c
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().to_owned())
            .or_else(|| match (given, family) {
                (Some(g), Some(f)) => Some(format!("{g} {f}")),
                (Some(g), None) => Some(g),
                (None, Some(f)) => Some(f),
                (None, None) => None,
            })
            .or_else(|| c.preferred_username().map(|u| u.as_str().to_owned()));
        Person {
            email,
            email_verified: c.email_verified().unwrap_or(false),
            name,
        }
    }};
}

async fn exchange(
    auth: &Auth,
    p: &ProviderSettings,
    code: String,
    attempt: &LoginAttempt,
) -> Result<Identity, AuthError> {
    let client = auth.client(p).await?;
    let token = client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(|e| AuthError::Exchange(e.to_string()))?
        .set_pkce_verifier(PkceCodeVerifier::new(attempt.pkce_verifier.clone()))
        .request_async(&auth.http)
        .await
        .map_err(|e| AuthError::Exchange(e.to_string()))?;
    let id_token = token
        .id_token()
        .ok_or_else(|| AuthError::IdToken("the provider sent no ID token".into()))?;
    let claims: &CoreIdTokenClaims = id_token
        .claims(
            &client.id_token_verifier(),
            &Nonce::new(attempt.nonce.clone()),
        )
        .map_err(|e| AuthError::IdToken(e.to_string()))?;
    let mut identity = identity_of(claims);
    // Many providers (Okta, and any that follow OpenID Connect Core §5.4 strictly) return
    // the claims asked for by scope from the UserInfo endpoint, not in the ID token.
    if identity.email.is_none() || identity.name.is_empty() {
        let request = client
            .user_info(token.access_token().clone(), Some(claims.subject().clone()))
            .map_err(|e| AuthError::UserInfo(e.to_string()))?;
        // The expected subject makes openidconnect refuse an answer about anyone else.
        let info: CoreUserInfoClaims = request
            .request_async(&auth.http)
            .await
            .map_err(|e| AuthError::UserInfo(e.to_string()))?;
        complete(&mut identity, person_of!(&info));
    }
    name_from_email(&mut identity);
    Ok(identity)
}

/// What the standard claims say about a person.
struct Person {
    email: Option<String>,
    email_verified: bool,
    name: Option<String>,
}

fn identity_of(claims: &CoreIdTokenClaims) -> Identity {
    let mut identity = Identity {
        issuer: claims.issuer().as_str().to_owned(),
        subject: claims.subject().as_str().to_owned(),
        email: None,
        email_verified: false,
        name: String::new(),
    };
    complete(&mut identity, person_of!(claims));
    identity
}

/// Fills what `identity` lacks from `person` (an email comes with its own verification).
fn complete(identity: &mut Identity, person: Person) {
    if identity.email.is_none() {
        if let Some(email) = person.email.filter(|e| !e.is_empty()) {
            identity.email = Some(email);
            identity.email_verified = person.email_verified;
        }
    }
    if identity.name.is_empty() {
        let name = person.name.unwrap_or_default();
        identity.name = name.trim().chars().take(120).collect();
    }
}

/// A person with no name in any claim is called by their email's local part.
fn name_from_email(identity: &mut Identity) {
    if identity.name.is_empty() {
        if let Some(local) = identity.email.as_ref().and_then(|e| e.split('@').next()) {
            identity.name = local.chars().take(120).collect();
        }
    }
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
    if token.len() != 64 {
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

    #[test]
    fn tokens_are_random_and_hashes_stable() {
        let a = random_token().unwrap();
        let b = random_token().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(hash_token(&a), hash_token(&a));
        assert_ne!(hash_token(&a), a);
    }

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
    fn settings_are_checked() {
        let provider = |id: &str| ProviderSettings {
            id: id.into(),
            name: "X".into(),
            issuer: "https://id.example.org".into(),
            client_id: "c".into(),
            client_secret: None,
            scopes: default_scopes(),
            token_auth: TokenAuth::Basic,
            admin_emails: vec![],
            admin_subjects: vec![],
        };
        let with = |providers| AuthSettings {
            providers,
            ..AuthSettings::default()
        };
        assert!(Auth::new(with(vec![provider("google")]), "http://127.0.0.1:3000").is_ok());
        assert!(Auth::new(with(vec![provider("Google!")]), "http://127.0.0.1:3000").is_err());
        assert!(Auth::new(
            with(vec![provider("a"), provider("a")]),
            "http://127.0.0.1:3000"
        )
        .is_err());
        let mut again = provider("b");
        again.issuer = "https://id.example.org/".into();
        let twice = Auth::new(with(vec![provider("a"), again]), "http://127.0.0.1:3000");
        assert!(
            matches!(&twice, Err(AuthError::Config(m)) if m.contains("configured twice")),
            "one issuer under two provider ids is refused"
        );
        let mut other = provider("b");
        other.issuer = "https://login.example.net".into();
        assert!(Auth::new(with(vec![provider("a"), other]), "http://127.0.0.1:3000").is_ok());
        let auth = Auth::new(with(vec![]), "http://127.0.0.1:3000").unwrap();
        assert!(!auth.secure_cookies(), "plain http in local development");
        let https = AuthSettings {
            public_url: Some("https://connects.example.org/".into()),
            ..AuthSettings::default()
        };
        let auth = Auth::new(https, "http://127.0.0.1:3000").unwrap();
        assert!(auth.secure_cookies());
        assert_eq!(
            auth.redirect_url("google"),
            "https://connects.example.org/auth/callback/google"
        );
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

    #[test]
    fn claims_missing_from_the_id_token_are_completed() {
        let mut id = Identity {
            issuer: "i".into(),
            subject: "s".into(),
            email: None,
            email_verified: false,
            name: String::new(),
        };
        complete(
            &mut id,
            Person {
                email: Some("ada@example.org".into()),
                email_verified: true,
                name: Some(" Ada Lovelace ".into()),
            },
        );
        assert_eq!(id.email.as_deref(), Some("ada@example.org"));
        assert!(id.email_verified);
        assert_eq!(id.name, "Ada Lovelace");
        // What the ID token said stands.
        complete(
            &mut id,
            Person {
                email: Some("other@example.org".into()),
                email_verified: false,
                name: Some("Other".into()),
            },
        );
        assert_eq!(id.email.as_deref(), Some("ada@example.org"));
        assert_eq!(id.name, "Ada Lovelace");
        let mut nameless = Identity {
            name: String::new(),
            ..id
        };
        name_from_email(&mut nameless);
        assert_eq!(nameless.name, "ada");
    }
}
