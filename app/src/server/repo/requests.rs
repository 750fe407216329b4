//! Requests and matches (a match writes its referral row; the volunteer's view of their
//! referrals is in `referrals`). Every change that sends email writes it to the outbox
//! in the same transaction; every change to a volunteer's contact count happens in one
//! transaction that re-checks it, so concurrent committee members (on one app copy or on
//! several sharing one database) can never push a volunteer past their maximum.

use std::future::IntoFuture;

use chrono::{DateTime, NaiveDate, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::outbox::{queue_mail, MailRow};
use super::volunteers::ContactRow;
use super::{guarded, key_of, request_id, volunteer_id, Db, Guarded, RepoError};
use crate::domain::email::Email;
use crate::domain::request::{
    Background, Membership, RequestInput, RequestNeeds, RequestStatus, TimeSlot,
};
use crate::domain::{MeetingMode, Slug};

/// A `request` row as stored.
#[derive(Debug, Clone, SurrealValue)]
struct RequestRow {
    id: RecordId,
    name: String,
    email: String,
    membership: String,
    background: String,
    learning_goal: String,
    roles: Vec<String>,
    settings: Vec<String>,
    modes: Vec<String>,
    times: Vec<String>,
    region: Option<String>,
    remote_ok: bool,
    preferred: Option<String>,
    availability: String,
    status: String,
    created_at: DateTime<Utc>,
    due_on: DateTime<Utc>,
    volunteer: Option<RecordId>,
    matched_at: Option<DateTime<Utc>>,
    declined: Vec<String>,
    ended_at: Option<DateTime<Utc>>,
    shown_contact: Option<ContactRow>,
    meeting_on: Option<DateTime<Utc>>,
}

/// The columns of [`RequestRow`] (never the token's hash), up to the table or record to read.
macro_rules! select_request {
    () => {
        "SELECT id, name, email, membership, background, learning_goal, roles, settings, modes, \
         times, region, remote_ok, preferred, availability, status, created_at, due_on, volunteer, \
         matched_at, declined, ended_at, shown_contact, meeting_on FROM "
    };
}

/// The most private links a request has live at once: the first email's, re-sent ones and
/// the match email's. Adding one past this ends the oldest.
pub const MAX_LIVE_LINKS: i64 = 5;

/// The record of the private link whose token hashes to `token_hash`.
pub(super) fn link_id(token_hash: &str) -> RecordId {
    RecordId::new("request_link", token_hash)
}

/// SurrealQL: adds private link `$link` (its record) to request `$rid`, then ends the
/// request's oldest links beyond [`MAX_LIVE_LINKS`] (bound as `$max_links`).
macro_rules! add_link {
    ($link:literal, $rid:literal) => {
        concat!(
            "CREATE ",
            $link,
            " SET request = ",
            $rid,
            ", created_at = time::now() RETURN NONE;
             FOR $old IN (SELECT id, created_at FROM request_link WHERE request = ",
            $rid,
            "
                 ORDER BY created_at DESC START $max_links) { DELETE $old.id; };"
        )
    };
}
pub(super) use add_link;

/// The request that private link `$link` opens.
const SELECT_BY_LINK: &str = concat!(select_request!(), "(SELECT VALUE request FROM $link)");
/// Request `$rid`.
const SELECT_ONE: &str = concat!(select_request!(), "$rid");
/// One page of the queue (statement 1) and how many requests match its filters (statement 2).
const SELECT_QUEUE: &str = concat!(
    "LET $matching = (",
    select_request!(),
    "request WHERE status IN $statuses
         AND ($role = NONE OR $role IN roles) AND ($region = NONE OR region = $region));
     SELECT * FROM $matching ORDER BY due_on, created_at, id LIMIT $limit START $start;
     RETURN array::len($matching);"
);
/// Every open request, oldest deadline first.
const SELECT_ALL_OPEN: &str = concat!(
    select_request!(),
    "request WHERE status = 'open' ORDER BY due_on, created_at, id"
);
/// The requests matched with volunteer `$vid` and not yet done.
const SELECT_MATCHED_WITH: &str = concat!(
    select_request!(),
    "request WHERE volunteer = $vid AND status = 'matched'"
);

