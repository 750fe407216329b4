//! Property tests for every parser of what a person (or anyone) can send: whatever the
//! input, no panic; and whatever is accepted comes back the same when parsed again.

use proptest::prelude::*;

use super::directory::DirectoryQuery;
use super::profile_form::{check_field, ProfileForm, WindowForm};
use super::request::RequestForm;
use super::validation::{
    integer, optional_date, optional_linkedin_url, optional_phone, optional_text, required_text,
    time_of_day, EmailAddress,
};
use super::Vocabularies;

fn vocab() -> Vocabularies {
    Vocabularies::of_slugs(
        &["public-librarian", "records-manager"],
        &["public-library"],
        &["central", "north"],
    )
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")
}

/// Any text, often near the shapes the parsers look for.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,80}",
        "[ a-zA-Z0-9@.:/+()?#\\\\_-]{0,80}",
        "https://[a-z.]{0,20}linkedin\\.com[/a-z?#@.-]{0,20}",
        "[a-z]{1,8}@[a-z]{1,8}\\.[a-z]{2,4}",
        "[0-9 +()-]{0,24}",
    ]
}

proptest! {
    #[test]
    fn email_addresses(raw in text()) {
        if let Ok(e) = EmailAddress::parse("Email", &raw) {
            prop_assert_eq!(EmailAddress::parse("Email", e.as_str()), Ok(e.clone()));
            prop_assert!(e.as_str().len() <= 254);
        }
    }

    #[test]
    fn bounded_text(raw in ".{0,120}", max in 0usize..100) {
        if let Ok(t) = required_text("F", &raw, max) {
            prop_assert!(!t.is_empty() && t.chars().count() <= max);
            prop_assert_eq!(required_text("F", &t, max), Ok(t.clone()));
        }
        if let Ok(t) = optional_text("F", &raw, max) {
            prop_assert_eq!(optional_text("F", &t, max), Ok(t.clone()));
        }
    }

    #[test]
    fn phones_and_linkedin(raw in text()) {
        if let Ok(Some(p)) = optional_phone("Phone", &raw) {
            prop_assert_eq!(optional_phone("Phone", &p), Ok(Some(p.clone())));
        }
        if let Ok(Some(u)) = optional_linkedin_url("LinkedIn", &raw) {
            prop_assert_eq!(optional_linkedin_url("LinkedIn", &u), Ok(Some(u.clone())));
            let parsed = url::Url::parse(&u).expect("accepted means parseable");
            let host = parsed.host_str().unwrap_or_default().to_owned();
            prop_assert!(host == "linkedin.com" || host.ends_with(".linkedin.com"), "{}", host);
            prop_assert_eq!(parsed.scheme(), "https");
        }
    }

    #[test]
    fn numbers_dates_and_times(raw in text(), n in any::<i64>(), m in 0u16..1440) {
        if let Ok(v) = integer("N", &raw) {
            prop_assert_eq!(integer("N", &v.to_string()), Ok(v));
        }
        prop_assert_eq!(integer("N", &format!(" {n} ")), Ok(n));
        if let Ok(Some(d)) = optional_date("D", &raw) {
            prop_assert_eq!(optional_date("D", &d.format("%Y-%m-%d").to_string()), Ok(Some(d)));
        }
        prop_assert_eq!(time_of_day("T", &format!("{:02}:{:02}", m / 60, m % 60)), Ok(m));
        if let Ok(t) = time_of_day("T", &raw) {
            prop_assert!(t < 1440);
        }
    }

    #[test]
    fn directory_query_strings_round_trip(
        q in ".{0,30}", role in "[a-z-]{0,12}", region in ".{0,12}", mode in "[a-z-]{0,8}",
        page in 1usize..50,
    ) {
        let query = DirectoryQuery { q, role, region, mode, ..Default::default() };
        let href = query.href(page);
        let qs = href.split_once('?').map(|(_, q)| q).unwrap_or("");
        let pairs: Vec<(String, String)> = form_urlencoded::parse(qs.as_bytes()).into_owned().collect();
        let back = DirectoryQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        prop_assert_eq!(back.href(page), href);
        // Resolving anything never fails: bad values become notices.
        let _ = back.resolve(&vocab());
    }

    #[test]
    fn request_forms(
        name in prop_oneof![text(), ".{250,320}"], email in text(),
        goal in prop_oneof![".{0,40}", ".{1480,1760}"], availability in ".{0,760}",
        region in "[a-z]{0,8}",
        roles in proptest::collection::vec("[a-z-]{0,16}", 0..5),
        modes in proptest::collection::vec("[a-z-]{0,10}", 0..4),
        consent in any::<bool>(),
    ) {
        use super::request::{check_field, label};
        let goal = format!("{goal} what is the work like day to day?");
        let form = RequestForm {
            name: name.clone(), email: email.clone(), membership: "member".into(),
            background: "student".into(), learning_goal: goal.clone(),
            availability: availability.clone(), roles, modes, region, consent, remote_ok: true,
            ..Default::default()
        };
        let validated = form.validate(&vocab());
        let fields = |r: &Result<_, Vec<super::ValidationError>>| -> Vec<String> {
            match r {
                Ok(_) => Vec::new(),
                Err(errors) => errors.iter().map(|e| e.field().to_owned()).collect(),
            }
        };
        // Keeping a refused form as a draft never changes what a person could have typed
        // (within the form's limits and a margin), and never changes which fields are wrong.
        let clipped = form.clone().clipped();
        prop_assert_eq!(fields(&clipped.validate(&vocab())), fields(&validated));
        let within = name.chars().count() <= 280
            && goal.chars().count() <= 1700
            && availability.chars().count() <= 700;
        if within {
            prop_assert_eq!(&clipped, &RequestForm { website: String::new(), ..form.clone() });
        }
        // The browser's field-by-field check agrees with the whole form's.
        for (key, raw, field) in [
            ("name", &name, label::NAME),
            ("email", &email, label::EMAIL),
            ("learning_goal", &goal, label::GOAL),
            ("availability", &availability, label::AVAILABILITY),
        ] {
            let one = check_field(key, raw).is_some();
            prop_assert_eq!(one, fields(&validated).iter().any(|f| f == field), "{} {:?}", key, raw);
        }
    }

    #[test]
    fn profile_forms(
        name in text(), specialties in ".{0,200}", years in text(), phone in text(),
        linkedin in text(), days in proptest::collection::vec(("[a-z]{0,4}", "[0-9:]{0,6}", "[0-9:]{0,6}"), 0..20),
    ) {
        let form = ProfileForm {
            display_name: name.clone(), job_title: "Librarian".into(),
            roles: vec!["public-librarian".into()], setting: "public-library".into(),
            region: "central".into(), years_experience: years.clone(), specialties: specialties.clone(),
            modes: vec!["video".into()], minutes_per_interview: "45".into(), max_contacts: "3".into(),
            email: "a@example.org".into(), phone: phone.clone(), linkedin_url: linkedin.clone(),
            windows: days.into_iter().map(|(day, start, end)| WindowForm { day, start, end }).collect(),
            ..Default::default()
        };
        let whole = form.validate(&vocab(), today());
        // The browser's field-by-field check agrees with the whole form's.
        for (key, raw, label) in [
            ("display_name", &name, "Name"),
            ("specialties", &specialties, "Specialties"),
            ("years_experience", &years, "Years of experience"),
            ("phone", &phone, "Phone"),
            ("linkedin_url", &linkedin, "LinkedIn profile"),
        ] {
            let one = check_field(key, raw, today());
            let in_whole = match &whole {
                Ok(_) => false,
                Err(errors) => errors.iter().any(|e| e.field() == label),
            };
            prop_assert_eq!(one.is_some(), in_whole, "{} {:?}", key, raw);
        }
        if let Ok(input) = whole {
            prop_assert!(input.specialties.len() <= 12);
            let again = ProfileForm { specialties: input.specialties.join(", "), ..form };
            let re = again.validate(&vocab(), today()).expect("still valid");
            prop_assert_eq!(re.specialties, input.specialties);
        }
    }
}
