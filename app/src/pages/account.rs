//! Signing in and out, and what happens when a page needs a signed-in person.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::account::sign_in_page;
use crate::components::loaded::{error_notice, Loaded};
use crate::components::notice::{Notice, NoticeKind};

fn reason(code: &str) -> &'static str {
    match code {
        "state" => "That sign-in link was already used, or it did not start in this browser. Please sign in again.",
        "expired" => "The sign-in took too long and expired. Please sign in again.",
        "denied" => "The sign-in was cancelled at the provider. You can try again.",
        "provider" => "The identity provider did not confirm who you are. Please try again.",
        "provider-unreachable" => "We could not reach that identity provider. Please try again in a moment, or use another one.",
        "unknown-provider" => "That sign-in option does not exist. Please choose one below.",
        "too-many" => "Too many sign-ins were started from your network in the last hour. Please wait a while and try again.",
        _ => "Something went wrong while signing you in. Please try again.",
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let query = use_query_map();
    let info = Resource::new(|| (), |_| sign_in_page());
    let error = move || query.with(|q| q.get("error")).map(|c| reason(&c));
    let signed_out = move || query.with(|q| q.get("signed_out")).is_some();
    let next = move || {
        query
            .with(|q| q.get("next"))
            .map(|n| crate::domain::account::safe_return_path(Some(&n)))
            .unwrap_or_else(|| crate::domain::account::DEFAULT_RETURN.to_owned())
    };
    view! {
        <Title text="Sign in" />
        <div class="wrap prose">
            <h1>"Sign in"</h1>
            {move || signed_out().then(|| view! { <Notice kind=NoticeKind::Success>"You have signed out."</Notice> })}
            {move || error().map(|e| view! { <Notice>{e}</Notice> })}
            <Loaded resource=info loading="Loading…" on_error=error_notice view=move |info| {
                let signed_in = info.viewer.clone().map(|v| view! {
                    <div class="panel">
                        <p>"You are signed in as " <strong>{v.name.clone()}</strong>
                            {v.email.clone().map(|e| format!(" ({e})"))} "."</p>
                        <p class="actions">
                            <a class="button" href="/me">"Go to your page"</a>
                        </p>
                    </div>
                });
                let providers = info.providers.clone();
                let none = providers.is_empty();
                view! {
                    {signed_in}
                    <p class="lead">
                        "Volunteers and committee members sign in with an account they already have. "
                        "We never see your password."
                    </p>
                    {none.then(|| view! {
                        <Notice kind=NoticeKind::Info>
                            "Sign-in is not set up yet: an administrator has to configure an identity provider."
                        </Notice>
                    })}
                    <ul class="provider-list">
                        {providers.into_iter().map(|p| {
                            let href = move || {
                                let next: String = form_urlencoded::byte_serialize(next().as_bytes()).collect();
                                format!("/auth/login/{}?next={next}", p.id)
                            };
                            view! {
                                <li><a class="button" rel="external" href=href>{format!("Sign in with {}", p.name)}</a></li>
                            }
                        }).collect_view()}
                    </ul>
                    <p class="hint">
                        "Requesters do not need an account: your request's private link is all you need."
                    </p>
                }
            } />
        </div>
    }
}

/// After leaving the program.
#[component]
pub fn LeftPage() -> impl IntoView {
    let query = use_query_map();
    let kept = move || query.with(|q| q.get("account")).is_some();
    view! {
        <Title text="You have left the program" />
        <div class="wrap prose">
            <h1>"You have left the program"</h1>
            <p role="status">
                "Your volunteer profile and your contact details have been deleted. "
                "Nobody can find or contact you through Career Connects any more."
            </p>
            {move || if kept() {
                view! { <p>"Your account stays, for your committee work."</p> }.into_any()
            } else {
                view! { <p>"Your account has been deleted too, and you are signed out."</p> }.into_any()
            }}
            <p>
                "We keep only anonymous numbers for the program's statistics (how many contacts "
                "were used), never your name. Thank you for the conversations you gave."
            </p>
            <p><a href="/">"Go to the home page"</a></p>
        </div>
    }
}
