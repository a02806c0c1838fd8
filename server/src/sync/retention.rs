//! How long applied operations are remembered (issue 22, point 10). An operation id is kept
//! for ever with a digest of the operation, never its body, so a replay is told from a reuse
//! however late it comes, and the household it carried is not kept twice. Its stored answer
//! is dropped after the retention period; a replay after that is answered from the record.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::db::{Db, time};

/// The `result` of an operation whose answer was pruned.
pub const PRUNED: &str = "";

const DIGEST_PREFIX: &str = "sha256:";

/// The digest stored for an operation (its JSON as the server reads it).
pub fn digest(op_json: &str) -> String {
    format!(
        "{DIGEST_PREFIX}{}",
        hex::encode(Sha256::digest(op_json.as_bytes()))
    )
}

/// The digest of a stored `op`: rows applied before digests were stored hold the whole
/// operation.
pub fn stored_digest(stored: &str) -> String {
    if stored.starts_with(DIGEST_PREFIX) {
        stored.to_owned()
    } else {
        digest(stored)
    }
}

/// Drops the answers of operations applied before `cutoff` (and the body of any stored
/// before digests were), in batches of a few hundred so phones' pushes are not held up.
/// Answers how many were pruned.
pub async fn prune(db: &Db, cutoff: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let cutoff = time::to_db(cutoff);
    let mut pruned = 0;
    loop {
        let mut tx = db.begin_write().await?;
        let rows = sqlx::query(
            "SELECT op_id, op FROM sync_ops WHERE applied_at < $1 AND result <> $2 LIMIT 500",
        )
        .bind(&cutoff)
        .bind(PRUNED)
        .fetch_all(&mut *tx)
        .await?;
        if rows.is_empty() {
            return Ok(pruned);
        }
        for row in &rows {
            let id: String = row.try_get(0)?;
            let op: String = row.try_get(1)?;
            sqlx::query("UPDATE sync_ops SET op = $1, result = $2 WHERE op_id = $3")
                .bind(stored_digest(&op))
                .bind(PRUNED)
                .bind(&id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        pruned += rows.len() as u64;
    }
}
