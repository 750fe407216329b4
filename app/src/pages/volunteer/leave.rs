//! Leaving the program (`/me/leave`): the volunteer's profile and contact details go.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::volunteer::{my_volunteer, LeaveProgram};
use crate::components::loaded::Loaded;
use crate::domain::account::LEAVE_CONFIRMATION;
use crate::error::ApiError;

#[component]
pub fn LeavePage() -> impl IntoView {
    let query = use_query_map();
    let refused = query.with_untracked(|q| q.get("error")).is_some();
    let home = Resource::new(|| (), |_| my_volunteer(false));
    view! {
        <Title text="Leave the program" />
        <div class="wrap prose">
            <Loaded resource=home loading="Loading…" view=move |home| {
                if home.profile_id.is_some() {
                    view! { <LeaveForm refused /> }.into_any()
                } else {
                    view! {
                        <h1>"Leave the program"</h1>
                        <p>"You have no volunteer profile, so there is nothing to delete."</p>
                        <p><a href="/me">"Go to your page"</a></p>
                    }.into_any()
                }
            } />
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
