//! The authorization text versions on the admin's page (issue 21 point 5): listed with the
//! one in force, shown in full, and a new version loaded through the API's own write path
//! (a taken version refused at its field, audited as the API's load is).

use serde_json::{Value, json};

use crate::admin_limits::{audit_details, count};
use crate::backend_tests;
use crate::county_support::{get, text};
use crate::helpers::{Backend, spawn_app_on};

backend_tests!(authorization_texts_are_listed_shown_and_loaded);

async fn authorization_texts_are_listed_shown_and_loaded(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let admin = app.sign_in("admin").await;
    let (status, bytes) = get(&admin, &app, "/admin/authorization-texts").await;
    assert_eq!(status, 200);
    let html = text(&bytes);
    assert!(
        html.contains("data-version=\"2026-1\" data-in-force=\"true\""),
        "{html}"
    );
    let (status, bytes) = get(&admin, &app, "/admin/authorization-texts/2026-1").await;
    assert_eq!(status, 200);
    assert!(text(&bytes).contains("社会救助家庭经济状况核对授权书"));
    assert_eq!(
        get(&admin, &app, "/admin/authorization-texts/9999-9")
            .await
            .0,
        404
    );
    let builtin = domain::authorization::AuthorizationText::builtin();
    let form = |version: &str, body: &str, months: &str, scopes: &[&str]| {
        let mut f: Vec<(String, String)> = vec![
            ("version".into(), version.into()),
            ("title_zh".into(), builtin.title_zh.clone()),
            ("title_en".into(), builtin.title_en.clone()),
            ("body_zh".into(), body.into()),
            ("body_en".into(), builtin.body_en.join("\n")),
            ("purpose_zh".into(), builtin.purpose_zh.clone()),
            ("purpose_en".into(), builtin.purpose_en.clone()),
            ("validity_months".into(), months.into()),
        ];
        for s in scopes {
            f.push(("scopes".into(), (*s).into()));
        }
        admin
            .post(app.url("/admin/authorization-texts"))
            .form(&f)
            .send()
    };
    let before = count(&app, "authorization_texts").await;
    // A taken version with other content: refused at the version field, typed text kept.
    let res = form("2026-1", "改过的正文。", "12", &["bank_deposits"])
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("data-error=\"version_taken\""), "{page}");
    assert!(page.contains("改过的正文。"), "{page}");
    // Months not a number and no scope: both at their fields.
    let res = form("2027-1", "正文。", "一年", &[]).await.unwrap();
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("id=\"e-validity_months\" data-error=\"not_number\""),
        "{page}"
    );
    assert!(page.contains("id=\"e-scopes\""), "{page}");
    assert_eq!(count(&app, "authorization_texts").await, before);
    // A good one: in force at once, audited like the API's.
    let res = form(
        "2027-1",
        "新的正文第一段。\n第二段。",
        "24",
        &["bank_deposits", "tax"],
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("data-version=\"2027-1\" data-in-force=\"true\""),
        "{page}"
    );
    assert!(page.contains("data-version=\"2026-1\" data-in-force=\"false\""));
    let now: Value = reqwest::get(app.url("/api/authorizations/v1/text"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(now["version"], "2027-1");
    assert_eq!(now["body_zh"], json!(["新的正文第一段。", "第二段。"]));
    assert_eq!(now["validity_months"], 24);
    let audited = audit_details(&app, "authorization.text_loaded").await;
    assert_eq!(audited.last().unwrap().1["version"], "2027-1");
}
