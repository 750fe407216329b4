use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="wrap header-inner">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"CC"</span>
                    <span>"Career Connects"</span>
                </a>
                <nav aria-label="Main">
                    <ul class="nav-list">
                        <li><A href="/" exact=true>"Home"</A></li>
                        <li><A href="/volunteers">"Browse volunteers"</A></li>
                        <li><A href="/guidelines">"Guidelines"</A></li>
                    </ul>
                </nav>
            </div>
        </header>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="wrap">
                <p>
                    "Career Connects is run by volunteers of the library association. "
                    "There is no fee, and no membership is needed."
                </p>
                <p><a href="/guidelines">"Read the guidelines"</a></p>
            </div>
        </footer>
    }
}
