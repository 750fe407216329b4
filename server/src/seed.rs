//! Demo data: realistic, varied volunteer profiles, the same for the same seed number and
//! date. Covers every role, setting and region, with some volunteers paused, some at their
//! contact cap, and some under the three-year threshold (not listed).

use app::domain::{
    MeetingMode, PoolFacts, PublicProfile, Slug, Vocabularies, Weekday, WeeklyWindow,
};
use app::server::repo::volunteers::{self, ContactDetails, NewVolunteer};
use app::server::repo::Db;
use chrono::{Days, NaiveDate};
use indicatif::{ProgressBar, ProgressStyle};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::ServerError;

const FIRST: &[&str] = &[
    "Ada", "Adrián", "Aisha", "Alex", "Amara", "Ana", "Andre", "Beatriz", "Ben", "Bianca",
    "Carmen", "Chen", "Chloé", "Dana", "Daniel", "Darius", "Deb", "Elena", "Eli", "Emeka", "Farah",
    "Fatima", "Gabriel", "Grace", "Hana", "Hector", "Imani", "Irene", "Isaac", "Jamal", "Jia",
    "Jordan", "José", "Julia", "Kai", "Keisha", "Kenji", "Lakshmi", "Lena", "Leon", "Lucía",
    "Malik", "Maren", "Maria", "Mateo", "Maya", "Mei", "Miguel", "Nadia", "Naomi", "Nia", "Noah",
    "Olga", "Omar", "Pat", "Priya", "Quinn", "Rafael", "Renée", "Rosa", "Sam", "Sana", "Sofia",
    "Sunita", "Tariq", "Tess", "Thanh", "Tomás", "Uma", "Valeria", "Wen", "Yara", "Yusuf", "Zoe",
];

const LAST: &[&str] = &[
    "Abara",
    "Alvarez",
    "Anand",
    "Baptiste",
    "Becker",
    "Brooks",
    "Castillo",
    "Chowdhury",
    "Coleman",
    "Díaz",
    "Dubois",
    "Edwards",
    "Esposito",
    "Fernández",
    "Fischer",
    "Garcia",
    "Goldberg",
    "Gómez",
    "Hansen",
    "Hernández",
    "Ibrahim",
    "Jackson",
    "Jensen",
    "Kaur",
    "Kim",
    "Kowalski",
    "Lee",
    "López",
    "Martin",
    "Mendoza",
    "Morales",
    "Müller",
    "Nguyen",
    "Novak",
    "Okafor",
    "Olsen",
    "Ortiz",
    "Patel",
    "Pierre",
    "Ramírez",
    "Reyes",
    "Rivera",
    "Robinson",
    "Rossi",
    "Santos",
    "Schmidt",
    "Singh",
    "Sokolov",
    "Suzuki",
    "Tanaka",
    "Thompson",
    "Torres",
    "Tran",
    "Vasquez",
    "Walker",
    "Washington",
    "Williams",
    "Wong",
    "Yamamoto",
    "Zhang",
];

const SPECIALTIES: &[&str] = &[
    "Information literacy instruction",
    "Cataloging and metadata",
    "Digital collections",
    "Archives and special collections",
    "Records retention schedules",
    "Grant writing",
    "Early literacy storytimes",
    "Teen programming",
    "Makerspaces",
    "Community outreach",
    "Reference services",
    "Collection development",
    "Library systems and ILS migration",
    "User experience research",
    "Data management planning",
    "Open access and scholarly communication",
    "Copyright and licensing",
    "Preservation and conservation",
    "Government documents",
    "Legal research",
    "Health sciences literature searching",
    "Competitive intelligence",
    "Knowledge management",
    "Electronic resources management",
    "Budgeting and management",
    "Staff training and supervision",
    "Accessibility and inclusive services",
    "Genealogy",
    "Oral history",
    "Media production",
    "Film and audiovisual archives",
    "Interlibrary loan",
    "Library advocacy",
    "Strategic planning",
    "Diversity, equity and inclusion work",
    "Research data services",
    "Instructional design",
    "Reader's advisory",
    "Bookmobile and mobile services",
    "Taxonomy and thesaurus design",
];

