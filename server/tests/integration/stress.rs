//! Page requests while the background work runs: the session purge (at start, then on its
//! schedule) and the directory sync every second, on a current-thread runtime (one thread
//! for the server, its background tasks and the client, where anything that blocks the
//! thread while waiting for another task stalls everything for good). Every request must
//! be answered.

use std::time::Duration;

use crate::support::{pairs, request_form, TestApp};

#[tokio::test]
async fn pages_keep_answering_while_the_purge_and_the_sync_run() {
    let app = TestApp::spawn(40).await;
    let committee = app.committee().await;
    let volunteer = app.volunteers[0].profile.id.clone();
    for i in 0..8 {
        let form = request_form("Stress Tester", &format!("stress{i}@example.org"));
        let (status, body) = app.call("requests/submit", &pairs(&form)).await;
        assert_eq!(status, 200, "{body}");
    }
    let paths = [
        "/".to_owned(),
        "/volunteers".to_owned(),
        "/volunteers?role=public-librarian&mode=video".to_owned(),
        format!("/volunteers/{volunteer}"),
        "/request".to_owned(),
        "/guidelines".to_owned(),
    ];
    let signed_in = ["/committee/requests", "/committee/volunteers", "/me"];
    for round in 0..20 {
        for p in &paths {
            let res = tokio::time::timeout(Duration::from_secs(15), app.get(p)).await;
            let (status, _) = res.unwrap_or_else(|_| panic!("round {round}: {p} never answered"));
            assert_eq!(status, 200, "{p}");
        }
        for p in signed_in {
            let res =
                tokio::time::timeout(Duration::from_secs(15), committee.get(app.url(p)).send())
                    .await
                    .unwrap_or_else(|_| panic!("round {round}: {p} never answered"))
                    .expect("answered");
            assert_eq!(res.status().as_u16(), 200, "{p}");
        }
        // Let a sync tick fall between rounds now and then.
        if round % 5 == 4 {
            tokio::time::sleep(Duration::from_millis(1100)).await;
        }
    }
    app.stop().await;
}
