//! The committee's work: the request queue, a request with its ranked suggestions, matching
//! (one contact reserved atomically), undoing a match when a volunteer declines, and the
//! batch proposal for the whole queue. Every function requires the committee role.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::matching::Reason;
use crate::domain::request::RequestStatus;
use crate::domain::{ContactDetails, Vocabularies};
use crate::error::ApiError;

/// Requests per queue page.
pub const QUEUE_PAGE: usize = 25;

/// The highest page number the queue accepts (far beyond any real queue; keeps offsets small).
const MAX_PAGE: usize = 100_000;

/// The queue's filters, raw from the URL (`/committee/requests?status=…&role=…&region=…&page=…`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct QueueQuery {
    pub status: String,
    pub role: String,
    pub region: String,
    pub page: String,
}

/// The queue's status filter choices: (value, label).
pub const STATUS_CHOICES: &[(&str, &str)] = &[
    ("", "Waiting for a match"),
    ("matched", "Matched"),
    ("active", "Waiting or matched"),
    ("ended", "Ended (done, missed, withdrawn, closed)"),
    ("all", "All"),
];

impl QueueQuery {
    pub fn statuses(&self) -> Vec<RequestStatus> {
        use RequestStatus::*;
        match self.status.as_str() {
            "matched" => vec![Matched],
            "active" => vec![Open, Matched],
            "ended" => vec![Completed, NoShow, Withdrawn, Closed],
            "all" => RequestStatus::ALL.to_vec(),
            _ => vec![Open],
        }
    }

    pub fn page_number(&self) -> usize {
        self.page
            .trim()
            .parse()
            .ok()
            .filter(|p| (1..=MAX_PAGE).contains(p))
            .unwrap_or(1)
    }

    /// The URL of this query at `page`.
    pub fn href(&self, page: usize) -> String {
        crate::domain::link_with_filters(
            "/committee/requests",
            &[
                ("status", self.status.as_str()),
                ("role", self.role.as_str()),
                ("region", self.region.as_str()),
            ],
            page,
        )
    }
}

/// One line of the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub key: String,
    pub name: String,
    pub created_on: NaiveDate,
    pub due_on: NaiveDate,
    pub days_left: i64,
    pub status: RequestStatus,
    pub roles: Vec<String>,
    pub region: Option<String>,
    pub goal: String,
    pub volunteer: Option<String>,
    pub preferred: Option<String>,
}

impl QueueItem {
    pub fn overdue(&self) -> bool {
        self.status == RequestStatus::Open && self.days_left < 0
    }
}

/// A page of the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    pub items: Vec<QueueItem>,
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    pub query: QueueQuery,
    pub vocab: Vocabularies,
    pub notices: Vec<String>,
    pub open: usize,
    pub overdue: usize,
}

#[cfg(feature = "ssr")]
fn volunteer_name(state: &crate::server::AppState, key: &str) -> String {
    state
        .directory
        .read()
        .get(key)
        .map(|p| p.display_name.clone())
        .unwrap_or_else(|| "a volunteer no longer listed".into())
}

/// The request queue, oldest deadline first. Committee only.
#[server(endpoint = "committee/queue")]
pub async fn committee_queue(#[server(default)] query: QueueQuery) -> Result<QueuePage, ApiError> {
    use crate::domain::text::excerpt;
    use crate::domain::TermKind;
    use crate::server::repo::requests::{self, QueueFilter};
    use crate::server::{app_state, internal, require_committee, respond_with};
    require_committee().await.map_err(respond_with)?;
    let state = app_state().map_err(respond_with)?;
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
        .map_err(internal("reading the queue"))
        .map_err(respond_with)?;
    let (open, overdue) = requests::open_counts(&state.db, today)
        .await
        .map_err(internal("counting the queue"))
        .map_err(respond_with)?;
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
            volunteer: r.volunteer.as_deref().map(|v| volunteer_name(&state, v)),
            preferred: r
                .needs
                .preferred
                .as_deref()
                .map(|v| volunteer_name(&state, v)),
            key: r.key,
            name: r.name,
            created_on: r.created_at.date_naive(),
            due_on: r.due_on,
            status: r.status,
        })
        .collect();
    Ok(QueuePage {
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

/// A suggested volunteer, with what the committee needs to decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestionView {
    pub id: String,
    pub name: String,
    pub job_title: String,
    pub score: u32,
    pub reasons: Vec<Reason>,
}

/// A volunteer who cannot take the request, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExcludedView {
    pub id: String,
    pub name: String,
    pub why: String,
}

