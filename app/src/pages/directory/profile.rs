//! One volunteer's public profile (`/volunteers/:id`).

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::api::directory::volunteer_profile;
use crate::components::loaded::{error_notice, Loaded};
use crate::components::volunteer_card::modes_text;
use crate::domain::{PoolStatus, VolunteerProfileView};
use crate::pages::NotFoundPage;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let profile = Resource::new(move || id.get(), volunteer_profile);
    view! {
        <Loaded resource=profile loading="Loading profile…" loading_class="wrap loading" on_error=error_notice
            view=|p| match p {
                Some(p) => view! { <Profile p /> }.into_any(),
                None => view! { <NotFoundPage /> }.into_any(),
            } />
    }
}

#[component]
fn Profile(p: VolunteerProfileView) -> impl IntoView {
    let status = p.status_text();
    let available = p.status.is_available();
    let description = format!(
        "{}, {}: volunteer for informational interviews.",
        p.display_name, p.job_title
    );
    let further = if p.welcome_further_contact {
        "Happy to stay in touch after the conversation."
    } else {
        "Offers a single conversation; further contact is not expected."
    };
    view! {
        <Title text=p.display_name.clone() />
        <Meta name="description" content=description />
        <div class="wrap profile">
            <p class="breadcrumb"><a href="/volunteers">"← All volunteers"</a></p>
            <h1>{p.display_name.clone()}</h1>
            <p class="lead">
                {p.job_title.clone()}
                {p.employer.clone().map(|e| format!(" at {e}"))}
            </p>
            <p class=if available { "status available" } else { "status unavailable" }>{status}</p>
            {available.then(|| view! {
                <p><a class="button" href=format!("/request?volunteer={}", p.id)>{format!("Ask {} for a conversation", p.display_name)}</a></p>
            })}
            {matches!(p.status, PoolStatus::Paused { .. } | PoolStatus::AtCapacity).then(|| view! {
                <p>
                    "You can still read about their work here. To ask for a conversation now, "
                    <a href="/volunteers">"browse the volunteers taking requests"</a>"."
                </p>
            })}
            <div class="profile-grid">
                <section aria-labelledby="about-title">
                    <h2 id="about-title">"About"</h2>
                    <p class="bio">{p.bio.clone()}</p>
                    {(!p.specialties.is_empty()).then(|| view! {
                        <h3>"Specialties"</h3>
                        <ul class="tags">
                            {p.specialties.clone().into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                        </ul>
                    })}
                </section>
                <section aria-labelledby="facts-title" class="panel">
                    <h2 id="facts-title">"At a glance"</h2>
                    <dl class="facts">
                        <div><dt>"Roles"</dt><dd>{p.roles.join(", ")}</dd></div>
                        <div><dt>"Setting"</dt><dd>{p.setting.clone()}</dd></div>
                        <div><dt>"Region"</dt><dd>{p.region.clone()}</dd></div>
                        <div><dt>"Experience"</dt><dd>{format!("{} years", p.years_experience)}</dd></div>
                        <div><dt>"Meets by"</dt><dd>{modes_text(&p.modes)}</dd></div>
                        <div><dt>"Time offered"</dt><dd>{format!("{} minutes", p.minutes_per_interview)}</dd></div>
                        <div><dt>"After the conversation"</dt><dd>{further}</dd></div>
                    </dl>
                </section>
                <section aria-labelledby="availability-title">
                    <h2 id="availability-title">"Availability"</h2>
                    {if p.availability.is_empty() {
                        view! { <p>"No fixed weekly times; see the note below."</p> }.into_any()
                    } else {
                        view! {
                            <ul>
                                {p.availability.iter().map(|w| view! { <li>{w.describe()}</li> }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                    {(!p.availability_note.is_empty()).then(|| view! { <p>{p.availability_note.clone()}</p> })}
                </section>
            </div>
            <aside class="panel note" aria-labelledby="how-title">
                <h2 id="how-title">"How to reach this volunteer"</h2>
                <p>
                    "Contact details are never shown publicly. When the committee matches a request "
                    "with this volunteer, the requester receives their details by email, with the "
                    <a href="/guidelines">"guidelines"</a>" for the conversation."
                </p>
                <p>
                    "Getting ready? "
                    <a href=format!("/volunteers/{}/practice", p.id)>{format!("Practise the message you would write to {}", p.display_name)}</a>
                    " and pick your questions in the drafting studio."
                </p>
            </aside>
        </div>
    }
}
