//! A signer confirmed by a one-time code to their own phone: the server's proof goes into the
//! signature and the push checks it; a made-up, borrowed or reused proof is refused.

use chrono::Utc;
use domain::authorization::IdentityCheck;
use domain::household::Household;
use domain::identity::MobilePhone;
use domain::ids::MemberId;
use domain::jurisdiction::Actor;
use serde_json::Value;
use server::auth::sms::{DevSender, last_dev_code};
use server::authorization::identity::{IdentityCodeError, confirm_code, send_code};

use crate::authorization_support::*;
use crate::backend_tests;
use crate::helpers::{Backend, TestApp, spawn_app_on};
use crate::materials_support::{applied, refused};
use crate::sync_support::actor;

backend_tests!(a_signer_confirmed_by_a_one_time_code);

/// The family of [`family`], its member `n` with `phone` registered, pushed by `helper`.
async fn registered(app: &TestApp, helper: &Actor, n: usize, phone: &str) -> Household {
    let mut family = family();
    family.members[n].phone = Some(MobilePhone::parse(phone).unwrap());
    assert_eq!(
        applied(&send_signed(app, helper, vec![create(&family)]).await[0]),
        1
    );
    family
}

/// The body of a confirmation of `code` by `signer` for the consents of `members`.
fn confirm_body(family: &Household, members: &[MemberId], signer: MemberId, code: &str) -> Value {
    serde_json::json!({ "household": family.id, "members": members, "signer": signer, "code": code })
}

