//! What the benchmarks share (`app/benches/matching.rs` and, through `#[path]`,
//! `server/benches/directory.rs`): a generated vocabulary and a plain median timer, so
//! that the benchmarks need no extra crates.

use std::time::{Duration, Instant};

use app::domain::{Slug, Term, Vocabularies};

/// 11 roles, 10 settings and 9 regions, named `role-0`, `setting-0`, `region-0`, ….
pub fn vocab() -> Vocabularies {
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

/// The median time of `runs` runs of `f`.
pub fn median(mut f: impl FnMut(), runs: usize) -> Duration {
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
