//! Shared server state: the database handle and the directory read model.

use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use axum::extract::FromRef;
use chrono::NaiveDate;
use leptos::prelude::LeptosOptions;

use super::repo::{self, Db, RepoError};
use crate::domain::directory_index::DirectoryIndex;

/// The directory read model: every listed volunteer's public profile, in memory.
#[derive(Clone, Default)]
pub struct Directory(Arc<RwLock<DirectoryIndex>>);

impl Directory {
    /// Loads the vocabularies and every listed profile from the database.
    pub async fn load(db: &Db) -> Result<Self, RepoError> {
        let vocab = repo::terms::load_vocabularies(db).await?;
        let profiles = repo::volunteers::load_public_profiles(db).await?;
        Ok(Self(Arc::new(RwLock::new(DirectoryIndex::build(
            vocab, profiles,
        )))))
    }

    /// Brings volunteer `key` up to date from the database after a write: updated when
    /// listed, removed when gone or unlisted.
    pub async fn refresh(&self, db: &Db, key: &str) -> Result<(), RepoError> {
        match repo::volunteers::load_public(db, key).await? {
            Some(p) if p.pool.listed => self.write().upsert(p),
            _ => {
                self.write().remove(key);
            }
        }
        Ok(())
    }

    /// Read access. A panic while a writer held the lock cannot leave the index half
    /// updated (every update is a single call), so a poisoned lock is still usable.
    pub fn read(&self) -> RwLockReadGuard<'_, DirectoryIndex> {
        self.0.read().unwrap_or_else(|p| p.into_inner())
    }

    pub fn write(&self) -> RwLockWriteGuard<'_, DirectoryIndex> {
        self.0.write().unwrap_or_else(|p| p.into_inner())
    }
}

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub directory: Directory,
    pub auth: Arc<super::auth::Auth>,
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
