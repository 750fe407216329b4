//! The volunteer's referrals: who the committee sent to them, and their marks afterwards.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::volunteer::{list_my_referrals, DeclineReferral, MarkReferral, MyReferrals};
use crate::domain::long_date;
use crate::domain::request::RequestStatus;
use crate::error::ApiError;
use crate::pages::account::Refused;

#[component]
pub fn ReferralsPage() -> impl IntoView {
    let query = use_query_map();
    let mark = ServerAction::<MarkReferral>::new();
    let decline = ServerAction::<DeclineReferral>::new();
    let list = Resource::new(
        move || (mark.version().get(), decline.version().get()),
        |_| list_my_referrals(),
    );
    let marked = move || query.with(|q| q.get("marked")).is_some();
    let declined = move || query.with(|q| q.get("declined")).is_some();
    // Without JavaScript, a refusal comes back as `?problem=code`.
    let refused = move || ApiError::message_for(query.with(|q| q.get("problem")));
    // Only the latest action's outcome is shown.
    Effect::new(move |_| {
        if decline.pending().get() {
            mark.value().set(None);
        }
    });
    Effect::new(move |_| {
        if mark.pending().get() {
            decline.value().set(None);
        }
    });
    view! {
        <Title text="Your referrals" />
        <div class="wrap prose">
            <p class="breadcrumb"><a href="/me">"← Your page"</a></p>
            <h1>"Your referrals"</h1>
            {move || {
                let ok = marked() || matches!(mark.value().get(), Some(Ok(())));
                ok.then(|| view! { <p class="notice success" role="status">"Thank you: noted."</p> })
            }}
            {move || {
                let ok = declined() || matches!(decline.value().get(), Some(Ok(())));
                ok.then(|| view! {
                    <p class="notice success" role="status">
                        "Done: the request is back with the committee, who will find someone else, and you have the contact back."
                    </p>
                })
            }}
            {move || {
                let error = mark.value().get().and_then(Result::err).or_else(|| decline.value().get().and_then(Result::err));
                error.map(|e| e.to_string()).or_else(refused).map(|e| view! {
                    <p class="notice" role="alert">{e}</p>
                })
            }}
            <Transition fallback=|| view! { <p class="loading">"Loading your referrals…"</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(r) => view! { <Referrals r mark decline /> }.into_any(),
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Referrals(
    r: MyReferrals,
    mark: ServerAction<MarkReferral>,
    decline: ServerAction<DeclineReferral>,
) -> impl IntoView {
    if !r.has_profile {
        return view! {
            <p>"You have no volunteer profile yet. "<a href="/me/profile">"Create your profile"</a></p>
        }
        .into_any();
    }
    let left = r.max_contacts.saturating_sub(r.contacts_used);
    view! {
        <p class="lead">{format!(
            "You have been matched {} time{}; {} of your {} contacts left.",
            r.contacts_used, if r.contacts_used == 1 { "" } else { "s" }, left, r.max_contacts
        )}</p>
        {if r.referrals.is_empty() {
            view! { <p class="empty">"Nobody has been referred to you yet. The committee will email you when someone is."</p> }.into_any()
        } else {
            view! {
                <ul class="referrals">
                    {r.referrals.into_iter().map(|x| {
                        let open = x.status == RequestStatus::Matched;
                        let heading = format!("ref-{}", x.key);
                        let heading_id = heading.clone();
                        view! {
                            <li class="panel" aria-labelledby=heading>
                                <h2 id=heading_id>{format!("{}, referred on {}", x.first_name, long_date(x.matched_on))}</h2>
                                <p><strong>"Would like to find out: "</strong>{x.learning_goal.clone()}</p>
                                <p class="status-line">{x.status.label()}</p>
                                {open.then(|| {
                                    let key = x.key.clone();
                                    let key2 = x.key.clone();
                                    let key3 = x.key.clone();
                                    let first = x.first_name.clone();
                                    let done_label = format!("The conversation with {} took place", x.first_name);
                                    let missed_label = format!("{} did not show up", x.first_name);
                                    view! {
                                        <div class="actions">
                                            <ActionForm action=mark attr:class="inline-form">
                                                <input type="hidden" name="request" value=key />
                                                <input type="hidden" name="outcome" value="done" />
                                                <button type="submit" disabled=move || mark.pending().get()>
                                                    {done_label}
                                                </button>
                                            </ActionForm>
                                            <ActionForm action=mark attr:class="inline-form">
                                                <input type="hidden" name="request" value=key2 />
                                                <input type="hidden" name="outcome" value="no-show" />
                                                <button type="submit" class="secondary" disabled=move || mark.pending().get()>
                                                    {missed_label}
                                                </button>
                                            </ActionForm>
                                        </div>
                                        <details class="decline">
                                            <summary>{format!("I cannot talk with {first} after all")}</summary>
                                            <ActionForm action=decline>
                                                <input type="hidden" name="request" value=key3 />
                                                <p class="hint">{format!(
                                                    "{first}'s request goes back to the committee, who will find someone else; {first} is asked not to contact you, and you get the contact back."
                                                )}</p>
                                                <button type="submit" class="secondary" disabled=move || decline.pending().get()>
                                                    {format!("Give {first}'s request back")}
                                                </button>
                                            </ActionForm>
                                        </details>
                                    }
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
    .into_any()
}
