//! The step between a right password and the second factor: a short-lived pending sign-in,
//! named by a random token in its own cookie (only the hash is stored). It is no session:
//! nothing but `POST /api/auth/totp` accepts it.

use ::time::Duration as CookieAge;
use axum_extra::extract::cookie::{Cookie, SameSite};
use chrono::{DateTime, Duration, Utc};

use super::token;
use crate::db::{Db, time};

/// The pending sign-in's cookie.
pub const PENDING_COOKIE: &str = "__Host-od_pending";

/// How long the code may take to arrive.
pub fn lifetime() -> Duration {
    Duration::minutes(5)
}

/// The cookie carrying a pending sign-in's token.
pub fn cookie(token: String) -> Cookie<'static> {
    Cookie::build((PENDING_COOKIE, token))
        .max_age(CookieAge::seconds(lifetime().num_seconds()))
        .path("/")
        .http_only(true)
        .secure(true)
        .same_site(SameSite::Strict)
        .build()
}

/// The cookie that removes it.
pub fn clear_cookie() -> Cookie<'static> {
    let mut c = cookie(String::new());
    c.make_removal();
    c
}

/// Starts a pending sign-in for `user` (purging expired ones); answers its token.
pub async fn start(db: &Db, user: &str, now: DateTime<Utc>) -> Result<String, sqlx::Error> {
    let token = token::new_token();
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM pending_sign_ins WHERE expires_at < $1")
        .bind(time::to_db(now))
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO pending_sign_ins (token_hash, user_id, expires_at) VALUES ($1, $2, $3)",
    )
    .bind(token::hash(&token))
    .bind(user)
    .bind(time::to_db(now + lifetime()))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// The account of a live pending sign-in.
pub async fn find(db: &Db, token: &str, now: DateTime<Utc>) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT user_id FROM pending_sign_ins WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(token::hash(token))
    .bind(time::to_db(now))
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|r| r.0))
}

/// Ends a pending sign-in (it became a session).
pub async fn finish(db: &Db, token: &str) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM pending_sign_ins WHERE token_hash = $1")
        .bind(token::hash(token))
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}
