use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

use crate::components::layout::{SiteFooter, SiteHeader};
use crate::pages::{
    BrowsePage, CommitteeRoute, GuidelinesPage, HomePage, LeftPage, NotFoundPage, ProfilePage,
    RequestRoute, SignInPage, StudioRoute, VolunteerRoute,
};

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::headers::set_page_policy();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

const FAVICON: &str = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='6' fill='%23134e4a'/%3E%3Cpath d='M9 22V10h6a4 4 0 010 8h-6m8 4l-4-4' stroke='%23fff' stroke-width='3' fill='none'/%3E%3C/svg%3E";

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();

    view! {
        <Stylesheet id="leptos" href="/pkg/career-connects.css" />
        <Link rel="icon" href=FAVICON />
        <Title formatter=|page: String| {
            if page.is_empty() { "Career Connects".to_owned() } else { format!("{page} · Career Connects") }
        } />
        <Meta
            name="description"
            content="Ask an experienced library and information professional for a short, free informational interview."
        />
        <Router>
            <a class="skip-link" href="#main">"Skip to main content"</a>
            <SiteHeader />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    // Every page is rendered whole on the server (its data and the header's
                    // sign-in state awaited), so it works without JavaScript and sets its
                    // status and title. The pages not every visitor needs are lazy routes,
                    // one per audience (requester, volunteer, committee, studio): their code
                    // is a separate chunk, loaded only on those pages (`--split`).
                    <Route path=path!("") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/guidelines") view=GuidelinesPage ssr=SsrMode::Async />
                    <Route path=path!("/volunteers") view=BrowsePage ssr=SsrMode::Async />
                    <Route path=path!("/volunteers/:id") view=ProfilePage ssr=SsrMode::Async />
                    <Route path=path!("/signin") view=SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/me") view={Lazy::<VolunteerRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/me/profile") view={Lazy::<VolunteerRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/me/leave") view={Lazy::<VolunteerRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/left") view=LeftPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/people") view={Lazy::<CommitteeRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/committee/volunteers") view={Lazy::<CommitteeRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/committee/requests") view={Lazy::<CommitteeRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/committee/requests/:id") view={Lazy::<CommitteeRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/committee/batch") view={Lazy::<CommitteeRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/committee/dashboard") view={Lazy::<CommitteeRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/me/referrals") view={Lazy::<VolunteerRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/request") view={Lazy::<RequestRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/request/sent") view={Lazy::<RequestRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/request/link") view={Lazy::<RequestRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/r/:token") view={Lazy::<RequestRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/r/:token/feedback") view={Lazy::<RequestRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/r/:token/studio") view={Lazy::<StudioRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/volunteers/:id/practice") view={Lazy::<StudioRoute>::new()} ssr=SsrMode::Async />
                </Routes>
            </main>
            <SiteFooter />
        </Router>
    }
}

/// Hydrates the server-rendered page: the browser's entry point (called by `frontend`).
///
/// Pages behind lazy routes (built with `cargo leptos build --split`) hydrate only once
/// their split-out code has arrived, so this uses the async hydration entry point, which
/// loads that code first. When the whole page is hydrated, and the effects created while
/// hydrating have run once, it marks the document (`<html data-hydrated>`), so that people's
/// tools and our browser tests can tell the interactive page is ready.
#[cfg(feature = "hydrate")]
pub fn hydrate() {
    wasm_bindgen_futures::spawn_local(async {
        let document = leptos::prelude::document();
        let Some(body) = document.body() else {
            return;
        };
        leptos::mount::hydrate_from_async(body, App).await.forget();
        leptos::task::tick().await;
        if let Some(root) = document.document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
}
