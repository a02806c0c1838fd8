//! Draft, submission, material check and acceptance.

use crate::ids::{CaseId, UserId};
use crate::role::Role;
use uuid::Uuid;

use super::test_support::*;
use super::*;

#[test]
fn resident_creates_only_their_own_case() {
    let me = actor(Role::Resident);
    let id = CaseId(Uuid::from_u128(5));
    let e = Case::create(id, Channel::Online, None, &me, at(0)).unwrap();
    assert_eq!(Case::from_created(&e).unwrap().applicant(), Some(me.user));
    let other = Some(UserId(Uuid::from_u128(77)));
    let err = Case::create(id, Channel::Online, other, &me, at(0)).unwrap_err();
    assert!(matches!(err, WorkflowError::NotOwnCase { .. }));
}

#[test]
fn helper_creates_for_a_resident_without_account_and_others_may_not_create() {
    let e = Case::create(
        CaseId(Uuid::from_u128(5)),
        Channel::Entrusted,
        None,
        &actor(Role::Helper),
        at(0),
    )
    .unwrap();
    let case = Case::from_created(&e).unwrap();
    assert_eq!(case.applicant(), None);
    assert_eq!(case.state(), CaseState::Draft);
    // A walk-in or phone request is entered at the window.
    assert!(
        Case::create(
            case.id(),
            Channel::Window,
            None,
            &actor(Role::WindowClerk),
            at(0)
        )
        .is_ok()
    );
    for role in [Role::Verifier, Role::Supervisor, Role::Admin] {
        let err = Case::create(case.id(), Channel::Window, None, &actor(role), at(0));
        assert!(
            matches!(err, Err(WorkflowError::WrongRole { .. })),
            "{role:?}"
        );
    }
}

#[test]
fn edit_draft_rejects_duplicates_other_roles_and_other_residents() {
    let mut w = World::new();
    let dup = Command::EditDraft {
        items: vec![dibao(), dibao()],
        primary: None,
    };
    assert_eq!(
        pre(w.run(dup, Role::Resident).unwrap_err()),
        PreconditionFailed::DuplicateItem { item: dibao() }
    );
    let edit = Command::EditDraft {
        items: vec![dibao()],
        primary: Some(dibao()),
    };
    let err = w.run(edit.clone(), Role::Verifier).unwrap_err();
    assert!(matches!(err, WorkflowError::WrongRole { .. }));
    let err = w.run_as(edit.clone(), &neighbour(), None).unwrap_err();
    assert_eq!(
        err,
        WorkflowError::NotOwnCase {
            command: CommandKind::EditDraft
        }
    );
    w.ok(edit, Role::Helper);
    assert_eq!(w.case.requested_items(), &[dibao()]);
}

#[test]
fn submit_needs_items_and_a_primary_item_among_them() {
    let mut w = World::new();
    assert_eq!(
        pre(w.run(Command::Submit, Role::Resident).unwrap_err()),
        PreconditionFailed::NoItemsRequested
    );
    let no_primary = Command::EditDraft {
        items: vec![dibao()],
        primary: None,
    };
    w.ok(no_primary, Role::Resident);
    assert_eq!(
        pre(w.run(Command::Submit, Role::Resident).unwrap_err()),
        PreconditionFailed::NoPrimaryItem
    );
    let stray = Command::EditDraft {
        items: vec![dibao()],
        primary: Some(medical()),
    };
    w.ok(stray, Role::Resident);
    assert_eq!(
        pre(w.run(Command::Submit, Role::Resident).unwrap_err()),
        PreconditionFailed::PrimaryNotRequested { primary: medical() }
    );
    let good = Command::EditDraft {
        items: vec![dibao()],
        primary: Some(dibao()),
    };
    w.ok(good, Role::Resident)
        .ok(Command::Submit, Role::Resident);
    assert_eq!(w.case.state(), CaseState::Submitted);
    assert_eq!(w.case.submitted_at(), Some(at(w.clock)));
    let err = w.run(Command::Submit, Role::Resident).unwrap_err();
    assert!(matches!(
        err,
        WorkflowError::WrongState {
            state: CaseState::Submitted,
            ..
        }
    ));
}

#[test]
fn one_supplement_notice_lists_every_missing_material_and_pauses_the_clock() {
    let mut w = World::submitted();
    let empty = Command::RequestSupplement {
        seen: vec![],
        missing: vec![],
    };
    assert_eq!(
        pre(w.run(empty, Role::WindowClerk).unwrap_err()),
        PreconditionFailed::NothingMissing
    );
    let notice = Command::RequestSupplement {
        seen: vec![],
        missing: vec![mat("income_proof"), mat("id_card"), mat("income_proof")],
    };
    let err = w.run(notice.clone(), Role::Resident).unwrap_err();
    assert!(matches!(err, WorkflowError::WrongRole { .. }));
    w.ok(notice, Role::WindowClerk);
    assert_eq!(w.case.state(), CaseState::SupplementRequested);
    let pause = &w.case.supplement_pauses()[0];
    assert_eq!(pause.missing, vec![mat("id_card"), mat("income_proof")]);
    assert_eq!(pause.resubmitted_at, None);
    assert_eq!(w.case.pending_on(), vec![Party::Applicant]);
    let accept = Command::Accept { missing: vec![] };
    assert!(matches!(
        w.run(accept, Role::WindowClerk),
        Err(WorkflowError::WrongState { .. })
    ));
    w.ok(Command::Resubmit, Role::Helper);
    assert_eq!(w.case.state(), CaseState::Resubmitted);
    assert_eq!(
        w.case.supplement_pauses()[0].resubmitted_at,
        Some(at(w.clock))
    );
    // A second round is possible, and is a second pause.
    w.ok(
        Command::RequestSupplement {
            seen: vec![],
            missing: vec![mat("id_card")],
        },
        Role::WindowClerk,
    )
    .ok(Command::Resubmit, Role::Resident)
    .ok(Command::Accept { missing: vec![] }, Role::WindowClerk);
    assert_eq!(w.case.supplement_pauses().len(), 2);
}

