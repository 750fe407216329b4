//! A requester's ask for an informational interview, in four parts: the form exactly as
//! typed and its validation (`form`: the same code in the browser and on the server), what
//! the matching looks at (`needs`), where a request stands (`status`), and its life after the match
//! (`lifecycle`).

mod form;
mod lifecycle;
mod needs;
mod status;

pub use form::{
    check_field, label, Background, Membership, PreferredVolunteer, RequestForm, RequestInput,
    AVAILABILITY_MAX, GOAL_MAX, GOAL_MIN, NAME_MAX,
};
pub use lifecycle::{meeting_date_ok, AfterMatch, Lifecycle, Offers, Reminders};
pub use needs::{RequestNeeds, TimeSlot};
pub use status::{
    contact_shown, days_left, deadline, CloseReason, ContactShown, ReferralOutcome, RequestStatus,
    MARK_NOTE_LABEL, MARK_NOTE_MAX,
};

/// The first word of a name, for greetings and for what a volunteer sees of a requester.
pub fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_names() {
        assert_eq!(first_name("  Sam  Rivera"), "Sam");
        assert_eq!(first_name(""), "");
    }
}
