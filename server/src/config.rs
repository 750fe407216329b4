//! Layered configuration: built-in defaults → a TOML file → `APP_` environment variables
//! (nested keys joined with `__`, e.g. `APP_DATABASE__URL`) → command-line flags.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use app::server::auth::AuthSettings;
use app::server::mail::MailSettings;
use app::server::ProgramSettings;
use figment::providers::{Env, Format, Toml};
use figment::Figment;
use leptos::prelude::LeptosOptions;
use secrecy::SecretString;
use serde::Deserialize;

use crate::ServerError;

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Address and port to serve on.
    pub listen: SocketAddr,
    /// `development` or `production`.
    pub environment: Environment,
    pub database: DatabaseConfig,
    pub site: SiteConfig,
    pub log: LogConfig,
    /// Sign-in: identity providers, administrators, sessions (`[auth]`, `[[auth.providers]]`).
    pub auth: AuthSettings,
    /// The program's rules and the matching (`[program]`, `[program.weights]`).
    pub program: ProgramSettings,
    /// Email delivery (`[email]`).
    pub email: MailSettings,
    /// Behind a reverse proxy or load balancer: take the client's address from the last
    /// entry of `X-Forwarded-For`, the one the proxy added (for the public forms' rate limits).
    pub trust_forwarded_for: bool,
    /// How often this app copy brings in volunteers changed through other copies sharing
    /// its database (matches, edits, departures); 0 turns it off (a single copy).
    pub directory_sync_seconds: u64,
    /// How often this app copy runs the scheduled jobs (requests ending on their own); 0
    /// turns them off in this copy. Every job is safe with several copies running.
    pub scheduler_seconds: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    Development,
    Production,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseConfig {
    /// `surrealkv://<dir>` (embedded, on disk), `mem://` (embedded, in memory), or
    /// `ws://host:port` for a SurrealDB server.
    pub url: String,
    pub namespace: String,
    pub database: String,
    /// Root credentials for a SurrealDB server (not used by the embedded engines).
    pub username: Option<String>,
    /// A secret: never printed.
    pub password: Option<SecretString>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SiteConfig {
    /// Where the built browser assets are (cargo-leptos writes `target/site`).
    pub root: String,
    pub pkg_dir: String,
    pub output_name: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogConfig {
    /// `pretty` for people, `json` for log collectors.
    pub format: LogFormat,
    /// A tracing filter, e.g. `info,server=debug`. `RUST_LOG` wins when set.
    pub filter: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 3000)),
            environment: Environment::Development,
            database: DatabaseConfig::default(),
            site: SiteConfig::default(),
            log: LogConfig::default(),
            auth: AuthSettings::default(),
            program: ProgramSettings::default(),
            email: MailSettings::default(),
            trust_forwarded_for: false,
            directory_sync_seconds: 10,
            scheduler_seconds: 60,
        }
    }
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        Self {
            url: "surrealkv://data/career-connects.db".into(),
            namespace: "main".into(),
            database: "main".into(),
            username: None,
            password: None,
        }
    }
}

impl Default for SiteConfig {
    fn default() -> Self {
        Self {
            root: "target/site".into(),
            pkg_dir: "pkg".into(),
            output_name: "career-connects".into(),
        }
    }
}

impl Default for LogConfig {
    fn default() -> Self {
        Self {
            format: LogFormat::Pretty,
            filter: "info".into(),
        }
    }
}

/// The default configuration file, read when present and no other is named.
pub const DEFAULT_FILE: &str = "career-connects.toml";

impl Config {
    /// Loads defaults, then `file` (or `career-connects.toml` when it exists), then the
    /// `APP_` environment.
    pub fn load(file: Option<&Path>) -> Result<Self, ServerError> {
        let mut figment = Figment::new();
        match file {
            Some(path) => {
                if !path.exists() {
                    return Err(ServerError::Config(format!(
                        "configuration file {} does not exist",
                        path.display()
                    )));
                }
                figment = figment.merge(Toml::file(path));
            }
            None => {
                let default = PathBuf::from(DEFAULT_FILE);
                if default.exists() {
                    figment = figment.merge(Toml::file(default));
                }
            }
        }
        figment = figment.merge(Env::prefixed("APP_").split("__"));
        let config: Self = figment
            .extract()
            .map_err(|e| ServerError::Config(e.to_string()))?;
        config.check()?;
        Ok(config)
    }

