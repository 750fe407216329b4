//! Reusable view pieces.

pub mod auto_submit;
pub mod form;
pub mod layout;
pub mod pagination;
pub mod volunteer_card;
