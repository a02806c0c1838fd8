//! Public notice (公示), objections, and the result notification.

use crate::role::Role;

use super::test_support::*;
use super::*;

fn object(w: &mut World, by: &Actor) -> Result<(), WorkflowError> {
    w.run_as(
        Command::FileObjection { item: dibao() },
        by,
        Some("家中有车"),
    )
}

#[test]
fn only_approvals_that_need_it_are_posted_by_the_verifier() {
    let mut w = World::verified_and_routed();
    w.ok(approve(dibao(), civil(), true), Role::DepartmentOfficer)
        .ok(approve(medical(), medsec(), false), Role::DepartmentOfficer);
    assert_eq!(w.case.state(), CaseState::InPublicNotice);
    let start = |item| Command::StartPublicNotice { item };
    assert_eq!(
        pre(w.run(start(medical()), Role::Verifier).unwrap_err()),
        PreconditionFailed::NoNoticeDue { item: medical() }
    );
    assert!(matches!(
        w.run(start(dibao()), Role::WindowClerk),
        Err(WorkflowError::WrongRole { .. })
    ));
    w.ok(start(dibao()), Role::Verifier);
    assert!(matches!(
        w.case.item(&dibao()).unwrap().notice,
        NoticeStatus::Posted { .. }
    ));
    assert!(w.run(start(dibao()), Role::Verifier).is_err());
}

#[test]
fn objections_come_from_anyone_but_admin_and_only_during_a_notice() {
    let mut w = World::verified_and_routed();
    w.ok(approve(dibao(), civil(), true), Role::DepartmentOfficer);
    assert_eq!(
        pre(object(&mut w, &neighbour()).unwrap_err()),
        PreconditionFailed::NoticeNotOpen { item: dibao() }
    );
    w.ok(Command::StartPublicNotice { item: dibao() }, Role::Verifier);
    assert!(matches!(
        object(&mut w, &actor(Role::Admin)),
        Err(WorkflowError::WrongRole { .. })
    ));
    let err = w
        .run_as(Command::FileObjection { item: dibao() }, &neighbour(), None)
        .unwrap_err();
    assert!(matches!(err, WorkflowError::ReasonRequired { .. }));
    object(&mut w, &neighbour()).unwrap();
    object(&mut w, &actor(Role::Helper)).unwrap();
    assert_eq!(w.case.objections().len(), 2);
    assert_eq!(w.case.objections()[0].text.as_deref(), Some("家中有车"));
    let end = Command::EndPublicNotice { item: dibao() };
    assert_eq!(
        pre(w.run(end, Role::Verifier).unwrap_err()),
        PreconditionFailed::ObjectionsPending {
            item: dibao(),
            objections: vec![1, 2]
        }
    );
}

#[test]
fn a_rejected_objection_lets_the_notice_end_and_the_result_go_out() {
    let mut w = World::in_notice();
    object(&mut w, &neighbour()).unwrap();
    let resolve = |objection, upheld| Command::ResolveObjection { objection, upheld };
    assert!(matches!(
        w.run(resolve(1, false), Role::Resident),
        Err(WorkflowError::WrongRole { .. })
    ));
    assert_eq!(
        w.run(resolve(9, false), Role::Verifier).unwrap_err(),
        WorkflowError::UnknownObjection { objection: 9 }
    );
    w.ok(resolve(1, false), Role::WindowClerk);
    assert_eq!(
        pre(w.run(resolve(1, true), Role::Verifier).unwrap_err()),
        PreconditionFailed::ObjectionAlreadyResolved { objection: 1 }
    );
    w.ok(Command::EndPublicNotice { item: dibao() }, Role::Verifier);
    assert_eq!(w.case.state(), CaseState::Decided);
    assert_eq!(w.case.decided_at(), Some(at(w.clock)));
}

#[test]
fn an_upheld_objection_sends_the_item_back_to_its_department() {
    let mut w = World::in_notice();
    object(&mut w, &neighbour()).unwrap();
    object(&mut w, &neighbour()).unwrap();
    w.ok(
        Command::ResolveObjection {
            objection: 2,
            upheld: true,
        },
        Role::Verifier,
    );
    assert_eq!(w.case.state(), CaseState::Routed);
    let p = w.case.item(&dibao()).unwrap();
    assert_eq!(
        (p.decision.is_none(), &p.notice),
        (true, &NoticeStatus::NotNeeded)
    );
    assert!(matches!(
        w.case.objections()[0].status,
        ObjectionStatus::Superseded { .. }
    ));
    assert!(matches!(
        w.case.objections()[1].status,
        ObjectionStatus::Upheld { .. }
    ));
    assert_eq!(w.case.pending_on()[0], Party::Department(civil()));
    w.ok(deny(dibao(), civil()), Role::DepartmentOfficer);
    assert_eq!(w.case.state(), CaseState::Decided);
}

#[test]
fn the_result_goes_out_only_when_every_item_is_decided_and_posted() {
    let mut w = World::verified_and_routed();
    w.ok(approve(dibao(), civil(), true), Role::DepartmentOfficer);
    assert_eq!(
        pre(w.run(Command::NotifyResult, Role::WindowClerk).unwrap_err()),
        PreconditionFailed::ItemsUndecided {
            items: vec![medical()]
        }
    );
    w.ok(deny(medical(), medsec()), Role::DepartmentOfficer);
    assert_eq!(
        pre(w.run(Command::NotifyResult, Role::WindowClerk).unwrap_err()),
        PreconditionFailed::NoticesUnfinished {
            items: vec![dibao()]
        }
    );
    w.ok(Command::StartPublicNotice { item: dibao() }, Role::Verifier)
        .ok(Command::EndPublicNotice { item: dibao() }, Role::Verifier);
    assert_eq!(w.case.pending_on(), vec![Party::Window]);
    assert!(matches!(
        w.run(Command::NotifyResult, Role::Verifier),
        Err(WorkflowError::WrongRole { .. })
    ));
    w.ok(Command::NotifyResult, Role::WindowClerk);
    assert_eq!(w.case.state(), CaseState::ResultNotified);
    assert_eq!(w.case.notified_at(), Some(at(w.clock)));
}
