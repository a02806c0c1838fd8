//! Issue 22 point 3: self-service password change, the forced change of a generated password,
//! the common-password check, and the cap on one account's sessions.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Backend, spawn_app_on, spawn_app_with};
use crate::staff_support::{GOOD, PULL, get, login, post, staff};

async fn a_clerk_changes_their_password(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let old = server::demo::DEMO_PASSWORD;
    let client = app.sign_in("clerk").await;
    let elsewhere = app.sign_in("clerk").await;
    let change = |current: &str, new: &str| json!({"current": current, "new": new});
    for (body, code) in [
        (change("not the password", GOOD), "wrong_password"),
        (change(old, "short"), "password_too_short"),
        (change(old, "qwertyuiop"), "password_too_common"),
        (change(old, "Woaini1314"), "password_too_common"),
        (
            change(old, "theclerk-of-2026"),
            "password_contains_username",
        ),
        (change(old, old), "password_unchanged"),
    ] {
        let (status, answer) = post(&app, &client, "/api/account/password", body).await;
        assert_eq!(
            (status, answer["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(code))
        );
    }
    let (status, _) = post(&app, &client, "/api/account/password", change(old, GOOD)).await;
    assert_eq!(status, 204);
    // This session goes on; the account's other sessions end.
    assert_eq!(get(&app, &client, PULL).await.0, 200);
    assert_eq!(get(&app, &elsewhere, "/api/auth/me").await.0, 401);
    assert_eq!(login(&app, "clerk", old).await.0, 401);
    assert_eq!(login(&app, "clerk", GOOD).await.0, 200);
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'account.password_changed'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(n, 1);
}

async fn a_generated_password_must_be_changed_first(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let generated = staff(&app, "w9", "window_clerk", "500231101", None).await;
    let (status, client, me) = login(&app, "w9", &generated).await;
    assert_eq!(status, 200);
    assert_eq!(me["must_change_password"], true);
    let (status, body) = get(&app, &client, PULL).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("password_change_required"))
    );
    assert_eq!(
        get(&app, &client, "/api/auth/me").await.1["must_change_password"],
        true
    );
    let (status, _) = post(
        &app,
        &client,
        "/api/account/password",
        json!({"current": generated, "new": GOOD}),
    )
    .await;
    assert_eq!(status, 204);
    assert_eq!(get(&app, &client, PULL).await.0, 200);
    assert_eq!(
        get(&app, &client, "/api/auth/me").await.1["must_change_password"],
        false
    );
    // An admin's reset with a generated password asks for a change again.
    let again = server::accounts::reset_password(&app.db, "w9", None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        get(&app, &client, "/api/auth/me").await.0,
        401,
        "a reset ends the sessions"
    );
    let (status, _, me) = login(&app, "w9", &again).await;
    assert_eq!(status, 200);
    assert_eq!(me["must_change_password"], true);
}

async fn an_admin_cannot_set_a_common_password(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let err = server::accounts::reset_password(&app.db, "clerk", Some("1234567890".into()))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("常见"), "{err}");
}

async fn a_new_sign_in_ends_the_oldest_sessions_beyond_the_cap(backend: Backend) {
    let Some(app) = spawn_app_with(backend, true, |c| c.sessions_per_account = 2).await else {
        return;
    };
    let first = app.sign_in("helper").await;
    let second = app.sign_in("helper").await;
    assert_eq!(get(&app, &first, "/api/auth/me").await.0, 200);
    let third = app.sign_in("helper").await;
    assert_eq!(
        get(&app, &first, "/api/auth/me").await.0,
        401,
        "the oldest ended"
    );
    assert_eq!(get(&app, &second, "/api/auth/me").await.0, 200);
    assert_eq!(get(&app, &third, "/api/auth/me").await.0, 200);
    // Other accounts' sessions are not touched.
    let clerk = app.sign_in("clerk").await;
    let _fourth = app.sign_in("helper").await;
    assert_eq!(get(&app, &clerk, "/api/auth/me").await.0, 200);
    assert_eq!(get(&app, &second, "/api/auth/me").await.0, 401);
}

crate::backend_tests!(
    a_clerk_changes_their_password,
    a_generated_password_must_be_changed_first,
    an_admin_cannot_set_a_common_password,
    a_new_sign_in_ends_the_oldest_sessions_beyond_the_cap,
);
