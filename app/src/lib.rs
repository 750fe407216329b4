//! Career Connects: the application shared by the server (feature `ssr`) and the browser
//! (feature `hydrate`). Server-only code lives in [`server`] and never reaches the wasm bundle.
#![recursion_limit = "256"]

pub mod api;
mod app;
pub mod components;
pub mod domain;
pub mod error;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;

pub use app::{shell, App};
