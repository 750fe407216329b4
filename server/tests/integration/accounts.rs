//! Sign-in through a real OpenID Connect provider process, sessions, roles, and the
//! volunteer's self-service, over HTTP.

use app::api::account::SignInInfo;
use app::api::admin::PersonSummary;
use app::api::committee::RosterData;
use app::api::volunteer::VolunteerHome;
use app::domain::{DirectoryPage, PoolStatus, Role, VolunteerProfileView};

use crate::support::{
    create_profile, field_errors, location, mine, new_client, pairs, profile, save_profile, set,
    typed, TestApp, ADMIN_EMAIL,
};

fn session_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("cc_session="))
        .map(str::to_owned)
}

#[tokio::test]
async fn a_full_sign_in_creates_a_session_with_a_safe_cookie() {
    let app = TestApp::spawn(0).await;
    let client = new_client();
    let pending = app
        .start_sign_in(client, "ada@example.org", "Ada Lovelace")
        .await;
    let res = pending.deliver().await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(location(&res), "/me");
    let cookie = session_cookie(&res).expect("a session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http in tests: {cookie}");
    let v = app.viewer(&pending.client).await.expect("signed in");
    assert_eq!(v.name, "Ada Lovelace");
    assert_eq!(v.email, None, "the header needs no email address");
    let info: SignInInfo = app.answer(&pending.client, "account/sign-in", &[]).await;
    assert_eq!(
        info.viewer.and_then(|v| v.email).as_deref(),
        Some("ada@example.org")
    );
    assert_eq!(v.roles, [], "no roles before a profile");

    // A second sign-in gets a new session id, and the old one ends.
    let old = cookie.split(';').next().unwrap().to_owned();
    let pending = app
        .start_sign_in(pending.client, "ada@example.org", "Ada Lovelace")
        .await;
    let res = pending.deliver().await;
    let new = session_cookie(&res).expect("new cookie");
    assert_ne!(new.split(';').next().unwrap(), old);
    let stale = new_client();
    let (_, body) = stale
        .post(app.url("/api/account/viewer"))
        .header("cookie", &old)
        .send()
        .await
        .map(|r| (r.status(), r))
        .expect("request");
    assert_eq!(
        body.text().await.unwrap(),
        "null",
        "the old session is gone"
    );

    // Administrators come from configuration (verified email).
    let admin = app.sign_in(ADMIN_EMAIL, "Chair").await;
    assert_eq!(
        app.viewer(&admin).await.expect("signed in").roles,
        [Role::Admin]
    );
    app.stop().await;
}

#[tokio::test]
async fn a_state_that_does_not_match_is_rejected() {
    let app = TestApp::spawn(0).await;
    let pending = app
        .start_sign_in(new_client(), "eve@example.org", "Eve")
        .await;

    // Tampered state: refused, and no session.
    let tampered = pending.callback.replace("state=", "state=x");
    let res = pending.client.get(&tampered).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(location(&res), "/signin?error=state");
    assert!(session_cookie(&res).is_none());

    // The provider's genuine answer delivered to another browser (login CSRF): refused,
    // and the attempt is used up.
    let other = new_client();
    let res = other.get(&pending.callback).send().await.unwrap();
    assert_eq!(location(&res), "/signin?error=state");
    assert!(session_cookie(&res).is_none());
    let res = pending.deliver().await;
    assert_eq!(location(&res), "/signin?error=state", "a state works once");
    assert_eq!(app.viewer(&pending.client).await, None);

    // No state at all.
    let res = pending
        .client
        .get(app.url("/auth/callback/local?code=abc"))
        .send()
        .await
        .unwrap();
    assert_eq!(location(&res), "/signin?error=state");
    // An unknown provider.
    let res = pending
        .client
        .get(app.url("/auth/login/nope"))
        .send()
        .await
        .unwrap();
    assert_eq!(location(&res), "/signin?error=unknown-provider");
    app.stop().await;
}

#[tokio::test]
async fn a_reused_code_is_rejected() {
    let app = TestApp::spawn(0).await;
    let pending = app
        .start_sign_in(new_client(), "bob@example.org", "Bob")
        .await;
    let res = pending.deliver().await;
    assert_eq!(location(&res), "/me");
    // Replaying the same code and state: refused, no new session.
    let res = pending.deliver().await;
    assert_eq!(location(&res), "/signin?error=state");
    assert!(session_cookie(&res).is_none());
    // The same code with a fresh, valid state of a new attempt: the provider refuses the
    // code (its PKCE challenge is used up), so no session either.
    let fresh = app
        .start_sign_in(new_client(), "bob@example.org", "Bob")
        .await;
    let code = pending
        .callback
        .split(['?', '&'])
        .find_map(|p| p.strip_prefix("code="))
        .unwrap()
        .to_owned();
    let fresh_state = fresh
        .callback
        .split(['?', '&'])
        .find_map(|p| p.strip_prefix("state="))
        .unwrap()
        .to_owned();
    let replay = app.url(&format!(
        "/auth/callback/local?code={code}&state={fresh_state}"
    ));
    let res = fresh.client.get(&replay).send().await.unwrap();
    assert_eq!(location(&res), "/signin?error=provider");
    assert!(session_cookie(&res).is_none());
    assert_eq!(app.viewer(&fresh.client).await, None);
    app.stop().await;
}

