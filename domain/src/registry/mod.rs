//! The recipient registry (困难群众基本信息数据库, issue 21 point 3; seed 002 五(二)1–2): the
//! families and people receiving aid, one entry per household × category, built from decided
//! cases and from rosters imported from an earlier system; its dynamic management (动态管理:
//! new, exited, increased, decreased, back-paid, stopped) month by month with statistics per
//! category and township; and the periodic reviews (定期复核) each category's rule schedules.
//!
//! Everything here is pure: the server reads cases and stored roster records, turns them into
//! [`Grant`]s and [`RosterEntry`]s, and asks these functions. Time is an argument.
//!
//! - [`month`]: the calendar month the registry counts in;
//! - [`entry`]: categories, entries, and how grants and roster rows become entries;
//! - [`movements`]: the month's movements and statistics;
//! - [`reviews`]: the review schedule and what is due, overdue or done;
//! - [`roster`]: the stored record of an imported row or a review, and the import's row rules.

pub mod entry;
pub mod month;
pub mod movements;
pub mod reviews;
pub mod roster;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

pub use entry::{Category, Entry, Grant, Source, entries_from_grants};
pub use month::Month;
pub use movements::{Movement, MovementKind, Stats, movements, stats};
pub use reviews::{ReviewRule, ReviewState, ReviewStatus, review_rule, review_states};
pub use roster::{
    CheckedRow, RegistryRecord, ReviewRecord, RosterEntry, RowError, RowInput, check_row,
    parse_yuan,
};
