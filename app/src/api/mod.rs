//! Server functions, one file per feature. Each one checks who may call it, then makes one
//! call into the server side; errors go through `server::respond_with` so the HTTP status
//! matches the error.

pub mod account;
pub mod committee;
pub mod directory;
pub mod referrals;
pub mod requests;
