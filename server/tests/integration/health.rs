use crate::support::TestApp;

#[tokio::test]
async fn healthz_reports_database_and_pool() {
    let app = TestApp::spawn(30).await;
    let res = app
        .client
        .get(app.url("/healthz"))
        .send()
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(
        res.headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    // Read as raw JSON on purpose: this answer is for monitors, not the app, and its field
    // names are the contract.
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], "ok");
    let listed = app
        .volunteers
        .iter()
        .filter(|v| v.profile.pool.listed)
        .count();
    let in_pool = app
        .volunteers
        .iter()
        .filter(|v| v.profile.status(app.today).is_available())
        .count();
    assert_eq!(body["volunteers_listed"], listed);
    assert_eq!(body["volunteers_in_pool"], in_pool);
    app.stop().await;
}

#[tokio::test]
async fn pages_send_security_headers_and_compress() {
    let app = TestApp::spawn(5).await;
    let res = app
        .client
        .get(app.url("/"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 200);
    let h = res.headers();
    assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
    assert_eq!(h.get("x-frame-options").unwrap(), "DENY");
    assert_eq!(h.get("content-encoding").unwrap(), "gzip");
    app.stop().await;
}

#[tokio::test]
async fn static_pages_render_on_the_server() {
    let app = TestApp::spawn(5).await;
    let (status, home) = app.get("/").await;
    assert_eq!(status, 200);
    assert!(home.contains("How it works"));
    assert!(home.contains("<html lang=\"en\""));
    let (status, guidelines) = app.get("/guidelines").await;
    assert_eq!(status, 200);
    for rule in [
        "Within two weeks",
        "30 minutes to an hour",
        "not a job interview",
        "résumé",
        "no fee",
    ] {
        assert!(guidelines.contains(rule), "guidelines mention {rule:?}");
    }
    app.stop().await;
}

#[tokio::test]
async fn unknown_paths_get_the_404_page() {
    let app = TestApp::spawn(5).await;
    let (status, body) = app.get("/no/such/page").await;
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"));
    app.stop().await;
}
