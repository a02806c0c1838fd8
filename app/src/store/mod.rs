//! The phone's copy of the data in IndexedDB (browser only): the records the helper may see,
//! the outbox of changes not yet accepted by the server, and a few settings. One schema with a
//! version; pages reach it through [`crate::contexts::FieldSync`], never directly.

pub mod attachments;
mod db;
mod error;
pub mod meta;
pub mod outbox;
pub mod records;
pub mod uploads;

pub use db::{exists, wipe};
pub(crate) use db::{to_js, to_json};
pub use error::StoreError;
pub use records::LocalRecord;
