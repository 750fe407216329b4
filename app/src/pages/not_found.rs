use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::error::set_status;

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
