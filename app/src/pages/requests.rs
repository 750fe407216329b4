//! The requester's pages: the request form, its confirmation, and the private status page
//! (with the volunteer's contact details once matched). All work as plain HTML forms.

mod feedback;

use chrono::NaiveDate;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_matched, use_params_map, use_query_map};
use leptos_router::{lazy_route, LazyRoute};

use crate::api::requests::{
    new_request_form, request_status_page, FeedbackGiven, RequestFormPage, RequestStatusView,
    ResendLinks, SetMeetingDay, SubmitRequest, WithdrawRequest, MEETING_ON_LABEL,
};
use crate::components::choices::{
    form_choice_name, mode_choices, term_choices, ChoiceList, TermSelect,
};
use crate::components::error::ErrorNotice;
use crate::components::form::{ErrorSummary, Feedback, FieldError, TextField};
use crate::components::loaded::{error_notice, Loaded};
use crate::components::notice::{LatestOutcome, Notice, NoticeKind, Outcome, OutcomeNotice};
use crate::domain::long_date;
use crate::domain::request::{
    check_field as check, label, Background, Membership, RequestStatus, TimeSlot,
};
use crate::error::ApiError;

/// The requester's pages (`/request…`, `/r/:token`), as one lazy route: their code is split
/// out of the main bundle (`cargo leptos build --split`) into one chunk, so browsing the
/// directory does not load the request form. The page is chosen by the matched path.
pub struct RequestRoute;

#[lazy_route]
impl LazyRoute for RequestRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <RequestPages /> }.into_any()
    }
}

/// Which of the requester's pages a path is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RequesterPage {
    Form,
    Sent,
    Link,
    Status,
    Feedback,
}

impl RequesterPage {
    /// The page for a path the router matched to [`RequestRoute`].
    fn for_path(path: &str) -> Self {
        match path.trim_end_matches('/') {
            "/request/sent" => Self::Sent,
            "/request/link" => Self::Link,
            p if p.starts_with("/r/") && p.ends_with("/feedback") => Self::Feedback,
            p if p.starts_with("/r/") => Self::Status,
            _ => Self::Form,
        }
    }
}

#[component]
fn RequestPages() -> impl IntoView {
    match RequesterPage::for_path(&use_matched().get_untracked()) {
        RequesterPage::Form => view! { <RequestPage /> }.into_any(),
        RequesterPage::Sent => view! { <RequestSentPage /> }.into_any(),
        RequesterPage::Link => view! { <LinkPage /> }.into_any(),
        RequesterPage::Status => view! { <StatusPage /> }.into_any(),
        RequesterPage::Feedback => view! { <feedback::FeedbackFormPage /> }.into_any(),
    }
}

/// Labels to field keys, for the error summary's links.
const FIELDS: &[(&str, &str)] = &[
    (label::NAME, "name"),
    (label::EMAIL, "email"),
    (label::MEMBERSHIP, "membership"),
    (label::BACKGROUND, "background"),
    (label::GOAL, "learning_goal"),
    (label::ROLES, "roles"),
    (label::SETTINGS, "settings"),
    (label::MODES, "modes"),
    (label::TIMES, "times"),
    (label::REGION, "region"),
    (label::PREFERRED, "preferred_volunteer"),
    (label::AVAILABILITY, "availability"),
    (label::CONSENT, "consent"),
];

#[component]
fn RequestPage() -> impl IntoView {
    let query = use_query_map();
    // Tracked: "Let the committee choose instead" links to the same page without the
    // volunteer, and the form must follow.
    let page = Resource::new(move || query.with(|q| q.get("volunteer")), new_request_form);
    let limited = move || query.with(|q| q.get("problem").as_deref() == Some("limit"));
    let again = move || query.with(|q| q.get("again").is_some());
    view! {
        <Title text="Ask for a conversation" />
        <div class="wrap">
            <Show when=limited>
                <Notice>{ApiError::RateLimited.to_string()}</Notice>
            </Show>
            <Show when=again>
                <Notice kind=NoticeKind::Success>
                    "Thank you for your feedback. Here is a new request, filled in from your last one: "
                    "change what you would like to find out this time, agree to the guidelines, and send it."
                </Notice>
            </Show>
            <Loaded resource=page loading="Loading the form…" on_error=error_notice
                view=|page| view! { <RequestFormView page /> } />
        </div>
    }
}

