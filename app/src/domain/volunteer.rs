//! A volunteer's public profile, the limits on its fields, and the pool rule:
//! who is browsable and suggestible right now.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::choice::choice;
use super::validation::{in_range, required_text, ValidationError};
use super::{MeetingMode, Slug};

/// The least experience a volunteer needs to be listed (the association's rule).
pub const MIN_YEARS_TO_LIST: u16 = 3;
/// A volunteer says beforehand how long they can talk: 30 minutes to an hour (a rule of the
/// program).
pub const MINUTES_RANGE: (u16, u16) = (30, 60);
/// An upper bound on the contact cap, to catch typing mistakes.
pub const MAX_CONTACTS_LIMIT: u32 = 100;

pub const DISPLAY_NAME_MAX: usize = 80;
pub const JOB_TITLE_MAX: usize = 120;
pub const BIO_MAX: usize = 2000;
pub const SPECIALTY_MAX: usize = 60;
pub const SPECIALTIES_MAX: usize = 12;
pub const AVAILABILITY_NOTE_MAX: usize = 500;

/// The name a volunteer shows in the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        required_text("Name", raw, DISPLAY_NAME_MAX).map(Self)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for DisplayName {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<DisplayName> for String {
    fn from(value: DisplayName) -> Self {
        value.0
    }
}

/// How long one conversation lasts: 30 to 60 minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct MinutesPerInterview(u16);

impl MinutesPerInterview {
    pub fn new(minutes: i64) -> Result<Self, ValidationError> {
        let (min, max) = MINUTES_RANGE;
        in_range("Minutes per conversation", minutes, min.into(), max.into())
            .map(|m| Self(m as u16))
    }
    pub fn get(self) -> u16 {
        self.0
    }
}

impl TryFrom<u16> for MinutesPerInterview {
    type Error = ValidationError;
    fn try_from(value: u16) -> Result<Self, Self::Error> {
        Self::new(value.into())
    }
}

impl From<MinutesPerInterview> for u16 {
    fn from(value: MinutesPerInterview) -> Self {
        value.0
    }
}

/// How many times a volunteer may be contacted in all (0 means "not now").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct MaxContacts(u32);

impl MaxContacts {
    pub fn new(value: i64) -> Result<Self, ValidationError> {
        in_range(
            "Maximum number of contacts",
            value,
            0,
            MAX_CONTACTS_LIMIT.into(),
        )
        .map(|v| Self(v as u32))
    }
    pub fn get(self) -> u32 {
        self.0
    }
}

impl TryFrom<u32> for MaxContacts {
    type Error = ValidationError;
    fn try_from(value: u32) -> Result<Self, Self::Error> {
        Self::new(value.into())
    }
}

impl From<MaxContacts> for u32 {
    fn from(value: MaxContacts) -> Self {
        value.0
    }
}

/// Years of professional experience in the information field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct YearsOfExperience(u16);

impl YearsOfExperience {
    pub fn new(value: i64) -> Result<Self, ValidationError> {
        in_range("Years of experience", value, 0, 70).map(|v| Self(v as u16))
    }
    pub fn get(self) -> u16 {
        self.0
    }
    /// Whether this is enough to be listed (at least three years).
    pub fn qualifies(self) -> bool {
        self.0 >= MIN_YEARS_TO_LIST
    }
}

impl TryFrom<u16> for YearsOfExperience {
    type Error = ValidationError;
    fn try_from(value: u16) -> Result<Self, Self::Error> {
        Self::new(value.into())
    }
}

impl From<YearsOfExperience> for u16 {
    fn from(value: YearsOfExperience) -> Self {
        value.0
    }
}

choice! {
    pub enum Weekday in "lowercase" {
        Mon,
        Tue,
        Wed,
        Thu,
        Fri,
        Sat,
        Sun,
    }
}

impl Weekday {
    pub fn label(self) -> &'static str {
        match self {
            Self::Mon => "Monday",
            Self::Tue => "Tuesday",
            Self::Wed => "Wednesday",
            Self::Thu => "Thursday",
            Self::Fri => "Friday",
            Self::Sat => "Saturday",
            Self::Sun => "Sunday",
        }
    }
}

