//! Who is signed in: the page header's viewer and the sign-in page. Public.

use leptos::prelude::*;

pub use crate::domain::account::SignInInfo;
use crate::domain::Viewer;
use crate::error::ApiError;

/// The person signed in on this browser, if any. Public.
#[server(endpoint = "account/viewer")]
pub async fn current_viewer() -> Result<Option<Viewer>, ApiError> {
    use crate::server::service::accounts::viewer_of;
    use crate::server::{answer, current_session};
    answer(async {
        let session = current_session().await?;
        // Sent with every page for the header: the name and roles are enough.
        Ok(session.map(|s| Viewer {
            email: None,
            ..viewer_of(&s.account)
        }))
    })
    .await
}

/// The configured identity providers and who is signed in. Public.
#[server(endpoint = "account/sign-in")]
pub async fn sign_in_page() -> Result<SignInInfo, ApiError> {
    use crate::server::service::accounts::viewer_of;
    use crate::server::{answer, app_state, current_session};
    answer(async {
        let state = app_state()?;
        let session = current_session().await?;
        Ok(SignInInfo {
            providers: state.auth.providers(),
            viewer: session.map(|s| viewer_of(&s.account)),
        })
    })
    .await
}
