//! Ledger periods: any span of days, or a quarter of the county's helper report.

use chrono::{Datelike, NaiveDate};

/// The days `from ..= to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First day.
    pub from: NaiveDate,
    /// Last day (inclusive).
    pub to: NaiveDate,
}

impl Period {
    /// Whether `day` falls in the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// A whole month.
    pub fn month(year: i32, month: u32) -> Option<Period> {
        let from = NaiveDate::from_ymd_opt(year, month, 1)?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        Some(Period {
            from,
            to: next.pred_opt()?,
        })
    }
}

/// A report the county collects every quarter (seed 000 attachment 2: "每季度（6 月 25 日、
/// 9 月 25 日、12 月 25 日前）各报送一次"). The notice names three dates; the first quarter's
/// report is taken as due before 25 March, the same day of its quarter's last month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuarterReport {
    /// The year.
    pub year: i32,
    /// 1 to 4.
    pub quarter: u32,
}

impl QuarterReport {
    /// The quarter of `day`.
    pub fn of(day: NaiveDate) -> QuarterReport {
        QuarterReport {
            year: day.year(),
            quarter: (day.month() - 1) / 3 + 1,
        }
    }

    /// The days the report covers: the calendar quarter.
    pub fn period(self) -> Period {
        let first = 3 * (self.quarter - 1) + 1;
        let from = NaiveDate::from_ymd_opt(self.year, first, 1).expect("a valid quarter");
        let to = Period::month(self.year, first + 2)
            .expect("a valid quarter")
            .to;
        Period { from, to }
    }

    /// The report must reach the county before this day.
    pub fn due_before(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, 3 * self.quarter, 25).expect("a valid quarter")
    }

    /// The report after this one.
    pub fn next(self) -> QuarterReport {
        if self.quarter == 4 {
            QuarterReport {
                year: self.year + 1,
                quarter: 1,
            }
        } else {
            QuarterReport {
                quarter: self.quarter + 1,
                ..self
            }
        }
    }
}
