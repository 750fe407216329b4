//! The committee's reading side: the queue, a request with its ranked suggestions, the
//! batch proposal and the volunteer roster. (Matching itself is in [`super::matching`].)

use super::{failed, ServiceError};
use crate::domain::committee::*;
use crate::domain::request::RequestStatus;
use crate::server::AppState;

fn volunteer_name(state: &AppState, key: &str) -> String {
    state
        .directory
        .read()
        .get(key)
        .map(|p| p.display_name.clone())
        .unwrap_or_else(|| "a volunteer no longer listed".into())
}

/// A page of the request queue, oldest deadline first.
pub async fn queue_page(state: &AppState, query: QueueQuery) -> Result<QueueData, ServiceError> {
    use crate::domain::text::excerpt;
    use crate::domain::TermKind;
    use crate::server::repo::requests::{self, QueueFilter};
    let vocab = state.directory.read().vocabularies().clone();
    let today = state.today();
    let mut notices = Vec::new();
    let filter = QueueFilter {
        statuses: query.statuses(),
        role: vocab.filter_from_link(TermKind::Role, &query.role, &mut notices),
        region: vocab.filter_from_link(TermKind::Region, &query.region, &mut notices),
    };
    let page = query.page_number();
    let (list, total) = requests::queue(&state.db, &filter, (page - 1) * QUEUE_PAGE, QUEUE_PAGE)
        .await
        .map_err(failed("reading the queue"))?;
    let (open, overdue) = requests::open_counts(&state.db, today)
        .await
        .map_err(failed("counting the queue"))?;
    let items = list
        .into_iter()
        .map(|r| QueueItem {
            days_left: crate::domain::request::days_left(r.due_on, today),
            roles: r
                .needs
                .roles
                .iter()
                .map(|s| vocab.label(TermKind::Role, s).to_owned())
                .collect(),
            region: r
                .needs
                .region
                .as_ref()
                .map(|s| vocab.label(TermKind::Region, s).to_owned()),
            goal: excerpt(&r.learning_goal, 160),
            volunteer: r.volunteer.as_deref().map(|v| volunteer_name(state, v)),
            preferred: r
                .needs
                .preferred
                .as_deref()
                .map(|v| volunteer_name(state, v)),
            key: r.key,
            name: r.name,
            created_on: r.created_at.date_naive(),
            due_on: r.due_on,
            status: r.status,
        })
        .collect();
    Ok(QueueData {
        items,
        total,
        page,
        pages: total.div_ceil(QUEUE_PAGE).max(1),
        query,
        vocab,
        notices,
        open,
        overdue,
    })
}

/// Request `key` with its ranked suggestions (while it is open).
pub async fn request_detail(
    state: &AppState,
    key: &crate::domain::ids::RequestKey,
) -> Result<RequestDetail, ServiceError> {
    let key = key.as_str();
    use crate::domain::matching::rank;
    use crate::domain::TermKind;
    use crate::server::repo::requests;
    let not_found = || ServiceError::Refused(crate::domain::Problem::NoSuchRequest);
    let r = requests::get(&state.db, key)
        .await
        .map_err(failed("reading a request"))?
        .ok_or_else(not_found)?;
    let today = state.today();
    let weights = state.program.weights;
    let matched = match &r.volunteer {
        Some(v) => Some(MatchedView {
            id: v.clone(),
            name: volunteer_name(state, v),
            contact: crate::server::repo::volunteers::load_own(&state.db, v)
                .await
                .map_err(failed("reading a contact"))?
                .and_then(|own| own.contact),
            matched_on: r.matched_at.map(|d| d.date_naive()),
        }),
        None => None,
    };
    let index = state.directory.read();
    let vocab = index.vocabularies().clone();
    let ranking = (r.status == RequestStatus::Open).then(|| {
        rank(
            &r.needs,
            index.profiles().map(|p| p.as_ref()),
            today,
            &weights,
            &r.declined,
            &vocab,
            state.program.suggestions,
        )
    });
    let name_of = |id: &str| {
        index
            .get(id)
            .map(|p| (p.display_name.clone(), p.job_title.clone()))
            .unwrap_or_else(|| ("(no longer listed)".into(), String::new()))
    };
    let (suggested, eligible, excluded, excluded_counts) = match ranking {
        Some(k) => (
            k.suggested
                .into_iter()
                .map(|s| {
                    let (name, job_title) = name_of(&s.id);
                    SuggestionView {
                        id: s.id,
                        name,
                        job_title,
                        score: s.score,
                        reasons: s.reasons,
                    }
                })
                .collect(),
            k.eligible,
            k.excluded
                .into_iter()
                .map(|e| ExcludedView {
                    name: name_of(&e.id).0,
                    id: e.id,
                    why: e.why.label(),
                })
                .collect(),
            k.excluded_counts,
        ),
        None => (Vec::new(), 0, Vec::new(), Vec::new()),
    };
    let label = |k: TermKind, s: &crate::domain::Slug| vocab.label(k, s).to_owned();
    let w = weights;
    Ok(RequestDetail {
        name: r.name,
        email: r.email,
        membership: r.membership.label().to_owned(),
        background: r.background.label().to_owned(),
        learning_goal: r.learning_goal,
        roles: r
            .needs
            .roles
            .iter()
            .map(|s| label(TermKind::Role, s))
            .collect(),
        settings: r
            .needs
            .settings
            .iter()
            .map(|s| label(TermKind::Setting, s))
            .collect(),
        modes: r.needs.modes.iter().map(|m| m.label().to_owned()).collect(),
        times: r.needs.times.iter().map(|t| t.short().to_owned()).collect(),
        region: r.needs.region.as_ref().map(|s| label(TermKind::Region, s)),
        remote_ok: r.needs.remote_ok,
        availability: r.availability,
        preferred: r
            .needs
            .preferred
            .as_deref()
            .map(|p| (p.to_owned(), name_of(p).0)),
        status: r.status,
        created_on: r.created_at.date_naive(),
        due_on: r.due_on,
        days_left: crate::domain::request::days_left(r.due_on, today),
        matched,
        declined: r.declined.iter().map(|d| name_of(d).0).collect(),
        suggested,
        eligible,
        excluded,
        excluded_counts,
        max_score: w.max_for(&r.needs),
        key: r.key,
    })
}

