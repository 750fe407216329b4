//! What a signed-in volunteer sees of their own: the profile editor with where they stand,
//! and their referrals. Shared by the browser and the server.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::request::RequestStatus;
use crate::domain::{PoolStatus, ProfileForm, ValidationError, Viewer, Vocabularies};

/// Everything the volunteer's own pages show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolunteerHome {
    pub viewer: Viewer,
    /// The public profile's id, once there is a profile.
    pub profile_id: Option<String>,
    /// The editor's fields: the stored profile, or what was typed and refused.
    pub form: ProfileForm,
    /// Why the typed form was refused (a post without JavaScript), if it was.
    pub errors: Vec<ValidationError>,
    /// Where the profile stands with the pool today.
    pub status: Option<PoolStatus>,
    pub contacts_used: u32,
    pub max_contacts: u32,
    pub vocab: Vocabularies,
    pub today: NaiveDate,
}

/// One referral, as the volunteer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralView {
    /// The request's key, for the marks.
    pub key: String,
    pub first_name: String,
    pub learning_goal: String,
    pub matched_on: NaiveDate,
    pub status: RequestStatus,
    /// The volunteer's own mark of how it went, when they made one.
    pub mark: Option<crate::domain::request::ReferralOutcome>,
    /// Their comment with the mark.
    pub note: String,
    /// Whether they may mark it now (or change their mark).
    pub can_mark: bool,
    /// Until when their mark can be changed, while it can.
    pub changeable_until: Option<chrono::DateTime<chrono::Utc>>,
}

/// The volunteer's referrals page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyReferrals {
    pub has_profile: bool,
    pub referrals: Vec<ReferralView>,
    pub contacts_used: u32,
    pub max_contacts: u32,
    /// What requesters said about their conversations with this volunteer, in aggregate;
    /// None until enough of them answered.
    pub feedback: Option<crate::domain::feedback::FeedbackSummary>,
}

impl MyReferrals {
    /// The page of someone signed in without a volunteer profile.
    pub fn without_profile() -> Self {
        Self {
            has_profile: false,
            referrals: Vec::new(),
            contacts_used: 0,
            max_contacts: 0,
            feedback: None,
        }
    }
}
