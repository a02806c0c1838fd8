//! Verification and routing.

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
fn economic_check_needs_every_adults_authorization_and_the_verifier() {
    let mut w = World::accepted();
    let err = w
        .run(check(vec![member(2), member(1), member(2)]), Role::Verifier)
        .unwrap_err();
    assert_eq!(
        pre(err),
        PreconditionFailed::AdultsWithoutAuthorization {
            members: vec![member(1), member(2)]
        }
    );
    // The window accepts; it does not also verify.
    let err = w.run(check(vec![]), Role::WindowClerk).unwrap_err();
    assert!(matches!(err, WorkflowError::WrongRole { .. }));
    w.ok(check(vec![]), Role::Verifier);
    assert_eq!(w.case.verification().economic_check, Some(at(w.clock)));
    assert_eq!(
        pre(w.run(check(vec![]), Role::Verifier).unwrap_err()),
        PreconditionFailed::StepAlreadyDone {
            step: VerificationStep::EconomicCheck
        }
    );
}

#[test]
fn home_survey_and_appraisal_are_tracked_once_each() {
    let mut w = World::accepted();
    w.ok(Command::HomeSurvey, Role::Verifier)
        .ok(Command::DemocraticAppraisal, Role::Verifier);
    assert!(!w.case.verification().is_complete());
    assert!(w.run(Command::HomeSurvey, Role::Verifier).is_err());
    w.ok(check(vec![]), Role::Verifier);
    assert!(w.case.verification().is_complete());
}

#[test]
fn verification_waits_for_acceptance_and_may_follow_routing() {
    let mut w = World::submitted();
    let err = w.run(Command::HomeSurvey, Role::Verifier).unwrap_err();
    assert!(matches!(
        err,
        WorkflowError::WrongState {
            state: CaseState::Submitted,
            ..
        }
    ));
    let mut w = World::accepted();
    w.ok(Command::Route(routing()), Role::WindowClerk)
        .ok(Command::HomeSurvey, Role::Verifier);
}

#[test]
fn routing_makes_one_sub_case_per_department_with_its_clock() {
    let mut w = World::accepted();
    let err = w.run(Command::Route(routing()), Role::Helper).unwrap_err();
    assert!(matches!(err, WorkflowError::WrongRole { .. }));
    w.ok(Command::Route(routing()), Role::WindowClerk);
    assert_eq!(w.case.state(), CaseState::Routed);
    assert_eq!(w.case.lead(), Some(&civil()));
    let subs = w.case.sub_cases();
    assert_eq!(subs.len(), 2);
    assert!(subs[0].lead && !subs[1].lead);
    assert!(subs.iter().all(|s| s.routed_at == at(w.clock)));
    assert_eq!(
        w.case.pending_on(),
        vec![
            Party::Department(civil()),
            Party::Department(medsec()),
            Party::Verifier
        ]
    );
    let err = w
        .run(Command::Route(routing()), Role::WindowClerk)
        .unwrap_err();
    assert!(matches!(
        err,
        WorkflowError::WrongState {
            state: CaseState::Routed,
            ..
        }
    ));
}

#[test]
fn routing_must_cover_each_requested_item_once_and_name_a_responsible_lead() {
    let mut w = World::accepted();
    let mut r = routing();
    r.items.push((item("housing"), dept("housing")));
    assert_eq!(
        w.run(Command::Route(r), Role::WindowClerk).unwrap_err(),
        WorkflowError::UnknownItem {
            item: item("housing")
        }
    );
    let mut r = routing();
    r.items.push((dibao(), civil()));
    assert_eq!(
        pre(w.run(Command::Route(r), Role::WindowClerk).unwrap_err()),
        PreconditionFailed::ItemRoutedTwice { item: dibao() }
    );
    let mut r = routing();
    r.items.pop();
    assert_eq!(
        pre(w.run(Command::Route(r), Role::WindowClerk).unwrap_err()),
        PreconditionFailed::ItemsNotRouted {
            items: vec![medical()]
        }
    );
    let r = Routing {
        lead: medsec(),
        items: routing().items,
    };
    assert_eq!(
        pre(w.run(Command::Route(r), Role::WindowClerk).unwrap_err()),
        PreconditionFailed::LeadNotResponsible {
            lead: medsec(),
            primary_department: civil()
        }
    );
    // Civil affairs may lead (convene) even when it decides nothing.
    let r = Routing {
        lead: civil(),
        items: vec![(dibao(), dept("x")), (medical(), medsec())],
    };
    w.ok(Command::Route(r), Role::WindowClerk);
    assert!(w.case.sub_cases().iter().all(|s| !s.lead));
}

#[test]
fn the_economic_checks_event_names_the_authorizations_it_used() {
    use crate::ids::AuthorizationId;
    let mut w = World::accepted();
    let a = AuthorizationId(uuid::Uuid::from_u128(7));
    let b = AuthorizationId(uuid::Uuid::from_u128(5));
    w.ok(
        Command::EconomicCheck {
            adults_without_authorization: vec![],
            authorizations: vec![a, b, a],
        },
        Role::Verifier,
    );
    assert_eq!(
        w.events.last().unwrap().body,
        EventBody::VerificationStepDone {
            step: VerificationStep::EconomicCheck,
            authorizations: vec![b, a],
        }
    );
    // An event stored before the field existed still reads.
    let old: EventBody =
        serde_json::from_str(r#"{"event":"verification_step_done","step":"home_survey"}"#).unwrap();
    assert!(matches!(
        old,
        EventBody::VerificationStepDone { authorizations, .. } if authorizations.is_empty()
    ));
}
