//! The program's vocabularies: meeting modes (fixed by the program's rules), and the
//! committee-extensible lists of roles, settings and regions, each entry a [`Term`].

use serde::{Deserialize, Serialize};

use super::choice::choice;
use super::ValidationError;

choice! {
    /// How a volunteer can meet: in person, by phone, by video call or by email (the
    /// program's rules allow these four and no others).
    pub enum MeetingMode in "kebab-case" {
        InPerson,
        Phone,
        Video,
        Email,
    }
}

impl MeetingMode {
    pub fn label(self) -> &'static str {
        match self {
            Self::InPerson => "In person",
            Self::Phone => "Phone",
            Self::Video => "Video call",
            Self::Email => "Email",
        }
    }

    /// One bit per mode, for fast filtering.
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A stable, URL-safe key: lowercase ASCII letters, digits and single dashes, 1–48 long.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    pub const MAX_LEN: usize = 48;

    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let ok = !raw.is_empty()
            && raw.len() <= Self::MAX_LEN
            && raw
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !raw.starts_with('-')
            && !raw.ends_with('-')
            && !raw.contains("--");
        if ok {
            Ok(Self(raw.to_owned()))
        } else {
            Err(ValidationError::Invalid {
                field: "Key".into(),
                reason: "use lowercase letters, digits and single dashes (at most 48)".into(),
            })
        }
    }

    /// Makes a slug from a label: "Corporate/Private Sector Librarian" →
    /// "corporate-private-sector-librarian".
    pub fn from_label(label: &str) -> Result<Self, ValidationError> {
        let mut out = String::new();
        for word in super::text::tokens(label) {
            if out.len() + word.len() + 1 > Self::MAX_LEN {
                break;
            }
            if !out.is_empty() {
                out.push('-');
            }
            out.push_str(&word);
        }
        Self::parse(&out)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Slug {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Slug> for String {
    fn from(value: Slug) -> Self {
        value.0
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

choice! {
    /// Which list a [`Term`] belongs to.
    pub enum TermKind in "lowercase" {
        Role,
        Setting,
        Region,
    }
}

/// One entry of a vocabulary: "academic-librarian" shown as "Academic Librarian".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub slug: Slug,
    pub label: String,
}

/// The three committee-managed vocabularies, each in display order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vocabularies {
    pub roles: Vec<Term>,
    pub settings: Vec<Term>,
    pub regions: Vec<Term>,
}

#[cfg(test)]
impl Vocabularies {
    /// Vocabularies for tests: each term labelled with its slug.
    pub(crate) fn of_slugs(roles: &[&str], settings: &[&str], regions: &[&str]) -> Self {
        let terms = |slugs: &[&str]| {
            slugs
                .iter()
                .map(|s| Term {
                    slug: Slug::parse(s).expect("a test slug"),
                    label: (*s).to_owned(),
                })
                .collect()
        };
        Self {
            roles: terms(roles),
            settings: terms(settings),
            regions: terms(regions),
        }
    }
}

impl Vocabularies {
    pub fn list(&self, kind: TermKind) -> &[Term] {
        match kind {
            TermKind::Role => &self.roles,
            TermKind::Setting => &self.settings,
            TermKind::Region => &self.regions,
        }
    }

    /// The label for `slug`, or the slug itself when the term has been removed since.
    pub fn label<'a>(&'a self, kind: TermKind, slug: &'a Slug) -> &'a str {
        self.list(kind)
            .iter()
            .find(|t| &t.slug == slug)
            .map_or(slug.as_str(), |t| t.label.as_str())
    }

    pub fn contains(&self, kind: TermKind, slug: &Slug) -> bool {
        self.list(kind).iter().any(|t| &t.slug == slug)
    }

    /// The term of `kind` that `raw` (trimmed) names, if any: the one check every form
    /// and query uses.
    pub fn resolve(&self, kind: TermKind, raw: &str) -> Option<Slug> {
        Slug::parse(raw.trim())
            .ok()
            .filter(|s| self.contains(kind, s))
    }

    /// A filter read from a link: blank means no filter; a term we do not know is left
    /// out, with a notice for the page saying so.
    pub fn filter_from_link(
        &self,
        kind: TermKind,
        raw: &str,
        notices: &mut Vec<String>,
    ) -> Option<Slug> {
        if raw.trim().is_empty() {
            return None;
        }
        let found = self.resolve(kind, raw);
        if found.is_none() {
            notices.push(format!(
                "The {} in this link is not one we know, so it was left out.",
                kind.slug()
            ));
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_resolve_and_links_with_unknown_terms_say_so() {
        let vocab = Vocabularies {
            roles: vec![Term {
                slug: Slug::parse("archivist").unwrap(),
                label: "Archivist".into(),
            }],
            ..Default::default()
        };
        assert_eq!(
            vocab.resolve(TermKind::Role, " archivist "),
            Some(Slug::parse("archivist").unwrap())
        );
        assert_eq!(vocab.resolve(TermKind::Region, "archivist"), None);
        assert_eq!(vocab.resolve(TermKind::Role, "Not A Slug"), None);
        let mut notices = Vec::new();
        assert_eq!(
            vocab.filter_from_link(TermKind::Role, "", &mut notices),
            None
        );
        assert!(notices.is_empty(), "a blank filter is no filter");
        assert_eq!(
            vocab.filter_from_link(TermKind::Role, "pirate", &mut notices),
            None
        );
        assert_eq!(
            notices,
            ["The role in this link is not one we know, so it was left out."]
        );
    }

    #[test]
    fn slug_accepts_kebab_case_only() {
        assert!(Slug::parse("academic-librarian").is_ok());
        assert!(Slug::parse("k12").is_ok());
        for bad in [
            "",
            "Academic",
            "a b",
            "-a",
            "a-",
            "a--b",
            "é",
            &"a".repeat(49),
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn slug_from_label() {
        assert_eq!(
            Slug::from_label("Corporate/Private Sector Librarian")
                .unwrap()
                .as_str(),
            "corporate-private-sector-librarian"
        );
        assert!(Slug::from_label("  ").is_err());
    }

    #[test]
    fn slug_deserialization_validates() {
        assert!(serde_json::from_str::<Slug>("\"public-librarian\"").is_ok());
        assert!(serde_json::from_str::<Slug>("\"<script>\"").is_err());
    }

    #[test]
    fn meeting_modes_round_trip_and_have_distinct_bits() {
        let mut seen = 0u8;
        for &m in MeetingMode::ALL {
            assert_eq!(MeetingMode::from_slug(m.slug()), Some(m));
            assert_eq!(seen & m.bit(), 0);
            seen |= m.bit();
        }
        assert_eq!(MeetingMode::from_slug("fax"), None);
    }

    #[test]
    fn label_falls_back_to_slug() {
        let v = Vocabularies {
            roles: vec![Term {
                slug: Slug::parse("media-librarian").unwrap(),
                label: "Media Librarian".into(),
            }],
            ..Default::default()
        };
        let known = Slug::parse("media-librarian").unwrap();
        let gone = Slug::parse("old-role").unwrap();
        assert_eq!(v.label(TermKind::Role, &known), "Media Librarian");
        assert_eq!(v.label(TermKind::Role, &gone), "old-role");
    }
}
