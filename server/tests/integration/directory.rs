use app::domain::{
    DirectoryPage, PoolStatus, TermKind, Vocabularies, VolunteerProfileView, PAGE_SIZE,
};
use app::server::repo::volunteers::NewVolunteer;

use crate::support::{typed, TestApp};

fn in_pool(app: &TestApp) -> impl Iterator<Item = &NewVolunteer> {
    app.volunteers
        .iter()
        .filter(|v| v.profile.status(app.today).is_available())
}

fn card_count(html: &str) -> usize {
    html.matches("<li class=\"card\"").count()
}

/// A search of the directory, as the browse page makes it.
async fn search(app: &TestApp, query: &[(&str, &str)]) -> DirectoryPage {
    app.answer(&app.client, "directory/search", query).await
}

#[tokio::test]
async fn browse_lists_only_the_pool_a_page_at_a_time() {
    let app = TestApp::spawn(60).await;
    let pool = in_pool(&app).count();
    assert!(pool > PAGE_SIZE, "enough volunteers for two pages");
    let (status, html) = app.get("/volunteers").await;
    assert_eq!(status, 200);
    assert_eq!(card_count(&html), PAGE_SIZE);
    assert!(html.contains(&format!("{pool} volunteers match.")));
    assert!(html.contains("rel=\"next\""));
    // Nobody outside the pool appears anywhere in the directory.
    let mut seen = 0;
    for page in 1..=pool.div_ceil(PAGE_SIZE) {
        let (status, html) = app.get(&format!("/volunteers?page={page}")).await;
        assert_eq!(status, 200);
        seen += card_count(&html);
        for v in app
            .volunteers
            .iter()
            .filter(|v| !v.profile.status(app.today).is_available())
        {
            assert!(
                !html.contains(&format!("/volunteers/{}\"", v.profile.id)),
                "{} ({:?}) must not be listed",
                v.profile.id,
                v.profile.status(app.today)
            );
        }
    }
    assert_eq!(seen, pool);
    app.stop().await;
}

#[tokio::test]
async fn filters_and_search_narrow_results_and_stay_in_the_url() {
    let app = TestApp::spawn(80).await;
    let role = &app.vocab.roles[2]; // Records Manager
    let expected = in_pool(&app)
        .filter(|v| v.profile.roles.contains(&role.slug))
        .count();
    let found = search(&app, &[("query[role]", role.slug.as_str())]).await;
    assert_eq!(found.total, expected);
    for card in &found.cards {
        assert!(card.roles.contains(&role.label), "{card:?}");
    }

    // Mode and region together.
    let region = &app.vocab.regions[0];
    let expected = in_pool(&app)
        .filter(|v| v.profile.region == region.slug)
        .filter(|v| v.profile.modes.iter().any(|m| m.slug() == "phone"))
        .count();
    let path = format!("/volunteers?region={}&mode=phone", region.slug);
    let (status, html) = app.get(&path).await;
    assert_eq!(status, 200);
    // The whole count line, so that "2 volunteers" cannot pass for "12 volunteers".
    let summary = match expected {
        0 => "No volunteers match these filters.".to_owned(),
        1 => "1 volunteer matches.".to_owned(),
        n => format!("{n} volunteers match."),
    };
    let shown = html
        .split_once("class=\"result-count\"")
        .and_then(|(_, rest)| rest.split_once('>'))
        .and_then(|(_, rest)| rest.split_once("</p>"))
        .map(|(text, _)| text.replace("<!>", "").replace("<!---->", ""))
        .unwrap_or_default();
    assert_eq!(shown.trim(), summary, "count {expected} shown");
    // The form shows the filters back, so the URL is the whole state.
    assert!(html.contains(&format!("<option value=\"{}\" selected", region.slug)));

    // Full-text search finds a volunteer by a word of their name and a specialty.
    let target = in_pool(&app).next().expect("someone in the pool");
    let last_name = target.profile.display_name.split(' ').next_back().unwrap();
    let specialty_word = target.profile.specialties[0].split(' ').next().unwrap();
    let q = format!("{last_name} {specialty_word}");
    let found = search(&app, &[("query[q]", &q)]).await;
    assert!(
        found.cards.iter().any(|c| c.id == target.profile.id),
        "{q} finds {}",
        target.profile.id
    );
    assert!(found.total >= 1);
    app.stop().await;
}

