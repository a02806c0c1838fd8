//! Property tests: every record survives JSON unchanged, validation never panics, and the
//! task and report orders are total orders with the promised shape.

use std::cmp::Ordering;

use chrono::{DateTime, Days, NaiveDate, Utc};
use proptest::prelude::*;
use uuid::Uuid;

use super::test_support::{at, item, sha};
use super::*;
use crate::calendar::{Dated, Urgency};
use crate::catalogue::Catalogue;
use crate::identity::PersonName;
use crate::ids::{CaseId, HouseholdId, MemberId, UserId};
use crate::jurisdiction::PlaceCode;

fn time() -> impl Strategy<Value = DateTime<Utc>> {
    (-50_000i64..50_000).prop_map(at)
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![".{0,12}", "[一-龥 ]{0,12}", Just(String::new())]
}

fn name() -> impl Strategy<Value = PersonName> {
    prop::sample::select(vec!["王秀英", "陈德华", "阿依古丽·买买提", "李"])
        .prop_map(|n| PersonName::parse(n).unwrap())
}

fn photos() -> impl Strategy<Value = Vec<AttachmentRef>> {
    prop::collection::vec((0u32..30).prop_map(sha), 0..4)
}

fn uuid() -> impl Strategy<Value = Uuid> {
    (0u128..6).prop_map(Uuid::from_u128)
}

fn termination() -> impl Strategy<Value = Termination> {
    let material = (text(), -1i64..4).prop_map(|(name, count)| ReturnedMaterial { name, count });
    (
        time(),
        any::<bool>(),
        text(),
        prop::collection::vec(material, 0..3),
        any::<u32>(),
    )
        .prop_map(
            |(at, by_resident, reason, materials_returned, s)| Termination {
                at,
                cause: if by_resident {
                    TerminationCause::ResidentRequest
                } else {
                    TerminationCause::MatterEnded
                },
                reason,
                materials_returned,
                signature: sha(s),
            },
        )
}

fn entrustment() -> impl Strategy<Value = EntrustmentRecord> {
    let codes = vec!["dibao", "medical", "temporary", "unknown"];
    (
        (uuid(), uuid(), uuid(), name()),
        prop::collection::vec(prop::sample::select(codes.clone()), 0..4),
        prop::option::of(prop::sample::select(codes)),
        prop::sample::select(EntrustmentChannel::ALL.to_vec()),
        time(),
        prop::option::of(any::<u32>()),
        prop::collection::vec(uuid(), 0..3),
        prop::option::of(termination()),
    )
        .prop_map(
            |((id, household, member, name), items, main, channel, received_at, s, cases, t)| {
                EntrustmentRecord {
                    id: EntrustmentId(id),
                    household: HouseholdId(household),
                    entrusting_member: MemberId(member),
                    entrusting_name: name,
                    helper: UserId(Uuid::from_u128(10)),
                    items: items.into_iter().map(item).collect(),
                    main_item: main.map(item),
                    channel,
                    received_at,
                    signature: s.map(sha),
                    cases: cases.into_iter().map(CaseId).collect(),
                    termination: t,
                }
            },
        )
}

fn visit() -> impl Strategy<Value = Visit> {
    let answers = [Answer::Yes, Answer::No, Answer::NotApplicable];
    let answer = (
        prop::sample::select(ChecklistQuestion::ALL.to_vec()),
        prop::sample::select(answers.to_vec()),
    )
        .prop_map(|(question, answer)| ChecklistAnswer { question, answer });
    let location = (-100_000_000i64..100_000_000, -200_000_000i64..200_000_000).prop_map(
        |(latitude_e6, longitude_e6)| Location {
            latitude_e6,
            longitude_e6,
        },
    );
    (
        uuid(),
        any::<bool>(),
        time(),
        text(),
        prop::collection::vec(answer, 0..7),
        photos(),
        any::<bool>(),
        prop::option::of(location),
    )
        .prop_map(
            |(id, survey, at, notes, checklist, photos, location_consent, location)| Visit {
                id: VisitId(id),
                household: HouseholdId(Uuid::from_u128(9)),
                helper: UserId(Uuid::from_u128(10)),
                kind: if survey {
                    VisitKind::HomeSurvey
                } else {
                    VisitKind::Routine
                },
                at,
                notes,
                checklist,
                photos,
                location_consent,
                location,
            },
        )
}

