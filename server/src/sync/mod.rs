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
mod case_status;
mod household_ops;
mod household_rules;
mod op_error;
pub mod pull;
pub mod push;
mod seq;
mod store;

pub use case_status::{CaseStatus, case_status};
pub use op_error::OpError;

/// What every operation works with: the batch's transaction and change numbers, the caller,
/// and when the user acted.
pub(crate) struct Ctx<'a> {
    conn: &'a mut sqlx::AnyConnection,
    seq: &'a mut seq::SeqAlloc,
    catalogue: &'a domain::catalogue::Catalogue,
    actor: &'a domain::jurisdiction::Actor,
    at: chrono::DateTime<chrono::Utc>,
}

/// Writes a record outside any push (demo data, imports): the same store and change log, so
/// phones pull it like anything else. Runs inside the caller's write transaction.
pub async fn import_record(
    conn: &mut sqlx::AnyConnection,
    kind: domain::sync::RecordKind,
    id: uuid::Uuid,
    scope: &domain::jurisdiction::RecordScope,
    body: &serde_json::Value,
    by: uuid::Uuid,
) -> Result<i64, sqlx::Error> {
    let mut seq = seq::SeqAlloc::lock(conn).await?;
    let meta = store::WriteMeta { previous: None, by };
    let version = store::write(conn, &mut seq, kind, id, scope, body, meta).await?;
    seq.finish(conn).await?;
    Ok(version)
}
