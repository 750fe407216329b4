//! The volunteer's own pages (`/me/…`): where their profile stands, the profile editor,
//! their referrals, and leaving the program. All of them work as plain HTML forms.

mod editor;
mod home;
mod leave;
mod referrals;

pub use editor::ProfileEditorPage;
pub use home::MePage;
pub use leave::LeavePage;
pub use referrals::ReferralsPage;
