use chrono::TimeDelta;
use uuid::Uuid;

use super::test_support::*;
use super::*;
use crate::catalogue::Catalogue;
use crate::ids::{CaseId, HouseholdId, MemberId};
use crate::jurisdiction::PlaceCode;
use crate::ledger::Entrustment;
use crate::workflow::test_support::World;

fn check(e: &EntrustmentRecord) -> Result<(), Vec<FieldworkError>> {
    e.validate(&Catalogue::builtin(), now())
}

#[test]
fn a_signed_entrustment_is_valid_active_and_round_trips() {
    let e = entrustment(1);
    assert_eq!(check(&e), Ok(()));
    assert_eq!(e.status(), EntrustmentStatus::Active);
    assert!(!e.needs_signature());
    assert_eq!(e.ready_to_submit(), Ok(()));
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["channel"], "in_person");
    assert_eq!(json["entrusting_name"], "王秀英");
    assert_eq!(json["termination"], serde_json::Value::Null);
    assert_eq!(
        serde_json::from_value::<EntrustmentRecord>(json).unwrap(),
        e
    );
}

#[test]
fn every_problem_is_listed_with_its_field() {
    let mut e = entrustment(1);
    e.items = vec![item("dibao"), item("dibao"), item("lottery")];
    e.main_item = Some(item("housing"));
    e.signature = None;
    e.received_at = now() + TimeDelta::hours(1);
    let case = CaseId(Uuid::from_u128(5));
    e.cases = vec![case, case];
    let errors = check(&e).unwrap_err();
    let want = [
        (
            FieldworkError::DuplicateItem {
                index: 1,
                item: item("dibao"),
            },
            "items[1]",
        ),
        (
            FieldworkError::UnknownItem {
                index: 2,
                item: item("lottery"),
            },
            "items[2]",
        ),
        (
            FieldworkError::MainItemNotEntrusted {
                item: item("housing"),
            },
            "main_item",
        ),
        (FieldworkError::SignatureMissing, "signature"),
        (
            FieldworkError::InFuture {
                field: Field::ReceivedAt,
            },
            "received_at",
        ),
        (FieldworkError::DuplicateCase { index: 1 }, "cases[1]"),
    ];
    assert_eq!(errors.len(), want.len(), "{errors:?}");
    for (error, path) in want {
        assert!(errors.contains(&error), "{error:?} missing in {errors:?}");
        assert_eq!(error.path(), path);
        assert!(!error.message_zh().is_empty());
    }
}

#[test]
fn at_least_one_item() {
    let mut e = entrustment(1);
    e.items.clear();
    e.main_item = None;
    let errors = check(&e).unwrap_err();
    assert_eq!(errors, [FieldworkError::NoItems]);
    assert_eq!(errors[0].path(), "items");
    assert_eq!(errors[0].message_zh(), "请至少选择一项委托办理的救助事项");
}

#[test]
fn a_phone_clock_a_few_minutes_ahead_is_tolerated() {
    let mut e = entrustment(1);
    e.received_at = now() + TimeDelta::seconds(FUTURE_TOLERANCE_SECONDS);
    assert_eq!(check(&e), Ok(()));
    e.received_at += TimeDelta::seconds(1);
    assert!(check(&e).is_err());
}

#[test]
fn a_remote_entrustment_is_signed_later_but_before_submission() {
    for channel in [EntrustmentChannel::Phone, EntrustmentChannel::Online] {
        let mut e = entrustment(1);
        e.channel = channel;
        e.signature = None;
        assert_eq!(check(&e), Ok(()), "{channel:?}");
        assert!(e.needs_signature());
        assert_eq!(e.ready_to_submit(), Err(FieldworkError::SignatureMissing));
        e.signature = Some(sha(9));
        assert!(!e.needs_signature());
        assert_eq!(e.ready_to_submit(), Ok(()));
    }
    for channel in [EntrustmentChannel::InPerson, EntrustmentChannel::Visit] {
        let mut e = entrustment(1);
        e.channel = channel;
        e.signature = None;
        assert_eq!(check(&e), Err(vec![FieldworkError::SignatureMissing]));
        assert!(!e.needs_signature(), "collected on the spot, never pending");
    }
    assert!(
        EntrustmentChannel::ALL
            .iter()
            .all(|c| !c.name_zh().is_empty())
    );
}

#[test]
fn termination_ends_it_once_and_records_the_hand_over() {
    let mut e = entrustment(1);
    e.link_case(CaseId(Uuid::from_u128(5))).unwrap();
    e.terminate(termination(), now()).unwrap();
    assert_eq!(e.status(), EntrustmentStatus::Terminated);
    assert!(!e.is_active());
    assert_eq!(check(&e), Ok(()));
    assert_eq!(
        e.terminate(termination(), now()),
        Err(vec![FieldworkError::NotActive])
    );
    assert_eq!(
        e.link_case(CaseId(Uuid::from_u128(6))),
        Err(FieldworkError::NotActive)
    );
    assert_eq!(e.ready_to_submit(), Err(FieldworkError::NotActive));
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["termination"]["cause"], "resident_request");
    assert_eq!(json["termination"]["materials_returned"][1]["count"], 3);
    assert_eq!(
        serde_json::from_value::<EntrustmentRecord>(json).unwrap(),
        e
    );
    assert_eq!(FieldworkError::NotActive.path(), "termination");
}

