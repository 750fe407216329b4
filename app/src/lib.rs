//! Career Connects: the application shared by the server (feature `ssr`) and the browser
//! (feature `hydrate`). Server-only code lives in [`server`] and never reaches the wasm bundle.
// See `frontend/src/lib.rs`: without `--cfg erase_components` (release) view types are deep.
#![recursion_limit = "512"]

pub mod api;
mod app;
pub mod components;
pub mod domain;
pub mod error;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;

#[cfg(feature = "hydrate")]
pub use app::hydrate;
pub use app::{shell, App};