const EMPLOYERS: &[&str] = &[
    "Riverside County Library",
    "State University Libraries",
    "Bayview Public Library",
    "Coastal Community College",
    "Harbor Medical Center Library",
    "City of Palm Grove",
    "Mangrove Law School Library",
    "Sunshine State Archives",
    "Gulf Coast Museum of Art",
    "Orange Grove School District",
    "Everglades Research Institute",
    "Seaside Regional Library",
    "Horizon Financial Group",
    "Pelican Bay Public Schools",
    "Lakeshore University",
];

const WHY: &[&str] = &[
    "I remember how much one conversation helped me when I was starting out, and I like paying that forward.",
    "I enjoy talking with people who are curious about the profession, wherever they are coming from.",
    "I changed careers into libraries myself, so I am glad to talk through what that was like.",
    "I love my work and am always happy to explain what it looks like day to day.",
    "Students often ask me what the job is really like; this is a good way to answer properly.",
];

const DAILY: &[&str] = &[
    "Most of my week is spent with people: teaching, answering questions, and planning programs.",
    "My days mix hands-on work with collections and a fair amount of planning and budgeting.",
    "I split my time between a service desk, project work and meetings with partners across the organization.",
    "Much of what I do happens behind the scenes, making sure information can be found and kept.",
    "I work with a small team, so I wear many hats, from technology to outreach.",
];

const TALK: &[&str] = &[
    "Ask me about career paths, library school, and what hiring managers look for.",
    "Happy to talk about how this setting differs from others and which skills transfer.",
    "I can speak to the challenges my organization faces right now and how we are meeting them.",
    "Bring questions about day-to-day work, professional associations, and who else to talk to.",
    "I am glad to talk about getting experience while still in school.",
];

const NOTES: &[&str] = &[
    "",
    "",
    "Weekday mornings suit me best.",
    "I can usually meet within two weeks of being contacted.",
    "Evenings by video are easiest for me during the semester.",
    "Please give me a few days' notice to arrange a time.",
];

/// Job titles per role slug.
fn titles(role: &str) -> &'static [&'static str] {
    match role {
        "academic-librarian" => &[
            "Research and Instruction Librarian",
            "Subject Librarian",
            "Head of Research Services",
        ],
        "library-technician" => &[
            "Library Technician",
            "Technical Services Technician",
            "Circulation Technician",
        ],
        "records-manager" => &[
            "Records Manager",
            "Records and Information Manager",
            "Records Officer",
        ],
        "special-librarian" => &["Special Librarian", "Research Librarian", "Solo Librarian"],
        "library-manager" => &["Branch Manager", "Library Director", "Assistant Director"],
        "youth-services-librarian" => &[
            "Youth Services Librarian",
            "Children's Librarian",
            "Teen Services Librarian",
        ],
        "public-librarian" => &[
            "Adult Services Librarian",
            "Reference Librarian",
            "Community Engagement Librarian",
        ],
        "library-assistant" => &[
            "Library Assistant",
            "Library Associate",
            "Public Services Assistant",
        ],
        "corporate-private-sector-librarian" => &[
            "Corporate Librarian",
            "Knowledge Manager",
            "Information Researcher",
        ],
        "media-librarian" => &[
            "Media Librarian",
            "Media Specialist",
            "Audiovisual Archivist",
        ],
        "information-specialist" => &[
            "Information Specialist",
            "Digital Asset Manager",
            "Taxonomist",
        ],
        _ => &["Librarian"],
    }
}

/// Generates `count` volunteers for seed `seed`, with pauses dated relative to `today`.
/// Pure: no I/O, deterministic.
pub fn generate(
    seed: u64,
    count: usize,
    vocab: &Vocabularies,
    today: NaiveDate,
) -> Result<Vec<NewVolunteer>, ServerError> {
    if vocab.roles.is_empty() || vocab.settings.is_empty() || vocab.regions.is_empty() {
        return Err(ServerError::Config(
            "the role, setting and region lists must not be empty to seed".into(),
        ));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    Ok((0..count)
        .map(|i| one(&mut rng, seed, i, vocab, today))
        .collect())
}

/// A 64-bit mixing function (SplitMix64's finalizer): distinct inputs give distinct,
/// well spread outputs.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn slug_words(s: &str) -> String {
    app::domain::text::tokens(s).join("-")
}

