//! The public catalogue, the calendar's state, and an admin loading next year's notice.

use serde_json::{Value, json};

use crate::helpers::{Backend, spawn_app_on};

fn notice_2027() -> Value {
    json!({
        "year": 2027,
        "source": {"title": "测试用 2027 年节假日安排", "document_number": null, "published_on": "2026-11-20"},
        "holidays": [
            {"name_zh": "元旦", "name_en": "New Year's Day", "off": [{"from": "2027-01-01", "to": "2027-01-03"}]}
        ],
        "make_up_working_days": []
    })
}

async fn the_catalogue_is_public_and_complete(backend: Backend) {
    let Some(app) = spawn_app_on(backend, false).await else {
        return;
    };
    let body: Value = reqwest::get(app.url("/api/catalogue"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let items = body["items"].as_array().unwrap();
    assert!(items.len() >= 9);
    let dibao = items.iter().find(|i| i["code"] == "dibao").unwrap();
    assert_eq!(dibao["public_notice_days"], 7);
    assert_eq!(dibao["lead_department"], "civil_affairs");
    // The departments table follows the catalogue.
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM departments")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(n as usize, body["departments"].as_array().unwrap().len());
}

async fn an_admin_loads_next_years_notice_and_deadlines_stop_being_provisional(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let status: Value = reqwest::get(app.url("/api/calendar"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        status["loaded_years"]
            .as_array()
            .unwrap()
            .contains(&json!(2026))
    );
    // 2027's notice is not loaded yet: said, not guessed silently. (Years are those of today.)
    let year = chrono::Datelike::year(&chrono::Utc::now());
    if year <= 2026 {
        assert!(
            status["provisional_years"]
                .as_array()
                .unwrap()
                .contains(&json!(2027))
        );
        assert!(status["advice_zh"].as_str().unwrap().contains("2027"));
    }
    let url = app.url("/api/admin/calendar/notices");
    let clerk = app.sign_in("clerk").await;
    assert_eq!(
        clerk
            .post(&url)
            .body(notice_2027().to_string())
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    let admin = app.sign_in("admin").await;
    let mut bad = notice_2027();
    bad["holidays"][0]["off"][0]["from"] = json!("2027-01-05");
    assert_eq!(
        admin
            .post(&url)
            .body(bad.to_string())
            .send()
            .await
            .unwrap()
            .status(),
        400
    );
    assert_eq!(
        admin.post(&url).body("{").send().await.unwrap().status(),
        400
    );
    let res = admin
        .post(&url)
        .body(notice_2027().to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let status: Value = reqwest::get(app.url("/api/calendar"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        status["loaded_years"]
            .as_array()
            .unwrap()
            .contains(&json!(2027))
    );
    assert!(
        !status["provisional_years"]
            .as_array()
            .unwrap()
            .contains(&json!(2027))
    );
    // It survives a restart.
    let reloaded = server::reference::Reference::load(&app.db).await.unwrap();
    assert!(!reloaded.calendar().is_provisional(2027));
}

crate::backend_tests!(
    the_catalogue_is_public_and_complete,
    an_admin_loads_next_years_notice_and_deadlines_stop_being_provisional,
);
