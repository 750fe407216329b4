//! `cargo bench -p server --bench matching`: ranking suggestions for one request over 10k
//! and 100k generated volunteers, and a batch proposal (candidate selection + the
//! assignment solver) for 1,000 requests over 10,000 volunteers. Plain timing, median.

use std::hint::black_box;
use std::time::{Duration, Instant};

use app::domain::matching::{propose, rank, BatchRequest, MatchWeights};
use app::domain::request::RequestNeeds;
use app::domain::{MeetingMode, PublicProfile, Slug, Term, Vocabularies};
use chrono::NaiveDate;

fn vocab() -> Vocabularies {
    let list = |kind: &str, n: usize| -> Vec<Term> {
        (0..n)
            .map(|i| Term {
                slug: Slug::parse(&format!("{kind}-{i}")).expect("slug"),
                label: format!("{kind} {i}"),
            })
            .collect()
    };
    Vocabularies {
        roles: list("role", 11),
        settings: list("setting", 10),
        regions: list("region", 9),
    }
}

fn median(mut f: impl FnMut(), runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
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
        let people = server::seed::generate(1, n, &v, today).expect("generate");
        let profiles: Vec<PublicProfile> = people.into_iter().map(|p| p.profile).collect();
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
    let people = server::seed::generate(2, 10_000, &v, today).expect("generate");
    let profiles: Vec<PublicProfile> = people.into_iter().map(|p| p.profile).collect();
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
