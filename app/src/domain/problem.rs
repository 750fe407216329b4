//! Why an action was refused, as a person reads it: one typed value per reason, with a
//! stable code (carried in a no-JavaScript redirect as `?problem=code`) and a message
//! (shown by the page or under the form). Nothing ever looks inside a message's text.

use serde::{Deserialize, Serialize};

/// A refusal that is not about one form field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Problem {
    /// No request has this key.
    NoSuchRequest,
    /// A private link that opens no request (mistyped, or replaced by newer links).
    UnknownLink,
    /// The request is no longer waiting for a match.
    RequestNotOpen,
    /// The request is not matched (an undo of a match that is gone).
    RequestNotMatched,
    /// The request is matched or finished: too late to withdraw it.
    CannotWithdraw,
    /// Every contact the volunteer offered is used.
    VolunteerFull,
    /// The volunteer is away.
    VolunteerAway,
    /// The volunteer left or is no longer listed.
    VolunteerGone,
    /// The volunteer already declined this request.
    Declined,
    /// What the action was based on kept changing while it ran.
    KeepsChanging,
    /// The referral has already ended.
    ReferralEnded,
    /// No reason was chosen for closing a request.
    CloseReasonMissing,
    /// The email address typed is not a whole address.
    EmailIncomplete,
    /// The volunteer's profile was deleted (they left) before the save arrived.
    ProfileDeleted,
    /// A profile was created in another window a moment ago.
    ProfileCreatedElsewhere,
    /// The signed-in person has no volunteer profile.
    NoProfile,
    /// The volunteer's referrals changed while they were leaving.
    ReferralsChangedWhileLeaving,
    /// No account has this key.
    NoSuchPerson,
    /// The drafting studio opens with a match and closes when the contact details do.
    StudioNotOpen,
    /// A volunteer's mark can be changed only for a while after it was made.
    MarkFinal,
    /// The feedback form opens after the conversation (or a while after the match).
    FeedbackNotOpen,
    /// A feedback answer can be changed only for a while after it was given.
    FeedbackFinal,
    /// The day given for a conversation is not a date, or not from the match to a year on.
    MeetingDayInvalid,
}

impl Problem {
    pub const ALL: [Self; 23] = [
        Self::NoSuchRequest,
        Self::UnknownLink,
        Self::RequestNotOpen,
        Self::RequestNotMatched,
        Self::CannotWithdraw,
        Self::VolunteerFull,
        Self::VolunteerAway,
        Self::VolunteerGone,
        Self::Declined,
        Self::KeepsChanging,
        Self::ReferralEnded,
        Self::CloseReasonMissing,
        Self::EmailIncomplete,
        Self::ProfileDeleted,
        Self::ProfileCreatedElsewhere,
        Self::NoProfile,
        Self::ReferralsChangedWhileLeaving,
        Self::NoSuchPerson,
        Self::StudioNotOpen,
        Self::MarkFinal,
        Self::FeedbackNotOpen,
        Self::FeedbackFinal,
        Self::MeetingDayInvalid,
    ];

