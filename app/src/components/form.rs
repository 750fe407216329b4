//! Form pieces shared by the signed-in pages: labelled fields with their hint and error
//! (checked as they are typed when JavaScript runs), and an error summary that links to
//! each field.

use leptos::prelude::*;

use crate::domain::ValidationError;

/// The errors a form shows next to its fields, by field label. Filled by the server's
/// answer (or a refused post without JavaScript); while a person corrects a field, its
/// error is checked again as they type, with the same rules as the server's, and goes away
/// as soon as the value is right. (Errors never appear or move things while a field is
/// left: a button that jumps away under the pointer loses the click.)
pub type Errors = RwSignal<Vec<ValidationError>>;

/// A form's feedback: the errors shown by each field, the summary at the top, and a
/// problem that is not about one field.
#[derive(Clone, Copy)]
pub struct Feedback {
    pub errors: Errors,
    pub summary: Errors,
    pub problem: RwSignal<Option<String>>,
}

impl Feedback {
    /// Starts from what the server rendered, then follows `result` (a server action's
    /// latest outcome): field errors go to the fields and the summary, which takes the
    /// focus; anything else is the problem; success clears everything.
    pub fn follow(
        errors: Vec<ValidationError>,
        problem: Option<String>,
        result: impl Fn() -> Option<Result<(), crate::error::ApiError>> + 'static,
    ) -> Self {
        let fb = Self {
            errors: RwSignal::new(errors.clone()),
            summary: RwSignal::new(errors),
            problem: RwSignal::new(problem),
        };
        Effect::new(move |_| match result() {
            Some(Err(crate::error::ApiError::Invalid(list))) => {
                fb.summary.set(list.clone());
                fb.errors.set(list);
                fb.problem.set(None);
                focus_error_summary();
            }
            Some(Err(other)) => fb.problem.set(Some(other.to_string())),
            Some(Ok(())) => {
                fb.problem.set(None);
                fb.summary.set(Vec::new());
                fb.errors.set(Vec::new());
            }
            None => {}
        });
        fb
    }
}

/// The message for `label`, if any.
pub fn message_for(errors: Errors, label: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || {
        errors.with(|list| {
            list.iter()
                .find(|e| e.field() == label)
                .map(ToString::to_string)
        })
    })
}

/// Replaces the error of `label` with `error`.
pub fn set_error(errors: Errors, label: &str, error: Option<ValidationError>) {
    errors.update(|list| {
        list.retain(|e| e.field() != label);
        list.extend(error);
    });
}

/// The id of the input for field `key`.
/// A `<textarea>`'s text as its child: Leptos (tachys 0.2) writes a textarea's children
/// unescaped on the server, so text holding `</textarea>` would end the element early and
/// the rest would be read as markup. On the server the text is escaped here (the browser
/// decodes the entities back into the field's value); in the browser it is text already.
pub fn textarea_text(text: String) -> String {
    #[cfg(feature = "ssr")]
    {
        text.replace('&', "&amp;").replace('<', "&lt;")
    }
    #[cfg(not(feature = "ssr"))]
    {
        text
    }
}

pub fn input_id(key: &str) -> String {
    format!("f-{key}")
}

/// A labelled text input (or textarea) named `form[key]`.
#[component]
pub fn TextField(
    key: &'static str,
    label: &'static str,
    value: String,
    errors: Errors,
    /// The field's check while typing, (field key, value) → its error: the same rules as
    /// the server's.
    check: impl Fn(&str, &str) -> Option<ValidationError> + 'static,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] textarea: bool,
    #[prop(optional)] required: bool,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] maxlength: Option<usize>,
) -> impl IntoView {
    let id = input_id(key);
    let hint_id = format!("h-{key}");
    let error_id = format!("e-{key}");
    let message = message_for(errors, label);
    let described = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if message.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || message.with(Option::is_some).then_some("true");
    // Once a field has been refused, it is checked as it is typed until the page is left.
    let watching = RwSignal::new(false);
    Effect::new(move |_| {
        if message.with(Option::is_some) {
            watching.set(true);
        }
    });
    let on_input = move |ev: leptos::ev::Event| {
        if watching.get_untracked() || message.with_untracked(Option::is_some) {
            let raw = event_target_value(&ev);
            set_error(errors, label, check(key, &raw));
        }
    };
    let name = format!("form[{key}]");
    let control = if textarea {
        view! {
            <textarea
                id=id.clone()
                name=name
                rows="5"
                maxlength=maxlength
                aria-describedby=described
                aria-invalid=invalid
                autocomplete=autocomplete
                on:input=on_input
            >{textarea_text(value)}</textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                name=name
                type=kind
                value=value
                aria-describedby=described
                aria-invalid=invalid
                aria-required=required.then_some("true")
                autocomplete=autocomplete
                inputmode=inputmode
                maxlength=maxlength
                on:input=on_input
            />
        }
        .into_any()
    };
    view! {
        <div class="field" class:has-error=move || message.with(Option::is_some)>
            <label for=id>{label}{required.then_some(view! { <span class="required">" (required)"</span> })}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            <p class="field-error" id=error_id hidden=move || message.with(Option::is_none)>
                {move || message.get()}
            </p>
            {control}
        </div>
    }
}

/// The error of a field that is not a text input (checkbox groups, selects).
#[component]
pub fn FieldError(key: &'static str, label: &'static str, errors: Errors) -> impl IntoView {
    let message = message_for(errors, label);
    view! {
        <p class="field-error" id=format!("e-{key}") hidden=move || message.with(Option::is_none)>
            {move || message.get()}
        </p>
    }
}

/// "Please correct these fields": every error of the last attempt to save, each a link to
/// its field. `fields` maps labels to field keys (an error whose label is not there is
/// listed without a link). It stays as it is until the next attempt.
#[component]
pub fn ErrorSummary(
    errors: Errors,
    fields: &'static [(&'static str, &'static str)],
) -> impl IntoView {
    view! {
        <div
            id="form-errors"
            class="error-summary"
            role="alert"
            tabindex="-1"
            hidden=move || errors.with(Vec::is_empty)
        >
            <h2>"Please correct these fields"</h2>
            <ul>
                {move || {
                    errors
                        .get()
                        .into_iter()
                        .map(|e| {
                            let key = fields
                                .iter()
                                .find(|(label, _)| *label == e.field())
                                .map(|(_, key)| *key);
                            match key {
                                Some(key) => view! { <li><a href=format!("#{}", input_id(key))>{e.to_string()}</a></li> }.into_any(),
                                None => view! { <li>{e.to_string()}</li> }.into_any(),
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

/// Moves keyboard focus to the error summary (after a refused save, with JavaScript).
pub fn focus_error_summary() {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("form-errors"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    }
}
