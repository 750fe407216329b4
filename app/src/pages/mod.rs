//! The pages, one module per endpoint prefix: `account` (signing in and out), `directory`
//! (`/volunteers`), `requests` (the requester's pages), `volunteer` (`/me/…`), `committee`
//! (`/committee/…`) and `admin` (`/admin/…`).

mod account;
mod admin;
mod committee;
mod directory;
mod guidelines;
mod home;
mod not_found;
mod requests;
mod studio;
mod volunteer;

pub use account::{LeftPage, SignInPage};
pub use committee::CommitteeRoute;
pub use directory::{BrowsePage, ProfilePage};
pub use guidelines::GuidelinesPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use requests::RequestRoute;
pub use studio::StudioRoute;
pub use volunteer::VolunteerRoute;