#[component]
fn RequestFormView(page: RequestFormPage) -> impl IntoView {
    let submit = ServerAction::<SubmitRequest>::new();
    let Feedback {
        errors,
        summary,
        problem,
    } = Feedback::follow(page.errors.clone(), page.problem.clone(), move || {
        submit.value().get()
    });
    let f = page.form.clone();
    let vocab = page.vocab.clone();
    let memberships = Membership::ALL
        .iter()
        .map(|m| (m.slug().to_owned(), m.label().to_owned()))
        .collect();
    let backgrounds = Background::ALL
        .iter()
        .map(|b| (b.slug().to_owned(), b.label().to_owned()))
        .collect();
    let times = TimeSlot::ALL
        .iter()
        .map(|t| (t.slug().to_owned(), t.label().to_owned()))
        .collect();
    view! {
        <div class="prose">
            <h1>"Ask for a conversation"</h1>
            <p class="lead">
                "Tell us what you would like to find out. Within "
                {page.deadline_days}
                " days the committee sends you the contact details of the volunteer who fits best. "
                "It is free, and open to everyone with an email address."
            </p>
            <p>
                "An informational interview is not a job interview and not a résumé review: you come with "
                "questions about the work, and give notice if you must reschedule. "
                <a href="/guidelines">"Read the guidelines"</a>"."
            </p>
        </div>
        <ErrorSummary errors=summary fields=FIELDS />
        {move || problem.get().map(|p| view! { <Notice>{p}</Notice> })}
        <ActionForm action=submit attr:class="sectioned-form request-form" attr:novalidate=true>
            // People never see this field; robots fill it in.
            <div class="hp" aria-hidden="true">
                <label for="f-website">"Leave this empty"</label>
                <input id="f-website" type="text" name="form[website]" tabindex="-1" autocomplete="off" value=f.website.clone() />
            </div>
            <input type="hidden" name="form[preferred_volunteer]" value=f.preferred_volunteer.clone() />
            {page.preferred.clone().map(|p| view! {
                <div class="panel preferred" id="f-preferred_volunteer" tabindex="-1">
                    <p>
                        "You are asking to talk with "<strong>{p.name.clone()}</strong>", "{p.job_title.clone()}". "
                        "The committee will try to match you with them."
                    </p>
                    {(!p.available).then(|| view! { <p class="status unavailable">{p.status_text.clone()}</p> })}
                    <FieldError key="preferred_volunteer" label=label::PREFERRED errors />
                    <p><a href="/request">"Let the committee choose instead"</a></p>
                </div>
            })}
            <fieldset>
                <legend>"About you"</legend>
                <TextField key="name" label=label::NAME value=f.name.clone() errors check
                    required=true autocomplete="name" />
                <TextField key="email" label=label::EMAIL value=f.email.clone() errors check
                    kind="email" required=true autocomplete="email"
                    hint="We send your private link here, and later the volunteer's contact details." />
                <fieldset class="choices" id="f-membership" aria-describedby="e-membership">
                    <legend>{label::MEMBERSHIP}<span class="required">" (required)"</span></legend>
                    <FieldError key="membership" label=label::MEMBERSHIP errors />
                    <ChoiceList name=form_choice_name("membership", true) id_prefix="f-membership" radio=true
                        choices=memberships checked=vec![f.membership.clone()] />
                </fieldset>
                <fieldset class="choices" id="f-background" aria-describedby="e-background">
                    <legend>{label::BACKGROUND}<span class="required">" (required)"</span></legend>
                    <FieldError key="background" label=label::BACKGROUND errors />
                    <ChoiceList name=form_choice_name("background", true) id_prefix="f-background" radio=true
                        choices=backgrounds checked=vec![f.background.clone()] />
                </fieldset>
            </fieldset>
            <fieldset>
                <legend>"What you want to find out"</legend>
                <TextField key="learning_goal" label=label::GOAL value=f.learning_goal.clone() errors
                    check textarea=true required=true
                    hint="For example: \"What does a records manager do day to day, and how did you get into it?\" At least 20 characters, up to 1,500." />
                <fieldset class="choices" id="f-roles" aria-describedby="h-roles">
                    <legend>{label::ROLES}</legend>
                    <p class="hint" id="h-roles">"Optional: pick any that interest you."</p>
                    <FieldError key="roles" label=label::ROLES errors />
                    <ChoiceList name=form_choice_name("roles", false) id_prefix="f-roles" columns=true
                        choices=term_choices(&vocab.roles) checked=f.roles.clone() />
                </fieldset>
                <fieldset class="choices" id="f-settings" aria-describedby="h-settings">
                    <legend>{label::SETTINGS}</legend>
                    <p class="hint" id="h-settings">"Optional: the kinds of library or workplace."</p>
                    <FieldError key="settings" label=label::SETTINGS errors />
                    <ChoiceList name=form_choice_name("settings", false) id_prefix="f-settings" columns=true
                        choices=term_choices(&vocab.settings) checked=f.settings.clone() />
                </fieldset>
            </fieldset>
            <fieldset>
                <legend>"Meeting"</legend>
                <fieldset class="choices" id="f-modes" aria-describedby="h-modes">
                    <legend>{label::MODES}</legend>
                    <p class="hint" id="h-modes">"Optional: leave all empty if any way suits you."</p>
                    <FieldError key="modes" label=label::MODES errors />
                    <ChoiceList name=form_choice_name("modes", false) id_prefix="f-modes"
                        choices=mode_choices() checked=f.modes.clone() />
                </fieldset>
                <TermSelect id="f-region" name="form[region]" label=label::REGION empty="Not saying / anywhere"
                    choices=term_choices(&vocab.regions) selected=f.region.clone() errors=("region", errors) />
                <div class="check">
                    <input id="f-remote_ok" type="checkbox" name="form[remote_ok]" value="true" checked=f.remote_ok />
                    <label for="f-remote_ok">"I am happy to meet remotely (video, phone or email)"</label>
                </div>
                <fieldset class="choices" id="f-times" aria-describedby="h-times">
                    <legend>{label::TIMES}</legend>
                    <p class="hint" id="h-times">"Optional: leave all empty if any time suits you. It helps the committee pick someone free when you are."</p>
                    <FieldError key="times" label=label::TIMES errors />
                    <ChoiceList name=form_choice_name("times", false) id_prefix="f-times"
                        choices=times checked=f.times.clone() />
                </fieldset>
                <TextField key="availability" label=label::AVAILABILITY value=f.availability.clone() errors
                    check textarea=true
                    hint="Optional: days and times that suit you, for example \"weekday evenings\"." />
            </fieldset>
            <fieldset>
                <legend>{label::CONSENT}</legend>
                <FieldError key="consent" label=label::CONSENT errors />
                <div class="check">
                    <input id="f-consent" type="checkbox" name="form[consent]" value="true" checked=f.consent
                        aria-describedby="e-consent" />
                    <label for="f-consent">
                        "I have read the "<a href="/guidelines">"guidelines"</a>": I will come prepared with questions, "
                        "I will not ask for a job or a résumé review, and I will give notice if I must reschedule."
                    </label>
                </div>
            </fieldset>
            <p class="actions">
                <button type="submit" disabled=move || submit.pending().get()>"Send my request"</button>
            </p>
        </ActionForm>
    }
}

