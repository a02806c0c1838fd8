//! Department decisions and deadline extensions.

use crate::role::Role;

use super::test_support::*;
use super::*;

fn check(adults: Vec<crate::ids::MemberId>) -> Command {
    Command::EconomicCheck {
        adults_without_authorization: adults,
        authorizations: vec![],
    }
}

#[test]
fn only_an_officer_of_the_items_department_decides_it() {
    let mut w = World::verified_and_routed();
    let err = w
        .run(approve(dibao(), civil(), true), Role::Verifier)
        .unwrap_err();
    assert!(matches!(err, WorkflowError::WrongRole { .. }));
    let err = w
        .run(approve(dibao(), medsec(), true), Role::DepartmentOfficer)
        .unwrap_err();
    assert_eq!(
        err,
        WorkflowError::WrongDepartment {
            item: dibao(),
            expected: civil(),
            actual: medsec()
        }
    );
    let err = w
        .run(
            approve(item("nope"), civil(), true),
            Role::DepartmentOfficer,
        )
        .unwrap_err();
    assert_eq!(err, WorkflowError::UnknownItem { item: item("nope") });
    w.ok(approve(dibao(), civil(), true), Role::DepartmentOfficer);
    let decision = w.case.item(&dibao()).unwrap().decision.clone().unwrap();
    assert_eq!(decision.decided_at, at(w.clock));
    assert_eq!(decision.approved.unwrap().fen, 65_000);
    assert_eq!(
        pre(w
            .run(deny(dibao(), civil()), Role::DepartmentOfficer)
            .unwrap_err()),
        PreconditionFailed::ItemAlreadyDecided { item: dibao() }
    );
    assert_eq!(w.case.state(), CaseState::Routed);
    assert_eq!(w.case.pending_on()[0], Party::Department(medsec()));
}

#[test]
fn approval_needs_the_economic_check_when_the_item_does() {
    let mut w = World::accepted();
    w.ok(Command::Route(routing()), Role::WindowClerk);
    assert_eq!(
        pre(w
            .run(approve(dibao(), civil(), true), Role::DepartmentOfficer)
            .unwrap_err()),
        PreconditionFailed::EconomicCheckNotDone
    );
    let no_check = Command::Decide {
        item: medical(),
        department: medsec(),
        outcome: DecisionOutcome::Approve {
            amount: AidAmount {
                fen: 0,
                period: AmountPeriod::OneOff,
            },
        },
        facts: DecisionFacts {
            economic_check_required: false,
            needs_public_notice: false,
            public_notice_days: None,
        },
    };
    w.ok(no_check, Role::DepartmentOfficer);
}

#[test]
fn approval_waits_for_materials_outstanding_since_urgent_acceptance() {
    let mut w = World::submitted();
    w.ok(
        Command::UrgentAccept {
            missing: vec![mat("a")],
            urgent_allowed: true,
            flagged_urgent: false,
        },
        Role::WindowClerk,
    )
    .ok(check(vec![]), Role::Verifier)
    .ok(Command::ApproveRouting, Role::TownshipLeader)
    .ok(Command::Route(routing()), Role::WindowClerk);
    assert_eq!(
        pre(w
            .run(approve(dibao(), civil(), true), Role::DepartmentOfficer)
            .unwrap_err()),
        PreconditionFailed::MaterialsOutstanding {
            missing: vec![mat("a")]
        }
    );
    // Denial does not wait: a case may be refused on what is already known.
    w.ok(deny(medical(), medsec()), Role::DepartmentOfficer);
    w.ok(
        Command::ConfirmMaterialsComplete { missing: vec![] },
        Role::WindowClerk,
    )
    .ok(approve(dibao(), civil(), true), Role::DepartmentOfficer);
}

#[test]
fn amounts_are_never_negative_and_denials_need_a_reason() {
    let mut w = World::verified_and_routed();
    let negative = Command::Decide {
        item: dibao(),
        department: civil(),
        outcome: DecisionOutcome::Approve {
            amount: AidAmount {
                fen: -1,
                period: AmountPeriod::Monthly,
            },
        },
        facts: DecisionFacts::default(),
    };
    assert_eq!(
        pre(w.run(negative, Role::DepartmentOfficer).unwrap_err()),
        PreconditionFailed::NegativeAmount { fen: -1 }
    );
    let officer = actor(crate::role::Role::DepartmentOfficer);
    let err = w
        .run_as(deny(dibao(), civil()), &officer, None)
        .unwrap_err();
    assert_eq!(
        err,
        WorkflowError::ReasonRequired {
            command: CommandKind::Decide
        }
    );
    w.run_as(deny(dibao(), civil()), &officer, Some("收入超过标准"))
        .unwrap();
    let d = w.case.item(&dibao()).unwrap().decision.clone().unwrap();
    assert_eq!(
        (d.approved, d.reason.as_deref()),
        (None, Some("收入超过标准"))
    );
}

#[test]
fn each_item_may_be_extended_once_by_its_department_before_the_decision() {
    let mut w = World::verified_and_routed();
    let ext = |department, working_days| Command::ExtendDeadline {
        item: dibao(),
        department,
        working_days,
        cap_days: None,
    };
    let officer = actor(Role::DepartmentOfficer);
    let err = w.run_as(ext(civil(), 5), &officer, None).unwrap_err();
    assert!(matches!(err, WorkflowError::ReasonRequired { .. }));
    assert!(matches!(
        w.run(ext(medsec(), 5), Role::DepartmentOfficer),
        Err(WorkflowError::WrongDepartment { .. })
    ));
    assert_eq!(
        pre(w.run(ext(civil(), 0), Role::DepartmentOfficer).unwrap_err()),
        PreconditionFailed::ExtensionNotPositive { working_days: 0 }
    );
    w.ok(ext(civil(), 5), Role::DepartmentOfficer);
    assert_eq!(
        w.case.item(&dibao()).unwrap().extension,
        Some((5, at(w.clock)))
    );
    assert_eq!(
        w.run(ext(civil(), 3), Role::DepartmentOfficer).unwrap_err(),
        WorkflowError::AlreadyExtended { item: dibao() }
    );
    w.ok(approve(medical(), medsec(), false), Role::DepartmentOfficer);
    let late = Command::ExtendDeadline {
        item: medical(),
        department: medsec(),
        working_days: 2,
        cap_days: None,
    };
    assert!(matches!(
        w.run(late, Role::DepartmentOfficer),
        Err(WorkflowError::Precondition { .. })
    ));
}
