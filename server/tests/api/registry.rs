//! The recipient registry (`/county/registry`, issue 21 point 3) on the demo data: the decided
//! demo cases and the demo roster give entries and this month's movements (masked on the page
//! and in the exports); a township's clerk sees only their township; reviews due and overdue
//! are listed with who follows them up and a review done is recorded once; an import with one
//! bad row commits nothing and names the row; a township clerk cannot import another
//! township's rows; a good file commits exactly once even when posted twice.

use crate::county_support::{csv_rows, get, text};
use crate::helpers::{Backend, TestApp, spawn_app_on};

crate::backend_tests!(
    registry_from_cases_and_roster_with_movements,
    reviews_are_listed_and_recorded_once,
    import_is_all_or_nothing_and_exactly_once,
);

const HEADINGS: [&str; 12] = [
    "序号",
    "救助类别",
    "乡镇（街道）",
    "村（社区）",
    "户主姓名",
    "身份证号码",
    "保障人数",
    "月保障金额（元）",
    "起始年月",
    "终止年月",
    "本月状态",
    "来源",
];

async fn page(client: &reqwest::Client, app: &TestApp, path: &str) -> String {
    let (status, body) = get(client, app, path).await;
    assert_eq!(status, 200, "{path}: {}", text(&body));
    text(&body)
}

async fn registry_count(app: &TestApp) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM records WHERE kind = 'registry'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    n
}

async fn registry_from_cases_and_roster_with_movements(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let supervisor = app.sign_in("supervisor").await;
    let html = page(&supervisor, &app, "/county/registry").await;
    assert!(html.contains("垫江县困难群众基本信息数据库"));
    assert!(!html.contains("style="));
    // 王秀英's approved 低保 case and the demo roster, masked.
    for masked in ["王*英", "冯*德", "蒋*珍", "田*刚", "韩*兰", "魏*珍"] {
        assert!(html.contains(masked), "{masked}");
    }
    for secret in [
        "500231195803124020",
        "王秀英",
        "500231195203041010",
        "冯明德",
    ] {
        assert!(!html.contains(secret), "{secret} shown in full");
    }
    // This month: 韩秀兰 new, 曹建军 exited, 魏玉珍 stopped.
    for kind in ["new", "exited", "stopped"] {
        assert!(
            html.contains(&format!("data-movement=\"{kind}\"")),
            "{kind}"
        );
    }
    assert!(html.contains("data-stats=\"all/all\""));
    // The export: the attachment-like headings, masked, the listed entries only.
    let (status, body) = get(&supervisor, &app, "/county/registry?format=csv").await;
    assert_eq!(status, 200);
    let (headings, rows) = csv_rows(&body);
    assert_eq!(headings, HEADINGS);
    assert!(rows.iter().any(|r| r[4] == "冯*德" && r[1] == "特困人员"));
    assert!(!rows.iter().any(|r| r[4] == "曹*军"), "exited last month");
    assert!(!text(&body).contains("500231195203041010"));
    // A category and a month: last year's 低保 only.
    let html = page(&supervisor, &app, "/county/registry?category=tekun").await;
    assert!(
        html.contains("冯*德") && !html.contains("蒋*珍"),
        "特困 only"
    );
    let (status, _) = get(&supervisor, &app, "/county/registry?month=2026-13").await;
    assert_eq!(status, 400);
    // 沙坪镇's clerk: 毛家村 and 李家村, not 东门社区 (桂溪街道).
    let clerk = app.sign_in("clerk").await;
    let html = page(&clerk, &app, "/county/registry").await;
    assert!(html.contains("冯*德") && html.contains("蒋*珍"));
    assert!(!html.contains("田*刚"), "another township's entry");
    let (status, _) = get(&clerk, &app, "/county/registry?township=500231001").await;
    assert_eq!(status, 404);
    // Anyone else: 404.
    let helper = app.sign_in("helper").await;
    for path in [
        "/county/registry",
        "/county/registry/reviews",
        "/county/registry/import",
    ] {
        assert_eq!(get(&helper, &app, path).await.0, 404, "{path}");
    }
}

