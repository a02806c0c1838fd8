//! The township leader's approval before routing: fixtures (乌海 附件4 第一条).

use crate::role::Role;

use super::test_support::*;
use super::*;

fn checked(mut w: World) -> World {
    w.ok(
        Command::EconomicCheck {
            adults_without_authorization: vec![],
            authorizations: vec![],
        },
        Role::Verifier,
    );
    w
}

#[test]
fn the_rule_names_routing_and_not_rerouting() {
    assert!(leader_approval_required(CommandKind::Route));
    assert!(!leader_approval_required(CommandKind::Reroute));
    assert!(APPROVAL_SOURCE.contains("附件4 第一条"));
}

#[test]
fn an_accepted_case_waits_for_the_leader_and_routing_is_refused_until_then() {
    let mut w = checked(World::accepted_awaiting_leader());
    assert_eq!(w.case.approval(), ApprovalStatus::Awaiting);
    assert!(w.case.pending_on().contains(&Party::Leader));
    assert!(!w.case.pending_on().contains(&Party::Window));
    assert!(
        !w.case
            .allowed_commands(Role::WindowClerk)
            .contains(&CommandKind::Route)
    );
    let err = w
        .run(Command::Route(routing()), Role::WindowClerk)
        .unwrap_err();
    assert_eq!(
        pre(err.clone()),
        PreconditionFailed::RoutingNotApproved { returned: None }
    );
    assert!(
        err.message_zh().contains("分管领导尚未同意分办"),
        "{}",
        err.message_zh()
    );
    assert_eq!(
        w.case.allowed_commands(Role::TownshipLeader),
        vec![CommandKind::ApproveRouting, CommandKind::ReturnForRevision]
    );
    w.run_as(
        Command::ApproveRouting,
        &actor(Role::TownshipLeader),
        Some("同意分办"),
    )
    .unwrap();
    let opinion = w.case.routing_approval().expect("approved").clone();
    assert!(opinion.approved);
    assert_eq!(opinion.by, actor(Role::TownshipLeader));
    assert_eq!(opinion.text.as_deref(), Some("同意分办"));
    assert!(w.case.pending_on().contains(&Party::Window));
    assert!(!w.case.pending_on().contains(&Party::Leader));
    w.ok(Command::Route(routing()), Role::WindowClerk);
    assert_eq!(w.case.state(), CaseState::Routed);
}

#[test]
fn only_the_leader_approves_or_returns() {
    for role in Role::ALL {
        if role == Role::TownshipLeader {
            continue;
        }
        let mut w = World::accepted_awaiting_leader();
        for cmd in [Command::ApproveRouting, Command::ReturnForRevision] {
            let kind = cmd.kind();
            assert_eq!(
                w.run(cmd, role).unwrap_err(),
                WorkflowError::WrongRole {
                    role,
                    command: kind
                }
            );
        }
    }
}

#[test]
fn a_return_needs_a_reason_and_sends_the_case_back_to_the_window() {
    let mut w = World::accepted_awaiting_leader();
    let leader = actor(Role::TownshipLeader);
    assert_eq!(
        w.run_as(Command::ReturnForRevision, &leader, Some("  "))
            .unwrap_err(),
        WorkflowError::ReasonRequired {
            command: CommandKind::ReturnForRevision
        }
    );
    w.run_as(Command::ReturnForRevision, &leader, Some("核查未完成"))
        .unwrap();
    assert_eq!(w.case.approval(), ApprovalStatus::Returned);
    assert_eq!(w.case.pending_on(), vec![Party::Window, Party::Verifier]);
    // Routing says why it is refused: the leader's words.
    let err = pre(w
        .run(Command::Route(routing()), Role::WindowClerk)
        .unwrap_err());
    assert_eq!(
        err,
        PreconditionFailed::RoutingNotApproved {
            returned: Some("核查未完成".to_owned())
        }
    );
    assert!(err.message_zh().contains("核查未完成"));
    // Returned twice: refused; the window asks again, then the leader agrees.
    assert_eq!(
        pre(w
            .run_as(Command::ReturnForRevision, &leader, Some("再退"))
            .unwrap_err()),
        PreconditionFailed::AlreadyReturned
    );
    w.ok(Command::RequestApproval, Role::WindowClerk);
    assert_eq!(w.case.approval(), ApprovalStatus::Awaiting);
    assert_eq!(
        pre(w
            .run(Command::RequestApproval, Role::WindowClerk)
            .unwrap_err()),
        PreconditionFailed::ApprovalNotReturned
    );
    w.ok(Command::ApproveRouting, Role::TownshipLeader);
    assert_eq!(w.case.leader_opinions().len(), 2);
    assert_eq!(
        pre(w
            .run(Command::ApproveRouting, Role::TownshipLeader)
            .unwrap_err()),
        PreconditionFailed::RoutingAlreadyApproved
    );
    w.ok(Command::Route(routing()), Role::WindowClerk);
}

#[test]
fn the_approval_happens_only_while_accepted() {
    let mut w = World::submitted();
    assert_eq!(
        w.run(Command::ApproveRouting, Role::TownshipLeader)
            .unwrap_err(),
        WorkflowError::WrongState {
            state: CaseState::Submitted,
            command: CommandKind::ApproveRouting
        }
    );
    let mut w = World::verified_and_routed();
    assert!(matches!(
        w.run(Command::ApproveRouting, Role::TownshipLeader)
            .unwrap_err(),
        WorkflowError::WrongState { .. }
    ));
}

#[test]
fn the_routing_clock_still_runs_from_acceptance() {
    use crate::calendar::Calendar;
    use crate::catalogue::Catalogue;
    use crate::clocks::{case_clocks, china_date};
    use crate::jurisdiction::PlaceCode;
    let w = World::accepted_awaiting_leader();
    let approved = World::accepted();
    let place = PlaceCode::parse("500231100201").unwrap();
    let calendar = Calendar::builtin();
    let catalogue = Catalogue::builtin();
    let before = case_clocks(&w.case, &catalogue, &calendar, &place).unwrap();
    let after = case_clocks(&approved.case, &catalogue, &calendar, &place).unwrap();
    assert_eq!(before.route, after.route);
    assert_eq!(before.accepted_on, w.case.accepted_at().map(china_date));
}

#[test]
fn a_rerouted_item_needs_no_new_approval() {
    let mut w = World::verified_and_routed();
    w.ok(
        Command::ReturnItem {
            item: medical(),
            department: medsec(),
        },
        Role::DepartmentOfficer,
    );
    w.ok(
        Command::Reroute {
            item: medical(),
            department: dept("health"),
            acting_department: None,
        },
        Role::WindowClerk,
    );
}
