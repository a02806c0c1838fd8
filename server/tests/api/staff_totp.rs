//! Issue 22 point 3: the staff second factor (TOTP) — the two-step sign-in, a code taken once,
//! wrong codes in the lockout, roles that must enrol, recovery codes, disabling.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Backend, spawn_app_on};
use crate::staff_support::{GOOD, PULL, code, enrol, get, login, post, staff};

async fn supervisor_signs_in_with_password_then_code(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let (status, client, body) = login(&app, "supervisor", server::demo::DEMO_PASSWORD).await;
    assert_eq!(status, 202);
    assert_eq!(body["next"], "totp");
    // A right password alone is no session.
    assert_eq!(get(&app, &client, "/api/auth/me").await.0, 401);
    let wrong = if code(server::demo::totp::DEMO_TOTP_SECRET, 0) == "123456" {
        "654321"
    } else {
        "123456"
    };
    assert_eq!(
        post(&app, &client, "/api/auth/totp", json!({"code": wrong}))
            .await
            .0,
        401
    );
    let right = app.demo_totp_code("supervisor").await;
    let (status, me) = post(&app, &client, "/api/auth/totp", json!({"code": right})).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["role"], "supervisor");
    assert_eq!(me["totp_enabled"], true);
    assert_eq!(get(&app, &client, PULL).await.0, 200);
    // The same code again, from another device, is a replay.
    let (_, other, _) = login(&app, "supervisor", server::demo::DEMO_PASSWORD).await;
    assert_eq!(
        post(&app, &other, "/api/auth/totp", json!({"code": right}))
            .await
            .0,
        401
    );
    // Without the password step there is nothing to answer.
    let fresh = app.client();
    assert_eq!(
        post(&app, &fresh, "/api/auth/totp", json!({"code": right}))
            .await
            .0,
        401
    );
}

async fn wrong_codes_count_in_the_lockout(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let (status, client, _) = login(&app, "admin", server::demo::DEMO_PASSWORD).await;
    assert_eq!(status, 202);
    let right = app.demo_totp_code("admin").await;
    let wrong = if right == "111111" {
        "222222"
    } else {
        "111111"
    };
    for i in 0..5 {
        let (status, _) = post(&app, &client, "/api/auth/totp", json!({"code": wrong})).await;
        assert_eq!(status, 401, "wrong code {i}");
    }
    let (status, _) = post(&app, &client, "/api/auth/totp", json!({"code": right})).await;
    assert_eq!(
        status, 429,
        "the account is locked: even the right code waits"
    );
    let (status, _, _) = login(&app, "admin", server::demo::DEMO_PASSWORD).await;
    assert_eq!(status, 429, "and so is its password step");
}

async fn required_roles_enrol_before_anything_else(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    staff(&app, "sup2", "supervisor", "500231", Some(GOOD)).await;
    let (status, client, me) = login(&app, "sup2", GOOD).await;
    assert_eq!(status, 200);
    assert_eq!(me["totp_enrolment_required"], true);
    let (status, body) = get(&app, &client, PULL).await;
    assert_eq!(status, 403);
    assert_eq!(body["code"], "totp_enrolment_required");
    assert_eq!(get(&app, &client, "/api/auth/me").await.0, 200);
    let (secret, recovery) = enrol(&app, &client).await;
    assert_eq!(get(&app, &client, PULL).await.0, 200);
    let (_, me) = get(&app, &client, "/api/auth/me").await;
    assert_eq!(
        (
            me["totp_enabled"].clone(),
            me["totp_enrolment_required"].clone()
        ),
        (json!(true), json!(false))
    );
    // A required second factor cannot be turned off.
    let (status, body) = post(
        &app,
        &client,
        "/api/account/totp/disable",
        json!({"password": GOOD}),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("totp_required"))
    );
    // Nor enrolled twice.
    let (status, body) = post(&app, &client, "/api/account/totp/enrol", json!({})).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("totp_already_enabled")
        )
    );
    // A recovery code signs in once.
    let (status, c2, _) = login(&app, "sup2", GOOD).await;
    assert_eq!(status, 202);
    let (status, _) = post(
        &app,
        &c2,
        "/api/auth/totp",
        json!({"code": recovery[0].to_uppercase()}),
    )
    .await;
    assert_eq!(status, 200);
    let (_, c3, _) = login(&app, "sup2", GOOD).await;
    assert_eq!(
        post(&app, &c3, "/api/auth/totp", json!({"code": recovery[0]}))
            .await
            .0,
        401
    );
    // The app's next code still works (the enrolment took the current step).
    let (status, _) = post(
        &app,
        &c3,
        "/api/auth/totp",
        json!({"code": code(&secret, 1)}),
    )
    .await;
    assert_eq!(status, 200);
    let used: Vec<(String,)> = sqlx::query_as(
        "SELECT action FROM audit_log WHERE action IN ('account.totp_enabled', 'auth.recovery_code_used', 'auth.sign_in_failed')",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    let actions: Vec<&str> = used.iter().map(|r| r.0.as_str()).collect();
    for a in [
        "account.totp_enabled",
        "auth.recovery_code_used",
        "auth.sign_in_failed",
    ] {
        assert!(actions.contains(&a), "{a} audited: {actions:?}");
    }
}

async fn optional_roles_may_enrol_and_disable(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let client = app.sign_in("clerk").await;
    let (_, me) = get(&app, &client, "/api/auth/me").await;
    assert_eq!(
        (me["totp_required"].clone(), me["totp_enabled"].clone()),
        (json!(false), json!(false))
    );
    let (secret, _) = enrol(&app, &client).await;
    let pw = server::demo::DEMO_PASSWORD;
    let (status, c2, _) = login(&app, "clerk", pw).await;
    assert_eq!(status, 202);
    assert_eq!(
        post(
            &app,
            &c2,
            "/api/auth/totp",
            json!({"code": code(&secret, 1)})
        )
        .await
        .0,
        200
    );
    let (status, body) = post(
        &app,
        &client,
        "/api/account/totp/disable",
        json!({"password": "not it at all"}),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("wrong_password"))
    );
    let (status, _) = post(
        &app,
        &client,
        "/api/account/totp/disable",
        json!({"password": pw}),
    )
    .await;
    assert_eq!(status, 204);
    assert_eq!(login(&app, "clerk", pw).await.0, 200);
}

crate::backend_tests!(
    supervisor_signs_in_with_password_then_code,
    wrong_codes_count_in_the_lockout,
    required_roles_enrol_before_anything_else,
    optional_roles_may_enrol_and_disable,
);
