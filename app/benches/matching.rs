//! `cargo bench -p app --bench matching`: ranking suggestions for one request over 10k
//! and 100k generated volunteers, and a batch proposal (candidate selection + the
//! assignment solver) for 1,000 requests over 10,000 volunteers. Plain timing, median.

use std::hint::black_box;

use app::domain::matching::{propose, rank, BatchRequest, MatchWeights};
use app::domain::request::{RequestNeeds, TimeSlot};
use app::domain::{
    MeetingMode, PoolFacts, PublicProfile, Slug, Term, Vocabularies, Weekday, WeeklyWindow,
};
use chrono::NaiveDate;

mod kit;

use kit::{median, vocab};

/// A small deterministic generator (xorshift), so that every run ranks the same pool.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// `n` volunteers spread over the vocabularies like the demo data: one to three roles,
/// every mode mix, 1–10 contacts with some used up, some away, a few too junior.
fn volunteers(seed: u64, n: usize, v: &Vocabularies, today: NaiveDate) -> Vec<PublicProfile> {
    let mut g = Gen(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let modes = [
        MeetingMode::InPerson,
        MeetingMode::Phone,
        MeetingMode::Video,
        MeetingMode::Email,
    ];
    (0..n)
        .map(|i| {
            let mut roles: Vec<Slug> = (0..1 + g.below(3))
                .map(|_| v.roles[g.below(v.roles.len())].slug.clone())
                .collect();
            roles.sort();
            roles.dedup();
            let mut own_modes: Vec<MeetingMode> =
                modes.iter().copied().filter(|_| g.chance(50)).collect();
            if own_modes.is_empty() {
                own_modes.push(modes[g.below(modes.len())]);
            }
            let max_contacts = 1 + g.below(10) as u32;
            let contacts_used = if g.chance(15) {
                max_contacts
            } else {
                g.below(max_contacts as usize) as u32
            };
            PublicProfile {
                id: format!("v{i:06}"),
                display_name: format!("Volunteer {i}"),
                job_title: "Librarian".into(),
                roles,
                setting: v.settings[g.below(v.settings.len())].slug.clone(),
                employer: None,
                region: v.regions[g.below(v.regions.len())].slug.clone(),
                bio: String::new(),
                specialties: Vec::new(),
                modes: own_modes,
                minutes_per_interview: 30 + 15 * g.below(3) as u16,
                availability: (0..g.below(3))
                    .filter_map(|_| {
                        let start = 8 * 60 + 60 * g.below(11) as u16;
                        WeeklyWindow::new(Weekday::ALL[g.below(7)], start, start + 120).ok()
                    })
                    .collect(),
                availability_note: String::new(),
                welcome_further_contact: g.chance(50),
                pool: PoolFacts {
                    listed: true,
                    years_experience: if g.chance(5) {
                        2
                    } else {
                        3 + g.below(30) as u16
                    },
                    paused_until: g
                        .chance(10)
                        .then(|| today + chrono::Days::new(1 + g.below(60) as u64)),
                    max_contacts,
                    contacts_used,
                    last_matched: g
                        .chance(40)
                        .then(|| today - chrono::Days::new(g.below(365) as u64)),
                },
            }
        })
        .collect()
}

/// Varied requests: each asks about one or two roles, maybe a setting, a region, modes.
fn needs(i: usize, v: &Vocabularies, ids: &[String]) -> RequestNeeds {
    let pick = |list: &[Term], k: usize| list[k % list.len()].slug.clone();
    RequestNeeds {
        roles: if i.is_multiple_of(3) {
            vec![pick(&v.roles, i), pick(&v.roles, i / 7)]
        } else {
            vec![pick(&v.roles, i)]
        },
        settings: if i.is_multiple_of(2) {
            vec![pick(&v.settings, i / 3)]
        } else {
            vec![]
        },
        modes: match i % 4 {
            0 => vec![MeetingMode::InPerson],
            1 => vec![MeetingMode::Video],
            _ => vec![],
        },
        times: match i % 5 {
            0 => vec![TimeSlot::WeekdayEvening],
            1 => vec![TimeSlot::Weekend, TimeSlot::WeekdayMorning],
            _ => vec![],
        },
        region: Some(pick(&v.regions, i / 5)),
        remote_ok: !i.is_multiple_of(5),
        preferred: i
            .is_multiple_of(10)
            .then(|| ids[(i * 7919) % ids.len()].clone()),
    }
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let v = vocab();
    let w = MatchWeights::default();
    for n in [10_000usize, 100_000] {
        let profiles = volunteers(1, n, &v, today);
        let ids: Vec<String> = profiles.iter().map(|p| p.id.clone()).collect();
        let runs = if n > 50_000 { 21 } else { 101 };
        let mut i = 0;
        let d = median(
            || {
                i += 1;
                let r = needs(i, &v, &ids);
                black_box(rank(&r, profiles.iter(), today, &w, &[], &v, 15));
            },
            runs,
        );
        println!("matching n={n}: rank suggestions for one request   {d:.2?}");
    }
    let profiles = volunteers(2, 10_000, &v, today);
    let ids: Vec<String> = profiles.iter().map(|p| p.id.clone()).collect();
    let pool: Vec<&PublicProfile> = profiles
        .iter()
        .filter(|p| p.status(today).is_available())
        .collect();
    let all_needs: Vec<RequestNeeds> = (0..1000).map(|i| needs(i, &v, &ids)).collect();
    let batch: Vec<BatchRequest<'_>> = all_needs
        .iter()
        .map(|n| BatchRequest {
            needs: n,
            declined: &[],
        })
        .collect();
    let mut matched = 0;
    let d = median(
        || {
            let p = propose(&batch, &pool, today, &w, 40);
            matched = p.len();
            black_box(p);
        },
        5,
    );
    println!(
        "matching batch 1000 requests x 10000 volunteers ({} in the pool): {d:.2?}, {matched} matched",
        pool.len()
    );
}
