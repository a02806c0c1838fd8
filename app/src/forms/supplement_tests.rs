use chrono::Duration;
use domain::catalogue::{MaterialCode, RequiredMaterial};
use domain::fieldwork::{MaterialEntry, MaterialStatus, MaterialsRecord};
use domain::ids::MemberId;
use domain::role::Role;
use domain::workflow::{Actor, CaseState};
use uuid::Uuid;

use super::*;
use crate::helper_view::fixtures::*;

fn helper() -> Actor {
    Actor {
        user: me(),
        role: Role::Helper,
    }
}

/// The fixture's case 2 steps in: the window's notice asks for the 户口簿 (hukou).
fn waiting() -> CaseRecord {
    case(1, &wang(), me(), 3, 2)
}

/// The case's checklist with one 户口簿 entry per `members` (none: one for the household).
fn checklist(record: &CaseRecord, members: &[u128]) -> MaterialsRecord {
    let entry = |member: Option<MemberId>| MaterialEntry {
        material: MaterialCode("hukou".into()),
        member,
        status: MaterialStatus::Missing,
    };
    MaterialsRecord {
        id: record.case.id(),
        household: record.household,
        collected_by: me(),
        updated_at: days_ago(3),
        entries: if members.is_empty() {
            vec![entry(None)]
        } else {
            members
                .iter()
                .map(|m| entry(Some(MemberId(Uuid::from_u128(*m)))))
                .collect()
        },
    }
}

fn sha(n: u32) -> String {
    format!("{n:064x}")
}

fn draft(record: &CaseRecord, photos: &[(String, String)]) -> SupplementDraft {
    let mut d = SupplementDraft {
        case: record.case.id().to_string(),
        ..SupplementDraft::default()
    };
    for (field, photo) in photos {
        d.photos
            .entry(field.clone())
            .or_default()
            .push(photo.clone());
    }
    d
}

#[test]
fn a_photo_of_every_asked_material_answers_the_notice_and_resubmits() {
    let record = waiting();
    assert_eq!(record.case.state(), CaseState::SupplementRequested);
    let list = checklist(&record, &[]);
    let sheet = open_notice(&record, &list, &[]).unwrap();
    let (asked, in_person) = (sheet.asked, sheet.in_person);
    assert_eq!(asked.len(), 1);
    assert!(in_person.is_empty());
    let d = draft(&record, &[(asked[0].field(), sha(1))]);
    let plan = plan(&d, &record, &list, &[], &helper(), now()).unwrap();
    assert!(plan.still.is_empty());
    assert!(matches!(
        &plan.checklist.entries[0].status,
        MaterialStatus::Photographed { photos } if photos[0].as_str() == sha(1)
    ));
    let (base, after) = plan.resubmit.expect("every asked material answered");
    assert_eq!(base, record.case.version());
    assert_eq!(after.case.state(), CaseState::Resubmitted);
    assert_eq!(after.events.len(), record.events.len() + 1);
}

#[test]
fn with_some_still_missing_the_photos_are_kept_and_the_case_waits() {
    let record = waiting();
    let list = checklist(&record, &[7, 8]);
    let asked = open_notice(&record, &list, &[]).unwrap().asked;
    assert_eq!(asked.len(), 2, "per member");
    let d = draft(&record, &[(asked[0].field(), sha(2))]);
    let plan = plan(&d, &record, &list, &[], &helper(), now()).unwrap();
    assert!(plan.resubmit.is_none());
    assert_eq!(plan.still.len(), 1);
    assert_eq!(plan.still[0].field(), asked[1].field());
    // The next save, with the second photo, answers the rest from the saved checklist.
    let d = draft(&record, &[(asked[1].field(), sha(3))]);
    let again = super::plan(&d, &record, &plan.checklist, &[], &helper(), now()).unwrap();
    assert!(again.still.is_empty());
    assert!(again.resubmit.is_some());
}

