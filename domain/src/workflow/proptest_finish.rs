//! The constructive "finish" strategy: the ordinary path from any open state to `Closed`.

use crate::role::Role;

use super::proptest_model::dept_of;
use super::test_support::*;
use super::*;

/// The next step of the ordinary path towards `Closed`, as (command, role). Helpers act for
/// the applicant so ownership never blocks; odd objections are upheld; approvals are posted every other time.
pub fn next_step(case: &Case) -> Option<(Command, Role)> {
    use CaseState as S;
    if case.is_terminal() {
        return None;
    }
    let confirm = || Command::ConfirmMaterialsComplete { missing: vec![] };
    let check = || Command::EconomicCheck {
        adults_without_authorization: vec![],
        authorizations: vec![],
    };
    let handling = matches!(case.state(), S::Accepted | S::Routed | S::InPublicNotice);
    if handling && !case.outstanding_materials().is_empty() {
        return Some((confirm(), Role::WindowClerk));
    }
    if matches!(case.state(), S::Accepted | S::Routed)
        && case.verification().economic_check.is_none()
    {
        return Some((check(), Role::Verifier));
    }
    if let Some(o) = case
        .objections()
        .iter()
        .find(|o| o.status == ObjectionStatus::Open)
    {
        // Uphold some (the item goes back and is decided again, still finitely: the next
        // objection to it has a higher number), reject the others.
        let upheld = (o.number + case.version()) % 2 == 1;
        return Some((
            Command::ResolveObjection {
                objection: o.number,
                upheld,
            },
            Role::Verifier,
        ));
    }
    if let Some(p) = case.items().iter().find(|p| p.awaiting_reroute()) {
        // Back to a department other than the one that returned it; a dispute goes to the
        // civil affairs officer, who keeps it.
        let cmd = |acting| Command::Reroute {
            item: p.item.clone(),
            department: if p.department == civil() {
                medsec()
            } else {
                civil()
            },
            acting_department: acting,
        };
        return Some(if p.disputed() {
            (cmd(Some(civil())), Role::DepartmentOfficer)
        } else {
            (cmd(None), Role::WindowClerk)
        });
    }
    for p in case.items() {
        match p.notice {
            NoticeStatus::Due => {
                return Some((
                    Command::StartPublicNotice {
                        item: p.item.clone(),
                    },
                    Role::Verifier,
                ));
            }
            NoticeStatus::Posted { .. } => {
                return Some((
                    Command::EndPublicNotice {
                        item: p.item.clone(),
                    },
                    Role::Verifier,
                ));
            }
            _ => {}
        }
    }
    if let Some(p) = case.items().iter().find(|p| p.decision.is_none()) {
        // Vary whether the approval is posted, deterministically, so notices happen too.
        let notice = case.version() % 2 == 0;
        let mut cmd = approve(p.item.clone(), p.department.clone(), notice);
        if let Command::Decide { facts, .. } = &mut cmd {
            facts.economic_check_required = false;
        }
        return Some((cmd, Role::DepartmentOfficer));
    }
    let step = match case.state() {
        S::Draft
            if !case
                .allowed_commands(Role::Helper)
                .contains(&CommandKind::Submit) =>
        {
            (
                Command::EditDraft {
                    items: vec![dibao()],
                    primary: Some(dibao()),
                },
                Role::Helper,
            )
        }
        S::Draft => (Command::Submit, Role::Helper),
        S::Submitted | S::Resubmitted => (Command::Accept { missing: vec![] }, Role::WindowClerk),
        S::SupplementRequested => (Command::Resubmit, Role::Helper),
        S::Accepted if case.approval() == ApprovalStatus::Returned => {
            (Command::RequestApproval, Role::WindowClerk)
        }
        S::Accepted if case.approval() == ApprovalStatus::Awaiting => {
            (Command::ApproveRouting, Role::TownshipLeader)
        }
        S::Accepted => {
            let items = case
                .requested_items()
                .iter()
                .map(|i| (i.clone(), dept_of(i)))
                .collect();
            (
                Command::Route(Routing {
                    lead: civil(),
                    items,
                }),
                Role::WindowClerk,
            )
        }
        S::Decided => (Command::NotifyResult, Role::WindowClerk),
        S::ResultNotified => (Command::Close, Role::WindowClerk),
        S::Routed | S::InPublicNotice => unreachable!("handled above: {:?}", case),
        _ => return None,
    };
    Some(step)
}
