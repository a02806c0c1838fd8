//! Nothing kept longer or sent larger than needed (issue 22, points 10 and 11): an applied
//! operation's body is never stored (a digest is) and its answer is pruned after the
//! retention period while a replay is still not applied twice; a pull page is cut by bytes
//! and resumes where it was cut; unfinished uploads are limited per account and expire.

use chrono::{Duration, Utc};
use domain::sync::{Change, Outcome, RejectCode};
use serde_json::json;
use server::housekeeping::{Settings, run_once};
use server::sync::{pull, push};
use sha2::{Digest, Sha256};

use crate::backend_tests;
use crate::helpers::{Backend, TestApp, spawn_app_on, spawn_app_with};
use crate::sync_support::*;

const GRID: &str = "500231101201-G01";

async fn count(db: &server::db::Db, sql: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(db.pool()).await.unwrap();
    n
}

async fn a_pruned_operation_is_still_recognised_and_not_applied_twice(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let (id, create) = create_household(GRID, "毛家村5组8号");
    let req = batch(device(), vec![create.clone()]);
    let first = push::push(db, &catalogue(), &helper, &req, Utc::now())
        .await
        .unwrap();
    // Only a digest of the operation is kept, never the household it carried.
    let (op, result): (String, String) = sqlx::query_as("SELECT op, result FROM sync_ops")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert!(op.starts_with("sha256:") && !op.contains("王秀英"), "{op}");
    assert!(result.contains("applied"));
    // Within the retention period nothing is pruned.
    let files = server::attachments::AttachmentFiles::new(std::env::temp_dir().join("unused"));
    let settings = Settings::default();
    let swept = run_once(db, &files, &settings, Utc::now()).await.unwrap();
    assert_eq!(swept.ops_pruned, 0);
    // 31 days on, the answer goes.
    let later = Utc::now() + Duration::days(31);
    let swept = run_once(db, &files, &settings, later).await.unwrap();
    assert_eq!(swept.ops_pruned, 1);
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM sync_ops WHERE result = ''").await,
        1
    );
    // The replay is answered as applied and changes nothing.
    let again = push::push(db, &catalogue(), &helper, &req, Utc::now())
        .await
        .unwrap();
    assert_eq!(again, first);
    let (version,): (i64,) =
        sqlx::query_as("SELECT version FROM records WHERE kind = 'household' AND id = $1")
            .bind(id.0.to_string())
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!(version, 1);
    assert_eq!(count(db, "SELECT COUNT(*) FROM sync_ops").await, 1);
    // The same id for something else is still told apart.
    let mut reused = create_household(GRID, "毛家村5组9号").1;
    reused.id = create.id;
    let answer = push::push(
        db,
        &catalogue(),
        &helper,
        &batch(device(), vec![reused]),
        Utc::now(),
    )
    .await
    .unwrap();
    assert!(matches!(
        answer.results[0].outcome,
        Outcome::Rejected {
            code: RejectCode::IdReused,
            ..
        }
    ));
    // A row stored whole before digests were is digested by the same round.
    let legacy = create_household(GRID, "毛家村5组10号").1;
    let legacy_req = batch(device(), vec![legacy.clone()]);
    push::push(db, &catalogue(), &helper, &legacy_req, Utc::now())
        .await
        .unwrap();
    sqlx::query("UPDATE sync_ops SET op = $1 WHERE op_id = $2")
        .bind(serde_json::to_value(&legacy).unwrap().to_string())
        .bind(legacy.id.0.to_string())
        .execute(db.pool())
        .await
        .unwrap();
    run_once(db, &files, &settings, later).await.unwrap();
    let (op,): (String,) = sqlx::query_as("SELECT op FROM sync_ops WHERE op_id = $1")
        .bind(legacy.id.0.to_string())
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert!(op.starts_with("sha256:"));
    let again = push::push(db, &catalogue(), &helper, &legacy_req, Utc::now())
        .await
        .unwrap();
    assert!(matches!(
        again.results[0].outcome,
        Outcome::Applied { version: 1, .. }
    ));
}

