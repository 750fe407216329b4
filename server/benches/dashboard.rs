//! `cargo bench -p server --bench dashboard`: the committee dashboard's server time over a
//! long history. Seeds (once, kept in `CC_BENCH_DB`, by default
//! `~/.cache/career-connects/bench-dashboard`) `CC_BENCH_VOLUNTEERS` volunteers (100,000)
//! and `CC_BENCH_REQUESTS` requests (1,000,000) spread over four years, printing how long
//! the seeding took, then times the dashboard service for several ranges (median of
//! repeated runs; the counts come from the rollups, never a scan of the requests).

use std::time::Instant;

use chrono::NaiveDate;
use server::config::{Config, DatabaseConfig};
use server::{db, seed, Server};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(server::RUNTIME_STACK_BYTES)
        .build()
        .expect("runtime");
    runtime.block_on(run());
}

async fn run() {
    let dir = std::env::var("CC_BENCH_DB").unwrap_or_else(|_| {
        let home = std::env::var("HOME").unwrap_or_else(|_| ".".into());
        format!("{home}/.cache/career-connects/bench-dashboard")
    });
    let volunteers = env_usize("CC_BENCH_VOLUNTEERS", 100_000);
    let requests = env_usize("CC_BENCH_REQUESTS", 1_000_000);
    let mut config = Config {
        listen: "127.0.0.1:0".parse().expect("address"),
        database: DatabaseConfig {
            url: format!("surrealkv://{dir}"),
            ..DatabaseConfig::default()
        },
        directory_sync_seconds: 0,
        scheduler_seconds: 0,
        ..Config::default()
    };
    config.email.folder = format!("{dir}-mail");
    let database = db::connect(&config.database).await.expect("connect");
    db::migrate(&database).await.expect("migrate");
    let today = chrono::Utc::now().date_naive();
    let (have_v, have_r) = app::server::repo::stats::table_sizes(&database)
        .await
        .expect("sizes");
    if (have_v as usize) < volunteers {
        let t = Instant::now();
        seed::seed(&database, 7, volunteers - have_v as usize, today, true)
            .await
            .expect("seed volunteers");
        println!(
            "dashboard: seeded {} volunteers in {:.1?}",
            volunteers - have_v as usize,
            t.elapsed()
        );
    }
    if (have_r as usize) < requests {
        let keys = app::server::repo::stats::volunteer_keys(&database, 5_000)
            .await
            .expect("keys");
        let t = Instant::now();
        let n = seed::seed_history(&database, 7, requests, 4, &keys, today, true)
            .await
            .expect("seed history");
        println!(
            "dashboard: seeded {n} requests over 4 years in {:.1?}",
            t.elapsed()
        );
    }
    let (v, r) = app::server::repo::stats::table_sizes(&database)
        .await
        .expect("sizes");
    println!("dashboard: {v} volunteers, {r} requests");
    let server = Server::start_with(&config, database)
        .await
        .expect("server starts");
    let state = server.state.clone();
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
    let ranges = [
        (
            "four years",
            today - chrono::TimeDelta::days(4 * 365),
            today,
        ),
        ("twelve months", today - chrono::TimeDelta::days(365), today),
        ("one month", today - chrono::TimeDelta::days(30), today),
        ("one day", today, today),
        ("a partial-month range", day(2024, 1, 17), day(2025, 3, 9)),
    ];
    for (name, from, to) in ranges {
        let mut times = Vec::new();
        let mut requests_seen = 0;
        for _ in 0..21 {
            let t = Instant::now();
            let d = app::server::service::dashboard::dashboard(&state, from, to)
                .await
                .expect("dashboard");
            times.push(t.elapsed());
            requests_seen = d.requests;
        }
        times.sort();
        println!(
            "dashboard: {name:<22} median {:>8.2?}  max {:>8.2?}  ({requests_seen} requests)",
            times[times.len() / 2],
            times[times.len() - 1]
        );
    }
    server.stop().await.expect("stop");
}
