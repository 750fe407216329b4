//! The committee's pages (`/committee/…`): the request queue, one request with its ranked
//! suggestions and the match / undo / close actions, the batch proposal, and the volunteer
//! roster. Plain HTML forms throughout.

mod batch;
mod queue;
mod request;
mod roster;

pub use batch::BatchPage;
pub use queue::QueuePage;
pub use request::RequestDetailPage;
pub use roster::RosterPage;

use crate::domain::request::RequestStatus;

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
