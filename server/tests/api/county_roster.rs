//! The helper roster (seed 000 attachment 3): the page, the XLSX and CSV exports against the
//! attachment's headings and the demo's villages, computed by hand, and who may see what.

use crate::backend_tests;
use crate::county_support::{ROSTER_HEADINGS, csv_rows, get, text, xlsx_sheets};
use crate::helpers::{Backend, spawn_app_on};

async fn the_roster_lists_helpers_and_villages_short_of_them(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    // A phone for the demo helper, to see it masked on screen and in full in the exports.
    let mut tx = app.db.begin_write().await.unwrap();
    sqlx::query("UPDATE users SET phone = '13912345678' WHERE username = 'helper'")
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let supervisor = app.sign_in("supervisor").await;
    let (status, bytes) = get(&supervisor, &app, "/county/helper-roster?format=csv").await;
    assert_eq!(status, 200, "{}", text(&bytes));
    let (headings, rows) = csv_rows(&bytes);
    assert_eq!(headings, ROSTER_HEADINGS);
    let row = |cells: [&str; 8]| cells.map(str::to_owned).to_vec();
    // Hand-computed: 东门社区 3,200 people and 西苑社区 2,100 need two and have none; 毛家村
    // 1,350 needs two and has one; 李家村 860 needs one and has none.
    let expected = vec![
        row([
            "",
            "桂溪街道",
            "东门社区",
            "",
            "",
            "",
            "",
            "未配备帮办代办员，应配 2 名",
        ]),
        row([
            "",
            "桂溪街道",
            "西苑社区",
            "",
            "",
            "",
            "",
            "未配备帮办代办员，应配 2 名",
        ]),
        row([
            "1",
            "沙坪镇",
            "毛家村",
            "李网格",
            "500231198503120021",
            "13912345678",
            "网格员",
            "应配 2 名，现有 1 名，缺 1 名",
        ]),
        row([
            "",
            "沙坪镇",
            "李家村",
            "",
            "",
            "",
            "",
            "未配备帮办代办员，应配 1 名",
        ]),
    ];
    assert_eq!(rows, expected);

    let (status, bytes) = get(&supervisor, &app, "/county/helper-roster?format=xlsx").await;
    assert_eq!(status, 200);
    let sheets = xlsx_sheets(bytes);
    assert_eq!(sheets[0].0, "工作人员名单");
    assert_eq!(sheets[0].1[1], ROSTER_HEADINGS);
    assert_eq!(sheets[0].1[2..].to_vec(), expected);
    assert_eq!(sheets[1].0, "配备情况");
    let staffing: Vec<Vec<String>> = sheets[1].1[2..].to_vec();
    assert_eq!(
        staffing,
        vec![
            ["桂溪街道", "东门社区", "3200", "2", "0", "2"]
                .map(str::to_owned)
                .to_vec(),
            ["桂溪街道", "西苑社区", "2100", "2", "0", "2"]
                .map(str::to_owned)
                .to_vec(),
            ["沙坪镇", "毛家村", "1350", "2", "1", "1"]
                .map(str::to_owned)
                .to_vec(),
            ["沙坪镇", "李家村", "860", "1", "0", "1"]
                .map(str::to_owned)
                .to_vec(),
        ]
    );

    // The page: the phone masked on screen, full only for print; short villages marked.
    let (status, bytes) = get(&supervisor, &app, "/county/helper-roster").await;
    assert_eq!(status, 200);
    let html = text(&bytes);
    assert!(html.contains("<span class=\"screen-only\">139****5678</span><span class=\"print-only\">13912345678</span>"), "{html}");
    // The demo helper's ID number and category (migration 0040): masked on screen, full in
    // print, and no "留空待填" sentence once every helper has them.
    assert!(html.contains("<span class=\"screen-only\">500231********0021</span><span class=\"print-only\">500231198503120021</span>"), "{html}");
    assert!(html.contains("<td>网格员</td>"));
    assert!(!html.contains("留空待填"));
    assert_eq!(html.matches("<tr class=\"short\">").count(), 8);

    // Township staff: their villages only.
    let clerk = app.sign_in("clerk").await;
    let (_, bytes) = get(&clerk, &app, "/county/helper-roster?format=csv").await;
    assert_eq!(csv_rows(&bytes).1, expected[2..].to_vec());
    assert_eq!(
        get(&clerk, &app, "/county/helper-roster?township=500231001")
            .await
            .0,
        404
    );
    let audited: (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'county.print_helper_roster'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(audited.0, 4);
}

backend_tests!(the_roster_lists_helpers_and_villages_short_of_them);
