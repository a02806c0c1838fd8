//! Exactly-once sync with the phones (DESIGN.md "Data flow").
//!
//! * push: a batch runs in one write transaction; each operation in a savepoint, so its
//!   effects, its id and its stored answer commit together or not at all, and a refused one
//!   rolls back alone. A repeated operation id answers the stored result.
//! * pull: the change log after a cursor, filtered with `domain::jurisdiction::access`; a
//!   record the caller can no longer see comes as a removal.
//!
//! The functions take the caller as a `domain` [`Actor`](domain::jurisdiction::Actor), so the
//! HTTP handlers and the tests drive the same code.

mod case_ops;
mod household_ops;
mod household_rules;
mod op_error;
pub mod pull;
pub mod push;
mod seq;
mod store;

pub use op_error::OpError;

/// What every operation works with: the batch's transaction and change numbers, the caller,
/// and when the user acted.
pub(crate) struct Ctx<'a> {
    conn: &'a mut sqlx::AnyConnection,
    seq: &'a mut seq::SeqAlloc,
    actor: &'a domain::jurisdiction::Actor,
    at: chrono::DateTime<chrono::Utc>,
}
