//! The grid worker's records on the phone: their sync state, the list, the account.

mod account_card;
mod authorization_refusal;
mod hardship_fields;
mod hardship_where;
mod household_conflict;
mod record_list;
mod signed_in;
mod state_label;
mod sync_status;
mod temporary_aid_offer;

pub use account_card::AccountCard;
pub use hardship_fields::HardshipFields;
pub use hardship_where::HardshipWhere;
pub use record_list::RecordList;
pub use signed_in::{SignedIn, WithAccount};
pub use state_label::state_label;
pub use sync_status::SyncStatus;
pub use temporary_aid_offer::TemporaryAidOffer;
