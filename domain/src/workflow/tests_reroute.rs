//! Re-routing (转办): a department returns an item that is not theirs; the window routes it
//! again; a second return is a dispute that civil affairs settles.

use crate::role::Role;

use super::test_support::*;
use super::*;

fn give_back(w: &mut World, department: crate::department::DepartmentCode) {
    w.ok(
        Command::ReturnItem {
            item: medical(),
            department,
        },
        Role::DepartmentOfficer,
    );
}

fn reroute(to: &str, acting: Option<&str>) -> Command {
    Command::Reroute {
        item: medical(),
        department: dept(to),
        acting_department: acting.map(dept),
    }
}

#[test]
fn a_department_returns_an_item_with_a_reason_and_the_window_routes_it_again() {
    let mut w = World::verified_and_routed();
    let e = w
        .run_as(
            Command::ReturnItem {
                item: medical(),
                department: medsec(),
            },
            &actor(Role::DepartmentOfficer),
            None,
        )
        .unwrap_err();
    assert!(matches!(e, WorkflowError::ReasonRequired { .. }));
    give_back(&mut w, medsec());
    let p = w.case.item(&medical()).unwrap();
    assert!(p.awaiting_reroute() && !p.disputed());
    assert_eq!(p.returns[0].reason.as_deref(), Some("理由"));
    assert!(w.case.pending_on().contains(&Party::Window));
    // Nobody decides it while it waits.
    let e = w
        .run(approve(medical(), medsec(), false), Role::DepartmentOfficer)
        .unwrap_err();
    assert_eq!(
        pre(e),
        PreconditionFailed::ItemAwaitingReroute { item: medical() }
    );
    // Not back to the department that just returned it.
    let e = w
        .run(reroute("medical_security", None), Role::WindowClerk)
        .unwrap_err();
    assert!(matches!(
        pre(e),
        PreconditionFailed::RerouteToReturningDepartment { .. }
    ));
    w.ok(reroute("health", None), Role::WindowClerk);
    let p = w.case.item(&medical()).unwrap();
    assert_eq!(p.department, dept("health"));
    assert!(!p.awaiting_reroute());
    let subs: Vec<_> = w
        .case
        .sub_cases()
        .iter()
        .map(|s| s.department.clone())
        .collect();
    assert_eq!(
        subs,
        vec![civil(), dept("health")],
        "medical security's sub-case is gone"
    );
    w.ok(
        approve(medical(), dept("health"), false),
        Role::DepartmentOfficer,
    );
}

#[test]
fn a_second_return_is_a_dispute_civil_affairs_settles() {
    let mut w = World::verified_and_routed();
    give_back(&mut w, medsec());
    w.ok(reroute("health", None), Role::WindowClerk);
    give_back(&mut w, dept("health"));
    assert!(w.case.item(&medical()).unwrap().disputed());
    assert!(w.case.pending_on().contains(&Party::Department(civil())));
    let e = w.run(reroute("hrss", None), Role::WindowClerk).unwrap_err();
    assert_eq!(e, WorkflowError::DisputeForCivilAffairs { item: medical() });
    assert!(e.message_zh().contains("民政"));
    let e = w
        .run(reroute("hrss", Some("education")), Role::DepartmentOfficer)
        .unwrap_err();
    assert_eq!(e, WorkflowError::DisputeForCivilAffairs { item: medical() });
    // Civil affairs may even send it back to medical security: it decides.
    w.ok(
        reroute("medical_security", Some("civil_affairs")),
        Role::DepartmentOfficer,
    );
    assert_eq!(w.case.item(&medical()).unwrap().department, medsec());
}

#[test]
fn only_a_returned_item_is_rerouted_and_only_by_its_department_returned() {
    let mut w = World::verified_and_routed();
    let e = w
        .run(reroute("health", None), Role::WindowClerk)
        .unwrap_err();
    assert_eq!(
        pre(e),
        PreconditionFailed::ItemNotReturned { item: medical() }
    );
    let e = w
        .run(
            Command::ReturnItem {
                item: medical(),
                department: civil(),
            },
            Role::DepartmentOfficer,
        )
        .unwrap_err();
    assert!(matches!(e, WorkflowError::WrongDepartment { .. }));
    give_back(&mut w, medsec());
    let e = w
        .run(
            reroute("health", Some("medical_security")),
            Role::DepartmentOfficer,
        )
        .unwrap_err();
    assert!(matches!(e, WorkflowError::WrongRole { .. }), "{e:?}");
}

#[test]
fn rerouting_the_main_request_moves_the_lead() {
    let mut w = World::verified_and_routed();
    w.ok(
        Command::ReturnItem {
            item: dibao(),
            department: civil(),
        },
        Role::DepartmentOfficer,
    );
    w.ok(
        Command::Reroute {
            item: dibao(),
            department: medsec(),
            acting_department: None,
        },
        Role::WindowClerk,
    );
    assert_eq!(w.case.lead(), Some(&medsec()));
    let lead: Vec<_> = w.case.sub_cases().iter().filter(|s| s.lead).collect();
    assert_eq!(lead.len(), 1);
    assert_eq!(lead[0].department, medsec());
}
