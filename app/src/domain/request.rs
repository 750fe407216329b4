//! A requester's ask for an informational interview: the form exactly as typed (so nothing
//! is lost when it is refused), its validation (the same code in the browser and on the
//! server), and where a request stands.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::validation::{choices, optional_text, required_text, EmailAddress, ValidationError};
use super::{MeetingMode, Slug, TermKind, Vocabularies, Weekday, WeeklyWindow};

/// Field labels, shown on the form and used as the `field` of validation errors.
pub mod label {
    pub const NAME: &str = "Your name";
    pub const EMAIL: &str = "Your email";
    pub const MEMBERSHIP: &str = "Association membership";
    pub const BACKGROUND: &str = "Your background";
    pub const GOAL: &str = "What you want to find out";
    pub const ROLES: &str = "Roles you are curious about";
    pub const SETTINGS: &str = "Settings you are curious about";
    pub const MODES: &str = "How you would like to meet";
    pub const REGION: &str = "Your region";
    pub const REMOTE: &str = "Meeting remotely";
    pub const PREFERRED: &str = "Preferred volunteer";
    pub const TIMES: &str = "Times that usually suit you";
    pub const AVAILABILITY: &str = "When you are available";
    pub const CONSENT: &str = "Guidelines";
}

pub const NAME_MAX: usize = 80;
pub const GOAL_MIN: usize = 20;
pub const GOAL_MAX: usize = 1500;
pub const AVAILABILITY_MAX: usize = 500;
/// How far past its limit a refused field is kept in a draft (so the person sees what
/// they typed, and the error saying how much to cut).
const CLIP_MARGIN: usize = 200;
/// More entries than any list on the form offers.
const CHOICES_MAX: usize = 40;

/// Whether the requester belongs to the association (no eligibility depends on it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Membership {
    Member,
    NonMember,
    NotSure,
}

impl Membership {
    pub const ALL: [Self; 3] = [Self::Member, Self::NonMember, Self::NotSure];
    pub fn slug(self) -> &'static str {
        match self {
            Self::Member => "member",
            Self::NonMember => "non-member",
            Self::NotSure => "not-sure",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Member => "I am a member",
            Self::NonMember => "I am not a member",
            Self::NotSure => "I am not sure",
        }
    }
    pub fn from_slug(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.slug() == raw)
    }
}

/// Where the requester is coming from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Background {
    Student,
    RecentGraduate,
    CareerChanger,
    WorkingProfessional,
    Other,
}

impl Background {
    pub const ALL: [Self; 5] = [
        Self::Student,
        Self::RecentGraduate,
        Self::CareerChanger,
        Self::WorkingProfessional,
        Self::Other,
    ];
    pub fn slug(self) -> &'static str {
        match self {
            Self::Student => "student",
            Self::RecentGraduate => "recent-graduate",
            Self::CareerChanger => "career-changer",
            Self::WorkingProfessional => "working-professional",
            Self::Other => "other",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Student => "Student",
            Self::RecentGraduate => "Recent graduate",
            Self::CareerChanger => "Career changer",
            Self::WorkingProfessional => "Working professional",
            Self::Other => "Other",
        }
    }
    pub fn from_slug(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.slug() == raw)
    }
}

/// The volunteer a requester picked while browsing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreferredVolunteer {
    pub id: String,
    pub name: String,
    pub job_title: String,
    /// False when they are away or full (the form says so).
    pub available: bool,
    pub status_text: String,
}

/// The request form's fields, exactly as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequestForm {
    pub name: String,
    pub email: String,
    pub membership: String,
    pub background: String,
    pub learning_goal: String,
    pub roles: Vec<String>,
    pub settings: Vec<String>,
    pub modes: Vec<String>,
    pub times: Vec<String>,
    pub region: String,
    pub remote_ok: bool,
    /// A volunteer's id, picked while browsing ("Request this volunteer").
    pub preferred_volunteer: String,
    pub availability: String,
    pub consent: bool,
    /// A field people never see (hidden by the style sheet and from assistive technology).
    /// Robots that fill in every field fill it in; the server then stores nothing.
    pub website: String,
}

/// A valid request: what gets stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestInput {
    pub name: String,
    pub email: EmailAddress,
    pub membership: Membership,
    pub background: Background,
    pub learning_goal: String,
    pub needs: RequestNeeds,
    pub availability: String,
}

/// When in the week a conversation can happen, broadly: what a requester ticks, and what a
/// volunteer's weekly windows are reduced to for matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimeSlot {
    WeekdayMorning,
    WeekdayAfternoon,
    WeekdayEvening,
    Weekend,
}

