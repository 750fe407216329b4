//! The volunteer's profile editor: the form exactly as typed (so nothing is lost when it is
//! refused) and its validation into a complete profile. The same code checks the form in
//! the browser and on the server.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::validation::{
    choices, integer, optional_date, optional_linkedin_url, optional_phone, optional_text,
    required_text, time_of_day, EmailAddress, ValidationError,
};
use super::volunteer::{
    ContactDetails, DisplayName, MaxContacts, MinutesPerInterview, PublicProfile, Weekday,
    WeeklyWindow, YearsOfExperience, AVAILABILITY_NOTE_MAX, BIO_MAX, JOB_TITLE_MAX,
    SPECIALTIES_MAX, SPECIALTY_MAX,
};
use super::{MeetingMode, Slug, TermKind, Vocabularies};

/// Field labels: shown on the form and used as the `field` of validation errors, so each
/// error is placed next to its field.
pub mod label {
    pub const NAME: &str = "Name";
    pub const JOB_TITLE: &str = "Job title";
    pub const ROLES: &str = "Roles";
    pub const SETTING: &str = "Setting";
    pub const EMPLOYER: &str = "Employer";
    pub const REGION: &str = "Region";
    pub const YEARS: &str = "Years of experience";
    pub const BIO: &str = "About you";
    pub const SPECIALTIES: &str = "Specialties";
    pub const MODES: &str = "Meeting modes";
    pub const MINUTES: &str = "Minutes per conversation";
    pub const AVAILABILITY: &str = "Weekly availability";
    pub const AVAILABILITY_NOTE: &str = "Availability note";
    pub const PAUSED_UNTIL: &str = "Away until";
    pub const MAX_CONTACTS: &str = "Maximum number of contacts";
    pub const EMAIL: &str = "Contact email";
    pub const PHONE: &str = "Phone";
    pub const LINKEDIN: &str = "LinkedIn profile";
}

/// How many empty availability rows the form offers for new windows (it works without
/// JavaScript, so rows cannot be added on the page).
pub const BLANK_WINDOW_ROWS: usize = 3;
/// The most weekly windows a profile may have.
pub const MAX_WINDOWS: usize = 14;
/// How far ahead a pause may be set.
pub const MAX_PAUSE_DAYS: i64 = 366;

/// One availability row as typed: a weekday and two `HH:MM` times, all may be blank.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WindowForm {
    pub day: String,
    pub start: String,
    pub end: String,
}

impl WindowForm {
    fn is_blank(&self) -> bool {
        self.start.trim().is_empty() && self.end.trim().is_empty()
    }
}

/// The profile editor's fields, exactly as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    pub display_name: String,
    pub job_title: String,
    pub roles: Vec<String>,
    pub setting: String,
    pub employer: String,
    pub employer_hidden: bool,
    pub region: String,
    pub years_experience: String,
    pub bio: String,
    pub specialties: String,
    pub modes: Vec<String>,
    pub minutes_per_interview: String,
    pub windows: Vec<WindowForm>,
    pub availability_note: String,
    pub paused_until: String,
    pub max_contacts: String,
    pub welcome_further_contact: bool,
    pub email: String,
    pub phone: String,
    pub linkedin_url: String,
}

/// A valid profile: what gets stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileInput {
    pub display_name: DisplayName,
    pub job_title: String,
    pub roles: Vec<Slug>,
    pub setting: Slug,
    pub employer: Option<String>,
    pub employer_hidden: bool,
    pub region: Slug,
    pub years_experience: YearsOfExperience,
    pub bio: String,
    pub specialties: Vec<String>,
    pub modes: Vec<MeetingMode>,
    pub minutes_per_interview: MinutesPerInterview,
    pub availability: Vec<WeeklyWindow>,
    pub availability_note: String,
    pub paused_until: Option<NaiveDate>,
    pub max_contacts: MaxContacts,
    pub welcome_further_contact: bool,
    pub contact: ContactDetails,
}

impl ProfileForm {
    /// A form for someone creating their profile: sensible defaults and what their sign-in
    /// told us.
    pub fn new_for(name: &str, email: Option<&str>) -> Self {
        Self {
            display_name: name.to_owned(),
            email: email.unwrap_or_default().to_owned(),
            minutes_per_interview: "30".into(),
            max_contacts: "3".into(),
            modes: vec![MeetingMode::Video.slug().into()],
            ..Self::default()
        }
        .with_blank_rows()
    }

