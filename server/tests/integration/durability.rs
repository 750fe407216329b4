//! Crash durability of the embedded store: the real server binary over an on-disk
//! SurrealKV folder takes a burst of requests, is killed with SIGKILL in the middle of it,
//! and is started again; every request whose submission was acknowledged must be there.

use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::{free_port, fresh_dir, pairs, request_form};

fn start(dir: &std::path::Path, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("--database-url")
        .arg(format!("surrealkv://{}", dir.join("db").display()))
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .env("APP_EMAIL__FOLDER", dir.join("mail"))
        .env("APP_PROGRAM__REQUESTS_PER_IP_PER_HOUR", "1000000")
        .env("APP_PROGRAM__REQUESTS_PER_EMAIL_PER_DAY", "1000000")
        .env("APP_LOG__FILTER", "error")
        .env_remove("APP_CONFIG_FILE")
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the server binary")
}

async fn wait_until_up(client: &reqwest::Client, base: &str) {
    for _ in 0..300 {
        if let Ok(res) = client.get(format!("{base}/healthz")).send().await {
            if res.status().is_success() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not come up at {base}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_request_survives_a_kill_9() {
    let dir = fresh_dir("crash");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client");
    let mut server = start(&dir, port);
    wait_until_up(&client, &base).await;

    // A burst from 8 senders at once; each acknowledged address is recorded.
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let senders: Vec<_> = (0..8)
        .map(|s| {
            let (client, base, acknowledged) = (client.clone(), base.clone(), acknowledged.clone());
            tokio::spawn(async move {
                for i in 0..10_000 {
                    let email = format!("crash-{s}-{i}@example.org");
                    let form = request_form("Casey Crash", &email);
                    match client
                        .post(format!("{base}/api/requests/submit"))
                        .form(&pairs(&form))
                        .send()
                        .await
                    {
                        Ok(res) if res.status().is_success() => {
                            acknowledged.lock().expect("lock").push(email);
                        }
                        Ok(_) => {}
                        Err(_) => return, // the server is gone
                    }
                }
            })
        })
        .collect();
    // Kill it mid-burst, once a good number were acknowledged.
    for _ in 0..600 {
        if acknowledged.lock().expect("lock").len() >= 60 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    server.kill().expect("SIGKILL");
    server.wait().expect("reaped");
    for s in senders {
        let _ = s.await;
    }
    let acknowledged = acknowledged.lock().expect("lock").clone();
    assert!(acknowledged.len() >= 60, "the burst got going");

    // It starts again on what the crash left, and everything acknowledged is there.
    let mut again = start(&dir, port);
    wait_until_up(&client, &base).await;
    again.kill().expect("stop");
    again.wait().expect("reaped");
    let db = server::db::connect(&server::config::DatabaseConfig {
        url: format!("surrealkv://{}", dir.join("db").display()),
        ..Default::default()
    })
    .await
    .expect("open the store");
    let mut res = db
        .query("SELECT VALUE email FROM request")
        .await
        .expect("read");
    let stored: Vec<String> = res.take(0).expect("emails");
    let found = acknowledged.iter().filter(|e| stored.contains(e)).count();
    println!(
        "durability: {} acknowledged, {found} found after kill -9 and restart ({} stored in all)",
        acknowledged.len(),
        stored.len()
    );
    assert_eq!(
        found,
        acknowledged.len(),
        "an acknowledged request was lost"
    );
}
