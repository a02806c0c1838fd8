//! Fixtures for the authorization tests: a family of three adults and a child, the text in
//! force, a package signed for all of them (the child through her mother), and server keys.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use ed25519_dalek::SigningKey;
use uuid::Uuid;

use super::*;
use crate::fieldwork::AttachmentRef;
use crate::household::{Employment, Health, Household, Member, Relation};
use crate::identity::{IdNumber, PersonName};
use crate::ids::{AuthorizationId, HouseholdId, MemberId, UserId};
use crate::jurisdiction::PlaceCode;

pub fn signed_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 2, 0, 0).unwrap()
}

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 3, 0, 0).unwrap()
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn sha(n: u32) -> AttachmentRef {
    AttachmentRef::parse(&format!("{n:064x}")).unwrap()
}

pub fn helper() -> UserId {
    UserId(Uuid::from_u128(10))
}

pub fn member(n: u128) -> MemberId {
    MemberId(Uuid::from_u128(n))
}

fn person(n: u128, name: &str, id: &str, relation: Relation) -> Member {
    Member {
        id: member(n),
        name: PersonName::parse(name).unwrap(),
        id_number: IdNumber::parse(id, day(2026, 12, 1)).unwrap(),
        relation,
        disability: None,
        health: Health::Healthy,
        employment: Employment::Farming,
        phone: None,
    }
}

/// 王秀英 (applicant), her husband, their son (adult) and a granddaughter of 11.
pub fn household() -> Household {
    Household {
        id: HouseholdId(Uuid::from_u128(9)),
        place: PlaceCode::parse("500231101201-G01").unwrap(),
        address: "沙坪镇毛家村3组12号".to_owned(),
        members: vec![
            person(1, "王秀英", "500231195803124020", Relation::Applicant),
            person(2, "李国华", "500231196005013013", Relation::Spouse),
            person(3, "李明", "500231198807203010", Relation::Child),
            person(4, "李小雨", "500231201509014021", Relation::Grandchild),
        ],
        income: vec![],
        property: vec![],
        housing_damaged: false,
    }
}

pub fn text() -> AuthorizationText {
    AuthorizationText::builtin()
}

pub fn in_person(photo: u32) -> IdentityCheck {
    IdentityCheck::InPerson {
        attested_by: helper(),
        id_card_photo: Some(sha(photo)),
    }
}

pub fn own_signature(n: u128) -> Signature {
    Signature {
        member: member(n),
        by: Signatory::Member,
        mark: Mark::Handwritten {
            image: sha(100 + n as u32),
            strokes: Some("1,2,0;3,4,16".to_owned()),
        },
        identity: in_person(200 + n as u32),
        signed_at: signed_at(),
    }
}

/// The granddaughter's consent, given by her father 李明 (a member too).
pub fn guardian_signature() -> Signature {
    Signature {
        member: member(4),
        by: Signatory::Guardian {
            name: "李明".to_owned(),
            id_number: "500231198807203010".to_owned(),
            relation: "父亲".to_owned(),
            member: Some(member(3)),
        },
        mark: Mark::Handwritten {
            image: sha(104),
            strokes: None,
        },
        identity: in_person(204),
        signed_at: signed_at(),
    }
}

/// A valid package for the whole household, not yet countersigned.
pub fn package() -> AuthorizationRecord {
    let h = household();
    let text = text();
    AuthorizationRecord {
        id: AuthorizationId(Uuid::from_u128(0x0193_0000_0000_7000_8000_0000_0000_0042)),
        household: h.id,
        text_version: text.version.clone(),
        text_sha256: text.sha256(),
        scopes: text.scopes.clone(),
        valid_from: day(2026, 12, 1),
        valid_until: day(2027, 11, 30),
        addendum_to: None,
        members: h
            .members
            .iter()
            .map(|m| CoveredMember {
                member: m.id,
                name: m.name.expose().to_owned(),
                id_number: m.id_number.expose().to_owned(),
                limited_capacity: false,
            })
            .collect(),
        signatures: vec![
            own_signature(1),
            own_signature(2),
            own_signature(3),
            guardian_signature(),
        ],
        collected_by: helper(),
        signed_at: signed_at(),
        countersignature: None,
        revocation: None,
    }
}

pub const ALLOWED: &[IdentityMethod] = &[IdentityMethod::InPerson, IdentityMethod::OneTimeCode];

pub fn against<'a>(h: &'a Household, t: &'a AuthorizationText) -> Against<'a> {
    Against {
        household: h,
        text: t,
        base: None,
        allowed: ALLOWED,
        now: now(),
    }
}

pub fn server_key(n: u8) -> SigningKey {
    SigningKey::from_bytes(&[n; 32])
}

/// `key` published from the beginning of 2026 (to `until`, if retired).
pub fn published(key: &SigningKey, until: Option<DateTime<Utc>>) -> PublishedKey {
    PublishedKey {
        key_id: key_id(&key.verifying_key()),
        public_key: hex::encode(key.verifying_key().as_bytes()),
        valid_from: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        valid_until: until,
    }
}

/// The package countersigned by `key` at [`now`], as the server keeps it (photos out).
pub fn countersigned(key: &SigningKey) -> AuthorizationRecord {
    let mut r = package();
    strip_photos(&mut r);
    r.countersignature = Some(r.countersign(key, now()));
    r
}

pub fn strip_photos(r: &mut AuthorizationRecord) {
    for s in &mut r.signatures {
        if let IdentityCheck::InPerson { id_card_photo, .. } = &mut s.identity {
            *id_card_photo = None;
        }
    }
}
