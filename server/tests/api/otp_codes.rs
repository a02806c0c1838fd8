//! One-time codes (issue 22, point 2): a new code cancels the older ones, five wrong tries
//! cancel a code, codes are stored keyed, expired codes are purged, requests are limited per
//! phone, per address and in all, and the answer does not wait for the message.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::helpers::{Backend, TestApp, spawn_app_on, spawn_app_with};

const RESIDENT: &str = "13800000001";

async fn verify(app: &TestApp, phone: &str, code: &str) -> u16 {
    let res = app
        .client()
        .post(app.url("/api/auth/otp/verify"))
        .json(&json!({ "phone": phone, "code": code }))
        .send()
        .await
        .unwrap();
    res.status().as_u16()
}

async fn request(app: &TestApp, phone: &str) -> u16 {
    let res = app
        .client()
        .post(app.url("/api/auth/otp/request"))
        .json(&json!({ "phone": phone }))
        .send()
        .await
        .unwrap();
    res.status().as_u16()
}

/// Forgets every counted attempt (the lockout's and the request limits').
async fn forget_counts(app: &TestApp) {
    sqlx::query("DELETE FROM auth_failures")
        .execute(app.db.pool())
        .await
        .unwrap();
}

fn other_than(code: &str) -> &'static str {
    if code == "000000" { "999999" } else { "000000" }
}

async fn a_new_code_cancels_the_older_ones(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let first = app.request_code(RESIDENT).await;
    forget_counts(&app).await;
    let second = app.request_code(RESIDENT).await;
    if first != second {
        assert_eq!(verify(&app, RESIDENT, &first).await, 401, "the older code");
    }
    assert_eq!(
        verify(&app, RESIDENT, &second).await,
        200,
        "the newest code"
    );
}

async fn five_wrong_tries_cancel_a_code(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let code = app.request_code(RESIDENT).await;
    for _ in 0..server::auth::otp::MAX_WRONG_TRIES {
        assert_eq!(verify(&app, RESIDENT, other_than(&code)).await, 401);
    }
    // Not the lockout: the code itself is gone.
    forget_counts(&app).await;
    assert_eq!(verify(&app, RESIDENT, &code).await, 401);
}

async fn codes_are_stored_under_a_server_key(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let code = app.request_code(RESIDENT).await;
    let (stored,): (String,) = sqlx::query_as("SELECT code_hash FROM otp_codes WHERE phone = $1")
        .bind(RESIDENT)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let plain = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(format!("{RESIDENT}:{code}")))
    };
    assert_ne!(
        stored, plain,
        "a plain SHA-256 can be searched through a million codes"
    );
    assert_eq!(stored, app.codes.tag(RESIDENT, &code));
}

async fn expired_codes_are_purged(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    app.request_code(RESIDENT).await;
    sqlx::query("UPDATE otp_codes SET expires_at = '2000-01-01T00:00:00.000000Z'")
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(request(&app, "13800000002").await, 202);
    let (old,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM otp_codes WHERE phone = $1")
        .bind(RESIDENT)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(old, 0);
}

async fn requests_are_limited_per_phone_and_per_address(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    for n in 0..server::auth::otp::PHONE_PER_HOUR {
        assert_eq!(request(&app, RESIDENT).await, 202, "code {n}");
        // A minute passes: only the minute's count is forgotten.
        sqlx::query("UPDATE auth_failures SET at = $1 WHERE key LIKE 'otp-phone:%'")
            .bind(server::db::time::to_db(
                chrono::Utc::now() - chrono::Duration::seconds(61),
            ))
            .execute(app.db.pool())
            .await
            .unwrap();
        sqlx::query("DELETE FROM auth_failures WHERE key LIKE 'otp-address:%'")
            .execute(app.db.pool())
            .await
            .unwrap();
    }
    assert_eq!(
        request(&app, RESIDENT).await,
        429,
        "too many for one phone in an hour"
    );
    forget_counts(&app).await;
    for n in 0..server::auth::otp::ADDRESS_PER_HOUR {
        assert_eq!(request(&app, &format!("1390000{n:04}")).await, 202);
    }
    assert_eq!(
        request(&app, "13900009999").await,
        429,
        "too many from one address"
    );
}

async fn requests_are_limited_in_all(backend: Backend) {
    let Some(app) = spawn_app_with(backend, true, |c| c.otp_requests_per_hour = 3).await else {
        return;
    };
    for n in 0..3 {
        assert_eq!(request(&app, &format!("1390000{n:04}")).await, 202);
    }
    assert_eq!(request(&app, "13900009999").await, 429);
}

async fn the_answer_does_not_wait_for_the_message(backend: Backend) {
    let script = std::env::temp_dir().join(format!("slow-sms-{}.sh", uuid::Uuid::now_v7()));
    std::fs::write(&script, "#!/bin/sh\ncat >/dev/null\nsleep 3\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    let Some(app) = spawn_app_with(backend, true, |c| {
        c.sms_sender = server::config::SmsSenderKind::Command;
        c.sms_command = Some(script.clone());
    })
    .await
    else {
        return;
    };
    for phone in [RESIDENT, "13900000009"] {
        let started = Instant::now();
        assert_eq!(request(&app, phone).await, 202);
        let took = started.elapsed();
        assert!(took < Duration::from_millis(1500), "{phone}: {took:?}");
    }
    let _ = std::fs::remove_file(script);
}

async fn a_malformed_number_is_refused_before_any_count(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    for _ in 0..10 {
        assert_eq!(
            verify(&app, "x".repeat(10_000).as_str(), "000000").await,
            400
        );
    }
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM auth_failures")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(n, 0);
}

crate::backend_tests!(
    a_malformed_number_is_refused_before_any_count,
    a_new_code_cancels_the_older_ones,
    five_wrong_tries_cancel_a_code,
    codes_are_stored_under_a_server_key,
    expired_codes_are_purged,
    requests_are_limited_per_phone_and_per_address,
    requests_are_limited_in_all,
    the_answer_does_not_wait_for_the_message,
);