/// The matched volunteer, as the committee sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchedView {
    pub id: String,
    pub name: String,
    pub contact: Option<ContactDetails>,
    pub matched_on: Option<NaiveDate>,
}

/// A request with everything the committee needs to match it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestDetail {
    pub key: String,
    pub name: String,
    pub email: String,
    pub membership: String,
    pub background: String,
    pub learning_goal: String,
    pub roles: Vec<String>,
    pub settings: Vec<String>,
    pub modes: Vec<String>,
    pub times: Vec<String>,
    pub region: Option<String>,
    pub remote_ok: bool,
    pub availability: String,
    pub preferred: Option<(String, String)>,
    pub status: RequestStatus,
    pub created_on: NaiveDate,
    pub due_on: NaiveDate,
    pub days_left: i64,
    pub matched: Option<MatchedView>,
    pub declined: Vec<String>,
    /// Suggestions, while the request is open.
    pub suggested: Vec<SuggestionView>,
    pub eligible: usize,
    pub excluded: Vec<ExcludedView>,
    pub excluded_counts: Vec<(String, usize)>,
    /// The most points a volunteer can get.
    pub max_score: u32,
}

/// Request `key` with its ranked suggestions. Committee only.
#[server(endpoint = "committee/request")]
pub async fn committee_request(key: String) -> Result<RequestDetail, ApiError> {
    use crate::domain::matching::rank;
    use crate::domain::TermKind;
    use crate::server::repo::requests;
    use crate::server::{app_state, internal, require_committee, respond_with};
    require_committee().await.map_err(respond_with)?;
    let state = app_state().map_err(respond_with)?;
    let not_found = || respond_with(crate::domain::Problem::NoSuchRequest.into());
    if key.is_empty() || key.len() > 64 {
        return Err(not_found());
    }
    let r = requests::get(&state.db, &key)
        .await
        .map_err(internal("reading a request"))
        .map_err(respond_with)?
        .ok_or_else(not_found)?;
    let today = state.today();
    let weights = state.program.weights;
    let matched = match &r.volunteer {
        Some(v) => Some(MatchedView {
            id: v.clone(),
            name: volunteer_name(&state, v),
            contact: crate::server::repo::volunteers::load_own(&state.db, v)
                .await
                .map_err(internal("reading a contact"))
                .map_err(respond_with)?
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

/// Matches request `request` with volunteer `volunteer`. Committee only.
#[server(endpoint = "committee/match")]
pub async fn match_request(request: String, volunteer: String) -> Result<(), ApiError> {
    use crate::server::service::matching;
    use crate::server::{app_state, plain_form_post, refuse, require_committee, respond_with};
    let plain = plain_form_post();
    let session = require_committee().await.map_err(respond_with)?;
    let state = app_state().map_err(respond_with)?;
    let back = request_page(&request);
    match matching::match_request(&state, &session.account.key, &request, &volunteer).await {
        Ok(()) => {
            if plain {
                leptos_axum::redirect(&format!("{back}?matched=1"));
            }
            Ok(())
        }
        Err(e) => Err(refuse(plain, &back, e.into())),
    }
}

/// The committee's page of request `key` (a record key is letters and digits; anything
/// else is dropped from the link).
#[cfg(feature = "ssr")]
fn request_page(key: &str) -> String {
    let key: String = key.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    format!("/committee/requests/{key}")
}

/// Closes open request `request` without a match, for `reason` (a
/// [`crate::domain::request::CloseReason`] slug); the requester is told unless it is spam.
/// Committee only.
#[server(endpoint = "committee/close")]
pub async fn close_request(
    request: String,
    #[server(default)] reason: String,
) -> Result<(), ApiError> {
    use crate::domain::request::CloseReason;
    use crate::domain::Problem;
    use crate::server::service::matching;
    use crate::server::{app_state, plain_form_post, refuse, require_committee, respond_with};
    let plain = plain_form_post();
    require_committee().await.map_err(respond_with)?;
    let state = app_state().map_err(respond_with)?;
    let back = request_page(&request);
    let Some(reason) = CloseReason::from_slug(reason.trim()) else {
        return Err(refuse(plain, &back, Problem::CloseReasonMissing.into()));
    };
    match matching::close_request(&state, &request, reason).await {
        Ok(()) => {
            if plain {
                leptos_axum::redirect(&format!("{back}?closed=1"));
            }
            Ok(())
        }
        Err(e) => Err(refuse(plain, &back, e.into())),
    }
}

/// Undoes the match of request `request` (the volunteer declined): the request is open
/// again and the contact is given back. Committee only.
#[server(endpoint = "committee/unmatch")]
pub async fn unmatch_request(request: String) -> Result<(), ApiError> {
    use crate::server::service::matching::{self, UndoneBy};
    use crate::server::{app_state, plain_form_post, refuse, require_committee, respond_with};
    let plain = plain_form_post();
    require_committee().await.map_err(respond_with)?;
    let state = app_state().map_err(respond_with)?;
    let back = request_page(&request);
    match matching::undo_match(&state, &request, UndoneBy::Committee).await {
        Ok(()) => {
            if plain {
                leptos_axum::redirect(&format!("{back}?unmatched=1"));
            }
            Ok(())
        }
        Err(e) => Err(refuse(plain, &back, e.into())),
    }
}

/// One proposed pair of the batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchPair {
    pub request: String,
    pub requester: String,
    pub goal: String,
    pub due_on: NaiveDate,
    pub days_left: i64,
    pub volunteer: String,
    pub volunteer_name: String,
    pub job_title: String,
    pub score: u32,
}

impl BatchPair {
    /// The checkbox value: `request:volunteer`.
    pub fn value(&self) -> String {
        format!("{}:{}", self.request, self.volunteer)
    }
}

/// The batch proposal for the whole open queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchProposal {
    pub pairs: Vec<BatchPair>,
    /// Open requests no volunteer could take: (key, requester).
    pub unmatched: Vec<(String, String)>,
    pub open: usize,
    pub total_score: u64,
    /// How long the solver took, in milliseconds.
    pub millis: u64,
}

/// Proposes matches for every open request at once, maximizing the total score within
/// every volunteer's contacts left. Nothing is matched until confirmed. Committee only.
#[server(endpoint = "committee/batch")]
pub async fn propose_batch() -> Result<BatchProposal, ApiError> {
    use crate::domain::matching::{propose, BatchRequest};
    use crate::domain::text::excerpt;
    use crate::server::repo::requests;
    use crate::server::{app_state, internal, require_committee, respond_with};
    require_committee().await.map_err(respond_with)?;
    let state = app_state().map_err(respond_with)?;
    let open = requests::all_open(&state.db)
        .await
        .map_err(internal("reading the open requests"))
        .map_err(respond_with)?;
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
            respond_with(ApiError::Internal)
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

/// What confirming a batch did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchOutcome {
    pub matched: usize,
    /// Pairs refused, with why (a contact taken meanwhile, a request matched meanwhile).
    pub refused: Vec<String>,
}

/// The most pairs one confirmation may carry.
pub const BATCH_MAX: usize = 2000;

/// Confirms the chosen pairs (`request:volunteer` each), each through the same atomic match
/// as a single one. Committee only.
#[server(endpoint = "committee/batch/confirm")]
pub async fn confirm_batch(
    #[server(default)] pairs: Vec<String>,
) -> Result<BatchOutcome, ApiError> {
    use crate::server::service::matching;
    use crate::server::{app_state, plain_form_post, require_committee, respond_with};
    let plain = plain_form_post();
    let session = require_committee().await.map_err(respond_with)?;
    let state = app_state().map_err(respond_with)?;
    if pairs.len() > BATCH_MAX {
        return Err(respond_with(ApiError::Invalid(vec![
            crate::domain::ValidationError::Invalid {
                field: "Pairs".into(),
                reason: format!("confirm at most {BATCH_MAX} pairs at once"),
            },
        ])));
    }
    let mut outcome = BatchOutcome {
        matched: 0,
        refused: Vec::new(),
    };
    for pair in &pairs {
        let Some((request, volunteer)) = pair.split_once(':') else {
            outcome.refused.push(format!("{pair}: not a pair"));
            continue;
        };
        match matching::match_request(&state, &session.account.key, request, volunteer).await {
            Ok(()) => outcome.matched += 1,
            Err(e) => {
                // Shown as the API error says it: internal causes are logged, not shown.
                let e = ApiError::from(e);
                outcome
                    .refused
                    .push(format!("{request} with {volunteer}: {e}"));
            }
        }
    }
    if plain {
        leptos_axum::redirect(&format!(
            "/committee/batch?matched={}&refused={}",
            outcome.matched,
            outcome.refused.len()
        ));
    }
    Ok(outcome)
}
