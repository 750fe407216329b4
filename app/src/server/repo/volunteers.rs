//! Volunteer profiles and their separately stored contact details.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{key_of, Db, RepoError};
use crate::domain::{MeetingMode, PoolFacts, PublicProfile, Slug, Weekday, WeeklyWindow};

#[derive(Debug, Clone, SurrealValue)]
struct WindowRow {
    day: String,
    start_minute: i64,
    end_minute: i64,
}

/// A `volunteer` row as stored; the public fields only (contact details live in
/// `volunteer_contact`, which this module reads only for entitled callers).
#[derive(Debug, Clone, SurrealValue)]
struct VolunteerRow {
    id: RecordId,
    display_name: String,
    job_title: String,
    roles: Vec<String>,
    setting: String,
    employer: Option<String>,
    employer_hidden: bool,
    region: String,
    years_experience: i64,
    bio: String,
    specialties: Vec<String>,
    meeting_modes: Vec<String>,
    minutes_per_interview: i64,
    availability: Vec<WindowRow>,
    availability_note: String,
    paused_until: Option<DateTime<Utc>>,
    max_contacts: i64,
    contacts_used: i64,
    last_matched_at: Option<DateTime<Utc>>,
    welcome_further_contact: bool,
    listed: bool,
}

/// The columns of [`VolunteerRow`] (never anything from `volunteer_contact`).
macro_rules! volunteer_columns {
    () => {
        "SELECT id, display_name, job_title, roles, setting, employer, employer_hidden, region, \
         years_experience, bio, specialties, meeting_modes, minutes_per_interview, availability, \
         availability_note, paused_until, max_contacts, contacts_used, last_matched_at, \
         welcome_further_contact, listed FROM "
    };
}

/// Reads the public fields of every listed volunteer; never touches `volunteer_contact`.
const SELECT_LISTED: &str = concat!(volunteer_columns!(), "volunteer WHERE listed = true");
/// One volunteer, `$id`.
const SELECT_ONE: &str = concat!(volunteer_columns!(), "$id");
/// A page of every volunteer, by name.
const SELECT_PAGE: &str = concat!(
    volunteer_columns!(),
    "volunteer ORDER BY display_name COLLATE, id LIMIT $limit START $start"
);

impl VolunteerRow {
    fn into_profile(self) -> Result<PublicProfile, RepoError> {
        let id = key_of(&self.id);
        let corrupt = |reason: String| RepoError::Corrupt {
            table: "volunteer",
            id: id.clone(),
            reason,
        };
        let slug = |s: &str| Slug::parse(s).map_err(|e| corrupt(format!("{s:?}: {e}")));
        let roles = self
            .roles
            .iter()
            .map(|r| slug(r))
            .collect::<Result<_, _>>()?;
        let modes = self
            .meeting_modes
            .iter()
            .map(|m| MeetingMode::from_slug(m).ok_or_else(|| corrupt(format!("mode {m:?}"))))
            .collect::<Result<_, _>>()?;
        let availability = self
            .availability
            .iter()
            .map(|w| {
                let day = Weekday::from_slug(&w.day)
                    .ok_or_else(|| corrupt(format!("day {:?}", w.day)))?;
                let minute = |m: i64| u16::try_from(m).map_err(|_| corrupt(format!("minute {m}")));
                WeeklyWindow::new(day, minute(w.start_minute)?, minute(w.end_minute)?)
                    .map_err(|e| corrupt(e.to_string()))
            })
            .collect::<Result<_, _>>()?;
        let small =
            |v: i64, what: &str| u32::try_from(v).map_err(|_| corrupt(format!("{what} {v}")));
        Ok(PublicProfile {
            display_name: self.display_name,
            job_title: self.job_title,
            roles,
            setting: slug(&self.setting)?,
            employer: if self.employer_hidden {
                None
            } else {
                self.employer
            },
            region: slug(&self.region)?,
            bio: self.bio,
            specialties: self.specialties,
            modes,
            minutes_per_interview: small(self.minutes_per_interview, "minutes")? as u16,
            availability,
            availability_note: self.availability_note,
            welcome_further_contact: self.welcome_further_contact,
            pool: PoolFacts {
                listed: self.listed,
                years_experience: small(self.years_experience, "years")? as u16,
                paused_until: self.paused_until.map(|d| d.date_naive()),
                max_contacts: small(self.max_contacts, "max_contacts")?,
                contacts_used: small(self.contacts_used, "contacts_used")?,
                last_matched: self.last_matched_at.map(|d| d.date_naive()),
            },
            id,
        })
    }
}

/// Every listed volunteer's public profile.
pub async fn load_public_profiles(db: &Db) -> Result<Vec<PublicProfile>, RepoError> {
    let rows: Vec<VolunteerRow> = db.query(SELECT_LISTED).await?.check()?.take(0)?;
    rows.into_iter().map(VolunteerRow::into_profile).collect()
}

