use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use crate::api::directory::{directory_vocabularies, search_volunteers};
use crate::components::auto_submit::{submit_form_soon, TYPING_PAUSE_MS};
use crate::components::pagination::Pagination;
use crate::components::volunteer_card::VolunteerCardView;
use crate::domain::{DirectoryPage, DirectoryQuery, MeetingMode, Term, Vocabularies};
use crate::pages::ErrorNotice;

fn query_from(map: &ParamsMap) -> DirectoryQuery {
    let get = |k: &str| map.get(k).unwrap_or_default();
    DirectoryQuery {
        q: get("q"),
        role: get("role"),
        setting: get("setting"),
        region: get("region"),
        mode: get("mode"),
        page: get("page"),
    }
}

#[component]
pub fn BrowsePage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(query_from));
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
                <Suspense fallback=|| view! { <p class="loading">"Loading filters…"</p> }>
                    {move || Suspend::new(async move {
                        match vocab.await {
                            Ok(v) => view! { <FilterForm vocab=v query /> }.into_any(),
                            Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                        }
                    })}
                </Suspense>
                <section class="results" aria-labelledby="results-title">
                    <h2 id="results-title" class="visually-hidden">"Results"</h2>
                    <Transition fallback=|| view! { <p class="loading">"Loading volunteers…"</p> }>
                        {move || Suspend::new(async move {
                            match results.await {
                                Ok(page) => view! { <ResultList page /> }.into_any(),
                                Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                            }
                        })}
                    </Transition>
                </section>
            </div>
        </div>
    }
}

#[component]
fn TermSelect(
    id: &'static str,
    label: &'static str,
    any: &'static str,
    terms: Vec<(String, String)>,
    selected: Signal<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=id on:change=move |ev| submit_form_soon(&ev, 0)>
                <option value="" selected=move || selected.get().is_empty()>{any}</option>
                {terms
                    .into_iter()
                    .map(|(value, text)| {
                        let v = value.clone();
                        view! {
                            <option value=value selected=move || selected.get() == v>{text}</option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

fn pairs(terms: &[Term]) -> Vec<(String, String)> {
    terms
        .iter()
        .map(|t| (t.slug.to_string(), t.label.clone()))
        .collect()
}

#[component]
fn FilterForm(vocab: Vocabularies, query: Memo<DirectoryQuery>) -> impl IntoView {
    let q = Signal::derive(move || query.get().q);
    let role = Signal::derive(move || query.get().role);
    let setting = Signal::derive(move || query.get().setting);
    let region = Signal::derive(move || query.get().region);
    let mode = Signal::derive(move || query.get().mode);
    let modes = MeetingMode::ALL
        .iter()
        .map(|m| (m.slug().to_owned(), m.label().to_owned()))
        .collect();
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
                <TermSelect id="role" label="Role" any="Any role" terms=pairs(&vocab.roles) selected=role />
                <TermSelect id="setting" label="Setting" any="Any setting" terms=pairs(&vocab.settings) selected=setting />
                <TermSelect id="region" label="Region" any="Any region" terms=pairs(&vocab.regions) selected=region />
                <TermSelect id="mode" label="Meets by" any="Any way" terms=modes selected=mode />
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
        <Pagination query page=current pages />
    }
}
