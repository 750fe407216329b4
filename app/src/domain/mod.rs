//! Pure domain logic: validation newtypes, the pool rule, the directory's search index.
//! Nothing in here performs I/O, so all of it is unit-tested and benchmarked without a server.

pub mod account;
pub mod assign;
mod choice;
pub mod committee;
pub mod csv;
pub mod directory;
pub mod directory_index;
pub mod email;
pub mod feedback;
pub mod ids;
pub mod matching;
pub mod outreach;
pub mod problem;
pub mod profile_form;
#[cfg(test)]
mod properties;
pub mod rate;
pub mod request;
pub mod requester;
pub mod stats;
pub mod taxonomy;
pub mod text;
pub mod validation;
pub mod volunteer;
pub mod volunteer_home;

pub use account::{Role, Viewer};
pub use directory::*;
pub use problem::Problem;
pub use profile_form::{ProfileForm, ProfileInput, WindowForm};
pub use taxonomy::*;
pub use validation::{EmailAddress, ValidationError};
pub use volunteer::*;
