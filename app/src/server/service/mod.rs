//! Services: the work behind the server functions. A server function checks who is
//! asking, calls one service, and shapes the answer; a service reads and writes through
//! the repositories, builds the emails, keeps the directory up to date and wakes the
//! mailer. Services know nothing of HTTP, redirects or forms without JavaScript.

pub mod accounts;
pub mod committee;
pub mod dashboard;
pub mod drafts;
pub mod export;
pub mod feedback;
pub mod intake;
pub mod jobs;
pub mod matching;
pub mod studio;
pub mod volunteers;

use crate::domain::{Problem, ValidationError};
use crate::error::ApiError;
use crate::server::repo::RepoError;

/// Why a service did not do what it was asked.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Refused for a reason the person can read (and often act on).
    #[error("{0}")]
    Refused(Problem),
    /// What was typed breaks the form's rules (each error names its field).
    #[error("invalid input")]
    Invalid(Vec<ValidationError>),
    /// Too many attempts from this address or for this email address.
    #[error("too many attempts")]
    Limited,
    /// The person may not do this (someone else's referral, say). Nothing is revealed.
    #[error("not allowed")]
    Forbidden,
    /// Something that should not happen did (logged, shown as an internal error).
    #[error("unexpected: {0}")]
    Unexpected(&'static str),
    /// The database failed while `context`.
    #[error("{context}: {source}")]
    Repo {
        context: &'static str,
        source: Box<RepoError>,
    },
}

impl From<Problem> for ServiceError {
    fn from(p: Problem) -> Self {
        Self::Refused(p)
    }
}

/// Wraps a repository failure with what the service was doing.
pub(crate) fn failed(context: &'static str) -> impl Fn(RepoError) -> ServiceError {
    move |source| ServiceError::Repo {
        context,
        source: Box::new(source),
    }
}

impl From<ServiceError> for ApiError {
    /// Internal causes are logged here, once, and never shown.
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::Refused(p) => ApiError::Refused(p),
            ServiceError::Invalid(errors) => ApiError::Invalid(errors),
            ServiceError::Limited => ApiError::RateLimited,
            ServiceError::Forbidden => ApiError::Forbidden,
            ServiceError::Unexpected(what) => {
                tracing::error!("unexpected: {what}");
                ApiError::Internal
            }
            ServiceError::Repo { context, source } => {
                tracing::error!(error = %source, "{context}");
                ApiError::Internal
            }
        }
    }
}
