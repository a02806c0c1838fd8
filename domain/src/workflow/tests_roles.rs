//! Every command against every role, in a state where the command is otherwise valid: the
//! roles the brief names succeed, every other role gets `WrongRole`.

use crate::role::Role;

use super::test_support::*;
use super::*;

use Role::{
    Admin, DepartmentOfficer, Helper, Resident, Supervisor, TownshipLeader, Verifier, WindowClerk,
};

/// (world, command, roles that may issue it), written from the brief, not from `rules`.
fn cases() -> Vec<(World, Command, Vec<Role>)> {
    let edit = Command::EditDraft {
        items: vec![dibao()],
        primary: Some(dibao()),
    };
    let none = || Command::Accept { missing: vec![] };
    let mut supplement = World::submitted();
    supplement.ok(
        Command::RequestSupplement {
            seen: vec![],
            missing: vec![mat("a")],
        },
        WindowClerk,
    );
    let mut urgent = World::submitted();
    urgent.ok(
        Command::UrgentAccept {
            missing: vec![mat("a")],
            urgent_allowed: true,
            flagged_urgent: false,
        },
        WindowClerk,
    );
    let mut objected = World::in_notice();
    objected.ok(Command::FileObjection { item: dibao() }, Helper);
    let mut closed = World::notified();
    closed.ok(Command::Close, WindowClerk);
    let mut filled = World::new();
    filled.ok(
        Command::EditDraft {
            items: vec![dibao()],
            primary: Some(dibao()),
        },
        Helper,
    );
    let mut due = World::verified_and_routed();
    due.ok(approve(dibao(), civil(), true), DepartmentOfficer);
    let own = vec![Resident, Helper];
    let mut sent_back = World::accepted_awaiting_leader();
    sent_back.ok(Command::ReturnForRevision, TownshipLeader);
    let mut review_asked = World::notified();
    review_asked.ok(Command::RequestReview, Resident);
    let clerk = vec![WindowClerk];
    let ext = Command::ExtendDeadline {
        item: dibao(),
        department: civil(),
        working_days: 3,
        cap_days: None,
    };
    let desk = vec![Resident, Helper, WindowClerk];
    let mut returned = World::verified_and_routed();
    returned.ok(
        Command::ReturnItem {
            item: medical(),
            department: medsec(),
        },
        DepartmentOfficer,
    );
    vec![
        (World::new(), edit, desk.clone()),
        (filled, Command::Submit, desk),
        (
            World::verified_and_routed(),
            Command::ReturnItem {
                item: dibao(),
                department: civil(),
            },
            vec![DepartmentOfficer],
        ),
        (
            returned,
            Command::Reroute {
                item: medical(),
                department: dept("health"),
                acting_department: None,
            },
            clerk.clone(),
        ),
        (
            World::decided(),
            Command::TellResult { item: medical() },
            clerk.clone(),
        ),
        (
            World::verified_and_routed(),
            Command::Chase {
                item: Some(dibao()),
            },
            clerk.clone(),
        ),
        (
            due,
            Command::StartPublicNotice { item: dibao() },
            vec![Verifier],
        ),
        (
            World::submitted(),
            Command::RequestSupplement {
                seen: vec![],
                missing: vec![mat("a")],
            },
            clerk.clone(),
        ),
        (supplement, Command::Resubmit, own.clone()),
        (World::submitted(), none(), clerk.clone()),
        (
            World::submitted(),
            Command::UrgentAccept {
                missing: vec![mat("a")],
                urgent_allowed: true,
                flagged_urgent: false,
            },
            clerk.clone(),
        ),
        (
            World::submitted(),
            Command::NotAccept {
                referral: "人社".into(),
                kind: Default::default(),
            },
            clerk.clone(),
        ),
        (
            urgent,
            Command::ConfirmMaterialsComplete { missing: vec![] },
            clerk.clone(),
        ),
        (
            World::accepted(),
            Command::EconomicCheck {
                adults_without_authorization: vec![],
                authorizations: vec![],
            },
            vec![Verifier],
        ),
        (World::accepted(), Command::HomeSurvey, vec![Verifier]),
        (
            World::accepted(),
            Command::DemocraticAppraisal,
            vec![Verifier],
        ),
        (World::accepted(), Command::Route(routing()), clerk.clone()),
        (
            World::verified_and_routed(),
            approve(dibao(), civil(), true),
            vec![DepartmentOfficer],
        ),
        (World::verified_and_routed(), ext, vec![DepartmentOfficer]),
        (
            World::in_notice(),
            Command::EndPublicNotice { item: dibao() },
            vec![Verifier],
        ),
        (
            World::in_notice(),
            Command::FileObjection { item: dibao() },
            vec![
                Resident,
                Helper,
                WindowClerk,
                Verifier,
                DepartmentOfficer,
                Supervisor,
                TownshipLeader,
            ],
        ),
        (
            objected,
            Command::ResolveObjection {
                objection: 1,
                upheld: false,
            },
            vec![Verifier, WindowClerk],
        ),
        (World::decided(), Command::NotifyResult, clerk.clone()),
        (
            World::notified(),
            Command::Evaluate {
                satisfaction: Satisfaction::Satisfied,
            },
            own.clone(),
        ),
        (World::notified(), Command::Close, clerk.clone()),
        (World::notified(), Command::RequestReview, vec![Resident]),
        (review_asked, Command::AnswerReview, vec![WindowClerk]),
        (closed, Command::Archive, clerk),
        (World::accepted(), Command::Withdraw, own.clone()),
        (World::accepted(), Command::Terminate, own),
        (World::accepted(), Command::Supervise, vec![Supervisor]),
        (
            World::accepted_awaiting_leader(),
            Command::ApproveRouting,
            vec![TownshipLeader],
        ),
        (
            World::accepted_awaiting_leader(),
            Command::ReturnForRevision,
            vec![TownshipLeader],
        ),
        (sent_back, Command::RequestApproval, vec![WindowClerk]),
    ]
}

#[test]
fn each_command_is_open_to_its_roles_only() {
    let mut kinds = Vec::new();
    for (w, cmd, roles) in cases() {
        kinds.push(cmd.kind());
        for role in Role::ALL {
            let got = w.case.decide(&cmd, &actor(role), at(1_000), Some("理由"));
            if roles.contains(&role) {
                assert!(got.is_ok(), "{} by {role:?}: {:?}", cmd.kind(), got);
            } else {
                assert_eq!(
                    got.unwrap_err(),
                    WorkflowError::WrongRole {
                        role,
                        command: cmd.kind()
                    },
                    "{} by {role:?}",
                    cmd.kind()
                );
            }
            assert!(role != Admin || w.case.decide(&cmd, &actor(role), at(0), None).is_err());
        }
    }
    // Every command of the workflow is covered.
    kinds.sort();
    kinds.dedup();
    let mut all = CommandKind::ALL.to_vec();
    all.sort();
    assert_eq!(kinds, all);
}
