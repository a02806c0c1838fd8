use chrono::TimeDelta;
use uuid::Uuid;

use super::test_support::*;
use super::*;
use crate::ids::CaseId;
use crate::role::Role;
use crate::workflow::test_support::World;
use crate::workflow::{Command, Satisfaction};

#[test]
fn an_evaluation_is_valid_and_round_trips() {
    let e = evaluation(1, CaseId(Uuid::from_u128(99)));
    assert_eq!(e.validate(now()), Ok(()));
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["rating"], "satisfied");
    assert_eq!(serde_json::from_value::<Evaluation>(json).unwrap(), e);
    let silent = Evaluation {
        comment: None,
        rating: Rating::Dissatisfied,
        ..e
    };
    assert_eq!(silent.validate(now()), Ok(()), "no comment is required");
}

#[test]
fn a_comment_is_optional_but_not_blank_nor_too_long() {
    let mut e = evaluation(1, CaseId(Uuid::from_u128(99)));
    e.comment = Some(String::new());
    assert_eq!(e.validate(now()), Ok(()));
    e.comment = Some("   ".to_owned());
    let errors = e.validate(now()).unwrap_err();
    assert_eq!(
        errors,
        [FieldworkError::Blank {
            field: Field::Comment
        }]
    );
    assert_eq!(errors[0].path(), "comment");
    assert!(errors[0].message_zh().starts_with("评价意见"));
    e.comment = Some("好".repeat(MAX_COMMENT_CHARS as usize + 1));
    e.collected_at = now() + TimeDelta::days(1);
    let paths: Vec<String> = e
        .validate(now())
        .unwrap_err()
        .iter()
        .map(FieldworkError::path)
        .collect();
    assert_eq!(paths, ["comment", "collected_at"]);
}

#[test]
fn ready_only_once_the_applicant_was_told() {
    for w in [
        World::submitted(),
        World::verified_and_routed(),
        World::decided(),
    ] {
        assert_eq!(
            ready_for_evaluation(&w.case, &[]),
            Err(FieldworkError::ResultNotTold),
            "{}",
            w.case.state()
        );
    }
    let told = World::notified();
    assert_eq!(ready_for_evaluation(&told.case, &[]), Ok(()));
    // The window closed it right after telling: the helper may still ask.
    let mut closed = World::notified();
    closed.ok(Command::Close, Role::WindowClerk);
    assert_eq!(ready_for_evaluation(&closed.case, &[]), Ok(()));
    let mut archived = closed;
    archived.ok(Command::Archive, Role::WindowClerk);
    let refused = ready_for_evaluation(&archived.case, &[]).unwrap_err();
    assert_eq!(refused, FieldworkError::CaseArchived);
    assert_eq!(refused.path(), "case");
    assert_eq!(refused.message_zh(), "该申请已归档");
}

#[test]
fn never_twice() {
    let w = World::notified();
    let first = evaluation(1, w.case.id());
    assert_eq!(
        ready_for_evaluation(&w.case, std::slice::from_ref(&first)),
        Err(FieldworkError::AlreadyEvaluated)
    );
    let other_case = evaluation(2, CaseId(Uuid::from_u128(1234)));
    assert_eq!(ready_for_evaluation(&w.case, &[other_case]), Ok(()));
    // The resident rated it online.
    let mut online = World::notified();
    online.ok(
        Command::Evaluate {
            satisfaction: Satisfaction::VerySatisfied,
        },
        Role::Resident,
    );
    assert_eq!(
        ready_for_evaluation(&online.case, &[]),
        Err(FieldworkError::AlreadyEvaluated)
    );
    assert_eq!(
        FieldworkError::AlreadyEvaluated.message_zh(),
        "该申请已评价，不能重复评价"
    );
}

#[test]
fn checked_against_its_case() {
    let w = World::notified();
    let e = evaluation(1, w.case.id());
    assert_eq!(e.check_case(&w.case, &[]), Ok(()));
    // Checking again with itself already stored is fine; a second record is not.
    assert_eq!(e.check_case(&w.case, std::slice::from_ref(&e)), Ok(()));
    let second = evaluation(2, w.case.id());
    assert_eq!(
        second.check_case(&w.case, std::slice::from_ref(&e)),
        Err(vec![FieldworkError::AlreadyEvaluated])
    );
    let early = Evaluation {
        case: CaseId(Uuid::from_u128(1234)),
        collected_at: at(0),
        ..evaluation(3, w.case.id())
    };
    let errors = early.check_case(&w.case, &[]).unwrap_err();
    assert_eq!(
        errors,
        [
            FieldworkError::WrongCase,
            FieldworkError::CollectedBeforeResult
        ]
    );
    assert_eq!(errors[1].path(), "collected_at");
    let untold = World::decided();
    assert_eq!(
        evaluation(4, untold.case.id()).check_case(&untold.case, &[]),
        Err(vec![FieldworkError::ResultNotTold])
    );
}

#[test]
fn the_rating_goes_to_the_case_while_it_takes_one() {
    let mut w = World::notified();
    let e = Evaluation {
        rating: Rating::BasicallySatisfied,
        ..evaluation(1, w.case.id())
    };
    let cmd = e.workflow_command(&w.case).unwrap();
    assert_eq!(
        cmd,
        Command::Evaluate {
            satisfaction: Satisfaction::Acceptable
        }
    );
    w.ok(cmd, Role::Helper);
    assert_eq!(w.case.evaluation(), Some(Satisfaction::Acceptable));
    assert_eq!(e.workflow_command(&w.case), None, "rated already");
    let mut closed = World::notified();
    closed.ok(Command::Close, Role::WindowClerk);
    assert_eq!(e.workflow_command(&closed.case), None);
    let names: Vec<_> = Rating::ALL.iter().map(|r| r.name_zh()).collect();
    assert_eq!(names, ["满意", "基本满意", "不满意"]);
    assert_eq!(
        Rating::Dissatisfied.satisfaction(),
        Satisfaction::Dissatisfied
    );
    assert_eq!(Rating::Satisfied.satisfaction(), Satisfaction::Satisfied);
}
