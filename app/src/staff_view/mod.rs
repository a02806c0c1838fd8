//! The township's and departments' cases as the staff screens show them (窗口受理台, 核查,
//! 部门办理): which cases wait on the signed-in account's desk, each with its clocks counted in
//! working days, most urgent first, and one case in full for its workspace. Pure (the records
//! are read by `helper_view::load`), so it is tested natively; the pages only draw it.

pub mod case_detail;
pub mod inbox;

pub use case_detail::{
    CaseDetail, ClockLine, HistoryLine, ItemLine, MaterialLine, MaterialProvided, case_detail,
};
pub use inbox::{Desk, InboxRow, inbox, inbox_for_account};

use chrono::NaiveDate;
use domain::calendar::{Calendar, Deadline, Urgency};

use crate::helper_view::Due;

/// The time left until `deadline` on `today`, in working days.
pub fn due_of(deadline: Deadline, calendar: &Calendar, today: NaiveDate) -> Due {
    match calendar.urgency(deadline, today).value {
        Urgency::Suspended => Due::Open,
        Urgency::Overdue => {
            let on = deadline.due_on().unwrap_or(today);
            Due::Overdue(-calendar.working_days_remaining(on, today).value.min(0))
        }
        Urgency::DueToday => Due::Today,
        Urgency::DueSoon | Urgency::OnTrack => Due::Left(
            deadline
                .due_on()
                .map_or(0, |on| calendar.working_days_remaining(on, today).value),
        ),
    }
}

/// Sort key: overdue (most late first), due today, then fewest days left; no clock last.
pub fn due_rank(due: Due) -> (u8, i64) {
    match due {
        Due::Overdue(n) => (0, -n),
        Due::Today => (1, 0),
        Due::Left(n) => (2, n),
        Due::Open => (3, 0),
    }
}

#[cfg(test)]
mod tests;
