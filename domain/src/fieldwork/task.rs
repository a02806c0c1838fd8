//! [`Task`]: one thing on a helper's list, and the total order the list is shown in.

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::{EntrustmentId, HardshipId};
use crate::calendar::{Dated, Urgency};
use crate::ids::{AuthorizationId, CaseId, HouseholdId};

/// What the helper has to do. The order of the variants breaks ties between tasks with the
/// same deadline (or none): what blocks a case comes before what merely completes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    /// Collect the signature of a remote entrustment: no case under it may be submitted before.
    CollectSignature,
    /// Bring the materials the window asked for (补正) or still lacks after 先行受理.
    BringMaterials,
    /// Hand the result over to the resident (反馈环节, seed 000 二(四)4).
    HandOverResult,
    /// Visit a household after reporting its hardship (seed 002 五(五): 走访调查 … 帮扶、干预).
    FollowUpVisit,
    /// Ask the resident for their evaluation (评价环节, seed 000 二(四)6).
    CollectEvaluation,
    /// The household's verification authorization expires within
    /// [`super::RENEW_AUTHORIZATION_WITHIN_DAYS`] days (or has expired while a case is open):
    /// have it signed again before a periodic review needs it (issue 18, point 5).
    RenewAuthorization,
}

impl TaskKind {
    /// Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            TaskKind::CollectSignature => "补签委托",
            TaskKind::BringMaterials => "补交材料",
            TaskKind::HandOverResult => "反馈结果",
            TaskKind::FollowUpVisit => "走访回访",
            TaskKind::CollectEvaluation => "征询评价",
            TaskKind::RenewAuthorization => "核对授权即将到期",
        }
    }
}

/// The record a task concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "record", content = "id", rename_all = "snake_case")]
pub enum TaskSubject {
    /// A case.
    Case(CaseId),
    /// An entrustment.
    Entrustment(EntrustmentId),
    /// A hardship report.
    Hardship(HardshipId),
    /// A verification authorization.
    Authorization(AuthorizationId),
}

/// One task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    /// What to do.
    pub kind: TaskKind,
    /// About which record.
    pub subject: TaskSubject,
    /// The household to go to, when known.
    pub household: Option<HouseholdId>,
    /// The last day, in working days from the policy's clock; `None` where the policy sets
    /// none or the clock is stopped.
    pub deadline: Option<Dated<NaiveDate>>,
    /// How pressing the deadline is today.
    pub urgency: Option<Urgency>,
    /// What to do, in Chinese.
    pub label_zh: String,
}

type TaskKey<'a> = (
    bool,
    Option<NaiveDate>,
    TaskKind,
    TaskSubject,
    Option<HouseholdId>,
    &'a str,
    bool,
    Option<Urgency>,
);

impl Task {
    /// Whether the deadline has passed on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.deadline.is_some_and(|d| d.value < today)
    }

    /// Every field, most significant first: a task without a deadline after every task with
    /// one; earlier deadlines first (so the most overdue leads, then the soonest due); then
    /// kind and record. Including every field makes the order total and agree with `==`.
    fn key(&self) -> TaskKey<'_> {
        (
            self.deadline.is_none(),
            self.deadline.map(|d| d.value),
            self.kind,
            self.subject,
            self.household,
            &self.label_zh,
            self.deadline.is_some_and(|d| d.provisional),
            self.urgency,
        )
    }
}

impl Ord for Task {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for Task {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Sorts a task list by urgency: overdue first (most overdue first), then by deadline,
/// soonest first, then the tasks without a deadline (see [`Task`]'s `Ord`).
pub fn sort_tasks(tasks: &mut [Task]) {
    tasks.sort();
}