/// A stored request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub key: String,
    pub name: String,
    pub email: String,
    pub membership: Membership,
    pub background: Background,
    pub learning_goal: String,
    pub needs: RequestNeeds,
    pub availability: String,
    pub status: RequestStatus,
    pub created_at: DateTime<Utc>,
    pub due_on: NaiveDate,
    /// The matched volunteer's key, while matched (and after, for completed ones).
    pub volunteer: Option<String>,
    pub matched_at: Option<DateTime<Utc>>,
    /// Volunteers who declined it.
    pub declined: Vec<String>,
    /// When it was completed, withdrawn or closed.
    pub ended_at: Option<DateTime<Utc>>,
    /// The contact details given to the requester at the match (as they were then).
    pub shown_contact: Option<crate::domain::ContactDetails>,
    /// The day agreed for the conversation, as the requester gave it.
    pub meeting_on: Option<NaiveDate>,
}

impl RequestRow {
    fn into_request(self) -> Result<Request, RepoError> {
        let key = key_of(&self.id);
        let corrupt = |reason: String| RepoError::Corrupt {
            table: "request",
            id: key.clone(),
            reason,
        };
        let slugs = |v: &[String]| -> Result<Vec<Slug>, RepoError> {
            v.iter()
                .map(|s| Slug::parse(s).map_err(|e| corrupt(format!("{s:?}: {e}"))))
                .collect()
        };
        let modes = self
            .modes
            .iter()
            .map(|m| MeetingMode::from_slug(m).ok_or_else(|| corrupt(format!("mode {m:?}"))))
            .collect::<Result<_, _>>()?;
        let region = match &self.region {
            Some(r) => Some(Slug::parse(r).map_err(|e| corrupt(format!("region: {e}")))?),
            None => None,
        };
        Ok(Request {
            name: self.name,
            email: self.email,
            membership: Membership::from_slug(&self.membership)
                .ok_or_else(|| corrupt(format!("membership {:?}", self.membership)))?,
            background: Background::from_slug(&self.background)
                .ok_or_else(|| corrupt(format!("background {:?}", self.background)))?,
            learning_goal: self.learning_goal,
            needs: RequestNeeds {
                roles: slugs(&self.roles)?,
                settings: slugs(&self.settings)?,
                modes,
                times: self
                    .times
                    .iter()
                    .map(|t| TimeSlot::from_slug(t).ok_or_else(|| corrupt(format!("time {t:?}"))))
                    .collect::<Result<_, _>>()?,
                region,
                remote_ok: self.remote_ok,
                preferred: self.preferred,
            },
            availability: self.availability,
            status: RequestStatus::from_slug(&self.status)
                .ok_or_else(|| corrupt(format!("status {:?}", self.status)))?,
            created_at: self.created_at,
            due_on: self.due_on.date_naive(),
            volunteer: self.volunteer.as_ref().map(key_of),
            matched_at: self.matched_at,
            declined: self.declined,
            ended_at: self.ended_at,
            shown_contact: self.shown_contact.map(Into::into),
            meeting_on: self.meeting_on.map(|d| d.date_naive()),
            key,
        })
    }
}

/// The fields of a new request, as written.
#[derive(Debug, Clone, SurrealValue)]
struct NewRequestRow {
    name: String,
    email: String,
    membership: String,
    background: String,
    learning_goal: String,
    roles: Vec<String>,
    settings: Vec<String>,
    modes: Vec<String>,
    times: Vec<String>,
    region: Option<String>,
    remote_ok: bool,
    preferred: Option<String>,
    availability: String,
    created_at: DateTime<Utc>,
    due_on: DateTime<Utc>,
}

/// How many requests one address may have open, and which matched ones still count.
#[derive(Debug, Clone, Copy)]
pub struct Cap {
    pub max_open: u32,
    /// Requests matched before this have ended (or are about to): they do not count.
    pub matched_since: DateTime<Utc>,
}