#[component]
fn RequestSentPage() -> impl IntoView {
    view! {
        <Title text="Request sent" />
        <div class="wrap prose">
            <h1>"Thank you: your request is in"</h1>
            <Notice kind=NoticeKind::Success>
                "We have emailed you a private link to your request. Open it to see where your request "
                "stands, or to withdraw it."
            </Notice>
            <p>
                "Within two weeks the committee sends you the contact details of the volunteer who fits "
                "best. Meanwhile, think about the questions you would like to ask."
            </p>
            <p>
                "No email? Check your spam folder; the message comes from Career Connects. Lost it later? "
                <a href="/request/link">"Get your private link again"</a>"."
            </p>
            <p><a href="/guidelines">"Read the guidelines"</a>" · "<a href="/volunteers">"Browse the volunteers"</a></p>
        </div>
    }
}

/// What the new-link page says once asked, whether or not the address has requests.
const LINKS_SENT: &str =
    "If that address has requests waiting or matched, we have emailed a new private \
     link for each. It can take a few minutes; check your spam folder too.";

/// A requester who lost their private link asks for a new one by email address.
#[component]
fn LinkPage() -> impl IntoView {
    let query = use_query_map();
    let action = ServerAction::<ResendLinks>::new();
    let typed = query.with_untracked(|q| q.get("email").unwrap_or_default());
    let outcome = LatestOutcome::new()
        .follow(move || action.value().get().map(|r| Outcome::of(r, LINKS_SENT)))
        .or_else(move || {
            query.with(|q| {
                if q.get("sent").is_some() {
                    return Some(Outcome::done(LINKS_SENT));
                }
                Outcome::from_problem(q.get("problem"))
            })
        });
    view! {
        <Title text="Get your private link again" />
        <Meta name="robots" content="noindex" />
        <div class="wrap prose">
            <h1>"Get your private link again"</h1>
            <p>
                "Enter the email address you used for your request. We will email you a new private link "
                "for each request that is still waiting or matched. The links we sent before still work."
            </p>
            <OutcomeNotice outcome />
            <ActionForm action>
                <div class="field">
                    <label for="f-link-email">"Your email"<span class="required">" (required)"</span></label>
                    <input id="f-link-email" type="email" name="email" required=true autocomplete="email"
                        maxlength="254" value=typed />
                </div>
                <button type="submit" disabled=move || action.pending().get()>"Email me new links"</button>
            </ActionForm>
        </div>
    }
}

