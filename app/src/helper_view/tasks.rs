//! The task list's rows: the domain's tasks (in its order) with the resident's masked name,
//! the deadline counted in working days, and where to act.

use chrono::NaiveDate;
use domain::calendar::{Calendar, CalendarError, Urgency};
use domain::catalogue::Catalogue;
use domain::fieldwork::{
    Task, TaskInputs, TaskKind, TaskSubject, authorization_tasks, helper_tasks,
};
use domain::ids::UserId;

use super::PhoneRecords;

/// How much time is left, in working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// No policy limit, or the clock is stopped.
    Open,
    /// The deadline has passed this many working days ago (0: only a weekend or holiday since).
    Overdue(i64),
    /// Today is the last day.
    Today,
    /// This many working days are left after today.
    Left(i64),
}

impl Due {
    /// Stable class and test name for the urgency.
    pub fn code(self) -> &'static str {
        match self {
            Due::Open => "open",
            Due::Overdue(_) => "overdue",
            Due::Today => "today",
            Due::Left(n) if n <= domain::calendar::DUE_SOON_WITHIN => "soon",
            Due::Left(_) => "on-track",
        }
    }
}

/// One row of the task list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskRow {
    /// The domain's task.
    pub task: Task,
    /// For whom: the entrusting person or the household's applicant, masked.
    pub who: Option<String>,
    /// The time left.
    pub due: Due,
    /// Where to act, where a page for it exists (or will).
    pub link: Option<String>,
}

/// The helper's tasks on `today` (Beijing), most urgent first.
pub fn task_rows(
    records: &PhoneRecords,
    helper: UserId,
    catalogue: &Catalogue,
    calendar: &Calendar,
    today: NaiveDate,
) -> Result<Vec<TaskRow>, CalendarError> {
    let cases = records.helper_cases(helper);
    let entrustments = records.entrustments_of(helper);
    let reports: Vec<_> = records
        .hardship_reports
        .iter()
        .filter(|r| r.reporter == helper)
        .cloned()
        .collect();
    let mut tasks = helper_tasks(&TaskInputs {
        cases: &cases,
        entrustments: &entrustments,
        evaluations: &records.evaluations,
        hardship_reports: &reports,
        visits: &records.visits,
        catalogue,
        calendar,
        today,
    })?;
    // The households the helper serves (those on the phone): their authorizations to renew.
    let households: Vec<_> = records.households.iter().collect();
    let open: Vec<_> = records
        .cases
        .iter()
        .filter(|c| c.case.is_open())
        .map(|c| c.household)
        .collect();
    tasks.extend(authorization_tasks(
        &households,
        &records.authorizations,
        &open,
        calendar,
        today,
    ));
    domain::fieldwork::sort_tasks(&mut tasks);
    Ok(tasks
        .into_iter()
        .map(|task| TaskRow {
            who: who(records, &task),
            due: due(&task, calendar, today),
            link: link(&task),
            task,
        })
        .collect())
}

fn who(records: &PhoneRecords, task: &Task) -> Option<String> {
    if let TaskSubject::Entrustment(id) = task.subject
        && let Some(e) = records.entrustments.iter().find(|e| e.id == id)
    {
        return Some(e.entrusting_name.masked());
    }
    records.masked_applicant(task.household?)
}

pub(super) fn due(task: &Task, calendar: &Calendar, today: NaiveDate) -> Due {
    let Some(deadline) = task.deadline else {
        return Due::Open;
    };
    let left = calendar.working_days_remaining(deadline.value, today).value;
    match task.urgency {
        Some(Urgency::Overdue) => Due::Overdue(-left.min(0)),
        Some(Urgency::DueToday) => Due::Today,
        Some(Urgency::Suspended) | None => Due::Open,
        Some(Urgency::DueSoon | Urgency::OnTrack) => Due::Left(left),
    }
}

/// The page where the task is done.
fn link(task: &Task) -> Option<String> {
    match (task.kind, task.subject) {
        (TaskKind::CollectEvaluation, TaskSubject::Case(id)) => {
            Some(format!("/evaluate?case={id}"))
        }
        (TaskKind::BringMaterials, TaskSubject::Case(id)) => Some(format!("/supplement?case={id}")),
        (TaskKind::CollectSignature, TaskSubject::Entrustment(id)) => {
            Some(format!("/entrust?id={id}"))
        }
        (TaskKind::FollowUpVisit, _) => task.household.map(|h| format!("/visit?household={h}")),
        (TaskKind::RenewAuthorization, _) => {
            task.household.map(|h| format!("/intake?household={h}"))
        }
        _ => None,
    }
}

/// The signed-in helper's task rows at `now`, with today in Beijing; a calendar failure
/// (a deadline beyond the calendar's reach) as its message.
pub fn for_account(
    records: &PhoneRecords,
    account: &crate::records::Account,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<TaskRow>, String> {
    let helper = uuid::Uuid::parse_str(&account.user)
        .map(UserId)
        .map_err(|_| "登录信息有误，请重新登录".to_owned())?;
    task_rows(
        records,
        helper,
        crate::components::catalogue::catalogue(),
        &Calendar::builtin(),
        domain::clocks::china_date(now),
    )
    .map_err(|e| e.to_string())
}
