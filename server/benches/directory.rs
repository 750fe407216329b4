//! `cargo bench -p server --bench directory`: the directory read model on 10k and 100k
//! generated profiles: build time, and the time per search for typical queries.
//! Plain timing (median of repeated runs), so it needs no extra crates.

use std::hint::black_box;
use std::time::Instant;

use app::domain::directory_index::DirectoryIndex;
use app::domain::DirectoryQuery;
use chrono::NaiveDate;

#[path = "../../app/benches/kit/mod.rs"]
mod kit;

use kit::{median, vocab};

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let v = vocab();
    for n in [10_000usize, 100_000] {
        let people = server::seed::generate(1, n, &v, today).expect("generate");
        let profiles: Vec<_> = people.into_iter().map(|p| p.profile).collect();
        let t = Instant::now();
        let index = DirectoryIndex::build(v.clone(), profiles.clone());
        let build = t.elapsed();
        println!("directory n={n}: build {build:.2?}");
        let queries: &[(&str, &[(&str, &str)])] = &[
            ("first page, no filter", &[]),
            ("role + mode", &[("role", "role-3"), ("mode", "video")]),
            (
                "region + setting, page 5",
                &[
                    ("region", "region-2"),
                    ("setting", "setting-1"),
                    ("page", "5"),
                ],
            ),
            ("text: one word", &[("q", "cataloging")]),
            ("text: two prefixes", &[("q", "ma lib")]),
            ("text: one letter", &[("q", "a")]),
        ];
        for (name, pairs) in queries {
            let q = DirectoryQuery::from_pairs(pairs.iter().copied());
            let (filter, notices) = q.resolve(index.vocabularies());
            let runs = if n > 50_000 { 41 } else { 201 };
            let d = median(
                || {
                    black_box(index.search(black_box(&filter), today, notices.clone()));
                },
                runs,
            );
            println!("directory n={n}: search {name:<28} {d:.2?}");
        }
        let mut index = index;
        let mut edited = profiles[n / 2].clone();
        let d = median(
            || {
                edited.bio.push('x');
                index.upsert(black_box(edited.clone()));
            },
            41,
        );
        println!("directory n={n}: upsert one profile           {d:.2?}");
    }
}
