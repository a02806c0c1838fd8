//! Extension caps, public-notice periods, backdating, and the first-asker.

use chrono::Duration;

use crate::role::Role;

use super::test_support::*;
use super::*;

fn extend(days: i64, cap: Option<i64>) -> Command {
    Command::ExtendDeadline {
        item: dibao(),
        department: civil(),
        working_days: days,
        cap_days: cap,
    }
}

#[test]
fn several_extensions_stay_within_the_catalogue_cap_each_with_its_reason() {
    let mut w = World::verified_and_routed();
    w.ok(extend(5, Some(15)), Role::DepartmentOfficer)
        .ok(extend(10, Some(15)), Role::DepartmentOfficer);
    let e = w
        .run(extend(1, Some(15)), Role::DepartmentOfficer)
        .unwrap_err();
    assert_eq!(
        e,
        WorkflowError::ExtensionOverCap {
            item: dibao(),
            cap_days: 15,
            used_days: 15,
            asked_days: 1
        }
    );
    assert!(e.message_zh().contains("15"));
    let p = w.case.item(&dibao()).unwrap();
    assert_eq!(p.extended_days(), 15);
    assert_eq!(p.extensions.len(), 2);
    assert!(
        p.extensions
            .iter()
            .all(|x| x.reason.as_deref() == Some("理由"))
    );
    let e = w
        .run_as(extend(1, Some(30)), &actor(Role::DepartmentOfficer), None)
        .unwrap_err();
    assert!(matches!(e, WorkflowError::ReasonRequired { .. }));
}

#[test]
fn an_old_phone_without_the_cap_extends_once() {
    let mut w = World::verified_and_routed();
    w.ok(extend(3, None), Role::DepartmentOfficer);
    let e = w.run(extend(3, None), Role::DepartmentOfficer).unwrap_err();
    assert_eq!(e, WorkflowError::AlreadyExtended { item: dibao() });
}

fn posted_for(days: u32) -> World {
    let mut w = World::verified_and_routed();
    let mut cmd = approve(dibao(), civil(), true);
    if let Command::Decide { facts, .. } = &mut cmd {
        facts.public_notice_days = Some(days);
    }
    w.ok(cmd, Role::DepartmentOfficer)
        .ok(approve(medical(), medsec(), false), Role::DepartmentOfficer)
        .ok(Command::StartPublicNotice { item: dibao() }, Role::Verifier);
    w
}

#[test]
fn the_public_notice_runs_its_full_days_before_it_ends() {
    let mut w = posted_for(7);
    let posted = w.case.item(&dibao()).unwrap().notice.clone();
    let NoticeStatus::Posted { since } = posted else {
        panic!("{posted:?}")
    };
    let until = crate::clocks::china_date(since) + Duration::days(7);
    let e = w
        .run(Command::EndPublicNotice { item: dibao() }, Role::Verifier)
        .unwrap_err();
    assert_eq!(
        pre(e.clone()),
        PreconditionFailed::NoticePeriodRunning {
            item: dibao(),
            until
        }
    );
    assert!(e.message_zh().contains("公示期未满"));
    // An objection during the notice must be resolved first, even after the days.
    w.run_as(
        Command::FileObjection { item: dibao() },
        &neighbour(),
        Some("他家有车"),
    )
    .unwrap();
    w.clock += 24 * 7;
    let e = w
        .run(Command::EndPublicNotice { item: dibao() }, Role::Verifier)
        .unwrap_err();
    assert!(matches!(
        pre(e),
        PreconditionFailed::ObjectionsPending { .. }
    ));
    w.ok(
        Command::ResolveObjection {
            objection: 1,
            upheld: false,
        },
        Role::Verifier,
    )
    .ok(Command::EndPublicNotice { item: dibao() }, Role::Verifier);
    assert_eq!(w.case.state(), CaseState::Decided);
}

#[test]
fn a_backdated_action_is_refused() {
    let w = World::accepted();
    let last = w.case.last_event_at().unwrap();
    let e = w
        .case
        .decide(
            &Command::HomeSurvey,
            &actor(Role::Verifier),
            last - Duration::minutes(1),
            None,
        )
        .unwrap_err();
    assert_eq!(
        e,
        WorkflowError::Backdated {
            at: last - Duration::minutes(1),
            last
        }
    );
    assert!(e.message_zh().contains("倒签"));
    // The same instant is not backdated.
    assert!(
        w.case
            .decide(&Command::HomeSurvey, &actor(Role::Verifier), last, None)
            .is_ok()
    );
}

#[test]
fn the_first_window_clerk_is_the_first_asker_and_stays() {
    let mut w = World::submitted();
    assert_eq!(w.case.first_asker(), None, "the applicant applied online");
    w.ok(Command::Accept { missing: vec![] }, Role::WindowClerk)
        .ok(Command::ApproveRouting, Role::TownshipLeader);
    let clerk = actor(Role::WindowClerk);
    assert_eq!(w.case.first_asker(), Some(clerk));
    let other = Actor {
        user: crate::ids::UserId(uuid::Uuid::from_u128(77)),
        role: Role::WindowClerk,
    };
    w.run_as(Command::Route(routing()), &other, None).unwrap();
    assert_eq!(w.case.first_asker(), Some(clerk));
    assert_eq!(Case::replay(&w.events).unwrap().first_asker(), Some(clerk));
}

#[test]
fn a_walk_in_entered_at_the_window_names_its_clerk_at_once() {
    let clerk = actor(Role::WindowClerk);
    let e = Case::create(
        crate::ids::CaseId(uuid::Uuid::from_u128(5)),
        Channel::Window,
        None,
        &clerk,
        at(0),
    )
    .unwrap();
    assert_eq!(Case::from_created(&e).unwrap().first_asker(), Some(clerk));
}

#[test]
fn a_case_stored_before_issue_19_still_reads() {
    let w = World::in_notice();
    let mut json = serde_json::to_value(&w.case).unwrap();
    let case = json.as_object_mut().unwrap();
    for key in ["first_asker", "last_event_at", "chases"] {
        case.remove(key);
    }
    for item in case["items"].as_array_mut().unwrap() {
        let item = item.as_object_mut().unwrap();
        for key in ["extensions", "notice_days", "returns", "told_at"] {
            item.remove(key);
        }
    }
    let old: Case = serde_json::from_value(json).unwrap();
    assert_eq!(old.items().len(), 2);
    assert_eq!(
        old.last_event_at(),
        None,
        "no backdating check until its next event"
    );
    assert_eq!(old.first_asker(), None);
}
