//! Browsing the directory (`/volunteers`): filters on the left, matching volunteers on the
//! right. The filter form is a plain GET form; with JavaScript it submits itself.

use leptos::prelude::*;
use leptos::Params;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query;
use leptos_router::params::Params;

use crate::api::directory::{directory_vocabularies, search_volunteers};
use crate::components::auto_submit::{submit_form_soon, TYPING_PAUSE_MS};
use crate::components::choices::{mode_choices, term_choices, TermSelect};
use crate::components::loaded::{error_notice, Loaded};
use crate::components::pagination::Pagination;
use crate::components::volunteer_card::VolunteerCardView;
use crate::domain::{DirectoryPage, DirectoryQuery, Vocabularies};

/// The directory's query string, as given: a stale or mistyped value is the search's to
/// explain (with a notice), so nothing here can fail.
#[derive(Params, Clone, Debug, Default, PartialEq)]
struct DirectoryParams {
    q: Option<String>,
    role: Option<String>,
    setting: Option<String>,
    region: Option<String>,
    mode: Option<String>,
    page: Option<String>,
}

impl From<DirectoryParams> for DirectoryQuery {
    fn from(p: DirectoryParams) -> Self {
        Self {
            q: p.q.unwrap_or_default(),
            role: p.role.unwrap_or_default(),
            setting: p.setting.unwrap_or_default(),
            region: p.region.unwrap_or_default(),
            mode: p.mode.unwrap_or_default(),
            page: p.page.unwrap_or_default(),
        }
    }
}

/// The filters' vocabularies could not be loaded: said where the filters would be (the
/// results below may still load).
fn filters_failed(error: crate::error::ApiError) -> AnyView {
    view! { <p role="alert">{error.to_string()}</p> }.into_any()
}

#[component]
pub fn BrowsePage() -> impl IntoView {
    let params = use_query::<DirectoryParams>();
    let query = Memo::new(move |_| DirectoryQuery::from(params.get().unwrap_or_default()));
    let vocab = Resource::new(|| (), |_| directory_vocabularies());
    let results = Resource::new(move || query.get(), search_volunteers);

    view! {
        <Title text="Browse volunteers" />
        <div class="wrap">
            <h1>"Browse volunteers"</h1>
            <p class="lead">
                "These library and information professionals are taking requests now. "
                "Filter by what interests you, then open a profile to learn more."
            </p>
            <div class="browse">
                <Loaded resource=vocab loading="Loading filters…" on_error=filters_failed
                    view=move |v| view! { <FilterForm vocab=v query /> } />
                <section class="results" aria-labelledby="results-title">
                    <h2 id="results-title" class="visually-hidden">"Results"</h2>
                    <Loaded resource=results loading="Loading volunteers…" transition=true on_error=error_notice
                        view=|page| view! { <ResultList page /> } />
                </section>
            </div>
        </div>
    }
}

#[component]
fn FilterForm(vocab: Vocabularies, query: Memo<DirectoryQuery>) -> impl IntoView {
    let q = Signal::derive(move || query.get().q);
    let role = Signal::derive(move || query.get().role);
    let setting = Signal::derive(move || query.get().setting);
    let region = Signal::derive(move || query.get().region);
    let mode = Signal::derive(move || query.get().mode);
    view! {
        <Form method="get" action="/volunteers" noscroll=true>
            <div class="filters" role="search" aria-label="Filter volunteers">
                <div class="field field-search">
                    <label for="q">"Search"</label>
                    <input
                        id="q"
                        name="q"
                        type="search"
                        maxlength="100"
                        autocomplete="off"
                        aria-describedby="q-hint"
                        value=q
                        on:input=move |ev| submit_form_soon(&ev, TYPING_PAUSE_MS)
                    />
                    <p id="q-hint" class="hint">"Names, job titles, specialties, words from a bio"</p>
                </div>
                <TermSelect id="role" name="role" label="Role" empty="Any role" auto_submit=true
                    choices=term_choices(&vocab.roles) selected=role />
                <TermSelect id="setting" name="setting" label="Setting" empty="Any setting" auto_submit=true
                    choices=term_choices(&vocab.settings) selected=setting />
                <TermSelect id="region" name="region" label="Region" empty="Any region" auto_submit=true
                    choices=term_choices(&vocab.regions) selected=region />
                <TermSelect id="mode" name="mode" label="Meets by" empty="Any way" auto_submit=true
                    choices=mode_choices() selected=mode />
                <div class="filter-actions">
                    <button type="submit">"Apply filters"</button>
                    <a href="/volunteers">"Clear filters"</a>
                </div>
            </div>
        </Form>
    }
}

#[component]
fn ResultList(page: DirectoryPage) -> impl IntoView {
    let DirectoryPage {
        cards,
        total,
        page: current,
        pages,
        query,
        notices,
    } = page;
    let summary = match total {
        0 => "No volunteers match these filters.".to_owned(),
        1 => "1 volunteer matches.".to_owned(),
        n => format!("{n} volunteers match."),
    };
    view! {
        {(!notices.is_empty()).then(|| view! {
            <div class="notice" role="note">
                <ul>{notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            </div>
        })}
        <p class="result-count" role="status" aria-live="polite" aria-atomic="true">{summary}</p>
        {if cards.is_empty() {
            view! {
                <p class="empty">
                    "Try fewer filters or other words, or "
                    <a href="/volunteers">"see everyone taking requests"</a>"."
                </p>
            }.into_any()
        } else {
            view! {
                <ul class="cards">
                    {cards.into_iter().map(|card| view! { <VolunteerCardView card /> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <Pagination label="Result pages" page=current pages href=move |n| query.href(n) />
    }
}