/// Stores a new request and queues its confirmation email — both or neither. Refused when
/// the address already has `cap.max_open` requests waiting or matched since
/// `cap.matched_since`.
pub async fn create(
    db: &Db,
    input: &RequestInput,
    token_hash: &str,
    created_at: DateTime<Utc>,
    due_on: NaiveDate,
    cap: Cap,
    mail: &Email,
) -> Guarded<String> {
    let key = {
        let mut b = [0u8; 10];
        getrandom::fill(&mut b).map_err(|_| RepoError::Missing("randomness"))?;
        hex::encode(b)
    };
    let row = NewRequestRow {
        name: input.name.clone(),
        email: input.email.as_str().to_lowercase(),
        membership: input.membership.slug().into(),
        background: input.background.slug().into(),
        learning_goal: input.learning_goal.clone(),
        roles: input.needs.roles.iter().map(Slug::to_string).collect(),
        settings: input.needs.settings.iter().map(Slug::to_string).collect(),
        modes: input
            .needs
            .modes
            .iter()
            .map(|m| m.slug().to_owned())
            .collect(),
        times: input
            .needs
            .times
            .iter()
            .map(|t| t.slug().to_owned())
            .collect(),
        region: input.needs.region.as_ref().map(Slug::to_string),
        remote_ok: input.needs.remote_ok,
        preferred: input.needs.preferred.clone(),
        availability: input.availability.clone(),
        created_at,
        due_on: super::midnight_utc(due_on),
    };
    let rid = request_id(&key);
    let link = link_id(token_hash);
    // Two submissions from one address at the same moment both write this record, so one
    // of them conflicts and, retried, counts the other's request.
    let lock = RecordId::new(
        "requester_lock",
        crate::server::secrets::hash_token(&row.email),
    );
    let mail = MailRow::from(mail);
    let sql = concat!(
        "BEGIN TRANSACTION;
         UPSERT $lock SET touched_at = time::now() RETURN NONE;
         LET $open = count(SELECT VALUE id FROM request WHERE email = $row.email
             AND (status = 'open' OR (status = 'matched' AND matched_at > $matched_since)));
         IF $open >= $max_open { THROW 'cc:too-many-open' };
         CREATE $link SET request = $rid, created_at = time::now() RETURN NONE;
         CREATE $rid SET name = $row.name, email = $row.email,
             membership = $row.membership, background = $row.background,
             learning_goal = $row.learning_goal, roles = $row.roles, settings = $row.settings,
             modes = $row.modes, times = $row.times, region = $row.region, remote_ok = $row.remote_ok,
             preferred = $row.preferred, availability = $row.availability, status = 'open',
             created_at = $row.created_at, due_on = $row.due_on, declined = [] RETURN NONE;
         ",
        queue_mail!("$mail"),
        "
         COMMIT TRANSACTION;"
    );
    let done = guarded(|| {
        db.query(sql)
            .bind(("row", row.clone()))
            .bind(("rid", rid.clone()))
            .bind(("link", link.clone()))
            .bind(("lock", lock.clone()))
            .bind(("max_open", i64::from(cap.max_open)))
            .bind(("matched_since", cap.matched_since))
            .bind(("mail", mail.clone()))
            .into_future()
    })
    .await?;
    Ok(done.map(|()| key))
}

/// The request opened by a private link (by the token's hash).
pub async fn by_token(db: &Db, token_hash: &str) -> Result<Option<Request>, RepoError> {
    let rows: Vec<RequestRow> = db
        .query(SELECT_BY_LINK)
        .bind(("link", link_id(token_hash)))
        .await?
        .check()?
        .take(0)?;
    rows.into_iter()
        .next()
        .map(RequestRow::into_request)
        .transpose()
}

/// Request `key`.
pub async fn get(db: &Db, key: &str) -> Result<Option<Request>, RepoError> {
    let rows: Vec<RequestRow> = db
        .query(SELECT_ONE)
        .bind(("rid", request_id(key)))
        .await?
        .check()?
        .take(0)?;
    rows.into_iter()
        .next()
        .map(RequestRow::into_request)
        .transpose()
}

