//! The helper ledger (帮办代办工作台账, seed 000 attachment 1): the village and quarter pickers
//! and the table, which prints as the paper form.

mod ledger_filters;
mod ledger_table;

pub use ledger_filters::{LedgerFilters, quarter_label};
pub use ledger_table::LedgerTable;
