//! The request form exactly as typed (so nothing is lost when it is refused), and its
//! validation: the same code in the browser and on the server.

use serde::{Deserialize, Serialize};

use super::needs::{RequestNeeds, TimeSlot};
use crate::domain::choice::choice;
use crate::domain::validation::{
    choices, optional_text, required_text, EmailAddress, ValidationError,
};
use crate::domain::{MeetingMode, Slug, TermKind, Vocabularies};

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

choice! {
    /// Whether the requester belongs to the association (no eligibility depends on it).
    pub enum Membership in "kebab-case" {
        Member,
        NonMember,
        NotSure,
    }
}

impl Membership {
    pub fn label(self) -> &'static str {
        match self {
            Self::Member => "I am a member",
            Self::NonMember => "I am not a member",
            Self::NotSure => "I am not sure",
        }
    }
}

choice! {
    /// Where the requester is coming from.
    pub enum Background in "kebab-case" {
        Student,
        RecentGraduate,
        CareerChanger,
        WorkingProfessional,
        Other,
    }
}

impl Background {
    pub fn label(self) -> &'static str {
        match self {
            Self::Student => "Student",
            Self::RecentGraduate => "Recent graduate",
            Self::CareerChanger => "Career changer",
            Self::WorkingProfessional => "Working professional",
            Self::Other => "Other",
        }
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

    /// A form filled from an earlier request, for someone who asked for another
    /// conversation: everything but the preferred volunteer, and the guidelines to agree
    /// to again. The learning goal is kept for them to change.
    pub fn again(previous: &RequestInput) -> Self {
        let needs = &previous.needs;
        Self {
            name: previous.name.clone(),
            email: previous.email.as_str().to_owned(),
            membership: previous.membership.slug().into(),
            background: previous.background.slug().into(),
            learning_goal: previous.learning_goal.clone(),
            roles: needs.roles.iter().map(Slug::to_string).collect(),
            settings: needs.settings.iter().map(Slug::to_string).collect(),
            modes: needs.modes.iter().map(|m| m.slug().to_owned()).collect(),
            times: needs.times.iter().map(|t| t.slug().to_owned()).collect(),
            region: needs
                .region
                .as_ref()
                .map(Slug::to_string)
                .unwrap_or_default(),
            remote_ok: needs.remote_ok,
            preferred_volunteer: String::new(),
            availability: previous.availability.clone(),
            consent: false,
            website: String::new(),
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
    if let Some(key) = crate::domain::ids::VolunteerKey::parse(raw) {
        Ok(Some(key.into()))
    } else {
        Err(ValidationError::Invalid {
            field: label::PREFERRED.into(),
            reason: "that volunteer is not one we know; pick again from the volunteers page or leave it empty".into(),
        })
    }
}

/// Checks one text field as it is being typed, with the rules of [`RequestForm::validate`].
/// `key` is the field's name in the form.
pub fn check_field(key: &str, raw: &str) -> Option<ValidationError> {
    match key {
        "name" => required_text(label::NAME, raw, NAME_MAX).err(),
        "email" => EmailAddress::parse(label::EMAIL, raw).err(),
        "learning_goal" => learning_goal(raw).err(),
        "availability" => optional_text(label::AVAILABILITY, raw, AVAILABILITY_MAX).err(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabularies {
        Vocabularies::of_slugs(
            &["records-manager", "public-librarian"],
            &["public-library"],
            &["central", "south"],
        )
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
    fn another_request_starts_from_the_last_one_but_asks_for_consent_again() {
        let input = good().validate(&vocab()).unwrap();
        let again = RequestForm::again(&input);
        assert!(!again.consent);
        assert_eq!(again.preferred_volunteer, "");
        assert_eq!(again.name, "Sam Rivera");
        assert_eq!(again.roles, ["records-manager"]);
        assert_eq!(again.region, "central");
        // Agreeing to the guidelines again is all it takes to send it (without the
        // earlier preferred volunteer).
        let sent = RequestForm {
            consent: true,
            ..again
        }
        .validate(&vocab())
        .unwrap();
        assert_eq!(
            sent,
            RequestInput {
                needs: RequestNeeds {
                    preferred: None,
                    ..input.needs.clone()
                },
                ..input
            }
        );
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
        assert!(check_field("learning_goal", "short").is_some());
        assert!(check_field("learning_goal", &"a".repeat(GOAL_MIN)).is_none());
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
        for &t in TimeSlot::ALL {
            assert_eq!(TimeSlot::from_slug(t.slug()), Some(t));
        }
    }
}
