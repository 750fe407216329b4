//! The committee's work over HTTP: who may do it, the queue, suggestions, matching with a
//! contact reserved in one database transaction (raced by 50 concurrent attempts, and by a
//! batch confirmation), undoing a match, and the volunteer's referrals.

use app::domain::committee::{QueueData, RequestDetail};
use app::domain::matching::Factor;
use app::domain::request::{RequestForm, RequestStatus};
use app::server::repo::{outbox, referrals, requests};
use futures::future::join_all;

use crate::support::{
    ask_and_match, create_profile, pairs, request_form, status_link, typed, TestApp,
};

/// Stores an open request directly (setup for tests about matching), returning its key.
async fn open_request(app: &TestApp, name: &str, preferred: Option<&str>) -> String {
    let email = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
    let form = RequestForm {
        name: name.into(),
        email: email.clone(),
        membership: "member".into(),
        background: "student".into(),
        learning_goal: "How did you get into library work, and what is a normal week like?".into(),
        preferred_volunteer: preferred.unwrap_or_default().into(),
        remote_ok: true,
        consent: true,
        ..Default::default()
    };
    let input = form.validate(&app.vocab).expect("a valid request");
    let mail = app::domain::email::request_received(&email, name, "http://x/r/t", app.today);
    let now = chrono::Utc::now();
    requests::create(
        &app.state().db,
        &input,
        &app::server::secrets::hash_token(
            &app::server::secrets::random_token().expect("randomness"),
        ),
        now,
        app.today,
        100,
        &mail,
    )
    .await
    .expect("stored")
    .expect("not refused")
}

async fn counts(app: &TestApp, volunteer: &str) -> (u32, u32) {
    referrals::contact_count(&app.state().db, volunteer)
        .await
        .expect("read")
        .expect("volunteer exists")
}

/// How many of volunteer `volunteer`'s referrals are active.
async fn active_referrals(app: &TestApp, volunteer: &str) -> usize {
    let n: Option<i64> = app
        .state()
        .db
        .query("RETURN count(SELECT VALUE id FROM referral WHERE volunteer = $vid AND state = 'active')")
        .bind(("vid", surrealdb::types::RecordId::new("volunteer", volunteer)))
        .await
        .expect("count")
        .take(0)
        .expect("a number");
    usize::try_from(n.unwrap_or(0)).unwrap_or(0)
}

async fn matched_with(app: &TestApp, volunteer: &str) -> usize {
    let filter = requests::QueueFilter {
        statuses: vec![RequestStatus::Matched],
        ..Default::default()
    };
    let (list, _) = requests::queue(&app.state().db, &filter, 0, 10_000)
        .await
        .expect("queue");
    list.iter()
        .filter(|r| r.volunteer.as_deref() == Some(volunteer))
        .count()
}

