use leptos::prelude::*;
use leptos_meta::Title;

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

#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_status(404);
    view! {
        <Title text="Page not found" />
        <div class="wrap prose">
            <h1>"Page not found"</h1>
            <p>"We could not find the page you asked for. It may have moved, or the link may be mistyped."</p>
            <ul>
                <li><a href="/">"Go to the home page"</a></li>
                <li><a href="/volunteers">"Browse volunteers"</a></li>
            </ul>
        </div>
    }
}

/// Shown in place of a page whose data could not be loaded; sets the status to match.
#[component]
pub fn ErrorNotice(error: crate::error::ApiError) -> impl IntoView {
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
