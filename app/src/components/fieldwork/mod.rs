//! The grid worker's records on the phone: their sync state, the list, the account.

mod account_card;
mod hardship_fields;
mod record_list;
mod state_label;
mod sync_status;

pub use account_card::AccountCard;
pub use hardship_fields::HardshipFields;
pub use record_list::RecordList;
pub use state_label::state_label;
pub use sync_status::SyncStatus;