impl TimeSlot {
    pub const ALL: [Self; 4] = [
        Self::WeekdayMorning,
        Self::WeekdayAfternoon,
        Self::WeekdayEvening,
        Self::Weekend,
    ];
    pub fn slug(self) -> &'static str {
        match self {
            Self::WeekdayMorning => "weekday-morning",
            Self::WeekdayAfternoon => "weekday-afternoon",
            Self::WeekdayEvening => "weekday-evening",
            Self::Weekend => "weekend",
        }
    }
    pub fn from_slug(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.slug() == raw)
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::WeekdayMorning => "Weekday mornings (before noon)",
            Self::WeekdayAfternoon => "Weekday afternoons (noon to 5 pm)",
            Self::WeekdayEvening => "Weekday evenings (after 5 pm)",
            Self::Weekend => "Weekends",
        }
    }
    /// In a sentence: "weekday evenings".
    pub fn short(self) -> &'static str {
        match self {
            Self::WeekdayMorning => "weekday mornings",
            Self::WeekdayAfternoon => "weekday afternoons",
            Self::WeekdayEvening => "weekday evenings",
            Self::Weekend => "weekends",
        }
    }
    fn bit(self) -> u8 {
        1 << (self as u8)
    }
    /// The slots as a bit set, for fast comparison.
    pub fn mask(slots: &[Self]) -> u8 {
        slots.iter().fold(0, |m, s| m | s.bit())
    }
    /// The slots a volunteer's weekly windows touch: a window on Saturday or Sunday is the
    /// weekend; on a weekday, it counts for each part of the day it overlaps.
    pub fn mask_of_windows(windows: &[WeeklyWindow]) -> u8 {
        const NOON: u16 = 12 * 60;
        const FIVE_PM: u16 = 17 * 60;
        windows.iter().fold(0, |m, w| {
            if matches!(w.day, Weekday::Sat | Weekday::Sun) {
                return m | Self::Weekend.bit();
            }
            let mut m = m;
            if w.start_minute < NOON {
                m |= Self::WeekdayMorning.bit();
            }
            if w.start_minute < FIVE_PM && w.end_minute > NOON {
                m |= Self::WeekdayAfternoon.bit();
            }
            if w.end_minute > FIVE_PM {
                m |= Self::WeekdayEvening.bit();
            }
            m
        })
    }
    /// The slots in a bit set, in order.
    pub fn of_mask(mask: u8) -> Vec<Self> {
        Self::ALL
            .into_iter()
            .filter(|s| mask & s.bit() != 0)
            .collect()
    }
}

/// What the matching looks at.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestNeeds {
    pub roles: Vec<Slug>,
    pub settings: Vec<Slug>,
    pub modes: Vec<MeetingMode>,
    /// When in the week suits them (none: any time).
    pub times: Vec<TimeSlot>,
    pub region: Option<Slug>,
    pub remote_ok: bool,
    /// The volunteer the requester asked for, if any.
    pub preferred: Option<String>,
}

impl RequestNeeds {
    /// The meeting modes the requester can use: those they picked (when none, any — or
    /// only in person for someone not willing to meet remotely), and the remote ones too
    /// when they are willing to meet remotely.
    pub fn acceptable_modes(&self) -> Vec<MeetingMode> {
        if self.modes.is_empty() {
            return if self.remote_ok {
                MeetingMode::ALL.to_vec()
            } else {
                vec![MeetingMode::InPerson]
            };
        }
        let mut modes = self.modes.clone();
        if self.remote_ok {
            for m in [MeetingMode::Video, MeetingMode::Phone, MeetingMode::Email] {
                if !modes.contains(&m) {
                    modes.push(m);
                }
            }
        }
        modes
    }
}

impl RequestForm {
    /// A blank form, with the preferred volunteer filled in when the requester came from a
    /// profile page.
    pub fn new_for(preferred: Option<&str>) -> Self {
        Self {
            preferred_volunteer: preferred.unwrap_or_default().to_owned(),
            remote_ok: true,
            ..Self::default()
        }
    }

