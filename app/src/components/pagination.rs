use leptos::prelude::*;

/// "← Previous page · Page 2 of 9 · Next page →", as plain links (each list's `href` keeps
/// its filters). Shown only when there is more than one page. `pages` is the number of
/// pages when the list knows it ("Page 2 of 9"); otherwise ("Page 2") `has_next` says
/// whether another page follows.
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
    let several = pages.map_or(page > 1 || has_next, |pages| pages > 1);
    several.then(|| {
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

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn render(page: usize, pages: Option<usize>, has_next: bool) -> String {
        let owner = Owner::new();
        owner.set();
        let href = |n: usize| format!("/list?page={n}");
        match pages {
            Some(pages) => view! { <Pagination label="List pages" page pages href /> }.to_html(),
            None => view! { <Pagination label="List pages" page has_next href /> }.to_html(),
        }
    }

    #[test]
    fn a_single_page_has_no_pagination() {
        assert!(!render(1, Some(1), false).contains("<nav"));
        assert!(!render(1, None, false).contains("<nav"));
    }

    #[test]
    fn a_middle_page_links_both_ways_and_marks_itself() {
        let html = render(2, Some(3), false);
        assert!(html.contains(r#"aria-label="List pages""#), "{html}");
        assert!(html.contains(r#"href="/list?page=1" rel="prev""#), "{html}");
        assert!(html.contains(r#"href="/list?page=3" rel="next""#), "{html}");
        assert!(
            html.contains(r#"aria-current="page">Page 2 of 3<"#),
            "{html}"
        );
    }

    #[test]
    fn without_a_total_the_page_stands_alone() {
        let html = render(1, None, true);
        assert!(html.contains(r#"aria-current="page">Page 1<"#), "{html}");
        assert!(
            html.contains(r#"aria-hidden="true" class="disabled">← Previous page<"#),
            "{html}"
        );
        assert!(html.contains(r#"href="/list?page=2" rel="next""#), "{html}");
    }
}
