use chrono::NaiveDate;
use uuid::Uuid;

use super::test_support::*;
use super::*;
use crate::calendar::{Calendar, Urgency};
use crate::catalogue::Catalogue;
use crate::clocks::china_date;
use crate::household::Household;
use crate::ids::HouseholdId;
use crate::role::Role;
use crate::workflow::Command;
use crate::workflow::test_support::{World, approve, civil, dibao, mat, medical, medsec};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// An entrusted case `n` with 低保 and medical aid, submitted on 15 Nov 2023 (Beijing).
fn submitted(n: u128) -> World {
    let mut w = World::entrusted(n, 0);
    w.ok(
        Command::EditDraft {
            items: vec![dibao(), medical()],
            primary: Some(dibao()),
        },
        Role::Helper,
    )
    .ok(Command::Submit, Role::Helper);
    w
}

fn waiting_for_materials(n: u128) -> World {
    let mut w = submitted(n);
    w.ok(
        Command::RequestSupplement {
            seen: vec![],
            missing: vec![mat("hukou"), mat("diagnosis")],
        },
        Role::WindowClerk,
    );
    w
}

fn urgently_accepted(n: u128) -> World {
    let mut w = submitted(n);
    w.ok(
        Command::UrgentAccept {
            missing: vec![mat("medical_bills")],
            urgent_allowed: true,
            flagged_urgent: false,
        },
        Role::WindowClerk,
    );
    w
}

fn decided(n: u128) -> World {
    let mut w = half_decided(n);
    w.ok(approve(medical(), medsec(), false), Role::DepartmentOfficer);
    w
}

fn told(n: u128) -> World {
    let mut w = decided(n);
    w.ok(Command::NotifyResult, Role::WindowClerk);
    w
}

struct Fixture {
    worlds: Vec<World>,
    household: Household,
    entrustments: Vec<EntrustmentRecord>,
    evaluations: Vec<Evaluation>,
    reports: Vec<HardshipReport>,
    visits: Vec<Visit>,
}

impl Fixture {
    fn new(worlds: Vec<World>) -> Fixture {
        Fixture {
            worlds,
            household: household(),
            entrustments: vec![],
            evaluations: vec![],
            reports: vec![],
            visits: vec![],
        }
    }

    fn tasks(&self, today: NaiveDate) -> Vec<Task> {
        let cases: Vec<HelperCase<'_>> = self
            .worlds
            .iter()
            .map(|w| HelperCase {
                case: &w.case,
                household: &self.household,
            })
            .collect();
        helper_tasks(&TaskInputs {
            cases: &cases,
            entrustments: &self.entrustments,
            evaluations: &self.evaluations,
            hardship_reports: &self.reports,
            visits: &self.visits,
            catalogue: &Catalogue::builtin(),
            calendar: &Calendar::builtin(),
            today,
        })
        .unwrap()
    }
}

fn only(tasks: &[Task]) -> &Task {
    assert_eq!(tasks.len(), 1, "{tasks:#?}");
    &tasks[0]
}

#[test]
fn materials_asked_for_wait_without_a_deadline() {
    let f = Fixture::new(vec![waiting_for_materials(1)]);
    let tasks = f.tasks(date(2023, 11, 20));
    let t = only(&tasks);
    assert_eq!(t.kind, TaskKind::BringMaterials);
    assert_eq!(t.subject, TaskSubject::Case(f.worlds[0].case.id()));
    assert_eq!(t.household, Some(household_id()));
    assert_eq!(t.deadline, None, "the clock waits for the applicant");
    assert_eq!(t.urgency, None);
    // As the one notice listed them (sorted by code, each once).
    assert_eq!(t.label_zh, "补交材料：疾病诊断证明、户口簿");
}

#[test]
fn materials_missing_after_urgent_acceptance_are_due_before_the_first_decision() {
    let f = Fixture::new(vec![urgently_accepted(1)]);
    let tasks = f.tasks(date(2023, 11, 20));
    let t = only(&tasks);
    assert_eq!(t.kind, TaskKind::BringMaterials);
    // Medical aid's 20 working days come before 低保's 30.
    let accepted = date(2023, 11, 15);
    let due = Calendar::builtin().add_working_days(accepted, 20).unwrap();
    assert_eq!(t.deadline, Some(due));
    assert_eq!(t.urgency, Some(Urgency::OnTrack));
    assert!(t.label_zh.contains("医疗费用票据"), "{}", t.label_zh);
}

#[test]
fn a_result_is_handed_over_within_two_working_days() {
    let f = Fixture::new(vec![decided(1)]);
    let ready = china_date(f.worlds[0].case.decided_at().unwrap());
    let due = Calendar::builtin().notify_deadline(ready).unwrap();
    let t = only(&f.tasks(ready)).clone();
    assert_eq!(t.kind, TaskKind::HandOverResult);
    assert_eq!(t.deadline, Some(due));
    assert_eq!(t.urgency, Some(Urgency::DueSoon));
    assert_eq!(t.label_zh, "向申请人反馈办理结果（最低生活保障、医疗救助）");
    let late = only(&f.tasks(date(2023, 11, 20))).clone();
    assert_eq!(late.urgency, Some(Urgency::Overdue));
    assert!(late.is_overdue(date(2023, 11, 20)));
    assert!(!late.is_overdue(due.value));
}

/// 低保 decided, 医疗救助 still with its department.
fn half_decided(n: u128) -> World {
    let mut w = submitted(n);
    w.accept_and_route()
        .ok(approve(dibao(), civil(), false), Role::DepartmentOfficer);
    w
}

