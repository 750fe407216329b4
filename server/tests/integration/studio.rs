//! The outreach drafting studio over HTTP: opened from the match email's link and from a
//! re-sent one, drafts saved through a private link (with and without JavaScript), kept
//! apart per request, bad input refused with nothing lost, and practice mode from a
//! public profile without contact details.

use app::domain::outreach::studio::StudioPage;
use app::domain::outreach::Channel;
use app::domain::{PoolStatus, Problem, ValidationError};
use app::error::ApiError;

use crate::support::{
    field_errors, location, new_client, pairs, plain_post, status_link, submit_request,
    PrivateLink, TestApp,
};

/// The studio's form as the page posts it for `draft`, with `extra` fields.
fn studio_form(
    key: (&str, &str),
    d: &app::domain::outreach::Draft,
    extra: &[(&str, &str)],
) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = vec![
        (key.0.into(), key.1.into()),
        ("draft[channel]".into(), d.channel.slug().into()),
        ("draft[formality]".into(), d.formality.slug().into()),
        ("draft[how_found]".into(), d.how_found.slug().into()),
        ("draft[how_found_detail]".into(), d.how_found_detail.clone()),
        ("draft[sender_name]".into(), d.sender_name.clone()),
        ("draft[learning_goal]".into(), d.learning_goal.clone()),
        ("draft[subject]".into(), d.subject.clone()),
        ("draft[body]".into(), d.body.clone()),
        ("draft[discussed]".into(), d.discussed.clone()),
        ("draft[thank_you]".into(), d.thank_you.clone()),
        (
            "draft[sent_on]".into(),
            d.sent_on.map(|x| x.to_string()).unwrap_or_default(),
        ),
        ("draft[follow_up]".into(), d.follow_up.clone()),
    ];
    if d.premium {
        f.push(("draft[premium]".into(), "true".into()));
    }
    if d.follow_up_sent {
        f.push(("draft[follow_up_sent]".into(), "true".into()));
    }
    for id in &d.question_ids {
        f.push(("draft[question_ids][]".into(), id.clone()));
    }
    for (k, v) in extra {
        f.push(((*k).into(), (*v).into()));
    }
    f
}

/// A listed volunteer with room for `room` more contacts.
fn available(app: &TestApp, room: u32) -> &app::server::repo::volunteers::NewVolunteer {
    app.volunteers
        .iter()
        .find(|v| {
            matches!(v.profile.status(app.today),
                PoolStatus::Available { contacts_left } if contacts_left >= room)
        })
        .expect("a volunteer with room")
}

async fn open(app: &TestApp, token: &str) -> StudioPage {
    app.answer(&app.client, "studio/open", &[("token", token)])
        .await
}