/// An available seeded volunteer with at least `room` contacts left, matched (through the
/// API) until exactly `room` are left. Returns the volunteer's key.
async fn volunteer_with_room(app: &TestApp, committee: &reqwest::Client, room: u32) -> String {
    let today = app.today;
    let v = app
        .volunteers
        .iter()
        .find(|v| {
            matches!(v.profile.status(today),
                app::domain::PoolStatus::Available { contacts_left } if contacts_left >= room)
        })
        .expect("a volunteer with room");
    let key = v.profile.id.clone();
    loop {
        let (used, max) = counts(app, &key).await;
        if max - used == room {
            return key;
        }
        let r = open_request(app, "Filler Person", None).await;
        let (status, body) = app
            .call_as(
                committee,
                "committee/match",
                &[("request", &r), ("volunteer", &key)],
            )
            .await;
        assert_eq!(status, 200, "{body}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn committee_work_needs_the_committee_role() {
    let app = TestApp::spawn(5).await;
    let r = open_request(&app, "Quinn Asker", None).await;
    let volunteer = app.volunteers[0].profile.id.clone();
    let calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("committee/queue", vec![]),
        ("committee/request", vec![("key", &r)]),
        (
            "committee/match",
            vec![("request", &r), ("volunteer", &volunteer)],
        ),
        ("committee/unmatch", vec![("request", &r)]),
        ("committee/close", vec![("request", &r), ("reason", "spam")]),
        ("committee/batch", vec![]),
        ("committee/batch/confirm", vec![("pairs[]", "a:b")]),
    ];
    let someone = app.sign_in("someone@example.org", "Some One").await;
    for (endpoint, args) in &calls {
        let (status, _) = app.call(endpoint, args).await;
        assert_eq!(status, 401, "{endpoint} without signing in");
        let (status, _) = app.call_as(&someone, endpoint, args).await;
        assert_eq!(status, 403, "{endpoint} without the committee role");
    }
    let res = app
        .client
        .get(app.url("/committee/requests"))
        .header(reqwest::header::ACCEPT, "text/html")
        .send()
        .await
        .expect("page");
    assert_eq!(
        res.status().as_u16(),
        302,
        "the queue page sends people to sign in"
    );
    assert!(crate::support::location(&res).starts_with("/signin"));
    // Nothing changed.
    assert_eq!(
        counts(&app, &volunteer).await.0,
        app.volunteers[0].profile.pool.contacts_used
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_goes_from_the_queue_to_a_match_and_the_requester_sees_the_contact() {
    let app = TestApp::spawn(40).await;
    let committee = app.committee().await;
    let mut form = request_form("Sam Rivera", "sam@example.org");
    form.push(("form[times][]".into(), "weekday-evening".into()));
    form.push(("form[times][]".into(), "weekend".into()));
    let (status, body) = app.call("requests/submit", &pairs(&form)).await;
    assert_eq!(status, 200, "{body}");
    let link = status_link(&app.wait_for_mail(1).await[0].text);

    // The queue lists it, with its deadline.
    let (status, queue) = app.call_as(&committee, "committee/queue", &[]).await;
    assert_eq!(status, 200, "{queue}");
    let queue: QueueData = typed(&queue);
    assert_eq!(queue.open, 1);
    let item = &queue.items[0];
    assert_eq!(item.name, "Sam Rivera");
    assert_eq!(item.days_left, 14);
    let key = item.key.clone();

    // Suggestions come ranked, each with its reasons adding up to its score.
    let (status, detail) = app
        .call_as(&committee, "committee/request", &[("key", &key)])
        .await;
    assert_eq!(status, 200, "{detail}");
    let detail: RequestDetail = typed(&detail);
    let suggested = &detail.suggested;
    assert!(!suggested.is_empty());
    let scores: Vec<u32> = suggested.iter().map(|s| s.score).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
    for s in suggested {
        let sum: u32 = s.reasons.iter().map(|r| r.points).sum();
        assert_eq!(sum, s.score);
        let times = s
            .reasons
            .iter()
            .find(|r| r.factor == Factor::Availability)
            .expect("a line about times");
        assert!(
            times.detail.starts_with("Both free on")
                || times.detail.starts_with("Free on")
                || times
                    .detail
                    .starts_with("The volunteer gave no weekly times"),
            "{}",
            times.detail
        );
    }
    assert_eq!(detail.times, ["weekday evenings", "weekends"]);
    let best = suggested[0].id.clone();
    let before = counts(&app, &best).await;

    // The page shows the same, without JavaScript.
    let page = committee
        .get(app.url(&format!("/committee/requests/{key}")))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(page.contains("Suggested volunteers"));
    assert!(page.contains(&format!("Match with {}", suggested[0].name)));

    let (status, body) = app
        .call_as(
            &committee,
            "committee/match",
            &[("request", &key), ("volunteer", &best)],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        counts(&app, &best).await.0,
        before.0 + 1,
        "one contact used"
    );
    // A second match of the same request is refused.
    let (status, _) = app
        .call_as(
            &committee,
            "committee/match",
            &[("request", &key), ("volunteer", &best)],
        )
        .await;
    assert_eq!(status, 409);
    assert_eq!(counts(&app, &best).await.0, before.0 + 1);

    // The requester's link now shows the volunteer's contact details.
    let contact = app
        .volunteers
        .iter()
        .find(|v| v.profile.id == best)
        .expect("seeded")
        .contact
        .clone();
    let (status, page) = app.get(&link).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&contact.email),
        "the contact email is on the status page"
    );
    assert!(page.contains("not a job interview"));

    // Both match emails went out (and, when that was the last contact, the capacity one).
    let mails = app.wait_for_mail(3).await;
    let to_requester = mails
        .iter()
        .find(|m| m.to == "sam@example.org" && m.subject.starts_with("You are matched"))
        .expect("the requester's match email");
    assert!(to_requester.text.contains(&contact.email));
    let to_volunteer = mails
        .iter()
        .find(|m| m.to == contact.email && m.subject.contains("Sam"))
        .expect("the volunteer's heads-up");
    assert!(!to_volunteer.text.contains("sam@example.org"));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_parallel_matches_for_the_last_contact_make_exactly_one() {
    let app = TestApp::spawn(30).await;
    let committee = app.committee().await;
    let volunteer = volunteer_with_room(&app, &committee, 1).await;
    let (used_before, max) = counts(&app, &volunteer).await;
    assert_eq!(max - used_before, 1);
    let matched_before = matched_with(&app, &volunteer).await;
    let mut keys = Vec::new();
    for i in 0..50 {
        keys.push(open_request(&app, &format!("Racer {i}"), None).await);
    }
    let (waiting_before, sent_before) = outbox::counts(&app.state().db).await.expect("counts");
    let attempts = keys.iter().map(|key| {
        let committee = committee.clone();
        let app = &app;
        let volunteer = volunteer.clone();
        async move {
            app.call_as(
                &committee,
                "committee/match",
                &[("request", key.as_str()), ("volunteer", volunteer.as_str())],
            )
            .await
        }
    });
    let results = join_all(attempts).await;
    let ok = results.iter().filter(|(s, _)| *s == 200).count();
    let conflicts = results.iter().filter(|(s, _)| *s == 409).count();
    assert_eq!(ok, 1, "exactly one match: {results:?}");
    assert_eq!(conflicts, 49, "the others are told it is full: {results:?}");
    assert_eq!(
        counts(&app, &volunteer).await,
        (max, max),
        "the counter is right"
    );
    let mine = matched_with(&app, &volunteer).await;
    assert_eq!(
        mine,
        matched_before + 1,
        "one more matched request for the one contact"
    );
    let (waiting, sent) = outbox::counts(&app.state().db).await.expect("counts");
    assert_eq!(
        waiting + sent - waiting_before - sent_before,
        3,
        "two match emails and one capacity-reached email"
    );
    // The volunteer left the pool: no longer suggested, and shown as full.
    let status = {
        let index = app.state().directory.read();
        index
            .get(&volunteer)
            .expect("still listed")
            .status(app.today)
    };
    assert_eq!(status, app::domain::PoolStatus::AtCapacity);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_confirmation_racing_single_matches_never_over_commits() {
    let app = TestApp::spawn(30).await;
    let committee = app.committee().await;
    let star = volunteer_with_room(&app, &committee, 2).await;
    let used_before = counts(&app, &star).await.0;
    let matched_before = matched_with(&app, &star).await;
    let mut keys = Vec::new();
    for i in 0..8 {
        keys.push(open_request(&app, &format!("Fan {i}"), Some(&star)).await);
    }
    let (status, proposal) = app.call_as(&committee, "committee/batch", &[]).await;
    assert_eq!(status, 200, "{proposal}");
    let pairs_json = proposal["pairs"].as_array().expect("pairs");
    let with_star = pairs_json
        .iter()
        .filter(|p| p["volunteer"] == star.as_str())
        .count();
    assert_eq!(
        with_star, 2,
        "the proposal respects the star's two contacts left"
    );
    let values: Vec<String> = pairs_json
        .iter()
        .map(|p| {
            format!(
                "{}:{}",
                p["request"].as_str().unwrap_or(""),
                p["volunteer"].as_str().unwrap_or("")
            )
        })
        .collect();
    let form: Vec<(&str, &str)> = values.iter().map(|v| ("pairs[]", v.as_str())).collect();
    // Meanwhile, other committee members match the star by hand.
    let singles = keys.iter().take(4).map(|key| {
        let committee = committee.clone();
        let app = &app;
        let star = star.clone();
        async move {
            app.call_as(
                &committee,
                "committee/match",
                &[("request", key.as_str()), ("volunteer", star.as_str())],
            )
            .await
        }
    });
    let batch = app.call_as(&committee, "committee/batch/confirm", &form);
    let (batch_result, single_results) = tokio::join!(batch, join_all(singles));
    assert_eq!(batch_result.0, 200, "{:?}", batch_result.1);
    let single_ok = single_results.iter().filter(|(s, _)| *s == 200).count();
    let (used, max) = counts(&app, &star).await;
    assert_eq!(used, max, "both contacts used, not more");
    assert_eq!(used - used_before, 2);
    assert_eq!(
        matched_with(&app, &star).await - matched_before,
        2,
        "one matched request per contact"
    );
    // The batch's matches with the star: the star's pairs sent, less those refused.
    let star_pairs = values
        .iter()
        .filter(|v| v.ends_with(&format!(":{star}")))
        .count();
    let star_refused = batch_result.1["refused"]
        .as_array()
        .map(|list| {
            list.iter()
                .filter(|r| {
                    r.as_str()
                        .is_some_and(|r| r.contains(&format!("with {star}:")))
                })
                .count()
        })
        .unwrap_or(0);
    let batch_star = star_pairs - star_refused;
    assert_eq!(
        batch_star + single_ok,
        2,
        "{batch_result:?} {single_results:?}"
    );
    // Every volunteer the batch touched stays within their maximum.
    for p in pairs_json {
        let v = p["volunteer"].as_str().unwrap_or_default();
        let (used, max) = counts(&app, v).await;
        assert!(used <= max, "{v}: {used} of {max}");
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undoing_a_match_gives_the_contact_back_and_reopens_the_request() {
    let app = TestApp::spawn(30).await;
    let committee = app.committee().await;
    let volunteer = volunteer_with_room(&app, &committee, 1).await;
    let key = open_request(&app, "Declined Person", None).await;
    let (status, _) = app
        .call_as(
            &committee,
            "committee/match",
            &[("request", &key), ("volunteer", &volunteer)],
        )
        .await;
    assert_eq!(status, 200);
    let (used, max) = counts(&app, &volunteer).await;
    assert_eq!(used, max);
    let (status, body) = app
        .call_as(&committee, "committee/unmatch", &[("request", &key)])
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        counts(&app, &volunteer).await,
        (max - 1, max),
        "the contact is given back"
    );
    let (_, detail) = app
        .call_as(&committee, "committee/request", &[("key", &key)])
        .await;
    assert_eq!(detail["status"], "open");
    let suggested: Vec<&str> = detail["suggested"]
        .as_array()
        .expect("suggestions")
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert!(
        !suggested.contains(&volunteer.as_str()),
        "not suggested again"
    );
    assert!(detail["declined"].as_array().is_some_and(|d| d.len() == 1));
    let (status, _) = app
        .call_as(&committee, "committee/unmatch", &[("request", &key)])
        .await;
    assert_eq!(status, 409, "nothing to undo any more");
    // The requester is told not to write to that volunteer.
    let undone: Vec<_> = outbox::all(&app.state().db)
        .await
        .expect("outbox")
        .into_iter()
        .filter(|m| m.kind == "match-undone")
        .collect();
    assert_eq!(undone.len(), 1);
    assert_eq!(undone[0].to, "declined.person@example.org");
    let received = app
        .mail_to(
            "declined.person@example.org",
            "Your match could not go ahead",
        )
        .await;
    assert!(received.text.contains("Please do not"), "{}", received.text);
    // A hand-made post cannot match the request with the volunteer who declined it.
    let (status, body) = app
        .call_as(
            &committee,
            "committee/match",
            &[("request", &key), ("volunteer", &volunteer)],
        )
        .await;
    assert_eq!(status, 409);
    assert!(body.to_string().contains("declined"), "{body}");
    assert_eq!(counts(&app, &volunteer).await, (max - 1, max));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn withdrawing_a_matched_request_tells_the_volunteer_and_keeps_the_contact_used() {
    let app = TestApp::spawn(30).await;
    let committee = app.committee().await;
    let volunteer = volunteer_with_room(&app, &committee, 2).await;
    let (status, body) = app
        .call(
            "requests/submit",
            &pairs(&request_form("Wyn Withdrawer", "wyn@example.org")),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let confirmation = app
        .mail_to("wyn@example.org", "Your informational-interview request")
        .await;
    let link = status_link(&confirmation.text);
    let token = link.rsplit('/').next().expect("token").to_owned();
    let (_, queue) = app.call_as(&committee, "committee/queue", &[]).await;
    let key = queue["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["name"] == "Wyn Withdrawer")
        .and_then(|i| i["key"].as_str())
        .expect("in the queue")
        .to_owned();
    let (status, _) = app
        .call_as(
            &committee,
            "committee/match",
            &[("request", &key), ("volunteer", &volunteer)],
        )
        .await;
    assert_eq!(status, 200);
    let after_match = counts(&app, &volunteer).await;
    let active = active_referrals(&app, &volunteer).await;

    let (status, body) = app.call("requests/withdraw", &[("token", &token)]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        counts(&app, &volunteer).await,
        after_match,
        "the contact stays used: the details were handed over"
    );
    let contact = app::server::repo::volunteers::load_own(&app.state().db, &volunteer)
        .await
        .expect("read")
        .and_then(|own| own.contact)
        .expect("a contact");
    let told: Vec<_> = outbox::all(&app.state().db)
        .await
        .expect("outbox")
        .into_iter()
        .filter(|m| m.kind == "request-withdrawn")
        .collect();
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].to, contact.email);
    assert_eq!(told[0].subject, "Wyn withdrew their request");
    assert_eq!(
        active_referrals(&app, &volunteer).await,
        active - 1,
        "the referral ended"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_volunteer_sees_their_referrals_and_marks_them() {
    let app = TestApp::spawn(5).await;
    let committee = app.committee().await;
    let vera = app.sign_in("vera@example.org", "Vera Volunteer").await;
    let home = create_profile(&app, &vera, "Vera Volunteer", "vera.contact@example.org").await;
    let vera_key = home["profile_id"].as_str().expect("a profile").to_owned();
    let key = ask_and_match(&app, &committee, "Jo Learner", "jo@example.org", &vera_key)
        .await
        .0;

    let (status, mine) = app.call_as(&vera, "volunteer/referrals", &[]).await;
    assert_eq!(status, 200, "{mine}");
    let r = &mine["referrals"][0];
    assert_eq!(r["first_name"], "Jo", "first name only");
    assert!(
        !mine.to_string().contains("jo@example.org"),
        "no requester address"
    );
    assert!(r["learning_goal"]
        .as_str()
        .is_some_and(|g| g.contains("records manager")));
    assert_eq!(mine["contacts_used"], 1);

    // Someone else cannot mark it.
    let other = app.sign_in("otto@example.org", "Otto Other").await;
    create_profile(&app, &other, "Otto Other", "otto.contact@example.org").await;
    let (status, _) = app
        .call_as(
            &other,
            "volunteer/referrals/mark",
            &[("request", &key), ("outcome", "no-show")],
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = app
        .call_as(
            &vera,
            "volunteer/referrals/mark",
            &[("request", &key), ("outcome", "maybe")],
        )
        .await;
    assert_eq!(status, 422);
    let (status, _) = app
        .call_as(
            &vera,
            "volunteer/referrals/mark",
            &[("request", &key), ("outcome", "done")],
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = app
        .call_as(
            &vera,
            "volunteer/referrals/mark",
            &[("request", &key), ("outcome", "no-show")],
        )
        .await;
    assert_eq!(status, 409, "marked once");
    let (_, mine) = app.call_as(&vera, "volunteer/referrals", &[]).await;
    assert_eq!(mine["referrals"][0]["status"], "completed");
    // The page shows it without JavaScript.
    let page = vera
        .get(app.url("/me/referrals"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(page.contains("Jo, referred on"), "{page}");
    assert!(page.contains("Conversation done"));

    // A second referral Vera cannot take: she gives it back herself.
    let second = ask_and_match(&app, &committee, "Kai Second", "kai@example.org", &vera_key)
        .await
        .0;
    assert_eq!(counts(&app, &vera_key).await.0, 2);
    let (status, _) = app
        .call_as(
            &other,
            "volunteer/referrals/decline",
            &[("request", &second)],
        )
        .await;
    assert_eq!(status, 403, "only the matched volunteer may give it back");
    let (status, body) = app
        .call_as(
            &vera,
            "volunteer/referrals/decline",
            &[("request", &second)],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(counts(&app, &vera_key).await.0, 1, "the contact is back");
    let (_, detail) = app
        .call_as(&committee, "committee/request", &[("key", &second)])
        .await;
    assert_eq!(detail["status"], "open", "back in the queue");
    assert_eq!(detail["declined"], serde_json::json!(["Vera Volunteer"]));
    let told = outbox::all(&app.state().db)
        .await
        .expect("outbox")
        .into_iter()
        .filter(|m| m.kind == "match-undone" && m.to == "kai@example.org")
        .count();
    assert_eq!(told, 1, "Kai is told not to write to Vera");
    let (status, _) = app
        .call_as(
            &vera,
            "volunteer/referrals/decline",
            &[("request", &second)],
        )
        .await;
    assert_eq!(status, 403, "no longer hers");
    let (status, _) = app
        .call_as(&vera, "volunteer/referrals/decline", &[("request", &key)])
        .await;
    assert_eq!(status, 409, "a completed one cannot be given back");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_committee_closes_a_request_without_a_match() {
    let app = TestApp::spawn(5).await;
    let committee = app.committee().await;
    let kind = |kind: &'static str| {
        let db = app.state().db.clone();
        async move {
            outbox::all(&db)
                .await
                .expect("outbox")
                .into_iter()
                .filter(|m| m.kind == kind)
                .collect::<Vec<_>>()
        }
    };
    let lonely = open_request(&app, "Lonely Asker", None).await;
    let spam = open_request(&app, "Spam Bot", None).await;

    // A reason is required, and must be one of the choices; nothing changes otherwise.
    for reason in ["", "because"] {
        let (status, body) = app
            .call_as(
                &committee,
                "committee/close",
                &[("request", &lonely), ("reason", reason)],
            )
            .await;
        assert_eq!(status, 422, "{body}");
        let refusal: app::error::ApiError =
            serde_json::from_value(body.clone()).expect("an ApiError");
        assert_eq!(
            refusal,
            app::error::ApiError::Refused(app::domain::Problem::CloseReasonMissing),
            "{body}"
        );
    }
    let (status, body) = app
        .call_as(
            &committee,
            "committee/close",
            &[("request", &lonely), ("reason", "no-volunteer")],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, detail) = app
        .call_as(&committee, "committee/request", &[("key", &lonely)])
        .await;
    assert_eq!(detail["status"], "closed");
    let told = kind("request-closed").await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].to, "lonely.asker@example.org");
    let received = app
        .mail_to(
            "lonely.asker@example.org",
            "Your informational-interview request was closed",
        )
        .await;
    assert!(
        received.text.contains("could not find a volunteer"),
        "{}",
        received.text
    );

    // Spam is closed silently; a closed request cannot be closed or matched again.
    let (status, _) = app
        .call_as(
            &committee,
            "committee/close",
            &[("request", &spam), ("reason", "spam")],
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(kind("request-closed").await.len(), 1, "no email for spam");
    let (status, _) = app
        .call_as(
            &committee,
            "committee/close",
            &[("request", &spam), ("reason", "duplicate")],
        )
        .await;
    assert_eq!(status, 409);
    let volunteer = app.volunteers[0].profile.id.clone();
    let (status, _) = app
        .call_as(
            &committee,
            "committee/match",
            &[("request", &spam), ("volunteer", &volunteer)],
        )
        .await;
    assert_eq!(status, 409);
    let (_, queue) = app.call_as(&committee, "committee/queue", &[]).await;
    assert_eq!(queue["open"], 0, "both left the queue");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_queue_puts_the_oldest_deadline_first_and_counts_the_overdue() {
    let app = TestApp::spawn(0).await;
    let committee = app.committee().await;
    let store = |name: &'static str, days_ago: u64| {
        let app = &app;
        async move {
            let email = format!("{}@example.org", name.to_lowercase());
            let form = RequestForm {
                name: name.into(),
                email: email.clone(),
                membership: "member".into(),
                background: "student".into(),
                learning_goal: "What does a day in a special library look like?".into(),
                remote_ok: true,
                consent: true,
                ..Default::default()
            };
            let input = form.validate(&app.vocab).expect("valid");
            let created = chrono::Utc::now() - chrono::TimeDelta::days(days_ago as i64);
            let due = app::domain::request::deadline(created, 14);
            let mail = app::domain::email::request_received(&email, name, "http://x/r/t", due);
            requests::create(
                &app.state().db,
                &input,
                &app::server::secrets::hash_token(
                    &app::server::secrets::random_token().expect("randomness"),
                ),
                created,
                due,
                9,
                &mail,
            )
            .await
            .expect("stored")
            .expect("not refused")
        }
    };
    store("Fresh", 0).await;
    store("Late", 20).await;
    store("Close", 10).await;
    let (status, queue) = app.call_as(&committee, "committee/queue", &[]).await;
    assert_eq!(status, 200, "{queue}");
    assert_eq!(queue["open"], 3);
    assert_eq!(queue["overdue"], 1);
    let names: Vec<&str> = queue["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["name"].as_str())
        .collect();
    assert_eq!(names, ["Late", "Close", "Fresh"], "oldest deadline first");
    assert!(queue["items"][0]["days_left"]
        .as_i64()
        .is_some_and(|d| d < 0));
    app.stop().await;
}

/// What another app copy sharing the database does reaches this copy's directory with its
/// periodic sync: here the "other copy" is the repository called directly, which (unlike
/// the server functions) does not refresh this copy's directory.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_made_through_another_app_copy_reach_the_directory() {
    let app = TestApp::spawn(30).await;
    let committee = app.committee().await;
    let volunteer = volunteer_with_room(&app, &committee, 1).await;
    let state = app.state();
    let status = |key: &str| state.directory.read().get(key).map(|p| p.status(app.today));
    assert!(matches!(
        status(&volunteer),
        Some(app::domain::PoolStatus::Available { contacts_left: 1 })
    ));
    let since = chrono::Utc::now() - chrono::TimeDelta::seconds(1);
    let request = open_request(&app, "Elsewhere Asker", None).await;
    crate::support::match_directly(&app, &request, &volunteer, None)
        .await
        .expect("matched");
    assert!(
        matches!(
            status(&volunteer),
            Some(app::domain::PoolStatus::Available { .. })
        ),
        "not known here yet"
    );
    let n = state.directory.sync(&state.db, since).await.expect("sync");
    assert!(n >= 1);
    assert_eq!(
        status(&volunteer),
        Some(app::domain::PoolStatus::AtCapacity),
        "full, so out of the pool here too"
    );

    // Someone leaves through the other copy: gone from this one after the sync.
    let leaver = app
        .volunteers
        .iter()
        .map(|v| v.profile.id.clone())
        .find(|k| k != &volunteer && status(k).is_some())
        .expect("another listed volunteer");
    let since = chrono::Utc::now() - chrono::TimeDelta::seconds(1);
    app::server::repo::requests::leave_program(&state.db, "nobody", &leaver, false, &[], &[])
        .await
        .expect("left")
        .expect("not refused");
    assert!(status(&leaver).is_some());
    state.directory.sync(&state.db, since).await.expect("sync");
    assert_eq!(status(&leaver), None, "no longer listed here");
    app.stop().await;
}
