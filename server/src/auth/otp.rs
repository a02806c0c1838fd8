//! One-time codes: six digits, five minutes, single use. A new code for a phone cancels its
//! older ones; five wrong tries cancel a code; expired codes are purged whenever a code is
//! made. The database keeps only HMAC-SHA256(server key, phone and code), so a copy of it
//! cannot be searched through the million possible codes without the key file.
//!
//! Requests for codes are limited ([`request_limits`]) per phone, per client address and for
//! the whole installation, counted in [`super::limits`].

use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::limits::Limit;
use super::token;
use crate::db::{Db, time};

/// Wrong tries that cancel a code.
pub const MAX_WRONG_TRIES: i64 = 5;
/// Codes one phone may be sent within an hour (besides one a minute).
pub const PHONE_PER_HOUR: i64 = 5;
/// Codes one client address may ask for within an hour.
pub const ADDRESS_PER_HOUR: i64 = 10;

/// How long a code is valid.
pub fn lifetime() -> Duration {
    Duration::minutes(5)
}

/// The least time between two codes for one phone.
pub fn resend_gap() -> Duration {
    Duration::seconds(60)
}

/// The server's key for codes (from the owner-only key file, see
/// [`crate::security::secret_file`]).
#[derive(Clone)]
pub struct CodeKey([u8; 32]);

impl std::fmt::Debug for CodeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CodeKey(…)")
    }
}

impl CodeKey {
    /// The key from its 32 bytes.
    pub fn new(bytes: [u8; 32]) -> CodeKey {
        CodeKey(bytes)
    }

    /// The stored form of `code` for `phone`.
    pub fn tag(&self, phone: &str, code: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key size");
        mac.update(phone.as_bytes());
        mac.update(b"\n");
        mac.update(code.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

/// The limits one request for a code to `phone` from `address` counts against; at most
/// `global_per_hour` codes an hour are sent in all.
pub fn request_limits(phone: &str, address: &str, global_per_hour: i64) -> Vec<Limit> {
    let hour = Duration::hours(1);
    let mut limits = phone_limits(phone);
    limits.push(Limit::new(
        format!("otp-address:{address}"),
        ADDRESS_PER_HOUR,
        hour,
    ));
    limits.push(Limit::new("otp-all", global_per_hour, hour));
    limits
}

/// The limits of codes to one phone: one a minute, [`PHONE_PER_HOUR`] an hour.
pub fn phone_limits(phone: &str) -> Vec<Limit> {
    let key = format!("otp-phone:{phone}");
    vec![
        Limit::new(key.clone(), 1, resend_gap()),
        Limit::new(key, PHONE_PER_HOUR, Duration::hours(1)),
    ]
}

/// Makes and stores a new code for `phone`, cancelling its older ones and purging expired
/// codes; answers it for sending.
pub async fn issue(
    db: &Db,
    key: &CodeKey,
    phone: &str,
    now: DateTime<Utc>,
) -> Result<String, sqlx::Error> {
    let code = format!("{:06}", token::random_below(1_000_000));
    let at = time::to_db(now);
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM otp_codes WHERE expires_at <= $1")
        .bind(&at)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE otp_codes SET used_at = $1 WHERE phone = $2 AND used_at IS NULL")
        .bind(&at)
        .bind(phone)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO otp_codes (phone, code_hash, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(phone)
    .bind(key.tag(phone, &code))
    .bind(&at)
    .bind(time::to_db(now + lifetime()))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(code)
}

/// Uses up `code` if it is the live code for `phone`; a wrong code counts a wrong try against
/// the live code, and the fifth cancels it.
pub async fn redeem(
    db: &Db,
    key: &CodeKey,
    phone: &str,
    code: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let at = time::to_db(now);
    let mut tx = db.begin_write().await?;
    let done = sqlx::query(
        "UPDATE otp_codes SET used_at = $1 \
         WHERE phone = $2 AND code_hash = $3 AND used_at IS NULL AND expires_at > $1 \
         AND wrong_tries < $4",
    )
    .bind(&at)
    .bind(phone)
    .bind(key.tag(phone, code))
    .bind(MAX_WRONG_TRIES)
    .execute(&mut *tx)
    .await?;
    let redeemed = done.rows_affected() > 0;
    if !redeemed {
        // One statement, so parallel wrong tries each count (the row is locked per update).
        sqlx::query(
            "UPDATE otp_codes SET wrong_tries = wrong_tries + 1, \
             used_at = CASE WHEN wrong_tries + 1 >= $3 THEN $1 ELSE NULL END \
             WHERE phone = $2 AND used_at IS NULL AND expires_at > $1",
        )
        .bind(&at)
        .bind(phone)
        .bind(MAX_WRONG_TRIES)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(redeemed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_depend_on_key_phone_and_code_and_are_not_plain_sha256() {
        let (a, b) = (CodeKey::new([1; 32]), CodeKey::new([2; 32]));
        let tag = a.tag("13800000001", "123456");
        assert_eq!(tag, a.tag("13800000001", "123456"));
        assert_ne!(tag, b.tag("13800000001", "123456"));
        assert_ne!(tag, a.tag("13800000002", "123456"));
        assert_ne!(tag, a.tag("13800000001", "123457"));
        assert_ne!(tag, token::hash("13800000001:123456"));
        assert_eq!(tag.len(), 64);
    }
}