/// Proposes matches for every open request at once, maximizing the total score within
/// every volunteer's contacts left. Nothing is matched until confirmed.
pub async fn propose_batch(state: &AppState) -> Result<BatchProposal, ServiceError> {
    use crate::domain::matching::{propose, BatchRequest};
    use crate::domain::text::excerpt;
    use crate::server::repo::requests;
    let open = requests::all_open(&state.db)
        .await
        .map_err(failed("reading the open requests"))?;
    let today = state.today();
    let weights = state.program.weights;
    let per_request = state.program.batch_candidates;
    let started = std::time::Instant::now();
    // Off the async workers and without the directory's lock (see `with_available`).
    let (open, pool, proposed) = state
        .directory
        .with_available(today, move |pool| {
            let refs: Vec<&crate::domain::PublicProfile> =
                pool.iter().map(|p| p.as_ref()).collect();
            let batch: Vec<BatchRequest<'_>> = open
                .iter()
                .map(|r| BatchRequest {
                    needs: &r.needs,
                    declined: &r.declined,
                })
                .collect();
            let proposed = propose(&batch, &refs, today, &weights, per_request);
            drop(batch);
            drop(refs);
            (open, pool, proposed)
        })
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "the batch solver failed");
            ServiceError::Unexpected("the batch solver failed")
        })?;
    let by_id: std::collections::HashMap<&str, &crate::domain::PublicProfile> =
        pool.iter().map(|p| (p.id.as_str(), p.as_ref())).collect();
    let millis = started.elapsed().as_millis() as u64;
    let mut taken = vec![false; open.len()];
    let pairs: Vec<BatchPair> = proposed
        .iter()
        .map(|p| {
            taken[p.request] = true;
            let r = &open[p.request];
            let v = by_id.get(p.volunteer.as_str());
            BatchPair {
                request: r.key.clone(),
                requester: r.name.clone(),
                goal: excerpt(&r.learning_goal, 120),
                due_on: r.due_on,
                days_left: crate::domain::request::days_left(r.due_on, today),
                volunteer: p.volunteer.clone(),
                volunteer_name: v
                    .as_ref()
                    .map(|v| v.display_name.clone())
                    .unwrap_or_default(),
                job_title: v.as_ref().map(|v| v.job_title.clone()).unwrap_or_default(),
                score: p.score,
            }
        })
        .collect();
    let unmatched = open
        .iter()
        .zip(&taken)
        .filter(|(_, t)| !**t)
        .map(|(r, _)| (r.key.clone(), r.name.clone()))
        .collect();
    Ok(BatchProposal {
        total_score: pairs.iter().map(|p| u64::from(p.score)).sum(),
        pairs,
        unmatched,
        open: open.len(),
        millis,
    })
}

/// Page `page` (from 1) of every volunteer with where they stand and their contact email.
pub async fn roster(state: &AppState, page: u32) -> Result<RosterData, ServiceError> {
    use crate::server::repo::volunteers;
    let page = page.clamp(1, 10_000);
    let size = u64::from(ROSTER_PAGE_SIZE);
    let start = u64::from(page - 1) * size;
    let mut rows = volunteers::roster(&state.db, start, size + 1)
        .await
        .map_err(failed("loading the roster"))?;
    let has_next = rows.len() > ROSTER_PAGE_SIZE as usize;
    rows.truncate(ROSTER_PAGE_SIZE as usize);
    let today = state.today();
    let (listed, in_pool) = {
        let index = state.directory.read();
        (index.len(), index.pool_size(today))
    };
    Ok(RosterData {
        items: rows
            .into_iter()
            .map(|r| RosterItem {
                status: r.profile.status(today),
                contacts_used: r.profile.pool.contacts_used,
                max_contacts: r.profile.pool.max_contacts,
                id: r.profile.id,
                name: r.profile.display_name,
                job_title: r.profile.job_title,
                email: r.email,
            })
            .collect(),
        page,
        has_next,
        listed,
        in_pool,
    })
}
