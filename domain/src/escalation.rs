//! Chasing and supervision (催办、督办): which clocks of a case are late on a day, who answers
//! for each, and to whom it escalates.
//!
//! 乌海 附件2 第四条: the window follows every department's handling and, when one cannot
//! finish in time, finds out why and tells the efficiency supervisors and the applicant;
//! 附件4 第五条、第七条: the window supervises the limits, and unexcused delay is reported and
//! the unit's leaders are held to account. Escalation goes to the township's leader in charge
//! (街道（镇）分管领导) first, then to the county's civil affairs bureau (县（区）民政局, the
//! supervisor role) once a clock is [`COUNTY_AFTER_WORKING_DAYS`] working days late.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, Deadline};
use crate::catalogue::AidItemCode;
use crate::clocks::{CaseClocks, china_date};
use crate::department::DepartmentCode;
use crate::ids::UserId;
use crate::workflow::{Case, Party};

/// Working days late after which the county supervisor is told too. A local default, to be
/// confirmed: the policies name the escalation, not its threshold.
pub const COUNTY_AFTER_WORKING_DAYS: i64 = 3;

/// Which clock of a case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "clock", content = "item", rename_all = "snake_case")]
pub enum ClockKind {
    /// Routing within 1 working day of acceptance (分办).
    Route,
    /// An item's decision within its limit.
    Decision(AidItemCode),
    /// A returned item routed again within 1 working day (转办).
    Reroute(AidItemCode),
    /// An item's result told within 2 working days of it (反馈).
    Tell(AidItemCode),
    /// The combined result notice within 2 working days of the last result.
    Notify,
}

/// Who is told of a late clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EscalationLevel {
    /// 街道（镇）分管领导.
    TownshipLeader,
    /// 县（区）民政局 (supervisor).
    CountySupervisor,
}

impl EscalationLevel {
    /// Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            EscalationLevel::TownshipLeader => "街道（镇）分管领导",
            EscalationLevel::CountySupervisor => "县（区）民政局",
        }
    }
}

/// One late clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LateClock {
    /// Which clock.
    pub clock: ClockKind,
    /// Its last day.
    pub due_on: NaiveDate,
    /// Working days since that day (at least 1 once a working day has passed; 0 when only
    /// rest days have).
    pub working_days_late: i64,
    /// Who must act: the window, or a department.
    pub responsible: Party,
    /// The person who answers for it, where the case names one: the first-asker
    /// (首问负责人) for the window's clocks.
    pub responsible_person: Option<UserId>,
    /// Who is told.
    pub escalate_to: EscalationLevel,
    /// Whether the window already chased this (催办) since the day was missed.
    pub chased: bool,
}

/// The clocks of `case` that are late at `now` (their last day is past, Beijing time), most
/// late first. A suspended clock (waiting for the applicant) is never late.
pub fn late_clocks(
    case: &Case,
    clocks: &CaseClocks,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> Vec<LateClock> {
    let today = china_date(now);
    let window = || (Party::Window, case.first_asker().map(|a| a.user));
    let mut due: Vec<(ClockKind, NaiveDate, (Party, Option<UserId>))> = Vec::new();
    if let Some(r) = clocks.route {
        // While the leader has not agreed (乌海 附件4 第一条), the routing waits on them.
        let who = if case.pending_on().contains(&Party::Leader) {
            (Party::Leader, None)
        } else {
            window()
        };
        due.push((ClockKind::Route, r.value, who));
    }
    if let Some(n) = clocks.notify {
        due.push((ClockKind::Notify, n.value, window()));
    }
    for c in &clocks.items {
        let item = c.item.clone();
        let progress = case.item(&item);
        if let Some(r) = c.reroute_by {
            let who = if progress.is_some_and(|p| p.disputed()) {
                (Party::Department(DepartmentCode::civil_affairs()), None)
            } else {
                window()
            };
            due.push((ClockKind::Reroute(item.clone()), r.value, who));
        } else if c.decided_on.is_none()
            && let (Deadline::Due { on }, Some(d)) = (c.deadline.value, &c.department)
        {
            due.push((
                ClockKind::Decision(item.clone()),
                on,
                (Party::Department(d.clone()), None),
            ));
        }
        if let Some(t) = c.tell_by {
            due.push((ClockKind::Tell(item), t.value, window()));
        }
    }
    let mut late: Vec<LateClock> = due
        .into_iter()
        .filter(|(_, on, _)| today > *on)
        .map(|(clock, due_on, (responsible, responsible_person))| {
            let working_days_late = calendar.working_days_between(due_on, today).value;
            let escalate_to = if working_days_late >= COUNTY_AFTER_WORKING_DAYS {
                EscalationLevel::CountySupervisor
            } else {
                EscalationLevel::TownshipLeader
            };
            let item = match &clock {
                ClockKind::Decision(i) | ClockKind::Reroute(i) | ClockKind::Tell(i) => Some(i),
                ClockKind::Route | ClockKind::Notify => None,
            };
            let chased = case.chases().iter().any(|c| {
                china_date(c.at) > due_on && (c.item.is_none() || c.item.as_ref() == item)
            });
            LateClock {
                clock,
                due_on,
                working_days_late,
                responsible,
                responsible_person,
                escalate_to,
                chased,
            }
        })
        .collect();
    late.sort_by_key(|l| (std::cmp::Reverse(l.working_days_late), l.due_on));
    late
}

#[cfg(test)]
#[path = "escalation_tests.rs"]
mod tests;
