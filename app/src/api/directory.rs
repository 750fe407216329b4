//! The public volunteer directory. Open to everyone: these functions return only public
//! profile fields (the types cannot carry contact details).

use leptos::prelude::*;

use crate::domain::{DirectoryPage, DirectoryQuery, Vocabularies, VolunteerProfileView};
use crate::error::ApiError;

/// The roles, settings and regions the directory can be filtered by.
#[server(endpoint = "directory/vocabularies")]
pub async fn directory_vocabularies() -> Result<Vocabularies, ApiError> {
    use crate::server::{answer, app_state};
    // Public: no sign-in needed.
    answer(async {
        let state = app_state()?;
        let vocab = state.directory.read().vocabularies().clone();
        Ok(vocab)
    })
    .await
}

/// One page of volunteers in the pool matching `query`.
#[server(endpoint = "directory/search")]
pub async fn search_volunteers(query: DirectoryQuery) -> Result<DirectoryPage, ApiError> {
    use crate::server::{answer, app_state};
    // Public: no sign-in needed.
    answer(async {
        let state = app_state()?;
        Ok(state.directory.search(&query, state.today()))
    })
    .await
}

/// A listed volunteer's public profile; `None` when there is no such listed volunteer.
#[server(endpoint = "directory/profile")]
pub async fn volunteer_profile(id: String) -> Result<Option<VolunteerProfileView>, ApiError> {
    use crate::domain::ids::VolunteerKey;
    use crate::server::{answer, app_state};
    // Public: no sign-in needed.
    answer(async {
        let state = app_state()?;
        let Some(id) = VolunteerKey::parse(&id) else {
            return Ok(None);
        };
        let view = state
            .directory
            .read()
            .profile_view(id.as_str(), state.today());
        Ok(view)
    })
    .await
}
