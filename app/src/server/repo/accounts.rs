//! Accounts, sessions and sign-in attempts (and the purge of every expired row, form
//! drafts included: see `drafts`).
//!
//! Secrets are never stored as given: a session row's id is the SHA-256 of the cookie value,
//! a sign-in attempt's id the SHA-256 of its `state`.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{key_of, Db, RepoError};
use crate::domain::Role;

/// An account as stored.
#[derive(Debug, Clone, SurrealValue)]
struct AccountRow {
    id: RecordId,
    issuer: String,
    subject: String,
    email: Option<String>,
    email_verified: bool,
    name: String,
    roles: Vec<String>,
    volunteer: Option<RecordId>,
    last_sign_in: DateTime<Utc>,
}

/// A person who has signed in at least once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// The record key (`account:<key>`), derived from issuer and subject.
    pub key: String,
    pub issuer: String,
    /// The provider's identifier for the person.
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub name: String,
    /// Granted roles (committee, admin); `Volunteer` is added when a profile is linked.
    pub roles: Vec<Role>,
    /// Their volunteer profile's key, when they have one.
    pub volunteer: Option<String>,
    pub last_sign_in: DateTime<Utc>,
}

impl From<AccountRow> for Account {
    fn from(row: AccountRow) -> Self {
        let mut roles: Vec<Role> = row
            .roles
            .iter()
            .filter_map(|r| Role::from_slug(r))
            .collect();
        if row.volunteer.is_some() {
            roles.push(Role::Volunteer);
        }
        roles.sort();
        roles.dedup();
        Self {
            key: key_of(&row.id),
            issuer: row.issuer,
            subject: row.subject,
            email: row.email,
            email_verified: row.email_verified,
            name: row.name,
            roles,
            volunteer: row.volunteer.as_ref().map(key_of),
            last_sign_in: row.last_sign_in,
        }
    }
}

/// What an identity provider told us about a person at sign-in.
#[derive(Debug, Clone)]
pub struct Identity {
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub name: String,
}

/// The account key for an identity: a hash of (issuer, subject), so that the same person
/// always lands on the same record, and an email address alone never decides it.
pub fn account_key(issuer: &str, subject: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(issuer.as_bytes());
    h.update([0u8]);
    h.update(subject.as_bytes());
    hex::encode(&h.finalize()[..16])
}

/// The columns of [`AccountRow`].
macro_rules! account_fields {
    () => {
        "id, issuer, subject, email, email_verified, name, roles, volunteer, last_sign_in"
    };
}

/// Creates the account on first sign-in, refreshes its email and name afterwards, and
/// grants or withdraws `admin` to match the configuration.
pub async fn upsert_on_sign_in(
    db: &Db,
    identity: &Identity,
    admin: bool,
) -> Result<Account, RepoError> {
    let id = RecordId::new("account", account_key(&identity.issuer, &identity.subject));
    let rows: Vec<AccountRow> = db
        .query(concat!(
            "UPSERT $id SET issuer = $issuer, subject = $subject, email = $email,
                 email_verified = $verified, name = $name, last_sign_in = time::now(),
                 roles = IF $admin THEN array::union(roles ?? [], ['admin'])
                         ELSE array::complement(roles ?? [], ['admin']) END
             RETURN ",
            account_fields!()
        ))
        .bind(("id", id))
        .bind(("issuer", identity.issuer.clone()))
        .bind(("subject", identity.subject.clone()))
        .bind(("email", identity.email.clone()))
        .bind(("verified", identity.email_verified))
        .bind(("name", identity.name.clone()))
        .bind(("admin", admin))
        .await?
        .check()?
        .take(0)?;
    rows.into_iter()
        .next()
        .map(Account::from)
        .ok_or(RepoError::Missing("account after upsert"))
}

/// Everyone who has signed in, most recent first.
pub async fn list(db: &Db) -> Result<Vec<Account>, RepoError> {
    let rows: Vec<AccountRow> = db
        .query(concat!(
            "SELECT ",
            account_fields!(),
            " FROM account ORDER BY last_sign_in DESC LIMIT 1000"
        ))
        .await?
        .check()?
        .take(0)?;
    Ok(rows.into_iter().map(Account::from).collect())
}

/// Grants or withdraws the committee role. `None` when there is no such account.
pub async fn set_committee(
    db: &Db,
    key: &str,
    committee: bool,
) -> Result<Option<Account>, RepoError> {
    let rows: Vec<AccountRow> = db
        .query(concat!(
            "UPDATE $id SET roles = IF $grant THEN array::union(roles, ['committee'])
                 ELSE array::complement(roles, ['committee']) END
             RETURN ",
            account_fields!()
        ))
        .bind(("id", RecordId::new("account", key)))
        .bind(("grant", committee))
        .await?
        .check()?
        .take(0)?;
    Ok(rows.into_iter().next().map(Account::from))
}

/// Every account holding `role` (granted roles only: committee, admin).
pub async fn with_role(db: &Db, role: Role) -> Result<Vec<Account>, RepoError> {
    let rows: Vec<AccountRow> = db
        .query(concat!(
            "SELECT ",
            account_fields!(),
            " FROM account WHERE $role IN roles"
        ))
        .bind(("role", role.slug().to_owned()))
        .await?
        .check()?
        .take(0)?;
    Ok(rows.into_iter().map(Account::from).collect())
}

