//! A request's life after the match, over HTTP: it ends on its own after the configured
//! time (freeing the requester's cap), withdrawing gives way to feedback, the feedback form
//! through the private link (with and without JavaScript, changeable for a week, one
//! request's link never touching another's), "another conversation", the volunteer's
//! changeable mark, and the summary a volunteer sees from three answers on.

use app::api::requests::{FeedbackPage, RequestStatusView};
use app::domain::feedback::Rating;
use app::domain::request::RequestStatus;
use app::domain::volunteer_home::MyReferrals;
use app::domain::{Problem, ValidationError};
use app::error::ApiError;
use chrono::TimeDelta;

use crate::support::{
    ask_and_match, field_errors, location, new_client, pairs, plain_post, request_form, set,
    submit_form, submit_request, volunteer, PrivateLink, TestApp,
};

/// Waits (up to ten seconds) until the request `token` opens has status `want`: the
/// scheduled jobs run every second.
async fn until_status(app: &TestApp, token: &str, want: RequestStatus) -> RequestStatusView {
    for _ in 0..100 {
        let view = app.status_view(token).await;
        if view.status == want {
            return view;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the request never became {want:?}");
}

fn answer<'a>(token: &'a str, fields: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![("token", token)];
    f.extend_from_slice(fields);
    f
}

const GOOD: &[(&str, &str)] = &[
    ("form[happened]", "yes"),
    ("form[mode]", "video"),
    ("form[rating]", "4"),
    ("form[useful]", "next-steps"),
    (
        "form[comment]",
        "Generous with her time; I now know which course to take.",
    ),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_matched_request_ends_on_its_own_and_frees_the_requesters_cap() {
    let app = TestApp::spawn_config(0, |c| c.program.max_open_requests_per_email = 1).await;
    let committee = app.committee().await;
    let (_vera, vera_key) = volunteer(&app, "Vera Volunteer", "vera.contact@example.org").await;
    let (_, link) = ask_and_match(&app, &committee, "Kim Lee", "kim@example.org", &vera_key).await;

    // Matched a moment ago: it still counts toward Kim's one open request.
    let second = set(
        request_form("Kim Lee", "kim@example.org"),
        "learning_goal",
        "Which skills matter most in a special library, and how do people learn them?",
    );
    let refused = app
        .refusal(&app.client, "requests/submit", &pairs(&second))
        .await;
    let errors = field_errors(refused);
    assert!(
        errors[0]
            .to_string()
            .contains("waiting or recently matched"),
        "{errors:?}"
    );
    let view = app.status_view(&link.token).await;
    assert!(view.offers.withdraw && !view.offers.feedback && view.offers.meeting_date);

    // A month and a day later, nobody having said how it went, it ends on its own.
    app.advance_clock(TimeDelta::days(31));
    let view = until_status(&app, &link.token, RequestStatus::Lapsed).await;
    assert!(view.offers.feedback, "feedback is still welcome");
    assert!(!view.offers.withdraw && !view.offers.meeting_date);
    let (_, page) = app.get(&link.path).await;
    assert!(page.contains("Ended without news"), "{page}");
    assert!(page.contains("Give feedback"));
    assert_eq!(
        app.refusal(&app.client, "requests/withdraw", &[("token", &link.token)])
            .await,
        ApiError::Refused(Problem::CannotWithdraw)
    );

    // And Kim may ask again.
    submit_form(&app, &second).await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn feedback_opens_on_the_day_of_the_conversation_and_is_changeable_for_a_week() {
    let app = TestApp::spawn(0).await;
    let committee = app.committee().await;
    let (_vera, vera_key) = volunteer(&app, "Vera Volunteer", "vera.contact@example.org").await;
    let (_, link) = ask_and_match(&app, &committee, "Ana Ruiz", "ana@example.org", &vera_key).await;
    let (_, other) = ask_and_match(&app, &committee, "Bo Chen", "bo@example.org", &vera_key).await;
    let token = link.token.as_str();

    // Not yet: the form says when it opens, and a save is refused with nothing stored.
    let page: FeedbackPage = app
        .answer(&app.client, "requests/feedback", &[("token", token)])
        .await;
    assert!(!page.open);
    assert_eq!(page.volunteer_name.as_deref(), Some("Vera Volunteer"));
    assert!(page.opens_on.is_some());
    assert_eq!(
        app.refusal(&app.client, "requests/feedback/save", &answer(token, GOOD))
            .await,
        ApiError::Refused(Problem::FeedbackNotOpen)
    );

    // The requester notes the day agreed (a bad one is refused); from that day it opens.
    let bad_days = ["2020-01-01", "not a date", "2099-01-01"];
    for day in bad_days {
        assert_eq!(
            app.refusal(
                &app.client,
                "requests/meeting",
                &[("token", token), ("day", day)]
            )
            .await,
            ApiError::Refused(Problem::MeetingDayInvalid),
            "{day}"
        );
    }
    let today = app.state().today().to_string();
    let () = app
        .answer(
            &app.client,
            "requests/meeting",
            &[("token", token), ("day", &today)],
        )
        .await;
    let view = app.status_view(token).await;
    assert_eq!(view.meeting_on, Some(app.state().today()));
    assert!(view.offers.feedback && !view.offers.withdraw);

    // Bad answers are refused field by field, and change nothing.
    let incomplete = app
        .refusal(
            &app.client,
            "requests/feedback/save",
            &answer(token, &[("form[happened]", "yes"), ("form[rating]", "9")]),
        )
        .await;
    let fields: Vec<String> = field_errors(incomplete)
        .iter()
        .map(|e| e.field().to_owned())
        .collect();
    assert_eq!(fields, ["How you met", "How useful was it?"]);
    assert_eq!(app.status_view(token).await.status, RequestStatus::Matched);

    // A good answer ends the request as completed; the status page thanks them.
    let () = app
        .answer(&app.client, "requests/feedback/save", &answer(token, GOOD))
        .await;
    let view = app.status_view(token).await;
    assert_eq!(view.status, RequestStatus::Completed);
    let given = view.feedback.expect("the answer is recalled");
    assert_eq!(given.rating, Rating::new(4));
    assert!(given.editable_until.is_some());

    // Another request's link never touches this one (its own form is not open yet).
    assert_eq!(
        app.refusal(
            &app.client,
            "requests/feedback/save",
            &answer(&other.token, &[("form[happened]", "no")])
        )
        .await,
        ApiError::Refused(Problem::FeedbackNotOpen)
    );
    assert_eq!(
        app.status_view(token).await.status,
        RequestStatus::Completed
    );
    assert_eq!(
        app.status_view(&other.token).await.status,
        RequestStatus::Matched
    );

    // Changed within the week: it did not happen after all.
    let () = app
        .answer(
            &app.client,
            "requests/feedback/save",
            &answer(token, &[("form[happened]", "no"), ("form[rating]", "5")]),
        )
        .await;
    let view = app.status_view(token).await;
    assert_eq!(view.status, RequestStatus::NotHeld);
    assert_eq!(
        view.feedback.map(|f| (f.happened, f.rating)),
        Some((false, None))
    );

    // After the week it is final.
    app.advance_clock(TimeDelta::days(8));
    assert_eq!(
        app.refusal(&app.client, "requests/feedback/save", &answer(token, GOOD))
            .await,
        ApiError::Refused(Problem::FeedbackFinal)
    );
    let page: FeedbackPage = app
        .answer(&app.client, "requests/feedback", &[("token", token)])
        .await;
    assert!(page.given && page.editable_until.is_none());
    assert_eq!(app.status_view(token).await.status, RequestStatus::NotHeld);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_a_refused_answer_comes_back_and_another_conversation_is_prefilled() {
    let app = TestApp::spawn(0).await;
    let committee = app.committee().await;
    let (_vera, vera_key) = volunteer(&app, "Vera Volunteer", "vera.contact@example.org").await;
    let (_, link) = ask_and_match(&app, &committee, "Ola Berg", "ola@example.org", &vera_key).await;
    let PrivateLink { token, path } = link;
    app.advance_clock(TimeDelta::days(8));
    let browser = new_client();

    // Refused: back to the form, with what was typed and why.
    let typed = vec![
        ("token".to_owned(), token.clone()),
        ("form[happened]".to_owned(), "yes".to_owned()),
        (
            "form[comment]".to_owned(),
            "Lovely talk — thank you <3".to_owned(),
        ),
    ];
    let res = plain_post(&browser, &app, "requests/feedback/save", &typed).await;
    assert_eq!(res.status(), 302);
    assert_eq!(location(&res), format!("{path}/feedback#form-errors"));
    let (status, html) = app.get_as(&browser, &format!("{path}/feedback")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Lovely talk — thank you &lt;3"),
        "kept: {html}"
    );
    assert!(html.contains("How you met is required."), "{html}");
    assert_eq!(app.status_view(&token).await.status, RequestStatus::Matched);

    // Accepted, with "another conversation": the request form opens filled from this one.
    let mut good: Vec<(String, String)> = answer(&token, GOOD)
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    good.push(("form[another]".into(), "on".into()));
    let res = plain_post(&browser, &app, "requests/feedback/save", &good).await;
    assert_eq!(res.status(), 302);
    assert_eq!(location(&res), "/request?again=1");
    let (_, form) = app.get_as(&browser, "/request?again=1").await;
    assert!(form.contains("filled in from your last one"), "{form}");
    assert!(form.contains("value=\"Ola Berg\""), "{form}");
    assert!(form.contains("value=\"ola@example.org\""));
    assert_eq!(
        app.status_view(&token).await.status,
        RequestStatus::Completed
    );

    // Without "another", the status page thanks them.
    let res = plain_post(
        &browser,
        &app,
        "requests/feedback/save",
        &pairs_owned(&token),
    )
    .await;
    assert_eq!(location(&res), format!("{path}?thanks=1"));
    let (_, status_page) = app.get_as(&browser, &format!("{path}?thanks=1")).await;
    assert!(status_page.contains("Thank you for your feedback"));
    app.stop().await;
}

fn pairs_owned(token: &str) -> Vec<(String, String)> {
    answer(token, GOOD)
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_volunteer_changes_a_mark_for_a_day_and_sees_feedback_only_from_three_answers() {
    let app = TestApp::spawn(0).await;
    let committee = app.committee().await;
    let (vera, vera_key) = volunteer(&app, "Vera Volunteer", "vera.contact@example.org").await;
    let mut links = Vec::new();
    for (name, email) in [
        ("Ana One", "ana1@example.org"),
        ("Ben Two", "ben2@example.org"),
        ("Cy Three", "cy3@example.org"),
    ] {
        links.push(ask_and_match(&app, &committee, name, email, &vera_key).await);
    }
    let (first_key, _) = &links[0];
    let mark = |outcome: &'static str, note: &'static str| {
        vec![
            ("request", first_key.as_str()),
            ("outcome", outcome),
            ("note", note),
        ]
    };

    // "Did not show up" was a mis-click: changed the same day, with a comment.
    let () = app
        .answer(&vera, "volunteer/referrals/mark", &mark("no-show", ""))
        .await;
    let () = app
        .answer(
            &vera,
            "volunteer/referrals/mark",
            &mark("never-wrote", "No message reached me."),
        )
        .await;
    let mine: MyReferrals = app.answer(&vera, "volunteer/referrals", &[]).await;
    let r = mine
        .referrals
        .iter()
        .find(|r| &r.key == first_key)
        .expect("the referral");
    assert_eq!(r.status, RequestStatus::NotHeld);
    assert_eq!(r.note, "No message reached me.");
    assert!(r.can_mark && r.changeable_until.is_some());
    let too_long = "x".repeat(501);
    let refusal = app
        .refusal(
            &vera,
            "volunteer/referrals/mark",
            &[
                ("request", first_key.as_str()),
                ("outcome", "done"),
                ("note", &too_long),
            ],
        )
        .await;
    assert!(matches!(
        field_errors(refusal)[0],
        ValidationError::TooLong { max: 500, .. }
    ));

    // The requesters answer; two answers are not enough to show anything.
    app.advance_clock(TimeDelta::days(8));
    for (i, (_, link)) in links.iter().enumerate() {
        if i == 2 {
            let mine: MyReferrals = app.answer(&vera, "volunteer/referrals", &[]).await;
            assert_eq!(mine.feedback, None, "two answers stay hidden");
        }
        let () = app
            .answer(
                &app.client,
                "requests/feedback/save",
                &answer(&link.token, GOOD),
            )
            .await;
    }
    let mine: MyReferrals = app.answer(&vera, "volunteer/referrals", &[]).await;
    let summary = mine.feedback.expect("three answers are summarised");
    assert_eq!((summary.answers, summary.happened), (3, 3));
    assert_eq!(summary.average_text().as_deref(), Some("4.0"));
    // The volunteer's mark stands: the requester's answer does not overrule it.
    let r = mine
        .referrals
        .iter()
        .find(|r| &r.key == first_key)
        .expect("the referral");
    assert_eq!(r.status, RequestStatus::NotHeld);
    let (_, page) = app.get_as(&vera, "/me/referrals").await;
    assert!(page.contains("Average rating: 4.0 out of 5"), "{page}");
    assert!(
        !page.contains("Generous with her time"),
        "comments are the committee's"
    );

    // A day after the mark, it is final.
    assert_eq!(
        app.refusal(&vera, "volunteer/referrals/mark", &mark("done", ""))
            .await,
        ApiError::Refused(Problem::MarkFinal)
    );
    app.stop().await;
}

/// The addresses of the outbox's emails of `kind` (delivered ones keep no body).
async fn queued(app: &TestApp, kind: &str) -> Vec<String> {
    app::server::repo::outbox::all(&app.state().db)
        .await
        .expect("outbox")
        .into_iter()
        .filter(|m| m.kind == kind)
        .map(|m| m.to)
        .collect()
}

/// Waits (up to ten seconds) until at least one email of `kind` is queued; returns their
/// addresses.
async fn until_queued(app: &TestApp, kind: &str) -> Vec<String> {
    for _ in 0..100 {
        let found = queued(app, kind).await;
        if !found.is_empty() {
            return found;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no {kind} email was queued");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminders_go_once_each_with_two_app_copies_running_the_scheduler() {
    let app = TestApp::spawn_config(0, |c| c.program.reminders.digest_hour_utc = 0).await;
    let committee = app.committee().await;
    let (_vera, vera_key) = volunteer(&app, "Vera Volunteer", "vera.contact@example.org").await;
    let (_, matched) = ask_and_match(
        &app,
        &committee,
        "Ida Matched",
        "ida@example.org",
        &vera_key,
    )
    .await;
    let waiting = submit_request(&app, "Wes Waiting", "wes@example.org").await;
    // A second copy over the same database, on the same clock, runs its own scheduler.
    let copy = app.start_copy().await;

    // Day 5: Ida has not said she wrote; she is reminded, with a link to the studio.
    app.advance_clock(TimeDelta::days(5) + TimeDelta::hours(1));
    assert_eq!(
        until_queued(&app, "write-reminder").await,
        ["ida@example.org"]
    );
    let write = app
        .mail_to("ida@example.org", "Have you written to Vera")
        .await;
    assert!(
        write.text.contains("The first message is yours"),
        "{}",
        write.text
    );
    let studio = PrivateLink::from_email(&write.text);
    let (status, _) = app.get(&format!("{}/studio", studio.path)).await;
    assert_eq!(status, 200, "the reminder's link opens the studio");

    // Day 8: the feedback form is open; she is asked, with a link of its own to it.
    app.advance_clock(TimeDelta::days(3));
    assert_eq!(
        until_queued(&app, "feedback-request").await,
        ["ida@example.org"]
    );
    let asked = app
        .mail_to("ida@example.org", "How did your conversation")
        .await;
    let link = PrivateLink::from_email(&asked.text);
    assert_ne!(link.token, matched.token);
    let page: FeedbackPage = app
        .answer(&app.client, "requests/feedback", &[("token", &link.token)])
        .await;
    assert!(page.open);

    // Day 11: Vera has not marked the referral: is she still available? And Wes's request
    // is due within three days: the committee's digest lists it.
    app.advance_clock(TimeDelta::days(3));
    assert_eq!(
        until_queued(&app, "volunteer-nudge").await,
        ["vera.contact@example.org"]
    );
    let nudged = app
        .mail_to("vera.contact@example.org", "Are you still available")
        .await;
    assert!(
        nudged.text.contains("Has Ida written to you?"),
        "{}",
        nudged.text
    );
    let members = until_queued(&app, "committee-digest").await;
    let digest = app.mail_to(&members[0], "1 request due soon").await;
    assert!(digest.text.contains("Wes Waiting, due"), "{}", digest.text);
    assert!(
        !digest.text.contains("Ida Matched"),
        "matched requests are not listed"
    );
    assert!(
        !digest.text.contains(&waiting.token),
        "no requester's private link in the digest"
    );

    // Both copies keep running the scheduler every second: nothing goes twice.
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    assert_eq!(queued(&app, "write-reminder").await.len(), 1);
    assert_eq!(queued(&app, "feedback-request").await.len(), 1);
    assert_eq!(queued(&app, "volunteer-nudge").await.len(), 1);
    let digests = queued(&app, "committee-digest").await;
    let mut to: Vec<&str> = digests.iter().map(String::as_str).collect();
    to.sort_unstable();
    let before = to.len();
    to.dedup();
    assert_eq!(before, to.len(), "one digest per member per day: {to:?}");
    copy.stop().await.expect("the copy stops");
    app.stop().await;
}
