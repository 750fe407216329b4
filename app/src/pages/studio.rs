//! The outreach drafting studio: `/r/:token/studio` after a match (the draft saves to the
//! server while the person types) and `/volunteers/:id/practice` before one (the draft
//! stays in the browser). One form serves both: every button posts it without JavaScript,
//! and the server applies the button with the same domain code the browser runs with it.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};
use leptos_router::{lazy_route, LazyRoute};

use crate::api::studio::{open_studio, practice_studio, SavePractice, SaveStudio, StudioPage};
use crate::components::form::{textarea_text, ErrorSummary, Errors};
use crate::components::loaded::Loaded;
use crate::components::notice::{Notice, NoticeKind};
use crate::domain::outreach::channel::Channel;
use crate::domain::outreach::checker::{check, Finding, Severity};
use crate::domain::outreach::draft::{Draft, DraftField, MAX_QUESTIONS};
use crate::domain::outreach::questions::{self, Question};
use crate::domain::outreach::studio::{apply, Intent};
use crate::domain::outreach::template::{Formality, HowFound, PartKind, StudioMode};
use crate::domain::outreach::thanks::{FOLLOW_UP_AFTER_DAYS, THANK_YOU_WITHIN_HOURS};
use crate::domain::outreach::{Gauge, GaugeState, LimitKind, StudioSetup};
use crate::error::ApiError;

/// Both studio pages (`/r/:token/studio` after a match, `/volunteers/:id/practice`
/// before one), as one lazy route: their code is split out of the main bundle (built with
/// `cargo leptos build --split`) into one chunk, loaded only on these pages. One route
/// type for both keeps the split to a single chunk (two made a third, shared one, and more
/// glue in the main bundle).
pub struct StudioRoute;

#[lazy_route]
impl LazyRoute for StudioRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <StudioEither /> }.into_any()
    }
}

/// The studio of a private link (a `token` in the path) or of practice (an `id`).
#[component]
fn StudioEither() -> impl IntoView {
    let params = use_params_map();
    if params.with_untracked(|p| p.get("token").is_some()) {
        view! { <StudioLinkPage /> }.into_any()
    } else {
        view! { <PracticeStudioPage /> }.into_any()
    }
}

/// The studio after a match, opened by the request's private link.
#[component]
fn StudioLinkPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let token = Memo::new(move |_| params.with(|p| p.get("token").unwrap_or_default()));
    let page = Resource::new(move || token.get(), open_studio);
    view! {
        <Title text="Write to your volunteer" />
        // The link is the key to this page: never send it to other sites.
        <Meta name="referrer" content="no-referrer" />
        <Meta name="robots" content="noindex" />
        <div class="wrap studio">
            <Loaded resource=page loading="Opening the drafting studio…" on_error=not_open
                view=move |page| {
                    let q = query.get_untracked();
                    view! {
                        <Studio page target=Target::Link(token.get_untracked())
                            tried=q.get("tried") saved=q.get("saved").is_some() />
                    }
                } />
        </div>
    }
}

/// Why the studio did not open, and where to go instead.
fn not_open(error: ApiError) -> AnyView {
    view! {
        <h1>"The drafting studio"</h1>
        <crate::components::error::ErrorNotice error />
        <p><a href="/volunteers">"Browse volunteers"</a>" (each profile has a practice studio) · "
            <a href="/request/link">"Get your private link again"</a></p>
    }
    .into_any()
}

/// The practice studio from a public profile, before any match.
#[component]
fn PracticeStudioPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let page = Resource::new(move || id.get(), practice_studio);
    view! {
        <Title text="Practise your message" />
        <Meta name="robots" content="noindex" />
        <div class="wrap studio">
            <Loaded resource=page loading="Opening the practice studio…"
                view=move |page| match page {
                    Some(page) => {
                        let q = query.get_untracked();
                        view! {
                            <Studio page target=Target::Practice(id.get_untracked())
                                tried=q.get("tried") saved=q.get("saved").is_some() />
                        }
                        .into_any()
                    }
                    None => {
                        crate::components::error::set_status(404);
                        view! {
                            <h1>"Volunteer not found"</h1>
                            <p>"This volunteer is not listed. "<a href="/volunteers">"Browse volunteers"</a></p>
                        }
                        .into_any()
                    }
                } />
        </div>
    }
}

/// Where the draft goes: the request's private link, or practice for a volunteer.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    Link(String),
    Practice(String),
}

impl Target {
    fn action(&self) -> &'static str {
        match self {
            Self::Link(_) => <SaveStudio as leptos::server_fn::ServerFn>::PATH,
            Self::Practice(_) => <SavePractice as leptos::server_fn::ServerFn>::PATH,
        }
    }

    /// The browser storage key of a practice draft.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn storage_key(&self) -> Option<String> {
        match self {
            Self::Practice(id) => Some(format!("cc-practice-{id}")),
            Self::Link(_) => None,
        }
    }
}

