//! The profile editor (`/me/profile`): creating or editing the volunteer's profile, as a
//! plain HTML form; JavaScript adds inline checks.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::volunteer::{my_volunteer, SaveProfile, VolunteerHome};
use crate::components::choices::{
    form_choice_name, mode_choices, term_choices, ChoiceList, TermSelect,
};
use crate::components::form::{ErrorSummary, Feedback, FieldError, TextField};
use crate::components::loaded::Loaded;
use crate::components::notice::Notice;
use crate::domain::profile_form::{check_field, label};
use crate::domain::{Weekday, WindowForm};

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
            <Loaded resource=home loading="Loading your profile…" view=|home| view! { <Editor home /> } />
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
    let check = move |key: &str, raw: &str| check_field(key, raw, today);
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
        {move || problem.get().map(|p| view! { <Notice>{p}</Notice> })}
        <ActionForm action=save attr:class="sectioned-form" attr:novalidate=true>
            <fieldset>
                <legend>"Who you are"</legend>
                <TextField key="display_name" label=label::NAME value=f.display_name.clone() errors check
                    required=true autocomplete="name" hint="As requesters will see it." />
                <TextField key="job_title" label=label::JOB_TITLE value=f.job_title.clone() errors check
                    required=true autocomplete="organization-title" />
                <TextField key="employer" label=label::EMPLOYER value=f.employer.clone() errors check
                    autocomplete="organization" />
                <div class="check">
                    <input id="f-employer_hidden" type="checkbox" name="form[employer_hidden]" value="true"
                        checked=f.employer_hidden />
                    <label for="f-employer_hidden">"Do not show my employer on my public profile"</label>
                </div>
                <TextField key="years_experience" label=label::YEARS value=f.years_experience.clone() errors check
                    required=true inputmode="numeric"
                    hint="In library and information work. At least 3 to be listed." />
                <TextField key="bio" label=label::BIO value=f.bio.clone() errors check textarea=true
                    hint="A few sentences on your path and your work today (up to 2,000 characters)." />
                <TextField key="specialties" label=label::SPECIALTIES value=f.specialties.clone() errors check
                    hint="Separated by commas, for example: cataloguing, digital archives, outreach." />
            </fieldset>

            <fieldset>
                <legend>"Your work"</legend>
                <fieldset class="choices" id="f-roles" aria-describedby="e-roles">
                    <legend>{label::ROLES}<span class="required">" (at least one)"</span></legend>
                    <FieldError key="roles" label=label::ROLES errors />
                    <ChoiceList name=form_choice_name("roles", false) id_prefix="f-roles"
                        choices=term_choices(&vocab.roles) checked=f.roles.clone() />
                </fieldset>
                <TermSelect id="f-setting" name="form[setting]" label=label::SETTING empty="Choose…" required=true
                    choices=term_choices(&vocab.settings) selected=f.setting.clone() errors=("setting", errors) />
                <TermSelect id="f-region" name="form[region]" label=label::REGION empty="Choose…" required=true
                    choices=term_choices(&vocab.regions) selected=f.region.clone() errors=("region", errors) />
            </fieldset>

            <fieldset>
                <legend>"Conversations"</legend>
                <fieldset class="choices" id="f-modes" aria-describedby="e-modes">
                    <legend>{label::MODES}<span class="required">" (at least one)"</span></legend>
                    <FieldError key="modes" label=label::MODES errors />
                    <ChoiceList name=form_choice_name("modes", false) id_prefix="f-modes"
                        choices=mode_choices() checked=f.modes.clone() />
                </fieldset>
                <TextField key="minutes_per_interview" label=label::MINUTES value=f.minutes_per_interview.clone()
                    errors check required=true inputmode="numeric" hint="Between 30 and 60." />
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
                    errors check textarea=true hint="For example: \"Evenings only in summer.\"" />
                <TextField key="paused_until" label=label::PAUSED_UNTIL value=f.paused_until.clone() errors check
                    kind="date" hint="Away for a while? Your profile leaves the pool until this date and comes back by itself. Leave empty if you are available." />
            </fieldset>

            <fieldset>
                <legend>"How often you can be contacted"</legend>
                <TextField key="max_contacts" label=label::MAX_CONTACTS value=f.max_contacts.clone() errors check
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
                <TextField key="email" label=label::EMAIL value=f.email.clone() errors check kind="email"
                    required=true autocomplete="email" />
                <TextField key="phone" label=label::PHONE value=f.phone.clone() errors check kind="tel"
                    autocomplete="tel" />
                <TextField key="linkedin_url" label=label::LINKEDIN value=f.linkedin_url.clone() errors check
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
