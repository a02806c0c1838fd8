//! Property tests: random command sequences with random roles and facts.

use proptest::prelude::*;

use crate::role::Role;

use super::proptest_finish::next_step;
use super::proptest_model::*;
use super::test_support::*;
use super::*;

/// Who may cause each event, written out again here independently of `rules`.
fn expected_roles(body: &EventBody) -> &'static [Role] {
    use EventBody as E;
    match body {
        E::Created { .. } | E::DraftEdited { .. } | E::Submitted => {
            &[Role::Resident, Role::Helper, Role::WindowClerk]
        }
        E::Resubmitted | E::Evaluated { .. } | E::Withdrawn | E::Terminated => {
            &[Role::Resident, Role::Helper]
        }
        E::SupplementRequested { .. }
        | E::Accepted
        | E::UrgentlyAccepted { .. }
        | E::NotAccepted { .. }
        | E::MaterialsCompleted
        | E::Routed { .. }
        | E::ResultNotified
        | E::ItemResultTold { .. }
        | E::Chased { .. }
        | E::ReviewAnswered
        | E::Closed
        | E::Archived => &[Role::WindowClerk],
        E::VerificationStepDone { .. }
        | E::PublicNoticeStarted { .. }
        | E::PublicNoticeEnded { .. } => &[Role::Verifier],
        E::ItemApproved { .. }
        | E::ItemDenied { .. }
        | E::DeadlineExtended { .. }
        | E::ItemReturned { .. } => &[Role::DepartmentOfficer],
        E::ItemRerouted { .. } => &[Role::WindowClerk, Role::DepartmentOfficer],
        E::ObjectionFiled { .. } => &[
            Role::Resident,
            Role::Helper,
            Role::WindowClerk,
            Role::Verifier,
            Role::DepartmentOfficer,
            Role::Supervisor,
            Role::TownshipLeader,
        ],
        E::ObjectionResolved { .. } => &[Role::Verifier, Role::WindowClerk],
        E::SupervisionNoted => &[Role::Supervisor],
        E::ReviewRequested => &[Role::Resident],
        E::RoutingApproved | E::ReturnedForRevision => &[Role::TownshipLeader],
        E::ApprovalRequested => &[Role::WindowClerk],
    }
}

/// (a) An event only ever comes out of a command whose precondition held on `before`.
fn assert_precondition_held(before: &Case, cmd: &Command, by: &Actor, event: &Event) {
    assert!(
        expected_roles(&event.body).contains(&by.role),
        "{:?} by {:?}",
        event.body,
        by.role
    );
    assert!(
        before.allowed_commands_for(by).contains(&cmd.kind()),
        "{:?} not offered",
        cmd.kind()
    );
    match (&event.body, cmd) {
        (
            EventBody::VerificationStepDone {
                step: VerificationStep::EconomicCheck,
                ..
            },
            Command::EconomicCheck {
                adults_without_authorization,
                ..
            },
        ) => {
            assert!(adults_without_authorization.is_empty())
        }
        (EventBody::Accepted, Command::Accept { missing }) => assert!(missing.is_empty()),
        (
            EventBody::UrgentlyAccepted { outstanding, .. },
            Command::UrgentAccept {
                urgent_allowed,
                flagged_urgent,
                ..
            },
        ) => {
            assert!((*urgent_allowed || *flagged_urgent) && !outstanding.is_empty())
        }
        (EventBody::SupplementRequested { missing, .. }, _) => assert!(!missing.is_empty()),
        (EventBody::MaterialsCompleted, Command::ConfirmMaterialsComplete { missing }) => {
            assert!(missing.is_empty())
        }
        (
            EventBody::ItemApproved { item, amount, .. },
            Command::Decide {
                department, facts, ..
            },
        ) => {
            let p = before.item(item).expect("approved item was routed");
            assert_eq!(&p.department, department);
            assert!(p.decision.is_none() && amount.fen >= 0);
            assert!(before.outstanding_materials().is_empty());
            assert!(
                !facts.economic_check_required || before.verification().economic_check.is_some()
            );
        }
        (EventBody::ItemDenied { item, .. }, Command::Decide { department, .. }) => {
            assert_eq!(&before.item(item).unwrap().department, department);
            assert!(event.reason.is_some());
        }
        (EventBody::DeadlineExtended { item, .. }, _) => {
            assert!(before.item(item).unwrap().extension.is_none())
        }
        (EventBody::ResultNotified, _) => assert_eq!(before.state(), CaseState::Decided),
        (EventBody::Routed { .. }, _) => {
            assert_eq!(before.state(), CaseState::Accepted);
            assert_eq!(before.approval(), ApprovalStatus::Approved);
        }
        (body, _) => assert!(!matches!(body, EventBody::Created { .. })),
    }
}

/// (a) The case is in a state the flow can reach, consistent with its data.
fn assert_consistent(case: &Case) {
    use CaseState as S;
    let s = case.state();
    let undecided = case.items().iter().any(|p| p.decision.is_none());
    let posting = case
        .items()
        .iter()
        .any(|p| matches!(p.notice, NoticeStatus::Due | NoticeStatus::Posted { .. }));
    match s {
        S::Draft | S::Submitted | S::SupplementRequested | S::Resubmitted | S::NotAccepted => {
            assert!(case.accepted_at().is_none() && case.items().is_empty())
        }
        S::Accepted => assert!(case.accepted_at().is_some() && case.items().is_empty()),
        S::Routed => assert!(undecided),
        S::InPublicNotice => assert!(!undecided && posting),
        S::Decided => assert!(!undecided && !posting && case.decided_at().is_some()),
        _ => {}
    }
    if matches!(
        s,
        S::Routed | S::InPublicNotice | S::Decided | S::ResultNotified | S::Closed
    ) {
        assert!(!case.items().is_empty() && case.accepted_at().is_some());
    }
    assert_eq!(s.is_terminal(), case.ending().is_some() || s == S::Archived);
    for p in case.items() {
        if p.decision.as_ref().is_some_and(|d| d.approved.is_some()) {
            assert!(case.outstanding_materials().is_empty());
        }
    }
    for o in case
        .objections()
        .iter()
        .filter(|o| o.status == ObjectionStatus::Open)
    {
        assert!(matches!(
            case.item(&o.item).unwrap().notice,
            NoticeStatus::Posted { .. }
        ));
    }
}

