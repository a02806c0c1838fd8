//! The printable A4 form, its QR code and the protected ID-card photos over HTTP (issue 18):
//! who may print, what the form carries, that its QR code opens the verification page with a
//! token that verifies, and that only the verification team reads the evidence.

use domain::authorization::{QrToken, number};
use sha2::{Digest, Sha256};

use crate::authorization_web_support::*;
use crate::backend_tests;
use crate::helpers::{Backend, TestApp, spawn_app_on};

backend_tests!(
    the_form_prints_for_staff_who_see_the_household,
    the_qr_code_opens_a_verifying_page,
    evidence_is_for_the_verification_team_only,
    lookups_are_rate_limited_per_address,
);

async fn get(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let res = client.get(app.url(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The `<svg>…</svg>` in `html`.
fn svg_of(html: &str) -> &str {
    let start = html.find("<svg").expect("an inline SVG");
    let end = html[start..].find("</svg>").expect("closed") + start + "</svg>".len();
    &html[start..end]
}

/// The text in the SVG's `<desc>`.
fn desc_of(svg: &str) -> String {
    let start = svg.find("<desc>").unwrap() + "<desc>".len();
    let end = svg.find("</desc>").unwrap();
    svg[start..end].replace("&amp;", "&")
}

async fn the_form_prints_for_staff_who_see_the_household(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let key = test_key(7);
    publish(&app, &key, None).await;
    let r = valid_liu(&app, &key).await;
    let path = format!("/authorizations/{}/print", r.id);

    let clerk = app.sign_in("clerk").await;
    let (status, html) = get(&clerk, &app, &path).await;
    assert_eq!(status, 200, "{html}");
    for expected in [
        "社会救助家庭经济状况核对授权书",
        number(r.id).as_str(),
        "沙坪镇毛家村5组4号",
        // Full names and ID numbers: the printed form is what the policy asks for.
        "刘芳",
        "500231198506012034",
        "刘小雨",
        "监护人：刘芳（母亲）",
        "银行业金融机构",
        "住房公积金管理中心",
        "本人手机验证码",
        "工作人员当面核验身份证",
        r.countersignature
            .as_ref()
            .unwrap()
            .document_sha256
            .as_str(),
        r.countersignature.as_ref().unwrap().key_id.as_str(),
        "/api/attachments/v1/",
    ] {
        assert!(html.contains(expected), "missing {expected}");
    }
    assert!(
        !html.contains("style="),
        "the page policy allows no inline style"
    );
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'authorization.print' AND record_id = $1",
    )
    .bind(r.id.to_string())
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(n, 1);

    // Not signed in: refused; a township that is not the household's: "not found".
    let (status, _) = get(&app.client(), &app, &path).await;
    assert_eq!(status, 401);
    let elsewhere = record_for(
        &app,
        "桂溪街道东门社区和平路8号",
        r.valid_from,
        r.valid_until,
    )
    .await;
    let elsewhere = keep(&app, elsewhere, &key, chrono::Utc::now()).await;
    for p in [
        format!("/authorizations/{}/print", elsewhere.id),
        format!("/api/authorizations/v1/{}/qr.svg", elsewhere.id),
    ] {
        let (status, _) = get(&clerk, &app, &p).await;
        assert_eq!(status, 404, "{p}");
    }
    let (status, _) = get(&clerk, &app, "/authorizations/not-an-id/print").await;
    assert_eq!(status, 404);
    // The supervisor of the county sees both.
    let supervisor = app.sign_in("supervisor").await;
    let (status, _) = get(
        &supervisor,
        &app,
        &format!("/authorizations/{}/print", elsewhere.id),
    )
    .await;
    assert_eq!(status, 200);
}

async fn the_qr_code_opens_a_verifying_page(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let key = test_key(8);
    publish(&app, &key, None).await;
    let r = valid_liu(&app, &key).await;
    let helper = app.sign_in("helper").await;
    let (status, html) = get(&helper, &app, &format!("/authorizations/{}/print", r.id)).await;
    assert_eq!(status, 200);
    let svg = svg_of(&html);
    let url = desc_of(svg);
    let (origin, token) = url.split_once("/verify?code=").expect("a verification URL");
    assert_eq!(origin, app.address);
    let token = QrToken::decode(token).expect("the token decodes");
    assert!(token.matches(&r));
    // The picture is the QR code of exactly that URL.
    assert_eq!(
        server::routes::authorizations::qr::qr_svg(&url).as_deref(),
        Some(svg)
    );
    // The phone's own SVG says the same.
    let res = helper
        .get(app.url(&format!("/api/authorizations/v1/{}/qr.svg", r.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/svg+xml");
    assert_eq!(desc_of(&res.text().await.unwrap()), url);
    // Opening it: genuine and valid.
    let path = url.strip_prefix(&app.address).unwrap();
    let (status, page) = get(&app.client(), &app, path).await;
    assert_eq!(status, 200);
    assert!(page.contains("真实有效"), "{page}");
}

/// A small JPEG: what a phone photo of a signer holding their ID card starts with.
fn photo() -> Vec<u8> {
    let mut bytes = vec![
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0,
    ];
    bytes.extend((0..600).map(|i| (i * 7 % 251) as u8));
    bytes
}

/// Uploads `bytes` as the demo helper, attached to the household (as a phone sends it).
async fn upload(app: &TestApp, household: &str, bytes: &[u8]) -> String {
    let helper = app.sign_in("helper").await;
    let sha = hex::encode(Sha256::digest(bytes));
    let begun: serde_json::Value = helper
        .post(app.url("/api/attachments/v1/uploads"))
        .json(&serde_json::json!({
            "sha256": sha, "size": bytes.len(), "record_kind": "household", "record_id": household,
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let upload = begun["upload_id"].as_str().expect("an upload");
    let res = helper
        .put(app.url(&format!("/api/attachments/v1/uploads/{upload}?offset=0")))
        .body(bytes.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    sha
}

async fn evidence_is_for_the_verification_team_only(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let key = test_key(9);
    publish(&app, &key, None).await;
    let r = valid_liu(&app, &key).await;
    let child = r.members[1].member;
    let sha = upload(&app, &r.household.to_string(), &photo()).await;
    sqlx::query(
        "INSERT INTO authorization_evidence (authorization_id, member_id, sha256) VALUES ($1, $2, $3)",
    )
    .bind(r.id.to_string())
    .bind(child.to_string())
    .bind(&sha)
    .execute(app.db.pool())
    .await
    .unwrap();
    let path = format!("/api/authorizations/v1/{}/evidence/{}", r.id, child);

    let verifier = app.sign_in("verifier").await;
    let res = verifier.get(app.url(&path)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "private, no-store");
    assert_eq!(res.headers()["content-type"], "image/jpeg");
    assert_eq!(res.bytes().await.unwrap().as_ref(), photo().as_slice());
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'authorization.evidence_read'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(n, 1);

    // Everyone else: the same 404, however close to the household.
    for who in ["helper", "clerk", "supervisor", "officer", "admin"] {
        let client = app.sign_in(who).await;
        let (status, _) = get(&client, &app, &path).await;
        assert_eq!(status, 404, "{who}");
    }
    // Another member (no photo kept), or malformed ids: 404 too.
    for p in [
        format!(
            "/api/authorizations/v1/{}/evidence/{}",
            r.id, r.members[0].member
        ),
        format!("/api/authorizations/v1/{}/evidence/x", r.id),
    ] {
        let (status, _) = get(&verifier, &app, &p).await;
        assert_eq!(status, 404, "{p}");
    }
}

async fn lookups_are_rate_limited_per_address(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let client = app.client();
    let limit = server::routes::authorizations::rate::MAX_LOOKUPS;
    for _ in 0..limit {
        let (status, _) = get(
            &client,
            &app,
            "/api/authorizations/v1/verify?number=0000-0000-0000-0000",
        )
        .await;
        assert_eq!(status, 404);
    }
    let res = client
        .get(app.url("/api/authorizations/v1/verify?number=0000-0000-0000-0000"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    assert!(res.headers().contains_key("retry-after"));
    // The page says so too, in words.
    let (status, page) = get(&client, &app, "/verify?number=0000-0000-0000-0000").await;
    assert_eq!(status, 429);
    assert!(page.contains("查询过于频繁"));
}
