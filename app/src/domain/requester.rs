//! What a requester sees: the request form and the private status page its email links to.
//! Shared by the browser and the server.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::feedback::{FeedbackForm, Rating};
use crate::domain::request::{Offers, PreferredVolunteer, RequestForm, RequestStatus};
use crate::domain::{ContactDetails, ValidationError, Vocabularies, WeeklyWindow};

/// What the request form needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestFormPage {
    /// The form: blank, or what was typed and refused (without JavaScript).
    pub form: RequestForm,
    pub errors: Vec<ValidationError>,
    /// A refusal that is not about one field (too many attempts).
    pub problem: Option<String>,
    pub vocab: Vocabularies,
    pub preferred: Option<PreferredVolunteer>,
    pub deadline_days: u32,
}

/// The matched volunteer, as their requester sees them: contact details included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchedVolunteer {
    pub id: String,
    pub name: String,
    pub job_title: String,
    pub minutes_per_interview: u16,
    pub modes: Vec<String>,
    pub availability: Vec<WeeklyWindow>,
    pub availability_note: String,
    pub welcome_further_contact: bool,
    pub contact: ContactDetails,
}

/// A request as its requester sees it on the private status page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestStatusView {
    pub first_name: String,
    pub status: RequestStatus,
    pub created_on: NaiveDate,
    pub due_on: NaiveDate,
    pub today: NaiveDate,
    pub learning_goal: String,
    pub matched_on: Option<NaiveDate>,
    /// Only once matched, and for a set time after the conversation.
    pub volunteer: Option<MatchedVolunteer>,
    /// The conversation ended long enough ago that the volunteer's details are no longer
    /// shown.
    pub contact_ended: bool,
    /// What the page offers now: withdrawing (before the conversation), feedback (from
    /// its day), the day of the conversation (while matched).
    pub offers: Offers,
    /// The day agreed for the conversation, as the requester gave it.
    pub meeting_on: Option<NaiveDate>,
    /// The feedback given, if any.
    pub feedback: Option<FeedbackGiven>,
}

/// The label of the day agreed for the conversation.
pub const MEETING_ON_LABEL: &str = "The day of your conversation";

/// The feedback given on a request, as its status page recalls it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackGiven {
    pub happened: bool,
    pub rating: Option<Rating>,
    /// Until when it can be changed (None: no longer).
    pub editable_until: Option<DateTime<Utc>>,
}

/// The feedback form's page (`/r/:token/feedback`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackPage {
    pub first_name: String,
    /// The volunteer's name as shown at the match, while they are in the program.
    pub volunteer_name: Option<String>,
    /// Whether the form is open (from the conversation's day, or a while after the match).
    pub open: bool,
    /// When it opens, while it is not yet open.
    pub opens_on: Option<NaiveDate>,
    /// The form: blank, the answer given (to change it), or what was typed and refused.
    pub form: FeedbackForm,
    pub errors: Vec<crate::domain::ValidationError>,
    /// Whether an answer was given.
    pub given: bool,
    /// Until when the answer can be changed; None when it no longer can (or none given).
    pub editable_until: Option<DateTime<Utc>>,
}
