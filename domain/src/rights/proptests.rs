//! Property tests over roles × actions × places: the table's invariants, and that the access
//! rule the reads use agrees with it.

use proptest::prelude::*;
use uuid::Uuid;

use super::{Action, Scope, permits, rights, scopes};
use crate::department::DepartmentCode;
use crate::ids::UserId;
use crate::jurisdiction::{Actor, PlaceCode, RecordScope, can_see};
use crate::role::Role;
use crate::sync::RecordKind;
use crate::workflow::{CommandKind, role_may};

fn place() -> impl Strategy<Value = PlaceCode> {
    (
        prop::sample::select(vec!["500231", "500232"]),
        prop::sample::select(vec!["100", "101"]),
        prop::sample::select(vec!["001", "201"]),
        prop::sample::select(vec!["-G01", "-G02"]),
        0usize..4,
    )
        .prop_map(|(county, township, village, grid, depth)| {
            let parts = [county, township, village, grid];
            PlaceCode::parse(&parts[..=depth].concat()).unwrap()
        })
}

fn user() -> impl Strategy<Value = UserId> {
    (1u128..4).prop_map(|n| UserId(Uuid::from_u128(n)))
}

fn department() -> impl Strategy<Value = DepartmentCode> {
    prop::sample::select(vec!["civil_affairs", "education"])
        .prop_map(|d| DepartmentCode(d.to_owned()))
}

/// Mostly valid actors (a department only for an officer), some invalid ones.
fn actor() -> impl Strategy<Value = Actor> {
    (
        user(),
        prop::sample::select(Role::ALL.to_vec()),
        place(),
        department(),
        0u8..10,
    )
        .prop_map(|(user, role, place, d, odd)| Actor {
            user,
            role,
            place,
            department: match (role, odd) {
                (_, 0) => Some(d),
                (Role::DepartmentOfficer, 1) => None,
                (Role::DepartmentOfficer, _) => Some(d),
                _ => None,
            },
        })
}

fn record() -> impl Strategy<Value = RecordScope> {
    (
        place(),
        prop::option::of(user()),
        prop::collection::vec(department(), 0..2),
        prop::collection::vec(user(), 0..2),
    )
        .prop_map(|(place, owner, departments, helpers)| RecordScope {
            place,
            owner,
            departments,
            helpers,
        })
}

fn action() -> impl Strategy<Value = Action> {
    prop::sample::select(Action::all())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The reads the server serves (`can_see`, which knows no entrustment facts) are the
    /// table's `ReadRecords`; an entrustment only adds to them.
    #[test]
    fn reads_follow_the_table(a in actor(), r in record()) {
        prop_assert_eq!(can_see(&a, &r), permits(&a, Action::ReadRecords, &r, false));
        if can_see(&a, &r) {
            prop_assert!(permits(&a, Action::ReadRecords, &r, true));
        }
    }

    /// Whatever one may change, one may read; whatever lies outside every scope is refused.
    #[test]
    fn writes_imply_reads_and_nothing_is_granted_outside(
        a in actor(), r in record(), act in action(), entrusted in any::<bool>(),
    ) {
        let allowed = permits(&a, act, &r, entrusted);
        if allowed && act.is_household_write() {
            prop_assert!(permits(&a, Action::ReadRecords, &r, entrusted));
        }
        if scopes(&a, &r, entrusted).is_empty() {
            prop_assert!(!allowed);
        }
        if a.validate().is_err() {
            prop_assert!(!allowed);
        }
    }

    /// The three rules of issue 22 point 9, at every place.
    #[test]
    fn least_privilege(a in actor(), r in record(), act in action(), entrusted in any::<bool>()) {
        let allowed = permits(&a, act, &r, entrusted);
        match a.role {
            Role::Admin => prop_assert_eq!(allowed && act.is_household_data(), false),
            Role::Supervisor => prop_assert!(!(allowed && act.is_household_write()
                && act != Action::Case(CommandKind::Supervise)
                && act != Action::Case(CommandKind::FileObjection)
                && act != Action::Record(RecordKind::Registry))),
            Role::Helper => {
                let applicants_choice = matches!(
                    act,
                    Action::Case(CommandKind::Withdraw | CommandKind::Terminate | CommandKind::Evaluate)
                        | Action::Record(RecordKind::Evaluation)
                );
                if applicants_choice {
                    prop_assert_eq!(allowed, entrusted && a.validate().is_ok());
                }
            }
            // 分管领导: reads, reports, the approval and an objection; never a household edit.
            Role::TownshipLeader => prop_assert!(!allowed || matches!(
                act,
                Action::ReadRecords
                    | Action::ReadReports
                    | Action::Case(
                        CommandKind::ApproveRouting
                            | CommandKind::ReturnForRevision
                            | CommandKind::FileObjection
                    )
            )),
            _ => {}
        }
        if !matches!(a.role, Role::Admin) {
            prop_assert!(!(allowed && matches!(act, Action::ManageAccounts | Action::ManageReference)));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The routing is approved (or returned) only by a township leader placed in the case's
    /// own township: no other role, no leader of another township (乌海 附件4 第一条).
    #[test]
    fn only_a_leader_of_that_township_approves(a in actor(), r in record(), entrusted in any::<bool>()) {
        for kind in [CommandKind::ApproveRouting, CommandKind::ReturnForRevision] {
            let allowed = permits(&a, Action::Case(kind), &r, entrusted);
            let leader_here = a.role == Role::TownshipLeader
                && a.validate().is_ok()
                && a.place.contains(&r.place);
            prop_assert_eq!(allowed, leader_here);
        }
    }
}

/// A case command is allowed somewhere only for the roles the workflow lets issue it.
#[test]
fn case_commands_follow_the_workflow_roles() {
    for role in Role::ALL {
        for action in Action::all() {
            if let Action::Case(kind) = action {
                let somewhere = Scope::ALL.into_iter().any(|s| rights(role, action, s));
                assert!(!somewhere || role_may(kind, role), "{role:?} {kind:?}");
            }
        }
    }
}

/// Only a helper may stand in `Entrusted`, and it adds to what they may do only the
/// applicant's choices and reads.
#[test]
fn entrusted_is_a_helpers_scope() {
    for role in Role::ALL {
        for action in Action::all() {
            if role != Role::Helper && rights(role, action, Scope::Entrusted) {
                panic!("{role:?} {action:?} in Entrusted");
            }
        }
    }
}
