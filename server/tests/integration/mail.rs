//! Email through a real SMTP receiver process (PyPI aiosmtpd): an email queued while the
//! SMTP server is down stays in the outbox, is retried, and is delivered once it is up.

use app::server::repo::outbox;

use crate::support::{
    free_port, request_form, send_form, status_link, submit_request, SmtpReceiver, TestApp,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_outbox_survives_an_smtp_outage_and_delivers_when_it_is_back() {
    let port = free_port();
    let app = TestApp::spawn_config(0, |c| {
        c.email.smtp_url = Some(app::server::mail::SmtpUrl::new(format!(
            "smtp://127.0.0.1:{port}"
        )));
        c.email.timeout_seconds = 2;
    })
    .await;
    // The request is accepted while email is down.
    send_form(&app, &request_form("Noor Patel", "noor@example.org")).await;

    // Nothing listens on the port: attempts fail and are recorded, the email waits.
    let db = &app.state().db;
    let mut failed = None;
    for _ in 0..100 {
        let all = outbox::all(db).await.expect("outbox");
        if all.iter().any(|m| m.attempts >= 2 && !m.sent) {
            failed = Some(all);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let waiting = failed.expect("the email was tried at least twice and kept");
    assert_eq!(waiting.len(), 1);
    assert!(!waiting[0].sent);

    // The SMTP server comes up: the next retry delivers it, once.
    let receiver = SmtpReceiver::start(port).await;
    let got = receiver.wait_for(1).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, "noor@example.org");
    assert_eq!(got[0].subject, "Your informational-interview request");
    let link = status_link(&got[0].text);
    assert!(
        got[0].html.contains(&link),
        "the HTML part carries the same link"
    );
    let (status, _) = app.get(&link).await;
    assert_eq!(status, 200, "the emailed link opens the request");
    let mut sent = false;
    for _ in 0..50 {
        let all = outbox::all(db).await.expect("outbox");
        if all.iter().all(|m| m.sent) {
            sent = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(sent, "the outbox marks it sent");
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(
        receiver.wait_for(1).await.len(),
        1,
        "delivered exactly once"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_smtp_settings_emails_are_written_as_files() {
    let app = TestApp::spawn(0).await;
    send_form(&app, &request_form("Eli", "eli@example.org")).await;
    let files: Vec<_> = {
        let got = app.wait_for_mail(1).await;
        assert_eq!(got[0].to, "eli@example.org");
        std::fs::read_dir(&app.mail_dir)
            .expect("folder")
            .flatten()
            .map(|e| e.path())
            .collect()
    };
    assert!(
        files
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "eml")),
        "{files:?}"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_the_server_refuses_for_good_is_given_up_not_retried() {
    let port = free_port();
    let _receiver = SmtpReceiver::start_rejecting(port).await;
    let app = TestApp::spawn_config(0, |c| {
        c.email.smtp_url = Some(app::server::mail::SmtpUrl::new(format!(
            "smtp://127.0.0.1:{port}"
        )));
        c.email.timeout_seconds = 2;
        c.email.retry_base_seconds = 1;
    })
    .await;
    send_form(&app, &request_form("Gone", "gone@example.org")).await;
    let db = &app.state().db;
    let mut tried = Vec::new();
    for _ in 0..100 {
        tried = outbox::all(db).await.expect("outbox");
        if tried.iter().any(|m| m.attempts >= 1) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(tried.len(), 1);
    assert_eq!(tried[0].attempts, 1, "tried once");
    assert!(!tried[0].sent);
    // With a one-second backoff a temporary failure would have been retried by now.
    tokio::time::sleep(std::time::Duration::from_millis(3000)).await;
    let after = outbox::all(db).await.expect("outbox");
    assert_eq!(after[0].attempts, 1, "a permanent refusal is not retried");
    assert_eq!(
        outbox::counts(db).await.expect("counts"),
        (0, 0),
        "given up: neither waiting nor sent"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delivered_emails_are_purged_after_their_time() {
    let app = TestApp::spawn(0).await;
    submit_request(&app, "Ivy", "ivy@example.org").await;
    let db = &app.state().db;
    for _ in 0..50 {
        if outbox::counts(db).await.expect("counts") == (0, 1) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let now = chrono::Utc::now();
    outbox::purge_delivered(db, now - chrono::TimeDelta::days(1))
        .await
        .expect("purge");
    assert_eq!(
        outbox::counts(db).await.expect("counts"),
        (0, 1),
        "a recent one stays"
    );
    let kept = outbox::all(db).await.expect("outbox");
    assert_eq!(kept[0].to, "ivy@example.org");
    assert_eq!(
        kept[0].text, "",
        "a delivered email's body (with its private link) is forgotten"
    );
    outbox::purge_delivered(db, now + chrono::TimeDelta::minutes(1))
        .await
        .expect("purge");
    assert_eq!(
        outbox::counts(db).await.expect("counts"),
        (0, 0),
        "an old one goes"
    );
    app.stop().await;
}
