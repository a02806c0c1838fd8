//! The working-day calendar (工作日历) and the deadlines of a case.
//!
//! Every step of a social-assistance case is timed in working days: weekends and the public
//! holidays are not counted, the make-up working days (调休上班) are. The days come from the
//! State Council General Office's yearly notice (国务院办公厅关于20XX年部分节假日安排的通知):
//!
//! * The notices for 2023–2026 are built in (`domain/data/holidays/<year>.json`).
//! * An admin loads a newly published notice at run time ([`YearNotice::parse_json`],
//!   [`Calendar::with_notice`]); no release is needed.
//! * A year without a notice is estimated from weekends and the statutory holidays of
//!   《全国年节及纪念日放假办法》 ([`statutory_holiday`]), never guessing the swaps; every
//!   result that consulted such a day carries `provisional: true` ([`Dated`]).
//!
//! Periods follow Chinese administrative practice: the start day is not counted
//! (期间开始之日不计算在内), and the clock stops while the case waits for the applicant's
//! materials ([`Pause`]).

mod arithmetic;
mod error;
mod notice;
mod pause;
mod policy;
pub mod print;
mod qingming;
mod statutory;
mod working_calendar;

#[cfg(test)]
mod proptests;

pub use arithmetic::{DUE_SOON_WITHIN, Urgency};
pub use error::CalendarError;
pub use notice::{
    DateRange, MAX_RANGE_DAYS, NoticeHoliday, NoticeSource, SPILL_FROM_DECEMBER_DAY, YearNotice,
};
pub use pause::{Deadline, MAX_WORKING_DAYS, Pause};
pub use policy::{NOTIFY_WITHIN, ROUTE_WITHIN};
pub use qingming::qingming;
pub use statutory::{
    REVISION_2024_FROM_YEAR, StatutoryHoliday, statutory_holiday, statutory_holidays,
};
pub use working_calendar::{Calendar, Dated};
