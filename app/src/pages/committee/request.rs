//! One request (`/committee/requests/:id`): its details, the ranked suggestions, and the
//! match / undo / close actions.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::due_text;
use crate::api::committee::{
    committee_request, CloseRequest, MatchRequest, RequestDetail, UnmatchRequest,
};
use crate::components::choices::ChoiceList;
use crate::components::loaded::Loaded;
use crate::components::notice::{LatestOutcome, Notice, NoticeKind, Outcome, OutcomeNotice};
use crate::domain::long_date;
use crate::domain::request::{CloseReason, RequestStatus};

const MATCHED: &str = "Matched. Both emails are on their way.";
const CLOSED: &str = "The request is closed; the requester was told (except for spam).";
const UNMATCHED: &str =
    "The match is undone: the request is open again and the volunteer has their contact back.";

#[component]
pub fn RequestDetailPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let match_action = ServerAction::<MatchRequest>::new();
    let unmatch_action = ServerAction::<UnmatchRequest>::new();
    let close_action = ServerAction::<CloseRequest>::new();
    let detail = Resource::new(
        move || {
            (
                key.get(),
                match_action.version().get(),
                unmatch_action.version().get(),
                close_action.version().get(),
            )
        },
        |(key, _, _, _)| committee_request(key),
    );
    // After Match then Undo the page says the match is undone, not still "Matched".
    // Without JavaScript the redirect says what happened in the query string.
    let outcome = LatestOutcome::new()
        .follow(move || match_action.value().get().map(|r| Outcome::of(r, MATCHED)))
        .follow(move || close_action.value().get().map(|r| Outcome::of(r, CLOSED)))
        .follow(move || {
            unmatch_action
                .value()
                .get()
                .map(|r| Outcome::of(r, UNMATCHED))
        })
        .or_else(move || {
            query.with(|q| {
                if q.get("matched").is_some() {
                    Some(Outcome::done(MATCHED))
                } else if q.get("closed").is_some() {
                    Some(Outcome::done(CLOSED))
                } else if q.get("unmatched").is_some() {
                    Some(Outcome::done(UNMATCHED))
                } else {
                    Outcome::from_problem(q.get("problem"))
                }
            })
        });
    view! {
        <Title text="Request" />
        <div class="wrap">
            <p class="breadcrumb"><a href="/committee/requests">"← Request queue"</a></p>
            <OutcomeNotice outcome />
            <Loaded resource=detail loading="Loading the request…" transition=true
                view=move |d| view! { <Detail d match_action unmatch_action close_action /> } />
        </div>
    }
}

