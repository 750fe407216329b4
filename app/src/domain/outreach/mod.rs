//! The outreach drafting studio's pure logic: channels and their limits, the structured
//! message template, the etiquette checker, the question bank, thank-you notes and the one
//! follow-up, and the bounds a stored draft must keep.
//!
//! The same code runs in the browser (live counters and findings as the person types) and
//! on the server (after a save without JavaScript), so nothing here performs I/O.
//!
//! The checker's phrase lists are English only: the program's messages are written in
//! English, and a heuristic that half-understands another language would mostly produce
//! false alarms.

pub mod channel;
pub mod checker;
pub mod draft;
mod phrases;
pub mod questions;
pub mod studio;
pub mod template;
pub mod thanks;

pub use channel::{Channel, ChannelLimits, Gauge, GaugeState, LimitKind, Unit};
pub use checker::{check, CheckContext, Finding, Rule, Severity};
pub use draft::{Draft, DraftField};
pub use questions::{Question, QuestionGroup, Tailoring};
pub use studio::{Intent, Refused, StudioSetup};
pub use template::{Filled, Formality, HowFound, Part, PartKind, StudioMode, TemplateInput};
pub use thanks::{FollowUpRefused, ThankYouInput};
