use chrono::{NaiveDate, TimeDelta};
use uuid::Uuid;

use super::test_support::*;
use super::*;
use crate::catalogue::{Catalogue, MaterialCode, RequiredMaterial};
use crate::household::{Employment, Health, Household, Member, Relation};
use crate::identity::{IdNumber, PersonName};
use crate::ids::{CaseId, MemberId};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 11, 15).unwrap()
}

fn child_id() -> MemberId {
    MemberId(Uuid::from_u128(2))
}

/// The fixtures' applicant (an adult, chronically ill) and her granddaughter at school.
fn family() -> Household {
    let mut h = household();
    h.members.push(Member {
        id: child_id(),
        name: PersonName::parse("王小雨").unwrap(),
        id_number: IdNumber::parse("500231201503150022", today()).unwrap(),
        relation: Relation::Grandchild,
        disability: None,
        health: Health::Healthy,
        employment: Employment::Student,
        phone: None,
    });
    h
}

fn code(c: &str) -> MaterialCode {
    MaterialCode(c.to_owned())
}

/// 临时救助 for the family: form, register, statement, two ID cards, one authorization.
fn required() -> Vec<RequiredMaterial> {
    required_for(
        &Catalogue::builtin(),
        &[item("temporary")],
        &family(),
        today(),
    )
}

/// Every required material photographed (one photo each), the authorization signed.
fn complete() -> MaterialsRecord {
    let entries = required()
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let status = if r.material.as_str() == AUTHORIZATION {
                MaterialStatus::Signed {
                    signature: sha(100 + i as u32),
                }
            } else {
                MaterialStatus::Photographed {
                    photos: vec![sha(i as u32)],
                }
            };
            MaterialEntry {
                material: r.material,
                member: r.member,
                status,
            }
        })
        .collect();
    MaterialsRecord {
        id: CaseId(Uuid::from_u128(77)),
        household: household_id(),
        collected_by: helper(),
        updated_at: at(3),
        entries,
    }
}

fn position(m: &MaterialsRecord, material: &str, member: Option<MemberId>) -> usize {
    m.entries
        .iter()
        .position(|e| e.material.as_str() == material && e.member == member)
        .unwrap()
}

#[test]
fn required_for_follows_the_items_and_the_household() {
    let r = required();
    let has =
        |m: &str, who: Option<MemberId>| r.iter().any(|x| x.material == code(m) && x.member == who);
    assert!(has("hukou", None) && has("hardship_statement", None));
    assert!(has("id_card", Some(member_id())) && has("id_card", Some(child_id())));
    // Only the adult signs the authorization.
    assert!(has(AUTHORIZATION, Some(member_id())));
    assert!(!has(AUTHORIZATION, Some(child_id())));
    assert_eq!(r.len(), 6);
}

#[test]
fn a_complete_checklist_is_valid_and_round_trips_flat() {
    let m = complete();
    assert_eq!(m.validate(&required(), now()), Ok(()));
    assert!(m.missing().is_empty());
    assert!(m.outstanding(&required()).is_empty());
    assert_eq!(m.attachments().len(), 6);
    let json = serde_json::to_value(&m).unwrap();
    let signed = position(&m, AUTHORIZATION, Some(member_id()));
    assert_eq!(json["entries"][signed]["status"], "signed");
    assert!(json["entries"][signed]["signature"].is_string());
    assert_eq!(json["entries"][0]["status"], "photographed");
    assert!(json["entries"][0]["photos"].is_array());
    assert_eq!(serde_json::from_value::<MaterialsRecord>(json).unwrap(), m);
    // A missing material is just its status; a household material may leave `member` out.
    let missing: MaterialEntry =
        serde_json::from_value(serde_json::json!({ "material": "hukou", "status": "missing" }))
            .unwrap();
    assert_eq!(missing.status, MaterialStatus::Missing);
    assert_eq!(missing.member, None);
}

#[test]
fn every_required_material_is_listed_exactly_once_and_nothing_else() {
    let mut m = complete();
    let hukou = position(&m, "hukou", None);
    let lost = m.entries.remove(hukou);
    let twice = m.entries[0].clone();
    m.entries.push(twice);
    m.entries.push(MaterialEntry {
        material: code("medical_bills"),
        member: None,
        status: MaterialStatus::Missing,
    });
    // The child's authorization is not required: children do not sign.
    m.entries.push(MaterialEntry {
        material: authorization(),
        member: Some(child_id()),
        status: MaterialStatus::Missing,
    });
    let errors = m.validate(&required(), now()).unwrap_err();
    assert_eq!(
        errors,
        [
            FieldworkError::MaterialListedTwice {
                index: 5,
                material: m.entries[0].material.clone()
            },
            FieldworkError::AttachmentUsedTwice {
                entry: 5,
                photo: Some(0),
                first_entry: 0
            },
            FieldworkError::MaterialNotRequired {
                index: 6,
                material: code("medical_bills")
            },
            FieldworkError::MaterialNotRequired {
                index: 7,
                material: authorization()
            },
            FieldworkError::MaterialNotListed {
                material: lost.material,
                member: None
            },
        ]
    );
    let paths: Vec<_> = errors.iter().map(FieldworkError::path).collect();
    assert_eq!(
        paths,
        [
            "entries[5]",
            "entries[5].photos[0]",
            "entries[6]",
            "entries[7]",
            "entries"
        ]
    );
    assert_eq!(errors[4].message_zh(), "材料清单缺少“hukou”");
    assert_eq!(
        errors[4].message_zh_in(&Catalogue::builtin()),
        "材料清单缺少“户口簿”"
    );
}

