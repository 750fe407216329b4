//! Connecting to SurrealDB (the engine is picked by the URL) and applying the schema.

use app::server::repo::Db;
use secrecy::ExposeSecret;
use surrealdb::opt::auth::Root;
use surrealdb::types::SurrealValue;

use crate::config::DatabaseConfig;
use crate::ServerError;

/// The schema, in order. Each file is idempotent; the applied versions are recorded in
/// `schema_migration` so a file that changed after it was applied is refused at start.
pub const MIGRATIONS: &[(u32, &str, &str)] = &[
    (
        1,
        "directory",
        include_str!("../schema/0001_directory.surql"),
    ),
    (2, "accounts", include_str!("../schema/0002_accounts.surql")),
    (3, "requests", include_str!("../schema/0003_requests.surql")),
    (
        4,
        "contact snapshot",
        include_str!("../schema/0004_contact_snapshot.surql"),
    ),
    (
        5,
        "volunteer keys",
        include_str!("../schema/0005_volunteer_keys.surql"),
    ),
    (
        6,
        "request links",
        include_str!("../schema/0006_request_links.surql"),
    ),
    (
        7,
        "studio drafts",
        include_str!("../schema/0007_studio_drafts.surql"),
    ),
    (
        8,
        "lifecycle and feedback",
        include_str!("../schema/0008_lifecycle_feedback.surql"),
    ),
    (
        9,
        "dashboard counts",
        include_str!("../schema/0009_stats.surql"),
    ),
];

/// Connects with `config.url` (`surrealkv://dir`, `mem://`, `ws://host:port`), signs in
/// when credentials are configured, and selects (creating if needed) the namespace and
/// database.
pub async fn connect(config: &DatabaseConfig) -> Result<Db, ServerError> {
    if let Some(dir) = config.url.strip_prefix("surrealkv://") {
        if let Some(parent) = std::path::Path::new(dir).parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent)?;
            }
        }
    }
    let db = surrealdb::engine::any::connect(durable(&config.url)).await?;
    if let (Some(username), Some(password)) = (&config.username, &config.password) {
        db.signin(Root {
            username: username.clone(),
            password: password.expose_secret().to_owned(),
        })
        .await?;
    }
    let ns = identifier("namespace", &config.namespace)?;
    let name = identifier("database", &config.database)?;
    // Names cannot be bound as parameters in DEFINE; both were checked to be plain
    // identifiers above, and come from the operator's configuration, never from a request.
    db.query(format!(
        "DEFINE NAMESPACE IF NOT EXISTS {ns}; USE NS {ns}; DEFINE DATABASE IF NOT EXISTS {name};"
    ))
    .await?
    .check()?;
    db.use_ns(ns).use_db(name).await?;
    Ok(db)
}

/// The address with the embedded store's commit durability set explicitly: SurrealKV
/// writes each commit to its log and fsyncs it before the commit returns (`sync=every`,
/// SurrealDB 3.3.5's default, made explicit so that no change of default can quietly
/// trade acknowledged writes for speed). An address that sets `sync` itself is kept.
pub fn durable(url: &str) -> String {
    if !url.starts_with("surrealkv://") || url.contains("sync=") {
        return url.to_owned();
    }
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}sync=every")
}

fn identifier<'a>(what: &str, name: &'a str) -> Result<&'a str, ServerError> {
    let mut chars = name.chars();
    let ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.len() <= 64;
    if ok {
        Ok(name)
    } else {
        Err(ServerError::Config(format!(
            "the database {what} must be letters, digits and underscores: {name:?}"
        )))
    }
}

