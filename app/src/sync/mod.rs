//! Talking to the server (browser only): sign-in and sign-out, and the sync engine that pushes
//! the outbox and pulls the helper's records, one tab at a time.

pub mod authorization_fix;
pub mod engine;
pub(crate) mod http;
mod lock;
pub mod queue;
pub mod reference;
pub mod rows;
pub mod session;
pub mod storage;
pub mod time;
pub mod uploads;
pub mod wire;