/// Volunteers written since `since` (listed or not, as they are now), and whether anyone
/// left the program since: what another app copy may have changed.
pub async fn changed_since(
    db: &Db,
    since: chrono::DateTime<chrono::Utc>,
) -> Result<(Vec<PublicProfile>, bool), RepoError> {
    let mut res = db
        .query(concat!(
            volunteer_columns!(),
            "volunteer WHERE updated_at > $since"
        ))
        .query("RETURN count(SELECT VALUE id FROM volunteer_departure WHERE left_on > $since) > 0")
        .bind(("since", since))
        .await?
        .check()?;
    let rows: Vec<VolunteerRow> = res.take(0)?;
    let departed: Option<bool> = res.take(1)?;
    // A row that cannot be read is logged and left out, so that one bad row does not
    // stop every later sync.
    let profiles = rows
        .into_iter()
        .filter_map(|r| {
            r.into_profile()
                .map_err(|e| tracing::error!(error = %e, "skipping an unreadable volunteer row"))
                .ok()
        })
        .collect();
    Ok((profiles, departed.unwrap_or(false)))
}

/// The keys of every listed volunteer.
pub async fn listed_keys(db: &Db) -> Result<Vec<String>, RepoError> {
    let ids: Vec<RecordId> = db
        .query("SELECT VALUE id FROM volunteer WHERE listed = true")
        .await?
        .check()?
        .take(0)?;
    Ok(ids.iter().map(super::key_of).collect())
}

/// How many volunteer rows exist (listed or not).
pub async fn count(db: &Db) -> Result<u64, RepoError> {
    let n: Option<i64> = db
        .query("RETURN count(SELECT VALUE id FROM volunteer)")
        .await?
        .check()?
        .take(0)?;
    Ok(n.unwrap_or(0).max(0) as u64)
}

pub use crate::domain::ContactDetails;

/// A complete new volunteer, as the seed command (and later sign-up) writes it.
#[derive(Debug, Clone)]
pub struct NewVolunteer {
    pub profile: PublicProfile,
    /// Kept even when hidden from the public profile.
    pub employer: Option<String>,
    pub employer_hidden: bool,
    pub contact: ContactDetails,
}

/// A volunteer's contact details as the database reads and writes them (in
/// `volunteer_contact`, and as the copy shown to a matched requester in `request`); the
/// domain's [`ContactDetails`] knows nothing of the database.
#[derive(Debug, Clone, SurrealValue)]
pub(super) struct ContactRow {
    email: String,
    phone: Option<String>,
    linkedin_url: Option<String>,
}

impl From<&ContactDetails> for ContactRow {
    fn from(c: &ContactDetails) -> Self {
        Self {
            email: c.email.clone(),
            phone: c.phone.clone(),
            linkedin_url: c.linkedin_url.clone(),
        }
    }
}

impl From<ContactRow> for ContactDetails {
    fn from(row: ContactRow) -> Self {
        Self {
            email: row.email,
            phone: row.phone,
            linkedin_url: row.linkedin_url,
        }
    }
}

/// A new `volunteer_contact` record.
#[derive(Debug, SurrealValue)]
struct NewContactRow {
    id: RecordId,
    volunteer: RecordId,
    email: String,
    phone: Option<String>,
    linkedin_url: Option<String>,
}

fn window_rows(windows: &[WeeklyWindow]) -> Vec<WindowRow> {
    windows
        .iter()
        .map(|w| WindowRow {
            day: w.day.slug().into(),
            start_minute: w.start_minute.into(),
            end_minute: w.end_minute.into(),
        })
        .collect()
}

fn row_of(v: &NewVolunteer) -> VolunteerRow {
    let p = &v.profile;
    VolunteerRow {
        id: RecordId::new("volunteer", p.id.as_str()),
        display_name: p.display_name.clone(),
        job_title: p.job_title.clone(),
        roles: p.roles.iter().map(Slug::to_string).collect(),
        setting: p.setting.to_string(),
        employer: v.employer.clone(),
        employer_hidden: v.employer_hidden,
        region: p.region.to_string(),
        years_experience: p.pool.years_experience.into(),
        bio: p.bio.clone(),
        specialties: p.specialties.clone(),
        meeting_modes: p.modes.iter().map(|m| m.slug().to_owned()).collect(),
        minutes_per_interview: p.minutes_per_interview.into(),
        availability: window_rows(&p.availability),
        availability_note: p.availability_note.clone(),
        paused_until: p.pool.paused_until.map(super::midnight_utc),
        max_contacts: p.pool.max_contacts.into(),
        contacts_used: p.pool.contacts_used.into(),
        last_matched_at: p.pool.last_matched.map(super::midnight_utc),
        welcome_further_contact: p.welcome_further_contact,
        listed: p.pool.listed,
    }
}