    /// The stable code, for URLs.
    pub fn code(self) -> &'static str {
        match self {
            Self::NoSuchRequest => "no-such-request",
            Self::UnknownLink => "unknown-link",
            Self::RequestNotOpen => "request-not-open",
            Self::RequestNotMatched => "request-not-matched",
            Self::CannotWithdraw => "cannot-withdraw",
            Self::VolunteerFull => "volunteer-full",
            Self::VolunteerAway => "volunteer-away",
            Self::VolunteerGone => "volunteer-gone",
            Self::Declined => "declined",
            Self::KeepsChanging => "keeps-changing",
            Self::ReferralEnded => "referral-ended",
            Self::CloseReasonMissing => "close-reason-missing",
            Self::EmailIncomplete => "email-incomplete",
            Self::ProfileDeleted => "profile-deleted",
            Self::ProfileCreatedElsewhere => "profile-created-elsewhere",
            Self::NoProfile => "no-profile",
            Self::ReferralsChangedWhileLeaving => "referrals-changed-while-leaving",
            Self::NoSuchPerson => "no-such-person",
            Self::StudioNotOpen => "studio-not-open",
            Self::MarkFinal => "mark-final",
            Self::FeedbackNotOpen => "feedback-not-open",
            Self::FeedbackFinal => "feedback-final",
            Self::MeetingDayInvalid => "meeting-day-invalid",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    /// What the person reads.
    pub fn message(self) -> &'static str {
        match self {
            Self::NoSuchRequest => "There is no such request.",
            Self::UnknownLink => {
                "This link does not open any request. Check that you copied the whole link from \
                 the email; a request keeps its five newest links, so a much older one may have \
                 ended."
            }
            Self::RequestNotOpen => "This request is no longer waiting for a match.",
            Self::RequestNotMatched => "This request is not matched.",
            Self::CannotWithdraw => "This request can no longer be withdrawn.",
            Self::VolunteerFull => {
                "This volunteer has no contacts left (another match may have just taken the \
                 last one). Choose another."
            }
            Self::VolunteerAway => "This volunteer is away. Choose another.",
            Self::VolunteerGone => "That volunteer is no longer listed. Choose another.",
            Self::Declined => "This volunteer has declined this request. Choose another.",
            Self::KeepsChanging => "The details keep changing; try again in a moment.",
            Self::ReferralEnded => "This referral has already ended.",
            Self::CloseReasonMissing => "Choose why the request is closed.",
            Self::EmailIncomplete => "Please enter a whole email address, like name@example.org.",
            Self::ProfileDeleted => {
                "Your profile was deleted when you left the program, so nothing was saved."
            }
            Self::ProfileCreatedElsewhere => {
                "Your profile was created a moment ago in another window. Reload the page to \
                 edit it."
            }
            Self::NoProfile => "You have no volunteer profile.",
            Self::ReferralsChangedWhileLeaving => {
                "Your referrals changed while you were leaving; please try again."
            }
            Self::NoSuchPerson => "No such person.",
            Self::StudioNotOpen => {
                "The drafting studio opens when you are matched with a volunteer, and closes \
                 when their contact details are no longer shown. Until you are matched, you can \
                 practise from any volunteer's profile."
            }
            Self::MarkFinal => {
                "This mark can no longer be changed. If it is wrong, please tell the committee."
            }
            Self::FeedbackNotOpen => {
                "The feedback form opens on the day of your conversation, or a few days after \
                 the match. Come back then: we would like to hear how it went."
            }
            Self::FeedbackFinal => {
                "Your answer can no longer be changed (answers can be changed for a few days \
                 after they are given). Thank you for it."
            }
            Self::MeetingDayInvalid => {
                "Give the day of your conversation as a date, from the day of the match to a \
                 year after it."
            }
        }
    }

    /// The HTTP status a refusal is answered with.
    pub fn status(self) -> u16 {
        match self {
            Self::NoSuchRequest | Self::UnknownLink | Self::NoProfile | Self::NoSuchPerson => 404,
            Self::CloseReasonMissing | Self::EmailIncomplete | Self::MeetingDayInvalid => 422,
            _ => 409,
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_round_trips_through_its_code_and_has_its_own() {
        let mut codes = std::collections::HashSet::new();
        for p in Problem::ALL {
            assert_eq!(Problem::from_code(p.code()), Some(p), "{p:?}");
            assert!(codes.insert(p.code()), "{} is used twice", p.code());
            assert!(p.message().ends_with('.'), "{p:?}: a whole sentence");
            // URL-safe without encoding.
            assert!(p.code().chars().all(|c| c.is_ascii_lowercase() || c == '-'));
        }
        assert_eq!(Problem::from_code("nonsense"), None);
        // The serde name is the code, so a refusal reads the same in JSON and in URLs.
        for p in Problem::ALL {
            assert_eq!(
                serde_json::to_string(&p).unwrap(),
                format!("\"{}\"", p.code())
            );
        }
    }
}
