//! Counting working days: adding, counting between two days, and how urgent a deadline is.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::error::CalendarError;
use super::pause::Deadline;
use super::working_calendar::{Calendar, Dated};

/// A task is [`Urgency::DueSoon`] when at most this many working days are left.
pub const DUE_SOON_WITHIN: i64 = 2;

/// How pressing a deadline is, for task lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// The deadline has passed (逾期).
    Overdue,
    /// Today is the last day (今日到期).
    DueToday,
    /// At most [`DUE_SOON_WITHIN`] working days are left after today (即将到期).
    DueSoon,
    /// More time than that (正常).
    OnTrack,
    /// The clock is stopped while the case waits for the applicant (暂停计时).
    Suspended,
}

impl Urgency {
    /// The Chinese label for task lists.
    pub fn label_zh(self) -> &'static str {
        match self {
            Self::Overdue => "逾期",
            Self::DueToday => "今日到期",
            Self::DueSoon => "即将到期",
            Self::OnTrack => "正常",
            Self::Suspended => "暂停计时",
        }
    }
}

impl Calendar {
    /// The end of the `n`th working day after `start`: `start` itself is not counted
    /// (期间开始之日不计算在内), so "within 1 working day of acceptance on D" is the first
    /// working day after D. `n == 0` gives `start`. More than
    /// [`super::MAX_WORKING_DAYS`] is an error.
    pub fn add_working_days(
        &self,
        start: NaiveDate,
        n: u32,
    ) -> Result<Dated<NaiveDate>, CalendarError> {
        let deadline = self.deadline_with_pauses(start, n, &[])?;
        // Without pauses the clock never stops, so the deadline is always a day.
        Ok(deadline.map(|d| d.due_on().unwrap_or(start)))
    }

    /// The number of working days in `(a, b]` (so `a` itself is not counted, as when adding).
    ///
    /// When `b` is before `a` the result is negative: minus the working days in `(b, a]`.
    /// Thus `working_days_between(a, add_working_days(a, n)) == n`, and swapping the
    /// arguments flips the sign.
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> Dated<i64> {
        let (from, to, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
        let mut count = 0;
        let mut provisional = false;
        for day in from.iter_days().skip(1).take_while(|d| *d <= to) {
            provisional |= self.date_is_provisional(day);
            count += i64::from(self.working(day));
        }
        Dated {
            value: sign * count,
            provisional,
        }
    }

    /// Working days left from `today` to `deadline`: the working days in
    /// `(today, deadline]`, 0 on the last day, negative once working days have passed since
    /// the deadline. (A weekend right after a missed deadline still gives 0: use
    /// [`Calendar::urgency`] to tell overdue from due today.)
    pub fn working_days_remaining(&self, deadline: NaiveDate, today: NaiveDate) -> Dated<i64> {
        self.working_days_between(today, deadline)
    }

    /// How urgent `deadline` is on `today`.
    pub fn urgency(&self, deadline: Deadline, today: NaiveDate) -> Dated<Urgency> {
        let settled = |value| Dated {
            value,
            provisional: false,
        };
        match deadline {
            Deadline::Suspended { .. } => settled(Urgency::Suspended),
            Deadline::Due { on } if today > on => settled(Urgency::Overdue),
            Deadline::Due { on } if today == on => settled(Urgency::DueToday),
            Deadline::Due { on } => self.working_days_remaining(on, today).map(|left| {
                if left <= DUE_SOON_WITHIN {
                    Urgency::DueSoon
                } else {
                    Urgency::OnTrack
                }
            }),
        }
    }
}

#[cfg(test)]
#[path = "arithmetic_tests.rs"]
mod tests;
