use leptos::prelude::*;

/// "← Previous page · Page 2 of 9 · Next page →", as plain links (each list's `href` keeps
/// its filters). Shown only when there is more than one page. `pages` is the number of
/// pages when the list knows it ("Page 2"), otherwise `has_next` says whether one follows.
#[component]
pub fn Pagination(
    /// What the pages are of, for people using a screen reader: "Result pages".
    label: &'static str,
    page: usize,
    #[prop(optional)] pages: Option<usize>,
    #[prop(optional)] has_next: bool,
    /// The link to a page number.
    href: impl Fn(usize) -> String + 'static,
) -> impl IntoView {
    let has_next = pages.map_or(has_next, |pages| page < pages);
    (page > 1 || has_next).then(|| {
        let prev = (page > 1).then(|| href(page - 1));
        let next = has_next.then(|| href(page + 1));
        let current = match pages {
            Some(pages) => format!("Page {page} of {pages}"),
            None => format!("Page {page}"),
        };
        view! {
            <nav class="pagination" aria-label=label>
                {match prev {
                    Some(href) => view! { <a href=href rel="prev">"← Previous page"</a> }.into_any(),
                    None => view! { <span class="disabled" aria-hidden="true">"← Previous page"</span> }.into_any(),
                }}
                <span aria-current="page">{current}</span>
                {match next {
                    Some(href) => view! { <a href=href rel="next">"Next page →"</a> }.into_any(),
                    None => view! { <span class="disabled" aria-hidden="true">"Next page →"</span> }.into_any(),
                }}
            </nav>
        }
    })
}