    /// The form cut down to what a person can have typed (each field at most a little over
    /// its limit, lists no longer than their choices), for keeping a refused form as a
    /// draft: whatever is posted, what is stored stays small.
    pub fn clipped(self) -> Self {
        fn text(s: String, max: usize) -> String {
            if s.len() <= max {
                s
            } else {
                s.chars().take(max).collect()
            }
        }
        fn list(v: Vec<String>) -> Vec<String> {
            v.into_iter()
                .take(CHOICES_MAX)
                .map(|s| text(s, 64))
                .collect()
        }
        Self {
            name: text(self.name, NAME_MAX + CLIP_MARGIN),
            email: text(self.email, EmailAddress::MAX_LEN + CLIP_MARGIN),
            membership: text(self.membership, 32),
            background: text(self.background, 32),
            learning_goal: text(self.learning_goal, GOAL_MAX + CLIP_MARGIN),
            roles: list(self.roles),
            settings: list(self.settings),
            modes: list(self.modes),
            times: list(self.times),
            region: text(self.region, 64),
            remote_ok: self.remote_ok,
            preferred_volunteer: text(self.preferred_volunteer, 64),
            availability: text(self.availability, AVAILABILITY_MAX + CLIP_MARGIN),
            consent: self.consent,
            website: String::new(),
        }
    }

    /// Checks every field and reports every problem at once, each with its field.
    /// The preferred volunteer is only checked for shape here; the server checks that the
    /// volunteer exists and is in the pool.
    pub fn validate(&self, vocab: &Vocabularies) -> Result<RequestInput, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let name = ok_or_note(
            required_text(label::NAME, &self.name, NAME_MAX),
            &mut errors,
        );
        let email = ok_or_note(EmailAddress::parse(label::EMAIL, &self.email), &mut errors);
        let membership = ok_or_note(
            choice(label::MEMBERSHIP, &self.membership, Membership::from_slug),
            &mut errors,
        );
        let background = ok_or_note(
            choice(label::BACKGROUND, &self.background, Background::from_slug),
            &mut errors,
        );
        let goal = ok_or_note(learning_goal(&self.learning_goal), &mut errors);
        let roles = ok_or_note(
            terms(label::ROLES, &self.roles, vocab, TermKind::Role),
            &mut errors,
        );
        let settings = ok_or_note(
            terms(label::SETTINGS, &self.settings, vocab, TermKind::Setting),
            &mut errors,
        );
        let modes = ok_or_note(modes(&self.modes), &mut errors);
        let times = ok_or_note(times(&self.times), &mut errors);
        let region = ok_or_note(region(&self.region, vocab), &mut errors);
        let preferred = ok_or_note(preferred(&self.preferred_volunteer), &mut errors);
        let availability = ok_or_note(
            optional_text(label::AVAILABILITY, &self.availability, AVAILABILITY_MAX),
            &mut errors,
        );
        if !self.consent {
            errors.push(ValidationError::Invalid {
                field: label::CONSENT.into(),
                reason: "please confirm that you have read the guidelines".into(),
            });
        }
        match (
            name,
            email,
            membership,
            background,
            goal,
            roles,
            settings,
            modes,
            times,
            region,
            preferred,
            availability,
        ) {
            (
                Some(name),
                Some(email),
                Some(membership),
                Some(background),
                Some(learning_goal),
                Some(roles),
                Some(settings),
                Some(modes),
                Some(times),
                Some(region),
                Some(preferred),
                Some(availability),
            ) if errors.is_empty() => Ok(RequestInput {
                name,
                email,
                membership,
                background,
                learning_goal,
                needs: RequestNeeds {
                    roles,
                    settings,
                    modes,
                    times,
                    region,
                    remote_ok: self.remote_ok,
                    preferred,
                },
                availability,
            }),
            _ => Err(errors),
        }
    }
}

/// The value, or `None` with the error noted.
fn ok_or_note<T>(r: Result<T, ValidationError>, errors: &mut Vec<ValidationError>) -> Option<T> {
    r.map_err(|e| errors.push(e)).ok()
}

fn choice<T>(
    field: &str,
    raw: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<T, ValidationError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(ValidationError::Required {
            field: field.to_owned(),
        });
    }
    parse(raw).ok_or_else(|| ValidationError::Invalid {
        field: field.to_owned(),
        reason: "choose one of the options".into(),
    })
}

fn learning_goal(raw: &str) -> Result<String, ValidationError> {
    let goal = required_text(label::GOAL, raw, GOAL_MAX)?;
    if goal.chars().count() < GOAL_MIN {
        return Err(ValidationError::Invalid {
            field: label::GOAL.into(),
            reason: format!(
                "tell us a little more (at least {GOAL_MIN} characters), so the committee can find the right person"
            ),
        });
    }
    Ok(goal)
}

