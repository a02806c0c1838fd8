//! No copies elsewhere (issue 22, point 14): API answers are not stored by any cache, sign-out
//! clears the browser's HTTP cache, HSTS and a Permissions-Policy on every answer, and the
//! hashed bundle stays immutable.

use crate::helpers::{Backend, TempDir, spawn_app_on, spawn_app_with};

async fn api_answers_are_never_stored(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let helper = app.sign_in("helper").await;
    for path in [
        "/api/auth/me",
        "/api/places",
        "/api/catalogue",
        "/api/sync/v1/pull",
        "/api/no-such-thing",
    ] {
        let res = helper.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.headers()["cache-control"], "no-store", "{path}");
    }
    let anonymous = app
        .client()
        .get(app.url("/api/auth/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.headers()["cache-control"], "no-store");
}

async fn sign_out_clears_the_http_cache_but_not_unsent_work(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let helper = app.sign_in("helper").await;
    let res = helper
        .post(app.url("/api/auth/logout"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    // "storage" would delete the phone's IndexedDB, unsent records with it.
    assert_eq!(res.headers()["clear-site-data"], "\"cache\"");
}

async fn every_answer_carries_hsts_and_a_permissions_policy(backend: Backend) {
    let Some(app) = spawn_app_on(backend, false).await else {
        return;
    };
    for path in [
        "/",
        "/api/catalogue",
        "/healthz",
        "/api/no-such-thing",
        "/pkg/x.js",
    ] {
        let res = app.client().get(app.url(path)).send().await.unwrap();
        let h = res.headers();
        let hsts = h["strict-transport-security"].to_str().unwrap();
        assert!(hsts.starts_with("max-age=31536000"), "{path}: {hsts}");
        let policy = h["permissions-policy"].to_str().unwrap();
        for part in ["camera=(self)", "geolocation=(self)", "microphone=()"] {
            assert!(policy.contains(part), "{path}: {policy}");
        }
    }
}

async fn hashed_assets_stay_immutable_and_a_missing_one_is_not(backend: Backend) {
    let site = std::env::temp_dir().join(format!("onedoor-site-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    std::fs::write(site.join("pkg/onedoor.abc123.js"), "export {}").unwrap();
    let _site = TempDir(site.clone());
    let Some(app) = spawn_app_with(backend, false, |c| c.site_root = site.clone()).await else {
        return;
    };
    let res = app
        .client()
        .get(app.url("/pkg/onedoor.abc123.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let res = app
        .client()
        .get(app.url("/pkg/missing.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert_ne!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
}

crate::backend_tests!(
    api_answers_are_never_stored,
    sign_out_clears_the_http_cache_but_not_unsent_work,
    every_answer_carries_hsts_and_a_permissions_policy,
    hashed_assets_stay_immutable_and_a_missing_one_is_not,
);
