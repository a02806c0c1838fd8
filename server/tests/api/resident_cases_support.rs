//! Fixtures of the resident's "我的申请" tests: reading the pages' links and forms, and
//! moving demo records behind the API's back where the demo has no case in the needed state.

use serde_json::Value;
use uuid::Uuid;

use crate::helpers::TestApp;

/// The case ids the list page links to, in order.
pub fn linked_cases(html: &str) -> Vec<Uuid> {
    html.split("href=\"/my/cases/")
        .skip(1)
        .filter_map(|rest| Uuid::parse_str(rest.get(..36)?).ok())
        .collect()
}

/// A page's text.
pub async fn page(client: &reqwest::Client, url: String) -> (u16, String) {
    let res = client.get(url).send().await.expect("page answers");
    (res.status().as_u16(), res.text().await.expect("text"))
}

/// Posts a form; answers the final status and page (redirects followed).
pub async fn post_form(
    client: &reqwest::Client,
    url: String,
    form: &[(&str, &str)],
) -> (u16, String) {
    let res = client
        .post(url)
        .form(form)
        .send()
        .await
        .expect("post answers");
    (res.status().as_u16(), res.text().await.expect("text"))
}

/// A resident account's id.
pub async fn user_id(app: &TestApp, phone: &str) -> Uuid {
    let (id,): (String,) = sqlx::query_as("SELECT id FROM users WHERE phone = $1")
        .bind(phone)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    Uuid::parse_str(&id).unwrap()
}

/// A stored record's body and scope as JSON, and its version.
pub async fn record(app: &TestApp, kind: &str, id: Uuid) -> (Value, Value, i64) {
    let (body, scope, version): (String, String, i64) =
        sqlx::query_as("SELECT body, scope, version FROM records WHERE kind = $1 AND id = $2")
            .bind(kind)
            .bind(id.to_string())
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    (
        serde_json::from_str(&body).unwrap(),
        serde_json::from_str(&scope).unwrap(),
        version,
    )
}

/// Rewrites a stored record's body and scope (a test's shortcut, not a way the server writes).
pub async fn rewrite(app: &TestApp, kind: &str, id: Uuid, body: &Value, scope: &Value) {
    let mut tx = app.db.begin_write().await.unwrap();
    sqlx::query("UPDATE records SET body = $1, scope = $2 WHERE kind = $3 AND id = $4")
        .bind(body.to_string())
        .bind(scope.to_string())
        .bind(kind)
        .bind(id.to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

/// The demo case told its result and not rated yet (李建国's), made `resident`'s own, as if
/// they had applied online; answers its id.
pub async fn told_case_of(app: &TestApp, resident: Uuid) -> Uuid {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT id, body FROM records WHERE kind = 'case' ORDER BY id")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    let id = rows
        .iter()
        .find_map(|(id, body)| {
            let v: Value = serde_json::from_str(body).ok()?;
            (v["case"]["state"] == "result_notified" && v["case"]["evaluation"].is_null())
                .then(|| Uuid::parse_str(id).unwrap())
        })
        .expect("a demo case told and not rated");
    let (mut body, mut scope, _) = record(app, "case", id).await;
    body["case"]["applicant"] = Value::String(resident.to_string());
    scope["owner"] = Value::String(resident.to_string());
    rewrite(app, "case", id, &body, &scope).await;
    id
}

/// Gives a member of the household of case `case` the phone `phone`.
pub async fn member_phone(app: &TestApp, case: Uuid, phone: &str) {
    let (body, _, _) = record(app, "case", case).await;
    let household = Uuid::parse_str(body["household"].as_str().unwrap()).unwrap();
    let (mut home, scope, _) = record(app, "household", household).await;
    let members = home["members"].as_array_mut().unwrap();
    let last = members.last_mut().unwrap();
    last["phone"] = Value::String(phone.to_owned());
    rewrite(app, "household", household, &home, &scope).await;
}

/// The hidden fields of the form posting to `action` on `html`: the operation id and version.
pub fn form_fields(html: &str, action: &str) -> (String, String) {
    let form = html
        .split(&format!("action=\"{action}\""))
        .nth(1)
        .unwrap_or_else(|| panic!("no form to {action}"));
    let value = |name: &str| {
        form.split(&format!("name=\"{name}\" value=\""))
            .nth(1)
            .and_then(|v| v.split('"').next())
            .unwrap()
            .to_owned()
    };
    (value("op"), value("version"))
}