fn urgency() -> impl Strategy<Value = HardshipUrgency> {
    prop::sample::select(vec![
        HardshipUrgency::Urgent,
        HardshipUrgency::Soon,
        HardshipUrgency::Normal,
    ])
}

fn report() -> impl Strategy<Value = HardshipReport> {
    let category = prop_oneof![
        Just(HardshipCategory::SeriousIllness),
        Just(HardshipCategory::Accident),
        Just(HardshipCategory::Disaster),
        Just(HardshipCategory::DeathInFamily),
        Just(HardshipCategory::SuddenIncomeLoss),
        Just(HardshipCategory::NoOneToCare),
        text().prop_map(|text| HardshipCategory::Other { text }),
    ];
    (
        uuid(),
        prop::option::of(name()),
        prop::option::of(uuid()),
        category,
        text(),
        urgency(),
        time(),
        photos(),
        prop::option::of(uuid()),
    )
        .prop_map(
            |(
                id,
                person_name,
                household,
                category,
                description,
                urgency,
                reported_at,
                photos,
                case,
            )| {
                HardshipReport {
                    id: HardshipId(id),
                    reporter: UserId(Uuid::from_u128(10)),
                    place: PlaceCode::parse("500231101201-G01").unwrap(),
                    person_name,
                    household: household.map(HouseholdId),
                    category,
                    description,
                    urgency,
                    reported_at,
                    photos,
                    case: case.map(CaseId),
                }
            },
        )
}

fn evaluation() -> impl Strategy<Value = Evaluation> {
    (
        uuid(),
        uuid(),
        prop::option::of(uuid()),
        prop::sample::select(Rating::ALL.to_vec()),
        prop::option::of(text()),
        time(),
    )
        .prop_map(
            |(id, case, entrustment, rating, comment, collected_at)| Evaluation {
                id: EvaluationId(id),
                case: CaseId(case),
                entrustment: entrustment.map(EntrustmentId),
                rating,
                comment,
                collected_by: UserId(Uuid::from_u128(10)),
                collected_at,
            },
        )
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 16).unwrap()
}

fn task() -> impl Strategy<Value = Task> {
    let kinds = vec![
        TaskKind::CollectSignature,
        TaskKind::BringMaterials,
        TaskKind::HandOverResult,
        TaskKind::FollowUpVisit,
        TaskKind::CollectEvaluation,
    ];
    let subject = (0..3, 0u128..4).prop_map(|(k, n)| {
        let id = Uuid::from_u128(n);
        match k {
            0 => TaskSubject::Case(CaseId(id)),
            1 => TaskSubject::Entrustment(EntrustmentId(id)),
            _ => TaskSubject::Hardship(HardshipId(id)),
        }
    });
    let deadline = prop::option::of((0u64..20, any::<bool>())).prop_map(|d| {
        d.map(|(offset, provisional)| Dated {
            value: today() - Days::new(10) + Days::new(offset),
            provisional,
        })
    });
    (
        prop::sample::select(kinds),
        subject,
        prop::option::of((0u128..2).prop_map(|n| HouseholdId(Uuid::from_u128(n)))),
        deadline,
        prop::option::of(prop::sample::select(vec![
            Urgency::Overdue,
            Urgency::DueSoon,
        ])),
        prop::sample::select(vec!["甲", "乙"]),
    )
        .prop_map(
            |(kind, subject, household, deadline, urgency, label)| Task {
                kind,
                subject,
                household,
                deadline,
                urgency,
                label_zh: label.to_owned(),
            },
        )
}

fn count(list: &[Task], t: &Task) -> usize {
    list.iter().filter(|x| *x == t).count()
}

