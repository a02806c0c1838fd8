//! Issue 21 point 5: villages imported through the imports' preview and all-or-nothing commit
//! (`/admin/places/import`): each rejected row named by line and column and why, nothing
//! written while any is rejected; new villages added and existing ones' names and
//! populations updated in one transaction, each audited; the same file twice writes nothing
//! new; XLSX read like CSV; the sample imports as it is; only the admin.

use serde_json::Value;

use crate::backend_tests;
use crate::county_support::{get, text};
use crate::helpers::{Backend, TestApp, spawn_app_on};

const HEAD: &str = "区划代码,村（社区）名称,英文名称,实有人口\n";

/// A multipart body with `fields` and, when given, a file `(name, bytes)` as `file`.
pub fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "----onedoor-import-boundary";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((name, bytes)) = file {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .as_bytes(),
        );
        body.extend(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A sheet of `csv`'s cells, every cell text, as an XLSX file.
pub fn xlsx_of(csv: &str) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in csv.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

async fn send(
    app: &TestApp,
    client: &reqwest::Client,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> (u16, String) {
    let (content_type, body) = multipart(fields, file);
    let res = client
        .post(app.url("/admin/places/import"))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn place(app: &TestApp, code: &str) -> Option<(String, Option<i64>)> {
    sqlx::query_as("SELECT name_zh, population FROM places WHERE code = $1")
        .bind(code)
        .fetch_optional(app.db.pool())
        .await
        .unwrap()
}

async fn audits(app: &TestApp) -> Vec<(String, Value)> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT action, detail FROM audit_log WHERE action IN \
         ('admin.add_place', 'admin.edit_place', 'admin.import_places') ORDER BY seq",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    rows.into_iter()
        .map(|(a, d)| (a, serde_json::from_str(&d).unwrap()))
        .collect()
}

/// The `<tr>` of line `line` in a report.
fn line(html: &str, line: usize) -> &str {
    html.split(&format!("data-line=\"{line}\""))
        .nth(1)
        .unwrap_or_else(|| panic!("line {line} in {html}"))
        .split("</tr>")
        .next()
        .unwrap()
}

fn data_of(html: &str) -> String {
    let start = html.find("name=\"data\" value=\"").expect("a commit form") + 19;
    html[start..].split('"').next().unwrap().to_owned()
}

async fn villages_are_previewed_then_committed_all_or_nothing(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    for who in ["supervisor", "clerk"] {
        let client = app.sign_in(who).await;
        assert_eq!(get(&client, &app, "/admin/places/import").await.0, 404);
        let (status, _) = send(&app, &client, &[("action", "preview")], None).await;
        assert_eq!(status, 404, "{who}");
    }
    let admin = app.sign_in("admin").await;
    let (status, bytes) = get(&admin, &app, "/admin/places").await;
    assert_eq!(status, 200);
    assert!(text(&bytes).contains("href=\"/admin/places/import\""));
    let (status, bytes) = get(&admin, &app, "/admin/places/import?lang=en").await;
    assert_eq!(status, 200);
    assert!(text(&bytes).contains("Import villages"));

    // Line 2: a new village; 3: 毛家村's population changed; 4: a township that is not there;
    // 5: a bad population; 6: line 2's code again; 7: no name, a code of 11 digits.
    let bad = format!(
        "{HEAD}500231101209,新建村,Xinjian Village,800\n\
         500231101201,毛家村,Maojia Village,1400\n\
         500231555201,无镇村,,100\n\
         500231101208,八村,,1200人\n\
         500231101209,又一村,,5\n\
         50023110120,,,\n"
    );
    let before = audits(&app).await.len();
    for action in ["preview", "commit"] {
        let (status, html) = send(
            &app,
            &admin,
            &[("action", action)],
            Some(("places.csv", bad.as_bytes())),
        )
        .await;
        assert_eq!(status, 422, "{html}");
        assert!(html.contains("data-rejected=\"4\""), "{html}");
        for (at, code, column) in [
            (4, "code_outside_jurisdiction", "区划代码"),
            (5, "population_not_number", "实有人口"),
            (6, "code_repeated", "区划代码"),
            (7, "code_invalid", "区划代码"),
            (7, "name_missing", "村（社区）名称"),
        ] {
            let row = line(&html, at);
            assert!(
                row.contains(&format!("data-error=\"{code}\""))
                    && row.contains(&format!("第 {at} 行「{column}」")),
                "line {at} {code}: {row}"
            );
        }
        assert!(line(&html, 2).contains("新增"));
        assert!(line(&html, 3).contains("1350 → 1400"));
        assert!(!html.contains("data-action=\"commit\""));
        assert_eq!(place(&app, "500231101209").await, None, "nothing written");
        assert_eq!(place(&app, "500231101201").await.unwrap().1, Some(1350));
        assert_eq!(audits(&app).await.len(), before);
    }

    // Fixed, and sent as XLSX: previewed, then committed from the preview's own copy.
    let good = format!(
        "{HEAD}500231101209,新建村,Xinjian Village,800\n\
         500231101201,毛家村,Maojia Village,1400\n\
         500231101202,李家村,Lijia Village,860\n"
    );
    let file = xlsx_of(&good);
    let (status, html) = send(
        &app,
        &admin,
        &[("action", "preview")],
        Some(("places.xlsx", &file)),
    )
    .await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("data-rejected=\"0\""), "{html}");
    let data = data_of(&html);
    let (status, html) = send(&app, &admin, &[("data", &data), ("action", "commit")], None).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("data-said=\"imported\""), "{html}");
    assert_eq!(
        place(&app, "500231101209").await,
        Some(("新建村".to_owned(), Some(800)))
    );
    assert_eq!(place(&app, "500231101201").await.unwrap().1, Some(1400));
    let written = audits(&app).await;
    let actions: Vec<&str> = written[before..].iter().map(|(a, _)| a.as_str()).collect();
    // 李家村 as it stands: not written.
    assert_eq!(
        actions,
        ["admin.add_place", "admin.edit_place", "admin.import_places"]
    );
    assert_eq!(written[before + 1].1["before"]["population"], 1350);
    assert_eq!(written[before + 1].1["source"], "import");
    assert_eq!(written[before + 2].1["added"], 1);
    let (_, bytes) = get(&admin, &app, "/admin/places").await;
    assert!(text(&bytes).contains("新建村"));

    // The same file twice: nothing new written.
    let (status, html) = send(&app, &admin, &[("data", &data), ("action", "commit")], None).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("data-said=\"nothing\""), "{html}");
    assert_eq!(audits(&app).await.len(), written.len());

    // The sample: the villages as they stand, which import as they are and change nothing.
    let (status, sample) = get(&admin, &app, "/admin/places/import/sample.csv").await;
    assert_eq!(status, 200);
    let sample_text = text(&sample);
    assert!(sample_text.contains("500231101209,新建村,Xinjian Village,800"));
    let (status, html) = send(
        &app,
        &admin,
        &[("action", "commit")],
        Some(("sample.csv", &sample)),
    )
    .await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("data-said=\"nothing\""), "{html}");
    assert_eq!(audits(&app).await.len(), written.len());

    // A file without the columns is refused whole, at 422.
    let (status, html) = send(
        &app,
        &admin,
        &[("action", "preview")],
        Some(("x.csv", b"a,b\n1,2\n")),
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("缺少列"), "{html}");
}

backend_tests!(villages_are_previewed_then_committed_all_or_nothing);
