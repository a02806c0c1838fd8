//! Behind a proxy (issue 22, point 3): the client is the right-most untrusted hop of
//! `X-Forwarded-For`, each client's failures are its own, and IPv6 clients count by /64.

use serde_json::json;

use crate::helpers::{Backend, TestApp, spawn_app_with};

async fn login_from(app: &TestApp, forwarded: &str, user: &str, pw: &str) -> u16 {
    let res = app
        .client()
        .post(app.url("/api/auth/login"))
        .header("x-forwarded-for", forwarded)
        .json(&json!({ "username": user, "password": pw }))
        .send()
        .await
        .unwrap();
    res.status().as_u16()
}

async fn behind_a_proxy_each_client_is_counted_by_its_own_address(backend: Backend) {
    let Some(app) = spawn_app_with(backend, true, |c| {
        c.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await
    else {
        return;
    };
    let pw = server::demo::DEMO_PASSWORD;
    for i in 0..server::auth::lockout::MAX_ADDRESS_FAILURES {
        // Each attempt forges a different first entry: it is not what counts.
        let forwarded = format!("198.51.100.{i}, 203.0.113.1");
        assert_eq!(
            login_from(&app, &forwarded, &format!("nobody{i}"), "x").await,
            401
        );
    }
    assert_eq!(
        login_from(&app, "9.9.9.9, 203.0.113.1", "verifier", pw).await,
        429
    );
    assert_eq!(
        login_from(&app, "203.0.113.2", "verifier", pw).await,
        200,
        "another client"
    );
}

async fn ipv6_clients_count_by_their_64(backend: Backend) {
    let Some(app) = spawn_app_with(backend, true, |c| {
        c.trusted_proxies = vec!["127.0.0.0/8".parse().unwrap()];
    })
    .await
    else {
        return;
    };
    let pw = server::demo::DEMO_PASSWORD;
    for i in 0..server::auth::lockout::MAX_ADDRESS_FAILURES {
        let forwarded = format!("2001:db8:1:2::{:x}", i + 1);
        assert_eq!(
            login_from(&app, &forwarded, &format!("nobody{i}"), "x").await,
            401
        );
    }
    assert_eq!(
        login_from(&app, "2001:db8:1:2:ffff::1", "verifier", pw).await,
        429
    );
    assert_eq!(
        login_from(&app, "2001:db8:1:3::1", "verifier", pw).await,
        200
    );
}

crate::backend_tests!(
    behind_a_proxy_each_client_is_counted_by_its_own_address,
    ipv6_clients_count_by_their_64,
);