/// (c) The ordinary path from here always reaches `Closed`; withdrawal always ends it too.
fn assert_can_finish(case: &Case) {
    if case.is_open() {
        let helper = actor(Role::Helper);
        let ev = case
            .decide(&Command::Withdraw, &helper, at(10_000), None)
            .unwrap();
        let mut w = case.clone();
        ev.iter().for_each(|e| w.apply(e));
        assert_eq!(w.state(), CaseState::Withdrawn);
    }
    let mut c = case.clone();
    for step in 0..40 {
        let Some((cmd, role)) = next_step(&c) else {
            break;
        };
        let by = actor(role);
        let events = c
            .decide(&cmd, &by, at(20_000 + step), Some("办理"))
            .unwrap_or_else(|e| panic!("finishing {:?} from {}: {e}", cmd.kind(), c.state()));
        assert!(c.allowed_commands_for(&by).contains(&cmd.kind()));
        events.iter().for_each(|e| c.apply(e));
    }
    assert!(c.is_terminal(), "stuck in {}", c.state());
    if case.is_open() {
        assert_eq!(c.state(), CaseState::Closed);
    }
}

/// (d) A terminal case takes no command but `Archive`, which keeps its ending.
fn assert_terminal_is_final(case: &Case, ops: &[Op]) {
    for op in ops {
        let cmd = materialize(&op.seed, case);
        for role in Role::ALL {
            let Ok(events) = case.decide(&cmd, &actor(role), at(30_000), Some("r")) else {
                continue;
            };
            assert_eq!(cmd.kind(), CommandKind::Archive);
            let mut after = case.clone();
            events.iter().for_each(|e| after.apply(e));
            assert_eq!(after.state(), CaseState::Archived);
            assert_eq!(after.ending(), case.ending());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_command_sequences_keep_the_rules(ops in proptest::collection::vec(op(), 1..80)) {
        let mut w = World::new();
        for op in &ops {
            let (cmd, by) = materialize_op(op, &w.case);
            let before = w.case.clone();
            w.clock += 1;
            let reason = op.reason.then_some("理由");
            let Ok(events) = before.decide(&cmd, &by, at(w.clock), reason) else {
                prop_assert_eq!(&w.case, &before);
                continue;
            };
            // The history reads each event out by the command that made it.
            prop_assert_eq!(events.first().map(|e| e.body.kind()), Some(cmd.kind()));
            for e in &events {
                assert_precondition_held(&before, &cmd, &by, e);
                w.case.apply(e);
                w.events.push(e.clone());
            }
            assert_consistent(&w.case);
            if before.is_terminal() {
                prop_assert_eq!(cmd.kind(), CommandKind::Archive);
            }
        }
        // (b) replaying the history, also through JSON, gives the same case.
        prop_assert_eq!(&Case::replay(&w.events).unwrap(), &w.case);
        let json = serde_json::to_string(&w.events).unwrap();
        let back: Vec<Event> = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&Case::replay(&back).unwrap(), &w.case);
        prop_assert_eq!(w.case.version(), w.events.len() as i64);
        assert_can_finish(&w.case);
        if w.case.is_terminal() {
            assert_terminal_is_final(&w.case, &ops);
        }
    }

    #[test]
    fn every_prefix_can_still_finish(ops in proptest::collection::vec(op(), 1..60)) {
        let mut w = World::new();
        for op in &ops {
            let (cmd, by) = materialize_op(op, &w.case);
            let _ = w.run_as(cmd, &by, op.reason.then_some("理由"));
            assert_can_finish(&w.case);
        }
    }
}

/// The random runs above are only worth something if they reach every state and produce every
/// kind of event; this checks it with a fixed seed, so it is deterministic.
#[test]
fn random_runs_visit_every_state_and_event() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, TestRng, TestRunner};
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::deterministic_rng(Config::default().rng_algorithm),
    );
    let mut seen = std::collections::BTreeMap::new();
    let mut events = std::collections::BTreeSet::new();
    for _ in 0..700 {
        let ops = proptest::collection::vec(op(), 1..80)
            .new_tree(&mut runner)
            .unwrap()
            .current();
        let mut w = World::new();
        for op in &ops {
            let (cmd, by) = materialize_op(op, &w.case);
            if w.run_as(cmd, &by, op.reason.then_some("理由")).is_ok() {
                *seen.entry(w.case.state()).or_insert(0) += 1;
            }
        }
        for e in &w.events {
            let v = serde_json::to_value(&e.body).unwrap();
            let upheld = v.get("upheld").map(|u| u.to_string()).unwrap_or_default();
            events.insert(format!("{}{upheld}", v["event"].as_str().unwrap()));
        }
    }
    eprintln!("{events:?}");
    assert_eq!(events.len(), 33, "{events:?}");
    eprintln!("{seen:?}");
    for s in CaseState::ALL
        .into_iter()
        .filter(|s| *s != CaseState::Draft)
    {
        assert!(seen.contains_key(&s), "never reached {s}: {seen:?}");
    }
}
