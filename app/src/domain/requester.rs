//! What a requester sees: the request form and the private status page its email links to.
//! Shared by the browser and the server.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::request::{PreferredVolunteer, RequestForm, RequestStatus};
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
    pub can_withdraw: bool,
}
