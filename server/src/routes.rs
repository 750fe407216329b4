//! The HTTP router: Leptos pages and server functions, static files, health, and the
//! layers around them (tracing, compression, security headers).

use app::server::AppState;
use app::server::{auth, ClientIp, RequestSession};
use app::{shell, App};
use axum::extract::Request;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub fn router(state: AppState, trust_forwarded_for: bool) -> Router {
    let routes = generate_route_list(App);
    Router::new()
        .route("/healthz", get(healthz))
        .route("/auth/login/{provider}", get(auth::login))
        .route("/auth/callback/{provider}", get(auth::callback))
        .route("/auth/signout", post(auth::signout))
        .leptos_routes(&state, routes, {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(CompressionLayer::new())
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
        .layer(middleware::from_fn_with_state(
            state.clone(),
            same_origin_posts,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), load_session))
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            client_ip(trust_forwarded_for, req, next)
        }))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
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

/// Refuses a state-changing request sent by another site (cross-site request forgery):
/// when the browser names the page's origin, it must be this site. Session cookies are
/// also `SameSite=Lax`, so a cross-site form post never carries one.
async fn same_origin_posts(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> axum::response::Response {
    let unsafe_method = !matches!(
        *req.method(),
        http::Method::GET | http::Method::HEAD | http::Method::OPTIONS
    );
    if unsafe_method {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok());
        let origin = req
            .headers()
            .get(header::ORIGIN)
            .and_then(|o| o.to_str().ok());
        if let Some(origin) = origin {
            // This site as the browser sees it: the configured public address, or (behind
            // no proxy) the Host the request was sent to.
            let same_host = host.is_some() && origin.split_once("://").map(|(_, h)| h) == host;
            let public = origin == state.auth.base_url();
            if !(same_host || public) {
                tracing::warn!(origin, host, "cross-site request refused");
                return (
                    StatusCode::FORBIDDEN,
                    "Cross-site requests are not accepted.",
                )
                    .into_response();
            }
        }
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
        && auth::cookie_value(req.headers(), auth::SESSION_COOKIE).is_some();
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
    use super::needs_account;

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
