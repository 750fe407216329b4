//! Starting a server for a test, and a few helpers to talk to it.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};

use app::domain::Vocabularies;
use app::server::auth::{AuthSettings, ProviderSettings, TokenAuth};
use app::server::repo::volunteers::NewVolunteer;
use chrono::NaiveDate;
use server::config::{Config, DatabaseConfig};
use server::{db, seed, Server};

pub const SEED: u64 = 42;

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    /// Exactly what was written to the database.
    pub volunteers: Vec<NewVolunteer>,
    pub vocab: Vocabularies,
    pub today: NaiveDate,
    server: Server,
}

impl TestApp {
    /// A fresh database with `n` seeded volunteers, and a server over it on a random port,
    /// signing in through the local OpenID Connect provider process.
    pub async fn spawn(n: usize) -> Self {
        Self::spawn_with(n, |_| {}).await
    }

    /// As [`TestApp::spawn`], with changes to the sign-in settings.
    pub async fn spawn_with(n: usize, tweak: impl FnOnce(&mut AuthSettings)) -> Self {
        // Server logs in test output: TEST_LOG=debug cargo test …
        let _ = tracing_subscriber::fmt()
            .with_test_writer()
            .with_env_filter(
                tracing_subscriber::EnvFilter::try_from_env("TEST_LOG")
                    .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("error")),
            )
            .try_init();
        let mut auth = AuthSettings {
            providers: vec![ProviderSettings {
                id: "local".into(),
                name: "Local test sign-in".into(),
                issuer: provider_issuer(),
                client_id: "career-connects-tests".into(),
                client_secret: Some(app::server::auth::ClientSecretString::new("test-secret")),
                scopes: vec!["openid".into(), "email".into(), "profile".into()],
                token_auth: TokenAuth::Basic,
            }],
            admin_emails: vec![ADMIN_EMAIL.into()],
            ..AuthSettings::default()
        };
        tweak(&mut auth);
        let config = Config {
            listen: "127.0.0.1:0".parse().expect("address"),
            database: DatabaseConfig {
                url: "mem://".into(),
                ..DatabaseConfig::default()
            },
            auth,
            ..Config::default()
        };
        let database = db::connect(&config.database).await.expect("connect");
        db::migrate(&database).await.expect("migrate");
        let today = chrono::Utc::now().date_naive();
        let volunteers = seed::seed(&database, SEED, n, today, false)
            .await
            .expect("seed");
        let vocab = app::server::repo::terms::load_vocabularies(&database)
            .await
            .expect("vocabularies");
        let server = Server::start_with(&config, database)
            .await
            .expect("server starts");
        let client = new_client();
        Self {
            base: format!("http://{}", server.addr),
            client,
            volunteers,
            vocab,
            today,
            server,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// GET `path`; returns the status and the body.
    pub async fn get(&self, path: &str) -> (u16, String) {
        let res = self
            .client
            .get(self.url(path))
            .send()
            .await
            .expect("request");
        let status = res.status().as_u16();
        (status, res.text().await.expect("body"))
    }

    /// Calls a server function as the anonymous browser (URL-encoded arguments, JSON answer).
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> (u16, serde_json::Value) {
        self.call_as(&self.client, endpoint, form).await
    }

    pub async fn stop(self) {
        self.server.stop().await.expect("clean shutdown");
    }
}

pub const ADMIN_EMAIL: &str = "admin@example.org";

/// A browser-like client: keeps cookies, does not follow redirects (tests look at them).
pub fn new_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        // A request that hangs fails the test (with the server's log) instead of CI.
        .timeout(std::time::Duration::from_secs(20))
        .build()
        .expect("client")
}

/// The local OpenID Connect provider (`end2end/oidc/provider.mjs`, oauth2-mock-server),
/// one process for the whole test run; it exits when this process does.
fn provider_issuer() -> String {
    static PROVIDER: OnceLock<(Mutex<Child>, String)> = OnceLock::new();
    PROVIDER
        .get_or_init(|| {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../end2end");
            let mut child = Command::new("node")
                .arg("oidc/provider.mjs")
                .args(["--port", "0", "--exit-with-stdin"])
                .current_dir(&root)
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::inherit())
                .spawn()
                .expect("start the OIDC provider (node end2end/oidc/provider.mjs; run `npm ci` in end2end)");
            let stdout = child.stdout.take().expect("provider stdout");
            let mut line = String::new();
            BufReader::new(stdout)
                .read_line(&mut line)
                .expect("provider prints its issuer");
            let issuer = line
                .trim()
                .strip_prefix("issuer=")
                .expect("issuer=… line")
                .to_owned();
            (Mutex::new(child), issuer)
        })
        .1
        .clone()
}

/// The `Location` of a redirect response.
pub fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// A started sign-in: the provider's answer, not yet delivered to the app.
pub struct PendingSignIn {
    pub client: reqwest::Client,
    /// The app's callback URL with the provider's `code` and `state`.
    pub callback: String,
}

impl TestApp {
    /// Signs in a new browser as `email` through the provider; returns the browser.
    pub async fn sign_in(&self, email: &str, name: &str) -> reqwest::Client {
        let pending = self.start_sign_in(new_client(), email, name).await;
        let res = pending
            .client
            .get(&pending.callback)
            .send()
            .await
            .expect("callback");
        assert_eq!(res.status().as_u16(), 303, "callback redirects");
        assert_eq!(location(&res), "/me", "back where the sign-in started");
        pending.client
    }

    /// Runs the sign-in up to the provider's redirect back to the app.
    pub async fn start_sign_in(
        &self,
        client: reqwest::Client,
        email: &str,
        name: &str,
    ) -> PendingSignIn {
        let res = client
            .get(self.url("/auth/login/local?next=/me"))
            .send()
            .await
            .expect("login");
        assert_eq!(
            res.status().as_u16(),
            303,
            "login redirects to the provider"
        );
        let authorize = location(&res);
        assert!(authorize.contains("code_challenge="), "PKCE: {authorize}");
        assert!(authorize.contains("nonce="), "nonce: {authorize}");
        assert!(authorize.contains("state="), "state: {authorize}");
        let res = client
            .get(&authorize)
            .query(&[("login_email", email), ("login_name", name)])
            .send()
            .await
            .expect("authorize");
        assert_eq!(res.status().as_u16(), 302, "provider redirects back");
        let callback = location(&res);
        assert!(callback.starts_with(&self.base), "{callback}");
        PendingSignIn { client, callback }
    }

    /// Calls a server function with `client` (URL-encoded arguments, JSON answer).
    pub async fn call_as(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> (u16, serde_json::Value) {
        let res = client
            .post(self.url(&format!("/api/{endpoint}")))
            .form(form)
            .send()
            .await
            .expect("request");
        let status = res.status().as_u16();
        let text = res.text().await.expect("body");
        let json = serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text));
        (status, json)
    }
}
