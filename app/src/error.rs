//! The API layer's error: what a server function may tell the browser. Internal causes are
//! logged on the server and never carried here.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::domain::{Problem, ValidationError};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum ApiError {
    /// Refused for a reason that is not about one field (see [`Problem`]).
    #[error("{0}")]
    Refused(Problem),
    #[error("Please correct the highlighted fields.")]
    Invalid(Vec<ValidationError>),
    #[error("Please sign in to continue.")]
    Unauthorized,
    #[error("You do not have access to this.")]
    Forbidden,
    #[error("Too many attempts. Please wait a minute and try again.")]
    RateLimited,
    #[error("Something went wrong on our side. Please try again in a moment.")]
    Internal,
    /// The call itself failed (network down, a malformed request).
    #[error("We could not reach the server. Check your connection and try again.")]
    Transport(String),
}

impl ApiError {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            Self::Refused(p) => p.status(),
            Self::Invalid(_) => 422,
            Self::Unauthorized => 401,
            Self::Forbidden => 403,
            Self::RateLimited => 429,
            Self::Internal => 500,
            Self::Transport(_) => 400,
        }
    }
}

impl ApiError {
    /// The code a page without JavaScript is sent back with (`?problem=code`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Refused(p) => p.code(),
            Self::Invalid(_) => "invalid",
            Self::Unauthorized => "sign-in",
            Self::Forbidden => "forbidden",
            Self::RateLimited => "limit",
            Self::Internal | Self::Transport(_) => "error",
        }
    }

    /// The error a `?problem=code` stands for, to show its message. Field errors
    /// (`invalid`) come back with the form itself, not through the code.
    pub fn from_code(code: &str) -> Option<Self> {
        Some(match code {
            "sign-in" => Self::Unauthorized,
            "forbidden" => Self::Forbidden,
            "limit" => Self::RateLimited,
            "error" => Self::Internal,
            _ => Self::Refused(Problem::from_code(code)?),
        })
    }

    /// The message for a page's `?problem=` query value, if it is a known code.
    pub fn message_for(code: Option<String>) -> Option<String> {
        code.as_deref()
            .and_then(Self::from_code)
            .map(|e| e.to_string())
    }
}

impl From<Problem> for ApiError {
    fn from(p: Problem) -> Self {
        Self::Refused(p)
    }
}

impl From<ValidationError> for ApiError {
    fn from(e: ValidationError) -> Self {
        Self::Invalid(vec![e])
    }
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        Self::Transport(value.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_travel_by_code_and_keep_their_message() {
        for p in Problem::ALL {
            let e = ApiError::Refused(p);
            assert_eq!(ApiError::from_code(e.code()), Some(e.clone()));
            assert_eq!(e.to_string(), p.message());
            assert_eq!(e.status(), p.status());
        }
        for e in [
            ApiError::Unauthorized,
            ApiError::Forbidden,
            ApiError::RateLimited,
            ApiError::Internal,
        ] {
            assert_eq!(ApiError::from_code(e.code()), Some(e.clone()), "{e:?}");
        }
        assert_eq!(
            ApiError::from_code("invalid"),
            None,
            "field errors come with the form"
        );
        assert_eq!(
            ApiError::message_for(Some("volunteer-full".into())).as_deref(),
            Some(Problem::VolunteerFull.message())
        );
        assert_eq!(ApiError::message_for(Some("<script>".into())), None);
    }
}
