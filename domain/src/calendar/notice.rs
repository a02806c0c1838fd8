//! One year's holiday arrangement as published by the State Council General Office
//! (国务院办公厅关于20XX年部分节假日安排的通知), as data.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::error::CalendarError;

/// The longest block of days off a notice may contain. The longest so far is the
/// 9-day Spring Festival of 2026; anything much longer is a typo.
pub const MAX_RANGE_DAYS: i64 = 14;

/// From this day of the previous December a notice may reach back: the New Year's Day
/// arrangement sometimes does (the 2023 notice gives 2022-12-31 off; the 2019 notice made
/// 2018-12-29 a working day and 2018-12-30/31 days off).
pub const SPILL_FROM_DECEMBER_DAY: u32 = 25;

/// Where a notice comes from, so a screen can cite it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeSource {
    /// The notice's title, e.g. 国务院办公厅关于2026年部分节假日安排的通知.
    pub title: String,
    /// Its document number (文号), e.g. 国办发明电〔2024〕12号, when known.
    #[serde(default)]
    pub document_number: Option<String>,
    /// The day it was published.
    pub published_on: NaiveDate,
}

/// An inclusive range of days, `from..=to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    /// First day.
    pub from: NaiveDate,
    /// Last day (inclusive).
    pub to: NaiveDate,
}

impl DateRange {
    /// Every day of the range, in order (none if it is inverted).
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.from.iter_days().take_while(|d| *d <= self.to)
    }
}

/// One holiday of a notice and the days off the notice gives for it (放假调休).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeHoliday {
    /// Chinese name as the notice writes it, e.g. 春节 or 国庆节、中秋节.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// The days off, as the notice's date ranges.
    pub off: Vec<DateRange>,
}

/// One year's holiday notice: the days off and the make-up working days (调休上班).
///
/// Built-in notices ship with the crate; an admin loads a newly published one as JSON with
/// [`YearNotice::parse_json`] and [`super::Calendar::with_notice`], no release needed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearNotice {
    /// The year the notice arranges.
    pub year: i32,
    /// Where it comes from.
    pub source: NoticeSource,
    /// The holidays and their days off.
    pub holidays: Vec<NoticeHoliday>,
    /// Weekend days that become working days.
    pub make_up_working_days: Vec<NaiveDate>,
}

impl YearNotice {
    /// Reads a notice from JSON and checks it (see [`YearNotice::validate`]).
    pub fn parse_json(json: &str) -> Result<Self, CalendarError> {
        let notice: Self = serde_json::from_str(json).map_err(|e| CalendarError::InvalidJson {
            reason: e.to_string(),
        })?;
        notice.validate()?;
        Ok(notice)
    }

    /// Every day off the notice gives, in the order written.
    pub fn off_days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.holidays
            .iter()
            .flat_map(|h| h.off.iter())
            .flat_map(DateRange::days)
    }

    /// Checks the notice on its own: a title, a publication date not after its year, at
    /// least one complete holiday, ranges in order and at most [`MAX_RANGE_DAYS`] long,
    /// every date inside the year (or the last week of the previous December), no day listed
    /// twice or both off and working, and make-up working days that are weekend days.
    pub fn validate(&self) -> Result<(), CalendarError> {
        let year = self.year;
        if self.source.title.trim().is_empty() {
            return Err(CalendarError::MissingTitle { year });
        }
        if self.source.published_on.year() > year {
            return Err(CalendarError::PublishedAfterYear {
                year,
                published_on: self.source.published_on,
            });
        }
        if self.holidays.is_empty() {
            return Err(CalendarError::NoHolidays { year });
        }
        let mut off = BTreeSet::new();
        for holiday in &self.holidays {
            if holiday.name_zh.trim().is_empty()
                || holiday.name_en.trim().is_empty()
                || holiday.off.is_empty()
            {
                return Err(CalendarError::IncompleteHoliday { year });
            }
            for range in &holiday.off {
                check_range(range)?;
                for day in range.days() {
                    self.check_in_year(day)?;
                    if !off.insert(day) {
                        return Err(CalendarError::DuplicateDay { date: day });
                    }
                }
            }
        }
        let mut working = BTreeSet::new();
        for &day in &self.make_up_working_days {
            self.check_in_year(day)?;
            if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                return Err(CalendarError::MakeUpDayNotWeekend { date: day });
            }
            if off.contains(&day) {
                return Err(CalendarError::DayBothOffAndWorking { date: day });
            }
            if !working.insert(day) {
                return Err(CalendarError::DuplicateDay { date: day });
            }
        }
        Ok(())
    }

    fn check_in_year(&self, date: NaiveDate) -> Result<(), CalendarError> {
        if notice_may_cover(self.year, date) {
            Ok(())
        } else {
            Err(CalendarError::DateOutsideNoticeYear {
                year: self.year,
                date,
            })
        }
    }
}

/// Whether the notice for `year` may say something about `date`: its own year, or the
/// last week of the previous December (see [`SPILL_FROM_DECEMBER_DAY`]).
pub(crate) fn notice_may_cover(year: i32, date: NaiveDate) -> bool {
    date.year() == year || (in_spill_window(date) && date.year() + 1 == year)
}

/// Whether `date` lies in the last week of December, which next year's notice may touch.
pub(crate) fn in_spill_window(date: NaiveDate) -> bool {
    date.month() == 12 && date.day() >= SPILL_FROM_DECEMBER_DAY
}

fn check_range(range: &DateRange) -> Result<(), CalendarError> {
    let length = (range.to - range.from).num_days() + 1;
    if length < 1 {
        return Err(CalendarError::InvertedRange {
            from: range.from,
            to: range.to,
        });
    }
    if length > MAX_RANGE_DAYS {
        return Err(CalendarError::RangeTooLong {
            from: range.from,
            to: range.to,
            max_days: MAX_RANGE_DAYS,
        });
    }
    Ok(())
}

#[cfg(test)]
#[path = "notice_tests.rs"]
mod tests;
