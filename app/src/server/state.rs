//! Shared server state: the database handle and the directory read model.

use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use axum::extract::FromRef;
use chrono::NaiveDate;
use leptos::prelude::LeptosOptions;

use super::repo::{self, Db, RepoError};
use crate::domain::directory_index::DirectoryIndex;

/// The directory read model: every listed volunteer's public profile, in memory.
#[derive(Clone, Default)]
pub struct Directory(Arc<DirectoryInner>);

#[derive(Default)]
struct DirectoryInner {
    index: RwLock<DirectoryIndex>,
    /// Counts this copy's own writes to the index (after a save, a match, a departure).
    writes: std::sync::atomic::AtomicU64,
    /// For each volunteer written here, the count when it was last written: a sync whose
    /// database read began before that write must not put back what it read (it may be
    /// older, e.g. a volunteer who has just left). Pruned by every sync.
    written: std::sync::Mutex<std::collections::HashMap<String, u64>>,
}

impl Directory {
    /// Loads the vocabularies and every listed profile from the database.
    pub async fn load(db: &Db) -> Result<Self, RepoError> {
        let vocab = repo::terms::load_vocabularies(db).await?;
        let profiles = repo::volunteers::load_public_profiles(db).await?;
        Ok(Self(Arc::new(DirectoryInner {
            index: RwLock::new(DirectoryIndex::build(vocab, profiles)),
            ..Default::default()
        })))
    }

    /// Records a write of this copy's to `key` (call with the index's write lock held).
    fn note_write(&self, key: &str) {
        let n = self
            .0
            .writes
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
            + 1;
        self.0
            .written
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key.to_owned(), n);
    }

    /// Brings volunteer `key` up to date from the database after a write: updated when
    /// listed, removed when gone or unlisted.
    pub async fn refresh(&self, db: &Db, key: &str) -> Result<(), RepoError> {
        let fresh = repo::volunteers::load_public(db, key).await?;
        let mut index = self.write();
        self.note_write(key);
        match fresh {
            Some(p) if p.pool.listed => index.upsert(p),
            _ => {
                index.remove(key);
            }
        }
        Ok(())
    }

    /// Takes volunteer `key` out of the directory (they left the program).
    pub fn forget(&self, key: &str) {
        let mut index = self.write();
        self.note_write(key);
        index.remove(key);
    }

    /// Brings in what changed in the database since `since`, for instance matches and edits
    /// made through another app copy sharing it. Returns how many profiles were updated or
    /// removed. A volunteer this copy wrote to after the sync began reading is left as it
    /// is: this copy's own write is newer than what the sync read.
    pub async fn sync(
        &self,
        db: &Db,
        since: chrono::DateTime<chrono::Utc>,
    ) -> Result<usize, RepoError> {
        use std::sync::atomic::Ordering;
        let began = self.0.writes.load(Ordering::SeqCst);
        let newer_here = |key: &str| {
            self.0
                .written
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .get(key)
                .is_some_and(|n| *n > began)
        };
        let (changed, departed) = repo::volunteers::changed_since(db, since).await?;
        let mut n = 0;
        {
            let mut index = self.write();
            for p in changed {
                if newer_here(&p.id) {
                    continue;
                }
                n += 1;
                if p.pool.listed {
                    index.upsert(p);
                } else {
                    index.remove(&p.id);
                }
            }
        }
        if departed {
            // Whoever left was deleted: drop the profiles the database no longer lists.
            let listed: std::collections::HashSet<String> = repo::volunteers::listed_keys(db)
                .await?
                .into_iter()
                .collect();
            let gone: Vec<String> = self
                .read()
                .profiles()
                .filter(|p| !listed.contains(&p.id))
                .map(|p| p.id.clone())
                .filter(|id| !newer_here(id))
                .collect();
            n += gone.len();
            let mut index = self.write();
            for key in gone {
                index.remove(&key);
            }
        }
        // Writes made before this sync began cannot be overtaken by a later one.
        self.0
            .written
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|_, at| *at > began);
        Ok(n)
    }

    /// Runs `work` over a copy of the volunteers available `today` (shared pointers, not
    /// profiles), on a thread for blocking work. The directory's lock is let go before
    /// `work` starts, so browsing and directory updates go on while it runs (the batch
    /// solver takes up to a second).
    pub async fn with_available<T, F>(
        &self,
        today: NaiveDate,
        work: F,
    ) -> Result<T, tokio::task::JoinError>
    where
        F: FnOnce(Vec<Arc<crate::domain::PublicProfile>>) -> T + Send + 'static,
        T: Send + 'static,
    {
        let pool: Vec<Arc<crate::domain::PublicProfile>> = self
            .read()
            .profiles()
            .filter(|p| p.status(today).is_available())
            .cloned()
            .collect();
        tokio::task::spawn_blocking(move || work(pool)).await
    }

    /// Read access. A panic while a writer held the lock cannot leave the index half
    /// updated (every update is a single call), so a poisoned lock is still usable.
    pub fn read(&self) -> RwLockReadGuard<'_, DirectoryIndex> {
        self.0.index.read().unwrap_or_else(|p| p.into_inner())
    }

    /// Private: every write of this copy's goes through `refresh`/`forget`, which record it
    /// for the sync.
    fn write(&self) -> RwLockWriteGuard<'_, DirectoryIndex> {
        self.0.index.write().unwrap_or_else(|p| p.into_inner())
    }
}

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub directory: Directory,
    pub auth: Arc<super::auth::Auth>,
    pub program: Arc<ProgramSettings>,
    pub mailer: Arc<super::mail::Mailer>,
    pub limits: Arc<Limits>,
}

