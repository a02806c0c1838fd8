//! The rows of the routing ledger, from one case's events: one per department a routing sent
//! items to, one per return, one per re-routing; each with the deadline given at the handover
//! and what became of it since.

use chrono::{DateTime, Utc};
use domain::calendar::{Calendar, Dated, Deadline};
use domain::catalogue::{AidItemCode, Catalogue};
use domain::clocks::china_date;
use domain::department::DepartmentCode;
use domain::ids::UserId;
use domain::jurisdiction::PlaceCode;
use domain::sync::CaseRecord;
use domain::workflow::{Case, Event, EventBody};
use uuid::Uuid;

use super::html::date_zh;
use super::notice::{department_name, item_name, item_names};

/// One line of the ledger.
pub(super) struct Row {
    pub(super) at: DateTime<Utc>,
    pub(super) case: Uuid,
    pub(super) applicant: String,
    pub(super) items: String,
    pub(super) department: String,
    pub(super) lead: bool,
    pub(super) what: &'static str,
    pub(super) deadline: String,
    pub(super) outcome: String,
    pub(super) by: UserId,
}

/// One case's rows.
pub(super) struct CaseRows<'a> {
    pub(super) record: &'a CaseRecord,
    pub(super) applicant: &'a str,
    pub(super) place: &'a PlaceCode,
    pub(super) catalogue: &'a Catalogue,
    pub(super) calendar: &'a Calendar,
}

impl CaseRows<'_> {
    pub(super) fn rows(&self) -> Vec<Row> {
        let events = &self.record.events;
        let mut rows = Vec::new();
        for (i, e) in events.iter().enumerate() {
            let later = &events[i + 1..];
            match &e.body {
                EventBody::Routed { lead, items } => {
                    let mut departments: Vec<(&DepartmentCode, Vec<AidItemCode>)> = Vec::new();
                    for (item, d) in items {
                        match departments.iter_mut().find(|entry| entry.0 == d) {
                            Some((_, list)) => list.push(item.clone()),
                            None => departments.push((d, vec![item.clone()])),
                        }
                    }
                    for (d, list) in departments {
                        let outcome = list
                            .iter()
                            .filter_map(|item| self.fate(item, d, later))
                            .collect::<Vec<_>>()
                            .join("；");
                        rows.push(self.row(e, &list, d, d == lead, "分办", outcome));
                    }
                }
                EventBody::ItemReturned { item, department } => {
                    let deadline = self
                        .calendar
                        .route_deadline(china_date(e.at))
                        .map(|d| format!("应于{}前重新分办{}", date_zh(d.value), provisional(&d)))
                        .unwrap_or_default();
                    let mut outcome = format!("退回理由：{}", reason(e));
                    if let Some(to) = rerouted_to(item, later) {
                        outcome.push_str(&format!(
                            "；{}已转{}",
                            date_zh(china_date(to.0.at)),
                            department_name(self.catalogue, to.1)
                        ));
                    }
                    let mut row = self.row(
                        e,
                        std::slice::from_ref(item),
                        department,
                        false,
                        "退回",
                        outcome,
                    );
                    row.deadline = deadline;
                    rows.push(row);
                }
                EventBody::ItemRerouted { item, from, to } => {
                    let why = events[..i]
                        .iter()
                        .rev()
                        .find(|x| matches!(&x.body, EventBody::ItemReturned { item: it, .. } if it == item))
                        .map(reason)
                        .unwrap_or_default();
                    let mut outcome = format!(
                        "由{}退回后转办（退回理由：{}）",
                        department_name(self.catalogue, from),
                        why
                    );
                    if let Some(fate) = self.fate(item, to, later) {
                        outcome.push_str(&format!("；{fate}"));
                    }
                    // The lead as it stood after this re-routing (a re-routed main request takes
                    // the lead with it), not as it stands today.
                    let is_lead = Case::replay(&events[..=i])
                        .ok()
                        .is_some_and(|c| c.lead() == Some(to));
                    rows.push(self.row(
                        e,
                        std::slice::from_ref(item),
                        to,
                        is_lead,
                        "转办",
                        outcome,
                    ));
                }
                _ => {}
            }
        }
        rows
    }

    /// A row of `items` handed to `department` by event `e`, its deadline the items' decision
    /// limits counted from that day (extensions and pauses granted later are the case's, not
    /// the ledger's: the ledger records what was promised at the handover).
    fn row(
        &self,
        e: &Event,
        items: &[AidItemCode],
        department: &DepartmentCode,
        lead: bool,
        what: &'static str,
        outcome: String,
    ) -> Row {
        let mut deadlines: Vec<(String, String)> = Vec::new();
        for item in items {
            let Some(limit) = self.catalogue.time_limit(item, self.place) else {
                continue;
            };
            let Ok(d) = self
                .calendar
                .decision_deadline(china_date(e.at), limit.days, 0, &[])
            else {
                continue;
            };
            let day = match d.value {
                Deadline::Due { on } => format!(
                    "{}（{} 个工作日）{}",
                    date_zh(on),
                    limit.days,
                    provisional(&d)
                ),
                Deadline::Suspended { .. } => "暂停计算".to_owned(),
            };
            deadlines.push((item_name(self.catalogue, item), day));
        }
        let deadline = if deadlines.iter().all(|(_, d)| *d == deadlines[0].1) {
            deadlines
                .first()
                .map(|(_, d)| d.clone())
                .unwrap_or_default()
        } else {
            deadlines
                .iter()
                .map(|(i, d)| format!("{i}：{d}"))
                .collect::<Vec<_>>()
                .join("；")
        };
        Row {
            at: e.at,
            case: self.record.case.id().0,
            applicant: self.applicant.to_owned(),
            items: item_names(self.catalogue, items),
            department: department_name(self.catalogue, department),
            lead,
            what,
            deadline,
            outcome,
            by: e.by.user,
        }
    }

    /// What became of `item` at `department` after its handover: returned (when, why).
    fn fate(
        &self,
        item: &AidItemCode,
        department: &DepartmentCode,
        later: &[Event],
    ) -> Option<String> {
        let returned = later.iter().find(|x| {
            matches!(&x.body, EventBody::ItemReturned { item: it, department: d } if it == item && d == department)
        })?;
        Some(format!(
            "{}于{}退回（{}）",
            item_name(self.catalogue, item),
            date_zh(china_date(returned.at)),
            reason(returned)
        ))
    }
}

/// Where `item` was routed again after a return, with the event.
fn rerouted_to<'a>(
    item: &AidItemCode,
    later: &'a [Event],
) -> Option<(&'a Event, &'a DepartmentCode)> {
    later.iter().find_map(|x| match &x.body {
        EventBody::ItemRerouted { item: it, to, .. } if it == item => Some((x, to)),
        _ => None,
    })
}

fn reason(e: &Event) -> String {
    e.reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .unwrap_or("未填写")
        .to_owned()
}

fn provisional<T>(d: &Dated<T>) -> &'static str {
    if d.provisional { "（暂定）" } else { "" }
}