fn terms(
    field: &str,
    raw: &[String],
    vocab: &Vocabularies,
    kind: TermKind,
) -> Result<Vec<Slug>, ValidationError> {
    choices(
        field,
        raw,
        "one of the choices is no longer offered; please choose again",
        |r| vocab.resolve(kind, r),
    )
}

fn modes(raw: &[String]) -> Result<Vec<MeetingMode>, ValidationError> {
    choices(
        label::MODES,
        raw,
        "choose from the listed ways to meet",
        MeetingMode::from_slug,
    )
}

fn times(raw: &[String]) -> Result<Vec<TimeSlot>, ValidationError> {
    let mut out = choices(
        label::TIMES,
        raw,
        "choose from the listed times",
        TimeSlot::from_slug,
    )?;
    out.sort_by_key(|t| *t as u8);
    Ok(out)
}

fn region(raw: &str, vocab: &Vocabularies) -> Result<Option<Slug>, ValidationError> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    match vocab.resolve(TermKind::Region, raw) {
        Some(s) => Ok(Some(s)),
        None => Err(ValidationError::Invalid {
            field: label::REGION.into(),
            reason: "choose one of the listed regions".into(),
        }),
    }
}

/// A volunteer id as it appears in `/volunteers/{id}`.
fn preferred(raw: &str) -> Result<Option<String>, ValidationError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let ok = raw.len() <= 64
        && raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(Some(raw.to_owned()))
    } else {
        Err(ValidationError::Invalid {
            field: label::PREFERRED.into(),
            reason: "that volunteer is not one we know; pick again from the volunteers page or leave it empty".into(),
        })
    }
}

/// Checks one text field as it is being typed, with the rules of [`RequestForm::validate`].
/// `key` is the field's name in the form.
pub fn check_field(key: &str, raw: &str, _today: NaiveDate) -> Option<ValidationError> {
    match key {
        "name" => required_text(label::NAME, raw, NAME_MAX).err(),
        "email" => EmailAddress::parse(label::EMAIL, raw).err(),
        "learning_goal" => learning_goal(raw).err(),
        "availability" => optional_text(label::AVAILABILITY, raw, AVAILABILITY_MAX).err(),
        _ => None,
    }
}

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
        RequestStatus::Completed | RequestStatus::NoShow => {
            if ended_at.is_some_and(|at| at + retention <= now) {
                ContactShown::NoLonger
            } else {
                ContactShown::Yes
            }
        }
        _ => ContactShown::No,
    }
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RequestStatus {
    /// Waiting for the committee to find a volunteer.
    Open,
    /// A volunteer was found; the requester has their contact details.
    Matched,
    /// The conversation took place.
    Completed,
    /// The volunteer reported that the requester did not come.
    NoShow,
    /// The requester withdrew it.
    Withdrawn,
    /// The committee closed it without a match.
    Closed,
}

impl RequestStatus {
    pub const ALL: [Self; 6] = [
        Self::Open,
        Self::Matched,
        Self::Completed,
        Self::NoShow,
        Self::Withdrawn,
        Self::Closed,
    ];
    pub fn slug(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Matched => "matched",
            Self::Completed => "completed",
            Self::NoShow => "no-show",
            Self::Withdrawn => "withdrawn",
            Self::Closed => "closed",
        }
    }
    pub fn from_slug(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.slug() == raw)
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Waiting for a match",
            Self::Matched => "Matched",
            Self::Completed => "Conversation done",
            Self::NoShow => "Missed",
            Self::Withdrawn => "Withdrawn",
            Self::Closed => "Closed",
        }
    }
    /// Whether the requester may still withdraw it.
    pub fn can_withdraw(self) -> bool {
        matches!(self, Self::Open | Self::Matched)
    }
}

/// Why the committee closed a request without a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CloseReason {
    /// Nobody in the pool fits, and nobody will soon.
    NoVolunteer,
    /// The same person has another request for the same thing.
    Duplicate,
    /// Not a real request.
    Spam,
}

impl CloseReason {
    pub const ALL: [Self; 3] = [Self::NoVolunteer, Self::Duplicate, Self::Spam];
    pub fn slug(self) -> &'static str {
        match self {
            Self::NoVolunteer => "no-volunteer",
            Self::Duplicate => "duplicate",
            Self::Spam => "spam",
        }
    }
    pub fn from_slug(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.slug() == raw)
    }
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

/// How a volunteer marks a referral after the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReferralOutcome {
    Done,
    NoShow,
}

