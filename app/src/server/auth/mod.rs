//! Sign-in with OpenID Connect (authorization code + PKCE, state and nonce), sessions in
//! SurrealDB behind an HttpOnly cookie, and the plain axum handlers of the OAuth routes.
//!
//! Providers are configuration: any number of them, each found by discovery from its issuer.
//!
//! - `settings`: the `[auth]` configuration (providers, their administrators, session limits);
//! - `oidc`: discovery (cached), the client, the code exchange, who the tokens name;
//! - `routes`: the `/auth/login`, `/auth/callback` and `/auth/signout` handlers;
//! - `session`: the cookies, and the session a request's cookie refers to;
//! - here: [`Auth`], the shared state, and who the configuration names administrator.

mod oidc;
mod routes;
mod session;
mod settings;

pub use routes::{callback, login, signout, CallbackQuery, LoginQuery, LOGIN_TTL};
pub use session::{
    clear_session_cookie, session_of, CurrentSession, DRAFT_COOKIE, LOGIN_COOKIE, SESSION_COOKIE,
};
pub use settings::{AuthSettings, ProviderSettings, TokenAuth};

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use openidconnect::IssuerUrl;

use crate::domain::account::ProviderChoice;
use crate::server::repo::accounts;
use crate::server::repo::{Db, RepoError};
use oidc::Discovered;

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

#[cfg(test)]
mod tests {
    use super::*;
    use settings::default_scopes;

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
}
