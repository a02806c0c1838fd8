//! The county's helper report (seed 000 attachment 2): the page, the XLSX and CSV exports
//! against the attachment's headings and a hand-made fixture, the submitted mark and late
//! townships, and who may see what.

use crate::backend_tests;
use crate::county_support::{REPORT_HEADINGS, csv_rows, get, text, xlsx_sheets};
use crate::helpers::{Backend, TestApp, spawn_app_on};

async fn plant(app: &TestApp) {
    let (scope, body, updated_by): (String, String, String) = sqlx::query_as(
        "SELECT scope, body, updated_by FROM records WHERE kind = 'entrustment' ORDER BY id LIMIT 1",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let scope: serde_json::Value = serde_json::from_str(&scope).unwrap();
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    let plants = [
        (
            "500231101201-G01",
            "2025-07-10T02:00:00Z",
            "赵秀兰",
            "temporary",
            "phone",
        ),
        (
            "500231001001-G01",
            "2025-08-01T03:00:00Z",
            "孙明",
            "dibao",
            "in_person",
        ),
        (
            "500231101201-G02",
            "2025-09-26T01:00:00Z",
            "钱多多",
            "temporary",
            "phone",
        ),
    ];
    let mut tx = app.db.begin_write().await.unwrap();
    for (i, (place, at, name, item, channel)) in plants.into_iter().enumerate() {
        let id = uuid::Uuid::now_v7().to_string();
        let mut b = body.clone();
        b["id"] = id.clone().into();
        b["received_at"] = at.into();
        b["entrusting_name"] = name.into();
        b["items"] = serde_json::json!([item]);
        b["main_item"] = item.into();
        b["channel"] = channel.into();
        b["cases"] = serde_json::json!([]);
        b["termination"] = serde_json::Value::Null;
        let mut s = scope.clone();
        s["place"] = place.into();
        sqlx::query(
            "INSERT INTO records (kind, id, version, scope, place_code, body, seq, scope_since, updated_at, updated_by) \
             VALUES ('entrustment', $1, 1, $2, $3, $4, $5, 0, $6, $7)",
        )
        .bind(&id)
        .bind(s.to_string())
        .bind(place)
        .bind(b.to_string())
        .bind(900_000 + i as i64)
        .bind(at)
        .bind(&updated_by)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}

fn maojia_row() -> Vec<String> {
    [
        "1",
        "沙坪镇",
        "毛家村",
        "赵秀兰",
        "李网格",
        "临时救助",
        "2025-07-10",
        "",
        "",
        "",
        "电话委托",
    ]
    .map(str::to_owned)
    .to_vec()
}

fn dongmen_row(no: &str) -> Vec<String> {
    [
        no,
        "桂溪街道",
        "东门社区",
        "孙明",
        "李网格",
        "最低生活保障",
        "2025-08-01",
        "",
        "",
        "",
        "当面委托",
    ]
    .map(str::to_owned)
    .to_vec()
}

async fn the_helper_report_has_the_attachments_columns_and_the_planted_rows(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    plant(&app).await;
    let supervisor = app.sign_in("supervisor").await;

    // CSV: the county, both planted rows of 2025-2, numbered in township order.
    let (status, bytes) = get(
        &supervisor,
        &app,
        "/county/helper-report?period=2025-2&format=csv",
    )
    .await;
    assert_eq!(status, 200, "{}", text(&bytes));
    let (headings, rows) = csv_rows(&bytes);
    assert_eq!(headings, REPORT_HEADINGS);
    let mut dongmen = dongmen_row("1");
    let mut maojia = maojia_row();
    maojia[0] = "2".into();
    assert_eq!(rows, vec![dongmen.clone(), maojia.clone()]);

    // XLSX: title, headings, the same rows, the footer.
    let (status, bytes) = get(
        &supervisor,
        &app,
        "/county/helper-report?period=2025-2&format=xlsx",
    )
    .await;
    assert_eq!(status, 200);
    let sheets = xlsx_sheets(bytes);
    assert_eq!(sheets.len(), 1);
    let grid = &sheets[0].1;
    assert!(
        grid[0][0].starts_with("垫江县社会救助申请事项帮办代办工作台账"),
        "{:?}",
        grid[0]
    );
    assert!(grid[0][0].contains("2025年第2期（2025年6月26日至9月25日）"));
    assert_eq!(grid[1], REPORT_HEADINGS);
    assert_eq!(grid[2], dongmen);
    assert_eq!(grid[3], maojia);
    let footer = grid[5][0].clone();
    for part in ["分管领导：", "经办人：", "联系电话："] {
        assert!(footer.contains(part), "{footer}");
    }

    // The page: the due date, the townships' standing (nobody marked it: both late), the
    // entrusting person masked on screen and in full for print.
    let (status, bytes) = get(&supervisor, &app, "/county/helper-report?period=2025-2").await;
    assert_eq!(status, 200);
    let html = text(&bytes);
    for expected in [
        "2025年09月25日",
        "2025年第2期（2025年6月26日至9月25日）",
        "逾期乡镇（街道）：桂溪街道、沙坪镇",
        "分管领导：",
        "<span class=\"screen-only\">赵*兰</span><span class=\"print-only\">赵秀兰</span>",
        "landscape.css",
    ] {
        assert!(html.contains(expected), "missing {expected}: {html}");
    }

    // Township staff: only their township, renumbered.
    let clerk = app.sign_in("clerk").await;
    let (status, bytes) = get(
        &clerk,
        &app,
        "/county/helper-report?period=2025-2&format=csv",
    )
    .await;
    assert_eq!(status, 200);
    maojia[0] = "1".into();
    assert_eq!(csv_rows(&bytes).1, vec![maojia.clone()]);
    assert_eq!(
        get(
            &clerk,
            &app,
            "/county/helper-report?period=2025-2&township=500231001"
        )
        .await
        .0,
        404,
        "another township"
    );
    // The supervisor may narrow to one township.
    let (_, bytes) = get(
        &supervisor,
        &app,
        "/county/helper-report?period=2025-2&township=500231001&format=csv",
    )
    .await;
    dongmen[0] = "1".into();
    assert_eq!(csv_rows(&bytes).1, vec![dongmen]);
    // The next period holds the third plant only.
    let (_, bytes) = get(
        &clerk,
        &app,
        "/county/helper-report?period=2025-3&format=csv",
    )
    .await;
    let rows = csv_rows(&bytes).1;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][3], "钱多多");
    assert_eq!(rows[0][6], "2025-09-26");

    // Everyone else: 404; signed out: 401; bad periods and formats: 400.
    for who in ["helper", "officer", "admin"] {
        let client = app.sign_in(who).await;
        assert_eq!(
            get(&client, &app, "/county/helper-report").await.0,
            404,
            "{who}"
        );
        assert_eq!(
            get(&client, &app, "/county/helper-roster").await.0,
            404,
            "{who}"
        );
    }
    let resident = app.sign_in_resident("13800000001").await;
    assert_eq!(get(&resident, &app, "/county/helper-report").await.0, 404);
    assert_eq!(get(&resident, &app, "/county/helper-roster").await.0, 404);
    assert_eq!(
        get(&app.client(), &app, "/county/helper-report").await.0,
        401
    );
    for bad in ["period=2026-4", "period=2026", "period=x", "format=pdf"] {
        let path = format!("/county/helper-report?{bad}");
        assert_eq!(get(&clerk, &app, &path).await.0, 400, "{bad}");
    }
    assert_eq!(
        get(&clerk, &app, "/county/helper-report?township=nonsense")
            .await
            .0,
        404
    );

    // Every print and export audited.
    let audited: (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'county.print_helper_report'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(audited.0, 6);
}

async fn the_demo_report_of_today_is_not_empty(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let clerk = app.sign_in("clerk").await;
    // The demo's entrustments are dated back from the day it loads: in this period, or (just
    // after a cut-off) partly in the one before.
    let today = domain::clocks::china_date(chrono::Utc::now());
    let now = domain::reports::ReportPeriod::containing(today);
    let mut rows = Vec::new();
    for period in [now, now.previous()] {
        let path = format!("/county/helper-report?period={}&format=csv", period.code());
        let (status, bytes) = get(&clerk, &app, &path).await;
        assert_eq!(status, 200);
        rows.extend(csv_rows(&bytes).1);
    }
    assert!(
        rows.len() >= 5,
        "the demo helper's five entrusted matters: {rows:?}"
    );
    assert!(
        rows.iter()
            .all(|r| r[1] == "沙坪镇" && r[2] == "毛家村" && r[4] == "李网格")
    );
    let (status, bytes) = get(&clerk, &app, "/county/helper-roster?format=csv").await;
    assert_eq!(status, 200);
    assert!(csv_rows(&bytes).1.iter().any(|r| r[3] == "李网格"));
}

async fn township_staff_mark_their_report_submitted_and_late_ones_are_listed(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let supervisor = app.sign_in("supervisor").await;
    let clerk = app.sign_in("clerk").await;
    let submit = |client: &reqwest::Client, period: &str| {
        client
            .post(app.url("/county/helper-report/submit"))
            .form(&[("period", period)])
            .send()
    };
    // The current period: 沙坪镇 marks it today, before its due date; 桂溪街道 has not.
    let today = domain::clocks::china_date(chrono::Utc::now());
    let now = domain::reports::ReportPeriod::containing(today);
    let res = submit(&clerk, &now.code()).await.unwrap();
    assert_eq!(res.status(), 200, "redirected to the report");
    assert!(
        res.url()
            .as_str()
            .ends_with(&format!("/county/helper-report?period={}", now.code()))
    );
    let page = res.text().await.unwrap();
    assert!(page.contains("沙坪镇：已按时报送"), "{page}");
    let (_, bytes) = get(
        &supervisor,
        &app,
        &format!("/county/helper-report?period={}", now.code()),
    )
    .await;
    let html = text(&bytes);
    assert!(html.contains("沙坪镇：已按时报送"), "{html}");
    assert!(!html.contains("沙坪镇：逾期"), "{html}");
    assert!(
        !html.contains("data-action=\"submit-report\""),
        "the supervisor does not mark"
    );
    // A past period marked now: late, and listed.
    let res = submit(&clerk, "2025-2").await.unwrap();
    assert_eq!(res.status(), 200);
    let (_, bytes) = get(&supervisor, &app, "/county/helper-report?period=2025-2").await;
    let html = text(&bytes);
    assert!(html.contains("沙坪镇：逾期报送"), "{html}");
    assert!(html.contains("桂溪街道：逾期未报送"), "{html}");
    assert!(
        html.contains("逾期乡镇（街道）：桂溪街道、沙坪镇"),
        "{html}"
    );
    // A period not begun, a bad one: refused; not township staff: 404.
    assert_eq!(
        submit(&clerk, &now.next().code()).await.unwrap().status(),
        400
    );
    assert_eq!(submit(&clerk, "2025-9").await.unwrap().status(), 400);
    assert_eq!(submit(&supervisor, "2025-2").await.unwrap().status(), 404);
    let helper = app.sign_in("helper").await;
    assert_eq!(submit(&helper, "2025-2").await.unwrap().status(), 404);
    assert_eq!(submit(&app.client(), "2025-2").await.unwrap().status(), 401);
    let marks: (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'county.submit_helper_report' AND place_code = '500231101'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(marks.0, 2);
}

backend_tests!(
    township_staff_mark_their_report_submitted_and_late_ones_are_listed,
    the_helper_report_has_the_attachments_columns_and_the_planted_rows,
    the_demo_report_of_today_is_not_empty,
);
