//! Repositories: every SurrealQL statement of the application lives in this module, with
//! bound parameters only.
//!
//! A change the program's rules guard (a match, a withdrawal, a departure...) is one
//! transaction that re-reads what it depends on and `THROW`s a `cc:` code when a rule
//! forbids it; `guarded` runs it, retries it when it clashed with a concurrent one, and
//! turns the code into a [`Refusal`].

pub mod accounts;
pub mod drafts;
pub mod export;
pub mod feedback;
pub mod outbox;
pub mod referrals;
pub mod reminders;
pub mod requests;
pub mod stats;
pub mod studio;
pub mod terms;
pub mod volunteers;

/// The database handle; the engine (embedded SurrealKV, memory, or a server over
/// WebSocket) is chosen by the connection URL.
pub type Db = surrealdb::Surreal<surrealdb::engine::any::Any>;

/// The repository layer's error.
#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    #[error("database: {0}")]
    Database(#[from] surrealdb::Error),
    /// A stored row that does not satisfy the domain's rules (should be impossible with
    /// the schema's assertions; reported rather than papered over).
    #[error("stored {table} row {id} is invalid: {reason}")]
    Corrupt {
        table: &'static str,
        id: String,
        reason: String,
    },
    /// A row the statement should have produced or found was not there.
    #[error("missing {0}")]
    Missing(&'static str),
}

/// The key of a record id as used in URLs and other records.
pub(crate) fn key_of(id: &surrealdb::types::RecordId) -> String {
    use surrealdb::types::RecordIdKey;
    match &id.key {
        RecordIdKey::String(s) => s.clone(),
        RecordIdKey::Number(n) => n.to_string(),
        other => format!("{other:?}"),
    }
}

/// Whether the database answers a trivial query.
pub async fn ping(db: &Db) -> Result<(), RepoError> {
    db.query("RETURN 1").await?.check()?;
    Ok(())
}

/// The start of day `d`, UTC: how dates are stored.
pub(crate) fn midnight_utc(d: chrono::NaiveDate) -> chrono::DateTime<chrono::Utc> {
    d.and_time(chrono::NaiveTime::MIN).and_utc()
}

/// Whether an error is a clash with a concurrent transaction, worth retrying.
pub(crate) fn is_conflict(e: &surrealdb::Error) -> bool {
    is_conflict_message(&e.to_string())
}

/// [`is_conflict`] for an error already turned into text (as a failed migration keeps it).
pub fn is_conflict_message(text: &str) -> bool {
    let text = text.to_lowercase();
    text.contains("conflict") || text.contains("can be retried") || text.contains("retry")
}

/// Like `IndexedResults::check`, but for a transaction reports the statement that failed,
/// not the first statement that was cancelled because of it.
pub fn checked(
    mut res: surrealdb::IndexedResults,
) -> Result<surrealdb::IndexedResults, surrealdb::Error> {
    let mut errors: Vec<(usize, surrealdb::Error)> = res.take_errors().into_iter().collect();
    if errors.is_empty() {
        return Ok(res);
    }
    errors.sort_by_key(|(i, _)| *i);
    let cause = errors
        .iter()
        .position(|(_, e)| {
            !e.to_string()
                .contains("not executed due to a failed transaction")
        })
        .unwrap_or(0);
    Err(errors.swap_remove(cause).1)
}

/// Why a change the program's rules forbid did not happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The requester already has the most open requests allowed.
    TooManyOpen,
    /// The request is no longer waiting for a match (or no longer matched, for an unmatch).
    WrongStatus,
    /// The volunteer has left or hidden their profile.
    VolunteerGone,
    /// Every contact the volunteer offered is used.
    VolunteerFull,
    /// The volunteer is away today.
    VolunteerAway,
    /// The referral is not this volunteer's.
    NotYours,
    /// The volunteer already declined this request.
    Declined,
    /// The account already has a volunteer profile (a second "create" raced the first).
    AlreadyHasProfile,
    /// The answer or mark can no longer be changed (its time to change it is over).
    Final,
    /// What the caller read before the transaction (and built its emails from) changed
    /// meanwhile: read again and retry.
    Changed,
}

