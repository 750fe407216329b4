//! One file per page.

mod account;
mod browse;
mod committee;
mod guidelines;
mod home;
mod not_found;
mod profile;
mod program;
mod referrals;
mod request;
mod volunteer;

pub use account::{LeftPage, SignInPage};
pub use browse::BrowsePage;
pub use committee::{BatchPage, QueuePageView, RequestDetailPage};
pub use guidelines::GuidelinesPage;
pub use home::HomePage;
pub use not_found::{ErrorNotice, NotFoundPage};
pub use profile::ProfilePage;
pub use program::{PeoplePage, RosterPageView};
pub use referrals::ReferralsPage;
pub use request::{LinkPage, RequestPage, RequestSentPage, StatusPage};
pub use volunteer::{LeavePage, MePage, ProfileEditorPage};
