//! The aid catalogue (服务事项清单) as data: items, their basis, conditions, materials,
//! departments and time limits.

mod codes;

pub use codes::{AidItemCode, MaterialCode};
