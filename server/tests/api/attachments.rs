//! Attachments over HTTP: chunked, resumable, checked by hash and by content, deduplicated,
//! and served only to those who may see the record.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::backend_tests;
use crate::helpers::{Backend, TestApp, spawn_app_on};

/// A small but real JPEG header followed by filler: what a phone photo starts with.
fn photo(len: usize) -> Vec<u8> {
    let mut bytes = vec![
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0,
    ];
    bytes.extend((0..len - bytes.len()).map(|i| (i * 31 % 251) as u8));
    bytes
}

fn sha(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A household of 毛家村, where the demo helper works.
async fn maojia_household(app: &TestApp) -> String {
    let (id,): (String,) = sqlx::query_as(
        "SELECT id FROM records WHERE kind = 'household' AND place_code LIKE '500231101201%' \
         ORDER BY id LIMIT 1",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("a demo household in 毛家村");
    id
}

/// A helper of 李家村, the neighbouring village, signed in.
async fn neighbour_helper(app: &TestApp) -> reqwest::Client {
    let user = server::accounts::NewUser {
        username: Some("lijia".into()),
        display_name: "李家村帮办员".into(),
        role: "helper".into(),
        place: "500231101202".into(),
        department: None,
        phone: None,
        password: Some(server::demo::DEMO_PASSWORD.into()),
    };
    server::accounts::create_user(&app.db, &user).await.unwrap();
    app.sign_in("lijia").await
}

async fn begin(
    app: &TestApp,
    client: &reqwest::Client,
    bytes: &[u8],
    record: &str,
) -> (u16, Value) {
    let res = client
        .post(app.url("/api/attachments/v1/uploads"))
        .json(&json!({
            "sha256": sha(bytes),
            "size": bytes.len(),
            "record_kind": "household",
            "record_id": record,
        }))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

async fn put(
    app: &TestApp,
    client: &reqwest::Client,
    upload: &str,
    offset: usize,
    chunk: &[u8],
) -> (u16, Value) {
    let res = client
        .put(app.url(&format!(
            "/api/attachments/v1/uploads/{upload}?offset={offset}"
        )))
        .body(chunk.to_vec())
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

async fn an_interrupted_upload_resumes_and_arrives_whole(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let record = maojia_household(&app).await;
    let helper = app.sign_in("helper").await;
    let bytes = photo(300_000);
    let (code, state) = begin(&app, &helper, &bytes, &record).await;
    assert_eq!(code, 201, "{state}");
    let upload = state["upload_id"].as_str().unwrap().to_owned();
    const CHUNK: usize = 64 * 1024;
    // Two chunks, then the signal goes.
    for offset in [0, CHUNK] {
        let (code, _) = put(
            &app,
            &helper,
            &upload,
            offset,
            &bytes[offset..offset + CHUNK],
        )
        .await;
        assert_eq!(code, 200);
    }
    // Later the phone asks where to go on, from a new connection (and a repeated announce
    // finds the same upload).
    let (_, again) = begin(&app, &helper, &bytes, &record).await;
    assert_eq!(again["upload_id"], upload);
    let res = helper
        .get(app.url(&format!("/api/attachments/v1/uploads/{upload}")))
        .send()
        .await
        .unwrap();
    let state: Value = res.json().await.unwrap();
    let mut offset = state["received"].as_u64().unwrap() as usize;
    assert_eq!(offset, 2 * CHUNK);
    // A chunk sent twice (the answer was lost) is told where the server is.
    let (code, body) = put(&app, &helper, &upload, CHUNK, &bytes[CHUNK..2 * CHUNK]).await;
    assert_eq!(code, 409);
    assert_eq!(body["received"], 2 * CHUNK);
    let mut last = Value::Null;
    while offset < bytes.len() {
        let end = (offset + CHUNK).min(bytes.len());
        let (code, state) = put(&app, &helper, &upload, offset, &bytes[offset..end]).await;
        assert_eq!(code, 200, "{state}");
        offset = end;
        last = state;
    }
    assert_eq!(last["complete"], true);
    assert_eq!(last["media_type"], "image/jpeg");
    let res = helper
        .get(app.url(&format!("/api/attachments/v1/{}", sha(&bytes))))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/jpeg");
    // The phone keeps its own copy; no HTTP cache on the way or on disk keeps one.
    assert_eq!(res.headers()["cache-control"], "private, no-store");
    let got = res.bytes().await.unwrap();
    assert_eq!(sha(&got), sha(&bytes), "arrived whole, with the right hash");
}

async fn the_same_content_is_kept_once(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let record = maojia_household(&app).await;
    let helper = app.sign_in("helper").await;
    let bytes = photo(5_000);
    let (_, state) = begin(&app, &helper, &bytes, &record).await;
    let upload = state["upload_id"].as_str().unwrap().to_owned();
    let (code, _) = put(&app, &helper, &upload, 0, &bytes).await;
    assert_eq!(code, 200);
    let (code, state) = begin(&app, &helper, &bytes, &record).await;
    assert_eq!(code, 200);
    assert_eq!(state["complete"], true, "no second upload needed");
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM attachments")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(n, 1);
}

async fn a_wrong_hash_or_a_disguised_file_is_refused(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let record = maojia_household(&app).await;
    let helper = app.sign_in("helper").await;
    // Announced as one photo, sent as another: refused, and the upload starts over.
    let bytes = photo(4_000);
    let (_, state) = begin(&app, &helper, &bytes, &record).await;
    let upload = state["upload_id"].as_str().unwrap().to_owned();
    let mut other = bytes.clone();
    other[3000] ^= 1;
    let (code, _) = put(&app, &helper, &upload, 0, &other).await;
    assert_eq!(code, 422);
    let (code, state) = put(&app, &helper, &upload, 0, &bytes).await;
    assert_eq!(code, 200, "the right bytes go through after: {state}");
    // A web page named photo.jpg is not an image.
    let page = b"<html><script>alert(1)</script></html>".repeat(10);
    let (_, state) = begin(&app, &helper, &page, &record).await;
    let upload = state["upload_id"].as_str().unwrap().to_owned();
    let (code, body) = put(&app, &helper, &upload, 0, &page).await;
    assert_eq!(code, 415, "{body}");
    // Too big is refused before a byte is sent.
    let res = helper
        .post(app.url("/api/attachments/v1/uploads"))
        .json(&json!({ "sha256": sha(b"x"), "size": 100 * 1024 * 1024,
                       "record_kind": "household", "record_id": record }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    // A malformed hash is a bad request, not a crash.
    let res = helper
        .post(app.url("/api/attachments/v1/uploads"))
        .json(&json!({ "sha256": "../../etc/passwd", "size": 10,
                       "record_kind": "household", "record_id": record }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
}

async fn another_villages_helper_gets_nothing(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let record = maojia_household(&app).await;
    let helper = app.sign_in("helper").await;
    let bytes = photo(2_000);
    let (_, state) = begin(&app, &helper, &bytes, &record).await;
    let upload = state["upload_id"].as_str().unwrap().to_owned();
    put(&app, &helper, &upload, 0, &bytes).await;

    let neighbour = neighbour_helper(&app).await;
    let res = neighbour
        .get(app.url(&format!("/api/attachments/v1/{}", sha(&bytes))))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404, "not their village's file");
    // Knowing the hash does not help: announcing it for the record is refused too.
    let (code, _) = begin(&app, &neighbour, &bytes, &record).await;
    assert_eq!(code, 404);
    // Nor can they send to someone else's upload.
    let second = photo(3_000);
    let (_, state) = begin(&app, &helper, &second, &record).await;
    let upload = state["upload_id"].as_str().unwrap().to_owned();
    let (code, _) = put(&app, &neighbour, &upload, 0, &second).await;
    assert_eq!(code, 404);
    // Signed out: nothing.
    let res = app
        .client()
        .get(app.url(&format!("/api/attachments/v1/{}", sha(&bytes))))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
}

backend_tests!(
    an_interrupted_upload_resumes_and_arrives_whole,
    the_same_content_is_kept_once,
    a_wrong_hash_or_a_disguised_file_is_refused,
    another_villages_helper_gets_nothing,
);
