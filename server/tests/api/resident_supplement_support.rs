//! Fixtures of the resident's supplement tests: a case waiting for two materials on the
//! window's notice, made a resident's own; multipart forms built by hand (the test client
//! has no multipart feature, and the form is simple).

use domain::sync::RecordKind;
use domain::workflow::Command;
use serde_json::Value;
use uuid::Uuid;

use crate::helpers::TestApp;
use crate::materials_support::*;
use crate::resident_cases_support::{record, rewrite, user_id};
use crate::sync_support::actor;

/// The helper's intake with the hardship statement and the household register missing, the
/// window's notice listing both, the case and its checklist made `phone`'s own (as if they had
/// applied online); answers the case's id.
pub async fn waiting_case_of(app: &TestApp, phone: &str) -> Uuid {
    waiting_case_with(app, phone, None).await
}

/// [`waiting_case_of`], with `joined` (a member, as JSON) added to the stored household after
/// the intake and before the notice: the case then requires the member's materials, which the
/// checklist never listed, and the notice lists them.
pub async fn waiting_case_with(app: &TestApp, phone: &str, joined: Option<Value>) -> Uuid {
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let clerk = actor(db, "clerk").await;
    let mut intake = intake(&helper);
    intake.materials = without(intake.materials, "hardship_statement");
    intake.materials = without(intake.materials, "hukou");
    assert!(
        send(db, &helper, intake.ops())
            .await
            .iter()
            .all(|o| applied(o) > 0)
    );
    if let Some(member) = joined {
        join(app, intake.household.id.0, member).await;
    }
    let notice = Command::RequestSupplement {
        seen: vec![],
        missing: vec![],
    };
    assert_eq!(
        applied(&send(db, &clerk, vec![command(intake.case, 3, notice)]).await[0]),
        4
    );
    let resident = user_id(app, phone).await;
    let id = intake.case.0;
    let (mut body, mut scope, _) = record(app, "case", id).await;
    body["case"]["applicant"] = Value::String(resident.to_string());
    scope["owner"] = Value::String(resident.to_string());
    rewrite(app, "case", id, &body, &scope).await;
    let (body, mut scope, _) = record(app, RecordKind::Materials.code(), id).await;
    scope["owner"] = Value::String(resident.to_string());
    rewrite(app, RecordKind::Materials.code(), id, &body, &scope).await;
    id
}

/// A small JPEG-looking file, different for each `n`.
pub fn jpeg(n: u8) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0];
    bytes.extend(std::iter::repeat_n(n, 64));
    bytes
}

/// The names of the page's file inputs, in order.
pub fn file_fields(html: &str) -> Vec<String> {
    html.split("<input type=\"file\"")
        .skip(1)
        .filter_map(|rest| {
            let name = rest.split("name=\"").nth(1)?;
            Some(name.split('"').next()?.to_owned())
        })
        .collect()
}

/// Posts the supplement form with fresh operation ids and `files` (field, bytes); answers the
/// final status and page (redirects followed).
pub async fn post_photos(
    client: &reqwest::Client,
    url: String,
    files: &[(&str, Vec<u8>)],
) -> (u16, String) {
    let boundary = "----onedoor-test-boundary";
    let mut body: Vec<u8> = Vec::new();
    for (name, value) in [("op", Uuid::now_v7()), ("op2", Uuid::now_v7())] {
        body.extend(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (name, bytes) in files {
        body.extend(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"photo.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").as_bytes());
    let res = client
        .post(url)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .expect("post answers");
    (res.status().as_u16(), res.text().await.expect("text"))
}

/// An adult son of the fixtures' household (born 1985), a new member with id `id`.
pub fn adult_son(id: Uuid) -> Value {
    serde_json::json!({
        "id": id,
        "name": "王建军",
        "id_number": "500231198506070015",
        "relation": "child",
        "disability": null,
        "health": "healthy",
        "employment": "farming",
        "phone": null,
    })
}

/// Adds `member` to the stored household `household` (a test's shortcut: the household
/// changed after the checklist was filled in).
pub async fn join(app: &TestApp, household: Uuid, member: Value) {
    let (mut home, scope, _) = record(app, RecordKind::Household.code(), household).await;
    home["members"].as_array_mut().unwrap().push(member);
    rewrite(app, RecordKind::Household.code(), household, &home, &scope).await;
}
