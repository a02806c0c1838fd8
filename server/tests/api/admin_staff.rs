//! Issue 21 point 5 (administration), staff accounts: only the admin reaches `/admin/staff`;
//! adding an account shows its generated password once and forces a change at sign-in; bad
//! input comes back at its field with what was typed kept; editing, disabling (sign-in
//! refused), enabling and resetting; every change audited with ID numbers and phones masked;
//! and the roster showing what the admin entered.

use crate::backend_tests;
use crate::county_support::csv_rows;
use crate::helpers::{Backend, TestApp, spawn_app_on};
use crate::staff_support::login;

const ID_NUMBER: &str = "500231199006150048";
const PHONE: &str = "13955556666";

async fn post_form(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    form: &[(&str, &str)],
) -> (u16, String) {
    let res = client.post(app.url(path)).form(form).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn get_page(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String) {
    let res = client.get(app.url(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

fn good<'a>(username: &'a str, category: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("username", username),
        ("name", "王帮办"),
        ("role", "helper"),
        ("place", "500231101202"),
        ("department", ""),
        ("phone", PHONE),
        ("id_number", ID_NUMBER),
        ("category", category),
    ]
}

/// The text of the element marked `data-field="password"`.
fn shown_password(html: &str) -> String {
    let start = html
        .find("data-field=\"password\">")
        .expect("password shown")
        + 22;
    html[start..].split('<').next().unwrap().to_owned()
}

async fn only_the_admin_reaches_staff_accounts(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    for who in ["supervisor", "helper", "clerk", "leader"] {
        let client = app.sign_in(who).await;
        assert_eq!(
            get_page(&app, &client, "/admin/staff").await.0,
            404,
            "{who}"
        );
        assert_eq!(
            get_page(&app, &client, "/admin/staff/new").await.0,
            404,
            "{who}"
        );
        let (status, _) =
            post_form(&app, &client, "/admin/staff/new", &good("sneaky", "other")).await;
        assert_eq!(status, 404, "{who}");
    }
    assert_eq!(get_page(&app, &app.client(), "/admin/staff").await.0, 401);
    let admin = app.sign_in("admin").await;
    let (status, html) = get_page(&app, &admin, "/admin/staff").await;
    assert_eq!(status, 200);
    // The demo helper with the roster's columns: the ID number masked, the category named.
    assert!(
        html.contains("李网格") && html.contains("500231********0021"),
        "{html}"
    );
    assert!(html.contains("网格员") && html.contains("毛家村") && html.contains("沙坪镇"));
    assert!(!html.contains("500231198503120021"));
    // No resident is listed; the filters narrow the list.
    assert!(!html.contains("王秀英"));
    let (_, helpers) = get_page(&app, &admin, "/admin/staff?role=helper").await;
    assert!(
        helpers.contains("data-username=\"helper\"")
            && !helpers.contains("data-username=\"clerk\"")
    );
    let (_, guixi) = get_page(&app, &admin, "/admin/staff?township=500231001").await;
    assert!(!guixi.contains("data-username=\"helper\""));
    let (_, en) = get_page(&app, &admin, "/admin/staff?lang=en").await;
    assert!(
        en.contains("<html lang=\"en\"")
            && en.contains("Grid worker")
            && en.contains("Staff accounts")
    );
}

async fn the_admin_adds_edits_disables_and_resets(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let admin = app.sign_in("admin").await;
    // Bad input: every error at its field, everything typed kept, nothing written.
    let bad = [
        ("username", "Wang"),
        ("name", " "),
        ("role", "helper"),
        ("place", "500231101202"),
        ("phone", "1395555"),
        ("id_number", "500231199006150049"),
        ("category", "grid_worker"),
    ];
    let (status, html) = post_form(&app, &admin, "/admin/staff/new", &bad).await;
    assert_eq!(status, 422);
    for code in [
        "username_characters",
        "name_empty",
        "phone_invalid",
        "id_number_invalid",
    ] {
        assert!(
            html.contains(&format!("data-error=\"{code}\"")),
            "{code}: {html}"
        );
    }
    assert!(html.contains("value=\"Wang\"") && html.contains("value=\"1395555\""));
    assert!(html.contains("value=\"500231199006150049\""));
    assert!(html.contains("<option value=\"grid_worker\" selected>"));
    let audited = |app: &TestApp, action: &'static str| {
        let pool = app.db.pool().clone();
        async move {
            let rows: Vec<(String,)> =
                sqlx::query_as("SELECT detail FROM audit_log WHERE action = $1")
                    .bind(action)
                    .fetch_all(&pool)
                    .await
                    .unwrap();
            rows.into_iter().map(|r| r.0).collect::<Vec<_>>()
        }
    };
    assert!(audited(&app, "admin.staff_create").await.is_empty());

    // A good one: the password shown once; its holder must change it.
    let (status, html) = post_form(
        &app,
        &admin,
        "/admin/staff/new",
        &good("wang.helper", "social_worker"),
    )
    .await;
    assert_eq!(status, 200, "{html}");
    let password = shown_password(&html);
    assert_eq!(password.len(), 16);
    let (status, _, me) = login(&app, "wang.helper", &password).await;
    assert_eq!(status, 200);
    assert_eq!(me["must_change_password"], true);
    // The same sign-in name again is refused at its field.
    let (status, html) = post_form(
        &app,
        &admin,
        "/admin/staff/new",
        &good("wang.helper", "other"),
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("data-error=\"username_taken\""));

    // The roster shows what the admin entered.
    let supervisor = app.sign_in("supervisor").await;
    let res = supervisor
        .get(app.url("/county/helper-roster?format=csv"))
        .send()
        .await
        .unwrap();
    let (_, rows) = csv_rows(&res.bytes().await.unwrap());
    let row = rows
        .iter()
        .find(|r| r[3] == "王帮办")
        .expect("the new helper is on the roster");
    assert_eq!(
        (
            row[2].as_str(),
            row[4].as_str(),
            row[5].as_str(),
            row[6].as_str()
        ),
        ("李家村", ID_NUMBER, PHONE, "社会工作者")
    );

    // Edit: a bad phone comes back at its field; then a good change is saved.
    let (id,): (String,) = sqlx::query_as("SELECT id FROM users WHERE username = 'wang.helper'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let path = format!("/admin/staff/{id}");
    let mut edit = good("ignored", "other");
    edit[5] = ("phone", "12345");
    let (status, html) = post_form(&app, &admin, &path, &edit).await;
    assert_eq!(status, 422);
    assert!(html.contains("data-error=\"phone_invalid\"") && html.contains("value=\"12345\""));
    edit[5] = ("phone", PHONE);
    let (status, html) = post_form(&app, &admin, &path, &edit).await;
    assert_eq!(status, 200);
    assert!(html.contains("data-said=\"saved\""), "{html}");
    let (category, username): (Option<String>, String) =
        sqlx::query_as("SELECT staff_category, username FROM users WHERE id = $1")
            .bind(&id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(
        (category.as_deref(), username.as_str()),
        (Some("other"), "wang.helper")
    );

    // Disable: sign-in refused; enable: allowed again.
    let (status, _) = post_form(&app, &admin, &format!("{path}/disable"), &[]).await;
    assert_eq!(status, 200);
    assert_eq!(login(&app, "wang.helper", &password).await.0, 401);
    post_form(&app, &admin, &format!("{path}/enable"), &[]).await;
    assert_eq!(login(&app, "wang.helper", &password).await.0, 200);
    // The admin cannot disable themselves.
    let (admin_id,): (String,) = sqlx::query_as("SELECT id FROM users WHERE username = 'admin'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let (status, _) = post_form(
        &app,
        &admin,
        &format!("/admin/staff/{admin_id}/disable"),
        &[],
    )
    .await;
    assert_eq!(status, 422);

    // Reset: the old password stops working, the new one must be changed.
    let (status, html) = post_form(&app, &admin, &format!("{path}/reset-password"), &[]).await;
    assert_eq!(status, 200);
    let fresh = shown_password(&html);
    assert_ne!(fresh, password);
    assert_eq!(login(&app, "wang.helper", &password).await.0, 401);
    let (status, _, me) = login(&app, "wang.helper", &fresh).await;
    assert_eq!(
        (status.as_u16(), me["must_change_password"].as_bool()),
        (200, Some(true))
    );

    // Every change audited, naming the account, the ID number and phone masked only.
    for action in [
        "admin.staff_create",
        "admin.staff_update",
        "admin.staff_disable",
        "admin.staff_enable",
        "admin.staff_reset_password",
    ] {
        let rows = audited(&app, action).await;
        assert_eq!(rows.len(), 1, "{action}");
        assert!(
            !rows[0].contains(ID_NUMBER) && !rows[0].contains(PHONE),
            "{action}: {}",
            rows[0]
        );
    }
    let create = &audited(&app, "admin.staff_create").await[0];
    assert!(
        create.contains("500231********0048") && create.contains("139****6666"),
        "{create}"
    );
    let update = &audited(&app, "admin.staff_update").await[0];
    let update: serde_json::Value = serde_json::from_str(update).unwrap();
    assert_eq!(update["changed"], serde_json::json!(["category"]));
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'admin.staff_%' AND record_id = $1 AND actor_role = 'admin'",
    )
    .bind(&id)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(n, 5);
}

backend_tests!(
    only_the_admin_reaches_staff_accounts,
    the_admin_adds_edits_disables_and_resets
);
