use leptos::prelude::*;
use leptos::server::SharedValue;
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
                        <li><A href="/request">"Ask for a conversation"</A></li>
                        <AccountLinks />
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

/// "Sign in", or the signed-in person's links and a sign-out button. The person is known
/// before the page renders (the router's middleware looked the session up) and the value
/// is handed to the browser with the page, so the header never waits on anything.
#[component]
fn AccountLinks() -> impl IntoView {
    let viewer = SharedValue::new(|| {
        #[cfg(feature = "ssr")]
        {
            crate::server::request_viewer()
        }
        #[cfg(not(feature = "ssr"))]
        {
            None::<crate::domain::Viewer>
        }
    })
    .into_inner();
    match viewer {
        Some(v) => {
            let committee = v.is_committee();
            let admin = v.has(crate::domain::Role::Admin);
            view! {
                <li><A href="/me">"Your page"</A></li>
                {committee.then(|| view! { <li><A href="/committee/requests">"Queue"</A></li> })}
                {committee.then(|| view! { <li><A href="/committee/volunteers">"Roster"</A></li> })}
                {committee.then(|| view! { <li><A href="/committee/dashboard">"Dashboard"</A></li> })}
                {admin.then(|| view! { <li><A href="/admin/people">"People"</A></li> })}
                <li>
                    <form method="post" action="/auth/signout" class="inline-form">
                        <button type="submit" class="nav-button">"Sign out"</button>
                    </form>
                </li>
            }
            .into_any()
        }
        None => view! { <li><A href="/signin">"Sign in"</A></li> }.into_any(),
    }
}
