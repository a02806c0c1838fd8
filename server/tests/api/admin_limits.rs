//! The admin's local time limits and authorization texts (issue 21 point 5): a county's own
//! limit set, checked field by field, audited before → after, served by `GET /api/catalogue`
//! (whose ETag changes) and used by a new case's clock; removed again. Nobody but the admin
//! may change limits or texts (404, nothing written); the texts' page is in `admin_texts`.

use serde_json::{Value, json};

use crate::backend_tests;
use crate::county_support::{get, text};
use crate::helpers::{Backend, TestApp, spawn_app_on};

backend_tests!(
    only_the_admin_may_change_limits_or_texts,
    a_local_limit_is_checked_audited_served_and_used_by_a_new_case,
);

pub async fn audit_details(app: &TestApp, action: &str) -> Vec<(Option<String>, Value)> {
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

pub async fn count(app: &TestApp, table: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    n
}

async fn catalogue(app: &TestApp) -> (String, Value) {
    let res = reqwest::get(app.url("/api/catalogue")).await.unwrap();
    let etag = res.headers()["etag"].to_str().unwrap().to_owned();
    (etag, res.json().await.unwrap())
}

fn limit_form<'a>(days: &'a str, ext: &'a str, source: &'a str) -> [(&'static str, &'a str); 3] {
    [("days", days), ("extension_days", ext), ("source", source)]
}

async fn only_the_admin_may_change_limits_or_texts(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let texts = count(&app, "authorization_texts").await;
    for who in ["supervisor", "clerk", "helper", "officer"] {
        let client = app.sign_in(who).await;
        for path in [
            "/admin/catalogue",
            "/admin/catalogue?edit=temporary",
            "/admin/authorization-texts",
            "/admin/authorization-texts/2026-1",
        ] {
            assert_eq!(get(&client, &app, path).await.0, 404, "{who} {path}");
        }
        for path in [
            "/admin/catalogue/temporary",
            "/admin/catalogue/temporary/remove",
        ] {
            let res = client
                .post(app.url(path))
                .form(&limit_form("5", "1", "县文件"))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 404, "{who} {path}");
        }
        let res = client
            .post(app.url("/admin/authorization-texts"))
            .form(&[("version", "2027-9"), ("title_zh", "x")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{who} loads a text");
    }
    assert_eq!(count(&app, "local_time_limits").await, 0);
    assert_eq!(count(&app, "authorization_texts").await, texts);
    assert!(
        audit_details(&app, "reference.set_local_limit")
            .await
            .is_empty()
    );
    assert_eq!(get(&app.client(), &app, "/admin/catalogue").await.0, 401);
    // The index links both pages.
    let admin = app.sign_in("admin").await;
    let html = text(&get(&admin, &app, "/admin").await.1);
    for link in ["/admin/catalogue", "/admin/authorization-texts"] {
        assert!(html.contains(&format!("href=\"{link}\"")), "{html}");
    }
}

async fn a_local_limit_is_checked_audited_served_and_used_by_a_new_case(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let admin = app.sign_in("admin").await;
    let (etag_before, _) = catalogue(&app).await;
    let set = |days: &'static str, ext: &'static str, source: &'static str| {
        admin
            .post(app.url("/admin/catalogue/temporary"))
            .form(&limit_form(days, ext, source))
            .send()
    };
    // Bad values: each refused at its field, what was typed kept, nothing written.
    for (days, ext, source, field, code) in [
        ("十", "0", "垫民发〔2026〕8号", "days", "not_number"),
        ("0", "0", "垫民发〔2026〕8号", "days", "days_out_of_range"),
        (
            "10",
            "11",
            "垫民发〔2026〕8号",
            "extension_days",
            "extension_over_days",
        ),
        ("10", "2", " ", "source", "source_missing"),
    ] {
        let res = set(days, ext, source).await.unwrap();
        assert_eq!(res.status(), 422, "{days} {ext} {source}");
        let page = res.text().await.unwrap();
        let at = page
            .find(&format!("data-field=\"{field}\"><label"))
            .unwrap_or_else(|| panic!("{field} in {page}"));
        let end = at + page[at..].find("</div>").unwrap();
        assert!(
            page[at..end].contains(&format!("data-error=\"{code}\"")),
            "{page}"
        );
        assert!(page.contains(&format!("value=\"{days}\"")), "{page}");
    }
    // 低保's limit is a regulation's: it may be shortened, not lengthened.
    let res = admin
        .post(app.url("/admin/catalogue/dibao"))
        .form(&limit_form("31", "0", "县文件"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("data-error=\"days_over_policy\"")
    );
    // An unknown item: 404.
    let res = admin
        .post(app.url("/admin/catalogue/nope"))
        .form(&limit_form("5", "0", "县文件"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(count(&app, "local_time_limits").await, 0);
    assert!(
        audit_details(&app, "reference.set_local_limit")
            .await
            .is_empty()
    );
    assert_eq!(catalogue(&app).await.0, etag_before);

    // A good one: shown in the list, audited, served with a new ETag.
    let res = set("5", "2", "垫民发〔2026〕8号").await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.url().as_str().contains("saved=temporary"));
    let page = res.text().await.unwrap();
    let start = page.find("<tr data-item=\"temporary\"").unwrap();
    let row = &page[start..start + page[start..].find("</tr>").unwrap()];
    assert!(row.contains("data-field=\"days\">5<"), "{row}");
    assert!(row.contains("data-field=\"extension_days\">2<"), "{row}");
    assert!(row.contains("垫民发〔2026〕8号"), "{row}");
    let audited = audit_details(&app, "reference.set_local_limit").await;
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0].0.as_deref(), Some("admin"));
    assert_eq!(audited[0].1["before"], Value::Null);
    assert_eq!(
        audited[0].1["after"],
        json!({"days": 5, "extension_days": 2, "source": "垫民发〔2026〕8号"})
    );
    let (etag, body) = catalogue(&app).await;
    assert_ne!(etag, etag_before);
    let local = body["overrides"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["place_prefix"] == "500231" && o["item"] == "temporary")
        .unwrap_or_else(|| panic!("{body}"));
    assert_eq!(local["time_limit"], json!({"days": 5, "extension_days": 2}));
    // A phone whose copy is current is told so in a 304.
    let res = reqwest::Client::new()
        .get(app.url("/api/catalogue"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 304);

    // A new case's clock uses it.
    let (case, limit) = crate::admin_limits_case::accepted_case_limit(&app).await;
    assert_eq!(limit, Some(5));

    // Changed, then removed: both audited before → after; the shipped limit is back.
    assert_eq!(
        set("8", "0", "垫民发〔2026〕9号").await.unwrap().status(),
        200
    );
    // The open case counts with the new limit at once, not at its next event.
    assert_eq!(
        crate::admin_limits_case::projected_limit(&app, &case).await,
        Some(8)
    );
    let res = admin
        .post(app.url("/admin/catalogue/temporary/remove"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let audited = audit_details(&app, "reference.set_local_limit").await;
    assert_eq!(audited[1].1["before"]["days"], json!(5));
    assert_eq!(audited[1].1["after"]["days"], json!(8));
    let removed = audit_details(&app, "reference.remove_local_limit").await;
    assert_eq!(removed.len(), 1);
    assert_eq!(removed[0].1["before"]["days"], json!(8));
    assert_eq!(removed[0].1["after"], Value::Null);
    assert_eq!(count(&app, "local_time_limits").await, 0);
    assert_eq!(catalogue(&app).await.0, etag_before);
}
