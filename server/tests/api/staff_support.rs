//! What the staff-account tests share: making accounts, signing in step by step, codes.

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use server::accounts::{self, NewUser};
use server::auth::totp;

use crate::helpers::TestApp;

/// A password that passes every rule.
pub const GOOD: &str = "梅花三弄 river 7";

/// Creates a staff account; `password: None` generates one. Answers the password.
pub async fn staff(app: &TestApp, name: &str, role: &str, place: &str, pw: Option<&str>) -> String {
    let user = NewUser {
        username: Some(name.to_owned()),
        display_name: "测试员".to_owned(),
        role: role.to_owned(),
        place: place.to_owned(),
        department: None,
        phone: None,
        password: pw.map(str::to_owned),
    };
    let (_, generated) = accounts::create_user(&app.db, &user).await.unwrap();
    generated.unwrap_or_else(|| pw.unwrap().to_owned())
}

/// The password step: the status and a client that keeps its cookies.
pub async fn login(app: &TestApp, name: &str, pw: &str) -> (StatusCode, Client, Value) {
    let client = app.client();
    let res = client
        .post(app.url("/api/auth/login"))
        .json(&json!({ "username": name, "password": pw }))
        .send()
        .await
        .unwrap();
    let status = res.status();
    let body = res.json().await.unwrap_or(Value::Null);
    (status, client, body)
}

/// `POST path` with a JSON body: the status and the answer's JSON (`Null` if none).
pub async fn post(app: &TestApp, client: &Client, path: &str, body: Value) -> (StatusCode, Value) {
    let res = client.post(app.url(path)).json(&body).send().await.unwrap();
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// `GET path`: the status and the answer's JSON.
pub async fn get(app: &TestApp, client: &Client, path: &str) -> (StatusCode, Value) {
    let res = client.get(app.url(path)).send().await.unwrap();
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// A route every staff member may read (refused to a restricted account).
pub const PULL: &str = "/api/sync/v1/pull?cursor=0&limit=10";

/// The current code of a base32 secret, `offset_steps` steps from now.
pub fn code(secret_base32: &str, offset_steps: i64) -> String {
    let secret = totp::decode_base32(secret_base32).unwrap();
    let now = chrono::Utc::now().timestamp() + offset_steps * totp::STEP as i64;
    totp::code_at(&secret, now as u64).unwrap()
}

/// Enrols the signed-in `client`: answers the base32 secret and the recovery codes.
pub async fn enrol(app: &TestApp, client: &Client) -> (String, Vec<String>) {
    let (status, e) = post(app, client, "/api/account/totp/enrol", json!({})).await;
    assert_eq!(status, 200, "{e}");
    let secret = e["secret"].as_str().unwrap().to_owned();
    assert!(
        e["uri"]
            .as_str()
            .unwrap()
            .starts_with("otpauth://totp/onedoor:")
    );
    assert!(e["qr_svg"].as_str().unwrap().contains("<svg"));
    let (status, body) = post(
        app,
        client,
        "/api/account/totp/confirm",
        json!({"code": "000000"}),
    )
    .await;
    if code(&secret, 0) != "000000" {
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("wrong_code"))
        );
    }
    let (status, body) = post(
        app,
        client,
        "/api/account/totp/confirm",
        json!({"code": code(&secret, 0)}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let recovery: Vec<String> = serde_json::from_value(body["recovery_codes"].clone()).unwrap();
    assert_eq!(recovery.len(), 8);
    (secret, recovery)
}
