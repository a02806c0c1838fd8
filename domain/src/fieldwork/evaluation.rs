//! The resident's evaluation after a result (评价环节, seed 000 二(四)6: "事项办结后，帮办代办员
//! 要征询申请人对帮办代办服务的评价意见"), and when a case is ready for one.
//!
//! The helper asks once the applicant has been told the result. The window may close the
//! case right after telling; the helper may still ask then, since the plan puts the
//! evaluation after 办结. A filed (archived) case takes nothing more, and no case is rated
//! twice: neither by two records nor after the resident rated it online.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::error::{FieldworkError, check_not_future, check_text, collected};
use super::field::Field;
use super::ids::{EntrustmentId, EvaluationId};
use crate::ids::{CaseId, UserId};
use crate::role::Role;
use crate::workflow::{Case, CaseState, Command, CommandKind, Satisfaction};

/// The longest comment, in characters.
pub const MAX_COMMENT_CHARS: i64 = 500;

/// One evaluation as synced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    /// Made by the phone.
    pub id: EvaluationId,
    /// The case rated.
    pub case: CaseId,
    /// The entrustment the case was handled under, if any.
    #[serde(default)]
    pub entrustment: Option<EntrustmentId>,
    /// The rating.
    pub rating: Rating,
    /// The resident's words; optional (no policy asks for one, even when dissatisfied).
    #[serde(default)]
    pub comment: Option<String>,
    /// The helper who asked.
    pub collected_by: UserId,
    /// When.
    pub collected_at: DateTime<Utc>,
}

/// The three answers of the plan's evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// 满意.
    Satisfied,
    /// 基本满意.
    BasicallySatisfied,
    /// 不满意.
    Dissatisfied,
}

impl Rating {
    /// Every rating, in form order.
    pub const ALL: [Rating; 3] = [
        Rating::Satisfied,
        Rating::BasicallySatisfied,
        Rating::Dissatisfied,
    ];

    /// Chinese label.
    pub fn name_zh(self) -> &'static str {
        match self {
            Rating::Satisfied => "满意",
            Rating::BasicallySatisfied => "基本满意",
            Rating::Dissatisfied => "不满意",
        }
    }

    /// The same answer on the workflow's five-step scale (好差评).
    pub fn satisfaction(self) -> Satisfaction {
        match self {
            Rating::Satisfied => Satisfaction::Satisfied,
            Rating::BasicallySatisfied => Satisfaction::Acceptable,
            Rating::Dissatisfied => Satisfaction::Dissatisfied,
        }
    }
}

/// Whether `case` may be evaluated now, given the evaluations already recorded: the
/// applicant was told the result, the case is not filed, and nobody rated it yet.
pub fn ready_for_evaluation(case: &Case, evaluations: &[Evaluation]) -> Result<(), FieldworkError> {
    readiness(case, evaluations.iter().any(|e| e.case == case.id()))
}

fn readiness(case: &Case, recorded: bool) -> Result<(), FieldworkError> {
    if case.state() == CaseState::Archived {
        Err(FieldworkError::CaseArchived)
    } else if case.notified_at().is_none() {
        Err(FieldworkError::ResultNotTold)
    } else if recorded || case.evaluation().is_some() {
        Err(FieldworkError::AlreadyEvaluated)
    } else {
        Ok(())
    }
}

impl Evaluation {
    /// Checks the record alone; lists every problem.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<(), Vec<FieldworkError>> {
        let mut errors = Vec::new();
        if let Some(comment) = &self.comment {
            check_text(
                comment,
                Field::Comment,
                false,
                MAX_COMMENT_CHARS,
                &mut errors,
            );
        }
        check_not_future(self.collected_at, now, Field::CollectedAt, &mut errors);
        collected(errors)
    }

    /// Checks the record against its case before it is recorded: `others` are the
    /// evaluations already recorded (this record itself among them is ignored).
    pub fn check_case(
        &self,
        case: &Case,
        others: &[Evaluation],
    ) -> Result<(), Vec<FieldworkError>> {
        let mut errors = Vec::new();
        if self.case != case.id() {
            errors.push(FieldworkError::WrongCase);
        }
        let recorded = others
            .iter()
            .any(|e| e.id != self.id && e.case == case.id());
        if let Err(e) = readiness(case, recorded) {
            errors.push(e);
        }
        if case
            .notified_at()
            .is_some_and(|told| self.collected_at < told)
        {
            errors.push(FieldworkError::CollectedBeforeResult);
        }
        collected(errors)
    }

    /// The workflow command that records the same rating on the case, while the case still
    /// takes one (told, not closed, not rated); `None` once it does not.
    pub fn workflow_command(&self, case: &Case) -> Option<Command> {
        case.allowed_commands(Role::Helper)
            .contains(&CommandKind::Evaluate)
            .then(|| Command::Evaluate {
                satisfaction: self.rating.satisfaction(),
            })
    }
}
