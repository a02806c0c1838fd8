//! Issue 21 point 5: staff accounts imported through a preview and an all-or-nothing commit:
//! bad rows rejected by line with their errors, nothing written while any row is rejected,
//! then every account added with a generated password shown once; only the admin.

use crate::backend_tests;
use crate::helpers::{Backend, TestApp, spawn_app_on};
use crate::staff_support::login;

const HEAD: &str = "username,name,role,place,department,phone,id_number,category\n";

/// A multipart body with `fields` and, when given, the CSV as `file`.
fn multipart(fields: &[(&str, &str)], csv: Option<&str>) -> (String, Vec<u8>) {
    let boundary = "----onedoor-staff-boundary";
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    if let Some(csv) = csv {
        body.push_str(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"staff.csv\"\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n"));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    (
        format!("multipart/form-data; boundary={boundary}"),
        body.into_bytes(),
    )
}

async fn send(
    app: &TestApp,
    client: &reqwest::Client,
    fields: &[(&str, &str)],
    csv: Option<&str>,
) -> (u16, String) {
    let (content_type, body) = multipart(fields, csv);
    let res = client
        .post(app.url("/admin/staff/import"))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn accounts(app: &TestApp) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    n
}

/// The base64 the preview carries to the commit.
fn data_of(html: &str) -> String {
    let start = html.find("name=\"data\" value=\"").expect("a commit form") + 19;
    html[start..].split('"').next().unwrap().to_owned()
}

async fn bad_rows_are_rejected_by_line_and_nothing_is_written(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let clerk = app.sign_in("clerk").await;
    assert_eq!(
        send(&app, &clerk, &[("action", "preview")], Some(HEAD))
            .await
            .0,
        404
    );
    let admin = app.sign_in("admin").await;
    let before = accounts(&app).await;
    let csv = format!(
        "{HEAD}zhao.helper,赵帮办,帮办代办员,500231101202,,13911112222,500231197809200038,网格员\n\
         helper,钱帮办,helper,500231101201,,,,\n\
         sun.helper,孙帮办,helper,500231101202,,13911112222,500231197809200039,boss\n\
         li.clerk,李窗口,window_clerk,500231999,,,,\n"
    );
    for action in ["preview", "commit"] {
        let (status, html) = send(&app, &admin, &[("action", action)], Some(&csv)).await;
        assert_eq!(status, 422, "{html}");
        assert!(html.contains("data-rejected=\"3\""), "{html}");
        // Line 3: the sign-in name is the demo helper's; line 4: the phone repeats line 2's,
        // the ID number's check digit is wrong, the category unknown; line 5: no such place.
        for (line, code) in [
            (3, "username_taken"),
            (4, "phone_repeated"),
            (4, "id_number_invalid"),
            (4, "category_unknown"),
            (5, "place_unknown"),
        ] {
            let row = html
                .split(&format!("data-line=\"{line}\""))
                .nth(1)
                .unwrap()
                .split("</tr>")
                .next()
                .unwrap();
            assert!(
                row.contains(&format!("data-error=\"{code}\"")),
                "line {line} {code}: {row}"
            );
        }
        assert!(!html.contains("data-action=\"commit\""));
        assert_eq!(accounts(&app).await, before, "nothing written");
    }

    // A good file: previewed, then committed from the preview's own copy.
    let csv = format!(
        "{HEAD}zhao.helper,赵帮办,帮办代办员,500231101202,,13911112222,500231197809200038,网格员\n\
         qian.helper,钱帮办,helper,500231101201,,,,social_worker\n"
    );
    let (status, html) = send(&app, &admin, &[("action", "preview")], Some(&csv)).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(accounts(&app).await, before);
    let data = data_of(&html);
    let (status, html) = send(&app, &admin, &[("data", &data), ("action", "commit")], None).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("data-said=\"imported\""));
    assert_eq!(accounts(&app).await, before + 2);
    let row = html.split("data-username=\"zhao.helper\"").nth(1).unwrap();
    let start = row.find("data-field=\"password\">").unwrap() + 22;
    let password = row[start..].split('<').next().unwrap();
    let (status, _, me) = login(&app, "zhao.helper", password).await;
    assert_eq!(
        (status.as_u16(), me["must_change_password"].as_bool()),
        (200, Some(true))
    );
    let (category, id_number): (Option<String>, Option<String>) = sqlx::query_as(
        "SELECT staff_category, id_number FROM users WHERE username = 'zhao.helper'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(category.as_deref(), Some("grid_worker"));
    assert_eq!(id_number.as_deref(), Some("500231197809200038"));
    let details: Vec<(String,)> =
        sqlx::query_as("SELECT detail FROM audit_log WHERE action = 'admin.staff_create'")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    assert_eq!(details.len(), 2);
    assert!(details.iter().all(|d| d.0.contains("\"import\"")
        && !d.0.contains("500231197809200038")
        && !d.0.contains("13911112222")));
    // The same file again: every row is now taken, nothing written twice.
    let (status, _) = send(&app, &admin, &[("data", &data), ("action", "commit")], None).await;
    assert_eq!(status, 422);
    assert_eq!(accounts(&app).await, before + 2);
}

/// The same import from an XLSX file: the first sheet read as the CSV is, bad rows named by
/// their sheet row, then committed.
async fn an_xlsx_file_imports_as_a_csv_does(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let admin = app.sign_in("admin").await;
    let before = accounts(&app).await;
    let post = |file: Vec<u8>| {
        let (content_type, body) = crate::admin_places_import::multipart(
            &[("action", "preview")],
            Some(("staff.xlsx", &file)),
        );
        admin
            .post(app.url("/admin/staff/import"))
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let bad = format!(
        "{HEAD}zhou.helper,周帮办,帮办代办员,500231101202,,13911113333,,网格员\n\
         wu.helper,吴帮办,nobody,500231101201,,,,\n"
    );
    let res = post(crate::admin_places_import::xlsx_of(&bad))
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    let row = html.split("data-line=\"3\"").nth(1).unwrap();
    assert!(row.contains("data-error=\"role_unknown\""), "{row}");
    let good = format!("{HEAD}zhou.helper,周帮办,帮办代办员,500231101202,,13911113333,,网格员\n");
    let res = post(crate::admin_places_import::xlsx_of(&good))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let data = data_of(&res.text().await.unwrap());
    let (status, html) = send(&app, &admin, &[("data", &data), ("action", "commit")], None).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(accounts(&app).await, before + 1);
    let (category,): (Option<String>,) =
        sqlx::query_as("SELECT staff_category FROM users WHERE username = 'zhou.helper'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(category.as_deref(), Some("grid_worker"));
}

backend_tests!(
    bad_rows_are_rejected_by_line_and_nothing_is_written,
    an_xlsx_file_imports_as_a_csv_does,
);
