//! The volunteer directory's query (as it stands in the URL), its validated form, and the
//! shapes sent to the browser. None of these types can carry contact details.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::text::{clean_query, tokens};
use super::{MeetingMode, PoolStatus, Slug, TermKind, Vocabularies, WeeklyWindow};

/// Cards per directory page.
pub const PAGE_SIZE: usize = 12;
/// The longest search text taken from a URL.
pub const QUERY_MAX: usize = 100;

/// The directory's filters exactly as they stand in the query string
/// (`/volunteers?q=…&role=…&setting=…&region=…&mode=…&page=…`): raw, so that a shared
/// link with a stale or mistyped value still opens, with a notice, instead of failing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct DirectoryQuery {
    pub q: String,
    pub role: String,
    pub setting: String,
    pub region: String,
    pub mode: String,
    pub page: String,
}

impl DirectoryQuery {
    /// Reads the filters from query-string pairs; unknown keys are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut q = Self::default();
        for (k, v) in pairs {
            let slot = match k {
                "q" => &mut q.q,
                "role" => &mut q.role,
                "setting" => &mut q.setting,
                "region" => &mut q.region,
                "mode" => &mut q.mode,
                "page" => &mut q.page,
                _ => continue,
            };
            v.clone_into(slot);
        }
        q
    }

    /// The query string for this query at `page` (page 1 is left out), starting with `?`
    /// unless empty. Empty filters are left out, so URLs stay short and shareable.
    pub fn href(&self, page: usize) -> String {
        link_with_filters(
            "/volunteers",
            &[
                ("q", self.q.trim()),
                ("role", self.role.as_str()),
                ("setting", self.setting.as_str()),
                ("region", self.region.as_str()),
                ("mode", self.mode.as_str()),
            ],
            page,
        )
    }

    /// Validates the raw filters against the vocabularies. Values that cannot be used are
    /// dropped, each with a notice the page shows, so the person knows what happened.
    pub fn resolve(&self, vocab: &Vocabularies) -> (DirectoryFilter, Vec<String>) {
        let mut notices = Vec::new();
        let (text, shortened) = clean_query(&self.q, QUERY_MAX);
        if shortened {
            notices.push(format!(
                "Your search was shortened to its first {QUERY_MAX} characters."
            ));
        }
        let role = vocab.filter_from_link(TermKind::Role, &self.role, &mut notices);
        let setting = vocab.filter_from_link(TermKind::Setting, &self.setting, &mut notices);
        let region = vocab.filter_from_link(TermKind::Region, &self.region, &mut notices);
        let mode = match self.mode.trim() {
            "" => None,
            raw => {
                let m = MeetingMode::from_slug(raw);
                if m.is_none() {
                    notices.push(
                        "The meeting mode in this link is not one we know, so it was left out."
                            .into(),
                    );
                }
                m
            }
        };
        let page = match self.page.trim() {
            "" => 1,
            raw => match raw.parse::<usize>() {
                Ok(p) if p >= 1 => p,
                _ => {
                    notices.push("That page number is not valid; showing the first page.".into());
                    1
                }
            },
        };
        let filter = DirectoryFilter {
            tokens: tokens(&text),
            text,
            role,
            setting,
            region,
            mode,
            page,
        };
        (filter, notices)
    }
}

/// A validated directory query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectoryFilter {
    /// The cleaned search text, as echoed back to the person.
    pub text: String,
    /// The search words; every one must match the start of a word of the profile.
    pub tokens: Vec<String>,
    pub role: Option<Slug>,
    pub setting: Option<Slug>,
    pub region: Option<Slug>,
    pub mode: Option<MeetingMode>,
    /// 1-based.
    pub page: usize,
}

impl DirectoryFilter {
    /// The canonical query for these filters (what the form shows back).
    pub fn to_query(&self) -> DirectoryQuery {
        DirectoryQuery {
            q: self.text.clone(),
            role: self.role.as_ref().map(Slug::to_string).unwrap_or_default(),
            setting: self
                .setting
                .as_ref()
                .map(Slug::to_string)
                .unwrap_or_default(),
            region: self
                .region
                .as_ref()
                .map(Slug::to_string)
                .unwrap_or_default(),
            mode: self.mode.map(|m| m.slug().to_owned()).unwrap_or_default(),
            page: String::new(),
        }
    }
}

/// One volunteer as a card in the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolunteerCard {
    pub id: String,
    pub display_name: String,
    pub job_title: String,
    pub roles: Vec<String>,
    pub setting: String,
    pub region: String,
    pub modes: Vec<MeetingMode>,
    pub minutes_per_interview: u16,
    pub bio_excerpt: String,
    pub specialties: Vec<String>,
    pub contacts_left: u32,
}

/// One page of directory results.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryPage {
    pub cards: Vec<VolunteerCard>,
    /// Volunteers matching the filters, over all pages.
    pub total: usize,
    /// 1-based, clamped to the last page.
    pub page: usize,
    pub pages: usize,
    /// The filters as understood, to show back in the form and build page links.
    pub query: DirectoryQuery,
    /// Things about the query the person should know (a filter left out, …).
    pub notices: Vec<String>,
}

