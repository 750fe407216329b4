//! What happens to a match over time and when things change under it: emails written from
//! data that changed before the transaction (audit L3), contact details shown as they were
//! at the match and only for a while (L5), a volunteer leaving with a referral in progress,
//! and the match transaction's own refusals (away, gone).

use app::domain::request::RequestStatus;
use app::server::repo::{outbox, referrals, requests, volunteers, Refusal};

use crate::support::{
    ask_and_match, match_directly, mine, pairs, profile, set, submit_request, volunteer, TestApp,
    ADMIN_EMAIL,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn emails_are_never_written_from_details_that_changed_meanwhile() {
    let app = TestApp::spawn(0).await;
    let committee = app.committee().await;
    let (_, vkey) = volunteer(&app, "Vic Vale", "vic@example.org").await;
    let db = &app.state().db;

    // A withdrawal decided on "open" while the committee matched it meanwhile: refused,
    // so the caller reads again and tells the volunteer.
    let (key, _) = ask_and_match(&app, &committee, "Wen Wu", "wen@example.org", &vkey).await;
    let refused = requests::withdraw(db, &key, (RequestStatus::Open, None), None)
        .await
        .expect("ran");
    assert_eq!(refused, Err(Refusal::Changed));
    let r = requests::get(db, &key).await.expect("read").expect("there");
    assert_eq!(r.status, RequestStatus::Matched, "nothing changed");

    // A match whose emails were written before the volunteer changed their phone.
    submit_request(&app, "Ola Obi", "ola@example.org").await;
    let other = app.queue_key(&committee, "Ola Obi").await;
    let own = volunteers::load_own(db, &vkey)
        .await
        .expect("read")
        .expect("own");
    let stale = own.contact.expect("contact");
    db.query("UPDATE type::record('volunteer_contact', $k) SET phone = '+1 555 999 0000'")
        .bind(("k", vkey.clone()))
        .await
        .expect("phone changed")
        .check()
        .expect("ok");
    let outcome = match_directly(&app, &other, &vkey, Some(&stale)).await;
    assert_eq!(outcome, Err(Refusal::Changed));
    // Through the API the match reads again and the email carries the new phone.
    app.match_with(&committee, &other, &vkey).await;
    let mail = app.mail_to("ola@example.org", "You are matched").await;
    assert!(mail.text.contains("+1 555 999 0000"), "{}", mail.text);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requesters_see_the_details_given_at_the_match_and_only_for_a_while() {
    let app = TestApp::spawn(0).await;
    let committee = app.committee().await;
    let (vic, vkey) = volunteer(&app, "Vic Vale", "vic@example.org").await;
    let (key, link) = ask_and_match(&app, &committee, "Wen Wu", "wen@example.org", &vkey).await;
    let view = app.status_view(&link.token).await;
    let shown = view.volunteer.expect("the matched volunteer");
    assert_eq!(shown.contact.email, "vic@example.org");
    assert_eq!(shown.contact.phone.as_deref(), Some("+1 555 010 2030"));
    // Rule 4: whether they welcome further contact is shown, on the page and the profile.
    assert!(shown.welcome_further_contact);
    let (_, page) = app.get(&link.path).await;
    assert!(page.contains("They are happy to stay in touch after the conversation."));
    let (_, public) = app.get(&format!("/volunteers/{vkey}")).await;
    assert!(public.contains("Happy to stay in touch after the conversation."));

    // The volunteer changes their phone after the match: the requester is not shown it.
    // (`set` adds the `form[…]` around the name: this once said "form[phone]", which
    // changed nothing, so the check below could not fail.)
    let form = set(
        profile("Vic Vale", "vic@example.org", "12"),
        "phone",
        "+1 555 777 1234",
    );
    let (status, body) = app.call_as(&vic, "volunteer/save", &pairs(&form)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        mine(&app, &vic, false).await.form.phone,
        "+1 555 777 1234",
        "the phone did change"
    );
    mark_done(&app, &vic, &key).await;
    let view = app.status_view(&link.token).await;
    assert_eq!(view.status, RequestStatus::Completed);
    let shown = view.volunteer.expect("the matched volunteer");
    assert_eq!(shown.contact.email, "vic@example.org");
    assert_eq!(
        shown.contact.phone.as_deref(),
        Some("+1 555 010 2030"),
        "the details as they were at the match"
    );
    assert!(!view.contact_ended);

    // A month (and a day) after the conversation: no contact details any more.
    app.state()
        .db
        .query("UPDATE type::record('request', $k) SET ended_at = time::now() - 31d")
        .bind(("k", key.clone()))
        .await
        .expect("moved back")
        .check()
        .expect("ok");
    let view = app.status_view(&link.token).await;
    assert_eq!(view.volunteer, None);
    assert!(view.contact_ended);
    let (_, page) = app.get(&link.path).await;
    assert!(page.contains("no longer shown"), "{page}");
    assert!(!page.contains("happy to stay in touch"));
    assert!(!page.contains("vic@example.org"));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_volunteer_leaving_mid_referral_sends_the_request_back_to_the_queue() {
    let app = TestApp::spawn(0).await;
    let committee = app.committee().await;
    let (vic, vkey) = volunteer(&app, "Vic Vale", "vic@example.org").await;
    let (key, link) = ask_and_match(&app, &committee, "Wen Wu", "wen@example.org", &vkey).await;
    let (done, _) = ask_and_match(&app, &committee, "Dee Done", "dee@example.org", &vkey).await;
    mark_done(&app, &vic, &done).await;

    // Vic's account, read before it is deleted, to look for its sessions afterwards.
    let account: Option<surrealdb::types::RecordId> = app
        .state()
        .db
        .query("SELECT VALUE id FROM ONLY account WHERE email = 'vic@example.org' LIMIT 1")
        .await
        .expect("account")
        .take(0)
        .expect("an id");
    let account = account.expect("Vic has an account");
    let () = app
        .answer(&vic, "volunteer/leave", &[("confirm", "LEAVE")])
        .await;
    let db = &app.state().db;
    let r = requests::get(db, &key).await.expect("read").expect("there");
    assert_eq!(r.status, RequestStatus::Open, "back in the queue");
    assert_eq!(r.volunteer, None);
    assert!(r.shown_contact.is_none());
    let done = requests::get(db, &done)
        .await
        .expect("read")
        .expect("there");
    assert_eq!(done.status, RequestStatus::Completed);
    assert!(
        done.shown_contact.is_none(),
        "no contact details outlive the volunteer"
    );
    let mail = app
        .mail_to("wen@example.org", "Your volunteer has left")
        .await;
    assert!(
        mail.text.contains("finding you someone else"),
        "{}",
        mail.text
    );
    app.mail_to(ADMIN_EMAIL, "A volunteer left").await;
    let view = app.status_view(&link.token).await;
    assert_eq!(view.status, RequestStatus::Open);
    assert_eq!(view.volunteer, None);
    // Nothing of theirs is left: no contact row, no session.
    let mut res = db
        .query(
            "RETURN count(SELECT id FROM volunteer_contact);
             RETURN count(SELECT id FROM session WHERE account = $account);
             RETURN count(SELECT id FROM volunteer WHERE id = type::record('volunteer', $k));",
        )
        .bind(("k", vkey.clone()))
        .bind(("account", account))
        .await
        .expect("counts");
    for i in 0..3 {
        let n: Option<i64> = res.take(i).expect("count");
        assert_eq!(n, Some(0), "count {i}");
    }
    // The kept request names no one: its volunteer key is random, not their name.
    assert!(!vkey.to_lowercase().contains("vic"), "{vkey}");
    let kinds: Vec<String> = outbox::all(db)
        .await
        .expect("outbox")
        .into_iter()
        .map(|m| m.kind)
        .collect();
    assert!(kinds.contains(&"volunteer-left".to_owned()), "{kinds:?}");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_match_transaction_refuses_a_volunteer_who_is_away_or_gone() {
    let app = TestApp::spawn(0).await;
    let committee = app.committee().await;
    let (_, vkey) = volunteer(&app, "Vic Vale", "vic@example.org").await;
    submit_request(&app, "Ola Obi", "ola@example.org").await;
    let key = app.queue_key(&committee, "Ola Obi").await;
    let db = &app.state().db;
    let try_match = || match_directly(&app, &key, &vkey, None);
    // Away (the pause set directly, as another copy or a stale read model would miss it).
    db.query("UPDATE type::record('volunteer', $k) SET paused_until = time::now() + 10d")
        .bind(("k", vkey.clone()))
        .await
        .expect("paused")
        .check()
        .expect("ok");
    assert_eq!(try_match().await, Err(Refusal::VolunteerAway));
    // Gone: unlisted.
    db.query("UPDATE type::record('volunteer', $k) SET listed = false, paused_until = NONE")
        .bind(("k", vkey.clone()))
        .await
        .expect("unlisted")
        .check()
        .expect("ok");
    assert_eq!(try_match().await, Err(Refusal::VolunteerGone));
    let r = requests::get(db, &key).await.expect("read").expect("there");
    assert_eq!(r.status, RequestStatus::Open, "still waiting");
    assert_eq!(
        referrals::contact_count(db, &vkey).await.expect("read"),
        Some((0, 4)),
        "no contact used"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_last_contact_tells_the_volunteer_they_are_full() {
    let app = TestApp::spawn(0).await;
    let committee = app.committee().await;
    let client = app.sign_in("una@example.org", "Una Once").await;
    let form = set(
        profile("Una Once", "una.contact@example.org", "9"),
        "max_contacts",
        "2",
    );
    let (status, body) = app.call_as(&client, "volunteer/save", &pairs(&form)).await;
    assert_eq!(status, 200, "{body}");
    let vkey = mine(&app, &client, false)
        .await
        .profile_id
        .expect("a profile");
    ask_and_match(&app, &committee, "Abe First", "abe@example.org", &vkey).await;
    ask_and_match(&app, &committee, "Bea Second", "bea@example.org", &vkey).await;
    let mail = app
        .mail_to("una.contact@example.org", "You have reached your maximum")
        .await;
    assert!(mail.text.contains("Hello Una Once,"), "{}", mail.text);
    assert!(
        mail.text.contains("matched 2 times, the maximum you set"),
        "{}",
        mail.text
    );
    assert!(
        mail.text.contains("/me/profile"),
        "a way to raise it: {}",
        mail.text
    );
    let full = outbox::all(&app.state().db)
        .await
        .expect("outbox")
        .into_iter()
        .filter(|m| m.kind == "capacity-reached")
        .count();
    assert_eq!(full, 1, "only the last contact sends it");
    app.stop().await;
}

/// The volunteer marks their referral `request` as done, which must succeed.
async fn mark_done(app: &TestApp, volunteer: &reqwest::Client, request: &str) {
    let () = app
        .answer(
            volunteer,
            "volunteer/referrals/mark",
            &[("request", request), ("outcome", "done")],
        )
        .await;
}
