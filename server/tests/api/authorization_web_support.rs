//! Fixtures for the authorization web tests: a demo household's authorization, countersigned
//! with a test key published in `authorization_keys` and kept as the server keeps it (the
//! record through `import_record`, its row in `authorizations`), before and apart from the
//! sync push path.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use domain::authorization::{
    AuthorizationRecord, AuthorizationText, CoveredMember, IdentityCheck, Mark, QrToken,
    Revocation, Signatory, Signature, key_id, number,
};
use domain::clocks::china_date;
use domain::fieldwork::AttachmentRef;
use domain::ids::{AuthorizationId, HouseholdId, MemberId, UserId};
use domain::jurisdiction::{PlaceCode, RecordScope};
use domain::sync::RecordKind;
use ed25519_dalek::SigningKey;
use serde_json::Value;
use uuid::Uuid;

use crate::helpers::TestApp;
use server::db::time;

/// The test countersigning key `n`.
pub fn test_key(n: u8) -> SigningKey {
    SigningKey::from_bytes(&[n; 32])
}

/// Publishes `key` from 2020 (to `until`, if retired).
pub async fn publish(app: &TestApp, key: &SigningKey, until: Option<DateTime<Utc>>) {
    let from = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap();
    sqlx::query(
        "INSERT INTO authorization_keys (key_id, public_key, valid_from, valid_until) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (key_id) DO NOTHING",
    )
    .bind(key_id(&key.verifying_key()))
    .bind(hex::encode(key.verifying_key().as_bytes()))
    .bind(time::to_db(from))
    .bind(until.map(time::to_db))
    .execute(app.db.pool())
    .await
    .unwrap();
}

/// The demo household at `address`: its id, place and body.
pub async fn household(app: &TestApp, address: &str) -> (HouseholdId, String, Value) {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT id, place_code, body FROM records WHERE kind = 'household'")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    rows.into_iter()
        .find_map(|(id, place, body)| {
            let body: Value = serde_json::from_str(&body).unwrap();
            (body["address"] == address)
                .then(|| (HouseholdId(Uuid::parse_str(&id).unwrap()), place, body))
        })
        .expect("the demo household")
}

fn sha(n: u32) -> AttachmentRef {
    AttachmentRef::parse(&format!("{n:064x}")).unwrap()
}

/// 刘芳 and her daughter 刘小雨 (毛家村5组4号): the mother signs for herself by hand (one-time
/// code), and for her daughter as guardian (in person).
pub async fn liu_family(
    app: &TestApp,
    valid_from: NaiveDate,
    valid_until: NaiveDate,
) -> AuthorizationRecord {
    record_for(app, "沙坪镇毛家村5组4号", valid_from, valid_until).await
}

/// An authorization of the demo household at `address` covering its members.
pub async fn record_for(
    app: &TestApp,
    address: &str,
    valid_from: NaiveDate,
    valid_until: NaiveDate,
) -> AuthorizationRecord {
    let (household, _, body) = household(app, address).await;
    let text = AuthorizationText::builtin();
    let members: Vec<CoveredMember> = body["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| CoveredMember {
            member: MemberId(Uuid::parse_str(m["id"].as_str().unwrap()).unwrap()),
            name: m["name"].as_str().unwrap().to_owned(),
            id_number: m["id_number"].as_str().unwrap().to_owned(),
            limited_capacity: false,
        })
        .collect();
    let at = Utc::now() - Duration::hours(1);
    let first = &members[0];
    let signatures = members
        .iter()
        .enumerate()
        .map(|(i, m)| Signature {
            member: m.member,
            by: if i == 0 {
                Signatory::Member
            } else {
                Signatory::Guardian {
                    name: first.name.clone(),
                    id_number: first.id_number.clone(),
                    relation: "母亲".to_owned(),
                    member: Some(first.member),
                }
            },
            mark: Mark::Handwritten {
                image: sha(100 + i as u32),
                strokes: None,
            },
            identity: if i == 0 {
                IdentityCheck::OneTimeCode {
                    phone_masked: "138****0001".to_owned(),
                    proof: "proof".to_owned(),
                    confirmed_at: at,
                }
            } else {
                IdentityCheck::InPerson {
                    attested_by: UserId(Uuid::from_u128(10)),
                    id_card_photo: None,
                }
            },
            signed_at: at,
        })
        .collect();
    AuthorizationRecord {
        id: AuthorizationId(Uuid::now_v7()),
        household,
        text_version: text.version.clone(),
        text_sha256: text.sha256(),
        scopes: text.scopes.clone(),
        valid_from,
        valid_until,
        addendum_to: None,
        members,
        signatures,
        collected_by: UserId(Uuid::from_u128(10)),
        signed_at: at,
        countersignature: None,
        revocation: None,
    }
}

/// Countersigns `record` with `key` at `at` and keeps it as the server does.
pub async fn keep(
    app: &TestApp,
    mut record: AuthorizationRecord,
    key: &SigningKey,
    at: DateTime<Utc>,
) -> AuthorizationRecord {
    record.countersignature = Some(record.countersign(key, at));
    let place = place_of(app, record.household).await;
    let scope = RecordScope {
        place: PlaceCode::parse(&place).unwrap(),
        owner: None,
        departments: Vec::new(),
        helpers: Vec::new(),
    };
    let mut tx = app.db.begin_write().await.unwrap();
    server::sync::import_record(
        &mut tx,
        RecordKind::Authorization,
        record.id.0,
        &scope,
        &serde_json::to_value(&record).unwrap(),
        Uuid::nil(),
    )
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO authorizations (id, number, household_id, valid_from, valid_until, \
         countersigned_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, NULL)",
    )
    .bind(record.id.to_string())
    .bind(number(record.id))
    .bind(record.household.to_string())
    .bind(record.valid_from.to_string())
    .bind(record.valid_until.to_string())
    .bind(time::to_db(at))
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    record
}

async fn place_of(app: &TestApp, id: HouseholdId) -> String {
    let (place,): (String,) =
        sqlx::query_as("SELECT place_code FROM records WHERE kind = 'household' AND id = $1")
            .bind(id.to_string())
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    place
}

/// A valid authorization of the 刘 family, countersigned an hour ago with `key`.
pub async fn valid_liu(app: &TestApp, key: &SigningKey) -> AuthorizationRecord {
    let today = china_date(Utc::now());
    let r = liu_family(app, today - Duration::days(1), today + Duration::days(300)).await;
    keep(app, r, key, Utc::now() - Duration::minutes(30)).await
}

/// Withdraws `record` as the server records it (body and row).
pub async fn revoke(app: &TestApp, record: &AuthorizationRecord) {
    let mut r = record.clone();
    let at = Utc::now();
    r.revocation = Some(Revocation {
        member: r.members[0].member,
        recorded_by: UserId(Uuid::from_u128(11)),
        at,
        reason: None,
    });
    set_body(app, &r).await;
    sqlx::query("UPDATE authorizations SET revoked_at = $1 WHERE id = $2")
        .bind(time::to_db(at))
        .bind(r.id.to_string())
        .execute(app.db.pool())
        .await
        .unwrap();
}

/// Overwrites the kept body behind the server's back.
pub async fn set_body(app: &TestApp, record: &AuthorizationRecord) {
    sqlx::query("UPDATE records SET body = $1 WHERE kind = 'authorization' AND id = $2")
        .bind(serde_json::to_string(record).unwrap())
        .bind(record.id.to_string())
        .execute(app.db.pool())
        .await
        .unwrap();
}

/// The QR code's text of a kept record.
pub fn code(record: &AuthorizationRecord) -> String {
    QrToken::of(record).unwrap().encode()
}
