//! Fixtures shared by the fieldwork tests: one of each record, valid, around the workflow
//! fixtures' clock.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::*;
use crate::catalogue::AidItemCode;
use crate::household::{Employment, Health, Household, Member, Relation};
use crate::identity::{IdNumber, PersonName};
use crate::ids::{HouseholdId, MemberId, UserId};
use crate::jurisdiction::PlaceCode;
pub use crate::workflow::test_support::at;

/// Long after every fixture's time.
pub fn now() -> DateTime<Utc> {
    at(10_000)
}

/// A distinct, valid SHA-256 for each `n`.
pub fn sha(n: u32) -> AttachmentRef {
    AttachmentRef::parse(&format!("{n:064x}")).unwrap()
}

pub fn item(code: &str) -> AidItemCode {
    AidItemCode(code.to_owned())
}

pub fn helper() -> UserId {
    UserId(Uuid::from_u128(10))
}

pub fn household_id() -> HouseholdId {
    HouseholdId(Uuid::from_u128(9))
}

pub fn member_id() -> MemberId {
    MemberId(Uuid::from_u128(1))
}

pub fn household() -> Household {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    Household {
        id: household_id(),
        place: PlaceCode::parse("500231101201-G01").unwrap(),
        address: "沙坪镇毛家村3组12号".to_owned(),
        members: vec![Member {
            id: member_id(),
            name: PersonName::parse("王秀英").unwrap(),
            id_number: IdNumber::parse("500231195803124020", today).unwrap(),
            relation: Relation::Applicant,
            disability: None,
            health: Health::ChronicIllness,
            employment: Employment::Farming,
            phone: None,
        }],
        income: vec![],
        property: vec![],
        housing_damaged: false,
    }
}

/// An active entrustment received in person, signed, for 低保 and medical aid.
pub fn entrustment(n: u128) -> EntrustmentRecord {
    EntrustmentRecord {
        id: EntrustmentId(Uuid::from_u128(n)),
        household: household_id(),
        entrusting_member: member_id(),
        entrusting_name: PersonName::parse("王秀英").unwrap(),
        helper: helper(),
        items: vec![item("dibao"), item("medical")],
        main_item: Some(item("dibao")),
        channel: EntrustmentChannel::InPerson,
        received_at: at(-1),
        signature: Some(sha(1)),
        cases: vec![],
        termination: None,
    }
}

/// A complete termination a day after the fixtures' start.
pub fn termination() -> Termination {
    Termination {
        at: at(24),
        cause: TerminationCause::ResidentRequest,
        reason: "家人已代为办理".to_owned(),
        materials_returned: vec![
            ReturnedMaterial {
                name: "户口簿".to_owned(),
                count: 1,
            },
            ReturnedMaterial {
                name: "病历复印件".to_owned(),
                count: 3,
            },
        ],
        signature: sha(2),
    }
}

/// A routine visit with every question answered, photos and no location.
pub fn visit(n: u128) -> Visit {
    Visit {
        id: VisitId(Uuid::from_u128(n)),
        household: household_id(),
        helper: helper(),
        kind: VisitKind::Routine,
        at: at(2),
        notes: "老人独居，屋顶漏雨，已告知临时救助政策。".to_owned(),
        checklist: ChecklistQuestion::ALL
            .iter()
            .map(|q| ChecklistAnswer {
                question: *q,
                answer: Answer::Yes,
            })
            .collect(),
        photos: vec![sha(3), sha(4)],
        location_consent: false,
        location: None,
    }
}

/// An urgent report of serious illness in a known household.
pub fn report(n: u128) -> HardshipReport {
    HardshipReport {
        id: HardshipId(Uuid::from_u128(n)),
        reporter: helper(),
        place: PlaceCode::parse("500231101201-G01").unwrap(),
        person_name: Some(PersonName::parse("王秀英").unwrap()),
        household: Some(household_id()),
        category: HardshipCategory::SeriousIllness,
        description: "突发脑梗住院，家中无其他收入。".to_owned(),
        urgency: HardshipUrgency::Urgent,
        reported_at: at(1),
        photos: vec![sha(5)],
        case: None,
    }
}

/// A satisfied evaluation of case `case`, collected long after the fixtures' results.
pub fn evaluation(n: u128, case: crate::ids::CaseId) -> Evaluation {
    Evaluation {
        id: EvaluationId(Uuid::from_u128(n)),
        case,
        entrustment: None,
        rating: Rating::Satisfied,
        comment: Some("帮办员很耐心".to_owned()),
        collected_by: helper(),
        collected_at: at(500),
    }
}
