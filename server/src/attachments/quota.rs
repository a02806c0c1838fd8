//! Limits on unfinished uploads (issue 22, point 11): one account may have only so many
//! uploads under way, of so many bytes in all, and an upload not finished within its expiry
//! is deleted with its partial file by the housekeeping round.

use chrono::{DateTime, Utc};
use sqlx::{AnyConnection, Row};

use super::files::AttachmentFiles;
use super::uploads::{AttachmentError, Result};
use crate::db::{Db, time};

/// How much one account may have under way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadQuota {
    /// Unfinished uploads at once.
    pub count: i64,
    /// Their announced sizes together, in bytes.
    pub bytes: i64,
}

impl Default for UploadQuota {
    /// The configuration's defaults: 50 uploads, 200 MB.
    fn default() -> Self {
        UploadQuota {
            count: 50,
            bytes: 200 * 1024 * 1024,
        }
    }
}

/// Refuses a new upload of `size` bytes that would take `user` over the quota.
pub(super) async fn check(
    conn: &mut AnyConnection,
    user: &str,
    size: i64,
    quota: UploadQuota,
) -> Result<()> {
    let row = sqlx::query(
        "SELECT COUNT(*), CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM uploads WHERE user_id = $1",
    )
    .bind(user)
    .fetch_one(&mut *conn)
    .await?;
    let (count, bytes): (i64, i64) = (row.try_get(0)?, row.try_get(1)?);
    if count >= quota.count || bytes.saturating_add(size) > quota.bytes {
        return Err(AttachmentError::QuotaExceeded {
            count: quota.count,
            megabytes: quota.bytes / 1024 / 1024,
        });
    }
    Ok(())
}

/// Deletes the uploads begun before `cutoff` and never finished, with their partial files.
/// Answers how many.
pub async fn expire(
    db: &Db,
    files: &AttachmentFiles,
    cutoff: DateTime<Utc>,
) -> std::result::Result<u64, sqlx::Error> {
    let cutoff = time::to_db(cutoff);
    let mut tx = db.begin_write().await?;
    let ids: Vec<(String,)> = sqlx::query_as("SELECT id FROM uploads WHERE created_at < $1")
        .bind(&cutoff)
        .fetch_all(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM uploads WHERE created_at < $1")
        .bind(&cutoff)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    // The rows go first: a chunk arriving meanwhile finds no upload and writes nothing.
    for (id,) in &ids {
        files.discard(id).await;
    }
    Ok(ids.len() as u64)
}
