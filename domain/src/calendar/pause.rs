//! Deadlines whose clock stops while the case waits for the applicant (补正材料期间不计入时限).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::error::CalendarError;
use super::working_calendar::{Calendar, Dated};

/// The most working days one deadline may count: far beyond any policy time limit
/// (the longest are a few dozen days), it keeps a typo from spinning for years.
pub const MAX_WORKING_DAYS: u32 = 2_500;

/// A span during which the clock stands still, e.g. from the missing-materials notice
/// (补正通知) to the day the materials arrive.
///
/// Like the start of any period (期间开始之日不计算在内), the boundary days follow the rule
/// that a day on which the clock (re)starts is not counted: day `from` itself still counts
/// (the notice went out that day), the days after it up to and including `to` (the day the
/// materials arrive) do not. An open pause (`to: None`) means the case is still waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Pause {
    /// The day the clock stopped (still counted).
    pub from: NaiveDate,
    /// The day it restarted (not counted), or `None` while still waiting.
    pub to: Option<NaiveDate>,
}

impl Pause {
    /// Whether the clock stands still on `day`: `from < day <= to`.
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.from < day && self.to.is_none_or(|to| day <= to)
    }

    /// Checks that the pause does not end before it starts.
    pub fn validate(&self) -> Result<(), CalendarError> {
        match self.to {
            Some(to) if to < self.from => Err(CalendarError::InvalidPause {
                from: self.from,
                to,
            }),
            _ => Ok(()),
        }
    }
}

/// A deadline: a day, or suspended while the case waits for the applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Deadline {
    /// Due by the end of this day.
    Due {
        /// The last day (inclusive).
        on: NaiveDate,
    },
    /// The clock stopped on `since` and has not restarted.
    Suspended {
        /// The day the open pause began.
        since: NaiveDate,
    },
}

impl Deadline {
    /// The due day, if the clock is running.
    pub fn due_on(self) -> Option<NaiveDate> {
        match self {
            Self::Due { on } => Some(on),
            Self::Suspended { .. } => None,
        }
    }
}

impl Calendar {
    /// The end of the `n`th working day after `start`, skipping the days inside `pauses`.
    ///
    /// `start` itself is not counted (期间开始之日不计算在内); `n == 0` gives `start`.
    /// If an open pause begins before the deadline is reached the result is
    /// [`Deadline::Suspended`]. Overlapping pauses are fine; a pause that ends before it
    /// starts, or `n` above [`MAX_WORKING_DAYS`], is an error.
    pub fn deadline_with_pauses(
        &self,
        start: NaiveDate,
        n: u32,
        pauses: &[Pause],
    ) -> Result<Dated<Deadline>, CalendarError> {
        if n > MAX_WORKING_DAYS {
            return Err(CalendarError::TooManyWorkingDays {
                requested: n,
                max: MAX_WORKING_DAYS,
            });
        }
        pauses.iter().try_for_each(Pause::validate)?;
        let mut provisional = false;
        let mut counted = 0;
        let mut day = start;
        while counted < n {
            day = day
                .succ_opt()
                .ok_or(CalendarError::DateOutOfRange { date: start })?;
            if let Some(open) = pauses
                .iter()
                .filter(|p| p.to.is_none() && p.covers(day))
                .map(|p| p.from)
                .min()
            {
                let value = Deadline::Suspended { since: open };
                return Ok(Dated { value, provisional });
            }
            if let Some(end) = pauses
                .iter()
                .filter(|p| p.covers(day))
                .filter_map(|p| p.to)
                .max()
            {
                // Jump over the pause: its days are never counted, nor consulted.
                day = end;
                continue;
            }
            provisional |= self.date_is_provisional(day);
            if self.working(day) {
                counted += 1;
            }
        }
        Ok(Dated {
            value: Deadline::Due { on: day },
            provisional,
        })
    }
}

#[cfg(test)]
#[path = "pause_tests.rs"]
mod tests;
