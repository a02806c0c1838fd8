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

crate::backend_tests!(
    sign_in_failures_lockouts_codes_and_sign_outs_are_audited,
    refused_operations_are_audited,
);
