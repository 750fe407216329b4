//! Loading and error handling for a page's data, written once: `<Loaded>` awaits a
//! resource on the server (so the page is whole without JavaScript), shows a loading line
//! in the browser meanwhile, and shows the refusal or error in place of the content.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::error::{ErrorNotice, Refused};
use crate::error::ApiError;

/// How a failed load is shown.
pub type ErrorView = fn(ApiError) -> AnyView;

/// The default for pages that need a signed-in person: [`Refused`] (sign in, or "not
/// available to you", or the error).
pub fn refused(error: ApiError) -> AnyView {
    view! { <Refused error /> }.into_any()
}

/// For public pages: the error as it is ([`ErrorNotice`]), never a sign-in redirect.
pub fn error_notice(error: ApiError) -> AnyView {
    view! { <ErrorNotice error /> }.into_any()
}

/// Renders `view` with the resource's value once it is loaded, or `on_error` with its
/// error. With `transition`, the content already shown stays while the resource reloads
/// (after an action or a filter change) instead of going back to the loading line.
#[component]
pub fn Loaded<T, V>(
    resource: Resource<Result<T, ApiError>>,
    /// Shown while loading, as `<p class="loading">`.
    loading: &'static str,
    /// The content, given the loaded value.
    view: impl Fn(T) -> V + Send + Sync + 'static,
    #[prop(optional)] transition: bool,
    /// The loading line's class (default `loading`).
    #[prop(default = "loading")]
    loading_class: &'static str,
    /// How an error is shown (default: [`refused`]).
    #[prop(optional)]
    on_error: Option<ErrorView>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let on_error = on_error.unwrap_or(refused);
    let view = Arc::new(view);
    let content = move || {
        let view = Arc::clone(&view);
        Suspend::new(async move {
            match resource.await {
                Ok(value) => view(value).into_any(),
                Err(e) => on_error(e),
            }
        })
    };
    let fallback = move || view! { <p class=loading_class>{loading}</p> };
    if transition {
        view! { <Transition fallback>{content}</Transition> }.into_any()
    } else {
        view! { <Suspense fallback>{content}</Suspense> }.into_any()
    }
}
