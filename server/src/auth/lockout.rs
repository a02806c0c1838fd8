//! The lockout: more than five failed sign-ins for one account or from one address within
//! fifteen minutes, and further attempts are answered 429 until the oldest failure ages out.
//! Kept in the database so that restarts and several server processes share it.

use chrono::{DateTime, Duration, Utc};

use crate::db::{Db, time};

/// Failures allowed within the window.
pub const MAX_FAILURES: i64 = 5;

/// The window.
pub fn window() -> Duration {
    Duration::minutes(15)
}

/// The keys one attempt counts against.
pub fn keys(account: &str, address: &str) -> [String; 2] {
    [format!("account:{account}"), format!("address:{address}")]
}

/// Seconds until another attempt is allowed, when locked.
pub async fn locked_for(
    db: &Db,
    keys: &[String],
    now: DateTime<Utc>,
) -> Result<Option<i64>, sqlx::Error> {
    let since = time::to_db(now - window());
    let mut wait = None;
    for key in keys {
        let (n, oldest): (i64, Option<String>) = sqlx::query_as(
            "SELECT COUNT(*), MIN(at) FROM auth_failures WHERE key = $1 AND at > $2",
        )
        .bind(key)
        .bind(&since)
        .fetch_one(db.pool())
        .await?;
        if n >= MAX_FAILURES {
            let oldest = oldest.and_then(|o| time::from_db(&o).ok()).unwrap_or(now);
            let secs = (oldest + window() - now).num_seconds().max(1);
            wait = Some(wait.map_or(secs, |w: i64| w.max(secs)));
        }
    }
    Ok(wait)
}

/// Counts a failed attempt against every key, and forgets failures older than the window.
pub async fn record_failure(
    db: &Db,
    keys: &[String],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    for key in keys {
        sqlx::query("INSERT INTO auth_failures (key, at) VALUES ($1, $2)")
            .bind(key)
            .bind(time::to_db(now))
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM auth_failures WHERE at < $1")
        .bind(time::to_db(now - window()))
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}
