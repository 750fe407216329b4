//! The committee's pages (`/committee/…`): the request queue, one request with its ranked
//! suggestions and the match / undo / close actions, the batch proposal, and the volunteer
//! roster, and the dashboard. Plain HTML forms throughout.

mod batch;
mod dashboard;
mod queue;
mod request;
mod roster;

use leptos::prelude::*;
use leptos_router::hooks::use_matched;
use leptos_router::{lazy_route, LazyRoute};

use batch::BatchPage;
use dashboard::DashboardPage;
use queue::QueuePage;
use request::RequestDetailPage;
use roster::RosterPage;

use super::admin::PeoplePage;
use crate::domain::request::RequestStatus;

/// The committee's and the administrators' pages (`/committee/…`, `/admin/…`), as one lazy
/// route: their code is split out of the main bundle (`cargo leptos build --split`) into one
/// chunk that only those who work the program load. One route type for all of them keeps
/// it to one chunk; the page is chosen by the matched path.
pub struct CommitteeRoute;

#[lazy_route]
impl LazyRoute for CommitteeRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <CommitteePages /> }.into_any()
    }
}

/// Which of the committee's pages a path is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CommitteePage {
    People,
    Roster,
    Queue,
    Request,
    Batch,
    Dashboard,
}

impl CommitteePage {
    /// The page for a path the router matched to [`CommitteeRoute`].
    fn for_path(path: &str) -> Self {
        match path.trim_end_matches('/') {
            "/admin/people" => Self::People,
            "/committee/volunteers" => Self::Roster,
            "/committee/batch" => Self::Batch,
            "/committee/dashboard" => Self::Dashboard,
            p if p.starts_with("/committee/requests/") => Self::Request,
            _ => Self::Queue,
        }
    }
}

#[component]
fn CommitteePages() -> impl IntoView {
    match CommitteePage::for_path(&use_matched().get_untracked()) {
        CommitteePage::People => view! { <PeoplePage /> }.into_any(),
        CommitteePage::Roster => view! { <RosterPage /> }.into_any(),
        CommitteePage::Queue => view! { <QueuePage /> }.into_any(),
        CommitteePage::Request => view! { <RequestDetailPage /> }.into_any(),
        CommitteePage::Batch => view! { <BatchPage /> }.into_any(),
        CommitteePage::Dashboard => view! { <DashboardPage /> }.into_any(),
    }
}

/// How long a waiting request has left: "3 days left", "Overdue by 2 days" (nothing once
/// it is no longer waiting).
fn due_text(days_left: i64, status: RequestStatus) -> String {
    if status != RequestStatus::Open {
        return String::new();
    }
    match days_left {
        d if d < 0 => format!("Overdue by {} day{}", -d, if d == -1 { "" } else { "s" }),
        0 => "Due today".into(),
        1 => "Due tomorrow".into(),
        d => format!("{d} days left"),
    }
}

#[cfg(test)]
mod tests {
    use super::CommitteePage;

    #[test]
    fn each_committee_path_has_its_page() {
        for (path, page) in [
            ("/admin/people", CommitteePage::People),
            ("/committee/volunteers", CommitteePage::Roster),
            ("/committee/requests", CommitteePage::Queue),
            ("/committee/requests/", CommitteePage::Queue),
            ("/committee/requests/r8k2", CommitteePage::Request),
            ("/committee/batch", CommitteePage::Batch),
            ("/committee/dashboard", CommitteePage::Dashboard),
        ] {
            assert_eq!(CommitteePage::for_path(path), page, "{path}");
        }
    }
}
