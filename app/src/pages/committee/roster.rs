//! The volunteer roster (`/committee/volunteers`): every volunteer, where they stand with
//! the pool, and how to reach them.

use leptos::prelude::*;
use leptos::Params;
use leptos_meta::Title;
use leptos_router::hooks::use_query;
use leptos_router::params::Params;

use crate::api::committee::{volunteer_roster, RosterData};
use crate::components::loaded::Loaded;
use crate::components::pagination::Pagination;
use crate::domain::{long_date, PoolStatus, MIN_YEARS_TO_LIST};

/// The roster's query string. A page that is not a number is page 1.
#[derive(Params, Clone, Debug, Default, PartialEq)]
struct RosterParams {
    page: Option<u32>,
}

/// Where a volunteer stands, in the committee's words: the same as the reasons the
/// request page gives for a volunteer who cannot be suggested (`Exclusion::label`).
/// Requesters (`domain::status_text`) and the volunteer themselves (their page) are told
/// in their own words.
fn status_label(s: PoolStatus) -> String {
    match s {
        PoolStatus::Available { contacts_left } => format!("In the pool ({contacts_left} left)"),
        PoolStatus::Paused { until } => format!("Away until {}", long_date(until)),
        PoolStatus::AtCapacity => "No contacts left".into(),
        PoolStatus::TooLittleExperience => {
            format!("Under {MIN_YEARS_TO_LIST} years of experience")
        }
        PoolStatus::NotListed => "Not listed".into(),
    }
}

#[component]
pub fn RosterPage() -> impl IntoView {
    let query = use_query::<RosterParams>();
    let page = Memo::new(move |_| query.get().ok().and_then(|q| q.page).unwrap_or(1));
    let roster = Resource::new(move || page.get(), volunteer_roster);
    view! {
        <Title text="Volunteer roster" />
        <div class="wrap">
            <h1>"Volunteer roster"</h1>
            <p class="lead">"Every volunteer, where they stand with the pool, and how to reach them."</p>
            <Loaded resource=roster loading="Loading the roster…" transition=true view=|r| view! { <Roster r /> } />
        </div>
    }
}

#[component]
fn Roster(r: RosterData) -> impl IntoView {
    let page = r.page as usize;
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
        <Pagination label="Roster pages" page has_next=r.has_next
            href=|n| format!("/committee/volunteers?page={n}") />
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::matching::Exclusion;

    /// The committee reads a volunteer's standing on the roster and on a request's "Not
    /// eligible" list: the same words in both places.
    #[test]
    fn the_roster_says_what_the_request_page_says() {
        let until = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date");
        let pairs = [
            (PoolStatus::Paused { until }, Exclusion::Paused { until }),
            (PoolStatus::AtCapacity, Exclusion::AtCapacity),
            (
                PoolStatus::TooLittleExperience,
                Exclusion::TooLittleExperience,
            ),
            (PoolStatus::NotListed, Exclusion::NotListed),
        ];
        for (status, exclusion) in pairs {
            assert_eq!(status_label(status), exclusion.label());
        }
        assert_eq!(
            status_label(PoolStatus::Available { contacts_left: 2 }),
            "In the pool (2 left)"
        );
    }
}
