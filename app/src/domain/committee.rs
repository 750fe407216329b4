//! What the committee sees: the request queue and its filters, a request with its ranked
//! suggestions, and the batch proposal for the whole queue. Shared by the browser and the
//! server.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::matching::Reason;
use crate::domain::request::RequestStatus;
use crate::domain::{ContactDetails, PoolStatus, Vocabularies};

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

/// Whether a request is past its deadline and still waiting for a match: the one rule the
/// queue, a request's page and the batch show.
pub fn overdue(status: RequestStatus, days_left: i64) -> bool {
    status == RequestStatus::Open && days_left < 0
}

impl QueueItem {
    pub fn overdue(&self) -> bool {
        overdue(self.status, self.days_left)
    }
}

impl RequestDetail {
    pub fn overdue(&self) -> bool {
        overdue(self.status, self.days_left)
    }
}

/// A page of the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueData {
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

    /// Every request in a batch is open, so it is overdue once its deadline has passed.
    pub fn overdue(&self) -> bool {
        overdue(RequestStatus::Open, self.days_left)
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

/// What confirming a batch did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchOutcome {
    pub matched: usize,
    /// Pairs refused, with why (a contact taken meanwhile, a request matched meanwhile).
    pub refused: Vec<String>,
}

/// The most pairs one confirmation may carry.
pub const BATCH_MAX: usize = 2000;

/// Volunteers per roster page.
pub const ROSTER_PAGE_SIZE: u32 = 50;

/// A volunteer on the committee's roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterItem {
    pub id: String,
    pub name: String,
    pub job_title: String,
    pub status: PoolStatus,
    pub contacts_used: u32,
    pub max_contacts: u32,
    pub email: Option<String>,
}

/// One page of the committee's roster, with the pool's size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterData {
    pub items: Vec<RosterItem>,
    pub page: u32,
    pub has_next: bool,
    pub listed: usize,
    pub in_pool: usize,
}
