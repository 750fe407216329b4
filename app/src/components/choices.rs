//! Choosing from a vocabulary or an enum: a `<select>` of terms, and a list of checkboxes
//! or radio buttons.

use leptos::prelude::*;

use crate::components::auto_submit::submit_form_soon;
use crate::components::form::{message_for, Errors, FieldError};
use crate::domain::{MeetingMode, Term};

/// A vocabulary's terms as (value, text) choices.
pub fn term_choices(terms: &[Term]) -> Vec<(String, String)> {
    terms
        .iter()
        .map(|t| (t.slug.to_string(), t.label.clone()))
        .collect()
}

/// The meeting modes as (value, text) choices.
pub fn mode_choices() -> Vec<(String, String)> {
    MeetingMode::ALL
        .iter()
        .map(|m| (m.slug().to_owned(), m.label().to_owned()))
        .collect()
}

/// A labelled `<select>` with an empty first choice (`empty`: "Any role", "Choose…").
/// `errors` (with the field's key, for `e-{key}`) shows the field's error above the
/// control; `auto_submit` submits a filter form as soon as the choice changes.
#[component]
pub fn TermSelect(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    label: &'static str,
    empty: &'static str,
    choices: Vec<(String, String)>,
    #[prop(into)] selected: Signal<String>,
    #[prop(optional)] required: bool,
    #[prop(optional)] errors: Option<(&'static str, Errors)>,
    #[prop(optional)] auto_submit: bool,
) -> impl IntoView {
    let error = errors.map(|(key, errors)| {
        let message = message_for(errors, label);
        let invalid = move || message.with(Option::is_some).then_some("true");
        (key, errors, invalid)
    });
    let described = error.map(|(key, ..)| format!("e-{key}"));
    let invalid = error.map(|(.., invalid)| invalid);
    let on_change = move |ev: leptos::ev::Event| {
        if auto_submit {
            submit_form_soon(&ev, 0);
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}{required.then_some(view! { <span class="required">" (required)"</span> })}</label>
            {error.map(|(key, errors, _)| view! { <FieldError key label errors /> })}
            <select id=id name=name aria-describedby=described aria-invalid=invalid on:change=on_change>
                <option value="" selected=move || selected.with(String::is_empty)>{empty}</option>
                {choices
                    .into_iter()
                    .map(|(value, text)| {
                        let v = value.clone();
                        view! { <option value=value selected=move || selected.with(|s| *s == v)>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// A list of checkboxes (or, with `radio`, radio buttons) named `name`, each with the id
/// `{id_prefix}-{value}` and its label.
#[component]
pub fn ChoiceList(
    #[prop(into)] name: String,
    #[prop(into)] id_prefix: String,
    choices: Vec<(String, String)>,
    /// The values ticked.
    #[prop(optional)]
    checked: Vec<String>,
    #[prop(optional)] radio: bool,
    #[prop(optional)] required: bool,
    /// Laid out in columns (long lists).
    #[prop(optional)]
    columns: bool,
) -> impl IntoView {
    let kind = if radio { "radio" } else { "checkbox" };
    view! {
        <ul class="check-list" class:columns=columns>
            {choices
                .into_iter()
                .map(|(value, text)| {
                    let id = format!("{id_prefix}-{value}");
                    let on = checked.contains(&value);
                    view! {
                        <li class="check">
                            <input id=id.clone() type=kind name=name.clone() value=value checked=on
                                required=required.then_some(true) />
                            <label for=id>{text}</label>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// A form's choice list for field `key`: checkboxes named `form[key][]` (or radio buttons
/// named `form[key]`), with ids `f-{key}-{value}`.
pub fn form_choice_name(key: &str, radio: bool) -> String {
    if radio {
        format!("form[{key}]")
    } else {
        format!("form[{key}][]")
    }
}