#[test]
fn a_photographed_material_has_one_to_ten_photos_none_twice() {
    let mut m = complete();
    m.entries[0].status = MaterialStatus::Photographed { photos: vec![] };
    m.entries[1].status = MaterialStatus::Photographed {
        photos: (200..211).map(sha).collect(),
    };
    m.entries[2].status = MaterialStatus::Photographed {
        photos: vec![sha(300), sha(301), sha(300)],
    };
    let errors = m.validate(&required(), now()).unwrap_err();
    assert_eq!(
        errors,
        [
            FieldworkError::NoPhotos {
                entry: 0,
                material: m.entries[0].material.clone()
            },
            FieldworkError::MaterialTooManyPhotos {
                entry: 1,
                max: MAX_PHOTOS_PER_MATERIAL,
                found: 11
            },
            FieldworkError::AttachmentUsedTwice {
                entry: 2,
                photo: Some(2),
                first_entry: 2
            },
        ]
    );
    assert_eq!(errors[0].path(), "entries[0].photos");
    assert_eq!(errors[2].path(), "entries[2].photos[2]");
    assert_eq!(errors[2].message_zh(), "同一张照片重复添加");
    m.entries[1].status = MaterialStatus::Photographed {
        photos: (200..210).map(sha).collect(),
    };
    m.entries[0].status = MaterialStatus::Missing;
    m.entries[2].status = MaterialStatus::Photographed {
        photos: vec![sha(300)],
    };
    assert_eq!(m.validate(&required(), now()), Ok(()));
}

#[test]
fn only_the_authorization_is_signed_and_no_signature_serves_twice() {
    let mut m = complete();
    let hukou = position(&m, "hukou", None);
    let signed = position(&m, AUTHORIZATION, Some(member_id()));
    let MaterialStatus::Signed { signature } = m.entries[signed].status.clone() else {
        unreachable!()
    };
    m.entries[hukou].status = MaterialStatus::Signed { signature };
    let errors = m.validate(&required(), now()).unwrap_err();
    let first = hukou.min(signed) as i64;
    let later = hukou.max(signed) as i64;
    assert_eq!(
        errors,
        [
            FieldworkError::SignedNotAuthorization {
                entry: hukou as i64,
                material: code("hukou")
            },
            FieldworkError::AttachmentUsedTwice {
                entry: later,
                photo: None,
                first_entry: first
            },
        ]
    );
    assert_eq!(errors[0].path(), format!("entries[{hukou}].status"));
    assert!(
        errors[0]
            .message_zh_in(&Catalogue::builtin())
            .contains("户口簿")
    );
    assert!(
        errors[1]
            .message_zh()
            .contains(&format!("第{}项", first + 1))
    );
}

#[test]
fn updated_at_may_not_lie_in_the_future() {
    let mut m = complete();
    m.updated_at = now() + TimeDelta::seconds(FUTURE_TOLERANCE_SECONDS + 1);
    let errors = m.validate(&required(), now()).unwrap_err();
    assert_eq!(
        errors,
        [FieldworkError::InFuture {
            field: Field::UpdatedAt
        }]
    );
    assert_eq!(errors[0].path(), "updated_at");
    assert_eq!(errors[0].message_zh(), "更新时间不能晚于当前时间");
}

#[test]
fn missing_lists_each_missing_material_once_in_order() {
    let mut m = complete();
    for e in &mut m.entries {
        if e.material.as_str() == "id_card" || e.material.as_str() == "hukou" {
            e.status = MaterialStatus::Missing;
        }
    }
    assert_eq!(m.missing(), [code("hukou"), code("id_card")]);
    assert_eq!(m.outstanding(&required()), m.missing());
    assert_eq!(m.validate(&required(), now()), Ok(()));
    // Photos of missing materials are gone from the attachments.
    assert_eq!(m.attachments().len(), 3);
}

#[test]
fn outstanding_also_counts_what_the_checklist_does_not_know_yet() {
    let m = complete();
    // The household gained an adult since: their ID card and authorization are outstanding.
    let mut grown = family();
    let mut son = grown.members[1].clone();
    son.id = MemberId(Uuid::from_u128(3));
    son.id_number = IdNumber::parse("500231198506070015", today()).unwrap();
    grown.members.push(son.clone());
    let now_required = required_for(&Catalogue::builtin(), &[item("temporary")], &grown, today());
    assert_eq!(
        m.outstanding(&now_required),
        [code("id_card"), code(AUTHORIZATION)]
    );
    assert!(m.missing().is_empty());
    assert_eq!(m.adults_without_authorization(&grown, today()), [son.id]);
}

#[test]
fn adults_without_authorization_counts_signed_or_photographed_ones() {
    let mut m = complete();
    assert!(
        m.adults_without_authorization(&family(), today())
            .is_empty()
    );
    assert_eq!(m.authorized_members(), [member_id()]);
    let signed = position(&m, AUTHORIZATION, Some(member_id()));
    m.entries[signed].status = MaterialStatus::Photographed {
        photos: vec![sha(900)],
    };
    assert!(
        m.adults_without_authorization(&family(), today())
            .is_empty()
    );
    m.entries[signed].status = MaterialStatus::Missing;
    assert_eq!(
        m.adults_without_authorization(&family(), today()),
        [member_id()]
    );
    assert_eq!(m.missing(), [authorization()]);
}
