//! The feedback form (`/r/:token/feedback`): how the conversation went, in under a minute.
//! A plain HTML form; with JavaScript, the questions about how it went step aside when it
//! did not take place.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::api::requests::{open_feedback, FeedbackPage, SaveFeedback};
use crate::components::choices::{mode_choices, ChoiceList};
use crate::components::form::{textarea_text, ErrorSummary, Feedback as FormFeedback, FieldError};
use crate::components::loaded::Loaded;
use crate::components::notice::{Notice, NoticeKind};
use crate::domain::feedback::{label, Rating, Useful, COMMENT_MAX};
use crate::domain::{long_date, Problem};
use crate::error::ApiError;

/// Labels to field keys, for the error summary's links.
const FIELDS: &[(&str, &str)] = &[
    (label::HAPPENED, "happened"),
    (label::MODE, "mode"),
    (label::RATING, "rating"),
    (label::USEFUL, "useful"),
    (label::COMMENT, "comment"),
];

#[component]
pub fn FeedbackFormPage() -> impl IntoView {
    let params = use_params_map();
    let token = Memo::new(move |_| params.with(|p| p.get("token").unwrap_or_default()));
    let page = Resource::new(move || token.get(), open_feedback);
    view! {
        <Title text="How did your conversation go?" />
        // The link is the key to this page: never send it to other sites.
        <Meta name="referrer" content="no-referrer" />
        <Meta name="robots" content="noindex" />
        <div class="wrap prose">
            <p class="breadcrumb"><a href=move || format!("/r/{}", token.get())>"← Your request"</a></p>
            <Loaded resource=page loading="Opening the feedback form…" on_error=lost_link
                view=move |page| view! { <FeedbackView page token=token.get_untracked() /> } />
        </div>
    }
}

/// A link that does not open: why, and how to get a new one.
fn lost_link(error: ApiError) -> AnyView {
    view! {
        <h1>"How did your conversation go?"</h1>
        <crate::components::error::ErrorNotice error />
        <p><a href="/request/link">"Get your private link again"</a></p>
    }
    .into_any()
}

#[component]
fn FeedbackView(page: FeedbackPage, token: String) -> impl IntoView {
    let heading = match &page.volunteer_name {
        Some(name) => format!("How did your conversation with {name} go?"),
        None => "How did your conversation go?".to_owned(),
    };
    if !page.open {
        let when = page.opens_on.map(|d| {
            format!(
                "The form opens on {}, or on the day of your conversation if you note it on your request's page.",
                long_date(d)
            )
        });
        return view! {
            <h1>{heading}</h1>
            <Notice kind=NoticeKind::Remark>
                {Problem::FeedbackNotOpen.message()}" "{when}
            </Notice>
            <p><a href=format!("/r/{token}#meeting")>"Note the day of your conversation"</a></p>
        }
        .into_any();
    }
    if page.given && page.editable_until.is_none() {
        return view! {
            <h1>{heading}</h1>
            <Notice kind=NoticeKind::Remark>{Problem::FeedbackFinal.message()}</Notice>
        }
        .into_any();
    }
    let save = ServerAction::<SaveFeedback>::new();
    let FormFeedback {
        errors,
        summary,
        problem,
    } = FormFeedback::follow(page.errors.clone(), None, move || save.value().get());
    let f = page.form.clone();
    // With JavaScript, how it went is asked only when it took place.
    // (Never on the server: without JavaScript every question stays on the page.)
    let happened = RwSignal::new(f.happened.clone());
    let js = RwSignal::new(false);
    Effect::new(move |_| js.set(true));
    let took_place = move || !js.get() || happened.get() != "no";
    let modes = mode_choices();
    let ratings = Rating::all()
        .rev()
        .map(|r| {
            (
                r.value().to_string(),
                format!("{} – {}", r.value(), r.label()),
            )
        })
        .collect();
    let useful = Useful::ALL
        .iter()
        .map(|u| (u.slug().to_owned(), u.label().to_owned()))
        .collect();
    let changing = page.given;
    view! {
        <h1>{heading}</h1>
        <p class="lead">
            "Five quick questions, under a minute. The committee reads your answers to improve the program; "
            "your volunteer sees only a summary of several people's answers, never yours alone."
        </p>
        {page.editable_until.map(|until| view! {
            <p>{format!("You can change your answer until {}.", long_date(until.date_naive()))}</p>
        })}
        <ErrorSummary errors=summary fields=FIELDS />
        {move || problem.get().map(|p| view! { <Notice>{p}</Notice> })}
        <ActionForm action=save attr:class="sectioned-form feedback-form" attr:novalidate=true>
            <input type="hidden" name="token" value=token.clone() />
            <fieldset class="choices" id="f-happened" aria-describedby="e-happened"
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    if value == "yes" || value == "no" {
                        happened.set(value);
                    }
                }>
                <legend>{label::HAPPENED}<span class="required">" (required)"</span></legend>
                <FieldError key="happened" label=label::HAPPENED errors />
                <ChoiceList name="form[happened]" id_prefix="f-happened" radio=true
                    choices=vec![
                        ("yes".to_owned(), "Yes, we talked".to_owned()),
                        ("no".to_owned(), "No, it did not happen".to_owned()),
                    ]
                    checked=vec![f.happened.clone()] />
            </fieldset>
            <div class="when-held" hidden=move || !took_place()>
                <fieldset class="choices" id="f-mode" aria-describedby="e-mode">
                    <legend>{label::MODE}<span class="legend-note">" (if you talked)"</span></legend>
                    <FieldError key="mode" label=label::MODE errors />
                    <ChoiceList name="form[mode]" id_prefix="f-mode" radio=true
                        choices=modes checked=vec![f.mode.clone()] />
                </fieldset>
                <fieldset class="choices" id="f-rating" aria-describedby="e-rating">
                    <legend>{label::RATING}<span class="legend-note">" (if you talked)"</span></legend>
                    <FieldError key="rating" label=label::RATING errors />
                    <ChoiceList name="form[rating]" id_prefix="f-rating" radio=true
                        choices=ratings checked=vec![f.rating.clone()] />
                </fieldset>
                <fieldset class="choices" id="f-useful" aria-describedby="e-useful">
                    <legend>{label::USEFUL}<span class="legend-note">" (optional)"</span></legend>
                    <FieldError key="useful" label=label::USEFUL errors />
                    <ChoiceList name="form[useful]" id_prefix="f-useful" radio=true
                        choices=useful checked=vec![f.useful.clone()] />
                </fieldset>
            </div>
            <div class="field">
                <label for="f-comment">{label::COMMENT}<span class="legend-note">" (optional)"</span></label>
                <p class="hint" id="h-comment">"Read by the committee only. Up to 1,000 characters."</p>
                <FieldError key="comment" label=label::COMMENT errors />
                <textarea id="f-comment" name="form[comment]" rows="4" maxlength=COMMENT_MAX
                    aria-describedby="h-comment e-comment">{textarea_text(f.comment.clone())}</textarea>
            </div>
            <div class="check">
                <input id="f-another" type="checkbox" name="form[another]" value="on"
                    checked=!f.another.is_empty() aria-describedby="h-another" />
                <label for="f-another">{label::ANOTHER}</label>
            </div>
            <p class="hint" id="h-another">"We then open a new request for you, filled in from this one, to check and send."</p>
            <button type="submit" disabled=move || save.pending().get()>
                {if changing { "Save my changes" } else { "Send my feedback" }}
            </button>
        </ActionForm>
    }
    .into_any()
}