/// Sends `draft` through `token` as the browser's autosave does; must be stored.
async fn autosave(app: &TestApp, token: &str, d: &app::domain::outreach::Draft) {
    let form = studio_form(("token", token), d, &[("intent", "save")]);
    let saved: Option<chrono::DateTime<chrono::Utc>> =
        app.answer(&app.client, "studio/save", &pairs(&form)).await;
    assert!(saved.is_some(), "saved, and says when");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_studio_opens_from_the_match_email_and_a_resent_link_and_keeps_the_draft() {
    let app = TestApp::spawn(6).await;
    let committee = app.committee().await;
    let first = submit_request(&app, "Zoë O'Brien-Nguyễn", "zoe@example.org").await;

    // Before a match the studio is not open (practice is, from any profile).
    let refusal = app
        .refusal(&app.client, "studio/open", &[("token", &first.token)])
        .await;
    assert_eq!(refusal, ApiError::Refused(Problem::StudioNotOpen));
    let (status, page) = app.get(&format!("{}/studio", first.path)).await;
    assert_eq!(status, 409);
    assert!(page.contains("practise from any volunteer"), "{page}");

    let v = available(&app, 1);
    let key = app.queue_key(&committee, "Zoë O'Brien-Nguyễn").await;
    app.match_with(&committee, &key, &v.profile.id).await;

    // The match email links the studio with a link of its own.
    let mail = app.mail_to("zoe@example.org", "You are matched").await;
    let from_match = PrivateLink::from_email(&mail.text);
    assert_ne!(from_match.token, first.token);
    let studio_path = format!("{}/studio", from_match.path);
    assert!(mail.text.contains(&studio_path), "{}", mail.text);
    let (status, html) = app.get(&studio_path).await;
    assert_eq!(status, 200);
    assert!(html.contains(&format!("Write to {}", v.profile.display_name)));
    assert!(
        html.contains(&v.contact.email),
        "a matched requester sees where to write"
    );

    // A first draft filled from the request and the profile.
    let page = open(&app, &from_match.token).await;
    assert_eq!(page.setup.volunteer_name, v.profile.display_name);
    assert_eq!(page.draft.sender_name, "Zoë O'Brien-Nguyễn");
    assert!(page.draft.body.contains(&v.profile.display_name));
    assert!(!page.draft.question_ids.is_empty());
    assert!(page.saved_at.is_none());
    assert_eq!(
        page.contact.as_ref().map(|c| &c.email),
        Some(&v.contact.email)
    );
    let mut channels = vec![Channel::Email];
    if v.contact.linkedin_url.is_some() {
        channels.extend([Channel::LinkedinMessage, Channel::ConnectionNote]);
    }
    assert_eq!(
        page.setup.channels, channels,
        "the channels the volunteer gave"
    );

    // Saved through one link, read back through the other.
    let mut d = page.draft.clone();
    d.body = "Dear Ms Example,\n\nMy own words 🙂 about your work.\n\nZoë".into();
    d.question_ids.reverse();
    autosave(&app, &from_match.token, &d).await;
    let again = open(&app, &first.token).await;
    assert_eq!(again.draft.body, d.body);
    assert_eq!(again.draft.question_ids, d.question_ids, "the order kept");
    assert!(again.saved_at.is_some());

    // A re-sent link opens the same draft.
    let (status, _) = app
        .call("requests/link", &[("email", "zoe@example.org")])
        .await;
    assert_eq!(status, 200);
    let resent = app
        .mail_to("zoe@example.org", "Your private links to your requests")
        .await;
    let resent = status_link(&resent.text);
    let token = resent.trim_start_matches("/r/");
    assert_eq!(open(&app, token).await.draft.body, d.body);
    let (status, _) = app.get(&format!("{resent}/studio")).await;
    assert_eq!(status, 200);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_requests_link_can_neither_read_nor_write_a_draft() {
    let app = TestApp::spawn(6).await;
    let committee = app.committee().await;
    let ann = submit_request(&app, "Ann Able", "ann@example.org").await;
    let bo = submit_request(&app, "Bo Baker", "bo@example.org").await;
    let v = available(&app, 2);
    for name in ["Ann Able", "Bo Baker"] {
        let key = app.queue_key(&committee, name).await;
        app.match_with(&committee, &key, &v.profile.id).await;
    }
    let mut mine = open(&app, &ann.token).await.draft;
    mine.body = "Dear Ms Example, Ann's private words.".into();
    autosave(&app, &ann.token, &mine).await;

    let theirs = open(&app, &bo.token).await;
    assert!(!theirs.draft.body.contains("Ann's private words"));
    assert_eq!(theirs.draft.sender_name, "Bo Baker");
    let mut other = theirs.draft.clone();
    other.body = "Dear Ms Example, Bo writes here.".into();
    autosave(&app, &bo.token, &other).await;
    assert_eq!(
        open(&app, &ann.token).await.draft.body,
        mine.body,
        "untouched"
    );

    // A made-up link opens nothing and saves nothing.
    let fake = "0".repeat(64);
    let refusal = app
        .refusal(&app.client, "studio/open", &[("token", &fake)])
        .await;
    assert_eq!(refusal, ApiError::Refused(Problem::UnknownLink));
    let form = studio_form(("token", &fake), &other, &[("intent", "save")]);
    let refusal = app.refusal(&app.client, "studio/save", &pairs(&form)).await;
    assert_eq!(refusal, ApiError::Refused(Problem::UnknownLink));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_refused_with_a_reason_and_nothing_typed_is_lost() {
    let app = TestApp::spawn(6).await;
    let committee = app.committee().await;
    let link = submit_request(&app, "Cy Careful", "cy@example.org").await;
    let v = available(&app, 1);
    let key = app.queue_key(&committee, "Cy Careful").await;
    app.match_with(&committee, &key, &v.profile.id).await;
    let stored = open(&app, &link.token).await.draft;
    autosave(&app, &link.token, &stored).await;

    // With JavaScript: refused, with the field and why; the stored draft is unchanged.
    let mut bad = stored.clone();
    bad.body = "Dear Ms Example, <b>bold</b> words".into();
    bad.follow_up = "x".repeat(10_001);
    let form = studio_form(("token", &link.token), &bad, &[("intent", "save")]);
    let refusal = app.refusal(&app.client, "studio/save", &pairs(&form)).await;
    let fields: Vec<String> = field_errors(refusal)
        .iter()
        .map(|e| e.field().to_owned())
        .collect();
    assert_eq!(fields, ["Message", "Follow-up"]);
    assert_eq!(open(&app, &link.token).await.draft, stored);

    // Without JavaScript: back to the studio, which shows what was typed and why, once.
    let client = new_client();
    bad.follow_up.clear();
    bad.body.push_str(" </textarea><p id=\"injected\">x</p>");
    let form = studio_form(("token", &link.token), &bad, &[("intent", "save:message")]);
    let res = plain_post(&client, &app, "studio/save", &form).await;
    assert_eq!(res.status().as_u16(), 302);
    let back = location(&res);
    assert_eq!(back, format!("{}/studio#form-errors", link.path));
    let (status, html) = app.get_as(&client, &back).await;
    assert_eq!(status, 200);
    let at = html
        .find("bold")
        .map(|i| &html[i.saturating_sub(40)..i + 40]);
    // Escaped: the server writes a textarea's text itself (see `textarea_text`).
    assert!(
        html.contains("Dear Ms Example, &lt;b>bold&lt;/b> words &lt;/textarea>&lt;p id=\"injected\">x&lt;/p></textarea>"),
        "the typed text is back, still text: {at:?}"
    );
    assert!(!html.contains("<p id=\"injected\">"));
    assert!(html.contains("remove the tags"));
    let page = open(&app, &link.token).await;
    assert_eq!(
        page.draft, stored,
        "nothing stored, and the kept copy was read once"
    );
    assert_eq!(page.errors, Vec::<ValidationError>::new());
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_each_button_is_applied_by_the_server() {
    let app = TestApp::spawn(6).await;
    let committee = app.committee().await;
    let link = submit_request(&app, "Di Plain", "di@example.org").await;
    let v = available(&app, 1);
    let key = app.queue_key(&committee, "Di Plain").await;
    app.match_with(&committee, &key, &v.profile.id).await;
    let client = new_client();
    let mut d = open(&app, &link.token).await.draft;
    let studio = format!("{}/studio", link.path);

    // The thank-you note, drafted from the learning goal and what was discussed.
    d.discussed = "the teen advisory group".into();
    let form = studio_form(("token", &link.token), &d, &[("intent", "thank-you")]);
    let res = plain_post(&client, &app, "studio/save", &form).await;
    assert_eq!(res.status().as_u16(), 302);
    assert_eq!(location(&res), format!("{studio}?saved=1#after"));
    d = open(&app, &link.token).await.draft;
    assert!(
        d.thank_you.contains("the teen advisory group"),
        "{}",
        d.thank_you
    );

    // The follow-up needs the date of the first message, and waits a week.
    let form = studio_form(("token", &link.token), &d, &[("intent", "follow-up")]);
    let res = plain_post(&client, &app, "studio/save", &form).await;
    assert_eq!(location(&res), format!("{studio}?tried=follow-up#after"));
    let (_, html) = app.get_as(&client, &location(&res)).await;
    assert!(
        html.contains("Say when you sent your first message"),
        "why it did nothing: {}",
        &html[html.find("Draft the follow-up").unwrap_or(0)..][..600]
    );
    d.sent_on = Some(app.today - chrono::TimeDelta::days(2));
    let form = studio_form(("token", &link.token), &d, &[("intent", "follow-up")]);
    let res = plain_post(&client, &app, "studio/save", &form).await;
    let (_, html) = app.get_as(&client, &location(&res)).await;
    assert!(html.contains("it has been 2 days"), "too soon");
    d.sent_on = Some(app.today - chrono::TimeDelta::days(9));
    let form = studio_form(("token", &link.token), &d, &[("intent", "follow-up")]);
    plain_post(&client, &app, "studio/save", &form).await;
    d = open(&app, &link.token).await.draft;
    assert!(!d.follow_up.is_empty());

    // The ticked questions come in the bank's order; the form's order is kept.
    let bank: Vec<String> =
        app::domain::outreach::questions::bank(&page_tailoring(&app, &link).await)
            .into_iter()
            .flat_map(|(_, qs)| qs.into_iter().map(|q| q.id.into_owned()))
            .take(3)
            .collect();
    d.question_ids = bank.clone();
    let order = format!("{},{}", bank[2], bank[0]);
    let form = studio_form(
        ("token", &link.token),
        &d,
        &[("order", &order), ("intent", "save:questions")],
    );
    let res = plain_post(&client, &app, "studio/save", &form).await;
    assert_eq!(location(&res), format!("{studio}?saved=1#questions"));
    let up = format!("up:{}", bank[1]);
    d = open(&app, &link.token).await.draft;
    assert_eq!(
        d.question_ids,
        [bank[2].clone(), bank[0].clone(), bank[1].clone()]
    );
    let order = d.question_ids.join(",");
    let form = studio_form(
        ("token", &link.token),
        &d,
        &[("order", &order), ("intent", &up)],
    );
    plain_post(&client, &app, "studio/save", &form).await;
    d = open(&app, &link.token).await.draft;
    assert_eq!(
        d.question_ids,
        [bank[2].clone(), bank[1].clone(), bank[0].clone()]
    );
    app.stop().await;
}

async fn page_tailoring(app: &TestApp, link: &PrivateLink) -> app::domain::outreach::Tailoring {
    open(app, &link.token).await.setup.tailoring
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn practice_mode_works_from_any_public_profile_without_contact_details() {
    // The limits are configuration (`[program.channel_limits]`), sent with the page.
    let app = TestApp::spawn_config(6, |c| c.program.channel_limits.note_free = 180).await;
    let v = available(&app, 1);
    let path = format!("/volunteers/{}/practice", v.profile.id);
    let (status, html) = app.get(&path).await;
    assert_eq!(status, 200);
    assert!(html.contains("The committee makes the introduction"));
    assert!(
        !html.contains(&v.contact.email),
        "no contact details in practice"
    );
    let page: Option<StudioPage> = app
        .answer(&app.client, "studio/practice", &[("id", &v.profile.id)])
        .await;
    let page = page.expect("a listed volunteer");
    assert!(page.contact.is_none());
    assert_eq!(page.setup.channels, Channel::ALL.to_vec());
    assert_eq!(page.setup.check.limits.note_free, 180);
    assert_eq!(
        page.setup.check.limits.note_premium, 300,
        "the others keep their defaults"
    );
    let json = serde_json::to_string(&page).expect("json");
    assert!(!json.contains(&v.contact.email));
    let (status, _) = app.get("/volunteers/nobody-here/practice").await;
    assert_eq!(status, 404);

    // Without JavaScript the practice draft is kept for this browser a while.
    let client = new_client();
    let mut d = page.draft.clone();
    d.body = "Hello Ms Example, a practice run.".into();
    d.sender_name = "Pat Practice".into();
    let form = studio_form(("id", &v.profile.id), &d, &[("intent", "save:message")]);
    let res = plain_post(&client, &app, "studio/practice-save", &form).await;
    assert_eq!(res.status().as_u16(), 302);
    assert_eq!(location(&res), format!("{path}?saved=1#message"));
    let (_, html) = app.get_as(&client, &path).await;
    assert!(html.contains("a practice run."), "kept for this browser");
    let (_, html) = app.get_as(&client, &path).await;
    assert!(
        html.contains("a practice run."),
        "still there after a reload"
    );
    let (_, html) = app.get(&path).await;
    assert!(
        !html.contains("a practice run."),
        "never shown to another browser"
    );
    app.stop().await;
}
