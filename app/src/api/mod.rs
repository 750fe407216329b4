//! Server functions, one file per endpoint prefix (`account/…` in `account.rs`, and so on).
//! Each one checks who may call it, makes one call into a service
//! (`server::service`), and shapes the answer; its body runs inside `server::answer`, which
//! sets the HTTP status of an error. No file here imports another.

pub mod account;
pub mod admin;
pub mod committee;
pub mod directory;
pub mod requests;
pub mod studio;
pub mod volunteer;
