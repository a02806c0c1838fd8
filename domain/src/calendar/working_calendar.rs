//! [`Calendar`]: the loaded holiday notices, and whether a day is a working day.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::error::CalendarError;
use super::notice::{YearNotice, in_spill_window};
use super::statutory::statutory_holiday;

/// A result together with whether it rests on an estimate.
///
/// `provisional` is true when any day consulted lies in a year whose holiday notice is not
/// loaded (or in the last week of a December whose next year's notice is not loaded, since
/// that notice may move New Year's Day into it). Screens and reports must say so, and the
/// admin should load the missing notice: see [`Calendar::missing_notice_years`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Dated<T> {
    /// The result.
    pub value: T,
    /// Whether the result depends on a year estimated from the statutory holidays alone.
    pub provisional: bool,
}

impl<T> Dated<T> {
    /// Applies `f` to the value, keeping the flag.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Dated<U> {
        Dated {
            value: f(self.value),
            provisional: self.provisional,
        }
    }
}

/// What a loaded notice says about one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Override {
    Off,
    Working,
}

/// The built-in notices, one JSON file per year, checked by the unit tests.
pub(super) const BUILTIN_NOTICES: [&str; 4] = [
    include_str!("../../data/holidays/2023.json"),
    include_str!("../../data/holidays/2024.json"),
    include_str!("../../data/holidays/2025.json"),
    include_str!("../../data/holidays/2026.json"),
];

/// The working-day calendar: weekends, the loaded holiday notices, and for years without a
/// notice, an estimate from the statutory holidays (flagged provisional).
///
/// Immutable: [`Calendar::with_notice`] returns a new calendar, so one can be shared freely.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    notices: BTreeMap<i32, YearNotice>,
    /// Each day a notice mentions, with its status and the notice's year.
    overrides: BTreeMap<NaiveDate, (Override, i32)>,
}

impl Calendar {
    /// A calendar with no notice at all: every year is provisional. Mostly for tests.
    pub fn empty() -> Self {
        Self::default()
    }

    /// The calendar with the notices shipped in the crate (currently 2023–2026).
    pub fn builtin() -> Self {
        static BUILTIN: OnceLock<Calendar> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                BUILTIN_NOTICES
                    .iter()
                    .fold(Self::empty(), |calendar, json| {
                        let notice = YearNotice::parse_json(json)
                            .unwrap_or_else(|e| panic!("built-in holiday notice is invalid: {e}"));
                        calendar
                            .with_notice(notice)
                            .unwrap_or_else(|e| panic!("built-in holiday notice conflicts: {e}"))
                    })
            })
            .clone()
    }

    /// This calendar plus `notice`, after checking it ([`YearNotice::validate`]) and that it
    /// agrees with the notices already loaded. Loading the same notice twice is harmless;
    /// a different notice for a loaded year is refused.
    pub fn with_notice(&self, notice: YearNotice) -> Result<Self, CalendarError> {
        notice.validate()?;
        if let Some(loaded) = self.notices.get(&notice.year) {
            return if *loaded == notice {
                Ok(self.clone())
            } else {
                Err(CalendarError::YearAlreadyLoaded { year: notice.year })
            };
        }
        let mut next = self.clone();
        let days = notice.off_days().map(|d| (d, Override::Off)).chain(
            notice
                .make_up_working_days
                .iter()
                .map(|&d| (d, Override::Working)),
        );
        for (date, kind) in days {
            match next.overrides.get(&date) {
                Some(&(existing, other_year)) if existing != kind => {
                    return Err(CalendarError::ConflictWithLoadedNotice { date, other_year });
                }
                Some(_) => {}
                None => {
                    next.overrides.insert(date, (kind, notice.year));
                }
            }
        }
        next.notices.insert(notice.year, notice);
        Ok(next)
    }

    /// The years whose notice is loaded, in order.
    pub fn loaded_years(&self) -> Vec<i32> {
        self.notices.keys().copied().collect()
    }

    /// The loaded notice for `year`, if any.
    pub fn notice(&self, year: i32) -> Option<&YearNotice> {
        self.notices.get(&year)
    }

    /// Whether `year` has no loaded notice, so its days are estimated from the statutory
    /// holidays. (The last week of a loaded year's December is also provisional while the
    /// next year's notice is missing; [`Calendar::is_working_day`] flags that too.)
    pub fn is_provisional(&self, year: i32) -> bool {
        !self.notices.contains_key(&year)
    }

    /// Whether what we say about `date` is an estimate.
    pub(crate) fn date_is_provisional(&self, date: NaiveDate) -> bool {
        self.is_provisional(date.year())
            || (in_spill_window(date) && self.is_provisional(date.year() + 1))
    }

    /// Whether `date` is a working day, without the flag.
    pub(crate) fn working(&self, date: NaiveDate) -> bool {
        if let Some(&(kind, _)) = self.overrides.get(&date) {
            return kind == Override::Working;
        }
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        if weekend {
            return false;
        }
        // A loaded year says every weekday it doesn't mention is a working day; otherwise
        // the statutory holidays are the best we know, and we never guess a swap.
        !self.is_provisional(date.year()) || statutory_holiday(date).is_none()
    }

    /// Whether `date` is a working day: a make-up working day, or a weekday that is not a
    /// day off.
    pub fn is_working_day(&self, date: NaiveDate) -> Dated<bool> {
        Dated {
            value: self.working(date),
            provisional: self.date_is_provisional(date),
        }
    }

    /// The years between `from` and `to` (inclusive, either order) whose notice should be
    /// loaded to make results over that span final: missing years, and the following year
    /// when the span reaches into the last week of December.
    pub fn missing_notice_years(&self, from: NaiveDate, to: NaiveDate) -> Vec<i32> {
        let (from, to) = if from <= to { (from, to) } else { (to, from) };
        let last = if in_spill_window(to) {
            to.year() + 1
        } else {
            to.year()
        };
        (from.year()..=last)
            .filter(|&y| self.is_provisional(y))
            .collect()
    }
}

#[cfg(test)]
#[path = "working_calendar_tests.rs"]
mod tests;
