//! The second factor in the database: enrolment (start, confirm with a first code), checking
//! a code at sign-in (each time step taken once, atomically), recovery codes (hashed, each
//! good once) and disabling.

use chrono::{DateTime, Utc};

use super::token;
use super::totp::{self, TotpKey};
use crate::db::{Db, time};

/// How many recovery codes an enrolment hands out.
pub const RECOVERY_CODES: usize = 8;

/// What the account holder needs to add the account to an authenticator app.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Enrolment {
    /// The secret in base32, for typing it in.
    pub secret: String,
    /// The `otpauth://totp/…` URI the QR code carries.
    pub uri: String,
    /// The QR code as an SVG image.
    pub qr_svg: String,
}

/// How a second-factor check succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verified {
    /// A code from the authenticator app.
    Code,
    /// A recovery code (now used up).
    Recovery,
}

/// Whether `user` has a confirmed second factor.
pub async fn enabled(db: &Db, user: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT user_id FROM staff_totp WHERE user_id = $1 AND enabled_at IS NOT NULL",
    )
    .bind(user)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.is_some())
}

/// Starts (or starts again) an enrolment with a fresh secret; `None` when one is already
/// enabled (disable it first).
pub async fn begin(
    db: &Db,
    key: &TotpKey,
    user: &str,
    account: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Enrolment>> {
    let secret = totp::new_secret();
    let sealed = key.seal(user, &secret)?;
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM staff_totp WHERE user_id = $1 AND enabled_at IS NULL")
        .bind(user)
        .execute(&mut *tx)
        .await?;
    let inserted = sqlx::query(
        "INSERT INTO staff_totp (user_id, secret, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id) DO NOTHING",
    )
    .bind(user)
    .bind(&sealed)
    .bind(time::to_db(now))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    if inserted.rows_affected() == 0 {
        return Ok(None);
    }
    let (base32, uri) = totp::enrolment(&secret, account)?;
    let qr_svg = totp::qr_svg(&uri)?;
    Ok(Some(Enrolment {
        secret: base32,
        uri,
        qr_svg,
    }))
}

/// Confirms a started enrolment with a first code: enables it and answers fresh recovery
/// codes (shown once). `None`: no enrolment started, or the code is wrong.
pub async fn confirm(
    db: &Db,
    key: &TotpKey,
    user: &str,
    code: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Vec<String>>> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT secret FROM staff_totp WHERE user_id = $1 AND enabled_at IS NULL")
            .bind(user)
            .fetch_optional(db.pool())
            .await?;
    let Some((sealed,)) = row else {
        return Ok(None);
    };
    let secret = key.open(user, &sealed)?;
    let Some(step) = totp::matching_step(&secret, code, unix(now))? else {
        return Ok(None);
    };
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| recovery_code()).collect();
    let mut tx = db.begin_write().await?;
    let done = sqlx::query(
        "UPDATE staff_totp SET enabled_at = $1, last_step = $2 \
         WHERE user_id = $3 AND enabled_at IS NULL AND secret = $4",
    )
    .bind(time::to_db(now))
    .bind(step as i64)
    .bind(user)
    .bind(&sealed)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(None);
    }
    store_recovery_codes(&mut tx, user, &codes).await?;
    tx.commit().await?;
    Ok(Some(codes))
}

async fn store_recovery_codes(
    conn: &mut sqlx::AnyConnection,
    user: &str,
    codes: &[String],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM totp_recovery_codes WHERE user_id = $1")
        .bind(user)
        .execute(&mut *conn)
        .await?;
    for c in codes {
        sqlx::query("INSERT INTO totp_recovery_codes (user_id, code_hash) VALUES ($1, $2)")
            .bind(user)
            .bind(token::hash(&normalize(c)))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Checks a sign-in's second factor: an app code for a step newer than the last one taken
/// (taken now, so the same code never works twice), or an unused recovery code (used up now).
/// The taking is one conditional update, so two parallel requests cannot both succeed.
pub async fn verify(
    db: &Db,
    key: &TotpKey,
    user: &str,
    code: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Verified>> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT secret FROM staff_totp WHERE user_id = $1 AND enabled_at IS NOT NULL",
    )
    .bind(user)
    .fetch_optional(db.pool())
    .await?;
    let Some((sealed,)) = row else {
        return Ok(None);
    };
    let secret = key.open(user, &sealed)?;
    if let Some(step) = totp::matching_step(&secret, code, unix(now))? {
        let mut tx = db.begin_write().await?;
        let taken = sqlx::query(
            "UPDATE staff_totp SET last_step = $1 WHERE user_id = $2 \
             AND enabled_at IS NOT NULL AND (last_step IS NULL OR last_step < $1)",
        )
        .bind(step as i64)
        .bind(user)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        return Ok((taken.rows_affected() == 1).then_some(Verified::Code));
    }
    let normalized = normalize(code);
    if normalized.len() != 10 {
        return Ok(None);
    }
    let mut tx = db.begin_write().await?;
    let used = sqlx::query(
        "UPDATE totp_recovery_codes SET used_at = $1 \
         WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL",
    )
    .bind(time::to_db(now))
    .bind(user)
    .bind(token::hash(&normalized))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok((used.rows_affected() == 1).then_some(Verified::Recovery))
}

/// Removes the second factor and its recovery codes.
pub async fn disable(db: &Db, user: &str) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    for sql in [
        "DELETE FROM totp_recovery_codes WHERE user_id = $1",
        "DELETE FROM staff_totp WHERE user_id = $1",
    ] {
        sqlx::query(sql).bind(user).execute(&mut *tx).await?;
    }
    tx.commit().await
}

/// Enrols `user` with a known secret, already confirmed (the demo's published secret).
pub async fn enrol_known(
    db: &Db,
    key: &TotpKey,
    user: &str,
    secret: &[u8],
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let sealed = key.seal(user, secret)?;
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO staff_totp (user_id, secret, created_at, enabled_at) VALUES ($1, $2, $3, $3) \
         ON CONFLICT (user_id) DO NOTHING",
    )
    .bind(user)
    .bind(&sealed)
    .bind(time::to_db(now))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

fn unix(now: DateTime<Utc>) -> u64 {
    now.timestamp().max(0) as u64
}

/// A recovery code: ten letters and digits (about 50 bits), shown as `xxxxx-xxxxx`.
fn recovery_code() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let raw: String = (0..10)
        .map(|_| ALPHABET[token::random_below(ALPHABET.len() as u32) as usize] as char)
        .collect();
    format!("{}-{}", &raw[..5], &raw[5..])
}

/// A recovery code as typed, in the form it is hashed in (no dashes or spaces, lower case).
fn normalize(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}
