//! Appending, inside the transaction of the change it records.

use sqlx::AnyConnection;

use super::entry::{AuditEntry, hash};
use crate::db::{Db, time};

/// Appends `entry` in `conn`'s transaction, so the change and its record commit together.
/// Answers the new entry's sequence number. The head row update takes a row lock on
/// PostgreSQL (SQLite writers are serialised already), so concurrent appenders queue up and
/// the chain never forks.
pub async fn append(conn: &mut AnyConnection, entry: &AuditEntry) -> Result<i64, sqlx::Error> {
    let (seq, prev): (i64, String) =
        sqlx::query_as("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
            .fetch_one(&mut *conn)
            .await?;
    let at = time::now();
    let h = hash(seq, &at, entry, &prev);
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor_user, actor_role, action, record_kind, record_id, \
         place_code, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(seq)
    .bind(&at)
    .bind(entry.actor_user.as_deref())
    .bind(entry.actor_role.as_deref())
    .bind(&entry.action)
    .bind(entry.record_kind.as_deref())
    .bind(entry.record_id.as_deref())
    .bind(entry.place_code.as_deref())
    .bind(&entry.detail)
    .bind(&prev)
    .bind(&h)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
        .bind(&h)
        .execute(&mut *conn)
        .await?;
    Ok(seq)
}

/// Appends `entry` in a transaction of its own (reads, which change nothing else).
pub async fn append_standalone(db: &Db, entry: &AuditEntry) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let seq = append(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(seq)
}
