//! Who a case names (issue 22, point 7): the applicant's account must be a resident's whose
//! phone is a member's of the case's household; anyone else is refused with the reason, and
//! the resident named gets nothing.

use domain::ids::{CaseId, HouseholdId, UserId};
use domain::sync::{Change, OpBody, RecordKind, RejectCode};
use domain::workflow::Channel;
use server::db::Db;
use uuid::Uuid;

use crate::backend_tests;
use crate::helpers::{Backend, spawn_app_on};
use crate::materials_support::{GRID, applied, refused, send};
use crate::sync_support::{actor, household, op};

/// The demo resident's number.
const RESIDENT_PHONE: &str = "13800000001";

/// Creating a household whose one member has `phone`.
fn household_with_phone(phone: Option<&str>) -> (HouseholdId, domain::sync::Operation) {
    let id = HouseholdId(Uuid::now_v7());
    let mut body = household(id, GRID, "毛家村2组8号");
    if let Some(phone) = phone {
        body["members"][0]["phone"] = phone.into();
    }
    (id, op(OpBody::CreateHousehold { id, body }))
}

fn create_case(
    household: HouseholdId,
    applicant: Option<UserId>,
) -> (CaseId, domain::sync::Operation) {
    let id = CaseId(Uuid::now_v7());
    (
        id,
        op(OpBody::CreateCase {
            id,
            household,
            channel: Channel::Entrusted,
            applicant,
            referred_by: None,
        }),
    )
}

/// Whether `who` pulls the case.
async fn pulls_case(db: &Db, who: &domain::jurisdiction::Actor, case: CaseId) -> bool {
    let answer = server::sync::pull::pull(db, who, 0, 500).await.unwrap();
    answer.changes.iter().any(|c| match c {
        Change::Upsert { kind, id, .. } => *kind == RecordKind::Case && *id == case.0,
        _ => false,
    })
}

async fn a_case_names_only_a_resident_of_its_household(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let resident = actor(db, RESIDENT_PHONE).await;
    let clerk = actor(db, "clerk").await;
    let (strangers, create_strangers) = household_with_phone(Some("13900000002"));
    let (theirs, create_theirs) = household_with_phone(Some(RESIDENT_PHONE));
    let answer = send(db, &helper, vec![create_strangers, create_theirs]).await;
    assert!(answer.iter().all(|o| applied(o) > 0), "{answer:?}");

    // The resident is no member of this household: refused, with the reason.
    let reason = "申请人账号须为本家庭成员的居民账号（以成员登记的手机号对应）";
    let (named_stranger, op1) = create_case(strangers, Some(resident.user));
    // Nor is a staff account, nor an account that does not exist: the same answer.
    let (named_staff, op2) = create_case(strangers, Some(clerk.user));
    let (named_nobody, op3) = create_case(strangers, Some(UserId(Uuid::now_v7())));
    let answer = send(db, &helper, vec![op1, op2, op3]).await;
    for outcome in &answer {
        let (code, message) = refused(outcome);
        assert_eq!(code, RejectCode::Invalid);
        assert!(message.contains(reason), "{message}");
    }
    for case in [named_stranger, named_staff, named_nobody] {
        assert!(!pulls_case(db, &resident, case).await);
    }
    // A case of the household the resident is a member of (by their phone) names them, and
    // they follow it.
    let (own, op4) = create_case(theirs, Some(resident.user));
    let (unnamed, op5) = create_case(strangers, None);
    let answer = send(db, &helper, vec![op4, op5]).await;
    assert!(answer.iter().all(|o| applied(o) == 1), "{answer:?}");
    assert!(pulls_case(db, &resident, own).await);
    assert!(!pulls_case(db, &resident, unnamed).await);
}

backend_tests!(a_case_names_only_a_resident_of_its_household);
