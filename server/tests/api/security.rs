//! Web security: the page's CSP and its nonce, protective headers, cross-site refusals, JSON
//! for unknown API paths.

use crate::backend_tests;
use crate::helpers::{Backend, spawn_app_on};

fn nonce_of(policy: &str) -> String {
    let start = policy.find("'nonce-").expect("the policy names a nonce") + 7;
    let end = start + policy[start..].find('\'').unwrap();
    policy[start..end].to_owned()
}

async fn pages_allow_only_their_own_hydration_script(backend: Backend) {
    let Some(app) = spawn_app_on(backend, false).await else {
        return;
    };
    let mut seen = Vec::new();
    for _ in 0..2 {
        let res = app.client().get(app.url("/")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let policy = res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        for part in [
            "'wasm-unsafe-eval'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(policy.contains(part), "{part} in {policy}");
        }
        assert!(!policy.contains("unsafe-inline"));
        let nonce = nonce_of(&policy);
        let html = res.text().await.unwrap();
        assert!(
            html.contains(&format!("nonce=\"{nonce}\"")),
            "the hydration script carries the response's nonce"
        );
        seen.push(nonce);
    }
    assert_ne!(seen[0], seen[1], "a fresh nonce per response");
}

async fn every_answer_carries_the_protective_headers(backend: Backend) {
    let Some(app) = spawn_app_on(backend, false).await else {
        return;
    };
    for path in ["/", "/api/catalogue", "/healthz", "/api/no-such-thing"] {
        let res = app.client().get(app.url(path)).send().await.unwrap();
        let h = res.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert_eq!(h["cross-origin-opener-policy"], "same-origin", "{path}");
        assert!(h.contains_key("content-security-policy"), "{path}");
    }
    let res = app
        .client()
        .get(app.url("/api/catalogue"))
        .send()
        .await
        .unwrap();
    assert!(
        res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .starts_with("default-src 'none'")
    );
}

async fn unknown_api_paths_are_answered_in_json(backend: Backend) {
    let Some(app) = spawn_app_on(backend, false).await else {
        return;
    };
    let res = app
        .client()
        .get(app.url("/api/no-such-thing"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["error"].is_string());
}

async fn state_changes_from_other_sites_are_refused(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let host = app.address.trim_start_matches("http://").to_owned();
    let login =
        serde_json::json!({ "username": "helper", "password": server::demo::DEMO_PASSWORD });
    let attempt = |headers: Vec<(&'static str, String)>| {
        let client = app.client();
        let mut req = client.post(app.url("/api/auth/login")).json(&login);
        for (k, v) in headers {
            req = req.header(k, v);
        }
        async move { req.send().await.unwrap().status().as_u16() }
    };
    assert_eq!(
        attempt(vec![("origin", "https://evil.example".into())]).await,
        403
    );
    assert_eq!(attempt(vec![("origin", "null".into())]).await, 403);
    assert_eq!(
        attempt(vec![("sec-fetch-site", "cross-site".into())]).await,
        403
    );
    assert_eq!(
        attempt(vec![("sec-fetch-site", "same-site".into())]).await,
        403
    );
    assert_eq!(
        attempt(vec![
            ("origin", format!("http://{host}")),
            ("sec-fetch-site", "same-origin".into()),
        ])
        .await,
        200,
        "the app's own page may sign in"
    );
    assert_eq!(
        attempt(vec![]).await,
        200,
        "non-browser clients send neither"
    );
    // Reading is never refused: links from elsewhere must open.
    let res = app
        .client()
        .get(app.url("/"))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

backend_tests!(
    pages_allow_only_their_own_hydration_script,
    every_answer_carries_the_protective_headers,
    unknown_api_paths_are_answered_in_json,
    state_changes_from_other_sites_are_refused,
);