async fn a_pull_page_cut_by_bytes_resumes_where_it_was_cut(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    without_demo_households(db).await;
    let helper = actor(db, "helper").await;
    let ops: Vec<_> = (0..5)
        .map(|i| create_household(GRID, &format!("毛家村{i}号")).1)
        .collect();
    push::push(db, &catalogue(), &helper, &batch(device(), ops), Utc::now())
        .await
        .unwrap();
    let whole = pull::pull(db, &helper, 0, 100).await.unwrap();
    assert_eq!(whole.changes.len(), 5);
    assert!(!whole.more);
    // Room for about two household bodies a page.
    let Change::Upsert { body, .. } = &whole.changes[0] else {
        panic!()
    };
    let room = body.to_string().len() * 2 + 10;
    let (mut cursor, mut pages, mut got) = (0, 0, Vec::new());
    loop {
        let page = pull::pull_within(db, &helper, cursor, 100, room)
            .await
            .unwrap();
        assert!(!page.changes.is_empty() && page.changes.len() <= 2);
        pages += 1;
        got.extend(page.changes);
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(got, whole.changes);
    assert_eq!(cursor, whole.cursor);
    // A record larger than the limit still comes, alone.
    let page = pull::pull_within(db, &helper, 0, 100, 1).await.unwrap();
    assert_eq!(page.changes.len(), 1);
    assert!(page.more);
}

fn sha(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

async fn announce(app: &TestApp, client: &reqwest::Client, n: u8, size: usize) -> (u16, String) {
    let (record,): (String,) = sqlx::query_as(
        "SELECT id FROM records WHERE kind = 'household' AND place_code LIKE '500231101201%' \
         ORDER BY id LIMIT 1",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let res = client
        .post(app.url("/api/attachments/v1/uploads"))
        .json(&json!({
            "sha256": sha(&[n]), "size": size,
            "record_kind": "household", "record_id": record,
        }))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let body: serde_json::Value = res.json().await.unwrap();
    let id = body["upload_id"].as_str().unwrap_or_default().to_owned();
    (status, id)
}

async fn unfinished_uploads_are_limited_per_account_and_expire(backend: Backend) {
    let dir = std::env::temp_dir().join(format!("onedoor-quota-{}", uuid::Uuid::now_v7()));
    let attachments = dir.clone();
    let Some(app) = spawn_app_with(backend, true, move |c| {
        c.attachment_dir = attachments;
        c.upload_quota_count = 2;
        c.upload_quota_mb = 3;
    })
    .await
    else {
        return;
    };
    let helper = app.sign_in("helper").await;
    let (code, first) = announce(&app, &helper, 1, 1000).await;
    assert_eq!(code, 201);
    // Over the bytes: refused (1000 bytes + 3 MB > 3 MB).
    assert_eq!(announce(&app, &helper, 2, 3 * 1024 * 1024).await.0, 429);
    assert_eq!(announce(&app, &helper, 2, 1000).await.0, 201);
    // Over the count: refused; resuming one under way is not a new upload.
    assert_eq!(announce(&app, &helper, 3, 1000).await.0, 429);
    assert_eq!(announce(&app, &helper, 1, 1000).await, (201, first.clone()));
    // Another account has its own quota.
    let other = app.sign_in("clerk").await;
    assert_ne!(announce(&app, &other, 3, 1000).await.0, 429);
    // A chunk arrives, then the upload is abandoned.
    let res = helper
        .put(app.url(&format!("/api/attachments/v1/uploads/{first}?offset=0")))
        .body(vec![0xFFu8; 100])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let partial = dir.join("partial").join(&first);
    assert!(partial.exists());
    let files = server::attachments::AttachmentFiles::new(&dir);
    let settings = Settings::default();
    let swept = run_once(&app.db, &files, &settings, Utc::now())
        .await
        .unwrap();
    assert_eq!(swept.uploads_expired, 0);
    let swept = run_once(&app.db, &files, &settings, Utc::now() + Duration::hours(25))
        .await
        .unwrap();
    assert!(swept.uploads_expired >= 2);
    assert!(!partial.exists());
    let res = helper
        .get(app.url(&format!("/api/attachments/v1/uploads/{first}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    // The quota is free again.
    assert_eq!(announce(&app, &helper, 3, 1000).await.0, 201);
    let _ = std::fs::remove_dir_all(&dir);
}

backend_tests!(
    a_pruned_operation_is_still_recognised_and_not_applied_twice,
    a_pull_page_cut_by_bytes_resumes_where_it_was_cut,
    unfinished_uploads_are_limited_per_account_and_expire,
);
