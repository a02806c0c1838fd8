//! A case's registration form (登记表) on A4 (issue 19): for staff who may see the case, filled
//! from its events with who gave each opinion and when; an unknown case is a 404; every print
//! audited.

use crate::backend_tests;
use crate::helpers::{Backend, TestApp, spawn_app_on};

backend_tests!(the_registration_form_is_filled_from_the_case);

async fn get(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let res = client.get(app.url(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The demo case with a decided item.
async fn decided_case(app: &TestApp) -> String {
    // In id order, and one with temporary aid approved: the form below ticks 临时. (Without
    // an order the database's row order chose, and on PostgreSQL it once was the 低保 case.)
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT id, body FROM records WHERE kind = 'case' ORDER BY id")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    rows.into_iter()
        .find(|(_, body)| body.contains("\"item_approved\"") && body.contains("\"temporary\""))
        .map(|(id, _)| id)
        .expect("the demo has a decided case")
}

async fn the_registration_form_is_filled_from_the_case(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let id = decided_case(&app).await;
    let path = format!("/cases/{id}/registration");
    let (status, _) = get(&app.client(), &app, &path).await;
    assert_eq!(status, 401, "signed out");
    let helper = app.sign_in("helper").await;
    let unknown = format!("/cases/{}/registration", uuid::Uuid::now_v7());
    assert_eq!(get(&helper, &app, &unknown).await.0, 404);
    assert_eq!(
        get(&helper, &app, "/cases/not-a-case/registration").await.0,
        404
    );

    let clerk = app.sign_in("clerk").await;
    let (status, html) = get(&clerk, &app, &path).await;
    assert_eq!(status, 200, "{html}");
    for expected in [
        "社会救助“一门受理、协同办理”登记表",
        "申请人姓名",
        "受理分办意见",
        "同意受理",
        "☑临时",
        "审核转办意见",
        "分管领导意见",
        "救助部门意见",
        "办理结果如下：批准",
        "反馈情况",
    ] {
        assert!(html.contains(expected), "missing {expected}");
    }
    // Every opinion given so far is signed with a name and a date.
    assert!(
        !html.contains("经办人：<span class=\"fill\"></span>（签字）　年"),
        "{html}"
    );
    let (printed,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'case.print_registration' AND record_id = $1",
    )
    .bind(&id)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(printed, 1);
}
