//! Closing, archiving, withdrawal, supervision, and the queries screens use.

use crate::role::Role;

use super::test_support::*;
use super::*;

#[test]
fn evaluation_is_optional_once_then_close_and_archive() {
    let mut w = World::notified();
    let rate = Command::Evaluate {
        satisfaction: Satisfaction::Satisfied,
    };
    assert!(matches!(
        w.run_as(rate.clone(), &neighbour(), None),
        Err(WorkflowError::NotOwnCase { .. })
    ));
    w.ok(rate.clone(), Role::Resident);
    assert_eq!(
        pre(w.run(rate, Role::Helper).unwrap_err()),
        PreconditionFailed::AlreadyEvaluated
    );
    assert!(matches!(
        w.run(Command::Archive, Role::WindowClerk),
        Err(WorkflowError::WrongState { .. })
    ));
    w.ok(Command::Close, Role::WindowClerk);
    assert!(w.case.is_terminal() && !w.case.is_open());
    assert_eq!(
        w.case.allowed_commands(Role::WindowClerk),
        vec![CommandKind::Archive]
    );
    w.ok(Command::Archive, Role::WindowClerk);
    assert_eq!(w.case.state(), CaseState::Archived);
    assert_eq!(w.case.ending().unwrap().state, CaseState::Closed);
    assert!(w.case.pending_on().is_empty());
    for role in crate::role::Role::ALL {
        assert!(w.case.allowed_commands(role).is_empty(), "{role:?}");
    }
}

#[test]
fn closing_without_evaluation_is_allowed() {
    let mut w = World::notified();
    w.ok(Command::Close, Role::WindowClerk);
    assert_eq!(w.case.evaluation(), None);
}

#[test]
fn withdraw_and_terminate_work_from_open_states_only() {
    let mut w = World::new();
    w.ok(Command::Withdraw, Role::Resident);
    assert_eq!(w.case.state(), CaseState::Withdrawn);
    let mut w = World::verified_and_routed();
    assert!(matches!(
        w.run(Command::Withdraw, Role::WindowClerk),
        Err(WorkflowError::WrongRole { .. })
    ));
    assert!(matches!(
        w.run_as(Command::Terminate, &neighbour(), None),
        Err(WorkflowError::NotOwnCase { .. })
    ));
    w.ok(Command::Terminate, Role::Helper);
    assert_eq!(w.case.state(), CaseState::Terminated);
    let mut w = World::notified();
    w.ok(Command::Close, Role::WindowClerk);
    assert!(matches!(
        w.run(Command::Withdraw, Role::Resident),
        Err(WorkflowError::WrongState { .. })
    ));
}

#[test]
fn ending_during_a_supplement_closes_the_pause() {
    let mut w = World::submitted();
    w.ok(
        Command::RequestSupplement {
            seen: vec![],
            missing: vec![mat("a")],
        },
        Role::WindowClerk,
    )
    .ok(Command::Terminate, Role::Resident);
    assert_eq!(
        w.case.supplement_pauses()[0].resubmitted_at,
        Some(at(w.clock))
    );
    w.ok(Command::Archive, Role::WindowClerk);
}

#[test]
fn supervision_notes_change_no_state_and_need_text() {
    let mut w = World::verified_and_routed();
    let before = w.case.state();
    let sup = actor(Role::Supervisor);
    assert!(matches!(
        w.run_as(Command::Supervise, &sup, None),
        Err(WorkflowError::ReasonRequired { .. })
    ));
    assert!(matches!(
        w.run(Command::Supervise, Role::WindowClerk),
        Err(WorkflowError::WrongRole { .. })
    ));
    w.run_as(Command::Supervise, &sup, Some("低保审批已超期，请加快办理"))
        .unwrap();
    assert_eq!(w.case.state(), before);
    assert_eq!(w.case.supervision_notes()[0].by, sup);
    let mut w = World::notified();
    w.ok(Command::Close, Role::WindowClerk);
    assert!(matches!(
        w.run(Command::Supervise, Role::Supervisor),
        Err(WorkflowError::WrongState { .. })
    ));
}

#[test]
fn admin_does_nothing_in_the_workflow() {
    for w in [
        World::new(),
        World::submitted(),
        World::verified_and_routed(),
        World::in_notice(),
    ] {
        assert!(w.case.allowed_commands(Role::Admin).is_empty());
    }
}

#[test]
fn allowed_commands_show_the_buttons_of_each_role() {
    let w = World::submitted();
    assert_eq!(
        w.case.allowed_commands(Role::WindowClerk),
        vec![
            CommandKind::RequestSupplement,
            CommandKind::Accept,
            CommandKind::UrgentAccept,
            CommandKind::NotAccept
        ]
    );
    assert_eq!(
        w.case.allowed_commands(Role::Resident),
        vec![CommandKind::Withdraw, CommandKind::Terminate]
    );
    assert!(w.case.allowed_commands_for(&neighbour()).is_empty());
    let w = World::in_notice();
    assert_eq!(
        w.case.allowed_commands(Role::Verifier),
        vec![CommandKind::EndPublicNotice, CommandKind::FileObjection]
    );
    assert_eq!(
        w.case.allowed_commands_for(&neighbour()),
        vec![CommandKind::FileObjection]
    );
}

#[test]
fn events_and_cases_survive_json_and_replay() {
    let w = World::notified();
    let json = serde_json::to_string(&w.events).unwrap();
    let back: Vec<Event> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, w.events);
    assert_eq!(Case::replay(&back).unwrap(), w.case);
    let case_json = serde_json::to_string(&w.case).unwrap();
    assert_eq!(serde_json::from_str::<Case>(&case_json).unwrap(), w.case);
    let cmd = Command::Route(routing());
    let s = serde_json::to_string(&cmd).unwrap();
    assert_eq!(serde_json::from_str::<Command>(&s).unwrap(), cmd);
}

#[test]
fn replay_refuses_a_history_that_is_not_one() {
    assert!(matches!(
        Case::replay(&[]),
        Err(WorkflowError::BadHistory { .. })
    ));
    let w = World::submitted();
    assert!(matches!(
        Case::replay(&w.events[1..]),
        Err(WorkflowError::BadHistory { .. })
    ));
    let mut foreign = w.events.clone();
    foreign[1].case = crate::ids::CaseId(uuid::Uuid::from_u128(1234));
    assert!(matches!(
        Case::replay(&foreign),
        Err(WorkflowError::BadHistory { .. })
    ));
}

#[test]
fn errors_speak_english_and_chinese() {
    let errors = [
        WorkflowError::WrongRole {
            role: Role::Verifier,
            command: CommandKind::Accept,
        },
        WorkflowError::WrongState {
            state: CaseState::Draft,
            command: CommandKind::Route,
        },
        WorkflowError::Precondition {
            command: CommandKind::EconomicCheck,
            failed: PreconditionFailed::AdultsWithoutAuthorization {
                members: vec![member(1)],
            },
        },
        WorkflowError::AlreadyExtended { item: dibao() },
    ];
    assert_eq!(errors[0].to_string(), "a verifier may not accept");
    assert_eq!(
        errors[1].to_string(),
        "cannot route to departments while the case is draft"
    );
    assert_eq!(errors[0].message_zh(), "核查人员无权执行“受理”");
    assert!(
        errors[2]
            .to_string()
            .contains("00000000-0000-0000-0000-000000000001")
    );
    assert!(errors[2].message_zh().contains("授权书"));
    assert!(errors[3].message_zh().contains("dibao"));
}