async fn a_signer_confirmed_by_a_one_time_code(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let phone = "13900000077";
    let family = registered(&app, &helper, 1, phone).await;
    let husband = family.members[1].id;
    let sms = DevSender {
        outbox: app.sms_outbox.clone(),
    };
    // Nobody registered a phone for the wife.
    let wife = family.members[0].id;
    assert!(matches!(
        send_code(db, &app.codes, &sms, &family, wife, Utc::now()).await,
        Err(IdentityCodeError::NoPhone)
    ));
    let masked = send_code(db, &app.codes, &sms, &family, husband, Utc::now())
        .await
        .unwrap();
    assert_eq!(masked, "139****0077");
    assert!(matches!(
        send_code(db, &app.codes, &sms, &family, husband, Utc::now()).await,
        Err(IdentityCodeError::TooSoon(_))
    ));
    let code = last_dev_code(&app.sms_outbox, phone).expect("a code was sent");
    let keys = keys(&app);
    let wrong = if code == "000000" { "111111" } else { "000000" };
    assert!(matches!(
        confirm_code(
            db,
            &app.codes,
            &keys,
            &family,
            husband,
            husband,
            wrong,
            Utc::now()
        )
        .await,
        Err(IdentityCodeError::WrongCode)
    ));
    let confirmed = confirm_code(
        db,
        &app.codes,
        &keys,
        &family,
        husband,
        husband,
        &code,
        Utc::now(),
    )
    .await
    .unwrap();
    // Single use.
    assert!(matches!(
        confirm_code(
            db,
            &app.codes,
            &keys,
            &family,
            husband,
            husband,
            &code,
            Utc::now()
        )
        .await,
        Err(IdentityCodeError::WrongCode)
    ));
    let by_code = IdentityCheck::OneTimeCode {
        phone_masked: confirmed.phone_masked.clone(),
        proof: confirmed.proof.clone(),
        confirmed_at: confirmed.confirmed_at,
    };
    let mut record = signed(&family, &helper, 9000);
    // The proof is for the husband: on the wife's signature it is refused.
    record.signatures[0].identity = by_code.clone();
    let answer = send_signed(&app, &helper, vec![push_package(&record)]).await;
    assert!(refused(&answer[0]).1.contains("验证码"));
    let mut forged = by_code.clone();
    if let IdentityCheck::OneTimeCode { phone_masked, .. } = &mut forged {
        *phone_masked = "139****0078".to_owned();
    }
    let mut record = signed(&family, &helper, 9000);
    record.signatures[1].identity = forged;
    let answer = send_signed(&app, &helper, vec![push_package(&record)]).await;
    assert!(refused(&answer[0]).1.contains("验证码"));
    // On his own signature: countersigned, the method recorded.
    let mut record = signed(&family, &helper, 9000);
    record.signatures[1].identity = by_code.clone();
    let answer = send_signed(&app, &helper, vec![push_package(&record)]).await;
    assert_eq!(applied(&answer[0]), 1);
    let kept = server::authorization::store::find(db, record.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.signatures[1].identity, by_code);
    // Never a sign-in code: kept under its own key, not the bare phone a sign-in redeems.
    let (bare,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM otp_codes WHERE phone = $1")
        .bind(phone)
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(bare, 0);
}

backend_tests!(identity_codes_over_http);

/// The helper's phone asks for a code and confirms it over HTTP; the proof it gets is one the
/// push accepts. Outsiders get the same 404 as for an unknown household; refusals carry a code.
async fn identity_codes_over_http(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let helper = actor(&app.db, "helper").await;
    let phone = "13900000088";
    let family = registered(&app, &helper, 0, phone).await;
    let (wife, husband, child) = (
        family.members[0].id,
        family.members[1].id,
        family.members[2].id,
    );
    let send = serde_json::json!({ "household": family.id, "signer": wife });
    let url = app.url("/api/authorizations/v1/identity-codes");
    let anonymous = app.client().post(&url).json(&send).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    let admin = app.sign_in("admin").await;
    let outsider = admin.post(&url).json(&send).send().await.unwrap();
    assert_eq!(outsider.status(), 404);
    let client = app.sign_in("helper").await;
    let unknown = serde_json::json!({ "household": uuid::Uuid::now_v7(), "signer": wife });
    let answer = client.post(&url).json(&unknown).send().await.unwrap();
    assert_eq!(answer.status(), 404);
    // The husband has no phone: refused with a code the phone translates.
    let no_phone = serde_json::json!({ "household": family.id, "signer": husband });
    let answer = client.post(&url).json(&no_phone).send().await.unwrap();
    assert_eq!(answer.status(), 422);
    let body: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(body["code"], "no_phone");
    let answer = client.post(&url).json(&send).send().await.unwrap();
    assert_eq!(answer.status(), 200);
    let body: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(body["phone_masked"], "139****0088");
    let again = client.post(&url).json(&send).send().await.unwrap();
    assert_eq!(again.status(), 429);
    let code = last_dev_code(&app.sms_outbox, phone).expect("a code was sent");
    let confirm_url = app.url("/api/authorizations/v1/identity-codes/confirm");
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let confirm = |code: &str| confirm_body(&family, &[wife, child], wife, code);
    let answer = client
        .post(&confirm_url)
        .json(&confirm(wrong))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 422);
    let body: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(body["code"], "wrong_code");
    let answer = client
        .post(&confirm_url)
        .json(&confirm(&code))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let answer: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(answer["confirmations"].as_array().unwrap().len(), 2);
    // One code, two consents: her own and her granddaughter's, whom she signs for.
    let mut record = signed(&family, &helper, 9100);
    for (n, member) in [wife, child].into_iter().enumerate() {
        let proof = &answer["confirmations"][n];
        assert_eq!(proof["member"], serde_json::json!(member));
        let s = record
            .signatures
            .iter_mut()
            .find(|s| s.member == member)
            .unwrap();
        s.identity = IdentityCheck::OneTimeCode {
            phone_masked: proof["phone_masked"].as_str().unwrap().to_owned(),
            proof: proof["proof"].as_str().unwrap().to_owned(),
            confirmed_at: serde_json::from_value(proof["confirmed_at"].clone()).unwrap(),
        };
    }
    let answer = send_signed(&app, &helper, vec![push_package(&record)]).await;
    assert_eq!(applied(&answer[0]), 1);
    let (sent, confirmed): (i64, i64) = sqlx::query_as(
        "SELECT SUM(CASE WHEN action = 'authorization.identity_code_sent' THEN 1 ELSE 0 END), \
         SUM(CASE WHEN action = 'authorization.identity_confirmed' THEN 1 ELSE 0 END) FROM audit_log",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!((sent, confirmed), (1, 1));
}

backend_tests!(wrong_codes_are_limited_per_account);

/// Guessing is counted before it is checked: after ten wrong codes from one account within the
/// window, the eleventh attempt is refused (429) without being checked, the right code too.
async fn wrong_codes_are_limited_per_account(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let helper = actor(&app.db, "helper").await;
    let phone = "13900000099";
    let family = registered(&app, &helper, 0, phone).await;
    let wife = family.members[0].id;
    let client = app.sign_in("helper").await;
    let sent = client
        .post(app.url("/api/authorizations/v1/identity-codes"))
        .json(&serde_json::json!({ "household": family.id, "signer": wife }))
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 200);
    let code = last_dev_code(&app.sms_outbox, phone).expect("a code was sent");
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let confirm = |code: &str| confirm_body(&family, &[wife], wife, code);
    let url = app.url("/api/authorizations/v1/identity-codes/confirm");
    for _ in 0..server::routes::authorizations::identity_code::MAX_CONFIRMS_PER_ACCOUNT {
        let answer = client
            .post(&url)
            .json(&confirm(wrong))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 422);
    }
    let answer = client
        .post(&url)
        .json(&confirm(&code))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 429);
    assert!(answer.headers().contains_key("retry-after"));
}