fn checksum(text: &str) -> String {
    // FNV-1a: enough to notice an edited migration; not a security measure. Over the text
    // with Windows line endings made plain, so a checkout that converted them still starts.
    let text = text.replace("\r\n", "\n");
    let mut h: u64 = 0xcbf29ce484222325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

#[derive(Debug, SurrealValue)]
struct Applied {
    version: i64,
    checksum: String,
}

/// How often start-up tries to apply the migrations before giving up.
const MIGRATION_TRIES: u32 = 8;

/// Applies every migration not yet recorded, each in its own transaction. Several app
/// copies starting at once on a fresh database race to apply the same migration: the
/// database lets one transaction through and refuses the others with a conflict, so a
/// refused copy waits a moment, reads what is now applied, and goes on.
pub async fn migrate(db: &Db) -> Result<(), ServerError> {
    migrate_to(db, u32::MAX).await
}

/// As [`migrate`], up to and including migration `last` (tests of a migration's data
/// changes start from the schema before it).
pub async fn migrate_to(db: &Db, last: u32) -> Result<(), ServerError> {
    let mut tries = 0;
    loop {
        tries += 1;
        match migrate_once(db, last).await {
            Ok(()) => return Ok(()),
            Err(e) if tries < MIGRATION_TRIES && retryable(&e) => {
                tracing::warn!(error = %e, tries, "migrating raced another copy; trying again");
                // A little jitter, so that the copies do not retry in step.
                let jitter = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| u64::from(d.subsec_micros() % 100))
                    .unwrap_or(0);
                let wait = 50 * u64::from(tries) + jitter;
                tokio::time::sleep(std::time::Duration::from_millis(wait)).await;
            }
            Err(e) => return Err(e),
        }
    }
}

/// A failure another attempt may not meet: a clash with a concurrent transaction (another
/// copy migrating). A broken or edited migration is not retried.
fn retryable(e: &ServerError) -> bool {
    use app::server::repo::is_conflict_message;
    match e {
        ServerError::Migration { reason, .. } => is_conflict_message(reason),
        ServerError::Database(e) => is_conflict_message(&e.to_string()),
        _ => false,
    }
}

const EDITED: &str = "the file changed after it was applied";

/// Records a migration as applied. Another copy starting at the same moment may have
/// recorded it already, after this one read the list: the statement then replaces that
/// row, so it names every field (`CONTENT` leaves out nothing for a default to fill on an
/// existing row, and a missing `applied_at` made that copy fail to start).
const RECORD_MIGRATION: &str = "UPSERT type::record('schema_migration', $version) \
     CONTENT { version: $version, name: $name, checksum: $checksum, applied_at: time::now() };";

async fn migrate_once(db: &Db, last: u32) -> Result<(), ServerError> {
    db.query(
        "DEFINE TABLE IF NOT EXISTS schema_migration SCHEMAFULL;
         DEFINE FIELD IF NOT EXISTS version ON schema_migration TYPE int;
         DEFINE FIELD IF NOT EXISTS name ON schema_migration TYPE string;
         DEFINE FIELD IF NOT EXISTS checksum ON schema_migration TYPE string;
         DEFINE FIELD IF NOT EXISTS applied_at ON schema_migration TYPE datetime DEFAULT time::now();
         DEFINE INDEX IF NOT EXISTS schema_migration_version ON schema_migration FIELDS version UNIQUE;",
    )
    .await?
    .check()?;
    let applied: Vec<Applied> = db
        .query("SELECT version, checksum FROM schema_migration")
        .await?
        .check()?
        .take(0)?;
    for &(version, name, text) in MIGRATIONS.iter().filter(|m| m.0 <= last) {
        let sum = checksum(text);
        if let Some(done) = applied.iter().find(|a| a.version == i64::from(version)) {
            if done.checksum != sum {
                return Err(ServerError::Migration {
                    version,
                    name,
                    reason: format!("{EDITED}; add a new migration instead"),
                });
            }
            continue;
        }
        tracing::info!(version, name, "applying migration");
        // `text` is a file compiled into the binary, never input.
        let script =
            format!("BEGIN TRANSACTION;\n{text}\n;\n{RECORD_MIGRATION}\nCOMMIT TRANSACTION;");
        db.query(script)
            .bind(("version", i64::from(version)))
            .bind(("name", name))
            .bind(("checksum", sum))
            .await
            // The statement that failed, not the "not executed" ones after it: a conflict
            // with another copy is told apart from a broken migration by its cause.
            .and_then(app::server::repo::checked)
            .map_err(|e| ServerError::Migration {
                version,
                name,
                reason: e.to_string(),
            })?;
    }
    Ok(())
}

