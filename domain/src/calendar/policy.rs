//! The time limits of the one-door process, in working days.

use chrono::NaiveDate;

use super::error::CalendarError;
use super::pause::{Deadline, Pause};
use super::working_calendar::{Calendar, Dated};

/// The window routes (分办/转办) an accepted case to the departments within this many
/// working days of acceptance.
pub const ROUTE_WITHIN: u32 = 1;

/// The window tells the applicant a department's result within this many working days of
/// receiving it.
pub const NOTIFY_WITHIN: u32 = 2;

impl Calendar {
    /// The last day to route a case accepted on `accepted_on` ([`ROUTE_WITHIN`]).
    pub fn route_deadline(
        &self,
        accepted_on: NaiveDate,
    ) -> Result<Dated<NaiveDate>, CalendarError> {
        self.add_working_days(accepted_on, ROUTE_WITHIN)
    }

    /// The last day to tell the applicant a result received on `result_received_on`
    /// ([`NOTIFY_WITHIN`]).
    pub fn notify_deadline(
        &self,
        result_received_on: NaiveDate,
    ) -> Result<Dated<NaiveDate>, CalendarError> {
        self.add_working_days(result_received_on, NOTIFY_WITHIN)
    }

    /// The last day for a department's decision on an item: the catalogue's time limit
    /// `limit_days` plus the `extension_days_used` (延长期限) actually granted, counted from
    /// acceptance, with the clock stopped during `pauses` (waiting for materials).
    pub fn decision_deadline(
        &self,
        accepted_on: NaiveDate,
        limit_days: u32,
        extension_days_used: u32,
        pauses: &[Pause],
    ) -> Result<Dated<Deadline>, CalendarError> {
        let n = limit_days.saturating_add(extension_days_used);
        self.deadline_with_pauses(accepted_on, n, pauses)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn routing_before_the_2026_spring_festival() {
        let cal = Calendar::builtin();
        // Accepted Friday 13 Feb 2026: Saturday 14 Feb is a make-up working day.
        let due = cal.route_deadline(date(2026, 2, 13)).unwrap();
        assert_eq!(due.value, date(2026, 2, 14));
        assert!(!due.provisional);
        // Accepted on the make-up Saturday: the holiday runs 15–23 Feb.
        assert_eq!(
            cal.route_deadline(date(2026, 2, 14)).unwrap().value,
            date(2026, 2, 24)
        );
    }

    #[test]
    fn notifying_across_national_day_2024() {
        let cal = Calendar::builtin();
        // Result received Monday 30 Sep 2024; 1–7 Oct off; then 8 Oct and 9 Oct.
        let due = cal.notify_deadline(date(2024, 9, 30)).unwrap();
        assert_eq!(due.value, date(2024, 10, 9));
    }

    #[test]
    fn decision_with_extension_and_a_pause() {
        let cal = Calendar::builtin();
        let accepted = date(2025, 3, 3); // Monday
        let plain = cal.decision_deadline(accepted, 10, 0, &[]).unwrap();
        assert_eq!(
            plain.value,
            Deadline::Due {
                on: date(2025, 3, 17)
            }
        );
        let extended = cal.decision_deadline(accepted, 10, 5, &[]).unwrap();
        assert_eq!(
            extended.value,
            Deadline::Due {
                on: date(2025, 3, 24)
            }
        );
        // Waiting from Wed 5 Mar to Mon 10 Mar: Thu, Fri and Mon don't count.
        let pause = Pause {
            from: date(2025, 3, 5),
            to: Some(date(2025, 3, 10)),
        };
        let paused = cal.decision_deadline(accepted, 10, 0, &[pause]).unwrap();
        assert_eq!(
            paused.value,
            Deadline::Due {
                on: date(2025, 3, 20)
            }
        );
        let open = Pause {
            from: date(2025, 3, 5),
            to: None,
        };
        let waiting = cal.decision_deadline(accepted, 10, 0, &[open]).unwrap();
        assert_eq!(
            waiting.value,
            Deadline::Suspended {
                since: date(2025, 3, 5)
            }
        );
    }

    #[test]
    fn constants() {
        assert_eq!(ROUTE_WITHIN, 1);
        assert_eq!(NOTIFY_WITHIN, 2);
    }
}
