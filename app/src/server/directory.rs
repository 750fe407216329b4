//! The directory read model: every listed volunteer's public profile in memory, behind
//! one lock, kept up to date by this copy's own writes and by a periodic sync with the
//! database for changes made through other copies.

use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use chrono::NaiveDate;

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
