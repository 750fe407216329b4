use leptos::prelude::*;

use crate::domain::DirectoryQuery;

/// "Previous · Page 2 of 9 · Next", as plain links that keep the filters.
#[component]
pub fn Pagination(query: DirectoryQuery, page: usize, pages: usize) -> impl IntoView {
    (pages > 1).then(|| {
        let prev = (page > 1).then(|| query.href(page - 1));
        let next = (page < pages).then(|| query.href(page + 1));
        view! {
            <nav class="pagination" aria-label="Result pages">
                {match prev {
                    Some(href) => view! { <a href=href rel="prev">"← Previous page"</a> }.into_any(),
                    None => view! { <span class="disabled" aria-hidden="true">"← Previous page"</span> }.into_any(),
                }}
                <span aria-current="page">{format!("Page {page} of {pages}")}</span>
                {match next {
                    Some(href) => view! { <a href=href rel="next">"Next page →"</a> }.into_any(),
                    None => view! { <span class="disabled" aria-hidden="true">"Next page →"</span> }.into_any(),
                }}
            </nav>
        }
    })
}
