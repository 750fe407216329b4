//! The request queue (`/committee/requests`): every request, filtered, oldest deadline first.

use leptos::prelude::*;
use leptos::Params;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query;
use leptos_router::params::Params;

use super::due_text;
use crate::api::committee::{committee_queue, QueueData, QueueQuery, STATUS_CHOICES};
use crate::components::choices::{term_choices, TermSelect};
use crate::components::loaded::Loaded;
use crate::components::notice::{Notice, NoticeKind};
use crate::components::pagination::Pagination;
use crate::domain::long_date;

/// The queue's query string, as given (bad values are the server's to judge).
#[derive(Params, Clone, Debug, Default, PartialEq)]
struct QueueParams {
    status: Option<String>,
    role: Option<String>,
    region: Option<String>,
    page: Option<String>,
}

impl From<QueueParams> for QueueQuery {
    fn from(p: QueueParams) -> Self {
        Self {
            status: p.status.unwrap_or_default(),
            role: p.role.unwrap_or_default(),
            region: p.region.unwrap_or_default(),
            page: p.page.unwrap_or_default(),
        }
    }
}

#[component]
pub fn QueuePage() -> impl IntoView {
    let params = use_query::<QueueParams>();
    let q = Memo::new(move |_| QueueQuery::from(params.get().unwrap_or_default()));
    let page = Resource::new(move || q.get(), committee_queue);
    view! {
        <Title text="Request queue" />
        <div class="wrap">
            <h1>"Request queue"</h1>
            <Loaded resource=page loading="Loading the queue…" transition=true view=|page| view! { <Queue page /> } />
        </div>
    }
}

#[component]
fn Queue(page: QueueData) -> impl IntoView {
    let q = page.query.clone();
    let link = page.query.clone();
    let status_any = STATUS_CHOICES
        .iter()
        .find(|(v, _)| v.is_empty())
        .map_or("Waiting for a match", |(_, l)| *l);
    let statuses = STATUS_CHOICES
        .iter()
        .filter(|(v, _)| !v.is_empty())
        .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
        .collect();
    view! {
        <p class="lead">
            {format!("{} waiting for a match", page.open)}
            {(page.overdue > 0).then(|| view! { <strong class="overdue">{format!(", {} overdue", page.overdue)}</strong> })}
            ". Oldest deadline first. "
            <a href="/committee/batch">"Propose matches for the whole queue"</a>
        </p>
        {page.notices.into_iter().map(|n| view! { <Notice kind=NoticeKind::Info>{n}</Notice> }).collect_view()}
        <Form method="GET" action="/committee/requests" attr:class="filters inline-filters">
            <TermSelect id="q-status" name="status" label="Status" empty=status_any choices=statuses selected=q.status.clone() />
            <TermSelect id="q-role" name="role" label="Role asked about" empty="Any" choices=term_choices(&page.vocab.roles) selected=q.role.clone() />
            <TermSelect id="q-region" name="region" label="Region" empty="Any" choices=term_choices(&page.vocab.regions) selected=q.region.clone() />
            <button type="submit">"Show"</button>
        </Form>
        {if page.items.is_empty() {
            view! { <p class="empty">"No requests match these filters."</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="data queue">
                        <caption class="visually-hidden">"Requests, oldest deadline first"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Requester"</th>
                                <th scope="col">"Wants to find out"</th>
                                <th scope="col">"Roles · region"</th>
                                <th scope="col">"Due"</th>
                                <th scope="col">"Status"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {page.items.into_iter().map(|r| {
                                let overdue = r.overdue();
                                let due = due_text(r.days_left, r.status);
                                let mut facets = r.roles.join(", ");
                                if let Some(region) = &r.region {
                                    if !facets.is_empty() { facets.push_str(" · "); }
                                    facets.push_str(region);
                                }
                                view! {
                                    <tr class:overdue=overdue>
                                        <th scope="row"><a href=format!("/committee/requests/{}", r.key)>{r.name.clone()}</a></th>
                                        <td>{r.goal.clone()}
                                            {r.preferred.clone().map(|p| view! { <br /><span class="hint">{format!("Asked for {p}")}</span> })}
                                        </td>
                                        <td>{if facets.is_empty() { "—".to_owned() } else { facets }}</td>
                                        <td>
                                            {long_date(r.due_on)}
                                            {(!due.is_empty()).then(|| view! { <br /><span class=if overdue { "overdue" } else { "hint" }>{due.clone()}</span> })}
                                        </td>
                                        <td>{r.status.label()}{r.volunteer.clone().map(|v| format!(" with {v}"))}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <Pagination label="Queue pages" page=page.page pages=page.pages href=move |n| link.href(n) />
    }
}
