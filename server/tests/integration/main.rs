//! Integration tests: the real server on a random port over a fresh in-memory SurrealDB,
//! driven over HTTP. One test binary; each test gets its own server and database.

mod accounts;
mod dashboard;
mod directory;
mod durability;
mod feedback;
mod hardening;
mod health;
mod lifecycle;
mod mail;
mod matching;
mod requests;
mod stress;
mod studio;
mod support;
