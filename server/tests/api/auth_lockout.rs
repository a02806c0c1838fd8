//! The lockout under parallel attempts (issue 22, point 1): many simultaneous wrong passwords
//! or codes get at most the allowed number of real checks, and the right one after them is
//! refused until the lockout ends.

use serde_json::json;

use crate::helpers::{Backend, TestApp, spawn_app_on};

/// Failures one account is allowed within the window.
const ALLOWED: usize = server::auth::lockout::MAX_ACCOUNT_FAILURES as usize;

async fn post(app: &TestApp, path: &str, body: serde_json::Value) -> u16 {
    app.client()
        .post(app.url(path))
        .json(&body)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Counts the answers 401 and 429 of `n` parallel posts; nothing else may come back.
async fn parallel(
    app: &TestApp,
    path: &str,
    n: usize,
    body: impl Fn(usize) -> serde_json::Value,
) -> (usize, usize) {
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..n {
        let (client, url, body) = (app.client(), app.url(path), body(i));
        tasks.spawn(async move {
            let res = client.post(url).json(&body).send().await.unwrap();
            res.status().as_u16()
        });
    }
    let answers = tasks.join_all().await;
    let unauthorized = answers.iter().filter(|s| **s == 401).count();
    let locked = answers.iter().filter(|s| **s == 429).count();
    assert_eq!(unauthorized + locked, n, "{answers:?}");
    (unauthorized, locked)
}

/// Lets every counted attempt and sent code age out, as time would.
async fn age_out(app: &TestApp) {
    for sql in [
        "UPDATE auth_failures SET at = '2000-01-01T00:00:00.000000Z'",
        "UPDATE otp_codes SET created_at = '2000-01-01T00:00:00.000000Z'",
    ] {
        sqlx::query(sql).execute(app.db.pool()).await.unwrap();
    }
}

async fn a_hundred_parallel_wrong_passwords_get_at_most_the_allowed_checks(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let (unauthorized, locked) = parallel(
        &app,
        "/api/auth/login",
        100,
        |i| json!({ "username": "clerk", "password": format!("wrong {i}") }),
    )
    .await;
    assert!(
        unauthorized <= ALLOWED,
        "{unauthorized} checked, {locked} locked out"
    );
    let right = json!({ "username": "clerk", "password": server::demo::DEMO_PASSWORD });
    assert_eq!(post(&app, "/api/auth/login", right.clone()).await, 429);
    age_out(&app).await;
    assert_eq!(post(&app, "/api/auth/login", right).await, 200);
}

async fn a_hundred_and_fifty_parallel_wrong_codes_get_at_most_the_allowed_checks(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let phone = "13800000001";
    let code = app.request_code(phone).await;
    let wrong = if code == "000000" { "000001" } else { "000000" };
    let (unauthorized, locked) = parallel(
        &app,
        "/api/auth/otp/verify",
        150,
        |_| json!({ "phone": phone, "code": wrong }),
    )
    .await;
    assert!(
        unauthorized <= ALLOWED,
        "{unauthorized} checked, {locked} locked out"
    );
    let right = json!({ "phone": phone, "code": code });
    assert_eq!(post(&app, "/api/auth/otp/verify", right).await, 429);
    // After the lockout a fresh code signs in.
    age_out(&app).await;
    let code = app.request_code(phone).await;
    let right = json!({ "phone": phone, "code": code });
    assert_eq!(post(&app, "/api/auth/otp/verify", right).await, 200);
}

crate::backend_tests!(
    a_hundred_parallel_wrong_passwords_get_at_most_the_allowed_checks,
    a_hundred_and_fifty_parallel_wrong_codes_get_at_most_the_allowed_checks,
);
