//! The intake's authorization package built from the draft: a family of three adults and a
//! child signing through her father, a minor without a guardian, reuse, and an addendum.

use chrono::{NaiveDate, TimeZone};
use domain::authorization::{AuthorizationError, Countersignature, IdentityCheck, Signatory};
use domain::household::{Employment, Health, Member, Relation};
use domain::identity::PersonName;
use domain::jurisdiction::PlaceCode;
use domain::role::Role;
use domain::workflow::Actor;

use super::*;
use crate::forms::intake::materials::{AUTHORIZATION, MaterialDraft};
use crate::forms::intake::{IntakeDraft, Stored};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 2, 0, 0).unwrap()
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn helper() -> UserId {
    UserId(Uuid::from_u128(10))
}

fn member(n: u128) -> MemberId {
    MemberId(Uuid::from_u128(n))
}

fn sha(n: u32) -> String {
    format!("{n:064x}")
}

fn person(n: u128, name: &str, id: &str, relation: Relation) -> Member {
    Member {
        id: member(n),
        name: PersonName::parse(name).unwrap(),
        id_number: IdNumber::parse(id, day()).unwrap(),
        relation,
        disability: None,
        health: Health::Healthy,
        employment: Employment::Farming,
        phone: None,
    }
}

/// 王秀英, her husband, their son (adult) and a granddaughter of 11.
fn household() -> Household {
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

/// Every signer of `draft` signs (the granddaughter through her father 李明).
fn sign_all(draft: &mut AuthorizationDraft) {
    for (i, s) in draft.signers.iter_mut().enumerate() {
        s.image = Some(sha(100 + i as u32));
        s.strokes = Some("1,2,0;3,4,16".to_owned());
        s.id_card_photo = Some(sha(200 + i as u32));
        if s.member == member(4).to_string() {
            s.guardian = member(3).to_string();
            s.guardian_relation = "父亲".to_owned();
        }
    }
}

fn draft_for(h: &Household, records: &[AuthorizationRecord]) -> AuthorizationDraft {
    let mut d = AuthorizationDraft::default();
    let signers = coverage(h, records, day()).signers(h);
    d.refresh(&signers, || {
        Uuid::from_u128(0x0193_0000_0000_7000_8000_0000_0000_0042)
    });
    d
}

/// The package of a family of four, countersigned (as pulled after sync).
fn countersigned(h: &Household) -> AuthorizationRecord {
    let mut d = draft_for(h, &[]);
    sign_all(&mut d);
    let mut r = plan(&d, h, &[], helper(), &Accepted::default(), now())
        .unwrap()
        .record
        .unwrap();
    r.countersignature = Some(Countersignature {
        key_id: "k".to_owned(),
        at: now(),
        document_sha256: r.document_sha256(),
        signature: "00".to_owned(),
    });
    r
}

#[test]
fn a_family_of_three_adults_and_a_child_through_her_guardian_validates() {
    let h = household();
    let mut d = draft_for(&h, &[]);
    assert_eq!(d.signers.len(), 4, "everybody signs a new package");
    sign_all(&mut d);
    let signed = plan(&d, &h, &[], helper(), &Accepted::default(), now()).expect("valid");
    let r = signed.record.expect("a package");
    assert_eq!(r.members.len(), 4);
    assert_eq!(r.valid_from, day());
    assert_eq!(
        r.valid_until,
        NaiveDate::from_ymd_opt(2027, 11, 30).unwrap()
    );
    assert!(r.addendum_to.is_none());
    let child = r.signatures.iter().find(|s| s.member == member(4)).unwrap();
    assert!(matches!(
        &child.by,
        Signatory::Guardian { name, member: Some(g), .. } if name == "李明" && *g == member(3)
    ));
    assert!(check(&r, &h, None, &Accepted::default(), now()).is_empty());
    assert_eq!(signed.covering.len(), 4);
    assert!(signed.covering.iter().all(|(_, a)| *a == r.id));
}

#[test]
fn a_minor_without_a_guardian_is_refused_at_her_line() {
    let h = household();
    let mut d = draft_for(&h, &[]);
    sign_all(&mut d);
    let child = d
        .signers
        .iter_mut()
        .find(|s| s.member == member(4).to_string())
        .unwrap();
    child.guardian.clear();
    child.guardian_relation.clear();
    let found = plan(&d, &h, &[], helper(), &Accepted::default(), now()).unwrap_err();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].path, format!("authorization.{}", member(4)));
    let r = d
        .package(&h, &Coverage::New, helper(), &Accepted::default(), now())
        .expect("a package");
    assert_eq!(
        check(&r, &h, None, &Accepted::default(), now()),
        vec![AuthorizationError::GuardianInvalid { member: member(4) }]
    );

    // Unsigned lines and a missing ID-card photo show at their members too.
    d.signers[0].image = None;
    d.signers[1].id_card_photo = None;
    let found = plan(&d, &h, &[], helper(), &Accepted::default(), now()).unwrap_err();
    let paths: Vec<&str> = found.iter().map(|e| e.path.as_str()).collect();
    assert!(
        paths.contains(&format!("authorization.{}", member(1)).as_str()),
        "{paths:?}"
    );
    assert!(
        paths.contains(&format!("authorization.{}", member(2)).as_str()),
        "{paths:?}"
    );
}

fn lines_for_adults(h: &Household) -> Vec<MaterialDraft> {
    h.adult_members(day())
        .map(|m| MaterialDraft {
            material: AUTHORIZATION.to_owned(),
            member: m.id.to_string(),
            ..MaterialDraft::default()
        })
        .collect()
}

