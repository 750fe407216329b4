//! The one error type of the domain layer: a bad value for a named field.

use serde::{Deserialize, Serialize};

/// Why a value was refused. The message is written for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum ValidationError {
    #[error("{field} is required.")]
    Required { field: String },
    #[error("{field} must be at most {max} characters (it has {actual}).")]
    TooLong {
        field: String,
        max: usize,
        actual: usize,
    },
    #[error("{field} must be between {min} and {max}.")]
    OutOfRange { field: String, min: i64, max: i64 },
    #[error("{field}: {reason}")]
    Invalid { field: String, reason: String },
}

impl ValidationError {
    /// The field the error is about, as shown to the person.
    pub fn field(&self) -> &str {
        match self {
            Self::Required { field }
            | Self::TooLong { field, .. }
            | Self::OutOfRange { field, .. }
            | Self::Invalid { field, .. } => field,
        }
    }
}

/// A list of choices as a form sends it: blank entries skipped, each entry read by `pick`
/// (`None`: not one of the choices, refused with `reason`), repeats dropped, order kept.
/// Every checkbox list and multiple select of every form is read through this.
pub fn choices<T: PartialEq>(
    field: &str,
    raw: &[String],
    reason: &str,
    pick: impl Fn(&str) -> Option<T>,
) -> Result<Vec<T>, ValidationError> {
    let mut out = Vec::new();
    for r in raw.iter().map(|r| r.trim()).filter(|r| !r.is_empty()) {
        let item = pick(r).ok_or_else(|| ValidationError::Invalid {
            field: field.to_owned(),
            reason: reason.to_owned(),
        })?;
        if !out.contains(&item) {
            out.push(item);
        }
    }
    Ok(out)
}

/// Trims `raw`, refuses it when empty and when longer than `max` characters.
pub fn required_text(field: &str, raw: &str, max: usize) -> Result<String, ValidationError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(ValidationError::Required {
            field: field.to_owned(),
        });
    }
    bounded_text(field, trimmed, max)
}

/// Trims `raw` and refuses it when longer than `max` characters; empty is allowed.
pub fn optional_text(field: &str, raw: &str, max: usize) -> Result<String, ValidationError> {
    bounded_text(field, raw.trim(), max)
}

fn bounded_text(field: &str, text: &str, max: usize) -> Result<String, ValidationError> {
    let actual = text.chars().count();
    if actual > max {
        return Err(ValidationError::TooLong {
            field: field.to_owned(),
            max,
            actual,
        });
    }
    Ok(text.to_owned())
}

/// Refuses `value` outside `min..=max`.
pub fn in_range(field: &str, value: i64, min: i64, max: i64) -> Result<i64, ValidationError> {
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(ValidationError::OutOfRange {
            field: field.to_owned(),
            min,
            max,
        })
    }
}

/// An email address: one `@`, a plausible local part and a dotted domain, at most 254
/// characters. Stored trimmed; compared case-insensitively by callers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

impl EmailAddress {
    pub const MAX_LEN: usize = 254;

    pub fn parse(field: &str, raw: &str) -> Result<Self, ValidationError> {
        let email = required_text(field, raw, Self::MAX_LEN)?;
        let invalid = || ValidationError::Invalid {
            field: field.to_owned(),
            reason: "enter an address like name@example.org".into(),
        };
        let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if local_ok && domain_ok {
            Ok(Self(email))
        } else {
            Err(invalid())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse("Email", &value)
    }
}

impl From<EmailAddress> for String {
    fn from(value: EmailAddress) -> Self {
        value.0
    }
}

/// An optional phone number: digits with the usual separators, 6 to 20 digits.
pub fn optional_phone(field: &str, raw: &str) -> Result<Option<String>, ValidationError> {
    let phone = optional_text(field, raw, 40)?;
    if phone.is_empty() {
        return Ok(None);
    }
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let chars_ok = phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c) || c == 'x');
    if chars_ok && (6..=20).contains(&digits) {
        Ok(Some(phone))
    } else {
        Err(ValidationError::Invalid {
            field: field.to_owned(),
            reason: "use digits, spaces and + - ( ) only, like +1 555 010 2030".into(),
        })
    }
}