#[tokio::test]
async fn sessions_expire() {
    let app = TestApp::spawn_with(0, |a| a.session_absolute_seconds = 1).await;
    let client = app.sign_in("sam@example.org", "Sam").await;
    assert_eq!(app.viewer(&client).await.expect("signed in").name, "Sam");
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(app.viewer(&client).await, None);
    let (status, _) = app
        .call_as(&client, "volunteer/mine", &[("editing", "false")])
        .await;
    assert_eq!(status, 401);
    app.stop().await;

    let app = TestApp::spawn_with(0, |a| a.session_idle_seconds = 1).await;
    let client = app.sign_in("sam@example.org", "Sam").await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(app.viewer(&client).await, None, "idle too long");
    app.stop().await;
}

#[tokio::test]
async fn signing_out_ends_the_session_on_the_server() {
    let app = TestApp::spawn(0).await;
    let pending = app
        .start_sign_in(new_client(), "olga@example.org", "Olga")
        .await;
    let res = pending.deliver().await;
    let cookie = session_cookie(&res).unwrap();
    let pair = cookie.split(';').next().unwrap().to_owned();
    let client = pending.client;

    let res = client.post(app.url("/auth/signout")).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(location(&res), "/signin?signed_out=1");
    let cleared = session_cookie(&res).expect("cookie removed");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    assert_eq!(app.viewer(&client).await, None);
    // The old cookie value, sent again by hand, no longer works.
    let res = new_client()
        .post(app.url("/api/account/viewer"))
        .header("cookie", &pair)
        .send()
        .await
        .unwrap();
    assert_eq!(res.text().await.unwrap(), "null");
    app.stop().await;
}

#[tokio::test]
async fn committee_functions_need_the_committee_role() {
    let app = TestApp::spawn(5).await;
    let roster: &[(&str, &str)] = &[("page", "1")];
    let grant = |account, grant| [("account", account), ("grant", grant)];
    let vol = app.sign_in("vera@example.org", "Vera").await;
    app.assert_statuses(&[
        (
            &app.client,
            "committee/roster",
            roster,
            401,
            "nobody signed in",
        ),
        (&app.client, "admin/people", &[], 401, "nobody signed in"),
        (
            &vol,
            "committee/roster",
            roster,
            403,
            "not on the committee",
        ),
        (&vol, "admin/people", &[], 403, "not an administrator"),
        (
            &vol,
            "admin/committee",
            &grant("00", "true"),
            403,
            "only administrators grant roles",
        ),
    ])
    .await;

    // An administrator grants the committee role from the people page.
    let admin = app.sign_in(ADMIN_EMAIL, "Chair").await;
    let people: Vec<PersonSummary> = app.answer(&admin, "admin/people", &[]).await;
    let key = people
        .into_iter()
        .find(|p| p.email.as_deref() == Some("vera@example.org"))
        .expect("Vera is listed")
        .key;
    let () = app
        .answer(&admin, "admin/committee", &grant(&key, "true"))
        .await;
    let page: RosterData = app.answer(&vol, "committee/roster", roster).await;
    assert_eq!(page.items.len(), 5);
    assert!(
        page.items[0]
            .email
            .as_deref()
            .is_some_and(|e| e.contains('@')),
        "the committee sees contact emails"
    );
    // … and withdraws it.
    app.assert_statuses(&[
        (
            &admin,
            "admin/committee",
            &grant(&key, "false"),
            200,
            "withdrawn",
        ),
        (
            &vol,
            "committee/roster",
            roster,
            403,
            "no longer on the committee",
        ),
        (
            &admin,
            "admin/committee",
            &grant("ffff", "true"),
            404,
            "no such account",
        ),
    ])
    .await;
    app.stop().await;
}

