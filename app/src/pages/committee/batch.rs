//! The batch proposal (`/committee/batch`): the best total fit for the whole queue, and
//! its confirmation.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::committee::{propose_batch, BatchProposal, ConfirmBatch};
use crate::components::loaded::Loaded;
use crate::components::notice::{LatestOutcome, Outcome, OutcomeNotice};
use crate::domain::long_date;

#[component]
pub fn BatchPage() -> impl IntoView {
    let query = use_query_map();
    let confirm = ServerAction::<ConfirmBatch>::new();
    let proposal = Resource::new(move || confirm.version().get(), |_| propose_batch());
    let outcome = LatestOutcome::new()
        .follow(move || {
            confirm.value().get().map(|r| match r {
                Ok(o) => {
                    let text = format!(
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
                    );
                    Outcome {
                        ok: o.refused.is_empty(),
                        text,
                    }
                }
                Err(e) => Outcome::failed(e.to_string()),
            })
        })
        .or_else(move || {
            query.with(|q| {
                let matched = q.get("matched")?;
                let refused = q.get("refused").unwrap_or_default();
                let refused = if refused.is_empty() {
                    "0".to_owned()
                } else {
                    refused
                };
                Some(Outcome {
                    ok: refused == "0",
                    text: format!("{matched} matched; {refused} not possible any more."),
                })
            })
        });
    view! {
        <Title text="Batch proposal" />
        <div class="wrap">
            <p class="breadcrumb"><a href="/committee/requests">"← Request queue"</a></p>
            <h1>"Propose matches for the whole queue"</h1>
            <p class="lead">
                "The best total fit for every request waiting, without giving any volunteer more conversations "
                "than they have left. Nothing is matched until you confirm; untick any pair to leave it out."
            </p>
            <OutcomeNotice outcome />
            <Loaded resource=proposal loading="Working out the proposal…" transition=true
                view=move |p| view! { <Batch p confirm /> } />
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
                                    <tr class:overdue=pair.overdue()>
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
