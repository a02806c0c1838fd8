//! The applicant's review request (申请复核): who, when, within which period.

use chrono::Duration;
use proptest::prelude::*;

use crate::clocks::china_date;
use crate::role::Role;

use super::test_support::*;
use super::*;

fn ask(
    w: &mut World,
    by: &Actor,
    days_after: i64,
    reason: Option<&str>,
) -> Result<(), WorkflowError> {
    let told = w.case.notified_at().expect("told");
    let at = told + Duration::days(days_after);
    let events = w.case.decide(&Command::RequestReview, by, at, reason)?;
    for e in events {
        w.case.apply(&e);
        w.events.push(e);
    }
    Ok(())
}

#[test]
fn the_applicant_asks_once_within_the_period_with_a_reason() {
    let mut w = World::notified();
    let me = actor(Role::Resident);
    assert!(matches!(
        ask(&mut w, &me, 1, None),
        Err(WorkflowError::ReasonRequired { .. })
    ));
    assert!(
        w.case
            .allowed_commands(Role::Resident)
            .contains(&CommandKind::RequestReview)
    );
    ask(&mut w, &me, 1, Some("家里的收入算错了")).unwrap();
    let last = w.events.last().unwrap();
    assert_eq!(last.body, EventBody::ReviewRequested);
    assert_eq!(last.reason.as_deref(), Some("家里的收入算错了"));
    assert_eq!(w.case.review_requested_at(), Some(last.at));
    assert_eq!(
        w.case.state(),
        CaseState::ResultNotified,
        "asking changes no state"
    );
    assert_eq!(
        pre(ask(&mut w, &me, 2, Some("再问一次")).unwrap_err()),
        PreconditionFailed::ReviewAlreadyRequested
    );
    assert!(
        !w.case
            .allowed_commands(Role::Resident)
            .contains(&CommandKind::RequestReview)
    );
}

#[test]
fn nobody_else_asks_and_not_before_the_result() {
    let mut w = World::notified();
    assert!(matches!(
        ask(&mut w, &neighbour(), 1, Some("不服")),
        Err(WorkflowError::NotOwnCase { .. })
    ));
    for role in [Role::Helper, Role::WindowClerk, Role::Verifier, Role::Admin] {
        assert!(matches!(
            ask(&mut w, &actor(role), 1, Some("不服")),
            Err(WorkflowError::WrongRole { .. })
        ));
    }
    let mut early = World::decided();
    assert!(matches!(
        early.run(Command::RequestReview, Role::Resident),
        Err(WorkflowError::WrongState { .. })
    ));
}

#[test]
fn a_closed_case_takes_a_request_within_the_period_an_archived_one_none() {
    let mut w = World::notified();
    w.ok(Command::Close, Role::WindowClerk);
    ask(&mut w, &actor(Role::Resident), 3, Some("不服")).unwrap();
    let mut filed = World::notified();
    filed
        .ok(Command::Close, Role::WindowClerk)
        .ok(Command::Archive, Role::WindowClerk);
    assert!(matches!(
        ask(&mut filed, &actor(Role::Resident), 3, Some("不服")),
        Err(WorkflowError::WrongState { .. })
    ));
}

#[test]
fn the_window_answers_a_request_once_in_writing() {
    let clerk = actor(Role::WindowClerk);
    let mut w = World::notified();
    assert!(
        !w.case
            .allowed_commands(Role::WindowClerk)
            .contains(&CommandKind::AnswerReview)
    );
    let at = w.case.notified_at().unwrap() + Duration::days(3);
    assert_eq!(
        pre(w
            .case
            .decide(&Command::AnswerReview, &clerk, at, Some("复核后维持原决定"))
            .unwrap_err()),
        PreconditionFailed::NoReviewRequested
    );
    ask(&mut w, &actor(Role::Resident), 2, Some("家里的收入算错了")).unwrap();
    assert!(
        w.case
            .allowed_commands(Role::WindowClerk)
            .contains(&CommandKind::AnswerReview)
    );
    assert!(matches!(
        w.case.decide(&Command::AnswerReview, &clerk, at, None),
        Err(WorkflowError::ReasonRequired { .. })
    ));
    for role in [
        Role::Resident,
        Role::Helper,
        Role::Verifier,
        Role::DepartmentOfficer,
    ] {
        assert!(
            w.case
                .decide(&Command::AnswerReview, &actor(role), at, Some("答复"))
                .is_err(),
            "{role:?}"
        );
    }
    let events = w
        .case
        .decide(
            &Command::AnswerReview,
            &clerk,
            at,
            Some("经复核，收入计算无误，维持原决定"),
        )
        .unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].body, EventBody::ReviewAnswered);
    w.case.apply(&events[0]);
    assert_eq!(w.case.review_answered_at(), Some(at));
    assert_eq!(
        w.case.state(),
        CaseState::ResultNotified,
        "answering changes no state"
    );
    assert_eq!(
        pre(w
            .case
            .decide(&Command::AnswerReview, &clerk, at, Some("再答复"))
            .unwrap_err()),
        PreconditionFailed::ReviewAlreadyAnswered
    );
    assert!(
        !w.case
            .allowed_commands(Role::WindowClerk)
            .contains(&CommandKind::AnswerReview)
    );
}

proptest! {
    /// Within the notice's sixty days (by the Beijing date) a request is taken; after, it is
    /// refused with the last day; either way the case's state is untouched.
    #[test]
    fn the_period_is_sixty_days_from_the_day_told(minutes in 0i64..(90 * 24 * 60)) {
        let mut w = World::notified();
        let told = w.case.notified_at().unwrap();
        let at = told + Duration::minutes(minutes);
        let until = w.case.review_until().unwrap();
        prop_assert_eq!(until, china_date(told) + Duration::days(REVIEW_PERIOD_DAYS as i64));
        let result = w.case.decide(&Command::RequestReview, &actor(Role::Resident), at, Some("不服"));
        if china_date(at) <= until {
            let events = result.unwrap();
            prop_assert_eq!(events.len(), 1);
            w.case.apply(&events[0]);
            prop_assert_eq!(w.case.state(), CaseState::ResultNotified);
        } else {
            prop_assert_eq!(
                pre(result.unwrap_err()),
                PreconditionFailed::ReviewPeriodOver { until }
            );
        }
    }

    /// Only the applicant's own account may ask, whatever the time.
    #[test]
    fn only_the_applicant_asks(role_index in 0usize..7, hours in 1i64..1000) {
        let role = Role::ALL[role_index % Role::ALL.len()];
        let w = World::notified();
        let by = if role == Role::Resident { neighbour() } else { actor(role) };
        let at = w.case.notified_at().unwrap() + Duration::hours(hours);
        prop_assert!(w.case.decide(&Command::RequestReview, &by, at, Some("不服")).is_err());
    }
}
