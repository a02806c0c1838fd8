//! The clocks of one case, from its workflow state, the catalogue's time limits and the
//! working-day calendar (乌海 附件1、附件4): route within 1 working day of acceptance; each
//! item's decision within its limit counted from its routing (plus the extensions granted,
//! the clock stopped while the case waits for the applicant's materials); a returned item
//! routed again within 1 working day of its return (转办); and each item's result told within
//! 2 working days of that result (反馈), as well as the combined notice within 2 working days
//! of the last. Task lists, ledgers and supervision (`escalation`) all read deadlines here.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use crate::calendar::{Calendar, CalendarError, Dated, Deadline, Pause};
use crate::catalogue::{AidItemCode, Catalogue, TimeLimit};
use crate::department::DepartmentCode;
use crate::jurisdiction::PlaceCode;
use crate::workflow::Case;

/// The calendar day in China (UTC+8, no daylight saving) of an instant: every clock counts
/// Beijing days, whatever the phone's or server's zone.
pub fn china_date(at: DateTime<Utc>) -> NaiveDate {
    let beijing = FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset");
    at.with_timezone(&beijing).date_naive()
}

/// Every clock of a case that is running or has run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseClocks {
    /// The acceptance day, from which the clocks count.
    pub accepted_on: Option<NaiveDate>,
    /// The last day to route, while the accepted case is not routed yet.
    pub route: Option<Dated<NaiveDate>>,
    /// Each requested item's decision clock, once accepted.
    pub items: Vec<ItemClock>,
    /// The last day to tell the applicant, while the result is not told yet.
    pub notify: Option<Dated<NaiveDate>>,
}

/// One item's decision clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemClock {
    /// The item.
    pub item: AidItemCode,
    /// The deciding department, once routed.
    pub department: Option<DepartmentCode>,
    /// Its limit where the household lives.
    pub limit: TimeLimit,
    /// Working days of extension granted.
    pub extension_used: u32,
    /// The day its decision clock starts: its (latest) routing, or acceptance before then.
    pub started_on: NaiveDate,
    /// The deadline (suspended while the case waits for materials).
    pub deadline: Dated<Deadline>,
    /// The day it was decided, if it was.
    pub decided_on: Option<NaiveDate>,
    /// Returned by its department and not routed again: the last day to route it again.
    pub reroute_by: Option<Dated<NaiveDate>>,
    /// Its result is final and not told yet: the last day to tell the applicant.
    pub tell_by: Option<Dated<NaiveDate>>,
}

impl CaseClocks {
    /// The running deadlines (undecided items, routing, telling the applicant), soonest
    /// first; a suspended clock sorts last.
    pub fn open_deadlines(&self) -> Vec<Dated<Deadline>> {
        let days = self
            .items
            .iter()
            .flat_map(|c| c.reroute_by.iter().chain(c.tell_by.iter()))
            .chain(self.route.iter().chain(self.notify.iter()));
        let mut open: Vec<Dated<Deadline>> = self
            .items
            .iter()
            .filter(|c| c.decided_on.is_none() && c.reroute_by.is_none())
            .map(|c| c.deadline)
            .chain(days.map(|d| Dated {
                value: Deadline::Due { on: d.value },
                provisional: d.provisional,
            }))
            .collect();
        open.sort_by_key(|d| d.value.due_on().unwrap_or(NaiveDate::MAX));
        open
    }

    /// The longest decision limit of the requested items, in working days with the
    /// extensions granted: the 办理时限 of a ledger row.
    pub fn longest_limit_days(&self) -> Option<u32> {
        self.items
            .iter()
            .map(|c| c.limit.days + c.extension_used)
            .max()
    }
}

/// The clocks of `case`, whose household lies in `place`. Items the catalogue does not know
/// have no clock (the catalogue validates case items, so this only happens with an outdated
/// catalogue).
pub fn case_clocks(
    case: &Case,
    catalogue: &Catalogue,
    calendar: &Calendar,
    place: &PlaceCode,
) -> Result<CaseClocks, CalendarError> {
    let Some(accepted_on) = case.accepted_at().map(china_date) else {
        return Ok(CaseClocks {
            accepted_on: None,
            route: None,
            items: Vec::new(),
            notify: None,
        });
    };
    // Only waiting after the clock started stops it.
    let pauses_from = |start: NaiveDate| -> Vec<Pause> {
        case.supplement_pauses()
            .iter()
            .map(|p| Pause {
                from: china_date(p.requested_at),
                to: p.resubmitted_at.map(china_date),
            })
            .filter(|p| p.to.is_none_or(|to| to > start))
            .map(|p| Pause {
                from: p.from.max(start),
                ..p
            })
            .collect()
    };
    let route = if case.sub_cases().is_empty() && case.is_open() {
        Some(calendar.route_deadline(accepted_on)?)
    } else {
        None
    };
    let mut items = Vec::new();
    for item in case.requested_items() {
        let Some(limit) = catalogue.time_limit(item, place) else {
            continue;
        };
        let progress = case.item(item);
        let extension_used = progress.map_or(0, |p| u32::try_from(p.extended_days()).unwrap_or(0));
        // Decision clocks run from routing (乌海 附件4 第三条: 接到……转办救助事项后，应在政策
        // 规定的时限内办结); before routing, acceptance gives the earliest estimate.
        let started_on = progress.map_or(accepted_on, |p| china_date(p.routed_at));
        let deadline = calendar.decision_deadline(
            started_on,
            limit.days,
            extension_used,
            &pauses_from(started_on),
        )?;
        let reroute_by = match progress.and_then(|p| p.returns.last()) {
            Some(r) if r.rerouted_at.is_none() && case.is_open() => {
                Some(calendar.route_deadline(china_date(r.at))?)
            }
            _ => None,
        };
        let tell_by = match progress {
            Some(p) if p.told_at.is_none() && case.is_open() => match p.result_ready_at() {
                Some(ready) => Some(calendar.notify_deadline(china_date(ready))?),
                None => None,
            },
            _ => None,
        };
        items.push(ItemClock {
            item: item.clone(),
            department: progress.map(|p| p.department.clone()),
            limit,
            extension_used,
            started_on,
            deadline,
            decided_on: progress
                .and_then(|p| p.decision.as_ref())
                .map(|d| china_date(d.decided_at)),
            reroute_by,
            tell_by,
        });
    }
    let notify = match (case.decided_at(), case.notified_at()) {
        (Some(ready), None) => Some(calendar.notify_deadline(china_date(ready))?),
        _ => None,
    };
    Ok(CaseClocks {
        accepted_on: Some(accepted_on),
        route,
        items,
        notify,
    })
}

#[cfg(test)]
#[path = "clocks_feedback_tests.rs"]
mod feedback_tests;
#[cfg(test)]
#[path = "clocks_tests.rs"]
mod tests;