/// Inserts volunteers and their contact details in one transaction.
pub async fn insert_many(db: &Db, volunteers: &[NewVolunteer]) -> Result<(), RepoError> {
    let rows: Vec<VolunteerRow> = volunteers.iter().map(row_of).collect();
    let contacts: Vec<NewContactRow> = volunteers
        .iter()
        .map(|v| NewContactRow {
            id: RecordId::new("volunteer_contact", v.profile.id.as_str()),
            volunteer: RecordId::new("volunteer", v.profile.id.as_str()),
            email: v.contact.email.clone(),
            phone: v.contact.phone.clone(),
            linkedin_url: v.contact.linkedin_url.clone(),
        })
        .collect();
    db.query(
        "BEGIN TRANSACTION;
         INSERT INTO volunteer $rows RETURN NONE;
         INSERT INTO volunteer_contact $contacts RETURN NONE;
         COMMIT TRANSACTION;",
    )
    .bind(("rows", rows))
    .bind(("contacts", contacts))
    .await?
    .check()?;
    Ok(())
}

/// Deletes every volunteer and their contact details (the seed command's `--reset`).
pub async fn delete_all(db: &Db) -> Result<(), RepoError> {
    db.query("BEGIN TRANSACTION; DELETE volunteer_contact; DELETE volunteer; COMMIT TRANSACTION;")
        .await?
        .check()?;
    Ok(())
}

// ----- a volunteer's own profile (self-service) -----

/// A volunteer's profile as they themselves see it: with the employer even when hidden,
/// and their contact details.
#[derive(Debug, Clone)]
pub struct OwnProfile {
    pub profile: PublicProfile,
    pub employer: Option<String>,
    pub employer_hidden: bool,
    pub contact: Option<ContactDetails>,
}

/// The volunteer `key` with their private fields, if they exist.
pub async fn load_own(db: &Db, key: &str) -> Result<Option<OwnProfile>, RepoError> {
    let mut res = db
        .query(SELECT_ONE)
        .query("SELECT email, phone, linkedin_url FROM volunteer_contact WHERE volunteer = $id")
        .bind(("id", RecordId::new("volunteer", key)))
        .await?
        .check()?;
    let rows: Vec<VolunteerRow> = res.take(0)?;
    let contacts: Vec<ContactRow> = res.take(1)?;
    let Some(row) = rows.into_iter().next() else {
        return Ok(None);
    };
    let employer = row.employer.clone();
    let employer_hidden = row.employer_hidden;
    Ok(Some(OwnProfile {
        profile: row.into_profile()?,
        employer,
        employer_hidden,
        contact: contacts.into_iter().next().map(ContactDetails::from),
    }))
}

/// The public profile of volunteer `key` (listed or not), for refreshing the read model.
pub async fn load_public(db: &Db, key: &str) -> Result<Option<PublicProfile>, RepoError> {
    let rows: Vec<VolunteerRow> = db
        .query(SELECT_ONE)
        .bind(("id", RecordId::new("volunteer", key)))
        .await?
        .check()?
        .take(0)?;
    rows.into_iter()
        .next()
        .map(VolunteerRow::into_profile)
        .transpose()
}

/// The fields a volunteer edits (never `contacts_used`, `listed` or the id).
#[derive(Debug, SurrealValue)]
struct EditableFields {
    display_name: String,
    job_title: String,
    roles: Vec<String>,
    setting: String,
    employer: Option<String>,
    employer_hidden: bool,
    region: String,
    years_experience: i64,
    bio: String,
    specialties: Vec<String>,
    meeting_modes: Vec<String>,
    minutes_per_interview: i64,
    availability: Vec<WindowRow>,
    availability_note: String,
    paused_until: Option<DateTime<Utc>>,
    max_contacts: i64,
    welcome_further_contact: bool,
}

fn editable(p: &crate::domain::ProfileInput) -> EditableFields {
    EditableFields {
        display_name: p.display_name.as_str().to_owned(),
        job_title: p.job_title.clone(),
        roles: p.roles.iter().map(Slug::to_string).collect(),
        setting: p.setting.to_string(),
        employer: p.employer.clone(),
        employer_hidden: p.employer_hidden,
        region: p.region.to_string(),
        years_experience: p.years_experience.get().into(),
        bio: p.bio.clone(),
        specialties: p.specialties.clone(),
        meeting_modes: p.modes.iter().map(|m| m.slug().to_owned()).collect(),
        minutes_per_interview: p.minutes_per_interview.get().into(),
        availability: window_rows(&p.availability),
        availability_note: p.availability_note.clone(),
        paused_until: p.paused_until.map(super::midnight_utc),
        max_contacts: p.max_contacts.get().into(),
        welcome_further_contact: p.welcome_further_contact,
    }
}

