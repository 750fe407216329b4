//! The `[auth]` section of the configuration: the identity providers and the sessions' limits.

use secrecy::SecretString;
use serde::Deserialize;

use crate::domain::account::ConfiguredAdmins;

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
    pub client_secret: Option<SecretString>,
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

pub(super) fn default_scopes() -> Vec<String> {
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