async fn reviews_are_listed_and_recorded_once(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let clerk = app.sign_in("clerk").await;
    let html = page(&clerk, &app, "/county/registry/reviews").await;
    let overdue = &html[html.find("data-section=\"overdue\"").unwrap()
        ..html.find("data-section=\"due\"").unwrap()];
    assert!(overdue.contains("冯*德"), "特困 since 14 months: overdue");
    assert!(overdue.contains("乡镇窗口：张窗口"), "who follows it up");
    let due = &html[html.find("data-section=\"due\"").unwrap()..];
    assert!(due.contains("蒋*珍"), "低保 since 11 months: due");
    let row = &overdue[..overdue.find("冯*德").unwrap()];
    let at = row.rfind("data-review=\"").unwrap() + "data-review=\"".len();
    let key = &row[at..at + row[at..].find('"').unwrap()];
    assert!(key.starts_with("roster:"), "{key}");
    let before = registry_count(&app).await;
    let op = uuid::Uuid::now_v7().to_string();
    let today = domain::clocks::china_date(chrono::Utc::now()).to_string();
    let form = [
        ("op", op.as_str()),
        ("key", key),
        ("reviewed_on", today.as_str()),
        ("note", "入户核查，情况无变化"),
    ];
    for _ in 0..2 {
        let res = clerk
            .post(app.url("/county/registry/reviews"))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert!(
            res.status().is_success() || res.status().is_redirection(),
            "{}",
            res.status()
        );
    }
    assert_eq!(registry_count(&app).await, before + 1, "recorded once");
    let html = page(&clerk, &app, "/county/registry/reviews").await;
    let done = &html[html.find("data-section=\"done\"").unwrap()..];
    assert!(done.contains("冯*德") && done.contains("入户核查") && done.contains("张窗口"));
    // A verifier sees the reviews but may not record one (the push's rights).
    let verifier = app.sign_in("verifier").await;
    let html = page(&verifier, &app, "/county/registry/reviews").await;
    assert!(!html.contains("data-action=\"review\""));
    let op = uuid::Uuid::now_v7().to_string();
    let form = [
        ("op", op.as_str()),
        ("key", key),
        ("reviewed_on", today.as_str()),
        ("note", ""),
    ];
    let res = verifier
        .post(app.url("/county/registry/reviews"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.text().await.unwrap().contains("无权"));
    assert_eq!(registry_count(&app).await, before + 1);
}

/// A multipart body with `fields` (name, value) and a file.
fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "----onedoor-test-boundary";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((name, bytes)) = file {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n")
                .as_bytes(),
        );
        body.extend(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn post_import(client: &reqwest::Client, app: &TestApp, action: &str, csv: &str) -> String {
    let (content_type, body) =
        multipart(&[("action", action)], Some(("roster.csv", csv.as_bytes())));
    let res = client
        .post(app.url("/county/registry/import"))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    res.text().await.unwrap()
}

const SAMPLE: &str = include_str!("../../src/demo/registry_sample.csv");

async fn import_is_all_or_nothing_and_exactly_once(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let supervisor = app.sign_in("supervisor").await;
    let before = registry_count(&app).await;
    // One bad row (line 3: a wrong check digit) among good ones.
    let bad = SAMPLE.replace("500231197306308688", "500231197306308689");
    let html = post_import(&supervisor, &app, "preview", &bad).await;
    assert!(
        html.contains("data-said=\"preview\" data-rows=\"4\" data-rejected=\"1\""),
        "{html}"
    );
    assert!(html.contains("<tr data-line=\"3\" data-verdict=\"rejected\">"));
    assert!(
        !html.contains("data-action=\"commit\""),
        "no commit offered"
    );
    let html = post_import(&supervisor, &app, "commit", &bad).await;
    assert!(html.contains("data-said=\"refused\""));
    let rejected = &html[html.find("data-section=\"rejected\"").unwrap()
        ..html.find("data-section=\"rows\"").unwrap()];
    assert!(rejected.contains("data-line=\"3\"") && rejected.contains("身份证号码"));
    assert_eq!(registry_count(&app).await, before, "nothing written");
    // 沙坪镇's clerk may not import 桂溪街道's rows.
    let clerk = app.sign_in("clerk").await;
    let html = post_import(&clerk, &app, "commit", SAMPLE).await;
    assert!(html.contains("data-rejected=\"2\""));
    assert!(html.contains("不在您的管辖范围内"));
    assert_eq!(registry_count(&app).await, before);
    // The good file: previewed, committed, committed again: written once.
    let html = post_import(&supervisor, &app, "preview", SAMPLE).await;
    assert!(html.contains("data-rejected=\"0\"") && html.contains("data-action=\"commit\""));
    let html = post_import(&supervisor, &app, "commit", SAMPLE).await;
    assert!(html.contains("data-said=\"committed\""), "{html}");
    assert_eq!(registry_count(&app).await, before + 4);
    let html = post_import(&supervisor, &app, "commit", SAMPLE).await;
    assert!(html.contains("data-said=\"again\""), "{html}");
    assert_eq!(registry_count(&app).await, before + 4);
    let (audits,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'registry.import'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(audits, 1, "audited once");
    let html = page(&supervisor, &app, "/county/registry?month=2026-10").await;
    assert!(html.contains("吕*青") && html.contains("马*东"));
    // The same roster as XLSX (written with another library) previews the same.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in SAMPLE.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    let (content_type, body) = multipart(&[("action", "preview")], Some(("roster.xlsx", &bytes)));
    let res = supervisor
        .post(app.url("/county/registry/import"))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    let html = res.text().await.unwrap();
    assert!(html.contains("data-rows=\"4\""), "{html}");
    assert!(html.contains("data-said=\"preview\""));
}
