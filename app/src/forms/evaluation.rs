//! The resident's evaluation of the helper's service (评价环节, seed 000 二(四)6): the rating
//! chosen, an optional comment, and the record they make, checked as the server will check it.

use chrono::{DateTime, Utc};
use domain::fieldwork::{
    EntrustmentId, Evaluation, EvaluationId, FieldworkError, Rating, ready_for_evaluation,
};
use domain::ids::UserId;
use domain::workflow::Case;
use uuid::Uuid;

use super::FormError;
use crate::records::Account;

/// Why a case cannot be rated now, for the page to say so plainly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotReady {
    /// The applicant has not been told the result yet.
    NotTold,
    /// Someone rated it already (on this phone, another, or the resident online).
    AlreadyRated,
    /// The case is filed.
    Archived,
}

/// Whether `case` may be rated now, given the evaluations the phone holds.
pub fn readiness(case: &Case, evaluations: &[Evaluation]) -> Result<(), NotReady> {
    ready_for_evaluation(case, evaluations).map_err(|e| match e {
        FieldworkError::CaseArchived => NotReady::Archived,
        FieldworkError::ResultNotTold => NotReady::NotTold,
        _ => NotReady::AlreadyRated,
    })
}

/// The form as the resident fills it in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvaluationDraft {
    /// The answer chosen, once one is.
    pub rating: Option<Rating>,
    /// Their words, if any.
    pub comment: String,
}

impl EvaluationDraft {
    /// The evaluation collected by the signed-in helper at `now`, or every problem: no rating
    /// chosen, a comment too long, a case that takes no rating.
    pub fn to_evaluation(
        &self,
        id: Uuid,
        case: &Case,
        entrustment: Option<EntrustmentId>,
        account: &Account,
        others: &[Evaluation],
        now: DateTime<Utc>,
    ) -> Result<Evaluation, Vec<FormError>> {
        let mut errors = Vec::new();
        let Ok(helper) = Uuid::parse_str(&account.user) else {
            return Err(vec![FormError {
                path: "account".to_owned(),
                message: "登录信息有误，请重新登录".to_owned(),
            }]);
        };
        if self.rating.is_none() {
            errors.push(FormError {
                path: "rating".to_owned(),
                message: "请选择满意、基本满意或不满意".to_owned(),
            });
        }
        let comment = self.comment.trim();
        let evaluation = Evaluation {
            id: EvaluationId(id),
            case: case.id(),
            entrustment,
            rating: self.rating.unwrap_or(Rating::Satisfied),
            comment: (!comment.is_empty()).then(|| comment.to_owned()),
            collected_by: UserId(helper),
            collected_at: now,
        };
        let found = [
            evaluation.validate(now).err(),
            evaluation.check_case(case, others).err(),
        ];
        errors.extend(found.into_iter().flatten().flatten().map(|e| FormError {
            path: e.path(),
            message: e.message_zh(),
        }));
        if errors.is_empty() {
            Ok(evaluation)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::helper_view::fixtures::{case, evaluation, me, now, wang};

    fn account() -> Account {
        Account {
            user: me().to_string(),
            role: "helper".to_owned(),
            place: "500231101201".to_owned(),
            department: None,
            display_name: "李网格".to_owned(),
            ..Account::default()
        }
    }

    fn draft(rating: Option<Rating>, comment: &str) -> EvaluationDraft {
        EvaluationDraft {
            rating,
            comment: comment.to_owned(),
        }
    }

    #[test]
    fn a_told_case_takes_one_rating_with_a_trimmed_comment() {
        let told = case(1, &wang(), me(), 12, 5);
        assert_eq!(readiness(&told.case, &[]), Ok(()));
        let e = draft(Some(Rating::BasicallySatisfied), "  办得挺快  ")
            .to_evaluation(Uuid::nil(), &told.case, None, &account(), &[], now())
            .unwrap();
        assert_eq!(e.rating, Rating::BasicallySatisfied);
        assert_eq!(e.comment.as_deref(), Some("办得挺快"));
        assert_eq!(e.collected_by, me());
        // Once saved on the phone, the case is rated: no second form.
        assert_eq!(readiness(&told.case, &[e]), Err(NotReady::AlreadyRated));
        let blank = draft(Some(Rating::Dissatisfied), "   ")
            .to_evaluation(Uuid::nil(), &told.case, None, &account(), &[], now())
            .unwrap();
        assert_eq!(blank.comment, None);
    }

    #[test]
    fn a_missing_rating_and_a_long_comment_are_both_listed() {
        let told = case(1, &wang(), me(), 12, 5);
        let errors = draft(None, &"很".repeat(501))
            .to_evaluation(Uuid::nil(), &told.case, None, &account(), &[], now())
            .unwrap_err();
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["rating", "comment"]);
    }

    #[test]
    fn cases_not_ready_say_why() {
        let decided = case(1, &wang(), me(), 12, 4);
        assert_eq!(readiness(&decided.case, &[]), Err(NotReady::NotTold));
        let rated = case(2, &wang(), me(), 12, 6);
        assert_eq!(readiness(&rated.case, &[]), Err(NotReady::AlreadyRated));
        let told = case(3, &wang(), me(), 12, 5);
        let errors = draft(Some(Rating::Satisfied), "")
            .to_evaluation(
                Uuid::from_u128(1),
                &told.case,
                None,
                &account(),
                &[evaluation(&told)],
                now(),
            )
            .unwrap_err();
        assert_eq!(errors[0].path, "case");
    }
}