#[component]
fn StatusPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let token = Memo::new(move |_| params.with(|p| p.get("token").unwrap_or_default()));
    let withdrawn = move || query.with(|q| q.get("withdrawn")).is_some();
    // Without JavaScript, a refused withdrawal comes back as `?problem=code`.
    let refused = move || ApiError::message_for(query.with(|q| q.get("problem")));
    let meeting = ServerAction::<SetMeetingDay>::new();
    let status = Resource::new(
        move || (token.get(), withdrawn(), meeting.version().get()),
        |(token, _, _)| request_status_page(token),
    );
    let done = move || {
        query.with(|q| {
            if q.get("thanks").is_some() {
                Some("Thank you for your feedback: it helps the committee and the people who come after you.")
            } else if q.get("meeting").is_some() {
                Some(MEETING_SAVED)
            } else {
                None
            }
        })
    };
    view! {
        <Title text="Your request" />
        // The link is the key to this page: never send it to other sites.
        <Meta name="referrer" content="no-referrer" />
        <Meta name="robots" content="noindex" />
        <div class="wrap prose">
            <Loaded resource=status loading="Loading your request…" on_error=lost_link
                view=move |view| view! {
                    <StatusView view token=token.get_untracked() withdrawn=withdrawn() refused=refused()
                        done=done() meeting />
                } />
        </div>
    }
}

/// A link that does not open: why, and how to get a new one.
fn lost_link(error: ApiError) -> AnyView {
    view! {
        <ErrorNotice error />
        <p><a href="/request/link">"Get your private link again"</a></p>
    }
    .into_any()
}

const MEETING_SAVED: &str = "The day of your conversation is saved.";

