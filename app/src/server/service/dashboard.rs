//! The committee's dashboard: a range's rollup counts, today's queue and pool, recent
//! comments, put together by the pure `domain::stats`.

use chrono::NaiveDate;

use super::{failed, ServiceError};
use crate::domain::stats::{self, Dashboard, Today, Totals};
use crate::server::repo;
use crate::server::AppState;

/// Comments shown on the dashboard.
const COMMENTS: i64 = 10;

/// The dashboard of the requests made `from..=to`.
pub async fn dashboard(
    state: &AppState,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Dashboard, ServiceError> {
    let periods = stats::periods(from, to);
    let cells = repo::stats::cells(&state.db, &periods)
        .await
        .map_err(failed("reading the dashboard's counts"))?;
    let today = state.today();
    let (backlog, overdue) = repo::stats::backlog(&state.db, today)
        .await
        .map_err(failed("counting the backlog"))?;
    let comments = repo::stats::recent_comments(&state.db, from, to, COMMENTS)
        .await
        .map_err(failed("reading recent comments"))?;
    let mut t = Today {
        backlog,
        overdue,
        comments,
        ..Today::default()
    };
    {
        let index = state.directory.read();
        let vocab = index.vocabularies();
        let mut roles = vec![0u64; vocab.roles.len()];
        let mut settings = vec![0u64; vocab.settings.len()];
        for p in index.profiles() {
            if !p.status(today).has_public_profile() {
                continue;
            }
            t.contacts_used += u64::from(p.pool.contacts_used.min(p.pool.max_contacts));
            t.contacts_offered += u64::from(p.pool.max_contacts);
            if !p.status(today).is_available() {
                continue;
            }
            for (i, term) in vocab.roles.iter().enumerate() {
                if p.roles.contains(&term.slug) {
                    roles[i] += 1;
                }
            }
            for (i, term) in vocab.settings.iter().enumerate() {
                if p.setting == term.slug {
                    settings[i] += 1;
                }
            }
        }
        t.supply_roles = vocab
            .roles
            .iter()
            .zip(roles)
            .map(|(term, n)| (term.label.clone(), term.slug.to_string(), n))
            .collect();
        t.supply_settings = vocab
            .settings
            .iter()
            .zip(settings)
            .map(|(term, n)| (term.label.clone(), term.slug.to_string(), n))
            .collect();
    }
    Ok(Dashboard::compute(from, to, &Totals::of(&cells), t))
}
