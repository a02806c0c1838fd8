//! A grid worker's field records over sync: checked with the `fieldwork` rules, kept within
//! the household's (or the report's) jurisdiction, and changed only as the paper would be.

use chrono::{Duration, Utc};
use domain::catalogue::AidItemCode;
use domain::fieldwork::{
    Answer, AttachmentRef, ChecklistAnswer, ChecklistQuestion, EntrustmentChannel,
    EntrustmentRecord, HardshipCategory, HardshipReport, HardshipUrgency, ReturnedMaterial,
    Termination, TerminationCause, Visit, VisitKind,
};
use domain::identity::PersonName;
use domain::ids::{CaseId, HouseholdId, MemberId};
use domain::jurisdiction::{Actor, PlaceCode};
use domain::sync::{Change, OpBody, Operation, Outcome, RecordKind, RejectCode};
use serde::Serialize;
use server::db::Db;
use server::sync::{pull, push};
use uuid::Uuid;

use crate::helpers::{Backend, spawn_app_on};
use crate::sync_support::*;

const GRID: &str = "500231101201-G01";

pub(crate) async fn send(db: &Db, actor: &Actor, ops: Vec<Operation>) -> Vec<Outcome> {
    let answer = push::push(db, &catalogue(), actor, &batch(device(), ops), Utc::now())
        .await
        .unwrap();
    answer.results.into_iter().map(|r| r.outcome).collect()
}

pub(crate) fn save(
    kind: RecordKind,
    id: Uuid,
    base_version: Option<i64>,
    body: &impl Serialize,
) -> Operation {
    op(OpBody::SaveFieldRecord {
        kind,
        id,
        base_version,
        body: serde_json::to_value(body).unwrap(),
    })
}

pub(crate) fn sha(n: u32) -> AttachmentRef {
    AttachmentRef::parse(&format!("{n:064x}")).unwrap()
}

pub(crate) fn temporary() -> AidItemCode {
    AidItemCode("temporary".into())
}

/// A new household in the helper's grid; answers it and its one member.
pub(crate) async fn new_household(db: &Db, helper: &Actor) -> (HouseholdId, MemberId) {
    let (id, create) = create_household(GRID, "毛家村5组8号");
    let OpBody::CreateHousehold { body, .. } = &create.body else {
        unreachable!()
    };
    let member = MemberId(Uuid::parse_str(body["members"][0]["id"].as_str().unwrap()).unwrap());
    assert!(matches!(
        send(db, helper, vec![create]).await[0],
        Outcome::Applied { .. }
    ));
    (id, member)
}

pub(crate) fn entrustment(
    household: HouseholdId,
    member: MemberId,
    helper: &Actor,
) -> EntrustmentRecord {
    EntrustmentRecord {
        id: domain::fieldwork::EntrustmentId(Uuid::now_v7()),
        household,
        entrusting_member: member,
        entrusting_name: PersonName::parse("王秀英").unwrap(),
        helper: helper.user,
        items: vec![temporary()],
        main_item: Some(temporary()),
        channel: EntrustmentChannel::InPerson,
        received_at: Utc::now() - Duration::hours(1),
        signature: Some(sha(1)),
        cases: Vec::new(),
        termination: None,
    }
}

pub(crate) fn visit(household: HouseholdId, helper: &Actor) -> Visit {
    Visit {
        id: domain::fieldwork::VisitId(Uuid::now_v7()),
        household,
        helper: helper.user,
        kind: VisitKind::Routine,
        at: Utc::now() - Duration::minutes(30),
        notes: "老人独居，屋顶漏雨".into(),
        checklist: ChecklistQuestion::ALL
            .into_iter()
            .map(|question| ChecklistAnswer {
                question,
                answer: Answer::Yes,
            })
            .collect(),
        photos: vec![sha(2)],
        location_consent: false,
        location: None,
    }
}

