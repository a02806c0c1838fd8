//! The helper ledger (帮办代办工作台账, seed 000 attachment 1): one row per entrustment in a
//! village and period, with the columns of the paper form — no., entrusting person, helper,
//! items, accepted date, time limit, result, reply date, notes — and the quarterly periods of
//! the county report (attachment 2, due before 25 June, 25 September and 25 December).

mod period;
mod result_text;

use chrono::NaiveDate;

use crate::calendar::{Calendar, CalendarError};
use crate::catalogue::Catalogue;
use crate::clocks::{case_clocks, china_date};
use crate::ids::CaseId;
use crate::jurisdiction::PlaceCode;
use crate::workflow::{Case, Channel};

pub use period::{Period, QuarterReport};
pub use result_text::result_zh;

/// One entrusted case with what the ledger shows beside it.
#[derive(Debug, Clone, Copy)]
pub struct Entrustment<'a> {
    /// The case (its channel says whether it was entrusted).
    pub case: &'a Case,
    /// Where the household lives.
    pub place: &'a PlaceCode,
    /// The entrusting person's name (委托人姓名), in full: the paper ledger needs it; screens
    /// that list rows mask it.
    pub entrusting_person: &'a str,
    /// The helper's name (帮办代办员姓名).
    pub helper: &'a str,
    /// 备注.
    pub notes: &'a str,
}

/// One row of the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerRow {
    /// 序号, from 1.
    pub no: usize,
    /// The case.
    pub case: CaseId,
    /// 委托人姓名.
    pub entrusting_person: String,
    /// 帮办代办员姓名.
    pub helper: String,
    /// 帮办代办事项内容: the items' Chinese names, joined with 、.
    pub items_zh: String,
    /// 受理时间.
    pub accepted_on: Option<NaiveDate>,
    /// 办理时限 in working days (the longest item's, with extensions granted).
    pub limit_days: Option<u32>,
    /// The last day of that limit.
    pub due_on: Option<NaiveDate>,
    /// Whether `due_on` rests on a year whose holiday notice is not loaded yet.
    pub provisional: bool,
    /// 办理结果; empty while pending.
    pub result_zh: String,
    /// 回复时间: when the applicant was told.
    pub reply_on: Option<NaiveDate>,
    /// 备注.
    pub notes: String,
}

/// The rows for the entrusted cases among `entries` that were entrusted (created) within
/// `period` and whose household lies inside `village`, oldest first, numbered from 1.
pub fn helper_ledger(
    entries: &[Entrustment<'_>],
    village: &PlaceCode,
    period: Period,
    catalogue: &Catalogue,
    calendar: &Calendar,
) -> Result<Vec<LedgerRow>, CalendarError> {
    let mut chosen: Vec<&Entrustment<'_>> = entries
        .iter()
        .filter(|e| e.case.channel() == Channel::Entrusted)
        .filter(|e| village.contains(e.place))
        .filter(|e| period.contains(china_date(e.case.created_at())))
        .collect();
    chosen.sort_by_key(|e| (e.case.created_at(), e.case.id()));
    chosen
        .into_iter()
        .enumerate()
        .map(|(i, e)| row(i + 1, e, catalogue, calendar))
        .collect()
}

fn row(
    no: usize,
    e: &Entrustment<'_>,
    catalogue: &Catalogue,
    calendar: &Calendar,
) -> Result<LedgerRow, CalendarError> {
    let clocks = case_clocks(e.case, catalogue, calendar, e.place)?;
    let latest = clocks
        .items
        .iter()
        .map(|c| c.deadline)
        .max_by_key(|d| d.value.due_on());
    let items_zh = e
        .case
        .requested_items()
        .iter()
        .map(|code| {
            catalogue
                .item(code)
                .map_or_else(|| code.0.clone(), |i| i.name_zh.clone())
        })
        .collect::<Vec<_>>()
        .join("、");
    Ok(LedgerRow {
        no,
        case: e.case.id(),
        entrusting_person: e.entrusting_person.to_owned(),
        helper: e.helper.to_owned(),
        items_zh,
        accepted_on: clocks.accepted_on,
        limit_days: clocks.longest_limit_days(),
        due_on: latest.and_then(|d| d.value.due_on()),
        provisional: latest.is_some_and(|d| d.provisional),
        result_zh: result_zh(e.case, catalogue),
        reply_on: e.case.notified_at().map(china_date),
        notes: e.notes.to_owned(),
    })
}

#[cfg(test)]
mod tests;
