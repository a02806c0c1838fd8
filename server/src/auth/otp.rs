//! One-time codes for residents: six digits, five minutes, single use, one per phone per
//! minute; stored hashed together with the phone.

use chrono::{DateTime, Duration, Utc};

use super::token;
use crate::db::{Db, time};

/// How long a code is valid.
pub fn lifetime() -> Duration {
    Duration::minutes(5)
}

/// The least time between two codes for one phone.
pub fn resend_gap() -> Duration {
    Duration::seconds(60)
}

/// Seconds until another code may be sent to `phone`, if too soon.
pub async fn too_soon(
    db: &Db,
    phone: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, sqlx::Error> {
    let (last,): (Option<String>,) =
        sqlx::query_as("SELECT MAX(created_at) FROM otp_codes WHERE phone = $1")
            .bind(phone)
            .fetch_one(db.pool())
            .await?;
    let last = last.and_then(|l| time::from_db(&l).ok());
    Ok(last
        .map(|l| (l + resend_gap() - now).num_seconds())
        .filter(|s| *s > 0))
}

/// Makes and stores a new code for `phone`; answers it for sending.
pub async fn issue(db: &Db, phone: &str, now: DateTime<Utc>) -> Result<String, sqlx::Error> {
    let code = format!("{:06}", token::random_below(1_000_000));
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO otp_codes (phone, code_hash, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(phone)
    .bind(token::hash(&format!("{phone}:{code}")))
    .bind(time::to_db(now))
    .bind(time::to_db(now + lifetime()))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(code)
}

/// Uses up `code` if it is a valid, unused, unexpired code for `phone`.
pub async fn redeem(
    db: &Db,
    phone: &str,
    code: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let done = sqlx::query(
        "UPDATE otp_codes SET used_at = $1 \
         WHERE phone = $2 AND code_hash = $3 AND used_at IS NULL AND expires_at > $1",
    )
    .bind(time::to_db(now))
    .bind(phone)
    .bind(token::hash(&format!("{phone}:{code}")))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(done.rows_affected() > 0)
}
