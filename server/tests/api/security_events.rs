//! Security events in the audit chain (issue 22, point 15): failed sign-ins, the lockout,
//! code requests, sign-outs and refused operations, with the source address and no resident's
//! phone in full.

use chrono::Utc;
use domain::sync::RejectCode;
use serde_json::{Value, json};
use server::db::Db;
use server::sync::push;

use crate::helpers::{Backend, spawn_app_on};
use crate::materials_support::refused;
use crate::sync_support::*;

async fn events(db: &Db, action: &str) -> Vec<(Option<String>, Option<String>, Value)> {
    let rows: Vec<(Option<String>, Option<String>, String)> = sqlx::query_as(
        "SELECT actor_user, record_id, detail FROM audit_log WHERE action = $1 ORDER BY seq",
    )
    .bind(action)
    .fetch_all(db.pool())
    .await
    .unwrap();
    rows.into_iter()
        .map(|(u, r, d)| (u, r, serde_json::from_str(&d).unwrap()))
        .collect()
}

async fn sign_in_failures_lockouts_codes_and_sign_outs_are_audited(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let max = server::auth::lockout::MAX_ACCOUNT_FAILURES;
    for _ in 0..max + 3 {
        app.client()
            .post(app.url("/api/auth/login"))
            .json(&json!({ "username": "clerk", "password": "wrong" }))
            .send()
            .await
            .unwrap();
    }
    let failed = events(&app.db, "auth.sign_in_failed").await;
    assert_eq!(
        failed.len() as i64,
        max,
        "the refusals after the lockout are not each recorded"
    );
    assert_eq!(failed[0].2["account"], "clerk");
    assert_eq!(failed[0].2["address"], "127.0.0.1");
    let locked = events(&app.db, "auth.locked_out").await;
    assert_eq!(locked.len(), 1);
    assert_eq!(locked[0].2["locked"], json!(["account"]));

    let phone = "13800000001";
    let code = app.request_code(phone).await;
    let requested = events(&app.db, "auth.code_requested").await;
    assert_eq!(requested[0].2["phone"], "138****0001");
    assert_eq!(requested[0].2["address"], "127.0.0.1");
    let wrong = if code == "000000" { "111111" } else { "000000" };
    app.client()
        .post(app.url("/api/auth/otp/verify"))
        .json(&json!({ "phone": phone, "code": wrong }))
        .send()
        .await
        .unwrap();
    let failed = events(&app.db, "auth.sign_in_failed").await;
    assert_eq!(failed.last().unwrap().2["account"], "138****0001");

    let helper = app.sign_in("helper").await;
    let me: Value = helper
        .get(app.url("/api/auth/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    helper
        .post(app.url("/api/auth/logout"))
        .send()
        .await
        .unwrap();
    let signed_in = events(&app.db, "auth.login").await;
    assert_eq!(signed_in.last().unwrap().2["address"], "127.0.0.1");
    let out = events(&app.db, "auth.logout").await;
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].0.as_deref(), me["user"].as_str());
    assert_eq!(out[0].2["address"], "127.0.0.1");

    let all: Vec<(String,)> = sqlx::query_as("SELECT detail FROM audit_log")
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    assert!(
        all.iter().all(|(d,)| !d.contains(phone)),
        "no phone in full"
    );
}

async fn refused_operations_are_audited(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let helper = actor(&app.db, "helper").await;
    // A household in a village that is not the helper's.
    let (id, op) = create_household("500231001001-G01", "别村1号");
    let answer = push::push(
        &app.db,
        &catalogue(),
        &helper,
        &batch(device(), vec![op]),
        Utc::now(),
    )
    .await
    .unwrap();
    let code = refused(&answer.results[0].outcome).0;
    let audited = events(&app.db, "sync.refused").await;
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0].0, Some(helper.user.0.to_string()));
    assert_eq!(audited[0].1, Some(id.0.to_string()));
    assert_eq!(audited[0].2["code"], json!(code));
    assert_ne!(code, RejectCode::IdReused);
}

/// The head is signed by itself (the housekeeping-like task runs `sign_if_changed` at
/// `ONEDOOR_AUDIT_SIGN_INTERVAL_SECONDS`): kept in the chain and in a file outside the
/// database, with a key whose file lies wherever it is configured; an idle chain is not signed
/// again.
async fn the_head_is_signed_automatically_and_kept_outside(backend: Backend) {
    use server::audit::auto_sign::{HEAD_SIGNED, sign_if_changed};
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let outside = crate::helpers::TempDir(
        std::env::temp_dir().join(format!("onedoor-audit-keys-{}", uuid::Uuid::now_v7())),
    );
    let key = server::audit::load_or_create_key(&outside.0.join("keys/audit.key")).unwrap();
    let heads = outside.0.join("heads/audit-heads.jsonl");
    let helper = actor(&app.db, "helper").await;
    let record = async |address: &str| {
        let (_, create) = create_household("500231101201-G01", address);
        let push = batch(device(), vec![create]);
        push::push(&app.db, &catalogue(), &helper, &push, Utc::now())
            .await
            .unwrap();
    };
    record("毛家村5组7号").await;
    let head = sign_if_changed(&app.db, &key, &heads)
        .await
        .unwrap()
        .expect("a chain with entries is signed");
    server::audit::verify_export(&app.db, &head).await.unwrap();
    let kept = std::fs::read_to_string(&heads).unwrap();
    assert_eq!(kept.lines().count(), 1);
    let line: server::audit::SignedHead = serde_json::from_str(kept.trim()).unwrap();
    assert_eq!(line, head);
    let entries = events(&app.db, HEAD_SIGNED).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].2["seq"], json!(head.seq));
    assert_eq!(entries[0].2["signature"], json!(head.signature));
    // Nothing recorded since: nothing signed.
    assert!(
        sign_if_changed(&app.db, &key, &heads)
            .await
            .unwrap()
            .is_none()
    );
    // Something recorded: signed again, after the first signature's entry.
    record("毛家村5组8号").await;
    let again = sign_if_changed(&app.db, &key, &heads)
        .await
        .unwrap()
        .unwrap();
    assert!(again.seq > head.seq + 1);
    assert_eq!(std::fs::read_to_string(&heads).unwrap().lines().count(), 2);
    assert!(
        server::audit::verify(&app.db)
            .await
            .unwrap()
            .broken
            .is_none()
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&heads).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "the heads file is owner-only");
    }
}

/// A refusal pushed over HTTP names the address it came from.
async fn a_refused_operation_names_its_source_address(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let supervisor = app.sign_in("supervisor").await;
    let (_, create) = create_household("500231101201-G01", "毛家村5组7号");
    let answer = supervisor
        .post(app.url("/api/sync/v1/push"))
        .json(&batch(device(), vec![create]))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 200);
    let refused = events(&app.db, "sync.refused").await;
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].2["code"], "forbidden");
    assert_eq!(refused[0].2["address"], "127.0.0.1");
}

crate::backend_tests!(
    a_refused_operation_names_its_source_address,
    sign_in_failures_lockouts_codes_and_sign_outs_are_audited,
    refused_operations_are_audited,
    the_head_is_signed_automatically_and_kept_outside,
);