#[component]
fn StatusView(
    view: RequestStatusView,
    token: String,
    withdrawn: bool,
    refused: Option<String>,
    /// What a plain form post just did, to say so.
    done: Option<&'static str>,
    meeting: ServerAction<SetMeetingDay>,
) -> impl IntoView {
    let withdraw = ServerAction::<WithdrawRequest>::new();
    let status = view.status;
    let steps = [
        ("Sent", true),
        (
            "Matched",
            !matches!(
                status,
                RequestStatus::Open | RequestStatus::Withdrawn | RequestStatus::Closed
            ),
        ),
        ("Conversation", matches!(status, RequestStatus::Completed)),
        ("Feedback", view.feedback.is_some()),
    ];
    let where_it_stands = match status {
        RequestStatus::Open => {
            let days = crate::domain::request::days_left(view.due_on, view.today);
            if days >= 0 {
                format!(
                    "The committee is looking for the right volunteer. You will hear from us by {}.",
                    long_date(view.due_on)
                )
            } else {
                format!(
                    "We are late: the committee should have answered by {}. We are sorry; it is being looked at.",
                    long_date(view.due_on)
                )
            }
        }
        RequestStatus::Matched => {
            "You have been matched. Reach out to your volunteer within a week.".into()
        }
        RequestStatus::Completed => {
            "Your conversation took place. Thank you for taking part!".into()
        }
        RequestStatus::NoShow => {
            "The volunteer reported that the conversation did not take place.".into()
        }
        RequestStatus::NotHeld => "The conversation did not take place.".into(),
        RequestStatus::Lapsed => {
            "This request ended on its own some weeks after the match, without news of the conversation."
                .into()
        }
        RequestStatus::Withdrawn => {
            "You withdrew this request. You are welcome to send a new one any time.".into()
        }
        RequestStatus::Closed => "The committee closed this request.".into(),
    };
    let error = move || match withdraw.value().get() {
        Some(Err(e)) => Some(e.to_string()),
        _ => None,
    };
    view! {
        <h1>{format!("Your request, {}", view.first_name)}</h1>
        {withdrawn.then(|| view! { <Notice kind=NoticeKind::Success>"Your request is withdrawn."</Notice> })}
        // A refusal sent back without JavaScript: shown at the top, since the request's
        // state may have changed (a match meanwhile), and the form with it.
        {refused.map(|m| view! { <Notice>{m}</Notice> })}
        {done.map(|m| view! { <Notice kind=NoticeKind::Success>{m}</Notice> })}
        <ol class="progress" aria-label="Progress">
            {steps.into_iter().map(|(name, done)| view! {
                <li class:done=done>{name}{done.then_some(view! { <span class="visually-hidden">" (done)"</span> })}</li>
            }).collect_view()}
        </ol>
        <p class="status-line"><strong>{status.label()}</strong>": "{where_it_stands}</p>
        <dl class="facts">
            <div><dt>"Sent on"</dt><dd>{long_date(view.created_on)}</dd></div>
            <div><dt>"Answer due by"</dt><dd>{long_date(view.due_on)}</dd></div>
            {view.matched_on.map(|d| view! { <div><dt>"Matched on"</dt><dd>{long_date(d)}</dd></div> })}
            <div><dt>"What you want to find out"</dt><dd>{view.learning_goal.clone()}</dd></div>
        </dl>
        {view.volunteer.clone().map(|v| view! {
            <section class="panel" aria-labelledby="volunteer-title">
                <h2 id="volunteer-title">{format!("Your volunteer: {}", v.name)}</h2>
                <p>{v.job_title.clone()}" · "<a href=format!("/volunteers/{}", v.id)>"Profile"</a></p>
                <h3>"How to reach them"</h3>
                <ul class="contact">
                    <li>"Email: "<a href=format!("mailto:{}", v.contact.email)>{v.contact.email.clone()}</a></li>
                    {v.contact.phone.clone().map(|p| view! { <li>"Phone: "{p}</li> })}
                    {v.contact.linkedin_url.clone().map(|u| view! { <li>"LinkedIn: "<a href=u.clone() rel="noreferrer">{u.clone()}</a></li> })}
                </ul>
                <p>{format!("They offer up to {} minutes, by {}.", v.minutes_per_interview, v.modes.join(", ").to_lowercase())}</p>
                {(!v.availability.is_empty()).then(|| view! {
                    <p>"Usually free: "{v.availability.iter().map(|w| w.describe()).collect::<Vec<_>>().join("; ")}</p>
                })}
                {(!v.availability_note.is_empty()).then(|| view! { <p>{v.availability_note.clone()}</p> })}
                <p>
                    {if v.welcome_further_contact {
                        "They are happy to stay in touch after the conversation."
                    } else {
                        "This is a one-off conversation; further contact is at their discretion."
                    }}
                </p>
                <p><a class="button" href=format!("/r/{token}/studio")>"Write your message in the drafting studio"</a></p>
                <h3>"Before you write"</h3>
                <ul>
                    <li>"Say who you are, why them, and what you would like to ask; suggest a time limit (for example 30 minutes)."</li>
                    <li>"It is not a job interview and not a résumé review. Come prepared with questions."</li>
                    <li>"If you must reschedule, give notice."</li>
                </ul>
                <p><a href="/guidelines">"The program's guidelines"</a></p>
            </section>
        })}
        {(view.volunteer.is_none() && matches!(status, RequestStatus::Matched)).then(|| view! {
            <Notice kind=NoticeKind::Remark>"Your volunteer has since left the program. Please contact the committee."</Notice>
        })}
        {view.contact_ended.then(|| view! {
            <Notice kind=NoticeKind::Remark>
                "The conversation has ended, so the volunteer's contact details are no longer shown here. "
                "You are welcome to ask for another conversation."
            </Notice>
            <p><a href="/request">"Ask for a conversation"</a></p>
        })}
        {view.offers.feedback.then(|| view! { <FeedbackSection token=token.clone() given=view.feedback.clone() /> })}
        {view.offers.meeting_date.then(|| view! {
            <MeetingSection token=token.clone() meeting_on=view.meeting_on matched_on=view.matched_on meeting />
        })}
        {view.offers.withdraw.then(|| view! {
            <section aria-labelledby="withdraw-title">
                <h2 id="withdraw-title">"Withdraw your request"</h2>
                <p>"No longer need the conversation? Withdraw, so the volunteer's time goes to someone else."</p>
                {move || error().map(|e| view! { <Notice>{e}</Notice> })}
                <ActionForm action=withdraw attr:class="inline-form">
                    <input type="hidden" name="token" value=token.clone() />
                    <label class="check">
                        <input type="checkbox" required=true />
                        " Yes, withdraw my request"
                    </label>
                    <button type="submit" class="secondary" disabled=move || withdraw.pending().get()>"Withdraw"</button>
                </ActionForm>
            </section>
        })}
    }
}

