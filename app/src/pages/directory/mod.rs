//! The public directory (`/volunteers`): browsing with filters, and one volunteer's profile.

mod browse;
mod profile;

pub use browse::BrowsePage;
pub use profile::ProfilePage;
