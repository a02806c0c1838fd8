use chrono::NaiveDate;

use super::*;
use crate::role::Role;
use crate::workflow::Command;
use crate::workflow::test_support::{World, civil, dibao, medical};

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

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn beijing_days_not_utc_days() {
    // 2023-11-14 22:13 UTC is already the 15th in Beijing.
    let late = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    assert_eq!(china_date(late), date(2023, 11, 15));
}

#[test]
fn nothing_runs_before_acceptance() {
    let c = clocks(&World::submitted());
    assert_eq!(c.accepted_on, None);
    assert_eq!(c.route, None);
    assert!(c.items.is_empty() && c.notify.is_none());
    assert!(c.open_deadlines().is_empty());
}

#[test]
fn acceptance_starts_routing_and_every_items_decision_clock() {
    let w = World::accepted();
    let c = clocks(&w);
    let accepted = date(2023, 11, 15); // a Wednesday
    assert_eq!(c.accepted_on, Some(accepted));
    assert_eq!(
        c.route.unwrap().value,
        date(2023, 11, 16),
        "next working day"
    );
    let cal = Calendar::builtin();
    let dibao_clock = c.items.iter().find(|i| i.item == dibao()).unwrap();
    assert_eq!(dibao_clock.limit.days, 30);
    assert_eq!(
        dibao_clock.deadline.value,
        Deadline::Due {
            on: cal.add_working_days(accepted, 30).unwrap().value
        }
    );
    let medical_clock = c.items.iter().find(|i| i.item == medical()).unwrap();
    assert_eq!(medical_clock.limit.days, 20);
    assert_eq!(c.longest_limit_days(), Some(30));
    // Soonest first: routing, then medical aid's 20 days, then 低保's 30.
    let open = c.open_deadlines();
    assert_eq!(open[0].value.due_on(), Some(date(2023, 11, 16)));
    assert!(open[1].value.due_on() < open[2].value.due_on());
}

#[test]
fn routing_stops_the_route_clock_and_names_departments() {
    let c = clocks(&World::verified_and_routed());
    assert_eq!(c.route, None);
    let dibao_clock = c.items.iter().find(|i| i.item == dibao()).unwrap();
    assert_eq!(dibao_clock.department, Some(civil()));
}

#[test]
fn an_extension_moves_the_deadline_by_working_days() {
    let mut w = World::verified_and_routed();
    let before = clocks(&w);
    w.ok(
        Command::ExtendDeadline {
            item: dibao(),
            department: civil(),
            working_days: 15,
            cap_days: None,
        },
        Role::DepartmentOfficer,
    );
    let after = clocks(&w);
    let find = |c: &CaseClocks| c.items.iter().find(|i| i.item == dibao()).cloned().unwrap();
    assert_eq!(find(&after).extension_used, 15);
    let cal = Calendar::builtin();
    let was = find(&before).deadline.value.due_on().unwrap();
    let now = find(&after).deadline.value.due_on().unwrap();
    assert_eq!(cal.working_days_between(was, now).value, 15);
    assert_eq!(after.longest_limit_days(), Some(45));
}

#[test]
fn the_result_starts_the_two_day_notice_clock_and_telling_stops_it() {
    let w = World::decided();
    let c = clocks(&w);
    let ready = china_date(w.case.decided_at().unwrap());
    assert_eq!(
        c.notify.unwrap().value,
        Calendar::builtin()
            .add_working_days(ready, 2)
            .unwrap()
            .value
    );
    assert!(c.items.iter().all(|i| i.decided_on.is_some()));
    // Only telling is left: each item's result (2 working days from that result) and the
    // combined notice.
    assert_eq!(c.open_deadlines().len(), 3);
    assert!(c.items.iter().all(|i| i.tell_by.is_some()));
    assert_eq!(clocks(&World::notified()).notify, None);
}

#[test]
fn waiting_for_materials_before_acceptance_does_not_eat_into_the_limit() {
    let mut w = World::submitted();
    w.ok(
        Command::RequestSupplement {
            seen: vec![],
            missing: vec![crate::workflow::test_support::mat("hukou")],
        },
        Role::WindowClerk,
    )
    .ok(Command::Resubmit, Role::Resident)
    .ok(Command::Accept { missing: vec![] }, Role::WindowClerk);
    let c = clocks(&w);
    let accepted = c.accepted_on.unwrap();
    let dibao_clock = c.items.iter().find(|i| i.item == dibao()).unwrap();
    assert_eq!(
        dibao_clock.deadline.value.due_on(),
        Some(
            Calendar::builtin()
                .add_working_days(accepted, 30)
                .unwrap()
                .value
        )
    );
}