    /// Rules no single field can express.
    pub fn check(&self) -> Result<(), ServerError> {
        if self.environment == Environment::Production {
            match self.auth.public_url.as_deref() {
                Some(url) if url.starts_with("https://") => {}
                _ => {
                    return Err(ServerError::Config(
                        "in production, auth.public_url must be the site's https:// address \
                         (sign-in redirects and Secure cookies depend on it)"
                            .into(),
                    ))
                }
            }
            if self.auth.secure_cookies == Some(false) {
                return Err(ServerError::Config(
                    "in production, auth.secure_cookies cannot be turned off".into(),
                ));
            }
        }
        Ok(())
    }

    /// The Leptos options for serving on `addr`.
    pub fn leptos_options(&self, addr: SocketAddr) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name(self.site.output_name.as_str())
            .site_root(self.site.root.as_str())
            .site_pkg_dir(self.site.pkg_dir.as_str())
            .site_addr(addr)
            .env(match self.environment {
                Environment::Development => leptos::config::Env::DEV,
                Environment::Production => leptos::config::Env::PROD,
            })
            .build()
    }
}

#[cfg(test)]
#[allow(clippy::result_large_err)] // figment's Jail closures return figment::Error
mod tests {
    use super::*;

    #[test]
    fn environment_overrides_file_which_overrides_defaults() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "cc.toml",
                r#"
                listen = "127.0.0.1:4000"
                [database]
                url = "mem://"
                namespace = "from_file"
                "#,
            )?;
            jail.set_env("APP_DATABASE__NAMESPACE", "from_env");
            let c = Config::load(Some(Path::new("cc.toml"))).expect("loads");
            assert_eq!(c.listen.port(), 4000);
            assert_eq!(c.database.url, "mem://");
            assert_eq!(c.database.namespace, "from_env");
            assert_eq!(c.database.database, "main");
            Ok(())
        });
    }

    #[test]
    fn unknown_keys_and_missing_files_are_errors() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("bad.toml", "lisen = \"127.0.0.1:1\"")?;
            assert!(Config::load(Some(Path::new("bad.toml"))).is_err());
            assert!(Config::load(Some(Path::new("missing.toml"))).is_err());
            Ok(())
        });
    }

    #[test]
    fn providers_come_from_the_file_and_production_needs_https() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "cc.toml",
                r#"
                environment = "production"
                [auth]
                public_url = "https://connects.example.org"
                [[auth.providers]]
                id = "linkedin"
                name = "LinkedIn"
                issuer = "https://www.linkedin.com/oauth"
                client_id = "abc"
                client_secret = "s3cret"
                token_auth = "post"
                admin_emails = ["chair@example.org"]
                [email]
                smtp_url = "smtp://mailer:hunter2pw@mail.example.org:587?tls=required"
                "#,
            )?;
            let c = Config::load(Some(Path::new("cc.toml"))).expect("loads");
            assert_eq!(c.auth.providers.len(), 1);
            assert_eq!(c.auth.providers[0].scopes, ["openid", "email", "profile"]);
            assert_eq!(c.auth.providers[0].admin_emails, ["chair@example.org"]);
            let printed = format!("{c:?}");
            assert!(
                !printed.contains("s3cret"),
                "the OIDC secret is not printed"
            );
            assert!(
                !printed.contains("hunter2pw") && !printed.contains("mailer"),
                "the SMTP credentials are not printed: {printed}"
            );
            assert!(
                printed.contains("mail.example.org"),
                "the SMTP host is: {printed}"
            );
            jail.set_env("APP_AUTH__PUBLIC_URL", "http://connects.example.org");
            assert!(Config::load(Some(Path::new("cc.toml"))).is_err());
            Ok(())
        });
    }

    #[test]
    fn secrets_are_not_printed() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("APP_DATABASE__USERNAME", "root");
            jail.set_env("APP_DATABASE__PASSWORD", "hunter2");
            let c = Config::load(None).expect("loads");
            let password = c
                .database
                .password
                .as_ref()
                .expect("read from the environment");
            assert_eq!(secrecy::ExposeSecret::expose_secret(password), "hunter2");
            let printed = format!("{c:?}");
            assert!(!printed.contains("hunter2"), "{printed}");
            assert!(printed.contains("REDACTED"), "{printed}");
            Ok(())
        });
    }
}
