//! Form drafts: what a person typed into a form that was refused without JavaScript, kept
//! for half an hour so that the page the browser is sent back to shows it again with the
//! reasons. A draft is read once. Signed-in forms keep theirs under the session; the
//! public request form under a random key in the browser's draft cookie.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{failed, ServiceError};
use crate::server::repo;
use crate::server::secrets::hash_token;
use crate::server::AppState;

/// How long a refused form is kept.
const KEEP_MINUTES: i64 = 30;

/// Which form a draft belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The public request form.
    Request,
    /// The volunteer's profile editor.
    Profile,
    /// The drafting studio after a match (kept under the private link's token).
    Studio,
    /// The practice studio without JavaScript (kept under the browser's draft key).
    Practice,
    /// The feedback form, refused without JavaScript (under the browser's draft key).
    Feedback,
}

impl Form {
    fn name(self) -> &'static str {
        match self {
            Self::Request => "request",
            Self::Profile => "profile",
            Self::Studio => "studio",
            Self::Practice => "practice",
            Self::Feedback => "feedback",
        }
    }
}

/// Whose draft: a session (by its stored hash) or a browser's draft cookie value.
#[derive(Debug, Clone, Copy)]
pub enum Owner<'a> {
    Session { token_hash: &'a str },
    Browser { key: &'a str },
}

impl Owner<'_> {
    fn hash(&self) -> String {
        match self {
            Self::Session { token_hash } => (*token_hash).to_owned(),
            Self::Browser { key } => hash_token(key),
        }
    }
}

/// Keeps `draft` of `form` for `owner`, replacing the one they had.
pub async fn keep<T: Serialize>(
    state: &AppState,
    owner: Owner<'_>,
    form: Form,
    draft: &T,
) -> Result<(), ServiceError> {
    let body = serde_json::to_string(draft)
        .map_err(|_| ServiceError::Unexpected("a form draft that cannot be written down"))?;
    let expires = chrono::Utc::now() + chrono::TimeDelta::minutes(KEEP_MINUTES);
    repo::drafts::save(&state.db, &owner.hash(), form.name(), body, expires)
        .await
        .map_err(failed("saving a form draft"))
}

/// Takes (reads and deletes) `owner`'s draft of `form`, if one is kept and readable.
pub async fn take<T: DeserializeOwned>(
    state: &AppState,
    owner: Owner<'_>,
    form: Form,
) -> Result<Option<T>, ServiceError> {
    let body = repo::drafts::take(&state.db, &owner.hash(), form.name(), chrono::Utc::now())
        .await
        .map_err(failed("reading a form draft"))?;
    Ok(body.and_then(|b| match serde_json::from_str(&b) {
        Ok(d) => Some(d),
        Err(e) => {
            // Written by an older version, say: the form starts blank.
            tracing::warn!(error = %e, form = form.name(), "unreadable form draft ignored");
            None
        }
    }))
}

/// Reads `owner`'s draft of `form` without taking it (a practice draft stays until it
/// expires), if one is kept and readable.
pub async fn read<T: DeserializeOwned>(
    state: &AppState,
    owner: Owner<'_>,
    form: Form,
) -> Result<Option<T>, ServiceError> {
    let body = repo::drafts::get(&state.db, &owner.hash(), form.name(), chrono::Utc::now())
        .await
        .map_err(failed("reading a form draft"))?;
    Ok(body.and_then(|b| serde_json::from_str(&b).ok()))
}

/// The browser's draft key: the one it holds, or a new random one.
pub fn browser_key(held: Option<String>) -> Result<String, ServiceError> {
    match held {
        Some(k) => Ok(k),
        None => crate::server::secrets::random_token()
            .map_err(|_| ServiceError::Unexpected("no randomness for a draft key")),
    }
}