/// "How did it go?": the way to the feedback form, or the answer given.
#[component]
fn FeedbackSection(token: String, given: Option<FeedbackGiven>) -> impl IntoView {
    let href = format!("/r/{token}/feedback");
    view! {
        <section class="panel" aria-labelledby="feedback-title" id="feedback">
            <h2 id="feedback-title">"How did it go?"</h2>
            {match given {
                None => view! {
                    <p>"Tell us in under a minute how your conversation went: it helps the committee, and the people who ask after you."</p>
                    <p><a class="button" href=href>"Give feedback"</a></p>
                }.into_any(),
                Some(g) => view! {
                    <p>{if g.happened {
                        "Thank you for your feedback."
                    } else {
                        "Thank you for letting us know the conversation did not take place."
                    }}</p>
                    {g.editable_until.map(|until| view! {
                        <p><a href=href.clone()>{format!("Change your answer (until {})", long_date(until.date_naive()))}</a></p>
                    })}
                }.into_any(),
            }}
        </section>
    }
}

/// The day agreed for the conversation: the feedback form opens from it.
#[component]
fn MeetingSection(
    token: String,
    meeting_on: Option<NaiveDate>,
    matched_on: Option<NaiveDate>,
    meeting: ServerAction<SetMeetingDay>,
) -> impl IntoView {
    let error = move || match meeting.value().get() {
        Some(Err(e)) => Some(e.to_string()),
        _ => None,
    };
    let saved = move || matches!(meeting.value().get(), Some(Ok(())));
    let min = matched_on.map(|d| d.to_string());
    let max = matched_on.map(|d| (d + chrono::TimeDelta::days(366)).to_string());
    view! {
        <section aria-labelledby="meeting-title" id="meeting">
            <h2 id="meeting-title">"When is your conversation?"</h2>
            <p>"Once you and your volunteer agree on a day, note it here: we will ask you how it went from that day."</p>
            {move || error().map(|e| view! { <Notice>{e}</Notice> })}
            <Show when=saved>
                <Notice kind=NoticeKind::Success>{MEETING_SAVED}</Notice>
            </Show>
            <ActionForm action=meeting attr:class="inline-form">
                <input type="hidden" name="token" value=token />
                <div class="field">
                    <label for="f-meeting-day">{MEETING_ON_LABEL}</label>
                    <input id="f-meeting-day" type="date" name="day" min=min max=max
                        value=meeting_on.map(|d| d.to_string()).unwrap_or_default() />
                </div>
                <button type="submit" class="secondary" disabled=move || meeting.pending().get()>"Save the day"</button>
            </ActionForm>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::RequesterPage;

    #[test]
    fn each_requester_path_has_its_page() {
        for (path, page) in [
            ("/request", RequesterPage::Form),
            ("/request/sent", RequesterPage::Sent),
            ("/request/link", RequesterPage::Link),
            ("/r/abc", RequesterPage::Status),
            ("/r/abc/feedback", RequesterPage::Feedback),
            ("/r/abc/feedback/", RequesterPage::Feedback),
        ] {
            assert_eq!(RequesterPage::for_path(path), page, "{path}");
        }
    }
}
