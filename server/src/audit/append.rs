//! Appending, inside the transaction of the change it records.

use sqlx::AnyConnection;

use super::entry::{AuditEntry, hash};
use crate::db::bulk::{self, Val};
use crate::db::{Db, time};

/// Appends `entry` in `conn`'s transaction, so the change and its record commit together.
/// Answers the new entry's sequence number.
pub async fn append(conn: &mut AnyConnection, entry: &AuditEntry) -> Result<i64, sqlx::Error> {
    append_all(conn, std::slice::from_ref(entry)).await
}

/// Appends `entries` in order in `conn`'s transaction with one round trip for the rows; answers
/// the last one's sequence number (the head's, when `entries` is empty). Moving the head takes
/// a row lock on PostgreSQL (SQLite writers are serialised already), so concurrent appenders
/// queue up and the chain never forks.
pub async fn append_all(
    conn: &mut AnyConnection,
    entries: &[AuditEntry],
) -> Result<i64, sqlx::Error> {
    let n = entries.len() as i64;
    // RETURNING gives the moved sequence with the hash as it was: the chain continues from it.
    let (last, mut prev): (i64, String) =
        sqlx::query_as("UPDATE audit_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash")
            .bind(n)
            .fetch_one(&mut *conn)
            .await?;
    if entries.is_empty() {
        return Ok(last);
    }
    let at = time::now();
    let mut rows = Vec::with_capacity(entries.len());
    for (seq, entry) in (last - n + 1..).zip(entries) {
        let h = hash(seq, &at, entry, &prev);
        rows.push(vec![
            Val::Int(seq),
            Val::Text(at.clone()),
            Val::OptText(entry.actor_user.clone()),
            Val::OptText(entry.actor_role.clone()),
            Val::Text(entry.action.clone()),
            Val::OptText(entry.record_kind.clone()),
            Val::OptText(entry.record_id.clone()),
            Val::OptText(entry.place_code.clone()),
            Val::Text(entry.detail.clone()),
            Val::Text(std::mem::replace(&mut prev, h.clone())),
            Val::Text(h),
        ]);
    }
    bulk::insert(
        conn,
        "INSERT INTO audit_log (seq, at, actor_user, actor_role, action, record_kind, record_id, \
         place_code, detail, prev_hash, hash)",
        &rows,
        "",
    )
    .await?;
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
        .bind(&prev)
        .execute(&mut *conn)
        .await?;
    Ok(last)
}

/// Appends `entry` in a transaction of its own (reads, which change nothing else).
pub async fn append_standalone(db: &Db, entry: &AuditEntry) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let seq = append(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(seq)
}
