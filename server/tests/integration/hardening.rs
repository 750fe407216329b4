//! The security and reliability audit's findings (issue 10), each over HTTP against the
//! real server: oversized input, cross-site posts, a mail server
//! that stalls, throttled anonymous writes, a slow identity provider, administrators who
//! leave the configuration, security headers, and a strict identity provider.

use std::time::Duration;

use app::api::account::SignInInfo;
use app::api::admin::PersonSummary;
use app::domain::request::RequestStatus;
use app::domain::Role;
use app::error::ApiError;
use app::server::repo::outbox;

use crate::support::{
    create_profile, field_errors, location, new_client, pairs, profile, request_form, set,
    silent_listener, submit_request, PrivateLink, SmtpReceiver, TestApp, ADMIN_EMAIL,
};

/// How many rows `table` holds.
async fn count(app: &TestApp, table: &str) -> i64 {
    let mut res = app
        .state()
        .db
        .query("RETURN count(SELECT id FROM type::table($t))")
        .bind(("t", table.to_owned()))
        .await
        .expect("count");
    let n: Option<i64> = res.take(0).expect("a number");
    n.unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_body_is_refused_at_once_and_the_server_keeps_answering() {
    let app = TestApp::spawn(0).await;
    let client = app.sign_in("big@example.org", "Big Poster").await;
    // 2 MiB of distinct specialties: once minutes of CPU per request (H1).
    let huge: String = (0..400_000)
        .map(|i| format!("{i:x}"))
        .collect::<Vec<_>>()
        .join(",");
    assert!(huge.len() > 2 * 1024 * 1024, "{}", huge.len());
    let form = set(
        profile("Big Poster", "big@example.org", "5"),
        "specialties",
        &huge,
    );
    let posts: Vec<_> = (0..2)
        .map(|_| {
            let client = client.clone();
            let url = app.url("/api/volunteer/save");
            let form = form.clone();
            tokio::spawn(async move {
                // The server answers 413 before reading the body and then closes the
                // connection; kept in the pool, it could be picked for the next request
                // just as it closes (seen once: IncompleteMessage on the call below).
                client
                    .post(url)
                    .header(reqwest::header::CONNECTION, "close")
                    .form(&pairs(&form))
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
            })
        })
        .collect();
    let (health, _) = app.get("/healthz").await;
    assert_eq!(health, 200, "the server answers meanwhile");
    for p in posts {
        assert_eq!(p.await.expect("joined").expect("answered"), 413);
    }
    // Under the body limit but over the field's: refused with a message, nothing stored.
    let long = set(
        profile("Big Poster", "big@example.org", "5"),
        "specialties",
        &"archives, ".repeat(5_000),
    );
    let refusal = app.refusal(&client, "volunteer/save", &pairs(&long)).await;
    assert_eq!(refusal.status(), 422);
    let errors = field_errors(refusal);
    assert!(
        errors.iter().any(|e| e.field() == "Specialties"),
        "{errors:?}"
    );
    assert_eq!(count(&app, "volunteer").await, 0, "nothing stored");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posts_are_judged_by_fetch_metadata_and_foreign_ones_get_a_page() {
    let app = TestApp::spawn(0).await;
    let PrivateLink { token, .. } = submit_request(&app, "Ines Ortega", "ines@example.org").await;

    // A foreign site's post, as a browser sends it: refused with a page a person can read.
    for endpoint in [
        "/api/requests/withdraw",
        "/api/requests/submit",
        "/auth/signout",
    ] {
        let res = app
            .client
            .post(app.url(endpoint))
            .header("origin", "https://evil.example")
            .header("sec-fetch-site", "cross-site")
            .header("accept", "text/html")
            .form(&[("token", token.as_str())])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status().as_u16(), 403, "{endpoint}");
        assert!(res
            .headers()
            .get("content-type")
            .is_some_and(|v| v.to_str().unwrap_or("").starts_with("text/html")));
        let page = res.text().await.expect("body");
        assert!(page.contains("sent from another website"), "{page}");
    }
    assert_eq!(
        app.status_view(&token).await.status,
        RequestStatus::Open,
        "the foreign post changed nothing"
    );

    // The status page's own form without JavaScript: Origin null (its referrer policy is
    // no-referrer), but the browser says same-origin.
    let res = app
        .client
        .post(app.url("/api/requests/withdraw"))
        .header("origin", "null")
        .header("sec-fetch-site", "same-origin")
        .header("accept", "text/html")
        .form(&[("token", token.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status().as_u16(), 302);
    assert_eq!(location(&res), format!("/r/{token}?withdrawn=1"));
    assert_eq!(
        app.status_view(&token).await.status,
        RequestStatus::Withdrawn
    );

    // Committee actions from another site are refused too.
    let committee = app.committee().await;
    let res = committee
        .post(app.url("/api/committee/close"))
        .header("origin", "https://evil.example")
        .form(&[("request", "x"), ("reason", "spam")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status().as_u16(), 403);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mail_server_that_never_answers_delays_email_but_does_not_stop_it() {
    // Accepts connections and never says a word (a tarpit, a half-open connection).
    let (port, silent) = silent_listener().await;
    let app = TestApp::spawn_config(0, |c| {
        c.email.smtp_url = Some(app::server::mail::SmtpUrl::new(format!(
            "smtp://127.0.0.1:{port}"
        )));
        c.email.timeout_seconds = 1;
    })
    .await;
    let (status, _) = app
        .call(
            "requests/submit",
            &pairs(&request_form("Tao Chen", "tao@example.org")),
        )
        .await;
    assert_eq!(status, 200);
    let db = &app.state().db;
    let mut timed_out = None;
    for _ in 0..100 {
        let all = outbox::all(db).await.expect("outbox");
        if let Some(m) = all.iter().find(|m| m.attempts >= 1) {
            timed_out = Some(m.clone());
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let m = timed_out.expect("the stalled exchange was given up and recorded");
    assert!(!m.sent);
    assert!(
        m.last_error
            .as_deref()
            .is_some_and(|e| e.contains("no answer")),
        "{m:?}"
    );
    // The server comes back (on the same address): the retry delivers, once.
    silent.abort();
    let _ = silent.await;
    // The port is free again once the listener is gone.
    let receiver = SmtpReceiver::start(port).await;
    let got = receiver.wait_for(1).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, "tao@example.org");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anonymous_writes_are_counted_before_anything_is_stored() {
    let app = TestApp::spawn_config(0, |c| {
        c.program.requests_per_ip_per_hour = 5;
        c.program.sign_ins_per_ip_per_hour = 3;
    })
    .await;
    // Invalid forms without JavaScript, each from a new browser: each refusal keeps a
    // draft, so each must count.
    let bad = set(
        request_form("Ro", "ro@example.org"),
        "learning_goal",
        "short",
    );
    let mut limited = 0;
    for _ in 0..20 {
        let res = new_client()
            .post(app.url("/api/requests/submit"))
            .header("accept", "text/html")
            .form(&pairs(&bad))
            .send()
            .await
            .expect("post");
        assert_eq!(res.status().as_u16(), 302);
        if location(&res) == "/request?problem=limit" {
            limited += 1;
        }
    }
    assert_eq!(limited, 15, "refused after the 5th");
    assert!(
        count(&app, "form_draft").await <= 5,
        "no draft past the limit"
    );
    let (status, page) = app.get("/request?problem=limit").await;
    assert_eq!(status, 200);
    assert!(page.contains("Too many"), "the form says why");

    // Asking for links counts on the same limit.
    let (status, _) = app
        .call("requests/link", &[("email", "ro@example.org")])
        .await;
    assert_eq!(status, 429);

    // Sign-ins started: each writes an attempt, so they are bounded too.
    let mut refused = 0;
    for _ in 0..10 {
        let res = new_client()
            .get(app.url("/auth/login/local"))
            .send()
            .await
            .expect("login");
        if location(&res) == "/signin?error=too-many" {
            refused += 1;
        }
    }
    assert_eq!(refused, 7);
    assert!(count(&app, "login_attempt").await <= 3);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_browser_keeps_one_draft_of_bounded_size() {
    let app = TestApp::spawn(0).await;
    let browser = new_client();
    let long_goal = "x".repeat(60_000);
    for goal in ["short", "still short", long_goal.as_str()] {
        let form = set(request_form("Ro", "ro@example.org"), "learning_goal", goal);
        let res = browser
            .post(app.url("/api/requests/submit"))
            .header("accept", "text/html")
            .form(&pairs(&form))
            .send()
            .await
            .expect("post");
        assert_eq!(res.status().as_u16(), 302);
    }
    assert_eq!(
        count(&app, "form_draft").await,
        1,
        "the browser's draft key is reused"
    );
    let mut res = app
        .state()
        .db
        .query("RETURN math::max((SELECT VALUE string::len(body) FROM form_draft))")
        .await
        .expect("size");
    let size: Option<i64> = res.take(0).expect("size");
    assert!(
        size.unwrap_or(0) < 8_000,
        "a 60,000-character goal is kept clipped: {size:?}"
    );
    // The person still sees what they typed (clipped) and why it was refused.
    let res = browser.get(app.url("/request")).send().await.expect("form");
    let page = res.text().await.expect("page");
    assert!(page.contains("xxxxxxxxxx"), "what was typed comes back");
    assert!(page.contains("at most 1500"), "with the reason");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_provider_that_never_answers_does_not_hold_up_the_others() {
    let (port, silent) = silent_listener().await;
    let app = TestApp::spawn_with(0, |a| {
        let mut slow = a.providers[0].clone();
        slow.id = "slow".into();
        slow.issuer = format!("http://127.0.0.1:{port}");
        a.providers.push(slow);
    })
    .await;
    let slow_login = {
        let url = app.url("/auth/login/slow");
        tokio::spawn(async move { new_client().get(url).send().await.map(|r| location(&r)) })
    };
    // Give the slow sign-in time to reach the provider and wait on it.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let res = new_client()
        .get(app.url("/auth/login/local"))
        .send()
        .await
        .expect("login");
    assert_eq!(res.status().as_u16(), 303);
    assert!(
        location(&res).contains("code_challenge="),
        "sent to the local provider"
    );
    assert!(
        !slow_login.is_finished(),
        "the other provider's sign-in went through while the slow one was still waiting"
    );
    slow_login.abort();
    silent.abort();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_strict_provider_gives_name_email_and_admin_through_userinfo() {
    let app = TestApp::spawn(0).await;
    let admin = app.sign_in_strict(ADMIN_EMAIL, "Strict Admin", true).await;
    let v = app.viewer(&admin).await.expect("signed in");
    assert_eq!(v.name, "Strict Admin", "the name came from UserInfo");
    assert_eq!(v.roles, [Role::Admin], "{v:?}");
    let info: SignInInfo = app.answer(&admin, "account/sign-in", &[]).await;
    assert_eq!(
        info.viewer.and_then(|v| v.email).as_deref(),
        Some(ADMIN_EMAIL)
    );
    let _: Vec<PersonSummary> = app.answer(&admin, "admin/people", &[]).await;

    // The same address, but the provider does not vouch for it: no administrator.
    let unverified = app.sign_in_strict(ADMIN_EMAIL, "Not Verified", false).await;
    let v = app.viewer(&unverified).await.expect("signed in");
    assert_eq!(v.roles, [], "{v:?}");
    assert_eq!(
        app.refusal(&unverified, "admin/people", &[]).await,
        ApiError::Forbidden
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_removed_from_the_configuration_loses_the_role_at_restart() {
    let app = TestApp::spawn(0).await;
    let admin = app.committee().await;
    let _: Vec<PersonSummary> = app.answer(&admin, "admin/people", &[]).await;
    // The operator takes the address out of the lenient provider's list (the strict
    // provider still lists it, but only for the people it vouches for).
    let app = app
        .restart(|c| {
            c.auth.providers[0].admin_emails.clear();
        })
        .await;
    assert_eq!(
        app.refusal(&admin, "admin/people", &[]).await,
        ApiError::Unauthorized,
        "the session ended"
    );
    let again = app.sign_in(ADMIN_EMAIL, "Ada Admin").await;
    assert_eq!(
        app.refusal(&again, "admin/people", &[]).await,
        ApiError::Forbidden,
        "no longer an administrator"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_answers_are_not_stored_and_pages_carry_the_security_headers() {
    let app = TestApp::spawn(3).await;
    let link = submit_request(&app, "Lu Wen", "lu@example.org").await.path;
    let header = |res: &reqwest::Response, name: &str| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let res = app
        .client
        .get(app.url(&link))
        .send()
        .await
        .expect("status page");
    assert_eq!(header(&res, "cache-control").as_deref(), Some("no-store"));
    // The page's policy names the nonce its scripts carry.
    let csp = header(&res, "content-security-policy").expect("a policy");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|r| r.split('\'').next())
        .expect("a nonce in the policy")
        .to_owned();
    let html = res.text().await.expect("page");
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "scripts carry it"
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");

    let committee = app.committee().await;
    let res = committee
        .post(app.url("/api/committee/queue"))
        .send()
        .await
        .expect("queue");
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(header(&res, "cache-control").as_deref(), Some("no-store"));
    // Public pages for an anonymous visitor may be cached; signed in, nothing is.
    let res = new_client()
        .get(app.url("/volunteers"))
        .send()
        .await
        .expect("browse");
    assert_ne!(header(&res, "cache-control").as_deref(), Some("no-store"));
    let res = committee
        .get(app.url("/volunteers"))
        .send()
        .await
        .expect("browse");
    assert_eq!(header(&res, "cache-control").as_deref(), Some("no-store"));
    // Answers the middleware gives on its own carry the headers too.
    let res = new_client().get(app.url("/me")).send().await.expect("me");
    assert_eq!(res.status().as_u16(), 302);
    assert_eq!(header(&res, "x-frame-options").as_deref(), Some("DENY"));
    assert!(header(&res, "content-security-policy").is_some());
    assert_eq!(
        header(&res, "strict-transport-security"),
        None,
        "plain http"
    );
    app.stop().await;

    // Under https: HSTS, and host-bound cookie names.
    let app = TestApp::spawn_with(0, |a| {
        a.public_url = Some("https://connects.example.org".into());
    })
    .await;
    let res = new_client().get(app.url("/")).send().await.expect("home");
    assert_eq!(
        header(&res, "strict-transport-security").as_deref(),
        Some("max-age=31536000")
    );
    // The provider sends the browser to the public address; here it is reached directly.
    let browser = new_client();
    let res = browser
        .get(app.url("/auth/login/local?next=/me"))
        .send()
        .await
        .expect("login");
    let res = browser
        .get(location(&res))
        .query(&[("login_email", "hana@example.org"), ("login_name", "Hana")])
        .send()
        .await
        .expect("authorize");
    let callback = location(&res).replacen("https://connects.example.org", &app.base, 1);
    // The sign-in state cookie is Secure now, so this plain-http client kept none: hand it
    // over as the browser would over https.
    let state = callback
        .split("state=")
        .nth(1)
        .and_then(|s| s.split('&').next())
        .expect("a state")
        .to_owned();
    let res = browser
        .get(&callback)
        .header("cookie", format!("__Host-cc_login={state}"))
        .send()
        .await
        .expect("callback");
    assert_eq!(res.status().as_u16(), 303);
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.contains("cc_session="))
        .expect("a session cookie")
        .to_owned();
    assert!(cookie.starts_with("__Host-cc_session="), "{cookie}");
    assert!(
        cookie.contains("Secure") && cookie.contains("Path=/"),
        "{cookie}"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_save_after_leaving_recreates_nothing() {
    use app::server::repo::volunteers::{self, ProfileWrite};
    let app = TestApp::spawn(0).await;
    let client = app.sign_in("lea@example.org", "Lea Vos").await;
    let home = create_profile(&app, &client, "Lea Vos", "lea@example.org").await;
    let key = home.profile_id.expect("a profile");
    assert!(
        key.starts_with('v') && key.len() == 17 && !key.contains("lea"),
        "a random key, nothing from the name: {key}"
    );
    let () = app
        .answer(&client, "volunteer/leave", &[("confirm", "LEAVE")])
        .await;
    // The save that was already under way when they left.
    let form = app::domain::ProfileForm {
        display_name: "Lea Vos".into(),
        job_title: "Librarian".into(),
        roles: vec![app.vocab.roles[0].slug.to_string()],
        setting: app.vocab.settings[0].slug.to_string(),
        region: app.vocab.regions[0].slug.to_string(),
        years_experience: "5".into(),
        modes: vec!["video".into()],
        minutes_per_interview: "30".into(),
        max_contacts: "2".into(),
        email: "lea@example.org".into(),
        phone: "+1 555 010 2030".into(),
        ..Default::default()
    };
    let valid = form.validate(&app.vocab, app.today).expect("valid");
    let written = volunteers::update_own(&app.state().db, &key, &valid)
        .await
        .expect("ran");
    assert_eq!(written, ProfileWrite::Gone);
    assert_eq!(
        count(&app, "volunteer_contact").await,
        0,
        "no contact details came back"
    );
    assert_eq!(count(&app, "volunteer").await, 0);
    app.stop().await;
}