/// Why a self-service write did not happen.
#[derive(Debug, PartialEq, Eq)]
pub enum ProfileWrite {
    Done,
    /// The account already has a profile (a second "create" raced the first).
    AlreadyHasProfile,
    /// The profile is gone (its volunteer left the program meanwhile).
    Gone,
}

impl ProfileWrite {
    /// The outcome of a self-service write transaction: done, or refused by its `THROW`.
    fn of(res: Result<surrealdb::IndexedResults, surrealdb::Error>) -> Result<Self, RepoError> {
        match res.and_then(super::checked) {
            Ok(_) => Ok(Self::Done),
            Err(e) => match super::Refusal::from_error(&e) {
                Some(super::Refusal::AlreadyHasProfile) => Ok(Self::AlreadyHasProfile),
                Some(super::Refusal::VolunteerGone) => Ok(Self::Gone),
                _ => Err(e.into()),
            },
        }
    }
}

/// Creates volunteer `key` for `account_key`, with contact details, linking it to the
/// account — all or nothing. An account never gets two profiles.
pub async fn create_for_account(
    db: &Db,
    account_key: &str,
    key: &str,
    input: &crate::domain::ProfileInput,
) -> Result<ProfileWrite, RepoError> {
    let vid = RecordId::new("volunteer", key);
    let res = db
        .query(
            "BEGIN TRANSACTION;
             LET $linked = UPDATE $account SET volunteer = $vid WHERE volunteer = NONE RETURN VALUE id;
             IF array::len($linked) = 0 { THROW 'cc:already-has-profile' };
             CREATE $vid CONTENT $fields RETURN NONE;
             CREATE $cid SET volunteer = $vid, email = $contact.email, phone = $contact.phone,
                 linkedin_url = $contact.linkedin_url RETURN NONE;
             COMMIT TRANSACTION;",
        )
        .bind(("account", RecordId::new("account", account_key)))
        .bind(("vid", vid))
        .bind(("cid", RecordId::new("volunteer_contact", key)))
        .bind(("fields", editable(input)))
        .bind(("contact", ContactRow::from(&input.contact)))
        .await;
    ProfileWrite::of(res)
}

/// Replaces the editable fields and the contact details of volunteer `key`.
/// [`ProfileWrite::Gone`] when the profile no longer exists (the volunteer left in another
/// window meanwhile): nothing is written, so no contact details outlive the departure.
pub async fn update_own(
    db: &Db,
    key: &str,
    input: &crate::domain::ProfileInput,
) -> Result<ProfileWrite, RepoError> {
    let vid = RecordId::new("volunteer", key);
    let res = db
        .query(
            "BEGIN TRANSACTION;
             IF (SELECT VALUE id FROM ONLY $vid) = NONE { THROW 'cc:volunteer-gone' };
             UPDATE $vid MERGE $fields RETURN NONE;
             IF $fields.paused_until = NONE { UPDATE $vid UNSET paused_until RETURN NONE };
             IF $fields.employer = NONE { UPDATE $vid UNSET employer RETURN NONE };
             UPDATE $cid SET email = $contact.email, phone = $contact.phone,
                 linkedin_url = $contact.linkedin_url RETURN NONE;
             COMMIT TRANSACTION;",
        )
        .bind(("vid", vid))
        .bind(("cid", RecordId::new("volunteer_contact", key)))
        .bind(("fields", editable(input)))
        .bind(("contact", ContactRow::from(&input.contact)))
        .await;
    ProfileWrite::of(res)
}

/// A row of the committee's volunteer roster.
#[derive(Debug, Clone)]
pub struct RosterEntry {
    pub profile: PublicProfile,
    pub email: Option<String>,
}

#[derive(Debug, SurrealValue)]
struct EmailRow {
    volunteer: RecordId,
    email: String,
}

/// One page of every volunteer (listed or not), by name, with their contact email.
pub async fn roster(db: &Db, start: u64, limit: u64) -> Result<Vec<RosterEntry>, RepoError> {
    let rows: Vec<VolunteerRow> = db
        .query(SELECT_PAGE)
        .bind(("start", start))
        .bind(("limit", limit))
        .await?
        .check()?
        .take(0)?;
    let ids: Vec<RecordId> = rows.iter().map(|r| r.id.clone()).collect();
    let emails: Vec<EmailRow> = db
        .query("SELECT volunteer, email FROM volunteer_contact WHERE volunteer IN $ids")
        .bind(("ids", ids))
        .await?
        .check()?
        .take(0)?;
    rows.into_iter()
        .map(|r| {
            let email = emails
                .iter()
                .find(|e| e.volunteer == r.id)
                .map(|e| e.email.clone());
            Ok(RosterEntry {
                profile: r.into_profile()?,
                email,
            })
        })
        .collect()
}