fn one(
    rng: &mut ChaCha8Rng,
    seed: u64,
    i: usize,
    vocab: &Vocabularies,
    today: NaiveDate,
) -> NewVolunteer {
    let first = *FIRST.choose(rng).unwrap_or(&"Alex");
    let last = *LAST.choose(rng).unwrap_or(&"Lee");
    let name = format!("{first} {last}");
    // Every role appears: the first roles are dealt out in turn, then at random.
    let role_terms = &vocab.roles;
    let main_role = if i < role_terms.len() * 3 {
        role_terms.get(i % role_terms.len())
    } else {
        role_terms.choose(rng)
    };
    let mut roles: Vec<Slug> = main_role.map(|t| t.slug.clone()).into_iter().collect();
    if rng.random_bool(0.25) {
        if let Some(extra) = role_terms.choose(rng) {
            if !roles.contains(&extra.slug) {
                roles.push(extra.slug.clone());
            }
        }
    }
    // The lists are not empty (checked by `generate`), so these indexes are in range.
    let pick = |rng: &mut ChaCha8Rng, list: &[app::domain::Term], i: usize| -> Slug {
        let at = if i < list.len() * 2 {
            i % list.len()
        } else {
            rng.random_range(0..list.len())
        };
        list[at].slug.clone()
    };
    let setting = pick(rng, &vocab.settings, i);
    let region = pick(rng, &vocab.regions, i);
    let role_slug = roles.first().map(Slug::as_str).unwrap_or("");
    let job_title = (*titles(role_slug).choose(rng).unwrap_or(&"Librarian")).to_owned();

    let years: u16 = if rng.random_bool(0.05) {
        rng.random_range(1..3)
    } else {
        rng.random_range(3..36)
    };
    let how_many = rng.random_range(1..=5);
    let mut specialties: Vec<String> = SPECIALTIES
        .choose_multiple(rng, how_many)
        .map(|s| (*s).to_owned())
        .collect();
    specialties.sort();
    let bio = format!(
        "{} {} {}",
        WHY.choose(rng).unwrap_or(&""),
        DAILY.choose(rng).unwrap_or(&""),
        TALK.choose(rng).unwrap_or(&"")
    );
    let mut modes: Vec<MeetingMode> = MeetingMode::ALL
        .iter()
        .copied()
        .filter(|_| rng.random_bool(0.55))
        .collect();
    if modes.is_empty() {
        modes.push(MeetingMode::Video);
    }
    let minutes = *[30u16, 30, 45, 45, 60].choose(rng).unwrap_or(&30);
    let mut days = Weekday::ALL.to_vec();
    days.shuffle(rng);
    let mut availability: Vec<WeeklyWindow> = days
        .into_iter()
        .take(rng.random_range(0..=3))
        .filter_map(|day| {
            let start = rng.random_range(8..18) * 60;
            WeeklyWindow::new(day, start, start + 60 * rng.random_range(1..=3)).ok()
        })
        .collect();
    availability.sort_by_key(|w| (w.day, w.start_minute));
    let max_contacts: u32 = rng.random_range(1..=8);
    let at_cap = rng.random_bool(0.07);
    let contacts_used = if at_cap {
        max_contacts
    } else {
        rng.random_range(0..max_contacts)
    };
    let paused_until = rng
        .random_bool(0.08)
        .then(|| today.checked_add_days(Days::new(rng.random_range(3..90))))
        .flatten();
    let employer = (*EMPLOYERS.choose(rng).unwrap_or(&"")).to_owned();
    let employer_hidden = rng.random_bool(0.15);
    // Random-looking, reproducible from (seed, i), and nothing from the name.
    let key = format!("v{:016x}", mix(seed ^ mix(i as u64)));
    let email_local = slug_words(&name).replace('-', ".");
    NewVolunteer {
        profile: PublicProfile {
            id: key,
            display_name: name.clone(),
            job_title,
            roles,
            setting,
            employer: (!employer_hidden).then(|| employer.clone()),
            region,
            bio,
            specialties,
            modes,
            minutes_per_interview: minutes,
            availability,
            availability_note: (*NOTES.choose(rng).unwrap_or(&"")).to_owned(),
            welcome_further_contact: rng.random_bool(0.5),
            pool: PoolFacts {
                listed: !rng.random_bool(0.01),
                years_experience: years,
                paused_until,
                max_contacts,
                contacts_used,
                last_matched: None,
            },
        },
        employer: Some(employer),
        employer_hidden,
        contact: ContactDetails {
            email: format!("{email_local}.{i}@example.org"),
            phone: rng
                .random_bool(0.7)
                .then(|| format!("+1 555 01{:02} {:04}", i % 100, rng.random_range(0..10_000))),
            linkedin_url: rng
                .random_bool(0.6)
                .then(|| format!("https://www.linkedin.com/in/{}-{i}", slug_words(&name))),
        },
    }
}

