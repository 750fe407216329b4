//! The committee's pages: the request queue, one request with its ranked suggestions and
//! the match / undo actions, and the batch proposal. Plain HTML forms throughout.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::committee::{
    committee_queue, committee_request, propose_batch, BatchProposal, CloseRequest, ConfirmBatch,
    MatchRequest, QueueData, QueueQuery, RequestDetail, UnmatchRequest, STATUS_CHOICES,
};
use crate::domain::long_date;
use crate::domain::request::{CloseReason, RequestStatus};
use crate::error::ApiError;
use crate::pages::account::Refused;

fn due_text(days_left: i64, status: RequestStatus) -> String {
    if status != RequestStatus::Open {
        return String::new();
    }
    match days_left {
        d if d < 0 => format!("Overdue by {} day{}", -d, if d == -1 { "" } else { "s" }),
        0 => "Due today".into(),
        1 => "Due tomorrow".into(),
        d => format!("{d} days left"),
    }
}

#[component]
pub fn QueuePageView() -> impl IntoView {
    let query = use_query_map();
    let q = Memo::new(move |_| {
        query.with(|m| QueueQuery {
            status: m.get("status").unwrap_or_default(),
            role: m.get("role").unwrap_or_default(),
            region: m.get("region").unwrap_or_default(),
            page: m.get("page").unwrap_or_default(),
        })
    });
    let page = Resource::new(move || q.get(), committee_queue);
    view! {
        <Title text="Request queue" />
        <div class="wrap">
            <h1>"Request queue"</h1>
            <Transition fallback=|| view! { <p class="loading">"Loading the queue…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! { <Queue page /> }.into_any(),
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Queue(page: QueueData) -> impl IntoView {
    let q = page.query.clone();
    let prev = (page.page > 1).then(|| q.href(page.page - 1));
    let next = (page.page < page.pages).then(|| q.href(page.page + 1));
    view! {
        <p class="lead">
            {format!("{} waiting for a match", page.open)}
            {(page.overdue > 0).then(|| view! { <strong class="overdue">{format!(", {} overdue", page.overdue)}</strong> })}
            ". Oldest deadline first. "
            <a href="/committee/batch">"Propose matches for the whole queue"</a>
        </p>
        {page.notices.iter().map(|n| view! { <p class="notice" role="status">{n.clone()}</p> }).collect_view()}
        <Form method="GET" action="/committee/requests" attr:class="filters inline-filters">
            <div class="field">
                <label for="q-status">"Status"</label>
                <select id="q-status" name="status">
                    {STATUS_CHOICES.iter().map(|(v, l)| view! {
                        <option value=*v selected=q.status == *v>{*l}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="q-role">"Role asked about"</label>
                <select id="q-role" name="role">
                    <option value="" selected=q.role.is_empty()>"Any"</option>
                    {page.vocab.roles.iter().map(|t| view! {
                        <option value=t.slug.to_string() selected=q.role == t.slug.as_str()>{t.label.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="q-region">"Region"</label>
                <select id="q-region" name="region">
                    <option value="" selected=q.region.is_empty()>"Any"</option>
                    {page.vocab.regions.iter().map(|t| view! {
                        <option value=t.slug.to_string() selected=q.region == t.slug.as_str()>{t.label.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
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
        {(page.pages > 1).then(|| view! {
            <nav class="pagination" aria-label="Queue pages">
                {prev.map(|h| view! { <a href=h rel="prev">"← Previous page"</a> })}
                <span aria-current="page">{format!("Page {} of {}", page.page, page.pages)}</span>
                {next.map(|h| view! { <a href=h rel="next">"Next page →"</a> })}
            </nav>
        })}
    }
}

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
    const CLOSED: &str = "The request is closed; the requester was told (except for spam).";
    let notice = move || {
        query.with(|q| {
            if q.get("matched").is_some() {
                Some((true, "Matched. Both emails are on their way.".to_owned()))
            } else if q.get("closed").is_some() {
                Some((true, CLOSED.to_owned()))
            } else if q.get("unmatched").is_some() {
                Some((true, "The match is undone: the request is open again and the volunteer has their contact back.".to_owned()))
            } else {
                ApiError::message_for(q.get("problem")).map(|t| (false, t))
            }
        })
    };
    // The outcome of the latest action only: after Match then Undo, the page must say the
    // match is undone, not still "Matched" (each action keeps its last value). Each effect
    // runs when its own action's value changes, so the last to run is the latest action.
    let latest = RwSignal::new(None::<(bool, String)>);
    let follow = move |value: Option<Result<(), ApiError>>, done: &'static str| {
        if let Some(r) = value {
            latest.set(Some(match r {
                Ok(()) => (true, done.to_owned()),
                Err(e) => (false, e.to_string()),
            }));
        }
    };
    const MATCHED: &str = "Matched. Both emails are on their way.";
    const UNMATCHED: &str =
        "The match is undone: the request is open again and the volunteer has their contact back.";
    Effect::new(move |_| follow(match_action.value().get(), MATCHED));
    Effect::new(move |_| follow(close_action.value().get(), CLOSED));
    Effect::new(move |_| follow(unmatch_action.value().get(), UNMATCHED));
    let action_notice = move || latest.get().or_else(notice);
    view! {
        <Title text="Request" />
        <div class="wrap">
            <p class="breadcrumb"><a href="/committee/requests">"← Request queue"</a></p>
            {move || action_notice().map(|(ok, text)| view! {
                <p class=if ok { "notice success" } else { "notice" } role=if ok { "status" } else { "alert" }>{text}</p>
            })}
            <Transition fallback=|| view! { <p class="loading">"Loading the request…"</p> }>
                {move || Suspend::new(async move {
                    match detail.await {
                        Ok(d) => view! { <Detail d match_action unmatch_action close_action /> }.into_any(),
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })}
            </Transition>
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
    let overdue = d.status == RequestStatus::Open && d.days_left < 0;
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
                        <p class="notice">"Nobody in the pool can take this request right now (see why below)."</p>
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
                            <ul class="check-list">
                                {CloseReason::ALL.iter().map(|r| {
                                    let id = format!("close-{}", r.slug());
                                    view! {
                                        <li class="check">
                                            <input id=id.clone() type="radio" name="reason" value=r.slug() required=true />
                                            <label for=id>{r.label()}</label>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
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

#[component]
pub fn BatchPage() -> impl IntoView {
    let query = use_query_map();
    let confirm = ServerAction::<ConfirmBatch>::new();
    let proposal = Resource::new(move || confirm.version().get(), |_| propose_batch());
    let done = move || {
        if let Some(r) = confirm.value().get() {
            return Some(match r {
                Ok(o) => (
                    o.refused.is_empty(),
                    format!(
                        "{} matched{}.",
                        o.matched,
                        if o.refused.is_empty() {
                            String::new()
                        } else {
                            format!(
                                "; {} not possible any more: {}",
                                o.refused.len(),
                                o.refused.join("; ")
                            )
                        }
                    ),
                ),
                Err(e) => (false, e.to_string()),
            });
        }
        query.with(|q| {
            let matched = q.get("matched")?;
            let refused = q.get("refused").unwrap_or_default();
            Some((
                refused == "0" || refused.is_empty(),
                format!(
                    "{matched} matched; {} not possible any more.",
                    if refused.is_empty() {
                        "0".into()
                    } else {
                        refused
                    }
                ),
            ))
        })
    };
    view! {
        <Title text="Batch proposal" />
        <div class="wrap">
            <p class="breadcrumb"><a href="/committee/requests">"← Request queue"</a></p>
            <h1>"Propose matches for the whole queue"</h1>
            <p class="lead">
                "The best total fit for every request waiting, without giving any volunteer more conversations "
                "than they have left. Nothing is matched until you confirm; untick any pair to leave it out."
            </p>
            {move || done().map(|(ok, text)| view! {
                <p class=if ok { "notice success" } else { "notice" } role=if ok { "status" } else { "alert" }>{text}</p>
            })}
            <Transition fallback=|| view! { <p class="loading">"Working out the proposal…"</p> }>
                {move || Suspend::new(async move {
                    match proposal.await {
                        Ok(p) => view! { <Batch p confirm /> }.into_any(),
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Batch(p: BatchProposal, confirm: ServerAction<ConfirmBatch>) -> impl IntoView {
    if p.open == 0 {
        return view! { <p class="empty">"No request is waiting for a match."</p> }.into_any();
    }
    view! {
        <p>{format!(
            "{} of {} waiting requests can be matched now (total score {}, worked out in {} ms).",
            p.pairs.len(), p.open, p.total_score, p.millis
        )}</p>
        {(!p.pairs.is_empty()).then(|| view! {
            <ActionForm action=confirm attr:class="batch-form">
                <div class="table-wrap">
                    <table class="data">
                        <caption class="visually-hidden">"Proposed pairs"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Confirm"</th>
                                <th scope="col">"Requester"</th>
                                <th scope="col">"Wants to find out"</th>
                                <th scope="col">"Volunteer"</th>
                                <th scope="col">"Score"</th>
                                <th scope="col">"Due"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {p.pairs.iter().enumerate().map(|(i, pair)| {
                                let id = format!("pair-{i}");
                                view! {
                                    <tr class:overdue=pair.days_left < 0>
                                        <td>
                                            <input id=id.clone() type="checkbox" name="pairs[]" value=pair.value() checked=true />
                                            <label for=id class="visually-hidden">{format!("Match {} with {}", pair.requester, pair.volunteer_name)}</label>
                                        </td>
                                        <th scope="row"><a href=format!("/committee/requests/{}", pair.request)>{pair.requester.clone()}</a></th>
                                        <td>{pair.goal.clone()}</td>
                                        <td><a href=format!("/volunteers/{}", pair.volunteer)>{pair.volunteer_name.clone()}</a><br /><span class="hint">{pair.job_title.clone()}</span></td>
                                        <td class="num">{pair.score}</td>
                                        <td>{long_date(pair.due_on)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <p class="actions">
                    <button type="submit" disabled=move || confirm.pending().get()>"Confirm the ticked matches"</button>
                </p>
            </ActionForm>
        })}
        {(!p.unmatched.is_empty()).then(|| view! {
            <section aria-labelledby="left-title">
                <h2 id="left-title">"No volunteer available"</h2>
                <ul>
                    {p.unmatched.iter().map(|(key, name)| view! {
                        <li><a href=format!("/committee/requests/{key}")>{name.clone()}</a></li>
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
    .into_any()
}
