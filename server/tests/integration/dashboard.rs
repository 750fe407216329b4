//! The committee's dashboard over HTTP: the rollup counts the database keeps in the same
//! transaction as each change equal a recount from the raw rows after a whole life of
//! requests (matches, an undone match, a withdrawal, feedback given and changed, a request
//! ending on its own), and the dashboard shows them.

use std::collections::BTreeMap;

use app::api::committee::DashboardPage;
use app::domain::request::RequestStatus;
use app::domain::stats::recount;
use app::server::repo::stats;
use chrono::TimeDelta;

use crate::support::{ask_and_match, submit_request, volunteer, TestApp};

async fn assert_rollups_equal_a_recount(app: &TestApp) {
    let db = &app.state().db;
    let (requests, feedback) = stats::raw(db).await.expect("raw rows");
    let expected = recount(&requests, &feedback);
    let mut stored: BTreeMap<(String, String), i64> = BTreeMap::new();
    for c in stats::all_cells(db).await.expect("counts") {
        if c.n != 0 {
            stored.insert((c.period, c.metric), c.n);
        }
    }
    assert!(!expected.is_empty());
    assert_eq!(stored, expected, "the rollups against a recount");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rollups_follow_every_change_and_the_dashboard_shows_them() {
    let app = TestApp::spawn(3).await;
    let committee = app.committee().await;
    let (_vera, vera) = volunteer(&app, "Vera Volunteer", "vera.contact@example.org").await;
    let (_otto, otto) = volunteer(&app, "Otto Other", "otto.contact@example.org").await;
    let (_, ana) = ask_and_match(&app, &committee, "Ana One", "ana@example.org", &vera).await;
    let (ben_key, _) = ask_and_match(&app, &committee, "Ben Two", "ben@example.org", &vera).await;
    let cy = submit_request(&app, "Cy Three", "cy@example.org").await;
    let _dee = submit_request(&app, "Dee Four", "dee@example.org").await;
    assert_rollups_equal_a_recount(&app).await;

    // Ben's match is undone, then made with Otto: still one first match.
    let () = app
        .answer(&committee, "committee/unmatch", &[("request", &ben_key)])
        .await;
    app.match_with(&committee, &ben_key, &otto).await;
    // Cy withdraws; Ana gives feedback on the day of her conversation, then changes it.
    let () = app
        .answer(&app.client, "requests/withdraw", &[("token", &cy.token)])
        .await;
    let today = app.state().today().to_string();
    let () = app
        .answer(
            &app.client,
            "requests/meeting",
            &[("token", &ana.token), ("day", &today)],
        )
        .await;
    let answer = |rating: &'static str, comment: &'static str| {
        vec![
            ("token", ana.token.as_str()),
            ("form[happened]", "yes"),
            ("form[mode]", "phone"),
            ("form[rating]", rating),
            ("form[useful]", "skills"),
            ("form[comment]", comment),
        ]
    };
    let () = app
        .answer(&app.client, "requests/feedback/save", &answer("3", ""))
        .await;
    let () = app
        .answer(
            &app.client,
            "requests/feedback/save",
            &answer("5", "Clear and kind; I know what to learn next."),
        )
        .await;
    assert_rollups_equal_a_recount(&app).await;

    let page: DashboardPage = app.answer(&committee, "committee/dashboard", &[]).await;
    assert_eq!(page.error, None);
    let d = page.dashboard.expect("figures");
    assert_eq!(d.requests, 4);
    assert_eq!((d.matched, d.match_rate), (2, Some(50)));
    assert_eq!(
        (d.ttm_median, d.ttm_p90),
        (Some(0), Some(0)),
        "matched the same day"
    );
    assert_eq!(d.matched_within_14, 2);
    assert_eq!(d.backlog, 1, "Dee waits");
    let count = |s: RequestStatus| d.statuses.iter().find(|(x, _)| *x == s).map(|(_, n)| *n);
    assert_eq!(count(RequestStatus::Completed), Some(1));
    assert_eq!(count(RequestStatus::Matched), Some(1));
    assert_eq!(count(RequestStatus::Withdrawn), Some(1));
    assert_eq!(count(RequestStatus::Open), Some(1));
    assert_eq!(
        (d.feedback, d.interviews, d.response_rate),
        (1, 1, Some(50))
    );
    assert_eq!(
        d.ratings,
        [0, 0, 0, 0, 1],
        "the changed answer replaced the first"
    );
    assert_eq!(d.comments.len(), 1);
    assert!(!format!("{:?}", d.comments).contains("Ana"), "no names");

    // A month later Ben's request ends on its own; the counts follow.
    app.advance_clock(TimeDelta::days(31));
    let mut lapsed_seen = false;
    for _ in 0..100 {
        let d = app
            .answer::<DashboardPage>(&committee, "committee/dashboard", &[])
            .await
            .dashboard
            .expect("figures");
        let lapsed = d.statuses.iter().find(|(s, _)| *s == RequestStatus::Lapsed);
        if lapsed.map(|(_, n)| *n) == Some(1) {
            lapsed_seen = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(lapsed_seen, "Ben's request ended without news");
    assert_rollups_equal_a_recount(&app).await;

    // Another range: nothing in it; a range that is not one is refused with why.
    let empty: DashboardPage = app
        .answer(
            &committee,
            "committee/dashboard",
            &[("form[from]", "2020-01-01"), ("form[to]", "2020-12-31")],
        )
        .await;
    assert_eq!(empty.dashboard.map(|d| d.requests), Some(0));
    let bad: DashboardPage = app
        .answer(
            &committee,
            "committee/dashboard",
            &[("form[from]", "2026-05-01"), ("form[to]", "2026-04-01")],
        )
        .await;
    assert_eq!(bad.error.as_deref(), Some("From must be on or before To."));
    assert!(bad.dashboard.is_none());
    assert_eq!(bad.form.from, "2026-05-01", "the range as typed comes back");

    // The page itself, without JavaScript.
    let (status, html) = app.get_as(&committee, "/committee/dashboard").await;
    assert_eq!(status, 200);
    assert!(html.contains("Requests per month"));
    assert!(html.contains("<svg"));
    assert!(html.contains("Clear and kind"));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_csv_export_streams_a_range_safely_for_spreadsheets() {
    let app = TestApp::spawn(0).await;
    let committee = app.committee().await;
    let (vera_client, vera) = volunteer(&app, "Vera Volunteer", "vera.contact@example.org").await;
    let (_, ana) = ask_and_match(&app, &committee, "Ana One", "ana@example.org", &vera).await;
    let _ben = submit_request(&app, "Ben Two", "ben@example.org").await;
    let today = app.state().today().to_string();
    let () = app
        .answer(
            &app.client,
            "requests/meeting",
            &[("token", &ana.token), ("day", &today)],
        )
        .await;
    let () = app
        .answer(
            &app.client,
            "requests/feedback/save",
            &[
                ("token", ana.token.as_str()),
                ("form[happened]", "yes"),
                ("form[mode]", "video"),
                ("form[rating]", "4"),
                ("form[comment]", "=HYPERLINK(\"http://x\"), said \"thanks\""),
            ],
        )
        .await;

    let get = |client: &reqwest::Client, path: &str| {
        let req = client.get(app.url(path));
        async move {
            let res = req.send().await.expect("export");
            let status = res.status().as_u16();
            let kind = res
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            (status, kind, res.text().await.expect("body"))
        }
    };
    let range = format!("from={today}&to={today}");
    let (status, kind, requests) = get(
        &committee,
        &format!("/committee/export/requests.csv?{range}"),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(kind, "text/csv; charset=utf-8");
    assert!(
        requests.starts_with("\u{feff}request,made_on,status,"),
        "{requests}"
    );
    let lines: Vec<&str> = requests.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 3, "a header and two requests: {requests}");
    assert!(!requests.contains("ana@example.org"), "no addresses");
    let (_, _, matches) = get(
        &committee,
        &format!("/committee/export/matches.csv?{range}"),
    )
    .await;
    assert!(matches.contains(",Vera Volunteer,"), "{matches}");
    let (_, _, feedback) = get(
        &committee,
        &format!("/committee/export/feedback.csv?{range}"),
    )
    .await;
    assert!(
        feedback.contains(",\"'=HYPERLINK(\"\"http://x\"\"), said \"\"thanks\"\"\"\r\n"),
        "neutralised and quoted: {feedback}"
    );
    // As browsers ask for it, compressed: the compression layer polls the stream once more
    // after its end (an unfused stream panicked there and the file was cut off).
    let compressed = committee
        .get(app.url(&format!("/committee/export/feedback.csv?{range}")))
        .header(reqwest::header::ACCEPT_ENCODING, "br")
        .send()
        .await
        .expect("export");
    assert_eq!(
        compressed
            .headers()
            .get("content-encoding")
            .and_then(|v| v.to_str().ok()),
        Some("br")
    );
    let body = compressed.bytes().await.expect("the whole compressed file");
    assert!(!body.is_empty());
    // Another range holds nothing but the header.
    let (_, _, none) = get(
        &committee,
        "/committee/export/requests.csv?from=2020-01-01&to=2020-01-31",
    )
    .await;
    assert_eq!(none.trim_end().split("\r\n").count(), 1);

    // Only the committee; a range that is not one is refused with why.
    let (status, _, _) = get(
        &vera_client,
        &format!("/committee/export/requests.csv?{range}"),
    )
    .await;
    assert_eq!(status, 403);
    let (status, _, why) = get(&committee, "/committee/export/requests.csv?from=2026-02-30").await;
    assert_eq!(status, 422);
    assert!(why.contains("give a date"), "{why}");
    let (status, _, _) = get(&committee, "/committee/export/people.csv").await;
    assert_eq!(status, 404);
    let anonymous = crate::support::new_client();
    let res = anonymous
        .get(app.url("/committee/export/requests.csv"))
        .send()
        .await
        .expect("export");
    assert_eq!(res.status().as_u16(), 302, "to sign-in");
    app.stop().await;
}
