//! Pure domain logic: validation newtypes, the pool rule, the directory's search index.
//! Nothing in here performs I/O, so all of it is unit-tested and benchmarked without a server.

pub mod directory;
pub mod directory_index;
pub mod taxonomy;
pub mod text;
pub mod validation;
pub mod volunteer;

pub use directory::*;
pub use taxonomy::*;
pub use validation::ValidationError;
pub use volunteer::*;