/// The queue's filters.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    pub statuses: Vec<RequestStatus>,
    pub role: Option<Slug>,
    pub region: Option<Slug>,
}

/// Requests by the queue's filters, oldest deadline first; one page of `limit`, and the
/// number of all that match.
pub async fn queue(
    db: &Db,
    filter: &QueueFilter,
    start: usize,
    limit: usize,
) -> Result<(Vec<Request>, usize), RepoError> {
    let statuses: Vec<String> = filter.statuses.iter().map(|s| s.slug().into()).collect();
    let mut res = db
        .query(SELECT_QUEUE)
        .bind(("statuses", statuses))
        .bind(("role", filter.role.as_ref().map(Slug::to_string)))
        .bind(("region", filter.region.as_ref().map(Slug::to_string)))
        .bind(("limit", limit as i64))
        .bind(("start", start as i64))
        .await?
        .check()?;
    let rows: Vec<RequestRow> = res.take(1)?;
    let total: Option<i64> = res.take(2)?;
    let list = rows
        .into_iter()
        .map(RequestRow::into_request)
        .collect::<Result<_, _>>()?;
    Ok((list, total.unwrap_or(0).max(0) as usize))
}

/// How many requests wait for a match, and how many of them are past their deadline
/// (`today` excluded).
pub async fn open_counts(db: &Db, today: NaiveDate) -> Result<(usize, usize), RepoError> {
    let mut res = db
        .query(
            "RETURN count(SELECT VALUE id FROM request WHERE status = 'open');
             RETURN count(SELECT VALUE id FROM request WHERE status = 'open' AND due_on < $today);",
        )
        .bind(("today", super::midnight_utc(today)))
        .await?
        .check()?;
    let open: Option<i64> = res.take(0)?;
    let overdue: Option<i64> = res.take(1)?;
    let n = |v: Option<i64>| v.unwrap_or(0).max(0) as usize;
    Ok((n(open), n(overdue)))
}

/// Every open request, oldest deadline first (for the batch proposal).
pub async fn all_open(db: &Db) -> Result<Vec<Request>, RepoError> {
    let rows: Vec<RequestRow> = db.query(SELECT_ALL_OPEN).await?.check()?.take(0)?;
    rows.into_iter().map(RequestRow::into_request).collect()
}

/// The emails a match sends: to the requester, to the volunteer, and, when this match
/// uses their last contact, the volunteer's "capacity reached".
pub struct MatchMail<'a> {
    pub requester: &'a Email,
    pub volunteer: &'a Email,
    pub capacity_reached: &'a Email,
    /// The volunteer's name and contact details the emails were written with: the match
    /// is refused as [`Refusal::Changed`] when the stored ones differ by then, so an email
    /// never carries a name, address, phone or LinkedIn link the volunteer has just
    /// changed. (Minutes, modes and title, also in the emails, are not compared: a change
    /// there misleads nobody about how to reach them.)
    pub name: &'a str,
    pub contact: &'a crate::domain::ContactDetails,
    /// The hash of the token of the private link in the requester's email (a new link to
    /// the request, added with the match).
    pub link_hash: &'a str,
}

