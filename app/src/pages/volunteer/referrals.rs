//! The volunteer's referrals (`/me/referrals`): who the committee sent to them, and their
//! marks afterwards.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::volunteer::{
    list_my_referrals, DeclineReferral, MarkReferral, MyReferrals, ReferralView,
};
use crate::components::choices::ChoiceList;
use crate::components::form::textarea_text;
use crate::components::loaded::Loaded;
use crate::components::notice::{LatestOutcome, Outcome, OutcomeNotice};
use crate::domain::feedback::{FeedbackSummary, Rating, MIN_ANSWERS_SHOWN};
use crate::domain::long_date;
use crate::domain::request::{ReferralOutcome, RequestStatus, MARK_NOTE_LABEL, MARK_NOTE_MAX};

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
    let summary = r.feedback.clone();
    view! {
        <FeedbackAboutYou summary />
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
                        let heading = format!("ref-{}", x.key);
                        let heading_id = heading.clone();
                        let first = x.first_name.clone();
                        let can_decline = x.status == RequestStatus::Matched && x.mark.is_none();
                        view! {
                            <li class="panel" aria-labelledby=heading>
                                <h2 id=heading_id>{format!("{}, referred on {}", x.first_name, long_date(x.matched_on))}</h2>
                                <p><strong>"Would like to find out: "</strong>{x.learning_goal.clone()}</p>
                                <p class="status-line">{x.status.label()}</p>
                                {x.mark.map(|m| view! {
                                    <p><strong>"Your mark: "</strong>{m.label(&first)}</p>
                                })}
                                {(!x.note.is_empty()).then(|| view! {
                                    <p><strong>"Your comment: "</strong>{x.note.clone()}</p>
                                })}
                                {x.can_mark.then(|| view! { <MarkForm x=x.clone() mark /> })}
                                {can_decline.then(|| {
                                    let key = x.key.clone();
                                    view! {
                                        <details class="decline">
                                            <summary>{format!("I cannot talk with {first} after all")}</summary>
                                            <ActionForm action=decline>
                                                <input type="hidden" name="request" value=key />
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

/// How a referral went: the volunteer's mark (three choices) and an optional comment; a
/// mark can be changed for a while after it is made.
#[component]
fn MarkForm(x: ReferralView, mark: ServerAction<MarkReferral>) -> impl IntoView {
    let prefix = format!("m-{}", x.key);
    let choices = ReferralOutcome::ALL
        .iter()
        .map(|o| (o.slug().to_owned(), o.label(&x.first_name)))
        .collect();
    let checked = x
        .mark
        .map(|m| vec![m.slug().to_owned()])
        .unwrap_or_default();
    let legend_id = format!("{prefix}-legend");
    let note_id = format!("{prefix}-note");
    let hint = match x.changeable_until {
        Some(until) => format!(
            "You can change your mark until {}.",
            until.format("%-d %B %Y, %H:%M UTC")
        ),
        None => "You can change your mark for a day after you make it.".to_owned(),
    };
    let button = if x.mark.is_some() {
        "Change my mark"
    } else {
        "Save my mark"
    };
    view! {
        <ActionForm action=mark attr:class="mark-form">
            <input type="hidden" name="request" value=x.key.clone() />
            <fieldset class="choices" aria-describedby=format!("{prefix}-hint")>
                <legend id=legend_id>{format!("How did it go with {}?", x.first_name)}</legend>
                <ChoiceList name="outcome" id_prefix=prefix.clone() radio=true required=true choices checked />
            </fieldset>
            <div class="field">
                <label for=note_id.clone()>{MARK_NOTE_LABEL}</label>
                <textarea id=note_id name="note" rows="2" maxlength=MARK_NOTE_MAX>{textarea_text(x.note.clone())}</textarea>
            </div>
            <p class="hint" id=format!("{prefix}-hint")>{hint}</p>
            <button type="submit" disabled=move || mark.pending().get()>{button}</button>
        </ActionForm>
    }
}

/// What requesters said about their conversations with this volunteer, in aggregate, or
/// when it will appear.
#[component]
fn FeedbackAboutYou(summary: Option<FeedbackSummary>) -> impl IntoView {
    let Some(s) = summary else {
        return view! {
            <p class="hint">{format!(
                "What requesters say about their conversations with you appears here once at least {MIN_ANSWERS_SHOWN} of them have answered, as a summary, so that no one answer can be told apart."
            )}</p>
        }
        .into_any();
    };
    let rated: u32 = s.ratings.iter().sum();
    view! {
        <section class="panel feedback-summary" aria-labelledby="fb-title">
            <h2 id="fb-title">"What requesters say"</h2>
            <p>{format!(
                "{} people answered; {} of them had their conversation with you.",
                s.answers, s.happened
            )}</p>
            {s.average_text().map(|a| view! {
                <p><strong>{format!("Average rating: {a} out of 5")}</strong>{format!(" ({rated} ratings)")}</p>
            })}
            <table>
                <caption class="visually-hidden">"Ratings given"</caption>
                <thead><tr><th scope="col">"Rating"</th><th scope="col">"People"</th></tr></thead>
                <tbody>
                    {Rating::all().rev().map(|r| view! {
                        <tr>
                            <th scope="row">{format!("{} – {}", r.value(), r.label())}</th>
                            <td>{s.ratings[usize::from(r.value() - 1)]}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(!s.useful.is_empty()).then(|| view! {
                <h3>"What they found most useful"</h3>
                <ul>
                    {s.useful.iter().map(|(u, n)| view! { <li>{format!("{} ({n})", u.label())}</li> }).collect_view()}
                </ul>
            })}
        </section>
    }
    .into_any()
}
