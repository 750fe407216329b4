//! Shared server state: the database handle, the directory read model, the program's
//! settings and the rate limits.

use std::sync::Arc;

use axum::extract::FromRef;
use chrono::NaiveDate;
use leptos::prelude::LeptosOptions;

use super::directory::Directory;
use super::repo::Db;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub directory: Directory,
    pub auth: Arc<super::auth::Auth>,
    pub program: Arc<ProgramSettings>,
    pub mailer: Arc<super::mail::Mailer>,
    pub limits: Arc<Limits>,
    /// The time now, for every rule that depends on it (tests move it forward).
    pub clock: super::Clock,
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
    /// The drafting studio's channel limits and length advice (`[program.channel_limits]`;
    /// the defaults are the published figures).
    pub channel_limits: crate::domain::outreach::ChannelLimits,
    /// A request's life after the match (`[program.lifecycle]`): when it ends on its own,
    /// when feedback opens, how long answers and marks can be changed.
    pub lifecycle: crate::domain::request::Lifecycle,
    /// The reminders the scheduler sends (`[program.reminders]`), each of which can be
    /// switched off.
    pub reminders: crate::domain::request::Reminders,
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
            channel_limits: Default::default(),
            lifecycle: Default::default(),
            reminders: Default::default(),
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
    /// Drafting-studio saves per request: autosave writes while the person types, so
    /// this is generous, but it bounds what one private link can make the server write.
    pub studio_saves_per_request: std::sync::Mutex<crate::domain::rate::RateLimit>,
}

/// Studio saves one request may make per hour (an autosave at most every second or so
/// of typing, plus buttons).
pub const STUDIO_SAVES_PER_REQUEST_PER_HOUR: u32 = 900;

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
            studio_saves_per_request: limit(STUDIO_SAVES_PER_REQUEST_PER_HOUR, 3600),
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

    /// Counts a studio save for request `request_key`; false when over its hourly limit.
    pub fn allow_studio_save(&self, request_key: &str) -> bool {
        count(&self.studio_saves_per_request, request_key)
    }

    /// Counts a sign-in started from `ip`; false when over the limit.
    pub fn allow_sign_in(&self, ip: &str) -> bool {
        count(&self.sign_ins_per_ip, &crate::domain::rate::client_key(ip))
    }
}

impl AppState {
    /// Today's date for the program's rules (pauses end at the start of their date, UTC).
    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    /// The site's public address (`auth.public_url` in the configuration, which sign-in
    /// needs for its callbacks), for the links in emails.
    pub fn public_url(&self) -> &str {
        self.auth.base_url()
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
