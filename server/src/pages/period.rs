//! The period a desk page covers (`?from=YYYY-MM-DD&to=YYYY-MM-DD`), read and checked once
//! for every page that takes one (the routing ledger, the dashboard).

use chrono::{Datelike, NaiveDate, Utc};
use domain::clocks::china_date;
use serde::Deserialize;

use crate::error::ApiError;

/// The longest period one page covers.
pub const MAX_DAYS: i64 = 366;

/// The period asked for; both ends inclusive, Beijing days.
#[derive(Debug, Deserialize)]
pub struct Dates {
    /// First day, `YYYY-MM-DD`; the start of `to`'s month or year (the page's) when left out.
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`; today when left out.
    pub to: Option<String>,
}

/// Where a period left open begins.
#[derive(Debug, Clone, Copy)]
pub enum Since {
    /// The first of the last day's month.
    MonthStart,
    /// The first of the last day's year.
    YearStart,
}

impl Dates {
    /// The period, checked: readable dates, in order, at most [`MAX_DAYS`] long.
    pub fn checked(&self, since: Since) -> Result<(NaiveDate, NaiveDate), ApiError> {
        let parse = |raw: &str| {
            NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
                ApiError::BadRequest(format!("日期“{raw}”无法识别，请写成 2026-12-01 的形式"))
            })
        };
        let given = |s: &Option<String>| s.clone().filter(|s| !s.trim().is_empty());
        let to = match given(&self.to) {
            Some(raw) => parse(&raw)?,
            None => china_date(Utc::now()),
        };
        let from = match given(&self.from) {
            Some(raw) => parse(&raw)?,
            None => match since {
                Since::MonthStart => to.with_day(1),
                Since::YearStart => to.with_ordinal(1),
            }
            .unwrap_or(to),
        };
        if from > to {
            return Err(ApiError::BadRequest("开始日期不能晚于结束日期".to_owned()));
        }
        if (to - from).num_days() >= MAX_DAYS {
            return Err(ApiError::BadRequest(format!(
                "一次最多 {MAX_DAYS} 天，请缩短期间"
            )));
        }
        Ok((from, to))
    }
}
