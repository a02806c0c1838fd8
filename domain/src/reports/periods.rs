//! The reporting periods of the county helper report (seed 000 三(四), attachment 2:
//! "每季度（6 月 25 日、9 月 25 日、12 月 25 日前）各报送一次"). The notice names three dates and
//! no March one, so a year has three reports. Each covers the days from the day after the
//! previous cut-off up to its own cut-off, which is also its due date: report 1 of 2026 runs
//! from 26 December 2025 to 25 June 2026, report 2 from 26 June to 25 September, report 3
//! from 26 September to 25 December; the days after 25 December belong to the next year's
//! first report. "25 日前" is read as "by the 25th": a report that reaches the county on the
//! 25th is on time.

use chrono::{Datelike, Days, NaiveDate};

use crate::ledger::Period;

/// The months of the three cut-offs.
const CUT_OFF_MONTHS: [u32; 3] = [6, 9, 12];
/// The day of the month of each cut-off.
const CUT_OFF_DAY: u32 = 25;
/// How many days before its due date a township is reminded.
pub const REMINDER_DAYS: u64 = 7;

/// One report: the `index`th (1 to 3) of `year`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReportPeriod {
    /// The year of its cut-off.
    pub year: i32,
    /// 1 (due 25 June), 2 (25 September) or 3 (25 December).
    pub index: u32,
}

impl ReportPeriod {
    /// The report, if `index` is 1 to 3 and the year four digits (as the codes are).
    pub fn new(year: i32, index: u32) -> Option<ReportPeriod> {
        ((1..=3).contains(&index) && (1000..=9998).contains(&year))
            .then_some(ReportPeriod { year, index })
    }

    /// The three reports of `year`, in order.
    pub fn of_year(year: i32) -> Vec<ReportPeriod> {
        (1..=3).filter_map(|i| ReportPeriod::new(year, i)).collect()
    }

    /// The report whose period holds `day`.
    pub fn containing(day: NaiveDate) -> ReportPeriod {
        let year = day.year();
        for (i, month) in CUT_OFF_MONTHS.iter().enumerate() {
            if (day.month(), day.day()) <= (*month, CUT_OFF_DAY) {
                return ReportPeriod {
                    year,
                    index: i as u32 + 1,
                };
            }
        }
        ReportPeriod {
            year: year + 1,
            index: 1,
        }
    }

    /// The cut-off, which is also the due date: the report reaches the county by this day.
    pub fn due_on(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(
            self.year,
            CUT_OFF_MONTHS[(self.index - 1) as usize],
            CUT_OFF_DAY,
        )
        .expect("a valid report period")
    }

    /// The report before this one.
    pub fn previous(self) -> ReportPeriod {
        if self.index == 1 {
            ReportPeriod {
                year: self.year - 1,
                index: 3,
            }
        } else {
            ReportPeriod {
                index: self.index - 1,
                ..self
            }
        }
    }

    /// The report after this one.
    pub fn next(self) -> ReportPeriod {
        if self.index == 3 {
            ReportPeriod {
                year: self.year + 1,
                index: 1,
            }
        } else {
            ReportPeriod {
                index: self.index + 1,
                ..self
            }
        }
    }

    /// The days it covers: from the day after the previous cut-off to its own.
    pub fn period(self) -> Period {
        Period {
            from: self.previous().due_on() + Days::new(1),
            to: self.due_on(),
        }
    }

    /// The first day a township is reminded: a week before the due date.
    pub fn reminder_from(self) -> NaiveDate {
        self.due_on() - Days::new(REMINDER_DAYS)
    }

    /// Its code in addresses, `2026-2`.
    pub fn code(self) -> String {
        format!("{}-{}", self.year, self.index)
    }

    /// Reads [`Self::code`]; `None` for anything else.
    pub fn parse(code: &str) -> Option<ReportPeriod> {
        let (year, index) = code.trim().split_once('-')?;
        if year.len() != 4 || index.len() != 1 {
            return None;
        }
        ReportPeriod::new(year.parse().ok()?, index.parse().ok()?)
    }

    /// Its Chinese name: 2026年第2期（6月26日至9月25日）.
    pub fn name_zh(self) -> String {
        let p = self.period();
        format!(
            "{}年第{}期（{}年{}月{}日至{}月{}日）",
            self.year,
            self.index,
            p.from.year(),
            p.from.month(),
            p.from.day(),
            p.to.month(),
            p.to.day()
        )
    }
}

/// Where a township stands with one report on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    /// Reported by the due date (on the day given).
    Submitted(NaiveDate),
    /// Not reported, and more than a week to go (or the period not yet begun).
    NotYetDue,
    /// Not reported, and within the week before the due date (inclusive): remind it.
    Remind,
    /// Not reported by the due date; still not reported.
    Late,
    /// Reported, but after the due date (on the day given).
    SubmittedLate(NaiveDate),
}

impl Deadline {
    /// Whether the township is listed as late.
    pub fn is_late(self) -> bool {
        matches!(self, Deadline::Late | Deadline::SubmittedLate(_))
    }

    /// Its Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            Deadline::Submitted(_) => "已按时报送",
            Deadline::NotYetDue => "未到报送期",
            Deadline::Remind => "临近截止，请报送",
            Deadline::Late => "逾期未报送",
            Deadline::SubmittedLate(_) => "逾期报送",
        }
    }
}

/// Where a township that reported `report` on `submitted_on` (if it did) stands on `today`.
pub fn due_status(
    report: ReportPeriod,
    submitted_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Deadline {
    let due = report.due_on();
    match submitted_on {
        Some(day) if day <= due => Deadline::Submitted(day),
        Some(day) => Deadline::SubmittedLate(day),
        None if today > due => Deadline::Late,
        None if today >= report.reminder_from() => Deadline::Remind,
        None => Deadline::NotYetDue,
    }
}

#[cfg(test)]
#[path = "periods_tests.rs"]
mod tests;