#[test]
fn nothing_taken_a_broken_photo_or_no_notice_is_refused_at_its_field() {
    let record = waiting();
    let list = checklist(&record, &[]);
    let field = open_notice(&record, &list, &[]).unwrap().asked[0].field();
    let none = plan(&draft(&record, &[]), &record, &list, &[], &helper(), now()).unwrap_err();
    assert_eq!(none[0].path, "form");
    let broken = draft(&record, &[(field.clone(), "not-a-hash".into())]);
    let err = plan(&broken, &record, &list, &[], &helper(), now()).unwrap_err();
    assert_eq!(err[0].path, field);
    // A photo for something the notice does not ask is not taken for an answer.
    let other = draft(&record, &[("id_card".into(), sha(4))]);
    let err = plan(&other, &record, &list, &[], &helper(), now()).unwrap_err();
    assert_eq!(err[0].path, "form");
    // A case past its notice (accepted) waits for nothing.
    let accepted = case(2, &wang(), me(), 3, 3);
    let d = draft(&accepted, &[(field, sha(5))]);
    let err = plan(
        &d,
        &accepted,
        &checklist(&accepted, &[]),
        &[],
        &helper(),
        now(),
    )
    .unwrap_err();
    assert!(err[0].message.contains("不用补交"));
}

#[test]
fn the_resubmission_is_not_backdated() {
    let record = waiting();
    let list = checklist(&record, &[]);
    let field = open_notice(&record, &list, &[]).unwrap().asked[0].field();
    let d = draft(&record, &[(field, sha(6))]);
    let last = record.events.last().unwrap().at;
    let err = plan(
        &d,
        &record,
        &list,
        &[],
        &helper(),
        last - Duration::hours(1),
    )
    .unwrap_err();
    assert_eq!(err[0].path, "form");
}

/// The 户口簿 of each of `members` (none: the household's), as the case requires it now.
fn required(members: &[u128]) -> Vec<RequiredMaterial> {
    let of = |member| RequiredMaterial {
        material: MaterialCode("hukou".into()),
        member,
        for_items: vec![],
    };
    if members.is_empty() {
        return vec![of(None)];
    }
    members
        .iter()
        .map(|m| of(Some(MemberId(Uuid::from_u128(*m)))))
        .collect()
}

/// The notice lists the 户口簿, which the checklist never listed (an entry never made, or the
/// household changed after it was filled in): given what the case requires now, the phone
/// asks a photo of it, and the answer saves a checklist holding it and resubmits the case.
#[test]
fn a_required_material_the_checklist_never_listed_is_asked_by_photo() {
    let record = waiting();
    let mut list = checklist(&record, &[]);
    list.entries.clear();
    let hukou = MaterialCode("hukou".into());
    // Without what the case requires, only an answer in person was left.
    let blind = open_notice(&record, &list, &[]).unwrap();
    assert!(blind.asked.is_empty());
    assert_eq!(blind.in_person, std::slice::from_ref(&hukou));
    let now_required = required(&[]);
    let sheet = open_notice(&record, &list, &now_required).unwrap();
    assert_eq!(sheet.asked.len(), 1);
    assert!(sheet.in_person.is_empty());
    let d = draft(&record, &[(sheet.asked[0].field(), sha(7))]);
    let plan = plan(&d, &record, &list, &now_required, &helper(), now()).unwrap();
    assert!(plan.still.is_empty());
    assert_eq!(plan.checklist.entries.len(), 1);
    assert_eq!(plan.checklist.entries[0].material, hukou);
    assert!(matches!(
        &plan.checklist.entries[0].status,
        MaterialStatus::Photographed { photos } if photos[0].as_str() == sha(7)
    ));
    assert_eq!(plan.checklist.validate(&now_required, now()), Ok(()));
    assert!(plan.resubmit.is_some());
}

/// Per member: a member the checklist never listed gets an entry of their own to photograph,
/// beside the listed member's.
#[test]
fn a_member_the_checklist_never_listed_is_asked_per_member() {
    let record = waiting();
    let list = checklist(&record, &[7]);
    let now_required = required(&[7, 8]);
    let sheet = open_notice(&record, &list, &now_required).unwrap();
    let fields: Vec<String> = sheet.asked.iter().map(Asked::field).collect();
    let eight = format!("hukou.{}", Uuid::from_u128(8));
    assert_eq!(fields.len(), 2);
    assert!(fields.contains(&eight), "{fields:?}");
    let d = draft(
        &record,
        &[(fields[0].clone(), sha(8)), (fields[1].clone(), sha(9))],
    );
    let plan = plan(&d, &record, &list, &now_required, &helper(), now()).unwrap();
    assert!(plan.resubmit.is_some());
    assert_eq!(plan.checklist.validate(&now_required, now()), Ok(()));
}
