//! Notices at the top of a page, and "the outcome of the latest action": several actions
//! (and, without JavaScript, the redirect's query string) report into one notice, and the
//! page shows only the latest of them, never an older action's result.

use leptos::prelude::*;

use crate::error::ApiError;

/// What a notice is for: its class and its role.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NoticeKind {
    /// Something went wrong or was refused (`role="alert"`).
    #[default]
    Alert,
    /// Something was done (`class="notice success"`, `role="status"`).
    Success,
    /// Information the page gives unasked (`role="status"`).
    Info,
    /// A standing remark, announced with the page like any paragraph (no role).
    Remark,
}

/// A notice paragraph.
#[component]
pub fn Notice(#[prop(optional)] kind: NoticeKind, children: Children) -> impl IntoView {
    let class = if kind == NoticeKind::Success {
        "notice success"
    } else {
        "notice"
    };
    let role = match kind {
        NoticeKind::Alert => Some("alert"),
        NoticeKind::Success | NoticeKind::Info => Some("status"),
        NoticeKind::Remark => None,
    };
    view! { <p class=class role=role>{children()}</p> }
}

/// The outcome of an action, in the words the page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub ok: bool,
    pub text: String,
}

impl Outcome {
    pub fn done(text: impl Into<String>) -> Self {
        Self {
            ok: true,
            text: text.into(),
        }
    }

    pub fn failed(text: impl Into<String>) -> Self {
        Self {
            ok: false,
            text: text.into(),
        }
    }

    /// `done` on success, the error's message otherwise.
    pub fn of(result: Result<(), ApiError>, done: &str) -> Self {
        match result {
            Ok(()) => Self::done(done),
            Err(e) => Self::failed(e.to_string()),
        }
    }

    /// A refusal sent back without JavaScript as `?problem=code`.
    pub fn from_problem(code: Option<String>) -> Option<Self> {
        ApiError::message_for(code).map(Self::failed)
    }
}

/// The outcome of the latest of a page's actions. Each action keeps its own last value,
/// so a page that read them in a fixed order would show "Matched" after Match then Undo;
/// here each followed action reports when its own value changes, and the last report wins.
#[derive(Clone, Copy)]
pub struct LatestOutcome(RwSignal<Option<Outcome>>);

impl Default for LatestOutcome {
    fn default() -> Self {
        Self::new()
    }
}

impl LatestOutcome {
    pub fn new() -> Self {
        Self(RwSignal::new(None))
    }

    /// Follows one action: `read` gives its outcome from its (tracked) value, `None` while
    /// it has none.
    pub fn follow(self, read: impl Fn() -> Option<Outcome> + 'static) -> Self {
        Effect::new(move |_| {
            if let Some(outcome) = read() {
                self.0.set(Some(outcome));
            }
        });
        self
    }

    /// The latest outcome, or else `otherwise` (the notice a redirect without JavaScript
    /// asked for in the query string).
    pub fn or_else(
        self,
        otherwise: impl Fn() -> Option<Outcome> + Send + Sync + 'static,
    ) -> Signal<Option<Outcome>> {
        Signal::derive(move || self.0.get().or_else(&otherwise))
    }
}

/// The notice for an outcome, if there is one.
#[component]
pub fn OutcomeNotice(#[prop(into)] outcome: Signal<Option<Outcome>>) -> impl IntoView {
    move || {
        outcome.get().map(|o| {
            let kind = if o.ok {
                NoticeKind::Success
            } else {
                NoticeKind::Alert
            };
            view! { <Notice kind>{o.text}</Notice> }
        })
    }
}
