//! Starting a server for a test, and a few helpers to talk to it.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};

use app::api::requests::RequestStatusView;
use app::api::volunteer::VolunteerHome;
use app::domain::committee::{QueueData, RequestDetail};
use app::domain::{ValidationError, Viewer, Vocabularies, VolunteerProfileView};
use app::error::ApiError;
use app::server::auth::{AuthSettings, ProviderSettings, TokenAuth};
use app::server::mail::MailSettings;
use app::server::repo::volunteers::NewVolunteer;
use chrono::NaiveDate;
use serde_json::Value;
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
    /// Where emails are written when no SMTP server is configured.
    pub mail_dir: std::path::PathBuf,
    server: Server,
    config: Config,
}

impl TestApp {
    /// A fresh database with `n` seeded volunteers, and a server over it on a random port,
    /// signing in through the local OpenID Connect provider process.
    pub async fn spawn(n: usize) -> Self {
        Self::spawn_with(n, |_| {}).await
    }

    /// As [`TestApp::spawn`], with changes to the sign-in settings.
    pub async fn spawn_with(n: usize, tweak: impl FnOnce(&mut AuthSettings)) -> Self {
        Self::spawn_config(n, |c| tweak(&mut c.auth)).await
    }

    /// As [`TestApp::spawn`], with changes to the whole configuration. Emails go to a
    /// fresh folder of `.eml` files unless the tweak sets an SMTP server.
    pub async fn spawn_config(n: usize, tweak: impl FnOnce(&mut Config)) -> Self {
        // Server logs in test output: TEST_LOG=debug cargo test …
        let _ = tracing_subscriber::fmt()
            .with_test_writer()
            .with_env_filter(
                tracing_subscriber::EnvFilter::try_from_env("TEST_LOG")
                    .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("error")),
            )
            .try_init();
        let auth = AuthSettings {
            providers: vec![
                ProviderSettings {
                    id: "local".into(),
                    name: "Local test sign-in".into(),
                    issuer: provider_issuer(),
                    client_id: "career-connects-tests".into(),
                    client_secret: Some("test-secret".into()),
                    scopes: vec!["openid".into(), "email".into(), "profile".into()],
                    token_auth: TokenAuth::Basic,
                    admin_emails: vec![ADMIN_EMAIL.into()],
                    admin_subjects: vec![],
                },
                ProviderSettings {
                    // A certified, strict provider: PKCE required, client_secret_basic, and
                    // the email and name only from its UserInfo endpoint.
                    id: "strict".into(),
                    name: "Strict test sign-in".into(),
                    issuer: strict_issuer(),
                    client_id: "career-connects-strict".into(),
                    client_secret: Some("strict-secret".into()),
                    scopes: vec!["openid".into(), "email".into(), "profile".into()],
                    token_auth: TokenAuth::Basic,
                    admin_emails: vec![ADMIN_EMAIL.into()],
                    admin_subjects: vec![],
                },
            ],
            ..AuthSettings::default()
        };
        let mail_dir = fresh_dir("mail");
        let mut config = Config {
            listen: "127.0.0.1:0".parse().expect("address"),
            database: DatabaseConfig {
                url: "mem://".into(),
                ..DatabaseConfig::default()
            },
            auth,
            email: MailSettings {
                folder: mail_dir.display().to_string(),
                poll_seconds: 1,
                retry_base_seconds: 1,
                retry_max_seconds: 2,
                ..MailSettings::default()
            },
            ..Config::default()
        };
        // Generous limits, so that tests that send many requests are not slowed by them;
        // the rate-limit test sets its own.
        config.program.requests_per_ip_per_hour = 10_000;
        config.program.requests_per_email_per_day = 10_000;
        config.program.sign_ins_per_ip_per_hour = 10_000;
        // The directory sync runs every second, as often as it ever would in production.
        config.directory_sync_seconds = 1;
        // The scheduled jobs run every second (tests move the clock, then wait a moment).
        config.scheduler_seconds = 1;
        tweak(&mut config);
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
            mail_dir,
            server,
            config,
        }
    }

    /// Stops the server and starts it again over the same database (on a new port), with
    /// changes to the configuration: a restart after the operator edited it.
    pub async fn restart(self, tweak: impl FnOnce(&mut Config)) -> Self {
        let db = self.server.state.db.clone();
        let mut config = self.config.clone();
        self.server.stop().await.expect("clean shutdown");
        tweak(&mut config);
        let server = Server::start_with(&config, db)
            .await
            .expect("server starts again");
        Self {
            base: format!("http://{}", server.addr),
            server,
            config,
            ..self
        }
    }

    /// Starts a second app copy over the same database, sharing this one's clock (its own
    /// scheduler, mailer and directory, on another port).
    pub async fn start_copy(&self) -> Server {
        Server::start_with_clock(
            &self.config,
            self.server.state.db.clone(),
            self.server.state.clock.clone(),
        )
        .await
        .expect("a second copy starts")
    }

    /// Moves the server's clock forward by `by` (every rule that depends on the time
    /// follows it; the scheduled jobs see it at their next run, within a second).
    pub fn advance_clock(&self, by: chrono::TimeDelta) {
        self.server.state.clock.advance(by);
    }

    /// The server's state: its database, directory and settings.
    pub fn state(&self) -> &app::server::AppState {
        &self.server.state
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// GET `path` as the anonymous browser; returns the status and the body.
    pub async fn get(&self, path: &str) -> (u16, String) {
        self.get_as(&self.client, path).await
    }

    /// GET `path` with `client`; returns the status and the body.
    pub async fn get_as(&self, client: &reqwest::Client, path: &str) -> (u16, String) {
        let res = client.get(self.url(path)).send().await.expect("request");
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
        .get_or_init(|| start_provider("oidc/provider.mjs"))
        .1
        .clone()
}

/// The strict provider (`end2end/oidc/strict-provider.mjs`, oidc-provider 9), one process
/// for the whole test run.
fn strict_issuer() -> String {
    static PROVIDER: OnceLock<(Mutex<Child>, String)> = OnceLock::new();
    PROVIDER
        .get_or_init(|| start_provider("oidc/strict-provider.mjs"))
        .1
        .clone()
}

fn start_provider(script: &str) -> (Mutex<Child>, String) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../end2end");
    let mut child = Command::new("node")
        .arg(script)
        .args(["--port", "0", "--exit-with-stdin"])
        .current_dir(&root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect(
            "start the OIDC provider (node end2end/oidc/provider.mjs; run `npm ci` in end2end)",
        );
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

impl PendingSignIn {
    /// Delivers the provider's answer to the app, in the browser that started the sign-in.
    pub async fn deliver(&self) -> reqwest::Response {
        self.client
            .get(&self.callback)
            .send()
            .await
            .expect("callback")
    }
}

impl TestApp {
    /// Signs in a new browser as `email` through the provider; returns the browser.
    pub async fn sign_in(&self, email: &str, name: &str) -> reqwest::Client {
        let pending = self.start_sign_in(new_client(), email, name).await;
        self.finish_sign_in(&pending.client, &pending.callback)
            .await;
        pending.client
    }

    /// Starts a sign-in with provider `id`: returns where the app sends the browser, after
    /// checking that it asks with PKCE, a nonce and a state.
    async fn login_redirect(&self, client: &reqwest::Client, id: &str) -> String {
        let res = client
            .get(self.url(&format!("/auth/login/{id}?next=/me")))
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
        authorize
    }

    /// Follows the provider's redirect back to the app, which signs the browser in.
    async fn finish_sign_in(&self, client: &reqwest::Client, callback: &str) {
        assert!(callback.starts_with(&self.base), "{callback}");
        let res = client.get(callback).send().await.expect("callback");
        assert_eq!(res.status().as_u16(), 303, "callback redirects");
        assert_eq!(location(&res), "/me", "back where the sign-in started");
    }

    /// Runs the sign-in up to the provider's redirect back to the app.
    pub async fn start_sign_in(
        &self,
        client: reqwest::Client,
        email: &str,
        name: &str,
    ) -> PendingSignIn {
        let authorize = self.login_redirect(&client, "local").await;
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

    /// Signs in a new browser as `email` through the strict provider, filling in its form
    /// as a person would; `verified` false ticks "treat the email as unverified".
    pub async fn sign_in_strict(&self, email: &str, name: &str, verified: bool) -> reqwest::Client {
        let client = new_client();
        let authorize = self.login_redirect(&client, "strict").await;
        let issuer = strict_issuer();
        let absolute = |loc: String| {
            if loc.starts_with('/') {
                format!("{issuer}{loc}")
            } else {
                loc
            }
        };
        // authorize -> the provider's sign-in form
        let res = client.get(&authorize).send().await.expect("authorize");
        assert_eq!(
            res.status().as_u16(),
            303,
            "authorize shows the sign-in form"
        );
        let form_url = absolute(location(&res));
        let res = client.get(&form_url).send().await.expect("form");
        assert_eq!(res.status().as_u16(), 200, "the provider's form");
        let mut fields = vec![("email", email), ("name", name)];
        if !verified {
            fields.push(("unverified", "true"));
        }
        let res = client
            .post(&form_url)
            .form(&fields)
            .send()
            .await
            .expect("sign in at the provider");
        assert_eq!(res.status().as_u16(), 303, "signed in at the provider");
        let res = client
            .get(absolute(location(&res)))
            .send()
            .await
            .expect("resume");
        assert_eq!(res.status().as_u16(), 303, "provider redirects back");
        self.finish_sign_in(&client, &location(&res)).await;
        client
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

/// A new empty directory under the system's temporary folder.
pub fn fresh_dir(what: &str) -> std::path::PathBuf {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let name = format!("{}-{n}-{nanos}", std::process::id());
    let dir = std::env::temp_dir().join(format!("cc-test-{what}-{name}"));
    std::fs::create_dir_all(&dir).expect("temporary folder");
    dir
}

/// An email as received: who it went to, its subject and its plain-text part.
#[derive(Debug, Clone)]
pub struct Received {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Parses every message file (`.eml`, or a Maildir's files) in `dir`.
pub fn read_mail_dir(dir: &std::path::Path) -> Vec<Received> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if !path.is_file() || path.extension().is_some_and(|e| e == "json") {
            continue;
        }
        let Ok(raw) = std::fs::read(&path) else {
            continue;
        };
        let Some(msg) = mail_parser::MessageParser::default().parse(&raw) else {
            continue;
        };
        let to = msg
            .to()
            .and_then(|a| a.first())
            .and_then(|a| a.address())
            .unwrap_or_default()
            .to_owned();
        out.push(Received {
            to,
            subject: msg.subject().unwrap_or_default().to_owned(),
            text: msg.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
            html: msg.body_html(0).map(|t| t.into_owned()).unwrap_or_default(),
        });
    }
    out
}

impl TestApp {
    /// Waits (up to 20 s) until at least `n` emails were delivered to the mail folder.
    pub async fn wait_for_mail(&self, n: usize) -> Vec<Received> {
        wait_for_files(&self.mail_dir, n).await
    }

    /// Waits (up to 20 s) for an email to `to` whose subject starts with `subject`.
    pub async fn mail_to(&self, to: &str, subject: &str) -> Received {
        for _ in 0..200 {
            if let Some(m) = read_mail_dir(&self.mail_dir)
                .into_iter()
                .find(|m| m.to == to && m.subject.starts_with(subject))
            {
                return m;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!(
            "no email to {to} about {subject:?}: {:?}",
            read_mail_dir(&self.mail_dir)
        );
    }

    /// A browser signed in as the administrator (who has the committee's rights).
    pub async fn committee(&self) -> reqwest::Client {
        self.sign_in(ADMIN_EMAIL, "Ada Admin").await
    }
}

/// Waits (up to 20 s) until `dir` holds at least `n` parsed messages.
pub async fn wait_for_files(dir: &std::path::Path, n: usize) -> Vec<Received> {
    for _ in 0..200 {
        let got = read_mail_dir(dir);
        if got.len() >= n {
            return got;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let got = read_mail_dir(dir);
    panic!(
        "expected {n} emails in {}, found {}: {got:?}",
        dir.display(),
        got.len()
    );
}

/// The private status link (`/r/<token>`) in an email's text.
pub fn status_link(text: &str) -> String {
    let at = text.find("/r/").expect("a status link in the email");
    let token: String = text[at + 3..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect();
    assert_eq!(token.len(), 64, "a 64-character token: {text}");
    format!("/r/{token}")
}

/// A complete request form as the page posts it, for `email`.
pub fn request_form(name: &str, email: &str) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = vec![
        ("name", name),
        ("email", email),
        ("membership", "non-member"),
        ("background", "career-changer"),
        (
            "learning_goal",
            "What does a records manager do all day, and how did you start?",
        ),
        ("region", "central"),
        ("remote_ok", "true"),
        ("availability", "Weekday evenings"),
        ("consent", "true"),
        ("website", ""),
        ("preferred_volunteer", ""),
    ]
    .into_iter()
    .map(|(k, v)| (format!("form[{k}]"), v.to_owned()))
    .collect();
    f.push(("form[roles][]".into(), "records-manager".into()));
    f.push(("form[modes][]".into(), "video".into()));
    f
}

/// Replaces field `key` of a form.
pub fn set(mut f: Vec<(String, String)>, key: &str, value: &str) -> Vec<(String, String)> {
    let key = format!("form[{key}]");
    f.retain(|(k, _)| *k != key);
    f.push((key, value.to_owned()));
    f
}

/// Removes field `key` (an unticked checkbox is not sent at all).
pub fn without(mut f: Vec<(String, String)>, key: &str) -> Vec<(String, String)> {
    let key = format!("form[{key}]");
    f.retain(|(k, _)| *k != key);
    f
}

pub fn pairs(f: &[(String, String)]) -> Vec<(&str, &str)> {
    f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// A server on 127.0.0.1 that accepts connections and never says a word (a tarpit, a
/// half-open connection): its port, and the task to abort when done.
pub async fn silent_listener() -> (u16, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .expect("bind");
    let port = listener.local_addr().expect("address").port();
    let task = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    (port, task)
}

/// Matches `request` with `volunteer` through the repository's transaction directly (as
/// another app copy would), with emails written from the volunteer's stored details, or
/// from `seen` when given (details read earlier).
pub async fn match_directly(
    app: &TestApp,
    request: &str,
    volunteer: &str,
    seen: Option<&app::domain::ContactDetails>,
) -> Result<(), app::server::repo::Refusal> {
    use app::server::repo::{requests, volunteers};
    let db = &app.state().db;
    let own = volunteers::load_own(db, volunteer)
        .await
        .expect("read")
        .expect("own");
    let stored = own.contact.expect("contact");
    let mail = app::domain::email::request_received("x@example.org", "X", "http://x", app.today);
    requests::match_request(
        db,
        request,
        volunteer,
        None,
        app.today,
        &requests::MatchMail {
            requester: &mail,
            volunteer: &mail,
            capacity_reached: &mail,
            name: &own.profile.display_name,
            contact: seen.unwrap_or(&stored),
            link_hash: &app::server::secrets::hash_token(
                &app::server::secrets::random_token().expect("randomness"),
            ),
        },
    )
    .await
    .expect("ran")
}

/// A free TCP port on 127.0.0.1 (bound and released).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A real SMTP receiver process (PyPI aiosmtpd) writing a Maildir; killed on drop.
pub struct SmtpReceiver {
    child: Child,
    pub maildir: std::path::PathBuf,
}

impl SmtpReceiver {
    /// Starts `python -m aiosmtpd` on `port`, keeping what it receives in a Maildir. The
    /// Python with aiosmtpd comes from `CC_SMTP_PYTHON`, set by `./dev test` (which
    /// installs it).
    pub async fn start(port: u16) -> Self {
        Self::launch(port, None).await
    }

    /// Starts an aiosmtpd that refuses every recipient for good (`550`), as a server
    /// does for an address that does not exist.
    pub async fn start_rejecting(port: u16) -> Self {
        let dir = fresh_dir("smtp-handler");
        std::fs::write(
            dir.join("refuse.py"),
            "class Refuse:\n    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):\n        return '550 5.1.1 No such user here'\n",
        )
        .expect("handler module");
        Self::launch(port, Some(dir)).await
    }

    async fn launch(port: u16, refusing_handler_dir: Option<std::path::PathBuf>) -> Self {
        let python = std::env::var("CC_SMTP_PYTHON").unwrap_or_else(|_| {
            let home = std::env::var("HOME").unwrap_or_default();
            format!("{home}/.cache/career-connects/venv/bin/python")
        });
        let maildir = fresh_dir("maildir");
        for sub in ["cur", "new", "tmp"] {
            std::fs::create_dir_all(maildir.join(sub)).expect("maildir");
        }
        let mut command = Command::new(&python);
        command.args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")]);
        match &refusing_handler_dir {
            Some(dir) => {
                command.env("PYTHONPATH", dir).args(["-c", "refuse.Refuse"]);
            }
            None => {
                command
                    .args(["-c", "aiosmtpd.handlers.Mailbox"])
                    .arg(&maildir);
            }
        }
        let child = command
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("start the SMTP receiver with {python} (run ./dev test, which installs aiosmtpd): {e}"));
        // Ready when it accepts connections; dropped (killed and reaped) if it never does.
        let receiver = Self { child, maildir };
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return receiver;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        drop(receiver);
        panic!("the SMTP receiver did not start on port {port}");
    }

    /// Waits (up to 20 s) for `n` messages in the Maildir.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        wait_for_files(&self.maildir.join("new"), n).await
    }
}

impl Drop for SmtpReceiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A complete profile form as the editor posts it.
pub fn profile(name: &str, email: &str, years: &str) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = vec![
        ("display_name", name),
        ("job_title", "Records manager"),
        ("setting", "public-library"),
        ("employer", "Harbor City Library"),
        ("region", "central"),
        ("years_experience", years),
        ("bio", "I look after the records of a city."),
        ("specialties", "retention, digitization"),
        ("minutes_per_interview", "45"),
        ("availability_note", "Weekday afternoons"),
        ("max_contacts", "4"),
        ("email", email),
        ("phone", "+1 555 010 2030"),
        ("linkedin_url", "https://www.linkedin.com/in/test-person"),
        ("welcome_further_contact", "true"),
    ]
    .into_iter()
    .map(|(k, v)| (format!("form[{k}]"), v.to_owned()))
    .collect();
    f.push(("form[roles][]".into(), "records-manager".into()));
    f.push(("form[roles][]".into(), "information-specialist".into()));
    f.push(("form[modes][]".into(), "video".into()));
    f.push(("form[modes][]".into(), "phone".into()));
    f.push(("form[windows][0][day]".into(), "tue".into()));
    f.push(("form[windows][0][start]".into(), "13:00".into()));
    f.push(("form[windows][0][end]".into(), "15:30".into()));
    f.push(("form[windows][1][day]".into(), "mon".into()));
    f.push(("form[windows][1][start]".into(), "".into()));
    f.push(("form[windows][1][end]".into(), "".into()));
    f
}

/// Decodes a server function's answer into the type the browser decodes it into, so that
/// a change to that type breaks the test at compile time rather than silently.
pub fn typed<T: serde::de::DeserializeOwned>(body: &Value) -> T {
    serde_json::from_value(body.clone())
        .unwrap_or_else(|e| panic!("not a {}: {e}: {body}", std::any::type_name::<T>()))
}

/// The field errors of a refusal that must be [`ApiError::Invalid`].
pub fn field_errors(refusal: ApiError) -> Vec<ValidationError> {
    match refusal {
        ApiError::Invalid(errors) => errors,
        other => panic!("not a refusal of fields: {other:?}"),
    }
}

/// One call of a table of status checks: who calls, which server function, its
/// arguments, the status expected, and why.
pub type StatusCheck<'a> = (
    &'a reqwest::Client,
    &'a str,
    &'a [(&'a str, &'a str)],
    u16,
    &'a str,
);

impl TestApp {
    /// Calls a server function with `client`, which must answer 200; returns the answer
    /// decoded into the browser's type.
    pub async fn answer<T: serde::de::DeserializeOwned>(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> T {
        let (status, body) = self.call_as(client, endpoint, form).await;
        assert_eq!(status, 200, "{endpoint}: {body}");
        typed(&body)
    }

    /// Calls a server function with `client` that must refuse: returns the refusal, after
    /// checking that the HTTP status is the one that refusal is answered with.
    pub async fn refusal(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> ApiError {
        let (status, body) = self.call_as(client, endpoint, form).await;
        let refusal: ApiError = typed(&body);
        assert_eq!(status, refusal.status(), "{endpoint}: {body}");
        refusal
    }

    /// Makes each call in turn and checks the status of its answer.
    pub async fn assert_statuses(&self, checks: &[StatusCheck<'_>]) {
        for (client, endpoint, form, expected, why) in checks {
            let (status, body) = self.call_as(client, endpoint, form).await;
            assert_eq!(status, *expected, "{endpoint} {form:?}: {why}: {body}");
        }
    }

    /// The signed-in person as the header sees them (`None` when nobody is signed in).
    pub async fn viewer(&self, client: &reqwest::Client) -> Option<Viewer> {
        self.answer(client, "account/viewer", &[]).await
    }

    /// The committee's queue (its first page, no filters).
    pub async fn queue(&self, committee: &reqwest::Client) -> QueueData {
        self.answer(committee, "committee/queue", &[]).await
    }

    /// The key of the request from `name`, found in the committee's queue.
    pub async fn queue_key(&self, committee: &reqwest::Client, name: &str) -> String {
        self.queue(committee)
            .await
            .items
            .into_iter()
            .find(|i| i.name == name)
            .unwrap_or_else(|| panic!("{name}'s request in the queue"))
            .key
    }

    /// A request as the committee sees it.
    pub async fn request_detail(&self, committee: &reqwest::Client, key: &str) -> RequestDetail {
        self.answer(committee, "committee/request", &[("key", key)])
            .await
    }

    /// A request as its requester sees it through the private link's `token`.
    pub async fn status_view(&self, token: &str) -> RequestStatusView {
        self.answer(&self.client, "requests/status", &[("token", token)])
            .await
    }

    /// The committee matches `request` with `volunteer`, which must succeed.
    pub async fn match_with(&self, committee: &reqwest::Client, request: &str, volunteer: &str) {
        let (status, body) = self.try_match(committee, request, volunteer).await;
        assert_eq!(status, 200, "{body}");
        let () = typed(&body);
    }

    /// The committee tries to match `request` with `volunteer`: the status and the answer.
    pub async fn try_match(
        &self,
        committee: &reqwest::Client,
        request: &str,
        volunteer: &str,
    ) -> (u16, Value) {
        self.call_as(
            committee,
            "committee/match",
            &[("request", request), ("volunteer", volunteer)],
        )
        .await
    }

    /// A volunteer's public profile, as anyone sees it (`None` when not listed).
    pub async fn public_profile(&self, id: &str) -> Option<VolunteerProfileView> {
        self.answer(&self.client, "directory/profile", &[("id", id)])
            .await
    }
}

/// A request's private link, as its email gives it.
pub struct PrivateLink {
    /// `/r/<token>`
    pub path: String,
    pub token: String,
}

impl PrivateLink {
    pub fn from_email(text: &str) -> Self {
        let path = status_link(text);
        let token = path.trim_start_matches("/r/").to_owned();
        Self { path, token }
    }
}

/// Sends the request `form` (see [`request_form`]) as the anonymous browser with
/// JavaScript, which must be accepted.
pub async fn send_form(app: &TestApp, form: &[(String, String)]) {
    let () = app
        .answer(&app.client, "requests/submit", &pairs(form))
        .await;
}

/// As [`send_form`]; then returns the private link from the confirmation email.
pub async fn submit_form(app: &TestApp, form: &[(String, String)]) -> PrivateLink {
    send_form(app, form).await;
    let email = form
        .iter()
        .find(|(k, _)| k == "form[email]")
        .map(|(_, v)| v.as_str())
        .expect("an email in the form");
    PrivateLink::from_email(&app.mail_to(email, "Your informational").await.text)
}

/// Sends a complete request form from `name` at `email` (lower case: the address the
/// confirmation goes to); returns its private link.
pub async fn submit_request(app: &TestApp, name: &str, email: &str) -> PrivateLink {
    submit_form(app, &request_form(name, email)).await
}

/// The volunteer's own page; must answer 200.
pub async fn mine(app: &TestApp, client: &reqwest::Client, editing: bool) -> VolunteerHome {
    let editing = if editing { "true" } else { "false" };
    app.answer(client, "volunteer/mine", &[("editing", editing)])
        .await
}

/// Saves a complete profile (12 years) for `client` and returns their page's data.
pub async fn create_profile(
    app: &TestApp,
    client: &reqwest::Client,
    name: &str,
    email: &str,
) -> VolunteerHome {
    save_profile(app, client, &profile(name, email, "12")).await;
    mine(app, client, false).await
}

/// Saves the profile `form` (see [`profile`]) for `client`, which must be accepted.
pub async fn save_profile(app: &TestApp, client: &reqwest::Client, form: &[(String, String)]) {
    let () = app.answer(client, "volunteer/save", &pairs(form)).await;
}

/// A volunteer signed in with a complete profile: (their browser, their profile's key).
pub async fn volunteer(app: &TestApp, name: &str, email: &str) -> (reqwest::Client, String) {
    let client = app.sign_in(email, name).await;
    let home = create_profile(app, &client, name, email).await;
    (client, home.profile_id.expect("a profile"))
}

/// A request from `name` for `volunteer`, through the form, matched by the committee;
/// returns (request key, the requester's private link).
pub async fn ask_and_match(
    app: &TestApp,
    committee: &reqwest::Client,
    name: &str,
    email: &str,
    volunteer: &str,
) -> (String, PrivateLink) {
    let form = set(request_form(name, email), "preferred_volunteer", volunteer);
    let link = submit_form(app, &form).await;
    let key = app.queue_key(committee, name).await;
    app.match_with(committee, &key, volunteer).await;
    (key, link)
}

/// Posts a form like a browser without JavaScript: `Accept: text/html`.
pub async fn plain_post(
    client: &reqwest::Client,
    app: &TestApp,
    endpoint: &str,
    form: &[(String, String)],
) -> reqwest::Response {
    client
        .post(app.url(&format!("/api/{endpoint}")))
        .header(reqwest::header::ACCEPT, "text/html")
        .header(reqwest::header::REFERER, app.url("/request"))
        .form(&pairs(form))
        .send()
        .await
        .expect("post")
}