#[tokio::test]
async fn a_volunteer_creates_and_edits_their_profile_and_the_directory_follows() {
    let app = TestApp::spawn(0).await;
    let ada = app.sign_in("ada@example.org", "Ada Lovelace").await;
    let home = mine(&app, &ada, true).await;
    assert_eq!(home.profile_id, None);
    assert_eq!(home.form.email, "ada@example.org", "prefilled from sign-in");

    let form = profile("Ada Lovelace", "ada.contact@example.org", "12");
    save_profile(&app, &ada, &form).await;
    let home = mine(&app, &ada, false).await;
    let id = home.profile_id.expect("a profile");
    assert_eq!(
        home.status,
        Some(PoolStatus::Available { contacts_left: 4 })
    );
    assert_eq!(home.form.phone, "+1 555 010 2030");
    assert_eq!(home.form.windows[0].day, "tue");
    assert_eq!(
        app.viewer(&ada).await.expect("signed in").roles,
        [Role::Volunteer]
    );

    // Listed in the directory at once, without contact details.
    let (status, public) = app.call("directory/profile", &[("id", &id)]).await;
    assert_eq!(status, 200);
    let shown: Option<VolunteerProfileView> = typed(&public);
    assert_eq!(shown.expect("listed").display_name, "Ada Lovelace");
    let (_, page) = app.get(&format!("/volunteers/{id}")).await;
    assert!(page.contains("Ada Lovelace"));
    // The raw answer is searched on purpose: the details must be nowhere in it.
    for secret in [
        "ada.contact@example.org",
        "555 010 2030",
        "linkedin.com/in/test-person",
    ] {
        assert!(!public.to_string().contains(secret), "{secret} leaked");
        assert!(!page.contains(secret), "{secret} leaked into the page");
    }

    // Pausing takes the profile out of the pool; the page says until when.
    let until = chrono::Utc::now().date_naive() + chrono::Days::new(20);
    let form = set(form, "paused_until", &until.format("%Y-%m-%d").to_string());
    save_profile(&app, &ada, &form).await;
    let public = app.public_profile(&id).await.expect("still public");
    assert_eq!(public.status, PoolStatus::Paused { until });
    let results: DirectoryPage = app
        .answer(&app.client, "directory/search", &[("query[q]", "Lovelace")])
        .await;
    assert_eq!(
        results.total, 0,
        "paused volunteers are not browsable: {results:?}"
    );

    // A maximum of zero (or one already used up): out of the pool, and the page says why.
    let form = set(set(form, "paused_until", ""), "max_contacts", "0");
    save_profile(&app, &ada, &form).await;
    let home = mine(&app, &ada, false).await;
    assert_eq!(home.status, Some(PoolStatus::AtCapacity));
    let public = app.public_profile(&id).await.expect("still public");
    assert_eq!(public.status, PoolStatus::AtCapacity);
    let (_, page) = app.get_as(&ada, "/me").await;
    assert!(
        page.contains("the maximum you set (0)"),
        "the page says why"
    );
    let res = app
        .client
        .get(app.url("/me"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status().as_u16(),
        302,
        "another browser is sent to sign in"
    );
    assert_eq!(location(&res), "/signin?next=%2Fme");

    // Back to four contacts, and under three years: no longer listed.
    let form = set(set(form, "max_contacts", "4"), "years_experience", "2");
    save_profile(&app, &ada, &form).await;
    assert_eq!(
        app.public_profile(&id).await,
        None,
        "under three years is not listed"
    );
    let home = mine(&app, &ada, false).await;
    assert_eq!(home.status, Some(PoolStatus::TooLittleExperience));
    app.stop().await;
}

#[tokio::test]
async fn bad_input_is_refused_whole_and_kept_for_the_form() {
    let app = TestApp::spawn(0).await;
    let ada = app.sign_in("ada@example.org", "Ada").await;
    let form = set(
        set(
            profile("", "not-an-email", "12"),
            "minutes_per_interview",
            "90",
        ),
        "linkedin_url",
        "https://evil.example/in/ada",
    );
    let refusal = app.refusal(&ada, "volunteer/save", &pairs(&form)).await;
    assert_eq!(refusal.status(), 422);
    let errors = field_errors(refusal);
    let fields: Vec<&str> = errors.iter().map(|e| e.field()).collect();
    for f in [
        "Name",
        "Contact email",
        "Minutes per conversation",
        "LinkedIn profile",
    ] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
    let home = mine(&app, &ada, false).await;
    assert_eq!(home.profile_id, None, "nothing was stored");

    // Without JavaScript: redirected back to the editor, which shows what was typed.
    let res = ada
        .post(app.url("/api/volunteer/save"))
        .header("accept", "text/html")
        .header("referer", app.url("/me/profile"))
        .form(&pairs(&form))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 302);
    assert_eq!(location(&res), "/me/profile#form-errors");
    let home = mine(&app, &ada, true).await;
    assert_eq!(home.form.email, "not-an-email", "what was typed is kept");
    assert_eq!(home.form.bio, "I look after the records of a city.");
    assert_eq!(home.errors.len(), 4, "{home:?}");
    let home = mine(&app, &ada, true).await;
    assert_eq!(home.errors.len(), 0, "shown once");

    // Nobody signed in: 401, and a plain post is sent to sign in.
    let (status, _) = app.call("volunteer/save", &pairs(&form)).await;
    assert_eq!(status, 401);
    // Another site posting the form: refused before anything runs.
    let res = ada
        .post(app.url("/api/volunteer/save"))
        .header("origin", "http://evil.example")
        .form(&pairs(&profile("Mallory", "m@example.org", "9")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
    assert_eq!(mine(&app, &ada, false).await.profile_id, None);
    app.stop().await;
}

#[tokio::test]
async fn a_volunteer_cannot_read_or_change_another_volunteers_profile() {
    let app = TestApp::spawn(0).await;
    let ada = app.sign_in("ada@example.org", "Ada").await;
    let ada_home = create_profile(&app, &ada, "Ada", "ada@example.org").await;
    let ada_id = ada_home.profile_id.clone().expect("a profile");

    let bob = app.sign_in("bob@example.org", "Bob").await;
    let (status, raw) = app
        .call_as(&bob, "volunteer/mine", &[("editing", "true")])
        .await;
    assert_eq!(status, 200, "{raw}");
    // Searched as raw JSON on purpose: Ada's address must be nowhere in Bob's answer.
    assert!(!raw.to_string().contains("ada@example.org"));
    let bob_home: VolunteerHome = typed(&raw);
    assert_eq!(bob_home.profile_id, None, "Bob sees no one else's profile");
    assert_eq!(bob_home.form.email, "bob@example.org");

    // Naming Ada's profile in the request changes nothing: the profile is the session's.
    let mut form = profile("Bob", "bob@example.org", "7");
    form.push(("form[id]".into(), ada_id.clone()));
    form.push(("id".into(), ada_id.clone()));
    // The extra fields are ignored (save_profile takes no id): Bob's own profile is saved.
    save_profile(&app, &bob, &form).await;
    let bob_id = mine(&app, &bob, false).await.profile_id;
    assert_ne!(bob_id, None, "Bob has his own profile now");
    assert_ne!(bob_id.as_ref(), Some(&ada_id));
    let ada_after = mine(&app, &ada, false).await;
    assert_eq!(ada_after.form, ada_home.form, "Ada's profile is untouched");
    let bob_after = mine(&app, &bob, false).await;
    assert_ne!(bob_after.profile_id, Some(ada_id.clone()));
    app.stop().await;
}

#[tokio::test]
async fn leaving_the_program_deletes_the_profile_and_the_account() {
    let app = TestApp::spawn(0).await;
    let ada = app.sign_in("ada@example.org", "Ada").await;
    let home = create_profile(&app, &ada, "Ada", "ada@example.org").await;
    let id = home.profile_id.expect("a profile");

    let (status, body) = app
        .call_as(&ada, "volunteer/leave", &[("confirm", "yes")])
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        app.public_profile(&id)
            .await
            .map(|p| p.display_name)
            .as_deref(),
        Some("Ada"),
        "nothing deleted without the word"
    );

    let res = ada
        .post(app.url("/api/volunteer/leave"))
        .form(&[("confirm", "leave")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert!(session_cookie(&res).unwrap().contains("Max-Age=0"));
    assert_eq!(
        app.public_profile(&id).await,
        None,
        "gone from the directory"
    );
    assert_eq!(app.viewer(&ada).await, None, "signed out");
    // The promise is about the data itself: the contact row and the sessions are gone.
    let mut res = app
        .state()
        .db
        .query(
            "RETURN count(SELECT id FROM volunteer_contact WHERE volunteer = type::record('volunteer', $id));
             RETURN count(SELECT id FROM volunteer WHERE id = type::record('volunteer', $id));
             RETURN count(SELECT id FROM session);",
        )
        .bind(("id", id.clone()))
        .await
        .expect("counts");
    for (i, what) in ["contact details", "profile", "sessions"]
        .iter()
        .enumerate()
    {
        let n: Option<i64> = res.take(i).expect("count");
        assert_eq!(n, Some(0), "{what} deleted");
    }
    let (status, _) = app
        .call_as(&ada, "volunteer/leave", &[("confirm", "LEAVE")])
        .await;
    assert_eq!(status, 401);

    // Signing in again starts from nothing: the account and profile were deleted.
    let again = app.sign_in("ada@example.org", "Ada").await;
    assert_eq!(mine(&app, &again, false).await.profile_id, None);
    assert_eq!(app.viewer(&again).await.expect("signed in").roles, []);
    app.stop().await;
}
