//! The keys of requests, volunteers and accounts as they travel in links and forms. Each
//! has one shape check, here; a key that fails it names nothing, so it is refused before
//! anything is looked up. Stored keys are made by the server (hexadecimal, a volunteer's
//! with a `v` in front) and always pass.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The longest key accepted. Stored keys are 17 to 32 characters long.
pub const MAX_KEY_LEN: usize = 64;

/// Whether `raw` has the shape of a record key: 1 to [`MAX_KEY_LEN`] ASCII letters, digits,
/// `-` or `_` (nothing a query could be built from).
pub fn is_key_shaped(raw: &str) -> bool {
    !raw.is_empty()
        && raw.len() <= MAX_KEY_LEN
        && raw
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

macro_rules! key_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// `raw` (trimmed) as a key, when it has a key's shape.
            pub fn parse(raw: &str) -> Option<Self> {
                let raw = raw.trim();
                is_key_shaped(raw).then(|| Self(raw.to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(raw: String) -> Result<Self, Self::Error> {
                Self::parse(&raw).ok_or_else(|| format!("not a {} key", stringify!($name)))
            }
        }

        impl From<$name> for String {
            fn from(key: $name) -> String {
                key.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

key_type!(
    /// A request's key (`request:<key>`).
    RequestKey
);
key_type!(
    /// A volunteer profile's key (`volunteer:<key>`), also its public id in links.
    VolunteerKey
);
key_type!(
    /// An account's key (`account:<key>`).
    AccountKey
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_the_server_makes_pass_and_anything_else_is_refused() {
        for ok in ["3fa85f6457174562b3fc", "v0123456789abcdef", "v07", "a-b_c"] {
            assert!(RequestKey::parse(ok).is_some(), "{ok}");
            assert!(VolunteerKey::parse(ok).is_some(), "{ok}");
            assert!(AccountKey::parse(ok).is_some(), "{ok}");
        }
        let long = "a".repeat(MAX_KEY_LEN + 1);
        for bad in [
            "",
            " ",
            "a b",
            "r1;DELETE",
            "request:r1",
            "é",
            "a/b",
            long.as_str(),
        ] {
            assert!(RequestKey::parse(bad).is_none(), "{bad:?}");
            assert!(VolunteerKey::parse(bad).is_none(), "{bad:?}");
        }
        assert_eq!(
            RequestKey::parse(" r1 ").map(String::from),
            Some("r1".into())
        );
    }

    #[test]
    fn a_key_travels_as_a_plain_string_and_is_checked_when_read() {
        let key = VolunteerKey::parse("v1").unwrap();
        assert_eq!(serde_json::to_string(&key).unwrap(), "\"v1\"");
        assert_eq!(serde_json::from_str::<VolunteerKey>("\"v1\"").unwrap(), key);
        assert!(serde_json::from_str::<VolunteerKey>("\"v 1\"").is_err());
    }
}
