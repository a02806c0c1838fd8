//! Sessions: created at sign-in, looked up on every request, ended by logout, expiry or the
//! account being disabled.

use chrono::{DateTime, Utc};

use super::token;
use crate::audit::{self, AuditEntry};
use crate::db::{Db, time};

/// Starts a session for `user`, signed in from `address` (audited with it), and ends the
/// account's oldest live sessions beyond `keep` (this one counted), so a password that got
/// out cannot hold sessions open on more devices than its owner uses. Answers the token for
/// the cookie (only its hash is stored).
pub async fn start(
    db: &Db,
    user: &str,
    address: &str,
    now: DateTime<Utc>,
    keep: i64,
) -> Result<String, sqlx::Error> {
    let token = token::new_token();
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)",
    )
    .bind(token::hash(&token))
    .bind(user)
    .bind(time::to_db(now))
    .execute(&mut *tx)
    .await?;
    let ended = sqlx::query(
        "UPDATE sessions SET ended_at = $1 WHERE user_id = $2 AND ended_at IS NULL \
         AND token_hash <> $3 AND token_hash NOT IN (SELECT token_hash FROM sessions \
         WHERE user_id = $2 AND ended_at IS NULL AND token_hash <> $3 \
         ORDER BY created_at DESC, token_hash DESC LIMIT $4)",
    )
    .bind(time::to_db(now))
    .bind(user)
    .bind(token::hash(&token))
    .bind((keep - 1).max(0))
    .execute(&mut *tx)
    .await?
    .rows_affected();
    audit::append(
        &mut tx,
        &AuditEntry::by_user(user, "auth.login")
            .on("user", user, None)
            .with_detail(serde_json::json!({ "address": address, "older_sessions_ended": ended })),
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// Ends the session of `token`; answers its account if it was live.
pub async fn end(db: &Db, token: &str, now: DateTime<Utc>) -> Result<Option<String>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let user: Option<(String,)> = sqlx::query_as(
        "UPDATE sessions SET ended_at = $1 WHERE token_hash = $2 AND ended_at IS NULL \
         RETURNING user_id",
    )
    .bind(time::to_db(now))
    .bind(token::hash(token))
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(user.map(|(u,)| u))
}

/// Ends every session of `user` (account disabled, password reset).
pub async fn end_all(db: &Db, user: &str, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let done =
        sqlx::query("UPDATE sessions SET ended_at = $1 WHERE user_id = $2 AND ended_at IS NULL")
            .bind(time::to_db(now))
            .bind(user)
            .execute(&mut *tx)
            .await?;
    tx.commit().await?;
    Ok(done.rows_affected())
}

/// Ends every session of `user` but the one of `token` (the password was changed in it).
pub async fn end_others(
    db: &Db,
    user: &str,
    token: &str,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let done = sqlx::query(
        "UPDATE sessions SET ended_at = $1 WHERE user_id = $2 AND ended_at IS NULL \
         AND token_hash <> $3",
    )
    .bind(time::to_db(now))
    .bind(user)
    .bind(token::hash(token))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(done.rows_affected())
}

/// Marks the session used now (at most once a minute, to spare the writer).
pub async fn touch(
    db: &Db,
    token: &str,
    last_seen: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    if now - last_seen < chrono::Duration::minutes(1) {
        return Ok(());
    }
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(time::to_db(now))
        .bind(token::hash(token))
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}