/// A volunteer's public profile page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolunteerProfileView {
    pub id: String,
    pub display_name: String,
    pub job_title: String,
    pub roles: Vec<String>,
    pub setting: String,
    pub employer: Option<String>,
    pub region: String,
    pub years_experience: u16,
    pub bio: String,
    pub specialties: Vec<String>,
    pub modes: Vec<MeetingMode>,
    pub minutes_per_interview: u16,
    pub availability: Vec<WeeklyWindow>,
    pub availability_note: String,
    pub welcome_further_contact: bool,
    pub status: PoolStatus,
}

impl VolunteerProfileView {
    /// Human words for the status ("Away until 1 December 2026").
    pub fn status_text(&self) -> String {
        status_text(self.status)
    }
}

pub fn status_text(status: PoolStatus) -> String {
    match status {
        PoolStatus::Available { contacts_left: 1 } => {
            "Taking requests: room for 1 more conversation".into()
        }
        PoolStatus::Available { contacts_left } => {
            format!("Taking requests: room for {contacts_left} more conversations")
        }
        PoolStatus::Paused { until } => {
            format!("Away until {}: not taking new requests", long_date(until))
        }
        PoolStatus::AtCapacity => {
            "Not taking new requests: every offered conversation is taken".into()
        }
        PoolStatus::TooLittleExperience | PoolStatus::NotListed => "Not listed".into(),
    }
}

/// The link to `path` with its non-empty `filters` and `page` (page 1 left out) in the
/// query string, so that filtered lists have short, shareable URLs.
pub fn link_with_filters(path: &str, filters: &[(&str, &str)], page: usize) -> String {
    let mut ser = form_urlencoded::Serializer::new(String::new());
    for (k, v) in filters {
        if !v.is_empty() {
            ser.append_pair(k, v);
        }
    }
    if page > 1 {
        ser.append_pair("page", &page.to_string());
    }
    let qs = ser.finish();
    if qs.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{qs}")
    }
}

/// A date as people write it: "1 December 2026".
pub fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Term;

    fn vocab() -> Vocabularies {
        let term = |s: &str, l: &str| Term {
            slug: Slug::parse(s).unwrap(),
            label: l.into(),
        };
        Vocabularies {
            roles: vec![term("public-librarian", "Public Librarian")],
            settings: vec![term("public-library", "Public library")],
            regions: vec![term("tampa-bay", "Tampa Bay")],
        }
    }

    #[test]
    fn known_filters_resolve() {
        let q = DirectoryQuery::from_pairs([
            ("q", "  youth   services "),
            ("role", "public-librarian"),
            ("setting", "public-library"),
            ("region", "tampa-bay"),
            ("mode", "video"),
            ("page", "3"),
            ("utm_source", "x"),
        ]);
        let (f, notices) = q.resolve(&vocab());
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(f.text, "youth services");
        assert_eq!(f.tokens, vec!["youth", "services"]);
        assert_eq!(f.role.unwrap().as_str(), "public-librarian");
        assert_eq!(f.setting.unwrap().as_str(), "public-library");
        assert_eq!(f.region.unwrap().as_str(), "tampa-bay");
        assert_eq!(f.mode, Some(MeetingMode::Video));
        assert_eq!(f.page, 3);
    }

    #[test]
    fn bad_filters_are_dropped_with_a_notice_each() {
        let q = DirectoryQuery::from_pairs([
            ("role", "astronaut"),
            ("setting", "<b>"),
            ("mode", "fax"),
            ("page", "-2"),
        ]);
        let (f, notices) = q.resolve(&vocab());
        assert_eq!(f.role, None);
        assert_eq!(f.setting, None);
        assert_eq!(f.mode, None);
        assert_eq!(f.page, 1);
        assert_eq!(notices.len(), 4, "{notices:?}");
    }

    #[test]
    fn long_search_is_shortened_with_a_notice() {
        let long = "a".repeat(QUERY_MAX + 5);
        let (f, notices) = DirectoryQuery::from_pairs([("q", long.as_str())]).resolve(&vocab());
        assert_eq!(f.text.len(), QUERY_MAX);
        assert_eq!(notices.len(), 1);
    }

    #[test]
    fn href_keeps_filters_and_encodes() {
        let q = DirectoryQuery {
            q: "records & archives".into(),
            role: "public-librarian".into(),
            ..Default::default()
        };
        assert_eq!(
            q.href(2),
            "/volunteers?q=records+%26+archives&role=public-librarian&page=2"
        );
        assert_eq!(
            q.href(1),
            "/volunteers?q=records+%26+archives&role=public-librarian"
        );
        assert_eq!(DirectoryQuery::default().href(1), "/volunteers");
    }

    #[test]
    fn status_words() {
        assert_eq!(
            status_text(PoolStatus::Available { contacts_left: 1 }),
            "Taking requests: room for 1 more conversation"
        );
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(
            status_text(PoolStatus::Paused { until: d }),
            "Away until 1 December 2026: not taking new requests"
        );
    }
}
