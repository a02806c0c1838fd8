//! Text messages to applicants and helpers when a case moves (`domain::notify` says what).
//!
//! * [`queue`]: a case command's messages, with the phone each goes to, written by the push
//!   batch in the command's own transaction. A replayed operation writes nothing, so nothing
//!   is queued twice; a refused one writes nothing either.
//! * [`send`]: the sender that delivers what is due through the configured SMS sender, one
//!   claim at a time, so two server processes never send the same message at once.

pub mod queue;
pub mod send;

pub use queue::{Notification, PendingNotification};
pub use send::{SendReport, send_due, spawn_sender};
