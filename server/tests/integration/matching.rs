//! The committee's work over HTTP: who may do it, the queue, suggestions, matching with a
//! contact reserved in one database transaction (raced by 50 concurrent attempts, and by a
//! batch confirmation), undoing a match, and the volunteer's referrals.

use app::api::volunteer::MyReferrals;
use app::domain::committee::{BatchOutcome, BatchProposal};
use app::domain::matching::Factor;
use app::domain::request::{RequestForm, RequestStatus};
use app::domain::Problem;
use app::error::ApiError;
use app::server::repo::{outbox, referrals, requests};
use futures::future::join_all;

use crate::support::{
    ask_and_match, request_form, submit_form, submit_request, typed, volunteer, TestApp,
};

/// Stores an open request directly (setup for tests about matching), returning its key.
async fn open_request(app: &TestApp, name: &str, preferred: Option<&str>) -> String {
    store_request(app, name, preferred, chrono::Utc::now(), app.today, 100).await
}

/// Stores an open request from `name` directly, created at `created` and due on `due`,
/// under a cap of `max_open` open requests per address.
async fn store_request(
    app: &TestApp,
    name: &str,
    preferred: Option<&str>,
    created: chrono::DateTime<chrono::Utc>,
    due: chrono::NaiveDate,
    max_open: u32,
) -> String {
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
    let mail = app::domain::email::request_received(&email, name, "http://x/r/t", due);
    requests::create(
        &app.state().db,
        &input,
        &app::server::secrets::hash_token(
            &app::server::secrets::random_token().expect("randomness"),
        ),
        created,
        due,
        requests::Cap {
            max_open,
            matched_since: created - chrono::TimeDelta::days(30),
        },
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
        app.match_with(committee, &r, &key).await;
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
        ("committee/dashboard", vec![]),
    ];
    let someone = app.sign_in("someone@example.org", "Some One").await;
    for (endpoint, args) in &calls {
        let refusal = app.refusal(&app.client, endpoint, args).await;
        assert_eq!(
            refusal,
            ApiError::Unauthorized,
            "{endpoint} without signing in"
        );
        assert_eq!(refusal.status(), 401);
        let refusal = app.refusal(&someone, endpoint, args).await;
        assert_eq!(
            refusal,
            ApiError::Forbidden,
            "{endpoint} without the committee role"
        );
        assert_eq!(refusal.status(), 403);
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
    let link = submit_form(&app, &form).await;

    // The queue lists it, with its deadline.
    let queue = app.queue(&committee).await;
    assert_eq!(queue.open, 1);
    let item = &queue.items[0];
    assert_eq!(item.name, "Sam Rivera");
    assert_eq!(item.days_left, 14);
    let key = item.key.clone();

    // Suggestions come ranked, each with its reasons adding up to its score.
    let detail = app.request_detail(&committee, &key).await;
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
    let (_, page) = app
        .get_as(&committee, &format!("/committee/requests/{key}"))
        .await;
    assert!(page.contains("Suggested volunteers"));
    assert!(page.contains(&format!("Match with {}", suggested[0].name)));

    app.match_with(&committee, &key, &best).await;
    assert_eq!(
        counts(&app, &best).await.0,
        before.0 + 1,
        "one contact used"
    );
    // A second match of the same request is refused.
    let (status, _) = app.try_match(&committee, &key, &best).await;
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
    let (status, page) = app.get(&link.path).await;
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
    // The match email carries a private link of its own; the first one keeps working.
    let from_match = crate::support::status_link(&to_requester.text);
    assert_ne!(from_match, link.path, "a new link, not the first one");
    for path in [&from_match, &link.path] {
        let (status, page) = app.get(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(page.contains(&contact.email), "{path} shows the contact");
    }
    let to_volunteer = mails
        .iter()
        .find(|m| m.to == contact.email && m.subject.contains("Sam"))
        .expect("the volunteer's heads-up");
    assert!(!to_volunteer.text.contains("sam@example.org"));
    assert!(
        !to_volunteer.text.contains("/r/"),
        "the volunteer never gets the requester's link"
    );
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
    let attempts = keys
        .iter()
        .map(|key| app.try_match(&committee, key, &volunteer));
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
    let proposal: BatchProposal = app.answer(&committee, "committee/batch", &[]).await;
    let with_star = proposal
        .pairs
        .iter()
        .filter(|p| p.volunteer == star)
        .count();
    assert_eq!(
        with_star, 2,
        "the proposal respects the star's two contacts left"
    );
    let values: Vec<String> = proposal.pairs.iter().map(|p| p.value()).collect();
    let form: Vec<(&str, &str)> = values.iter().map(|v| ("pairs[]", v.as_str())).collect();
    // Meanwhile, other committee members match the star by hand.
    let singles = keys
        .iter()
        .take(4)
        .map(|key| app.try_match(&committee, key, &star));
    let batch = app.call_as(&committee, "committee/batch/confirm", &form);
    let (batch_result, single_results) = tokio::join!(batch, join_all(singles));
    assert_eq!(batch_result.0, 200, "{:?}", batch_result.1);
    let outcome: BatchOutcome = typed(&batch_result.1);
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
    // (A refused pair is reported as text that names it: "… with {volunteer}: why".)
    let star_refused = outcome
        .refused
        .iter()
        .filter(|r| r.contains(&format!("with {star}:")))
        .count();
    let batch_star = star_pairs - star_refused;
    assert_eq!(
        batch_star + single_ok,
        2,
        "{batch_result:?} {single_results:?}"
    );
    // Every volunteer the batch touched stays within their maximum.
    for p in &proposal.pairs {
        let v = &p.volunteer;
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
    app.match_with(&committee, &key, &volunteer).await;
    let (used, max) = counts(&app, &volunteer).await;
    assert_eq!(used, max);
    let unmatch: &[(&str, &str)] = &[("request", &key)];
    let () = app.answer(&committee, "committee/unmatch", unmatch).await;
    assert_eq!(
        counts(&app, &volunteer).await,
        (max - 1, max),
        "the contact is given back"
    );
    let detail = app.request_detail(&committee, &key).await;
    assert_eq!(detail.status, RequestStatus::Open);
    assert!(
        detail.suggested.iter().all(|s| s.id != volunteer),
        "not suggested again"
    );
    assert_eq!(detail.declined.len(), 1);
    let refusal = app.refusal(&committee, "committee/unmatch", unmatch).await;
    assert_eq!(
        refusal,
        ApiError::Refused(Problem::RequestNotMatched),
        "nothing to undo any more"
    );
    assert_eq!(refusal.status(), 409);
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
    let refusal = app
        .refusal(
            &committee,
            "committee/match",
            &[("request", &key), ("volunteer", &volunteer)],
        )
        .await;
    assert_eq!(refusal, ApiError::Refused(Problem::Declined));
    assert_eq!(refusal.status(), 409);
    assert_eq!(counts(&app, &volunteer).await, (max - 1, max));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn withdrawing_a_matched_request_tells_the_volunteer_and_keeps_the_contact_used() {
    let app = TestApp::spawn(30).await;
    let committee = app.committee().await;
    let volunteer = volunteer_with_room(&app, &committee, 2).await;
    let link = submit_request(&app, "Wyn Withdrawer", "wyn@example.org").await;
    let key = app.queue_key(&committee, "Wyn Withdrawer").await;
    app.match_with(&committee, &key, &volunteer).await;
    let after_match = counts(&app, &volunteer).await;
    let active = active_referrals(&app, &volunteer).await;

    let () = app
        .answer(&app.client, "requests/withdraw", &[("token", &link.token)])
        .await;
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
    let (vera, vera_key) = volunteer(&app, "Vera Volunteer", "vera.contact@example.org").await;
    let key = ask_and_match(&app, &committee, "Jo Learner", "jo@example.org", &vera_key)
        .await
        .0;

    let (status, raw) = app.call_as(&vera, "volunteer/referrals", &[]).await;
    assert_eq!(status, 200, "{raw}");
    // Searched as raw JSON on purpose: the address must be nowhere in the answer.
    assert!(
        !raw.to_string().contains("jo@example.org"),
        "no requester address"
    );
    let mine: MyReferrals = typed(&raw);
    let r = &mine.referrals[0];
    assert_eq!(r.first_name, "Jo", "first name only");
    assert!(r.learning_goal.contains("records manager"));
    assert_eq!(mine.contacts_used, 1);

    // Someone else cannot mark it; an outcome must be one of the choices; a mark can be
    // changed for a day (feedback.rs), then it is final.
    let (other, _) = volunteer(&app, "Otto Other", "otto.contact@example.org").await;
    let marks = |outcome| [("request", key.as_str()), ("outcome", outcome)];
    let mark = "volunteer/referrals/mark";
    app.assert_statuses(&[
        (&other, mark, &marks("no-show"), 403, "not Otto's referral"),
        (&vera, mark, &marks("maybe"), 422, "not an outcome"),
        (&vera, mark, &marks("no-show"), 200, "marked"),
        (&vera, mark, &marks("done"), 200, "changed the same day"),
    ])
    .await;
    let mine: MyReferrals = app.answer(&vera, "volunteer/referrals", &[]).await;
    assert_eq!(mine.referrals[0].status, RequestStatus::Completed);
    // The page shows it without JavaScript.
    let (_, page) = app.get_as(&vera, "/me/referrals").await;
    assert!(page.contains("Jo, referred on"), "{page}");
    assert!(page.contains("Conversation done"));

    // A second referral Vera cannot take: she gives it back herself.
    let second = ask_and_match(&app, &committee, "Kai Second", "kai@example.org", &vera_key)
        .await
        .0;
    assert_eq!(counts(&app, &vera_key).await.0, 2);
    let decline = "volunteer/referrals/decline";
    let give_back: &[(&str, &str)] = &[("request", &second)];
    app.assert_statuses(&[
        (
            &other,
            decline,
            give_back,
            403,
            "only the matched volunteer may give it back",
        ),
        (&vera, decline, give_back, 200, "given back"),
    ])
    .await;
    assert_eq!(counts(&app, &vera_key).await.0, 1, "the contact is back");
    let detail = app.request_detail(&committee, &second).await;
    assert_eq!(detail.status, RequestStatus::Open, "back in the queue");
    assert_eq!(detail.declined, ["Vera Volunteer"]);
    let told = outbox::all(&app.state().db)
        .await
        .expect("outbox")
        .into_iter()
        .filter(|m| m.kind == "match-undone" && m.to == "kai@example.org")
        .count();
    assert_eq!(told, 1, "Kai is told not to write to Vera");
    app.assert_statuses(&[
        (&vera, decline, give_back, 403, "no longer hers"),
        (
            &vera,
            decline,
            &[("request", &key)],
            409,
            "a completed one cannot be given back",
        ),
    ])
    .await;
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
        let refusal = app
            .refusal(
                &committee,
                "committee/close",
                &[("request", &lonely), ("reason", reason)],
            )
            .await;
        assert_eq!(refusal, ApiError::Refused(Problem::CloseReasonMissing));
        assert_eq!(refusal.status(), 422);
    }
    let close = "committee/close";
    let () = app
        .answer(
            &committee,
            close,
            &[("request", &lonely), ("reason", "no-volunteer")],
        )
        .await;
    let detail = app.request_detail(&committee, &lonely).await;
    assert_eq!(detail.status, RequestStatus::Closed);
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
    let spam_as = |reason| [("request", spam.as_str()), ("reason", reason)];
    let () = app.answer(&committee, close, &spam_as("spam")).await;
    assert_eq!(kind("request-closed").await.len(), 1, "no email for spam");
    let volunteer = app.volunteers[0].profile.id.clone();
    let matched: &[(&str, &str)] = &[("request", &spam), ("volunteer", &volunteer)];
    app.assert_statuses(&[
        (
            &committee,
            close,
            &spam_as("duplicate"),
            409,
            "closed already",
        ),
        (
            &committee,
            "committee/match",
            matched,
            409,
            "closed already",
        ),
    ])
    .await;
    assert_eq!(app.queue(&committee).await.open, 0, "both left the queue");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_queue_puts_the_oldest_deadline_first_and_counts_the_overdue() {
    let app = TestApp::spawn(0).await;
    let committee = app.committee().await;
    let store = |name: &'static str, days_ago: i64| {
        let created = chrono::Utc::now() - chrono::TimeDelta::days(days_ago);
        let due = app::domain::request::deadline(created, 14);
        store_request(&app, name, None, created, due, 9)
    };
    store("Fresh", 0).await;
    store("Late", 20).await;
    store("Close", 10).await;
    let queue = app.queue(&committee).await;
    assert_eq!(queue.open, 3);
    assert_eq!(queue.overdue, 1);
    let names: Vec<&str> = queue.items.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["Late", "Close", "Fresh"], "oldest deadline first");
    assert!(queue.items[0].days_left < 0);
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
