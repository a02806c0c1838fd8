//! The phone's copy of the data in IndexedDB (browser only): the records the helper may see,
//! the outbox of changes not yet accepted by the server, and a few settings. One schema with a
//! version; pages reach it through [`crate::contexts::FieldSync`], never directly.

#[cfg(feature = "hydrate")]
pub mod attachments;
#[cfg(feature = "hydrate")]
mod db;
#[cfg(feature = "hydrate")]
mod error;
#[cfg(feature = "hydrate")]
pub mod meta;
#[cfg(feature = "hydrate")]
pub mod outbox;
#[cfg(any(test, feature = "hydrate"))]
pub mod page_plan;
#[cfg(feature = "hydrate")]
pub mod records;
#[cfg(any(test, feature = "hydrate"))]
pub mod settlement;
#[cfg(feature = "hydrate")]
pub mod uploads;

#[cfg(feature = "hydrate")]
pub use db::{exists, wipe};
#[cfg(feature = "hydrate")]
pub(crate) use db::{to_js, to_json};
#[cfg(feature = "hydrate")]
pub use error::StoreError;
#[cfg(feature = "hydrate")]
pub use records::LocalRecord;
