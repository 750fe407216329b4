//! The volunteer's referrals (`/me/referrals`): who the committee sent to them, and their
//! marks afterwards.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::volunteer::{list_my_referrals, DeclineReferral, MarkReferral, MyReferrals};
use crate::components::loaded::Loaded;
use crate::components::notice::{LatestOutcome, Outcome, OutcomeNotice};
use crate::domain::long_date;
use crate::domain::request::RequestStatus;

const MARKED: &str = "Thank you: noted.";
const DECLINED: &str =
    "Done: the request is back with the committee, who will find someone else, and you have the contact back.";

#[component]
pub fn ReferralsPage() -> impl IntoView {
    let query = use_query_map();
    let mark = ServerAction::<MarkReferral>::new();
    let decline = ServerAction::<DeclineReferral>::new();
    let list = Resource::new(
        move || (mark.version().get(), decline.version().get()),
        |_| list_my_referrals(),
    );
    // Only the latest action's outcome is shown; without JavaScript, the redirect says what
    // happened (`?marked`, `?declined`) or why it was refused (`?problem=code`).
    let outcome = LatestOutcome::new()
        .follow(move || mark.value().get().map(|r| Outcome::of(r, MARKED)))
        .follow(move || decline.value().get().map(|r| Outcome::of(r, DECLINED)))
        .or_else(move || {
            query.with(|q| {
                if q.get("marked").is_some() {
                    Some(Outcome::done(MARKED))
                } else if q.get("declined").is_some() {
                    Some(Outcome::done(DECLINED))
                } else {
                    Outcome::from_problem(q.get("problem"))
                }
            })
        });
    view! {
        <Title text="Your referrals" />
        <div class="wrap prose">
            <p class="breadcrumb"><a href="/me">"← Your page"</a></p>
            <h1>"Your referrals"</h1>
            <OutcomeNotice outcome />
            <Loaded resource=list loading="Loading your referrals…" transition=true
                view=move |r| view! { <Referrals r mark decline /> } />
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
