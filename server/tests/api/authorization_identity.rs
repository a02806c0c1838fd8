//! A signer confirmed by a one-time code to their own phone: the server's proof goes into the
//! signature and the push checks it; a made-up, borrowed or reused proof is refused.

use chrono::Utc;
use domain::authorization::IdentityCheck;
use domain::identity::MobilePhone;
use server::auth::sms::{DevSender, last_dev_code};
use server::authorization::identity::{IdentityCodeError, confirm_code, send_code};

use crate::authorization_support::*;
use crate::backend_tests;
use crate::helpers::{Backend, spawn_app_on};
use crate::materials_support::{applied, refused};
use crate::sync_support::actor;

backend_tests!(a_signer_confirmed_by_a_one_time_code);

async fn a_signer_confirmed_by_a_one_time_code(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let phone = "13900000077";
    let mut family = family();
    family.members[1].phone = Some(MobilePhone::parse(phone).unwrap());
    let husband = family.members[1].id;
    assert_eq!(
        applied(&send_signed(&app, &helper, vec![create(&family)]).await[0]),
        1
    );
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
