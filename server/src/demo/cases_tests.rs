use chrono::{DateTime, TimeZone, Utc};
use domain::calendar::{Calendar, Urgency};
use domain::clocks::china_date;
use domain::fieldwork::{HelperCase, TaskInputs, TaskKind, helper_tasks};
use domain::jurisdiction::PlaceCode;
use domain::ledger::{Entrustment, QuarterReport, helper_ledger};
use domain::workflow::{Case, CaseState};

use super::*;

fn staff() -> Staff {
    let user = |n| UserId(Uuid::from_u128(n));
    Staff {
        helper: user(1),
        clerk: user(2),
        verifier: user(3),
        officer: user(4),
        resident: user(5),
        leader: user(8),
    }
}

/// A Wednesday morning in Beijing, mid-quarter.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 18, 2, 0, 0).unwrap()
}

fn demo() -> (Vec<Household>, DemoCases) {
    let homes = super::super::households::build(now().date_naive()).unwrap();
    let demo = build(&homes, &staff(), &Catalogue::builtin(), now()).unwrap();
    (homes, demo)
}

#[test]
fn every_case_has_its_own_household_in_maojia_and_an_entrustment() {
    let (homes, demo) = demo();
    assert_eq!(demo.cases.len(), 4);
    assert_eq!(demo.entrustments.len(), 5);
    let mut households: Vec<_> = demo.entrustments.iter().map(|e| e.household).collect();
    households.sort();
    households.dedup();
    assert_eq!(households.len(), 5, "one household each");
    let maojia = PlaceCode::parse("500231101201").unwrap();
    for e in &demo.entrustments {
        let home = homes.iter().find(|h| h.id == e.household).unwrap();
        assert!(maojia.contains(&home.place), "{}", home.address);
        assert_eq!(e.helper, staff().helper);
    }
    for c in &demo.cases {
        assert!(demo.entrustments.iter().any(|e| e.cases == [c.case.id()]));
        // The stored state is the one its history rebuilds.
        assert_eq!(Case::replay(&c.events).unwrap(), c.case);
        assert!(c.events.windows(2).all(|w| w[0].at <= w[1].at));
        assert!(c.events.iter().all(|e| e.at < now()));
    }
}

#[test]
fn the_helper_has_one_task_of_each_kind_and_one_deadline() {
    let (homes, demo) = demo();
    let cases: Vec<HelperCase<'_>> = demo
        .cases
        .iter()
        .map(|c| HelperCase {
            case: &c.case,
            household: homes.iter().find(|h| h.id == c.household).unwrap(),
        })
        .collect();
    let calendar = Calendar::builtin();
    let catalogue = Catalogue::builtin();
    let tasks = helper_tasks(&TaskInputs {
        cases: &cases,
        entrustments: &demo.entrustments,
        evaluations: &demo.evaluations,
        hardship_reports: &[],
        visits: &[],
        catalogue: &catalogue,
        calendar: &calendar,
        today: china_date(now()),
    })
    .unwrap();
    let kinds: Vec<TaskKind> = tasks.iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        [
            TaskKind::HandOverResult,
            TaskKind::CollectSignature,
            TaskKind::BringMaterials,
            TaskKind::CollectEvaluation,
        ]
    );
    // Decided on Tuesday: the window tells her by Thursday, one working day from today.
    let hand_over = &tasks[0];
    assert_eq!(
        hand_over.deadline.unwrap().value,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 19).unwrap()
    );
    assert_eq!(hand_over.urgency, Some(Urgency::DueSoon));
    assert!(tasks[2].label_zh.contains("收入"), "{}", tasks[2].label_zh);
}

#[test]
fn the_ledger_shows_every_case_and_the_finished_one_whole() {
    let (homes, demo) = demo();
    let catalogue = Catalogue::builtin();
    let entries: Vec<Entrustment<'_>> = demo
        .cases
        .iter()
        .map(|c| {
            let e = demo
                .entrustments
                .iter()
                .find(|e| e.cases.contains(&c.case.id()))
                .unwrap();
            let home = homes.iter().find(|h| h.id == c.household).unwrap();
            Entrustment::from_record(e, Some(&c.case), &home.place, "李网格").unwrap()
        })
        .collect();
    let rows = helper_ledger(
        &entries,
        &PlaceCode::parse("500231101201").unwrap(),
        QuarterReport::of(china_date(now())).period(),
        &catalogue,
        &Calendar::builtin(),
    )
    .unwrap();
    assert_eq!(rows.len(), 4);
    let finished = demo
        .cases
        .iter()
        .find(|c| c.case.state() == CaseState::Closed)
        .unwrap();
    let row = rows
        .iter()
        .find(|r| r.case == Some(finished.case.id()))
        .unwrap();
    assert_eq!(row.entrusting_person, "王秀英");
    assert!(row.result_zh.contains("批准"), "{}", row.result_zh);
    assert!(row.reply_on.is_some());
    assert_eq!(row.limit_days, Some(30));
    assert_eq!(demo.evaluations.len(), 1);
    assert!(finished.case.evaluation().is_some());
}