pub(crate) fn report(place: &str, helper: &Actor) -> HardshipReport {
    HardshipReport {
        id: domain::fieldwork::HardshipId(Uuid::now_v7()),
        reporter: helper.user,
        place: PlaceCode::parse(place).unwrap(),
        person_name: None,
        household: None,
        category: HardshipCategory::Accident,
        description: "村民骑车摔伤，家中无人照料".into(),
        urgency: HardshipUrgency::Urgent,
        reported_at: Utc::now() - Duration::minutes(5),
        photos: Vec::new(),
        case: None,
    }
}

pub(crate) fn applied(outcome: &Outcome) -> i64 {
    match outcome {
        Outcome::Applied { version, .. } => *version,
        other => panic!("not applied: {other:?}"),
    }
}

pub(crate) fn refused(outcome: &Outcome) -> (RejectCode, &str) {
    match outcome {
        Outcome::Rejected { code, message_zh } => (*code, message_zh.as_str()),
        other => panic!("not refused: {other:?}"),
    }
}

pub(crate) async fn pulled_ids(db: &Db, actor: &Actor) -> Vec<Uuid> {
    let page = pull::pull(db, actor, 0, 1000).await.unwrap();
    page.changes
        .iter()
        .filter_map(|c| match c {
            Change::Upsert { id, .. } => Some(*id),
            _ => None,
        })
        .collect()
}

async fn field_records_are_saved_once_and_reach_only_their_jurisdiction(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let helper = actor(&app.db, "helper").await;
    let (home, member) = new_household(&app.db, &helper).await;
    let e = entrustment(home, member, &helper);
    let v = visit(home, &helper);
    let r = report(GRID, &helper);
    let ops = vec![
        save(RecordKind::Entrustment, e.id.0, None, &e),
        save(RecordKind::Visit, v.id.0, None, &v),
        save(RecordKind::Hardship, r.id.0, None, &r),
    ];
    let count = || async {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM records WHERE kind IN ('entrustment', 'visit', 'hardship')",
        )
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        n
    };
    // The demo data has entrustments of its own.
    let before = count().await;
    let first = send(&app.db, &helper, ops.clone()).await;
    assert!(first.iter().all(|o| applied(o) == 1), "{first:?}");
    // Sent again (the answer was lost): the same answers, nothing doubled.
    assert_eq!(send(&app.db, &helper, ops).await, first);
    assert_eq!(count().await, before + 3);
    let mine = pulled_ids(&app.db, &helper).await;
    assert!([e.id.0, v.id.0, r.id.0].iter().all(|id| mine.contains(id)));

    // Another township's helper sees none of it, and cannot write to the household.
    let stranger = elsewhere(&helper, "500231001001-G01");
    let theirs = pulled_ids(&app.db, &stranger).await;
    assert!(
        [e.id.0, v.id.0, r.id.0]
            .iter()
            .all(|id| !theirs.contains(id))
    );
    let intruding = visit(home, &stranger);
    let answer = send(
        &app.db,
        &stranger,
        vec![save(RecordKind::Visit, intruding.id.0, None, &intruding)],
    )
    .await;
    assert_eq!(refused(&answer[0]).0, RejectCode::NotFound);
    // Nor may the helper report from a place outside their villages, or in another's name.
    let far = report("500231001001-G01", &helper);
    let forged = report(GRID, &stranger);
    let answer = send(
        &app.db,
        &helper,
        vec![
            save(RecordKind::Hardship, far.id.0, None, &far),
            save(RecordKind::Hardship, forged.id.0, None, &forged),
        ],
    )
    .await;
    assert_eq!(refused(&answer[0]).0, RejectCode::Forbidden);
    assert_eq!(refused(&answer[1]).0, RejectCode::Forbidden);
    // A stranger replacing the helper's report is told it does not exist.
    let answer = send(
        &app.db,
        &stranger,
        vec![save(RecordKind::Hardship, r.id.0, Some(1), &r)],
    )
    .await;
    assert_eq!(refused(&answer[0]).0, RejectCode::NotFound);
}