/// A recurring weekly time window, in minutes after midnight (local time of the volunteer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklyWindow {
    pub day: Weekday,
    pub start_minute: u16,
    pub end_minute: u16,
}

impl WeeklyWindow {
    pub fn new(day: Weekday, start_minute: u16, end_minute: u16) -> Result<Self, ValidationError> {
        if end_minute > 24 * 60 || start_minute >= end_minute {
            return Err(ValidationError::Invalid {
                field: format!("Availability on {}", day.label()),
                reason: "the end time must come after the start time".into(),
            });
        }
        Ok(Self {
            day,
            start_minute,
            end_minute,
        })
    }

    /// "Tuesday 09:00–12:00"
    pub fn describe(&self) -> String {
        format!(
            "{} {}–{}",
            self.day.label(),
            clock(self.start_minute),
            clock(self.end_minute)
        )
    }
}

fn clock(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// What decides whether a volunteer is in the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolFacts {
    /// False once a volunteer has left the program or hidden their profile.
    pub listed: bool,
    pub years_experience: u16,
    /// Away until this date (they are back on it).
    pub paused_until: Option<NaiveDate>,
    pub max_contacts: u32,
    pub contacts_used: u32,
    /// The day of their latest match, if any (for spreading requests around).
    pub last_matched: Option<NaiveDate>,
}

/// Where a volunteer stands with respect to the pool, most lasting reason first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PoolStatus {
    /// Browsable and suggestible, with this many contacts left.
    Available { contacts_left: u32 },
    /// Away until this date.
    Paused { until: NaiveDate },
    /// Every contact they offered has been used.
    AtCapacity,
    /// Fewer than three years of experience.
    TooLittleExperience,
    /// Not listed (left the program or hidden).
    NotListed,
}

impl PoolStatus {
    pub fn is_available(self) -> bool {
        matches!(self, Self::Available { .. })
    }

    /// Whether the volunteer has a public profile at all (even when away or full): not
    /// when hidden, gone, or under the experience threshold.
    pub fn has_public_profile(self) -> bool {
        !matches!(self, Self::NotListed | Self::TooLittleExperience)
    }
}

/// The pool rule: a volunteer is browsable and suggestible when listed, with at least
/// [`MIN_YEARS_TO_LIST`] years of experience, not paused today, and with at least one of the
/// contacts they offered left (each match uses one; at their maximum they leave the pool
/// until they raise it).
///
/// The matching transaction re-checks the same rule in SurrealQL
/// (`server::repo::requests::match_request`), so that two matches at once cannot both pass
/// it: a change here must be made there too.
pub fn pool_status(facts: &PoolFacts, today: NaiveDate) -> PoolStatus {
    if !facts.listed {
        return PoolStatus::NotListed;
    }
    if facts.years_experience < MIN_YEARS_TO_LIST {
        return PoolStatus::TooLittleExperience;
    }
    if facts.contacts_used >= facts.max_contacts {
        return PoolStatus::AtCapacity;
    }
    if let Some(until) = facts.paused_until {
        if today < until {
            return PoolStatus::Paused { until };
        }
    }
    PoolStatus::Available {
        contacts_left: facts.max_contacts - facts.contacts_used,
    }
}

/// Everything about a volunteer that anyone may see. Contact details are not here: they
/// live in a separate store and type, released only to matched requesters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicProfile {
    /// The key in URLs: `/volunteers/{id}`.
    pub id: String,
    pub display_name: String,
    pub job_title: String,
    pub roles: Vec<Slug>,
    pub setting: Slug,
    /// None when the volunteer hides their employer.
    pub employer: Option<String>,
    pub region: Slug,
    pub bio: String,
    pub specialties: Vec<String>,
    pub modes: Vec<MeetingMode>,
    pub minutes_per_interview: u16,
    pub availability: Vec<WeeklyWindow>,
    pub availability_note: String,
    pub welcome_further_contact: bool,
    pub pool: PoolFacts,
}

