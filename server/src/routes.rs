//! The HTTP router: Leptos pages and server functions, static files, health, and the
//! layers around them (tracing, compression, security headers).

use app::server::AppState;
use app::server::{auth, ClientIp, RequestSession};
use app::{shell, App};
use axum::extract::State;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// The largest request body accepted: every form here fits in a few KiB.
pub const BODY_LIMIT: usize = 64 * 1024;

/// The app's routes, worked out once per process. Leptos finds them by rendering the whole
/// app with resource loading suppressed through a flag that is global to the process
/// (`leptos_server::SuppressResourceLoad`): any page rendered on another thread while the
/// flag is up gets resources that never load, and never answers. Generated once, before
/// the first server serves, the flag is never raised again while pages render (several
/// servers in one process: the integration tests, a restart).
pub fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn router(state: AppState, trust_forwarded_for: bool) -> Router {
    let routes = route_list();
    let hsts = state
        .auth
        .base_url()
        .starts_with("https://")
        .then(|| HeaderValue::from_static("max-age=31536000"));
    // Layers run outermost (last added) first. The security headers sit outside the
    // middlewares that may answer on their own (sign-in redirect, refused posts, too
    // large bodies), so those answers carry them too.
    Router::new()
        .route("/healthz", get(healthz))
        .route("/auth/login/{provider}", get(auth::login))
        .route("/auth/callback/{provider}", get(auth::callback))
        .route("/auth/signout", post(auth::signout))
        .route("/committee/export/{file}", get(crate::export::export_csv))
        .leptos_routes(&state, routes, {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(CompressionLayer::new())
        // Bodies without a declared length are cut off here (server functions honour it).
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            same_origin_posts,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), load_session))
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            client_ip(trust_forwarded_for, req, next)
        }))
        .layer(middleware::from_fn(refuse_large_bodies))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            no_store_private,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(app::server::headers::DEFAULT_POLICY),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            hsts,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// A short page for an answer the middleware gives on its own, readable by a person whose
/// browser posted a form (no JavaScript), and plain enough for anything else.
fn problem_page(status: StatusCode, title: &str, message: &str) -> axum::response::Response {
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Career Connects</title>\
         <link rel=\"stylesheet\" href=\"/pkg/career-connects.css\"></head>\
         <body><main id=\"main\" class=\"wrap prose\"><h1>{title}</h1><p>{message}</p>\
         <p><a href=\"/\">Go to the home page</a></p></main></body></html>"
    );
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (
                header::CONTENT_SECURITY_POLICY,
                app::server::headers::PROBLEM_PAGE_POLICY,
            ),
        ],
        html,
    )
        .into_response()
}

/// Refuses a body larger than [`BODY_LIMIT`] from its declared length, before anything
/// reads it.
async fn refuse_large_bodies(req: Request, next: Next) -> axum::response::Response {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > BODY_LIMIT as u64) {
        tracing::warn!(length = declared, path = %req.uri().path(), "request body too large");
        return problem_page(
            StatusCode::PAYLOAD_TOO_LARGE,
            "That was too much to send",
            "The form you sent is far larger than any of ours can be. Please go back, \
             shorten what you wrote, and send it again.",
        );
    }
    next.run(req).await
}

/// Pages anyone may keep in a cache: they show nothing about the visitor. Everything else
/// (private links, signed-in pages, forms that show what was typed, their data) is
/// `no-store`, so a shared library computer keeps no copy after the person leaves.
fn public_path(path: &str) -> bool {
    let under = |prefix: &str| path == prefix || path.starts_with(&format!("{prefix}/"));
    path == "/"
        || path == "/guidelines"
        || under("/volunteers")
        || under("/pkg")
        || under("/api/directory")
}

