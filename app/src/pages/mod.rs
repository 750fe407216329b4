//! One file per page.

mod browse;
mod guidelines;
mod home;
mod not_found;
mod profile;

pub use browse::BrowsePage;
pub use guidelines::GuidelinesPage;
pub use home::HomePage;
pub use not_found::{ErrorNotice, NotFoundPage};
pub use profile::ProfilePage;