fn actor() -> Actor {
    Actor {
        user: helper(),
        role: Role::Helper,
    }
}

#[test]
fn a_usable_authorization_is_reused_and_marks_the_checklist_authorized() {
    let h = household();
    let base = countersigned(&h);
    let records = vec![base.clone()];
    assert!(matches!(
        coverage(&h, &records, day()),
        Coverage::Reused { .. }
    ));
    let intake = IntakeDraft {
        authorization: draft_for(&h, &records),
        ..IntakeDraft::default()
    };
    assert!(
        intake.authorization.signers.is_empty(),
        "nobody signs again"
    );
    let mut lines = lines_for_adults(&h);
    let stored = Stored {
        authorizations: records,
        ..Stored::default()
    };
    let signed = intake
        .plan_authorization(&mut lines, &h, &stored, &actor(), now())
        .unwrap();
    assert!(signed.record.is_none(), "nothing new to save");
    assert_eq!(lines.len(), 3);
    for l in &lines {
        assert_eq!(l.authorization, Some(base.id.to_string()));
        assert!(l.done() && !l.missing);
    }

    // Revoked, it is not reused: a new package is asked for.
    let mut revoked = base;
    revoked.revocation = Some(domain::authorization::Revocation {
        member: member(1),
        recorded_by: helper(),
        at: now(),
        reason: None,
    });
    assert_eq!(coverage(&h, &[revoked], day()), Coverage::New);
}

#[test]
fn an_adult_added_since_signs_an_addendum_alone() {
    let mut h = household();
    let base = countersigned(&h);
    h.members.push(person(
        5,
        "张丽",
        "500231199001014020",
        Relation::ChildInLaw,
    ));
    let records = vec![base.clone()];
    let cover = coverage(&h, &records, day());
    assert_eq!(
        cover,
        Coverage::Addendum {
            base: base.clone(),
            members: vec![member(5)]
        }
    );
    let mut d = AuthorizationDraft::default();
    d.refresh(&cover.signers(&h), || {
        Uuid::from_u128(0x0193_0000_0000_7000_8000_0000_0000_0043)
    });
    assert_eq!(d.signers.len(), 1);
    assert_eq!(d.signers[0].member, member(5).to_string());
    sign_all(&mut d);
    let signed =
        plan(&d, &h, &records, helper(), &Accepted::default(), now()).expect("valid addendum");
    let addendum = signed.record.expect("an addendum");
    assert_eq!(addendum.addendum_to, Some(base.id));
    assert_eq!(addendum.valid_until, base.valid_until);
    assert_eq!(addendum.members.len(), 1);
    assert!(check(&addendum, &h, Some(&base), &Accepted::default(), now()).is_empty());
    assert!(signed.covering.contains(&(member(1), base.id)));
    assert!(signed.covering.contains(&(member(5), addendum.id)));

    // Put off: the checklist lists the authorization as missing, and nothing is signed.
    let intake = IntakeDraft {
        authorization: AuthorizationDraft {
            deferred: true,
            ..d
        },
        ..IntakeDraft::default()
    };
    let mut lines = lines_for_adults(&h);
    let stored = Stored {
        authorizations: records,
        ..Stored::default()
    };
    let put_off = intake
        .plan_authorization(&mut lines, &h, &stored, &actor(), now())
        .unwrap();
    assert!(put_off.record.is_none());
    assert!(lines.iter().all(|l| l.missing && l.authorization.is_none()));
}

#[test]
fn a_package_still_in_the_outbox_is_reused_by_a_second_intake() {
    let h = household();
    let mut d = draft_for(&h, &[]);
    sign_all(&mut d);
    let pending = plan(&d, &h, &[], helper(), &Accepted::default(), now())
        .unwrap()
        .record
        .unwrap();
    assert!(pending.countersignature.is_none());
    let records = vec![pending.clone()];
    assert!(matches!(
        coverage(&h, &records, day()),
        Coverage::Reused { base } if base.id == pending.id
    ));
    assert!(
        draft_for(&h, &records).signers.is_empty(),
        "nobody signs twice"
    );
}

#[test]
fn a_signer_confirmed_by_a_code_carries_the_proof_and_no_photo_is_asked() {
    let h = household();
    let mut d = draft_for(&h, &[]);
    sign_all(&mut d);
    let check = CodeCheck {
        recipient: member(1).to_string(),
        phone_masked: "139****0088".to_owned(),
        proof: "k.00".to_owned(),
        confirmed_at: now(),
    };
    d.signers[0].id_card_photo = None;
    d.signers[0].code_check = Some(check.clone());
    // The granddaughter's code went to her father, who signs for her.
    d.signers[3].id_card_photo = None;
    d.signers[3].code_check = Some(CodeCheck {
        recipient: member(3).to_string(),
        ..check.clone()
    });
    let r = plan(&d, &h, &[], helper(), &Accepted::default(), now())
        .expect("valid")
        .record
        .unwrap();
    for m in [member(1), member(4)] {
        let s = r.signatures.iter().find(|s| s.member == m).unwrap();
        assert!(
            matches!(&s.identity, IdentityCheck::OneTimeCode { phone_masked, .. } if phone_masked == "139****0088")
        );
    }
    // A code confirmed by someone who no longer signs (the guardian changed) does not count:
    // the line falls back to the in-person check, whose photo is missing.
    d.signers[3].guardian = member(2).to_string();
    let problems = plan(&d, &h, &[], helper(), &Accepted::default(), now()).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.path == format!("authorization.{}", member(4))),
        "{problems:?}"
    );
}
