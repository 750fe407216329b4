//! `GET /committee/export/{requests,matches,feedback}.csv?from=…&to=…`: the committee's
//! CSV export of a range, streamed a page of requests at a time
//! (`app::server::service::export`). Committee only; a range that is not one is refused
//! with why.

use app::domain::account::does_committee_work;
use app::domain::stats::RangeForm;
use app::server::service::export::{Exporter, Kind};
use app::server::{AppState, RequestSession};
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

pub async fn export_csv(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(range): Query<RangeForm>,
    session: Option<Extension<RequestSession>>,
) -> Response {
    let plain = |code: StatusCode, text: &str| {
        (
            code,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            text.to_owned(),
        )
            .into_response()
    };
    let Some(account) = session.and_then(|Extension(s)| s.0).map(|s| s.account) else {
        return plain(StatusCode::UNAUTHORIZED, "Please sign in.");
    };
    if !does_committee_work(&account.roles) {
        return plain(StatusCode::FORBIDDEN, "Only the committee can export.");
    }
    let Some(kind) = Kind::from_file(&file) else {
        return plain(StatusCode::NOT_FOUND, "No such export.");
    };
    let (from, to) = match range.range(state.today()) {
        Ok(r) => r,
        Err(why) => return plain(StatusCode::UNPROCESSABLE_ENTITY, &why),
    };
    let name = format!("career-connects-{}-{from}-to-{to}.csv", kind.name());
    let chunks = futures_util::stream::unfold(
        Some((Exporter::new(kind, from, to), state)),
        |next| async move {
            let (mut exporter, state) = next?;
            match exporter.next_chunk(&state).await {
                Ok(Some(chunk)) => Some((Ok(chunk), Some((exporter, state)))),
                Ok(None) => None,
                Err(e) => {
                    // The status is sent already: the file ends short, and the log says why.
                    tracing::error!(error = %e, "CSV export failed midway");
                    Some((Err(std::io::Error::other("export failed")), None))
                }
            }
        },
    );
    // Fused: the compression layer may poll the body once more after its end, which an
    // unfused `unfold` answers with a panic.
    let chunks = futures_util::StreamExt::fuse(chunks);
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        Body::from_stream(chunks),
    )
        .into_response()
}
