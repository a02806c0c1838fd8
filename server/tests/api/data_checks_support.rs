//! Planting the data checks' findings in the demo data (`data_checks`): one of each kind,
//! each beside a near miss that must not be found, by copying demo records.

use std::collections::BTreeSet;

use chrono::{Duration, Utc};
use domain::clocks::china_date;
use serde_json::Value;
use uuid::Uuid;

use crate::county_support::{get, text};
use crate::helpers::TestApp;

const GUIXI_GRID: &str = "500231001001-G01";

/// The finding keys on the page.
pub fn keys(html: &str) -> BTreeSet<String> {
    html.split("data-key=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_owned())
        .collect()
}

pub async fn page(client: &reqwest::Client, app: &TestApp) -> String {
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

pub struct Planted {
    /// The keys each plant should add.
    pub want: BTreeSet<String>,
    /// The demo's findings before planting.
    pub baseline: BTreeSet<String>,
    pub wang_case: String,
}

/// Plants one finding of each kind, each beside a near miss.
pub async fn plant(app: &TestApp) -> Planted {
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
        "UPDATE case_projection SET told_on = date($1) WHERE case_id = $2",
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
        "UPDATE case_projection SET told_on = date($1) WHERE case_id = $2",
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
