//! The authorization's public surfaces over HTTP (issue 18): the published keys, the text,
//! and verification by QR code or number, as JSON and as the `/verify` page — genuine,
//! altered, revoked, expired, forged, unknown — with personal data masked.

use chrono::{Duration, Utc};
use domain::authorization::{QrToken, key_id, number};
use domain::clocks::china_date;
use serde_json::Value;

use crate::authorization_web_support::*;
use crate::backend_tests;
use crate::helpers::{Backend, TestApp, spawn_app_on};

async fn verify(app: &TestApp, query: &str) -> (u16, Value) {
    let res = app
        .client()
        .get(app.url(&format!("/api/authorizations/v1/verify?{query}")))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap())
}

async fn by_code(app: &TestApp, code: &str) -> (u16, Value) {
    verify(app, &format!("code={code}")).await
}

async fn by_number(app: &TestApp, n: &str) -> (u16, Value) {
    verify(app, &format!("number={n}")).await
}

async fn page(app: &TestApp, query: &str) -> (u16, String) {
    let res = app
        .client()
        .get(app.url(&format!("/verify{query}")))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("style-src 'self'"), "{csp}");
    (status, res.text().await.unwrap())
}

backend_tests!(
    keys_are_published_across_a_rotation,
    genuine_and_valid_by_code_and_by_number,
    altered_revoked_and_expired_are_told,
    forged_and_unknown_tell_nothing,
    the_page_shows_the_verdict,
    text_is_public_and_only_an_admin_loads_one,
);

async fn keys_are_published_across_a_rotation(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let (old, new) = (test_key(1), test_key(2));
    publish(&app, &old, Some(Utc::now())).await;
    publish(&app, &new, None).await;
    let res = app
        .client()
        .get(app.url("/api/authorizations/v1/keys"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "public, max-age=3600");
    let keys: Vec<Value> = res.json().await.unwrap();
    for (key, retired) in [(&old, true), (&new, false)] {
        let id = key_id(&key.verifying_key());
        let k = keys
            .iter()
            .find(|k| k["key_id"] == id.as_str())
            .expect("published");
        assert_eq!(k["public_key"], hex::encode(key.verifying_key().as_bytes()));
        assert_eq!(k["valid_until"].is_null(), !retired);
    }
}

async fn genuine_and_valid_by_code_and_by_number(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let key = test_key(3);
    publish(&app, &key, None).await;
    let r = valid_liu(&app, &key).await;
    let n = number(r.id);
    let (status, by_code) = by_code(&app, &code(&r)).await;
    assert_eq!(status, 200, "{by_code}");
    // The number typed in lowercase without dashes finds it too.
    let (status, by_num) = by_number(&app, &n.replace('-', "").to_lowercase()).await;
    assert_eq!(status, 200, "{by_num}");
    for v in [&by_code, &by_num] {
        assert_eq!(v["genuine"], true, "{v}");
        assert_eq!(v["unaltered"], true);
        assert_eq!(v["standing"], "valid");
        assert_eq!(v["number"], n.as_str());
        assert_eq!(v["valid_until"], r.valid_until.to_string());
        assert!(v["revoked_at"].is_null());
        let members = v["members"].as_array().unwrap();
        assert_eq!(members.len(), 2);
        assert_eq!(members[0]["name"], "刘*");
        assert_eq!(members[0]["id_number"], "500231********2034");
        assert_eq!(members[0]["signed_by"], "self");
        assert_eq!(members[0]["identity"], "one_time_code");
        assert_eq!(members[1]["name"], "刘*雨");
        assert_eq!(members[1]["signed_by"], "guardian");
        assert_eq!(members[1]["guardian_relation"], "母亲");
        assert_eq!(members[1]["mark"], "handwritten");
        assert_eq!(members[1]["identity"], "in_person");
        // Nothing in full: no name, no ID number.
        let text = v.to_string();
        for m in &r.members {
            assert!(!text.contains(&m.name), "{text}");
            assert!(!text.contains(&m.id_number), "{text}");
        }
    }
    // Every look-up is audited, with the number and the result and nothing personal.
    let details: Vec<(String,)> =
        sqlx::query_as("SELECT detail FROM audit_log WHERE action = 'authorization.verify'")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    assert_eq!(details.len(), 2);
    for (d,) in details {
        assert!(d.contains(&n) && d.contains("\"valid\""), "{d}");
        assert!(!d.contains("刘"), "{d}");
    }
}

async fn altered_revoked_and_expired_are_told(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let key = test_key(4);
    publish(&app, &key, None).await;

    // Altered: a member's ID number changed in the database behind the server's back.
    let r = valid_liu(&app, &key).await;
    let mut changed = r.clone();
    changed.members[1].id_number = "500231201209093039".to_owned();
    set_body(&app, &changed).await;
    for (_, v) in [
        by_code(&app, &code(&r)).await,
        by_number(&app, &number(r.id)).await,
    ] {
        assert_eq!(v["genuine"], true, "{v}");
        assert_eq!(v["unaltered"], false, "{v}");
        assert_eq!(v["members"].as_array().unwrap().len(), 0, "{v}");
    }

    // Revoked.
    let r = valid_liu(&app, &key).await;
    revoke(&app, &r).await;
    for (_, v) in [
        by_code(&app, &code(&r)).await,
        by_number(&app, &number(r.id)).await,
    ] {
        assert_eq!(v["genuine"], true, "{v}");
        assert_eq!(v["unaltered"], true, "{v}");
        assert_eq!(v["standing"], "revoked", "{v}");
        assert!(v["revoked_at"].is_string(), "{v}");
    }

    // Expired: signed 400 days ago for a year.
    let today = china_date(Utc::now());
    let old = liu_family(
        &app,
        today - Duration::days(400),
        today - Duration::days(36),
    )
    .await;
    let r = keep(&app, old, &key, Utc::now() - Duration::days(400)).await;
    for (_, v) in [
        by_code(&app, &code(&r)).await,
        by_number(&app, &number(r.id)).await,
    ] {
        assert_eq!(v["genuine"], true, "{v}");
        assert_eq!(v["standing"], "expired", "{v}");
    }
}

async fn forged_and_unknown_tell_nothing(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let key = test_key(5);
    publish(&app, &key, None).await;
    let r = valid_liu(&app, &key).await;

    // A signature changed by one bit, or a code signed by a key nobody published.
    let mut token = QrToken::of(&r).unwrap();
    token.signature[10] ^= 1;
    let mut stranger = r.clone();
    stranger.countersignature = Some(stranger.countersign(&test_key(99), Utc::now()));
    for forged in [token.encode(), code(&stranger)] {
        let (status, v) = by_code(&app, &forged).await;
        assert_eq!(status, 200);
        assert_eq!(v["genuine"], false, "{v}");
        assert!(v["number"].is_null() && v["standing"].is_null(), "{v}");
        assert_eq!(v["members"].as_array().unwrap().len(), 0);
    }

    // An unknown number and a malformed code: the same 404.
    let (s1, unknown) = by_number(&app, "ZZZZ-ZZZZ-ZZZZ-ZZZZ").await;
    let (s2, malformed) = by_code(&app, "A-not-a-code").await;
    let (s3, not_a_number) = by_number(&app, "!!").await;
    assert_eq!((s1, s2, s3), (404, 404, 404));
    assert_eq!(unknown, malformed);
    assert_eq!(unknown, not_a_number);
    // Neither given: a clean 400.
    let (status, _) = verify(&app, "").await;
    assert_eq!(status, 400);
}

async fn the_page_shows_the_verdict(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let key = test_key(6);
    publish(&app, &key, None).await;
    let r = valid_liu(&app, &key).await;

    let (status, html) = page(&app, "").await;
    assert_eq!(status, 200);
    assert!(html.contains("name=\"number\"") && html.contains("核对授权书核验"));

    let (status, html) = page(&app, &format!("?code={}", code(&r))).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("真实有效") && html.contains("Genuine and valid"),
        "{html}"
    );
    assert!(html.contains("刘*雨") && !html.contains("刘小雨"), "{html}");
    assert!(
        !html.contains("style="),
        "the page policy allows no inline style"
    );

    let mut token = QrToken::of(&r).unwrap();
    token.signature[0] ^= 0x80;
    let (_, html) = page(&app, &format!("?code={}", token.encode())).await;
    assert!(html.contains("无法验证") && !html.contains("刘*"), "{html}");

    revoke(&app, &r).await;
    let (_, html) = page(&app, &format!("?number={}", number(r.id))).await;
    assert!(
        html.contains("已撤回") && !html.contains("真实有效"),
        "{html}"
    );

    // Typed input is escaped, not markup.
    let (status, html) = page(&app, "?number=%3Cscript%3Ex").await;
    assert_eq!(status, 404);
    assert!(
        html.contains("&lt;script&gt;x") && !html.contains("<script>x"),
        "{html}"
    );
}

