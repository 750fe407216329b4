//! Where a request stands: its status, why it was closed, how a referral ended, its
//! deadline, and whether its private page still shows the volunteer's contact details.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::choice::choice;

/// Whether a request's private page shows its volunteer's contact details.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactShown {
    /// Matched, or the conversation ended less than the retention period ago.
    Yes,
    /// The conversation ended longer ago than that: the page says so.
    NoLonger,
    /// Never matched, withdrawn or closed.
    No,
}

/// Contact details are shown while the request is matched and for `retention_days` after
/// the conversation ended (completed or no-show), never after.
pub fn contact_shown(
    status: RequestStatus,
    ended_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    retention_days: u32,
) -> ContactShown {
    let retention = chrono::TimeDelta::days(i64::from(retention_days));
    match status {
        RequestStatus::Matched => ContactShown::Yes,
        s if s.is_ended() => {
            if ended_at.is_some_and(|at| at + retention <= now) {
                ContactShown::NoLonger
            } else {
                ContactShown::Yes
            }
        }
        _ => ContactShown::No,
    }
}

choice! {
    /// Where a request stands.
    pub enum RequestStatus in "kebab-case" {
        /// Waiting for the committee to find a volunteer.
        Open,
        /// A volunteer was found; the requester has their contact details.
        Matched,
        /// The conversation took place.
        Completed,
        /// The volunteer reported that the requester did not come.
        NoShow,
        /// It did not take place: the requester said so in their feedback, or the
        /// volunteer said the requester never wrote.
        NotHeld,
        /// Nobody said how it went within the set time after the match: it ended on its own.
        Lapsed,
        /// The requester withdrew it.
        Withdrawn,
        /// The committee closed it without a match.
        Closed,
    }
}

impl RequestStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Waiting for a match",
            Self::Matched => "Matched",
            Self::Completed => "Conversation done",
            Self::NoShow => "Missed",
            Self::NotHeld => "Did not take place",
            Self::Lapsed => "Ended without news",
            Self::Withdrawn => "Withdrawn",
            Self::Closed => "Closed",
        }
    }

    /// Whether the conversation's time is over (it took place, or did not, or nobody said):
    /// the statuses a match ends in.
    pub fn is_ended(self) -> bool {
        matches!(
            self,
            Self::Completed | Self::NoShow | Self::NotHeld | Self::Lapsed
        )
    }
}

choice! {
    /// Why the committee closed a request without a match.
    pub enum CloseReason in "kebab-case" {
        /// Nobody in the pool fits, and nobody will soon.
        NoVolunteer,
        /// The same person has another request for the same thing.
        Duplicate,
        /// Not a real request.
        Spam,
    }
}

impl CloseReason {
    /// The choice as the committee reads it.
    pub fn label(self) -> &'static str {
        match self {
            Self::NoVolunteer => "No volunteer can take it (the requester is told, kindly)",
            Self::Duplicate => {
                "A duplicate of another request by the same person (the requester is told)"
            }
            Self::Spam => "Spam or not a real request (no email is sent)",
        }
    }
}

choice! {
    /// How a volunteer marks a referral after the date.
    pub enum ReferralOutcome in "kebab-case" {
        /// The conversation took place.
        Done,
        /// The requester did not come to the conversation they had agreed.
        NoShow,
        /// The requester never wrote to them.
        NeverWrote,
    }
}

/// The most characters a volunteer's comment with their mark may have.
pub const MARK_NOTE_MAX: usize = 500;
/// The label of a volunteer's comment with their mark.
pub const MARK_NOTE_LABEL: &str = "A comment for the committee (optional)";

impl ReferralOutcome {
    /// The request's status after this mark.
    pub fn status(self) -> RequestStatus {
        match self {
            Self::Done => RequestStatus::Completed,
            Self::NoShow => RequestStatus::NoShow,
            Self::NeverWrote => RequestStatus::NotHeld,
        }
    }

    /// The mark as its volunteer reads it, about requester `first`.
    pub fn label(self, first: &str) -> String {
        match self {
            Self::Done => format!("The conversation with {first} took place"),
            Self::NoShow => format!("{first} did not show up"),
            Self::NeverWrote => format!("{first} never wrote to me"),
        }
    }
}

/// The day by which a request must be answered: `days` after it was made (the program
/// answers every request within two weeks by default).
pub fn deadline(created: DateTime<Utc>, days: u32) -> NaiveDate {
    (created + chrono::TimeDelta::days(i64::from(days))).date_naive()
}

/// Days left until the deadline (negative when overdue).
pub fn days_left(deadline: NaiveDate, today: NaiveDate) -> i64 {
    (deadline - today).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_details_are_shown_for_a_while_after_the_conversation() {
        let now = Utc::now();
        let days = |n| chrono::TimeDelta::days(n);
        use RequestStatus::*;
        assert_eq!(contact_shown(Matched, None, now, 30), ContactShown::Yes);
        assert_eq!(
            contact_shown(Completed, Some(now - days(29)), now, 30),
            ContactShown::Yes
        );
        assert_eq!(
            contact_shown(NoShow, Some(now - days(30)), now, 30),
            ContactShown::NoLonger
        );
        assert_eq!(contact_shown(Completed, None, now, 30), ContactShown::Yes);
        assert_eq!(
            contact_shown(Lapsed, Some(now - days(31)), now, 30),
            ContactShown::NoLonger
        );
        assert_eq!(
            contact_shown(NotHeld, Some(now - days(2)), now, 30),
            ContactShown::Yes
        );
        for s in [Open, Withdrawn, Closed] {
            assert_eq!(
                contact_shown(s, Some(now - days(1)), now, 30),
                ContactShown::No
            );
        }
    }

    #[test]
    fn deadlines() {
        let created = DateTime::parse_from_rfc3339("2026-11-20T23:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let due = deadline(created, 14);
        assert_eq!(due, NaiveDate::from_ymd_opt(2026, 12, 4).unwrap());
        assert_eq!(
            days_left(due, NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()),
            -2
        );
    }

    #[test]
    fn statuses_round_trip() {
        for &s in RequestStatus::ALL {
            assert_eq!(RequestStatus::from_slug(s.slug()), Some(s));
        }
        assert!(RequestStatus::Lapsed.is_ended());
        assert!(!RequestStatus::Matched.is_ended());
        assert!(!RequestStatus::Withdrawn.is_ended());
        assert_eq!(
            ReferralOutcome::from_slug("no-show"),
            Some(ReferralOutcome::NoShow)
        );
        assert_eq!(ReferralOutcome::Done.status(), RequestStatus::Completed);
        assert_eq!(
            ReferralOutcome::from_slug("never-wrote").map(ReferralOutcome::status),
            Some(RequestStatus::NotHeld)
        );
    }
}