impl Refusal {
    /// Each refusal's `THROW` code in the transactions: the one place they are read back.
    const ALL: [(Self, &'static str); 10] = [
        (Self::Changed, "cc:changed"),
        (Self::TooManyOpen, "cc:too-many-open"),
        (Self::WrongStatus, "cc:wrong-status"),
        (Self::VolunteerGone, "cc:volunteer-gone"),
        (Self::VolunteerFull, "cc:volunteer-full"),
        (Self::VolunteerAway, "cc:volunteer-away"),
        (Self::NotYours, "cc:not-yours"),
        (Self::Declined, "cc:declined"),
        (Self::AlreadyHasProfile, "cc:already-has-profile"),
        (Self::Final, "cc:final"),
    ];

    pub(crate) fn from_error(e: &surrealdb::Error) -> Option<Self> {
        let text = e.to_string();
        Self::ALL
            .iter()
            .find(|(_, tag)| text.contains(tag))
            .map(|(r, _)| *r)
    }
}

/// The outcome of a guarded change.
pub type Guarded<T> = Result<Result<T, Refusal>, RepoError>;

/// Runs a guarded transaction, retrying it when it clashed with a concurrent one. A retry
/// reads the state afresh, so it may then be refused by the rules.
async fn guarded<F, Fut>(mut run: F) -> Guarded<()>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<surrealdb::IndexedResults, surrealdb::Error>>,
{
    let mut attempt = 0u32;
    loop {
        match run().await.and_then(checked) {
            Ok(_) => return Ok(Ok(())),
            Err(e) => {
                if let Some(r) = Refusal::from_error(&e) {
                    return Ok(Err(r));
                }
                if is_conflict(&e) && attempt < 20 {
                    attempt += 1;
                    let jitter = {
                        let mut b = [0u8; 1];
                        let _ = getrandom::fill(&mut b);
                        u64::from(b[0] % 20)
                    };
                    tokio::time::sleep(std::time::Duration::from_millis(
                        5 * u64::from(attempt) + jitter,
                    ))
                    .await;
                    continue;
                }
                return Err(e.into());
            }
        }
    }
}

/// The record of request `key`.
fn request_id(key: &str) -> surrealdb::types::RecordId {
    surrealdb::types::RecordId::new("request", key)
}

/// The record of volunteer `key`.
fn volunteer_id(key: &str) -> surrealdb::types::RecordId {
    surrealdb::types::RecordId::new("volunteer", key)
}

#[cfg(test)]
mod tests {
    use super::Refusal;

    /// Every `THROW 'cc:…'` written in a repository, from its source text.
    fn thrown_codes() -> std::collections::BTreeSet<String> {
        let sources = [
            include_str!("requests.rs"),
            include_str!("referrals.rs"),
            include_str!("feedback.rs"),
            include_str!("reminders.rs"),
            include_str!("volunteers.rs"),
        ];
        let mut codes = std::collections::BTreeSet::new();
        for source in sources {
            for piece in source.split("THROW '").skip(1) {
                if let Some((code, _)) = piece.split_once('\'') {
                    codes.insert(code.to_owned());
                }
            }
        }
        codes
    }

    #[test]
    fn every_code_a_transaction_throws_is_a_refusal_and_every_refusal_is_thrown() {
        let thrown = thrown_codes();
        let known: std::collections::BTreeSet<String> =
            Refusal::ALL.iter().map(|(_, c)| (*c).to_owned()).collect();
        assert!(!thrown.is_empty());
        assert_eq!(
            thrown, known,
            "THROW codes in the repositories vs Refusal::ALL"
        );
    }
}
