//! Connecting to SurrealDB (the engine is picked by the URL) and applying the schema.

use app::server::repo::Db;
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
    let db = surrealdb::engine::any::connect(config.url.as_str()).await?;
    if let (Some(username), Some(password)) = (&config.username, &config.password) {
        db.signin(Root {
            username: username.clone(),
            password: password.expose().to_owned(),
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
    // FNV-1a: enough to notice an edited migration; not a security measure.
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

/// Applies every migration not yet recorded, each in its own transaction.
pub async fn migrate(db: &Db) -> Result<(), ServerError> {
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
    for &(version, name, text) in MIGRATIONS {
        let sum = checksum(text);
        if let Some(done) = applied.iter().find(|a| a.version == i64::from(version)) {
            if done.checksum != sum {
                return Err(ServerError::Migration {
                    version,
                    name,
                    reason: "the file changed after it was applied; add a new migration instead"
                        .into(),
                });
            }
            continue;
        }
        tracing::info!(version, name, "applying migration");
        // `text` is a file compiled into the binary, never input.
        let script = format!(
            "BEGIN TRANSACTION;\n{text}\n;\nUPSERT type::record('schema_migration', $version) \
             CONTENT {{ version: $version, name: $name, checksum: $checksum }};\nCOMMIT TRANSACTION;"
        );
        db.query(script)
            .bind(("version", i64::from(version)))
            .bind(("name", name))
            .bind(("checksum", sum))
            .await?
            .check()
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

    #[tokio::test]
    async fn schema_refuses_invalid_rows() {
        let db = connect(&mem()).await.expect("connect");
        migrate(&db).await.expect("migrate");
        let res = db
            .query("CREATE volunteer:x CONTENT { display_name: 'A', job_title: '', roles: ['public-librarian'], setting: 'public-library', region: 'central', years_experience: 5, bio: '', specialties: [], meeting_modes: ['video'], minutes_per_interview: 90, max_contacts: 2 }")
            .await
            .expect("query ran")
            .check();
        assert!(res.is_err(), "90 minutes must be refused by the schema");
    }
}