async fn no_store_private(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> axum::response::Response {
    let signed_in = state
        .auth
        .read_cookie(req.headers(), auth::SESSION_COOKIE)
        .is_some();
    let path = req.uri().path();
    // Static files (the wasm, JS and style sheet) are the same for everyone: never re-fetched.
    let private = !path.starts_with("/pkg/") && (signed_in || !public_path(path));
    let mut res = next.run(req).await;
    if private {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

#[derive(serde::Serialize)]
struct Health {
    status: &'static str,
    database: &'static str,
    volunteers_listed: usize,
    volunteers_in_pool: usize,
}

/// 200 when the database answers, 503 when it does not.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    let db_ok = match app::server::repo::ping(&state.db).await {
        Ok(()) => true,
        Err(e) => {
            tracing::error!(%e, "health check: database unreachable");
            false
        }
    };
    let (listed, in_pool) = {
        let index = state.directory.read();
        (index.len(), index.pool_size(state.today()))
    };
    let body = Health {
        status: if db_ok { "ok" } else { "unavailable" },
        database: if db_ok { "ok" } else { "unreachable" },
        volunteers_listed: listed,
        volunteers_in_pool: in_pool,
    };
    let code = if db_ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (code, [(header::CACHE_CONTROL, "no-store")], Json(body))
}

/// Whether a state-changing request comes from a page of this site. Decided by
/// `Sec-Fetch-Site` when the browser sends it (every current browser does), else by
/// `Origin`, else allowed (no browser context: session cookies are also `SameSite=Lax`, so
/// a cross-site form post never carries one). `Origin` alone is not enough: a page with
/// `Referrer-Policy: no-referrer` (the private status page) makes the browser send
/// `Origin: null` with its own same-origin form posts.
pub fn from_this_site(headers: &http::HeaderMap, public_url: &str) -> bool {
    let get = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if let Some(site) = get("sec-fetch-site") {
        // "none": the person started it themselves (typed address, bookmark).
        return matches!(site, "same-origin" | "none");
    }
    match get(header::ORIGIN.as_str()) {
        Some(origin) => {
            // This site as the browser sees it: the configured public address, or (behind
            // no proxy) the Host the request was sent to.
            let host = get(header::HOST.as_str());
            let same_host = host.is_some() && origin.split_once("://").map(|(_, h)| h) == host;
            same_host || origin == public_url
        }
        None => true,
    }
}

/// Refuses a state-changing request sent by another site (cross-site request forgery),
/// with a page that says what happened.
async fn same_origin_posts(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> axum::response::Response {
    let unsafe_method = !matches!(
        *req.method(),
        http::Method::GET | http::Method::HEAD | http::Method::OPTIONS
    );
    if unsafe_method && !from_this_site(req.headers(), state.auth.base_url()) {
        tracing::warn!(
            origin = ?req.headers().get(header::ORIGIN),
            site = ?req.headers().get("sec-fetch-site"),
            path = %req.uri().path(),
            "cross-site request refused"
        );
        return problem_page(
            StatusCode::FORBIDDEN,
            "This form was sent from another website",
            "For your safety, Career Connects only accepts forms sent from its own pages. \
             Please open the page on this site again and send the form from there.",
        );
    }
    next.run(req).await
}

/// Looks up the session of a request that carries a session cookie, once, before the
/// page or server function runs; they find it in the request's extensions.
async fn load_session(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> axum::response::Response {
    let path = req.uri().path();
    let wants_session = !path.starts_with("/pkg/")
        && path != "/healthz"
        && state
            .auth
            .read_cookie(req.headers(), auth::SESSION_COOKIE)
            .is_some();
    if wants_session {
        // A failed lookup is logged there; the page then treats the person as signed out.
        if let Ok(session) = auth::session_of(&state.db, &state.auth, req.headers()).await {
            req.extensions_mut().insert(RequestSession(session));
        }
    }
    // A page that needs an account, opened by someone signed out, goes to the sign-in page
    // here, before rendering (the pages would redirect too, but this way it never depends
    // on when their data arrives).
    let signed_in = req
        .extensions()
        .get::<RequestSession>()
        .is_some_and(|s| s.0.is_some());
    if !signed_in && req.method() == axum::http::Method::GET && needs_account(req.uri().path()) {
        let here = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/");
        let next: String = form_urlencoded::byte_serialize(here.as_bytes()).collect();
        return (
            StatusCode::FOUND,
            [(header::LOCATION, format!("/signin?next={next}"))],
        )
            .into_response();
    }
    next.run(req).await
}

/// Pages only for people who have signed in.
fn needs_account(path: &str) -> bool {
    let under = |prefix: &str| path == prefix || path.starts_with(&format!("{prefix}/"));
    under("/me") || under("/committee") || under("/admin")
}

/// Records the client's address for the public forms' rate limits: the peer's, or behind a
/// trusted proxy the last `X-Forwarded-For` entry (the one that proxy added: entries
/// before it come from the client and can be made up).
async fn client_ip(
    trust_forwarded_for: bool,
    mut req: Request,
    next: Next,
) -> axum::response::Response {
    let forwarded = trust_forwarded_for
        .then(|| {
            req.headers()
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next_back())
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        })
        .flatten();
    let ip = forwarded.or_else(|| {
        req.extensions()
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0.ip().to_string())
    });
    if let Some(ip) = ip {
        req.extensions_mut().insert(ClientIp(ip));
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::{from_this_site, needs_account, public_path};
    use axum::http::{HeaderMap, HeaderValue};

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn posts_are_judged_by_fetch_metadata_then_origin() {
        let site = "https://connects.example.org";
        // The status page's own no-JavaScript post: Origin null, but same-origin.
        assert!(from_this_site(
            &headers(&[("sec-fetch-site", "same-origin"), ("origin", "null")]),
            site
        ));
        assert!(!from_this_site(
            &headers(&[
                ("sec-fetch-site", "cross-site"),
                ("origin", "https://connects.example.org")
            ]),
            site
        ));
        assert!(!from_this_site(
            &headers(&[("sec-fetch-site", "same-site")]),
            site
        ));
        // Older browsers: Origin decides.
        assert!(from_this_site(
            &headers(&[("origin", "https://connects.example.org")]),
            site
        ));
        assert!(from_this_site(
            &headers(&[
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000")
            ]),
            site
        ));
        assert!(!from_this_site(
            &headers(&[("origin", "https://evil.example")]),
            site
        ));
        assert!(!from_this_site(&headers(&[("origin", "null")]), site));
        // No browser context at all.
        assert!(from_this_site(&headers(&[]), site));
    }

    #[test]
    fn only_pages_about_nobody_may_be_cached() {
        for p in [
            "/",
            "/guidelines",
            "/volunteers",
            "/volunteers/ada-1",
            "/pkg/app.wasm",
            "/api/directory/search",
        ] {
            assert!(public_path(p), "{p}");
        }
        for p in [
            "/r/abc",
            "/request",
            "/request/link",
            "/me",
            "/committee/requests",
            "/api/requests/status",
            "/api/committee/queue",
            "/signin",
            "/volunteersx",
        ] {
            assert!(!public_path(p), "{p}");
        }
    }

    #[test]
    fn pages_for_people_signed_in() {
        for p in [
            "/me",
            "/me/profile",
            "/me/referrals",
            "/committee/requests",
            "/committee/requests/x1",
            "/admin/people",
        ] {
            assert!(needs_account(p), "{p}");
        }
        for p in [
            "/",
            "/media",
            "/memo",
            "/request",
            "/r/abc",
            "/volunteers",
            "/signin",
            "/committees",
            "/api/committee/queue",
        ] {
            assert!(!needs_account(p), "{p}");
        }
    }
}
