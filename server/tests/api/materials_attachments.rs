//! Photos of a checklist's materials, uploaded for the `materials` record: the township's
//! window fetches them, a helper of another village does not.

use reqwest::Client;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use domain::fieldwork::AttachmentRef;

use crate::backend_tests;
use crate::helpers::{Backend, TestApp, spawn_app_on};
use crate::materials_support::*;
use crate::sync_support::actor;

/// A small but real JPEG header and filler that differs by `n`.
fn photo(n: u32) -> Vec<u8> {
    let mut bytes = vec![
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0,
    ];
    bytes.extend(n.to_be_bytes());
    bytes.extend((0..2000).map(|i| (i * 31 % 251) as u8));
    bytes
}

fn hash(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

async fn upload(app: &TestApp, client: &Client, bytes: &[u8], case: &str) {
    let res = client
        .post(app.url("/api/attachments/v1/uploads"))
        .json(&json!({
            "sha256": hash(bytes),
            "size": bytes.len(),
            "record_kind": "materials",
            "record_id": case,
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let state: Value = res.json().await.unwrap();
    let upload = state["upload_id"].as_str().unwrap();
    let res = client
        .put(app.url(&format!("/api/attachments/v1/uploads/{upload}?offset=0")))
        .body(bytes.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let state: Value = res.json().await.unwrap();
    assert_eq!(state["complete"], true, "{state}");
}

async fn neighbour_helper(app: &TestApp) -> Client {
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

async fn checklist_photos_reach_the_township_and_not_another_village(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let helper = actor(&app.db, "helper").await;
    let mut intake = intake(&helper);
    intake.materials = checklist(intake.case, &intake.household, &helper, |n| {
        AttachmentRef::parse(&hash(&photo(n))).unwrap()
    });
    assert!(
        send(&app.db, &helper, intake.ops())
            .await
            .iter()
            .all(|o| applied(o) > 0)
    );
    let phone = app.sign_in("helper").await;
    let case = intake.case.0.to_string();
    let bytes = photo(0);
    upload(&app, &phone, &bytes, &case).await;
    let url = app.url(&format!("/api/attachments/v1/{}", hash(&bytes)));
    let clerk = app.sign_in("clerk").await;
    let res = clerk.get(&url).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.bytes().await.unwrap().as_ref(), bytes.as_slice());
    let neighbour = neighbour_helper(&app).await;
    assert_eq!(neighbour.get(&url).send().await.unwrap().status(), 404);
    // Nor may they attach anything to the checklist.
    let other = photo(1);
    let res = neighbour
        .post(app.url("/api/attachments/v1/uploads"))
        .json(&json!({
            "sha256": hash(&other),
            "size": other.len(),
            "record_kind": "materials",
            "record_id": case,
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

backend_tests!(checklist_photos_reach_the_township_and_not_another_village);
