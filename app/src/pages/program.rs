//! Program work: the administrators' people page and the committee's volunteer roster.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::admin::{list_people, PersonSummary, SetCommitteeRole};
use crate::api::committee::{volunteer_roster, RosterData};
use crate::domain::{PoolStatus, Role};
use crate::pages::account::Refused;

#[component]
pub fn PeoplePage() -> impl IntoView {
    let set_role = ServerAction::<SetCommitteeRole>::new();
    // Reload the list after every change made with JavaScript.
    let people = Resource::new(move || set_role.version().get(), |_| list_people());
    view! {
        <Title text="People and roles" />
        <div class="wrap">
            <h1>"People and roles"</h1>
            <p class="lead">
                "Everyone who has signed in. Committee members work the request queue and see volunteers' "
                "contact details. Administrators are set in the server's configuration."
            </p>
            {move || set_role.value().get().and_then(Result::err).map(|e| view! {
                <p class="notice" role="alert">{e.to_string()}</p>
            })}
            <Transition fallback=|| view! { <p class="loading">"Loading people…"</p> }>
                {move || Suspend::new(async move {
                    match people.await {
                        Ok(list) => view! { <PeopleTable list set_role /> }.into_any(),
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn PeopleTable(
    list: Vec<PersonSummary>,
    set_role: ServerAction<SetCommitteeRole>,
) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="empty">"Nobody has signed in yet."</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="data">
                <caption class="visually-hidden">"People who have signed in, with their roles"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Roles"</th>
                        <th scope="col">"Last sign-in"</th>
                        <th scope="col">"Committee"</th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|p| {
                        let committee = p.roles.contains(&Role::Committee);
                        let roles = if p.roles.is_empty() {
                            "—".to_owned()
                        } else {
                            p.roles.iter().map(|r| r.label()).collect::<Vec<_>>().join(", ")
                        };
                        let email = match (&p.email, p.email_verified) {
                            (Some(e), true) => e.clone(),
                            (Some(e), false) => format!("{e} (not verified)"),
                            (None, _) => "—".into(),
                        };
                        let action_label = if committee {
                            format!("Remove {} from the committee", p.name)
                        } else {
                            format!("Add {} to the committee", p.name)
                        };
                        view! {
                            <tr>
                                <th scope="row">{p.name.clone()}</th>
                                <td>{email}</td>
                                <td>{roles}</td>
                                <td>{p.last_sign_in.clone()}</td>
                                <td>
                                    <ActionForm action=set_role>
                                        <input type="hidden" name="account" value=p.key.clone() />
                                        <input type="hidden" name="grant" value=if committee { "false" } else { "true" } />
                                        <button type="submit" class="small" class:secondary=committee aria-label=action_label>
                                            {if committee { "Remove" } else { "Add" }}
                                        </button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

fn status_label(s: PoolStatus) -> String {
    match s {
        PoolStatus::Available { contacts_left } => format!("In the pool ({contacts_left} left)"),
        PoolStatus::Paused { until } => format!("Away until {}", until.format("%Y-%m-%d")),
        PoolStatus::AtCapacity => "At their maximum".into(),
        PoolStatus::TooLittleExperience => "Under 3 years".into(),
        PoolStatus::NotListed => "Not listed".into(),
    }
}

#[component]
pub fn RosterPageView() -> impl IntoView {
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query
            .with(|q| q.get("page"))
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(1)
    });
    let roster = Resource::new(move || page.get(), volunteer_roster);
    view! {
        <Title text="Volunteer roster" />
        <div class="wrap">
            <h1>"Volunteer roster"</h1>
            <p class="lead">"Every volunteer, where they stand with the pool, and how to reach them."</p>
            <Transition fallback=|| view! { <p class="loading">"Loading the roster…"</p> }>
                {move || Suspend::new(async move {
                    match roster.await {
                        Ok(r) => view! { <Roster r /> }.into_any(),
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Roster(r: RosterData) -> impl IntoView {
    let prev = (r.page > 1).then(|| format!("/committee/volunteers?page={}", r.page - 1));
    let next = r
        .has_next
        .then(|| format!("/committee/volunteers?page={}", r.page + 1));
    view! {
        <p>{format!("{} listed, {} in the pool today.", r.listed, r.in_pool)}</p>
        <div class="table-wrap">
            <table class="data">
                <caption class="visually-hidden">{format!("Volunteers, page {}", r.page)}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Job title"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Contacts used"</th>
                        <th scope="col">"Email"</th>
                    </tr>
                </thead>
                <tbody>
                    {r.items.into_iter().map(|v| {
                        let linkable = !matches!(v.status, PoolStatus::TooLittleExperience | PoolStatus::NotListed);
                        view! {
                            <tr>
                                <th scope="row">
                                    {if linkable {
                                        view! { <a href=format!("/volunteers/{}", v.id)>{v.name.clone()}</a> }.into_any()
                                    } else {
                                        view! { <span>{v.name.clone()}</span> }.into_any()
                                    }}
                                </th>
                                <td>{v.job_title}</td>
                                <td>{status_label(v.status)}</td>
                                <td>{format!("{} of {}", v.contacts_used, v.max_contacts)}</td>
                                <td>{v.email.map(|e| view! { <a href=format!("mailto:{e}")>{e.clone()}</a> })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <nav class="pagination" aria-label="Roster pages">
            {match prev {
                Some(href) => view! { <a href=href rel="prev">"← Previous"</a> }.into_any(),
                None => view! { <span class="disabled">"← Previous"</span> }.into_any(),
            }}
            <span>{format!("Page {}", r.page)}</span>
            {match next {
                Some(href) => view! { <a href=href rel="next">"Next →"</a> }.into_any(),
                None => view! { <span class="disabled">"Next →"</span> }.into_any(),
            }}
        </nav>
    }
}
