//! The public look-ups' rate limit: 30 a minute from one client address, counted in the
//! sign-in lockout's table (`auth_failures`, under keys of their own) so that restarts and
//! several server processes share it. It keeps anyone from walking the number space.

use chrono::{DateTime, Duration, Utc};

use crate::db::{Db, time};

/// Look-ups allowed per address within [`WINDOW_SECONDS`].
pub const MAX_LOOKUPS: i64 = 30;
/// The window.
pub const WINDOW_SECONDS: i64 = 60;

/// Counts a look-up from `address`; answers the seconds to wait instead when over the limit.
pub async fn admit(db: &Db, address: &str, now: DateTime<Utc>) -> Result<Option<i64>, sqlx::Error> {
    let key = format!("verify:{address}");
    let since = now - Duration::seconds(WINDOW_SECONDS);
    let (n, oldest): (i64, Option<String>) =
        sqlx::query_as("SELECT COUNT(*), MIN(at) FROM auth_failures WHERE key = $1 AND at > $2")
            .bind(&key)
            .bind(time::to_db(since))
            .fetch_one(db.pool())
            .await?;
    if n >= MAX_LOOKUPS {
        let oldest = oldest.and_then(|o| time::from_db(&o).ok()).unwrap_or(now);
        let wait = (oldest + Duration::seconds(WINDOW_SECONDS) - now)
            .num_seconds()
            .max(1);
        return Ok(Some(wait));
    }
    let mut tx = db.begin_write().await?;
    sqlx::query("INSERT INTO auth_failures (key, at) VALUES ($1, $2)")
        .bind(&key)
        .bind(time::to_db(now))
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM auth_failures WHERE key = $1 AND at <= $2")
        .bind(&key)
        .bind(time::to_db(since))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(None)
}
