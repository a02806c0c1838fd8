//! Attachments by link, not by hash (issue 22, point 6): knowing a file's SHA-256 and size
//! grants nothing. A kept file is linked to a record only for someone who sent its bytes or
//! who may act on a record it is already linked to (and may read it there); anyone else is
//! answered as for a file the server has never seen: send the bytes.

use chrono::{Duration, Utc};
use domain::fieldwork::{
    AttachmentRef, HardshipCategory, HardshipId, HardshipReport, HardshipUrgency,
};
use domain::jurisdiction::PlaceCode;
use domain::sync::RecordKind;
use reqwest::Client;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::backend_tests;
use crate::helpers::{Backend, TestApp, spawn_app_on};
use crate::materials_support::{applied, save, send};
use crate::sync_support::{actor, create_household};

/// 李家村, the village next to the demo helper's.
const LIJIA: &str = "500231101202";

/// A small real JPEG whose filler differs by `n`.
fn photo(n: u32) -> Vec<u8> {
    let mut bytes = vec![
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0,
    ];
    bytes.extend(n.to_be_bytes());
    bytes.extend((0..3000).map(|i| (i * 17 % 251) as u8));
    bytes
}

fn sha(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Announces `sha256` of `size` bytes for the record.
async fn begin_as(
    app: &TestApp,
    client: &Client,
    sha256: &str,
    size: usize,
    kind: &str,
    record: &str,
) -> (u16, Value) {
    let res = client
        .post(app.url("/api/attachments/v1/uploads"))
        .json(&json!({ "sha256": sha256, "size": size, "record_kind": kind, "record_id": record }))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

/// Sends all of `bytes` to the upload; answers the last state.
async fn put_all(app: &TestApp, client: &Client, upload: &str, bytes: &[u8]) -> (u16, Value) {
    let res = client
        .put(app.url(&format!("/api/attachments/v1/uploads/{upload}?offset=0")))
        .body(bytes.to_vec())
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

/// Announces and sends `bytes` for the record; the file is complete after.
async fn upload(app: &TestApp, client: &Client, bytes: &[u8], kind: &str, record: &str) {
    let (code, state) = begin_as(app, client, &sha(bytes), bytes.len(), kind, record).await;
    assert_eq!(code, 201, "{state}");
    let (code, state) = put_all(app, client, state["upload_id"].as_str().unwrap(), bytes).await;
    assert_eq!(code, 200, "{state}");
    assert_eq!(state["complete"], true, "{state}");
}

async fn fetch(app: &TestApp, client: &Client, sha256: &str) -> (u16, String) {
    let res = client
        .get(app.url(&format!("/api/attachments/v1/{sha256}")))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let body = if status == 200 {
        String::new()
    } else {
        res.text().await.unwrap()
    };
    (status, body)
}

/// A household of 毛家村, where the demo helper works.
async fn maojia_household(app: &TestApp, nth: i64) -> String {
    let (id,): (String,) = sqlx::query_as(
        "SELECT id FROM records WHERE kind = 'household' AND place_code LIKE '500231101201%' \
         ORDER BY id LIMIT 1 OFFSET $1",
    )
    .bind(nth)
    .fetch_one(app.db.pool())
    .await
    .expect("demo households in 毛家村");
    id
}

/// 李家村's helper, signed in, with a household of their own village on record.
async fn neighbour(app: &TestApp) -> (Client, domain::jurisdiction::Actor, String) {
    let user = server::accounts::NewUser {
        username: Some("lijia".into()),
        display_name: "李家村帮办员".into(),
        role: "helper".into(),
        place: LIJIA.into(),
        department: None,
        phone: None,
        password: Some(server::demo::DEMO_PASSWORD.into()),
    };
    server::accounts::create_user(&app.db, &user).await.unwrap();
    let who = actor(&app.db, "lijia").await;
    let (home, create) = create_household(&format!("{LIJIA}-G01"), "李家村1组3号");
    let answer = send(&app.db, &who, vec![create]).await;
    assert!(applied(&answer[0]) > 0);
    (app.sign_in("lijia").await, who, home.0.to_string())
}

/// How many links the file has to the record.
async fn links(app: &TestApp, sha256: &str, record: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM attachment_links WHERE sha256 = $1 AND record_id = $2",
    )
    .bind(sha256)
    .bind(record)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    n
}

/// The parts of an upload's state that say nothing of the file's identity.
fn shape(state: &Value) -> Value {
    json!({
        "has_upload": state["upload_id"].is_string(),
        "received": state["received"],
        "complete": state["complete"],
        "media_type": state["media_type"],
    })
}

async fn knowing_a_hash_and_size_grants_nothing(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let household = maojia_household(&app, 0).await;
    let helper = app.sign_in("helper").await;
    let secret = photo(1);
    upload(&app, &helper, &secret, "household", &household).await;
    let (neighbour, _, theirs) = neighbour(&app).await;

    // The hash of a file they never had, announced for a record of their own: answered as
    // a file the server has never seen, even with a wrong size.
    let stranger = photo(2);
    let (code, unknown) = begin_as(
        &app,
        &neighbour,
        &sha(&stranger),
        stranger.len(),
        "household",
        &theirs,
    )
    .await;
    assert_eq!(code, 201, "{unknown}");
    let (code, known) = begin_as(
        &app,
        &neighbour,
        &sha(&secret),
        secret.len(),
        "household",
        &theirs,
    )
    .await;
    assert_eq!(
        code, 201,
        "a kept file is not linked for the hash alone: {known}"
    );
    assert_eq!(shape(&known), shape(&unknown));
    let (code, wrong_size) = begin_as(
        &app,
        &neighbour,
        &sha(&secret),
        secret.len() + 1,
        "household",
        &theirs,
    )
    .await;
    assert_eq!(
        code, 201,
        "the size of a kept file is not told either: {wrong_size}"
    );
    assert_eq!(links(&app, &sha(&secret), &theirs).await, 0);
    // Not readable; answered as an unknown file.
    let (code, body) = fetch(&app, &neighbour, &sha(&secret)).await;
    assert_eq!(code, 404);
    assert_eq!((code, body), fetch(&app, &neighbour, &sha(&stranger)).await);

    // Whoever sends the bytes has the file: then it is linked (the phone's own copy).
    let (_, again) = begin_as(
        &app,
        &neighbour,
        &sha(&secret),
        secret.len(),
        "household",
        &theirs,
    )
    .await;
    let (code, state) = put_all(
        &app,
        &neighbour,
        again["upload_id"].as_str().unwrap(),
        &secret,
    )
    .await;
    assert_eq!(code, 200, "{state}");
    assert_eq!(state["complete"], true);
    assert_eq!(fetch(&app, &neighbour, &sha(&secret)).await.0, 200);
}

async fn a_file_is_linked_again_by_its_sender_or_through_a_record_one_may_act_on(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let (first, second) = (
        maojia_household(&app, 0).await,
        maojia_household(&app, 1).await,
    );
    let helper = app.sign_in("helper").await;
    let bytes = photo(3);
    upload(&app, &helper, &bytes, "household", &first).await;
    // The helper who sent it links it to another record at once.
    let (code, state) = begin_as(
        &app,
        &helper,
        &sha(&bytes),
        bytes.len(),
        "household",
        &second,
    )
    .await;
    assert_eq!(code, 200, "{state}");
    assert_eq!(state["complete"], true);
    // The township's window may act on the record it is linked to: linked at once too.
    let clerk = app.sign_in("clerk").await;
    let third = maojia_household(&app, 2).await;
    let (code, state) =
        begin_as(&app, &clerk, &sha(&bytes), bytes.len(), "household", &third).await;
    assert_eq!(code, 200, "{state}");
    assert_eq!(links(&app, &sha(&bytes), &third).await, 1);
}

/// A push naming someone else's file is answered as one naming a file never sent, and the
/// record it names the file in gives no access to it.
async fn a_pushed_reference_to_a_hash_is_no_key(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let household = maojia_household(&app, 0).await;
    let helper = app.sign_in("helper").await;
    let secret = photo(4);
    upload(&app, &helper, &secret, "household", &household).await;
    let (neighbour, who, _) = neighbour(&app).await;
    let report = |photo: &[u8]| HardshipReport {
        id: HardshipId(Uuid::now_v7()),
        reporter: who.user,
        place: PlaceCode::parse(&format!("{LIJIA}-G01")).unwrap(),
        person_name: None,
        household: None,
        category: HardshipCategory::Accident,
        description: "村民骑车摔伤，家中无人照料".into(),
        urgency: HardshipUrgency::Urgent,
        reported_at: Utc::now() - Duration::minutes(5),
        photos: vec![AttachmentRef::parse(&sha(photo)).unwrap()],
        case: None,
    };
    let (naming_secret, naming_unknown) = (report(&secret), report(&photo(5)));
    let answer = send(
        &app.db,
        &who,
        vec![
            save(
                RecordKind::Hardship,
                naming_secret.id.0,
                None,
                &naming_secret,
            ),
            save(
                RecordKind::Hardship,
                naming_unknown.id.0,
                None,
                &naming_unknown,
            ),
        ],
    )
    .await;
    assert_eq!(applied(&answer[0]), applied(&answer[1]), "{answer:?}");
    let id = naming_secret.id.0.to_string();
    assert_eq!(links(&app, &sha(&secret), &id).await, 0);
    // The phone then sends the file for the record: the server asks for the bytes.
    let (code, state) = begin_as(
        &app,
        &neighbour,
        &sha(&secret),
        secret.len(),
        "hardship",
        &id,
    )
    .await;
    assert_eq!(code, 201, "{state}");
    assert_eq!(state["complete"], false);
    assert_eq!(fetch(&app, &neighbour, &sha(&secret)).await.0, 404);
}

/// Reading goes through the records a file is linked to and nothing else: when the reader's
/// access to every one of them ends, so does theirs, though they knew the hash all along.
async fn access_ends_with_access_to_every_linked_record(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let household = maojia_household(&app, 0).await;
    let helper = app.sign_in("helper").await;
    let bytes = photo(6);
    upload(&app, &helper, &bytes, "household", &household).await;
    let clerk = app.sign_in("clerk").await;
    assert_eq!(fetch(&app, &clerk, &sha(&bytes)).await.0, 200);
    // The window clerk moves to another township's window.
    sqlx::query("UPDATE users SET place_code = '500231001' WHERE username = 'clerk'")
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(fetch(&app, &clerk, &sha(&bytes)).await.0, 404);
}

backend_tests!(
    knowing_a_hash_and_size_grants_nothing,
    a_file_is_linked_again_by_its_sender_or_through_a_record_one_may_act_on,
    a_pushed_reference_to_a_hash_is_no_key,
    access_ends_with_access_to_every_linked_record,
);