    /// The form for an existing profile.
    pub fn from_profile(
        profile: &PublicProfile,
        employer: Option<&str>,
        employer_hidden: bool,
        contact: &ContactDetails,
    ) -> Self {
        let hhmm = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
        Self {
            display_name: profile.display_name.clone(),
            job_title: profile.job_title.clone(),
            roles: profile.roles.iter().map(|r| r.to_string()).collect(),
            setting: profile.setting.to_string(),
            employer: employer.unwrap_or_default().to_owned(),
            employer_hidden,
            region: profile.region.to_string(),
            years_experience: profile.pool.years_experience.to_string(),
            bio: profile.bio.clone(),
            specialties: profile.specialties.join(", "),
            modes: profile.modes.iter().map(|m| m.slug().to_owned()).collect(),
            minutes_per_interview: profile.minutes_per_interview.to_string(),
            windows: profile
                .availability
                .iter()
                .map(|w| WindowForm {
                    day: w.day.slug().into(),
                    start: hhmm(w.start_minute),
                    end: hhmm(w.end_minute.min(23 * 60 + 59)),
                })
                .collect(),
            availability_note: profile.availability_note.clone(),
            paused_until: profile
                .pool
                .paused_until
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            max_contacts: profile.pool.max_contacts.to_string(),
            welcome_further_contact: profile.welcome_further_contact,
            email: contact.email.clone(),
            phone: contact.phone.clone().unwrap_or_default(),
            linkedin_url: contact.linkedin_url.clone().unwrap_or_default(),
        }
        .with_blank_rows()
    }

    /// Keeps the filled availability rows and adds blank ones to type new windows into.
    pub fn with_blank_rows(mut self) -> Self {
        self.windows.retain(|w| !w.is_blank());
        let blanks = BLANK_WINDOW_ROWS.min(MAX_WINDOWS.saturating_sub(self.windows.len()));
        self.windows
            .extend(std::iter::repeat_n(WindowForm::default(), blanks.max(1)));
        self
    }

    /// Checks every field; all problems are reported at once.
    pub fn validate(
        &self,
        vocab: &Vocabularies,
        today: NaiveDate,
    ) -> Result<ProfileInput, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let mut check = |r: Result<(), ValidationError>| {
            if let Err(e) = r {
                errors.push(e);
            }
        };
        macro_rules! field {
            ($e:expr) => {
                match $e {
                    Ok(v) => Some(v),
                    Err(e) => {
                        check(Err(e));
                        None
                    }
                }
            };
        }

        let display_name = field!(DisplayName::parse(&self.display_name));
        let job_title = field!(required_text(
            label::JOB_TITLE,
            &self.job_title,
            JOB_TITLE_MAX
        ));
        let roles = field!(terms(
            vocab,
            TermKind::Role,
            label::ROLES,
            &self.roles,
            true
        ));
        let setting = field!(term(
            vocab,
            TermKind::Setting,
            label::SETTING,
            &self.setting
        ));
        let employer = field!(optional_text(label::EMPLOYER, &self.employer, 120));
        let region = field!(term(vocab, TermKind::Region, label::REGION, &self.region));
        let years =
            field!(integer(label::YEARS, &self.years_experience).and_then(YearsOfExperience::new));
        let bio = field!(optional_text(label::BIO, &self.bio, BIO_MAX));
        let specialties = field!(specialties(&self.specialties));
        let modes = field!(modes(&self.modes));
        let minutes =
            field!(integer(label::MINUTES, &self.minutes_per_interview)
                .and_then(MinutesPerInterview::new));
        let availability = field!(windows(&self.windows));
        let note = field!(optional_text(
            label::AVAILABILITY_NOTE,
            &self.availability_note,
            AVAILABILITY_NOTE_MAX
        ));
        let paused_until = field!(pause(&self.paused_until, today));
        let max_contacts =
            field!(integer(label::MAX_CONTACTS, &self.max_contacts).and_then(MaxContacts::new));
        let email = field!(EmailAddress::parse(label::EMAIL, &self.email));
        let phone = field!(optional_phone(label::PHONE, &self.phone));
        let linkedin_url = field!(optional_linkedin_url(label::LINKEDIN, &self.linkedin_url));

