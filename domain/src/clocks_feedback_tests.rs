//! Per-result feedback clocks, decision clocks from routing, and re-routing clocks, on the
//! 2026 calendar (National Day: 1–7 October off, 28 September and 10 October worked).

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::*;
use crate::role::Role;
use crate::workflow::test_support::{World, approve, civil, dibao, medical, medsec};
use crate::workflow::{Command, Event};

fn place() -> PlaceCode {
    PlaceCode::parse("500231101201").unwrap()
}

fn clocks(w: &World) -> CaseClocks {
    case_clocks(
        &w.case,
        &Catalogue::builtin(),
        &Calendar::builtin(),
        &place(),
    )
    .unwrap()
}

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// 10:00 Beijing on that 2026 day.
fn beijing(m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, m, d, 2, 0, 0).unwrap()
}

/// Runs `cmd` at `when`, as `role`.
fn act(w: &mut World, cmd: Command, role: Role, when: DateTime<Utc>) {
    let by = crate::workflow::test_support::actor(role);
    let events: Vec<Event> = w.case.decide(&cmd, &by, when, Some("理由")).unwrap();
    for e in events {
        w.case.apply(&e);
        w.events.push(e);
    }
}

/// Submitted on 25 September 2026, accepted on Monday 28 September
/// and routed on Wednesday 30 September, the eve of National Day.
fn routed_before_national_day() -> World {
    let mut w = World::submitted();
    w.case = {
        let mut c = w.case.clone();
        // Re-date the history: a fresh case in 2026.
        let created = w.events[0].clone();
        let mut events = vec![Event {
            at: beijing(9, 25),
            ..created
        }];
        for e in &w.events[1..] {
            events.push(Event {
                at: beijing(9, 25),
                ..e.clone()
            });
        }
        c = crate::workflow::Case::replay(&events).unwrap_or(c);
        w.events = events;
        c
    };
    act(
        &mut w,
        Command::Accept { missing: vec![] },
        Role::WindowClerk,
        beijing(9, 28),
    );
    act(
        &mut w,
        Command::EconomicCheck {
            adults_without_authorization: vec![],
            authorizations: vec![],
        },
        Role::Verifier,
        beijing(9, 29),
    );
    act(
        &mut w,
        Command::ApproveRouting,
        Role::TownshipLeader,
        beijing(9, 29),
    );
    act(
        &mut w,
        Command::Route(crate::workflow::test_support::routing()),
        Role::WindowClerk,
        beijing(9, 30),
    );
    w
}

#[test]
fn decision_clocks_run_from_routing_across_national_day() {
    let w = routed_before_national_day();
    let c = clocks(&w);
    let cal = Calendar::builtin();
    let medical_clock = c.items.iter().find(|i| i.item == medical()).unwrap();
    assert_eq!(medical_clock.started_on, date(9, 30));
    let due = cal.add_working_days(date(9, 30), 20).unwrap().value;
    assert_eq!(medical_clock.deadline.value.due_on(), Some(due));
    // 1–8 October are off (National Day and Mid-Autumn), so 20 working days end in November.
    assert!(due > date(10, 27), "{due}");
    assert_eq!(cal.working_days_between(date(9, 30), due).value, 20);
}

#[test]
fn each_result_is_told_within_two_working_days_of_itself() {
    let mut w = routed_before_national_day();
    // Medical aid decided on 30 September: told by 9 October (1–8 are off).
    act(
        &mut w,
        approve(medical(), medsec(), false),
        Role::DepartmentOfficer,
        beijing(9, 30),
    );
    let c = clocks(&w);
    let m = c.items.iter().find(|i| i.item == medical()).unwrap();
    let cal = Calendar::builtin();
    let tell_by = m.tell_by.unwrap().value;
    assert_eq!(tell_by, cal.add_working_days(date(9, 30), 2).unwrap().value);
    assert!(tell_by >= date(10, 9), "{tell_by}");
    assert_eq!(
        c.notify, None,
        "低保 is still undecided: no combined notice yet"
    );
    act(
        &mut w,
        Command::TellResult { item: medical() },
        Role::WindowClerk,
        beijing(10, 9),
    );
    let c = clocks(&w);
    assert!(c.items.iter().all(|i| i.tell_by.is_none()));
    assert_eq!(w.case.state(), crate::workflow::CaseState::Routed);
    // 低保 decided later: the case is done once it is told too.
    act(
        &mut w,
        approve(dibao(), civil(), false),
        Role::DepartmentOfficer,
        beijing(10, 12),
    );
    let d = clocks(&w);
    let dibao_clock = d.items.iter().find(|i| i.item == dibao()).unwrap();
    assert_eq!(
        dibao_clock.tell_by.unwrap().value,
        cal.add_working_days(date(10, 12), 2).unwrap().value
    );
    act(
        &mut w,
        Command::TellResult { item: dibao() },
        Role::WindowClerk,
        beijing(10, 13),
    );
    assert_eq!(w.case.state(), crate::workflow::CaseState::ResultNotified);
    assert!(clocks(&w).open_deadlines().is_empty());
    act(&mut w, Command::Close, Role::WindowClerk, beijing(10, 14));
    assert_eq!(w.case.state(), crate::workflow::CaseState::Closed);
}

#[test]
fn a_returned_item_must_be_routed_again_within_one_working_day() {
    let mut w = routed_before_national_day();
    act(
        &mut w,
        Command::ReturnItem {
            item: medical(),
            department: medsec(),
        },
        Role::DepartmentOfficer,
        beijing(9, 30),
    );
    let c = clocks(&w);
    let m = c.items.iter().find(|i| i.item == medical()).unwrap();
    // Returned on the eve of National Day: the next working day is 9 October.
    assert_eq!(
        m.reroute_by.unwrap().value,
        Calendar::builtin()
            .add_working_days(date(9, 30), 1)
            .unwrap()
            .value
    );
    act(
        &mut w,
        Command::Reroute {
            item: medical(),
            department: crate::workflow::test_support::dept("health"),
            acting_department: None,
        },
        Role::WindowClerk,
        beijing(10, 9),
    );
    let c = clocks(&w);
    let m = c.items.iter().find(|i| i.item == medical()).unwrap();
    assert_eq!(m.reroute_by, None);
    assert_eq!(m.started_on, date(10, 9), "the decision clock starts again");
}