/// An optional LinkedIn profile address (`https://www.linkedin.com/in/…`). Parsed as a
/// browser would (WHATWG URL): https, no user name or password, host `linkedin.com` or one
/// of its subdomains, and a path. Stored as the parser writes it back, so what is shown
/// and linked is exactly what was checked.
pub fn optional_linkedin_url(field: &str, raw: &str) -> Result<Option<String>, ValidationError> {
    let typed = optional_text(field, raw, 200)?;
    if typed.is_empty() {
        return Ok(None);
    }
    let parsed = url::Url::parse(&typed).ok().filter(|u| {
        let host_ok = u.host_str().is_some_and(|h| {
            let h = h.to_ascii_lowercase();
            h == "linkedin.com" || h.ends_with(".linkedin.com")
        });
        u.scheme() == "https"
            && u.username().is_empty()
            && u.password().is_none()
            && u.port().is_none()
            && host_ok
            && u.path().len() > 1
    });
    match parsed {
        Some(u) => Ok(Some(u.to_string())),
        None => Err(ValidationError::Invalid {
            field: field.to_owned(),
            reason: "paste the address of your LinkedIn profile, like https://www.linkedin.com/in/your-name".into(),
        }),
    }
}

/// A whole number typed into a form field (spaces around it are fine).
pub fn integer(field: &str, raw: &str) -> Result<i64, ValidationError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(ValidationError::Required {
            field: field.to_owned(),
        });
    }
    raw.parse().map_err(|_| ValidationError::Invalid {
        field: field.to_owned(),
        reason: "enter a whole number".into(),
    })
}

/// An optional date as a date input sends it (`YYYY-MM-DD`).
pub fn optional_date(field: &str, raw: &str) -> Result<Option<chrono::NaiveDate>, ValidationError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| ValidationError::Invalid {
            field: field.to_owned(),
            reason: "enter a date as YYYY-MM-DD".into(),
        })
}