/// The `[program]` section of the configuration: the program's rules and the matching.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProgramSettings {
    /// A request is answered within this many days (rule 1: two weeks).
    pub deadline_days: u32,
    /// Requests one email address may have waiting or matched at once.
    pub max_open_requests_per_email: u32,
    /// Request forms accepted from one IP address per hour.
    pub requests_per_ip_per_hour: u32,
    /// Request forms accepted for one email address per day.
    pub requests_per_email_per_day: u32,
    /// Sign-ins one IP address may start per hour.
    pub sign_ins_per_ip_per_hour: u32,
    /// How many days after a conversation ended its requester still sees the volunteer's
    /// contact details.
    pub contact_retention_days: u32,
    /// Suggestions shown for a request.
    pub suggestions: usize,
    /// Candidates each request considers in a batch proposal.
    pub batch_candidates: usize,
    /// The matching score's weights (`[program.weights]`).
    pub weights: crate::domain::matching::MatchWeights,
}

impl Default for ProgramSettings {
    fn default() -> Self {
        Self {
            deadline_days: 14,
            max_open_requests_per_email: 3,
            requests_per_ip_per_hour: 20,
            requests_per_email_per_day: 5,
            sign_ins_per_ip_per_hour: 60,
            contact_retention_days: 30,
            suggestions: 15,
            batch_candidates: 40,
            weights: Default::default(),
        }
    }
}

/// How many times a day new private links may be mailed to one address.
pub const LINKS_PER_EMAIL_PER_DAY: u32 = 3;

/// The public forms' rate limits (per app copy).
pub struct Limits {
    /// Every anonymous form post (request, new links, withdrawal), counted per client
    /// address before anything is checked or stored.
    pub per_ip: std::sync::Mutex<crate::domain::rate::RateLimit>,
    pub per_email: std::sync::Mutex<crate::domain::rate::RateLimit>,
    /// New private links per address: apart from the request form's, so that someone
    /// asking for another person's links cannot use up that person's request quota.
    pub links_per_email: std::sync::Mutex<crate::domain::rate::RateLimit>,
    /// Sign-ins started per client address (each writes a sign-in attempt).
    pub sign_ins_per_ip: std::sync::Mutex<crate::domain::rate::RateLimit>,
}

fn now_seconds() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn count(limit: &std::sync::Mutex<crate::domain::rate::RateLimit>, key: &str) -> bool {
    limit
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .allow(key, now_seconds())
}

impl Limits {
    pub fn new(program: &ProgramSettings) -> Self {
        use crate::domain::rate::RateLimit;
        let limit = |max, seconds| std::sync::Mutex::new(RateLimit::new(max, seconds));
        Self {
            per_ip: limit(program.requests_per_ip_per_hour, 3600),
            per_email: limit(program.requests_per_email_per_day, 86_400),
            links_per_email: limit(LINKS_PER_EMAIL_PER_DAY, 86_400),
            sign_ins_per_ip: limit(program.sign_ins_per_ip_per_hour, 3600),
        }
    }

    /// Counts an anonymous form post from `ip` (an IPv6 address counts by its /64);
    /// false when over the limit. Called first, before the form is read.
    pub fn allow_post(&self, ip: &str) -> bool {
        count(&self.per_ip, &crate::domain::rate::client_key(ip))
    }

    /// Counts a valid request form for `email`; false when over its daily limit.
    pub fn allow_request_for(&self, email: &str) -> bool {
        count(&self.per_email, &email.to_lowercase())
    }

    /// Counts a request for new links for `email`; false when over its daily limit.
    pub fn allow_links_for(&self, email: &str) -> bool {
        count(&self.links_per_email, &email.to_lowercase())
    }

    /// Counts a sign-in started from `ip`; false when over the limit.
    pub fn allow_sign_in(&self, ip: &str) -> bool {
        count(&self.sign_ins_per_ip, &crate::domain::rate::client_key(ip))
    }
}

impl AppState {
    /// Today's date for the program's rules (pauses end at the start of their date, UTC).
    pub fn today(&self) -> NaiveDate {
        chrono::Utc::now().date_naive()
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl Directory {
    /// One page of the directory for a raw query from a URL.
    pub fn search(
        &self,
        query: &crate::domain::DirectoryQuery,
        today: NaiveDate,
    ) -> crate::domain::DirectoryPage {
        let index = self.read();
        let (filter, notices) = query.resolve(index.vocabularies());
        index.search(&filter, today, notices)
    }
}
