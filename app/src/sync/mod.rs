//! Talking to the server (browser only): sign-in and sign-out, and the sync engine that pushes
//! the outbox and pulls the helper's records, one tab at a time.
//!
//! The engine's decisions (how the outbox is cut into pushes, what an answer does to a record,
//! which rows change) are plain functions in modules of their own that compile everywhere and
//! are tested natively; the modules that talk to IndexedDB and `fetch` only compile in the
//! browser. [`types`] holds what [`crate::phone`] shares with them, so neither needs the other.

#[cfg(any(test, feature = "hydrate"))]
pub mod answers;
#[cfg(any(test, feature = "hydrate"))]
pub mod chunks;
pub mod ops;
pub mod types;

#[cfg(feature = "hydrate")]
pub mod authorization_fix;
#[cfg(feature = "hydrate")]
pub mod engine;
#[cfg(feature = "hydrate")]
pub(crate) mod http;
#[cfg(feature = "hydrate")]
mod lock;
#[cfg(feature = "hydrate")]
pub mod queue;
#[cfg(feature = "hydrate")]
pub mod reference;
#[cfg(feature = "hydrate")]
pub mod resend;
#[cfg(any(test, feature = "hydrate"))]
pub mod row_cache;
#[cfg(feature = "hydrate")]
pub mod rows;
#[cfg(feature = "hydrate")]
pub mod session;
#[cfg(feature = "hydrate")]
pub mod storage;
#[cfg(feature = "hydrate")]
pub mod time;
#[cfg(feature = "hydrate")]
pub mod uploads;
#[cfg(feature = "hydrate")]
pub mod wire;

#[cfg(test)]
mod resume_tests;
