//! The server starts, migrates, loads demo data once, and answers health checks and pages.

use crate::helpers::{Backend, spawn_app_on};

async fn healthz_answers_ok_with_the_backend(backend: Backend) {
    let Some(app) = spawn_app_on(backend, false).await else {
        return;
    };
    let res = reqwest::get(format!("{}/healthz", app.address))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    let expected = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    assert_eq!(body["database"], expected);
}

async fn demo_data_has_the_promised_shape_and_loads_once(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let pool = app.db.pool();
    let count = |sql: &'static str| async move {
        let (n,): (i64,) = sqlx::query_as(sql).fetch_one(pool).await.unwrap();
        n
    };
    assert_eq!(
        count("SELECT COUNT(*) FROM places WHERE level = 'county'").await,
        1
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM places WHERE level = 'township'").await,
        2
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM places WHERE level = 'village'").await,
        4
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM places WHERE level = 'grid'").await,
        8
    );
    // Every role, the township leader (分管领导) included.
    assert_eq!(count("SELECT COUNT(DISTINCT role) FROM users").await, 8);
    assert_eq!(
        count("SELECT COUNT(*) FROM records WHERE kind = 'household'").await,
        14
    );
    // The demo helper's cases, each under an entrustment, and one evaluation; the township's
    // eight in 李家村, with four authorizations besides 王秀英's.
    assert_eq!(
        count("SELECT COUNT(*) FROM records WHERE kind = 'case'").await,
        12
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM records WHERE kind = 'authorization'").await,
        5
    );

    assert_eq!(
        count("SELECT COUNT(*) FROM records WHERE kind = 'entrustment'").await,
        5
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM records WHERE kind = 'evaluation'").await,
        1
    );
    assert!(
        !server::demo::load_if_empty(&app.db, &crate::authorization_support::keys(&app))
            .await
            .unwrap(),
        "second load is a no-op"
    );
    assert_eq!(count("SELECT COUNT(*) FROM places").await, 15);
}

async fn pages_render_on_the_server_in_the_chosen_language(backend: Backend) {
    let Some(app) = spawn_app_on(backend, false).await else {
        return;
    };
    let client = reqwest::Client::new();
    let zh = client
        .get(format!("{}/me", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(zh.status(), 200);
    let zh = zh.text().await.unwrap();
    assert!(zh.contains("<h1>我的</h1>"), "{zh}");
    assert!(zh.contains(r#"lang="zh-CN""#));
    let en = client
        .get(format!("{}/me", app.address))
        .header("Cookie", "i18n_pref_locale=en; od_large_text=1")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(en.contains("<h1>Me</h1>"));
    assert!(en.contains(r#"class="large-text""#));
}

crate::backend_tests!(
    healthz_answers_ok_with_the_backend,
    demo_data_has_the_promised_shape_and_loads_once,
    pages_render_on_the_server_in_the_chosen_language,
);
