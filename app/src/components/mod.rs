//! Reusable view pieces: the kit every page is built from.

pub mod auto_submit;
pub mod choices;
pub mod error;
pub mod form;
pub mod layout;
pub mod loaded;
pub mod notice;
pub mod pagination;
pub mod volunteer_card;
