//! The admin's pages (issue 21 point 5): the jurisdiction tree with each village's helpers
//! against its population, edits and new villages checked field by field and audited, the
//! holiday notices loaded through the API's own write path, the catalogue read; and nobody
//! but the admin may open them (the supervisor, a window clerk and a helper get 404, as on the county pages).

use serde_json::{Value, json};

use crate::backend_tests;
use crate::county_support::{get, text};
use crate::helpers::{Backend, TestApp, spawn_app_on};

const MAOJIA: &str = "500231101201";
const SHAPING: &str = "500231101";

async fn population(app: &TestApp, code: &str) -> Option<i64> {
    let (p,): (Option<i64>,) = sqlx::query_as("SELECT population FROM places WHERE code = $1")
        .bind(code)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    p
}

async fn audit_details(app: &TestApp, action: &str) -> Vec<(Option<String>, Value)> {
    let rows: Vec<(Option<String>, String)> =
        sqlx::query_as("SELECT actor_role, detail FROM audit_log WHERE action = $1 ORDER BY seq")
            .bind(action)
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    rows.into_iter()
        .map(|(role, d)| (role, serde_json::from_str(&d).unwrap()))
        .collect()
}

async fn loaded_years(app: &TestApp) -> Vec<Value> {
    let status: Value = reqwest::get(app.url("/api/calendar"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    status["loaded_years"].as_array().unwrap().clone()
}

/// The `<tr>` of `code` in the tree page.
fn row_of<'a>(html: &'a str, code: &str) -> &'a str {
    let start = html
        .find(&format!("<tr id=\"place-{code}\""))
        .unwrap_or_else(|| panic!("{code} in {html}"));
    let end = start + html[start..].find("</tr>").unwrap();
    &html[start..end]
}