        match (
            display_name,
            job_title,
            roles,
            setting,
            employer,
            region,
            years,
            bio,
            specialties,
            modes,
            minutes,
            availability,
            note,
            paused_until,
            max_contacts,
            email,
            phone,
            linkedin_url,
        ) {
            (
                Some(display_name),
                Some(job_title),
                Some(roles),
                Some(setting),
                Some(employer),
                Some(region),
                Some(years_experience),
                Some(bio),
                Some(specialties),
                Some(modes),
                Some(minutes_per_interview),
                Some(availability),
                Some(availability_note),
                Some(paused_until),
                Some(max_contacts),
                Some(email),
                Some(phone),
                Some(linkedin_url),
            ) if errors.is_empty() => Ok(ProfileInput {
                display_name,
                job_title,
                roles,
                setting,
                employer: (!employer.is_empty()).then_some(employer),
                employer_hidden: self.employer_hidden,
                region,
                years_experience,
                bio,
                specialties,
                modes,
                minutes_per_interview,
                availability,
                availability_note,
                paused_until,
                max_contacts,
                welcome_further_contact: self.welcome_further_contact,
                contact: ContactDetails {
                    email: email.as_str().to_owned(),
                    phone,
                    linkedin_url,
                },
            }),
            _ => Err(errors),
        }
    }
}

fn term(
    vocab: &Vocabularies,
    kind: TermKind,
    field: &str,
    raw: &str,
) -> Result<Slug, ValidationError> {
    let mut found = terms(vocab, kind, field, &[raw.to_owned()], true)?;
    Ok(found.remove(0))
}

fn terms(
    vocab: &Vocabularies,
    kind: TermKind,
    field: &str,
    raw: &[String],
    required: bool,
) -> Result<Vec<Slug>, ValidationError> {
    let out = choices(field, raw, "choose from the list", |r| {
        vocab.resolve(kind, r)
    })?;
    if required && out.is_empty() {
        return Err(ValidationError::Required {
            field: field.to_owned(),
        });
    }
    Ok(out)
}

fn modes(raw: &[String]) -> Result<Vec<MeetingMode>, ValidationError> {
    let mut out = choices(
        label::MODES,
        raw,
        "choose from the list",
        MeetingMode::from_slug,
    )?;
    if out.is_empty() {
        return Err(ValidationError::Invalid {
            field: label::MODES.into(),
            reason: "choose at least one way to meet".into(),
        });
    }
    out.sort_by_key(|m| MeetingMode::ALL.iter().position(|a| a == m));
    Ok(out)
}

/// The most characters the specialties field may hold: every specialty at its longest,
/// with a separator and a space between them. Anything longer is refused before it is
/// split, so the work per request stays bounded whatever is posted.
pub const SPECIALTIES_FIELD_MAX: usize = SPECIALTIES_MAX * (SPECIALTY_MAX + 2);

