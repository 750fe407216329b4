//! The volunteer's own pages: where their profile stands, the profile editor, and leaving
//! the program. All of them work as plain HTML forms; JavaScript adds inline checks.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::volunteer::{my_volunteer, LeaveProgram, SaveProfile, VolunteerHome};
use crate::components::form::{ErrorSummary, Errors, Feedback, FieldError, TextField};
use crate::domain::account::LEAVE_CONFIRMATION;
use crate::domain::profile_form::label;
use crate::domain::{MeetingMode, PoolStatus, Role, Term, Weekday, WindowForm};
use crate::error::ApiError;
use crate::pages::account::Refused;

/// Where the profile stands, in the volunteer's words.
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
            <Suspense fallback=|| view! { <p class="loading">"Loading your page…"</p> }>
                {move || Suspend::new(async move {
                    match home.await {
                        Ok(home) => view! { <MeView home saved=saved() /> }.into_any(),
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn MeView(home: VolunteerHome, saved: bool) -> impl IntoView {
    let (in_pool, text) = standing(&home);
    let committee = home.viewer.has(Role::Committee) || home.viewer.has(Role::Admin);
    let admin = home.viewer.has(Role::Admin);
    let has_profile = home.profile_id.is_some();
    let public_link = home
        .profile_id
        .clone()
        .filter(|_| !matches!(home.status, Some(PoolStatus::TooLittleExperience)));
    view! {
        <h1>{format!("Hello, {}", home.viewer.name)}</h1>
        {saved.then(|| view! { <p class="notice success" role="status">"Your profile is saved."</p> })}
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

/// Labels to field keys, for the error summary's links.
const FIELDS: &[(&str, &str)] = &[
    (label::NAME, "display_name"),
    (label::JOB_TITLE, "job_title"),
    (label::ROLES, "roles"),
    (label::SETTING, "setting"),
    (label::EMPLOYER, "employer"),
    (label::REGION, "region"),
    (label::YEARS, "years_experience"),
    (label::BIO, "bio"),
    (label::SPECIALTIES, "specialties"),
    (label::MODES, "modes"),
    (label::MINUTES, "minutes_per_interview"),
    (label::AVAILABILITY, "windows"),
    (label::AVAILABILITY_NOTE, "availability_note"),
    (label::PAUSED_UNTIL, "paused_until"),
    (label::MAX_CONTACTS, "max_contacts"),
    (label::EMAIL, "email"),
    (label::PHONE, "phone"),
    (label::LINKEDIN, "linkedin_url"),
];

#[component]
pub fn ProfileEditorPage() -> impl IntoView {
    let home = Resource::new(|| (), |_| my_volunteer(true));
    view! {
        <div class="wrap">
            <Suspense fallback=|| view! { <p class="loading">"Loading your profile…"</p> }>
                {move || Suspend::new(async move {
                    match home.await {
                        Ok(home) => view! { <Editor home /> }.into_any(),
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Editor(home: VolunteerHome) -> impl IntoView {
    let save = ServerAction::<SaveProfile>::new();
    let Feedback {
        errors,
        summary,
        problem,
    } = Feedback::follow(home.errors.clone(), None, move || save.value().get());
    let creating = home.profile_id.is_none();
    let f = home.form.clone();
    let today = home.today;
    let vocab = home.vocab.clone();
    let title = if creating {
        "Create your volunteer profile"
    } else {
        "Edit your profile"
    };
    view! {
        <Title text=title />
        <div class="prose">
            <p class="breadcrumb"><a href="/me">"← Your page"</a></p>
            <h1>{title}</h1>
            <p class="lead">
                "Requesters see everything here except your contact details, which go only to the committee "
                "and to the people matched with you."
            </p>
        </div>
        <ErrorSummary errors=summary fields=FIELDS />
        {move || problem.get().map(|p| view! { <p class="notice" role="alert">{p}</p> })}
        <ActionForm action=save attr:class="profile-form" attr:novalidate=true>
            <fieldset>
                <legend>"Who you are"</legend>
                <TextField key="display_name" label=label::NAME value=f.display_name.clone() errors today
                    required=true autocomplete="name" hint="As requesters will see it." />
                <TextField key="job_title" label=label::JOB_TITLE value=f.job_title.clone() errors today
                    required=true autocomplete="organization-title" />
                <TextField key="employer" label=label::EMPLOYER value=f.employer.clone() errors today
                    autocomplete="organization" />
                <div class="check">
                    <input id="f-employer_hidden" type="checkbox" name="form[employer_hidden]" value="true"
                        checked=f.employer_hidden />
                    <label for="f-employer_hidden">"Do not show my employer on my public profile"</label>
                </div>
                <TextField key="years_experience" label=label::YEARS value=f.years_experience.clone() errors today
                    required=true inputmode="numeric"
                    hint="In library and information work. At least 3 to be listed." />
                <TextField key="bio" label=label::BIO value=f.bio.clone() errors today textarea=true
                    hint="A few sentences on your path and your work today (up to 2,000 characters)." />
                <TextField key="specialties" label=label::SPECIALTIES value=f.specialties.clone() errors today
                    hint="Separated by commas, for example: cataloguing, digital archives, outreach." />
            </fieldset>

            <fieldset>
                <legend>"Your work"</legend>
                <fieldset class="choices" id="f-roles" aria-describedby="e-roles">
                    <legend>{label::ROLES}<span class="required">" (at least one)"</span></legend>
                    <FieldError key="roles" label=label::ROLES errors />
                    <ul class="check-list">
                        {vocab.roles.iter().map(|t| checkbox("roles", t, f.roles.contains(&t.slug.to_string()))).collect_view()}
                    </ul>
                </fieldset>
                <Select key="setting" label=label::SETTING terms=vocab.settings.clone() selected=f.setting.clone() errors />
                <Select key="region" label=label::REGION terms=vocab.regions.clone() selected=f.region.clone() errors />
            </fieldset>

            <fieldset>
                <legend>"Conversations"</legend>
                <fieldset class="choices" id="f-modes" aria-describedby="e-modes">
                    <legend>{label::MODES}<span class="required">" (at least one)"</span></legend>
                    <FieldError key="modes" label=label::MODES errors />
                    <ul class="check-list">
                        {MeetingMode::ALL.iter().map(|m| {
                            let id = format!("f-modes-{}", m.slug());
                            view! {
                                <li class="check">
                                    <input id=id.clone() type="checkbox" name="form[modes][]" value=m.slug()
                                        checked=f.modes.iter().any(|x| x == m.slug()) />
                                    <label for=id>{m.label()}</label>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </fieldset>
                <TextField key="minutes_per_interview" label=label::MINUTES value=f.minutes_per_interview.clone()
                    errors today required=true inputmode="numeric" hint="Between 30 and 60." />
            </fieldset>

            <fieldset>
                <legend>"Availability"</legend>
                <fieldset class="choices" id="f-windows" aria-describedby="h-windows e-windows">
                    <legend>{label::AVAILABILITY}</legend>
                    <p class="hint" id="h-windows">
                        "Times you are usually free, in your local time. Leave a row empty to skip it."
                    </p>
                    <FieldError key="windows" label=label::AVAILABILITY errors />
                    <ol class="windows">
                        {f.windows.iter().enumerate().map(|(i, w)| view! { <WindowRow i w=w.clone() /> }).collect_view()}
                    </ol>
                </fieldset>
                <TextField key="availability_note" label=label::AVAILABILITY_NOTE value=f.availability_note.clone()
                    errors today textarea=true hint="For example: \"Evenings only in summer.\"" />
                <TextField key="paused_until" label=label::PAUSED_UNTIL value=f.paused_until.clone() errors today
                    kind="date" hint="Away for a while? Your profile leaves the pool until this date and comes back by itself. Leave empty if you are available." />
            </fieldset>

            <fieldset>
                <legend>"How often you can be contacted"</legend>
                <TextField key="max_contacts" label=label::MAX_CONTACTS value=f.max_contacts.clone() errors today
                    required=true inputmode="numeric"
                    hint="In all. Each match uses one; at your maximum your profile leaves the pool until you raise it." />
                {(!creating).then(|| view! {
                    <p>{format!("Used so far: {}.", home.contacts_used)}</p>
                })}
                <div class="check">
                    <input id="f-welcome_further_contact" type="checkbox" name="form[welcome_further_contact]"
                        value="true" checked=f.welcome_further_contact />
                    <label for="f-welcome_further_contact">"I welcome further contact after the conversation"</label>
                </div>
            </fieldset>

            <fieldset>
                <legend>"Contact details"</legend>
                <p class="hint">"Given only to the committee and to requesters matched with you; never shown on the site."</p>
                <TextField key="email" label=label::EMAIL value=f.email.clone() errors today kind="email"
                    required=true autocomplete="email" />
                <TextField key="phone" label=label::PHONE value=f.phone.clone() errors today kind="tel"
                    autocomplete="tel" />
                <TextField key="linkedin_url" label=label::LINKEDIN value=f.linkedin_url.clone() errors today
                    kind="url" hint="The address of your profile, like https://www.linkedin.com/in/your-name" />
            </fieldset>

            <p class="actions">
                <button type="submit" disabled=move || save.pending().get()>
                    {if creating { "Create profile" } else { "Save profile" }}
                </button>
                <a class="button secondary" href="/me">"Cancel"</a>
            </p>
        </ActionForm>
    }
}

fn checkbox(group: &'static str, term: &Term, checked: bool) -> impl IntoView {
    let id = format!("f-{group}-{}", term.slug);
    view! {
        <li class="check">
            <input id=id.clone() type="checkbox" name=format!("form[{group}][]") value=term.slug.to_string() checked=checked />
            <label for=id>{term.label.clone()}</label>
        </li>
    }
}

#[component]
fn Select(
    key: &'static str,
    label: &'static str,
    terms: Vec<Term>,
    selected: String,
    errors: Errors,
) -> impl IntoView {
    let id = format!("f-{key}");
    let invalid = {
        let m = crate::components::form::message_for(errors, label);
        move || m.with(Option::is_some).then_some("true")
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}<span class="required">" (required)"</span></label>
            <FieldError key label errors />
            <select id=id name=format!("form[{key}]") aria-describedby=format!("e-{key}") aria-invalid=invalid>
                <option value="" selected=selected.is_empty()>"Choose…"</option>
                {terms.into_iter().map(|t| {
                    let is = t.slug.as_str() == selected;
                    view! { <option value=t.slug.to_string() selected=is>{t.label}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn WindowRow(i: usize, w: WindowForm) -> impl IntoView {
    let n = i + 1;
    let day_id = format!("f-windows-{i}-day");
    let start_id = format!("f-windows-{i}-start");
    let end_id = format!("f-windows-{i}-end");
    view! {
        <li class="window-row">
            <div class="field">
                <label for=day_id.clone()>{format!("Time {n}: day")}</label>
                <select id=day_id name=format!("form[windows][{i}][day]")>
                    <option value="" selected=w.day.is_empty()>"Choose…"</option>
                    {Weekday::ALL.iter().map(|d| view! {
                        <option value=d.slug() selected=w.day == d.slug()>{d.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=start_id.clone()>{format!("Time {n}: from")}</label>
                <input id=start_id type="time" name=format!("form[windows][{i}][start]") value=w.start />
            </div>
            <div class="field">
                <label for=end_id.clone()>{format!("Time {n}: to")}</label>
                <input id=end_id type="time" name=format!("form[windows][{i}][end]") value=w.end />
            </div>
        </li>
    }
}

#[component]
pub fn LeavePage() -> impl IntoView {
    let query = use_query_map();
    let refused = query.with_untracked(|q| q.get("error")).is_some();
    let home = Resource::new(|| (), |_| my_volunteer(false));
    view! {
        <Title text="Leave the program" />
        <div class="wrap prose">
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match home.await {
                        Ok(home) if home.profile_id.is_some() => view! { <LeaveForm refused /> }.into_any(),
                        Ok(_) => view! {
                            <h1>"Leave the program"</h1>
                            <p>"You have no volunteer profile, so there is nothing to delete."</p>
                            <p><a href="/me">"Go to your page"</a></p>
                        }.into_any(),
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn LeaveForm(refused: bool) -> impl IntoView {
    let leave = ServerAction::<LeaveProgram>::new();
    let message = move || match leave.value().get() {
        Some(Err(ApiError::Invalid(_))) => {
            Some(format!("Type {LEAVE_CONFIRMATION} in the box to confirm."))
        }
        Some(Err(e)) => Some(e.to_string()),
        _ => refused.then(|| format!("Type {LEAVE_CONFIRMATION} in the box to confirm.")),
    };
    view! {
        <p class="breadcrumb"><a href="/me">"← Your page"</a></p>
        <h1>"Leave the program"</h1>
        <p>"When you leave:"</p>
        <ul>
            <li>"your profile disappears from the directory and from the committee's suggestions at once;"</li>
            <li>"your profile and your contact details (email, phone, LinkedIn) are deleted;"</li>
            <li>"your account is deleted too, unless you also do committee work;"</li>
            <li>"only anonymous numbers are kept for the program's statistics."</li>
        </ul>
        <p>"This cannot be undone. You are welcome back any time with a new profile."</p>
        <ActionForm action=leave attr:class="panel danger-zone" attr:novalidate=true>
            <div class="field" class:has-error=move || message().is_some()>
                <label for="f-confirm">{format!("Type {LEAVE_CONFIRMATION} to confirm")}</label>
                <p class="field-error" id="e-confirm" role="alert" hidden=move || message().is_none()>
                    {message}
                </p>
                <input id="f-confirm" name="confirm" type="text" autocomplete="off"
                    aria-describedby="e-confirm" aria-invalid=move || message().is_some().then_some("true") />
            </div>
            <p class="actions">
                <button type="submit" class="danger" disabled=move || leave.pending().get()>
                    "Delete my profile and leave"
                </button>
                <a class="button secondary" href="/me">"Keep my profile"</a>
            </p>
        </ActionForm>
    }
}