/// A time of day as a time input sends it (`HH:MM`, seconds ignored), in minutes after midnight.
pub fn time_of_day(field: &str, raw: &str) -> Result<u16, ValidationError> {
    let invalid = || ValidationError::Invalid {
        field: field.to_owned(),
        reason: "enter a time as HH:MM, like 09:30".into(),
    };
    let mut parts = raw.trim().split(':');
    let hours: u16 = parts
        .next()
        .and_then(|h| h.parse().ok())
        .ok_or_else(invalid)?;
    let minutes: u16 = parts
        .next()
        .and_then(|m| m.parse().ok())
        .ok_or_else(invalid)?;
    if hours > 23 || minutes > 59 {
        return Err(invalid());
    }
    Ok(hours * 60 + minutes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_skip_blanks_drop_repeats_and_refuse_strangers() {
        let raw: Vec<String> = ["b", " ", "a", "b", " a "].map(String::from).to_vec();
        let pick = |r: &str| ["a", "b"].contains(&r).then(|| r.to_owned());
        assert_eq!(
            choices("Field", &raw, "no", pick),
            Ok(vec!["b".to_owned(), "a".to_owned()])
        );
        let bad: Vec<String> = vec!["a".into(), "zzz".into()];
        assert_eq!(
            choices("Field", &bad, "choose from the list", pick),
            Err(ValidationError::Invalid {
                field: "Field".into(),
                reason: "choose from the list".into()
            })
        );
    }

    #[test]
    fn required_text_trims_and_refuses_blank() {
        assert_eq!(required_text("Name", "  Ada  ", 10), Ok("Ada".to_owned()));
        assert_eq!(
            required_text("Name", "   ", 10),
            Err(ValidationError::Required {
                field: "Name".into()
            })
        );
    }

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        assert!(required_text("Name", "éééé", 4).is_ok());
        let err = required_text("Name", "ééééé", 4).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Name must be at most 4 characters (it has 5)."
        );
    }

    #[test]
    fn range_is_inclusive() {
        assert_eq!(in_range("Minutes", 30, 30, 60), Ok(30));
        assert_eq!(in_range("Minutes", 60, 30, 60), Ok(60));
        assert!(in_range("Minutes", 29, 30, 60).is_err());
        assert!(in_range("Minutes", 61, 30, 60).is_err());
    }

    #[test]
    fn email_addresses() {
        for ok in ["a@b.co", " Name.Last+tag@library.example.org "] {
            assert!(EmailAddress::parse("Email", ok).is_ok(), "{ok}");
        }
        for bad in [
            "", "a", "a@b", "@b.co", "a@.co", "a b@c.co", "a@b..co", "a@-b.co", ".a@b.co",
        ] {
            assert!(EmailAddress::parse("Email", bad).is_err(), "{bad}");
        }
        assert_eq!(
            EmailAddress::parse("Email", "").unwrap_err(),
            ValidationError::Required {
                field: "Email".into()
            }
        );
    }

    #[test]
    fn phones_and_linkedin() {
        assert_eq!(optional_phone("Phone", " "), Ok(None));
        assert_eq!(
            optional_phone("Phone", "+1 (555) 010-2030"),
            Ok(Some("+1 (555) 010-2030".into()))
        );
        assert!(optional_phone("Phone", "call me").is_err());
        assert!(optional_phone("Phone", "123").is_err());
        assert_eq!(optional_linkedin_url("LinkedIn", ""), Ok(None));
        assert!(optional_linkedin_url("LinkedIn", "https://www.linkedin.com/in/ada").is_ok());
        assert!(optional_linkedin_url("LinkedIn", "https://ca.linkedin.com/in/ada").is_ok());
        // Stored as parsed: the host lowercased, the path kept.
        assert_eq!(
            optional_linkedin_url("LinkedIn", " https://WWW.LinkedIn.com/in/ada-l "),
            Ok(Some("https://www.linkedin.com/in/ada-l".into()))
        );
        for bad in [
            "linkedin.com/in/ada",
            "https://evil.example/linkedin.com/in/ada",
            "https://linkedin.com.evil.example/in/x",
            "https://www.linkedin.com",
            "javascript:alert(1)",
            // A WHATWG parser sees the host evil.example in each of these.
            "https://evil.example?.linkedin.com/in/ada",
            "https://evil.example#.linkedin.com/in/ada",
            "https://evil.example\\.linkedin.com/in/ada",
            "https://www.linkedin.com@evil.example/in/ada",
            "https://user:pw@www.linkedin.com/in/ada",
            "http://www.linkedin.com/in/ada",
            "https://www.linkedin.com:8443/in/ada",
        ] {
            assert!(optional_linkedin_url("LinkedIn", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn numbers_dates_and_times() {
        assert_eq!(integer("Years", " 12 "), Ok(12));
        assert!(matches!(
            integer("Years", ""),
            Err(ValidationError::Required { .. })
        ));
        assert!(matches!(
            integer("Years", "twelve"),
            Err(ValidationError::Invalid { .. })
        ));
        assert_eq!(optional_date("Away until", ""), Ok(None));
        assert!(optional_date("Away until", "2026-12-01").unwrap().is_some());
        assert!(optional_date("Away until", "01/12/2026").is_err());
        assert_eq!(time_of_day("From", "09:30"), Ok(570));
        assert_eq!(time_of_day("From", "23:59:00"), Ok(1439));
        assert!(time_of_day("From", "24:00").is_err());
        assert!(time_of_day("From", "9h").is_err());
    }
}