impl ReferralOutcome {
    pub fn slug(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::NoShow => "no-show",
        }
    }
    pub fn from_slug(raw: &str) -> Option<Self> {
        match raw {
            "done" => Some(Self::Done),
            "no-show" => Some(Self::NoShow),
            _ => None,
        }
    }
    pub fn status(self) -> RequestStatus {
        match self {
            Self::Done => RequestStatus::Completed,
            Self::NoShow => RequestStatus::NoShow,
        }
    }
}

/// The day by which a request must be answered: `days` after it was made (rule 1: two
/// weeks by default).
pub fn deadline(created: DateTime<Utc>, days: u32) -> NaiveDate {
    (created + chrono::TimeDelta::days(i64::from(days))).date_naive()
}

/// Days left until the deadline (negative when overdue).
pub fn days_left(deadline: NaiveDate, today: NaiveDate) -> i64 {
    (deadline - today).num_days()
}

/// The first word of a name, for greetings and for what a volunteer sees of a requester.
pub fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Term;

    fn vocab() -> Vocabularies {
        let t = |s: &str| Term {
            slug: Slug::parse(s).unwrap(),
            label: s.to_owned(),
        };
        Vocabularies {
            roles: vec![t("records-manager"), t("public-librarian")],
            settings: vec![t("public-library")],
            regions: vec![t("central"), t("south")],
        }
    }

    fn good() -> RequestForm {
        RequestForm {
            name: "  Sam Rivera ".into(),
            email: "sam@example.org".into(),
            membership: "non-member".into(),
            background: "career-changer".into(),
            learning_goal: "How do records managers spend their week?".into(),
            roles: vec!["records-manager".into(), "records-manager".into()],
            settings: vec![],
            modes: vec!["in-person".into()],
            times: vec![],
            region: "central".into(),
            remote_ok: true,
            preferred_volunteer: "v0042".into(),
            availability: "Weekday evenings".into(),
            consent: true,
            website: String::new(),
        }
    }

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
        for s in [Open, Withdrawn, Closed] {
            assert_eq!(
                contact_shown(s, Some(now - days(1)), now, 30),
                ContactShown::No
            );
        }
    }

    #[test]
    fn a_complete_form_validates_and_is_trimmed() {
        let input = good().validate(&vocab()).unwrap();
        assert_eq!(input.name, "Sam Rivera");
        assert_eq!(input.background, Background::CareerChanger);
        assert_eq!(input.membership, Membership::NonMember);
        assert_eq!(input.needs.roles.len(), 1, "duplicates are dropped");
        assert_eq!(input.needs.region.as_ref().unwrap().as_str(), "central");
        assert_eq!(input.needs.preferred.as_deref(), Some("v0042"));
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let form = RequestForm {
            name: " ".into(),
            email: "not-an-email".into(),
            membership: String::new(),
            background: "astronaut".into(),
            learning_goal: "jobs?".into(),
            roles: vec!["chief-wizard".into()],
            modes: vec!["fax".into()],
            region: "atlantis".into(),
            preferred_volunteer: "../../etc".into(),
            availability: "x".repeat(AVAILABILITY_MAX + 1),
            consent: false,
            ..good()
        };
        let errors = form.validate(&vocab()).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(ValidationError::field).collect();
        assert_eq!(
            fields,
            vec![
                label::NAME,
                label::EMAIL,
                label::MEMBERSHIP,
                label::BACKGROUND,
                label::GOAL,
                label::ROLES,
                label::MODES,
                label::REGION,
                label::PREFERRED,
                label::AVAILABILITY,
                label::CONSENT,
            ]
        );
    }

    #[test]
    fn the_learning_goal_is_required_and_bounded() {
        let blank = RequestForm {
            learning_goal: "   ".into(),
            ..good()
        };
        assert_eq!(
            blank.validate(&vocab()).unwrap_err(),
            vec![ValidationError::Required {
                field: label::GOAL.into()
            }]
        );
        let long = RequestForm {
            learning_goal: "a".repeat(GOAL_MAX + 1),
            ..good()
        };
        assert!(matches!(
            long.validate(&vocab()).unwrap_err()[0],
            ValidationError::TooLong { .. }
        ));
        assert!(check_field("learning_goal", "short", NaiveDate::MIN).is_some());
        assert!(check_field("learning_goal", &"a".repeat(GOAL_MIN), NaiveDate::MIN).is_none());
    }

    #[test]
    fn optional_fields_may_be_empty() {
        let form = RequestForm {
            roles: vec![],
            modes: vec![],
            region: String::new(),
            preferred_volunteer: String::new(),
            availability: String::new(),
            ..good()
        };
        let input = form.validate(&vocab()).unwrap();
        assert_eq!(input.needs.preferred, None);
        assert_eq!(input.needs.acceptable_modes(), MeetingMode::ALL.to_vec());
    }

    #[test]
    fn weekly_windows_reduce_to_parts_of_the_week() {
        let w = |day, s: u16, e: u16| WeeklyWindow::new(day, s * 60, e * 60).unwrap();
        let of = |ws: &[WeeklyWindow]| TimeSlot::of_mask(TimeSlot::mask_of_windows(ws));
        assert_eq!(of(&[]), vec![]);
        assert_eq!(
            of(&[w(Weekday::Tue, 9, 11)]),
            vec![TimeSlot::WeekdayMorning]
        );
        assert_eq!(
            of(&[w(Weekday::Wed, 11, 13)]),
            vec![TimeSlot::WeekdayMorning, TimeSlot::WeekdayAfternoon],
            "a window across noon counts for both"
        );
        assert_eq!(
            of(&[w(Weekday::Thu, 12, 17)]),
            vec![TimeSlot::WeekdayAfternoon],
            "edges are exclusive"
        );
        assert_eq!(
            of(&[w(Weekday::Fri, 17, 19)]),
            vec![TimeSlot::WeekdayEvening]
        );
        assert_eq!(
            of(&[w(Weekday::Sat, 9, 19), w(Weekday::Sun, 10, 11)]),
            vec![TimeSlot::Weekend]
        );
        assert_eq!(
            of(&[w(Weekday::Mon, 8, 20)]),
            vec![
                TimeSlot::WeekdayMorning,
                TimeSlot::WeekdayAfternoon,
                TimeSlot::WeekdayEvening
            ]
        );
    }

    #[test]
    fn times_are_checked_and_kept_in_order() {
        let form = RequestForm {
            times: vec![
                "weekend".into(),
                "weekday-evening".into(),
                "weekend".into(),
                " ".into(),
            ],
            ..good()
        };
        let input = form.validate(&vocab()).unwrap();
        assert_eq!(
            input.needs.times,
            vec![TimeSlot::WeekdayEvening, TimeSlot::Weekend]
        );
        let bad = RequestForm {
            times: vec!["midnight".into()],
            ..good()
        };
        let errors = bad.validate(&vocab()).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .to_string()
                .contains("choose from the listed times"),
            "{}",
            errors[0]
        );
        for t in TimeSlot::ALL {
            assert_eq!(TimeSlot::from_slug(t.slug()), Some(t));
        }
    }

    #[test]
    fn remote_willingness_widens_the_modes() {
        let needs = RequestNeeds {
            modes: vec![MeetingMode::InPerson],
            remote_ok: false,
            ..Default::default()
        };
        assert_eq!(needs.acceptable_modes(), vec![MeetingMode::InPerson]);
        let remote = RequestNeeds {
            remote_ok: true,
            ..needs
        };
        assert_eq!(remote.acceptable_modes().len(), 4);
        let unpicked = RequestNeeds {
            modes: vec![],
            remote_ok: false,
            ..Default::default()
        };
        assert_eq!(
            unpicked.acceptable_modes(),
            vec![MeetingMode::InPerson],
            "no mode picked and not remote: in person only"
        );
        let anything = RequestNeeds {
            remote_ok: true,
            ..unpicked
        };
        assert_eq!(anything.acceptable_modes(), MeetingMode::ALL.to_vec());
    }

    #[test]
    fn deadlines_and_names() {
        let created = DateTime::parse_from_rfc3339("2026-11-20T23:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let due = deadline(created, 14);
        assert_eq!(due, NaiveDate::from_ymd_opt(2026, 12, 4).unwrap());
        assert_eq!(
            days_left(due, NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()),
            -2
        );
        assert_eq!(first_name("  Sam  Rivera"), "Sam");
        assert_eq!(first_name(""), "");
    }

    #[test]
    fn statuses_round_trip() {
        for s in RequestStatus::ALL {
            assert_eq!(RequestStatus::from_slug(s.slug()), Some(s));
        }
        assert!(RequestStatus::Matched.can_withdraw());
        assert!(!RequestStatus::Completed.can_withdraw());
        assert_eq!(
            ReferralOutcome::from_slug("no-show"),
            Some(ReferralOutcome::NoShow)
        );
        assert_eq!(ReferralOutcome::Done.status(), RequestStatus::Completed);
    }
}