/// The highest schema version recorded in the database.
pub async fn schema_version(db: &Db) -> Result<i64, ServerError> {
    let v: Option<i64> = db
        .query("RETURN math::max((SELECT VALUE version FROM schema_migration)) ?? 0")
        .await?
        .check()?
        .take(0)?;
    Ok(v.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::DatabaseConfig;

    /// The values the schema allows for `table.field` (its `ASSERT … IN [...]` list, as
    /// finally defined by the migrations).
    fn allowed(table: &str, field: &str) -> Vec<String> {
        // The latest definition wins: a later migration may redefine it (OVERWRITE).
        let heads = [
            format!("DEFINE FIELD OVERWRITE {field} ON {table} "),
            format!("DEFINE FIELD IF NOT EXISTS {field} ON {table} "),
        ];
        let text = MIGRATIONS
            .iter()
            .rev()
            .find_map(|m| {
                heads
                    .iter()
                    .find_map(|h| m.2.find(h.as_str()).map(|at| &m.2[at + h.len()..]))
            })
            .unwrap_or_else(|| panic!("{table}.{field} is not in the schema"));
        let text = &text[..text.find("DEFINE ").unwrap_or(text.len())];
        let list = text
            .split_once("IN [")
            .and_then(|(_, rest)| rest.split_once(']'))
            .map(|(list, _)| list)
            .unwrap_or_else(|| panic!("{table}.{field} has no list of values"));
        let mut values: Vec<String> = list
            .split(',')
            .map(|v| v.trim().trim_matches('\'').to_owned())
            .collect();
        values.sort();
        values
    }

    fn sorted<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let mut v: Vec<String> = values.into_iter().map(str::to_owned).collect();
        v.sort();
        v
    }

    /// A copy that records a migration another copy recorded a moment before (it read the
    /// list before that) must still start: this failed with "Expected `datetime` but found
    /// `NONE`" for `applied_at` when the statement left the field out.
    #[tokio::test]
    async fn recording_a_migration_already_recorded_by_another_copy_succeeds() {
        let db = connect(&mem()).await.expect("connect");
        migrate(&db).await.expect("migrate");
        let (version, name, text) = MIGRATIONS[1];
        db.query(RECORD_MIGRATION)
            .bind(("version", i64::from(version)))
            .bind(("name", name))
            .bind(("checksum", checksum(text)))
            .await
            .and_then(app::server::repo::checked)
            .expect("recorded again");
        assert_eq!(
            schema_version(&db).await.expect("version"),
            i64::from(MIGRATIONS.len() as u32)
        );
    }

    /// Adding a choice in Rust without the schema (or the other way round) fails here,
    /// not in production at the first save.
    #[test]
    fn the_schema_allows_exactly_each_enums_values() {
        use app::domain::request::{Background, CloseReason, Membership, RequestStatus};
        use app::domain::{MeetingMode, Role, TermKind, Weekday};
        assert_eq!(
            allowed("term", "kind"),
            sorted(TermKind::ALL.iter().map(|v| v.slug()))
        );
        let modes = sorted(MeetingMode::ALL.iter().map(|v| v.slug()));
        assert_eq!(allowed("volunteer", "meeting_modes"), modes);
        assert_eq!(allowed("request", "modes"), modes);
        assert_eq!(
            allowed("volunteer", "availability[*].day"),
            sorted(Weekday::ALL.iter().map(|v| v.slug()))
        );
        // `volunteer` is never stored: it follows from having a profile.
        let granted = Role::ALL.iter().filter(|r| **r != Role::Volunteer);
        assert_eq!(
            allowed("account", "roles"),
            sorted(granted.map(|r| r.slug()))
        );
        assert_eq!(
            allowed("request", "membership"),
            sorted(Membership::ALL.iter().map(|v| v.slug()))
        );
        assert_eq!(
            allowed("request", "background"),
            sorted(Background::ALL.iter().map(|v| v.slug()))
        );
        assert_eq!(
            allowed("request", "status"),
            sorted(RequestStatus::ALL.iter().map(|v| v.slug()))
        );
        assert_eq!(
            allowed("feedback", "mode"),
            sorted(MeetingMode::ALL.iter().map(|v| v.slug()))
        );
        assert_eq!(
            allowed("feedback", "useful"),
            sorted(app::domain::feedback::Useful::ALL.iter().map(|v| v.slug()))
        );
        let marks = app::domain::request::ReferralOutcome::ALL
            .iter()
            .map(|v| v.slug());
        assert_eq!(
            allowed("referral", "state"),
            sorted(marks.chain(["active", "declined", "withdrawn"]))
        );
        assert_eq!(
            allowed("request", "closed_reason"),
            sorted(CloseReason::ALL.iter().map(|v| v.slug()))
        );
    }

    fn mem() -> DatabaseConfig {
        DatabaseConfig {
            url: "mem://".into(),
            ..DatabaseConfig::default()
        }
    }

    #[tokio::test]
    async fn migrations_apply_once_and_are_recorded() {
        let db = connect(&mem()).await.expect("connect");
        migrate(&db).await.expect("first run");
        migrate(&db).await.expect("second run is a no-op");
        assert_eq!(
            schema_version(&db).await.expect("version"),
            i64::from(MIGRATIONS.last().map(|m| m.0).unwrap_or(0))
        );
        let vocab = app::server::repo::terms::load_vocabularies(&db)
            .await
            .expect("vocab");
        assert_eq!(vocab.roles.len(), 11);
        assert_eq!(vocab.roles[0].label, "Academic Librarian");
    }

    #[test]
    fn the_embedded_store_syncs_every_commit() {
        assert_eq!(
            durable("surrealkv://data/db"),
            "surrealkv://data/db?sync=every"
        );
        assert_eq!(
            durable("surrealkv://data/db?versioned=true"),
            "surrealkv://data/db?versioned=true&sync=every"
        );
        assert_eq!(
            durable("surrealkv://data/db?sync=1s"),
            "surrealkv://data/db?sync=1s"
        );
        assert_eq!(durable("mem://"), "mem://");
        assert_eq!(durable("ws://127.0.0.1:8000"), "ws://127.0.0.1:8000");
    }

    #[test]
    fn checksums_ignore_line_endings() {
        assert_eq!(checksum("a;\nb;\n"), checksum("a;\r\nb;\r\n"));
        assert_ne!(checksum("a;\nb;\n"), checksum("a;\nc;\n"));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn copies_starting_together_on_a_fresh_database_all_start() {
        // One database, four copies migrating at the same moment.
        let db = connect(&mem()).await.expect("connect");
        let runs: Vec<_> = (0..4)
            .map(|_| {
                let db = db.clone();
                tokio::spawn(async move { migrate(&db).await })
            })
            .collect();
        for r in runs {
            r.await.expect("joined").expect("every copy starts");
        }
        let rows: Vec<i64> = db
            .query("SELECT VALUE version FROM schema_migration ORDER BY version")
            .await
            .expect("query")
            .take(0)
            .expect("versions");
        let expected: Vec<i64> = MIGRATIONS.iter().map(|m| i64::from(m.0)).collect();
        assert_eq!(rows, expected, "each migration recorded once");
    }

    #[tokio::test]
    async fn volunteers_named_after_their_names_get_random_keys() {
        let db = connect(&mem()).await.expect("connect");
        migrate_to(&db, 4).await.expect("schema before 0005");
        db.query(
            "CREATE volunteer:`ada-lovelace-1a2b3c4d` CONTENT { display_name: 'Ada Lovelace', job_title: 'Archivist',
                 roles: ['public-librarian'], setting: 'public-library', region: 'central', years_experience: 5,
                 bio: '', specialties: [], meeting_modes: ['video'], minutes_per_interview: 45, max_contacts: 2,
                 contacts_used: 1 };
             CREATE volunteer_contact:`ada-lovelace-1a2b3c4d` CONTENT { volunteer: volunteer:`ada-lovelace-1a2b3c4d`,
                 email: 'ada@example.org' };
             CREATE account:a1 CONTENT { issuer: 'i', subject: 's', email: 'ada@example.org', email_verified: true,
                 name: 'Ada', roles: [], volunteer: volunteer:`ada-lovelace-1a2b3c4d`, last_sign_in: time::now() };
             CREATE request:r1 CONTENT { token_hash: string::repeat('a', 64), name: 'Bo', email: 'bo@example.org',
                 membership: 'member', background: 'student', learning_goal: 'What is the work like?', roles: [],
                 settings: [], modes: ['video'], status: 'matched', created_at: time::now(), due_on: time::now(),
                 volunteer: volunteer:`ada-lovelace-1a2b3c4d`, declined: ['grace-hopper-99887766'],
                 preferred: 'ada-lovelace-1a2b3c4d' };
             CREATE referral CONTENT { request: request:r1, volunteer: volunteer:`ada-lovelace-1a2b3c4d`,
                 matched_at: time::now(), state: 'active' };
             CREATE referral CONTENT { request: request:r1, volunteer: volunteer:`grace-hopper-99887766`,
                 matched_at: time::now(), state: 'declined' };",
        )
        .await
        .expect("old rows")
        .check()
        .expect("old rows stored");
        migrate(&db).await.expect("0005 applies");
        let keys: Vec<String> = db
            .query("SELECT VALUE record::id(id) FROM volunteer")
            .await
            .expect("q")
            .take(0)
            .expect("keys");
        assert_eq!(keys.len(), 1);
        let key = &keys[0];
        assert!(
            key.starts_with('v') && key.len() == 17 && !key.contains("ada"),
            "{key}"
        );
        let mut res = db
            .query(
                "RETURN (SELECT VALUE email FROM ONLY type::record('volunteer_contact', $key)) = 'ada@example.org';
                 RETURN (SELECT VALUE record::id(volunteer) FROM ONLY account:a1) = $key;
                 RETURN (SELECT VALUE record::id(volunteer) FROM ONLY request:r1) = $key;
                 RETURN (SELECT VALUE preferred FROM ONLY request:r1) = $key;
                 RETURN (SELECT VALUE declined FROM ONLY request:r1) = [];
                 RETURN count(SELECT id FROM referral WHERE string::contains(record::id(volunteer), '-')) = 0;
                 RETURN count(SELECT id FROM referral WHERE volunteer = type::record('volunteer', $key)) = 1;
                 RETURN (SELECT VALUE contacts_used FROM ONLY type::record('volunteer', $key)) = 1;",
            )
            .bind(("key", key.clone()))
            .await
            .expect("checks");
        for i in 0..8 {
            let ok: Option<bool> = res.take(i).expect("a check");
            assert_eq!(ok, Some(true), "check {i} after rekeying");
        }
        migrate(&db).await.expect("a second run changes nothing");
    }

    #[tokio::test]
    async fn a_requests_link_moves_to_its_own_record_and_keeps_working() {
        let db = connect(&mem()).await.expect("connect");
        migrate_to(&db, 5).await.expect("schema before 0006");
        let hash = "ab".repeat(32);
        db.query(
            "CREATE request:r1 CONTENT { token_hash: $hash, name: 'Bo Lin', email: 'bo@example.org',
                 membership: 'member', background: 'student', learning_goal: 'What is the work like?',
                 roles: [], settings: [], modes: ['video'], status: 'open', created_at: time::now(),
                 due_on: time::now(), declined: [] };",
        )
        .bind(("hash", hash.clone()))
        .await
        .expect("old row")
        .check()
        .expect("old row stored");
        migrate(&db).await.expect("0006 applies");
        let found = app::server::repo::requests::by_token(&db, &hash)
            .await
            .expect("read")
            .expect("the old link opens the request");
        assert_eq!(found.key, "r1");
        let unknown = app::server::repo::requests::by_token(&db, &"cd".repeat(32))
            .await
            .expect("read");
        assert!(unknown.is_none(), "no other link opens it");
        let left: Option<String> = db
            .query("SELECT VALUE token_hash FROM ONLY request:r1")
            .await
            .expect("q")
            .take(0)
            .expect("value");
        assert_eq!(left, None, "the hash is no longer on the request");
        migrate(&db).await.expect("a second run changes nothing");
    }

    #[tokio::test]
    async fn schema_refuses_invalid_rows() {
        let db = connect(&mem()).await.expect("connect");
        migrate(&db).await.expect("migrate");
        let res = db
            .query("CREATE volunteer:x CONTENT { display_name: 'A', job_title: '', roles: ['public-librarian'], setting: 'public-library', region: 'central', years_experience: 5, bio: '', specialties: [], meeting_modes: ['video'], minutes_per_interview: 90, max_contacts: 2 }")
            .await
            .expect("query ran")
            .check();
        let err = res.expect_err("90 minutes must be refused by the schema");
        let msg = err.to_string();
        assert!(
            msg.contains("minutes_per_interview"),
            "refused for the minutes: {msg}"
        );
        let ok = db
            .query("CREATE volunteer:y CONTENT { display_name: 'A', job_title: '', roles: ['public-librarian'], setting: 'public-library', region: 'central', years_experience: 5, bio: '', specialties: [], meeting_modes: ['video'], minutes_per_interview: 45, max_contacts: 2 }")
            .await
            .expect("query ran")
            .check();
        assert!(
            ok.is_ok(),
            "the same row with 45 minutes is accepted: {ok:?}"
        );
    }
}
