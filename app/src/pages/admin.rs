//! The administrators' pages (`/admin/…`): people and their roles.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::{list_people, PersonSummary, SetCommitteeRole};
use crate::components::loaded::Loaded;
use crate::components::notice::{Notice, NoticeKind};
use crate::domain::Role;

#[component]
pub fn PeoplePage() -> impl IntoView {
    let set_role = ServerAction::<SetCommitteeRole>::new();
    // Reload the list after every change made with JavaScript.
    let people = Resource::new(move || set_role.version().get(), |_| list_people());
    view! {
        <Title text="People and roles" />
        <div class="wrap">
            <h1>"People and roles"</h1>
            <p class="lead">
                "Everyone who has signed in. Committee members work the request queue and see volunteers' "
                "contact details. Administrators are set in the server's configuration."
            </p>
            {move || set_role.value().get().and_then(Result::err).map(|e| view! {
                <Notice kind=NoticeKind::Alert>{e.to_string()}</Notice>
            })}
            <Loaded resource=people loading="Loading people…" transition=true
                view=move |list| view! { <PeopleTable list set_role /> } />
        </div>
    }
}

#[component]
fn PeopleTable(
    list: Vec<PersonSummary>,
    set_role: ServerAction<SetCommitteeRole>,
) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="empty">"Nobody has signed in yet."</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="data">
                <caption class="visually-hidden">"People who have signed in, with their roles"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Roles"</th>
                        <th scope="col">"Last sign-in"</th>
                        <th scope="col">"Committee"</th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|p| {
                        let committee = p.roles.contains(&Role::Committee);
                        let roles = if p.roles.is_empty() {
                            "—".to_owned()
                        } else {
                            p.roles.iter().map(|r| r.label()).collect::<Vec<_>>().join(", ")
                        };
                        let email = match (&p.email, p.email_verified) {
                            (Some(e), true) => e.clone(),
                            (Some(e), false) => format!("{e} (not verified)"),
                            (None, _) => "—".into(),
                        };
                        let action_label = if committee {
                            format!("Remove {} from the committee", p.name)
                        } else {
                            format!("Add {} to the committee", p.name)
                        };
                        view! {
                            <tr>
                                <th scope="row">{p.name.clone()}</th>
                                <td>{email}</td>
                                <td>{roles}</td>
                                <td>{p.last_sign_in.clone()}</td>
                                <td>
                                    <ActionForm action=set_role>
                                        <input type="hidden" name="account" value=p.key.clone() />
                                        <input type="hidden" name="grant" value=if committee { "false" } else { "true" } />
                                        <button type="submit" class="small" class:secondary=committee aria-label=action_label>
                                            {if committee { "Remove" } else { "Add" }}
                                        </button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
