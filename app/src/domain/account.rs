//! Who is signed in, what they may do, and where a sign-in may send them back to.

use serde::{Deserialize, Serialize};

use super::choice::choice;

choice! {
    /// What a signed-in person may do. A volunteer is anyone with a volunteer profile; the
    /// committee role is granted by an administrator; administrators come from configuration.
    /// A granted role is stored by its slug (`volunteer` is never stored: it follows from
    /// having a profile).
    pub enum Role in "lowercase" {
        Volunteer,
        Committee,
        Admin,
    }
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Self::Volunteer => "Volunteer",
            Self::Committee => "Committee member",
            Self::Admin => "Administrator",
        }
    }
}

/// The signed-in person, as pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub name: String,
    pub email: Option<String>,
    pub roles: Vec<Role>,
}

impl Viewer {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Committee work is open to committee members and to administrators.
    pub fn is_committee(&self) -> bool {
        does_committee_work(&self.roles)
    }
}

/// Whether someone with `roles` does committee work: committee members and administrators.
pub fn does_committee_work(roles: &[Role]) -> bool {
    roles.contains(&Role::Committee) || roles.contains(&Role::Admin)
}

/// An identity provider as the sign-in page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderChoice {
    /// In URLs: `/auth/login/{id}`.
    pub id: String,
    /// On the button: "Sign in with {name}".
    pub name: String,
}

/// Where to go after signing in when nothing (or nothing safe) was asked for.
pub const DEFAULT_RETURN: &str = "/me";

/// A path on this site to return to after signing in. Anything that could leave the site
/// (`//evil.example`, `https://…`, `/\evil`), or is not a path, becomes [`DEFAULT_RETURN`].
pub fn safe_return_path(raw: Option<&str>) -> String {
    let Some(raw) = raw.map(str::trim) else {
        return DEFAULT_RETURN.to_owned();
    };
    let ok = raw.starts_with('/')
        && !raw.starts_with("//")
        && !raw.starts_with("/\\")
        && raw.len() <= 512
        && !raw.chars().any(|c| c.is_control() || c == '\\')
        && !raw.starts_with("/auth/");
    if ok {
        raw.to_owned()
    } else {
        DEFAULT_RETURN.to_owned()
    }
}

/// The typed confirmation for leaving the program.
pub const LEAVE_CONFIRMATION: &str = "LEAVE";

/// Whether `typed` confirms leaving (case and surrounding spaces do not matter).
pub fn confirms_leaving(typed: &str) -> bool {
    typed.trim().eq_ignore_ascii_case(LEAVE_CONFIRMATION)
}

/// Who a provider's configuration names as administrators: verified email addresses, or
/// the provider's subject identifiers (for a provider whose emails cannot be trusted).
/// Admins are configured per provider, so that adding a provider whose users can set any
/// "verified" email never hands out the role.
#[derive(Debug, Clone, Copy)]
pub struct ConfiguredAdmins<'a> {
    pub emails: &'a [String],
    pub subjects: &'a [String],
}

impl ConfiguredAdmins<'_> {
    /// Whether the person a provider vouched for is one of its administrators: the subject
    /// is listed, or the email is listed (case-insensitive) and the provider verified it.
    pub fn includes(&self, subject: &str, email: Option<&str>, verified: bool) -> bool {
        let by_subject = self.subjects.iter().any(|s| s.trim() == subject);
        let by_email = match email {
            Some(email) if verified => {
                let email = email.trim();
                self.emails
                    .iter()
                    .any(|a| a.trim().eq_ignore_ascii_case(email))
            }
            _ => false,
        };
        by_subject || by_email
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_paths_stay_on_the_site() {
        assert_eq!(safe_return_path(Some("/me/profile")), "/me/profile");
        assert_eq!(
            safe_return_path(Some("/volunteers?role=x&page=2")),
            "/volunteers?role=x&page=2"
        );
        for bad in [
            "//evil.example/x",
            "https://evil.example",
            "/\\evil.example",
            "javascript:alert(1)",
            "me",
            "",
            "/auth/callback/x",
            "/a\nb",
        ] {
            assert_eq!(safe_return_path(Some(bad)), DEFAULT_RETURN, "{bad:?}");
        }
        assert_eq!(safe_return_path(None), DEFAULT_RETURN);
        assert_eq!(
            safe_return_path(Some(&format!("/{}", "a".repeat(600)))),
            DEFAULT_RETURN
        );
    }

    #[test]
    fn leaving_needs_the_word() {
        assert!(confirms_leaving("LEAVE"));
        assert!(confirms_leaving("  leave "));
        assert!(!confirms_leaving("leav"));
        assert!(!confirms_leaving(""));
        assert!(!confirms_leaving("yes"));
    }

    #[test]
    fn administrators_need_a_verified_configured_email_or_subject() {
        let emails = vec!["Chair@Example.org".to_owned()];
        let subjects = vec!["1234".to_owned()];
        let admins = ConfiguredAdmins {
            emails: &emails,
            subjects: &subjects,
        };
        assert!(admins.includes("x", Some("chair@example.org"), true));
        assert!(admins.includes("x", Some(" chair@EXAMPLE.org "), true));
        assert!(!admins.includes("x", Some("chair@example.org"), false));
        assert!(!admins.includes("x", Some("other@example.org"), true));
        assert!(!admins.includes("x", None, true));
        assert!(admins.includes("1234", None, false));
        assert!(!admins.includes("12345", None, false));
        let none = ConfiguredAdmins {
            emails: &[],
            subjects: &[],
        };
        assert!(!none.includes("1234", Some("chair@example.org"), true));
    }

    #[test]
    fn committee_work_is_open_to_admins() {
        let v = |roles: Vec<Role>| Viewer {
            name: "A".into(),
            email: None,
            roles,
        };
        assert!(v(vec![Role::Committee]).is_committee());
        assert!(v(vec![Role::Admin]).is_committee());
        assert!(!v(vec![Role::Volunteer]).is_committee());
        assert!(!v(vec![]).is_committee());
    }

    #[test]
    fn roles_round_trip() {
        for r in [Role::Volunteer, Role::Committee, Role::Admin] {
            assert_eq!(Role::from_slug(r.slug()), Some(r));
        }
        assert_eq!(Role::from_slug("root"), None);
    }
}

/// What the sign-in page needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInInfo {
    pub providers: Vec<ProviderChoice>,
    pub viewer: Option<Viewer>,
}

/// A person on the administrators' page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub key: String,
    pub name: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub roles: Vec<Role>,
    pub last_sign_in: String,
}
