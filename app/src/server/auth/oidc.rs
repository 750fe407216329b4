//! OpenID Connect with each provider: its metadata found by discovery (and cached), the
//! client, the code-for-token exchange, and who the tokens say the person is.

use std::time::{Duration, Instant};

use openidconnect::core::{
    CoreClient, CoreIdTokenClaims, CoreProviderMetadata, CoreUserInfoClaims,
};
use openidconnect::{
    AuthType, AuthorizationCode, ClientId, ClientSecret, IssuerUrl, Nonce, OAuth2TokenResponse,
    PkceCodeVerifier, RedirectUrl, TokenResponse,
};
use secrecy::ExposeSecret;

use super::{Auth, AuthError, ProviderSettings, TokenAuth};
use crate::server::repo::accounts::{Identity, LoginAttempt};

/// How long discovered provider metadata is reused before it is fetched again.
const DISCOVERY_TTL: Duration = Duration::from_secs(3600);
/// How long a failed discovery is remembered: sign-ins with that provider are refused at
/// once meanwhile, instead of each waiting for the same unreachable server.
const DISCOVERY_RETRY: Duration = Duration::from_secs(10);

#[derive(Clone)]
pub(super) enum Discovered {
    Ready(Instant, Box<CoreProviderMetadata>),
    Failed(Instant, String),
}

impl Auth {
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

    pub(super) async fn client(
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
                .map(|s| ClientSecret::new(s.expose_secret().to_owned())),
        )
        .set_redirect_uri(redirect)
        .set_auth_type(match p.token_auth {
            TokenAuth::Basic => AuthType::BasicAuth,
            TokenAuth::Post => AuthType::RequestBody,
        });
        Ok(client)
    }
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

pub(super) async fn exchange(
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

#[cfg(test)]
mod tests {
    use super::*;

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