/// The error summary's links: each field's label and its input's key.
const FIELDS: &[(&str, &str)] = &[
    ("Subject", "subject"),
    ("Message", "body"),
    ("Questions", "questions"),
    ("Thank-you note", "thank-you"),
    ("Follow-up", "follow-up"),
    ("Where you found them", "how-found-detail"),
    ("Your name", "sender-name"),
    ("What you want to find out", "learning-goal"),
    ("What you talked about", "discussed"),
];

/// Why a button did nothing, shown beside it: its slot and the reason.
type ButtonNotice = RwSignal<Option<(&'static str, String)>>;

/// Where a button's refusal is shown.
fn slot_of(intent: &Intent) -> &'static str {
    match intent {
        Intent::Suggest | Intent::Up(_) | Intent::Down(_) | Intent::Remove(_) => "questions",
        Intent::ThankYou => "thank-you",
        Intent::FollowUp => "follow-up",
        Intent::Save | Intent::Template | Intent::Insert(_) => "message",
    }
}

/// The refusal of a button in `place`, if the last one pressed there was refused.
#[component]
fn SlotNotice(place: &'static str, notice: ButtonNotice) -> impl IntoView {
    move || {
        notice
            .get()
            .filter(|(s, _)| *s == place)
            .map(|(_, text)| view! { <Notice>{text}</Notice> })
    }
}

/// Where the autosave stands (with JavaScript).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Debug, Clone, PartialEq, Eq)]
enum SaveState {
    /// Nothing changed since the page was loaded (or the last save).
    Idle,
    Pending,
    Saving,
    Saved(String),
    Failed(String),
}

#[component]
fn Studio(page: StudioPage, target: Target, tried: Option<String>, saved: bool) -> impl IntoView {
    let StudioPage {
        setup,
        draft: initial,
        saved_at,
        errors: refused_errors,
        today,
        contact,
    } = page;
    let setup = StoredValue::new(setup);
    let mode = setup.with_value(|s| s.mode);
    let draft = RwSignal::new(initial.clone());
    let errors: Errors = RwSignal::new(refused_errors);
    // A button the server could not apply (no JavaScript): why, worked out again from the
    // saved draft.
    let first_notice = tried.and_then(|t| {
        let intent = Intent::parse(&t);
        setup
            .with_value(|s| apply(s, initial.clone(), &intent, today))
            .err()
            .map(|e| (slot_of(&intent), e.to_string()))
    });
    let notice = RwSignal::new(first_notice);
    let js = RwSignal::new(false);
    Effect::new(move |_| {
        js.set(true);
        // Say when the studio is interactive: after hydrating (`<html data-hydrated>` comes
        // after this) and also after the client-side navigation from a profile, which loads
        // the studio's chunk and renders it with no hydration to wait for.
        #[cfg(feature = "hydrate")]
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("data-studio-ready", "true");
        }
    });
    let save_state = RwSignal::new(match (saved, &saved_at) {
        (true, _) => SaveState::Saved("Saved.".into()),
        (false, Some(at)) => {
            SaveState::Saved(format!("Last saved {}.", at.format("%-d %B %Y, %H:%M UTC")))
        }
        _ => SaveState::Idle,
    });

    // A button, with JavaScript: applied here, at once (autosave stores the result).
    let press = move |intent: Intent| {
        let current = draft.get_untracked();
        match setup.with_value(|s| apply(s, current, &intent, today)) {
            Ok(next) => {
                notice.set(None);
                draft.set(next);
            }
            Err(why) => notice.set(Some((slot_of(&intent), why.to_string()))),
        }
    };

    autosave(draft, errors, save_state, target.clone());

    let findings = Memo::new(move |_| setup.with_value(|s| draft.with(|d| check(d, &s.check))));
    let name = setup.with_value(|s| s.volunteer_name.clone());
    let action = target.action();
    let hidden_key = match &target {
        Target::Link(token) => {
            view! { <input type="hidden" name="token" value=token.clone() /> }.into_any()
        }
        Target::Practice(id) => {
            view! { <input type="hidden" name="id" value=id.clone() /> }.into_any()
        }
    };
    let order = move || draft.with(|d| d.question_ids.join(","));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        // With JavaScript, Enter in a field saves (autosave would anyway); nothing posts.
        ev.prevent_default();
        press(Intent::Save);
    };

    view! {
        <h1>{format!("Write to {name}")}</h1>
        <StudioIntro setup contact=contact.clone() />
        <ErrorSummary errors fields=FIELDS />
        <form method="post" action=action class="studio-form" novalidate=true on:submit=on_submit>
            {hidden_key}
            <input type="hidden" name="order" prop:value=order value=order />
            <MessageSection setup draft press findings notice />
            <QuestionsSection setup draft press notice />
            <AfterSection draft press today notice />
            <p class="save-state" role="status">{move || save_text(mode, &save_state.get(), js.get())}</p>
        </form>
        <PrepSheet setup draft />
    }
}

