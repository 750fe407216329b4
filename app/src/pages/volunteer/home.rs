//! The volunteer's own page (`/me`): where their profile stands, and their links.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::volunteer::{my_volunteer, VolunteerHome};
use crate::components::loaded::Loaded;
use crate::components::notice::{Notice, NoticeKind};
use crate::domain::{PoolStatus, Role};

/// Where the profile stands, in the volunteer's words (the committee's roster and the
/// public profile say it in their own).
fn standing(home: &VolunteerHome) -> (bool, String) {
    match home.status {
        Some(PoolStatus::Available { contacts_left }) => (
            true,
            format!(
                "Your profile is in the pool: requesters can find you, and the committee can match you. \
                 {contacts_left} of your {} contacts left.",
                home.max_contacts
            ),
        ),
        Some(PoolStatus::Paused { until }) => (
            false,
            format!(
                "You are away until {}: your profile is out of the pool until then, and comes back by itself on that day.",
                crate::domain::long_date(until)
            ),
        ),
        Some(PoolStatus::AtCapacity) => (
            false,
            format!(
                "You have been contacted {} times, the maximum you set ({}). Your profile left the pool \
                 automatically; raise your maximum to take more requests.",
                home.contacts_used, home.max_contacts
            ),
        ),
        Some(PoolStatus::TooLittleExperience) => (
            false,
            "Volunteers need at least 3 years of experience to be listed. Your profile is saved but not listed.".into(),
        ),
        Some(PoolStatus::NotListed) => (false, "Your profile is not listed.".into()),
        None => (false, "You have no volunteer profile yet.".into()),
    }
}

#[component]
pub fn MePage() -> impl IntoView {
    let query = use_query_map();
    let saved = move || query.with(|q| q.get("saved")).is_some();
    let home = Resource::new(|| (), |_| my_volunteer(false));
    view! {
        <Title text="Your page" />
        <div class="wrap prose">
            <Loaded resource=home loading="Loading your page…" view=move |home| view! { <MeView home saved=saved() /> } />
        </div>
    }
}

#[component]
fn MeView(home: VolunteerHome, saved: bool) -> impl IntoView {
    let (in_pool, text) = standing(&home);
    let committee = home.viewer.is_committee();
    let admin = home.viewer.has(Role::Admin);
    let has_profile = home.profile_id.is_some();
    let public_link = home
        .profile_id
        .clone()
        .filter(|_| !matches!(home.status, Some(PoolStatus::TooLittleExperience)));
    view! {
        <h1>{format!("Hello, {}", home.viewer.name)}</h1>
        {saved.then(|| view! { <Notice kind=NoticeKind::Success>"Your profile is saved."</Notice> })}
        <section aria-labelledby="profile-title" class="panel">
            <h2 id="profile-title">"Your volunteer profile"</h2>
            <p class=if in_pool { "status available" } else { "status unavailable" }>
                {if in_pool { "In the pool" } else if has_profile { "Not in the pool" } else { "No profile yet" }}
            </p>
            <p>{text}</p>
            {has_profile.then(|| view! {
                <p>
                    {format!("Contacts used: {} of {}. ", home.contacts_used, home.max_contacts)}
                    <a href="/me/referrals">"Your referrals"</a>
                </p>
            })}
            <p class="actions">
                <a class="button" href="/me/profile">
                    {if has_profile { "Edit your profile" } else { "Create your volunteer profile" }}
                </a>
                {public_link.map(|id| view! {
                    <a class="button secondary" href=format!("/volunteers/{id}")>"See your public profile"</a>
                })}
            </p>
            {(!has_profile).then(|| view! {
                <p class="hint">
                    "Volunteers are library and information professionals with at least 3 years of experience "
                    "who offer one short conversation to people curious about the field. "
                    <a href="/guidelines">"Read the guidelines"</a>"."
                </p>
            })}
        </section>
        {(committee || admin).then(|| view! {
            <section aria-labelledby="work-title">
                <h2 id="work-title">"Program work"</h2>
                <ul>
                    {committee.then(|| view! { <li><a href="/committee/requests">"Request queue"</a></li> })}
                    {committee.then(|| view! { <li><a href="/committee/batch">"Batch proposal"</a></li> })}
                    {committee.then(|| view! { <li><a href="/committee/volunteers">"Volunteer roster"</a></li> })}
                    {admin.then(|| view! { <li><a href="/admin/people">"People and roles"</a></li> })}
                </ul>
            </section>
        })}
        {has_profile.then(|| view! {
            <section aria-labelledby="leave-title">
                <h2 id="leave-title">"Leaving the program"</h2>
                <p>
                    "You can leave at any time: your profile and contact details are deleted. "
                    <a href="/me/leave">"Leave the program"</a>
                </p>
            </section>
        })}
    }
}