/// Matches request `request_key` with volunteer `volunteer_key`: in one transaction it
/// re-checks that the request is open and the volunteer listed, present and below their
/// maximum, uses one contact, records the match and queues the emails. Concurrent matches
/// for the same volunteer conflict in the database; the loser retries and sees the new count.
///
/// The volunteer checks (listed, `MIN_YEARS_TO_LIST`, below their maximum, not away today)
/// are the pool rule of `domain::volunteer::pool_status`, repeated here so that they hold
/// inside the transaction: a change to one must be made to the other.
pub async fn match_request(
    db: &Db,
    request_key: &str,
    volunteer_key: &str,
    by_account: Option<&str>,
    today: NaiveDate,
    mail: &MatchMail<'_>,
) -> Guarded<()> {
    let sql = concat!(
        "BEGIN TRANSACTION;
         LET $r = (SELECT status, declined FROM ONLY $rid);
         IF $r = NONE OR $r.status != 'open' { THROW 'cc:wrong-status' };
         IF $vkey IN $r.declined { THROW 'cc:declined' };
         LET $v = (SELECT listed, years_experience, contacts_used, max_contacts, paused_until,
             display_name FROM ONLY $vid);
         IF $v = NONE OR !$v.listed OR $v.years_experience < $min_years { THROW 'cc:volunteer-gone' };
         IF $v.contacts_used >= $v.max_contacts { THROW 'cc:volunteer-full' };
         IF $v.paused_until != NONE AND $v.paused_until > $today { THROW 'cc:volunteer-away' };
         LET $c = (SELECT email, phone, linkedin_url FROM ONLY $cid);
         IF $c = NONE OR $v.display_name != $seen_name OR $c.email != $seen.email
             OR $c.phone != $seen.phone OR $c.linkedin_url != $seen.linkedin_url
             { THROW 'cc:changed' };
         UPDATE $vid SET contacts_used = $v.contacts_used + 1, last_matched_at = time::now()
             RETURN NONE;
         UPDATE $rid SET status = 'matched', volunteer = $vid, matched_at = time::now(),
             shown_contact = $seen RETURN NONE;
         CREATE referral SET request = $rid, volunteer = $vid, matched_at = time::now(),
             matched_by = $by, state = 'active' RETURN NONE;
         ",
        add_link!("$link", "$rid"),
        queue_mail!("$requester_mail"),
        queue_mail!("$volunteer_mail"),
        "IF $v.contacts_used + 1 >= $v.max_contacts { ",
        queue_mail!("$capacity_mail"),
        " };
         COMMIT TRANSACTION;"
    );
    let rid = request_id(request_key);
    let vid = volunteer_id(volunteer_key);
    let by = by_account.map(|a| RecordId::new("account", a));
    let (m1, m2, m3) = (
        MailRow::from(mail.requester),
        MailRow::from(mail.volunteer),
        MailRow::from(mail.capacity_reached),
    );
    guarded(|| {
        db.query(sql)
            .bind(("rid", rid.clone()))
            .bind(("vid", vid.clone()))
            .bind(("vkey", volunteer_key.to_owned()))
            .bind(("link", link_id(mail.link_hash)))
            .bind(("max_links", MAX_LIVE_LINKS))
            .bind(("min_years", i64::from(crate::domain::MIN_YEARS_TO_LIST)))
            .bind(("by", by.clone()))
            .bind(("today", super::midnight_utc(today)))
            .bind(("cid", RecordId::new("volunteer_contact", volunteer_key)))
            .bind(("seen_name", mail.name.to_owned()))
            .bind(("seen", ContactRow::from(mail.contact)))
            .bind(("requester_mail", m1.clone()))
            .bind(("volunteer_mail", m2.clone()))
            .bind(("capacity_mail", m3.clone()))
            .into_future()
    })
    .await
}

/// Undoes the match of request `request_key` with volunteer `volunteer_key` because the
/// volunteer declined: the request is open again (that volunteer is not suggested for it
/// again), the contact is given back, and the requester is told (`mail`, queued in the
/// same transaction).
pub async fn unmatch(db: &Db, request_key: &str, volunteer_key: &str, mail: &Email) -> Guarded<()> {
    let rid = request_id(request_key);
    let sql = concat!(
        "BEGIN TRANSACTION;
         LET $r = (SELECT status, volunteer FROM ONLY $rid);
         IF $r = NONE OR $r.status != 'matched' OR $r.volunteer != $vid { THROW 'cc:wrong-status' };
         LET $v = (SELECT contacts_used FROM ONLY $vid);
         IF $v != NONE {
             UPDATE $vid SET contacts_used = math::max([0, $v.contacts_used - 1]) RETURN NONE;
         };
         UPDATE $rid SET status = 'open', volunteer = NONE, matched_at = NONE,
             shown_contact = NONE, declined = array::union(declined, [$vkey]) RETURN NONE;
         UPDATE referral SET state = 'declined', ended_at = time::now()
             WHERE request = $rid AND state = 'active' RETURN NONE;
         ",
        queue_mail!("$mail"),
        "
         COMMIT TRANSACTION;"
    );
    let mail = MailRow::from(mail);
    guarded(|| {
        db.query(sql)
            .bind(("rid", rid.clone()))
            .bind(("vid", volunteer_id(volunteer_key)))
            .bind(("vkey", volunteer_key.to_owned()))
            .bind(("mail", mail.clone()))
            .into_future()
    })
    .await
}

