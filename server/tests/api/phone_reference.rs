//! What a phone loads once to work offline besides its records: the caller's places
//! (`/api/places`) and the holiday notices loaded since the release (`/api/calendar/notices`).

use serde_json::{Value, json};

use crate::backend_tests;
use crate::helpers::{Backend, TestApp, spawn_app_on};

async fn places_of(app: &TestApp, client: &reqwest::Client) -> Vec<Value> {
    let res = client.get(app.url("/api/places")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    body["places"].as_array().unwrap().clone()
}

fn codes(places: &[Value]) -> Vec<&str> {
    places.iter().map(|p| p["code"].as_str().unwrap()).collect()
}

async fn a_helper_gets_their_village_below_and_above_and_nothing_else(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let helper = app.sign_in("helper").await;
    let places = places_of(&app, &helper).await;
    assert_eq!(
        codes(&places),
        [
            "500231",
            "500231101",
            "500231101201",
            "500231101201-G01",
            "500231101201-G02"
        ]
    );
    assert_eq!(
        places[2],
        json!({ "code": "500231101201", "name_zh": "毛家村", "level": "village", "parent": "500231101" })
    );
    assert_eq!(places[0]["parent"], Value::Null);
    assert_eq!(places[1]["name_zh"], "沙坪镇");
    assert_eq!(places[0]["name_zh"], "垫江县");
    assert_eq!(places[3]["level"], "grid");
    // No other village, township or their grids.
    assert!(!places.iter().any(|p| p["name_zh"] == "李家村"));
    // The township's helpers by name, for the ledger: another village's too, but no helper
    // of another township, no disabled one and no other staff.
    let mut tx = app.db.begin_write().await.unwrap();
    for (name, place, disabled) in [
        ("张网格", "500231101202", false),
        ("外镇网格", "500231001001", false),
        ("停用网格", "500231101201", true),
    ] {
        sqlx::query(
            "INSERT INTO users (id, username, display_name, role, place_code, created_at, disabled) \
             VALUES ($1, $2, $3, 'helper', $4, $5, $6)",
        )
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(format!("h-{place}-{disabled}"))
        .bind(name)
        .bind(place)
        .bind(server::db::time::to_db(chrono::Utc::now()))
        .bind(disabled)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let body: Value = helper
        .get(app.url("/api/places"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut names: Vec<&str> = body["helpers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["name"].as_str().unwrap())
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["张网格", "李网格"]);
    assert!(body["helpers"][0]["id"].as_str().unwrap().len() == 36);

    // The county's supervisor gets the whole tree, from the top down.
    let supervisor = app.sign_in("supervisor").await;
    let all = places_of(&app, &supervisor).await;
    assert_eq!(all.len(), 15);
    let levels: Vec<&str> = all.iter().map(|p| p["level"].as_str().unwrap()).collect();
    let mut sorted = levels.clone();
    sorted.sort_by_key(|l| {
        ["county", "township", "village", "grid"]
            .iter()
            .position(|x| x == l)
    });
    assert_eq!(levels, sorted);
    // The township's clerk: 沙坪镇, its two villages and four grids, and the county.
    let clerk = app.sign_in("clerk").await;
    assert_eq!(places_of(&app, &clerk).await.len(), 1 + 1 + 2 + 4);

    // Signed out: 401.
    let res = app
        .client()
        .get(app.url("/api/places"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
}

fn notice(year: i32) -> Value {
    json!({
        "year": year,
        "source": {"title": format!("测试用 {year} 年节假日安排"), "document_number": null, "published_on": format!("{}-11-20", year - 1)},
        "holidays": [
            {"name_zh": "元旦", "name_en": "New Year's Day", "off": [{"from": format!("{year}-01-01"), "to": format!("{year}-01-03")}]}
        ],
        "make_up_working_days": []
    })
}

async fn the_loaded_notices_are_public_in_load_order(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let url = app.url("/api/calendar/notices");
    let get = || async {
        let res = reqwest::get(&url).await.unwrap();
        assert_eq!(res.status(), 200);
        res.json::<Value>().await.unwrap()
    };
    // Only what was loaded beyond the built-in calendar: nothing yet.
    assert_eq!(get().await, json!({ "notices": [] }));
    let admin = app.sign_in("admin").await;
    for year in [2028, 2027] {
        let res = admin
            .post(app.url("/api/admin/calendar/notices"))
            .body(notice(year).to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
    }
    let body = get().await;
    assert_eq!(body["notices"], json!([notice(2028), notice(2027)]));
    // The phone builds the same calendar as the server: built-in plus these, in this order.
    let mut calendar = domain::calendar::Calendar::builtin();
    for n in body["notices"].as_array().unwrap() {
        let n = domain::calendar::YearNotice::parse_json(&n.to_string()).unwrap();
        calendar = calendar.with_notice(n).unwrap();
    }
    let server = server::reference::Reference::load(&app.db).await.unwrap();
    assert_eq!(calendar.loaded_years(), server.calendar().loaded_years());
}

async fn the_openapi_document_describes_the_phone_reference_routes(backend: Backend) {
    let Some(app) = spawn_app_on(backend, false).await else {
        return;
    };
    let doc: Value = reqwest::get(app.url("/api/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for path in ["/api/places", "/api/calendar/notices"] {
        assert!(doc["paths"][path]["get"].is_object(), "{path}");
    }
    let kinds = &doc["components"]["schemas"]["RecordKind"]["enum"];
    assert!(
        kinds.as_array().unwrap().contains(&json!("materials")),
        "{kinds}"
    );
}

backend_tests!(
    a_helper_gets_their_village_below_and_above_and_nothing_else,
    the_loaded_notices_are_public_in_load_order,
    the_openapi_document_describes_the_phone_reference_routes,
);