impl PublicProfile {
    pub fn status(&self, today: NaiveDate) -> PoolStatus {
        pool_status(&self.pool, today)
    }
}

/// A volunteer's contact details: stored apart from the profile, shown to the volunteer
/// themselves, the committee, and requesters matched with them; never to anyone else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactDetails {
    pub email: String,
    pub phone: Option<String>,
    pub linkedin_url: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn facts() -> PoolFacts {
        PoolFacts {
            listed: true,
            years_experience: 5,
            paused_until: None,
            max_contacts: 3,
            contacts_used: 1,
            last_matched: None,
        }
    }

    #[test]
    fn available_volunteer_reports_contacts_left() {
        assert_eq!(
            pool_status(&facts(), day("2026-11-23")),
            PoolStatus::Available { contacts_left: 2 }
        );
    }

    #[test]
    fn fewer_than_three_years_is_not_in_the_pool() {
        let f = PoolFacts {
            years_experience: 2,
            ..facts()
        };
        assert_eq!(
            pool_status(&f, day("2026-11-23")),
            PoolStatus::TooLittleExperience
        );
        let f = PoolFacts {
            years_experience: 3,
            ..facts()
        };
        assert!(pool_status(&f, day("2026-11-23")).is_available());
    }

    #[test]
    fn reaching_the_maximum_leaves_the_pool() {
        let f = PoolFacts {
            contacts_used: 3,
            ..facts()
        };
        assert_eq!(pool_status(&f, day("2026-11-23")), PoolStatus::AtCapacity);
        // A maximum lowered below what was used is still "at capacity", never negative.
        let f = PoolFacts {
            max_contacts: 1,
            contacts_used: 3,
            ..facts()
        };
        assert_eq!(pool_status(&f, day("2026-11-23")), PoolStatus::AtCapacity);
        // Zero contacts offered means not in the pool.
        let f = PoolFacts {
            max_contacts: 0,
            contacts_used: 0,
            ..facts()
        };
        assert_eq!(pool_status(&f, day("2026-11-23")), PoolStatus::AtCapacity);
    }

    #[test]
    fn pause_ends_on_its_date() {
        let f = PoolFacts {
            paused_until: Some(day("2026-12-01")),
            ..facts()
        };
        assert_eq!(
            pool_status(&f, day("2026-11-30")),
            PoolStatus::Paused {
                until: day("2026-12-01")
            }
        );
        assert!(pool_status(&f, day("2026-12-01")).is_available());
    }

    #[test]
    fn unlisted_wins_over_everything() {
        let f = PoolFacts {
            listed: false,
            years_experience: 1,
            contacts_used: 9,
            ..facts()
        };
        assert_eq!(pool_status(&f, day("2026-11-23")), PoolStatus::NotListed);
    }

    #[test]
    fn newtypes_enforce_the_program_limits() {
        assert!(MinutesPerInterview::new(29).is_err());
        assert_eq!(MinutesPerInterview::new(45).unwrap().get(), 45);
        assert!(MinutesPerInterview::new(61).is_err());
        assert!(MaxContacts::new(-1).is_err());
        assert!(MaxContacts::new(101).is_err());
        assert!(!YearsOfExperience::new(2).unwrap().qualifies());
        assert!(YearsOfExperience::new(3).unwrap().qualifies());
        assert!(DisplayName::parse(" ").is_err());
        assert!(serde_json::from_str::<MinutesPerInterview>("90").is_err());
    }

    #[test]
    fn weekly_window_must_end_after_it_starts() {
        assert!(WeeklyWindow::new(Weekday::Tue, 600, 540).is_err());
        assert!(WeeklyWindow::new(Weekday::Tue, 540, 540).is_err());
        assert!(WeeklyWindow::new(Weekday::Tue, 540, 24 * 60 + 1).is_err());
        let w = WeeklyWindow::new(Weekday::Tue, 540, 720).unwrap();
        assert_eq!(w.describe(), "Tuesday 09:00–12:00");
    }
}
