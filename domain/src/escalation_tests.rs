use super::*;
use crate::calendar::Calendar;
use crate::catalogue::Catalogue;
use crate::clocks::case_clocks;
use crate::jurisdiction::PlaceCode;
use crate::role::Role;
use crate::workflow::Command;
use crate::workflow::test_support::{World, actor, at, dibao, medical, medsec};

fn late(w: &World, hours_after: i64) -> Vec<LateClock> {
    let place = PlaceCode::parse("500231101201").unwrap();
    let cal = Calendar::builtin();
    let clocks = case_clocks(&w.case, &Catalogue::builtin(), &cal, &place).unwrap();
    late_clocks(&w.case, &clocks, &cal, at(w.clock + hours_after))
}

#[test]
fn nothing_is_late_on_time() {
    let w = World::verified_and_routed();
    assert!(late(&w, 0).is_empty());
}

#[test]
fn an_unrouted_case_is_the_first_askers_and_goes_to_the_township_leader() {
    let w = World::accepted();
    // Accepted Wed 2023-11-15 (Beijing); due Thu 16th; on Fri 17th it is one day late.
    let l = late(&w, 48);
    assert_eq!(l.len(), 1, "{l:?}");
    assert_eq!(l[0].clock, ClockKind::Route);
    assert_eq!(l[0].responsible, Party::Window);
    assert_eq!(
        l[0].responsible_person,
        Some(actor(Role::WindowClerk).user),
        "the first-asker answers for it"
    );
    assert_eq!(l[0].escalate_to, EscalationLevel::TownshipLeader);
    assert_eq!(l[0].working_days_late, 1);
}

#[test]
fn a_late_department_escalates_to_the_county_after_three_working_days() {
    let w = World::verified_and_routed();
    // Medical aid: 20 working days from routing on 2023-11-15 → 2023-12-13.
    let l = late(&w, 24 * 29);
    let medical_late = l
        .iter()
        .find(|c| c.clock == ClockKind::Decision(medical()))
        .unwrap();
    assert_eq!(medical_late.responsible, Party::Department(medsec()));
    assert_eq!(medical_late.escalate_to, EscalationLevel::TownshipLeader);
    let l = late(&w, 24 * 33);
    let medical_late = l
        .iter()
        .find(|c| c.clock == ClockKind::Decision(medical()))
        .unwrap();
    assert!(medical_late.working_days_late >= COUNTY_AFTER_WORKING_DAYS);
    assert_eq!(medical_late.escalate_to, EscalationLevel::CountySupervisor);
    assert!(!l.iter().any(|c| c.clock == ClockKind::Decision(dibao())));
}

#[test]
fn a_chase_after_the_day_is_recorded_on_the_late_clock() {
    let mut w = World::verified_and_routed();
    w.clock += 24 * 30;
    w.run(
        Command::Chase {
            item: Some(medical()),
        },
        Role::WindowClerk,
    )
    .unwrap();
    let note = &w.case.chases()[0];
    assert_eq!(note.department, Some(medsec()));
    assert_eq!(note.text.as_deref(), Some("理由"));
    let l = late(&w, 1);
    let m = l
        .iter()
        .find(|c| c.clock == ClockKind::Decision(medical()))
        .unwrap();
    assert!(m.chased);
}

#[test]
fn a_chase_needs_what_was_said_and_a_known_item() {
    let mut w = World::verified_and_routed();
    let e = w
        .run_as(
            Command::Chase { item: None },
            &actor(Role::WindowClerk),
            None,
        )
        .unwrap_err();
    assert!(matches!(
        e,
        crate::workflow::WorkflowError::ReasonRequired { .. }
    ));
    let e = w
        .run(
            Command::Chase {
                item: Some(crate::workflow::test_support::item("housing")),
            },
            Role::WindowClerk,
        )
        .unwrap_err();
    assert!(matches!(
        e,
        crate::workflow::WorkflowError::UnknownItem { .. }
    ));
}
