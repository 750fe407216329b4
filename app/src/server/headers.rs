//! The security headers that depend on the page being rendered: the Content-Security-Policy
//! with this render's nonce. (Headers that are the same for every response are set by the
//! router's layers in `server/src/routes.rs`.)

/// The policy of a rendered page: scripts only from this site or carrying this render's
/// nonce (Leptos puts it on its hydration and data scripts), WebAssembly allowed to
/// compile, styles and everything else only from this site, nothing may frame the page,
/// and forms post only here.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The policy of every response that is not a rendered page (data, redirects, files):
/// nothing may run or be loaded by it.
pub const DEFAULT_POLICY: &str =
    "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The policy of the short pages the router answers with on its own (a refused post, a
/// body too large): the style sheet, nothing else.
pub const PROBLEM_PAGE_POLICY: &str =
    "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Sets the page policy on the response being rendered. Called from the HTML shell, so
/// every page (the 404 page too) gets it, with the nonce of the same render.
pub fn set_page_policy() {
    use leptos::prelude::use_context;
    let (Some(nonce), Some(res)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        tracing::warn!("no nonce or response options while rendering: page policy not set");
        return;
    };
    if let Ok(v) = http::HeaderValue::from_str(&page_policy(&nonce.to_string())) {
        res.insert_header(http::header::CONTENT_SECURITY_POLICY, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_policy_names_the_nonce_and_allows_no_inline_code() {
        let p = page_policy("abc123");
        assert!(p.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"));
        assert!(!p.contains("unsafe-inline"));
        assert!(p.contains("frame-ancestors 'none'"));
    }
}
