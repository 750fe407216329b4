//! The requester's side over HTTP: the request form (with and without JavaScript), its
//! guards (honeypot, rate limits, open requests per address), the emailed private link,
//! the status page and withdrawing.

use app::domain::request::RequestStatus;
use app::domain::Problem;
use app::error::ApiError;
use app::server::repo::{outbox, requests};

use crate::support::{
    field_errors, location, new_client, pairs, plain_post, request_form, set, status_link,
    submit_request, without, PrivateLink, TestApp,
};

/// No request was stored and no email queued.
async fn assert_nothing_stored(app: &TestApp) {
    assert_eq!(count_requests(app).await, 0);
    assert_eq!(
        outbox::counts(&app.state().db).await.expect("counts"),
        (0, 0)
    );
}

async fn count_requests(app: &TestApp) -> usize {
    let filter = requests::QueueFilter {
        statuses: RequestStatus::ALL.to_vec(),
        ..Default::default()
    };
    requests::queue(&app.state().db, &filter, 0, 1000)
        .await
        .expect("queue")
        .1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_is_stored_and_its_private_link_emailed() {
    let app = TestApp::spawn(20).await;
    let form = request_form("Sam Rivera", "sam@example.org");
    let (status, body) = app.call("requests/submit", &pairs(&form)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(count_requests(&app).await, 1);

    let mails = app.wait_for_mail(1).await;
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert_eq!(mail.to, "sam@example.org");
    assert_eq!(mail.subject, "Your informational-interview request");
    assert!(mail.text.contains("Hello Sam,"), "{}", mail.text);
    assert!(mail.html.contains("<a href="), "an HTML part too");
    let link = status_link(&mail.text);

    // The link opens the request: waiting, with its deadline, and no volunteer yet.
    let (status, page) = app.get(&link).await;
    assert_eq!(status, 200);
    assert!(page.contains("Your request, Sam"), "{page}");
    assert!(page.contains("Waiting for a match"));
    assert!(page.contains("Answer due by"));
    assert!(page.contains("noindex"), "kept out of search engines");
    let token = link.trim_start_matches("/r/");
    let view = app.status_view(token).await;
    assert_eq!(view.status, RequestStatus::Open);
    assert_eq!(view.volunteer, None);
    assert!(view.offers.withdraw && !view.offers.feedback);

    // The token is stored only as its hash.
    let stored = requests::by_token(&app.state().db, token)
        .await
        .expect("read");
    assert!(stored.is_none(), "the raw token is not a key");
    let (waiting, sent) = outbox::counts(&app.state().db).await.expect("counts");
    assert_eq!((waiting, sent), (0, 1));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_refused_whole_and_nothing_is_stored() {
    let app = TestApp::spawn(0).await;
    let form = without(
        set(request_form("", "not-an-email"), "learning_goal", ""),
        "consent",
    );
    let refusal = app
        .refusal(&app.client, "requests/submit", &pairs(&form))
        .await;
    assert_eq!(refusal.status(), 422);
    let errors = field_errors(refusal);
    let fields: Vec<&str> = errors.iter().map(|e| e.field()).collect();
    assert_eq!(
        fields,
        [
            "Your name",
            "Your email",
            "What you want to find out",
            "Guidelines"
        ]
    );
    assert_nothing_stored(&app).await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_a_refused_form_comes_back_as_typed() {
    let app = TestApp::spawn(0).await;
    let client = new_client();
    let form = set(
        request_form("Robin Typed-This", "robin@example.org"),
        "learning_goal",
        "too short",
    );
    let res = plain_post(&client, &app, "requests/submit", &form).await;
    assert_eq!(res.status().as_u16(), 302);
    assert_eq!(location(&res), "/request#form-errors");
    let cookie = res
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("cc_draft="))
        .expect("a draft cookie")
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("Path=/;"),
        "{cookie}"
    );
    let (_, page) = app.get_as(&client, "/request").await;
    assert!(page.contains("Robin Typed-This"), "the name typed is kept");
    assert!(page.contains("robin@example.org"));
    assert!(page.contains("too short"));
    assert!(page.contains("tell us a little more"), "the error is shown");
    // A draft is shown once.
    let (_, again) = app.get_as(&client, "/request").await;
    assert!(!again.contains("Robin Typed-This"));
    assert_eq!(count_requests(&app).await, 0);

    // A complete form without JavaScript lands on the confirmation page.
    let ok = plain_post(
        &client,
        &app,
        "requests/submit",
        &request_form("Robin", "robin@example.org"),
    )
    .await;
    assert_eq!(ok.status().as_u16(), 302);
    assert_eq!(location(&ok), "/request/sent");
    assert_eq!(count_requests(&app).await, 1);
    let (status, sent) = app.get("/request/sent").await;
    assert_eq!(status, 200);
    assert!(sent.contains("emailed you a private link"));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_filled_honeypot_stores_nothing_but_looks_fine() {
    let app = TestApp::spawn(0).await;
    let form = set(
        request_form("Bot", "bot@example.org"),
        "website",
        "http://spam.example",
    );
    let (status, _) = app.call("requests/submit", &pairs(&form)).await;
    assert_eq!(status, 200);
    assert_nothing_stored(&app).await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_requests_per_address_and_per_ip_are_capped() {
    let app = TestApp::spawn_config(0, |c| {
        c.program.max_open_requests_per_email = 2;
        c.program.requests_per_ip_per_hour = 4;
    })
    .await;
    for _ in 0..2 {
        let (status, body) = app
            .call(
                "requests/submit",
                &pairs(&request_form("Kim", "KIM@example.org")),
            )
            .await;
        assert_eq!(status, 200, "{body}");
    }
    // The third open request for the same address (in any case) is refused, on the email field.
    let refusal = app
        .refusal(
            &app.client,
            "requests/submit",
            &pairs(&request_form("Kim", "kim@example.org")),
        )
        .await;
    assert_eq!(refusal.status(), 422);
    let errors = field_errors(refusal);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].field(), "Your email");
    assert!(
        errors[0].to_string().contains("already has 2 requests"),
        "{errors:?}"
    );
    assert_eq!(count_requests(&app).await, 2);
    // A fourth form from this address (IP) is still counted: then the IP limit answers 429.
    let (status, _) = app
        .call(
            "requests/submit",
            &pairs(&request_form("Lee", "lee@example.org")),
        )
        .await;
    assert_eq!(status, 200);
    let (status, body) = app
        .call(
            "requests/submit",
            &pairs(&request_form("Max", "max@example.org")),
        )
        .await;
    assert_eq!(status, 429, "{body}");
    assert_eq!(count_requests(&app).await, 3);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simultaneous_requests_from_one_address_respect_the_open_cap() {
    let app = TestApp::spawn_config(0, |c| {
        c.program.max_open_requests_per_email = 2;
        c.program.requests_per_email_per_day = 100;
        c.program.requests_per_ip_per_hour = 100;
    })
    .await;
    let fields = request_form("Pat", "pat@example.org");
    let form = pairs(&fields);
    let results =
        futures::future::join_all((0..12).map(|_| app.call("requests/submit", &form))).await;
    let stored = results.iter().filter(|(s, _)| *s == 200).count();
    let refused = results.iter().filter(|(s, _)| *s == 422).count();
    assert_eq!((stored, refused), (2, 10), "{results:?}");
    assert_eq!(count_requests(&app).await, 2);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_links_find_nothing() {
    let app = TestApp::spawn(0).await;
    for path in [
        format!("/r/{}", "a".repeat(64)),
        "/r/short".to_owned(),
        "/r/..%2F..%2Fetc".to_owned(),
    ] {
        let (status, page) = app.get(&path).await;
        assert_eq!(status, 404, "{path}");
        assert!(page.contains("does not open any request"), "{path}");
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_requester_withdraws_once() {
    let app = TestApp::spawn(0).await;
    let PrivateLink { token, .. } = submit_request(&app, "Ari", "ari@example.org").await;
    let withdraw: &[(&str, &str)] = &[("token", &token)];
    let () = app.answer(&app.client, "requests/withdraw", withdraw).await;
    let view = app.status_view(&token).await;
    assert_eq!(view.status, RequestStatus::Withdrawn);
    assert!(!view.offers.withdraw && !view.offers.feedback);
    assert_eq!(
        app.refusal(&app.client, "requests/withdraw", withdraw)
            .await,
        ApiError::Refused(Problem::CannotWithdraw),
        "only once"
    );
    // Without JavaScript the refusal comes back to the page, which says why.
    let res = app
        .client
        .post(app.url("/api/requests/withdraw"))
        .header("accept", "text/html")
        .form(&[("token", token.as_str())])
        .send()
        .await
        .expect("post");
    let back = location(&res);
    assert_eq!(back, format!("/r/{token}?problem=cannot-withdraw"));
    let (status, page) = app.get(&back).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(app::domain::Problem::CannotWithdraw.message()),
        "the page says why"
    );
    let refusal = app
        .refusal(
            &app.client,
            "requests/withdraw",
            &[("token", &"b".repeat(64))],
        )
        .await;
    assert_eq!(refusal, ApiError::Refused(Problem::UnknownLink));
    assert_eq!(refusal.status(), 404);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_preferred_volunteer_must_be_taking_requests() {
    let app = TestApp::spawn(60).await;
    let today = app.today;
    let available = app
        .volunteers
        .iter()
        .find(|v| v.profile.status(today).is_available())
        .expect("an available volunteer");
    let full = app
        .volunteers
        .iter()
        .find(|v| v.profile.status(today) == app::domain::PoolStatus::AtCapacity)
        .expect("a volunteer at capacity");
    // The form page names the volunteer picked while browsing.
    let (status, page) = app
        .get(&format!("/request?volunteer={}", available.profile.id))
        .await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&available.profile.display_name),
        "named on the form"
    );

    let form = set(
        request_form("Pat", "pat@example.org"),
        "preferred_volunteer",
        &full.profile.id,
    );
    let refusal = app
        .refusal(&app.client, "requests/submit", &pairs(&form))
        .await;
    assert_eq!(refusal.status(), 422);
    let errors = field_errors(refusal);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].to_string().contains("not taking requests"),
        "{errors:?}"
    );

    let form = set(
        request_form("Pat", "pat@example.org"),
        "preferred_volunteer",
        &available.profile.id,
    );
    let (status, body) = app.call("requests/submit", &pairs(&form)).await;
    assert_eq!(status, 200, "{body}");
    let open = requests::QueueFilter {
        statuses: vec![RequestStatus::Open],
        ..Default::default()
    };
    let (list, _) = requests::queue(&app.state().db, &open, 0, 10)
        .await
        .expect("queue");
    assert_eq!(list.len(), 1);
    assert_eq!(
        list[0].needs.preferred.as_deref(),
        Some(available.profile.id.as_str())
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_link_is_sent_again_by_email_and_the_old_one_keeps_working() {
    let app = TestApp::spawn(0).await;
    let old = submit_request(&app, "Lou Lost", "lou@example.org")
        .await
        .path;

    // The same answer for an address with no requests: no email, nothing changed.
    let (status, _) = app
        .call("requests/link", &[("email", "nobody@example.org")])
        .await;
    assert_eq!(status, 200);
    // A malformed address is refused with a reason.
    let refusal = app
        .refusal(&app.client, "requests/link", &[("email", "lou at example")])
        .await;
    assert_eq!(refusal, ApiError::Refused(Problem::EmailIncomplete));
    assert_eq!(refusal.status(), 422);

    let (status, body) = app
        .call("requests/link", &[("email", "LOU@example.org")])
        .await;
    assert_eq!(status, 200, "{body}");
    let mails = app.wait_for_mail(2).await;
    assert_eq!(mails.len(), 2, "only Lou's two emails: {mails:?}");
    let again = mails
        .iter()
        .find(|m| m.subject == "Your private links to your requests")
        .expect("the new-link email");
    assert_eq!(again.to, "lou@example.org");
    let new = status_link(&again.text);
    assert_ne!(new, old);
    let (status, page) = app.get(&new).await;
    assert_eq!(status, 200);
    assert!(page.contains("Your request, Lou"), "the new link opens it");
    let (status, page) = app.get(&old).await;
    assert_eq!(status, 200, "the first link still works");
    assert!(page.contains("Your request, Lou"));
    // A link that was never sent opens nothing.
    let (status, page) = app.get(&format!("/r/{}", "0".repeat(64))).await;
    assert_eq!(status, 404);
    assert!(page.contains("Get your private link again"));

    // Without JavaScript: back to the page, saying so; a bad address comes back as typed.
    let client = new_client();
    let res = plain_post(
        &client,
        &app,
        "requests/link",
        &[("email".into(), "lou@example.org".into())],
    )
    .await;
    assert_eq!(res.status().as_u16(), 302);
    assert_eq!(location(&res), "/request/link?sent=1");
    let res = plain_post(
        &client,
        &app,
        "requests/link",
        &[("email".into(), "lou at example".into())],
    )
    .await;
    assert_eq!(res.status().as_u16(), 302);
    let back = location(&res);
    assert_eq!(
        back,
        "/request/link?problem=email-incomplete&email=lou+at+example"
    );
    let (status, page) = app.get(&back).await;
    assert_eq!(status, 200);
    assert!(page.contains("value=\"lou at example\""), "kept as typed");
    assert!(page.contains("Please enter a whole email address"));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn asking_for_links_has_its_own_limit_and_never_blocks_requests() {
    let app = TestApp::spawn_config(0, |c| {
        c.program.requests_per_email_per_day = 1;
        c.program.requests_per_ip_per_hour = 100;
    })
    .await;
    // A stranger asks for Mo's links again and again.
    for _ in 0..app::server::LINKS_PER_EMAIL_PER_DAY {
        let (status, _) = app
            .call("requests/link", &[("email", "mo@example.org")])
            .await;
        assert_eq!(status, 200);
    }
    let (status, _) = app
        .call("requests/link", &[("email", "mo@example.org")])
        .await;
    assert_eq!(status, 429, "links for one address are limited");
    // Mo can still send a request.
    let (status, body) = app
        .call(
            "requests/submit",
            &pairs(&request_form("Mo", "mo@example.org")),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_keeps_at_most_a_few_live_links_and_the_oldest_goes_first() {
    use app::server::repo::requests::{add_links, by_token, MAX_LIVE_LINKS};
    use app::server::secrets::{hash_token, random_token};
    let app = TestApp::spawn(0).await;
    let first = submit_request(&app, "Ana Links", "ana@example.org").await;
    let db = &app.state().db;
    let key = by_token(db, &hash_token(&first.token))
        .await
        .expect("read")
        .expect("the first link opens it")
        .key;
    let mail = app::domain::email::links_again("ana@example.org", "Ana", &[]);
    let mut tokens = Vec::new();
    for _ in 0..MAX_LIVE_LINKS {
        let token = random_token().expect("randomness");
        add_links(db, &[(key.clone(), hash_token(&token))], &mail)
            .await
            .expect("stored")
            .expect("not refused");
        tokens.push(token);
    }
    // The first link and four added ones made six: the first (the oldest) has gone.
    let first_now = by_token(db, &hash_token(&first.token)).await.expect("read");
    assert!(first_now.is_none(), "the oldest link ended");
    for token in &tokens {
        let r = by_token(db, &hash_token(token)).await.expect("read");
        assert_eq!(
            r.map(|r| r.key),
            Some(key.clone()),
            "a recent link still opens it"
        );
    }
    app.stop().await;
}
