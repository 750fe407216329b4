//! Signing in and out, and what happens when a page needs a signed-in person.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_location, use_query_map};

use crate::api::account::sign_in_page;
use crate::error::ApiError;
use crate::pages::ErrorNotice;

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
            crate::pages::not_found::set_status(403);
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
            {move || signed_out().then(|| view! { <p class="notice success" role="status">"You have signed out."</p> })}
            {move || error().map(|e| view! { <p class="notice" role="alert">{e}</p> })}
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match info.await {
                        Ok(info) => {
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
                                    <p class="notice" role="status">
                                        "Sign-in is not set up yet: an administrator has to configure an identity provider."
                                    </p>
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
                            }.into_any()
                        }
                        Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                    }
                })}
            </Suspense>
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
