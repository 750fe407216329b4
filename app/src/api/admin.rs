//! The administrators' work: everyone who has signed in, and the committee role.
//! Administrators only.

use leptos::prelude::*;

pub use crate::domain::account::PersonSummary;
use crate::error::ApiError;

/// Everyone who has signed in. Administrators only.
#[server(endpoint = "admin/people")]
pub async fn list_people() -> Result<Vec<PersonSummary>, ApiError> {
    use crate::server::service::accounts;
    use crate::server::{answer, app_state, require_admin};
    answer(async {
        let state = app_state()?;
        require_admin().await?;
        Ok(accounts::people(&state).await?)
    })
    .await
}

/// Grants (`grant = true`) or withdraws the committee role of account `account`.
/// Administrators only.
#[server(endpoint = "admin/committee")]
pub async fn set_committee_role(account: String, grant: bool) -> Result<(), ApiError> {
    use crate::domain::ids::AccountKey;
    use crate::domain::Problem;
    use crate::server::service::accounts::{self, RoleChange};
    use crate::server::{answer, app_state, require_admin};
    answer(async {
        let state = app_state()?;
        let admin = require_admin().await?;
        let change = if grant {
            RoleChange::Grant
        } else {
            RoleChange::Withdraw
        };
        let account = AccountKey::parse(&account).ok_or(Problem::NoSuchPerson)?;
        accounts::change_committee_role(&state, &admin.account.key, &account, change).await?;
        Ok(())
    })
    .await
}
