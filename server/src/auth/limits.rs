//! Counted attempts: the lockout, the one-time codes' request limits and the public look-ups'
//! rate limit. An attempt is *admitted* — checked against every limit and counted — in one
//! write transaction before the work it guards is done, so parallel attempts cannot all pass
//! a check that none of them has been counted in yet. One that succeeds can be forgiven.
//!
//! SQLite has one writer at a time, which makes admit atomic by itself; on PostgreSQL the
//! transaction first takes an advisory lock per key (in key order, so two admits never wait
//! on each other crosswise) and counts after it.

use chrono::{DateTime, Duration, Utc};

use crate::db::{Backend, Db, time};

/// Counted rows older than this are purged whatever their key (longer than any window).
const KEEP: i64 = 2;

/// One count an attempt is held to: at most `max` within `window` under `key`.
#[derive(Debug, Clone)]
pub struct Limit {
    /// What is counted, e.g. `account:clerk` or `address:192.0.2.1`.
    pub key: String,
    /// Attempts allowed within the window.
    pub max: i64,
    /// The window.
    pub window: Duration,
}

impl Limit {
    /// `max` attempts under `key` within `window`.
    pub fn new(key: impl Into<String>, max: i64, window: Duration) -> Limit {
        Limit {
            key: key.into(),
            max,
            window,
        }
    }
}

/// An admitted attempt, counted under each of its keys until forgiven.
#[derive(Debug)]
#[must_use = "an admitted attempt stays counted unless forgiven"]
pub struct Admitted {
    attempt: String,
    /// The keys whose limit this attempt reached: the next one under them is refused (a
    /// lockout begins, if this attempt fails).
    pub reached: Vec<String>,
}

/// Counts an attempt under every limit and answers it admitted, or answers the seconds until
/// the first refusing limit allows another (nothing counted then).
pub async fn admit(
    db: &Db,
    limits: &[Limit],
    now: DateTime<Utc>,
) -> Result<Result<Admitted, i64>, sqlx::Error> {
    // One key may carry several limits (one a minute, five an hour): locked and counted once.
    let mut keys: Vec<&str> = limits.iter().map(|l| l.key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    let mut tx = db.begin_write().await?;
    if db.kind() == Backend::Postgres {
        for key in &keys {
            // `pg_advisory_xact_lock` answers void, which the `Any` driver cannot carry.
            sqlx::query(
                "SELECT COUNT(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended($1, 0))) l",
            )
            .bind(key)
            .execute(&mut *tx)
            .await?;
        }
    }
    let mut wait: Option<i64> = None;
    let mut reached = Vec::new();
    for limit in limits {
        let since = time::to_db(now - limit.window);
        let (n, oldest): (i64, Option<String>) = sqlx::query_as(
            "SELECT COUNT(*), MIN(at) FROM auth_failures WHERE key = $1 AND at > $2",
        )
        .bind(&limit.key)
        .bind(&since)
        .fetch_one(&mut *tx)
        .await?;
        if n >= limit.max {
            let oldest = oldest.and_then(|o| time::from_db(&o).ok()).unwrap_or(now);
            let secs = (oldest + limit.window - now).num_seconds().max(1);
            wait = Some(wait.map_or(secs, |w| w.max(secs)));
        } else if n + 1 >= limit.max && !reached.contains(&limit.key) {
            reached.push(limit.key.clone());
        }
    }
    if let Some(wait) = wait {
        return Ok(Err(wait));
    }
    let attempt = uuid::Uuid::now_v7().to_string();
    for key in &keys {
        sqlx::query("INSERT INTO auth_failures (key, at, attempt) VALUES ($1, $2, $3)")
            .bind(key)
            .bind(time::to_db(now))
            .bind(&attempt)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM auth_failures WHERE at < $1")
        .bind(time::to_db(now - Duration::days(KEEP)))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Ok(Admitted { attempt, reached }))
}

/// Uncounts an attempt that succeeded (a right password is no failure).
pub async fn forgive(db: &Db, admitted: Admitted) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM auth_failures WHERE attempt = $1")
        .bind(&admitted.attempt)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}
