//! The program's fixed choices (meeting modes, statuses, roles, …) are enums whose stable
//! names, their *slugs*, are derived rather than written out: [`choice!`] declares each one
//! deriving strum's `IntoStaticStr`, `EnumString` and `VariantArray` with the same case rule
//! as its `#[serde(rename_all)]`, so a value's slug is its serde name in URLs, forms, JSON
//! and the database alike, and gives every such enum the same three names. Labels
//! (what people read) stay hand-written beside each enum.
//!
//! Adding a choice: add the variant and its label, its slug to the test below, and the
//! value to the schema's `ASSERT` list (`server/schema/`);
//! `db::tests::the_schema_allows_exactly_each_enums_values` fails until the two agree.

/// Declares one of the program's choices: the enum with the derives every choice has (its
/// serde name and its strum slug follow the same case rule, `"kebab-case"` or
/// `"lowercase"`), and the program's names for it: `ALL`, `slug()` and `from_slug()`.
///
/// ```ignore
/// choice! {
///     /// How a meeting can happen.
///     pub enum MeetingMode in "kebab-case" { InPerson, Phone, Video }
/// }
/// ```
///
/// Inherent methods rather than a trait: callers (pages, server functions, repositories,
/// the seeder) use them without importing anything.
macro_rules! choice {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident in $case:literal {
            $($(#[$vmeta:meta])* $variant:ident),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            ::serde::Serialize, ::serde::Deserialize,
            ::strum::IntoStaticStr, ::strum::EnumString, ::strum::VariantArray,
        )]
        #[serde(rename_all = $case)]
        #[strum(serialize_all = $case)]
        $vis enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in declaration order (the order the forms list them in).
            pub const ALL: &'static [Self] = <Self as ::strum::VariantArray>::VARIANTS;

            /// The stable name used in URLs, forms and the database (its serde name).
            pub fn slug(self) -> &'static str {
                self.into()
            }

            /// The value with exactly this slug (no trimming, no other letter case).
            pub fn from_slug(raw: &str) -> Option<Self> {
                raw.parse().ok()
            }
        }
    };
}
pub(crate) use choice;

#[cfg(test)]
mod tests {
    use std::fmt::Debug;

    use serde::{de::DeserializeOwned, Serialize};

    use super::super::account::Role;
    use super::super::request::{
        Background, CloseReason, Membership, ReferralOutcome, RequestStatus, TimeSlot,
    };
    use super::super::{MeetingMode, TermKind, Weekday};

    /// Every value's slug is exactly the one written out before the derive (`expected`, in
    /// order), is its serde name both ways, and comes back through `from_slug`.
    fn same_slugs<T>(
        all: &[T],
        slug: fn(T) -> &'static str,
        from_slug: fn(&str) -> Option<T>,
        expected: &[&str],
    ) where
        T: Copy + PartialEq + Debug + Serialize + DeserializeOwned,
    {
        let slugs: Vec<&str> = all.iter().map(|v| slug(*v)).collect();
        assert_eq!(slugs, expected);
        for &v in all {
            let s = slug(v);
            assert_eq!(serde_json::to_value(v).unwrap(), s, "{v:?}");
            assert_eq!(
                serde_json::from_value::<T>(serde_json::Value::from(s)).unwrap(),
                v
            );
            assert_eq!(from_slug(s), Some(v));
            assert_eq!(from_slug(&s.to_uppercase()), None, "slugs are exact");
            assert_eq!(from_slug(&format!("{v:?}")), None, "not the Rust name");
            assert_eq!(from_slug(&format!(" {s}")), None, "slugs are exact");
        }
        assert_eq!(from_slug(""), None);
    }

    #[test]
    fn slugs_are_the_serde_names_and_did_not_change() {
        same_slugs(
            MeetingMode::ALL,
            MeetingMode::slug,
            MeetingMode::from_slug,
            &["in-person", "phone", "video", "email"],
        );
        same_slugs(
            Membership::ALL,
            Membership::slug,
            Membership::from_slug,
            &["member", "non-member", "not-sure"],
        );
        same_slugs(
            Background::ALL,
            Background::slug,
            Background::from_slug,
            &[
                "student",
                "recent-graduate",
                "career-changer",
                "working-professional",
                "other",
            ],
        );
        same_slugs(
            TimeSlot::ALL,
            TimeSlot::slug,
            TimeSlot::from_slug,
            &[
                "weekday-morning",
                "weekday-afternoon",
                "weekday-evening",
                "weekend",
            ],
        );
        same_slugs(
            RequestStatus::ALL,
            RequestStatus::slug,
            RequestStatus::from_slug,
            &[
                "open",
                "matched",
                "completed",
                "no-show",
                "not-held",
                "lapsed",
                "withdrawn",
                "closed",
            ],
        );
        same_slugs(
            CloseReason::ALL,
            CloseReason::slug,
            CloseReason::from_slug,
            &["no-volunteer", "duplicate", "spam"],
        );
        same_slugs(
            ReferralOutcome::ALL,
            ReferralOutcome::slug,
            ReferralOutcome::from_slug,
            &["done", "no-show", "never-wrote"],
        );
        same_slugs(
            crate::domain::feedback::Useful::ALL,
            crate::domain::feedback::Useful::slug,
            crate::domain::feedback::Useful::from_slug,
            &[
                "career-path",
                "daily-work",
                "skills",
                "next-steps",
                "people",
                "other",
            ],
        );
        same_slugs(
            Role::ALL,
            Role::slug,
            Role::from_slug,
            &["volunteer", "committee", "admin"],
        );
        same_slugs(
            TermKind::ALL,
            TermKind::slug,
            TermKind::from_slug,
            &["role", "setting", "region"],
        );
        same_slugs(
            Weekday::ALL,
            Weekday::slug,
            Weekday::from_slug,
            &["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        );
    }
}
