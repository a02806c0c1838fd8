//! The helper's task list: what to do for which resident, by when.
//!
//! Deadlines come only from the case's clocks ([`crate::clocks`]), where the policy sets
//! one: the window tells the applicant within 2 working days of the result, and materials
//! missing after urgent acceptance must arrive before the first undecided item's decision
//! day, since approval waits for them. Waiting for a 补正 stops the clock, and the policy gives
//! no limit for signatures, visits or evaluations, so those tasks have no deadline. An
//! authorization about to expire is due on its last day ([`authorization_tasks`]).

use chrono::NaiveDate;

use super::entrustment::EntrustmentRecord;
use super::evaluation::{Evaluation, ready_for_evaluation};
use super::hardship::HardshipReport;
use super::task::{Task, TaskKind, TaskSubject, sort_tasks};
use super::visit::Visit;
use crate::authorization::AuthorizationSummary;
use crate::calendar::{Calendar, CalendarError, Dated, Deadline, Urgency};
use crate::catalogue::{AidItemCode, Catalogue, MaterialCode};
use crate::clocks::case_clocks;
use crate::household::Household;
use crate::ids::HouseholdId;
use crate::workflow::{Case, CaseState};

/// One of the helper's cases with its household.
#[derive(Debug, Clone, Copy)]
pub struct HelperCase<'a> {
    /// The case.
    pub case: &'a Case,
    /// The household it is for (where the clocks' time limits apply).
    pub household: &'a Household,
}

/// Everything the task list is made from: the helper's own records.
#[derive(Debug, Clone, Copy)]
pub struct TaskInputs<'a> {
    /// The helper's cases.
    pub cases: &'a [HelperCase<'a>],
    /// The helper's entrustments.
    pub entrustments: &'a [EntrustmentRecord],
    /// Evaluations recorded (by anyone) for those cases.
    pub evaluations: &'a [Evaluation],
    /// The helper's hardship reports.
    pub hardship_reports: &'a [HardshipReport],
    /// Visits recorded (by anyone) to the households concerned.
    pub visits: &'a [Visit],
    /// For time limits and names.
    pub catalogue: &'a Catalogue,
    /// For working days.
    pub calendar: &'a Calendar,
    /// The helper's day (Beijing).
    pub today: NaiveDate,
}

/// The helper's tasks, sorted by urgency (see [`sort_tasks`]). Cases under a terminated
/// entrustment give none: their materials were handed back.
pub fn helper_tasks(inputs: &TaskInputs<'_>) -> Result<Vec<Task>, CalendarError> {
    let mut tasks = Vec::new();
    for hc in inputs.cases {
        let released = inputs
            .entrustments
            .iter()
            .any(|e| !e.is_active() && e.cases.contains(&hc.case.id()));
        if !released {
            case_tasks(hc, inputs, &mut tasks)?;
        }
    }
    for e in inputs.entrustments.iter().filter(|e| e.needs_signature()) {
        tasks.push(Task {
            kind: TaskKind::CollectSignature,
            subject: TaskSubject::Entrustment(e.id),
            household: Some(e.household),
            deadline: None,
            urgency: None,
            label_zh: format!("请委托人补签（{}）", e.channel.name_zh()),
        });
    }
    for r in inputs.hardship_reports {
        let Some(household) = r.household else {
            continue;
        };
        let visited = inputs
            .visits
            .iter()
            .any(|v| v.household == household && v.at >= r.reported_at);
        if !visited {
            tasks.push(Task {
                kind: TaskKind::FollowUpVisit,
                subject: TaskSubject::Hardship(r.id),
                household: Some(household),
                deadline: None,
                urgency: None,
                label_zh: format!(
                    "走访回访：{}（{}）",
                    r.category.name_zh(),
                    r.urgency.name_zh()
                ),
            });
        }
    }
    sort_tasks(&mut tasks);
    Ok(tasks)
}

/// How many days before its last day an authorization is flagged.
pub const RENEW_AUTHORIZATION_WITHIN_DAYS: i64 = 30;