/// Takes the administrator role from accounts `keys` and ends their sessions, in one
/// transaction.
pub async fn revoke_admins(db: &Db, keys: &[String]) -> Result<(), RepoError> {
    let ids: Vec<RecordId> = keys
        .iter()
        .map(|k| RecordId::new("account", k.as_str()))
        .collect();
    db.query(
        "BEGIN TRANSACTION;
         UPDATE account SET roles = array::complement(roles, ['admin']) WHERE id IN $ids
             RETURN NONE;
         LET $hashes = (SELECT VALUE record::id(id) FROM session WHERE account IN $ids);
         DELETE form_draft WHERE session IN $hashes;
         DELETE session WHERE account IN $ids;
         COMMIT TRANSACTION;",
    )
    .bind(("ids", ids))
    .await?
    .check()?;
    Ok(())
}

/// Where the committee is told of something: the verified sign-in addresses (lower case,
/// each once) of every committee member and administrator.
pub async fn committee_emails(db: &Db) -> Result<Vec<String>, RepoError> {
    let emails: Vec<String> = db
        .query(
            "RETURN array::distinct(SELECT VALUE string::lowercase(email) FROM account
                 WHERE email_verified = true AND email != NONE
                 AND ('committee' IN roles OR 'admin' IN roles))",
        )
        .await?
        .check()?
        .take(0)?;
    Ok(emails)
}

// ----- sessions -----

#[derive(Debug, SurrealValue)]
struct SessionRow {
    created_at: DateTime<Utc>,
    last_seen: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    account: Option<AccountRow>,
}

/// A stored session and whose it is.
#[derive(Debug, Clone)]
pub struct Session {
    pub created_at: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub account: Account,
}

/// Stores a new session under `token_hash` for `account`.
pub async fn create_session(
    db: &Db,
    token_hash: &str,
    account_key: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), RepoError> {
    db.query(
        "CREATE $id SET account = $account, created_at = $now, last_seen = $now,
             expires_at = $expires RETURN NONE",
    )
    .bind(("id", RecordId::new("session", token_hash)))
    .bind(("account", RecordId::new("account", account_key)))
    .bind(("now", now))
    .bind(("expires", expires_at))
    .await?
    .check()?;
    Ok(())
}

/// The session stored under `token_hash`, with its account, if any (expiry is the
/// caller's decision).
pub async fn find_session(db: &Db, token_hash: &str) -> Result<Option<Session>, RepoError> {
    let rows: Vec<SessionRow> = db
        .query(concat!(
            "SELECT created_at, last_seen, expires_at, (SELECT ",
            account_fields!(),
            " FROM ONLY $parent.account) AS account FROM $id"
        ))
        .bind(("id", RecordId::new("session", token_hash)))
        .await?
        .check()?
        .take(0)?;
    Ok(rows.into_iter().next().and_then(|r| {
        r.account.map(|a| Session {
            created_at: r.created_at,
            last_seen: r.last_seen,
            expires_at: r.expires_at,
            account: a.into(),
        })
    }))
}

/// Records activity on a session (for the idle timeout).
pub async fn touch_session(db: &Db, token_hash: &str, now: DateTime<Utc>) -> Result<(), RepoError> {
    db.query("UPDATE $id SET last_seen = $now RETURN NONE")
        .bind(("id", RecordId::new("session", token_hash)))
        .bind(("now", now))
        .await?
        .check()?;
    Ok(())
}

pub async fn delete_session(db: &Db, token_hash: &str) -> Result<(), RepoError> {
    db.query("DELETE $id; DELETE form_draft WHERE session = $hash;")
        .bind(("id", RecordId::new("session", token_hash)))
        .bind(("hash", token_hash.to_owned()))
        .await?
        .check()?;
    Ok(())
}

// ----- sign-in attempts -----

#[derive(Debug, Clone, SurrealValue)]
pub struct LoginAttempt {
    pub provider: String,
    pub pkce_verifier: String,
    pub nonce: String,
    pub return_to: String,
    pub expires_at: DateTime<Utc>,
}

pub async fn create_login(
    db: &Db,
    state_hash: &str,
    attempt: LoginAttempt,
) -> Result<(), RepoError> {
    db.query("CREATE $id CONTENT $attempt RETURN NONE")
        .bind(("id", RecordId::new("login_attempt", state_hash)))
        .bind(("attempt", attempt))
        .await?
        .check()?;
    Ok(())
}

/// Removes the attempt stored under `state_hash` and returns it: a state can be used once.
pub async fn take_login(db: &Db, state_hash: &str) -> Result<Option<LoginAttempt>, RepoError> {
    let rows: Vec<LoginAttempt> = db
        .query("DELETE $id RETURN BEFORE")
        .bind(("id", RecordId::new("login_attempt", state_hash)))
        .await?
        .check()?
        .take(0)?;
    Ok(rows.into_iter().next())
}

/// Deletes expired sessions, sign-in attempts and drafts; returns how many rows went.
pub async fn purge_expired(db: &Db, now: DateTime<Utc>) -> Result<(), RepoError> {
    db.query(
        "DELETE session WHERE expires_at < $now;
         DELETE login_attempt WHERE expires_at < $now;
         DELETE form_draft WHERE expires_at < $now;",
    )
    .bind(("now", now))
    .await?
    .check()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::account_key;

    #[test]
    fn account_keys_depend_on_issuer_and_subject() {
        let a = account_key("https://accounts.google.com", "123");
        assert_eq!(a, account_key("https://accounts.google.com", "123"));
        assert_ne!(a, account_key("https://www.linkedin.com/oauth", "123"));
        assert_ne!(account_key("a", "bc"), account_key("ab", "c"));
        assert_eq!(a.len(), 32);
    }
}
