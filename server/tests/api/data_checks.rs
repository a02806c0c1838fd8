//! The data checks (`/county/checks`, issue 21 point 4) on the demo data with one finding of
//! each kind planted beside a near miss that must not be found: the page and the exports list
//! exactly the demo's findings and the planted ones; a township's clerk sees only findings
//! concerning their township; follow-up marks are recorded (audited) and shown with who and
//! when.

use std::collections::BTreeSet;

use chrono::{Duration, Utc};
use domain::clocks::china_date;
use serde_json::Value;
use uuid::Uuid;

use crate::county_support::{csv_rows, get, text, xlsx_sheets};
use crate::helpers::{Backend, TestApp, spawn_app_on};

crate::backend_tests!(
    each_check_finds_its_planted_case_and_no_near_miss,
    a_township_sees_its_own_and_marks_follow_up,
);

const GUIXI_GRID: &str = "500231001001-G01";

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

/// The finding keys on the page.
fn keys(html: &str) -> BTreeSet<String> {
    html.split("data-key=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_owned())
        .collect()
}

async fn page(client: &reqwest::Client, app: &TestApp) -> String {
    let (status, body) = get(client, app, "/county/checks").await;
    assert_eq!(status, 200, "{}", text(&body));
    text(&body)
}

/// The household record whose applicant is `name`: (id, body).
async fn household(app: &TestApp, name: &str) -> (String, Value) {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT id, body FROM records WHERE kind = 'household'")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    rows.into_iter()
        .map(|(id, body)| (id, serde_json::from_str::<Value>(&body).unwrap()))
        .find(|(_, b)| b["members"][0]["name"] == name)
        .unwrap_or_else(|| panic!("no household of {name}"))
}

async fn exec(app: &TestApp, sql: &str, binds: &[&str]) {
    let mut q = sqlx::query(sql);
    for b in binds {
        q = q.bind(*b);
    }
    q.execute(app.db.pool()).await.unwrap();
}

/// A copy of `household` with only its first member, placed in 桂溪街道.
async fn copy_household_to_guixi(app: &TestApp, household: &str) -> String {
    let new = Uuid::now_v7().to_string();
    let (body, scope, place): (String, String, String) = sqlx::query_as(
        "SELECT body, scope, place_code FROM records WHERE kind = 'household' AND id = $1",
    )
    .bind(household)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let mut body: Value = serde_json::from_str(&body.replace(household, &new)).unwrap();
    body["members"].as_array_mut().unwrap().truncate(1);
    body["place"] = Value::from(GUIXI_GRID);
    let scope = scope.replace(&place, GUIXI_GRID);
    exec(
        app,
        "INSERT INTO records (kind, id, version, scope, place_code, body, seq, scope_since, \
         updated_at, updated_by) SELECT kind, $1, version, $2, $3, $4, seq, scope_since, \
         updated_at, updated_by FROM records WHERE kind = 'household' AND id = $5",
        &[&new, &scope, GUIXI_GRID, &body.to_string(), household],
    )
    .await;
    new
}

const PROJECTION: &str = "version, place_code, township_code, village_code, state, channel, \
    primary_item, lead_department, urgent, created_on, submitted_on, answered_on, accepted_on, \
    routed_on, decided_on, told_on, closed_on, decision_limit_days, route_by, notify_by, step, \
    deadline_on, first_asker, rating, updated_at";

/// A copy of the approved case `case` for `household`, its `dibao` turned into `item`.
async fn copy_case(
    app: &TestApp,
    case: &str,
    old_household: &str,
    household: &str,
    item: &str,
) -> String {
    let new = Uuid::now_v7().to_string();
    let (body,): (String,) =
        sqlx::query_as("SELECT body FROM records WHERE kind = 'case' AND id = $1")
            .bind(case)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    let body = body
        .replace(case, &new)
        .replace(old_household, household)
        .replace("\"dibao\"", &format!("\"{item}\""));
    exec(
        app,
        "INSERT INTO records (kind, id, version, scope, place_code, body, seq, scope_since, \
         updated_at, updated_by) SELECT kind, $1, version, scope, place_code, $2, seq, \
         scope_since, updated_at, updated_by FROM records WHERE kind = 'case' AND id = $3",
        &[&new, &body, case],
    )
    .await;
    exec(
        app,
        &format!(
            "INSERT INTO case_projection (case_id, household_id, {PROJECTION}) \
             SELECT $1, $2, {PROJECTION} FROM case_projection WHERE case_id = $3"
        ),
        &[&new, household, case],
    )
    .await;
    new
}

/// The case of `household` in the projection.
async fn case_of(app: &TestApp, household: &str) -> String {
    let (id,): (String,) =
        sqlx::query_as("SELECT case_id FROM case_projection WHERE household_id = $1")
            .bind(household)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    id
}

struct Planted {
    /// The keys each plant should add.
    want: BTreeSet<String>,
    /// The demo's findings before planting.
    baseline: BTreeSet<String>,
    wang_case: String,
}

/// Plants one finding of each kind, each beside a near miss.
async fn plant(app: &TestApp) -> Planted {
    let supervisor = app.sign_in("supervisor").await;
    let baseline = keys(&page(&supervisor, app).await);
    let today = china_date(Utc::now());
    let (wang, _) = household(app, "王秀英").await;
    let (deng, _) = household(app, "邓志强").await;
    let (peng, _) = household(app, "彭桂芳").await;
    let (yu, _) = household(app, "余德福").await;
    let wang_case = case_of(app, &wang).await;
    let mut want = BTreeSet::new();
    // 1. 王秀英 also listed in a household of 桂溪街道.
    let copy = copy_household_to_guixi(app, &wang).await;
    let (wang_member,): (String,) = {
        let (_, b) = household(app, "王秀英").await;
        (b["members"][0]["id"].as_str().unwrap().to_owned(),)
    };
    let first = std::cmp::min(wang.clone(), copy.clone());
    want.insert(format!("duplicate_id:{first}:{wang_member}"));
    // 2. 王秀英 granted 特困 beside her 低保 (exclusive), and 临时救助 (a near miss).
    let tekun = copy_case(app, &wang_case, &wang, &wang, "tekun").await;
    copy_case(app, &wang_case, &wang, &wang, "temporary").await;
    want.insert(format!("exclusive_aids:{wang_case}:{tekun}"));
    // 3. 邓志强 (49, no disability) granted 特困; 彭桂芳 (70) too, a near miss.
    let deng_tekun = copy_case(app, &wang_case, &wang, &deng, "tekun").await;
    copy_case(app, &wang_case, &wang, &peng, "tekun").await;
    want.insert(format!("item_rule:{deng_tekun}:tekun"));
    // 4. 邓志强's authorization revoked, 彭桂芳's expired yesterday; 余德福 has a revoked one
    // beside his valid one (a near miss).
    exec(
        app,
        "UPDATE authorizations SET revoked_at = '2026-01-01T00:00:00Z' WHERE household_id = $1",
        &[&deng],
    )
    .await;
    let yesterday = (today - Duration::days(1)).to_string();
    exec(
        app,
        "UPDATE authorizations SET valid_until = $1 WHERE household_id = $2",
        &[&yesterday, &peng],
    )
    .await;
    exec(
        app,
        "INSERT INTO authorizations (id, number, household_id, valid_from, valid_until, \
         countersigned_at, revoked_at) VALUES ($1, $2, $3, '2026-01-01', '2099-01-01', \
         '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')",
        &[&Uuid::now_v7().to_string(), "TEST-REVOKED-1", &yu],
    )
    .await;
    want.insert(format!("authorization:{}", case_of_open(app, &deng).await));
    want.insert(format!("authorization:{}", case_of_open(app, &peng).await));
    // 5. 毛家村 (one helper) at 1,000 people is a near miss, at 1,500 short — the demo's
    // 1,350 already is: lower it and check below.
    // 6. The demo's told, unevaluated case told 30 days ago; 29 days is checked below.
    let (told,): (String,) = sqlx::query_as(
        "SELECT case_id FROM case_projection WHERE told_on IS NOT NULL AND rating IS NULL",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let day = (today - Duration::days(29)).to_string();
    exec(
        app,
        "UPDATE case_projection SET told_on = $1 WHERE case_id = $2",
        &[&day, &told],
    )
    .await;
    exec(
        app,
        "UPDATE places SET population = 1000 WHERE name_zh = '毛家村'",
        &[],
    )
    .await;
    let maojia = "helpers:500231101201".to_owned();
    assert!(baseline.contains(&maojia), "{baseline:?}");
    let near = keys(&page(&supervisor, app).await);
    let expected_near: BTreeSet<String> = baseline
        .iter()
        .filter(|k| **k != maojia)
        .cloned()
        .chain(want.iter().cloned())
        .collect();
    assert_eq!(near, expected_near, "the near misses are not found");
    let day = (today - Duration::days(30)).to_string();
    exec(
        app,
        "UPDATE case_projection SET told_on = $1 WHERE case_id = $2",
        &[&day, &told],
    )
    .await;
    exec(
        app,
        "UPDATE places SET population = 1500 WHERE name_zh = '毛家村'",
        &[],
    )
    .await;
    want.insert(format!("evaluation:{told}"));
    Planted {
        want,
        baseline,
        wang_case,
    }
}

/// The open case of `household`.
async fn case_of_open(app: &TestApp, household: &str) -> String {
    let (id,): (String,) = sqlx::query_as(
        "SELECT case_id FROM case_projection WHERE household_id = $1 AND closed_on IS NULL \
         AND decided_on IS NULL",
    )
    .bind(household)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    id
}

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
