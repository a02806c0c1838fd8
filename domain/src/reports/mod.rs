//! The county's reports on the helper service (seed 000 三(四) and its attachments 2 and 3):
//! when each report is due ([`periods`]). Pure rules, no I/O; the server builds the pages and
//! exports from them.

pub mod periods;

pub use periods::{Deadline, ReportPeriod, due_status};
