//! A case's projection row, computed from its record without I/O: the typed columns the
//! supervision queries filter and group on (issue 21 point 6).

use chrono::NaiveDate;
use domain::calendar::{Calendar, Deadline};
use domain::catalogue::Catalogue;
use domain::clocks::{case_clocks, china_date};
use domain::jurisdiction::PlaceCode;
use domain::sync::CaseRecord;
use domain::workflow::EventBody;
use serde::Serialize;
use uuid::Uuid;

/// The step a running clock belongs to.
pub mod step {
    /// Routing within 1 working day of acceptance (分办).
    pub const ROUTE: &str = "route";
    /// An item's decision within its limit.
    pub const DECISION: &str = "decision";
    /// A returned item routed again within 1 working day (转办).
    pub const REROUTE: &str = "reroute";
    /// An item's result told within 2 working days (反馈).
    pub const TELL: &str = "tell";
    /// The combined result notice within 2 working days of the last result.
    pub const NOTIFY: &str = "notify";
}

/// One case's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRow {
    /// The case.
    pub case_id: Uuid,
    /// The record version it was built from.
    pub version: i64,
    /// The household.
    pub household_id: Uuid,
    /// Where the household lives.
    pub place: PlaceCode,
    /// Its township, if it lies in one.
    pub township: Option<String>,
    /// Its village, if it lies in one.
    pub village: Option<String>,
    /// The state code (`routed`, …).
    pub state: String,
    /// The channel code (`entrusted`, …).
    pub channel: String,
    /// The main request.
    pub primary_item: Option<String>,
    /// The lead department, once routed.
    pub lead_department: Option<String>,
    /// Accepted urgently (先行受理).
    pub urgent: bool,
    /// Created (Beijing day).
    pub created_on: NaiveDate,
    /// First submitted.
    pub submitted_on: Option<NaiveDate>,
    /// The window's first answer: accepted, a supplement notice, or not accepted.
    pub answered_on: Option<NaiveDate>,
    /// Accepted (受理).
    pub accepted_on: Option<NaiveDate>,
    /// First routed (分办).
    pub routed_on: Option<NaiveDate>,
    /// Every item decided and every public notice over.
    pub decided_on: Option<NaiveDate>,
    /// The applicant told the combined result.
    pub told_on: Option<NaiveDate>,
    /// Handling ended (closed, not accepted, withdrawn, terminated).
    pub closed_on: Option<NaiveDate>,
    /// The longest decision limit of the items, extensions included.
    pub decision_limit_days: Option<u32>,
    /// The last day to route, while not routed.
    pub route_by: Option<NaiveDate>,
    /// The last day to tell the combined result, while not told.
    pub notify_by: Option<NaiveDate>,
    /// The soonest running clock's step (see [`step`]).
    pub step: Option<&'static str>,
    /// The soonest running clock's last day.
    pub deadline_on: Option<NaiveDate>,
    /// 首问负责人.
    pub first_asker: Option<Uuid>,
    /// The applicant's rating code.
    pub rating: Option<String>,
    /// The requested items.
    pub items: Vec<ItemRow>,
}

/// One requested item of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRow {
    /// The item code.
    pub item: String,
    /// The department routed to.
    pub department: Option<String>,
    /// Its running clock's step (decision, reroute or tell).
    pub step: Option<&'static str>,
    /// Its running clock's last day.
    pub deadline_on: Option<NaiveDate>,
}

/// The snake-case code a domain enum serializes to.
pub fn code<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// The row of `record` (version `version`), whose household lies in `place`. Clocks come from
/// the catalogue and calendar in force; a clock the calendar cannot count (a year without
/// holiday data is provisional, not an error, so this is rare) is left out.
pub fn project(
    record: &CaseRecord,
    version: i64,
    place: &PlaceCode,
    catalogue: &Catalogue,
    calendar: &Calendar,
) -> CaseRow {
    let case = &record.case;
    let clocks = case_clocks(case, catalogue, calendar, place).ok();
    let mut items: Vec<ItemRow> = case
        .requested_items()
        .iter()
        .map(|item| ItemRow {
            item: item.as_str().to_owned(),
            department: case.item(item).map(|p| p.department.as_str().to_owned()),
            step: None,
            deadline_on: None,
        })
        .collect();
    let mut soonest: Option<(NaiveDate, &'static str)> = None;
    let mut consider = |on: NaiveDate, s: &'static str| {
        if soonest.is_none_or(|(d, _)| on < d) {
            soonest = Some((on, s));
        }
    };
    let route_by = clocks.as_ref().and_then(|c| c.route).map(|d| d.value);
    let notify_by = clocks.as_ref().and_then(|c| c.notify).map(|d| d.value);
    if let Some(d) = route_by {
        consider(d, step::ROUTE);
    }
    if let Some(d) = notify_by {
        consider(d, step::NOTIFY);
    }
    for clock in clocks.iter().flat_map(|c| &c.items) {
        let Some(row) = items.iter_mut().find(|r| r.item == clock.item.as_str()) else {
            continue;
        };
        // Before routing an item has no running decision clock of its own: routing is due.
        let running = if let Some(r) = clock.reroute_by {
            Some((r.value, step::REROUTE))
        } else if let Some(t) = clock.tell_by {
            Some((t.value, step::TELL))
        } else if clock.decided_on.is_none() && clock.department.is_some() && case.is_open() {
            match clock.deadline.value {
                Deadline::Due { on } => Some((on, step::DECISION)),
                _ => None,
            }
        } else {
            None
        };
        if let Some((on, s)) = running {
            row.step = Some(s);
            row.deadline_on = Some(on);
            consider(on, s);
        }
    }
    let answered_on = record
        .events
        .iter()
        .find(|e| {
            matches!(
                e.body,
                EventBody::Accepted
                    | EventBody::UrgentlyAccepted { .. }
                    | EventBody::SupplementRequested { .. }
                    | EventBody::NotAccepted { .. }
            )
        })
        .map(|e| china_date(e.at));
    CaseRow {
        case_id: case.id().0,
        version,
        household_id: record.household.0,
        place: place.clone(),
        township: place.township().map(|p| p.as_str().to_owned()),
        village: place.village().map(|p| p.as_str().to_owned()),
        state: code(&case.state()),
        channel: code(&case.channel()),
        primary_item: case.primary_item().map(|i| i.as_str().to_owned()),
        lead_department: case.lead().map(|d| d.as_str().to_owned()),
        urgent: case.accepted_urgently(),
        created_on: china_date(case.created_at()),
        submitted_on: case.submitted_at().map(china_date),
        answered_on,
        accepted_on: case.accepted_at().map(china_date),
        routed_on: case
            .sub_cases()
            .iter()
            .map(|s| china_date(s.routed_at))
            .min(),
        decided_on: case.decided_at().map(china_date),
        told_on: case.notified_at().map(china_date),
        closed_on: case.ending().map(|e| china_date(e.at)),
        decision_limit_days: clocks.as_ref().and_then(|c| c.longest_limit_days()),
        route_by,
        notify_by,
        step: soonest.map(|(_, s)| s),
        deadline_on: soonest.map(|(d, _)| d),
        first_asker: case.first_asker().map(|a| a.user.0),
        rating: case.evaluation().map(|s| code(&s)),
        items,
    }
}
