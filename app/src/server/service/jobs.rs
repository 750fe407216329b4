//! The scheduled jobs, run by every app copy on its own timer (`server`'s scheduler loop):
//! each is safe to run on several copies at once and as often as wanted, since each change
//! re-checks, in its own transaction, that it is still due.

use super::{failed, ServiceError};
use crate::server::repo;
use crate::server::AppState;

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ran {
    /// Matched requests that ended on their own ("ended without news").
    pub lapsed: usize,
}

/// Runs every job that is due at the state's clock's time.
pub async fn run_due(state: &AppState) -> Result<Ran, ServiceError> {
    let now = state.clock.now();
    let before = state.program.lifecycle.ends_matched_before(now);
    let lapsed = repo::requests::end_lapsed(&state.db, before, now)
        .await
        .map_err(failed("ending requests long after their match"))?;
    if lapsed > 0 {
        tracing::info!(lapsed, "matched requests ended without news");
    }
    Ok(Ran { lapsed })
}
