//! `server`: serve Career Connects, seed demo data, or apply the schema.
// See `frontend/src/lib.rs`: the release build's view types are deep.
#![recursion_limit = "512"]

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use server::{config::Config, db, seed, telemetry, Server, ServerError};

#[derive(Parser)]
#[command(
    name = "server",
    version,
    about = "Career Connects: informational interviews for a library association"
)]
struct Cli {
    /// Configuration file (TOML). Defaults to ./career-connects.toml when present.
    #[arg(long, global = true, env = "APP_CONFIG_FILE")]
    config: Option<PathBuf>,
    /// Database URL, overriding the configuration: surrealkv://DIR, mem://, ws://HOST:PORT
    #[arg(long, global = true)]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application (the default command).
    Serve {
        /// Address to listen on, overriding the configuration (e.g. 127.0.0.1:3000).
        #[arg(long)]
        listen: Option<std::net::SocketAddr>,
        /// When the database has no volunteers yet, seed this many demo profiles first.
        #[arg(long, value_name = "N")]
        demo: Option<usize>,
        /// Seed number for --demo.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Fill the database with realistic demo volunteers (deterministic per seed number).
    Seed {
        /// How many volunteer profiles to create.
        #[arg(long, short = 'n', default_value_t = 500)]
        count: usize,
        /// Seed number: the same number gives the same volunteers.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Delete every existing volunteer first.
        #[arg(long)]
        reset: bool,
    },
    /// Fill the database with a made-up history of past requests (matches, endings and
    /// feedback, spread over the years before today), for the dashboards' benchmark.
    /// Needs volunteers (`seed` first).
    History {
        /// How many requests.
        #[arg(long, default_value_t = 1_000_000)]
        requests: usize,
        /// Over how many years before today.
        #[arg(long, default_value_t = 4)]
        years: u32,
        /// Seed number: the same number gives the same history.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Apply the database schema and exit.
    Migrate,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(server::RUNTIME_STACK_BYTES)
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(%e, "stopped");
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), ServerError> {
    let mut config = Config::load(cli.config.as_deref())?;
    if let Some(url) = cli.database_url {
        config.database.url = url;
    }
    telemetry::init(&config.log);
    let today = chrono::Utc::now().date_naive();
    match cli.command.unwrap_or(Command::Serve {
        listen: None,
        demo: None,
        seed: 1,
    }) {
        Command::Serve { listen, demo, seed } => {
            if let Some(addr) = listen {
                config.listen = addr;
            }
            let database = db::connect(&config.database).await?;
            db::migrate(&database).await?;
            if let Some(n) = demo {
                let existing = app::server::repo::volunteers::count(&database).await?;
                if existing == 0 {
                    let written = seed::seed(&database, seed, n, today, true).await?.len();
                    tracing::info!(written, seed, "seeded demo volunteers");
                    let requests = seed::seed_requests(&database, seed, (n / 10).min(40)).await?;
                    tracing::info!(requests, "seeded demo requests");
                } else {
                    tracing::info!(existing, "volunteers present; demo seeding skipped");
                }
            }
            let server = Server::start_with(&config, database).await?;
            println!("Career Connects is serving on http://{}", server.addr);
            server.run_until_signal().await
        }
        Command::Seed { count, seed, reset } => {
            let database = db::connect(&config.database).await?;
            db::migrate(&database).await?;
            if reset {
                app::server::repo::volunteers::delete_all(&database).await?;
            }
            let started = std::time::Instant::now();
            let written = seed::seed(&database, seed, count, today, true).await?.len();
            println!(
                "seeded {written} volunteers (seed {seed}) in {:.1}s",
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::History {
            requests,
            years,
            seed,
        } => {
            let database = db::connect(&config.database).await?;
            db::migrate(&database).await?;
            let keys = app::server::repo::stats::volunteer_keys(&database, 5_000).await?;
            let started = std::time::Instant::now();
            let written =
                seed::seed_history(&database, seed, requests, years, &keys, today, true).await?;
            println!(
                "seeded {written} past requests over {years} years in {:.1}s",
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Migrate => {
            let database = db::connect(&config.database).await?;
            db::migrate(&database).await?;
            println!("schema at version {}", db::schema_version(&database).await?);
            Ok(())
        }
    }
}