#[tokio::test]
async fn a_bad_filter_is_explained_not_fatal() {
    let app = TestApp::spawn(20).await;
    let (status, html) = app.get("/volunteers?role=astronaut&page=zero").await;
    assert_eq!(status, 200);
    assert!(html.contains("The role in this link is not one we know"));
    assert!(html.contains("That page number is not valid"));
    assert!(card_count(&html) > 0);
    app.stop().await;
}

#[tokio::test]
async fn profile_pages_show_public_details_and_the_right_status() {
    let app = TestApp::spawn(200).await;
    let v = in_pool(&app).next().unwrap();
    let (status, html) = app.get(&format!("/volunteers/{}", v.profile.id)).await;
    assert_eq!(status, 200);
    assert!(html.contains(&v.profile.display_name));
    assert!(html.contains(&format!("{} years", v.profile.pool.years_experience)));
    assert!(html.contains(app.vocab.label(TermKind::Setting, &v.profile.setting)));
    assert!(html.contains("Taking requests"));
    if v.employer_hidden {
        assert!(!html.contains(v.employer.as_deref().unwrap()));
    }

    let paused = app
        .volunteers
        .iter()
        .find(|v| matches!(v.profile.status(app.today), PoolStatus::Paused { .. }))
        .expect("a paused volunteer");
    let (status, html) = app.get(&format!("/volunteers/{}", paused.profile.id)).await;
    assert_eq!(status, 200);
    assert!(html.contains("Away until"));

    let junior = app
        .volunteers
        .iter()
        .find(|v| v.profile.status(app.today) == PoolStatus::TooLittleExperience)
        .expect("a volunteer under three years");
    let (status, html) = app.get(&format!("/volunteers/{}", junior.profile.id)).await;
    assert_eq!(status, 404);
    assert!(html.contains("Page not found"));

    let (status, _) = app.get("/volunteers/nobody-here").await;
    assert_eq!(status, 404);
    app.stop().await;
}

/// The directory's promise: contact details never reach a browser that is not entitled
/// to them. Every directory page, every profile page and every server function answer
/// is searched for every volunteer's email, phone and LinkedIn URL.
#[tokio::test]
async fn no_directory_response_contains_contact_details() {
    let app = TestApp::spawn(120).await;
    // The answers are searched as raw text on purpose (a detail could hide in any field);
    // each is decoded too, so that they are the answers the pages read.
    let mut bodies = Vec::new();
    let pages = in_pool(&app).count().div_ceil(PAGE_SIZE);
    for page in 1..=pages {
        bodies.push(app.get(&format!("/volunteers?page={page}")).await.1);
        let (status, json) = app
            .call("directory/search", &[("query[page]", &page.to_string())])
            .await;
        assert_eq!(status, 200, "{json}");
        typed::<DirectoryPage>(&json);
        bodies.push(json.to_string());
    }
    for v in &app.volunteers {
        bodies.push(app.get(&format!("/volunteers/{}", v.profile.id)).await.1);
        let (status, json) = app
            .call("directory/profile", &[("id", &v.profile.id)])
            .await;
        assert_eq!(status, 200, "{json}");
        typed::<Option<VolunteerProfileView>>(&json);
        bodies.push(json.to_string());
    }
    let (status, json) = app.call("directory/vocabularies", &[]).await;
    assert_eq!(status, 200, "{json}");
    typed::<Vocabularies>(&json);
    bodies.push(json.to_string());
    let all = bodies.join("\n");
    assert!(all.len() > 100_000, "the responses were really fetched");
    for v in &app.volunteers {
        let c = &v.contact;
        assert!(!all.contains(&c.email), "email of {} leaked", v.profile.id);
        if let Some(phone) = &c.phone {
            assert!(!all.contains(phone), "phone of {} leaked", v.profile.id);
        }
        if let Some(url) = &c.linkedin_url {
            assert!(!all.contains(url), "LinkedIn of {} leaked", v.profile.id);
        }
    }
    assert!(!all.contains("@example.org"));
    app.stop().await;
}