proptest! {
    #[test]
    fn entrustments_round_trip_and_validate_without_panic(e in entrustment()) {
        let json = serde_json::to_string(&e).unwrap();
        prop_assert_eq!(serde_json::from_str::<EntrustmentRecord>(&json).unwrap(), e.clone());
        if let Err(errors) = e.validate(&Catalogue::builtin(), at(0)) {
            prop_assert!(errors.iter().all(|x| !x.message_zh().is_empty() && !x.path().is_empty()));
        }
    }

    #[test]
    fn visits_round_trip_and_validate_without_panic(v in visit()) {
        let json = serde_json::to_string(&v).unwrap();
        prop_assert_eq!(serde_json::from_str::<Visit>(&json).unwrap(), v.clone());
        let _ = v.validate(at(0));
    }

    #[test]
    fn reports_round_trip_and_validate_without_panic(r in report()) {
        let json = serde_json::to_string(&r).unwrap();
        prop_assert_eq!(serde_json::from_str::<HardshipReport>(&json).unwrap(), r.clone());
        let _ = r.validate(at(0));
    }

    #[test]
    fn evaluations_round_trip_and_validate_without_panic(e in evaluation()) {
        let json = serde_json::to_string(&e).unwrap();
        prop_assert_eq!(serde_json::from_str::<Evaluation>(&json).unwrap(), e.clone());
        let _ = e.validate(at(0));
    }

    #[test]
    fn errors_round_trip(e in entrustment()) {
        if let Err(errors) = e.validate(&Catalogue::builtin(), at(0)) {
            let json = serde_json::to_string(&errors).unwrap();
            prop_assert_eq!(serde_json::from_str::<Vec<FieldworkError>>(&json).unwrap(), errors);
        }
    }

    #[test]
    fn sorting_tasks_permutes_and_orders_them(tasks in prop::collection::vec(task(), 0..25)) {
        let mut sorted = tasks.clone();
        sort_tasks(&mut sorted);
        prop_assert_eq!(sorted.len(), tasks.len());
        for t in &tasks {
            prop_assert_eq!(count(&sorted, t), count(&tasks, t));
        }
        for pair in sorted.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            prop_assert!(a.deadline.is_some() || b.deadline.is_none(), "no deadline last");
            if let (Some(x), Some(y)) = (a.deadline, b.deadline) {
                prop_assert!(x.value <= y.value, "soonest (most overdue) first");
            }
        }
        let first_not_overdue = sorted.iter().position(|t| !t.is_overdue(today())).unwrap_or(sorted.len());
        prop_assert!(sorted[first_not_overdue..].iter().all(|t| !t.is_overdue(today())), "overdue before due");
    }

    #[test]
    fn the_task_order_ignores_the_input_order(tasks in prop::collection::vec(task(), 0..25).prop_shuffle(), seed in any::<u64>()) {
        let mut a = tasks.clone();
        let mut b = tasks;
        let len = b.len().max(1);
        b.rotate_left((seed as usize) % len);
        b.reverse();
        sort_tasks(&mut a);
        sort_tasks(&mut b);
        prop_assert_eq!(a, b);
    }

    #[test]
    fn the_task_order_is_a_total_order(a in task(), b in task(), c in task()) {
        prop_assert_eq!(a.cmp(&b) == Ordering::Equal, a == b);
        prop_assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
        prop_assert_eq!(a.partial_cmp(&b), Some(a.cmp(&b)));
        if a <= b && b <= c {
            prop_assert!(a <= c);
        }
    }

    #[test]
    fn the_township_sees_urgent_then_newest(mut reports in prop::collection::vec(report(), 0..20)) {
        sort_for_township(&mut reports);
        for pair in reports.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            prop_assert!(a.urgency <= b.urgency);
            if a.urgency == b.urgency {
                prop_assert!(a.reported_at >= b.reported_at);
            }
        }
    }

    #[test]
    fn attachment_refs_accept_exactly_lowercase_sha256(s in "[0-9a-fA-Fg]{62,66}") {
        let ok = s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        prop_assert_eq!(AttachmentRef::parse(&s).is_ok(), ok);
    }
}
