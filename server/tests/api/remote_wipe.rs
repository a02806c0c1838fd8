//! Remote wipe (issue 22 point 13), the server's side: a disabled account's phone is told so
//! with a code of its own (403 `account_disabled`) on every request, after its last push of
//! what it recorded before the account was disabled has been taken.

use domain::sync::{Outcome, PushResponse};
use serde_json::Value;

use crate::backend_tests;
use crate::helpers::{Backend, spawn_app_on};
use crate::sync_support::*;

async fn code_of(response: reqwest::Response) -> (u16, Option<String>) {
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    (status, body["code"].as_str().map(str::to_owned))
}

async fn a_disabled_accounts_phone_sends_what_it_holds_then_is_told_to_wipe(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let phone = app.sign_in("helper").await;
    // Recorded offline, before the account is disabled.
    let (home, before) = create_household("500231101201-G01", "毛家村3组12号");
    server::accounts::set_disabled(&app.db, "helper", true)
        .await
        .unwrap();

    let disabled = (403, Some("account_disabled".to_owned()));
    let me = phone.get(app.url("/api/auth/me")).send().await.unwrap();
    assert_eq!(code_of(me).await, disabled);
    // The last push: what was made before the disabling is taken.
    let answer: PushResponse = phone
        .post(app.url("/api/sync/v1/push"))
        .json(&batch(device(), vec![before]))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        matches!(
            answer.results[0].outcome,
            Outcome::Applied { version: 1, .. }
        ),
        "{answer:?}"
    );
    let stored: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM records WHERE id = $1")
        .bind(home.0.to_string())
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(stored.0, 1);
    let final_pushes: (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.final_push'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(final_pushes.0, 1);
    // What is made after is not taken, and every other request says why.
    let (_, after) = create_household("500231101201-G01", "毛家村3组13号");
    let refused = phone
        .post(app.url("/api/sync/v1/push"))
        .json(&batch(device(), vec![after]))
        .send()
        .await
        .unwrap();
    assert_eq!(code_of(refused).await, disabled);
    let pull = phone
        .get(app.url("/api/sync/v1/pull?cursor=0"))
        .send()
        .await
        .unwrap();
    assert_eq!(code_of(pull).await, disabled);
    // Not for anybody else: no session is 401 without a code, and so is an enabled account's
    // ended session.
    let stranger = app
        .client()
        .get(app.url("/api/auth/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(code_of(stranger).await, (401, None));
    let clerk = app.sign_in("clerk").await;
    clerk
        .post(app.url("/api/auth/logout"))
        .send()
        .await
        .unwrap();
    let ended = clerk.get(app.url("/api/auth/me")).send().await.unwrap();
    assert_eq!(code_of(ended).await.0, 401);
    // Enabled again, the account signs in as before.
    server::accounts::set_disabled(&app.db, "helper", false)
        .await
        .unwrap();
    let again = app.sign_in("helper").await;
    let me = again.get(app.url("/api/auth/me")).send().await.unwrap();
    assert_eq!(me.status().as_u16(), 200);
}

/// A phone whose session was last used longer ago than `ONEDOOR_WIPE_AFTER_DAYS` (14) is told
/// `sign_in_lapsed` (401 with the code), one merely signed out a plain 401.
async fn a_long_lapsed_sign_in_is_told_apart(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let phone = app.sign_in("helper").await;
    let set_seen = async |days: i64| {
        let seen = server::db::time::to_db(chrono::Utc::now() - chrono::Duration::days(days));
        sqlx::query("UPDATE sessions SET last_seen_at = $1")
            .bind(seen)
            .execute(app.db.pool())
            .await
            .unwrap();
    };
    // Expired (idle), not long: sign in again, nothing to wipe.
    set_seen(2).await;
    let me = phone.get(app.url("/api/auth/me")).send().await.unwrap();
    assert_eq!(code_of(me).await, (401, None));
    // Ended two weeks and more ago.
    set_seen(15).await;
    let me = phone.get(app.url("/api/auth/me")).send().await.unwrap();
    assert_eq!(code_of(me).await, (401, Some("sign_in_lapsed".to_owned())));
}

backend_tests!(
    a_disabled_accounts_phone_sends_what_it_holds_then_is_told_to_wipe,
    a_long_lapsed_sign_in_is_told_apart,
);