async fn a_refused_record_gives_every_reason_and_saves_after_the_fix(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let helper = actor(&app.db, "helper").await;
    let mut r = report(GRID, &helper);
    r.description = " ".into();
    r.reported_at = Utc::now() + Duration::days(1);
    let answer = send(
        &app.db,
        &helper,
        vec![save(RecordKind::Hardship, r.id.0, None, &r)],
    )
    .await;
    let (code, message) = refused(&answer[0]);
    assert_eq!(code, RejectCode::Invalid);
    assert!(message.contains('；'), "both problems: {message}");
    // A body under another id, or not a report at all.
    let mismatched = save(
        RecordKind::Hardship,
        Uuid::now_v7(),
        None,
        &report(GRID, &helper),
    );
    let garbage = op(OpBody::SaveFieldRecord {
        kind: RecordKind::Visit,
        id: Uuid::now_v7(),
        base_version: None,
        body: serde_json::json!({ "notes": 5 }),
    });
    let answer = send(&app.db, &helper, vec![mismatched, garbage]).await;
    assert!(answer.iter().all(|o| refused(o).0 == RejectCode::Invalid));
    // Fixed, under the same record id and a new operation: saved.
    r.description = "独居老人摔伤".into();
    r.reported_at = Utc::now();
    let answer = send(
        &app.db,
        &helper,
        vec![save(RecordKind::Hardship, r.id.0, None, &r)],
    )
    .await;
    assert_eq!(applied(&answer[0]), 1);
}

async fn an_entrustment_changes_only_by_signing_linking_or_terminating(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let helper = actor(&app.db, "helper").await;
    let (home, member) = new_household(&app.db, &helper).await;
    let mut e = entrustment(home, member, &helper);
    e.channel = EntrustmentChannel::Phone;
    e.signature = None;
    assert_eq!(
        applied(
            &send(
                &app.db,
                &helper,
                vec![save(RecordKind::Entrustment, e.id.0, None, &e)]
            )
            .await[0]
        ),
        1
    );
    // The resident signs on the next visit and a case is opened under it.
    e.signature = Some(sha(3));
    e.cases.push(CaseId(Uuid::now_v7()));
    assert_eq!(
        applied(
            &send(
                &app.db,
                &helper,
                vec![save(RecordKind::Entrustment, e.id.0, Some(1), &e)]
            )
            .await[0]
        ),
        2
    );
    // What was entrusted does not change afterwards.
    let mut changed = e.clone();
    changed.items.push(AidItemCode("minimum_living".into()));
    let answer = send(
        &app.db,
        &helper,
        vec![save(RecordKind::Entrustment, e.id.0, Some(2), &changed)],
    )
    .await;
    assert_eq!(refused(&answer[0]).0, RejectCode::Invalid);
    // Terminated at the resident's request, the materials handed back.
    e.termination = Some(Termination {
        at: Utc::now(),
        cause: TerminationCause::ResidentRequest,
        reason: "本人决定自行办理".into(),
        materials_returned: vec![ReturnedMaterial {
            name: "户口簿".into(),
            count: 1,
        }],
        signature: sha(4),
    });
    let answer = send(
        &app.db,
        &helper,
        vec![save(RecordKind::Entrustment, e.id.0, Some(2), &e)],
    )
    .await;
    assert_eq!(applied(&answer[0]), 3);
    // A phone that edited version 2 meanwhile is told of the conflict.
    let answer = send(
        &app.db,
        &helper,
        vec![save(RecordKind::Entrustment, e.id.0, Some(2), &changed)],
    )
    .await;
    assert!(
        matches!(
            answer[0],
            Outcome::Conflict {
                current_version: 3,
                ..
            }
        ),
        "{answer:?}"
    );
    // Once terminated it stays as it was.
    let mut again = e.clone();
    again.termination.as_mut().unwrap().reason = "改了理由".into();
    let answer = send(
        &app.db,
        &helper,
        vec![save(RecordKind::Entrustment, e.id.0, Some(3), &again)],
    )
    .await;
    assert_eq!(refused(&answer[0]).0, RejectCode::Invalid);
}

crate::backend_tests!(
    field_records_are_saved_once_and_reach_only_their_jurisdiction,
    a_refused_record_gives_every_reason_and_saves_after_the_fix,
    an_entrustment_changes_only_by_signing_linking_or_terminating,
);
