//! Starting a server for a test, and a few helpers to talk to it.

use app::domain::Vocabularies;
use app::server::repo::volunteers::NewVolunteer;
use chrono::NaiveDate;
use server::config::{Config, DatabaseConfig};
use server::{db, seed, Server};

pub const SEED: u64 = 42;

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    /// Exactly what was written to the database.
    pub volunteers: Vec<NewVolunteer>,
    pub vocab: Vocabularies,
    pub today: NaiveDate,
    server: Server,
}

impl TestApp {
    /// A fresh database with `n` seeded volunteers, and a server over it on a random port.
    pub async fn spawn(n: usize) -> Self {
        let config = Config {
            listen: "127.0.0.1:0".parse().expect("address"),
            database: DatabaseConfig {
                url: "mem://".into(),
                ..DatabaseConfig::default()
            },
            ..Config::default()
        };
        let database = db::connect(&config.database).await.expect("connect");
        db::migrate(&database).await.expect("migrate");
        let today = chrono::Utc::now().date_naive();
        let volunteers = seed::seed(&database, SEED, n, today, false)
            .await
            .expect("seed");
        let vocab = app::server::repo::terms::load_vocabularies(&database)
            .await
            .expect("vocabularies");
        let server = Server::start_with(&config, database)
            .await
            .expect("server starts");
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .build()
            .expect("client");
        Self {
            base: format!("http://{}", server.addr),
            client,
            volunteers,
            vocab,
            today,
            server,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// GET `path`; returns the status and the body.
    pub async fn get(&self, path: &str) -> (u16, String) {
        let res = self
            .client
            .get(self.url(path))
            .send()
            .await
            .expect("request");
        let status = res.status().as_u16();
        (status, res.text().await.expect("body"))
    }

    /// Calls a server function (URL-encoded arguments, JSON answer).
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> (u16, serde_json::Value) {
        let res = self
            .client
            .post(self.url(&format!("/api/{endpoint}")))
            .form(form)
            .send()
            .await
            .expect("request");
        let status = res.status().as_u16();
        let text = res.text().await.expect("body");
        let json = serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text));
        (status, json)
    }

    pub async fn stop(self) {
        self.server.stop().await.expect("clean shutdown");
    }
}