/// The requester withdraws request `request_key`, which must still be open or matched.
/// A matched one keeps its contact used (the volunteer's details were handed over; the
/// volunteer can raise their maximum) and its volunteer is told: `volunteer_mail`, queued
/// in the same transaction when the request is matched (None when the volunteer has no
/// address any more).
///
/// `seen` is the status and volunteer the caller read (and decided the email on): when the
/// request is in another state by the time the transaction runs (matched meanwhile, say),
/// it is refused as [`Refusal::Changed`], for the caller to read again and retry.
pub async fn withdraw(
    db: &Db,
    request_key: &str,
    seen: (RequestStatus, Option<&str>),
    volunteer_mail: Option<&Email>,
) -> Guarded<()> {
    let rid = request_id(request_key);
    let sql = concat!(
        "BEGIN TRANSACTION;
         LET $r = (SELECT status, volunteer FROM ONLY $rid);
         IF $r = NONE OR $r.status NOT IN ['open', 'matched'] { THROW 'cc:wrong-status' };
         IF $r.status != $seen_status OR ($seen_status = 'matched' AND $r.volunteer != $seen_volunteer)
             { THROW 'cc:changed' };
         IF $r.status = 'matched' {
             UPDATE referral SET state = 'withdrawn', ended_at = time::now()
                 WHERE request = $rid AND state = 'active' RETURN NONE;
             IF $mail != NONE { ",
        queue_mail!("$mail"),
        " };
         };
         UPDATE $rid SET status = 'withdrawn', ended_at = time::now() RETURN NONE;
         COMMIT TRANSACTION;"
    );
    let mail = volunteer_mail.map(MailRow::from);
    let seen_volunteer = seen.1.map(volunteer_id);
    guarded(|| {
        db.query(sql)
            .bind(("rid", rid.clone()))
            .bind(("seen_status", seen.0.slug().to_owned()))
            .bind(("seen_volunteer", seen_volunteer.clone()))
            .bind(("mail", mail.clone()))
            .into_future()
    })
    .await
}

/// A request to put back in the queue because its volunteer is leaving, with the email
/// that tells its requester.
pub struct Reopen<'a> {
    pub request_key: &'a str,
    pub mail: &'a Email,
}

