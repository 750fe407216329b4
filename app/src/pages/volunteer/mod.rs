//! The volunteer's own pages (`/me/…`): where their profile stands, the profile editor,
//! their referrals, and leaving the program. All of them work as plain HTML forms.

mod editor;
mod home;
mod leave;
mod referrals;

use leptos::prelude::*;
use leptos_router::hooks::use_matched;
use leptos_router::{lazy_route, LazyRoute};

use editor::ProfileEditorPage;
use home::MePage;
use leave::LeavePage;
use referrals::ReferralsPage;

/// The volunteer's pages (`/me/…`), as one lazy route: their code is split out of the main
/// bundle (`cargo leptos build --split`) into one chunk that only volunteers load. The page
/// is chosen by the matched path.
pub struct VolunteerRoute;

#[lazy_route]
impl LazyRoute for VolunteerRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <VolunteerPages /> }.into_any()
    }
}

/// Which of the volunteer's pages a path is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum VolunteerPage {
    Home,
    Profile,
    Referrals,
    Leave,
}

impl VolunteerPage {
    /// The page for a path the router matched to [`VolunteerRoute`].
    fn for_path(path: &str) -> Self {
        match path.trim_end_matches('/') {
            "/me/profile" => Self::Profile,
            "/me/referrals" => Self::Referrals,
            "/me/leave" => Self::Leave,
            _ => Self::Home,
        }
    }
}

#[component]
fn VolunteerPages() -> impl IntoView {
    match VolunteerPage::for_path(&use_matched().get_untracked()) {
        VolunteerPage::Home => view! { <MePage /> }.into_any(),
        VolunteerPage::Profile => view! { <ProfileEditorPage /> }.into_any(),
        VolunteerPage::Referrals => view! { <ReferralsPage /> }.into_any(),
        VolunteerPage::Leave => view! { <LeavePage /> }.into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::VolunteerPage;

    #[test]
    fn each_volunteer_path_has_its_page() {
        for (path, page) in [
            ("/me", VolunteerPage::Home),
            ("/me/", VolunteerPage::Home),
            ("/me/profile", VolunteerPage::Profile),
            ("/me/referrals", VolunteerPage::Referrals),
            ("/me/leave", VolunteerPage::Leave),
        ] {
            assert_eq!(VolunteerPage::for_path(path), page, "{path}");
        }
    }
}