/// Writes `count` generated volunteers in batches, with a progress bar on a terminal, and
/// returns exactly what was written.
pub async fn seed(
    db: &Db,
    seed: u64,
    count: usize,
    today: NaiveDate,
    show_progress: bool,
) -> Result<Vec<NewVolunteer>, ServerError> {
    const BATCH: usize = 100;
    let vocab = app::server::repo::terms::load_vocabularies(db).await?;
    let bar = if show_progress {
        let bar = ProgressBar::new(count as u64);
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} seeding volunteers [{bar:30}] {pos}/{len} ({per_sec}, {eta} left)",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let all = generate(seed, count, &vocab, today)?;
    for chunk in all.chunks(BATCH) {
        volunteers::insert_many(db, chunk).await?;
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();
    Ok(all)
}

const GOALS: &[&str] = &[
    "What does a records manager do day to day, and which skills matter most when starting out?",
    "I am finishing my MLIS: how did you find your first job in an academic library?",
    "I work in retail and love organizing information. Is a library technician role a realistic next step?",
    "What is it like to run youth programs in a public library, and what training helped you?",
    "How do corporate librarians show their value to the business, and how did you get there?",
    "I am curious about digital preservation in archives. What does a normal week involve?",
    "Which courses or certificates would you recommend for someone moving into information management?",
    "How do special libraries differ from public ones in the work itself and in hiring?",
    "What challenges does your organization face right now, and how is your role changing?",
    "Who else should I talk to about careers in health sciences libraries?",
];

/// Writes `count` demo requests from made-up requesters, sent over the last three weeks (so
/// some are overdue), each with its confirmation email in the outbox. Deterministic per seed.
pub async fn seed_requests(db: &Db, seed: u64, count: usize) -> Result<usize, ServerError> {
    use app::domain::request::{deadline, RequestForm};
    let vocab = app::server::repo::terms::load_vocabularies(db).await?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed_5eed);
    let backgrounds = [
        "student",
        "recent-graduate",
        "career-changer",
        "working-professional",
        "other",
    ];
    let memberships = ["member", "non-member", "not-sure"];
    let now = chrono::Utc::now();
    let mut written = 0;
    for i in 0..count {
        let first = FIRST.choose(&mut rng).copied().unwrap_or("Sam");
        let last = LAST.choose(&mut rng).copied().unwrap_or("Rivera");
        let name = format!("{first} {last}");
        let email = format!("{}.{i}@example.org", slug_words(&name).replace('-', "."));
        let mut roles = Vec::new();
        if let Some(t) = vocab.roles.choose(&mut rng) {
            roles.push(t.slug.to_string());
        }
        let form = RequestForm {
            name: name.clone(),
            email: email.clone(),
            membership: (*memberships.choose(&mut rng).unwrap_or(&"member")).to_owned(),
            background: (*backgrounds.choose(&mut rng).unwrap_or(&"student")).to_owned(),
            learning_goal: (*GOALS.choose(&mut rng).unwrap_or(&GOALS[0])).to_owned(),
            roles,
            settings: vocab
                .settings
                .choose(&mut rng)
                .filter(|_| rng.random_bool(0.5))
                .map(|t| vec![t.slug.to_string()])
                .unwrap_or_default(),
            modes: if rng.random_bool(0.5) {
                vec!["video".into()]
            } else {
                Vec::new()
            },
            region: vocab
                .regions
                .choose(&mut rng)
                .map(|t| t.slug.to_string())
                .unwrap_or_default(),
            remote_ok: rng.random_bool(0.8),
            availability: "Weekday evenings".into(),
            consent: true,
            ..RequestForm::default()
        };
        let input = form
            .validate(&vocab)
            .map_err(|e| ServerError::Config(format!("demo request {i} is invalid: {e:?}")))?;
        let created = now - chrono::TimeDelta::hours(rng.random_range(1..=21 * 24));
        let due = deadline(created, 14);
        let mut token = [0u8; 32];
        rng.fill(&mut token);
        let token: String = token.iter().map(|b| format!("{b:02x}")).collect();
        let hash = app::server::secrets::hash_token(&token);
        let mail = app::domain::email::request_received(
            &email,
            first,
            &format!("http://127.0.0.1:3000/r/{token}"),
            due,
        );
        // Demo addresses are all different; the cap is never in the way.
        let cap = app::server::repo::requests::Cap {
            max_open: 100,
            matched_since: now,
        };
        if app::server::repo::requests::create(db, &input, &hash, created, due, cap, &mail)
            .await?
            .is_ok()
        {
            written += 1;
        }
    }
    Ok(written)
}

