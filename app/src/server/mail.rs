//! Email delivery: a background worker takes due emails from the outbox and sends them
//! through SMTP (lettre), or, in development without SMTP settings, writes them as `.eml`
//! files into a folder. A failed attempt is retried later with exponential backoff; an
//! email leaves the outbox's "waiting" state only once it was handed over.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use tokio::sync::Notify;

use super::repo::{outbox, Db};

/// The `[email]` section of the configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MailSettings {
    /// The sender, e.g. `Career Connects <connects@library-association.example>`.
    pub from: String,
    /// An SMTP server: `smtp://host:25`, `smtp://user:password@host:587?tls=required`, or
    /// `smtps://user:password@host:465`. Without it, emails are written to `folder`.
    /// A secret (it may hold the password): never printed.
    pub smtp_url: Option<SmtpUrl>,
    /// Where emails go as `.eml` files when there is no SMTP server (development).
    pub folder: String,
    /// How often the worker looks for due emails (it is also woken by every new one).
    pub poll_seconds: u64,
    /// The first retry waits this long; each next one twice as long...
    pub retry_base_seconds: u64,
    /// ...up to this long.
    pub retry_max_seconds: u64,
    /// How long a worker holds the emails it is delivering before another may take them.
    pub claim_seconds: u64,
    /// How long one SMTP exchange may take.
    pub timeout_seconds: u64,
    /// After this many failed attempts (about two days with the defaults) an email is
    /// given up: kept in the outbox with its last error, logged, no longer retried. A
    /// permanent refusal (an address the server rejects) is given up at once.
    pub max_attempts: u32,
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            from: "Career Connects <connects@localhost>".into(),
            smtp_url: None,
            folder: "data/mail".into(),
            poll_seconds: 15,
            retry_base_seconds: 30,
            retry_max_seconds: 3600,
            claim_seconds: 120,
            timeout_seconds: 20,
            max_attempts: 48,
        }
    }
}

/// The SMTP server's address, which may carry a user name and password: kept as a secret
/// (wiped from memory when dropped). Its `Debug` shows neither (only the scheme, host and
/// port, which say which server is meant), so no log line or error can leak them.
#[derive(Clone, Deserialize)]
#[serde(transparent)]
pub struct SmtpUrl(SecretString);

impl SmtpUrl {
    pub fn new(url: impl Into<String>) -> Self {
        Self(SecretString::from(url.into()))
    }

    fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl std::fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match url::Url::parse(self.expose()) {
            Ok(u) => write!(
                f,
                "{}://{}:{} (credentials hidden)",
                u.scheme(),
                u.host_str().unwrap_or("?"),
                u.port().map(|p| p.to_string()).unwrap_or_default()
            ),
            Err(_) => f.write_str("*** (unreadable, hidden)"),
        }
    }
}

/// The mail layer's error. Logged and recorded on the outbox row; never shown.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("configuration: {0}")]
    Config(String),
    #[error("address {0:?}: {1}")]
    Address(String, String),
    #[error("building the message: {0}")]
    Build(String),
    #[error("smtp: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("writing the file: {0}")]
    File(#[from] lettre::transport::file::Error),
    #[error("no answer from the mail server within {0} seconds")]
    TimedOut(u64),
}

impl MailError {
    /// Whether trying again cannot help: a malformed message or address, or an SMTP
    /// server's permanent (5xx) refusal.
    fn is_permanent(&self) -> bool {
        match self {
            Self::Address(..) | Self::Build(_) => true,
            Self::Smtp(e) => e.is_permanent(),
            Self::Config(_) | Self::File(_) | Self::TimedOut(_) => false,
        }
    }
}

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
}

/// Sends the outbox's emails.
pub struct Mailer {
    settings: MailSettings,
    from: Mailbox,
    transport: Transport,
    /// Rung after every change that queues an email, so it goes out at once.
    wake: Notify,
}

/// How long to wait before attempt `attempts + 1`: base × 2^attempts, at most `max`.
pub fn backoff(attempts: u32, base: u64, max: u64) -> u64 {
    let factor = 1u64.checked_shl(attempts.min(32)).unwrap_or(u64::MAX);
    base.saturating_mul(factor).min(max).max(1)
}