/// The authorizations to renew among `records`, for the `households` the helper serves: a
/// household's latest countersigned, unrevoked authorization (not an addendum) whose last
/// day is within [`RENEW_AUTHORIZATION_WITHIN_DAYS`] days, or past while the household has an
/// open case (`open_cases`). A household with a usable authorization lasting beyond that
/// window has nothing to renew. The deadline is the authorization's last day, counted in
/// working days like the others.
pub fn authorization_tasks(
    households: &[&Household],
    records: &[AuthorizationSummary],
    open_cases: &[HouseholdId],
    calendar: &Calendar,
    today: NaiveDate,
) -> Vec<Task> {
    let mut tasks = Vec::new();
    for h in households {
        let latest = records
            .iter()
            .filter(|r| r.household == h.id && r.addendum_to.is_none())
            .filter(|r| r.countersigned && !r.revoked)
            .max_by_key(|r| (r.valid_until, r.id));
        // Withdrawn in its period, with nothing usable left: every open case of the household
        // has lost its economic check's consent, which the helper must hear of at once.
        let withdrawn = records
            .iter()
            .filter(|r| r.household == h.id && r.addendum_to.is_none())
            .filter(|r| r.countersigned && r.revoked && r.valid_until >= today)
            .max_by_key(|r| (r.valid_until, r.id));
        if let Some(w) = withdrawn
            && latest.is_none_or(|r| r.valid_until < today)
            && open_cases.contains(&h.id)
        {
            let open = open_cases.iter().filter(|c| **c == h.id).count();
            tasks.push(Task {
                kind: TaskKind::RenewAuthorization,
                subject: TaskSubject::Authorization(w.id),
                household: Some(h.id),
                deadline: None,
                urgency: Some(Urgency::DueToday),
                label_zh: format!(
                    "核对授权已被撤回：本户 {open} 件在办申请的经济状况核对不能进行，请与家庭沟通，需要时重新签署"
                ),
            });
            continue;
        }
        let Some(r) = latest else {
            continue;
        };
        let left = (r.valid_until - today).num_days();
        let expired = left < 0;
        if left > RENEW_AUTHORIZATION_WITHIN_DAYS || (expired && !open_cases.contains(&h.id)) {
            continue;
        }
        let due = Deadline::Due { on: r.valid_until };
        let label_zh = if expired {
            format!("核对授权已于 {} 到期：请重新签署", r.valid_until)
        } else {
            format!("核对授权将于 {} 到期：请及时重新签署", r.valid_until)
        };
        tasks.push(Task {
            kind: TaskKind::RenewAuthorization,
            subject: TaskSubject::Authorization(r.id),
            household: Some(h.id),
            deadline: Some(Dated {
                value: r.valid_until,
                provisional: false,
            }),
            urgency: Some(calendar.urgency(due, today).value),
            label_zh,
        });
    }
    sort_tasks(&mut tasks);
    tasks
}

fn case_tasks(
    hc: &HelperCase<'_>,
    inputs: &TaskInputs<'_>,
    tasks: &mut Vec<Task>,
) -> Result<(), CalendarError> {
    let case = hc.case;
    let clocks = || case_clocks(case, inputs.catalogue, inputs.calendar, &hc.household.place);
    let mut push = |kind, deadline: Option<Dated<NaiveDate>>, label_zh| {
        tasks.push(Task {
            kind,
            subject: TaskSubject::Case(case.id()),
            household: Some(hc.household.id),
            deadline,
            urgency: deadline.map(|d| {
                let due = Deadline::Due { on: d.value };
                inputs.calendar.urgency(due, inputs.today).value
            }),
            label_zh,
        });
    };
    if case.state() == CaseState::SupplementRequested {
        // The clock waits for the applicant, and no policy limits how long.
        let missing = case
            .supplement_pauses()
            .last()
            .map_or(&[][..], |p| &p.missing[..]);
        let names = material_names(missing, inputs.catalogue);
        push(TaskKind::BringMaterials, None, format!("补交材料：{names}"));
    } else if case.is_open() && !case.outstanding_materials().is_empty() {
        let first_decision = clocks()?
            .items
            .iter()
            .filter(|c| c.decided_on.is_none())
            .filter_map(|c| {
                c.deadline
                    .value
                    .due_on()
                    .map(|on| (on, c.deadline.provisional))
            })
            .min()
            .map(|(value, provisional)| Dated { value, provisional });
        let names = material_names(case.outstanding_materials(), inputs.catalogue);
        let label = format!("补齐先行受理欠缺的材料：{names}");
        push(TaskKind::BringMaterials, first_decision, label);
    }
    if case.state() == CaseState::Decided {
        // One visit tells every result: due by the combined notice's day, or earlier where a
        // result given before the last one is still untold (each within 2 working days).
        let c = clocks()?;
        let due = c
            .items
            .iter()
            .filter_map(|i| i.tell_by)
            .chain(c.notify)
            .min_by_key(|d| d.value);
        let items = item_names(case.requested_items(), inputs.catalogue);
        let label = format!("向申请人反馈办理结果（{items}）");
        push(TaskKind::HandOverResult, due, label);
    } else if case.is_open() && case.accepted_at().is_some() {
        // A result is told within 2 working days of itself, not of the last one (乌海 附件4
        // 第四条): while other items are still with their departments, each final result
        // the window has not told yet is a task of its own.
        for item in clocks()?.items.into_iter().filter(|i| i.tell_by.is_some()) {
            let name = item_names(std::slice::from_ref(&item.item), inputs.catalogue);
            let label = format!("向申请人反馈一项办理结果（{name}），其他事项仍在办理");
            push(TaskKind::HandOverResult, item.tell_by, label);
        }
    }
    if ready_for_evaluation(case, inputs.evaluations).is_ok() {
        let items = item_names(case.requested_items(), inputs.catalogue);
        let label = format!("征询申请人对帮办代办服务的评价（{items}）");
        push(TaskKind::CollectEvaluation, None, label);
    }
    Ok(())
}

/// The names in the notice's order (the workflow keeps each material once).
fn material_names(codes: &[MaterialCode], catalogue: &Catalogue) -> String {
    codes
        .iter()
        .map(|c| {
            catalogue
                .material(c)
                .map_or(c.as_str(), |m| m.name_zh.as_str())
        })
        .collect::<Vec<_>>()
        .join("、")
}

fn item_names(codes: &[AidItemCode], catalogue: &Catalogue) -> String {
    codes
        .iter()
        .map(|c| catalogue.item(c).map_or(c.as_str(), |i| i.name_zh.as_str()))
        .collect::<Vec<_>>()
        .join("、")
}