#[test]
fn each_result_is_handed_over_before_the_others_are_decided() {
    let f = Fixture::new(vec![half_decided(1)]);
    let case = &f.worlds[0].case;
    let ready = china_date(case.item(&dibao()).unwrap().result_ready_at().unwrap());
    let due = Calendar::builtin().notify_deadline(ready).unwrap();
    let t = only(&f.tasks(ready)).clone();
    assert_eq!(t.kind, TaskKind::HandOverResult);
    assert_eq!(t.deadline, Some(due));
    assert_eq!(
        t.label_zh,
        "向申请人反馈一项办理结果（最低生活保障），其他事项仍在办理"
    );
    // Told on its own: nothing left to hand over until the other result.
    let mut told = half_decided(1);
    told.ok(Command::TellResult { item: dibao() }, Role::WindowClerk);
    let f = Fixture::new(vec![told]);
    assert!(f.tasks(ready).is_empty(), "{:#?}", f.tasks(ready));
}

#[test]
fn the_whole_result_is_due_by_the_earliest_untold_result() {
    // 低保 decided first and not told; the last result's notice is due later, but the first
    // result's two working days run out first.
    let f = Fixture::new(vec![decided(1)]);
    let case = &f.worlds[0].case;
    let first = china_date(case.item(&dibao()).unwrap().result_ready_at().unwrap());
    let due = Calendar::builtin().notify_deadline(first).unwrap();
    let t = only(&f.tasks(first)).clone();
    assert_eq!(t.label_zh, "向申请人反馈办理结果（最低生活保障、医疗救助）");
    assert_eq!(t.deadline, Some(due));
}

#[test]
fn a_told_result_asks_for_an_evaluation_once() {
    let mut f = Fixture::new(vec![told(1)]);
    let t = only(&f.tasks(date(2023, 11, 20))).clone();
    assert_eq!(t.kind, TaskKind::CollectEvaluation);
    assert_eq!(t.deadline, None);
    f.evaluations.push(evaluation(1, f.worlds[0].case.id()));
    assert!(f.tasks(date(2023, 11, 20)).is_empty());
}

#[test]
fn a_remote_entrustment_waits_for_its_signature() {
    let mut f = Fixture::new(vec![]);
    let mut phone = entrustment(7);
    phone.channel = EntrustmentChannel::Phone;
    phone.signature = None;
    f.entrustments = vec![entrustment(6), phone];
    let t = only(&f.tasks(date(2023, 11, 20))).clone();
    assert_eq!(t.kind, TaskKind::CollectSignature);
    assert_eq!(t.subject, TaskSubject::Entrustment(f.entrustments[1].id));
    assert_eq!(t.label_zh, "请委托人补签（电话委托）");
}

#[test]
fn a_reported_household_is_visited_once_after_the_report() {
    let mut f = Fixture::new(vec![]);
    let unknown = HardshipReport {
        household: None,
        ..report(2)
    };
    f.reports = vec![report(1), unknown];
    // A visit before the report does not follow it up.
    f.visits = vec![Visit {
        at: at(0),
        ..visit(1)
    }];
    let t = only(&f.tasks(date(2023, 11, 20))).clone();
    assert_eq!(t.kind, TaskKind::FollowUpVisit);
    assert_eq!(t.subject, TaskSubject::Hardship(f.reports[0].id));
    assert_eq!(t.label_zh, "走访回访：重大疾病（紧急）");
    f.visits.push(visit(2));
    assert!(f.tasks(date(2023, 11, 20)).is_empty());
    // Another household's visit does not count.
    f.visits = vec![Visit {
        household: HouseholdId(Uuid::from_u128(8)),
        ..visit(3)
    }];
    assert_eq!(f.tasks(date(2023, 11, 20)).len(), 1);
}

#[test]
fn a_terminated_entrustment_releases_its_cases() {
    let mut f = Fixture::new(vec![waiting_for_materials(1), decided(2)]);
    let mut e = entrustment(6);
    e.link_case(f.worlds[0].case.id()).unwrap();
    e.terminate(termination(), now()).unwrap();
    f.entrustments = vec![e];
    let tasks = f.tasks(date(2023, 11, 20));
    let t = only(&tasks);
    assert_eq!(t.subject, TaskSubject::Case(f.worlds[1].case.id()));
}

#[test]
fn cases_needing_nothing_from_the_helper_give_no_task() {
    let mut accepted = submitted(3);
    accepted.ok(Command::Accept { missing: vec![] }, Role::WindowClerk);
    let f = Fixture::new(vec![submitted(1), accepted, World::entrusted(4, 0)]);
    assert!(f.tasks(date(2023, 11, 20)).is_empty());
}

#[test]
fn the_whole_list_overdue_first_then_by_deadline_then_the_rest() {
    let mut f = Fixture::new(vec![
        told(1),
        waiting_for_materials(2),
        urgently_accepted(3),
        decided(4),
    ]);
    let mut phone = entrustment(7);
    phone.channel = EntrustmentChannel::Phone;
    phone.signature = None;
    f.entrustments = vec![phone];
    f.reports = vec![report(8)];
    let tasks = f.tasks(date(2023, 11, 20));
    assert!(tasks.is_sorted());
    let kinds: Vec<TaskKind> = tasks.iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        [
            TaskKind::HandOverResult, // overdue since 17 Nov
            TaskKind::BringMaterials, // due in December
            TaskKind::CollectSignature,
            TaskKind::BringMaterials,
            TaskKind::FollowUpVisit,
            TaskKind::CollectEvaluation,
        ]
    );
    assert!(
        [
            TaskKind::CollectSignature,
            TaskKind::BringMaterials,
            TaskKind::HandOverResult,
            TaskKind::FollowUpVisit,
            TaskKind::CollectEvaluation,
        ]
        .iter()
        .all(|k| !k.name_zh().is_empty())
    );
}