impl Mailer {
    pub fn new(settings: MailSettings) -> Result<Arc<Self>, MailError> {
        let from: Mailbox = settings
            .from
            .parse()
            .map_err(|e: lettre::address::AddressError| {
                MailError::Address(settings.from.clone(), e.to_string())
            })?;
        let transport = match settings
            .smtp_url
            .as_ref()
            .map(SmtpUrl::expose)
            .filter(|u| !u.is_empty())
        {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| MailError::Config(format!("email.smtp_url: {e}")))?
                    .timeout(Some(Duration::from_secs(settings.timeout_seconds.max(1))))
                    .build(),
            ),
            None => {
                std::fs::create_dir_all(&settings.folder).map_err(|e| {
                    MailError::Config(format!("email.folder {}: {e}", settings.folder))
                })?;
                Transport::Files(AsyncFileTransport::<Tokio1Executor>::new(&settings.folder))
            }
        };
        Ok(Arc::new(Self {
            settings,
            from,
            transport,
            wake: Notify::new(),
        }))
    }

    /// Where emails go, for the start-up log.
    pub fn describe(&self) -> String {
        match &self.transport {
            Transport::Smtp(_) => "SMTP".into(),
            Transport::Files(_) => format!("files in {}", self.settings.folder),
        }
    }

    /// Asks the worker to look at the outbox now.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    fn message(&self, mail: &outbox::Outgoing) -> Result<Message, MailError> {
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|e: lettre::address::AddressError| {
                MailError::Address(mail.to.clone(), e.to_string())
            })?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .multipart(MultiPart::alternative_plain_html(
                mail.text.clone(),
                mail.html.clone(),
            ))
            .map_err(|e| MailError::Build(e.to_string()))
    }

    async fn send(&self, mail: &outbox::Outgoing) -> Result<(), MailError> {
        let message = self.message(mail)?;
        match &self.transport {
            Transport::Smtp(t) => {
                // lettre's own timeout bounds only the TCP connect: a server that accepts
                // and then never answers would hold this worker, and every email after
                // this one, forever. The whole exchange is bounded here; running out of
                // time is a temporary failure (retried later), and dropping the exchange
                // drops its connection rather than returning it to the pool.
                let limit = self.settings.timeout_seconds.max(1);
                tokio::time::timeout(Duration::from_secs(limit), t.send(message))
                    .await
                    .map_err(|_| MailError::TimedOut(limit))??;
            }
            Transport::Files(t) => {
                t.send(message).await?;
            }
        }
        Ok(())
    }

    /// Delivers every email due now; returns how many went out.
    pub async fn deliver_due(&self, db: &Db) -> Result<usize, super::repo::RepoError> {
        let mut sent = 0;
        loop {
            let now = Utc::now();
            let claim = now + chrono::TimeDelta::seconds(self.settings.claim_seconds as i64);
            // Few enough that even if every send takes its full timeout, all are done well
            // within the claim: another app copy never takes over an email being sent.
            let limit = (self.settings.claim_seconds / (2 * self.settings.timeout_seconds.max(1)))
                .clamp(1, 20) as usize;
            let batch = outbox::claim_due(db, now, claim, limit).await?;
            if batch.is_empty() {
                return Ok(sent);
            }
            let mut failed = false;
            for (i, mail) in batch.iter().enumerate() {
                match self.send(mail).await {
                    Ok(()) => {
                        outbox::mark_sent(db, &mail.key, Utc::now()).await?;
                        sent += 1;
                        tracing::info!(kind = %mail.kind, id = %mail.key, "email sent");
                    }
                    Err(e)
                        if e.is_permanent() || mail.attempts + 1 >= self.settings.max_attempts =>
                    {
                        tracing::error!(kind = %mail.kind, id = %mail.key, attempts = mail.attempts + 1,
                            error = %e, "email given up: it stays in the outbox with its error");
                        outbox::give_up(db, &mail.key, &e.to_string()).await?;
                    }
                    Err(e) => {
                        failed = true;
                        let wait = backoff(
                            mail.attempts,
                            self.settings.retry_base_seconds,
                            self.settings.retry_max_seconds,
                        );
                        tracing::warn!(kind = %mail.kind, id = %mail.key, attempt = mail.attempts + 1,
                            retry_in_seconds = wait, error = %e, "email not delivered; will retry");
                        let next = Utc::now() + chrono::TimeDelta::seconds(wait as i64);
                        outbox::mark_failed(db, &mail.key, &e.to_string(), next).await?;
                        // The server is likely down: hand the rest back for their next round.
                        let rest: Vec<&str> =
                            batch[i + 1..].iter().map(|m| m.key.as_str()).collect();
                        outbox::release(db, &rest).await?;
                        break;
                    }
                }
            }
            if failed {
                // The server is likely down: leave the rest for their next attempt.
                return Ok(sent);
            }
        }
    }

    /// Runs until `stop` turns true: delivers what is due, then waits for a new email, the
    /// poll interval, or the stop signal.
    pub async fn run(self: Arc<Self>, db: Db, mut stop: tokio::sync::watch::Receiver<bool>) {
        let poll = Duration::from_secs(self.settings.poll_seconds.max(1));
        loop {
            if let Err(e) = self.deliver_due(&db).await {
                tracing::error!(error = %e, "reading the outbox failed");
            }
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(poll) => {}
                _ = stop.changed() => return,
            }
            if *stop.borrow() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_maximum() {
        assert_eq!(backoff(0, 30, 3600), 30);
        assert_eq!(backoff(1, 30, 3600), 60);
        assert_eq!(backoff(3, 30, 3600), 240);
        assert_eq!(backoff(10, 30, 3600), 3600);
        assert_eq!(backoff(200, 30, 3600), 3600, "no overflow");
        assert_eq!(backoff(0, 0, 3600), 1, "never zero");
    }

    #[test]
    fn bad_settings_are_refused() {
        let s = MailSettings {
            from: "not an address".into(),
            ..MailSettings::default()
        };
        assert!(matches!(Mailer::new(s), Err(MailError::Address(..))));
        let s = MailSettings {
            smtp_url: Some(SmtpUrl::new("gopher://x")),
            ..MailSettings::default()
        };
        assert!(matches!(Mailer::new(s), Err(MailError::Config(_))));
    }
}