#[test]
fn a_phone_entrustment_terminated_before_signing_needs_no_signature() {
    let mut e = entrustment(1);
    e.channel = EntrustmentChannel::Phone;
    e.signature = None;
    e.terminate(termination(), now()).unwrap();
    assert!(!e.needs_signature());
}

#[test]
fn an_incomplete_termination_changes_nothing_and_lists_every_problem() {
    let mut e = entrustment(1);
    let t = Termination {
        at: at(-2),
        cause: TerminationCause::MatterEnded,
        reason: " ".to_owned(),
        materials_returned: vec![],
        signature: sha(2),
    };
    let errors = e.terminate(t, now()).unwrap_err();
    assert_eq!(
        errors,
        [
            FieldworkError::TerminatedBeforeEntrusted,
            FieldworkError::Required {
                field: Field::TerminationReason
            },
            FieldworkError::NothingReturned,
        ]
    );
    assert_eq!(errors[0].path(), "termination.at");
    assert_eq!(errors[1].message_zh(), "请填写终止原因");
    assert_eq!(errors[2].path(), "termination.materials_returned");
    assert!(e.is_active());

    let t = Termination {
        at: now() + TimeDelta::days(1),
        reason: "理".repeat(501),
        materials_returned: vec![ReturnedMaterial {
            name: String::new(),
            count: 0,
        }],
        ..termination()
    };
    let errors = e.terminate(t, now()).unwrap_err();
    let paths: Vec<String> = errors.iter().map(FieldworkError::path).collect();
    assert_eq!(
        paths,
        [
            "termination.at",
            "termination.reason",
            "termination.materials_returned[0].name",
            "termination.materials_returned[0].count",
        ]
    );
    assert!(errors.contains(&FieldworkError::TooLong {
        field: Field::TerminationReason,
        max: MAX_REASON_CHARS,
        found: 501
    }));
    assert!(errors.iter().all(|e| !e.message_zh().is_empty()));
    assert!(TerminationCause::MatterEnded.name_zh().contains("终止"));
}

#[test]
fn a_synced_termination_is_checked_too() {
    let mut e = entrustment(1);
    e.termination = Some(Termination {
        at: at(-5),
        ..termination()
    });
    assert_eq!(
        check(&e),
        Err(vec![FieldworkError::TerminatedBeforeEntrusted])
    );
}

#[test]
fn cases_are_linked_once_and_may_come_later() {
    let mut e = entrustment(1);
    assert!(e.cases.is_empty());
    let case = CaseId(Uuid::from_u128(5));
    e.link_case(case).unwrap();
    e.link_case(case).unwrap();
    assert_eq!(e.cases, [case]);
}

#[test]
fn the_entrusting_person_belongs_to_the_household() {
    let e = entrustment(1);
    assert_eq!(e.check_household(&household()), Ok(()));
    let stranger = EntrustmentRecord {
        entrusting_member: MemberId(Uuid::from_u128(77)),
        ..entrustment(1)
    };
    assert_eq!(
        stranger.check_household(&household()),
        Err(FieldworkError::NotInHousehold)
    );
    let other = EntrustmentRecord {
        household: HouseholdId(Uuid::from_u128(8)),
        ..entrustment(1)
    };
    assert_eq!(
        other.check_household(&household()),
        Err(FieldworkError::NotInHousehold)
    );
    assert_eq!(FieldworkError::NotInHousehold.path(), "entrusting_member");
}

#[test]
fn the_ledger_reads_the_record() {
    let w = World::entrusted(1, 0);
    let place = PlaceCode::parse("500231101201").unwrap();
    let mut e = entrustment(1);
    assert!(Entrustment::from_record(&e, Some(&w.case), &place, "李红").is_none());
    // Before any case, the entrustment is a row of its own, with what it asked for.
    let alone = Entrustment::from_record(&e, None, &place, "李红").unwrap();
    assert_eq!(alone.items, e.items.as_slice());
    assert_eq!(alone.received_at, e.received_at);
    assert!(alone.case.is_none() && alone.ended.is_none());
    e.link_case(w.case.id()).unwrap();
    let view = Entrustment::from_record(&e, Some(&w.case), &place, "李红").unwrap();
    assert_eq!(view.entrusting_person, "王秀英");
    assert_eq!(view.helper, "李红");
    assert_eq!(view.notes, "当面委托");
    assert_eq!(view.case.map(|c| c.id()), Some(w.case.id()));
}
