//! Sign-in, sessions and the lockout, through the HTTP API.

use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, spawn_app_on};

async fn me(app: &TestApp, client: &reqwest::Client) -> reqwest::Response {
    client.get(app.url("/api/auth/me")).send().await.unwrap()
}

async fn login(app: &TestApp, client: &reqwest::Client, user: &str, pw: &str) -> reqwest::Response {
    client
        .post(app.url("/api/auth/login"))
        .json(&json!({ "username": user, "password": pw }))
        .send()
        .await
        .unwrap()
}

async fn staff_sign_in_sets_a_host_cookie_and_me_answers_the_account(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let client = app.client();
    assert_eq!(me(&app, &client).await.status(), 401);
    let res = login(&app, &client, "officer", server::demo::DEMO_PASSWORD).await;
    assert_eq!(res.status(), 200);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    for part in [
        "__Host-od_session=",
        "HttpOnly",
        "Secure",
        "SameSite=Strict",
        "Path=/",
        "Max-Age=259200",
    ] {
        assert!(cookie.contains(part), "{cookie}");
    }
    assert!(!cookie.contains("Domain"));
    let body: Value = me(&app, &client).await.json().await.unwrap();
    assert_eq!(body["role"], "department_officer");
    assert_eq!(body["department"], "civil_affairs");
}

async fn a_wrong_password_and_an_unknown_user_get_the_same_answer(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let a = login(&app, &app.client(), "clerk", "wrong").await;
    let b = login(&app, &app.client(), "nobody", "wrong").await;
    assert_eq!(
        (a.status(), b.status()),
        (
            reqwest::StatusCode::UNAUTHORIZED,
            reqwest::StatusCode::UNAUTHORIZED
        )
    );
    let (a, b): (Value, Value) = (a.json().await.unwrap(), b.json().await.unwrap());
    assert_eq!(a, b);
}

async fn the_sixth_failure_locks_the_account_even_with_the_right_password(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    for _ in 0..5 {
        assert_eq!(
            login(&app, &app.client(), "clerk", "wrong").await.status(),
            401
        );
    }
    let res = login(&app, &app.client(), "clerk", server::demo::DEMO_PASSWORD).await;
    assert_eq!(res.status(), 429);
    let retry: i64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["retry_after_seconds"], retry);
    // The failures age out after 15 minutes.
    sqlx::query("UPDATE auth_failures SET at = '2000-01-01T00:00:00.000000Z'")
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(
        login(&app, &app.client(), "clerk", server::demo::DEMO_PASSWORD)
            .await
            .status(),
        200
    );
}

async fn failures_from_one_address_lock_it_for_every_account(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let max = server::auth::lockout::MAX_ADDRESS_FAILURES;
    for i in 0..max {
        login(&app, &app.client(), &format!("nobody{i}"), "wrong").await;
    }
    assert_eq!(
        login(&app, &app.client(), "verifier", server::demo::DEMO_PASSWORD)
            .await
            .status(),
        429
    );
}

async fn one_locked_account_does_not_lock_the_others_at_its_address(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    for _ in 0..server::auth::lockout::MAX_ACCOUNT_FAILURES + 3 {
        login(&app, &app.client(), "clerk", "wrong").await;
    }
    let clerk = login(&app, &app.client(), "clerk", server::demo::DEMO_PASSWORD).await;
    assert_eq!(clerk.status(), 429);
    let colleague = login(&app, &app.client(), "verifier", server::demo::DEMO_PASSWORD).await;
    assert_eq!(
        colleague.status(),
        200,
        "a colleague at the same address signs in"
    );
}

async fn logout_ends_the_session_at_once(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let client = app.sign_in("helper").await;
    let res = login(&app, &client, "helper", server::demo::DEMO_PASSWORD).await;
    let token = res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(
        client
            .post(app.url("/api/auth/logout"))
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    assert_eq!(me(&app, &client).await.status(), 401);
    // The old cookie, replayed by hand, is dead too.
    let replay = reqwest::Client::new()
        .get(app.url("/api/auth/me"))
        .header("cookie", token)
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), 401);
}

async fn idle_and_absolute_expiry_end_sessions(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let idle = app.sign_in("clerk").await;
    sqlx::query("UPDATE sessions SET last_seen_at = '2000-01-01T00:00:00.000000Z'")
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(me(&app, &idle).await.status(), 401);
    let old = app.sign_in("verifier").await;
    sqlx::query(
        "UPDATE sessions SET created_at = '2000-01-01T00:00:00.000000Z' WHERE ended_at IS NULL",
    )
    .execute(app.db.pool())
    .await
    .unwrap();
    assert_eq!(me(&app, &old).await.status(), 401);
    let fresh = app.sign_in("supervisor").await;
    assert_eq!(me(&app, &fresh).await.status(), 200);
}

async fn disabling_an_account_ends_its_sessions_at_once(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let client = app.sign_in("helper").await;
    assert_eq!(me(&app, &client).await.status(), 200);
    sqlx::query("UPDATE users SET disabled = TRUE WHERE username = 'helper'")
        .execute(app.db.pool())
        .await
        .unwrap();
    // Its phone is told why, to delete what it holds (issue 22 point 13; `remote_wipe`).
    let answer = me(&app, &client).await;
    assert_eq!(answer.status(), 403);
    let body: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(body["code"], "account_disabled");
    assert_eq!(
        login(&app, &app.client(), "helper", server::demo::DEMO_PASSWORD)
            .await
            .status(),
        401
    );
}

async fn a_resident_signs_in_with_a_one_time_code_used_once(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let client = app.sign_in_resident("13800000001").await;
    let body: Value = me(&app, &client).await.json().await.unwrap();
    assert_eq!(body["role"], "resident");
    let code = server::auth::sms::last_dev_code(&app.sms_outbox, "13800000001").unwrap();
    let again = app
        .client()
        .post(app.url("/api/auth/otp/verify"))
        .json(&json!({"phone": "13800000001", "code": code}))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 401, "a code works once");
    // Asking again within a minute is refused; an unknown number gets the same 202 and no code.
    let soon = app
        .client()
        .post(app.url("/api/auth/otp/request"))
        .json(&json!({"phone": "13800000001"}))
        .send()
        .await
        .unwrap();
    assert_eq!(soon.status(), 429);
    let unknown = app
        .client()
        .post(app.url("/api/auth/otp/request"))
        .json(&json!({"phone": "13900000009"}))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 202);
    assert!(server::auth::sms::last_dev_code(&app.sms_outbox, "13900000009").is_none());
    let bad = app
        .client()
        .post(app.url("/api/auth/otp/request"))
        .json(&json!({"phone": "12345"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
}

crate::backend_tests!(
    staff_sign_in_sets_a_host_cookie_and_me_answers_the_account,
    a_wrong_password_and_an_unknown_user_get_the_same_answer,
    the_sixth_failure_locks_the_account_even_with_the_right_password,
    failures_from_one_address_lock_it_for_every_account,
    one_locked_account_does_not_lock_the_others_at_its_address,
    logout_ends_the_session_at_once,
    idle_and_absolute_expiry_end_sessions,
    disabling_an_account_ends_its_sessions_at_once,
    a_resident_signs_in_with_a_one_time_code_used_once,
);
