//! The data checks (`/county/checks`, issue 21 point 4) on the demo data with one finding of
//! each kind planted beside a near miss that must not be found: the page and the exports list
//! exactly the demo's findings and the planted ones; a township's clerk sees only findings
//! concerning their township; follow-up marks are recorded (audited) and shown with who and
//! when.

use std::collections::BTreeSet;

use crate::county_support::{csv_rows, get, xlsx_sheets};
use crate::data_checks_support::{keys, page, plant};
use crate::helpers::{Backend, spawn_app_on};

crate::backend_tests!(
    each_check_finds_its_planted_case_and_no_near_miss,
    a_township_sees_its_own_and_marks_follow_up,
);

const HEADINGS: [&str; 10] = [
    "序号",
    "疑点类别",
    "乡镇（街道）",
    "村（社区）",
    "对象",
    "疑点情况",
    "相关案件",
    "跟进责任人",
    "跟进情况",
    "跟进记录人及时间",
];

async fn each_check_finds_its_planted_case_and_no_near_miss(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let planted = plant(&app).await;
    // The demo itself: villages short of helpers only.
    assert!(
        planted.baseline.iter().all(|k| k.starts_with("helpers:")),
        "{:?}",
        planted.baseline
    );
    let supervisor = app.sign_in("supervisor").await;
    let html = page(&supervisor, &app).await;
    let found = keys(&html);
    let expected: BTreeSet<String> = planted.baseline.union(&planted.want).cloned().collect();
    assert_eq!(found, expected);
    assert!(html.contains("垫江县社会救助疑点比对清单"));
    assert!(!html.contains("style="));
    // Masked: no full ID number or name of the planted people.
    for secret in [
        "500231195803124020",
        "500231197708234538",
        "王秀英",
        "邓志强",
    ] {
        assert!(!html.contains(secret), "{secret} shown in full");
    }
    assert!(html.contains("王*英"), "the masked name");
    // Every finding names who follows it up; each case links to its workspace.
    assert!(html.contains(&format!("href=\"/cases/{}\"", planted.wang_case)));
    assert!(html.contains("首问负责人") || html.contains("窗口受理员："));
    assert!(
        html.contains("帮办代办员："),
        "the evaluation goes to the village's helper"
    );
    // Counts per check in the summary.
    for (code, n) in [
        ("duplicate_id", 1),
        ("exclusive_aids", 1),
        ("item_rule", 1),
        ("authorization", 2),
        ("evaluation", 1),
    ] {
        assert!(
            html.contains(&format!(
                "<tr data-check=\"{code}\"><td><a href=\"#{code}\">"
            )),
            "{code}"
        );
        let at = html.find(&format!("data-check=\"{code}\"")).unwrap();
        let rest = &html[at..];
        assert!(
            rest.contains(&format!("<td data-field=\"count\">{n}</td>")),
            "{code}"
        );
    }
    // The exports list exactly the same findings, with the headings.
    let (status, body) = get(&supervisor, &app, "/county/checks?format=csv").await;
    assert_eq!(status, 200);
    let (headings, rows) = csv_rows(&body);
    assert_eq!(headings, HEADINGS);
    assert_eq!(rows.len(), expected.len());
    assert!(rows.iter().all(|r| r[8] == "未跟进"));
    assert_eq!(
        rows.iter()
            .filter(|r| r[1] == "同一身份证号在两个家庭或两个乡镇")
            .count(),
        1
    );
    let dup = rows
        .iter()
        .find(|r| r[1].starts_with("同一身份证号"))
        .unwrap();
    assert_eq!(dup[2], "桂溪街道、沙坪镇", "by code");
    assert!(!body.windows(18).any(|w| w == b"500231195803124020"));
    let (status, body) = get(&supervisor, &app, "/county/checks?format=xlsx").await;
    assert_eq!(status, 200);
    let sheets = xlsx_sheets(body);
    assert_eq!(sheets[0].0, "疑点比对");
    assert_eq!(sheets[0].1[1], HEADINGS);
    assert_eq!(sheets[0].1.len(), 2 + expected.len());
    let (status, _) = get(&supervisor, &app, "/county/checks?format=pdf").await;
    assert_eq!(status, 400);
}

async fn a_township_sees_its_own_and_marks_follow_up(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let planted = plant(&app).await;
    let supervisor = app.sign_in("supervisor").await;
    let all = keys(&page(&supervisor, &app).await);
    let clerk = app.sign_in("clerk").await;
    let html = page(&clerk, &app).await;
    let own = keys(&html);
    assert!(html.contains("沙坪镇社会救助疑点比对清单"));
    // 沙坪镇 is 500231101: its villages 毛家村 and 李家村, not 桂溪街道's.
    let expected: BTreeSet<String> = all
        .iter()
        .filter(|k| !k.starts_with("helpers:500231001"))
        .cloned()
        .collect();
    assert_eq!(own, expected);
    assert!(all.len() > own.len());
    assert!(
        own.iter().any(|k| k.starts_with("duplicate_id:")),
        "shared with 桂溪街道"
    );
    let verifier = app.sign_in("verifier").await;
    assert_eq!(keys(&page(&verifier, &app).await), own);
    for who in ["helper", "officer"] {
        let client = app.sign_in(who).await;
        assert_eq!(get(&client, &app, "/county/checks").await.0, 404, "{who}");
    }
    assert_eq!(get(&app.client(), &app, "/county/checks").await.0, 401);
    // A follow-up mark by the clerk, shown with who and when, and in the audit log.
    let key = planted
        .want
        .iter()
        .find(|k| k.starts_with("exclusive_aids:"))
        .unwrap()
        .clone();
    let post = |client: &reqwest::Client, key: &str, note: &str, done: bool| {
        let mut form = vec![("key", key.to_owned()), ("note", note.to_owned())];
        if done {
            form.push(("done", "true".to_owned()));
        }
        client
            .post(app.url("/county/checks/follow-up"))
            .form(&form)
            .send()
    };
    let res = post(&clerk, &key, "已电话核实，撤销特困", true)
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200, "redirected to the checks");
    assert_eq!(res.url().path(), "/county/checks");
    let html = page(&clerk, &app).await;
    assert!(html.contains("已办结：已电话核实，撤销特困"), "{html}");
    let (clerk_name,): (String,) =
        sqlx::query_as("SELECT display_name FROM users WHERE username = 'clerk'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert!(html.contains(&format!("{clerk_name} ")));
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'checks.follow_up' AND record_id = $1",
    )
    .bind(&key)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(n, 1);
    // The supervisor sees the mark too.
    assert!(
        page(&supervisor, &app)
            .await
            .contains("已办结：已电话核实，撤销特困")
    );
    // Not the clerk's: 桂溪街道's village, an unknown key; a note too long.
    let other = all
        .iter()
        .find(|k| k.starts_with("helpers:500231001"))
        .unwrap();
    assert_eq!(
        post(&clerk, other, "", false)
            .await
            .unwrap()
            .status()
            .as_u16(),
        404
    );
    assert_eq!(
        post(&clerk, "nope", "", false)
            .await
            .unwrap()
            .status()
            .as_u16(),
        404
    );
    let long = "长".repeat(400);
    assert_eq!(
        post(&clerk, &key, &long, false)
            .await
            .unwrap()
            .status()
            .as_u16(),
        400
    );
    let helper = app.sign_in("helper").await;
    assert_eq!(
        post(&helper, &key, "", false)
            .await
            .unwrap()
            .status()
            .as_u16(),
        404
    );
}
