//! People and roles: who is signed in, as pages see them, and the administrators' work of
//! granting and withdrawing the committee role.

use super::{failed, ServiceError};
use crate::domain::account::PersonSummary;
use crate::domain::ids::AccountKey;
use crate::domain::{Problem, Viewer};
use crate::server::repo::accounts::{self, Account};
use crate::server::AppState;

/// How the pages see a signed-in account.
pub fn viewer_of(account: &Account) -> Viewer {
    Viewer {
        name: account.name.clone(),
        email: account.email.clone(),
        roles: account.roles.clone(),
    }
}

/// Everyone who has signed in.
pub async fn people(state: &AppState) -> Result<Vec<PersonSummary>, ServiceError> {
    let people = accounts::list(&state.db)
        .await
        .map_err(failed("listing accounts"))?;
    Ok(people
        .into_iter()
        .map(|a| PersonSummary {
            key: a.key,
            name: a.name,
            email: a.email,
            email_verified: a.email_verified,
            roles: a.roles,
            last_sign_in: a.last_sign_in.format("%Y-%m-%d %H:%M UTC").to_string(),
        })
        .collect())
}

/// What an administrator does with someone's committee role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleChange {
    Grant,
    Withdraw,
}

/// Grants or withdraws the committee role of account `account` (by administrator `by`).
pub async fn change_committee_role(
    state: &AppState,
    by: &str,
    account: &AccountKey,
    change: RoleChange,
) -> Result<(), ServiceError> {
    let account = account.as_str();
    let grant = change == RoleChange::Grant;
    let changed = accounts::set_committee(&state.db, account, grant)
        .await
        .map_err(failed("changing a role"))?;
    if changed.is_none() {
        return Err(Problem::NoSuchPerson.into());
    }
    tracing::info!(by, account, grant, "committee role changed");
    Ok(())
}