#[component]
fn Detail(
    d: RequestDetail,
    match_action: ServerAction<MatchRequest>,
    unmatch_action: ServerAction<UnmatchRequest>,
    close_action: ServerAction<CloseRequest>,
) -> impl IntoView {
    let list = |v: &[String]| {
        if v.is_empty() {
            "—".to_owned()
        } else {
            v.join(", ")
        }
    };
    let due = due_text(d.days_left, d.status);
    let overdue = d.overdue();
    let key = d.key.clone();
    view! {
        <Title text=format!("Request from {}", d.name) />
        <h1>{format!("Request from {}", d.name)}</h1>
        <p class="lead">
            <strong>{d.status.label()}</strong>
            {format!(" · sent {} · due {}", long_date(d.created_on), long_date(d.due_on))}
            {(!due.is_empty()).then(|| view! { " · "<span class=if overdue { "overdue" } else { "" }>{due.clone()}</span> })}
        </p>
        <div class="profile-grid">
            <section aria-labelledby="goal-title">
                <h2 id="goal-title">"Wants to find out"</h2>
                <p class="bio">{d.learning_goal.clone()}</p>
                {(!d.availability.is_empty()).then(|| view! { <p><strong>"Availability: "</strong>{d.availability.clone()}</p> })}
            </section>
            <section class="panel" aria-labelledby="facts-title">
                <h2 id="facts-title">"Requester"</h2>
                <dl class="facts">
                    <div><dt>"Email"</dt><dd>{d.email.clone()}</dd></div>
                    <div><dt>"Background"</dt><dd>{d.background.clone()}</dd></div>
                    <div><dt>"Membership"</dt><dd>{d.membership.clone()}</dd></div>
                    <div><dt>"Roles"</dt><dd>{list(&d.roles)}</dd></div>
                    <div><dt>"Settings"</dt><dd>{list(&d.settings)}</dd></div>
                    <div><dt>"Meeting"</dt><dd>{list(&d.modes)}{if d.remote_ok { " (remote is fine)" } else { " (not remotely)" }}</dd></div>
                    <div><dt>"Times"</dt><dd>{if d.times.is_empty() { "Any".to_owned() } else { d.times.join(", ") }}</dd></div>
                    <div><dt>"Region"</dt><dd>{d.region.clone().unwrap_or_else(|| "—".into())}</dd></div>
                    {d.preferred.clone().map(|(id, name)| view! {
                        <div><dt>"Asked for"</dt><dd><a href=format!("/volunteers/{id}")>{name}</a></dd></div>
                    })}
                    {(!d.declined.is_empty()).then(|| view! {
                        <div><dt>"Declined by"</dt><dd>{d.declined.join(", ")}</dd></div>
                    })}
                </dl>
            </section>
        </div>
        {d.matched.clone().map(|m| {
            let key = key.clone();
            view! {
                <section class="panel" aria-labelledby="matched-title">
                    <h2 id="matched-title">{format!("Matched with {}", m.name)}</h2>
                    {m.matched_on.map(|on| view! { <p>{format!("On {}.", long_date(on))}</p> })}
                    {m.contact.clone().map(|c| view! {
                        <ul class="contact">
                            <li>{format!("Email: {}", c.email)}</li>
                            {c.phone.map(|p| view! { <li>{format!("Phone: {p}")}</li> })}
                            {c.linkedin_url.map(|u| view! { <li>{format!("LinkedIn: {u}")}</li> })}
                        </ul>
                    })}
                    {(d.status == RequestStatus::Matched).then(|| view! {
                        <ActionForm action=unmatch_action attr:class="inline-form">
                            <input type="hidden" name="request" value=key.clone() />
                            <p class="hint">"If the volunteer declines or cannot do it, undo the match: the request goes back to the queue and the volunteer gets the contact back."</p>
                            <button type="submit" class="secondary" disabled=move || unmatch_action.pending().get()>
                                {format!("Undo the match with {}", m.name)}
                            </button>
                        </ActionForm>
                    })}
                </section>
            }
        })}
        {(d.status == RequestStatus::Open).then(move || {
            let key = key.clone();
            view! {
                <section aria-labelledby="suggest-title">
                    <h2 id="suggest-title">"Suggested volunteers"</h2>
                    <p>{format!(
                        "{} volunteer{} could take this request; the best {} are shown, with the points behind each score (out of {}).",
                        d.eligible, if d.eligible == 1 { "" } else { "s" }, d.suggested.len(), d.max_score
                    )}</p>
                    {d.suggested.is_empty().then(|| view! {
                        <Notice kind=NoticeKind::Remark>"Nobody in the pool can take this request right now (see why below)."</Notice>
                    })}
                    <ol class="suggestions">
                        {d.suggested.clone().into_iter().map(|s| {
                            let key = key.clone();
                            let heading = format!("s-{}", s.id);
                            let heading_id = heading.clone();
                            view! {
                                <li class="panel suggestion" aria-labelledby=heading>
                                    <h3 id=heading_id>
                                        <a href=format!("/volunteers/{}", s.id)>{s.name.clone()}</a>
                                        <span class="score">{format!(" — {} points", s.score)}</span>
                                    </h3>
                                    <p>{s.job_title.clone()}</p>
                                    <table class="reasons">
                                        <caption class="visually-hidden">{format!("Why {} scores {}", s.name, s.score)}</caption>
                                        <tbody>
                                            {s.reasons.iter().map(|r| view! {
                                                <tr>
                                                    <th scope="row">{r.factor.label()}</th>
                                                    <td>{r.detail.clone()}</td>
                                                    <td class="num">{format!("{} / {}", r.points, r.max)}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                    <ActionForm action=match_action attr:class="inline-form">
                                        <input type="hidden" name="request" value=key.clone() />
                                        <input type="hidden" name="volunteer" value=s.id.clone() />
                                        <button type="submit" disabled=move || match_action.pending().get()>
                                            {format!("Match with {}", s.name)}
                                        </button>
                                    </ActionForm>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                    {(!d.excluded_counts.is_empty()).then(|| view! {
                        <section aria-labelledby="excluded-title">
                            <h3 id="excluded-title">"Not eligible"</h3>
                            <ul>
                                {d.excluded_counts.clone().into_iter().map(|(why, n)| view! { <li>{format!("{why}: {n}")}</li> }).collect_view()}
                            </ul>
                            {(!d.excluded.is_empty()).then(|| view! {
                                <p>"Who would otherwise have fitted best:"</p>
                                <ul>
                                    {d.excluded.clone().into_iter().map(|e| view! {
                                        <li><a href=format!("/volunteers/{}", e.id)>{e.name.clone()}</a>{format!(" — {}", e.why)}</li>
                                    }).collect_view()}
                                </ul>
                            })}
                        </section>
                    })}
                </section>
                <section class="panel" aria-labelledby="close-title">
                    <h2 id="close-title">"Close without a match"</h2>
                    <ActionForm action=close_action attr:class="inline-form">
                        <input type="hidden" name="request" value=key.clone() />
                        <fieldset class="choices">
                            <legend>"Why close it"</legend>
                            <ChoiceList name="reason" id_prefix="close" radio=true required=true
                                choices=CloseReason::ALL.iter().map(|r| (r.slug().to_owned(), r.label().to_owned())).collect() />
                        </fieldset>
                        <button type="submit" class="secondary" disabled=move || close_action.pending().get()>
                            "Close this request"
                        </button>
                    </ActionForm>
                </section>
            }
        })}
    }
}
