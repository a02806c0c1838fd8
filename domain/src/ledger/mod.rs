//! The helper ledger (帮办代办工作台账, seed 000 attachment 1): one row per entrustment in a
//! village and period, with the columns of the paper form — no., entrusting person, helper,
//! items, accepted date, time limit, result, reply date, notes — and the quarterly periods of
//! the county report (attachment 2, due before 25 June, 25 September and 25 December).
//!
//! The helper's ledger records the helper's work: 受理时间 is when the helper took the request
//! (the entrustment's own time), not when the window later accepted the application, and an
//! entrustment with no application yet, or ended before one, is a row of its own.

mod period;
mod result_text;

use chrono::{DateTime, NaiveDate, Utc};

use crate::calendar::{Calendar, CalendarError};
use crate::catalogue::AidItemCode;
use crate::catalogue::Catalogue;
use crate::clocks::{case_clocks, china_date};
use crate::ids::CaseId;
use crate::jurisdiction::PlaceCode;
use crate::workflow::{Case, Channel};

pub use period::{Period, QuarterReport};
pub use result_text::result_zh;

/// One entrustment (with the case it opened, when there is one) and what the ledger shows
/// beside it.
#[derive(Debug, Clone, Copy)]
pub struct Entrustment<'a> {
    /// The case it opened, when the phone holds one (its channel says whether it was
    /// entrusted); none while the helper has not applied yet, or when it ended before.
    pub case: Option<&'a Case>,
    /// When the helper took the request (受理时间).
    pub received_at: DateTime<Utc>,
    /// What the resident asked for, as the entrustment lists it (a case's own items win).
    pub items: &'a [AidItemCode],
    /// How it ended, when it did.
    pub ended: Option<Ended<'a>>,
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

/// The end of an entrustment, as the ledger says it.
#[derive(Debug, Clone, Copy)]
pub struct Ended<'a> {
    /// When (the ledger's 回复时间 when no case was told a result).
    pub at: DateTime<Utc>,
    /// On whose initiative, in Chinese (申请人要求终止 …).
    pub cause_zh: &'static str,
    /// Why, in the resident's or helper's words.
    pub reason: &'a str,
}

/// What an entrustment without a case shows as its result while it runs.
pub const NOT_APPLIED_YET: &str = "尚未提交申请";

/// One row of the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerRow {
    /// 序号, from 1.
    pub no: usize,
    /// The case, when the entrustment opened one.
    pub case: Option<CaseId>,
    /// 委托人姓名.
    pub entrusting_person: String,
    /// 帮办代办员姓名.
    pub helper: String,
    /// 帮办代办事项内容: the items' Chinese names, joined with 、.
    pub items_zh: String,
    /// 受理时间: the day the helper took the request.
    pub accepted_on: NaiveDate,
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

/// The rows for the entrustments among `entries` that the helper took within `period`, whose
/// household lies inside `village` and whose case, if any, was entrusted; oldest first,
/// numbered from 1.
pub fn helper_ledger(
    entries: &[Entrustment<'_>],
    village: &PlaceCode,
    period: Period,
    catalogue: &Catalogue,
    calendar: &Calendar,
) -> Result<Vec<LedgerRow>, CalendarError> {
    let mut chosen: Vec<&Entrustment<'_>> = entries
        .iter()
        .filter(|e| e.case.is_none_or(|c| c.channel() == Channel::Entrusted))
        .filter(|e| village.contains(e.place))
        .filter(|e| period.contains(china_date(e.received_at)))
        .collect();
    chosen.sort_by_key(|e| (e.received_at, e.case.map(Case::id)));
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
    let clocks = e
        .case
        .map(|c| case_clocks(c, catalogue, calendar, e.place))
        .transpose()?;
    let latest = clocks.as_ref().and_then(|clocks| {
        clocks
            .items
            .iter()
            .map(|c| c.deadline)
            .max_by_key(|d| d.value.due_on())
    });
    let items = match e.case.map(Case::requested_items) {
        Some(asked) if !asked.is_empty() => asked,
        _ => e.items,
    };
    let items_zh = items
        .iter()
        .map(|code| {
            catalogue
                .item(code)
                .map_or_else(|| code.0.clone(), |i| i.name_zh.clone())
        })
        .collect::<Vec<_>>()
        .join("、");
    let ended = e
        .ended
        .map(|end| format!("委托已终止（{}）：{}", end.cause_zh, end.reason));
    let result = match (e.case, ended) {
        (Some(case), _) => result_zh(case, catalogue),
        (None, Some(ended)) => ended,
        (None, None) => NOT_APPLIED_YET.to_owned(),
    };
    let reply = match e.case {
        Some(case) => case.notified_at(),
        None => e.ended.map(|end| end.at),
    };
    Ok(LedgerRow {
        no,
        case: e.case.map(Case::id),
        entrusting_person: e.entrusting_person.to_owned(),
        helper: e.helper.to_owned(),
        items_zh,
        accepted_on: china_date(e.received_at),
        limit_days: clocks.as_ref().and_then(|c| c.longest_limit_days()),
        due_on: latest.and_then(|d| d.value.due_on()),
        provisional: latest.is_some_and(|d| d.provisional),
        result_zh: result,
        reply_on: reply.map(china_date),
        notes: e.notes.to_owned(),
    })
}

#[cfg(test)]
mod tests;