#[test]
fn resubmit_only_answers_a_notice() {
    let mut w = World::submitted();
    let err = w.run(Command::Resubmit, Role::Resident).unwrap_err();
    assert!(matches!(err, WorkflowError::WrongState { .. }));
}

#[test]
fn accept_needs_complete_materials() {
    let mut w = World::submitted();
    let err = w.run(
        Command::Accept {
            missing: vec![mat("b"), mat("a")],
        },
        Role::WindowClerk,
    );
    assert_eq!(
        pre(err.unwrap_err()),
        PreconditionFailed::MaterialsMissing {
            missing: vec![mat("a"), mat("b")]
        }
    );
    let err = w
        .run(Command::Accept { missing: vec![] }, Role::Verifier)
        .unwrap_err();
    assert!(matches!(err, WorkflowError::WrongRole { .. }));
    w.ok(Command::Accept { missing: vec![] }, Role::WindowClerk);
    assert_eq!(w.case.state(), CaseState::Accepted);
    assert_eq!(w.case.accepted_at(), Some(at(w.clock)));
    assert!(!w.case.accepted_urgently());
}

#[test]
fn urgent_acceptance_needs_permission_and_keeps_materials_outstanding() {
    let mut w = World::submitted();
    let no = Command::UrgentAccept {
        missing: vec![mat("a")],
        urgent_allowed: false,
        flagged_urgent: false,
    };
    assert_eq!(
        pre(w.run(no, Role::WindowClerk).unwrap_err()),
        PreconditionFailed::UrgentNotAllowed
    );
    let nothing = Command::UrgentAccept {
        missing: vec![],
        urgent_allowed: true,
        flagged_urgent: false,
    };
    assert_eq!(
        pre(w.run(nothing, Role::WindowClerk).unwrap_err()),
        PreconditionFailed::NothingMissing
    );
    let yes = Command::UrgentAccept {
        missing: vec![mat("a")],
        urgent_allowed: true,
        flagged_urgent: false,
    };
    w.ok(yes, Role::WindowClerk);
    assert_eq!(w.case.state(), CaseState::Accepted);
    assert!(w.case.accepted_urgently());
    assert_eq!(w.case.outstanding_materials(), &[mat("a")]);
    assert!(w.case.pending_on().contains(&Party::Applicant));
    let still = Command::ConfirmMaterialsComplete {
        missing: vec![mat("a")],
    };
    assert_eq!(
        pre(w.run(still, Role::WindowClerk).unwrap_err()),
        PreconditionFailed::MaterialsMissing {
            missing: vec![mat("a")]
        }
    );
    w.ok(
        Command::ConfirmMaterialsComplete { missing: vec![] },
        Role::WindowClerk,
    );
    assert!(w.case.outstanding_materials().is_empty());
    assert_eq!(w.case.materials_completed_at(), Some(at(w.clock)));
    let again = Command::ConfirmMaterialsComplete { missing: vec![] };
    assert_eq!(
        pre(w.run(again, Role::WindowClerk).unwrap_err()),
        PreconditionFailed::NothingMissing
    );
}

#[test]
fn not_accepted_needs_a_reason_and_a_referral_and_ends_the_case() {
    let mut w = World::submitted();
    let cmd = Command::NotAccept {
        referral: "区人力社保局".to_owned(),
        kind: Default::default(),
    };
    let err = w
        .run_as(cmd.clone(), &actor(Role::WindowClerk), Some("  "))
        .unwrap_err();
    assert_eq!(
        err,
        WorkflowError::ReasonRequired {
            command: CommandKind::NotAccept
        }
    );
    let blank = Command::NotAccept {
        referral: " ".to_owned(),
        kind: Default::default(),
    };
    assert_eq!(
        pre(w.run(blank, Role::WindowClerk).unwrap_err()),
        PreconditionFailed::ReferralRequired
    );
    w.run_as(cmd, &actor(Role::WindowClerk), Some("不属于社会救助事项"))
        .unwrap();
    assert_eq!(w.case.state(), CaseState::NotAccepted);
    assert!(w.case.is_terminal());
    let ending = w.case.ending().unwrap();
    assert_eq!(ending.referral.as_deref(), Some("区人力社保局"));
    assert_eq!(ending.reason.as_deref(), Some("不属于社会救助事项"));
    let err = w.run(Command::Withdraw, Role::Resident).unwrap_err();
    assert!(matches!(err, WorkflowError::WrongState { .. }));
}
