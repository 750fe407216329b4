//! The Career Connects server: configuration, database start-up, the HTTP router, and the
//! demo-data seeder. `main.rs` is the command line around it; integration tests start it
//! through [`Server::start`].
// See `frontend/src/lib.rs`: the release build's view types are deep.
#![recursion_limit = "512"]

pub mod config;
pub mod db;
mod export;
pub mod routes;
pub mod seed;
pub mod telemetry;

use std::net::SocketAddr;

use app::server::auth::Auth;
use app::server::{repo::RepoError, AppState, Directory};
use tokio::net::TcpListener;

pub use config::Config;

/// The server layer's error.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("configuration: {0}")]
    Config(String),
    #[error("database: {0}")]
    Database(#[from] surrealdb::Error),
    #[error(transparent)]
    Repo(#[from] RepoError),
    #[error("migration {version} ({name}): {reason}")]
    Migration {
        version: u32,
        name: &'static str,
        reason: String,
    },
    #[error("network: {0}")]
    Io(#[from] std::io::Error),
}

/// The stack each runtime thread gets. SurrealDB's query executor is recursive: a write
/// that fires a table event, which calls a function that writes (the dashboards' counts,
/// migration 0009), nests deeply enough to overflow the default 2 MiB in an unoptimised
/// build. SurrealDB's own server runs with 10 MiB; so do we. (Tests get the same through
/// `RUST_MIN_STACK` in `.cargo/config.toml`, which every thread without an explicit size
/// follows.)
pub const RUNTIME_STACK_BYTES: usize = 10 * 1024 * 1024;

/// A running server: its address, and a handle to stop it.
pub struct Server {
    pub addr: SocketAddr,
    pub state: AppState,
    shutdown: tokio::sync::watch::Sender<bool>,
    task: tokio::task::JoinHandle<Result<(), std::io::Error>>,
}

impl Server {
    /// Connects to the database, applies migrations, loads the directory, binds the
    /// listener and starts serving in the background.
    pub async fn start(config: &Config) -> Result<Self, ServerError> {
        let db = db::connect(&config.database).await?;
        db::migrate(&db).await?;
        Self::start_with(config, db).await
    }

    /// As [`Server::start`], on an already connected and migrated database.
    pub async fn start_with(
        config: &Config,
        db: app::server::repo::Db,
    ) -> Result<Self, ServerError> {
        Self::start_with_clock(config, db, app::server::Clock::default()).await
    }

    /// As [`Server::start_with`], with the clock every time-dependent rule asks (tests
    /// share one between app copies, and move it forward).
    pub async fn start_with_clock(
        config: &Config,
        db: app::server::repo::Db,
        clock: app::server::Clock,
    ) -> Result<Self, ServerError> {
        let loaded_at = chrono::Utc::now();
        let directory = Directory::load(&db).await?;
        let listener = TcpListener::bind(config.listen).await?;
        let addr = listener.local_addr()?;
        let auth = Auth::new(config.auth.clone(), &format!("http://{addr}"))
            .map_err(|e| ServerError::Config(e.to_string()))?;
        if config.auth.providers.is_empty() {
            tracing::warn!("no identity providers are configured: nobody can sign in");
        }
        // An administrator taken out of the configuration loses the role now, not at their
        // next sign-in, and their sessions end.
        let revoked = auth.revoke_unlisted_admins(&db).await?;
        if revoked > 0 {
            tracing::warn!(revoked, "administrators no longer configured lost the role");
        }
        let mailer = app::server::mail::Mailer::new(config.email.clone())
            .map_err(|e| ServerError::Config(e.to_string()))?;
        tracing::info!(delivery = %mailer.describe(), "email");
        let program = std::sync::Arc::new(config.program.clone());
        let state = AppState {
            leptos_options: config.leptos_options(addr),
            db,
            directory,
            auth,
            limits: std::sync::Arc::new(app::server::Limits::new(&program)),
            program,
            mailer,
            clock,
        };
        let router = routes::router(state.clone(), config.trust_forwarded_for);
        let (shutdown, mut stop) = tokio::sync::watch::channel(false);
        tokio::spawn(purge_expired(state.db.clone(), shutdown.subscribe()));
        if config.directory_sync_seconds > 0 {
            tokio::spawn(sync_directory(
                state.clone(),
                loaded_at,
                std::time::Duration::from_secs(config.directory_sync_seconds),
                shutdown.subscribe(),
            ));
        }
        if config.scheduler_seconds > 0 {
            tokio::spawn(run_jobs(
                state.clone(),
                std::time::Duration::from_secs(config.scheduler_seconds),
                shutdown.subscribe(),
            ));
        }
        tokio::spawn(
            state
                .mailer
                .clone()
                .run(state.db.clone(), shutdown.subscribe()),
        );
        let task = tokio::spawn(async move {
            axum::serve(
                listener,
                router.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .with_graceful_shutdown(async move {
                let _ = stop.wait_for(|s| *s).await;
            })
            .await
        });
        tracing::info!(%addr, "listening");
        Ok(Self {
            addr,
            state,
            shutdown,
            task,
        })
    }

    /// Stops accepting connections, lets requests in flight finish, and waits.
    pub async fn stop(self) -> Result<(), ServerError> {
        let _ = self.shutdown.send(true);
        match self.task.await {
            Ok(r) => r.map_err(ServerError::Io),
            Err(e) => Err(ServerError::Io(std::io::Error::other(e))),
        }
    }

    /// Serves until Ctrl-C or SIGTERM, then shuts down gracefully.
    pub async fn run_until_signal(self) -> Result<(), ServerError> {
        shutdown_signal().await;
        tracing::info!("shutting down");
        self.stop().await
    }
}

/// A background task's clock: ticks every `period`, the first time one period after start,
/// until the server stops.
struct Every {
    ticks: tokio::time::Interval,
    stop: tokio::sync::watch::Receiver<bool>,
}

impl Every {
    fn new(period: std::time::Duration, stop: tokio::sync::watch::Receiver<bool>) -> Self {
        let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        Self { ticks, stop }
    }

    /// Waits for the next tick: true, or false once the server is stopping.
    async fn tick(&mut self) -> bool {
        tokio::select! {
            _ = self.ticks.tick() => true,
            _ = self.stop.changed() => false,
        }
    }
}

/// Every `period`, brings the in-memory directory up to date with changes other app copies
/// made to the shared database. Each look reaches back a little before the previous one,
/// so a transaction that committed late, or a copy whose clock runs behind, is not missed.
async fn sync_directory(
    state: AppState,
    loaded_at: chrono::DateTime<chrono::Utc>,
    period: std::time::Duration,
    stop: tokio::sync::watch::Receiver<bool>,
) {
    let overlap = chrono::TimeDelta::seconds(30);
    let mut since = loaded_at - overlap;
    let mut every = Every::new(period, stop);
    while every.tick().await {
        let started = chrono::Utc::now();
        match state.directory.sync(&state.db, since).await {
            Ok(n) => {
                tracing::debug!(profiles = n, "directory synced");
                since = started - overlap;
            }
            Err(e) => tracing::warn!(error = %e, "syncing the directory failed; will retry"),
        }
    }
}

/// Every `period` (and once at start), runs the scheduled jobs that are due
/// (`app::server::service::jobs`); a failed run is logged and the next one tries again.
async fn run_jobs(
    state: AppState,
    period: std::time::Duration,
    stop: tokio::sync::watch::Receiver<bool>,
) {
    let mut every = Every::new(period, stop);
    let mut first = true;
    while std::mem::take(&mut first) || every.tick().await {
        match app::server::service::jobs::run_due(&state).await {
            Ok(ran) => tracing::debug!(?ran, "scheduled jobs ran"),
            Err(e) => tracing::warn!(error = %e, "scheduled jobs failed; will retry"),
        }
    }
}

/// How long delivered emails stay in the outbox.
const KEEP_DELIVERED_EMAIL_DAYS: i64 = 30;

/// Deletes expired sessions, sign-in attempts and form drafts, and emails delivered more
/// than [`KEEP_DELIVERED_EMAIL_DAYS`] ago, every ten minutes.
async fn purge_expired(db: app::server::repo::Db, stop: tokio::sync::watch::Receiver<bool>) {
    let mut every = Every::new(std::time::Duration::from_secs(600), stop);
    // The first purge runs at start: whatever expired while the server was down goes now.
    let mut first = true;
    while std::mem::take(&mut first) || every.tick().await {
        let now = chrono::Utc::now();
        if let Err(e) = app::server::repo::accounts::purge_expired(&db, now).await {
            tracing::warn!(error = %e, "purging expired sessions failed");
        }
        let before = now - chrono::TimeDelta::days(KEEP_DELIVERED_EMAIL_DAYS);
        if let Err(e) = app::server::repo::outbox::purge_delivered(&db, before).await {
            tracing::warn!(error = %e, "purging delivered emails failed");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(%e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(%e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
