//! What a page shows in place of data it could not load, and the HTTP status that goes
//! with it.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use crate::error::ApiError;

/// Sets the HTTP status of the page being rendered on the server (no effect in the browser).
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(opts), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        opts.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// Shown in place of a page whose data could not be loaded; sets the status to match.
#[component]
pub fn ErrorNotice(error: ApiError) -> impl IntoView {
    set_status(error.status());
    view! {
        <div class="wrap prose">
            <Title text="Something went wrong" />
            <h1>"Something went wrong"</h1>
            <p role="alert">{error.to_string()}</p>
            <p><a href="/">"Go to the home page"</a></p>
        </div>
    }
}

/// Shown in place of a page a call refused: a person who is not signed in is sent to the
/// sign-in page (and brought back afterwards); anyone else sees why.
#[component]
pub fn Refused(error: ApiError) -> impl IntoView {
    match error {
        ApiError::Unauthorized => {
            let location = use_location();
            let here = format!(
                "{}{}",
                location.pathname.get_untracked(),
                location.search.get_untracked()
            );
            let next: String = form_urlencoded::byte_serialize(here.as_bytes()).collect();
            view! { <Redirect path=format!("/signin?next={next}") /> }.into_any()
        }
        ApiError::Forbidden => {
            set_status(403);
            view! {
                <div class="wrap prose">
                    <Title text="Not available to you" />
                    <h1>"Not available to you"</h1>
                    <p role="alert">
                        "This page is for committee members or administrators. If you think you "
                        "should have access, ask an administrator of the program."
                    </p>
                    <p><a href="/me">"Go to your page"</a></p>
                </div>
            }
            .into_any()
        }
        other => view! { <ErrorNotice error=other /> }.into_any(),
    }
}
