//! Building blocks for the materials checklist tests: the helper's whole intake as one push,
//! and checklists filled in from what the case requires.

use chrono::{Duration, Utc};
use domain::catalogue::AidItemCode;
use domain::clocks::china_date;
use domain::fieldwork::{
    AUTHORIZATION, AttachmentRef, EntrustmentChannel, EntrustmentId, EntrustmentRecord,
    MaterialEntry, MaterialStatus, MaterialsRecord, required_for,
};
use domain::household::Household;
use domain::identity::PersonName;
use domain::ids::{CaseId, HouseholdId};
use domain::jurisdiction::Actor;
use domain::sync::{CaseRecord, Change, OpBody, Operation, Outcome, RecordKind, RejectCode};
use domain::workflow::{Channel, Command};
use serde::Serialize;
use server::db::Db;
use server::sync::{pull, push};
use uuid::Uuid;

use crate::sync_support::*;

/// 毛家村's first grid, where the demo helper works.
pub const GRID: &str = "500231101201-G01";

/// One intake: the household, the case, its checklist and its entrustment.
pub struct Intake {
    pub household: Household,
    pub case: CaseId,
    pub materials: MaterialsRecord,
    pub entrustment: EntrustmentRecord,
}

pub fn temporary() -> AidItemCode {
    AidItemCode("temporary".into())
}

/// A distinct, valid SHA-256 for each `n`.
pub fn sha(n: u32) -> AttachmentRef {
    AttachmentRef::parse(&format!("{n:064x}")).unwrap()
}

pub async fn send(db: &Db, actor: &Actor, ops: Vec<Operation>) -> Vec<Outcome> {
    let answer = push::push(db, &catalogue(), actor, &batch(device(), ops), Utc::now())
        .await
        .unwrap();
    answer.results.into_iter().map(|r| r.outcome).collect()
}

pub fn save(
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

pub fn command(case: CaseId, base_version: i64, command: Command) -> Operation {
    op(OpBody::CaseCommand {
        id: case,
        base_version,
        command,
        reason: None,
    })
}

pub fn applied(outcome: &Outcome) -> i64 {
    match outcome {
        Outcome::Applied { version, .. } => *version,
        other => panic!("not applied: {other:?}"),
    }
}

pub fn refused(outcome: &Outcome) -> (RejectCode, &str) {
    match outcome {
        Outcome::Rejected { code, message_zh } => (*code, message_zh.as_str()),
        other => panic!("not refused: {other:?}"),
    }
}

/// A checklist for `case` with everything the case needs today photographed (`photo(n)` for
/// the n-th entry) and the authorization signed.
pub fn checklist(
    case: CaseId,
    household: &Household,
    helper: &Actor,
    photo: impl Fn(u32) -> AttachmentRef,
) -> MaterialsRecord {
    let required = required_for(
        &catalogue(),
        &[temporary()],
        household,
        china_date(Utc::now()),
    );
    let entries = required
        .into_iter()
        .enumerate()
        .map(|(i, r)| MaterialEntry {
            status: if r.material.as_str() == AUTHORIZATION {
                MaterialStatus::Signed {
                    signature: sha(1000 + i as u32),
                }
            } else {
                MaterialStatus::Photographed {
                    photos: vec![photo(i as u32)],
                }
            },
            material: r.material,
            member: r.member,
        })
        .collect();
    MaterialsRecord {
        id: case,
        household: household.id,
        collected_by: helper.user,
        updated_at: Utc::now(),
        entries,
    }
}

/// Marks `material` missing in the checklist.
pub fn without(mut m: MaterialsRecord, material: &str) -> MaterialsRecord {
    for e in &mut m.entries {
        if e.material.as_str() == material {
            e.status = MaterialStatus::Missing;
        }
    }
    m
}

/// A new intake in the helper's grid for 临时救助, entrusted in person and signed.
pub fn intake(helper: &Actor) -> Intake {
    let id = HouseholdId(Uuid::now_v7());
    let household: Household = serde_json::from_value(household(id, GRID, "毛家村5组8号")).unwrap();
    let case = CaseId(Uuid::now_v7());
    let materials = checklist(case, &household, helper, sha);
    let entrustment = EntrustmentRecord {
        id: EntrustmentId(Uuid::now_v7()),
        household: id,
        entrusting_member: household.members[0].id,
        entrusting_name: PersonName::parse("王秀英").unwrap(),
        helper: helper.user,
        items: vec![temporary()],
        main_item: Some(temporary()),
        channel: EntrustmentChannel::InPerson,
        received_at: Utc::now() - Duration::hours(1),
        signature: Some(sha(9999)),
        cases: vec![case],
        termination: None,
    };
    Intake {
        household,
        case,
        materials,
        entrustment,
    }
}

impl Intake {
    /// The phone's one push, in the order the intake makes it: household, case, items,
    /// checklist, entrustment, submission.
    pub fn ops(&self) -> Vec<Operation> {
        vec![
            op(OpBody::CreateHousehold {
                id: self.household.id,
                body: serde_json::to_value(&self.household).unwrap(),
            }),
            op(OpBody::CreateCase {
                id: self.case,
                household: self.household.id,
                channel: Channel::Entrusted,
                applicant: None,
                referred_by: None,
            }),
            command(
                self.case,
                1,
                Command::EditDraft {
                    items: vec![temporary()],
                    primary: Some(temporary()),
                },
            ),
            save(RecordKind::Materials, self.case.0, None, &self.materials),
            save(
                RecordKind::Entrustment,
                self.entrustment.id.0,
                None,
                &self.entrustment,
            ),
            command(self.case, 2, Command::Submit),
        ]
    }
}

/// The case as stored.
pub async fn case_of(db: &Db, id: Uuid) -> CaseRecord {
    let (body,): (String,) =
        sqlx::query_as("SELECT body FROM records WHERE kind = 'case' AND id = $1")
            .bind(id.to_string())
            .fetch_one(db.pool())
            .await
            .unwrap();
    serde_json::from_str(&body).unwrap()
}

/// The records of `kind` a first pull brings `actor`.
pub async fn pulled(db: &Db, actor: &domain::jurisdiction::Actor, kind: RecordKind) -> Vec<Uuid> {
    let page = pull::pull(db, actor, 0, 2000).await.unwrap();
    page.changes
        .iter()
        .filter_map(|c| match c {
            Change::Upsert { kind: k, id, .. } if *k == kind => Some(*id),
            _ => None,
        })
        .collect()
}
