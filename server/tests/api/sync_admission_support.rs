//! Building blocks for `sync_admission`: field records made at a given time, and reading
//! outcomes.

use chrono::{DateTime, Utc};
use domain::fieldwork::{Answer, ChecklistAnswer, ChecklistQuestion, Visit, VisitKind};
use domain::fieldwork::{AttachmentRef, HardshipCategory, HardshipReport, HardshipUrgency};
use domain::ids::{HouseholdId, OpId};
use domain::jurisdiction::{Actor, PlaceCode};
use domain::sync::{OpBody, Operation, Outcome, RecordKind, RejectCode};
use serde_json::Value;
use server::db::Db;
use server::sync::push;
use uuid::Uuid;

use crate::sync_support::*;

/// The demo helper's grid.
pub const GRID: &str = "500231101201-G01";

/// Pushes `ops` as `actor` now; answers the outcomes.
pub async fn send(db: &Db, actor: &Actor, ops: Vec<Operation>) -> Vec<Outcome> {
    let answer = push::push(db, &catalogue(), actor, &batch(device(), ops), Utc::now())
        .await
        .unwrap();
    answer.results.into_iter().map(|r| r.outcome).collect()
}

/// `body` as an operation made at `at`.
pub fn op_at(body: OpBody, at: DateTime<Utc>) -> Operation {
    Operation {
        id: OpId(Uuid::now_v7()),
        made_at: at,
        body,
    }
}

/// Saving a field record whole.
pub fn save(kind: RecordKind, id: Uuid, base: Option<i64>, body: Value) -> OpBody {
    OpBody::SaveFieldRecord {
        kind,
        id,
        base_version: base,
        body,
    }
}

/// The version of an applied outcome (panics on any other).
pub fn applied(outcome: &Outcome) -> i64 {
    match outcome {
        Outcome::Applied { version, .. } => *version,
        other => panic!("not applied: {other:?}"),
    }
}

/// The message of an outcome refused as invalid (panics on any other).
pub fn refused(outcome: &Outcome) -> &str {
    match outcome {
        Outcome::Rejected {
            code: RejectCode::Invalid,
            message_zh,
        } => message_zh,
        other => panic!("not refused as invalid: {other:?}"),
    }
}

/// A routine visit at `at` with `photos` photos, as JSON.
pub fn visit(household: HouseholdId, helper: &Actor, at: DateTime<Utc>, photos: usize) -> Value {
    let visit = Visit {
        id: domain::fieldwork::VisitId(Uuid::now_v7()),
        household,
        helper: helper.user,
        kind: VisitKind::Routine,
        at,
        notes: "老人独居".into(),
        checklist: ChecklistQuestion::ALL
            .into_iter()
            .map(|question| ChecklistAnswer {
                question,
                answer: Answer::Yes,
            })
            .collect(),
        photos: (0..photos)
            .map(|n| AttachmentRef::parse(&format!("{n:064x}")).unwrap())
            .collect(),
        location_consent: false,
        location: None,
    };
    serde_json::to_value(visit).unwrap()
}

/// A hardship report in the grid reported at `at`, as JSON.
pub fn report(helper: &Actor, at: DateTime<Utc>) -> Value {
    let report = HardshipReport {
        id: domain::fieldwork::HardshipId(Uuid::now_v7()),
        reporter: helper.user,
        place: PlaceCode::parse(GRID).unwrap(),
        person_name: None,
        household: None,
        category: HardshipCategory::Accident,
        description: "村民骑车摔伤".into(),
        urgency: HardshipUrgency::Urgent,
        reported_at: at,
        photos: Vec::new(),
        case: None,
    };
    serde_json::to_value(report).unwrap()
}

/// A record body's id.
pub fn id_of(body: &Value) -> Uuid {
    Uuid::parse_str(body["id"].as_str().unwrap()).unwrap()
}