/// Writes `count` past requests spread evenly over the `years` years before `today`, for
/// the dashboards' benchmark: about 85 % matched (within 0–20 days, to `volunteers` in
/// turn), most of those ended, 40 % of them with feedback; the rest withdrawn, closed or
/// still waiting. Written in batches with plain inserts (no emails, no links); the
/// database's events keep the dashboard counts as they do for real requests.
/// Deterministic per seed. Returns how many were written.
pub async fn seed_history(
    db: &Db,
    seed: u64,
    count: usize,
    years: u32,
    volunteers: &[String],
    today: NaiveDate,
    show_progress: bool,
) -> Result<usize, ServerError> {
    use surrealdb::types::{RecordId, SurrealValue};

    #[derive(Clone, SurrealValue)]
    struct RequestRow {
        id: RecordId,
        name: String,
        email: String,
        membership: String,
        background: String,
        learning_goal: String,
        roles: Vec<String>,
        settings: Vec<String>,
        modes: Vec<String>,
        times: Vec<String>,
        region: Option<String>,
        remote_ok: bool,
        availability: String,
        status: String,
        created_at: chrono::DateTime<chrono::Utc>,
        due_on: chrono::DateTime<chrono::Utc>,
        declined: Vec<String>,
        volunteer: Option<RecordId>,
        matched_at: Option<chrono::DateTime<chrono::Utc>>,
        ended_at: Option<chrono::DateTime<chrono::Utc>>,
    }
    #[derive(Clone, SurrealValue)]
    struct ReferralRow {
        request: RecordId,
        volunteer: RecordId,
        matched_at: chrono::DateTime<chrono::Utc>,
        state: String,
        ended_at: Option<chrono::DateTime<chrono::Utc>>,
    }
    #[derive(Clone, SurrealValue)]
    struct FeedbackRow {
        id: RecordId,
        request: RecordId,
        volunteer: RecordId,
        happened: bool,
        mode: Option<String>,
        rating: Option<i64>,
        useful: Option<String>,
        comment: String,
        another: bool,
        created_at: chrono::DateTime<chrono::Utc>,
        updated_at: chrono::DateTime<chrono::Utc>,
    }
    // Small transactions: the table events' count updates slow a large one down (a
    // 1,000-row batch took minutes in a debug build).
    const BATCH: usize = 100;
    if volunteers.is_empty() {
        return Err(ServerError::Config(
            "seed volunteers before the request history".into(),
        ));
    }
    let vocab = app::server::repo::terms::load_vocabularies(db).await?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x4157_0125);
    let start = (today - chrono::TimeDelta::days(365 * i64::from(years.max(1))))
        .and_time(chrono::NaiveTime::MIN)
        .and_utc();
    // Up to the start of `today`: the same seed and day give the same history.
    let end = today.and_time(chrono::NaiveTime::MIN).and_utc();
    let span = end - start;
    let useful = [
        "career-path",
        "daily-work",
        "skills",
        "next-steps",
        "people",
        "other",
    ];
    let modes = ["in-person", "phone", "video", "email"];
    let bar = if show_progress {
        let bar = ProgressBar::new(count as u64);
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} seeding requests [{bar:30}] {pos}/{len} ({per_sec}, {eta} left)",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut written = 0;
    for first in (0..count).step_by(BATCH) {
        let mut requests = Vec::with_capacity(BATCH);
        let mut referrals = Vec::new();
        let mut feedback = Vec::new();
        for i in first..(first + BATCH).min(count) {
            let created = start
                + span * i32::try_from(i).unwrap_or(i32::MAX) / i32::try_from(count).unwrap_or(1);
            let key = format!("h{seed:x}{i:08}");
            let id = RecordId::new("request", key.as_str());
            let roll: f64 = rng.random();
            let matched = roll < 0.85 && created + chrono::TimeDelta::days(21) < end;
            let volunteer = RecordId::new("volunteer", volunteers[i % volunteers.len()].as_str());
            let matched_at =
                matched.then(|| created + chrono::TimeDelta::hours(rng.random_range(1..=20 * 24)));
            let (status, ended_at) = match (matched_at, rng.random_range(0..100)) {
                (Some(at), 0..=59) => ("completed", Some(at + chrono::TimeDelta::days(10))),
                (Some(at), 60..=69) => ("no-show", Some(at + chrono::TimeDelta::days(12))),
                (Some(at), 70..=79) => ("not-held", Some(at + chrono::TimeDelta::days(12))),
                (Some(at), _) => ("lapsed", Some(at + chrono::TimeDelta::days(30))),
                (None, 0..=49) => ("withdrawn", Some(created + chrono::TimeDelta::days(3))),
                (None, 50..=89) => ("closed", Some(created + chrono::TimeDelta::days(15))),
                (None, _) => ("open", None),
            };
            let first_name = FIRST.choose(&mut rng).copied().unwrap_or("Sam");
            requests.push(RequestRow {
                id: id.clone(),
                name: format!("{first_name} Past{i}"),
                email: format!("past.{i}@example.org"),
                membership: "member".into(),
                background: "student".into(),
                learning_goal: (*GOALS.choose(&mut rng).unwrap_or(&GOALS[0])).to_owned(),
                roles: vocab
                    .roles
                    .choose(&mut rng)
                    .map(|t| vec![t.slug.to_string()])
                    .unwrap_or_default(),
                settings: vocab
                    .settings
                    .choose(&mut rng)
                    .filter(|_| rng.random_bool(0.5))
                    .map(|t| vec![t.slug.to_string()])
                    .unwrap_or_default(),
                modes: vec!["video".into()],
                times: Vec::new(),
                region: vocab.regions.choose(&mut rng).map(|t| t.slug.to_string()),
                remote_ok: true,
                availability: String::new(),
                status: status.into(),
                created_at: created,
                due_on: created + chrono::TimeDelta::days(14),
                declined: Vec::new(),
                volunteer: matched_at.map(|_| volunteer.clone()),
                matched_at,
                ended_at,
            });
            if let Some(at) = matched_at {
                let state = match status {
                    "completed" => "done",
                    "no-show" => "no-show",
                    "not-held" => "never-wrote",
                    _ => "active",
                };
                referrals.push(ReferralRow {
                    request: id.clone(),
                    volunteer: volunteer.clone(),
                    matched_at: at,
                    state: state.into(),
                    ended_at,
                });
                if rng.random_bool(0.4) {
                    let happened = status == "completed";
                    let given = at + chrono::TimeDelta::days(9);
                    feedback.push(FeedbackRow {
                        id: RecordId::new("feedback", key.as_str()),
                        request: id.clone(),
                        volunteer: volunteer.clone(),
                        happened,
                        mode: happened
                            .then(|| (*modes.choose(&mut rng).unwrap_or(&"video")).to_owned()),
                        rating: happened.then(|| rng.random_range(2..=5)),
                        useful: happened
                            .then(|| (*useful.choose(&mut rng).unwrap_or(&"skills")).to_owned()),
                        comment: if rng.random_bool(0.1) {
                            "Generous with their time and very practical.".into()
                        } else {
                            String::new()
                        },
                        another: false,
                        created_at: given,
                        updated_at: given,
                    });
                }
            }
        }
        written += requests.len();
        db.query(
            "BEGIN TRANSACTION;
             INSERT INTO request $requests RETURN NONE;
             INSERT INTO referral $referrals RETURN NONE;
             INSERT INTO feedback $feedback RETURN NONE;
             COMMIT TRANSACTION;",
        )
        .bind(("requests", requests))
        .bind(("referrals", referrals))
        .bind(("feedback", feedback))
        .await?
        .check()?;
        bar.set_position(written as u64);
    }
    bar.finish_and_clear();
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::{pool_status, PoolStatus, Term};

    fn vocab() -> Vocabularies {
        let t = |s: &str| Term {
            slug: Slug::parse(s).unwrap(),
            label: s.into(),
        };
        Vocabularies {
            roles: [
                "academic-librarian",
                "library-technician",
                "records-manager",
                "special-librarian",
                "library-manager",
                "youth-services-librarian",
                "public-librarian",
                "library-assistant",
                "corporate-private-sector-librarian",
                "media-librarian",
                "information-specialist",
            ]
            .into_iter()
            .map(t)
            .collect(),
            settings: ["public-library", "academic-library", "law-library"]
                .into_iter()
                .map(t)
                .collect(),
            regions: ["north", "south"].into_iter().map(t).collect(),
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn same_seed_same_data_other_seed_other_data() {
        let a = generate(7, 50, &vocab(), today()).unwrap();
        let b = generate(7, 50, &vocab(), today()).unwrap();
        let c = generate(8, 50, &vocab(), today()).unwrap();
        let ids = |v: &[NewVolunteer]| v.iter().map(|x| x.profile.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&a), ids(&b));
        assert_ne!(ids(&a), ids(&c));
    }

    #[test]
    fn covers_every_role_setting_region_and_the_out_of_pool_cases() {
        let v = generate(1, 1_000, &vocab(), today()).unwrap();
        for role in &vocab().roles {
            assert!(
                v.iter().any(|x| x.profile.roles.contains(&role.slug)),
                "{}",
                role.slug
            );
        }
        for s in &vocab().settings {
            assert!(v.iter().any(|x| x.profile.setting == s.slug));
        }
        for r in &vocab().regions {
            assert!(v.iter().any(|x| x.profile.region == r.slug));
        }
        let status = |x: &NewVolunteer| pool_status(&x.profile.pool, today());
        assert!(v
            .iter()
            .any(|x| matches!(status(x), PoolStatus::Paused { .. })));
        assert!(v.iter().any(|x| status(x) == PoolStatus::AtCapacity));
        assert!(v
            .iter()
            .any(|x| status(x) == PoolStatus::TooLittleExperience));
        let available = v.iter().filter(|x| status(x).is_available()).count();
        assert!(available > 600, "most are in the pool: {available}");
    }

    #[test]
    fn ids_are_unique_and_profiles_valid() {
        let v = generate(3, 5_000, &vocab(), today()).unwrap();
        let mut ids: Vec<&str> = v.iter().map(|x| x.profile.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 5_000);
        for x in &v {
            let p = &x.profile;
            assert!((30..=60).contains(&p.minutes_per_interview));
            assert!(!p.modes.is_empty());
            assert!(!p.roles.is_empty());
            assert!(p.pool.contacts_used <= p.pool.max_contacts);
            assert!(x.contact.email.contains('@'));
            // The public profile never carries contact details.
            assert!(!p.bio.contains('@'));
        }
    }

    /// The bulk history goes through the same table events as real requests: its rollups
    /// equal a recount from the rows it wrote.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_seeded_history_is_counted_like_real_requests() {
        let db = crate::db::connect(&crate::config::DatabaseConfig {
            url: "mem://".into(),
            ..crate::config::DatabaseConfig::default()
        })
        .await
        .expect("connect");
        crate::db::migrate(&db).await.expect("migrate");
        let people = seed(&db, 3, 4, today(), false).await.expect("volunteers");
        let keys: Vec<String> = people.iter().map(|p| p.profile.id.clone()).collect();
        let n = seed_history(&db, 3, 300, 2, &keys, today(), false)
            .await
            .expect("history");
        assert_eq!(n, 300);
        let (requests, feedback) = app::server::repo::stats::raw(&db).await.expect("raw");
        assert_eq!(requests.len(), 300);
        assert!(!feedback.is_empty());
        let expected = app::domain::stats::recount(&requests, &feedback);
        let mut stored = std::collections::BTreeMap::new();
        for c in app::server::repo::stats::all_cells(&db)
            .await
            .expect("cells")
        {
            if c.n != 0 {
                stored.insert((c.period, c.metric), c.n);
            }
        }
        assert_eq!(stored, expected);
    }
}