fn specialties(raw: &str) -> Result<Vec<String>, ValidationError> {
    let too_many = || ValidationError::Invalid {
        field: label::SPECIALTIES.into(),
        reason: format!("list at most {SPECIALTIES_MAX}, separated by commas"),
    };
    if raw.len() > SPECIALTIES_FIELD_MAX {
        let actual = raw.chars().count();
        if actual > SPECIALTIES_FIELD_MAX {
            return Err(ValidationError::TooLong {
                field: label::SPECIALTIES.into(),
                max: SPECIALTIES_FIELD_MAX,
                actual,
            });
        }
    }
    let mut out: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for s in raw
        .split([',', '\n', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let s = optional_text(label::SPECIALTIES, s, SPECIALTY_MAX).map_err(|_| {
            ValidationError::Invalid {
                field: label::SPECIALTIES.into(),
                reason: format!("each specialty may have at most {SPECIALTY_MAX} characters"),
            }
        })?;
        if seen.insert(s.to_lowercase()) {
            out.push(s);
            if out.len() > SPECIALTIES_MAX {
                return Err(too_many());
            }
        }
    }
    Ok(out)
}

fn windows(rows: &[WindowForm]) -> Result<Vec<WeeklyWindow>, ValidationError> {
    let invalid = |reason: String| ValidationError::Invalid {
        field: label::AVAILABILITY.into(),
        reason,
    };
    // Bounded before any per-row work: a posted form can carry any number of rows.
    if rows
        .iter()
        .filter(|r| !r.is_blank())
        .nth(MAX_WINDOWS)
        .is_some()
    {
        return Err(invalid(format!("give at most {MAX_WINDOWS} weekly times")));
    }
    let mut out: Vec<WeeklyWindow> = Vec::new();
    for row in rows.iter().filter(|r| !r.is_blank()) {
        let day = Weekday::from_slug(row.day.trim())
            .ok_or_else(|| invalid("choose a day for each time you fill in".into()))?;
        if row.start.trim().is_empty() || row.end.trim().is_empty() {
            return Err(invalid(format!(
                "give both a start and an end time on {}",
                day.label()
            )));
        }
        let start = time_of_day(label::AVAILABILITY, &row.start)?;
        let end = time_of_day(label::AVAILABILITY, &row.end)?;
        let window = WeeklyWindow::new(day, start, end).map_err(|_| {
            invalid(format!(
                "on {} the end time must come after the start time",
                day.label()
            ))
        })?;
        if out
            .iter()
            .any(|w| w.day == day && w.start_minute < end && start < w.end_minute)
        {
            return Err(invalid(format!("two times overlap on {}", day.label())));
        }
        out.push(window);
    }
    out.sort_by_key(|w| (w.day, w.start_minute));
    Ok(out)
}

fn pause(raw: &str, today: NaiveDate) -> Result<Option<NaiveDate>, ValidationError> {
    let Some(date) = optional_date(label::PAUSED_UNTIL, raw)? else {
        return Ok(None);
    };
    if date <= today {
        // A date already reached means "not away": nothing to store.
        return Err(ValidationError::Invalid {
            field: label::PAUSED_UNTIL.into(),
            reason: "choose a date after today, or leave it empty if you are not away".into(),
        });
    }
    if (date - today).num_days() > MAX_PAUSE_DAYS {
        return Err(ValidationError::Invalid {
            field: label::PAUSED_UNTIL.into(),
            reason: "choose a date within a year; you can extend it later".into(),
        });
    }
    Ok(Some(date))
}

/// Checks one text field as it is typed (the browser's inline validation); `key` is the
/// field's name in [`ProfileForm`]. The same rules as [`ProfileForm::validate`].
pub fn check_field(key: &str, raw: &str, today: NaiveDate) -> Option<ValidationError> {
    let result = match key {
        "display_name" => DisplayName::parse(raw).map(drop),
        "job_title" => required_text(label::JOB_TITLE, raw, JOB_TITLE_MAX).map(drop),
        "employer" => optional_text(label::EMPLOYER, raw, 120).map(drop),
        "years_experience" => integer(label::YEARS, raw)
            .and_then(YearsOfExperience::new)
            .map(drop),
        "bio" => optional_text(label::BIO, raw, BIO_MAX).map(drop),
        "specialties" => specialties(raw).map(drop),
        "minutes_per_interview" => integer(label::MINUTES, raw)
            .and_then(MinutesPerInterview::new)
            .map(drop),
        "availability_note" => {
            optional_text(label::AVAILABILITY_NOTE, raw, AVAILABILITY_NOTE_MAX).map(drop)
        }
        "paused_until" => pause(raw, today).map(drop),
        "max_contacts" => integer(label::MAX_CONTACTS, raw)
            .and_then(MaxContacts::new)
            .map(drop),
        "email" => EmailAddress::parse(label::EMAIL, raw).map(drop),
        "phone" => optional_phone(label::PHONE, raw).map(drop),
        "linkedin_url" => optional_linkedin_url(label::LINKEDIN, raw).map(drop),
        _ => Ok(()),
    };
    result.err()
}

/// The first error about `field`, for showing next to it.
pub fn error_for<'a>(errors: &'a [ValidationError], field: &str) -> Option<&'a ValidationError> {
    errors.iter().find(|e| e.field() == field)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabularies {
        Vocabularies::of_slugs(
            &["academic-librarian", "records-manager"],
            &["public-library"],
            &["central"],
        )
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn good() -> ProfileForm {
        ProfileForm {
            display_name: " Ada Lovelace ".into(),
            job_title: "Records manager".into(),
            roles: vec!["records-manager".into(), "records-manager".into()],
            setting: "public-library".into(),
            employer: "City Library".into(),
            employer_hidden: true,
            region: "central".into(),
            years_experience: "12".into(),
            bio: "I keep records.".into(),
            specialties: "retention, digitization,, Retention".into(),
            modes: vec!["video".into(), "phone".into()],
            minutes_per_interview: "45".into(),
            windows: vec![
                WindowForm {
                    day: "tue".into(),
                    start: "13:00".into(),
                    end: "15:00".into(),
                },
                WindowForm {
                    day: "mon".into(),
                    start: "09:00".into(),
                    end: "10:30".into(),
                },
                WindowForm::default(),
            ],
            availability_note: "Not in August".into(),
            paused_until: "2026-12-10".into(),
            max_contacts: "4".into(),
            welcome_further_contact: true,
            email: "ada@example.org".into(),
            phone: "+1 555 010 2030".into(),
            linkedin_url: "https://www.linkedin.com/in/ada".into(),
        }
    }

    #[test]
    fn a_complete_form_validates() {
        let p = good().validate(&vocab(), today()).unwrap();
        assert_eq!(p.display_name.as_str(), "Ada Lovelace");
        assert_eq!(p.roles.len(), 1, "duplicates are dropped");
        assert_eq!(p.specialties, vec!["retention", "digitization"]);
        assert_eq!(p.modes, vec![MeetingMode::Phone, MeetingMode::Video]);
        assert_eq!(p.availability[0].day, Weekday::Mon, "sorted by day");
        assert_eq!(p.availability[0].end_minute, 630);
        assert_eq!(p.availability.len(), 2, "blank rows are ignored");
        assert_eq!(p.paused_until, NaiveDate::from_ymd_opt(2026, 12, 10));
        assert_eq!(p.max_contacts.get(), 4);
        assert_eq!(
            p.contact.linkedin_url.as_deref(),
            Some("https://www.linkedin.com/in/ada")
        );
        assert!(p.employer_hidden);
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let form = ProfileForm {
            display_name: "  ".into(),
            roles: vec![],
            setting: "moon-base".into(),
            years_experience: "lots".into(),
            modes: vec![],
            minutes_per_interview: "90".into(),
            max_contacts: "-1".into(),
            email: "not-an-email".into(),
            paused_until: "2026-11-01".into(),
            ..good()
        };
        let errors = form.validate(&vocab(), today()).unwrap_err();
        for field in [
            label::NAME,
            label::ROLES,
            label::SETTING,
            label::YEARS,
            label::MODES,
            label::MINUTES,
            label::MAX_CONTACTS,
            label::EMAIL,
            label::PAUSED_UNTIL,
        ] {
            assert!(
                error_for(&errors, field).is_some(),
                "no error for {field}: {errors:?}"
            );
        }
        assert!(error_for(&errors, label::JOB_TITLE).is_none());
        assert_eq!(errors.len(), 9);
    }

    #[test]
    fn availability_rows_are_checked() {
        let with = |rows: Vec<(&str, &str, &str)>| ProfileForm {
            windows: rows
                .into_iter()
                .map(|(d, s, e)| WindowForm {
                    day: d.into(),
                    start: s.into(),
                    end: e.into(),
                })
                .collect(),
            ..good()
        };
        let err = |f: ProfileForm| {
            let errors = f.validate(&vocab(), today()).unwrap_err();
            error_for(&errors, label::AVAILABILITY).unwrap().to_string()
        };
        assert!(err(with(vec![("mon", "10:00", "09:00")])).contains("after the start"));
        assert!(err(with(vec![("mon", "10:00", "")])).contains("both"));
        assert!(err(with(vec![("", "10:00", "11:00")])).contains("choose a day"));
        assert!(err(with(vec![
            ("mon", "09:00", "11:00"),
            ("mon", "10:00", "12:00")
        ]))
        .contains("overlap"));
        assert!(
            with(vec![("mon", "09:00", "10:00"), ("mon", "10:00", "11:00")])
                .validate(&vocab(), today())
                .is_ok()
        );
    }

    #[test]
    fn pause_dates_must_be_ahead_and_within_a_year() {
        let at = |d: &str| ProfileForm {
            paused_until: d.into(),
            ..good()
        };
        assert!(at("")
            .validate(&vocab(), today())
            .unwrap()
            .paused_until
            .is_none());
        assert!(at("2026-11-23").validate(&vocab(), today()).is_err());
        assert!(at("2026-11-24").validate(&vocab(), today()).is_ok());
        assert!(at("2028-01-01").validate(&vocab(), today()).is_err());
    }

    #[test]
    fn too_many_specialties_or_too_long() {
        let many = (0..13)
            .map(|i| format!("s{i}"))
            .collect::<Vec<_>>()
            .join(",");
        let f = ProfileForm {
            specialties: many,
            ..good()
        };
        assert!(f.validate(&vocab(), today()).is_err());
        let f = ProfileForm {
            specialties: "x".repeat(61),
            ..good()
        };
        assert!(f.validate(&vocab(), today()).is_err());
    }

    #[test]
    fn a_huge_specialties_list_is_refused_quickly() {
        // 400,000 distinct items (about 2 MiB): once quadratic, minutes of CPU per request.
        let huge = (0..400_000)
            .map(|i| format!("{i:x}"))
            .collect::<Vec<_>>()
            .join(",");
        assert!(matches!(
            specialties(&huge),
            Err(ValidationError::TooLong {
                max: SPECIALTIES_FIELD_MAX,
                ..
            })
        ));
        // The whole field is bounded, not only what survives splitting.
        let padded = format!("{}archives", ",".repeat(SPECIALTIES_FIELD_MAX));
        assert!(matches!(
            specialties(&padded),
            Err(ValidationError::TooLong { .. })
        ));
        // Just over the count, short enough to be split: refused as soon as the 13th is seen.
        let thirteen = (0..13)
            .map(|i| format!("s{i}"))
            .collect::<Vec<_>>()
            .join(",");
        assert!(specialties(&thirteen).is_err());
        // Duplicates (any case) count once.
        let dup = (0..30)
            .map(|i| if i % 2 == 0 { "Archives" } else { "archives" })
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(specialties(&dup).unwrap(), vec!["Archives".to_owned()]);
        // Many blank rows are fine; many filled ones are refused before they are parsed.
        let rows = vec![
            WindowForm {
                day: "mon".into(),
                start: "09:00".into(),
                end: "10:00".into()
            };
            100_000
        ];
        assert!(windows(&rows).unwrap_err().to_string().contains("at most"));
    }

    #[test]
    fn an_existing_profile_round_trips_through_the_form() {
        let input = good().validate(&vocab(), today()).unwrap();
        let profile = PublicProfile {
            id: "ada".into(),
            display_name: input.display_name.as_str().into(),
            job_title: input.job_title.clone(),
            roles: input.roles.clone(),
            setting: input.setting.clone(),
            employer: None,
            region: input.region.clone(),
            bio: input.bio.clone(),
            specialties: input.specialties.clone(),
            modes: input.modes.clone(),
            minutes_per_interview: input.minutes_per_interview.get(),
            availability: input.availability.clone(),
            availability_note: input.availability_note.clone(),
            welcome_further_contact: input.welcome_further_contact,
            pool: crate::domain::PoolFacts {
                listed: true,
                years_experience: input.years_experience.get(),
                paused_until: input.paused_until,
                max_contacts: input.max_contacts.get(),
                contacts_used: 0,
                last_matched: None,
            },
        };
        let form = ProfileForm::from_profile(&profile, Some("City Library"), true, &input.contact);
        assert_eq!(form.windows.len(), 2 + BLANK_WINDOW_ROWS);
        assert_eq!(form.validate(&vocab(), today()).unwrap(), input);
    }

    #[test]
    fn fields_are_checked_one_at_a_time_like_the_whole_form() {
        let form = ProfileForm {
            email: "nope".into(),
            max_contacts: "500".into(),
            ..good()
        };
        let whole = form.validate(&vocab(), today()).unwrap_err();
        assert_eq!(
            check_field("email", "nope", today()).as_ref(),
            error_for(&whole, label::EMAIL)
        );
        assert_eq!(
            check_field("max_contacts", "500", today()).as_ref(),
            error_for(&whole, label::MAX_CONTACTS)
        );
        assert_eq!(check_field("email", "ada@example.org", today()), None);
        assert!(check_field("paused_until", "2026-11-01", today()).is_some());
        assert_eq!(check_field("unknown", "x", today()), None);
    }

    #[test]
    fn a_new_form_has_blank_rows_and_defaults() {
        let f = ProfileForm::new_for("Ada", Some("ada@example.org"));
        assert_eq!(f.windows.len(), BLANK_WINDOW_ROWS);
        assert_eq!(f.email, "ada@example.org");
        assert_eq!(f.minutes_per_interview, "30");
    }
}