async fn text_is_public_and_only_an_admin_loads_one(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let res = app
        .client()
        .get(app.url("/api/authorizations/v1/text"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let text: Value = res.json().await.unwrap();
    let builtin = domain::authorization::AuthorizationText::builtin();
    assert_eq!(text["version"], builtin.version.as_str());
    assert_eq!(text["sha256"], builtin.sha256().as_str());

    let mut next = builtin.clone();
    next.version = "2027-1".to_owned();
    next.validity_months = 24;
    let clerk = app.sign_in("clerk").await;
    let res = clerk
        .post(app.url("/api/authorizations/v1/texts"))
        .json(&next)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let admin = app.sign_in("admin").await;
    let res = admin
        .post(app.url("/api/authorizations/v1/texts"))
        .json(&next)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    let text: Value = app
        .client()
        .get(app.url("/api/authorizations/v1/text"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(text["version"], "2027-1");
    // The same text again changes nothing; another text under that version is refused.
    let res = admin
        .post(app.url("/api/authorizations/v1/texts"))
        .json(&next)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let mut other = next.clone();
    other.validity_months = 6;
    let res = admin
        .post(app.url("/api/authorizations/v1/texts"))
        .json(&other)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    // Invalid: no scopes.
    let mut bad = next.clone();
    bad.version = "2027-2".to_owned();
    bad.scopes.clear();
    let res = admin
        .post(app.url("/api/authorizations/v1/texts"))
        .json(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let res = admin
        .post(app.url("/api/authorizations/v1/texts"))
        .body("not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
}