async fn only_the_admin_may(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    for who in ["supervisor", "clerk", "helper"] {
        let client = app.sign_in(who).await;
        for path in [
            "/admin",
            "/admin/places",
            "/admin/notices",
            "/admin/catalogue",
        ] {
            assert_eq!(get(&client, &app, path).await.0, 404, "{who} {path}");
        }
        let res = client
            .post(app.url(&format!("/admin/places/{MAOJIA}")))
            .form(&[("name_zh", "毛家村"), ("name_en", ""), ("population", "5")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{who} edits");
        let res = client
            .post(app.url(&format!("/admin/places/{SHAPING}/villages")))
            .form(&[
                ("code", "500231101209"),
                ("name_zh", "新村"),
                ("population", ""),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{who} adds");
        let res = client
            .post(app.url("/admin/notices"))
            .form(&[("json", "{}")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{who} loads a notice");
    }
    assert_eq!(population(&app, MAOJIA).await, Some(1350));
    assert!(audit_details(&app, "admin.edit_place").await.is_empty());
    assert_eq!(get(&app.client(), &app, "/admin/places").await.0, 401);

    let admin = app.sign_in("admin").await;
    let (status, bytes) = get(&admin, &app, "/admin").await;
    assert_eq!(status, 200);
    let html = text(&bytes);
    for link in ["/admin/staff", "/admin/places", "/admin/notices"] {
        assert!(html.contains(&format!("href=\"{link}\"")), "{html}");
    }
    assert!(html.contains("行政区划") && html.contains("节假日通知"));
    let (_, bytes) = get(&admin, &app, "/admin?lang=en").await;
    assert!(text(&bytes).contains("Holiday notices"));
    // The catalogue, read-only: each item with its limit and where the limit comes from.
    let (status, bytes) = get(&admin, &app, "/admin/catalogue").await;
    assert_eq!(status, 200);
    let html = text(&bytes);
    assert!(html.contains("<tr data-item=\"dibao\">"), "{html}");
    assert!(html.contains("data-field=\"source\""), "{html}");
}

async fn the_tree_shows_helpers_against_population_and_edits_are_checked_and_audited(
    backend: Backend,
) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let admin = app.sign_in("admin").await;
    let (status, bytes) = get(&admin, &app, "/admin/places").await;
    assert_eq!(status, 200);
    let html = text(&bytes);
    // 毛家村: 1,350 people need two helpers; the demo has one there: short.
    let maojia = row_of(&html, MAOJIA);
    assert!(maojia.contains("data-short=\"true\""), "{maojia}");
    assert!(maojia.contains("data-field=\"required\">2<"), "{maojia}");
    assert!(maojia.contains("data-field=\"present\">1"), "{maojia}");
    assert!(row_of(&html, SHAPING).contains("沙坪镇"));
    assert!(row_of(&html, "500231").contains("垫江县"));

    let edit = |population: &'static str| {
        admin
            .post(app.url(&format!("/admin/places/{MAOJIA}")))
            .form(&[
                ("name_zh", "毛家村"),
                ("name_en", "Maojia Village"),
                ("population", population),
            ])
            .send()
    };
    // A bad population: refused at its field, what was typed kept, nothing written.
    for (typed, code) in [
        ("1,200", "population_not_number"),
        ("-4", "population_negative"),
        ("123456789012", "population_too_large"),
    ] {
        let res = edit(typed).await.unwrap();
        assert_eq!(res.status(), 422, "{typed}");
        let page = res.text().await.unwrap();
        assert!(page.contains(&format!("data-error=\"{code}\"")), "{page}");
        assert!(page.contains(&format!("value=\"{typed}\"")), "{page}");
        assert!(page.contains("value=\"Maojia Village\""), "{page}");
    }
    assert_eq!(population(&app, MAOJIA).await, Some(1350));
    // An empty Chinese name too.
    let res = admin
        .post(app.url(&format!("/admin/places/{MAOJIA}")))
        .form(&[("name_zh", " "), ("name_en", ""), ("population", "900")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("data-error=\"name_missing\"")
    );

    // 900 people: one helper is enough; then 1,200: two needed, short again.
    let res = edit("900").await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.url().as_str().contains(&format!("saved={MAOJIA}")));
    let page = res.text().await.unwrap();
    assert!(row_of(&page, MAOJIA).contains("data-short=\"false\""));
    let page = edit("1200").await.unwrap().text().await.unwrap();
    let maojia = row_of(&page, MAOJIA);
    assert!(
        maojia.contains("data-short=\"true\"") && maojia.contains(">2<"),
        "{maojia}"
    );
    assert_eq!(population(&app, MAOJIA).await, Some(1200));
    let audited = audit_details(&app, "admin.edit_place").await;
    assert_eq!(audited.len(), 2);
    assert_eq!(audited[0].0.as_deref(), Some("admin"));
    assert_eq!(audited[0].1["before"]["population"], json!(1350));
    assert_eq!(audited[0].1["after"]["population"], json!(900));
    assert_eq!(audited[1].1["before"]["population"], json!(900));
    assert_eq!(audited[1].1["after"]["population"], json!(1200));
    assert_eq!(audited[1].1["after"]["name_en"], json!("Maojia Village"));
    // An unknown place: 404.
    let res = admin
        .post(app.url("/admin/places/500231101299"))
        .form(&[("name_zh", "无"), ("population", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

async fn a_new_village_needs_a_free_code_of_its_township(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let admin = app.sign_in("admin").await;
    let add = |code: &'static str, population: &'static str| {
        admin
            .post(app.url(&format!("/admin/places/{SHAPING}/villages")))
            .form(&[
                ("code", code),
                ("name_zh", "新建村"),
                ("name_en", ""),
                ("population", population),
            ])
            .send()
    };
    for (code, population, errors) in [
        (MAOJIA, "", vec!["code_taken"]),
        ("500231001009", "", vec!["code_outside_township"]),
        ("500231101", "", vec!["code_not_village"]),
        (
            "5002311012x9",
            "abc",
            vec!["code_invalid", "population_not_number"],
        ),
    ] {
        let res = add(code, population).await.unwrap();
        assert_eq!(res.status(), 422, "{code}");
        let page = res.text().await.unwrap();
        for e in errors {
            assert!(page.contains(&format!("data-error=\"{e}\"")), "{e}: {page}");
        }
        assert!(page.contains(&format!("value=\"{code}\"")));
        assert!(page.contains("value=\"新建村\""));
    }
    let res = add("500231101203", "1500").await.unwrap();
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    let row = row_of(&page, "500231101203");
    // A new village has no helper yet: short of the two its population needs.
    assert!(
        row.contains("新建村") && row.contains("data-short=\"true\""),
        "{row}"
    );
    let (parent, level): (Option<String>, String) =
        sqlx::query_as("SELECT parent_code, level FROM places WHERE code = '500231101203'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(
        (parent.as_deref(), level.as_str()),
        (Some(SHAPING), "village")
    );
    let audited = audit_details(&app, "admin.add_place").await;
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0].1["before"], Value::Null);
    assert_eq!(audited[0].1["after"]["population"], json!(1500));
    // Adding it again: taken.
    assert_eq!(add("500231101203", "").await.unwrap().status(), 422);
    // Under a village or an unknown township: 404.
    let res = admin
        .post(app.url(&format!("/admin/places/{MAOJIA}/villages")))
        .form(&[("code", "500231101204"), ("name_zh", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

async fn the_admin_loads_a_notice_through_the_apis_write_path(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let admin = app.sign_in("admin").await;
    let (status, bytes) = get(&admin, &app, "/admin/notices").await;
    assert_eq!(status, 200);
    let html = text(&bytes);
    assert!(
        html.contains("data-year=\"2026\"") && html.contains("随版本内置"),
        "{html}"
    );
    let notice = json!({
        "year": 2031,
        "source": {"title": "测试用 2031 年节假日安排", "document_number": null, "published_on": "2030-11-20"},
        "holidays": [
            {"name_zh": "元旦", "name_en": "New Year's Day", "off": [{"from": "2031-01-01", "to": "2031-01-03"}]}
        ],
        "make_up_working_days": []
    });
    // A broken one: the reason shown, the text kept, nothing loaded.
    let mut bad = notice.clone();
    bad["holidays"][0]["off"][0]["from"] = json!("2031-01-05");
    let res = admin
        .post(app.url("/admin/notices"))
        .form(&[("json", bad.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("data-error=\"notice_invalid\""), "{page}");
    assert!(page.contains("2031-01-05"), "{page}");
    assert!(!loaded_years(&app).await.contains(&json!(2031)));

    let res = admin
        .post(app.url("/admin/notices"))
        .form(&[("json", notice.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    assert!(page.contains("data-said=\"loaded\""), "{page}");
    assert!(
        page.contains("data-year=\"2031\"") && page.contains("管理员导入"),
        "{page}"
    );
    assert!(loaded_years(&app).await.contains(&json!(2031)));
    // The same audit as the API's.
    let audited = audit_details(&app, "reference.load_notice").await;
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0].1["year"], json!(2031));
    // And the phones get it as from the API.
    let body: Value = reqwest::get(app.url("/api/calendar/notices"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["notices"][0]["year"], json!(2031));
}

backend_tests!(
    only_the_admin_may,
    the_tree_shows_helpers_against_population_and_edits_are_checked_and_audited,
    a_new_village_needs_a_free_code_of_its_township,
    the_admin_loads_a_notice_through_the_apis_write_path,
);