/// What the studio is, for this mode.
#[component]
fn StudioIntro(
    setup: StoredValue<StudioSetup>,
    contact: Option<crate::domain::ContactDetails>,
) -> impl IntoView {
    let s = setup.get_value();
    let mut facts = vec![s.job_title.clone()];
    if s.minutes > 0 {
        facts.push(format!("up to {} minutes", s.minutes));
    }
    if !s.modes.is_empty() {
        facts.push(s.modes.join(", ").to_lowercase());
    }
    let facts = facts
        .into_iter()
        .filter(|f| !f.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    match (s.mode, contact) {
        (StudioMode::Matched, Some(c)) => view! {
            <p class="lead">"Draft your first message, prepare your questions and, afterwards, your thank-you note. "
                "Your drafts are saved with your request as you type."</p>
            <section class="panel studio-facts" aria-labelledby="to-title">
                <h2 id="to-title">{s.volunteer_name.clone()}</h2>
                <p>{facts}</p>
                <ul class="contact">
                    <li>"Email: "<a href=format!("mailto:{}", c.email)>{c.email.clone()}</a></li>
                    {c.linkedin_url.clone().map(|u| view! { <li>"LinkedIn: "<a href=u.clone() rel="noreferrer">{u.clone()}</a></li> })}
                </ul>
            </section>
        }
        .into_any(),
        _ => view! {
            <p class="lead">{format!("Practise the message you would write to {}, and the questions you would ask.", s.volunteer_name)}</p>
            <Notice kind=NoticeKind::Remark>
                "This is practice. "<strong>"The committee makes the introduction"</strong>
                ": ask for a conversation, and once you are matched your email brings the volunteer's contact "
                "details and this studio with your request. Your practice draft stays in this browser."
            </Notice>
            <p>{facts}" · "<a href=format!("/volunteers/{}", s.volunteer_id)>"Their profile"</a>" · "
                <a href=format!("/request?volunteer={}", s.volunteer_id)>"Ask for a conversation"</a></p>
        }
        .into_any(),
    }
}

fn save_text(mode: StudioMode, state: &SaveState, js: bool) -> String {
    match (state, mode) {
        (SaveState::Idle, StudioMode::Practice) if js => "Your draft is kept in this browser.".into(),
        (SaveState::Idle, StudioMode::Practice) => {
            "Without JavaScript, a practice draft is kept on our server for half an hour after each Save.".into()
        }
        (SaveState::Idle, StudioMode::Matched) if js => "Your draft saves as you type.".into(),
        (SaveState::Idle, StudioMode::Matched) => "Use a Save button to keep your changes.".into(),
        (SaveState::Pending, _) => "Changes not saved yet…".into(),
        (SaveState::Saving, _) => "Saving…".into(),
        (SaveState::Saved(text), _) => text.clone(),
        (SaveState::Failed(text), _) => text.clone(),
    }
}

/// Saves the draft a moment after the person stops typing: to the server with a private
/// link, to the browser's local storage in practice (which is also read back at once).
fn autosave(draft: RwSignal<Draft>, errors: Errors, state: RwSignal<SaveState>, target: Target) {
    #[cfg(feature = "hydrate")]
    {
        use std::cell::{Cell, RefCell};
        use std::rc::Rc;

        let timer: Rc<RefCell<Option<gloo_timers::callback::Timeout>>> = Rc::default();
        let generation = Rc::new(Cell::new(0u32));
        let storage_key = target.storage_key();
        // Practice: what this browser kept replaces the blank draft, once the page is
        // hydrated (changing it before would make the page differ from the server's HTML).
        if let Some(key) = storage_key.clone() {
            Effect::new(move |_| {
                if let Some(saved) = local_storage()
                    .and_then(|s| s.get_item(&key).ok().flatten())
                    .and_then(|json| serde_json::from_str::<Draft>(&json).ok())
                {
                    draft.set(saved);
                }
            });
        }
        let first = Cell::new(true);
        Effect::new(move |_| {
            let current = draft.get();
            if first.replace(false) {
                return;
            }
            if let Err(list) = current.validate() {
                errors.set(list);
                state.set(SaveState::Failed(
                    "Not saved: please correct what the list above says; nothing you typed is lost.".into(),
                ));
                return;
            }
            if !errors.with_untracked(Vec::is_empty) {
                errors.set(Vec::new());
            }
            state.set(SaveState::Pending);
            let n = generation.get() + 1;
            generation.set(n);
            let generation = Rc::clone(&generation);
            let target = target.clone();
            let storage_key = storage_key.clone();
            let delay = if storage_key.is_some() { 300 } else { 1200 };
            let timeout = gloo_timers::callback::Timeout::new(delay, move || {
                if generation.get() != n {
                    return;
                }
                match (&target, storage_key) {
                    (Target::Practice(_), Some(key)) => {
                        let stored = serde_json::to_string(&current)
                            .ok()
                            .and_then(|json| local_storage().map(|s| s.set_item(&key, &json)));
                        state.set(match stored {
                            Some(Ok(())) => SaveState::Saved("Saved in this browser.".into()),
                            _ => SaveState::Failed(
                                "This browser would not keep the draft (private browsing?). Copy your text before you leave."
                                    .into(),
                            ),
                        });
                    }
                    (Target::Link(token), _) => {
                        state.set(SaveState::Saving);
                        let token = token.clone();
                        leptos::task::spawn_local(async move {
                            let result = crate::api::studio::save_studio(
                                token,
                                current,
                                None,
                                "save".into(),
                            )
                            .await;
                            if generation.get() != n {
                                return;
                            }
                            state.set(match result {
                                Ok(Some(at)) => SaveState::Saved(format!("Saved at {} UTC.", at.format("%H:%M:%S"))),
                                Ok(None) => SaveState::Saved("Saved.".into()),
                                Err(ApiError::Invalid(list)) => {
                                    errors.set(list);
                                    SaveState::Failed("Not saved: please correct what the list above says; nothing you typed is lost.".into())
                                }
                                Err(e) => SaveState::Failed(format!("Not saved: {e} Your text is still here; it will save with your next change.")),
                            });
                        });
                    }
                    _ => {}
                }
            });
            timer.borrow_mut().replace(timeout);
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (draft, errors, state, target);
}

#[cfg(feature = "hydrate")]
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// Copies `text` to the clipboard and says so in `said`.
fn copy(text: String, said: RwSignal<String>) {
    #[cfg(feature = "hydrate")]
    {
        let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
            said.set("Copying is not available here: select the text and copy it.".into());
            return;
        };
        let promise = clipboard.write_text(&text);
        leptos::task::spawn_local(async move {
            said.set(match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => "Copied to the clipboard.".into(),
                Err(_) => "The browser did not allow copying: select the text and copy it.".into(),
            });
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (text, said);
}

fn print_page() {
    #[cfg(feature = "hydrate")]
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// A button that works both ways: without JavaScript it posts the form with its intent;
/// with JavaScript `press` applies the intent at once.
#[component]
fn IntentButton(
    intent: Intent,
    press: impl Fn(Intent) + Copy + 'static,
    #[prop(optional)] class: &'static str,
    #[prop(optional, into)] label: Option<String>,
    /// The value posted, when not the intent's own (a section's Save says which section,
    /// for the anchor the browser is sent back to).
    #[prop(optional)]
    value: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let value = value.map_or_else(|| intent.value(), str::to_owned);
    view! {
        <button type="submit" name="intent" value=value class=class aria-label=label
            on:click=move |ev| {
                ev.prevent_default();
                press(intent.clone());
            }>
            {children()}
        </button>
    }
}

/// A button shown only with JavaScript (copy, print).
#[component]
fn ScriptButton(on_click: impl Fn() + 'static, children: Children) -> impl IntoView {
    let js = RwSignal::new(false);
    Effect::new(move |_| js.set(true));
    view! {
        <button type="button" class="secondary" hidden=move || !js.get() on:click=move |_| on_click()>
            {children()}
        </button>
    }
}

fn gauge_text(g: &Gauge) -> String {
    let over = g.used.saturating_sub(g.limit);
    let unit = g.unit.label();
    match (g.state, g.kind) {
        (GaugeState::Over, LimitKind::Hard) => {
            format!("{} — {over} {unit} over the limit", g.describe())
        }
        (GaugeState::Over, LimitKind::Advice) => {
            format!("{} — {over} {unit} over the advice", g.describe())
        }
        (GaugeState::Warn, LimitKind::Hard) => format!("{} — nearly at the limit", g.describe()),
        (GaugeState::Warn, LimitKind::Advice) => {
            format!("{} — nearly at the advised length", g.describe())
        }
        (GaugeState::Ok, LimitKind::Hard) => format!("{} ({} left)", g.describe(), g.remaining()),
        (GaugeState::Ok, LimitKind::Advice) => format!("{} (advice, not a limit)", g.describe()),
    }
}

/// A live counter.
#[component]
fn GaugeLine(id: &'static str, gauge: Signal<Option<Gauge>>) -> impl IntoView {
    let state = move || {
        gauge.with(|g| match g.map(|g| g.state) {
            Some(GaugeState::Over) => "gauge over",
            Some(GaugeState::Warn) => "gauge warn",
            _ => "gauge",
        })
    };
    view! {
        <p id=id class=state hidden=move || gauge.with(Option::is_none)>
            {move || gauge.get().map(|g| gauge_text(&g)).unwrap_or_default()}
        </p>
    }
}

fn input_value(ev: &leptos::ev::Event) -> String {
    event_target_value(ev)
}

#[component]
fn MessageSection(
    setup: StoredValue<StudioSetup>,
    draft: RwSignal<Draft>,
    press: impl Fn(Intent) + Copy + Send + Sync + 'static,
    findings: Memo<Vec<Finding>>,
    notice: ButtonNotice,
) -> impl IntoView {
    let s = setup.get_value();
    let d = draft.get_untracked();
    let limits = s.check.limits;
    let channel = move || draft.with(|d| d.channel);
    let subject_gauge =
        Signal::derive(move || draft.with(|d| limits.subject_gauge(d.channel, &d.subject)));
    let body_gauge = Signal::derive(move || {
        draft.with(|d| Some(limits.body_gauge(d.channel, d.premium, &d.body)))
    });
    let words_gauge = Signal::derive(move || {
        draft.with(|d| {
            let body = limits.body_gauge(d.channel, d.premium, &d.body);
            limits
                .body_words_advice(d.channel, &d.body)
                .filter(|g| *g != body)
        })
    });
    let parts = Memo::new(move |_| setup.with_value(|s| draft.with(|d| s.filled(d).parts)));
    let copied = RwSignal::new(String::new());
    let offers_note = s.channels.contains(&Channel::ConnectionNote);
    let how_found_choices = HowFound::choices(s.mode);

    view! {
        <section id="message" aria-labelledby="message-title">
            <h2 id="message-title">"1. Your first message"</h2>
            <fieldset class="choices">
                <legend>"Where you will send it"</legend>
                {s.channels.iter().map(|c| {
                    let c = *c;
                    let id = format!("f-channel-{}", c.slug());
                    view! {
                        <label class="check">
                            <input type="radio" id=id name="draft[channel]" value=c.slug()
                                checked=d.channel == c prop:checked=move || channel() == c
                                on:change=move |_| draft.update(|d| d.channel = c) />
                            " "{c.label()}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            {offers_note.then(|| view! {
                <label class="check" for="f-premium">
                    <input type="checkbox" id="f-premium" name="draft[premium]" value="true"
                        checked=d.premium prop:checked=move || draft.with(|d| d.premium)
                        on:change=move |ev| draft.update(|d| d.premium = event_target_checked(&ev)) />
                    {format!(" I have LinkedIn Premium (a connection note may have {} characters instead of {})", limits.note_premium, limits.note_free)}
                </label>
            })}
            <fieldset class="choices">
                <legend>"Tone"</legend>
                {Formality::ALL.iter().map(|f| {
                    let f = *f;
                    let id = format!("f-formality-{}", f.slug());
                    let label = match f {
                        Formality::Formal => "Formal (best for a first message)",
                        Formality::Informal => "Informal",
                    };
                    view! {
                        <label class="check">
                            <input type="radio" id=id name="draft[formality]" value=f.slug()
                                checked=d.formality == f prop:checked=move || draft.with(|d| d.formality == f)
                                on:change=move |_| draft.update(|d| d.formality = f) />
                            " "{label}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            {match s.mode {
                StudioMode::Matched => view! {
                    <input type="hidden" name="draft[how_found]" value=HowFound::Program.slug() />
                }.into_any(),
                StudioMode::Practice => view! {
                    <div class="field">
                        <label for="f-how-found">"How you found them"</label>
                        <select id="f-how-found" name="draft[how_found]"
                            on:change=move |ev| {
                                if let Some(h) = HowFound::from_slug(&input_value(&ev)) {
                                    draft.update(|d| d.how_found = h);
                                }
                            }>
                            {how_found_choices.iter().map(|h| {
                                let h = *h;
                                view! { <option value=h.slug() selected=d.how_found == h>{h.label()}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-how-found-detail">"Where you found them"</label>
                        <p class="hint" id="h-how-found-detail">"The post's or talk's title, the group, or your mutual contact's name (optional)."</p>
                        <input id="f-how-found-detail" name="draft[how_found_detail]" aria-describedby="h-how-found-detail"
                            value=d.how_found_detail.clone() prop:value=move || draft.with(|d| d.how_found_detail.clone())
                            on:input=move |ev| draft.update(|d| d.how_found_detail = input_value(&ev)) />
                    </div>
                }.into_any(),
            }}
            <div class="field-row">
                <div class="field">
                    <label for="f-sender-name">"Your name"</label>
                    <input id="f-sender-name" name="draft[sender_name]" autocomplete="name"
                        value=d.sender_name.clone() prop:value=move || draft.with(|d| d.sender_name.clone())
                        on:input=move |ev| draft.update(|d| d.sender_name = input_value(&ev)) />
                </div>
                <div class="field">
                    <label for="f-learning-goal">"What you want to find out"</label>
                    <input id="f-learning-goal" name="draft[learning_goal]"
                        value=d.learning_goal.clone() prop:value=move || draft.with(|d| d.learning_goal.clone())
                        on:input=move |ev| draft.update(|d| d.learning_goal = input_value(&ev)) />
                </div>
            </div>
            <div class="field" hidden=move || !channel().has_subject()>
                <label for="f-subject">"Subject"</label>
                <input id="f-subject" name="draft[subject]" aria-describedby="g-subject"
                    value=d.subject.clone() prop:value=move || draft.with(|d| d.subject.clone())
                    on:input=move |ev| draft.update(|d| d.subject = input_value(&ev)) />
                <GaugeLine id="g-subject" gauge=subject_gauge />
            </div>
            <div class="field">
                <label for="f-body">"Message"</label>
                <textarea id="f-body" name="draft[body]" rows="12" aria-describedby="g-body g-words"
                    prop:value=move || draft.with(|d| d.body.clone())
                    on:input=move |ev| draft.update(|d| d.body = input_value(&ev))>{textarea_text(d.body.clone())}</textarea>
                <GaugeLine id="g-body" gauge=body_gauge />
                <GaugeLine id="g-words" gauge=words_gauge />
            </div>
            <div class="actions">
                <IntentButton intent=Intent::Save value="save:message" press>"Save"</IntentButton>
                <ScriptButton on_click=move || {
                    let text = draft.with(|d| {
                        if d.channel.has_subject() && !d.subject.trim().is_empty() {
                            format!("{}\n\n{}", d.subject.trim(), d.body)
                        } else {
                            d.body.clone()
                        }
                    });
                    copy(text, copied);
                }>"Copy the message"</ScriptButton>
                <span class="copied" role="status">{move || copied.get()}</span>
            </div>
            <SlotNotice place="message" notice />
            <Findings findings />
            <details class="parts" open=d.body.trim().is_empty()>
                <summary>"The template's parts"</summary>
                <p>"A good first message has these parts. Add one back at the end of your message if you took it out."</p>
                {move || draft.with(|d| d.body.trim().is_empty()).then(|| view! {
                    <p><IntentButton intent=Intent::Template press>"Start from the template"</IntentButton></p>
                })}
                <ul class="part-list">
                    {move || parts.get().into_iter().map(|p| {
                        let kind: PartKind = p.kind;
                        view! {
                            <li>
                                <strong>{kind.label()}</strong>
                                <span class="part-text">{p.text.clone()}</span>
                                <IntentButton intent=Intent::Insert(kind) press class="secondary small"
                                    label=format!("Add “{}” to the message", kind.label())>"Add"</IntentButton>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </details>
        </section>
    }
}

#[component]
fn Findings(findings: Memo<Vec<Finding>>) -> impl IntoView {
    let count = move || findings.with(Vec::len);
    view! {
        <section class="findings" aria-labelledby="findings-title">
            <h3 id="findings-title">"What to look at"</h3>
            <p role="status">
                {move || match count() {
                    0 => "Nothing to fix: the message follows the guidelines.".to_owned(),
                    1 => "One thing to look at.".to_owned(),
                    n => format!("{n} things to look at."),
                }}
            </p>
            <ul>
                {move || findings.get().into_iter().map(|f| {
                    let (class, word) = match f.severity {
                        Severity::Error => ("finding error", "Must fix"),
                        Severity::Warning => ("finding warning", "Worth fixing"),
                        Severity::Advice => ("finding advice", "Advice"),
                    };
                    view! {
                        <li class=class data-rule=f.rule.slug()>
                            <p><strong>{format!("{word} ({}): ", f.field.label())}</strong>{f.why.clone()}</p>
                            <p>{f.how_to_fix.clone()}" "<a href=format!("/{}", f.guideline)>"Why: the guidelines"</a></p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn QuestionsSection(
    setup: StoredValue<StudioSetup>,
    draft: RwSignal<Draft>,
    press: impl Fn(Intent) + Copy + Send + Sync + 'static,
    notice: ButtonNotice,
) -> impl IntoView {
    let s = setup.get_value();
    let bank = questions::bank(&s.tailoring);
    let suggested: Vec<String> = questions::suggest(&s.tailoring, MAX_QUESTIONS)
        .into_iter()
        .map(|q| q.id.into_owned())
        .collect();
    let chosen = Memo::new(move |_| {
        setup.with_value(|s| {
            draft.with(|d| {
                d.question_ids
                    .iter()
                    .filter_map(|id| questions::question(id, &s.tailoring))
                    .collect::<Vec<Question>>()
            })
        })
    });
    let initial = draft.with_untracked(|d| d.question_ids.clone());
    let toggle = move |id: String| {
        let current = draft.with_untracked(|d| d.question_ids.clone());
        match questions::toggle(DraftField::Questions.label(), &current, &id) {
            Ok(next) => {
                notice.set(None);
                draft.update(|d| d.question_ids = next);
            }
            Err(e) => notice.set(Some(("questions", e.to_string()))),
        }
    };
    view! {
        <section id="questions" aria-labelledby="questions-title">
            <h2 id="questions-title">"2. Questions to prepare"</h2>
            <p>{format!("Pick up to {MAX_QUESTIONS} questions and put them in the order you want to ask them. They make your preparation sheet, to print and take along.")}</p>
            <h3 id="chosen-title">"Your questions"</h3>
            <SlotNotice place="questions" notice />
            {move || chosen.with(Vec::is_empty).then(|| view! {
                <p>"None chosen yet. "<IntentButton intent=Intent::Suggest press class="secondary">"Add the suggested questions"</IntentButton></p>
            })}
            <ol class="chosen" aria-labelledby="chosen-title">
                {move || {
                    let list = chosen.get();
                    let last = list.len().saturating_sub(1);
                    list.into_iter().enumerate().map(|(i, q)| {
                        let id = q.id.to_string();
                        view! {
                            <li>
                                <span>{q.text.to_string()}</span>
                                <span class="move">
                                    {(i > 0).then(|| view! {
                                        <IntentButton intent=Intent::Up(id.clone()) press class="secondary small"
                                            label=format!("Move up: {}", q.text)>"Up"</IntentButton>
                                    })}
                                    {(i < last).then(|| view! {
                                        <IntentButton intent=Intent::Down(id.clone()) press class="secondary small"
                                            label=format!("Move down: {}", q.text)>"Down"</IntentButton>
                                    })}
                                    <IntentButton intent=Intent::Remove(id.clone()) press class="secondary small"
                                        label=format!("Remove: {}", q.text)>"Remove"</IntentButton>
                                </span>
                            </li>
                        }
                    }).collect_view()
                }}
            </ol>
            <details class="bank" id="f-questions">
                <summary>"All questions, by topic"</summary>
                {bank.into_iter().filter(|(_, qs)| !qs.is_empty()).map(|(group, qs)| {
                    let suggested = suggested.clone();
                    let initial = initial.clone();
                    view! {
                        <fieldset class="choices">
                            <legend>{group.label()}</legend>
                            {qs.into_iter().map(|q| {
                                let id = q.id.to_string();
                                let dom_id = format!("f-q-{id}");
                                let is_suggested = suggested.contains(&id);
                                let checked_now = {
                                    let id = id.clone();
                                    move || draft.with(|d| d.question_ids.contains(&id))
                                };
                                let on_change = {
                                    let id = id.clone();
                                    move |_| toggle(id.clone())
                                };
                                view! {
                                    <label class="check">
                                        <input type="checkbox" id=dom_id name="draft[question_ids][]" value=id.clone()
                                            checked=initial.contains(&id) prop:checked=checked_now on:change=on_change />
                                        " "{q.text.to_string()}
                                        {is_suggested.then(|| view! { <span class="tag">" Suggested"</span> })}
                                    </label>
                                }
                            }).collect_view()}
                        </fieldset>
                    }
                }).collect_view()}
            </details>
            <div class="actions">
                <IntentButton intent=Intent::Save value="save:questions" press>"Save the questions"</IntentButton>
                <ScriptButton on_click=print_page>"Print the preparation sheet"</ScriptButton>
            </div>
            <p class="hint">"Printing this page prints only the preparation sheet."</p>
        </section>
    }
}

#[component]
fn AfterSection(
    draft: RwSignal<Draft>,
    press: impl Fn(Intent) + Copy + Send + Sync + 'static,
    today: chrono::NaiveDate,
    notice: ButtonNotice,
) -> impl IntoView {
    let d = draft.get_untracked();
    let copied_thanks = RwSignal::new(String::new());
    let copied_follow = RwSignal::new(String::new());
    view! {
        <section id="after" aria-labelledby="after-title">
            <h2 id="after-title">"3. After you write, and after you talk"</h2>
            <h3>"Thank-you note"</h3>
            <p>{format!("Send it within {THANK_YOU_WITHIN_HOURS} hours of the conversation, while it is fresh for both of you.")}</p>
            <div class="field">
                <label for="f-discussed">"What you talked about"</label>
                <p class="hint" id="h-discussed">"A line in your words, such as “how the teen advisory group chooses its programs”."</p>
                <input id="f-discussed" name="draft[discussed]" aria-describedby="h-discussed"
                    value=d.discussed.clone() prop:value=move || draft.with(|d| d.discussed.clone())
                    on:input=move |ev| draft.update(|d| d.discussed = input_value(&ev)) />
            </div>
            <p><IntentButton intent=Intent::ThankYou press class="secondary">"Draft the thank-you note"</IntentButton></p>
            <SlotNotice place="thank-you" notice />
            <div class="field">
                <label for="f-thank-you">"Thank-you note"</label>
                <textarea id="f-thank-you" name="draft[thank_you]" rows="8"
                    prop:value=move || draft.with(|d| d.thank_you.clone())
                    on:input=move |ev| draft.update(|d| d.thank_you = input_value(&ev))>{textarea_text(d.thank_you.clone())}</textarea>
            </div>
            <div class="actions">
                <ScriptButton on_click=move || copy(draft.with(|d| d.thank_you.clone()), copied_thanks)>"Copy the thank-you note"</ScriptButton>
                <span class="copied" role="status">{move || copied_thanks.get()}</span>
            </div>
            <h3>"If no answer comes"</h3>
            <p>{format!("Wait at least {FOLLOW_UP_AFTER_DAYS} days, then send one polite follow-up. Never more than one: if it goes unanswered too, ask the committee about another volunteer.")}</p>
            <div class="field-row">
                <div class="field">
                    <label for="f-sent-on">"I sent my first message on"</label>
                    <input id="f-sent-on" type="date" name="draft[sent_on]" max=today.format("%Y-%m-%d").to_string()
                        value=d.sent_on.map(|x| x.format("%Y-%m-%d").to_string()).unwrap_or_default()
                        on:change=move |ev| {
                            let v = input_value(&ev);
                            draft.update(|d| d.sent_on = chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok());
                        } />
                </div>
                <label class="check" for="f-follow-up-sent">
                    <input type="checkbox" id="f-follow-up-sent" name="draft[follow_up_sent]" value="true"
                        checked=d.follow_up_sent prop:checked=move || draft.with(|d| d.follow_up_sent)
                        on:change=move |ev| draft.update(|d| d.follow_up_sent = event_target_checked(&ev)) />
                    " I have sent my follow-up"
                </label>
            </div>
            <p><IntentButton intent=Intent::FollowUp press class="secondary">"Draft the follow-up"</IntentButton></p>
            <SlotNotice place="follow-up" notice />
            <div class="field">
                <label for="f-follow-up">"Follow-up"</label>
                <textarea id="f-follow-up" name="draft[follow_up]" rows="6"
                    prop:value=move || draft.with(|d| d.follow_up.clone())
                    on:input=move |ev| draft.update(|d| d.follow_up = input_value(&ev))>{textarea_text(d.follow_up.clone())}</textarea>
            </div>
            <div class="actions">
                <IntentButton intent=Intent::Save value="save:after" press>"Save"</IntentButton>
                <ScriptButton on_click=move || copy(draft.with(|d| d.follow_up.clone()), copied_follow)>"Copy the follow-up"</ScriptButton>
                <span class="copied" role="status">{move || copied_follow.get()}</span>
            </div>
        </section>
    }
}

/// The printable preparation sheet: the chosen questions, who, how long and how, and the
/// etiquette. On screen it is a preview; printing the page prints only this.
#[component]
fn PrepSheet(setup: StoredValue<StudioSetup>, draft: RwSignal<Draft>) -> impl IntoView {
    let s = setup.get_value();
    let mut how = Vec::new();
    if s.minutes > 0 {
        how.push(format!("Up to {} minutes", s.minutes));
    }
    if !s.modes.is_empty() {
        how.push(s.modes.join(", "));
    }
    let texts = Memo::new(move |_| {
        setup.with_value(|s| {
            draft.with(|d| {
                d.question_ids
                    .iter()
                    .filter_map(|id| questions::question(id, &s.tailoring))
                    .map(|q| q.text.into_owned())
                    .collect::<Vec<_>>()
            })
        })
    });
    view! {
        <section class="prep-sheet" aria-labelledby="sheet-title">
            <h2 id="sheet-title">{format!("Preparation sheet: conversation with {}", s.volunteer_name)}</h2>
            <p>{s.job_title.clone()}{(!how.is_empty()).then(|| format!(" · {}", how.join(" · ")))}</p>
            <h3>"My questions"</h3>
            {move || texts.with(Vec::is_empty).then(|| view! { <p>"No questions chosen yet."</p> })}
            <ol>{move || texts.get().into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ol>
            <h3>"Reminders"</h3>
            <ul>
                <li>"Be on time, and keep to the time you asked for."</li>
                <li>"It is a conversation about their work, not a job interview: do not ask for a job or bring your résumé."</li>
                <li>"If you must reschedule, tell them as early as you can."</li>
                <li>"Ask who else you could talk to."</li>
                <li>{format!("Send a thank-you note within {THANK_YOU_WITHIN_HOURS} hours.")}</li>
            </ul>
        </section>
    }
}
