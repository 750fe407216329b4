//! Server-only code (feature `ssr`): shared state, the database repositories, and the glue
//! that turns internal failures into logged, opaque API errors.

pub mod repo;
pub mod state;

pub use state::{AppState, Directory};

use crate::error::ApiError;

/// The application state, as server functions see it.
pub fn app_state() -> Result<AppState, ApiError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the server function context");
        ApiError::Internal
    })
}

/// Sets the HTTP status of the current response to match `err`, and returns it.
/// Every server function returns its errors through this.
pub fn respond_with(err: ApiError) -> ApiError {
    if let Some(opts) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = http::StatusCode::from_u16(err.status()) {
            opts.set_status(status);
        }
    }
    err
}