/// Volunteer `key` leaves the program, all or nothing:
/// - each request still matched with them goes back to the queue (`reopen`: exactly the
///   ones the caller read, else [`Refusal::Changed`]), its requester told, and the
///   committee told (`committee_mail`);
/// - every request they were matched with forgets the contact details it showed;
/// - their profile and contact details are deleted, an anonymous count of the departure is
///   kept, and their account is unlinked (or, when `delete_account`, deleted with its
///   sessions).
pub async fn leave_program(
    db: &Db,
    account_key: &str,
    key: &str,
    delete_account: bool,
    reopen: &[Reopen<'_>],
    committee_mail: &[Email],
) -> Guarded<()> {
    #[derive(Clone, SurrealValue)]
    struct ReopenRow {
        id: RecordId,
        mail: MailRow,
    }
    let rows: Vec<ReopenRow> = reopen
        .iter()
        .map(|r| ReopenRow {
            id: request_id(r.request_key),
            mail: MailRow::from(r.mail),
        })
        .collect();
    let expected: Vec<RecordId> = rows.iter().map(|r| r.id.clone()).collect();
    let committee: Vec<MailRow> = committee_mail.iter().map(MailRow::from).collect();
    let sql = concat!(
        "BEGIN TRANSACTION;
         LET $active = (SELECT VALUE id FROM request WHERE volunteer = $vid AND status = 'matched');
         IF array::len(array::complement($active, $expected)) > 0
             OR array::len(array::complement($expected, $active)) > 0 { THROW 'cc:changed' };
         FOR $r IN $reopen {
             UPDATE $r.id SET status = 'open', volunteer = NONE, matched_at = NONE,
                 shown_contact = NONE, declined = array::union(declined, [$vkey]) RETURN NONE;
             UPDATE referral SET state = 'declined', ended_at = time::now()
                 WHERE request = $r.id AND state = 'active' RETURN NONE;
             ",
        queue_mail!("$r.mail"),
        "
         };
         FOR $m IN $committee { ",
        queue_mail!("$m"),
        " };
         UPDATE request SET shown_contact = NONE WHERE volunteer = $vid RETURN NONE;
         -- Feedback about them stays in the program's figures, no longer tied to them.
         UPDATE feedback SET volunteer = NONE WHERE volunteer = $vid RETURN NONE;
         LET $v = (SELECT contacts_used, max_contacts, roles FROM ONLY $vid);
         IF $v != NONE {
             CREATE volunteer_departure SET left_on = time::now(), contacts_used = $v.contacts_used,
                 max_contacts = $v.max_contacts, roles = $v.roles RETURN NONE;
         };
         DELETE volunteer_contact WHERE volunteer = $vid;
         DELETE $vid;
         UPDATE $account SET volunteer = NONE RETURN NONE;
         IF $delete_account {
             LET $hashes = (SELECT VALUE record::id(id) FROM session WHERE account = $account);
             DELETE form_draft WHERE session IN $hashes;
             DELETE session WHERE account = $account;
             DELETE $account;
         };
         COMMIT TRANSACTION;"
    );
    guarded(|| {
        db.query(sql)
            .bind(("vid", volunteer_id(key)))
            .bind(("vkey", key.to_owned()))
            .bind(("account", RecordId::new("account", account_key)))
            .bind(("delete_account", delete_account))
            .bind(("expected", expected.clone()))
            .bind(("reopen", rows.clone()))
            .bind(("committee", committee.clone()))
            .into_future()
    })
    .await
}

/// The requests matched with volunteer `key` and not yet done.
pub async fn matched_with(db: &Db, volunteer_key: &str) -> Result<Vec<Request>, RepoError> {
    let rows: Vec<RequestRow> = db
        .query(SELECT_MATCHED_WITH)
        .bind(("vid", volunteer_id(volunteer_key)))
        .await?
        .check()?
        .take(0)?;
    rows.into_iter().map(RequestRow::into_request).collect()
}

/// A request still waiting or matched, as its requester's new-link email names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Live {
    pub key: String,
    pub name: String,
    pub learning_goal: String,
}

/// The requests of address `email` (lower case) still waiting or matched, oldest first.
pub async fn live_for_email(db: &Db, email: &str) -> Result<Vec<Live>, RepoError> {
    #[derive(SurrealValue)]
    struct Row {
        id: RecordId,
        name: String,
        learning_goal: String,
    }
    let rows: Vec<Row> = db
        .query(
            "SELECT id, name, learning_goal, created_at FROM request
             WHERE email = $email AND status IN ['open', 'matched'] ORDER BY created_at",
        )
        .bind(("email", email.to_owned()))
        .await?
        .check()?
        .take(0)?;
    Ok(rows
        .into_iter()
        .map(|r| Live {
            key: key_of(&r.id),
            name: r.name,
            learning_goal: r.learning_goal,
        })
        .collect())
}

/// Gives requests one more private link each: `(request key, new token's hash)`. Links sent
/// before keep working (up to [`MAX_LIVE_LINKS`] per request). The email with the new links
/// is queued in the same transaction.
pub async fn add_links(db: &Db, tokens: &[(String, String)], mail: &Email) -> Guarded<()> {
    #[derive(Clone, SurrealValue)]
    struct NewLink {
        request: RecordId,
        link: RecordId,
    }
    let rows: Vec<NewLink> = tokens
        .iter()
        .map(|(key, hash)| NewLink {
            request: request_id(key),
            link: link_id(hash),
        })
        .collect();
    let sql = concat!(
        "BEGIN TRANSACTION;
         FOR $t IN $links { ",
        add_link!("$t.link", "$t.request"),
        " };
         ",
        queue_mail!("$mail"),
        "
         COMMIT TRANSACTION;"
    );
    let mail = MailRow::from(mail);
    guarded(|| {
        db.query(sql)
            .bind(("links", rows.clone()))
            .bind(("max_links", MAX_LIVE_LINKS))
            .bind(("mail", mail.clone()))
            .into_future()
    })
    .await
}

/// The committee closes open request `request_key` without a match, for `reason` (a
/// [`crate::domain::request::CloseReason`] slug), telling the requester with `mail`
/// (queued in the same transaction) when there is one.
pub async fn close(db: &Db, request_key: &str, reason: &str, mail: Option<&Email>) -> Guarded<()> {
    let sql = concat!(
        "BEGIN TRANSACTION;
         LET $r = (SELECT status FROM ONLY $rid);
         IF $r = NONE OR $r.status != 'open' { THROW 'cc:wrong-status' };
         UPDATE $rid SET status = 'closed', closed_reason = $reason, ended_at = time::now()
             RETURN NONE;
         IF $mail != NONE { ",
        queue_mail!("$mail"),
        " };
         COMMIT TRANSACTION;"
    );
    let rid = request_id(request_key);
    let mail = mail.map(MailRow::from);
    guarded(|| {
        db.query(sql)
            .bind(("rid", rid.clone()))
            .bind(("reason", reason.to_owned()))
            .bind(("mail", mail.clone()))
            .into_future()
    })
    .await
}

/// The most requests one run of [`end_lapsed`] ends per transaction.
const END_BATCH: i64 = 500;

/// Ends the matched requests matched before `matched_before` that nobody marked: they
/// become `lapsed` ("ended without news", `ended_by` the time). Batches of [`END_BATCH`],
/// each its own transaction that re-checks the status, so several app copies may run it
/// at once and a volunteer's mark racing it wins or loses whole. Returns how many ended.
pub async fn end_lapsed(
    db: &Db,
    matched_before: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<usize, RepoError> {
    let mut ended = 0;
    loop {
        let ids: Vec<RecordId> = db
            .query(
                "UPDATE (SELECT VALUE id FROM request
                     WHERE status = 'matched' AND matched_at < $before LIMIT $batch)
                 SET status = 'lapsed', ended_at = $now, ended_by = 'time'
                 WHERE status = 'matched' RETURN VALUE id",
            )
            .bind(("before", matched_before))
            .bind(("now", now))
            .bind(("batch", END_BATCH))
            .await?
            .check()?
            .take(0)?;
        ended += ids.len();
        if ids.len() < usize::try_from(END_BATCH).unwrap_or(usize::MAX) {
            return Ok(ended);
        }
    }
}

/// The requester gives (or clears) the day agreed for the conversation of request
/// `request_key`, which must be matched.
pub async fn set_meeting_on(db: &Db, request_key: &str, day: Option<NaiveDate>) -> Guarded<()> {
    let rid = request_id(request_key);
    let day = day.map(super::midnight_utc);
    guarded(|| {
        db.query(
            "BEGIN TRANSACTION;
             LET $r = (SELECT status FROM ONLY $rid);
             IF $r = NONE OR $r.status != 'matched' { THROW 'cc:wrong-status' };
             UPDATE $rid SET meeting_on = $day RETURN NONE;
             COMMIT TRANSACTION;",
        )
        .bind(("rid", rid.clone()))
        .bind(("day", day))
        .into_future()
    })
    .await
}
